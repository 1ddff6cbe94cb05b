/* ferrosim/io.h — delimited text in (TSV/CSV, optionally gzip, '-' = stdin) with file/line/column
 * errors, and atomic output files (temp file + rename; '-' = stdout).
 *
 *   ferro_tsv_t *r; int rc = ferro_tsv_open("x.tsv", 0, &r);
 *   while ((rc = ferro_tsv_next(r)) == 0) { ... ferro_tsv_field(r, 0) ... }
 *   if (rc < FERRO_END) -> error, message says file and line
 *   ferro_tsv_close(r);
 */
#ifndef FERROSIM_IO_H
#define FERROSIM_IO_H

#include <stdio.h>
#include "ferrosim/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ferro_tsv_s ferro_tsv_t;

/* Reader flags */
enum {
    FERRO_TSV_SKIP_HASH = 1,  /* skip lines starting with '#' (comments) */
    FERRO_TSV_SKIP_BANG = 2,  /* skip lines starting with '!' (GEO series-matrix metadata) */
    FERRO_TSV_CSV = 4,        /* comma-separated with "quoted" fields (default for *.csv, *.csv.gz) */
    FERRO_TSV_KEEP_BLANK = 8  /* return blank lines as one empty field (default: skipped) */
};

/* Open path ("-" = stdin; gzip is detected by content). flags: FERRO_TSV_*. */
int ferro_tsv_open(const char *path, int flags, ferro_tsv_t **out) FERRO_WUR;
/* Next record: 0 = a record is ready, FERRO_END at end of file, < FERRO_END on error. */
int ferro_tsv_next(ferro_tsv_t *r) FERRO_WUR;
int ferro_tsv_nfields(const ferro_tsv_t *r);
/* Field i of the current record (NULL if i is out of range). Quotes removed, CR stripped. */
const char *ferro_tsv_field(const ferro_tsv_t *r, int i);
long ferro_tsv_lineno(const ferro_tsv_t *r); /* 1-based line number of the current record */
const char *ferro_tsv_path(const ferro_tsv_t *r);
/* Parse field i as a number. NA values (see ferro_is_na) give NAN when allow_na, else an error.
 * The error message names file, line, column (1-based) and the text. */
int ferro_tsv_double(const ferro_tsv_t *r, int i, int allow_na, double *out) FERRO_WUR;
/* Check the record has exactly n fields; the error names file, line and both counts. */
int ferro_tsv_expect_fields(const ferro_tsv_t *r, int n) FERRO_WUR;
/* Set an error "FILE: line L, column C: <msg>" for the current record (column 0 = no column). */
int ferro_tsv_error(const ferro_tsv_t *r, int code, int column, const char *fmt, ...) FERRO_PRINTF(4, 5);
void ferro_tsv_close(ferro_tsv_t *r); /* NULL-safe */

/* A whole small table of strings: header + rows, all rows with the header's column count. */
typedef struct {
    int ncol, nrow;
    char **header;  /* ncol */
    char ***cell;   /* nrow x ncol */
    long *lineno;   /* nrow: file line of each row */
    char *path;
} ferro_table_t;
int ferro_table_read(const char *path, int flags, ferro_table_t **out) FERRO_WUR;
int ferro_table_col(const ferro_table_t *t, const char *name); /* index or -1 */
void ferro_table_free(ferro_table_t *t);

/* Atomic output: writes go to a temp file beside path, renamed over path on commit; abort (or a
 * failed commit) removes the temp file so no partial output is ever left. "-" = stdout. */
typedef struct ferro_out_s ferro_out_t;
int ferro_out_open(const char *path, ferro_out_t **out) FERRO_WUR;
FILE *ferro_out_fp(ferro_out_t *o);
int ferro_out_commit(ferro_out_t *o) FERRO_WUR; /* frees o; checks write errors (full disk) */
void ferro_out_abort(ferro_out_t *o);           /* frees o; NULL-safe */
/* Remove the temporary files of every output open now (async-signal-safe: for a program's
 * handler of SIGINT, SIGTERM, SIGHUP or SIGXFSZ, so that a killed run leaves nothing behind). */
void ferro_out_remove_temps(void);

/* Write s with HTML escaping (& < > " '). */
void ferro_html_escape(FILE *fp, const char *s);
/* Write s as a JSON string literal (with quotes and escapes). */
void ferro_json_string(FILE *fp, const char *s);
/* Write a double in JSON (null for NaN/Inf), %.10g. */
void ferro_json_number(FILE *fp, double v);

#ifdef __cplusplus
}
#endif
#endif
