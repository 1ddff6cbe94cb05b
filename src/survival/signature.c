/* signature.c — the review's section-4 prognostic-signature workflow end to end: DE (limma,
 * de module) ∩ FerrDb genes (geneset module) -> hubs (network module) -> univariate Cox screen ->
 * LASSO-Cox with CV -> multivariate Cox -> risk score, median split, KM + log-rank, C-index,
 * time-dependent AUC; and applying a saved signature to another cohort. */
#include "ferrosim/survival.h"
#include "ferrosim/cohort.h"
#include "ferrosim/de.h"
#include "ferrosim/geneset.h"
#include "ferrosim/io.h"
#include "ferrosim/network.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void ferro_signature_options_init(ferro_signature_options_t *o)
{
    memset(o, 0, sizeof *o);
    o->time = "rfs_days";
    o->event = "rfs_event";
    o->de_fdr = 0.05;
    o->de_lfc = 1;
    o->hubs = 10;
    o->screen_p = 0.05;
    o->nfolds = 10;
    o->seed = 1;
    o->alpha = 1;
    o->threads = 1;
}

static void free_strs(char **s, int n)
{
    if (!s) return;
    for (int i = 0; i < n; i++) free(s[i]);
    free(s);
}

void ferro_signature_free(ferro_signature_t *s)
{
    if (!s) return;
    free_strs(s->gene, s->ngene);
    free(s->coef);
    free(s);
}

void ferro_signature_eval_free(ferro_signature_eval_t *e)
{
    if (!e) return;
    free_strs(e->sample, e->n);
    free(e->risk); free(e->high); free(e->auc_time); free(e->auc);
    ferro_km_free(e->km);
    free(e);
}

void ferro_signature_report_free(ferro_signature_report_t *r)
{
    if (!r) return;
    free_strs(r->ferro, r->n_ferro);
    free_strs(r->absent, r->n_absent);
    free_strs(r->hub, r->n_hubs);
    free(r->hub_mcc); free(r->hub_degree);
    free_strs(r->screen, r->n_screen);
    free(r->screen_p); free(r->screen_hr);
    ferro_cox_fit_free(r->cox);
    ferro_signature_eval_free(r->train);
    free(r);
}

static int cmpd(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* R's quantile(type = 7) of sorted v[0..n) at q. */
static double quantile7(const double *v, int n, double q)
{
    double h = (n - 1) * q;
    int lo = (int)floor(h);
    return lo + 1 < n ? v[lo] + (h - lo) * (v[lo + 1] - v[lo]) : v[n - 1];
}

/* Risk, median split at cutoff, KM + log-rank, HR high vs low, C-index, AUC(t). */
static int evaluate(const ferro_surv_data_t *d, const double *coef, double cutoff, const double *times, int ntimes,
                    ferro_signature_eval_t **out)
{
    *out = NULL;
    int n = d->n, p = d->p, rc = 0;
    ferro_signature_eval_t *e = ferro_calloc(1, sizeof *e);
    if (!e) return FERRO_ENOMEM;
    e->n = n; e->ndropped = d->ndropped;
    e->sample = ferro_calloc((size_t)n + 1, sizeof *e->sample);
    e->risk = ferro_calloc((size_t)n + 1, sizeof *e->risk);
    e->high = ferro_calloc((size_t)n + 1, sizeof *e->high);
    double *ev = ferro_malloc(((size_t)n + 1) * sizeof *ev), *hx = ferro_malloc(((size_t)n + 1) * sizeof *hx);
    ferro_km_t *km = NULL;
    ferro_cox_fit_t *cf = NULL;
    if (!e->sample || !e->risk || !e->high || !ev || !hx) { rc = FERRO_ENOMEM; goto done; }
    int nh = 0, ne = 0;
    for (int i = 0; i < n; i++) {
        double r = 0;
        for (int j = 0; j < p; j++) r += coef[j] * d->x[(size_t)i * p + j];
        e->risk[i] = r;
        e->high[i] = r > cutoff;
        nh += e->high[i];
        if (d->event[i]) ev[ne++] = d->time[i];
        if (!(e->sample[i] = ferro_strdup(d->id[i]))) { rc = FERRO_ENOMEM; goto done; }
    }
    e->nevent = ne;
    if ((rc = ferro_concordance(n, d->time, d->event, e->risk, NULL, &e->cindex))) goto done;
    e->logrank_chisq = e->logrank_p = e->median_high = e->median_low = NAN;
    e->hr = e->hr_lo = e->hr_hi = e->hr_p = NAN;
    if (nh > 0 && nh < n) {
        /* groups "high" (level 0) and "low" (level 1) */
        char *levels[2] = {"high", "low"};
        int *grp = ferro_malloc((size_t)n * sizeof *grp);
        if (!grp) { rc = FERRO_ENOMEM; goto done; }
        for (int i = 0; i < n; i++) grp[i] = e->high[i] ? 0 : 1;
        ferro_surv_data_t g = *d;
        g.group = grp; g.ngroup = 2; g.group_levels = levels; g.strata = NULL; g.nstrata = 0;
        rc = ferro_km_fit(&g, 0.95, &km);
        free(grp);
        if (rc) goto done;
        e->logrank_chisq = km->chisq; e->logrank_p = km->p;
        e->median_high = km->curve[0].median; e->median_low = km->curve[1].median;
        for (int i = 0; i < n; i++) hx[i] = e->high[i];
        if (ferro_cox_fit_raw(n, 1, d->time, d->event, hx, NULL, NULL, &cf) == 0) {
            e->hr = cf->hr[0]; e->hr_lo = cf->hr_lo[0]; e->hr_hi = cf->hr_hi[0]; e->hr_p = cf->pvalue[0];
        }
        ferro_error_clear();
    }
    /* AUC(t): the given times, else the quartiles of the event times */
    double qt[3];
    if (!times && ne > 0) {
        qsort(ev, (size_t)ne, sizeof *ev, cmpd);
        for (int k = 0; k < 3; k++) qt[k] = quantile7(ev, ne, 0.25 * (k + 1));
        times = qt; ntimes = 3;
    }
    if (times && ntimes > 0) {
        e->nauc = ntimes;
        e->auc_time = ferro_malloc((size_t)ntimes * sizeof *e->auc_time);
        e->auc = ferro_malloc((size_t)ntimes * sizeof *e->auc);
        if (!e->auc_time || !e->auc) { rc = FERRO_ENOMEM; goto done; }
        for (int k = 0; k < ntimes; k++) {
            e->auc_time[k] = times[k];
            if ((rc = ferro_td_auc(n, d->time, d->event, e->risk, times[k], &e->auc[k]))) goto done;
        }
    }
    e->km = km; /* kept for the report's figure */
    km = NULL;
done:
    free(ev); free(hx);
    ferro_km_free(km);
    ferro_cox_fit_free(cf);
    if (rc) { ferro_signature_eval_free(e); return rc; }
    *out = e;
    return 0;
}

static int load(const char *samples, const char *expr, const char *time, const char *event, const char *where,
                char *const *genes, int n, ferro_surv_data_t **d)
{
    ferro_surv_spec_t spec = {time, event, (const char *const *)genes, n, NULL, NULL, NULL, expr, where, NULL};
    return ferro_surv_data_read(samples, &spec, d);
}

int ferro_signature_apply(const ferro_signature_t *sig, const char *expr_path, const char *samples_path,
                          const char *time, const char *event, const char *where, const double *auc_times,
                          int nauc, ferro_signature_eval_t **out)
{
    *out = NULL;
    ferro_surv_data_t *d = NULL;
    int rc = load(samples_path, expr_path, time, event, where, sig->gene, sig->ngene, &d);
    if (!rc) rc = evaluate(d, sig->coef, sig->cutoff, auc_times, nauc, out);
    ferro_surv_data_free(d);
    return rc;
}

/* DE step: de_ok[g] for the matrix rows (limma, A vs B). */
static int de_step(const ferro_matrix_t *m, const ferro_table_t *t, const ferro_signature_options_t *o, int *de_ok, int *nde)
{
    int c = ferro_table_col(t, o->de_group);
    if (c < 0) return ferro_error_set(FERRO_ENOTFOUND, "%s: no column '%s' (DE groups)", t->path, o->de_group);
    int *grp = ferro_malloc(((size_t)m->ncol + 1) * sizeof *grp);
    if (!grp) return FERRO_ENOMEM;
    for (int j = 0; j < m->ncol; j++) {
        grp[j] = -1;
        for (int i = 0; i < t->nrow; i++)
            if (!strcmp(t->cell[i][0], m->col_id[j])) {
                const char *v = t->cell[i][c];
                grp[j] = !strcmp(v, o->de_a) ? 1 : !strcmp(v, o->de_b) ? 0 : -1;
                break;
            }
    }
    ferro_limma_opts_t lo;
    ferro_limma_opts_init(&lo);
    lo.nthreads = o->threads;
    ferro_de_result_t *r = NULL;
    int rc = ferro_de_limma_groups(m->x, m->nrow, m->ncol, grp, &lo, &r);
    free(grp);
    if (rc) return rc;
    *nde = 0;
    for (int g = 0; g < m->nrow; g++) {
        de_ok[g] = r->adj_p[g] < o->de_fdr && fabs(r->logFC[g]) >= o->de_lfc;
        *nde += de_ok[g];
    }
    ferro_de_result_free(r);
    return 0;
}

/* Hub step: top o->hubs genes by MCC (then degree) in the subnetwork induced by cand. */
static int hub_step(const ferro_signature_options_t *o, char **cand, int ncand, ferro_signature_report_t *rep)
{
    char path[4096];
    const char *np = o->network ? o->network : ferro_data_path("network/ferroptosis_curated.tsv", path, sizeof path);
    ferro_network_t *net = NULL, *sub = NULL;
    ferro_hubs_t *h = NULL;
    int rc = ferro_network_read(np, -INFINITY, &net);
    if (!rc) rc = ferro_network_induced(net, cand, ncand, &sub, NULL);
    if (!rc) rc = ferro_network_hubs(sub, o->threads, &h);
    if (!rc) {
        int nn = sub->nnode, k = o->hubs < nn ? o->hubs : nn;
        int *ord = ferro_malloc(((size_t)nn + 1) * sizeof *ord);
        rep->hub = ferro_calloc((size_t)k + 1, sizeof *rep->hub);
        rep->hub_mcc = ferro_calloc((size_t)k + 1, sizeof *rep->hub_mcc);
        rep->hub_degree = ferro_calloc((size_t)k + 1, sizeof *rep->hub_degree);
        if (!ord || !rep->hub || !rep->hub_mcc || !rep->hub_degree) rc = FERRO_ENOMEM;
        else {
            for (int i = 0; i < nn; i++) ord[i] = i;
            for (int a = 1; a < nn; a++) /* stable insertion sort: MCC desc, then degree desc */
                for (int b = a; b > 0; b--) {
                    int x = ord[b - 1], y = ord[b];
                    if (h->mcc[y] > h->mcc[x] || (h->mcc[y] == h->mcc[x] && h->degree[y] > h->degree[x])) {
                        ord[b - 1] = y; ord[b] = x;
                    } else break;
                }
            for (int i = 0; i < k && !rc; i++) {
                if (!(rep->hub[i] = ferro_strdup(sub->node[ord[i]]))) rc = FERRO_ENOMEM;
                rep->hub_mcc[i] = h->mcc[ord[i]];
                rep->hub_degree[i] = h->degree[ord[i]];
                rep->n_hubs = i + 1;
            }
        }
        free(ord);
    }
    ferro_hubs_free(h);
    ferro_network_free(sub);
    ferro_network_free(net);
    return rc;
}

int ferro_signature_build(const char *expr_path, const char *samples_path, const ferro_signature_options_t *o,
                          ferro_signature_t **sig_out, ferro_signature_report_t **rep_out)
{
    *sig_out = NULL;
    *rep_out = NULL;
    ferro_matrix_t *m = NULL;
    ferro_table_t *t = NULL;
    ferro_genesets_t *gs = NULL;
    ferro_surv_data_t *d = NULL, *ds = NULL;
    ferro_coxnet_cv_t *cv = NULL;
    ferro_signature_t *sig = ferro_calloc(1, sizeof *sig);
    ferro_signature_report_t *rep = ferro_calloc(1, sizeof *rep);
    int *de_ok = NULL, *foldid = NULL, *sel = NULL;
    char **cand = NULL, **genes = NULL;
    double *xs = NULL;
    int rc = 0, ncand = 0;
    if (!sig || !rep) { rc = FERRO_ENOMEM; goto done; }
    if ((rc = ferro_matrix_read(expr_path, &m))) goto done;
    if ((rc = ferro_table_read(samples_path, FERRO_TSV_SKIP_HASH, &t))) goto done;
    rep->n_genes = m->nrow;
    rep->lambda = NAN;
    /* 1. DE */
    if (!(de_ok = ferro_malloc(((size_t)m->nrow + 1) * sizeof *de_ok))) { rc = FERRO_ENOMEM; goto done; }
    for (int g = 0; g < m->nrow; g++) de_ok[g] = 1;
    rep->n_de = -1;
    if (o->de_group && (rc = de_step(m, t, o, de_ok, &rep->n_de))) goto done;
    /* 2. ∩ ferroptosis gene sets */
    if (!(rc = ferro_genesets_new(&gs))) {
        char path[4096];
        const char *def[2] = {"genesets/ferrdb_driver.txt", "genesets/ferrdb_suppressor.txt"};
        int nset = o->genesets ? o->ngenesets : 2;
        for (int k = 0; k < nset && !rc; k++) {
            ferro_genesets_t *one = NULL;
            const char *p = o->genesets ? o->genesets[k] : ferro_data_path(def[k], path, sizeof path);
            if (!(rc = ferro_genesets_read(p, &one))) rc = ferro_genesets_merge(gs, one);
            ferro_genesets_free(one);
        }
    }
    if (rc) goto done;
    char **uni = NULL;
    int nuni = 0;
    if ((rc = ferro_genesets_union(gs, &uni, &nuni))) goto done;
    int *inset = ferro_calloc((size_t)m->nrow + 1, sizeof *inset);
    if (!inset) { free(uni); rc = FERRO_ENOMEM; goto done; }
    rep->absent = ferro_calloc((size_t)nuni + 1, sizeof *rep->absent);
    if (!rep->absent) { free(uni); free(inset); rc = FERRO_ENOMEM; goto done; }
    for (int k = 0; k < nuni && !rc; k++) {
        int r = ferro_matrix_row(m, uni[k]);
        if (r >= 0) inset[r] = 1;
        else if (!(rep->absent[rep->n_absent++] = ferro_strdup(uni[k]))) rc = FERRO_ENOMEM;
    }
    free(uni);
    if (rc) { free(inset); goto done; }
    cand = ferro_calloc((size_t)m->nrow + 1, sizeof *cand);
    if (!cand) { free(inset); rc = FERRO_ENOMEM; goto done; }
    for (int g = 0; g < m->nrow; g++)
        if (inset[g] && de_ok[g]) cand[ncand++] = m->row_id[g];
    free(inset);
    rep->n_ferro = ncand;
    if (!(rep->ferro = ferro_calloc((size_t)ncand + 1, sizeof *rep->ferro))) { rc = FERRO_ENOMEM; goto done; }
    for (int k = 0; k < ncand; k++)
        if (!(rep->ferro[k] = ferro_strdup(cand[k]))) { rc = FERRO_ENOMEM; goto done; }
    if (ncand == 0) { snprintf(rep->stopped, sizeof rep->stopped, "no gene is both differentially expressed and in the ferroptosis gene sets"); goto done; }
    /* 3. hubs */
    if (o->hubs > 0) {
        if ((rc = hub_step(o, cand, ncand, rep))) goto done;
        if (o->hubs_only) {
            if (rep->n_hubs == 0) { snprintf(rep->stopped, sizeof rep->stopped, "no candidate gene is in the network (--hubs-only)"); goto done; }
            ncand = rep->n_hubs;
            for (int k = 0; k < ncand; k++) cand[k] = rep->hub[k];
        }
    }
    /* 4. univariate Cox screen on the training samples */
    if ((rc = load(samples_path, expr_path, o->time, o->event, o->where, cand, ncand, &d))) goto done;
    rep->screen = ferro_calloc((size_t)ncand + 1, sizeof *rep->screen);
    rep->screen_p = ferro_calloc((size_t)ncand + 1, sizeof *rep->screen_p);
    rep->screen_hr = ferro_calloc((size_t)ncand + 1, sizeof *rep->screen_hr);
    xs = ferro_malloc(((size_t)d->n + 1) * (size_t)(ncand + 1) * sizeof *xs);
    sel = ferro_calloc((size_t)ncand + 1, sizeof *sel);
    if (!rep->screen || !rep->screen_p || !rep->screen_hr || !xs || !sel) { rc = FERRO_ENOMEM; goto done; }
    int ns = 0;
    for (int j = 0; j < ncand; j++) {
        for (int i = 0; i < d->n; i++) xs[i] = d->x[(size_t)i * d->p + j];
        ferro_cox_fit_t *f = NULL;
        if (ferro_cox_fit_raw(d->n, 1, d->time, d->event, xs, NULL, NULL, &f) == 0 && f->pvalue[0] < o->screen_p) {
            if (!(rep->screen[ns] = ferro_strdup(cand[j]))) { ferro_cox_fit_free(f); rc = FERRO_ENOMEM; goto done; }
            rep->screen_p[ns] = f->pvalue[0];
            rep->screen_hr[ns] = f->hr[0];
            sel[ns++] = j;
            rep->n_screen = ns;
        }
        ferro_cox_fit_free(f);
    }
    ferro_error_clear();
    if (ns == 0) {
        snprintf(rep->stopped, sizeof rep->stopped, "none of the %d candidate genes passes the univariate Cox screen (p < %g)", ncand, o->screen_p);
        goto done;
    }
    /* 5. LASSO-Cox with CV on the screened genes */
    int nsel = ns;
    for (int i = 0; i < d->n; i++)
        for (int k = 0; k < ns; k++) xs[(size_t)i * ns + k] = d->x[(size_t)i * d->p + sel[k]];
    if (ns >= 2) {
        if (!(foldid = ferro_malloc(((size_t)d->n + 1) * sizeof *foldid))) { rc = FERRO_ENOMEM; goto done; }
        if ((rc = ferro_coxnet_foldid(d->n, o->nfolds, o->seed, foldid))) goto done;
        ferro_coxnet_options_t co;
        ferro_coxnet_options_init(&co);
        co.alpha = o->alpha;
        co.threads = o->threads;
        if ((rc = ferro_coxnet_cv(d->n, ns, xs, d->time, d->event, foldid, &co, &cv))) goto done;
        int li = o->use_1se ? cv->index_1se : cv->index_min;
        rep->lambda = cv->fit->lambda[li];
        int k2 = 0;
        for (int k = 0; k < ns; k++)
            if (cv->fit->beta[(size_t)li * ns + k] != 0) sel[k2++] = sel[k];
        rep->n_lasso = k2;
        if (k2 > 0) nsel = k2; /* else: LASSO kept nothing; the screened genes are used (reported) */
    }
    /* 6. multivariate Cox on the selected genes */
    if (!(genes = ferro_calloc((size_t)nsel + 1, sizeof *genes))) { rc = FERRO_ENOMEM; goto done; }
    for (int k = 0; k < nsel; k++) genes[k] = cand[sel[k]];
    if ((rc = load(samples_path, expr_path, o->time, o->event, o->where, genes, nsel, &ds))) goto done;
    if ((rc = ferro_cox_fit(ds, NULL, &rep->cox))) goto done;
    sig->ngene = nsel;
    sig->gene = ferro_calloc((size_t)nsel + 1, sizeof *sig->gene);
    sig->coef = ferro_calloc((size_t)nsel + 1, sizeof *sig->coef);
    if (!sig->gene || !sig->coef) { rc = FERRO_ENOMEM; goto done; }
    for (int k = 0; k < nsel; k++) {
        if (!(sig->gene[k] = ferro_strdup(genes[k]))) { rc = FERRO_ENOMEM; goto done; }
        sig->coef[k] = rep->cox->coef[k];
    }
    /* 7. risk score and its median (R's median) on the training samples */
    {
        double *r = ferro_malloc(((size_t)ds->n + 1) * sizeof *r);
        if (!r) { rc = FERRO_ENOMEM; goto done; }
        for (int i = 0; i < ds->n; i++) r[i] = rep->cox->lp[i];
        qsort(r, (size_t)ds->n, sizeof *r, cmpd);
        sig->cutoff = ds->n % 2 ? r[ds->n / 2] : (r[ds->n / 2 - 1] + r[ds->n / 2]) / 2;
        free(r);
    }
    rc = evaluate(ds, sig->coef, sig->cutoff, o->auc_times, o->nauc, &rep->train);
done:
    ferro_matrix_free(m); ferro_table_free(t); ferro_genesets_free(gs);
    ferro_surv_data_free(d); ferro_surv_data_free(ds); ferro_coxnet_cv_free(cv);
    free(de_ok); free(foldid); free(sel); free(cand); free(genes); free(xs);
    if (rc) { ferro_signature_free(sig); ferro_signature_report_free(rep); return rc; }
    if (rep->stopped[0]) { ferro_signature_free(sig); sig = NULL; }
    *sig_out = sig;
    *rep_out = rep;
    return 0;
}
