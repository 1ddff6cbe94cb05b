/* km.c — Kaplan–Meier panel: step curves with their pointwise confidence bands, censoring ticks,
 * a legend with n, events and median, the log-rank test, and the number at risk under the axis
 * (the figure a survival analysis is shown with, as R's survminer::ggsurvplot draws it). */
#include "report/report_internal.h"

#include <math.h>
#include <stdio.h>

enum { W = 630, ML = 70, MR = 215, MT = 34, PH = 230, MB = 44, RISK_ROW = 14 };

typedef struct { double t1; } frame_t;

static double px(const frame_t *f, double t) { return ML + t / f->t1 * (W - ML - MR); }
static double py(double s)
{
    if (!(s >= 0)) s = 0;
    if (s > 1) s = 1;
    return MT + (1 - s) * PH;
}

/* A tick step of 1, 2 or 5 x 10^k giving 4 to 10 ticks on [0, t1]. */
static double tick_step(double t1)
{
    double e = pow(10, floor(log10(t1))), steps[] = {0.1, 0.2, 0.5, 1, 2, 5, 10};
    for (int i = 0; i < 7; i++)
        if (t1 / (steps[i] * e) <= 10) return steps[i] * e;
    return 10 * e;
}

/* Number at risk at time t: those whose time is >= t (survfit's n.risk at the first row at or
 * after t; 0 after the last). */
static int at_risk(const ferro_km_curve_t *c, double t)
{
    if (t <= 0) return c->n;
    for (int i = 0; i < c->ntime; i++)
        if (c->time[i] >= t) return c->n_risk[i];
    return 0;
}

/* The step function of one curve from (0, 1), with surv or one of its confidence limits. */
static void steps(FILE *fp, const frame_t *f, const ferro_km_curve_t *c, const double *s, int reverse)
{
    double prev = 1.0;
    if (!reverse) {
        fprintf(fp, "%.1f,%.1f ", px(f, 0), py(1.0));
        for (int i = 0; i < c->ntime; i++) {
            double v = isnan(s[i]) ? prev : s[i];
            fprintf(fp, "%.1f,%.1f %.1f,%.1f ", px(f, c->time[i]), py(prev), px(f, c->time[i]), py(v));
            prev = v;
        }
        fprintf(fp, "%.1f,%.1f ", px(f, c->time[c->ntime - 1]), py(prev));
    } else { /* the same points backwards (to close a band) */
        for (int i = c->ntime - 1; i >= 0; i--) {
            double here = isnan(s[i]) ? 0 : s[i], before = 1.0;
            for (int j = i - 1; j >= 0; j--)
                if (!isnan(s[j])) { before = s[j]; break; }
            if (i == c->ntime - 1) fprintf(fp, "%.1f,%.1f ", px(f, c->time[i]), py(here));
            fprintf(fp, "%.1f,%.1f %.1f,%.1f ", px(f, c->time[i]), py(here), px(f, c->time[i]), py(before));
        }
        fprintf(fp, "%.1f,%.1f ", px(f, 0), py(1.0));
    }
}

void ferro_report_km(ferro_report_t *r, const char *title, const char *xlabel, const ferro_km_t *k)
{
    FILE *fp = r->fp;
    double tmax = 0;
    for (int g = 0; g < k->ncurve; g++)
        if (k->curve[g].ntime > 0 && k->curve[g].time[k->curve[g].ntime - 1] > tmax) tmax = k->curve[g].time[k->curve[g].ntime - 1];
    if (!(tmax > 0)) tmax = 1;
    double step = tick_step(tmax);
    frame_t f = {ceil(tmax / step - 1e-9) * step};
    const int H = MT + PH + MB + RISK_ROW * (k->ncurve + 1) + 6;
    char buf[160], num[32];
    r->nfig++;
    fprintf(fp, "<figure class=\"fig\"><svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">", W, H, W, H);
    ferro_svg_text(fp, ML, 15, "start", "t", 0, title);
    if (k->df > 0) {
        char p[32];
        if (k->p < 1e-4) snprintf(p, sizeof p, "%.2e", k->p);
        else snprintf(p, sizeof p, "%.4f", k->p);
        snprintf(buf, sizeof buf, "log-rank \xcf\x87\xc2\xb2 = %.2f, df = %d, p = %s", k->chisq, k->df, p);
        ferro_svg_text(fp, ML, 28, "start", "s", 0, buf);
    }
    /* axes and grid */
    fprintf(fp, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>", ML, MT, W - ML - MR, PH);
    for (double t = 0; t <= f.t1 + step * 1e-6; t += step) {
        double x = px(&f, t);
        fprintf(fp, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>", x, MT, x, MT + PH);
        snprintf(num, sizeof num, "%g", t);
        ferro_svg_text(fp, x, MT + PH + 13, "middle", NULL, 0, num);
    }
    for (double s = 0; s <= 1.0 + 1e-9; s += 0.25) {
        fprintf(fp, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>", ML, py(s), W - MR, py(s));
        snprintf(num, sizeof num, "%.2g", s);
        ferro_svg_text(fp, ML - 4, py(s) + 4, "end", NULL, 0, num);
    }
    ferro_svg_text(fp, (ML + W - MR) / 2.0, MT + PH + 28, "middle", NULL, 0, xlabel ? xlabel : "time");
    ferro_svg_text(fp, 12, MT + PH / 2.0, "middle", NULL, -90, "survival probability");
    /* bands, then curves and censoring ticks */
    for (int g = 0; g < k->ncurve; g++) {
        const ferro_km_curve_t *c = &k->curve[g];
        if (c->ntime == 0) continue;
        fprintf(fp, "<polygon fill=\"%s\" fill-opacity=\"0.12\" stroke=\"none\" points=\"", ferro_svg_palette(g));
        steps(fp, &f, c, c->upper, 0);
        steps(fp, &f, c, c->lower, 1);
        fputs("\"/>", fp);
    }
    for (int g = 0; g < k->ncurve; g++) {
        const ferro_km_curve_t *c = &k->curve[g];
        const char *col = ferro_svg_palette(g);
        if (c->ntime == 0) continue;
        fprintf(fp, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\" points=\"", col);
        steps(fp, &f, c, c->surv, 0);
        fputs("\"/>", fp);
        for (int i = 0; i < c->ntime; i++)
            if (c->n_censor[i] > 0) {
                double x = px(&f, c->time[i]), y = py(c->surv[i]);
                fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>", x, y - 4, x, y + 4, col);
            }
        /* legend: group, n, events, median (NA when not reached) */
        double ly = MT + 10 + 26 * g;
        fprintf(fp, "<rect x=\"%d\" y=\"%.1f\" width=\"9\" height=\"9\" fill=\"%s\"/>", W - MR + 8, ly - 8, col);
        snprintf(buf, sizeof buf, "%.40s", k->labels[g]);
        ferro_svg_text(fp, W - MR + 21, ly, "start", NULL, 0, buf);
        ferro_svg_num(c->median, num, sizeof num);
        snprintf(buf, sizeof buf, "n = %d, events = %d, median %s", c->n, c->nevent, num);
        ferro_svg_text(fp, W - MR + 21, ly + 11, "start", "s", 0, buf);
    }
    /* number at risk at the ticks */
    double ry = MT + PH + MB + 4;
    ferro_svg_text(fp, ML - 4, ry, "start", "s", 0, "number at risk");
    for (int g = 0; g < k->ncurve; g++) {
        double y = ry + RISK_ROW * (g + 1);
        snprintf(buf, sizeof buf, "%.12s", k->labels[g]);
        fprintf(fp, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"s\" fill=\"%s\">", ML - 14, y, ferro_svg_palette(g));
        ferro_html_escape(fp, buf);
        fputs("</text>", fp);
        for (double t = 0; t <= f.t1 + step * 1e-6; t += step) {
            snprintf(num, sizeof num, "%d", at_risk(&k->curve[g], t));
            ferro_svg_text(fp, px(&f, t), y, "middle", "s", 0, num);
        }
    }
    fputs("</svg></figure>\n", fp);
}
