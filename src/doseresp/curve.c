/* curve.c — evaluating a fitted 4PL: value, inverse, dose at a response level, AUC on log10 dose. */
#include "ferrosim/doseresp.h"
#include "doseresp/doseresp_internal.h"

#include <math.h>

/* 1 / (1 + exp(z)) without overflow. */
double ferro_dr_logistic_q(double z)
{
    if (z >= 0) {
        double e = exp(-z);
        return e / (1 + e);
    }
    return 1 / (1 + exp(z));
}

/* ln(1 + exp(z)) without overflow. */
static double softplus(double z) { return (z > 0 ? z : 0) + log1p(exp(-fabs(z))); }

double ferro_dr_eval(const ferro_dr_fit_t *fit, double x)
{
    if (!fit || fit->status != FERRO_DR_OK || !(x >= 0)) return NAN;
    const double *p = fit->est;
    double q;
    if (x == 0) q = p[FERRO_DR_HILL] > 0 ? 1 : p[FERRO_DR_HILL] < 0 ? 0 : 0.5;
    else q = ferro_dr_logistic_q(p[FERRO_DR_HILL] * (log(x) - log(p[FERRO_DR_IC50])));
    return p[FERRO_DR_BOTTOM] + (p[FERRO_DR_TOP] - p[FERRO_DR_BOTTOM]) * q;
}

static double midpoint_if(const ferro_dr_fit_t *fit, int direction, double *lo, double *hi)
{
    int ok = fit && fit->status == FERRO_DR_OK && fit->direction == direction;
    if (lo) *lo = ok ? fit->ci_lo[FERRO_DR_IC50] : NAN;
    if (hi) *hi = ok ? fit->ci_hi[FERRO_DR_IC50] : NAN;
    return ok ? fit->est[FERRO_DR_IC50] : NAN;
}

double ferro_dr_ic50(const ferro_dr_fit_t *fit, double *lo, double *hi)
{
    return midpoint_if(fit, FERRO_DR_FALLING, lo, hi);
}

double ferro_dr_ec50(const ferro_dr_fit_t *fit, double *lo, double *hi)
{
    return midpoint_if(fit, FERRO_DR_RISING, lo, hi);
}

double ferro_dr_inverse(const ferro_dr_fit_t *fit, double y)
{
    if (!fit || fit->status != FERRO_DR_OK) return NAN;
    const double *p = fit->est;
    double b = p[FERRO_DR_BOTTOM], t = p[FERRO_DR_TOP], h = p[FERRO_DR_HILL];
    /* y strictly between the asymptotes: (t - y) / (y - b) = (x / ic50)^h */
    double r = (t - y) / (y - b);
    if (!(r > 0) || !isfinite(r) || h == 0) return NAN;
    return p[FERRO_DR_IC50] * exp(log(r) / h);
}

double ferro_dr_dose_at(const ferro_dr_fit_t *fit, double y)
{
    double x = ferro_dr_inverse(fit, y);
    if (isnan(x)) return NAN;
    /* within the tested doses only (relative tolerance for rounding at the ends) */
    if (x < fit->dose_min * (1 - 1e-12) || x > fit->dose_max * (1 + 1e-12)) return NAN;
    return x;
}

double ferro_dr_auc_fit(const ferro_dr_fit_t *fit)
{
    if (!fit || fit->status != FERRO_DR_OK || !(fit->dose_min > 0) || !(fit->dose_max > fit->dose_min))
        return NAN;
    const double *p = fit->est;
    double u0 = log10(fit->dose_min), u1 = log10(fit->dose_max), um = log10(p[FERRO_DR_IC50]);
    double k = p[FERRO_DR_HILL] * log(10.0);
    /* integral of q(k (u - um)) du = u - softplus(k (u - um)) / k */
    double iq;
    if (fabs(k) < 1e-12) iq = 0.5 * (u1 - u0);
    else iq = (u1 - u0) - (softplus(k * (u1 - um)) - softplus(k * (u0 - um))) / k;
    double area = p[FERRO_DR_BOTTOM] * (u1 - u0) + (p[FERRO_DR_TOP] - p[FERRO_DR_BOTTOM]) * iq;
    return area / (u1 - u0);
}

double ferro_dr_auc_points(const double *udose, const double *mean, int ndose)
{
    double area = 0, u0 = NAN, uprev = NAN, yprev = NAN;
    int npos = 0;
    for (int i = 0; i < ndose; i++) {
        if (!(udose[i] > 0)) continue;
        double u = log10(udose[i]);
        if (npos == 0) u0 = u;
        else area += 0.5 * (mean[i] + yprev) * (u - uprev);
        uprev = u;
        yprev = mean[i];
        npos++;
    }
    if (npos < 2) return NAN;
    return area / (uprev - u0);
}
