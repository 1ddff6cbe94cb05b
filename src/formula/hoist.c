/* hoist.c — run-constant code out of the right-hand side.
 *
 * Much of a kinetic model's right-hand side multiplies parameters with parameters (k * expr_GPX4
 * * factor ...): values that cannot change during a run. Those instructions move to a prologue
 * that runs once per run, after the initial values (the solver calls it); the right-hand side
 * keeps only the instructions that read time or a state. Same operations on the same operands in
 * the same order: values are bit for bit those of the original code, and in forward mode the
 * hoisted values have zero tangents (their tangent slots are never written).
 *
 * Run-constant are the model's parameters, compartment sizes and numeric constants unless
 * something can change them during a run (a state, a rule, an event, an algebraic rule, a fast
 * reaction), and everything computed from run-constants only. Only a right-hand side without
 * jumps (piecewise) is rewritten: with jumps it stays as compiled. */
#include <stdlib.h>
#include <string.h>

#include "formula/model_impl.h"

static int append(fx_code_t *code, fx_ins_t ins) { return fx_code_push(code, ins) < 0 ? FERRO_ENOMEM : 0; }

/* 1 for slots whose value is fixed for a run once the initial values are in. */
static void run_constants(const ferro_model_t *m, unsigned char *k)
{
    for (int i = 0; i < m->nparams; i++) k[m->par[i].slot] = 1;
    for (int i = 0; i < m->ncomps; i++) k[m->comp[i].slot] = 1;
    for (int s = m->nconst_first; s < m->nslots; s++) k[s] = 1;
    k[FXM_SLOT_TIME] = 0;
    for (int i = 0; i < m->nstates; i++) k[m->st_slot[i]] = k[m->st_dslot[i]] = 0;
    for (int r = 0; r < m->nrule; r++) k[m->rule[r].slot] = 0;
    for (int i = 0; i < m->nalg; i++) k[m->alg_slot[i]] = 0;
    for (int i = 0; i < m->nfast; i++) k[m->fast_w[i]] = 0;
    for (int e = 0; e < m->nevents; e++)
        for (int a = 0; a < m->ev[e].nassign; a++) {
            const fxm_assign_t *as = &m->ev[e].assign[a];
            k[as->target] = 0;
            if (as->amount_slot >= 0) k[as->amount_slot] = 0;
            if (as->comp_index >= 0) /* a compartment's size: its species' symbols follow */
                for (int i = 0; i < m->nspecies; i++)
                    if (m->sp[i].comp == as->comp_index) k[m->sp[i].value_slot] = k[m->sp[i].amount_slot] = 0;
        }
}

int fxm_hoist_rhs(ferro_model_t *m)
{
    m->hoist.start = m->hoist.end = m->code.n;
    for (int i = m->rhs.start; i < m->rhs.end; i++) {
        int op = m->code.ins[i].op;
        if (op == FXI_JZ || op == FXI_JMP) return 0;
    }
    int ns = m->nslots_total, nrhs = m->rhs.end - m->rhs.start;
    /* each hoisted temporary gets a slot of its own: at most one per instruction */
    unsigned char *k = ferro_calloc((size_t)(ns + nrhs + 1), 1);
    int *ren = ferro_malloc((size_t)(ns + nrhs + 1) * sizeof *ren);
    fx_ins_t *keep = ferro_malloc((size_t)(nrhs + 1) * sizeof *keep);
    int rc = FERRO_ENOMEM;
    if (!k || !ren || !keep) goto out;
    run_constants(m, k);
    for (int s = 0; s < ns; s++) ren[s] = s;
    int nkeep = 0, next = ns;
    fx_code_t pro = {NULL, 0, 0};
    rc = 0;
    for (int i = m->rhs.start; i < m->rhs.end && !rc; i++) {
        fx_ins_t p = m->code.ins[i];
        int unary = p.op >= FX_NEG || p.op == FXI_MOV;
        p.a = ren[p.a];
        if (!unary) p.b = ren[p.b];
        int d = p.dst;
        if (p.op != FXI_NOP && k[p.a] && (unary || k[p.b])) {
            if (d >= m->nslots) { /* a compiler temporary: renamed to a slot of its own */
                ren[d] = next;
                p.dst = next;
                k[next++] = 1;
            } else { /* a rule's own slot (constant for the run): the prologue writes it */
                ren[d] = d;
            }
            k[d] = 1;
            rc = append(&pro, p);
        } else {
            k[d] = 0;
            ren[d] = d;
            keep[nkeep++] = p;
        }
    }
    if (!rc && pro.n > 0) {
        /* the new right-hand side, then the prologue, appended to the code */
        int start = m->code.n;
        for (int i = 0; i < nkeep && !rc; i++) rc = append(&m->code, keep[i]);
        m->rhs.start = start;
        m->rhs.end = m->code.n;
        m->hoist.start = m->code.n;
        for (int i = 0; i < pro.n && !rc; i++) rc = append(&m->code, pro.ins[i]);
        m->hoist.end = m->code.n;
        m->nslots_total = next;
    }
    free(pro.ins);
out:
    free(k);
    free(ren);
    free(keep);
    return rc;
}
