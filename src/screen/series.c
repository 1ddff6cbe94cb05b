/* series.c — dose series and combination matrices simulated with the population layer; each
 * series shares its untreated reference (ferro_population_viability_many). */
#include "ferrosim/screen.h"
#include "ferrosim/io.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int ferro_screen_logspace(double lo, double hi, int n, double *out)
{
    if (!(lo > 0) || !(hi > lo) || n < 2)
        return ferro_error_set(FERRO_EINVAL, "dose range %g:%g:%d: need 0 < low < high and at least 2 doses", lo, hi, n);
    for (int i = 0; i < n; i++) out[i] = exp(log(lo) + (log(hi) - log(lo)) * i / (n - 1));
    out[n - 1] = hi;
    return 0;
}

int ferro_screen_agent_range(const ferro_world_t *w, int agent, double *lo, double *hi)
{
    char path[4096];
    ferro_table_t *t;
    int rc = ferro_table_read(ferro_data_path("agent_effects.tsv", path, sizeof path), FERRO_TSV_SKIP_HASH, &t);
    if (rc) return rc;
    int ca = ferro_table_col(t, "agent"), ce = ferro_table_col(t, "ec50");
    if (ca < 0 || ce < 0) {
        ferro_table_free(t);
        return ferro_error_set(FERRO_EPARSE, "%s: needs the columns agent and ec50", path);
    }
    char want[128], got[128];
    ferro_name_fold(ferro_world_agent_name(w, agent), want, sizeof want);
    double slog = 0;
    int n = 0;
    for (int i = 0; i < t->nrow; i++) {
        double e;
        ferro_name_fold(t->cell[i][ca], got, sizeof got);
        if (strcmp(want, got) || ferro_parse_double(t->cell[i][ce], &e) || !(e > 0)) continue;
        slog += log(e);
        n++;
    }
    ferro_table_free(t);
    if (!n) return ferro_error_set(FERRO_ENOTFOUND, "%s: no EC50 for agent %s", path, ferro_world_agent_name(w, agent));
    double g = exp(slog / n);
    *lo = g / 100;
    *hi = g * 100;
    return 0;
}

/* Conditions = tmpl with one extra dose each; doses[] holds the n * (tmpl.ndoses + 1) entries. */
static int build(const ferro_condition_t *tmpl, int agent, const double *dose, int n, ferro_condition_t **cond,
                 ferro_dose_t **doses)
{
    int m = tmpl->ndoses + 1;
    *cond = ferro_malloc((size_t)n * sizeof **cond);
    *doses = ferro_malloc((size_t)n * m * sizeof **doses);
    if (!*cond || !*doses) { free(*cond); free(*doses); return FERRO_ENOMEM; }
    for (int i = 0; i < n; i++) {
        ferro_dose_t *d = *doses + (size_t)i * m;
        if (tmpl->ndoses) memcpy(d, tmpl->doses, (size_t)tmpl->ndoses * sizeof *d);
        int k = tmpl->ndoses;
        if (dose[i] > 0) d[k++] = (ferro_dose_t){agent, dose[i]};
        (*cond)[i] = *tmpl;
        (*cond)[i].doses = d;
        (*cond)[i].ndoses = k;
    }
    return 0;
}

int ferro_screen_dose_series(const ferro_world_t *w, const ferro_condition_t *tmpl, int agent,
                             const double *dose, int n, double *viab)
{
    ferro_condition_t *cond;
    ferro_dose_t *doses;
    int rc = build(tmpl, agent, dose, n, &cond, &doses);
    if (rc) return rc;
    rc = ferro_population_viability_many(w, cond, n, viab);
    free(cond);
    free(doses);
    return rc;
}

/* Untreated live progeny of tmpl with the extra gene factor, relative to tmpl without it: the
 * knockdown's own effect on growth and survival (the population reference shares gene factors). */
static int knockdown_effect(const ferro_world_t *w, const ferro_condition_t *tmpl, int gene, double factor, double *ratio)
{
    ferro_condition_t c = *tmpl;
    c.ndoses = 0;
    c.doses = NULL;
    c.t_step = c.t_end;
    ferro_gene_factor_t *f = ferro_malloc((size_t)(tmpl->nfactors + 1) * sizeof *f);
    if (!f) return FERRO_ENOMEM;
    if (tmpl->nfactors) memcpy(f, tmpl->factors, (size_t)tmpl->nfactors * sizeof *f);
    f[tmpl->nfactors] = (ferro_gene_factor_t){gene, factor};
    double v[2];
    int rc = 0;
    for (int pass = 0; pass < 2 && !rc; pass++) {
        c.factors = f;
        c.nfactors = tmpl->nfactors + pass; /* pass 0: without, pass 1: with the knockdown */
        ferro_result_t *r;
        if ((rc = ferro_population_run(w, &c, &r))) break;
        int sp = -1;
        for (int j = 0; j < r->nspecies; j++)
            if (!strcmp(r->species[j], "viable")) sp = j;
        if (sp < 0) rc = ferro_error_set(FERRO_EUNSUPPORTED, "the model has no species 'viable'");
        else v[pass] = r->mean[(size_t)(r->ntimes - 1) * r->nspecies + sp];
        ferro_result_free(r);
    }
    free(f);
    if (!rc) *ratio = v[0] > 0 ? v[1] / v[0] : NAN;
    return rc;
}

int ferro_screen_matrix(const ferro_world_t *w, const ferro_condition_t *tmpl, int agent_a,
                        const double *dose_a, int na, int agent_b, int gene_b, const double *dose_b,
                        int nb, ferro_grid_t **out)
{
    *out = NULL;
    ferro_grid_t *g;
    int rc = ferro_grid_alloc(na, dose_a, nb, dose_b, &g);
    if (rc) return rc;
    for (int c = 0; c < na * nb; c++) g->n[c] = 1;
    if (gene_b < 0) {
        /* all na*nb wells against one reference */
        int n = na * nb, m = tmpl->ndoses + 2;
        ferro_condition_t *cond = ferro_malloc((size_t)n * sizeof *cond);
        ferro_dose_t *doses = ferro_malloc((size_t)n * m * sizeof *doses);
        if (!cond || !doses) rc = FERRO_ENOMEM;
        for (int i = 0; i < na && !rc; i++)
            for (int j = 0; j < nb; j++) {
                ferro_dose_t *d = doses + (size_t)(i * nb + j) * m;
                if (tmpl->ndoses) memcpy(d, tmpl->doses, (size_t)tmpl->ndoses * sizeof *d);
                int k = tmpl->ndoses;
                if (dose_a[i] > 0) d[k++] = (ferro_dose_t){agent_a, dose_a[i]};
                if (dose_b[j] > 0) d[k++] = (ferro_dose_t){agent_b, dose_b[j]};
                cond[i * nb + j] = *tmpl;
                cond[i * nb + j].doses = d;
                cond[i * nb + j].ndoses = k;
            }
        if (!rc) rc = ferro_population_viability_many(w, cond, n, g->viability);
        free(cond);
        free(doses);
    } else {
        /* one column per knockdown level: its own reference, rescaled by the knockdown's effect */
        double *col = ferro_malloc((size_t)na * sizeof *col);
        ferro_gene_factor_t *f = ferro_malloc((size_t)(tmpl->nfactors + 1) * sizeof *f);
        if (!col || !f) rc = FERRO_ENOMEM;
        for (int j = 0; j < nb && !rc; j++) {
            if (!(dose_b[j] >= 0 && dose_b[j] <= 1)) {
                rc = ferro_error_set(FERRO_EINVAL, "knockdown fraction %g is outside 0..1", dose_b[j]);
                break;
            }
            ferro_condition_t c = *tmpl;
            double scale = 1;
            if (dose_b[j] > 0) {
                if (tmpl->nfactors) memcpy(f, tmpl->factors, (size_t)tmpl->nfactors * sizeof *f);
                f[tmpl->nfactors] = (ferro_gene_factor_t){gene_b, 1 - dose_b[j]};
                c.factors = f;
                c.nfactors = tmpl->nfactors + 1;
                if ((rc = knockdown_effect(w, tmpl, gene_b, 1 - dose_b[j], &scale))) break;
            }
            if ((rc = ferro_screen_dose_series(w, &c, agent_a, dose_a, na, col))) break;
            for (int i = 0; i < na; i++) g->viability[i * nb + j] = col[i] * scale;
        }
        free(col);
        free(f);
    }
    if (rc) { ferro_grid_free(g); return rc; }
    *out = g;
    return 0;
}
