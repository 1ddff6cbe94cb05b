/* tsv.c — delimited text reader (TSV/CSV, gzip via zlib, '-' = stdin) and small-table loader. */
#include "ferrosim/io.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

struct ferro_tsv_s {
    gzFile gz;
    char *path;
    int flags;
    char *line;      /* current raw line (modified in place into fields) */
    size_t cap;
    char **field;
    int nfield, fcap;
    long lineno;     /* line of the current record */
    long nextline;   /* lines read so far */
    char *buf;       /* decompressed bytes not yet split into lines: buf[bpos..blen) */
    size_t bpos, blen;
    int eof;
};

#define TSV_BUFSIZE (1 << 16)

static int ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && strcmp(s + a - b, suf) == 0;
}

int ferro_tsv_open(const char *path, int flags, ferro_tsv_t **out)
{
    *out = NULL;
    ferro_tsv_t *r = ferro_calloc(1, sizeof *r);
    if (!r) return FERRO_ENOMEM;
    r->path = ferro_strdup(strcmp(path, "-") == 0 ? "<stdin>" : path);
    if (!r->path) { free(r); return FERRO_ENOMEM; }
    if (ends_with(path, ".csv") || ends_with(path, ".csv.gz")) flags |= FERRO_TSV_CSV;
    r->flags = flags;
    if (!(r->buf = ferro_malloc(TSV_BUFSIZE))) { free(r->path); free(r); return FERRO_ENOMEM; }
    errno = 0;
    r->gz = strcmp(path, "-") == 0 ? gzdopen(dup(STDIN_FILENO), "rb") : gzopen(path, "rb");
    if (!r->gz) {
        int rc = ferro_error_open(path);
        free(r->buf);
        free(r->path);
        free(r);
        return rc;
    }
    gzbuffer(r->gz, 1 << 17);
    *out = r;
    return 0;
}

/* Refill r->buf; sets r->eof at the end of the data. A read error (a corrupt or truncated gzip
 * stream) is an error, never a silently shorter file. */
static int fill(ferro_tsv_t *r)
{
    int got = gzread(r->gz, r->buf, TSV_BUFSIZE);
    int err;
    const char *m = gzerror(r->gz, &err);
    if (got < 0 || (err != Z_OK && err != Z_STREAM_END))
        return ferro_error_set(FERRO_EIO, "%s: line %ld: read error: %s", r->path, r->nextline + 1,
                               err == Z_BUF_ERROR ? "unexpected end of file (truncated gzip data?)" : m);
    r->bpos = 0;
    r->blen = (size_t)got;
    if (got == 0) r->eof = 1;
    return 0;
}

/* Read one physical line into r->line (without the newline). FERRO_END at EOF. A NUL byte is an
 * error (a binary file): C strings would silently cut the line there. */
static int read_line(ferro_tsv_t *r, size_t *len)
{
    size_t n = 0;
    int rc;
    for (;;) {
        if (r->bpos == r->blen) {
            if (!r->eof && (rc = fill(r))) return rc;
            if (r->eof) break;
        }
        const char *start = r->buf + r->bpos;
        size_t avail = r->blen - r->bpos;
        const char *nl = memchr(start, '\n', avail);
        size_t take = nl ? (size_t)(nl - start) + 1 : avail;
        if (r->cap - n < take + 1) {
            size_t nc = r->cap ? r->cap : 4096;
            while (nc - n < take + 1) nc *= 2;
            char *p = ferro_realloc(r->line, nc);
            if (!p) return FERRO_ENOMEM;
            r->line = p;
            r->cap = nc;
        }
        memcpy(r->line + n, start, take);
        n += take;
        r->bpos += take;
        if (nl) break;
    }
    if (n == 0) return FERRO_END;
    r->line[n] = 0;
    r->nextline++;
    const char *nul = memchr(r->line, 0, n);
    if (nul) {
        char sep = (r->flags & FERRO_TSV_CSV) ? ',' : '\t';
        int col = 1;
        for (const char *p = r->line; p < nul; p++) col += *p == sep;
        r->lineno = r->nextline;
        return ferro_error_set(FERRO_EPARSE, "%s: line %ld, column %d: a NUL byte (binary data, not a text table)",
                               r->path, r->lineno, col);
    }
    while (n && (r->line[n - 1] == '\n' || r->line[n - 1] == '\r')) r->line[--n] = 0;
    *len = n;
    return 0;
}

static int push_field(ferro_tsv_t *r, char *f)
{
    if (r->nfield == r->fcap) {
        int nc = r->fcap ? r->fcap * 2 : 64;
        char **p = ferro_realloc(r->field, (size_t)nc * sizeof *p);
        if (!p) return FERRO_ENOMEM;
        r->field = p;
        r->fcap = nc;
    }
    r->field[r->nfield++] = f;
    return 0;
}

static int split_tsv(ferro_tsv_t *r)
{
    char *s = r->line;
    for (;;) {
        char *t = strchr(s, '\t');
        if (push_field(r, s)) return FERRO_ENOMEM;
        if (!t) break;
        *t = 0;
        s = t + 1;
    }
    return 0;
}

static int split_csv(ferro_tsv_t *r)
{
    char *s = r->line, *w;
    for (;;) {
        char *start = s;
        w = s;
        if (*s == '"') {
            s++;
            for (;;) {
                if (!*s) return ferro_tsv_error(r, FERRO_EPARSE, r->nfield + 1, "unterminated quoted field");
                if (*s == '"') {
                    if (s[1] == '"') { *w++ = '"'; s += 2; continue; }
                    s++;
                    break;
                }
                *w++ = *s++;
            }
            if (*s && *s != ',')
                return ferro_tsv_error(r, FERRO_EPARSE, r->nfield + 1, "text after a closing quote");
        } else {
            while (*s && *s != ',') *w++ = *s++;
        }
        int last = *s == 0;
        *w = 0;
        if (push_field(r, start)) return FERRO_ENOMEM;
        if (last) break;
        s++;
    }
    return 0;
}

int ferro_tsv_next(ferro_tsv_t *r)
{
    for (;;) {
        size_t len = 0;
        int rc = read_line(r, &len);
        if (rc) return rc;
        if (len == 0 && !(r->flags & FERRO_TSV_KEEP_BLANK)) continue;
        if ((r->flags & FERRO_TSV_SKIP_HASH) && r->line[0] == '#') continue;
        if ((r->flags & FERRO_TSV_SKIP_BANG) && r->line[0] == '!') continue;
        r->lineno = r->nextline;
        r->nfield = 0;
        /* strip a UTF-8 byte-order mark on the first line */
        if (r->lineno == 1 && (unsigned char)r->line[0] == 0xEF && (unsigned char)r->line[1] == 0xBB &&
            (unsigned char)r->line[2] == 0xBF)
            memmove(r->line, r->line + 3, len - 2);
        return (r->flags & FERRO_TSV_CSV) ? split_csv(r) : split_tsv(r);
    }
}

int ferro_tsv_nfields(const ferro_tsv_t *r) { return r->nfield; }
const char *ferro_tsv_field(const ferro_tsv_t *r, int i) { return i >= 0 && i < r->nfield ? r->field[i] : NULL; }
long ferro_tsv_lineno(const ferro_tsv_t *r) { return r->lineno; }
const char *ferro_tsv_path(const ferro_tsv_t *r) { return r->path; }

int ferro_tsv_error(const ferro_tsv_t *r, int code, int column, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (column > 0)
        return ferro_error_set(code, "%s: line %ld, column %d: %s", r->path, r->lineno, column, msg);
    return ferro_error_set(code, "%s: line %ld: %s", r->path, r->lineno, msg);
}

int ferro_tsv_double(const ferro_tsv_t *r, int i, int allow_na, double *out)
{
    const char *f = ferro_tsv_field(r, i);
    if (!f) return ferro_tsv_error(r, FERRO_EPARSE, i + 1, "missing field (the line has %d)", r->nfield);
    if (ferro_is_na(f)) {
        if (allow_na) { *out = NAN; return 0; }
        return ferro_tsv_error(r, FERRO_EPARSE, i + 1, "missing value '%s' where a number is required", f);
    }
    if (ferro_parse_double(f, out))
        return ferro_tsv_error(r, FERRO_EPARSE, i + 1, "'%.60s' is not a number", f);
    return 0;
}

int ferro_tsv_expect_fields(const ferro_tsv_t *r, int n)
{
    if (r->nfield != n)
        return ferro_tsv_error(r, FERRO_EPARSE, 0, "%d columns, expected %d (as in the header)", r->nfield, n);
    return 0;
}

void ferro_tsv_close(ferro_tsv_t *r)
{
    if (!r) return;
    if (r->gz) gzclose(r->gz);
    free(r->buf);
    free(r->line);
    free(r->field);
    free(r->path);
    free(r);
}

/* ---- small tables ---- */

static char **dup_fields(const ferro_tsv_t *r)
{
    char **v = ferro_calloc((size_t)r->nfield, sizeof *v);
    if (!v) return NULL;
    for (int i = 0; i < r->nfield; i++)
        if (!(v[i] = ferro_strdup(r->field[i]))) {
            for (int j = 0; j < i; j++) free(v[j]);
            free(v);
            return NULL;
        }
    return v;
}

int ferro_table_read(const char *path, int flags, ferro_table_t **out)
{
    ferro_tsv_t *r;
    *out = NULL;
    int rc = ferro_tsv_open(path, flags, &r);
    if (rc) return rc;
    ferro_table_t *t = ferro_calloc(1, sizeof *t);
    if (!t) { ferro_tsv_close(r); return FERRO_ENOMEM; }
    t->path = ferro_strdup(ferro_tsv_path(r));
    rc = ferro_tsv_next(r);
    if (rc == FERRO_END) {
        rc = ferro_error_set(FERRO_EPARSE, "%s: line 1: empty file (a header line is required)", ferro_tsv_path(r));
        goto fail;
    }
    if (rc) goto fail;
    t->ncol = r->nfield;
    if (!(t->header = dup_fields(r))) { rc = FERRO_ENOMEM; goto fail; }
    int cap = 0;
    while ((rc = ferro_tsv_next(r)) == 0) {
        if ((rc = ferro_tsv_expect_fields(r, t->ncol))) goto fail;
        if (t->nrow == cap) {
            cap = cap ? cap * 2 : 64;
            char ***c = ferro_realloc(t->cell, (size_t)cap * sizeof *c);
            long *l = c ? ferro_realloc(t->lineno, (size_t)cap * sizeof *l) : NULL;
            if (c) t->cell = c;
            if (!c || !l) { rc = FERRO_ENOMEM; goto fail; }
            t->lineno = l;
        }
        if (!(t->cell[t->nrow] = dup_fields(r))) { rc = FERRO_ENOMEM; goto fail; }
        t->lineno[t->nrow++] = ferro_tsv_lineno(r);
    }
    if (rc != FERRO_END) goto fail;
    ferro_tsv_close(r);
    *out = t;
    return 0;
fail:
    ferro_tsv_close(r);
    ferro_table_free(t);
    return rc;
}

int ferro_table_col(const ferro_table_t *t, const char *name)
{
    for (int j = 0; j < t->ncol; j++)
        if (strcmp(t->header[j], name) == 0) return j;
    return -1;
}

void ferro_table_free(ferro_table_t *t)
{
    if (!t) return;
    for (int i = 0; i < t->nrow; i++) {
        for (int j = 0; j < t->ncol; j++) free(t->cell[i][j]);
        free(t->cell[i]);
    }
    if (t->header)
        for (int j = 0; j < t->ncol; j++) free(t->header[j]);
    free(t->header);
    free(t->cell);
    free(t->lineno);
    free(t->path);
    free(t);
}
