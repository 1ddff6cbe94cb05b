/* score.c — per-sample gene-set scores as GSVA 1.46 computes them:
 *   ssGSEA (Barbie et al. 2009): per sample, genes ranked by expression (average ranks truncated
 *     to integers, as GSVA does with mode(R) <- "integer"), weights rank^tau, the closed form of
 *     the summed random walk (GSVA's .fastRndWalk), optionally divided by the range of all scores;
 *   GSVA (Hänzelmann et al. 2013): per gene a Gaussian-kernel CDF estimate (bandwidth sd / 4,
 *     the normal CDF from GSVA's 10,000-point table), per sample genes ranked by it, rank scores
 *     |n - r + 1 - n/2|, and the KS-like walk (max deviation sum, or the larger one);
 *   combined z-score (Lee et al. 2008): sum of the genes' z-scores / sqrt(set size);
 *   mean z-score: the same z-scores averaged over the set. */
#include "ferrosim/geneset.h"

#include <limits.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "cohort/strindex.h"
#include "cohort/threads.h"


void ferro_score_opts_init(ferro_score_opts_t *o)
{
    memset(o, 0, sizeof *o);
    o->method = FERRO_SCORE_SSGSEA;
    o->tau = NAN;
    o->ssgsea_norm = 1;
    o->mx_diff = 1;
    o->min_size = 1;
    o->max_size = INT_MAX;
    o->nthreads = 1;
}

int ferro_score_method_parse(const char *name, int *method)
{
    if (!strcmp(name, "ssgsea")) *method = FERRO_SCORE_SSGSEA;
    else if (!strcmp(name, "gsva")) *method = FERRO_SCORE_GSVA;
    else if (!strcmp(name, "zscore")) *method = FERRO_SCORE_ZSCORE;
    else if (!strcmp(name, "meanz")) *method = FERRO_SCORE_MEANZ;
    else return ferro_error_set(FERRO_EINVAL, "unknown scoring method '%s' (ssgsea, gsva, zscore or meanz)", name);
    return 0;
}


/* Sets mapped to row indices of `rows` (a subset of the matrix rows, in order). */
typedef struct {
    int n;
    int *set;   /* index into the collection */
    int *size;
    int **idx;  /* row positions (0-based, into the kept rows) */
} mapped_t;

static void mapped_free(mapped_t *m)
{
    for (int s = 0; s < m->n; s++) free(m->idx[s]);
    free(m->set);
    free(m->size);
    free(m->idx);
}

static int map_sets(char **ids, int nrow, const ferro_genesets_t *gs, int min_size, int max_size, mapped_t *mp)
{
    memset(mp, 0, sizeof *mp);
    ferro_strindex_t *ix;
    int rc = ferro_strindex_build(ids, nrow, &ix);
    if (rc) return rc;
    mp->set = ferro_malloc(((size_t)gs->n + 1) * sizeof(int));
    mp->size = ferro_malloc(((size_t)gs->n + 1) * sizeof(int));
    mp->idx = ferro_calloc((size_t)gs->n + 1, sizeof(int *));
    if (!mp->set || !mp->size || !mp->idx) { rc = FERRO_ENOMEM; goto done; }
    int any = 0;
    for (int s = 0; s < gs->n; s++) {
        int *v = ferro_malloc(((size_t)gs->size[s] + 1) * sizeof(int)), k = 0;
        if (!v) { rc = FERRO_ENOMEM; goto done; }
        for (int i = 0; i < gs->size[s]; i++) {
            int r = ferro_strindex_find(ix, gs->gene[s][i]);
            if (r >= 0) v[k++] = r;
        }
        any += k;
        if (k < min_size || k > max_size || k == 0) { free(v); continue; }
        mp->set[mp->n] = s;
        mp->size[mp->n] = k;
        mp->idx[mp->n++] = v;
    }
    if (!any) rc = ferro_error_set(FERRO_EINVAL, "no gene of the gene sets is a row of the expression matrix");
    else if (!mp->n) rc = ferro_error_set(FERRO_EINVAL, "no gene set has between %d and %d genes in the matrix", min_size, max_size);
done:
    ferro_strindex_free(ix);
    if (rc) mapped_free(mp);
    return rc;
}

typedef struct { double v; int i; } vi_t;
/* decreasing value, ties by increasing index (R's order(decreasing = TRUE) is stable) */
static int cmp_desc(const void *a, const void *b)
{
    const vi_t *x = a, *y = b;
    if (x->v != y->v) return x->v < y->v ? 1 : -1;
    return (x->i > y->i) - (x->i < y->i);
}
static int cmp_asc_fallback(const void *a, const void *b)
{
    const vi_t *x = a, *y = b;
    if (x->v != y->v) return x->v < y->v ? -1 : 1;
    return (x->i > y->i) - (x->i < y->i);
}

/* Stable LSD radix sort of v[0..n-1] by value (6 passes of 11 bits over an order-preserving
 * 64-bit key), ascending or descending; v must come in increasing index order, so ties stay in
 * increasing index — R's stable order(). No NaN; -0 and +0 tie. tmp has room for n. Replaces a
 * qsort per sample (the ranking is most of ssGSEA's time). */
static void radix_sort(vi_t *v, vi_t *tmp, int n, int descending)
{
    uint64_t *key = malloc(2 * ((size_t)n + 1) * sizeof *key), *k2 = key + n + 1;
    size_t cnt[2048];
    if (!key) { qsort(v, (size_t)n, sizeof *v, descending ? cmp_desc : cmp_asc_fallback); return; }
    for (int i = 0; i < n; i++) {
        double d = v[i].v == 0 ? 0.0 : v[i].v;
        uint64_t u;
        memcpy(&u, &d, sizeof u);
        u = (u >> 63) ? ~u : (u | 0x8000000000000000ULL);
        key[i] = descending ? ~u : u;
    }
    vi_t *src = v, *dst = tmp;
    uint64_t *ks = key, *kd = k2;
    for (int pass = 0; pass < 6; pass++) {
        int shift = 11 * pass;
        memset(cnt, 0, sizeof cnt);
        for (int i = 0; i < n; i++) cnt[(ks[i] >> shift) & 2047]++;
        size_t sum = 0;
        for (int b = 0; b < 2048; b++) { size_t c = cnt[b]; cnt[b] = sum; sum += c; }
        for (int i = 0; i < n; i++) {
            size_t o = cnt[(ks[i] >> shift) & 2047]++;
            dst[o] = src[i];
            kd[o] = ks[i];
        }
        vi_t *t = src; src = dst; dst = t;
        uint64_t *tk = ks; ks = kd; kd = tk;
    }
    /* six passes: the result is back in v */
    free(key);
}

/* ---- ssGSEA ---- */
static int ssgsea(const double *x, int ng, int ns, const mapped_t *mp, double tau, int norm, int nt, double *es)
{
    /* weights depend only on the integer rank: pow(r, tau) for r = 1..ng, computed once */
    double *wt = malloc(((size_t)ng + 1) * sizeof *wt);
    double *xt = malloc(((size_t)ng * ns + 1) * sizeof *xt); /* sample-major copy: each sample contiguous */
    if (!wt || !xt) { free(wt); free(xt); return ferro_error_set(FERRO_ENOMEM, "out of memory"); }
    for (int r = 1; r <= ng; r++) wt[r] = pow((double)r, tau);
#pragma omp parallel for num_threads(nt) schedule(static)
    for (int g0 = 0; g0 < ng; g0 += 64) /* tiled transpose */
        for (int j0 = 0; j0 < ns; j0 += 64)
            for (int g = g0; g < g0 + 64 && g < ng; g++)
                for (int j = j0; j < j0 + 64 && j < ns; j++) xt[(size_t)j * ng + g] = x[(size_t)g * ns + j];
    int fail = 0;
#pragma omp parallel num_threads(nt)
    {
        vi_t *v = malloc(((size_t)ng + 1) * sizeof *v), *tmp = malloc(((size_t)ng + 1) * sizeof *tmp);
        int *rk = malloc(((size_t)ng + 1) * sizeof *rk);
        int *pos = malloc(((size_t)ng + 1) * sizeof *pos);
        if (!v || !tmp || !rk || !pos) {
#pragma omp atomic write
            fail = 1;
        }
#pragma omp for schedule(dynamic, 4)
        for (int j = 0; j < ns; j++) {
            if (!v || !tmp || !rk || !pos) continue;
            const double *col = xt + (size_t)j * ng;
            for (int g = 0; g < ng; g++) { v[g].v = col[g]; v[g].i = g; }
            radix_sort(v, tmp, ng, 0); /* ties by gene index */
            /* Tie groups a..b (0-based) get the average rank truncated to an integer (GSVA:
             * mode(R) <- "integer"); truncation never merges two groups, so the ranking by
             * decreasing integer rank (R's stable order) is the groups from the top down, each
             * in increasing gene index, i.e. in the order of the ascending sort. */
            int p = 0;
            for (int b = ng - 1; b >= 0;) {
                int a = b;
                while (a > 0 && v[a - 1].v == v[b].v) a--;
                int r = (int)((a + b + 2) / 2.0);
                for (int k = a; k <= b; k++) { rk[v[k].i] = r; pos[v[k].i] = ++p; }
                b = a - 1;
            }
            for (int s = 0; s < mp->n; s++) {
                double num = 0, den = 0, sidx = 0;
                int k = mp->size[s];
                for (int q = 0; q < k; q++) {
                    int g = mp->idx[s][q];
                    double w = wt[rk[g]], back = ng - pos[g] + 1;
                    num += w * back;
                    den += w;
                    sidx += back;
                }
                double in = num / den, out = ((double)ng * (ng + 1) / 2 - sidx) / (ng - k);
                es[(size_t)s * ns + j] = in - out;
            }
        }
        free(v);
        free(tmp);
        free(rk);
        free(pos);
    }
    free(wt);
    free(xt);
    if (fail) return ferro_error_set(FERRO_ENOMEM, "out of memory");
    if (norm) {
        double lo = INFINITY, hi = -INFINITY;
        for (size_t q = 0; q < (size_t)mp->n * ns; q++) {
            if (es[q] < lo) lo = es[q];
            if (es[q] > hi) hi = es[q];
        }
        for (size_t q = 0; q < (size_t)mp->n * ns; q++) es[q] /= hi - lo;
    }
    return 0;
}

/* ---- GSVA ---- */
#define CDF_RES 10000
#define CDF_MAX 10.0

/* sd with long double accumulation and a refined mean (GSVA's kernel code, after R's cov.c) */
static double sd_refined(const double *x, int n)
{
    long double sum = 0, t;
    for (int i = 0; i < n; i++) sum += x[i];
    t = sum / n;
    if (isfinite((double)t)) {
        sum = 0;
        for (int i = 0; i < n; i++) sum += x[i] - t;
        t = t + sum / n;
    }
    double mean = (double)t;
    sum = 0;
    for (int i = 0; i < n; i++) sum += (x[i] - mean) * (x[i] - mean);
    return sqrt((double)(sum / (long double)(n - 1)));
}

static double table_cdf(const double *tab, double d, double bw)
{
    double v = d / bw;
    if (v < -CDF_MAX) return 0;
    if (v > CDF_MAX) return 1;
    double c = tab[(int)(fabs(v) / CDF_MAX * CDF_RES)];
    return v < 0 ? 1.0 - c : c;
}

static int gsva(const double *x, int ng, int ns, const mapped_t *mp, double tau, int mx_diff, int nt, double *es)
{
    double *tab = malloc((CDF_RES + 1) * sizeof *tab);
    double *dens = malloc(((size_t)ng * ns + 1) * sizeof *dens); /* gene-major */
    double *rs = malloc(((size_t)ng * ns + 1) * sizeof *rs);     /* sample-major rank scores */
    int *srt = malloc(((size_t)ng * ns + 1) * sizeof *srt);      /* sample-major sort order */
    int fail = 0;
    if (!tab || !dens || !rs || !srt) { fail = 1; goto done; }
    for (int i = 0; i <= CDF_RES; i++) tab[i] = gsl_cdf_ugaussian_P(CDF_MAX * (double)i / (CDF_RES * 1.0));
#pragma omp parallel for num_threads(nt) schedule(static)
    for (int g = 0; g < ng; g++) {
        const double *row = x + (size_t)g * ns;
        double bw = sd_refined(row, ns) / 4.0;
        for (int j = 0; j < ns; j++) {
            double left = 0;
            for (int i = 0; i < ns; i++) left += table_cdf(tab, row[j] - row[i], bw);
            left /= ns;
            dens[(size_t)g * ns + j] = -1.0 * log((1.0 - left) / left);
        }
    }
#pragma omp parallel num_threads(nt)
    {
        vi_t *v = malloc(((size_t)ng + 1) * sizeof *v), *tmp = malloc(((size_t)ng + 1) * sizeof *tmp);
        char *mask = calloc((size_t)ng + 1, 1);
        if (!v || !tmp || !mask) {
#pragma omp atomic write
            fail = 1;
        }
#pragma omp for schedule(dynamic, 4)
        for (int j = 0; j < ns; j++) {
            if (!v || !tmp || !mask) continue;
            for (int g = 0; g < ng; g++) { v[g].v = dens[(size_t)g * ns + j]; v[g].i = g; }
            radix_sort(v, tmp, ng, 1);
            double *r = rs + (size_t)j * ng;
            int *o = srt + (size_t)j * ng;
            for (int k = 0; k < ng; k++) {
                o[k] = v[k].i;
                r[v[k].i] = fabs((double)(ng - k) - ng / 2.0);
            }
            for (int s = 0; s < mp->n; s++) {
                int k = mp->size[s];
                double dec = 1.0 / (ng - k), sum = 0, cum = 0, mpos = 0, mneg = 0;
                for (int q = 0; q < k; q++) { mask[mp->idx[s][q]] = 1; sum += pow(r[mp->idx[s][q]], tau); }
                for (int q = 0; q < ng; q++) {
                    int g = o[q];
                    if (mask[g]) cum += pow(r[g], tau) / sum;
                    else cum -= dec;
                    if (cum > mpos) mpos = cum;
                    if (cum < mneg) mneg = cum;
                }
                for (int q = 0; q < k; q++) mask[mp->idx[s][q]] = 0;
                es[(size_t)s * ns + j] = mx_diff ? mpos + mneg : (mpos > fabs(mneg) ? mpos : mneg);
            }
        }
        free(v);
        free(tmp);
        free(mask);
    }
done:
    free(tab);
    free(dens);
    free(rs);
    free(srt);
    return fail ? ferro_error_set(FERRO_ENOMEM, "out of memory") : 0;
}

/* ---- combined z-score ---- */
static int zscore(const double *x, int ng, int ns, const mapped_t *mp, int mean, int nt, double *es)
{
    double *z = malloc(((size_t)ng * ns + 1) * sizeof *z);
    if (!z) return ferro_error_set(FERRO_ENOMEM, "out of memory");
#pragma omp parallel for num_threads(nt) schedule(static)
    for (int g = 0; g < ng; g++) {
        const double *row = x + (size_t)g * ns;
        double s = 0, ss = 0;
        int k = 0;
        for (int j = 0; j < ns; j++)
            if (!isnan(row[j])) { s += row[j]; k++; }
        double m = s / k;
        for (int j = 0; j < ns; j++)
            if (!isnan(row[j])) ss += (row[j] - m) * (row[j] - m);
        double sd = sqrt(ss / (k - 1)); /* scale(): sd of the centred values */
        for (int j = 0; j < ns; j++) z[(size_t)g * ns + j] = (row[j] - m) / sd;
    }
    for (int s = 0; s < mp->n; s++)
        for (int j = 0; j < ns; j++) {
            double t = 0;
            for (int q = 0; q < mp->size[s]; q++) t += z[(size_t)mp->idx[s][q] * ns + j];
            es[(size_t)s * ns + j] = t / (mean ? (double)mp->size[s] : sqrt((double)mp->size[s]));
        }
    free(z);
    return 0;
}

int ferro_geneset_score(const ferro_matrix_t *e, const ferro_genesets_t *sets, const ferro_score_opts_t *o,
                        ferro_matrix_t **out)
{
    *out = NULL;
    gsl_set_error_handler_off();
    ferro_score_opts_t def;
    if (!o) { ferro_score_opts_init(&def); o = &def; }
    int ng = e->nrow, ns = e->ncol, nt = ferro_omics_threads(o->nthreads);
    double tau = isnan(o->tau) ? (o->method == FERRO_SCORE_GSVA ? 1.0 : 0.25) : o->tau;
    if (ns < 2) return ferro_error_set(FERRO_EINVAL, "gene-set scores need at least 2 samples (the matrix has %d)", ns);
    if (o->method == FERRO_SCORE_SSGSEA)
        for (size_t q = 0; q < (size_t)ng * ns; q++)
            if (isnan(e->x[q]))
                return ferro_error_set(FERRO_EINVAL, "ssGSEA cannot use missing values: feature '%s', sample '%s' is NA",
                                       e->row_id[q / ns], e->col_id[q % ns]);
    /* GSVA and z-score first drop genes whose sd (without na.rm) is NA or < 1e-10, as GSVA's
     * .filterFeatures: genes with a missing value or constant expression */
    int *keep = malloc(((size_t)ng + 1) * sizeof *keep), nk = 0;
    if (!keep) return ferro_error_set(FERRO_ENOMEM, "out of memory");
    for (int g = 0; g < ng; g++) {
        if (o->method != FERRO_SCORE_SSGSEA) {
            const double *row = e->x + (size_t)g * ns;
            double s = 0, ss = 0;
            for (int j = 0; j < ns; j++) s += row[j];
            for (int j = 0; j < ns; j++) ss += (row[j] - s / ns) * (row[j] - s / ns);
            if (!(sqrt(ss / (ns - 1)) >= 1e-10)) continue; /* NAN (a missing value) fails too */
        }
        keep[nk++] = g;
    }
    if (nk < 2) { free(keep); return ferro_error_set(FERRO_EINVAL, "fewer than two genes with non-constant expression"); }
    double *x = e->x;
    char **ids = e->row_id;
    int rc = 0;
    double *xs = NULL, *es = NULL;
    char **idk = NULL;
    if (nk < ng) {
        xs = malloc((size_t)nk * ns * sizeof *xs);
        idk = malloc((size_t)nk * sizeof *idk);
        if (!xs || !idk) { rc = ferro_error_set(FERRO_ENOMEM, "out of memory"); goto done; }
        for (int k = 0; k < nk; k++) {
            memcpy(xs + (size_t)k * ns, e->x + (size_t)keep[k] * ns, (size_t)ns * sizeof *xs);
            idk[k] = e->row_id[keep[k]];
        }
        x = xs;
        ids = idk;
        ferro_info("gene-set scores: %d genes with constant expression or missing values left out", ng - nk);
    }
    mapped_t mp;
    if ((rc = map_sets(ids, nk, sets, o->min_size, o->max_size, &mp))) goto done;
    ferro_matrix_t *res;
    if ((rc = ferro_matrix_new(mp.n, ns, &res))) { mapped_free(&mp); goto done; }
    es = res->x;
    if (o->method == FERRO_SCORE_SSGSEA) rc = ssgsea(x, nk, ns, &mp, tau, o->ssgsea_norm, nt, es);
    else if (o->method == FERRO_SCORE_GSVA) rc = gsva(x, nk, ns, &mp, tau, o->mx_diff, nt, es);
    else rc = zscore(x, nk, ns, &mp, o->method == FERRO_SCORE_MEANZ, nt, es);
    for (int s = 0; !rc && s < mp.n; s++)
        if (!(res->row_id[s] = ferro_strdup(sets->name[mp.set[s]]))) rc = FERRO_ENOMEM;
    for (int j = 0; !rc && j < ns; j++)
        if (!(res->col_id[j] = ferro_strdup(e->col_id[j]))) rc = FERRO_ENOMEM;
    mapped_free(&mp);
    if (rc) ferro_matrix_free(res);
    else *out = res;
done:
    free(keep);
    free(xs);
    free(idk);
    return rc;
}
