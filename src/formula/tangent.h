/* tangent.h — one instruction in forward (tangent) mode: its value and its K directional
 * derivatives (internal). Shared, as an inline function, by the interpreter (eval.c) and the
 * right-hand sides compiled at build time (compiled.h), which call it with constant operands so
 * that the compiler specialises it: the same operations in the same order either way. */
#ifndef FERRO_FORMULA_TANGENT_H
#define FERRO_FORMULA_TANGENT_H

#include <math.h>

#include "formula/code.h"

/* Partial derivatives of a unary function at x (value y). */
static inline double fx_d1(int op, double x, double y)
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

/* Instruction (op, dst, a, b) on the values v and tangents vd (vd[slot * K + k]); not a jump. */
static inline void fx_tangent_step(int op, int dst, int a, int b, double *v, double *vd, int K)
{
    const double x = v[a], y = (op < FX_NEG && op != FXI_MOV) ? v[b] : 0.0;
    double *dd = vd + (long)dst * K;
    const double *da = vd + (long)a * K, *db = vd + (long)b * K;
    double r, ca = 0.0, cb = 0.0;
    int guarded = 0;
    switch (op) {
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
        r = fx_apply2(op, x, y);
        if (op == FX_REM) { ca = 1.0; cb = -trunc(x / y); }
        break;
    default:
        if (op >= FX_NEG) {
            r = fx_apply1(op, x);
            ca = fx_d1(op, x, r);
            db = da;
            guarded = 1;
        } else {
            r = fx_apply2(op, x, y); /* boolean / relational: piecewise constant */
        }
        break;
    }
    if (op >= FX_NEG || op == FXI_MOV) {
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
    v[dst] = r;
}

#endif
