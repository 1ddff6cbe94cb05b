/* expr.c — expression trees: construction, cloning, folding, traversal, scalar semantics. */
#include "formula/expr.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ferrosim/common.h"

fx_expr_t *fx_num(double v)
{
    fx_expr_t *e = ferro_calloc(1, sizeof *e);
    if (!e) return NULL;
    e->op = FX_NUM;
    e->num = v;
    return e;
}

fx_expr_t *fx_var(int slot)
{
    fx_expr_t *e = ferro_calloc(1, sizeof *e);
    if (!e) return NULL;
    e->op = FX_VAR;
    e->slot = slot;
    return e;
}

fx_expr_t *fx_node(int op, int n, fx_expr_t **kids)
{
    int ok = 1;
    for (int i = 0; i < n; i++)
        if (!kids[i]) ok = 0;
    fx_expr_t *e = ok ? ferro_calloc(1, sizeof *e) : NULL;
    if (e && n > 0 && !(e->kid = ferro_malloc((size_t)n * sizeof *e->kid))) {
        free(e);
        e = NULL;
    }
    if (!e) {
        for (int i = 0; i < n; i++) fx_free(kids[i]);
        return NULL;
    }
    e->op = op;
    e->n = n;
    if (n) memcpy(e->kid, kids, (size_t)n * sizeof *kids);
    return e;
}

fx_expr_t *fx_node1(int op, fx_expr_t *a) { return fx_node(op, 1, &a); }

fx_expr_t *fx_node2(int op, fx_expr_t *a, fx_expr_t *b)
{
    fx_expr_t *k[2] = {a, b};
    return fx_node(op, 2, k);
}

int fx_equal(const fx_expr_t *a, const fx_expr_t *b)
{
    if (a->op != b->op || a->n != b->n) return 0;
    if (a->op == FX_NUM) return a->num == b->num || (a->num != a->num && b->num != b->num);
    if (a->op == FX_VAR) return a->slot == b->slot;
    for (int i = 0; i < a->n; i++)
        if (!fx_equal(a->kid[i], b->kid[i])) return 0;
    return 1;
}

fx_expr_t *fx_clone(const fx_expr_t *e)
{
    if (!e) return NULL;
    if (e->op == FX_NUM) return fx_num(e->num);
    if (e->op == FX_VAR) return fx_var(e->slot);
    fx_expr_t **k = ferro_calloc((size_t)(e->n ? e->n : 1), sizeof *k);
    if (!k) return NULL;
    for (int i = 0; i < e->n; i++) k[i] = fx_clone(e->kid[i]);
    fx_expr_t *c = fx_node(e->op, e->n, k);
    free(k);
    return c;
}

void fx_free(fx_expr_t *e)
{
    if (!e) return;
    for (int i = 0; i < e->n; i++) fx_free(e->kid[i]);
    free(e->kid);
    free(e);
}

void fx_foreach_var(const fx_expr_t *e, void (*fn)(int, void *), void *arg)
{
    if (!e) return;
    if (e->op == FX_VAR) fn(e->slot, arg);
    for (int i = 0; i < e->n; i++) fx_foreach_var(e->kid[i], fn, arg);
}

int fx_uses(const fx_expr_t *e, int slot)
{
    if (!e) return 0;
    if (e->op == FX_VAR) return e->slot == slot;
    for (int i = 0; i < e->n; i++)
        if (fx_uses(e->kid[i], slot)) return 1;
    return 0;
}

int fx_is_boolean(int op)
{
    switch (op) {
    case FX_AND: case FX_OR: case FX_XOR: case FX_NOT: case FX_IMPLIES:
    case FX_EQ: case FX_NEQ: case FX_LT: case FX_LE: case FX_GT: case FX_GE:
        return 1;
    default:
        return 0;
    }
}

static const char *const op_names[FX_NOPS] = {
    [FX_NUM] = "cn", [FX_VAR] = "ci", [FX_ADD] = "plus", [FX_MUL] = "times", [FX_AND] = "and",
    [FX_OR] = "or", [FX_XOR] = "xor", [FX_MIN] = "min", [FX_MAX] = "max", [FX_EQ] = "eq",
    [FX_NEQ] = "neq", [FX_LT] = "lt", [FX_LE] = "leq", [FX_GT] = "gt", [FX_GE] = "geq",
    [FX_PIECEWISE] = "piecewise", [FX_SUB] = "minus", [FX_DIV] = "divide", [FX_POW] = "power",
    [FX_QUOTIENT] = "quotient", [FX_REM] = "rem", [FX_IMPLIES] = "implies", [FX_NEG] = "minus",
    [FX_NOT] = "not", [FX_EXP] = "exp", [FX_LN] = "ln", [FX_LOG10] = "log", [FX_SQRT] = "root",
    [FX_ABS] = "abs", [FX_FLOOR] = "floor", [FX_CEIL] = "ceiling", [FX_SIN] = "sin",
    [FX_COS] = "cos", [FX_TAN] = "tan", [FX_SEC] = "sec", [FX_CSC] = "csc", [FX_COT] = "cot",
    [FX_SINH] = "sinh", [FX_COSH] = "cosh", [FX_TANH] = "tanh", [FX_SECH] = "sech",
    [FX_CSCH] = "csch", [FX_COTH] = "coth", [FX_ASIN] = "arcsin", [FX_ACOS] = "arccos",
    [FX_ATAN] = "arctan", [FX_ASEC] = "arcsec", [FX_ACSC] = "arccsc", [FX_ACOT] = "arccot",
    [FX_ASINH] = "arcsinh", [FX_ACOSH] = "arccosh", [FX_ATANH] = "arctanh",
    [FX_ASECH] = "arcsech", [FX_ACSCH] = "arccsch", [FX_ACOTH] = "arccoth",
    [FX_FACTORIAL] = "factorial"};

const char *fx_op_name(int op) { return op >= 0 && op < FX_NOPS && op_names[op] ? op_names[op] : "?"; }

double fx_apply1(int op, double a)
{
    switch (op) {
    case FX_NEG: return -a;
    case FX_NOT: return a == 0.0;
    case FX_EXP: return exp(a);
    case FX_LN: return log(a);
    case FX_LOG10: return log10(a);
    case FX_SQRT: return sqrt(a);
    case FX_ABS: return fabs(a);
    case FX_FLOOR: return floor(a);
    case FX_CEIL: return ceil(a);
    case FX_SIN: return sin(a);
    case FX_COS: return cos(a);
    case FX_TAN: return tan(a);
    case FX_SEC: return 1.0 / cos(a);
    case FX_CSC: return 1.0 / sin(a);
    case FX_COT: return 1.0 / tan(a);
    case FX_SINH: return sinh(a);
    case FX_COSH: return cosh(a);
    case FX_TANH: return tanh(a);
    case FX_SECH: return 1.0 / cosh(a);
    case FX_CSCH: return 1.0 / sinh(a);
    case FX_COTH: return 1.0 / tanh(a);
    case FX_ASIN: return asin(a);
    case FX_ACOS: return acos(a);
    case FX_ATAN: return atan(a);
    case FX_ASEC: return acos(1.0 / a);
    case FX_ACSC: return asin(1.0 / a);
    case FX_ACOT: return atan(1.0 / a);
    case FX_ASINH: return asinh(a);
    case FX_ACOSH: return acosh(a);
    case FX_ATANH: return atanh(a);
    case FX_ASECH: return acosh(1.0 / a);
    case FX_ACSCH: return asinh(1.0 / a);
    case FX_ACOTH: return atanh(1.0 / a);
    case FX_FACTORIAL: return tgamma(a + 1.0);
    default: return NAN;
    }
}

double fx_apply2(int op, double a, double b)
{
    switch (op) {
    case FX_ADD: return a + b;
    case FX_SUB: return a - b;
    case FX_MUL: return a * b;
    case FX_DIV: return a / b;
    case FX_POW: return pow(a, b);
    case FX_MIN: return a < b ? a : b;
    case FX_MAX: return a > b ? a : b;
    case FX_QUOTIENT: return trunc(a / b);
    case FX_REM: return fmod(a, b);
    case FX_AND: return (a != 0.0) && (b != 0.0);
    case FX_OR: return (a != 0.0) || (b != 0.0);
    case FX_XOR: return (a != 0.0) != (b != 0.0);
    case FX_IMPLIES: return (a == 0.0) || (b != 0.0);
    case FX_EQ: return a == b;
    case FX_NEQ: return a != b;
    case FX_LT: return a < b;
    case FX_LE: return a <= b;
    case FX_GT: return a > b;
    case FX_GE: return a >= b;
    default: return NAN;
    }
}

static int all_num(const fx_expr_t *e)
{
    for (int i = 0; i < e->n; i++)
        if (e->kid[i]->op != FX_NUM) return 0;
    return 1;
}

fx_expr_t *fx_fold(fx_expr_t *e)
{
    if (!e || e->op == FX_NUM || e->op == FX_VAR) return e;
    for (int i = 0; i < e->n; i++) e->kid[i] = fx_fold(e->kid[i]);
    if (!all_num(e) || e->op == FX_PIECEWISE || e->n == 0) return e;
    double v;
    if (e->n == 1 && (e->op == FX_ADD || e->op == FX_MUL || e->op == FX_MIN || e->op == FX_MAX)) {
        v = e->kid[0]->num;
    } else if (e->n == 1 && (e->op == FX_AND || e->op == FX_OR || e->op == FX_XOR)) {
        v = e->kid[0]->num != 0.0;
    } else if (e->n == 1 && e->op >= FX_EQ && e->op <= FX_GE) {
        v = 1.0;
    } else if (e->n == 1) {
        v = fx_apply1(e->op, e->kid[0]->num);
    } else if (e->op >= FX_EQ && e->op <= FX_GE) {
        v = 1;
        for (int i = 0; i + 1 < e->n; i++) v = v && fx_apply2(e->op, e->kid[i]->num, e->kid[i + 1]->num);
    } else {
        v = e->kid[0]->num;
        for (int i = 1; i < e->n; i++) v = fx_apply2(e->op, v, e->kid[i]->num);
    }
    fx_expr_t *r = fx_num(v);
    if (!r) return e;
    fx_free(e);
    return r;
}
