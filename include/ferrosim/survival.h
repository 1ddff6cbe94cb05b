/* ferrosim/survival.h — survival statistics equal to R's `survival` 3.5 and `glmnet` 4.1:
 * Cox proportional hazards (coxph: Efron/Breslow ties, strata, Wald/LR/score tests,
 * concordance), Kaplan–Meier (survfit: Greenwood variance, "log" confidence intervals, medians,
 * numbers at risk), log-rank tests (survdiff, stratified), and the elastic-net Cox path with
 * k-fold cross-validation (glmnet/cv.glmnet, family = "cox").
 *
 *   ferro_surv_data_t *d;
 *   const char *cov[] = {"age", "wbc"};
 *   ferro_surv_spec_t spec = {"time", "status", cov, 2, NULL, NULL};
 *   if (ferro_surv_data_read("cohort.tsv", &spec, &d)) -> ferro_error_message()
 *   ferro_cox_fit_t *fit;
 *   ferro_cox_options_t opt; ferro_cox_options_init(&opt);
 *   if (ferro_cox_fit(d, &opt, &fit) == 0) ... fit->coef[j], fit->se[j], fit->p[j] ...
 *   ferro_cox_fit_free(fit); ferro_surv_data_free(d);
 */
#ifndef FERROSIM_SURVIVAL_H
#define FERROSIM_SURVIVAL_H

#include "ferrosim/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- data */

/* Which columns of a samples x variables TABLE to use. Columns named NULL are not used. */
typedef struct {
    const char *time;              /* follow-up time (numeric, > 0 for lasso-cox) */
    const char *event;             /* 0/1 (or 1/2 as R's Surv: 2 = event), TRUE/FALSE */
    const char *const *covariates; /* numeric covariates */
    int ncov;
    const char *strata;            /* categorical: strata (cox, km log-rank) or NULL */
    const char *group;             /* categorical: KM groups or NULL */
    const char *foldid;            /* integer fold ids 1..K (lasso-cox) or NULL */
    const char *expr;              /* genes x samples matrix (ferro_matrix_read) or NULL: covariates
                                      that are not TABLE columns are genes of it, matched by sample ID */
    const char *where;             /* "COL=VALUE": use only the rows where COL equals VALUE, or NULL */
    const char *cluster;           /* categorical: cluster ids for the robust Cox variance (as
                                      + cluster(COL)), or NULL; a missing value is an error */
} ferro_surv_spec_t;

/* The complete cases of the used columns (R's na.omit), in file order. */
typedef struct {
    int n;          /* samples kept */
    int p;          /* covariates */
    int ndropped;   /* rows dropped for a missing value in a used column */
    char **id;      /* n sample ids (column 1) */
    double *time;   /* n */
    int *event;     /* n: 0 censored, 1 event */
    double *x;      /* n x p, row-major: x[i * p + j] */
    char **names;   /* p covariate names */
    int *strata;    /* n: level index into strata_levels, or NULL */
    int nstrata;
    char **strata_levels; /* sorted as R's factor() sorts strings (C locale) */
    int *group;     /* n: level index into group_levels, or NULL */
    int ngroup;
    char **group_levels;
    int *foldid;    /* n: 1..K, or NULL */
    int *cluster;   /* n: level index into cluster_levels, or NULL */
    int ncluster;
    char **cluster_levels;
} ferro_surv_data_t;

/* Read a TSV TABLE (header; sample IDs in column 1; '-' = stdin; lines starting with '#' are
 * comments). Missing values ("", NA, NaN) in any used column drop the row (counted in
 * ndropped); a non-numeric cell is an error naming file, line and column; duplicate sample IDs
 * and unknown column names are errors naming them. With spec->expr, a covariate that is not a
 * column is a gene (row) of the matrix; a used TABLE sample missing from the matrix is an error
 * naming it. Rows excluded by spec->where are not counted as dropped. */
int ferro_surv_data_read(const char *path, const ferro_surv_spec_t *spec, ferro_surv_data_t **out) FERRO_WUR;
void ferro_surv_data_free(ferro_surv_data_t *d);
/* Replace the groups by a median split of covariate j: "high" (x > median, R's median) and
 * "low" (levels in that order). */
int ferro_surv_data_split_median(ferro_surv_data_t *d, int j) FERRO_WUR;

/* ---------------------------------------------------------------- Cox PH (coxph) */

enum { FERRO_TIES_EFRON = 0, FERRO_TIES_BRESLOW = 1 };

typedef struct {
    int ties;        /* FERRO_TIES_EFRON (R's default) or FERRO_TIES_BRESLOW */
    int use_strata;  /* stratify on d->strata when present (default 1) */
    int iter_max;    /* 20, as coxph.control */
    double eps;      /* 1e-9: relative change in the log partial likelihood */
    double toler_chol; /* .Machine$double.eps^0.75 */
    double conf_level; /* 0.95 */
    int robust;      /* 0: model-based variance; 1: also the Lin-Wei robust (sandwich) variance
                        D'D from the dfbeta residuals, as coxph(robust = TRUE) */
    const int *cluster; /* n cluster ids (any integers) summing the dfbeta residuals per cluster,
                        as coxph(... + cluster(id)); NULL: each sample its own cluster. Only used
                        with robust (ferro_cox_fit sets both from d->cluster). */
} ferro_cox_options_t;
void ferro_cox_options_init(ferro_cox_options_t *o);

/* Harrell's concordance as coxph reports it (survival::concordance on the linear predictor,
 * within strata, reverse = TRUE, time-tied event pairs not comparable). */
typedef struct {
    double concordant, discordant, tied_x, tied_y, tied_xy;
    double concordance; /* (concordant + tied_x / 2) / (concordant + discordant + tied_x) */
    double std;         /* its standard error, survival's infinitesimal jackknife (coxph's "se") */
} ferro_concordance_t;

typedef struct {
    int n, nevent, p, iter, converged;
    char **names;       /* p (copies) */
    double *coef, *se, *hr, *hr_lo, *hr_hi, *z, *pvalue; /* p each */
    double *var;        /* p x p: inverse information at the estimate */
    double loglik0, loglik; /* at beta = 0 and at the estimate */
    double lr, lr_p, wald, wald_p, score, score_p; /* tests with df = p */
    int df;
    double conf_level;
    double *lp;         /* n linear predictors (uncentred: x . beta) */
    ferro_concordance_t conc;
    /* robust (opt->robust), as coxph reports it: var is then the robust variance D'D and
     * naive_var the inverse information; se stays the model-based se(coef), robust_se is
     * sqrt(diag(var)); z, pvalue, hr_lo, hr_hi and the Wald test use the robust variance; the
     * concordance std is summed by cluster. rscore is the robust score (log-rank) test at
     * beta = 0 (R's fit$rscore: U' (S'S)^-1 U from the per-cluster score residuals S). */
    int robust, ncluster;
    double *robust_se, *naive_var; /* p and p x p; NULL without robust */
    double rscore, rscore_p;       /* NaN without robust */
} ferro_cox_fit_t;

/* Fit by Newton–Raphson from beta = 0 with step halving, exactly as survival::coxph.fit. */
int ferro_cox_fit(const ferro_surv_data_t *d, const ferro_cox_options_t *opt, ferro_cox_fit_t **out) FERRO_WUR;
void ferro_cox_fit_free(ferro_cox_fit_t *f);

/* Low-level: a Cox fit on raw arrays (x n x p row-major; strata may be NULL). */
int ferro_cox_fit_raw(int n, int p, const double *time, const int *event, const double *x,
                      const int *strata, const ferro_cox_options_t *opt, ferro_cox_fit_t **out) FERRO_WUR;

/* Cross-validated linear predictors: for each fold k (foldid[i] in 1..K; NULL = leave one out),
 * the model fitted without fold k gives lp[i] = (x_i - mean(-k)) . beta(-k) for its members (as
 * predict(fit, newdata, type = "lp"), centred at the training means);
 * their concordance is an out-of-sample C-index. Uses d->strata when opt->use_strata. */
int ferro_cox_cv_lp(const ferro_surv_data_t *d, const ferro_cox_options_t *opt, const int *foldid, double *lp) FERRO_WUR;

/* Concordance of a risk score (higher score = shorter survival) with (time, event). */
int ferro_concordance(int n, const double *time, const int *event, const double *score,
                      const int *strata, ferro_concordance_t *out) FERRO_WUR;
/* Same; the standard error's per-subject influence summed within clusters first (cluster: n
 * ids, or NULL), as concordancefit(..., cluster). */
int ferro_concordance_cluster(int n, const double *time, const int *event, const double *score,
                              const int *strata, const int *cluster, ferro_concordance_t *out) FERRO_WUR;

/* Score residuals of a Cox model at beta (coxph's residuals(fit, type = "score"): Efron or
 * Breslow ties, within strata): resid is n x p row-major in the samples' order. */
int ferro_cox_score_resid(int n, int p, const double *time, const int *event, const double *x,
                          const int *strata, int ties, const double *beta, double *resid) FERRO_WUR;

/* ---------------------------------------------------------------- Kaplan–Meier (survfit) */

/* One curve: a row per distinct time (event or censoring), as summary(survfit(...),
 * censored = TRUE). std_err is the Greenwood standard error of the cumulative hazard
 * (survfit's $std.err); lower/upper is survfit's default conf.type = "log":
 * S * exp(-+ z * std_err), the upper bound capped at 1, NaN where S = 0. */
typedef struct {
    int ntime;
    double *time, *surv, *std_err, *lower, *upper; /* ntime each */
    int *n_risk, *n_event, *n_censor;
    int n, nevent;
    double median, median_lo, median_hi; /* NaN when not reached (R: NA) */
} ferro_km_curve_t;

typedef struct {
    int ncurve;
    char **labels;        /* group levels ("all" without groups) */
    ferro_km_curve_t *curve;
    double conf_level;
    /* log-rank (survdiff, rho = 0), stratified on d->strata when present; NaN without groups */
    double *observed, *expected; /* ncurve each */
    double chisq, p;
    int df;
} ferro_km_t;

int ferro_km_fit(const ferro_surv_data_t *d, double conf_level, ferro_km_t **out) FERRO_WUR;
void ferro_km_free(ferro_km_t *k);

/* ---------------------------------------------------------------- elastic-net Cox (glmnet) */

typedef struct {
    double alpha;            /* 1 = lasso (default) */
    int nlambda;             /* 100 */
    double lambda_min_ratio; /* < 0: glmnet's default, n < p ? 0.01 : 1e-4 */
    const double *lambda;    /* user sequence (sorted decreasing as glmnet does) or NULL */
    int nlambda_user;
    int standardize;         /* 1 */
    double thresh;           /* 1e-7 */
    int maxit;               /* 100000 */
    int threads;             /* OpenMP threads (results do not depend on it) */
} ferro_coxnet_options_t;
void ferro_coxnet_options_init(ferro_coxnet_options_t *o);

typedef struct {
    int n, p, nlambda;
    double *lambda;    /* nlambda */
    double *beta;      /* nlambda x p, row-major, on the original scale */
    int *df;           /* nonzero coefficients */
    double *dev_ratio; /* nlambda */
    double nulldev;
    int npasses;
    int jerr;          /* glmnet's jerr (0; negative: stopped early at a non-converged lambda) */
} ferro_coxnet_path_t;

/* glmnet(x, Surv(time, event), family = "cox"): Breslow ties (glmnet's partial likelihood),
 * glmnet's standardisation, lambda sequence, coordinate descent and path stopping rules. */
int ferro_coxnet_path(int n, int p, const double *x, const double *time, const int *event,
                      const ferro_coxnet_options_t *opt, ferro_coxnet_path_t **out) FERRO_WUR;
void ferro_coxnet_path_free(ferro_coxnet_path_t *f);

/* glmnet's Cox deviance 2 (l_saturated - l(beta)) of x %*% beta (Breslow, unit weights). */
int ferro_coxnet_deviance(int n, int p, const double *x, const double *time, const int *event,
                          const double *beta, double *dev) FERRO_WUR;

typedef struct {
    ferro_coxnet_path_t *fit; /* the fit on all samples */
    int nfolds;
    double *cvm, *cvsd;       /* fit->nlambda each: partial-likelihood deviance per event */
    double lambda_min, lambda_1se;
    int index_min, index_1se; /* 0-based */
} ferro_coxnet_cv_t;

/* cv.glmnet(..., family = "cox", type.measure = "deviance", grouped = TRUE, foldid = foldid)
 * with foldid[i] in 1..K. */
int ferro_coxnet_cv(int n, int p, const double *x, const double *time, const int *event,
                    const int *foldid, const ferro_coxnet_options_t *opt, ferro_coxnet_cv_t **out) FERRO_WUR;
void ferro_coxnet_cv_free(ferro_coxnet_cv_t *cv);

/* Fold ids 1..K for n samples: a random permutation of rep(1:K, length = n) drawn from seed
 * (ferrosim's own generator, not R's stream: pass R's foldid to reproduce a cv.glmnet run). */
int ferro_coxnet_foldid(int n, int k, unsigned long seed, int *foldid) FERRO_WUR;

/* ---------------------------------------------------------------- time-dependent AUC */

/* Cumulative/dynamic AUC(t) of a risk score with inverse-probability-of-censoring weights
 * (Uno et al. 2007; Blanche et al. 2013): cases T_i <= t with an event, weight 1 / G(T_i-);
 * controls T_j > t, weight 1 / G(t); G = Kaplan–Meier of the censoring times; score ties count
 * 1/2. NaN when there is no case or no control. */
int ferro_td_auc(int n, const double *time, const int *event, const double *score, double t, double *auc) FERRO_WUR;

/* ---------------------------------------------------------------- prognostic signature */

/* The review's section-4 workflow: DE genes (limma, omics' de module) ∩ ferroptosis genes (FerrDb
 * sets) -> hub genes in an interaction network (network module) -> univariate Cox screen ->
 * LASSO-Cox with k-fold CV -> multivariate Cox -> risk score = sum coef * expression, median
 * split, KM + log-rank, C-index, time-dependent AUC. */
typedef struct {
    const char *time, *event;   /* annotation columns (survival endpoint) */
    const char *where;          /* "COL=VALUE": the training samples (e.g. lineage=B), or NULL */
    const char *de_group;       /* annotation column for the DE step, or NULL to skip DE */
    const char *de_a, *de_b;    /* its two levels: logFC = A minus B */
    double de_fdr, de_lfc;      /* 0.05 and 1: adj_p < fdr and |logFC| >= lfc */
    const char *const *genesets; /* gene-set files (GMT / lists); NULL: FerrDb driver + suppressor */
    int ngenesets;
    const char *network;        /* edge list; NULL: the curated ferroptosis network */
    int hubs;                   /* hub genes to report (by MCC; 10); 0 = no hub step */
    int hubs_only;              /* restrict the candidates to the reported hubs */
    double screen_p;            /* univariate Cox p threshold (0.05) */
    int nfolds;                 /* CV folds (10) */
    unsigned long seed;         /* for the folds (1) */
    int use_1se;                /* genes at lambda.1se instead of lambda.min */
    double alpha;               /* elastic-net mixing (1) */
    const double *auc_times;    /* time points for AUC(t); NULL: quartiles of the event times */
    int nauc;
    int threads;
} ferro_signature_options_t;
void ferro_signature_options_init(ferro_signature_options_t *o);

typedef struct {
    int ngene;
    char **gene;
    double *coef;      /* multivariate Cox coefficients (risk = sum coef * expression) */
    double cutoff;     /* median training risk: high risk = risk > cutoff */
} ferro_signature_t;

/* How a cohort splits and how well the score predicts (build: training; apply: new cohort). */
typedef struct {
    int n, nevent, ndropped;
    char **sample;     /* n */
    double *risk;      /* n */
    int *high;         /* n: 1 = risk > cutoff */
    double logrank_chisq, logrank_p;
    double median_high, median_low;
    double hr, hr_lo, hr_hi, hr_p;  /* Cox of the high-risk group (high vs low) */
    ferro_concordance_t cindex;     /* of the risk score */
    int nauc;
    double *auc_time, *auc;
    ferro_km_t *km;                 /* Kaplan–Meier of the groups "high" and "low" (NULL if one is empty) */
} ferro_signature_eval_t;

typedef struct {
    int n_genes;           /* genes in the matrix */
    int n_de;              /* DE genes (-1: no DE step) */
    int n_absent;          /* gene-set genes that are not rows of the matrix (not on the array) */
    char **absent;
    int n_ferro;           /* candidates after the gene-set intersection */
    char **ferro;          /* n_ferro */
    int n_hubs;            /* hubs reported */
    char **hub;            /* n_hubs, by MCC */
    double *hub_mcc, *hub_degree;
    int n_screen;          /* passed the univariate screen */
    char **screen;
    double *screen_p, *screen_hr;
    int n_lasso;           /* nonzero at the chosen lambda */
    double lambda;         /* the chosen lambda (NaN: LASSO skipped, < 2 screened genes) */
    ferro_cox_fit_t *cox;  /* the multivariate fit */
    ferro_signature_eval_t *train;
    char stopped[512];     /* "" or why the workflow stopped before a signature (then *sig = NULL) */
} ferro_signature_report_t;

/* Returns 0 with *sig = NULL and rep->stopped set when the data leave no gene at a step (no
 * candidate, none passing the screen): the report still says what each step found. */
int ferro_signature_build(const char *expr_path, const char *samples_path, const ferro_signature_options_t *o,
                          ferro_signature_t **sig, ferro_signature_report_t **rep) FERRO_WUR;
int ferro_signature_apply(const ferro_signature_t *sig, const char *expr_path, const char *samples_path,
                          const char *time, const char *event, const char *where, const double *auc_times,
                          int nauc, ferro_signature_eval_t **out) FERRO_WUR;
/* The signature file: '#' lines (format, cutoff), then "gene<TAB>coef" rows. */
int ferro_signature_write(const ferro_signature_t *sig, FILE *fp) FERRO_WUR;
int ferro_signature_read(const char *path, ferro_signature_t **out) FERRO_WUR;
void ferro_signature_free(ferro_signature_t *s);
void ferro_signature_eval_free(ferro_signature_eval_t *e);
void ferro_signature_report_free(ferro_signature_report_t *r);

#ifdef __cplusplus
}
#endif
#endif
