/* util.c — logging, progress, name folding, strict number parsing, data paths, allocation. */
#include "ferrosim/common.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int log_level = FERRO_LOG_WARNING;
void ferro_log_set_level(int level) { log_level = level; }
int ferro_log_get_level(void) { return log_level; }

void ferro_log(int level, const char *fmt, ...)
{
    if (level > log_level) return;
    static const char *tag[] = {"", "error", "warning", "info", "debug"};
    va_list ap;
    fprintf(stderr, "ferrosim: %s: ", tag[level < 0 ? 0 : level > 4 ? 4 : level]);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

struct ferro_progress_s {
    char label[64];
    long total;
    atomic_long done;
    atomic_int shown; /* last percentage drawn */
    int active;
};

ferro_progress_t *ferro_progress_start(const char *label, long total)
{
    ferro_progress_t *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    snprintf(p->label, sizeof p->label, "%s", label ? label : "");
    p->total = total > 0 ? total : 1;
    atomic_init(&p->done, 0);
    atomic_init(&p->shown, -1);
    p->active = log_level >= FERRO_LOG_WARNING && isatty(STDERR_FILENO);
    return p;
}

void ferro_progress_tick(ferro_progress_t *p, long n)
{
    if (!p) return;
    long d = atomic_fetch_add(&p->done, n) + n;
    if (!p->active) return;
    int pct = (int)(100.0 * (double)d / (double)p->total);
    if (pct > 100) pct = 100;
    int old = atomic_load(&p->shown);
    if (pct != old && atomic_compare_exchange_strong(&p->shown, &old, pct)) {
        char bar[41];
        int k = pct * 40 / 100;
        for (int i = 0; i < 40; i++) bar[i] = i < k ? '#' : '.';
        bar[40] = 0;
        fprintf(stderr, "\r%s [%s] %3d%%", p->label, bar, pct);
        fflush(stderr);
    }
}

void ferro_progress_finish(ferro_progress_t *p)
{
    if (!p) return;
    if (p->active && atomic_load(&p->shown) >= 0) fputc('\n', stderr);
    free(p);
}

void ferro_name_fold(const char *in, char *out, size_t n)
{
    static const struct { const char *utf8, *ascii; } greek[] = {
        {"\xce\xb1", "alpha"}, {"\xce\xb2", "beta"}, {"\xce\xb3", "gamma"}, {"\xce\xb4", "delta"},
        {"\xce\xba", "kappa"}, {"\xc2\xb5", "u"}, {"\xce\xbc", "u"}};
    size_t j = 0;
    if (!n) return;
    for (const char *s = in; s && *s && j + 1 < n;) {
        int matched = 0;
        for (size_t g = 0; g < sizeof greek / sizeof greek[0]; g++) {
            size_t L = strlen(greek[g].utf8);
            if (strncmp(s, greek[g].utf8, L) == 0) {
                for (const char *a = greek[g].ascii; *a && j + 1 < n; a++) out[j++] = *a;
                s += L;
                matched = 1;
                break;
            }
        }
        if (matched) continue;
        unsigned char c = (unsigned char)*s++;
        if (c == '-' || c == '_' || c == ' ' || c == '.' || c == ',' || c == '(' || c == ')' || c == '\t')
            continue;
        out[j++] = (char)tolower(c);
    }
    out[j] = 0;
}

int ferro_name_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    int *row = malloc((lb + 1) * sizeof *row);
    if (!row) return 1 << 20;
    for (size_t j = 0; j <= lb; j++) row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int up = row[j];
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int v = diag + cost;
            if (up + 1 < v) v = up + 1;
            if (row[j - 1] + 1 < v) v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
        }
    }
    int d = row[lb];
    free(row);
    return d;
}

int ferro_parse_double(const char *s, double *out)
{
    char *end;
    if (!s) return FERRO_EPARSE;
    while (isspace((unsigned char)*s)) s++;
    if (!*s) return FERRO_EPARSE;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s) return FERRO_EPARSE;
    while (isspace((unsigned char)*end)) end++;
    if (*end || !isfinite(v) || (errno == ERANGE && fabs(v) > 1.0)) return FERRO_EPARSE;
    *out = v;
    return 0;
}

int ferro_parse_long(const char *s, long *out)
{
    char *end;
    if (!s) return FERRO_EPARSE;
    while (isspace((unsigned char)*s)) s++;
    if (!*s) return FERRO_EPARSE;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || errno == ERANGE) return FERRO_EPARSE;
    while (isspace((unsigned char)*end)) end++;
    if (*end) return FERRO_EPARSE;
    *out = v;
    return 0;
}

int ferro_is_na(const char *s)
{
    if (!s) return 1;
    while (isspace((unsigned char)*s)) s++;
    return *s == 0 || strcmp(s, "NA") == 0 || strcmp(s, "NaN") == 0 || strcmp(s, "nan") == 0;
}

#ifndef FERRO_DATA_DIR
#define FERRO_DATA_DIR "data"
#endif

const char *ferro_data_dir(void)
{
    const char *e = getenv("FERROSIM_DATA");
    return e && *e ? e : FERRO_DATA_DIR;
}

const char *ferro_data_path(const char *rel, char *buf, size_t n)
{
    snprintf(buf, n, "%s/%s", ferro_data_dir(), rel);
    return buf;
}

void *ferro_malloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) ferro_error_set(FERRO_ENOMEM, "out of memory (%zu bytes)", n);
    return p;
}

void *ferro_calloc(size_t m, size_t n)
{
    void *p = calloc(m ? m : 1, n ? n : 1);
    if (!p) ferro_error_set(FERRO_ENOMEM, "out of memory (%zu x %zu bytes)", m, n);
    return p;
}

void *ferro_realloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) ferro_error_set(FERRO_ENOMEM, "out of memory (%zu bytes)", n);
    return q;
}

char *ferro_strdup(const char *s)
{
    size_t L = strlen(s) + 1;
    char *d = ferro_malloc(L);
    if (d) memcpy(d, s, L);
    return d;
}
