/* ebayes.h — (private) limma's empirical Bayes pieces: fitFDist (with optional natural-spline
 * trend on a covariate), trigammaInverse, the t-mixture prior variance. */
#ifndef FERRO_DE_EBAYES_H
#define FERRO_DE_EBAYES_H

/* limma::trigammaInverse for one x (NAN for x < 0). */
double ferro_trigamma_inverse(double x);
/* limma::fitFDist(x, df1, covariate): scale[n] (the same value everywhere without a covariate)
 * and *df2. covariate may be NULL. Returns 0, or a negative FERRO_E* code. */
int ferro_fit_fdist(const double *x, const double *df1, const double *covariate, int n, double *scale,
                    double *df2);
/* limma's tmixture.vector for one coefficient: the prior variance of non-zero coefficients. */
double ferro_tmixture(const double *t, const double *stdev_unscaled, const double *df, int n, double proportion,
                      double lim_lo, double lim_hi);
/* Natural cubic spline basis of splines::ns(x, df, intercept = TRUE) evaluated at xs (the span,
 * not the exact basis vectors): B is nx x df column-major. Knots from x[0..n-1]. */
int ferro_ns_basis(const double *x, int n, int df, const double *xs, int nx, double *B);

#endif
