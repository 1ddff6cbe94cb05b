/* curves.c — dose–response panel: log10 dose axis, viability axis, points with SD bars, fitted 4PL. */
#include "report/report_internal.h"

#include <math.h>
#include <stdio.h>

enum { W = 420, H = 270, ML = 48, MR = 150, MT = 24, MB = 40 };

typedef struct { double u0, u1, y0, y1; } frame_t;

static double px(const frame_t *f, double dose) { return ML + (log10(dose) - f->u0) / (f->u1 - f->u0) * (W - ML - MR); }
static double py(const frame_t *f, double v)
{
    if (v < f->y0) v = f->y0;
    if (v > f->y1) v = f->y1;
    return MT + (f->y1 - v) / (f->y1 - f->y0) * (H - MT - MB);
}

static void axes(FILE *fp, const frame_t *f, const char *xlabel)
{
    char buf[32];
    fprintf(fp, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>", ML, MT,
            W - ML - MR, H - MT - MB);
    for (int e = (int)ceil(f->u0); e <= (int)floor(f->u1); e++) {
        double x = ML + (e - f->u0) / (f->u1 - f->u0) * (W - ML - MR);
        fprintf(fp, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>", x, MT, x, H - MB);
        ferro_svg_num(pow(10, e), buf, sizeof buf);
        ferro_svg_text(fp, x, H - MB + 13, "middle", NULL, 0, buf);
    }
    for (double v = 0; v <= f->y1 + 1e-9; v += 0.25) {
        double y = py(f, v);
        fprintf(fp, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>", ML, y, W - MR, y);
        snprintf(buf, sizeof buf, "%.2g", v);
        ferro_svg_text(fp, ML - 4, y + 4, "end", NULL, 0, buf);
    }
    ferro_svg_text(fp, (ML + W - MR) / 2.0, H - 8, "middle", NULL, 0, xlabel);
    ferro_svg_text(fp, 12, (MT + H - MB) / 2.0, "middle", NULL, -90, "viability");
}

void ferro_report_curves(ferro_report_t *r, const char *title, const char *xlabel, int ncurves,
                         const ferro_report_curve_t *c)
{
    FILE *fp = r->fp;
    double lo = INFINITY, hi = -INFINITY;
    for (int k = 0; k < ncurves; k++)
        for (int i = 0; i < c[k].ndose; i++)
            if (c[k].dose[i] > 0) {
                if (c[k].dose[i] < lo) lo = c[k].dose[i];
                if (c[k].dose[i] > hi) hi = c[k].dose[i];
            }
    if (!isfinite(lo)) { lo = 0.1; hi = 10; }
    if (hi <= lo) hi = lo * 10;
    frame_t f = {log10(lo) - 0.15, log10(hi) + 0.15, 0, 1.25};
    r->nfig++;
    fprintf(fp, "<figure class=\"fig\"><svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">", W, H, W, H);
    ferro_svg_text(fp, ML, 15, "start", "t", 0, title);
    axes(fp, &f, xlabel);
    fprintf(fp, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#bbb\" stroke-dasharray=\"3,3\"/>", ML,
            py(&f, 0.5), W - MR, py(&f, 0.5));
    for (int k = 0; k < ncurves; k++) {
        const char *col = ferro_svg_palette(k);
        const ferro_report_curve_t *q = &c[k];
        if (q->fit && q->fit->status == FERRO_DR_OK) {
            fprintf(fp, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"", col);
            for (int s = 0; s <= 80; s++) {
                double u = f.u0 + (f.u1 - f.u0) * s / 80.0;
                fprintf(fp, "%.1f,%.1f ", ML + (double)s / 80.0 * (W - ML - MR), py(&f, ferro_dr_eval(q->fit, pow(10, u))));
            }
            fputs("\"/>", fp);
        }
        for (int i = 0; i < q->ndose; i++) {
            if (!(q->dose[i] > 0) || isnan(q->mean[i])) continue;
            double x = px(&f, q->dose[i]);
            if (q->sd && q->sd[i] > 0)
                fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>", x,
                        py(&f, q->mean[i] - q->sd[i]), x, py(&f, q->mean[i] + q->sd[i]), col);
            fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.6\" fill=\"%s\"/>", x, py(&f, q->mean[i]), col);
        }
        /* legend: label and IC50 (EC50 of a rising curve, or the status) */
        double ly = MT + 10 + 13 * k;
        if (ly > H - 10) continue;
        fprintf(fp, "<rect x=\"%d\" y=\"%.1f\" width=\"9\" height=\"9\" fill=\"%s\"/>", W - MR + 6, ly - 8, col);
        char lab[96], num[32];
        if (q->fit && q->fit->status == FERRO_DR_OK) {
            /* a rising (protective) curve's midpoint is an EC50, marked with an arrow */
            /* a midpoint the data do not support shows as "<0.01", ">100" or "~0.5" */
            if (ferro_dr_midpoint_supported(q->fit) || q->fit->midpoint_flag == FERRO_DR_MID_NA)
                ferro_svg_num(q->fit->est[FERRO_DR_IC50], num, sizeof num);
            else
                ferro_dr_midpoint_text(q->fit, num, sizeof num);
            snprintf(lab, sizeof lab, "%.24s %s%s", q->label ? q->label : "", num,
                     q->fit->direction == FERRO_DR_RISING ? " \xe2\x86\x91" : "");
        } else {
            snprintf(lab, sizeof lab, "%.24s (%s)", q->label ? q->label : "",
                     q->fit ? ferro_dr_status_name(q->fit->status) : "no fit");
        }
        ferro_svg_text(fp, W - MR + 18, ly, "start", "s", 0, lab);
    }
    ferro_svg_text(fp, W - MR + 6, MT - 6, "start", "s", 0, "IC50 (\xe2\x86\x91 EC50 of a rise)");
    fputs("</svg></figure>\n", fp);
}
