/* report_internal.h — shared pieces of the HTML report writer (not public API). */
#ifndef FERRO_REPORT_INTERNAL_H
#define FERRO_REPORT_INTERNAL_H

#include "ferrosim/io.h"
#include "ferrosim/report.h"

struct ferro_report_s {
    ferro_out_t *out;
    FILE *fp;
    int nfig; /* figures written, for unique SVG ids */
};

/* <text> at (x, y) with anchor "start"|"middle"|"end", optional class and rotation; text escaped. */
void ferro_svg_text(FILE *fp, double x, double y, const char *anchor, const char *cls, double rotate,
                    const char *text);
/* Colour for t in [0, 1] on the sequential (viridis-like) or diverging (blue-white-red) ramp,
 * as "#rrggbb" into buf (8 bytes). */
void ferro_svg_color(int diverging, double t, char buf[8]);
/* Categorical colour k (cycles through 10). */
const char *ferro_svg_palette(int k);
/* A short number label ("0.1", "30", "1e+03") into buf. */
void ferro_svg_num(double v, char *buf, size_t n);

#endif
