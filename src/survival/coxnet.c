/* coxnet.c — elastic-net Cox path, the algorithm of glmnet 4.1's Fortran `coxnet`
 * (mortran/coxnet5dpclean.m, shipped with the R package): weights 1/n, standardisation with the
 * population SD, Breslow partial likelihood, a diagonal Newton (IRLS) outer loop around cyclic
 * coordinate descent with strong-rule screening and KKT checks, glmnet's lambda sequence and
 * path-stopping rules. Loops over variables (KKT checks, curvatures) run with OpenMP; each
 * variable is computed by one thread in a fixed order, so results do not depend on threads. */
#include "ferrosim/survival.h"

#include <float.h>
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "survival/coxnet_internal.h"
#include "survival/internal.h"

void ferro_coxnet_options_init(ferro_coxnet_options_t *o)
{
    memset(o, 0, sizeof *o);
    o->alpha = 1;
    o->nlambda = 100;
    o->lambda_min_ratio = -1;
    o->standardize = 1;
    o->thresh = 1e-7;
    o->maxit = 100000;
    o->threads = 1;
}

void ferro_coxnet_path_free(ferro_coxnet_path_t *f)
{
    if (!f) return;
    free(f->lambda); free(f->beta); free(f->df); free(f->dev_ratio);
    free(f);
}

void coxnet_groups_free(coxnet_groups_t *g)
{
    if (!g) return;
    free(g->jp); free(g->kp); free(g->dk); free(g->u);
    g->jp = g->kp = NULL; g->dk = g->u = NULL;
}

/* glmnet's `groups` + `died`: jp = subjects with y >= the first event time, sorted by time;
 * risk-set groups k (one per distinct event time) end at kp[k] (exclusive); dk = weighted
 * events of each group. */
int coxnet_groups(int n, const double *y, const double *dq, const int *event, coxnet_groups_t *g)
{
    memset(g, 0, sizeof *g);
    g->jp = malloc(((size_t)n + 1) * sizeof *g->jp);
    g->kp = malloc(((size_t)n + 1) * sizeof *g->kp);
    g->dk = malloc(((size_t)n + 1) * sizeof *g->dk);
    g->u = malloc(((size_t)n + 1) * sizeof *g->u);
    if (!g->jp || !g->kp || !g->dk || !g->u || ferro_surv_sort(n, y, NULL, 0, g->jp)) {
        coxnet_groups_free(g);
        return ferro_error_set(FERRO_ENOMEM, "out of memory");
    }
    int nj = n, *jp = g->jp;
    int j = 0;
    while (j < nj && !event[jp[j]]) j++;
    if (j >= nj - 1) {
        coxnet_groups_free(g);
        return ferro_error_set(FERRO_ENUMERIC, "lasso-cox: fewer than two subjects at risk at the first event "
                                               "(glmnet error 30000: too few events)");
    }
    double t0 = y[jp[j]];
    int j0 = 0;
    while (j0 < nj && y[jp[j0]] < t0) j0++;
    if (j0 > 0) { memmove(jp, jp + j0, (size_t)(nj - j0) * sizeof *jp); nj -= j0; }
    g->nj = nj;
    g->t0 = t0;
    /* groups: from an event time up to (not including) the next event with a larger time */
    int nk = 0;
    double yk = t0;
    j = 1;
    for (;;) {
        while (j < nj && !(event[jp[j]] && y[jp[j]] > yk)) j++;
        g->kp[nk++] = j;
        if (j >= nj) break;
        if (j == nj - 1) { g->kp[nk++] = nj; break; }
        yk = y[jp[j]];
        j++;
    }
    g->nk = nk;
    for (int k = 0; k < nk; k++) {
        double s = 0;
        for (int m = k ? g->kp[k - 1] : 0; m < g->kp[k]; m++) s += dq[jp[m]];
        g->dk[k] = s;
    }
    return 0;
}

/* usk: u[k] = sum of e over the risk set of group k. */
static void usk(const coxnet_groups_t *g, const double *e, double *u)
{
    double h = 0;
    for (int k = g->nk - 1; k >= 0; k--) {
        for (int m = g->kp[k] - 1; m >= (k ? g->kp[k - 1] : 0); m--) h += e[g->jp[m]];
        u[k] = h;
    }
}

/* glmnet's `risk`: sum dq * f - sum dk log u (the Breslow log partial likelihood). */
double coxnet_risk(int n, const coxnet_groups_t *g, const double *dq, const double *f, const double *e)
{
    usk(g, e, g->u);
    double s = 0;
    for (int i = 0; i < n; i++) s += dq[i] * f[i];
    for (int k = 0; k < g->nk; k++) s -= g->dk[k] * log(g->u[k]);
    return s;
}

/* glmnet's `outer`: IRLS weights w and working residuals wr for subjects in the risk sets. */
static int outer(const coxnet_groups_t *g, const double *dq, const double *e, double *wr, double *w)
{
    usk(g, e, g->u);
    double b = 0, c = 0;
    for (int k = 0; k < g->nk; k++) {
        b += g->dk[k] / g->u[k];
        c += g->dk[k] / (g->u[k] * g->u[k]);
        for (int m = k ? g->kp[k - 1] : 0; m < g->kp[k]; m++) {
            int i = g->jp[m];
            w[i] = e[i] * (b - e[i] * c);
            if (w[i] <= 0) return -30000;
            wr[i] = dq[i] - e[i] * b;
        }
    }
    return 0;
}

/* Kernels compiled for AVX2 and for the baseline, chosen at load time (GCC target_clones); the
 * same operations in the same order either way (ISO C mode: no FMA contraction). */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__)
#define FERRO_SIMD __attribute__((target_clones("avx2", "default")))
#else
#define FERRO_SIMD
#endif

/* Dot products with 8 independent partial sums (combined in a fixed order): vectorisable and
 * not bound by the latency of one addition chain; the same result for any thread count. */
FERRO_SIMD static double dot(int n, const double *restrict a, const double *restrict b)
{
    double s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    int i = 0;
    for (; i + 8 <= n; i += 8)
        for (int k = 0; k < 8; k++) s[k] += a[i + k] * b[i + k];
    for (int k = 0; i < n; i++, k++) s[k] += a[i] * b[i];
    return ((s[0] + s[4]) + (s[1] + s[5])) + ((s[2] + s[6]) + (s[3] + s[7]));
}

/* sum w x^2, the same way */
FERRO_SIMD static double wsumsq(int n, const double *restrict w, const double *restrict x)
{
    double s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    int i = 0;
    for (; i + 8 <= n; i += 8)
        for (int k = 0; k < 8; k++) s[k] += w[i + k] * x[i + k] * x[i + k];
    for (int k = 0; i < n; i++, k++) s[k] += w[i] * x[i] * x[i];
    return ((s[0] + s[4]) + (s[1] + s[5])) + ((s[2] + s[6]) + (s[3] + s[7]));
}

/* One coordinate-descent update of variable j (glmnet's inner loop body); returns v del^2. */
FERRO_SIMD static double cd_update(int n, int j, const double *restrict xj, double vj, double sa, double omal, double *a,
                        double *restrict wr, double *restrict f, const double *restrict w, int *changed)
{
    double u = a[j] * vj + dot(n, wr, xj), at;
    if (fabs(u) <= sa) at = 0;
    else at = copysign(fabs(u) - sa, u) / (vj + omal);
    *changed = at != a[j];
    if (!*changed) return 0;
    double del = at - a[j];
    a[j] = at;
    for (int i = 0; i < n; i++) { wr[i] -= del * w[i] * xj[i]; f[i] += del * xj[i]; }
    return vj * del * del;
}

static void set_e(int n, const double *q, const double *f, double *e)
{
    const double fmax = log(DBL_MAX * (double)0.1f);
    for (int i = 0; i < n; i++) {
        double a = fabs(f[i]) < fmax ? fabs(f[i]) : fmax;
        e[i] = q[i] * exp(f[i] < 0 ? -a : a);
    }
}

int ferro_coxnet_path(int n, int p, const double *xin, const double *time, const int *event,
                      const ferro_coxnet_options_t *opt, ferro_coxnet_path_t **out)
{
    *out = NULL;
    ferro_coxnet_options_t o;
    if (opt) o = *opt; else ferro_coxnet_options_init(&o);
    if (n < 2 || p < 1) return ferro_error_set(FERRO_EINVAL, "lasso-cox: need at least 2 samples and 1 covariate");
    if (!(o.alpha >= 0 && o.alpha <= 1)) return ferro_error_set(FERRO_EINVAL, "lasso-cox: alpha %g is not in [0, 1]", o.alpha);
    for (int i = 0; i < n; i++)
        if (!(time[i] > 0)) return ferro_error_set(FERRO_EINVAL, "lasso-cox: sample %d has time %g: times must be > 0 (as glmnet)", i + 1, time[i]);
    double flmin = o.lambda_min_ratio < 0 ? (n < p ? 0.01 : 1e-4) : o.lambda_min_ratio;
    int nlam = o.nlambda;
    double *ulam = NULL;
    if (o.lambda) {
        nlam = o.nlambda_user;
        flmin = 1.0;
        if (nlam < 1) return ferro_error_set(FERRO_EINVAL, "lasso-cox: empty lambda list");
        ulam = malloc((size_t)nlam * sizeof *ulam);
        if (!ulam) return ferro_error_set(FERRO_ENOMEM, "out of memory");
        for (int l = 0; l < nlam; l++) {
            if (!(o.lambda[l] >= 0)) { free(ulam); return ferro_error_set(FERRO_EINVAL, "lasso-cox: lambda %g is negative", o.lambda[l]); }
            ulam[l] = o.lambda[l];
        }
        /* rev(sort(lambda)) */
        for (int a = 1; a < nlam; a++)
            for (int b = a; b > 0 && ulam[b - 1] < ulam[b]; b--) { double t = ulam[b]; ulam[b] = ulam[b - 1]; ulam[b - 1] = t; }
    }
    if (nlam < 1) return ferro_error_set(FERRO_EINVAL, "lasso-cox: nlambda must be >= 1");
    int threads = o.threads > 0 ? o.threads : 1;
    /* Threads only for loops over variables with enough work (>= 4e6 multiply-adds): below
     * that, waking and idling OpenMP workers costs more than it saves (measured on 1000 x 2000). */
    int par = threads > 1 && (double)n * p >= 4e6;
    size_t np = (size_t)n * p;
    double *x = malloc(np * sizeof *x);
    double *xs = calloc((size_t)p, sizeof *xs);
    int *ju = calloc((size_t)p, sizeof *ju);
    double *y = malloc((size_t)n * sizeof *y), *q = malloc((size_t)n * sizeof *q), *dq = malloc((size_t)n * sizeof *dq);
    double *e = malloc((size_t)n * sizeof *e), *f = calloc((size_t)n, sizeof *f);
    double *w = calloc((size_t)n, sizeof *w), *wr = calloc((size_t)n, sizeof *wr);
    double *a = calloc((size_t)p, sizeof *a), *as = calloc((size_t)p, sizeof *as), *v = calloc((size_t)p, sizeof *v);
    double *ga = calloc((size_t)p, sizeof *ga);
    int *ixx = calloc((size_t)p, sizeof *ixx), *mm = calloc((size_t)p, sizeof *mm), *m = calloc((size_t)p, sizeof *m);
    int *kin = calloc((size_t)nlam, sizeof *kin);
    double *ao = calloc((size_t)nlam * p, sizeof *ao), *alm = calloc((size_t)nlam, sizeof *alm);
    double *dev = calloc((size_t)nlam, sizeof *dev);
    ferro_coxnet_path_t *res = calloc(1, sizeof *res);
    coxnet_groups_t g = {0};
    int rc = 0;
    if (!x || !xs || !ju || !y || !q || !dq || !e || !f || !w || !wr || !a || !as || !v || !ga || !ixx || !mm ||
        !m || !kin || !ao || !alm || !dev || !res) {
        rc = ferro_error_set(FERRO_ENOMEM, "out of memory");
        goto done;
    }
    /* column-major copy; chkvars; weights 1/n; cstandard */
    for (int i = 0; i < n; i++)
        for (int j = 0; j < p; j++) x[(size_t)j * n + i] = xin[(size_t)i * p + j];
    for (int i = 0; i < n; i++) {
        q[i] = 1.0 / n;
        y[i] = time[i] + (1 - (event[i] != 0)) * 100 * DBL_EPSILON;
        dq[i] = (event[i] != 0) * q[i];
    }
    int anyvar = 0;
    for (int j = 0; j < p; j++) {
        double *xj = x + (size_t)j * n;
        for (int i = 1; i < n; i++) if (xj[i] != xj[0]) { ju[j] = 1; break; }
        anyvar |= ju[j];
        if (!ju[j]) continue;
        double xm = dot(n, q, xj);
        for (int i = 0; i < n; i++) xj[i] -= xm;
        if (o.standardize) {
            double s = 0;
            for (int i = 0; i < n; i++) s += q[i] * xj[i] * xj[i];
            xs[j] = sqrt(s);
            for (int i = 0; i < n; i++) xj[i] /= xs[j];
        } else xs[j] = 1;
    }
    if (!anyvar) { rc = ferro_error_set(FERRO_ENUMERIC, "lasso-cox: all covariates are constant (glmnet error 7777)"); goto done; }
    int *evi = malloc((size_t)n * sizeof *evi);
    if (!evi) { rc = ferro_error_set(FERRO_ENOMEM, "out of memory"); goto done; }
    for (int i = 0; i < n; i++) evi[i] = event[i] != 0;
    rc = coxnet_groups(n, y, dq, evi, &g);
    free(evi);
    if (rc) goto done;
    /* coxnet1 */
    /* glmnet's constants; the Fortran's literals 0.99, 0.999, 0.1 and 1.0/(nlam-1) are single precision */
    const double sml = 1e-5 * 100, eps = 1e-6, big = 9.9e35, devmax = 0.999 * (double)0.99f / (double)0.999f;
    const int mnlam = 5;
    double alpha = o.alpha, oma = 1 - alpha, al = 0;
    memcpy(e, q, (size_t)n * sizeof *e);
    double r0 = coxnet_risk(n, &g, dq, f, e);
    double rr = 0;
    for (int k = 0; k < g.nk; k++) rr += g.dk[k] * log(g.dk[k]);
    rr = -(rr + r0);
    if (outer(&g, dq, e, wr, w)) { rc = ferro_error_set(FERRO_ENUMERIC, "lasso-cox: non-positive weights (glmnet error 30000)"); goto done; }
    double alf = 1;
    if (flmin < 1) { double eqs = eps > flmin ? eps : flmin; alf = pow(eqs, (double)(1.0f / (float)(nlam - 1))); }
    int nin = 0, nlp = 0, lmu = 0, mnl = mnlam < nlam ? mnlam : nlam, jerr = 0;
    double cthr = o.thresh * rr;
#pragma omp parallel for num_threads(threads) schedule(static) if (par)
    for (int j = 0; j < p; j++) if (ju[j]) ga[j] = fabs(dot(n, wr, x + (size_t)j * n));
    for (int ilm = 0; ilm < nlam && !jerr; ilm++) {
        double al0 = al;
        if (flmin >= 1) al = ulam[ilm];
        else if (ilm > 1) al *= alf;
        else if (ilm == 0) al = big;
        else {
            al0 = 0;
            for (int j = 0; j < p; j++) if (ju[j] && ga[j] > al0) al0 = ga[j];
            al0 /= alpha > 1e-3 ? alpha : 1e-3;
            al = alf * al0;
        }
        double sa = alpha * al, omal = oma * al, tlam = alpha * (2 * al - al0);
        for (int k = 0; k < p; k++) if (!ixx[k] && ju[k] && ga[k] > tlam) ixx[k] = 1;
        for (;;) {
            if (nlp > o.maxit) { jerr = -(ilm + 1); break; }
            for (int l = 0; l < nin; l++) as[m[l]] = a[m[l]];
#pragma omp parallel for num_threads(threads) schedule(static) if (par)
            for (int j = 0; j < p; j++)
                if (ixx[j]) {
                    v[j] = wsumsq(n, w, x + (size_t)j * n);
                }
            for (;;) {
                nlp++;
                double dli = 0;
                for (int j = 0; j < p; j++) {
                    if (!ixx[j]) continue;
                    int ch;
                    double dd = cd_update(n, j, x + (size_t)j * n, v[j], sa, omal, a, wr, f, w, &ch);
                    if (dd > dli) dli = dd;
                    if (ch && !mm[j]) { m[nin++] = j; mm[j] = nin; }
                }
                if (dli < cthr) break;
                if (nlp > o.maxit) { jerr = -(ilm + 1); break; }
                for (;;) {
                    nlp++;
                    dli = 0;
                    for (int l = 0; l < nin; l++) {
                        int j = m[l], ch;
                        double dd = cd_update(n, j, x + (size_t)j * n, v[j], sa, omal, a, wr, f, w, &ch);
                        if (dd > dli) dli = dd;
                    }
                    if (dli < cthr) break;
                    if (nlp > o.maxit) { jerr = -(ilm + 1); break; }
                }
                if (jerr) break;
            }
            if (jerr) break;
            set_e(n, q, f, e);
            if (outer(&g, dq, e, wr, w)) { jerr = -30000 - (ilm + 1); break; }
            int ix = 0;
            for (int l = 0; l < nin; l++) {
                int k = m[l];
                if (v[k] * (a[k] - as[k]) * (a[k] - as[k]) >= cthr) { ix = 1; break; }
            }
            if (!ix) {
                int viol = 0;
#pragma omp parallel for num_threads(threads) schedule(static) reduction(| : viol) if (par)
                for (int k = 0; k < p; k++) {
                    if (ixx[k] || !ju[k]) continue;
                    ga[k] = fabs(dot(n, wr, x + (size_t)k * n));
                    if (ga[k] > sa) viol = 1;
                }
                if (viol) {
                    for (int k = 0; k < p; k++) if (!ixx[k] && ju[k] && ga[k] > sa) ixx[k] = 1;
                    continue;
                }
                break;
            }
        }
        if (jerr) break;
        for (int l = 0; l < nin; l++) ao[(size_t)ilm * p + m[l]] = a[m[l]];
        kin[ilm] = nin;
        alm[ilm] = al;
        lmu = ilm + 1;
        dev[ilm] = (coxnet_risk(n, &g, dq, f, e) - r0) / rr;
        if (ilm + 1 < mnl || flmin >= 1) continue;
        int me = 0;
        for (int l = 0; l < nin; l++) if (ao[(size_t)ilm * p + m[l]] != 0) me++;
        if (me > p + 1) break;
        if ((dev[ilm] - dev[ilm - mnl + 1]) / dev[ilm] < sml) break;
        if (dev[ilm] > devmax) break;
    }
    if (lmu == 0) {
        rc = ferro_error_set(FERRO_ENUMERIC, "lasso-cox: no lambda converged (glmnet jerr %d)", jerr);
        goto done;
    }
    /* results on the original scale; glmnet's fix.lam for the first lambda */
    res->n = n; res->p = p; res->nlambda = lmu; res->npasses = nlp; res->jerr = jerr;
    res->nulldev = 2.0 * n * rr;
    res->lambda = malloc((size_t)lmu * sizeof(double));
    res->beta = calloc((size_t)lmu * p, sizeof(double));
    res->df = calloc((size_t)lmu, sizeof(int));
    res->dev_ratio = malloc((size_t)lmu * sizeof(double));
    if (!res->lambda || !res->beta || !res->df || !res->dev_ratio) { rc = ferro_error_set(FERRO_ENOMEM, "out of memory"); goto done; }
    for (int l = 0; l < lmu; l++) {
        res->lambda[l] = alm[l];
        res->dev_ratio[l] = dev[l];
        for (int j = 0; j < p; j++) {
            double b = ao[(size_t)l * p + j];
            if (b != 0) { res->beta[(size_t)l * p + j] = o.standardize ? b / xs[j] : b; res->df[l]++; }
        }
    }
    if (flmin < 1 && lmu > 2) res->lambda[0] = exp(2 * log(res->lambda[1]) - log(res->lambda[2]));
done:
    coxnet_groups_free(&g);
    free(x); free(xs); free(ju); free(y); free(q); free(dq); free(e); free(f); free(w); free(wr);
    free(a); free(as); free(v); free(ga); free(ixx); free(mm); free(m); free(kin); free(ao); free(alm);
    free(dev); free(ulam);
    if (rc) { ferro_coxnet_path_free(res); return rc; }
    *out = res;
    return 0;
}
