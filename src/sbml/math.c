/* math.c — libSBML ASTs to expression trees: names to slots, function definitions expanded,
 * csymbols (time, avogadro, rateOf), every MathML operator of SBML core. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sbml/sbml_impl.h"

#define MAX_DEPTH 64

static long tree_size(const fx_expr_t *e)
{
    long n = 1;
    for (int i = 0; i < e->n; i++) n += tree_size(e->kid[i]);
    return n;
}

/* Count n more nodes made by function expansion; NULL-returning error past the cap. */
static int expand_over(imp_t *im, long n, const char *what)
{
    if ((im->nexpand += n) <= IMP_MAX_EXPAND) return 0;
    im->err = ferro_error_set(FERRO_EUNSUPPORTED, "%s: %s: function calls expand to more than %ld terms (nested function "
                              "definitions that each use their arguments several times)", im->source, what, IMP_MAX_EXPAND);
    return 1;
}

static fx_expr_t *bad(imp_t *im, int code, const char *what, const char *fmt, const char *arg)
{
    char msg[512];
    snprintf(msg, sizeof msg, fmt, arg);
    im->err = ferro_error_set(code, "%s: %s: %s", im->source, what, msg);
    return NULL;
}

static fx_expr_t *kids(imp_t *im, const ASTNode_t *a, const env_t *env, int nenv, const char *what, int op)
{
    int n = (int)ASTNode_getNumChildren(a);
    fx_expr_t **k = ferro_calloc((size_t)(n ? n : 1), sizeof *k);
    if (!k) return NULL;
    for (int i = 0; i < n; i++)
        if (!(k[i] = imp_math(im, ASTNode_getChild(a, (unsigned)i), env, nenv, what))) {
            for (int j = 0; j < i; j++) fx_free(k[j]);
            free(k);
            return NULL;
        }
    fx_expr_t *e = fx_node(op, n, k);
    free(k);
    return e;
}

static fx_expr_t *rate_of(imp_t *im, const ASTNode_t *a, const char *what)
{
    const ASTNode_t *x = ASTNode_getNumChildren(a) == 1 ? ASTNode_getChild(a, 0) : NULL;
    if (!x || ASTNode_getType(x) != AST_NAME)
        return bad(im, FERRO_EUNSUPPORTED, what, "%s", "rateOf() of anything but a variable is not supported");
    const char *id = ASTNode_getName(x);
    if (im->locals) {
        unsigned nl = ListOf_size(im->locals);
        for (unsigned i = 0; i < nl; i++) {
            const char *pid = SBase_getIdAttribute(ListOf_get((ListOf_t *)im->locals, i));
            if (pid && !strcmp(pid, id)) return fx_num(0.0); /* local parameters are constant */
        }
    }
    const sym_t *s = sym_find(&im->syms, id);
    if (!s) return bad(im, FERRO_EPARSE, what, "rateOf(%s): unknown symbol", id);
    ferro_model_t *m = im->m;
    if (s->kind == SYM_SPECIES) {
        const fxm_species_t *sp = &m->sp[s->index];
        int st = fxm_find_state(m, sp->value_slot);
        if (st >= 0) return fx_var(m->st_dslot[st]);
        st = fxm_find_state(m, sp->amount_slot);
        if (st >= 0) {
            int cs = m->comp[sp->comp].slot;
            if (im->has_rule[cs] || im->has_rate[cs])
                return bad(im, FERRO_EUNSUPPORTED, what, "rateOf(%s) of a species in a varying compartment is not supported", id);
            return fx_node2(FX_DIV, fx_var(m->st_dslot[st]), fx_var(cs));
        }
        if (im->has_rule[sp->value_slot])
            return bad(im, FERRO_EUNSUPPORTED, what, "rateOf(%s) of an assignment-rule variable is not supported", id);
        return fx_num(0.0);
    }
    if (s->kind == SYM_LOCAL) return fx_num(0.0);
    int st = fxm_find_state(m, s->slot);
    if (st >= 0) return fx_var(m->st_dslot[st]);
    if (im->has_rule[s->slot])
        return bad(im, FERRO_EUNSUPPORTED, what, "rateOf(%s) of an assignment-rule variable is not supported", id);
    return fx_num(0.0);
}

/* delay(x, tau): a slot the solver fills from the history of x (see formula/delay.c). */
static fx_expr_t *delayed(imp_t *im, const ASTNode_t *a, const env_t *env, int nenv, const char *what)
{
    if (ASTNode_getNumChildren(a) != 2) return bad(im, FERRO_EPARSE, what, "%s", "delay() needs two arguments (expression, delay time)");
    if (im->in_delay) return bad(im, FERRO_EUNSUPPORTED, what, "%s", "delay() inside the arguments of another delay() is not supported");
    im->in_delay++;
    fx_expr_t *x = imp_math(im, ASTNode_getChild(a, 0), env, nenv, what);
    fx_expr_t *tau = x ? imp_math(im, ASTNode_getChild(a, 1), env, nenv, what) : NULL;
    im->in_delay--;
    if (!tau) {
        fx_free(x);
        return NULL;
    }
    int slot = fxm_add_delay(im->m, x, tau);
    if (slot < 0) {
        im->err = ferro_error_set(slot, "%s: %s: delay(): %s", im->source, what, ferro_strerror(slot));
        return NULL;
    }
    return fx_var(slot);
}

static fx_expr_t *call(imp_t *im, const ASTNode_t *a, const env_t *env, int nenv, const char *what)
{
    const char *name = ASTNode_getName(a);
    FunctionDefinition_t *fd = name ? Model_getFunctionDefinitionById(im->sm, name) : NULL;
    if (!fd) return bad(im, FERRO_EPARSE, what, "call of an undefined function '%s'", name ? name : "?");
    const ASTNode_t *body = FunctionDefinition_getBody(fd);
    int nargs = (int)FunctionDefinition_getNumArguments(fd);
    int n = (int)ASTNode_getNumChildren(a);
    if (!body) return bad(im, FERRO_EPARSE, what, "function '%s' has no body", name);
    if (n != nargs) return bad(im, FERRO_EPARSE, what, "function '%s' called with a wrong number of arguments", name);
    if (im->depth >= MAX_DEPTH) return bad(im, FERRO_EPARSE, what, "function '%s' nests too deep (recursive?)", name);
    env_t *args = ferro_calloc((size_t)(n ? n : 1), sizeof *args);
    if (!args) return NULL;
    fx_expr_t *r = NULL;
    int ok = 1;
    for (int i = 0; i < n && ok; i++) {
        const ASTNode_t *an = FunctionDefinition_getArgument(fd, (unsigned)i);
        args[i].name = an ? ASTNode_getName(an) : NULL;
        ok = (args[i].value = imp_math(im, ASTNode_getChild(a, (unsigned)i), env, nenv, what)) != NULL;
    }
    if (ok) {
        im->depth++;
        r = imp_math(im, body, args, n, what);
        im->depth--;
    }
    for (int i = 0; i < n; i++) fx_free((fx_expr_t *)args[i].value);
    free(args);
    return r;
}

static fx_expr_t *name(imp_t *im, const ASTNode_t *a, const env_t *env, int nenv, const char *what)
{
    const char *id = ASTNode_getName(a);
    if (!id) return bad(im, FERRO_EPARSE, what, "%s", "a name without text");
    for (int i = nenv - 1; i >= 0; i--)
        if (env[i].name && !strcmp(env[i].name, id))
            return expand_over(im, tree_size(env[i].value), what) ? NULL : fx_clone(env[i].value);
    if (im->locals) {
        unsigned n = ListOf_size(im->locals);
        for (unsigned i = 0; i < n; i++) {
            const SBase_t *p = ListOf_get((ListOf_t *)im->locals, i);
            const char *pid = SBase_getIdAttribute(p);
            if (pid && !strcmp(pid, id)) return fx_var(im->local_slot0 + (int)i);
        }
    }
    const sym_t *s = sym_find(&im->syms, id);
    if (!s) return bad(im, FERRO_EPARSE, what, "unknown symbol '%s'", id);
    return fx_var(s->slot);
}

static int unary_op(ASTNodeType_t t)
{
    switch (t) {
    case AST_FUNCTION_EXP: return FX_EXP;
    case AST_FUNCTION_LN: return FX_LN;
    case AST_FUNCTION_ABS: return FX_ABS;
    case AST_FUNCTION_FLOOR: return FX_FLOOR;
    case AST_FUNCTION_CEILING: return FX_CEIL;
    case AST_FUNCTION_FACTORIAL: return FX_FACTORIAL;
    case AST_FUNCTION_SIN: return FX_SIN;
    case AST_FUNCTION_COS: return FX_COS;
    case AST_FUNCTION_TAN: return FX_TAN;
    case AST_FUNCTION_SEC: return FX_SEC;
    case AST_FUNCTION_CSC: return FX_CSC;
    case AST_FUNCTION_COT: return FX_COT;
    case AST_FUNCTION_SINH: return FX_SINH;
    case AST_FUNCTION_COSH: return FX_COSH;
    case AST_FUNCTION_TANH: return FX_TANH;
    case AST_FUNCTION_SECH: return FX_SECH;
    case AST_FUNCTION_CSCH: return FX_CSCH;
    case AST_FUNCTION_COTH: return FX_COTH;
    case AST_FUNCTION_ARCSIN: return FX_ASIN;
    case AST_FUNCTION_ARCCOS: return FX_ACOS;
    case AST_FUNCTION_ARCTAN: return FX_ATAN;
    case AST_FUNCTION_ARCSEC: return FX_ASEC;
    case AST_FUNCTION_ARCCSC: return FX_ACSC;
    case AST_FUNCTION_ARCCOT: return FX_ACOT;
    case AST_FUNCTION_ARCSINH: return FX_ASINH;
    case AST_FUNCTION_ARCCOSH: return FX_ACOSH;
    case AST_FUNCTION_ARCTANH: return FX_ATANH;
    case AST_FUNCTION_ARCSECH: return FX_ASECH;
    case AST_FUNCTION_ARCCSCH: return FX_ACSCH;
    case AST_FUNCTION_ARCCOTH: return FX_ACOTH;
    case AST_LOGICAL_NOT: return FX_NOT;
    default: return -1;
    }
}

static int nary_op(ASTNodeType_t t)
{
    switch (t) {
    case AST_PLUS: return FX_ADD;
    case AST_TIMES: return FX_MUL;
    case AST_LOGICAL_AND: return FX_AND;
    case AST_LOGICAL_OR: return FX_OR;
    case AST_LOGICAL_XOR: return FX_XOR;
    case AST_FUNCTION_MAX: return FX_MAX;
    case AST_FUNCTION_MIN: return FX_MIN;
    case AST_RELATIONAL_EQ: return FX_EQ;
    case AST_RELATIONAL_NEQ: return FX_NEQ;
    case AST_RELATIONAL_LT: return FX_LT;
    case AST_RELATIONAL_LEQ: return FX_LE;
    case AST_RELATIONAL_GT: return FX_GT;
    case AST_RELATIONAL_GEQ: return FX_GE;
    case AST_FUNCTION_PIECEWISE: return FX_PIECEWISE;
    case AST_DIVIDE: return FX_DIV;
    case AST_POWER: case AST_FUNCTION_POWER: return FX_POW;
    case AST_FUNCTION_QUOTIENT: return FX_QUOTIENT;
    case AST_FUNCTION_REM: return FX_REM;
    case AST_LOGICAL_IMPLIES: return FX_IMPLIES;
    default: return -1;
    }
}

fx_expr_t *imp_math(imp_t *im, const ASTNode_t *a, const env_t *env, int nenv, const char *what)
{
    if (!a) return bad(im, FERRO_EPARSE, what, "%s", "missing math");
    if (im->depth > 0 && expand_over(im, 1, what)) return NULL;
    ASTNodeType_t t = ASTNode_getType(a);
    int n = (int)ASTNode_getNumChildren(a), op;
    switch (t) {
    case AST_INTEGER: return fx_num((double)ASTNode_getInteger(a));
    case AST_REAL: case AST_REAL_E: return fx_num(ASTNode_getReal(a));
    case AST_RATIONAL: return fx_num((double)ASTNode_getNumerator(a) / (double)ASTNode_getDenominator(a));
    case AST_CONSTANT_E: return fx_num(2.718281828459045235);
    case AST_CONSTANT_PI: return fx_num(3.141592653589793238);
    case AST_CONSTANT_TRUE: return fx_num(1.0);
    case AST_CONSTANT_FALSE: return fx_num(0.0);
    case AST_NAME_TIME: return fx_var(FXM_SLOT_TIME);
    case AST_NAME_AVOGADRO: return fx_num(6.02214179e23); /* the value SBML L3 fixes */
    case AST_NAME: return name(im, a, env, nenv, what);
    case AST_FUNCTION: return call(im, a, env, nenv, what);
    case AST_FUNCTION_RATE_OF: return rate_of(im, a, what);
    case AST_FUNCTION_DELAY: return delayed(im, a, env, nenv, what);
    case AST_MINUS:
        if (n == 1) return kids(im, a, env, nenv, what, FX_NEG);
        if (n == 2) return kids(im, a, env, nenv, what, FX_SUB);
        break;
    case AST_FUNCTION_ROOT:
        if (n == 1) return kids(im, a, env, nenv, what, FX_SQRT);
        if (n == 2) {
            fx_expr_t *deg = imp_math(im, ASTNode_getChild(a, 0), env, nenv, what);
            fx_expr_t *x = deg ? imp_math(im, ASTNode_getChild(a, 1), env, nenv, what) : NULL;
            if (!x) { fx_free(deg); return NULL; }
            if (deg->op == FX_NUM && deg->num == 2.0) { fx_free(deg); return fx_node1(FX_SQRT, x); }
            return fx_node2(FX_POW, x, fx_node2(FX_DIV, fx_num(1.0), deg));
        }
        break;
    case AST_FUNCTION_LOG:
        if (n == 1) return kids(im, a, env, nenv, what, FX_LOG10);
        if (n == 2) {
            fx_expr_t *base = imp_math(im, ASTNode_getChild(a, 0), env, nenv, what);
            fx_expr_t *x = base ? imp_math(im, ASTNode_getChild(a, 1), env, nenv, what) : NULL;
            if (!x) { fx_free(base); return NULL; }
            if (base->op == FX_NUM && base->num == 10.0) { fx_free(base); return fx_node1(FX_LOG10, x); }
            return fx_node2(FX_DIV, fx_node1(FX_LN, x), fx_node1(FX_LN, base));
        }
        break;
    default:
        if ((op = unary_op(t)) >= 0 && n == 1) return kids(im, a, env, nenv, what, op);
        if ((op = nary_op(t)) >= 0) {
            if ((op == FX_DIV || op == FX_POW || op == FX_QUOTIENT || op == FX_REM || op == FX_IMPLIES) && n != 2) break;
            return kids(im, a, env, nenv, what, op);
        }
        if (t == AST_LAMBDA) return bad(im, FERRO_EPARSE, what, "%s", "a lambda outside a function definition");
        return bad(im, FERRO_EUNSUPPORTED, what, "MathML element '%s' is not supported",
                   ASTNode_getName(a) ? ASTNode_getName(a) : "(unknown)");
    }
    return bad(im, FERRO_EPARSE, what, "'%s' with a wrong number of arguments",
               ASTNode_getName(a) ? ASTNode_getName(a) : "operator");
}
