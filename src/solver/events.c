/* events.c — SBML event semantics on top of CVODE root finding: triggers fire on a false->true
 * transition, delays schedule execution, persistence cancels, priorities order simultaneous
 * executions (ties: document order), values from trigger time or from execution time, and
 * cascades (an execution re-checks every trigger at the same instant). */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/solver_impl.h"

/* Rules, root functions, triggers. At a root CVODE found, a root function still at the value
 * it had there (not moved by an event assignment) takes the sign it has just after the
 * crossing: a trigger "x > 1" is true once x crosses 1 upwards even if x == 1 at the root. */
static void eval_triggers(ferro_solver_t *s)
{
    const ferro_model_t *m = s->m;
    fs_full(s);
    fx_run(m->code.ins, m->roots.start, m->roots.end, s->v);
    if (s->rootdir)
        for (int k = 0; k < m->nroots; k++) {
            double *g = &s->v[m->root_slot[k]];
            if (s->rootdir[k] && *g == s->groot[k] && *g * s->rootdir[k] <= 0.0)
                *g = s->rootdir[k] > 0 ? DBL_MIN : -DBL_MIN;
        }
    fx_run(m->code.ins, m->trig.start, m->trig.end, s->v);
}

static void drop(ferro_solver_t *s, int k)
{
    free(s->pend[k].values);
    memmove(s->pend + k, s->pend + k + 1, (size_t)(s->npend - k - 1) * sizeof *s->pend);
    s->npend--;
}

/* splitmix64: the tie-break stream (tiny and reproducible; no statistics rest on it) */
static unsigned long rng_next(unsigned long long *x)
{
    unsigned long long z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return (unsigned long)(z ^ (z >> 31));
}

int fs_events_init(ferro_solver_t *s, double t0)
{
    (void)t0;
    s->rng = 0x5eed5eedULL;
    while (s->npend) drop(s, s->npend - 1);
    for (int e = 0; e < s->m->nevents; e++) s->trig_prev[e] = (unsigned char)(s->m->ev[e].initial_value != 0);
    return 0;
}

static int schedule(ferro_solver_t *s, int e, double t)
{
    const ferro_model_t *m = s->m;
    const fxm_event_t *ev = &m->ev[e];
    double when = t;
    if (ev->delay) {
        fx_run(m->code.ins, ev->delay_code.start, ev->delay_code.end, s->v);
        double d = s->v[ev->delay_slot];
        if (!(d >= 0))
            return ferro_error_set(FERRO_ESOLVER, "%s: event '%s' at t = %g has a negative or undefined delay (%g)",
                                   m->source, ev->id ? ev->id : "?", t, d);
        when = t + d;
    }
    if (s->npend == s->pend_cap) {
        int c = s->pend_cap ? 2 * s->pend_cap : 8;
        fs_pending_t *p = ferro_realloc(s->pend, (size_t)c * sizeof *p);
        if (!p) return FERRO_ENOMEM;
        s->pend = p;
        s->pend_cap = c;
    }
    fs_pending_t *p = &s->pend[s->npend];
    p->event = e;
    p->time = when;
    p->seq = s->seq++;
    p->values = NULL;
    if (ev->use_trigger_values && ev->nassign) {
        if (!(p->values = ferro_malloc((size_t)ev->nassign * sizeof(double)))) return FERRO_ENOMEM;
        fx_run(m->code.ins, ev->assign_code.start, ev->assign_code.end, s->v);
        for (int a = 0; a < ev->nassign; a++) p->values[a] = s->v[ev->assign[a].value_slot];
    }
    s->npend++;
    return 0;
}

/* Compare trigger values with the previous ones: schedule on rising edges, cancel pending
 * executions of non-persistent events whose trigger fell. */
static int transitions(ferro_solver_t *s, double t)
{
    const ferro_model_t *m = s->m;
    for (int e = 0; e < m->nevents; e++) {
        int cur = s->v[m->ev[e].trig_slot] != 0.0;
        if (cur && !s->trig_prev[e]) {
            int rc = schedule(s, e, t);
            if (rc) return rc;
        } else if (!cur && s->trig_prev[e] && !m->ev[e].persistent) {
            for (int k = s->npend - 1; k >= 0; k--)
                if (s->pend[k].event == e) drop(s, k);
        }
        s->trig_prev[e] = (unsigned char)cur;
    }
    return 0;
}

static void execute(ferro_solver_t *s, int k)
{
    const ferro_model_t *m = s->m;
    const fxm_event_t *ev = &m->ev[s->pend[k].event];
    if (s->pend[k].values) {
        for (int a = 0; a < ev->nassign; a++) s->v[ev->assign[a].value_slot] = s->pend[k].values[a];
    } else {
        fs_full(s);
        fx_run(m->code.ins, ev->assign_code.start, ev->assign_code.end, s->v);
    }
    /* in document order: a species' new concentration is converted to an amount with its
     * compartment's size at that point (a later assignment to the size keeps the amount) */
    for (int a = 0; a < ev->nassign; a++) {
        const fxm_assign_t *as = &ev->assign[a];
        s->v[as->target] = s->v[as->value_slot];
        if (as->amount_slot >= 0) s->v[as->amount_slot] = s->v[as->target] * (as->comp_slot >= 0 ? s->v[as->comp_slot] : 1.0);
        if (as->comp_index >= 0) /* integrated concentrations follow the new size */
            for (int i = 0; i < m->nspecies; i++)
                if (m->sp[i].conc_state && m->sp[i].comp == as->comp_index)
                    s->v[m->sp[i].value_slot] = s->v[m->sp[i].amount_slot] / s->v[as->target];
    }
    drop(s, k);
    s->st.nevents++;
}

int fs_events_handle(ferro_solver_t *s, double t, const int *rootdir, int *changed)
{
    const ferro_model_t *m = s->m;
    *changed = 0;
    if (!m->nevents) return 0;
    s->rootdir = rootdir;
    if (rootdir) {
        fs_full(s);
        fx_run(m->code.ins, m->roots.start, m->roots.end, s->v);
        for (int k = 0; k < m->nroots; k++) s->groot[k] = s->v[m->root_slot[k]];
    }
    eval_triggers(s);
    int rc = transitions(s, t);
    for (int guard = 0; !rc; guard++) {
        if (guard > 100000) {
            s->rootdir = NULL;
            return ferro_error_set(FERRO_ESOLVER, "%s: more than 100000 event executions at t = %g (an event loop?)", m->source, t);
        }
        int best = -1, nties = 0;
        double bp = 0;
        for (int k = 0; k < s->npend; k++) {
            if (s->pend[k].time > t) continue;
            const fxm_event_t *ev = &m->ev[s->pend[k].event];
            double p = -INFINITY;
            if (ev->priority) {
                fx_run(m->code.ins, ev->prio_code.start, ev->prio_code.end, s->v);
                p = s->v[ev->prio_slot];
            }
            if (best < 0 || p > bp) {
                best = k;
                bp = p;
                nties = 1;
            } else if (p == bp && ev->priority) {
                /* SBML: executions of equal priority are in random order (seeded per run) */
                if (rng_next(&s->rng) % (unsigned long)(++nties) == 0) best = k;
            } else if (p == bp && (s->pend[k].event < s->pend[best].event ||
                                   (s->pend[k].event == s->pend[best].event && s->pend[k].seq < s->pend[best].seq))) {
                best = k; /* no priorities: document order, then scheduling order */
            }
        }
        if (best < 0) break;
        execute(s, best);
        if (m->nfast) { /* fast reactions re-equilibrate at once, with the stoichiometry now */
            fs_fast_stoichiometry(s);
            fs_fast_project(s);
        }
        *changed = 1;
        eval_triggers(s);
        rc = transitions(s, t);
    }
    s->rootdir = NULL;
    return rc;
}

double fs_events_next_time(const ferro_solver_t *s)
{
    double t = INFINITY;
    for (int k = 0; k < s->npend; k++)
        if (s->pend[k].time < t) t = s->pend[k].time;
    return t;
}
