/* ferrosim/de.h — differential expression: limma (lmFit + eBayes), Welch t, Wilcoxon rank-sum,
 * Benjamini–Hochberg FDR, volcano calls. Equal to R (limma 3.54, stats 4.2) to 1e-6 relative.
 *
 * Data: y is ngenes x nsamples, row-major (y[g * nsamples + j]), NAN = missing.
 * Two-group tests take group[j] = 1 (group A), 0 (group B) or -1 (sample not used);
 * logFC = mean(A) - mean(B) over non-missing values.
 *
 * limma: every gene is fitted by least squares on its non-missing samples (as lmFit does: one QR
 * when there are no NAs, a QR per gene otherwise, with R's limited column pivoting for aliased
 * columns); eBayes estimates the prior df and variance by Smyth's method (fitFDist: moments of
 * log s^2, trigamma inversion), optionally with a variance trend on AveExpr (natural cubic
 * spline as splines::ns), then the moderated t, its p-value, the B log-odds (proportion 0.01).
 * Welch: t.test(x, y) per gene (NA if a group has < 2 values or both variances are 0).
 * Wilcoxon: wilcox.test(x, y) per gene: exact p when both groups have < 50 values and there are
 * no ties, else the normal approximation with continuity correction and tie-corrected variance;
 * the statistic is W = rank sum of A - nA(nA+1)/2.
 * All functions are parallel over genes (nthreads; results do not depend on it). */
#ifndef FERROSIM_DE_H
#define FERROSIM_DE_H

#include "ferrosim/common.h"

#ifdef __cplusplus
extern "C" {
#endif

enum { FERRO_DE_LIMMA = 0, FERRO_DE_WELCH = 1, FERRO_DE_WILCOXON = 2 };

typedef struct {
    int method;      /* FERRO_DE_* of the result */
    int n;           /* genes */
    double *logFC;   /* limma: the coefficient; two-group: mean(A) - mean(B) */
    double *AveExpr; /* mean of the non-missing values over the samples used */
    double *stat;    /* limma: moderated t; Welch: t; Wilcoxon: W */
    double *p;       /* two-sided p-value */
    double *adj_p;   /* Benjamini–Hochberg over the non-missing p-values */
    double *B;       /* limma only (else NULL): log-odds of differential expression */
    double *df;      /* limma: df.total; Welch: Welch–Satterthwaite df; Wilcoxon: NULL */
    /* limma only (else NULL / NAN) */
    double *sigma, *df_residual, *s2_post, *stdev_unscaled, *s2_prior;
    double df_prior, var_prior;
} ferro_de_result_t;

typedef struct {
    int trend;          /* eBayes(trend = TRUE) */
    double proportion;  /* eBayes proportion (0.01) */
    int nthreads;       /* 1 by default; <= 0 = all cores */
} ferro_limma_opts_t;
void ferro_limma_opts_init(ferro_limma_opts_t *o);

/* lmFit(y, design) + eBayes for coefficient `coef` (0-based) of a design matrix
 * (nsamples x ncoef, row-major, full column rank). */
int ferro_de_limma(const double *y, int ngenes, int nsamples, const double *design, int ncoef, int coef,
                   const ferro_limma_opts_t *o, ferro_de_result_t **out) FERRO_WUR;
/* Two groups: limma on the A and B samples with design ~ factor(group, levels = c(B, A)). */
int ferro_de_limma_groups(const double *y, int ngenes, int nsamples, const int *group,
                          const ferro_limma_opts_t *o, ferro_de_result_t **out) FERRO_WUR;
/* limma's makeContrasts: a linear combination of names (groups or design columns), e.g. "B-A",
 * "T3-T2", "(B1+B2)/2-B3", "2*A-B-C", names with other characters in `backquotes`, parsed into
 * weights[nnames]. An unknown name is FERRO_ENOTFOUND with a message naming it and the known
 * names; a constant term, a non-linear term or all-zero weights FERRO_EINVAL. */
int ferro_de_contrast_parse(const char *expr, const char *const *names, int nnames, double *weights) FERRO_WUR;
/* lmFit(y, design) + contrasts.fit(fit, C) + eBayes; out[c] (c < ncontrast, caller's array, each
 * freed with ferro_de_result_free) holds topTable(fit, coef = c)'s columns: logFC = the contrast
 * c'b (weights contrasts[c * ncoef + k]), moderated t, p, BH adj_p, B, as limma 3.54. The
 * contrast's stdev.unscaled is sqrt(sum_k su_k^2 c_k^2) for an orthogonal design (e.g. one
 * column per group), else limma's sqrt((su.c)' cor (su.c)) with cor the design's coefficient
 * correlation (exact without NAs; limma's approximation for genes with NAs). A contrast with a
 * non-zero weight on a coefficient a gene cannot estimate is NA for that gene. */
int ferro_de_limma_contrasts(const double *y, int ngenes, int nsamples, const double *design, int ncoef,
                             const double *contrasts, int ncontrast, const ferro_limma_opts_t *o,
                             ferro_de_result_t **out) FERRO_WUR;
int ferro_de_welch(const double *y, int ngenes, int nsamples, const int *group, int nthreads,
                   ferro_de_result_t **out) FERRO_WUR;
int ferro_de_wilcoxon(const double *y, int ngenes, int nsamples, const int *group, int nthreads,
                      ferro_de_result_t **out) FERRO_WUR;
void ferro_de_result_free(ferro_de_result_t *r); /* NULL-safe */

/* p.adjust(p, "BH"): NAN stays NAN and does not count in n. */
int ferro_de_bh(const double *p, int n, double *adj) FERRO_WUR;

/* Volcano call per gene: +1 up (adj_p < fdr and logFC >= lfc), -1 down (adj_p < fdr and
 * logFC <= -lfc), 0 otherwise (and when adj_p is missing). */
void ferro_de_volcano(const ferro_de_result_t *r, double fdr, double lfc, int *call);

#ifdef __cplusplus
}
#endif
#endif
