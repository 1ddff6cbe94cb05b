/* svg.c — small SVG helpers: escaped text, colour ramps, number labels. */
#include "report/report_internal.h"

#include <math.h>
#include <stdio.h>

void ferro_svg_text(FILE *fp, double x, double y, const char *anchor, const char *cls, double rotate,
                    const char *text)
{
    fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"", x, y, anchor);
    if (cls) fprintf(fp, " class=\"%s\"", cls);
    if (rotate != 0) fprintf(fp, " transform=\"rotate(%.0f %.1f %.1f)\"", rotate, x, y);
    fputc('>', fp);
    ferro_html_escape(fp, text ? text : "");
    fputs("</text>", fp);
}

/* Piecewise-linear ramps through a few stops. */
static void ramp(const double (*stop)[3], int nstop, double t, char buf[8])
{
    if (!(t >= 0)) t = 0;
    if (t > 1) t = 1;
    double x = t * (nstop - 1);
    int k = (int)x;
    if (k >= nstop - 1) k = nstop - 2;
    double f = x - k;
    int rgb[3];
    for (int c = 0; c < 3; c++) rgb[c] = (int)lround(stop[k][c] + f * (stop[k + 1][c] - stop[k][c]));
    snprintf(buf, 8, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
}

void ferro_svg_color(int diverging, double t, char buf[8])
{
    static const double viridis[][3] = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
    static const double bwr[][3] = {{33, 102, 172}, {146, 197, 222}, {247, 247, 247}, {244, 165, 130}, {178, 24, 43}};
    if (diverging) ramp(bwr, 5, t, buf);
    else ramp(viridis, 5, t, buf);
}

const char *ferro_svg_palette(int k)
{
    static const char *pal[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
    return pal[(k % 10 + 10) % 10];
}

void ferro_svg_num(double v, char *buf, size_t n)
{
    if (isnan(v)) snprintf(buf, n, "NA");
    else snprintf(buf, n, "%.3g", v);
}
