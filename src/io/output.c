/* output.c — atomic output files (temp + rename), HTML and JSON escaping. */
#include "ferrosim/io.h"

#include "ferrosim/dist.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporary files of the outputs open now, for ferro_out_remove_temps (a signal handler):
 * written only by open / commit / abort, read by the handler. */
enum { OUT_MAX_LIVE = 64 };
static char *volatile out_live[OUT_MAX_LIVE];

static void live_add(char *tmp)
{
    for (int i = 0; i < OUT_MAX_LIVE; i++)
        if (!out_live[i]) { out_live[i] = tmp; return; }
    /* more than 64 outputs open at once: this one is not removed by a signal (nothing else lost) */
}

static void live_remove(const char *tmp)
{
    for (int i = 0; i < OUT_MAX_LIVE; i++)
        if (out_live[i] == tmp) out_live[i] = NULL;
}

void ferro_out_remove_temps(void)
{
    for (int i = 0; i < OUT_MAX_LIVE; i++) {
        char *t = out_live[i];
        if (t) unlink(t); /* async-signal-safe */
    }
}

struct ferro_out_s {
    FILE *fp;
    char *path; /* NULL for stdout */
    char *tmp;
    int sink; /* a rank > 0 of a distributed run: rank 0 writes the output, this one discards it */
};

int ferro_out_open(const char *path, ferro_out_t **out)
{
    *out = NULL;
    ferro_out_t *o = ferro_calloc(1, sizeof *o);
    if (!o) return FERRO_ENOMEM;
    if (ferro_dist_rank() > 0) {
        if (!(o->fp = fopen("/dev/null", "w"))) {
            free(o);
            return ferro_error_set(FERRO_EIO, "cannot open /dev/null: %s", strerror(errno));
        }
        o->sink = 1;
        *out = o;
        return 0;
    }
    if (strcmp(path, "-") == 0) {
        o->fp = stdout;
        *out = o;
        return 0;
    }
    size_t L = strlen(path) + 16;
    o->path = ferro_strdup(path);
    o->tmp = ferro_malloc(L);
    if (!o->path || !o->tmp) { ferro_out_abort(o); return FERRO_ENOMEM; }
    snprintf(o->tmp, L, "%s.tmpXXXXXX", path);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        int rc = ferro_error_set(FERRO_EIO, "%s: cannot create output file: %s", path, strerror(errno));
        free(o->tmp);
        o->tmp = NULL;
        ferro_out_abort(o);
        return rc;
    }
    live_add(o->tmp);
    o->fp = fdopen(fd, "w");
    if (!o->fp) {
        close(fd);
        ferro_out_abort(o);
        return ferro_error_set(FERRO_EIO, "%s: cannot open output: %s", path, strerror(errno));
    }
    *out = o;
    return 0;
}

FILE *ferro_out_fp(ferro_out_t *o) { return o->fp; }

int ferro_out_commit(ferro_out_t *o)
{
    int rc = 0;
    if (o->sink) {
        fclose(o->fp);
        free(o);
        return 0;
    }
    if (!o->path) { /* stdout: check that everything reached it */
        if (fflush(stdout) != 0 || ferror(stdout))
            rc = ferro_error_set(FERRO_EIO, "error writing to standard output: %s", strerror(errno));
        free(o);
        return rc;
    }
    int werr = ferror(o->fp);
    if (fclose(o->fp) != 0 || werr) {
        rc = ferro_error_set(FERRO_EIO, "%s: write failed (disk full?): %s", o->path, strerror(errno));
        o->fp = NULL;
        ferro_out_abort(o);
        return rc;
    }
    o->fp = NULL;
    (void)chmod(o->tmp, 0644); /* mkstemp makes 0600 files */
    if (rename(o->tmp, o->path) != 0) {
        rc = ferro_error_set(FERRO_EIO, "%s: cannot rename temp file into place: %s", o->path, strerror(errno));
        ferro_out_abort(o);
        return rc;
    }
    live_remove(o->tmp);
    free(o->tmp);
    free(o->path);
    free(o);
    return 0;
}

void ferro_out_abort(ferro_out_t *o)
{
    if (!o) return;
    if (o->sink) fclose(o->fp);
    if (o->path) {
        if (o->fp) fclose(o->fp);
        if (o->tmp) unlink(o->tmp);
    }
    if (o->tmp) live_remove(o->tmp);
    free(o->tmp);
    free(o->path);
    free(o);
}

void ferro_html_escape(FILE *fp, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", fp); break;
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        case '"': fputs("&quot;", fp); break;
        case '\'': fputs("&#39;", fp); break;
        default: fputc(*s, fp);
        }
    }
}

void ferro_json_string(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"') fputs("\\\"", fp);
        else if (c == '\\') fputs("\\\\", fp);
        else if (c == '\n') fputs("\\n", fp);
        else if (c == '\t') fputs("\\t", fp);
        else if (c == '\r') fputs("\\r", fp);
        else if (c < 0x20) fprintf(fp, "\\u%04x", c);
        else fputc(c, fp);
    }
    fputc('"', fp);
}

void ferro_json_number(FILE *fp, double v)
{
    if (!isfinite(v)) fputs("null", fp);
    else fprintf(fp, "%.10g", v);
}
