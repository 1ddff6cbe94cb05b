/* finalize.c — order the definitions, compile them, derive the Jacobian's sparsity pattern and
 * a column colouring (Curtis–Powell–Reid) so one forward-mode pass gives many columns. */
#include <stdlib.h>
#include <string.h>

#include "formula/compiled.h"
#include "formula/model_impl.h"

typedef struct {
    const ferro_model_t *m;
    const fxm_def_t *defs;
    int *def_of;  /* slot -> def index or -1 */
    int *state;   /* 0 new, 1 on the path, 2 done */
    int *order, norder;
    int err;
    const char *what;
} topo_t;

static void visit(topo_t *t, int d);

static void visit_var(int slot, void *arg)
{
    topo_t *t = arg;
    if (t->err || slot < 0 || slot >= t->m->nslots) return;
    int d = t->def_of[slot];
    if (d >= 0) visit(t, d);
}

static void visit(topo_t *t, int d)
{
    if (t->err || t->state[d] == 2) return;
    if (t->state[d] == 1) {
        const char *n = t->m->slot_name[t->defs[d].slot];
        t->err = ferro_error_set(FERRO_EUNSUPPORTED,
                                 "%s: %s of '%s' depend on themselves (a cycle); algebraic loops are not supported",
                                 t->m->source, t->what, n ? n : "?");
        return;
    }
    t->state[d] = 1;
    fx_foreach_var(t->defs[d].expr, visit_var, t);
    t->state[d] = 2;
    t->order[t->norder++] = d;
}

/* Sort defs in place so every def comes after those it reads. */
static int topo_sort(ferro_model_t *m, fxm_def_t *defs, int n, const char *what)
{
    if (n == 0) return 0;
    topo_t t = {m, defs, NULL, NULL, NULL, 0, 0, what};
    t.def_of = ferro_malloc((size_t)m->nslots * sizeof(int));
    t.state = ferro_calloc((size_t)n, sizeof(int));
    t.order = ferro_malloc((size_t)n * sizeof(int));
    fxm_def_t *copy = ferro_malloc((size_t)n * sizeof *copy);
    int rc = FERRO_ENOMEM;
    if (t.def_of && t.state && t.order && copy) {
        for (int s = 0; s < m->nslots; s++) t.def_of[s] = -1;
        rc = 0;
        for (int d = 0; d < n; d++) {
            if (t.def_of[defs[d].slot] >= 0) {
                rc = ferro_error_set(FERRO_EPARSE, "%s: '%s' is defined twice (%s)", m->source,
                                     m->slot_name[defs[d].slot], what);
                break;
            }
            t.def_of[defs[d].slot] = d;
        }
        for (int d = 0; !rc && d < n && !t.err; d++) visit(&t, d);
        if (!rc) rc = t.err;
        if (!rc) {
            for (int i = 0; i < n; i++) copy[i] = defs[t.order[i]];
            memcpy(defs, copy, (size_t)n * sizeof *copy);
        }
    }
    free(t.def_of);
    free(t.state);
    free(t.order);
    free(copy);
    return rc;
}

/* ---- root functions from event triggers ---- */

static int add_root(ferro_model_t *m, fx_expr_t *e)
{
    if (!e) return FERRO_ENOMEM;
    int *s = ferro_realloc(m->root_slot, (size_t)(m->nroots + 1) * sizeof *s);
    if (s) m->root_slot = s;
    fx_expr_t **r = s ? ferro_realloc(m->root_expr, (size_t)(m->nroots + 1) * sizeof *r) : NULL;
    if (!r) { fx_free(e); return FERRO_ENOMEM; }
    m->root_expr = r;
    int slot = fxm_slot(m, "root", 0.0);
    if (slot < 0) { fx_free(e); return slot; }
    m->root_slot[m->nroots] = slot;
    m->root_expr[m->nroots++] = e;
    return 0;
}

/* Rewrite a trigger so that each relational atom a OP b reads a root function g = a - b as
 * (g OP 0): CVODE locates sign changes of g, and at a root the solver can give g the sign it
 * has just after the crossing (see solver/events.c), so "x > 1" fires when x crosses 1. */
static fx_expr_t *rewrite_trigger(ferro_model_t *m, const fx_expr_t *e, int *rc)
{
    if (*rc) return NULL;
    switch (e->op) {
    case FX_NUM:
        return fx_num(e->num);
    case FX_AND: case FX_OR: case FX_XOR: case FX_NOT: case FX_IMPLIES: {
        fx_expr_t **k = ferro_calloc((size_t)(e->n ? e->n : 1), sizeof *k);
        if (!k) { *rc = FERRO_ENOMEM; return NULL; }
        for (int i = 0; i < e->n; i++) k[i] = rewrite_trigger(m, e->kid[i], rc);
        fx_expr_t *r = *rc ? NULL : fx_node(e->op, e->n, k);
        if (*rc) for (int i = 0; i < e->n; i++) fx_free(k[i]);
        free(k);
        if (!r && !*rc) *rc = FERRO_ENOMEM;
        return r;
    }
    case FX_EQ: case FX_NEQ: case FX_LT: case FX_LE: case FX_GT: case FX_GE: {
        if (e->n < 2) return fx_clone(e);
        fx_expr_t *acc = NULL;
        for (int i = 0; i + 1 < e->n; i++) {
            if ((*rc = add_root(m, fx_fold(fx_node2(FX_SUB, fx_clone(e->kid[i]), fx_clone(e->kid[i + 1])))))) {
                fx_free(acc);
                return NULL;
            }
            fx_expr_t *atom = fx_node2(e->op, fx_var(m->root_slot[m->nroots - 1]), fx_num(0.0));
            acc = acc ? fx_node2(FX_AND, acc, atom) : atom;
            if (!acc) { *rc = FERRO_ENOMEM; return NULL; }
        }
        return acc;
    }
    default: /* any other boolean-valued expression: a root +1 when true, -1 when false */
        if ((*rc = add_root(m, fx_node2(FX_SUB, fx_node2(FX_MUL, fx_num(2.0), fx_clone(e)), fx_num(1.0)))))
            return NULL;
        return fx_clone(e);
    }
}

/* ---- compilation ---- */

int fxm_compile_defs(ferro_model_t *m, fx_compiler_t *c, fxm_def_t *defs, int n, const unsigned char *keep, fx_range_t *r)
{
    r->start = m->code.n;
    for (int i = 0; i < n; i++) {
        if (keep && !keep[i]) continue;
        int rc = fx_compile_into(c, defs[i].expr, defs[i].slot);
        if (rc) return rc;
    }
    r->end = m->code.n;
    return 0;
}

static int compile_one(ferro_model_t *m, fx_compiler_t *c, const fx_expr_t *e, int slot, fx_range_t *r)
{
    r->start = m->code.n;
    int rc = fx_compile_into(c, e, slot);
    r->end = m->code.n;
    return rc;
}

/* ---- sparsity ---- */

typedef struct { const ferro_model_t *m; int *state_of; unsigned char **dep; int *rule_of; unsigned char *acc; int nst; } dep_t;

static void dep_var(int slot, void *arg)
{
    dep_t *d = arg;
    if (slot < 0 || slot >= d->m->nslots) return;
    if (d->state_of[slot] >= 0) d->acc[d->state_of[slot]] = 1;
    int r = d->rule_of[slot];
    if (r >= 0 && d->dep[r])
        for (int j = 0; j < d->nst; j++) d->acc[j] |= d->dep[r][j];
}

static int sparsity(ferro_model_t *m)
{
    int n = m->nstates, rc = FERRO_ENOMEM;
    dep_t d = {m, NULL, NULL, NULL, NULL, n};
    d.state_of = ferro_malloc((size_t)m->nslots * sizeof(int));
    d.rule_of = ferro_malloc((size_t)m->nslots * sizeof(int));
    d.dep = ferro_calloc((size_t)(m->nrule ? m->nrule : 1), sizeof *d.dep);
    int *colors = NULL, *forbid = NULL;
    if (!d.state_of || !d.rule_of || !d.dep) goto out;
    for (int s = 0; s < m->nslots; s++) d.state_of[s] = d.rule_of[s] = -1;
    for (int i = 0; i < n; i++) d.state_of[m->st_slot[i]] = i;
    for (int r = 0; r < m->nrule; r++) {
        if (!(d.dep[r] = ferro_calloc((size_t)(n ? n : 1), 1))) goto out;
        d.acc = d.dep[r];
        fx_foreach_var(m->rule[r].expr, dep_var, &d);
        d.rule_of[m->rule[r].slot] = r;
    }
    m->nnz = 0;
    for (int i = 0; i < n; i++) {
        int r = d.rule_of[m->st_dslot[i]];
        for (int j = 0; j < n; j++) m->nnz += d.dep[r][j];
    }
    m->jrow = ferro_malloc((size_t)(m->nnz ? m->nnz : 1) * sizeof(int));
    m->jcol = ferro_malloc((size_t)(m->nnz ? m->nnz : 1) * sizeof(int));
    m->color = ferro_calloc((size_t)(n ? n : 1), sizeof(int));
    forbid = ferro_malloc((size_t)(n + 1) * sizeof(int));
    if (!m->jrow || !m->jcol || !m->color || !forbid) goto out;
    int k = 0;
    for (int i = 0; i < n; i++) {
        int r = d.rule_of[m->st_dslot[i]];
        for (int j = 0; j < n; j++)
            if (d.dep[r][j]) { m->jrow[k] = i; m->jcol[k] = j; k++; }
    }
    /* greedy colouring of columns: two columns sharing a row get different colours */
    for (int j = 0; j <= n; j++) forbid[j] = -1;
    m->ncolors = 0;
    for (int j = 0; j < n; j++) {
        for (int i = 0; i < n; i++) {
            int r = d.rule_of[m->st_dslot[i]];
            if (!d.dep[r][j]) continue;
            for (int jj = 0; jj < j; jj++)
                if (d.dep[r][jj]) forbid[m->color[jj]] = j;
        }
        int c = 0;
        while (forbid[c] == j) c++;
        m->color[j] = c;
        if (c + 1 > m->ncolors) m->ncolors = c + 1;
    }
    rc = 0;
out:
    if (d.dep)
        for (int r = 0; r < m->nrule; r++) free(d.dep[r]);
    free(d.dep);
    free(d.state_of);
    free(d.rule_of);
    free(colors);
    free(forbid);
    return rc;
}

/* Mark the rule defs the state derivatives (or anything else) need. */
typedef struct { const ferro_model_t *m; const int *rule_of; unsigned char *keep; } need_t;
static void need_var(int slot, void *arg)
{
    need_t *n = arg;
    if (slot >= 0 && slot < n->m->nslots && n->rule_of[slot] >= 0) fxm_need_rule(n->m, n->rule_of, n->keep, n->rule_of[slot]);
}
void fxm_need_rule(const ferro_model_t *m, const int *rule_of, unsigned char *keep, int r)
{
    if (r < 0 || keep[r]) return;
    keep[r] = 1;
    need_t n = {m, rule_of, keep};
    fx_foreach_var(m->rule[r].expr, need_var, &n);
}

int fxm_finalize(ferro_model_t *m)
{
    int rc;
    for (int e = 0; e < m->nevents; e++) {
        fxm_event_t *ev = &m->ev[e];
        rc = 0;
        fx_expr_t *t = rewrite_trigger(m, ev->trigger, &rc);
        if (rc) return rc;
        fx_free(ev->trigger);
        ev->trigger = t;
        if ((ev->trig_slot = fxm_slot(m, "trigger", 0.0)) < 0) return ev->trig_slot;
        if (ev->delay && (ev->delay_slot = fxm_slot(m, "delay", 0.0)) < 0) return ev->delay_slot;
        if (ev->priority && (ev->prio_slot = fxm_slot(m, "priority", 0.0)) < 0) return ev->prio_slot;
        for (int a = 0; a < ev->nassign; a++)
            if ((ev->assign[a].value_slot = fxm_slot(m, "assignment", 0.0)) < 0) return ev->assign[a].value_slot;
    }
    /* rules hold at the start too, unless the start defines the slot otherwise */
    for (int r = 0, nr = m->nrule; r < nr; r++) {
        if (m->rule[r].rhs_only || fxm_find_init(m, m->rule[r].slot) >= 0) continue;
        if ((rc = fxm_add_init(m, m->rule[r].slot, fx_clone(m->rule[r].expr))) < 0) return rc;
    }
    if ((rc = topo_sort(m, m->init, m->ninit, "initial values")) ||
        (rc = topo_sort(m, m->rule, m->nrule, "assignment rules")))
        return rc;
    m->nconst_first = m->nslots;
    fx_compiler_t c = {&m->code, FXM_TEMP_BASE, 0, fxm_constant, m};
    unsigned char *keep = ferro_calloc((size_t)(m->nrule ? m->nrule : 1), 1);
    int *rule_of = ferro_malloc((size_t)m->nslots * sizeof(int));
    if (!keep || !rule_of) { free(keep); free(rule_of); return FERRO_ENOMEM; }
    for (int s = 0; s < m->nslots; s++) rule_of[s] = -1;
    for (int r = 0; r < m->nrule; r++) rule_of[m->rule[r].slot] = r;
    for (int i = 0; i < m->nstates; i++) fxm_need_rule(m, rule_of, keep, rule_of[m->st_dslot[i]]);
    free(rule_of);
    rc = fxm_compile_defs(m, &c, m->rule, m->nrule, keep, &m->rhs);
    m->rule_in_rhs = keep;
    if (!rc && m->nalg) {
        unsigned char *ka = ferro_calloc((size_t)m->nrule, 1);
        int *ro = ferro_malloc((size_t)m->nslots * sizeof(int));
        if (!ka || !ro) { free(ka); free(ro); return FERRO_ENOMEM; }
        for (int s = 0; s < m->nslots; s++) ro[s] = -1;
        for (int r = 0; r < m->nrule; r++) ro[m->rule[r].slot] = r;
        for (int i = 0; i < m->nalg; i++) fxm_need_rule(m, ro, ka, ro[m->alg_res[i]]);
        rc = fxm_compile_defs(m, &c, m->rule, m->nrule, ka, &m->alg);
        free(ka);
        free(ro);
    }
    if (!rc && m->nfast) {
        unsigned char *kf = ferro_calloc((size_t)m->nrule, 1);
        int *ro = ferro_malloc((size_t)m->nslots * sizeof(int));
        if (!kf || !ro) { free(kf); free(ro); return FERRO_ENOMEM; }
        for (int s = 0; s < m->nslots; s++) ro[s] = -1;
        for (int r = 0; r < m->nrule; r++) ro[m->rule[r].slot] = r;
        for (int i = 0; i < m->nfast; i++) fxm_need_rule(m, ro, kf, ro[m->fast_rate[i]]);
        rc = fxm_compile_defs(m, &c, m->rule, m->nrule, kf, &m->fast);
        free(kf);
        free(ro);
    }
    if (!rc) rc = fxm_compile_defs(m, &c, m->rule, m->nrule, NULL, &m->full);
    if (!rc) rc = fxm_delay_finalize(m, &c);
    for (int i = 0; !rc && i < m->ninit; i++) rc = compile_one(m, &c, m->init[i].expr, m->init[i].slot, &m->init[i].code);
    m->roots.start = m->code.n;
    for (int i = 0; !rc && i < m->nroots; i++) {
        fx_range_t r;
        rc = compile_one(m, &c, m->root_expr[i], m->root_slot[i], &r);
    }
    m->roots.end = m->trig.start = m->code.n;
    for (int e = 0; !rc && e < m->nevents; e++) {
        fx_range_t r;
        rc = compile_one(m, &c, m->ev[e].trigger, m->ev[e].trig_slot, &r);
    }
    m->trig.end = m->code.n;
    for (int e = 0; !rc && e < m->nevents; e++) {
        fxm_event_t *ev = &m->ev[e];
        if (ev->delay) rc = compile_one(m, &c, ev->delay, ev->delay_slot, &ev->delay_code);
        if (!rc && ev->priority) rc = compile_one(m, &c, ev->priority, ev->prio_slot, &ev->prio_code);
        ev->assign_code.start = m->code.n;
        for (int a = 0; !rc && a < ev->nassign; a++) {
            fx_range_t r;
            rc = compile_one(m, &c, ev->assign[a].expr, ev->assign[a].value_slot, &r);
        }
        ev->assign_code.end = m->code.n;
    }
    if (rc) return rc;
    /* temporaries live after all slots */
    m->ntemps = c.ntemp_max;
    m->nslots_total = m->nslots + m->ntemps;
    for (int i = 0; i < m->code.n; i++) {
        fx_ins_t *p = &m->code.ins[i];
        if (p->dst >= FXM_TEMP_BASE) p->dst = p->dst - FXM_TEMP_BASE + m->nslots;
        if (p->a >= FXM_TEMP_BASE) p->a = p->a - FXM_TEMP_BASE + m->nslots;
        if (p->op != FXI_JZ && p->op != FXI_JMP && p->b >= FXM_TEMP_BASE) p->b = p->b - FXM_TEMP_BASE + m->nslots;
    }
    if ((rc = sparsity(m)) || (rc = fxm_hoist_rhs(m))) return rc;
    const fxm_compiled_t *cm = fxm_compiled_find(m);
    m->rhs_fn = cm ? cm->rhs : NULL;
    m->tan_fn = cm && cm->K == (m->ncolors > 0 ? m->ncolors : 1) ? cm->tan : NULL;
    m->finalized = 1;
    return 0;
}
