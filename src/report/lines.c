/* lines.c — time courses: several series against one x axis (linear), y linear or log2, a legend. */
#include "report/report_internal.h"

#include <math.h>
#include <stdio.h>

enum { W = 520, H = 300, ML = 52, MR = 150, MT = 26, MB = 40 };

static double nice_step(double range)
{
    double e = pow(10, floor(log10(range))), s[] = {0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10};
    for (int i = 0; i < 9; i++)
        if (range / (s[i] * e) <= 8) return s[i] * e;
    return 10 * e;
}

void ferro_report_lines(ferro_report_t *r, const ferro_report_lines_t *l)
{
    FILE *fp = r->fp;
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (int i = 0; i < l->n; i++) {
        if (l->x[i] < x0) x0 = l->x[i];
        if (l->x[i] > x1) x1 = l->x[i];
    }
    for (int s = 0; s < l->nseries; s++)
        for (int i = 0; i < l->n; i++) {
            double y = l->series[s].y[i];
            if (l->log2) y = y > 0 ? log2(y) : NAN;
            if (!isfinite(y)) continue;
            if (y < y0) y0 = y;
            if (y > y1) y1 = y;
        }
    if (!isfinite(x0) || !(x1 > x0)) { x0 = 0; x1 = 1; }
    if (!isnan(l->ylo)) y0 = l->log2 ? log2(l->ylo) : l->ylo;
    if (!isnan(l->yhi)) y1 = l->log2 ? log2(l->yhi) : l->yhi;
    if (!isfinite(y0) || !isfinite(y1)) { y0 = 0; y1 = 1; }
    if (!(y1 > y0)) { y0 -= 0.5; y1 += 0.5; }
    double ys = nice_step(y1 - y0), xs = nice_step(x1 - x0);
    y0 = floor(y0 / ys) * ys;
    y1 = ceil(y1 / ys) * ys;
#define PX(x) (ML + ((x) - x0) / (x1 - x0) * (W - ML - MR))
#define PY(y) (MT + (y1 - (y)) / (y1 - y0) * (H - MT - MB))
    char buf[96];
    r->nfig++;
    fprintf(fp, "<figure class=\"fig\"><svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">", W, H, W, H);
    ferro_svg_text(fp, ML, 15, "start", "t", 0, l->title);
    fprintf(fp, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>", ML, MT, W - ML - MR, H - MT - MB);
    for (double x = ceil(x0 / xs) * xs; x <= x1 + 1e-9 * xs; x += xs) {
        fprintf(fp, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>", PX(x), MT, PX(x), H - MB);
        snprintf(buf, sizeof buf, "%g", x);
        ferro_svg_text(fp, PX(x), H - MB + 13, "middle", NULL, 0, buf);
    }
    for (double y = y0; y <= y1 + 1e-9 * ys; y += ys) {
        fprintf(fp, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>", ML, PY(y), W - MR, PY(y));
        if (l->log2) snprintf(buf, sizeof buf, "%g", pow(2, y));
        else snprintf(buf, sizeof buf, "%g", y);
        ferro_svg_text(fp, ML - 4, PY(y) + 4, "end", NULL, 0, buf);
    }
    ferro_svg_text(fp, (ML + W - MR) / 2.0, H - 8, "middle", NULL, 0, l->xlabel);
    ferro_svg_text(fp, 12, (MT + H - MB) / 2.0, "middle", NULL, -90, l->ylabel);
    for (int s = 0; s < l->nseries; s++) {
        const char *col = ferro_svg_palette(s);
        int open = 0;
        for (int i = 0; i < l->n; i++) {
            double y = l->series[s].y[i];
            if (l->log2) y = y > 0 ? log2(y) : NAN;
            if (!isfinite(y)) { if (open) fputs("\"/>", fp); open = 0; continue; }
            if (y < y0) y = y0;
            if (y > y1) y = y1;
            if (!open) fprintf(fp, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\" points=\"", col);
            open = 1;
            fprintf(fp, "%.1f,%.1f ", PX(l->x[i]), PY(y));
        }
        if (open) fputs("\"/>", fp);
        double ly = MT + 10 + 14 * s;
        if (ly > H - 6) continue;
        fprintf(fp, "<rect x=\"%d\" y=\"%.1f\" width=\"9\" height=\"9\" fill=\"%s\"/>", W - MR + 8, ly - 8, col);
        ferro_svg_text(fp, W - MR + 21, ly, "start", "s", 0, l->series[s].label);
    }
    fputs("</svg></figure>\n", fp);
#undef PX
#undef PY
}
