/* heatmap.c — heat maps (IC50 cells x agents, synergy matrices) as inline SVG. */
#include "report/report_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

enum { CW_MAX = 46, CH = 20, LEFT = 110, TOP = 36, RIGHT = 70 };

void ferro_report_heatmap(ferro_report_t *r, const ferro_report_heatmap_t *h)
{
    FILE *fp = r->fp;
    double lo = h->lo, hi = h->hi;
    if (isnan(lo) || isnan(hi)) {
        double a = INFINITY, b = -INFINITY;
        for (int k = 0; k < h->nrow * h->ncol; k++)
            if (isfinite(h->value[k])) { if (h->value[k] < a) a = h->value[k]; if (h->value[k] > b) b = h->value[k]; }
        if (!isfinite(a)) { a = 0; b = 1; }
        if (h->scale == FERRO_REPORT_DIVERGING) {
            double m = fmax(fabs(a), fabs(b));
            if (m == 0) m = 1;
            a = -m;
            b = m;
        }
        if (isnan(lo)) lo = a;
        if (isnan(hi)) hi = b;
    }
    if (hi <= lo) hi = lo + 1;
    int cw = h->ncol > 16 ? 34 : CW_MAX;
    int collab_h = 0;
    for (int j = 0; j < h->ncol; j++) {
        int len = h->col_labels && h->col_labels[j] ? (int)strlen(h->col_labels[j]) : 0;
        if (len * 6 > collab_h) collab_h = len * 6;
    }
    if (collab_h > 120) collab_h = 120;
    int top = TOP + collab_h;
    int w = LEFT + cw * h->ncol + RIGHT, hgt = top + CH * h->nrow + 30;
    r->nfig++;
    fprintf(fp, "<figure class=\"fig\"><svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">", w, hgt, w, hgt);
    ferro_svg_text(fp, 4, 15, "start", "t", 0, h->title);
    for (int j = 0; j < h->ncol; j++)
        ferro_svg_text(fp, LEFT + cw * j + cw / 2.0 + 4, top - 4, "start", "s", -60,
                       h->col_labels ? h->col_labels[j] : "");
    for (int i = 0; i < h->nrow; i++) {
        double y = top + CH * i;
        ferro_svg_text(fp, LEFT - 4, y + CH / 2.0 + 4, "end", "s", 0, h->row_labels ? h->row_labels[i] : "");
        for (int j = 0; j < h->ncol; j++) {
            int k = i * h->ncol + j;
            double v = h->value[k];
            char col[8], txt[32];
            if (isfinite(v)) ferro_svg_color(h->scale == FERRO_REPORT_DIVERGING, (v - lo) / (hi - lo), col);
            else snprintf(col, sizeof col, "#cccccc");
            fprintf(fp, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#fff\"><title>",
                    LEFT + cw * j, y, cw, CH, col);
            ferro_html_escape(fp, h->row_labels ? h->row_labels[i] : "");
            fputs(" / ", fp);
            ferro_html_escape(fp, h->col_labels ? h->col_labels[j] : "");
            fputs(": ", fp);
            const char *t = h->cell_text ? h->cell_text[k] : NULL;
            if (!t) { ferro_svg_num(v, txt, sizeof txt); t = txt; }
            const char *tip = h->cell_title && h->cell_title[k] ? h->cell_title[k] : t;
            ferro_html_escape(fp, tip);
            fputs("</title></rect>", fp);
            /* dark cells get white text */
            double rel = (v - lo) / (hi - lo);
            int dark = isfinite(v) && (h->scale == FERRO_REPORT_DIVERGING ? fabs(rel - 0.5) > 0.35 : rel < 0.45);
            ferro_svg_text(fp, LEFT + cw * j + cw / 2.0, y + CH / 2.0 + 3.5, "middle", dark ? "s w" : "s", 0, t);
        }
    }
    ferro_svg_text(fp, LEFT + cw * h->ncol / 2.0, hgt - 6, "middle", NULL, 0, h->col_title);
    ferro_svg_text(fp, 4, top - 4, "start", "s", 0, h->row_title);
    /* colour bar */
    int bx = LEFT + cw * h->ncol + 14, bh = CH * h->nrow;
    if (bh < 60) bh = 60;
    for (int s = 0; s < 20; s++) {
        char col[8];
        ferro_svg_color(h->scale == FERRO_REPORT_DIVERGING, 1 - s / 19.0, col);
        fprintf(fp, "<rect x=\"%d\" y=\"%.1f\" width=\"10\" height=\"%.1f\" fill=\"%s\"/>", bx, top + bh * s / 20.0,
                bh / 20.0 + 0.5, col);
    }
    char buf[32];
    ferro_svg_num(hi, buf, sizeof buf);
    ferro_svg_text(fp, bx + 13, top + 8, "start", "s", 0, buf);
    ferro_svg_num(lo, buf, sizeof buf);
    ferro_svg_text(fp, bx + 13, top + bh, "start", "s", 0, buf);
    ferro_svg_text(fp, bx + 13, top + bh / 2.0, "start", "s", 0, h->legend);
    fputs("</svg></figure>\n", fp);
}

void ferro_report_synergy(ferro_report_t *r, const char *title, const char *name_a, const char *name_b,
                          const ferro_grid_t *g, const ferro_synergy_t *s)
{
    char rl[64][24], cl[64][24];
    const char *rows[64], *cols[64];
    int na = g->na > 64 ? 64 : g->na, nb = g->nb > 64 ? 64 : g->nb;
    /* rows from high dose (top) to low, as SynergyFinder draws them */
    double val[64 * 64];
    for (int i = 0; i < na; i++) {
        ferro_svg_num(g->dose_a[na - 1 - i], rl[i], sizeof rl[i]);
        rows[i] = rl[i];
    }
    for (int j = 0; j < nb; j++) {
        ferro_svg_num(g->dose_b[j], cl[j], sizeof cl[j]);
        cols[j] = cl[j];
    }
    ferro_report_heading(r, 3, title);
    ferro_report_figures_begin(r);
    for (int m = -1; m < FERRO_SYN_NMETHODS; m++) {
        for (int i = 0; i < na; i++)
            for (int j = 0; j < nb; j++) {
                int c = (na - 1 - i) * g->nb + j;
                val[i * nb + j] = m < 0 ? 100 * g->viability[c] : s->score[m][c];
            }
        char t[96], leg[32];
        if (m < 0) {
            snprintf(t, sizeof t, "viability %%");
            snprintf(leg, sizeof leg, "%%");
        } else {
            char num[32];
            ferro_svg_num(s->mean[m], num, sizeof num);
            snprintf(t, sizeof t, "%s  (mean %s)", ferro_synergy_method_name(m), num);
            snprintf(leg, sizeof leg, "score");
        }
        ferro_report_heatmap_t h = {.title = t, .row_title = name_a, .col_title = name_b, .legend = leg,
                                    .nrow = na, .ncol = nb, .row_labels = rows, .col_labels = cols, .value = val,
                                    .scale = m < 0 ? FERRO_REPORT_SEQUENTIAL : FERRO_REPORT_DIVERGING,
                                    .lo = m < 0 ? 0 : NAN, .hi = m < 0 ? 100 : NAN};
        if (m >= 0) {
            double mx = 10;
            for (int k = 0; k < na * nb; k++) if (isfinite(val[k]) && fabs(val[k]) > mx) mx = fabs(val[k]);
            h.lo = -mx;
            h.hi = mx;
        }
        ferro_report_heatmap(r, &h);
    }
    ferro_report_figures_end(r);
}
