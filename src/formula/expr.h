/* expr.h — expression trees of the formula module (internal).
 *
 * The SBML importer turns MathML into these trees (slots instead of names, function definitions
 * already expanded); the compiler (compile.c) turns them into register code once. Trees are
 * never walked while simulating. */
#ifndef FERRO_FORMULA_EXPR_H
#define FERRO_FORMULA_EXPR_H

enum {
    FX_NUM, FX_VAR,
    /* n-ary */ FX_ADD, FX_MUL, FX_AND, FX_OR, FX_XOR, FX_MIN, FX_MAX,
    FX_EQ, FX_NEQ, FX_LT, FX_LE, FX_GT, FX_GE,   /* chains a < b < c */
    FX_PIECEWISE,                               /* v1 c1 v2 c2 ... [otherwise] */
    /* binary */ FX_SUB, FX_DIV, FX_POW, FX_QUOTIENT, FX_REM, FX_IMPLIES,
    /* unary */ FX_NEG, FX_NOT, FX_EXP, FX_LN, FX_LOG10, FX_SQRT, FX_ABS, FX_FLOOR, FX_CEIL,
    FX_SIN, FX_COS, FX_TAN, FX_SEC, FX_CSC, FX_COT, FX_SINH, FX_COSH, FX_TANH, FX_SECH, FX_CSCH,
    FX_COTH, FX_ASIN, FX_ACOS, FX_ATAN, FX_ASEC, FX_ACSC, FX_ACOT, FX_ASINH, FX_ACOSH, FX_ATANH,
    FX_ASECH, FX_ACSCH, FX_ACOTH, FX_FACTORIAL,
    FX_NOPS
};

typedef struct fx_expr_s {
    int op;
    int n;                   /* number of children */
    double num;              /* FX_NUM */
    int slot;                /* FX_VAR */
    struct fx_expr_s **kid;
} fx_expr_t;

/* Constructors return NULL on allocation failure (message set); they take ownership of the
 * children (freed on failure). */
fx_expr_t *fx_num(double v);
fx_expr_t *fx_var(int slot);
fx_expr_t *fx_node(int op, int n, fx_expr_t **kids);
fx_expr_t *fx_node1(int op, fx_expr_t *a);
fx_expr_t *fx_node2(int op, fx_expr_t *a, fx_expr_t *b);
fx_expr_t *fx_clone(const fx_expr_t *e);
void fx_free(fx_expr_t *e);
/* Constant folding (numbers only); returns the (possibly new) tree, frees what it replaces. */
fx_expr_t *fx_fold(fx_expr_t *e);
/* Call fn(slot, arg) for each variable the tree reads. */
void fx_foreach_var(const fx_expr_t *e, void (*fn)(int slot, void *arg), void *arg);
/* 1 if the trees are the same (operators, numbers, slots). */
int fx_equal(const fx_expr_t *a, const fx_expr_t *b);
/* 1 if the tree reads slot. */
int fx_uses(const fx_expr_t *e, int slot);
/* 1 if op is a boolean-valued operator. */
int fx_is_boolean(int op);
/* Name of an operator for messages and export ("plus", "exp" ...). */
const char *fx_op_name(int op);
/* Scalar evaluation of one operator on values (the interpreter and the folder share it). */
double fx_apply1(int op, double a);
double fx_apply2(int op, double a, double b);

#endif
