/* limma.c — lmFit (least squares per gene on its non-missing samples) + eBayes (moderated t,
 * p-value, B log-odds), as limma 3.54's lm.series / .ebayes / squeezeVar. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>

#include "de/ebayes.h"
#include "de/qr.h"
#include "de/result.h"
#include "ferrosim/de.h"


void ferro_limma_opts_init(ferro_limma_opts_t *o)
{
    memset(o, 0, sizeof *o);
    o->proportion = 0.01;
    o->nthreads = 1;
}


/* lmFit: every coefficient k of gene g into coefs[g * p + k] and stdev_unscaled into su[g * p + k]
 * (NAN when not estimable); sigma, df_residual, AveExpr into r. */
int ferro_de_lmfit(const double *y, int ng, int ns, const double *design, int p, int nthreads,
                   ferro_de_result_t *r, double *coefs, double *su)
{
    /* column-major design copy */
    double *X = malloc((size_t)ns * p * sizeof *X);
    if (!X) return ferro_error_set(FERRO_ENOMEM, "out of memory");
    for (int j = 0; j < ns; j++)
        for (int k = 0; k < p; k++) X[(size_t)k * ns + j] = design[(size_t)j * p + k];
    /* the design itself must have full column rank */
    ferro_qr_t *q0 = ferro_qr_alloc(ns, p);
    if (!q0) { free(X); return ferro_error_set(FERRO_ENOMEM, "out of memory"); }
    ferro_qr_decomp(q0, X, ns, p, 1e-7);
    if (q0->rank < p) {
        int rank = q0->rank;
        ferro_qr_free(q0);
        free(X);
        return ferro_error_set(FERRO_EINVAL, "limma: the design matrix is not of full column rank (rank %d of %d columns)",
                               rank, p);
    }
    int fail = 0;
#pragma omp parallel num_threads(nthreads)
    {
        ferro_qr_t *q = ferro_qr_alloc(ns, p);
        double *yy = malloc(((size_t)ns + 1) * sizeof *yy), *Xs = malloc(((size_t)ns * p + 1) * sizeof *Xs);
        double *b = malloc(((size_t)p + 1) * sizeof *b), *d = malloc(((size_t)p + 1) * sizeof *d);
        double *scr = malloc(((size_t)p * p + 1) * sizeof *scr);
        double *d0 = malloc(((size_t)p + 1) * sizeof *d0);
        int ok = q && yy && Xs && b && d && scr && d0;
        if (!ok) {
#pragma omp atomic write
            fail = 1;
        } else {
            ferro_qr_unscaled_var(q0, d0, scr);
        }
#pragma omp for schedule(static)
        for (int g = 0; g < ng; g++) {
            if (!ok) continue;
            const double *row = y + (size_t)g * ns;
            int nobs = 0;
            double sum = 0;
            for (int j = 0; j < ns; j++)
                if (isfinite(row[j])) { yy[nobs++] = row[j]; sum += row[j]; }
            r->AveExpr[g] = nobs ? sum / nobs : NAN;
            r->df_residual[g] = 0;
            for (int k = 0; k < p; k++) coefs[(size_t)g * p + k] = su[(size_t)g * p + k] = NAN;
            if (nobs == 0) continue;
            const ferro_qr_t *qq = q0;
            if (nobs < ns) {
                int k = 0;
                for (int j = 0; j < ns; j++)
                    if (isfinite(row[j])) {
                        for (int c = 0; c < p; c++) Xs[(size_t)c * nobs + k] = X[(size_t)c * ns + j];
                        k++;
                    }
                ferro_qr_decomp(q, Xs, nobs, p, 1e-7);
                qq = q;
            }
            ferro_qr_qty(qq, yy);
            ferro_qr_coef(qq, yy, b);
            const double *dd = d0;
            if (qq != q0) { ferro_qr_unscaled_var(qq, d, scr); dd = d; }
            int rank = qq->rank;
            /* coefficient `coef` is estimable if it is among the first rank pivoted columns; its
             * stdev.unscaled comes from the diagonal at the position of the estimable columns in
             * original order (R assigns diag(chol2inv) to the non-NA coefficients in order) */
            for (int coef = 0; coef < p; coef++) {
                int pos = -1, before = 0;
                for (int k = 0; k < rank; k++)
                    if (qq->pivot[k] == coef) pos = k;
                coefs[(size_t)g * p + coef] = su[(size_t)g * p + coef] = NAN;
                if (pos >= 0) {
                    for (int k = 0; k < rank; k++)
                        if (qq->pivot[k] < coef) before++;
                    coefs[(size_t)g * p + coef] = b[pos];
                    su[(size_t)g * p + coef] = sqrt(dd[before]);
                }
            }
            int dfr = nobs - rank;
            r->df_residual[g] = dfr;
            if (dfr > 0) {
                double ss = 0;
                for (int j = rank; j < nobs; j++) ss += yy[j] * yy[j];
                r->sigma[g] = sqrt(ss / dfr);
            }
        }
        ferro_qr_free(q);
        free(yy);
        free(Xs);
        free(b);
        free(d);
        free(scr);
        free(d0);
    }
    ferro_qr_free(q0);
    free(X);
    return fail ? ferro_error_set(FERRO_ENOMEM, "out of memory") : 0;
}

int ferro_de_ebayes(ferro_de_result_t *r, int trend, double proportion, int nthreads)
{
    int n = r->n, rc = 0;
    double *var = malloc(((size_t)n + 1) * sizeof *var), *tmp = malloc(((size_t)n + 1) * sizeof *tmp);
    if (!var || !tmp) { free(var); free(tmp); return ferro_error_set(FERRO_ENOMEM, "out of memory"); }
    int anydf = 0;
    for (int g = 0; g < n; g++) {
        var[g] = r->df_residual[g] == 0 ? 0 : r->sigma[g] * r->sigma[g];
        if (r->df_residual[g] > 0) anydf = 1;
    }
    if (!anydf) { rc = ferro_error_set(FERRO_ENUMERIC, "limma: no residual degrees of freedom in the linear model fits"); goto done; }
    double df2;
    if (n == 1) { /* squeezeVar with one gene: no shrinkage */
        r->s2_prior[0] = var[0];
        df2 = 0;
    } else if ((rc = ferro_fit_fdist(var, r->df_residual, trend ? r->AveExpr : NULL, n, r->s2_prior, &df2))) {
        goto done;
    }
    if (trend) {
        for (int g = 0; g < n; g++)
            if (isnan(r->AveExpr[g])) { rc = ferro_error_set(FERRO_EINVAL, "limma trend: a gene has no non-missing value (AveExpr is NA)"); goto done; }
    }
    r->df_prior = df2;
    double dfpooled = 0;
    for (int g = 0; g < n; g++) dfpooled += r->df_residual[g];
#pragma omp parallel for num_threads(nthreads) schedule(static)
    for (int g = 0; g < n; g++) {
        double s2p = isfinite(df2) ? (r->df_residual[g] * var[g] + df2 * r->s2_prior[g]) / (r->df_residual[g] + df2)
                                   : r->s2_prior[g];
        r->s2_post[g] = s2p;
        double t = r->logFC[g] / r->stdev_unscaled[g] / sqrt(s2p);
        r->stat[g] = t;
        double dft = r->df_residual[g] + df2;
        if (dft > dfpooled) dft = dfpooled;
        r->df[g] = dft;
        r->p[g] = isnan(t) ? NAN : 2 * gsl_cdf_tdist_Q(fabs(t), dft);
    }
    memcpy(tmp, r->s2_prior, (size_t)n * sizeof *tmp);
    gsl_sort(tmp, 1, (size_t)n);
    double med = n % 2 ? tmp[n / 2] : (tmp[n / 2 - 1] + tmp[n / 2]) / 2;
    double v0 = ferro_tmixture(r->stat, r->stdev_unscaled, r->df, n, proportion, 0.01 / med, 16.0 / med);
    if (isnan(v0)) {
        ferro_warn("limma: estimation of var.prior failed - set to default value");
        v0 = 1 / r->s2_prior[0];
    }
    r->var_prior = v0;
    int infdf = df2 > 1e6;
#pragma omp parallel for num_threads(nthreads) schedule(static)
    for (int g = 0; g < n; g++) {
        double su2 = r->stdev_unscaled[g] * r->stdev_unscaled[g];
        double rr = (su2 + v0) / su2, t2 = r->stat[g] * r->stat[g], dft = r->df[g], kernel;
        if (infdf) kernel = t2 * (1 - 1 / rr) / 2;
        else kernel = (1 + dft) / 2 * log((t2 + dft) / (t2 / rr + dft));
        r->B[g] = log(proportion / (1 - proportion)) - log(rr) / 2 + kernel;
    }
    rc = ferro_de_bh(r->p, n, r->adj_p);
done:
    free(var);
    free(tmp);
    return rc;
}

int ferro_de_limma(const double *y, int ngenes, int nsamples, const double *design, int ncoef, int coef,
                   const ferro_limma_opts_t *o, ferro_de_result_t **out)
{
    *out = NULL;
    ferro_limma_opts_t def;
    if (!o) { ferro_limma_opts_init(&def); o = &def; }
    if (ngenes < 1 || nsamples < 1 || ncoef < 1 || coef < 0 || coef >= ncoef)
        return ferro_error_set(FERRO_EINVAL, "limma: bad dimensions (%d genes, %d samples, coefficient %d of %d)", ngenes,
                               nsamples, coef + 1, ncoef);
    if (!(o->proportion > 0 && o->proportion < 1))
        return ferro_error_set(FERRO_EINVAL, "limma: proportion %g is not in (0, 1)", o->proportion);
    for (size_t i = 0; i < (size_t)nsamples * ncoef; i++)
        if (!isfinite(design[i])) return ferro_error_set(FERRO_EINVAL, "limma: NAs are not allowed in the design matrix");
    ferro_de_result_t *r;
    int rc = ferro_de_result_alloc(FERRO_DE_LIMMA, ngenes, &r);
    if (rc) return rc;
    double *coefs = malloc((size_t)ngenes * ncoef * sizeof *coefs), *su = malloc((size_t)ngenes * ncoef * sizeof *su);
    int nt = ferro_omics_threads(o->nthreads);
    if (!coefs || !su) rc = ferro_error_set(FERRO_ENOMEM, "out of memory");
    if (!rc && !(rc = ferro_de_lmfit(y, ngenes, nsamples, design, ncoef, nt, r, coefs, su))) {
        for (int g = 0; g < ngenes; g++) {
            r->logFC[g] = coefs[(size_t)g * ncoef + coef];
            r->stdev_unscaled[g] = su[(size_t)g * ncoef + coef];
        }
        rc = ferro_de_ebayes(r, o->trend, o->proportion, nt);
    }
    free(coefs);
    free(su);
    if (rc) {
        ferro_de_result_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

/* The A and B samples as a compact matrix (only if some samples are skipped). */
int ferro_de_group_columns(const int *group, int nsamples, int *cols, int *na, int *nb)
{
    int k = 0;
    *na = *nb = 0;
    for (int j = 0; j < nsamples; j++) {
        if (group[j] == 1) (*na)++;
        else if (group[j] == 0) (*nb)++;
        else continue;
        cols[k++] = j;
    }
    return k;
}

int ferro_de_limma_groups(const double *y, int ngenes, int nsamples, const int *group, const ferro_limma_opts_t *o,
                          ferro_de_result_t **out)
{
    *out = NULL;
    int *cols = malloc(((size_t)nsamples + 1) * sizeof *cols), na, nb;
    if (!cols) return ferro_error_set(FERRO_ENOMEM, "out of memory");
    int k = ferro_de_group_columns(group, nsamples, cols, &na, &nb);
    if (na < 1 || nb < 1 || k < 3) {
        free(cols);
        return ferro_error_set(FERRO_EINVAL, "limma: need samples in both groups and at least 3 in all (A: %d, B: %d)", na, nb);
    }
    double *design = malloc((size_t)k * 2 * sizeof *design);
    double *sub = k < nsamples ? malloc((size_t)ngenes * k * sizeof *sub) : NULL;
    if (!design || (k < nsamples && !sub)) { free(cols); free(design); free(sub); return ferro_error_set(FERRO_ENOMEM, "out of memory"); }
    for (int j = 0; j < k; j++) {
        design[2 * j] = 1;
        design[2 * j + 1] = group[cols[j]] == 1;
    }
    if (sub)
        for (int g = 0; g < ngenes; g++)
            for (int j = 0; j < k; j++) sub[(size_t)g * k + j] = y[(size_t)g * nsamples + cols[j]];
    int rc = ferro_de_limma(sub ? sub : y, ngenes, k, design, 2, 1, o, out);
    free(sub);
    free(design);
    free(cols);
    return rc;
}
