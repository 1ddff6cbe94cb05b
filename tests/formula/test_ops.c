/* test_ops.c — the register code: every operator's value against the C library (the
 * reference), its forward-mode derivative against central differences, and the control flow of
 * piecewise, relational chains, n-ary operators with 0 and 1 arguments, deep nesting. */
#include <math.h>
#include <stdlib.h>
#include "formula/code.h"
#include "test_util.h"

enum { X = 1, Y = 2, NSLOT = 64 };
static double v[NSLOT + 64], vd[NSLOT + 64];
static int nconst = 8; /* constants from slot 8, temporaries from slot NSLOT */

static int constant(void *ctx, double value)
{
    (void)ctx;
    v[nconst] = value;
    return nconst++;
}

/* compile e into slot 3 and run it at x (and y); returns value, *dx derivative wrt x */
static double run(fx_expr_t *e, double x, double y, double *dx)
{
    fx_code_t code = {0};
    nconst = 8;
    fx_compiler_t c = {&code, NSLOT, 0, constant, NULL};
    int rc = fx_compile_into(&c, e, 3);
    expect_int(rc, 0, "compiles");
    expect_true(c.ntemp_max < 64, "temporaries fit");
    v[X] = x; v[Y] = y;
    for (int i = 0; i < NSLOT + 64; i++) vd[i] = 0.0;
    vd[X] = 1.0;
    fx_run(code.ins, 0, code.n, v);
    double val = v[3];
    v[X] = x; v[Y] = y;
    fx_run_tangent(code.ins, 0, code.n, v, vd, 1);
    expect_true(v[3] == val || (isnan(v[3]) && isnan(val)), "tangent run gives the same value");
    if (dx) *dx = vd[3];
    fx_code_free(&code);
    fx_free(e);
    return val;
}

static void unary(int op, double (*ref)(double), double x, const char *name)
{
    double d, h = 1e-6 * (fabs(x) + 1e-3);
    double val = run(fx_node1(op, fx_var(X)), x, 0, &d);
    char what[96];
    snprintf(what, sizeof what, "%s(%g) value", name, x);
    expect_rel(val, ref(x), 1e-15, what); /* the same libm call: exact up to one rounding */
    double fd = (ref(x + h) - ref(x - h)) / (2 * h);
    snprintf(what, sizeof what, "%s'(%g) = central difference", name, x);
    expect_rel(d, fd, 1e-6, what); /* O(h^2) truncation */
}

static double sec(double x) { return 1 / cos(x); }
static double csc(double x) { return 1 / sin(x); }
static double cot(double x) { return 1 / tan(x); }
static double sech(double x) { return 1 / cosh(x); }
static double csch(double x) { return 1 / sinh(x); }
static double coth(double x) { return 1 / tanh(x); }
static double asec(double x) { return acos(1 / x); }
static double acsc(double x) { return asin(1 / x); }
static double acot(double x) { return atan(1 / x); }
static double asech(double x) { return acosh(1 / x); }
static double acsch(double x) { return asinh(1 / x); }
static double acoth(double x) { return atanh(1 / x); }
static double neg(double x) { return -x; }

static void test_unary(void)
{
    unary(FX_NEG, neg, 0.7, "neg");
    unary(FX_EXP, exp, 0.7, "exp");
    unary(FX_LN, log, 0.7, "ln");
    unary(FX_LOG10, log10, 0.7, "log10");
    unary(FX_SQRT, sqrt, 0.7, "sqrt");
    unary(FX_ABS, fabs, -0.7, "abs");
    unary(FX_SIN, sin, 0.7, "sin");
    unary(FX_COS, cos, 0.7, "cos");
    unary(FX_TAN, tan, 0.7, "tan");
    unary(FX_SEC, sec, 0.7, "sec");
    unary(FX_CSC, csc, 0.7, "csc");
    unary(FX_COT, cot, 0.7, "cot");
    unary(FX_SINH, sinh, 0.7, "sinh");
    unary(FX_COSH, cosh, 0.7, "cosh");
    unary(FX_TANH, tanh, 0.7, "tanh");
    unary(FX_SECH, sech, 0.7, "sech");
    unary(FX_CSCH, csch, 0.7, "csch");
    unary(FX_COTH, coth, 0.7, "coth");
    unary(FX_ASIN, asin, 0.3, "arcsin");
    unary(FX_ACOS, acos, 0.3, "arccos");
    unary(FX_ATAN, atan, 0.3, "arctan");
    unary(FX_ASEC, asec, 1.7, "arcsec");
    unary(FX_ACSC, acsc, 1.7, "arccsc");
    unary(FX_ACOT, acot, 1.7, "arccot");
    unary(FX_ASINH, asinh, 0.3, "arcsinh");
    unary(FX_ACOSH, acosh, 1.7, "arccosh");
    unary(FX_ATANH, atanh, 0.3, "arctanh");
    unary(FX_ASECH, asech, 0.3, "arcsech");
    unary(FX_ACSCH, acsch, 0.3, "arccsch");
    unary(FX_ACOTH, acoth, 1.7, "arccoth");
    double d;
    expect_rel(run(fx_node1(FX_FACTORIAL, fx_num(5)), 0, 0, &d), 120, 1e-14, "factorial(5)");
    expect_rel(run(fx_node1(FX_FLOOR, fx_var(X)), -1.5, 0, &d), -2, 0, "floor(-1.5)");
    expect_rel(run(fx_node1(FX_CEIL, fx_var(X)), -1.5, 0, &d), -1, 0, "ceiling(-1.5)");
}

static void test_binary(void)
{
    double d;
    /* x^y: d/dx = y x^(y-1) */
    expect_rel(run(fx_node2(FX_POW, fx_var(X), fx_var(Y)), 1.3, 2.5, &d), pow(1.3, 2.5), 1e-15, "pow");
    expect_rel(d, 2.5 * pow(1.3, 1.5), 1e-14, "dpow/dx");
    /* integer powers are multiplications: the same number as pow() */
    expect_rel(run(fx_node2(FX_POW, fx_var(X), fx_num(3)), 1.3, 0, &d), 1.3 * 1.3 * 1.3, 1e-15, "x^3");
    expect_rel(d, 3 * 1.3 * 1.3, 1e-14, "d x^3/dx");
    expect_rel(run(fx_node2(FX_POW, fx_var(X), fx_num(4)), 1.3, 0, &d), pow(1.3, 4), 1e-15, "x^4");
    expect_rel(run(fx_node2(FX_POW, fx_var(Y), fx_var(X)), 0.5, 2.0, &d), pow(2.0, 0.5), 1e-15, "y^x");
    expect_rel(d, pow(2.0, 0.5) * log(2.0), 1e-14, "d y^x/dx = y^x ln y");
    expect_rel(run(fx_node2(FX_DIV, fx_var(Y), fx_var(X)), 0.5, 2.0, &d), 4.0, 0, "divide");
    expect_rel(d, -8.0, 1e-15, "d (y/x)/dx = -y/x^2");
    expect_rel(run(fx_node2(FX_QUOTIENT, fx_num(7), fx_num(2)), 0, 0, &d), 3, 0, "quotient");
    expect_rel(run(fx_node2(FX_REM, fx_num(7), fx_num(2)), 0, 0, &d), 1, 0, "rem");
    fx_expr_t *k[3] = {fx_var(X), fx_num(5), fx_var(Y)};
    expect_rel(run(fx_node(FX_MAX, 3, k), 7, 2, &d), 7, 0, "max of 3");
    expect_rel(d, 1, 0, "d max/dx where x is the max");
    fx_expr_t *k2[3] = {fx_var(X), fx_num(5), fx_var(Y)};
    expect_rel(run(fx_node(FX_MIN, 3, k2), 7, 2, &d), 2, 0, "min of 3");
    expect_rel(d, 0, 0, "d min/dx where x is not the min");
}

static void test_logic(void)
{
    double d;
    fx_expr_t *c[3] = {fx_num(1), fx_var(X), fx_num(3)};
    expect_rel(run(fx_node(FX_LT, 3, c), 2, 0, &d), 1, 0, "1 < 2 < 3");
    fx_expr_t *c2[3] = {fx_num(1), fx_var(X), fx_num(3)};
    expect_rel(run(fx_node(FX_LT, 3, c2), 4, 0, &d), 0, 0, "not 1 < 4 < 3");
    expect_rel(run(fx_node(FX_ADD, 0, NULL), 0, 0, &d), 0, 0, "plus() = 0");
    expect_rel(run(fx_node(FX_MUL, 0, NULL), 0, 0, &d), 1, 0, "times() = 1");
    fx_expr_t *one[1] = {fx_var(X)};
    expect_rel(run(fx_node(FX_MUL, 1, one), 2.5, 0, &d), 2.5, 0, "times(x) = x");
    fx_expr_t *a1[1] = {fx_var(X)};
    expect_rel(run(fx_node(FX_AND, 1, a1), 2.5, 0, &d), 1, 0, "and(x) = x != 0");
    expect_rel(run(fx_node2(FX_XOR, fx_num(1), fx_num(1)), 0, 0, &d), 0, 0, "xor(1,1)");
    expect_rel(run(fx_node2(FX_IMPLIES, fx_num(0), fx_num(0)), 0, 0, &d), 1, 0, "implies(0,0)");
    /* piecewise(x^2, x < 0, 3x, x < 1, 7): the branch taken and its derivative */
    for (int i = 0; i < 3; i++) {
        double x = i == 0 ? -2 : i == 1 ? 0.5 : 4;
        fx_expr_t *p[5] = {fx_node2(FX_MUL, fx_var(X), fx_var(X)), fx_node2(FX_LT, fx_var(X), fx_num(0)),
                           fx_node2(FX_MUL, fx_num(3), fx_var(X)), fx_node2(FX_LT, fx_var(X), fx_num(1)), fx_num(7)};
        double val = run(fx_node(FX_PIECEWISE, 5, p), x, 0, &d);
        expect_rel(val, x < 0 ? x * x : x < 1 ? 3 * x : 7, 0, "piecewise value");
        expect_rel(d, x < 0 ? 2 * x : x < 1 ? 3 : 0, 0, "piecewise derivative");
    }
    fx_expr_t *q[2] = {fx_num(1), fx_num(0)};
    expect_true(isnan(run(fx_node(FX_PIECEWISE, 2, q), 0, 0, &d)), "piecewise without a true piece is NaN");
}

static void test_deep(void)
{
    /* ((((x + 1) * x + 1) * x + 1) ...) 40 levels: Horner, temporaries reused */
    fx_expr_t *e = fx_var(X);
    double x = 0.9, ref = x, dref = 1;
    for (int i = 0; i < 40; i++) {
        e = fx_node2(FX_ADD, fx_node2(FX_MUL, e, fx_var(X)), fx_num(1));
        dref = dref * x + ref;
        ref = ref * x + 1;
    }
    double d;
    expect_rel(run(e, x, 0, &d), ref, 1e-13, "deep value");
    expect_rel(d, dref, 1e-12, "deep derivative");
    /* a right-deep tree needs a temporary per level */
    e = fx_var(X);
    for (int i = 0; i < 30; i++) e = fx_node2(FX_SUB, fx_num(1), fx_node2(FX_MUL, fx_var(X), e));
    ref = x;
    for (int i = 0; i < 30; i++) ref = 1 - x * ref;
    expect_rel(run(e, x, 0, &d), ref, 1e-13, "right-deep value");
}

int main(void)
{
    test_unary();
    test_binary();
    test_logic();
    test_deep();
    return test_summary("formula/ops");
}
