/* eval.c — the register-code interpreter: values, and values with K tangents (forward mode). */
#include <math.h>

#include "formula/code.h"

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

/* Partial derivatives of a unary function at x (value y). */
static double d1(int op, double x, double y)
{
    switch (op) {
    case FX_NEG: return -1.0;
    case FX_EXP: return y;
    case FX_LN: return 1.0 / x;
    case FX_LOG10: return 1.0 / (x * 2.302585092994045684);
    case FX_SQRT: return 0.5 / y;
    case FX_ABS: return x > 0 ? 1.0 : x < 0 ? -1.0 : 0.0;
    case FX_SIN: return cos(x);
    case FX_COS: return -sin(x);
    case FX_TAN: return 1.0 + y * y;
    case FX_SEC: return y * tan(x);
    case FX_CSC: return -y / tan(x);
    case FX_COT: return -(1.0 + y * y);
    case FX_SINH: return cosh(x);
    case FX_COSH: return sinh(x);
    case FX_TANH: return 1.0 - y * y;
    case FX_SECH: return -y * tanh(x);
    case FX_CSCH: return -y / tanh(x);
    case FX_COTH: return 1.0 - y * y;
    case FX_ASIN: return 1.0 / sqrt(1.0 - x * x);
    case FX_ACOS: return -1.0 / sqrt(1.0 - x * x);
    case FX_ATAN: return 1.0 / (1.0 + x * x);
    case FX_ASEC: return 1.0 / (fabs(x) * sqrt(x * x - 1.0));
    case FX_ACSC: return -1.0 / (fabs(x) * sqrt(x * x - 1.0));
    case FX_ACOT: return -1.0 / (1.0 + x * x);
    case FX_ASINH: return 1.0 / sqrt(x * x + 1.0);
    case FX_ACOSH: return 1.0 / sqrt(x * x - 1.0);
    case FX_ATANH: return 1.0 / (1.0 - x * x);
    case FX_ASECH: return -1.0 / (x * sqrt(1.0 - x * x));
    case FX_ACSCH: return -1.0 / (fabs(x) * sqrt(1.0 + x * x));
    case FX_ACOTH: return 1.0 / (1.0 - x * x);
    default: return 0.0; /* floor, ceiling, factorial (integer arguments), not */
    }
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
        const double x = v[p->a], y = (p->op < FX_NEG && p->op != FXI_MOV) ? v[p->b] : 0.0;
        double *dd = vd + (long)p->dst * K;
        const double *da = vd + (long)p->a * K, *db = vd + (long)p->b * K;
        double r, ca = 0.0, cb = 0.0;
        int guarded = 0;
        switch (p->op) {
        case FX_ADD: r = x + y; ca = 1.0; cb = 1.0; break;
        case FX_SUB: r = x - y; ca = 1.0; cb = -1.0; break;
        case FX_MUL: r = x * y; ca = y; cb = x; break;
        case FX_DIV: r = x / y; ca = 1.0 / y; cb = -r / y; break;
        case FXI_MOV: r = x; ca = 1.0; db = da; break;
        case FX_POW:
            r = pow(x, y);
            ca = (y == 0.0) ? 0.0 : y * pow(x, y - 1.0);
            cb = x > 0.0 ? r * log(x) : 0.0;
            guarded = 1;
            break;
        case FX_MIN: r = x < y ? x : y; ca = x < y; cb = !(x < y); break;
        case FX_MAX: r = x > y ? x : y; ca = x > y; cb = !(x > y); break;
        case FX_QUOTIENT: case FX_REM:
            r = fx_apply2(p->op, x, y);
            if (p->op == FX_REM) { ca = 1.0; cb = -trunc(x / y); }
            break;
        default:
            if (p->op >= FX_NEG) {
                r = fx_apply1(p->op, x);
                ca = d1(p->op, x, r);
                db = da;
                guarded = 1;
            } else {
                r = fx_apply2(p->op, x, y); /* boolean / relational: piecewise constant */
            }
            break;
        }
        if (p->op >= FX_NEG || p->op == FXI_MOV) {
            if (guarded)
                for (int k = 0; k < K; k++) dd[k] = da[k] != 0.0 ? ca * da[k] : 0.0;
            else
                for (int k = 0; k < K; k++) dd[k] = ca * da[k];
        } else if (guarded) {
            for (int k = 0; k < K; k++)
                dd[k] = (da[k] != 0.0 ? ca * da[k] : 0.0) + (db[k] != 0.0 ? cb * db[k] : 0.0);
        } else {
            for (int k = 0; k < K; k++) dd[k] = ca * da[k] + cb * db[k];
        }
        v[p->dst] = r;
    }
}
