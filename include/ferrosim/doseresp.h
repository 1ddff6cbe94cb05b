/* ferrosim/doseresp.h — dose–response curves: the four-parameter logistic (4PL) fitted by GSL's
 * nonlinear least squares on log dose, with Wald confidence intervals from the covariance matrix
 * and Student t quantiles.
 *
 * The model (the same as drc's LL.4 and stats::nls on log dose):
 *
 *     f(x) = bottom + (top - bottom) / (1 + exp(hill * (ln x - ln ic50)))
 *
 * so top is the response at dose 0, bottom the response at very high dose (hill > 0), ic50 the
 * midpoint: the dose of the half-way response between top and bottom. Dose 0 is allowed (an
 * untreated well): f(0) = top for hill > 0.
 *
 * The midpoint is an IC50 (a relative inhibitory concentration) only when the fitted curve falls
 * with dose; when it rises (a protective agent: viability above the untreated control, e.g.
 * ferrostatin-1 rescuing the basal ferroptotic death) it is an EC50 of the rise. fit.direction
 * says which, and ferro_dr_ic50 / ferro_dr_ec50 give the midpoint only for its own direction: the
 * tables write it under ic50 or ec50, never both.
 *
 *   ferro_dr_fit_t fit;
 *   int rc = ferro_dr_fit(dose, viab, n, NULL, &fit);   // rc < 0 only for bad arguments
 *   if (fit.status == FERRO_DR_OK) ... fit.ic50, fit.ci_lo[FERRO_DR_IC50] ...
 *
 * Data the model cannot describe (flat, a single dose, too few doses, no convergence) is not an
 * error: fit.status says why and the fitted numbers are NAN — never a made-up value.
 */
#ifndef FERROSIM_DOSERESP_H
#define FERROSIM_DOSERESP_H

#include "ferrosim/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Why a curve has (or has no) fitted parameters. */
enum {
    FERRO_DR_OK = 0,          /* fitted */
    FERRO_DR_FLAT,            /* the mean responses span less than opt.flat_tol: no dose effect */
    FERRO_DR_SINGLE_DOSE,     /* one distinct dose: a curve cannot be fitted */
    FERRO_DR_TOO_FEW_DOSES,   /* fewer distinct doses than free parameters, or df < opt.min_df */
    FERRO_DR_NO_CONVERGENCE,  /* the least-squares iteration did not converge */
    FERRO_DR_SINGULAR         /* converged, but the parameters are not identifiable (singular J'J) */
};
/* "ok", "flat", "single_dose", "too_few_doses", "no_convergence", "singular". */
const char *ferro_dr_status_name(int status);

/* Which way the fitted curve goes as the dose increases. */
enum {
    FERRO_DR_DIR_NA = 0,   /* no fitted curve (status other than ok or flat) */
    FERRO_DR_FALLING,      /* (top - bottom) * hill > 0: viability falls with dose (inhibitory) */
    FERRO_DR_RISING,       /* (top - bottom) * hill < 0: viability rises with dose (protective) */
    FERRO_DR_DIR_FLAT      /* status flat, or a fitted curve with top == bottom or hill == 0 */
};
/* "NA", "falling", "rising", "flat". */
const char *ferro_dr_direction_name(int direction);

/* Whether the data support the fitted midpoint (the IC50 of a falling curve, the EC50 of a rising
 * one). A converged fit can put its midpoint where no dose was tested: a curve already at its bottom
 * at every tested dose fits equally well with any midpoint below the lowest dose (the same for a
 * curve still at its top at the highest dose above it), and its CI then spans many decades. The
 * fitted parameters stay in the tables (status ok: the curve describes the data within the tested
 * range, so the fitted values, dose_v50 and the AUC keep their meaning), but such a midpoint is
 * flagged, as GraphPad Prism marks it "~" (ambiguous) and drc users check it against the range, and
 * it is left out of everything computed from IC50s (selectivity ratios, lineage means, the heat
 * map's colour). */
enum {
    FERRO_DR_MID_NA = 0,     /* no midpoint: status not ok, or a flat fitted curve */
    FERRO_DR_MID_IN_RANGE,   /* within the tested positive doses, CI within opt.max_ci_decades: supported */
    FERRO_DR_MID_BELOW,      /* below the lowest tested positive dose: extrapolated (only "< lowest dose"
                                is supported: a falling curve is past its midpoint at every dose) */
    FERRO_DR_MID_ABOVE,      /* above the highest tested dose: extrapolated ("> highest dose") */
    FERRO_DR_MID_WIDE_CI     /* within the range, but its CI is unbounded or wider than opt.max_ci_decades
                                decades: the data do not locate it */
};
/* "NA", "in_range", "below_range", "above_range", "wide_ci". */
const char *ferro_dr_midpoint_flag_name(int flag);

/* Parameter indices into est/se/ci_lo/ci_hi. */
enum { FERRO_DR_BOTTOM = 0, FERRO_DR_TOP = 1, FERRO_DR_IC50 = 2, FERRO_DR_HILL = 3, FERRO_DR_NPAR = 4 };

typedef struct {
    double fix_bottom;  /* NAN = free (default); else bottom is held at this value */
    double fix_top;     /* NAN = free (default) */
    double flat_tol;    /* FERRO_DR_FLAT if max - min of the per-dose means < flat_tol (default 0.05;
                           0 = never call data flat) */
    double level;       /* confidence level (default 0.95) */
    double v50;         /* the response level for dose_v50 (default 0.5: 50% viability) */
    int min_df;         /* residual degrees of freedom required (default 1); with 0 an exact fit is
                           allowed and its SEs and CIs are NAN */
    double max_ci_decades; /* midpoint_flag wide_ci when the midpoint's CI (hi / lo) spans more than
                              this many decades of dose (default 2: a 100-fold interval, the IC50
                              not known to within a factor of 10 either way) or is unbounded;
                              0 = no CI check. An exact fit (df 0, no CI) is not checked. */
} ferro_dr_options_t;
void ferro_dr_options_init(ferro_dr_options_t *o);

typedef struct {
    int status;                 /* FERRO_DR_* */
    int direction;              /* FERRO_DR_FALLING, _RISING, _DIR_FLAT or _DIR_NA */
    int n;                      /* observations used */
    int ndose;                  /* distinct doses */
    int nfree;                  /* free parameters */
    int df;                     /* residual degrees of freedom, n - nfree */
    double est[FERRO_DR_NPAR];  /* bottom, top, ic50 (the midpoint dose, whatever the direction), hill */
    double se[FERRO_DR_NPAR];   /* standard errors; for IC50 the SE of ln(ic50); 0 for fixed ones */
    double ci_lo[FERRO_DR_NPAR], ci_hi[FERRO_DR_NPAR]; /* est -+ t(df) * se; IC50: exp(ln ic50 -+ t*se) */
    double rss;                 /* residual sum of squares */
    double sigma;               /* residual standard error sqrt(rss / df) */
    double r2;                  /* 1 - rss / total sum of squares about the mean */
    double dose_v50;            /* dose where the fitted curve equals opt.v50 (for a falling curve the
                                   absolute IC50; for a rising one the dose that rescues viability to
                                   opt.v50), NAN if the fitted curve does not cross it within the
                                   tested doses */
    double auc;                 /* area under the fitted curve over the tested log10-dose range
                                   (positive doses), divided by the range width: the mean viability
                                   over the range, 1 = no effect, < 1 net kill or slower growth,
                                   > 1 more live cells than the untreated control (protection from
                                   the control's own death, or faster growth) */
    double auc_obs;             /* the same for the observed per-dose means (trapezoid) */
    double dose_min, dose_max;  /* smallest positive and largest dose tested */
    int midpoint_flag;          /* FERRO_DR_MID_*: whether the data support the midpoint (see above) */
    int iterations;
} ferro_dr_fit_t;

/* Fit the 4PL to n (dose, response) pairs (replicates: repeated doses). opt NULL = defaults.
 * Returns 0 (look at out->status) or FERRO_EINVAL (n < 1, a negative or non-finite dose, a
 * non-finite response) / FERRO_ENOMEM. */
int ferro_dr_fit(const double *dose, const double *resp, int n, const ferro_dr_options_t *opt,
                 ferro_dr_fit_t *out) FERRO_WUR;

/* The midpoint as an IC50 (falling curves only) or as an EC50 (rising curves only), with its CI
 * in *lo, *hi (either may be NULL); NAN for a curve of the other direction or without a fit. The
 * estimate is returned whatever fit.midpoint_flag says (the tables show it beside the flag). */
double ferro_dr_ic50(const ferro_dr_fit_t *fit, double *lo, double *hi);
double ferro_dr_ec50(const ferro_dr_fit_t *fit, double *lo, double *hi);

/* 1 if the fit has a midpoint the data support (status ok and midpoint_flag in_range), else 0:
 * use it before computing anything from ferro_dr_ic50 / ferro_dr_ec50 (ratios, means). */
int ferro_dr_midpoint_supported(const ferro_dr_fit_t *fit);

/* The midpoint as a table or figure cell shows it: "0.52" when supported, "<0.01" / ">100" (the
 * tested range's end) when extrapolated, "~0.52" (GraphPad Prism's mark of an ambiguous value)
 * when its CI is too wide, "NA" without one. */
void ferro_dr_midpoint_text(const ferro_dr_fit_t *fit, char *buf, size_t n);
/* A sentence saying why the midpoint is not supported ("fitted IC50 2.6e-06 lies below the lowest
 * tested dose 0.01: extrapolated, ..."); "" when it is supported or there is none. */
void ferro_dr_midpoint_describe(const ferro_dr_fit_t *fit, char *buf, size_t n);

/* The fitted curve at dose x (NAN unless status is FERRO_DR_OK). */
double ferro_dr_eval(const ferro_dr_fit_t *fit, double x);
/* The dose where the fitted curve equals y (the inverse), NAN if it never does. */
double ferro_dr_inverse(const ferro_dr_fit_t *fit, double y);

/* Group replicate observations: sorts by dose and returns the distinct doses with the mean, the
 * sample SD (NAN for a single observation) and the count. Arrays of length n are enough.
 * *ndose gets the number of distinct doses. */
int ferro_dr_group(const double *dose, const double *resp, int n, double *udose, double *mean,
                   double *sd, int *count, int *ndose) FERRO_WUR;

/* ---- measured plate tables (the input of `ferrosim dose --data` and `combo --data`) ----
 * A header naming the columns (any order, case-insensitive, extra columns ignored), then one row
 * per well; '#' lines are comments. kinds has one letter per wanted column:
 *   't' text (non-empty), 'd' dose (a number >= 0),
 *   'v' viability (fraction of the untreated control, 1 = no effect: a number >= -FERRO_DR_VIAB_NOISE,
 *       at most FERRO_DR_VIAB_MAX; NA skips the well).
 * Every error names file, line and column. An empty file or one without rows is an error. */
#define FERRO_DR_VIAB_NOISE 0.1
#define FERRO_DR_VIAB_MAX 5.0
typedef struct {
    int nrow, ncol;   /* ncol = number of wanted columns */
    char **text;      /* nrow * ncol; NULL for numeric columns */
    double *num;      /* nrow * ncol; NAN for text columns */
    long *lineno;     /* nrow */
    int nskipped;     /* wells skipped for a missing (NA) viability */
    char *path;
} ferro_dr_plate_t;
int ferro_dr_plate_read(const char *path, const char *const *names, const char *kinds,
                        ferro_dr_plate_t **out) FERRO_WUR;
void ferro_dr_plate_free(ferro_dr_plate_t *p);

/* ---- tables ----
 * Long format, one row per dose: <key columns>, dose, n, viability, sd, fitted, status, then the
 * curve's bottom, top, ic50, hill (each with _lo and _hi: the CI), r2, dose_v50, auc, auc_obs,
 * direction, ec50, ec50_lo, ec50_hi, midpoint_flag (repeated on every row of the curve; ic50 only
 * for a falling curve, ec50 only for a rising one, else NA; midpoint_flag: whether the data support
 * that midpoint, ferro_dr_midpoint_flag_name). key_header is e.g. "drug" or "cell\tagent"; key the
 * values. */
void ferro_dr_write_tsv_header(FILE *fp, const char *key_header);
/* A TSV field: a tab, then %.6g or NA for NAN. */
void ferro_dr_write_num(FILE *fp, double v);
void ferro_dr_write_tsv_rows(FILE *fp, const char *key, const double *udose, const double *mean,
                             const double *sd, const int *count, int ndose, const ferro_dr_fit_t *fit);
/* One JSON object {"points": [...], "fit": {...}} with the key fields first ("drug": ...):
 * keys and values are parallel arrays of nkeys strings. */
void ferro_dr_write_json(FILE *fp, const char *const *keys, const char *const *values, int nkeys,
                         const double *udose, const double *mean, const double *sd, const int *count,
                         int ndose, const ferro_dr_fit_t *fit);
/* "key":"value", pairs (each followed by a comma) opening a JSON object's members. */
void ferro_dr_write_json_keys(FILE *fp, const char *const *keys, const char *const *values, int nkeys);
/* The fit alone as a JSON object {"status": ..., "direction": ..., "bottom": ..., "bottom_ci":
 * [lo, hi], ..., "ec50": ..., "ec50_ci": [lo, hi], "midpoint_flag": ...} (ic50 / ec50 null for the
 * other direction). */
void ferro_dr_write_fit_json(FILE *fp, const ferro_dr_fit_t *fit);

#ifdef __cplusplus
}
#endif
#endif
