/* zip.c — the zero interaction potency model (Yadav, Wennerberg, Aittokallio & Tang 2015), the
 * delta score as SynergyFinder computes it: single agents fitted with the free 4PL; every column
 * (fixed dose of B) refitted over the nonzero doses of A with the response at A = 0 held at B's
 * fitted response and the maximum held at 100% inhibition (free: IC50, slope), and every row
 * likewise; delta = mean of the two refitted surfaces - (yA + yB - yA*yB/100) of the fitted single
 * agents. A refit that fails keeps the observed responses (as SynergyFinder does). */
#include "synergy/synergy_internal.h"

#include <math.h>
#include <stdlib.h>

/* Single-agent fitted % inhibition at each dose of a series; the observed values if the fit failed. */
static void single_fitted(const ferro_dr_fit_t *f, const double *dose, int n, const double *obs,
                          int stride, double *out)
{
    for (int k = 0; k < n; k++)
        out[k] = f->status == FERRO_DR_OK ? ferro_syn_fitted_inhib(f, dose[k]) : obs[k * stride];
}

/* Refit one slice: doses x[0..m) (all > 0), observed % inhibition y (stride apart), baseline
 * inhibition y0 at zero dose of the varied agent; fitted % inhibition into out (stride apart),
 * the observed ones unless the fit's status (into *status) is OK. */
static int refit(const double *x, const double *y, int stride, int m, double y0, double *vbuf,
                 double *out, int *status)
{
    for (int k = 0; k < m; k++) vbuf[k] = 1.0 - y[k * stride] / 100.0;
    ferro_dr_options_t o;
    ferro_dr_options_init(&o);
    o.fix_top = 1.0 - y0 / 100.0;
    o.fix_bottom = 0.0;
    o.flat_tol = 0;
    o.min_df = 0;
    ferro_dr_fit_t f;
    int rc = m > 1 ? ferro_dr_fit(x, vbuf, m, &o, &f) : 0;
    if (rc) return rc;
    *status = m > 1 ? f.status : FERRO_DR_SINGLE_DOSE;
    for (int k = 0; k < m; k++)
        out[k * stride] = *status == FERRO_DR_OK ? 100.0 * (1.0 - ferro_dr_eval(&f, x[k])) : y[k * stride];
    return 0;
}

int ferro_syn_zip(const ferro_grid_t *g, ferro_synergy_t *s)
{
    int na = g->na, nb = g->nb, rc = 0;
    double *ya = malloc((size_t)na * sizeof *ya), *yb = malloc((size_t)nb * sizeof *yb);
    double *colfit = malloc((size_t)na * nb * sizeof(double)), *rowfit = malloc((size_t)na * nb * sizeof(double));
    double *vbuf = malloc((size_t)(na > nb ? na : nb) * sizeof(double));
    if (!ya || !yb || !colfit || !rowfit || !vbuf) { rc = ferro_error_set(FERRO_ENOMEM, "ZIP: out of memory"); goto done; }
    single_fitted(&s->fit_a, g->dose_a, na, s->inhib, nb, ya);
    single_fitted(&s->fit_b, g->dose_b, nb, s->inhib, 1, yb);
    /* columns: B fixed at dose_b[j], A varied over its nonzero doses */
    s->zip_status_col[0] = s->zip_status_row[0] = -1;
    for (int j = 1; j < nb && !rc; j++)
        rc = refit(g->dose_a + 1, s->inhib + nb + j, nb, na - 1, yb[j], vbuf, colfit + nb + j,
                   s->zip_status_col + j);
    /* rows: A fixed at dose_a[i], B varied */
    for (int i = 1; i < na && !rc; i++)
        rc = refit(g->dose_b + 1, s->inhib + i * nb + 1, 1, nb - 1, ya[i], vbuf, rowfit + i * nb + 1,
                   s->zip_status_row + i);
    if (rc) goto done;
    for (int i = 0; i < na; i++)
        for (int j = 0; j < nb; j++) {
            int c = i * nb + j;
            if (i == 0 || j == 0) {
                s->expected[FERRO_SYN_ZIP][c] = NAN;
                s->score[FERRO_SYN_ZIP][c] = 0;
                continue;
            }
            double ref = ya[i] + yb[j] - ya[i] * yb[j] / 100.0;
            s->expected[FERRO_SYN_ZIP][c] = ref;
            s->score[FERRO_SYN_ZIP][c] = 0.5 * (colfit[c] + rowfit[c]) - ref;
        }
done:
    free(ya);
    free(yb);
    free(colfit);
    free(rowfit);
    free(vbuf);
    return rc;
}
