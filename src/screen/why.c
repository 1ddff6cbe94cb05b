/* why.c — the screen's "why" section: for each agent, the genes its killing depends on. The
 * agent's most sensitive ALL line (smallest fitted IC50 inside the tested range; the normal
 * reference excluded) is taken at the dose that halves the viability of that line's mean cell
 * (bisection on log dose over the tested range), and every gene's elasticity there is measured
 * with src/sensitivity (the mean cell: one smooth trajectory, no sampling noise). */
#include "screen/screen_internal.h"
#include "ferrosim/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


void screen_why_free(screen_why_t *y)
{
    if (!y) return;
    free(y->agent); free(y->cell); free(y->dose); free(y->v0); free(y->el);
    free(y);
}

static int mean_cell_viability(const ferro_world_t *w, const ferro_condition_t *tmpl, int agent, double dose, double *v)
{
    ferro_dose_t d = {agent, dose};
    ferro_condition_t c = *tmpl;
    c.doses = &d;
    c.ndoses = 1;
    return ferro_population_viability_many(w, &c, 1, v);
}

/* The dose in [lo, hi] where the mean cell's viability is 0.5 (log-dose bisection, 16 halvings),
 * or ic50 when the mean cell does not cross 0.5 within the range. */
static int half_dose(const ferro_world_t *w, const ferro_condition_t *tmpl, int agent, double lo, double hi, double ic50,
                     double *dose)
{
    double vlo, vhi;
    int rc;
    *dose = ic50;
    if ((rc = mean_cell_viability(w, tmpl, agent, lo, &vlo)) || (rc = mean_cell_viability(w, tmpl, agent, hi, &vhi))) return rc;
    if (!(vlo > 0.5 && vhi < 0.5)) return 0;
    double a = log10(lo), b = log10(hi);
    for (int k = 0; k < 16; k++) {
        double m = 0.5 * (a + b), v;
        if ((rc = mean_cell_viability(w, tmpl, agent, pow(10, m), &v))) return rc;
        if (v > 0.5) a = m;
        else b = m;
    }
    *dose = pow(10, 0.5 * (a + b));
    return 0;
}

int screen_why_run(const ferro_world_t *w, const ferro_screen_options_t *o, screen_data_t *d)
{
    screen_why_t *y = ferro_calloc(1, sizeof *y);
    int na = d->nagent, ng = ferro_world_n_genes(w), rc = 0;
    if (!y) return FERRO_ENOMEM;
    y->ngene = ng;
    y->agent = ferro_malloc((size_t)(na ? na : 1) * sizeof *y->agent);
    y->cell = ferro_malloc((size_t)(na ? na : 1) * sizeof *y->cell);
    y->dose = ferro_malloc((size_t)(na ? na : 1) * sizeof *y->dose);
    y->v0 = ferro_malloc((size_t)(na ? na : 1) * sizeof *y->v0);
    y->el = ferro_malloc((size_t)(na ? na : 1) * (ng ? ng : 1) * sizeof *y->el);
    if (!y->agent || !y->cell || !y->dose || !y->v0 || !y->el) { screen_why_free(y); return FERRO_ENOMEM; }
    ferro_sens_opts_t so;
    ferro_sens_opts_init(&so);
    so.progress = 0;
    so.local_only = 1;
    for (int a = 0; a < na && !rc; a++) {
        int best = -1;
        double bic = INFINITY;
        for (int c = 0; c < d->ncell; c++) {
            if (c == d->normal) continue;
            double ic = ferro_dr_ic50(&d->fit[(size_t)c * na + a], NULL, NULL);
            if (ic >= d->lo[a] && ic <= d->hi[a] && ic < bic) { bic = ic; best = c; }
        }
        if (best < 0) continue; /* no falling curve with its IC50 in range: nothing to explain */
        ferro_condition_t tmpl;
        ferro_condition_init(&tmpl);
        tmpl.cell = d->cell[best];
        tmpl.t_end = o->t_end;
        tmpl.seed = o->seed;
        tmpl.progress = 0;
        double dose;
        if ((rc = half_dose(w, &tmpl, d->agent[a], d->lo[a], d->hi[a], bic, &dose))) break;
        ferro_dose_t dd = {d->agent[a], dose};
        tmpl.doses = &dd;
        tmpl.ndoses = 1;
        ferro_sens_result_t *s;
        if ((rc = ferro_sensitivity_run(w, &tmpl, NULL, 0, &so, &s))) break;
        int k = y->n++;
        y->agent[k] = d->agent[a];
        y->cell[k] = d->cell[best];
        y->dose[k] = dose;
        y->v0[k] = s->v0;
        for (int i = 0; i < s->n; i++)
            if (s->target[i].kind == FERRO_SENS_GENE) y->el[(size_t)k * ng + s->target[i].index] = s->target[i].elasticity;
        ferro_sens_result_free(s);
    }
    if (rc) { screen_why_free(y); return rc; }
    d->why = y;
    return 0;
}

void screen_why_write_tsv(const ferro_world_t *w, const screen_data_t *d, FILE *fp)
{
    const screen_why_t *y = d->why;
    fputs("agent\tcell\tdose\tunit\tv0\tgene\telasticity\n", fp);
    for (int k = 0; y && k < y->n; k++)
        for (int g = 0; g < y->ngene; g++)
            fprintf(fp, "%s\t%s\t%.6g\t%s\t%.6g\t%s\t%.6g\n", ferro_world_agent_name(w, y->agent[k]),
                    ferro_world_cell_name(w, y->cell[k]), y->dose[k], ferro_world_agent_unit(w, y->agent[k]), y->v0[k],
                    ferro_world_gene_name(w, g), y->el[(size_t)k * y->ngene + g]);
}

static double *sort_key;
static int by_key_desc(const void *x, const void *z)
{
    double a = sort_key[*(const int *)x], b = sort_key[*(const int *)z];
    return (a < b) - (a > b);
}

enum { WHY_MAX_GENES = 25 };
#define WHY_MIN_EL 0.02

int screen_why_report(ferro_report_t *r, const ferro_world_t *w, const screen_data_t *d)
{
    const screen_why_t *y = d->why;
    ferro_report_heading(r, 2, "Why: the genes each agent's killing depends on");
    if (!y || y->n == 0) {
        ferro_report_paragraph(r, "No agent has a falling dose\xe2\x80\x93response curve with its IC50 inside the "
                                  "tested range in an ALL line: nothing to explain.");
        return 0;
    }
    int ng = y->ngene, nrow = 0;
    int *rows = ferro_malloc((size_t)(ng ? ng : 1) * sizeof *rows);
    double *maxabs = ferro_malloc((size_t)(ng ? ng : 1) * sizeof *maxabs);
    double *val = ferro_malloc((size_t)(ng ? ng : 1) * y->n * sizeof *val);
    const char **rl = ferro_malloc((size_t)(ng ? ng : 1) * sizeof *rl), **cl = ferro_malloc((size_t)y->n * sizeof *cl);
    char (*clbuf)[96] = ferro_malloc((size_t)y->n * sizeof *clbuf);
    char (*txt)[16] = ferro_malloc((size_t)(ng ? ng : 1) * y->n * sizeof *txt);
    const char **tp = ferro_malloc((size_t)(ng ? ng : 1) * y->n * sizeof *tp);
    int rc = 0;
    if (!rows || !maxabs || !val || !rl || !cl || !clbuf || !txt || !tp) { rc = FERRO_ENOMEM; goto done; }
    for (int g = 0; g < ng; g++) {
        maxabs[g] = 0;
        for (int k = 0; k < y->n; k++) {
            double e = fabs(y->el[(size_t)k * ng + g]);
            if (e > maxabs[g]) maxabs[g] = e;
        }
        if (maxabs[g] >= WHY_MIN_EL) rows[nrow++] = g;
    }
    sort_key = maxabs;
    qsort(rows, (size_t)nrow, sizeof *rows, by_key_desc);
    if (nrow > WHY_MAX_GENES) nrow = WHY_MAX_GENES;
    for (int k = 0; k < y->n; k++) {
        snprintf(clbuf[k], sizeof clbuf[k], "%.40s (%.40s)", ferro_world_agent_name(w, y->agent[k]), ferro_world_cell_name(w, y->cell[k]));
        cl[k] = clbuf[k];
    }
    for (int i = 0; i < nrow; i++) {
        rl[i] = ferro_world_gene_name(w, rows[i]);
        for (int k = 0; k < y->n; k++) {
            double e = y->el[(size_t)k * ng + rows[i]];
            val[i * y->n + k] = e;
            snprintf(txt[i * y->n + k], sizeof txt[0], "%.2f", e);
            tp[i * y->n + k] = txt[i * y->n + k];
        }
    }
    char buf[1024];
    snprintf(buf, sizeof buf, "For each agent, its most sensitive ALL line (the smallest fitted IC50 inside the tested "
             "range) at the dose that halves that line's mean cell, and every gene's elasticity there: the change of "
             "viability under the agent per e-fold more of the gene (levels x1.25 and /1.25, each against its own "
             "untreated reference; ferrosim sensitivity). Red: more of the gene protects; blue: it sensitises. The %d "
             "genes with the largest effect (|elasticity| >= %.2f somewhere) are shown; sensitivity.tsv has every "
             "gene, line, dose and the mean cell's viability there.", nrow, WHY_MIN_EL);
    ferro_report_paragraph(r, buf);
    if (nrow == 0) goto done;
    ferro_report_heatmap_t h = {.title = "gene elasticity of viability", .row_title = "gene",
                                .col_title = "agent (line)", .legend = "elasticity", .nrow = nrow, .ncol = y->n,
                                .row_labels = rl, .col_labels = cl, .value = val, .cell_text = tp,
                                .scale = FERRO_REPORT_DIVERGING, .lo = NAN, .hi = NAN};
    ferro_report_heatmap(r, &h);
done:
    free(rows); free(maxabs); free(val); free(rl); free(cl); free(clbuf); free(txt); free(tp);
    return rc;
}
