/* synergy.c — the synergy result: observed inhibition, Bliss and HSA references from the observed
 * single agents, Loewe and ZIP from the fitted ones, summaries and the most synergistic area. */
#include "synergy/synergy_internal.h"

#include <math.h>
#include <stdlib.h>

const char *ferro_synergy_method_name(int method)
{
    static const char *names[] = {"bliss", "hsa", "loewe", "zip"};
    return method >= 0 && method < FERRO_SYN_NMETHODS ? names[method] : "unknown";
}

void ferro_synergy_free(ferro_synergy_t *s)
{
    if (!s) return;
    free(s->inhib);
    free(s->zip_status_col);
    free(s->zip_status_row);
    for (int m = 0; m < FERRO_SYN_NMETHODS; m++) {
        free(s->expected[m]);
        free(s->score[m]);
    }
    free(s);
}

/* Single-agent 4PL on the viability scale, fitted whenever the data allow it (as SynergyFinder
 * does: no flatness cut-off, an exact fit allowed). */
static int fit_single(const double *dose, const double *viab, int n, int stride, ferro_dr_fit_t *f)
{
    double *v = malloc((size_t)n * sizeof *v);
    if (!v) return ferro_error_set(FERRO_ENOMEM, "synergy: out of memory");
    for (int k = 0; k < n; k++) v[k] = viab[k * stride];
    ferro_dr_options_t o;
    ferro_dr_options_init(&o);
    o.flat_tol = 0;
    o.min_df = 0;
    int rc = ferro_dr_fit(dose, v, n, &o, f);
    free(v);
    return rc;
}

static void summarise(const ferro_grid_t *g, ferro_synergy_t *s, int m)
{
    int na = g->na, nb = g->nb;
    const double *sc = s->score[m];
    double sum = 0;
    for (int i = 1; i < na; i++)
        for (int j = 1; j < nb; j++) sum += sc[i * nb + j];
    s->mean[m] = sum / ((na - 1) * (nb - 1));
    int w = s->msa_size;
    s->msa[m] = NAN;
    s->msa_i[m] = s->msa_j[m] = 1;
    for (int i = 1; i + w <= na; i++)
        for (int j = 1; j + w <= nb; j++) {
            double t = 0;
            for (int di = 0; di < w; di++)
                for (int dj = 0; dj < w; dj++) t += sc[(i + di) * nb + j + dj];
            t /= w * w;
            if (isnan(s->msa[m]) || t > s->msa[m]) {
                s->msa[m] = t;
                s->msa_i[m] = i;
                s->msa_j[m] = j;
            }
        }
}

int ferro_synergy_compute(const ferro_grid_t *g, ferro_synergy_t **out)
{
    *out = NULL;
    if (!g || g->na < 2 || g->nb < 2) return ferro_error_set(FERRO_EINVAL, "synergy: need a dose matrix of at least 2 x 2");
    int na = g->na, nb = g->nb, nc = na * nb;
    for (int c = 0; c < nc; c++)
        if (!isfinite(g->viability[c]))
            return ferro_error_set(FERRO_EINVAL, "synergy: no viability for dose_a = %g, dose_b = %g",
                                   g->dose_a[c / nb], g->dose_b[c % nb]);
    ferro_synergy_t *s = ferro_calloc(1, sizeof *s);
    if (!s) return FERRO_ENOMEM;
    s->na = na;
    s->nb = nb;
    s->inhib = ferro_malloc((size_t)nc * sizeof(double));
    s->zip_status_col = ferro_malloc((size_t)nb * sizeof(int));
    s->zip_status_row = ferro_malloc((size_t)na * sizeof(int));
    int rc = s->inhib && s->zip_status_col && s->zip_status_row ? 0 : FERRO_ENOMEM;
    for (int m = 0; m < FERRO_SYN_NMETHODS && !rc; m++) {
        s->expected[m] = ferro_malloc((size_t)nc * sizeof(double));
        s->score[m] = ferro_calloc((size_t)nc, sizeof(double));
        if (!s->expected[m] || !s->score[m]) rc = FERRO_ENOMEM;
    }
    if (rc) { ferro_synergy_free(s); return rc; }
    for (int c = 0; c < nc; c++) s->inhib[c] = 100.0 * (1.0 - g->viability[c]);

    if ((rc = fit_single(g->dose_a, g->viability, na, nb, &s->fit_a)) ||
        (rc = fit_single(g->dose_b, g->viability, nb, 1, &s->fit_b))) {
        ferro_synergy_free(s);
        return rc;
    }
    /* Bliss and HSA from the observed single-agent responses (row 0 and column 0). */
    for (int i = 0; i < na; i++)
        for (int j = 0; j < nb; j++) {
            int c = i * nb + j;
            double ya = s->inhib[i * nb], yb = s->inhib[j];
            if (i == 0 || j == 0) {
                s->expected[FERRO_SYN_BLISS][c] = s->expected[FERRO_SYN_HSA][c] = s->inhib[c];
                continue;
            }
            s->expected[FERRO_SYN_BLISS][c] = ya + yb - ya * yb / 100.0;
            s->expected[FERRO_SYN_HSA][c] = ya > yb ? ya : yb;
        }
    if ((rc = ferro_syn_loewe(g, s)) || (rc = ferro_syn_zip(g, s))) {
        ferro_synergy_free(s);
        return rc;
    }
    for (int m = FERRO_SYN_BLISS; m <= FERRO_SYN_LOEWE; m++)
        for (int c = 0; c < nc; c++)
            s->score[m][c] = (c < nb || c % nb == 0) ? 0 : s->inhib[c] - s->expected[m][c];
    s->msa_size = 3;
    if (na - 1 < s->msa_size) s->msa_size = na - 1;
    if (nb - 1 < s->msa_size) s->msa_size = nb - 1;
    for (int m = 0; m < FERRO_SYN_NMETHODS; m++) summarise(g, s, m);
    *out = s;
    return 0;
}
