/* check.c — evaluate a finding: simulate each term's condition with the population API and
 * compare (include/ferrosim/findings.h). Runs are cached within one finding. */
#include "findings_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *key;              /* "<cell index>|<items>" */
    ferro_result_t *r;
} fnd_run_t;

typedef struct {
    int n;
    fnd_run_t *run;
} fnd_cache_t;

static void cache_free(fnd_cache_t *c)
{
    for (int i = 0; i < c->n; i++) {
        free(c->run[i].key);
        ferro_result_free(c->run[i].r);
    }
    free(c->run);
}

static int term_key(int cell, const fnd_term_t *t, char *key, size_t n)
{
    size_t len = (size_t)snprintf(key, n, "%d|", cell);
    for (int i = 0; i < t->nitems && len < n; i++)
        len += (size_t)snprintf(key + len, n - len, "%s%c%s,", t->items[i].name, t->items[i].is_gene ? '*' : '=',
                                t->items[i].value);
    return len < n ? 0 : ferro_error_set(FERRO_EINVAL, "condition too long");
}

/* Simulate the term's condition for line `cell` (or fetch it from the cache). */
static int term_run(const ferro_world_t *w, const ferro_findings_t *fs, const fnd_finding_t *x, int cell,
                    const fnd_term_t *t, fnd_cache_t *cache, const ferro_result_t **out)
{
    char key[2048];
    int rc = term_key(cell, t, key, sizeof key);
    if (rc) return rc;
    for (int i = 0; i < cache->n; i++)
        if (!strcmp(cache->run[i].key, key)) {
            *out = cache->run[i].r;
            return 0;
        }
    ferro_dose_t *doses = ferro_calloc((size_t)t->nitems + 1, sizeof *doses);
    ferro_gene_factor_t *fac = ferro_calloc((size_t)t->nitems + 1, sizeof *fac);
    if (!doses || !fac) {
        free(doses);
        free(fac);
        return FERRO_ENOMEM;
    }
    int nd = 0, nf = 0;
    for (int i = 0; i < t->nitems && !rc; i++) {
        const fnd_item_t *it = &t->items[i];
        if (it->is_gene) {
            if (!(rc = ferro_world_find_gene(w, it->name, &fac[nf].gene))) {
                if (ferro_parse_double(it->value, &fac[nf].factor) || fac[nf].factor < 0)
                    rc = ferro_error_set(FERRO_EINVAL, "gene factor '%s' is not a number >= 0", it->value);
                nf++;
            }
        } else if (!(rc = ferro_world_find_agent(w, it->name, &doses[nd].agent))) {
            rc = ferro_world_parse_dose(w, doses[nd].agent, it->value, &doses[nd].dose);
            nd++;
        }
    }
    ferro_result_t *r = NULL;
    if (!rc) {
        ferro_condition_t c;
        ferro_condition_init(&c);
        c.cell = cell;
        c.ndoses = nd;
        c.doses = doses;
        c.nfactors = nf;
        c.factors = fac;
        c.t_end = x->time_h;
        c.t_step = x->time_h;
        c.ncells = x->ncells;
        c.cv = FERRO_POP_CV;
        c.seed = 1;
        c.threads = fs->threads;
        c.progress = 0; /* the caller's bar counts the findings (kb coverage): no bar per population */
        rc = ferro_population_run(w, &c, &r);
    }
    free(doses);
    free(fac);
    if (rc) return rc;
    fnd_run_t *v = realloc(cache->run, (size_t)(cache->n + 1) * sizeof *v);
    char *k = ferro_strdup(key);
    if (!v || !k) {
        free(k);
        if (v) cache->run = v;
        ferro_result_free(r);
        return FERRO_ENOMEM;
    }
    cache->run = v;
    cache->run[cache->n].key = k;
    cache->run[cache->n++].r = r;
    *out = r;
    return 0;
}

static int species_col(const ferro_result_t *r, const char *id)
{
    for (int j = 0; j < r->nspecies; j++)
        if (!strcmp(r->species[j], id)) return j;
    return -1;
}

/* The term's measure at the last output time. */
static int term_value(const ferro_result_t *r, const char *measure, double *v)
{
    int last = r->ntimes - 1;
    const double *row = r->mean + (size_t)last * (size_t)r->nspecies;
    if (!strcmp(measure, "viability")) {
        *v = r->viability[last];
    } else if (!strcmp(measure, "alive")) {
        *v = r->alive[last];
    } else if (!strcmp(measure, "ferro_share")) {
        int a = species_col(r, "dead_ferro"), b = species_col(r, "dead_apop");
        if (a < 0 || b < 0)
            return ferro_error_set(FERRO_ENOTFOUND, "ferro_share needs the species dead_ferro and dead_apop");
        double s = row[a] + row[b];
        *v = s > 0 ? row[a] / s : NAN;
    } else {
        int j = species_col(r, measure);
        if (j < 0)
            return ferro_error_set(FERRO_ENOTFOUND,
                                   "'%s' is neither a measure (viability, alive, ferro_share) nor a model species",
                                   measure);
        *v = row[j];
    }
    return 0;
}

static int compare(double v, const char *op, double thr)
{
    if (isnan(v)) return 0;
    if (!strcmp(op, "<=")) return v <= thr;
    if (!strcmp(op, ">=")) return v >= thr;
    if (!strcmp(op, "<")) return v < thr;
    return v > thr;
}

static int eval_check(const ferro_world_t *w, const ferro_findings_t *fs, const fnd_finding_t *x, int cell,
                      const fnd_check_t *c, fnd_cache_t *cache, double *value)
{
    double v[2] = {NAN, NAN};
    for (int k = 0; k < c->nterms; k++) {
        const fnd_term_t *t = &c->term[k];
        int tc = cell, rc;
        if (t->cell && (rc = ferro_world_find_cell(w, t->cell, &tc))) return rc;
        const ferro_result_t *r;
        if ((rc = term_run(w, fs, x, tc, t, cache, &r)) || (rc = term_value(r, t->measure, &v[k]))) return rc;
    }
    if (c->nterms == 1) *value = v[0];
    else if (c->combine == '-') *value = v[0] - v[1];
    else *value = v[1] != 0 ? v[0] / v[1] : NAN;
    return 0;
}

int ferro_findings_check(const ferro_world_t *w, const ferro_findings_t *f, int i, ferro_finding_result_t *res)
{
    memset(res, 0, sizeof *res);
    if (!f || i < 0 || i >= f->n) return ferro_error_set(FERRO_EINVAL, "finding index %d out of range", i);
    const fnd_finding_t *x = &f->f[i];
    int n = x->ncell * x->ncheck;
    if (!(res->evals = ferro_calloc((size_t)n, sizeof *res->evals))) return FERRO_ENOMEM;
    fnd_cache_t cache = {0, NULL};
    int rc = 0;
    res->pass = 1;
    for (int k = 0; k < x->ncell && !rc; k++) {
        int cell;
        if ((rc = ferro_world_find_cell(w, x->cell[k], &cell))) break;
        for (int c = 0; c < x->ncheck && !rc; c++) {
            ferro_finding_eval_t *e = &res->evals[res->nevals];
            const fnd_check_t *ck = &x->check[c];
            e->cell = x->cell[k];
            e->check = c;
            e->text = ck->text;
            e->threshold = ck->threshold;
            memcpy(e->op, ck->op, sizeof e->op);
            if ((rc = eval_check(w, f, x, cell, ck, &cache, &e->value))) break;
            e->pass = compare(e->value, e->op, e->threshold);
            res->pass &= e->pass;
            res->nevals++;
        }
    }
    cache_free(&cache);
    if (rc) {
        rc = ferro_error_prefix(rc, "finding %s, check '%s'", x->id,
                                res->nevals < n ? x->check[res->nevals % (x->ncheck ? x->ncheck : 1)].text : "");
        ferro_finding_result_clear(res);
    }
    return rc;
}
