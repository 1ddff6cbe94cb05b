/* run.c — simulating virtual populations (OpenMP over cells, one solver workspace per thread)
 * with reductions in a fixed order, so results are bit-identical for any thread count. */
#include "pop_engine.h"

#include <gsl/gsl_rng.h>
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "ferrosim/dist.h"

#define POP_MAX_BLOCKS 256   /* per-block partial sums of a run (fixed, whatever the threads) */
#define POP_MAX_TIMES 1000000

void ferro_condition_init(ferro_condition_t *c)
{
    memset(c, 0, sizeof *c);
    c->t_end = 72;
    c->t_step = 1;
    c->ncells = 1;
    c->cv = FERRO_POP_CV;
    c->seed = 1;
    c->threads = 1;
    c->progress = 1;
}

void ferro_result_free(ferro_result_t *r)
{
    if (!r) return;
    if (r->species)
        for (int j = 0; j < r->nspecies; j++) free(r->species[j]);
    free(r->species);
    free(r->time);
    free(r->viability);
    free(r->alive);
    free(r->mean);
    free(r);
}

static int check_condition(const ferro_world_t *w, const ferro_condition_t *c)
{
    if (c->cell < 0 || c->cell >= w->ncell) return ferro_error_set(FERRO_EINVAL, "cell line index %d out of range", c->cell);
    if (!(c->t_end >= 0) || !isfinite(c->t_end))
        return ferro_error_set(FERRO_EINVAL, "end time %g h is not a non-negative number", c->t_end);
    if (!(c->t_step > 0) || !isfinite(c->t_step))
        return ferro_error_set(FERRO_EINVAL, "output step %g h is not positive", c->t_step);
    if (c->t_end / c->t_step > POP_MAX_TIMES)
        return ferro_error_set(FERRO_EINVAL, "%g h by %g h makes more than %d output times", c->t_end, c->t_step,
                               POP_MAX_TIMES);
    if (c->ncells < 1) return ferro_error_set(FERRO_EINVAL, "number of cells %d is not positive", c->ncells);
    if (!(c->cv >= 0) || !isfinite(c->cv)) return ferro_error_set(FERRO_EINVAL, "CV %g is not a non-negative number", c->cv);
    if (c->threads < 0) return ferro_error_set(FERRO_EINVAL, "thread count %d is negative", c->threads);
    if (c->ndoses < 0 || c->nfactors < 0) return ferro_error_set(FERRO_EINVAL, "negative number of doses or factors");
    for (int i = 0; i < c->ndoses; i++) {
        if (c->doses[i].agent < 0 || c->doses[i].agent >= w->nagent)
            return ferro_error_set(FERRO_EINVAL, "agent index %d out of range", c->doses[i].agent);
        if (!(c->doses[i].dose >= 0) || !isfinite(c->doses[i].dose))
            return ferro_error_set(FERRO_EINVAL, "%s: dose %g is not a non-negative number",
                                   w->agent[c->doses[i].agent].id.name, c->doses[i].dose);
    }
    for (int i = 0; i < c->nfactors; i++) {
        if (c->factors[i].gene < 0 || c->factors[i].gene >= w->ngene)
            return ferro_error_set(FERRO_EINVAL, "gene index %d out of range", c->factors[i].gene);
        if (!(c->factors[i].factor >= 0) || !isfinite(c->factors[i].factor))
            return ferro_error_set(FERRO_EINVAL, "%s: factor %g is not a non-negative number",
                                   w->gene[c->factors[i].gene].id.name, c->factors[i].factor);
    }
    if (c->profile)
        for (int g = 0; g < w->ngene; g++)
            if (!isnan(c->profile[g]) && !(c->profile[g] >= 0 && isfinite(c->profile[g])))
                return ferro_error_set(FERRO_EINVAL, "%s: profile level %g is not a non-negative number",
                                       w->gene[g].id.name, c->profile[g]);
    return 0;
}

static int treated(const ferro_condition_t *c)
{
    for (int i = 0; i < c->ndoses; i++)
        if (c->doses[i].dose > 0) return 1;
    return 0;
}

/* 0, step, 2 step, ... and exactly t_end last. */
static int time_grid(const ferro_condition_t *c, double **out, int *nt)
{
    int n = (int)floor(c->t_end / c->t_step + 1e-9) + 1;
    double *t = ferro_malloc((size_t)(n + 1) * sizeof *t);
    if (!t) return FERRO_ENOMEM;
    for (int i = 0; i < n; i++) t[i] = i * c->t_step;
    if (c->t_end - t[n - 1] > 1e-9 * (c->t_end > 1 ? c->t_end : 1)) n++;
    t[n - 1] = c->t_end;
    *out = t;
    *nt = n;
    return 0;
}

/* The first failure of a parallel loop (lowest item), with its message copied out of the
 * worker thread (messages are per thread). */
typedef struct {
    int rc;
    long item;
    char msg[1024];
} pop_fail_t;

static void fail_record(pop_fail_t *f, int rc, long item)
{
#pragma omp critical(pop_fail)
    {
        if (!f->rc || item < f->item) {
            f->rc = rc;
            f->item = item;
            snprintf(f->msg, sizeof f->msg, "%s", ferro_error_message());
        }
    }
}

static int fail_seen(const pop_fail_t *f)
{
    int rc;
#pragma omp atomic read
    rc = f->rc;
    return rc != 0;
}

static int nthreads(const ferro_condition_t *c)
{
    return c->threads > 0 ? c->threads : omp_get_num_procs();
}

/* Per-thread scratch: a solver workspace, an RNG and parameter/state buffers. */
typedef struct {
    pop_sim_t *sim;
    gsl_rng *rng;
    double *p, *pt, *yu, *yt;
    double *y0; /* the cell's pre-equilibrated state (nspecies), or NULL when that is off */
} scratch_t;

static void scratch_free(scratch_t *s)
{
    pop_sim_free(s->sim);
    if (s->rng) gsl_rng_free(s->rng);
    free(s->p);
    free(s->pt);
    free(s->yu);
    free(s->yt);
    free(s->y0);
}

static int scratch_alloc(const ferro_world_t *w, int nt, scratch_t *s)
{
    memset(s, 0, sizeof *s);
    int rc = pop_sim_alloc(w, &s->sim);
    if (rc) return rc;
    s->rng = gsl_rng_alloc(gsl_rng_mt19937);
    size_t np = (size_t)w->nparam, ny = (size_t)nt * (size_t)w->nspecies;
    s->p = ferro_malloc(np * sizeof *s->p);
    s->pt = ferro_malloc(np * sizeof *s->pt);
    s->yu = ferro_malloc(ny * sizeof *s->yu);
    s->yt = ferro_malloc(ny * sizeof *s->yt);
    if (w->equil_h > 0) s->y0 = ferro_malloc((size_t)w->nspecies * sizeof *s->y0);
    if (!s->rng || !s->p || !s->pt || !s->yu || !s->yt || (w->equil_h > 0 && !s->y0)) {
        scratch_free(s);
        return ferro_error_set(FERRO_ENOMEM, "out of memory for a solver workspace");
    }
    return 0;
}

/* Block sums: [0, nt) untreated viable, [nt, 2nt) treated viable, [2nt, 3nt) treated
 * viable + dead, then nt x nspecies species sums (weighted by viable, fate species unweighted). */
static void accumulate(const ferro_world_t *w, int nt, const double *yu, const double *yt, double *acc)
{
    int ns = w->nspecies;
    for (int i = 0; i < nt; i++) {
        const double *u = yu + (size_t)i * ns, *y = yt + (size_t)i * ns;
        double v = y[w->sp_viable];
        acc[i] += u[w->sp_viable];
        acc[nt + i] += v;
        acc[2 * nt + i] += v + (w->sp_dead_ferro >= 0 ? y[w->sp_dead_ferro] : 0) +
                           (w->sp_dead_apop >= 0 ? y[w->sp_dead_apop] : 0);
        double *m = acc + 3 * (size_t)nt + (size_t)i * ns;
        for (int j = 0; j < ns; j++) m[j] += pop_is_fate(w, j) ? y[j] : v * y[j];
    }
}

static int result_alloc(const ferro_world_t *w, int nt, ferro_result_t **out)
{
    ferro_result_t *r = ferro_calloc(1, sizeof *r);
    if (!r) return FERRO_ENOMEM;
    r->ntimes = nt;
    r->nspecies = w->nspecies;
    r->viability = ferro_malloc((size_t)nt * sizeof *r->viability);
    r->alive = ferro_malloc((size_t)nt * sizeof *r->alive);
    r->mean = ferro_malloc((size_t)nt * (size_t)w->nspecies * sizeof *r->mean);
    r->species = ferro_calloc((size_t)w->nspecies, sizeof *r->species);
    if (!r->viability || !r->alive || !r->mean || !r->species) { ferro_result_free(r); return FERRO_ENOMEM; }
    for (int j = 0; j < w->nspecies; j++)
        if (!(r->species[j] = ferro_strdup(w->species_id[j]))) { ferro_result_free(r); return FERRO_ENOMEM; }
    *out = r;
    return 0;
}

int ferro_population_run(const ferro_world_t *w, const ferro_condition_t *c, ferro_result_t **out)
{
    *out = NULL;
    int rc = check_condition(w, c);
    if (rc) return rc;
    ferro_result_t *r = NULL;
    double *t = NULL, *acc = NULL;
    int nt;
    if ((rc = time_grid(c, &t, &nt)) || (rc = result_alloc(w, nt, &r))) goto out;
    r->time = t;
    t = NULL;
    int ns = w->nspecies, is_treated = treated(c);
    long ncells = c->ncells;
    int nblocks = ncells < POP_MAX_BLOCKS ? (int)ncells : POP_MAX_BLOCKS;
    size_t stride = 3 * (size_t)nt + (size_t)nt * (size_t)ns;
    if (!(acc = ferro_calloc((size_t)nblocks * stride, sizeof *acc))) { rc = FERRO_ENOMEM; goto out; }
    pop_fail_t fail = {0, 0, ""};
    /* under MPI this rank runs its share of the blocks; the merge below completes acc exactly */
    long mine = 0;
    for (int b = 0; b < nblocks; b++)
        if (ferro_dist_owns(b, nblocks)) mine += (long)(b + 1) * ncells / nblocks - (long)b * ncells / nblocks;
    ferro_progress_t *prog = c->progress ? ferro_progress_start("simulate", mine) : NULL;
#pragma omp parallel num_threads(nthreads(c))
    {
        scratch_t s;
        int src = scratch_alloc(w, nt, &s);
        if (src) fail_record(&fail, src, -1);
#pragma omp for schedule(dynamic, 1)
        for (int b = 0; b < nblocks; b++) {
            if (!ferro_dist_owns(b, nblocks)) continue;
            long k0 = (long)b * ncells / nblocks, k1 = (long)(b + 1) * ncells / nblocks;
            for (long k = k0; k < k1 && !src && !fail_seen(&fail); k++) {
                pop_cell_params(w, c, k, s.rng, s.p);
                int e = s.y0 ? pop_sim_equilibrate(s.sim, s.p, s.y0) : 0;
                if (!e) e = pop_sim_run_from(s.sim, s.p, s.y0, nt, r->time, s.yu);
                if (!e && is_treated) {
                    memcpy(s.pt, s.p, (size_t)w->nparam * sizeof *s.pt);
                    pop_effects_apply(w, c->ndoses, c->doses, s.pt);
                    e = pop_sim_run_from(s.sim, s.pt, s.y0, nt, r->time, s.yt);
                }
                if (e) { fail_record(&fail, e, k); break; }
                accumulate(w, nt, s.yu, is_treated ? s.yt : s.yu, acc + (size_t)b * stride);
                ferro_progress_tick(prog, 1);
            }
        }
        if (!src) scratch_free(&s);
    }
    ferro_progress_finish(prog);
    if (fail.rc) {
        if (fail.item >= 0 && ncells > 1)
            rc = ferro_error_set(fail.rc, "%s (virtual cell %ld of %s)", fail.msg, fail.item + 1, w->cell[c->cell].id.name);
        else
            rc = ferro_error_set(fail.rc, "%s", fail.msg);
    }
    if ((rc = ferro_dist_merge(acc, (size_t)nblocks * stride, rc))) goto out;
    /* the fixed-order reduction: blocks in order */
    for (int b = 1; b < nblocks; b++)
        for (size_t i = 0; i < stride; i++) acc[i] += acc[(size_t)b * stride + i];
    for (int i = 0; i < nt; i++) {
        double vu = acc[i], vt = acc[nt + i], tot = acc[2 * nt + i];
        r->viability[i] = vu > 0 ? vt / vu : NAN;
        r->alive[i] = tot > 0 ? vt / tot : NAN;
        const double *m = acc + 3 * (size_t)nt + (size_t)i * ns;
        for (int j = 0; j < ns; j++)
            r->mean[(size_t)i * ns + j] = pop_is_fate(w, j) ? m[j] / (double)ncells : vt > 0 ? m[j] / vt : NAN;
    }
    *out = r;
    r = NULL;
out:
    free(t);
    free(acc);
    ferro_result_free(r);
    return rc;
}

static int same_shared(const ferro_condition_t *a, const ferro_condition_t *b)
{
    if (a->cell != b->cell || a->t_end != b->t_end || a->ncells != b->ncells || a->cv != b->cv || a->seed != b->seed ||
        a->profile != b->profile || a->nfactors != b->nfactors)
        return 0;
    for (int i = 0; i < a->nfactors; i++)
        if (a->factors[i].gene != b->factors[i].gene || a->factors[i].factor != b->factors[i].factor) return 0;
    return 1;
}

int ferro_population_viability_many(const ferro_world_t *w, const ferro_condition_t *cond, int n, double *viab)
{
    if (n <= 0) return 0;
    int rc;
    for (int i = 0; i < n; i++) {
        if ((rc = check_condition(w, &cond[i]))) return ferro_error_prefix(rc, "condition %d", i + 1);
        if (!same_shared(&cond[0], &cond[i]))
            return ferro_error_set(FERRO_EINVAL,
                                   "condition %d differs from condition 1 in more than its doses (cell, gene "
                                   "factors, profile, time, cells, CV and seed must be shared)",
                                   i + 1);
    }
    const ferro_condition_t *c0 = &cond[0];
    long ncells = c0->ncells, nslot = n + 1; /* slot 0: the untreated reference */
    double tend = c0->t_end;
    double *endv = ferro_calloc((size_t)nslot * (size_t)ncells, sizeof *endv);
    if (!endv) return FERRO_ENOMEM;
    char *skip = ferro_calloc((size_t)nslot, 1);
    if (!skip) { free(endv); return FERRO_ENOMEM; }
    for (int i = 0; i < n; i++) skip[i + 1] = !treated(&cond[i]); /* equals the reference exactly */
    long nitems = nslot * ncells;
    pop_fail_t fail = {0, 0, ""};
    /* under MPI this rank runs the items of its share of the cells; the merge completes endv */
    ferro_progress_t *prog = c0->progress ? ferro_progress_start("simulate", ferro_dist_share(ncells) * nslot) : NULL;
#pragma omp parallel num_threads(nthreads(c0))
    {
        scratch_t s;
        int src = scratch_alloc(w, 1, &s);
        if (src) fail_record(&fail, src, -1);
        long last = -1;
        /* cell-major items: consecutive items of one thread mostly share the cell's parameters */
#pragma omp for schedule(dynamic, 1)
        for (long it = 0; it < nitems; it++) {
            if (src || fail_seen(&fail)) continue;
            long k = it / nslot, slot = it % nslot;
            if (skip[slot] || !ferro_dist_owns(k, ncells)) continue;
            int e = 0;
            if (k != last) { /* a thread's first item of cell k: its parameters and start state */
                pop_cell_params(w, c0, k, s.rng, s.p);
                last = k;
                if (s.y0 && (e = pop_sim_equilibrate(s.sim, s.p, s.y0))) last = -1;
            }
            const double *p = s.p;
            if (slot > 0) {
                memcpy(s.pt, s.p, (size_t)w->nparam * sizeof *s.pt);
                pop_effects_apply(w, cond[slot - 1].ndoses, cond[slot - 1].doses, s.pt);
                p = s.pt;
            }
            if (!e) e = pop_sim_run_from(s.sim, p, s.y0, 1, &tend, s.yu);
            if (e) { fail_record(&fail, e, it); continue; }
            endv[slot * ncells + k] = s.yu[w->sp_viable];
            ferro_progress_tick(prog, 1);
        }
        if (!src) scratch_free(&s);
    }
    ferro_progress_finish(prog);
    rc = fail.rc ? ferro_error_set(fail.rc, "%s", fail.msg) : 0;
    if (!(rc = ferro_dist_merge(endv, (size_t)nslot * (size_t)ncells, rc))) {
        double vu = 0;
        for (long k = 0; k < ncells; k++) vu += endv[k];
        for (int i = 0; i < n; i++) {
            double vt = 0;
            if (skip[i + 1]) { viab[i] = vu > 0 ? 1.0 : NAN; continue; }
            for (long k = 0; k < ncells; k++) vt += endv[(i + 1) * ncells + k];
            viab[i] = vu > 0 ? vt / vu : NAN;
        }
    }
    free(endv);
    free(skip);
    return rc;
}
