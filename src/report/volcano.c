/* volcano.c — the volcano plot of a differential-expression table: log2 fold change against
 * -log10 p, genes called up (red) or down (blue) by adjusted p and |logFC| thresholds, the
 * thresholds as dashed lines, the most significant called genes labelled. */
#include "report/report_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

enum { W = 560, H = 400, ML = 56, MR = 130, MT = 30, MB = 42 };

typedef struct { double x0, x1, y1; } frame_t;

static double px(const frame_t *f, double x) { return ML + (x - f->x0) / (f->x1 - f->x0) * (W - ML - MR); }
static double py(const frame_t *f, double y)
{
    if (y > f->y1) y = f->y1;
    return MT + (1 - y / f->y1) * (H - MT - MB);
}

static const double *sort_p;
static int by_p(const void *a, const void *b)
{
    double x = sort_p[*(const int *)a], y = sort_p[*(const int *)b];
    return (x > y) - (x < y);
}

int ferro_report_volcano(ferro_report_t *r, const ferro_report_volcano_t *v)
{
    FILE *fp = r->fp;
    double xmax = 1, ymax = 1, pcut = -1;
    int nup = 0, ndown = 0;
    for (int i = 0; i < v->n; i++) {
        if (isnan(v->logfc[i]) || !(v->p[i] > 0)) continue;
        if (fabs(v->logfc[i]) > xmax) xmax = fabs(v->logfc[i]);
        if (-log10(v->p[i]) > ymax) ymax = -log10(v->p[i]);
        if (v->adj_p[i] < v->fdr && v->p[i] > pcut) pcut = v->p[i];
    }
    int *called = ferro_malloc((size_t)(v->n ? v->n : 1) * sizeof *called), nc = 0;
    if (!called) return FERRO_ENOMEM;
    frame_t f = {-ceil(xmax * 1.15), ceil(xmax * 1.15), ceil(ymax * 1.08)};
    char buf[128];
    r->nfig++;
    fprintf(fp, "<figure class=\"fig\"><svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">", W, H, W, H);
    ferro_svg_text(fp, ML, 15, "start", "t", 0, v->title);
    fprintf(fp, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>", ML, MT, W - ML - MR,
            H - MT - MB);
    double xs = f.x1 <= 4 ? 1 : f.x1 <= 10 ? 2 : 5;
    for (double x = -floor(f.x1 / xs) * xs; x <= f.x1 + 1e-9; x += xs) {
        fprintf(fp, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>", px(&f, x), MT, px(&f, x), H - MB);
        snprintf(buf, sizeof buf, "%g", x);
        ferro_svg_text(fp, px(&f, x), H - MB + 13, "middle", NULL, 0, buf);
    }
    double ys = f.y1 <= 6 ? 1 : f.y1 <= 15 ? 2 : f.y1 <= 40 ? 5 : 10;
    for (double y = 0; y <= f.y1 + 1e-9; y += ys) {
        fprintf(fp, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>", ML, py(&f, y), W - MR, py(&f, y));
        snprintf(buf, sizeof buf, "%g", y);
        ferro_svg_text(fp, ML - 4, py(&f, y) + 4, "end", NULL, 0, buf);
    }
    ferro_svg_text(fp, (ML + W - MR) / 2.0, H - 10, "middle", NULL, 0, v->xlabel ? v->xlabel : "log2 fold change");
    ferro_svg_text(fp, 14, (MT + H - MB) / 2.0, "middle", NULL, -90, "\xe2\x88\x92log10 p");
    /* thresholds */
    const char *dash = "stroke=\"#999\" stroke-dasharray=\"4,3\"";
    if (v->lfc > 0 && v->lfc < f.x1) {
        fprintf(fp, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" %s/>", px(&f, v->lfc), MT, px(&f, v->lfc), H - MB, dash);
        fprintf(fp, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" %s/>", px(&f, -v->lfc), MT, px(&f, -v->lfc), H - MB, dash);
    }
    if (pcut > 0)
        fprintf(fp, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" %s/>", ML, py(&f, -log10(pcut)), W - MR,
                py(&f, -log10(pcut)), dash);
    /* points: not called first (grey, small), then the called ones on top */
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < v->n; i++) {
            if (isnan(v->logfc[i]) || !(v->p[i] > 0)) continue;
            int up = v->adj_p[i] < v->fdr && v->logfc[i] >= v->lfc, down = v->adj_p[i] < v->fdr && v->logfc[i] <= -v->lfc;
            if ((up || down) != pass) continue;
            if (pass) called[nc++] = i;
            nup += up;
            ndown += down;
            fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" fill=\"%s\" fill-opacity=\"%s\"/>", px(&f, v->logfc[i]),
                    py(&f, -log10(v->p[i])), pass ? "2.2" : "1.5", up ? "#d62728" : down ? "#1f77b4" : "#aaa",
                    pass ? "0.9" : "0.5");
        }
    /* labels: the nlabel most significant called genes */
    sort_p = v->p;
    qsort(called, (size_t)nc, sizeof *called, by_p);
    for (int k = 0; k < nc && k < v->nlabel; k++) {
        int i = called[k];
        double x = px(&f, v->logfc[i]);
        /* to the outside of the plot's middle, unless that runs past the frame */
        int right = v->logfc[i] >= 0 ? v->logfc[i] < 0.7 * f.x1 : v->logfc[i] < 0.7 * f.x0;
        ferro_svg_text(fp, x + (right ? 4 : -4), py(&f, -log10(v->p[i])) - 3, right ? "start" : "end", "s", 0, v->label[i]);
    }
    /* legend */
    snprintf(buf, sizeof buf, "up: %d", nup);
    fprintf(fp, "<circle cx=\"%d\" cy=\"%d\" r=\"3\" fill=\"#d62728\"/>", W - MR + 12, MT + 8);
    ferro_svg_text(fp, W - MR + 20, MT + 12, "start", NULL, 0, buf);
    snprintf(buf, sizeof buf, "down: %d", ndown);
    fprintf(fp, "<circle cx=\"%d\" cy=\"%d\" r=\"3\" fill=\"#1f77b4\"/>", W - MR + 12, MT + 26);
    ferro_svg_text(fp, W - MR + 20, MT + 30, "start", NULL, 0, buf);
    snprintf(buf, sizeof buf, "adj. p < %g", v->fdr);
    ferro_svg_text(fp, W - MR + 8, MT + 50, "start", "s", 0, buf);
    snprintf(buf, sizeof buf, "|log2 FC| \xe2\x89\xa5 %g", v->lfc);
    ferro_svg_text(fp, W - MR + 8, MT + 62, "start", "s", 0, buf);
    fputs("</svg></figure>\n", fp);
    free(called);
    return 0;
}
