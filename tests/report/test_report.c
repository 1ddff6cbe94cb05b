/* test_report.c — the HTML report: self-contained (no external resources), every text escaped,
 * tags balanced, figures present; atomic (nothing left behind by an abort). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ferrosim/report.h"
#include "test_util.h"

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    size_t got = fread(s, 1, (size_t)n, fp);
    s[got] = 0;
    fclose(fp);
    return s;
}

/* Every opened element is closed in order (void elements excepted); returns 1 if balanced. */
static int balanced(const char *s)
{
    static const char *voids[] = {"meta", "br", "hr", "img", "input", "link", NULL};
    char stack[256][16];
    int depth = 0;
    for (const char *p = strchr(s, '<'); p; p = strchr(p + 1, '<')) {
        if (p[1] == '!') continue;
        int closing = p[1] == '/';
        const char *q = p + 1 + closing;
        char name[16];
        int k = 0;
        while ((q[k] >= 'a' && q[k] <= 'z') || (q[k] >= '0' && q[k] <= '9')) { if (k < 15) name[k] = q[k]; k++; }
        name[k < 15 ? k : 15] = 0;
        const char *end = strchr(q, '>');
        if (!end || !k) return 0;
        if (closing) {
            if (depth == 0 || strcmp(stack[depth - 1], name)) return 0;
            depth--;
            continue;
        }
        if (end[-1] == '/') continue;
        int v = 0;
        for (int i = 0; voids[i]; i++) v |= !strcmp(voids[i], name);
        if (v) continue;
        if (depth == 256) return 0;
        snprintf(stack[depth++], sizeof stack[0], "%s", name);
    }
    return depth == 0;
}

int main(void)
{
    const char *path = "test_report_out.html";
    const char *evil = "<script>alert('x')</script> & \"co\"";
    unlink(path);
    ferro_report_t *r;
    expect_int(ferro_report_open(path, evil, &r), 0, "open");
    ferro_report_heading(r, 2, evil);
    ferro_report_paragraph(r, evil);
    const char *hdr[] = {"cell", evil};
    const char *cells[] = {evil, "1.5", "Jurkat", NULL};
    ferro_report_table(r, 2, 2, hdr, cells);

    double dose[7] = {0, 0.01, 0.1, 1, 10, 100, 1000}, v[7];
    for (int i = 0; i < 7; i++) v[i] = 0.1 + 0.9 / (1 + dose[i] / 2.0);
    ferro_dr_fit_t fit;
    expect_int(ferro_dr_fit(dose, v, 7, NULL, &fit), 0, "fit");
    /* a fit whose IC50 lies below the tested doses: still drawn, its legend says only "<0.01" */
    ferro_dr_fit_t below = fit;
    below.est[FERRO_DR_IC50] = 1e-5;
    below.midpoint_flag = FERRO_DR_MID_BELOW;
    ferro_report_curve_t cur[3] = {{evil, dose, v, NULL, 7, &fit}, {"flat <b>", dose, v, NULL, 7, NULL},
                                   {"tail", dose, v, NULL, 7, &below}};
    ferro_report_figures_begin(r);
    ferro_report_curves(r, evil, "dose (uM) <x>", 3, cur);
    double hv[4] = {1, NAN, -0.5, 2};
    const char *rl[] = {evil, "B-ALL"}, *cl[] = {"erastin", evil};
    ferro_report_heatmap_t h = {.title = evil, .row_title = evil, .col_title = evil, .legend = evil, .nrow = 2,
                                .ncol = 2, .row_labels = rl, .col_labels = cl, .value = hv, .scale = FERRO_REPORT_SEQUENTIAL,
                                .lo = NAN, .hi = NAN};
    ferro_report_heatmap(r, &h);
    ferro_report_figures_end(r);

    double da[3] = {0, 1, 2}, db[3] = {0, 1, 2};
    ferro_grid_t *g;
    expect_int(ferro_grid_alloc(3, da, 3, db, &g), 0, "grid");
    double vv[9] = {1, 0.8, 0.6, 0.9, 0.6, 0.4, 0.7, 0.5, 0.2};
    for (int k = 0; k < 9; k++) { g->viability[k] = vv[k]; g->n[k] = 1; }
    ferro_synergy_t *s;
    expect_int(ferro_synergy_compute(g, &s), 0, "synergy");
    ferro_report_synergy(r, evil, evil, evil, g, s);
    ferro_synergy_free(s);
    ferro_grid_free(g);
    expect_true(access(path, F_OK) != 0, "nothing at the path before commit");
    expect_int(ferro_report_commit(r), 0, "commit");

    char *html = slurp(path);
    expect_true(html != NULL, "report written");
    if (html) {
        expect_true(strstr(html, "<script") == NULL, "no raw script tag: text escaped");
        expect_true(strstr(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;") != NULL,
                    "escaped text present");
        expect_true(strstr(html, "<b>") == NULL, "label escaped");
        expect_true(strstr(html, "http:") == NULL && strstr(html, "https:") == NULL && strstr(html, "src=") == NULL &&
                    strstr(html, "href=") == NULL && strstr(html, "url(") == NULL && strstr(html, "@import") == NULL,
                    "no external resources");
        int nsvg = 0;
        for (const char *p = strstr(html, "<svg"); p; p = strstr(p + 1, "<svg")) nsvg++;
        expect_int(nsvg, 2 + 5, "curves + heat map + 5 synergy maps");
        expect_true(strstr(html, "<polyline") != NULL, "fitted curve drawn");
        const char *pl = strstr(html, "<polyline");
        expect_true(pl && strstr(pl + 1, "<polyline") != NULL, "the extrapolated fit drawn too");
        expect_true(strstr(html, ">tail &lt;0.01<") != NULL, "legend of an extrapolated IC50: '<0.01'");
        expect_true(strstr(html, "1e-05") == NULL, "the extrapolated value not shown as an IC50");
        expect_true(balanced(html), "tags balanced");
        free(html);
    }
    unlink(path);
    /* abort leaves nothing */
    expect_int(ferro_report_open(path, "x", &r), 0, "open again");
    ferro_report_abort(r);
    expect_true(access(path, F_OK) != 0, "abort leaves nothing");
    return test_summary("report/html");
}
