/* eval.c — the register-code interpreter: values, and values with K tangents (forward mode). */
#include <math.h>

#include "formula/code.h"
#include "formula/tangent.h"

void fx_run(const fx_ins_t *ins, int start, int end, double *v)
{
    if (start >= end) return; /* an empty program may have ins == NULL (NULL + 0 is undefined) */
#if defined(__GNUC__)
    /* Direct threading (labels as values, GCC and Clang): each handler ends in its own indirect
     * jump to the next, which the branch predictor follows far better than the one shared jump
     * of a switch; the built-in model's right-hand side ran ~20% faster (bench/engine.sh). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init" /* every operator "other", then the fast ones */
    static const void *const tab[FXI_COUNT] = {[0 ... FXI_COUNT - 1] = &&other, [FX_ADD] = &&add, [FX_SUB] = &&sub,
        [FX_MUL] = &&mul, [FX_DIV] = &&dvd, [FX_NEG] = &&neg, [FXI_MOV] = &&mov, [FX_POW] = &&pw, [FX_EXP] = &&ex,
        [FXI_JZ] = &&jz, [FXI_JMP] = &&jmp, [FXI_NOP] = &&next};
#pragma GCC diagnostic pop
    const fx_ins_t *p = ins + start, *const e = ins + end;
#define FX_DISPATCH                                                                                \
    do {                                                                                           \
        if (p >= e) return;                                                                        \
        goto *tab[p->op];                                                                          \
    } while (0)
    FX_DISPATCH;
add: v[p->dst] = v[p->a] + v[p->b]; p++; FX_DISPATCH;
sub: v[p->dst] = v[p->a] - v[p->b]; p++; FX_DISPATCH;
mul: v[p->dst] = v[p->a] * v[p->b]; p++; FX_DISPATCH;
dvd: v[p->dst] = v[p->a] / v[p->b]; p++; FX_DISPATCH;
neg: v[p->dst] = -v[p->a]; p++; FX_DISPATCH;
mov: v[p->dst] = v[p->a]; p++; FX_DISPATCH;
pw: v[p->dst] = pow(v[p->a], v[p->b]); p++; FX_DISPATCH;
ex: v[p->dst] = exp(v[p->a]); p++; FX_DISPATCH;
jz: p = v[p->a] == 0.0 ? ins + p->b : p + 1; FX_DISPATCH;
jmp: p = ins + p->b; FX_DISPATCH;
other:
    if (p->op >= FX_NEG) v[p->dst] = fx_apply1(p->op, v[p->a]);
    else v[p->dst] = fx_apply2(p->op, v[p->a], v[p->b]);
next:
    p++;
    FX_DISPATCH;
#undef FX_DISPATCH
#else /* the same as a switch */
    for (int i = start; i < end; i++) {
        const fx_ins_t *p = ins + i;
        const double x = v[p->a];
        switch (p->op) {
        case FX_ADD: v[p->dst] = x + v[p->b]; break;
        case FX_SUB: v[p->dst] = x - v[p->b]; break;
        case FX_MUL: v[p->dst] = x * v[p->b]; break;
        case FX_DIV: v[p->dst] = x / v[p->b]; break;
        case FX_NEG: v[p->dst] = -x; break;
        case FXI_MOV: v[p->dst] = x; break;
        case FX_POW: v[p->dst] = pow(x, v[p->b]); break;
        case FX_EXP: v[p->dst] = exp(x); break;
        case FXI_JZ: if (x == 0.0) i = p->b - 1; break;
        case FXI_JMP: i = p->b - 1; break;
        case FXI_NOP: break;
        default:
            if (p->op >= FX_NEG) v[p->dst] = fx_apply1(p->op, x);
            else v[p->dst] = fx_apply2(p->op, x, v[p->b]);
            break;
        }
    }
#endif
}

void fx_run_tangent(const fx_ins_t *ins, int start, int end, double *v, double *vd, int K)
{
    for (int i = start; i < end; i++) {
        const fx_ins_t *p = ins + i;
        if (p->op == FXI_JZ) {
            if (v[p->a] == 0.0) i = p->b - 1;
            continue;
        }
        if (p->op == FXI_JMP) { i = p->b - 1; continue; }
        if (p->op == FXI_NOP) continue;
        fx_tangent_step(p->op, p->dst, p->a, p->b, v, vd, K);
    }
}
