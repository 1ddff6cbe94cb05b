/* html.c — the report document: head with inline CSS, headings, paragraphs, tables, figure rows. */
#include "report/report_internal.h"

#include <stdlib.h>

static const char css[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;margin:2em auto;"
    "max-width:1200px;color:#222;line-height:1.4;padding:0 1em}"
    "h1{border-bottom:2px solid #444}h2{margin-top:2em;border-bottom:1px solid #aaa}"
    "table{border-collapse:collapse;font-size:0.85em;margin:0.5em 0}"
    "td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}th{background:#eee}"
    "td:first-child,th:first-child{text-align:left}"
    ".figs{display:flex;flex-wrap:wrap;gap:12px}.fig{margin:0}"
    "svg{max-width:100%;height:auto}svg text{font-family:inherit;font-size:11px}svg .t{font-size:12px;font-weight:600}"
    "svg .s{font-size:9px}svg .w{fill:#fff}.note{color:#555;font-size:0.9em}";

int ferro_report_open(const char *path, const char *title, ferro_report_t **out)
{
    *out = NULL;
    ferro_report_t *r = ferro_calloc(1, sizeof *r);
    if (!r) return FERRO_ENOMEM;
    int rc = ferro_out_open(path, &r->out);
    if (rc) { free(r); return rc; }
    r->fp = ferro_out_fp(r->out);
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>", r->fp);
    ferro_html_escape(r->fp, title);
    fprintf(r->fp, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", css);
    ferro_html_escape(r->fp, title);
    fputs("</h1>\n", r->fp);
    *out = r;
    return 0;
}

FILE *ferro_report_fp(ferro_report_t *r) { return r->fp; }

int ferro_report_commit(ferro_report_t *r)
{
    fputs("</body>\n</html>\n", r->fp);
    int rc = ferro_out_commit(r->out);
    free(r);
    return rc;
}

void ferro_report_abort(ferro_report_t *r)
{
    if (!r) return;
    ferro_out_abort(r->out);
    free(r);
}

void ferro_report_heading(ferro_report_t *r, int level, const char *text)
{
    if (level < 1) level = 1;
    if (level > 4) level = 4;
    fprintf(r->fp, "<h%d>", level);
    ferro_html_escape(r->fp, text);
    fprintf(r->fp, "</h%d>\n", level);
}

void ferro_report_paragraph(ferro_report_t *r, const char *text)
{
    fputs("<p>", r->fp);
    ferro_html_escape(r->fp, text);
    fputs("</p>\n", r->fp);
}

void ferro_report_table_begin(ferro_report_t *r, int ncol, const char *const *header)
{
    fputs("<table>\n<tr>", r->fp);
    for (int j = 0; j < ncol; j++) {
        fputs("<th>", r->fp);
        ferro_html_escape(r->fp, header[j]);
        fputs("</th>", r->fp);
    }
    fputs("</tr>\n", r->fp);
}

void ferro_report_table_row(ferro_report_t *r, int ncol, const char *const *cells)
{
    fputs("<tr>", r->fp);
    for (int j = 0; j < ncol; j++) {
        fputs("<td>", r->fp);
        ferro_html_escape(r->fp, cells[j] ? cells[j] : "");
        fputs("</td>", r->fp);
    }
    fputs("</tr>\n", r->fp);
}

void ferro_report_table_end(ferro_report_t *r) { fputs("</table>\n", r->fp); }

void ferro_report_table(ferro_report_t *r, int nrow, int ncol, const char *const *header, const char *const *cells)
{
    ferro_report_table_begin(r, ncol, header);
    for (int i = 0; i < nrow; i++) ferro_report_table_row(r, ncol, cells + (long)i * ncol);
    ferro_report_table_end(r);
}

void ferro_report_figures_begin(ferro_report_t *r) { fputs("<div class=\"figs\">\n", r->fp); }
void ferro_report_figures_end(ferro_report_t *r) { fputs("</div>\n", r->fp); }
