/* compile.c — expression trees to register code (one pass, temporaries as a stack). */
#include <math.h>
#include <stdlib.h>

#include "ferrosim/common.h"
#include "formula/code.h"

int fx_code_push(fx_code_t *code, fx_ins_t ins)
{
    if (code->n == code->cap) {
        int cap = code->cap ? 2 * code->cap : 256;
        fx_ins_t *p = ferro_realloc(code->ins, (size_t)cap * sizeof *p);
        if (!p) return -1;
        code->ins = p;
        code->cap = cap;
    }
    code->ins[code->n] = ins;
    return code->n++;
}

static int emit(fx_code_t *code, int op, int dst, int a, int b) { return fx_code_push(code, (fx_ins_t){op, dst, a, b}); }

static int temp(fx_compiler_t *c, int depth)
{
    if (depth + 1 > c->ntemp_max) c->ntemp_max = depth + 1;
    return c->first_temp + depth;
}

/* Compile e; the result lands in `want` (if >= 0) or in a slot returned. -1 on failure. */
static int comp(fx_compiler_t *c, const fx_expr_t *e, int depth, int want);

static int leaf(fx_compiler_t *c, int slot, int want)
{
    if (slot < 0) return -1;
    if (want >= 0 && want != slot) return emit(c->code, FXI_MOV, want, slot, 0) < 0 ? -1 : want;
    return slot;
}

static int relational(fx_compiler_t *c, const fx_expr_t *e, int depth, int dst)
{
    if (e->n < 2) return leaf(c, c->constant(c->ctx, 1.0), dst);
    int acc = -1;
    for (int i = 0; i + 1 < e->n; i++) {
        int d = acc < 0 ? depth : depth + 1;
        int x = comp(c, e->kid[i], d, -1);
        if (x < 0) return -1;
        int y = comp(c, e->kid[i + 1], d + 1, -1);
        if (y < 0) return -1;
        int last = (i + 2 == e->n);
        int out = (acc < 0 && last) ? dst : temp(c, d);
        if (emit(c->code, e->op, out, x, y) < 0) return -1;
        if (acc < 0) {
            acc = out;
        } else {
            int o2 = last ? dst : acc;
            if (emit(c->code, FX_AND, o2, acc, out) < 0) return -1;
            acc = o2;
        }
    }
    return acc;
}

static int piecewise(fx_compiler_t *c, const fx_expr_t *e, int depth, int dst)
{
    int npairs = e->n / 2, njmp = 0;
    int *jmps = ferro_malloc((size_t)(npairs + 1) * sizeof *jmps);
    if (!jmps) return -1;
    for (int p = 0; p < npairs; p++) {
        int cs = comp(c, e->kid[2 * p + 1], depth, -1);
        if (cs < 0) goto fail;
        int jz = emit(c->code, FXI_JZ, 0, cs, 0);
        if (jz < 0 || comp(c, e->kid[2 * p], depth, dst) < 0) goto fail;
        if ((jmps[njmp++] = emit(c->code, FXI_JMP, 0, 0, 0)) < 0) goto fail;
        c->code->ins[jz].b = c->code->n;
    }
    if (e->n % 2) {
        if (comp(c, e->kid[e->n - 1], depth, dst) < 0) goto fail;
    } else if (leaf(c, c->constant(c->ctx, NAN), dst) < 0) {
        goto fail;
    }
    for (int j = 0; j < njmp; j++) c->code->ins[jmps[j]].b = c->code->n;
    free(jmps);
    return dst;
fail:
    free(jmps);
    return -1;
}

static int comp(fx_compiler_t *c, const fx_expr_t *e, int depth, int want)
{
    if (e->op == FX_VAR) return leaf(c, e->slot, want);
    if (e->op == FX_NUM) return leaf(c, c->constant(c->ctx, e->num), want);
    int dst = want >= 0 ? want : temp(c, depth);
    switch (e->op) {
    case FX_PIECEWISE: return piecewise(c, e, depth, dst);
    case FX_EQ: case FX_NEQ: case FX_LT: case FX_LE: case FX_GT: case FX_GE:
        return relational(c, e, depth, dst);
    case FX_ADD: case FX_MUL: case FX_AND: case FX_OR: case FX_XOR: case FX_MIN: case FX_MAX: {
        if (e->n == 0) {
            double unit = (e->op == FX_MUL || e->op == FX_AND) ? 1.0 : e->op == FX_MIN ? INFINITY
                          : e->op == FX_MAX ? -INFINITY : 0.0;
            return leaf(c, c->constant(c->ctx, unit), want);
        }
        if (e->n == 1 && e->op != FX_AND && e->op != FX_OR && e->op != FX_XOR)
            return comp(c, e->kid[0], depth, want);
        int acc = comp(c, e->kid[0], depth, -1);
        if (acc < 0) return -1;
        if (e->n == 1) { /* boolean of one argument: x != 0 */
            int z = c->constant(c->ctx, 0.0);
            return z < 0 || emit(c->code, FX_NEQ, dst, acc, z) < 0 ? -1 : dst;
        }
        for (int i = 1; i < e->n; i++) {
            int b = comp(c, e->kid[i], depth + 1, -1);
            if (b < 0) return -1;
            int out = (i == e->n - 1) ? dst : temp(c, depth);
            if (emit(c->code, e->op, out, acc, b) < 0) return -1;
            acc = out;
        }
        return dst;
    }
    default:
        break;
    }
    if (e->n == 1) {
        int a = comp(c, e->kid[0], depth, -1);
        return a < 0 || emit(c->code, e->op, dst, a, 0) < 0 ? -1 : dst;
    }
    if (e->op == FX_POW && e->kid[1]->op == FX_NUM) { /* x^2, x^3, x^4, x^0.5: no pow() call */
        double p = e->kid[1]->num;
        if (p == 2.0 || p == 3.0 || p == 4.0 || p == 0.5 || p == 1.0) {
            int a = comp(c, e->kid[0], depth, -1);
            if (a < 0) return -1;
            if (p == 1.0) return emit(c->code, FXI_MOV, dst, a, 0) < 0 ? -1 : dst;
            if (p == 0.5) return emit(c->code, FX_SQRT, dst, a, 0) < 0 ? -1 : dst;
            if (p == 2.0) return emit(c->code, FX_MUL, dst, a, a) < 0 ? -1 : dst;
            int t2 = temp(c, depth + 1);
            if (emit(c->code, FX_MUL, t2, a, a) < 0) return -1;
            if (p == 3.0) return emit(c->code, FX_MUL, dst, t2, a) < 0 ? -1 : dst;
            return emit(c->code, FX_MUL, dst, t2, t2) < 0 ? -1 : dst;
        }
    }
    if (e->n == 2) {
        int a = comp(c, e->kid[0], depth, -1);
        if (a < 0) return -1;
        int b = comp(c, e->kid[1], depth + 1, -1);
        return b < 0 || emit(c->code, e->op, dst, a, b) < 0 ? -1 : dst;
    }
    ferro_error_set(FERRO_EINVAL, "operator '%s' with %d arguments", fx_op_name(e->op), e->n);
    return -1;
}

int fx_compile_into(fx_compiler_t *c, const fx_expr_t *e, int dst)
{
    int r = comp(c, e, 0, dst);
    if (r < 0) return ferro_error_message()[0] ? FERRO_EINVAL : FERRO_ENOMEM;
    return 0;
}

void fx_code_free(fx_code_t *code)
{
    if (!code) return;
    free(code->ins);
    code->ins = NULL;
    code->n = code->cap = 0;
}
