/* ferrosim/report.h — a self-contained HTML report: one file, inline CSS and inline SVG figures,
 * nothing fetched from a network when it is viewed. Every text that goes in (titles, names,
 * labels, table cells) is HTML-escaped.
 *
 *   ferro_report_t *r;
 *   ferro_report_open("out/report.html", "Screen", &r);
 *   ferro_report_heading(r, 2, "IC50");
 *   ferro_report_heatmap(r, &spec);
 *   ...
 *   ferro_report_commit(r);      // written to a temp file and renamed: no partial report
 */
#ifndef FERROSIM_REPORT_H
#define FERROSIM_REPORT_H

#include "ferrosim/common.h"
#include "ferrosim/doseresp.h"
#include "ferrosim/survival.h"
#include "ferrosim/synergy.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ferro_report_s ferro_report_t;

int ferro_report_open(const char *path, const char *title, ferro_report_t **out) FERRO_WUR;
int ferro_report_commit(ferro_report_t *r) FERRO_WUR; /* closes the document, frees r */
void ferro_report_abort(ferro_report_t *r);           /* removes the temp file, frees r; NULL-safe */
FILE *ferro_report_fp(ferro_report_t *r);             /* for callers adding their own (escaped!) HTML */

void ferro_report_heading(ferro_report_t *r, int level, const char *text);
void ferro_report_paragraph(ferro_report_t *r, const char *text);
/* A table of text cells (nrow x ncol, row-major); a NULL cell prints as an empty one. */
void ferro_report_table(ferro_report_t *r, int nrow, int ncol, const char *const *header,
                        const char *const *cells);
/* The same a row at a time (rows formatted into a caller's buffer as they are written). */
void ferro_report_table_begin(ferro_report_t *r, int ncol, const char *const *header);
void ferro_report_table_row(ferro_report_t *r, int ncol, const char *const *cells);
void ferro_report_table_end(ferro_report_t *r);
/* Start / end a row of figures that wrap (a flex box). */
void ferro_report_figures_begin(ferro_report_t *r);
void ferro_report_figures_end(ferro_report_t *r);

/* Dose–response curves in one panel: points (mean, SD bars) and the fitted 4PL, log dose axis
 * (positive doses; dose 0 is the reference and not drawn). The legend gives each curve's IC50,
 * or for a rising (protective) curve its EC50 marked with an up arrow. */
typedef struct {
    const char *label;
    const double *dose, *mean, *sd; /* ndose per-dose means (sd may be NULL) */
    int ndose;
    const ferro_dr_fit_t *fit;      /* NULL or not ok: points only */
} ferro_report_curve_t;
void ferro_report_curves(ferro_report_t *r, const char *title, const char *xlabel, int ncurves,
                         const ferro_report_curve_t *c);

/* A heat map of nrow x ncol values (row-major; NAN = no value, drawn grey with cell_text or
 * "NA"). scale: FERRO_REPORT_SEQUENTIAL (low = dark) or FERRO_REPORT_DIVERGING (blue < 0 < red,
 * symmetric about 0). cell_text (optional) is written in the cells; legend names the value. */
enum { FERRO_REPORT_SEQUENTIAL = 0, FERRO_REPORT_DIVERGING = 1 };
typedef struct {
    const char *title, *row_title, *col_title, *legend;
    int nrow, ncol;
    const char *const *row_labels, *const *col_labels;
    const double *value;
    const char *const *cell_text; /* NULL = the values printed with %.3g */
    const char *const *cell_title; /* optional hover text per cell (NULL or a NULL entry = cell_text) */
    int scale;
    double lo, hi;                /* colour range; NAN = from the data */
} ferro_report_heatmap_t;
void ferro_report_heatmap(ferro_report_t *r, const ferro_report_heatmap_t *h);

/* The figures of one combination: the viability matrix and the four synergy score maps. */
void ferro_report_synergy(ferro_report_t *r, const char *title, const char *name_a, const char *name_b,
                          const ferro_grid_t *g, const ferro_synergy_t *s);

/* Kaplan–Meier curves (ferro_km_fit) in one panel: steps with their confidence bands, censoring
 * ticks, a legend with n, events and median per group, the log-rank test (when the fit has one)
 * under the title, and the number at risk at each time tick under the axis. */
void ferro_report_km(ferro_report_t *r, const char *title, const char *xlabel, const ferro_km_t *k);

/* A volcano plot of a differential-expression result: logFC against -log10 p; a gene is "up"
 * (red) when adj_p < fdr and logFC >= lfc, "down" (blue) when adj_p < fdr and logFC <= -lfc;
 * dashed lines at +-lfc and at the largest p with adj_p < fdr; the nlabel most significant called
 * genes labelled. Genes with a missing logFC or p are left out. */
typedef struct {
    const char *title, *xlabel;     /* xlabel NULL: "log2 fold change" */
    int n;
    const double *logfc, *p, *adj_p;
    const char *const *label;       /* n gene names */
    double fdr, lfc;
    int nlabel;
} ferro_report_volcano_t;
int ferro_report_volcano(ferro_report_t *r, const ferro_report_volcano_t *v) FERRO_WUR;

/* Series against one x axis (e.g. time courses); y linear, or on a log2 axis (values <= 0 left
 * out) labelled in the original units; ylo/yhi fix the y range (NAN = from the data). */
typedef struct {
    const char *label;
    const double *y;   /* n values */
} ferro_report_series_t;
typedef struct {
    const char *title, *xlabel, *ylabel;
    int n;
    const double *x;
    int nseries;
    const ferro_report_series_t *series;
    int log2;
    double ylo, yhi;
} ferro_report_lines_t;
void ferro_report_lines(ferro_report_t *r, const ferro_report_lines_t *l);

#ifdef __cplusplus
}
#endif
#endif
