/* delay.c — SBML delay(expr, tau): delay differential equations. The history of every delayed
 * expression is kept and its value at t - tau written into the delayed value's slot before any
 * code reads it. Only models with delay() come here (m->ndelay > 0); the others run as before.
 *
 * History: at every step CVODE accepts (CV_ONE_STEP), and before and after every event that
 * changes the model, each delayed expression's value and exact time derivative are recorded.
 * The derivative is one forward-mode pass over the rules in the direction (dt = 1,
 * dy = f(t, y)): the chain rule through the compiled code. Between two points the value is the
 * cubic Hermite interpolant of values and derivatives (error O(h^4) for step h, local to two
 * points, nothing else to keep). Why not CVodeGetDky: it interpolates the states only within
 * the last step, and a delay reaches back many steps; keeping every step's Nordsieck array
 * (q+1 vectors of n) would cost more, and an expression reading parameters changed by events
 * could not be rebuilt from the states alone. An expression that reads algebraic-rule or
 * fast-reaction variables (whose rates the forward pass does not carry) gets its derivative by
 * divided differences of the points (error O(h^3) then).
 *
 * Before t0 (SBML leaves it open; this is what the SBML Test Suite's expected results use): a
 * quantity's past is its initial definition evaluated at that earlier time. An initial
 * assignment or assignment rule in `time` gives the past it describes (cases 00937, 00938),
 * anything else its initial value; rateOf of a quantity held at its initial value is 0
 * (01401); fast reactions' equilibration and events at t0 are not part of that past (01539).
 * At t - tau == t0 the value at t0 after the events at t0 is used.
 *
 * Steps: CVODE's step is limited to the smallest current delay time, so t - tau does not pass
 * the last accepted point while a step is tried. A delay time that is 0 or shrinks within a
 * step does reach past it: then the value is that of the quadratic through the last point
 * (value, derivative) and the expression's value now (tau = 0: the value now, exactly).
 * Discontinuities: where an event changed the model (and at t0) the delayed values jump or
 * kink tau later; the integrator stops and restarts there (breakpoints, three generations for
 * constant delay times), so BDF never steps across them.
 * Jacobian: a delayed value depends on the past only, so its derivative with respect to the
 * current state is 0: its slot is never seeded in the Jacobian's tangent passes.
 * Memory: with constant delay times, points older than the largest delay (and the step
 * before) are dropped; with a varying delay time all are kept, at most FS_DELAY_MAX_POINTS
 * (the run then fails with a message). A delay time that is negative or not a number at an
 * accepted point fails the run; while CVODE tries a step it makes the try fail (NaN). Everything is in the per-thread workspace and reset at
 * the start of every run. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/solver_impl.h"

#define FS_DELAY_MAX_POINTS (1 << 20)
#define FS_DELAY_MAX_BREAKS 64
#define FS_DELAY_BREAK_GENERATIONS 3

int fs_delay_alloc(ferro_solver_t *s)
{
    const ferro_model_t *m = s->m;
    size_t nv = (size_t)(m->nslots_total > 0 ? m->nslots_total : 1);
    s->dh_base = ferro_calloc(nv, sizeof(double));
    s->dh_w = ferro_calloc(nv, sizeof(double));
    s->dh_wd = ferro_calloc(nv, sizeof(double));
    s->dh_vd = ferro_calloc(nv, sizeof(double));
    s->dh_ydot = ferro_calloc((size_t)(s->n > 0 ? s->n : 1), sizeof(double));
    s->dh_brk = ferro_malloc(FS_DELAY_MAX_BREAKS * sizeof(double));
    s->dh_brk_k = ferro_malloc(FS_DELAY_MAX_BREAKS * sizeof(int));
    s->dh_brk_level = ferro_malloc(FS_DELAY_MAX_BREAKS * sizeof(int));
    s->dh_yout = N_VNew_Serial(s->n > 0 ? s->n : 1, s->ctx);
    s->dh_pt = ferro_malloc((size_t)4 * (size_t)m->ndelay * sizeof(double));
    if (!s->dh_pt || !s->dh_base || !s->dh_w || !s->dh_wd || !s->dh_vd || !s->dh_ydot || !s->dh_brk || !s->dh_brk_k ||
        !s->dh_brk_level || !s->dh_yout)
        return FERRO_ENOMEM;
    s->dh_wd[FXM_SLOT_TIME] = 1.0; /* the past is evaluated with d(time) = 1 */
    memcpy(s->dh_base, m->v0, (size_t)m->nslots * sizeof(double)); /* until a run sets it */
    return 0;
}

void fs_delay_free(ferro_solver_t *s)
{
    free(s->dh_t);
    free(s->dh_v);
    free(s->dh_d);
    free(s->dh_base);
    free(s->dh_w);
    free(s->dh_wd);
    free(s->dh_vd);
    free(s->dh_ydot);
    free(s->dh_brk);
    free(s->dh_brk_k);
    free(s->dh_brk_level);
    free(s->dh_pt);
    if (s->dh_yout) N_VDestroy(s->dh_yout);
}

void fs_delay_begin(ferro_solver_t *s, double t0)
{
    const ferro_model_t *m = s->m;
    s->dh_start = s->dh_n = 0;
    s->dh_t0 = t0;
    s->dh_nbrk = 0;
    s->dh_err[0] = 0;
    s->dh_hmax = -1.0;
    memcpy(s->dh_base, s->v, (size_t)m->nslots * sizeof *s->v);
    for (int k = 0; k < m->ndelay; k++) s->v[m->delay[k].slot] = NAN;
}

static double failed(ferro_solver_t *s, const char *what, double a, double t)
{
    if (!s->dh_err[0]) snprintf(s->dh_err, sizeof s->dh_err, what, a, t);
    return NAN;
}

/* The expression at q < t0: the initial definitions it needs, run at time q in forward mode so
 * that a state's derivative slot can be the time derivative of its initial definition. */
static double before_t0(ferro_solver_t *s, const fxm_delay_t *d, double q)
{
    const ferro_model_t *m = s->m;
    double *w = s->dh_w, *wd = s->dh_wd;
    memcpy(w, s->dh_base, (size_t)m->nslots * sizeof *w);
    w[FXM_SLOT_TIME] = q;
    for (int e = 0; e < d->npre; e++) {
        int x = d->pre[e];
        if (x < 0) {
            int i = -x - 1;
            w[m->st_dslot[i]] = wd[m->st_slot[i]];
            wd[m->st_dslot[i]] = 0.0;
            continue;
        }
        const fxm_def_t *def = &m->init[x];
        if (s->locked[def->slot]) { /* a value the caller set: held */
            wd[def->slot] = 0.0;
            continue;
        }
        fx_run_tangent(m->code.ins, def->code.start, def->code.end, w, wd, 1);
    }
    return w[d->expr_slot];
}

/* Cubic Hermite interpolation for dh_t[start] <= q < dh_t[n - 1]. */
static double from_history(const ferro_solver_t *s, int k, double q)
{
    const int nd = s->m->ndelay;
    int lo = s->dh_start, hi = s->dh_n - 1;
    while (hi - lo > 1) { /* largest lo with t[lo] <= q (after an event: its later point) */
        int mid = lo + (hi - lo) / 2;
        if (s->dh_t[mid] <= q) lo = mid;
        else hi = mid;
    }
    double h = s->dh_t[hi] - s->dh_t[lo], u = (q - s->dh_t[lo]) / h, w = 1.0 - u;
    double v0 = s->dh_v[(long)lo * nd + k], v1 = s->dh_v[(long)hi * nd + k];
    double d0 = s->dh_d[(long)lo * nd + k], d1 = s->dh_d[(long)hi * nd + k];
    return (1.0 + 2.0 * u) * w * w * v0 + u * w * w * h * d0 + u * u * (3.0 - 2.0 * u) * v1 - u * u * w * h * d1;
}

/* q past the last accepted point (tau shrank within the step, or is 0): the quadratic through
 * the last point (value, derivative) and the expression's value now. */
static double past_last(ferro_solver_t *s, const fxm_delay_t *d, int k, double q, double t)
{
    const ferro_model_t *m = s->m;
    fx_run(m->code.ins, d->ecode.start, d->ecode.end, s->v);
    double e = s->v[d->expr_slot];
    if (q >= t) return e;
    long p = (long)(s->dh_n - 1) * m->ndelay + k;
    double tl = s->dh_t[s->dh_n - 1], vl = s->dh_v[p], dl = s->dh_d[p], h = t - tl, u = (q - tl) / h;
    return vl + dl * h * u + (e - vl - dl * h) * u * u;
}

void fs_delay_eval(ferro_solver_t *s)
{
    const ferro_model_t *m = s->m;
    double *v = s->v, t = v[FXM_SLOT_TIME];
    const int n = s->dh_n;
    fx_run(m->code.ins, m->dtau.start, m->dtau.end, v);
    for (int k = 0; k < m->ndelay; k++) {
        const fxm_delay_t *d = &m->delay[k];
        double tau = v[d->tau_slot], q = t - tau, x;
        if (!(tau >= 0.0))
            x = failed(s, "delay(): the delay time is negative or undefined (%g) at t = %g", tau, t);
        else if (n == 0 || q < s->dh_t0)
            x = before_t0(s, d, q);
        else if (q < s->dh_t[s->dh_start])
            x = failed(s, "delay(): the history before t = %g is not kept (a varying delay grew) at t = %g", q, t);
        else if (q < s->dh_t[n - 1])
            x = from_history(s, k, q);
        else if (q == s->dh_t[n - 1])
            x = s->dh_v[(long)(n - 1) * m->ndelay + k];
        else
            x = past_last(s, d, k, q, t);
        v[d->slot] = x;
    }
}

static int grow(ferro_solver_t *s)
{
    const int nd = s->m->ndelay;
    if (s->dh_start > 0 && s->dh_start >= s->dh_n / 2) { /* reuse the dropped front */
        int keep = s->dh_n - s->dh_start;
        memmove(s->dh_t, s->dh_t + s->dh_start, (size_t)keep * sizeof *s->dh_t);
        memmove(s->dh_v, s->dh_v + (long)s->dh_start * nd, (size_t)keep * (size_t)nd * sizeof *s->dh_v);
        memmove(s->dh_d, s->dh_d + (long)s->dh_start * nd, (size_t)keep * (size_t)nd * sizeof *s->dh_d);
        s->dh_n = keep;
        s->dh_start = 0;
        return 0;
    }
    if (s->dh_cap >= FS_DELAY_MAX_POINTS)
        return ferro_error_set(FERRO_ESOLVER, "%s: delay(): the history has more than %d points (a varying delay time keeps "
                               "them all); use a coarser tolerance or a shorter run", s->m->source, FS_DELAY_MAX_POINTS);
    int cap = s->dh_cap ? 2 * s->dh_cap : 256;
    double *t = ferro_realloc(s->dh_t, (size_t)cap * sizeof *t);
    if (t) s->dh_t = t;
    double *v = t ? ferro_realloc(s->dh_v, (size_t)cap * (size_t)nd * sizeof *v) : NULL;
    if (v) s->dh_v = v;
    double *dv = v ? ferro_realloc(s->dh_d, (size_t)cap * (size_t)nd * sizeof *dv) : NULL;
    if (!dv) return ferro_error_set(FERRO_ENOMEM, "%s: out of memory for the delay history (%d points)", s->m->source, cap);
    s->dh_d = dv;
    s->dh_cap = cap;
    return 0;
}

/* The delayed expressions' values and d/dt at (t, y) into val[k], der[k]. */
static int point_at(ferro_solver_t *s, double t, const double *y, double *val, double *der)
{
    const ferro_model_t *m = s->m;
    int rc = ferro_solver_eval_rhs(s, t, y, s->dh_ydot);
    if (rc) return rc;
    fs_full(s);
    double *vd = s->dh_vd;
    vd[FXM_SLOT_TIME] = 1.0;
    for (int i = 0; i < s->n; i++) vd[m->st_slot[i]] = s->dh_ydot[i];
    fx_run_tangent(m->code.ins, m->full.start, m->full.end, s->v, vd, 1);
    for (int k = 0; k < m->ndelay; k++) {
        val[k] = s->v[m->delay[k].expr_slot];
        der[k] = vd[m->delay[k].expr_slot];
    }
    return 0;
}

static int append(ferro_solver_t *s, double t, const double *val, const double *der)
{
    const ferro_model_t *m = s->m;
    const int nd = m->ndelay;
    int rc;
    if (s->dh_n == s->dh_cap && (rc = grow(s))) return rc;
    int p = s->dh_n++, prev = p > s->dh_start ? p - 1 : -1;
    s->dh_t[p] = t;
    int all_const = 1;
    double taumax = 0.0;
    for (int k = 0; k < nd; k++) {
        const fxm_delay_t *d = &m->delay[k];
        double dx = der[k];
        if (d->dd_deriv) {
            if (prev < 0) dx = 0.0;
            else if (t > s->dh_t[prev]) dx = (val[k] - s->dh_v[(long)prev * nd + k]) / (t - s->dh_t[prev]);
            else dx = s->dh_d[(long)prev * nd + k];
        }
        s->dh_v[(long)p * nd + k] = val[k];
        s->dh_d[(long)p * nd + k] = dx;
        all_const &= d->const_tau;
        if (s->v[d->tau_slot] > taumax) taumax = s->v[d->tau_slot];
    }
    if (all_const && s->dh_n >= 3) { /* later look-ups reach back at most taumax before the last step */
        double cut = s->dh_t[s->dh_n - 2] - taumax;
        while (s->dh_start + 1 < s->dh_n - 2 && s->dh_t[s->dh_start + 1] <= cut) s->dh_start++;
    }
    return 0;
}

int fs_delay_record(ferro_solver_t *s, double t, const double *y)
{
    const int nd = s->m->ndelay;
    int rc = point_at(s, t, y, s->dh_pt, s->dh_pt + nd);
    return rc ? rc : append(s, t, s->dh_pt, s->dh_pt + nd);
}

/* The history over the step just taken, ending at tb (states y): the end point, and as many
 * equally spaced points inside as the Hermite interpolant needs to meet the solver's
 * tolerances at the step's midpoint (checked against the expressions there, from CVODE's
 * interpolated states). A delayed expression is not a state: CVODE's error test does not see
 * it (e.g. sin(10 t) over a long step of a model without states). */
static int record_step(ferro_solver_t *s, double tb, const double *y)
{
    const ferro_model_t *m = s->m;
    const int nd = m->ndelay, last = s->dh_n - 1;
    double *bv = s->dh_pt, *bd = bv + nd, *mv = bd + nd, *md = mv + nd;
    double ta = s->dh_t[last];
    int rc = point_at(s, tb, y, bv, bd);
    if (rc || !(tb > ta)) return rc ? rc : append(s, tb, bv, bd);
    double h = tb - ta, tm = ta + 0.5 * h, worst = 0.0;
    if (CVodeGetDky(s->cv, tm, 0, s->dh_yout) < 0) return append(s, tb, bv, bd);
    if ((rc = point_at(s, tm, N_VGetArrayPointer(s->dh_yout), mv, md))) return rc;
    for (int k = 0; k < nd; k++) {
        if (m->delay[k].dd_deriv) continue;
        double v0 = s->dh_v[(long)last * nd + k], d0 = s->dh_d[(long)last * nd + k];
        double herm = 0.5 * (v0 + bv[k]) + 0.125 * h * (d0 - bd[k]); /* the Hermite cubic at u = 1/2 */
        double err = fabs(herm - mv[k]) / (s->opt.rtol * fabs(mv[k]) + s->opt.atol);
        if (!(err <= worst)) worst = isnan(err) ? 1e300 : err;
    }
    if (worst > 1.0) { /* the error shrinks as (h / nsub)^4 */
        int nsub = (int)ceil(1.5 * pow(worst, 0.25));
        if (nsub > 64) nsub = 64;
        for (int j = 1; j < nsub; j++) {
            double tj = ta + h * j / nsub;
            if (CVodeGetDky(s->cv, tj, 0, s->dh_yout) < 0) break;
            if ((rc = point_at(s, tj, N_VGetArrayPointer(s->dh_yout), mv, md)) || (rc = append(s, tj, mv, md))) return rc;
        }
    }
    return append(s, tb, bv, bd);
}

static void add_break(ferro_solver_t *s, double tb, int k, int level)
{
    int at = s->dh_nbrk;
    if (at == FS_DELAY_MAX_BREAKS) { /* full: replace the latest one if this one comes earlier */
        at = 0;
        for (int b = 1; b < s->dh_nbrk; b++)
            if (s->dh_brk[b] > s->dh_brk[at]) at = b;
        if (!(tb < s->dh_brk[at])) return;
    } else {
        s->dh_nbrk++;
    }
    s->dh_brk[at] = tb;
    s->dh_brk_k[at] = k;
    s->dh_brk_level[at] = level;
}

int fs_delay_jump(ferro_solver_t *s, double t, const double *y, int changed)
{
    const ferro_model_t *m = s->m;
    int rc = changed ? fs_delay_record(s, t, y) : 0;
    if (rc) return rc;
    for (int k = 0; k < m->ndelay; k++) {
        double tau = s->v[m->delay[k].tau_slot];
        if (tau > 0.0) add_break(s, t + tau, k, 1);
    }
    return 0;
}

int fs_delay_step(ferro_solver_t *s, double stop, double *t, int *flag, int *reinit)
{
    const ferro_model_t *m = s->m;
    *reinit = 0;
    /* a breakpoint within rounding of another stop is that stop (CVODE cannot step 1e-16) */
    double eps = 1e-10 * (fabs(stop) > 1.0 ? fabs(stop) : 1.0);
    for (int b = 0; b < s->dh_nbrk; b++)
        if (s->dh_brk[b] > *t && s->dh_brk[b] < stop - eps) stop = s->dh_brk[b];
    double hmax = s->opt.max_step > 0 ? s->opt.max_step : INFINITY;
    for (int k = 0; k < m->ndelay; k++) {
        double tau = s->v[m->delay[k].tau_slot];
        if (tau > 0.0 && tau < hmax) hmax = tau;
    }
    if (hmax != s->dh_hmax) {
        CVodeSetMaxStep(s->cv, isinf(hmax) ? 0.0 : hmax);
        s->dh_hmax = hmax;
    }
    CVodeSetStopTime(s->cv, stop);
    /* a failure at an accepted point (start, events, outputs) ends the run; one while CVODE
     * tries a step only makes the step fail (the right-hand side is then not finite) */
    if (s->dh_err[0]) return ferro_error_set(FERRO_ESOLVER, "%s: at t = %g: %s", m->source, *t, s->dh_err);
    *flag = CVode(s->cv, stop, s->y, t, CV_ONE_STEP);
    if (*flag < 0) return 0; /* the message, if any, says why (fail() in solver.c) */
    s->dh_err[0] = 0;
    int rc = record_step(s, *t, N_VGetArrayPointer(s->y));
    if (rc) return rc;
    if (s->dh_err[0]) return ferro_error_set(FERRO_ESOLVER, "%s: at t = %g: %s", m->source, *t, s->dh_err);
    eps = 1e-10 * (fabs(*t) > 1.0 ? fabs(*t) : 1.0);
    for (int b = s->dh_nbrk - 1; b >= 0; b--) {
        if (s->dh_brk[b] > *t + eps) continue;
        double tb = s->dh_brk[b];
        int k = s->dh_brk_k[b], level = s->dh_brk_level[b];
        s->dh_brk[b] = s->dh_brk[s->dh_nbrk - 1];
        s->dh_brk_k[b] = s->dh_brk_k[s->dh_nbrk - 1];
        s->dh_brk_level[b] = s->dh_brk_level[s->dh_nbrk - 1];
        s->dh_nbrk--;
        *reinit = 1;
        double tau = s->v[m->delay[k].tau_slot];
        if (m->delay[k].const_tau && level < FS_DELAY_BREAK_GENERATIONS && tau > 0.0) add_break(s, tb + tau, k, level + 1);
    }
    return 0;
}
