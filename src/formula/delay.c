/* delay.c — SBML delay(expr, tau) in the compiled model: each distinct delay gets three slots
 * (expr, tau, the delayed value) and, at finalize, the code ranges and facts the solver needs
 * (solver/delay.c keeps the history and writes the delayed values). What the solver cannot
 * do exactly is refused here with FERRO_EUNSUPPORTED, naming the construct. */
#include <stdlib.h>
#include <string.h>

#include "formula/model_impl.h"

int fxm_add_delay(ferro_model_t *m, fx_expr_t *expr, fx_expr_t *tau)
{
    if (!expr || !tau) {
        fx_free(expr);
        fx_free(tau);
        return FERRO_ENOMEM;
    }
    for (int k = 0; k < m->ndelay; k++)
        if (fx_equal(m->delay[k].expr, expr) && fx_equal(m->delay[k].tau, tau)) {
            fx_free(expr);
            fx_free(tau);
            return m->delay[k].slot;
        }
    fxm_delay_t *d = ferro_realloc(m->delay, (size_t)(m->ndelay + 1) * sizeof *d);
    if (!d) {
        fx_free(expr);
        fx_free(tau);
        return FERRO_ENOMEM;
    }
    m->delay = d;
    d = &m->delay[m->ndelay];
    memset(d, 0, sizeof *d);
    d->expr = expr;
    d->tau = tau;
    m->ndelay++;
    char nm[64];
    snprintf(nm, sizeof nm, "delay %d: expression", m->ndelay);
    if ((d->expr_slot = fxm_slot(m, nm, 0.0)) < 0) return d->expr_slot;
    snprintf(nm, sizeof nm, "delay %d: delay time", m->ndelay);
    if ((d->tau_slot = fxm_slot(m, nm, 0.0)) < 0) return d->tau_slot;
    snprintf(nm, sizeof nm, "delay %d", m->ndelay);
    if ((d->slot = fxm_slot(m, nm, 0.0)) < 0) return d->slot;
    int rc;
    if ((rc = fxm_add_rule(m, d->expr_slot, fx_clone(expr))) < 0 || (rc = fxm_add_rule(m, d->tau_slot, fx_clone(tau))) < 0)
        return rc;
    return d->slot;
}

void fxm_delay_free(ferro_model_t *m)
{
    for (int k = 0; k < m->ndelay; k++) {
        fx_free(m->delay[k].expr);
        fx_free(m->delay[k].tau);
        free(m->delay[k].pre);
    }
    free(m->delay);
    m->delay = NULL;
    m->ndelay = 0;
}

/* per-slot facts: what a delay may read */
enum { K_DELAYED = 1, K_ALG = 2, K_VARYING = 4, K_DSTATE = 8 };

typedef struct {
    ferro_model_t *m;
    int ns;               /* model slots (constants made while compiling come after) */
    unsigned char *kind;  /* K_* per slot */
    int *init_of;         /* slot -> init def or -1 */
    int *dstate;          /* slot -> state i whose derivative slot it is, or -1 */
    unsigned char *mark, *dmark;
    int *list, nlist;
    int reads;            /* K_* bits of the slots visited */
} an_t;

static void or_kind(int slot, void *arg)
{
    an_t *a = arg;
    if (slot >= 0 && slot < a->ns) a->reads |= a->kind[slot];
}

/* What the kept rule defs read directly (K_* bits). */
static int rules_read(an_t *a, const unsigned char *keep)
{
    a->reads = 0;
    for (int r = 0; r < a->m->nrule; r++)
        if (keep[r]) fx_foreach_var(a->m->rule[r].expr, or_kind, a);
    return a->reads;
}

/* The history before t0: the initial definitions a slot needs, in dependency order (post-order
 * of a depth-first walk). A state's derivative slot stands for the time derivative of the
 * state's initial definition: the walk goes to the state, not to its rate law. */
static void pre_slot(int slot, void *arg)
{
    an_t *a = arg;
    ferro_model_t *m = a->m;
    if (slot < 0 || slot >= a->ns) return;
    a->reads |= a->kind[slot] & (K_DELAYED | K_ALG);
    int i = a->dstate[slot];
    if (i >= 0) {
        if (a->dmark[i]) return;
        a->dmark[i] = 1;
        pre_slot(m->st_slot[i], a);
        a->list[a->nlist++] = -(i + 1);
        return;
    }
    int d = a->init_of[slot];
    if (d < 0 || a->mark[d]) return;
    a->mark[d] = 1;
    fx_foreach_var(m->init[d].expr, pre_slot, a);
    a->list[a->nlist++] = d;
}

static int refuse(const ferro_model_t *m, int k, const char *what)
{
    return ferro_error_set(FERRO_EUNSUPPORTED, "%s: delay number %d of the model: %s is not supported", m->source, k + 1, what);
}

static int analyse(an_t *a, fx_compiler_t *c, int *rule_of, unsigned char *keep)
{
    ferro_model_t *m = a->m;
    int rc = 0;
    size_t nr = (size_t)(m->nrule ? m->nrule : 1);
    /* the taus: one range, before the delayed values are looked up */
    memset(keep, 0, nr);
    for (int k = 0; k < m->ndelay; k++) fxm_need_rule(m, rule_of, keep, rule_of[m->delay[k].tau_slot]);
    int tr = rules_read(a, keep);
    if (tr & K_DELAYED) return refuse(m, 0, "a delay time that depends on a delayed value (nested delay())");
    m->delay_after_alg = (tr & K_ALG) != 0;
    if ((rc = fxm_compile_defs(m, c, m->rule, m->nrule, keep, &m->dtau))) return rc;
    if (m->delay_after_alg) {
        memset(keep, 0, nr);
        for (int i = 0; i < m->nalg; i++) fxm_need_rule(m, rule_of, keep, rule_of[m->alg_res[i]]);
        if (rules_read(a, keep) & K_DELAYED)
            return refuse(m, 0, "a delay time given by an algebraic rule together with an algebraic rule reading a delayed value");
    }
    for (int k = 0; k < m->ndelay && !rc; k++) {
        fxm_delay_t *d = &m->delay[k];
        /* constant delay time: reads nothing that changes during a run */
        memset(keep, 0, nr);
        fxm_need_rule(m, rule_of, keep, rule_of[d->tau_slot]);
        d->const_tau = !(rules_read(a, keep) & (K_DELAYED | K_ALG | K_VARYING));
        /* the expression now (its rules) */
        memset(keep, 0, nr);
        fxm_need_rule(m, rule_of, keep, rule_of[d->expr_slot]);
        int er = rules_read(a, keep);
        if (er & K_DELAYED) return refuse(m, k, "delay() of an expression that depends on another delayed value (nested delay())");
        d->dd_deriv = (er & K_ALG) != 0;
        if ((rc = fxm_compile_defs(m, c, m->rule, m->nrule, keep, &d->ecode))) return rc;
        /* the expression before t0 */
        memset(a->mark, 0, (size_t)(m->ninit ? m->ninit : 1));
        memset(a->dmark, 0, (size_t)(m->nstates ? m->nstates : 1));
        a->nlist = 0;
        a->reads = 0;
        pre_slot(d->expr_slot, a);
        if (a->reads & K_DELAYED) return refuse(m, k, "delay() of an expression whose initial value depends on a delayed value");
        if (a->reads & K_ALG) return refuse(m, k, "delay() of an expression whose initial value depends on an algebraic rule");
        if (!(d->pre = ferro_malloc((size_t)(a->nlist ? a->nlist : 1) * sizeof *d->pre))) return FERRO_ENOMEM;
        memcpy(d->pre, a->list, (size_t)a->nlist * sizeof *d->pre);
        d->npre = a->nlist;
    }
    return rc;
}

int fxm_delay_finalize(ferro_model_t *m, fx_compiler_t *c)
{
    if (!m->ndelay) return 0;
    size_t ns = (size_t)m->nslots;
    an_t a = {m, m->nslots, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0};
    a.kind = ferro_calloc(ns, 1);
    a.init_of = ferro_malloc(ns * sizeof(int));
    a.dstate = ferro_malloc(ns * sizeof(int));
    a.mark = ferro_calloc((size_t)(m->ninit ? m->ninit : 1), 1);
    a.dmark = ferro_calloc((size_t)(m->nstates ? m->nstates : 1), 1);
    a.list = ferro_malloc((size_t)(m->ninit + m->nstates + 1) * sizeof(int));
    int *rule_of = ferro_malloc(ns * sizeof(int));
    unsigned char *keep = ferro_calloc((size_t)(m->nrule ? m->nrule : 1), 1);
    int rc = FERRO_ENOMEM;
    if (a.kind && a.init_of && a.dstate && a.mark && a.dmark && a.list && rule_of && keep) {
        for (size_t s = 0; s < ns; s++) a.init_of[s] = a.dstate[s] = rule_of[s] = -1;
        for (int i = 0; i < m->ninit; i++) a.init_of[m->init[i].slot] = i;
        for (int r = 0; r < m->nrule; r++) rule_of[m->rule[r].slot] = r;
        a.kind[FXM_SLOT_TIME] |= K_VARYING;
        for (int i = 0; i < m->nstates; i++) {
            a.kind[m->st_slot[i]] |= K_VARYING;
            a.dstate[m->st_dslot[i]] = i;
        }
        for (int k = 0; k < m->ndelay; k++) a.kind[m->delay[k].slot] |= K_DELAYED;
        for (int i = 0; i < m->nalg; i++) a.kind[m->alg_slot[i]] |= K_ALG | K_VARYING;
        for (int f = 0; f < m->nfast; f++) a.kind[m->fast_w[f]] |= K_ALG | K_VARYING;
        for (int e = 0; e < m->nevents; e++)
            for (int j = 0; j < m->ev[e].nassign; j++) {
                const fxm_assign_t *as = &m->ev[e].assign[j];
                a.kind[as->target] |= K_VARYING;
                if (as->amount_slot >= 0) a.kind[as->amount_slot] |= K_VARYING;
            }
        rc = analyse(&a, c, rule_of, keep);
    }
    free(a.kind);
    free(a.init_of);
    free(a.dstate);
    free(a.mark);
    free(a.dmark);
    free(a.list);
    free(rule_of);
    free(keep);
    return rc;
}
