/* emit.c — the compiled model's right-hand side as C or Python source: the "direct function
 * of the same equations" the benchmarks compare the register code against (and SciPy runs). */
#include <math.h>
#include <string.h>

#include "formula/model_impl.h"

typedef struct { FILE *fp; int py; } em_t;

static const char *fname(int op, int py)
{
    switch (op) {
    case FX_EXP: return py ? "math.exp" : "exp";
    case FX_LN: return py ? "math.log" : "log";
    case FX_LOG10: return py ? "math.log10" : "log10";
    case FX_SQRT: return py ? "math.sqrt" : "sqrt";
    case FX_ABS: return py ? "abs" : "fabs";
    case FX_FLOOR: return py ? "math.floor" : "floor";
    case FX_CEIL: return py ? "math.ceil" : "ceil";
    case FX_SIN: return py ? "math.sin" : "sin";
    case FX_COS: return py ? "math.cos" : "cos";
    case FX_TAN: return py ? "math.tan" : "tan";
    case FX_SINH: return py ? "math.sinh" : "sinh";
    case FX_COSH: return py ? "math.cosh" : "cosh";
    case FX_TANH: return py ? "math.tanh" : "tanh";
    case FX_ASIN: return py ? "math.asin" : "asin";
    case FX_ACOS: return py ? "math.acos" : "acos";
    case FX_ATAN: return py ? "math.atan" : "atan";
    case FX_ASINH: return py ? "math.asinh" : "asinh";
    case FX_ACOSH: return py ? "math.acosh" : "acosh";
    case FX_ATANH: return py ? "math.atanh" : "atanh";
    default: return NULL;
    }
}

static const char *infix(int op, int py)
{
    switch (op) {
    case FX_ADD: return " + ";
    case FX_SUB: return " - ";
    case FX_MUL: return " * ";
    case FX_DIV: return " / ";
    case FX_EQ: return " == ";
    case FX_NEQ: return " != ";
    case FX_LT: return " < ";
    case FX_LE: return " <= ";
    case FX_GT: return " > ";
    case FX_GE: return " >= ";
    case FX_AND: return py ? " and " : " && ";
    case FX_OR: return py ? " or " : " || ";
    default: return NULL;
    }
}

static int emit(em_t *em, const fx_expr_t *e)
{
    FILE *fp = em->fp;
    const char *s;
    switch (e->op) {
    case FX_NUM:
        if (isnan(e->num)) fputs(em->py ? "math.nan" : "NAN", fp);
        else if (isinf(e->num)) fputs(e->num > 0 ? (em->py ? "math.inf" : "INFINITY") : (em->py ? "-math.inf" : "-INFINITY"), fp);
        else fprintf(fp, "%.17g", e->num);
        return 0;
    case FX_VAR: fprintf(fp, "v[%d]", e->slot); return 0;
    case FX_NEG: fputs("(-", fp); emit(em, e->kid[0]); fputc(')', fp); return 0;
    case FX_NOT: fputs(em->py ? "(not " : "(!", fp); emit(em, e->kid[0]); fputc(')', fp); return 0;
    case FX_POW:
        fputs(em->py ? "(" : "pow(", fp);
        emit(em, e->kid[0]);
        fputs(em->py ? " ** " : ", ", fp);
        emit(em, e->kid[1]);
        fputc(')', fp);
        return 0;
    case FX_PIECEWISE: {
        int np = e->n / 2;
        fputc('(', fp);
        for (int p = 0; p < np; p++) {
            if (em->py) { emit(em, e->kid[2 * p]); fputs(" if ", fp); emit(em, e->kid[2 * p + 1]); fputs(" else ", fp); }
            else { emit(em, e->kid[2 * p + 1]); fputs(" ? ", fp); emit(em, e->kid[2 * p]); fputs(" : ", fp); }
        }
        if (e->n % 2) emit(em, e->kid[e->n - 1]);
        else fputs(em->py ? "math.nan" : "NAN", fp);
        fputc(')', fp);
        return 0;
    }
    case FX_MIN: case FX_MAX:
        for (int i = 0; i + 1 < e->n; i++) fputs(em->py ? (e->op == FX_MIN ? "min(" : "max(") : (e->op == FX_MIN ? "fmin(" : "fmax("), fp);
        for (int i = 0; i < e->n; i++) {
            emit(em, e->kid[i]);
            fputs(i ? ")" : "", fp);
            if (i + 1 < e->n) fputs(", ", fp);
        }
        return 0;
    default:
        break;
    }
    if ((s = fname(e->op, em->py)) && e->n == 1) {
        fprintf(fp, "%s(", s);
        emit(em, e->kid[0]);
        fputc(')', fp);
        return 0;
    }
    if (e->n == 0 && (e->op == FX_ADD || e->op == FX_OR || e->op == FX_XOR)) { fputs("0.0", fp); return 0; }
    if (e->n == 0 && (e->op == FX_MUL || e->op == FX_AND)) { fputs("1.0", fp); return 0; }
    if ((s = infix(e->op, em->py)) && e->n >= 1) {
        int rel = e->op >= FX_EQ && e->op <= FX_GE;
        fputc('(', fp);
        for (int i = 0; i < e->n; i++) {
            if (i) fputs(s, fp);
            if (!rel && (e->op == FX_AND || e->op == FX_OR)) fputs(em->py ? "(" : "(", fp);
            emit(em, e->kid[i]);
            if (!rel && (e->op == FX_AND || e->op == FX_OR)) fputs(em->py ? " != 0)" : " != 0)", fp);
        }
        fputc(')', fp);
        return 0;
    }
    return ferro_error_set(FERRO_EUNSUPPORTED, "emit: operator '%s' has no direct translation", fx_op_name(e->op));
}

int fxm_emit_rhs(const ferro_model_t *m, FILE *fp, int python)
{
    em_t em = {fp, python};
    int rc = 0;
    if (m->ndelay) /* the delayed values come from the solver's history */
        return ferro_error_set(FERRO_EUNSUPPORTED, "%s: emit: a model with delay() has no right-hand side of the state alone", m->source);
    /* the rule defs the derivatives need, in evaluation order (those compiled into m->rhs) */
    if (python) fputs("def rhs(t, y, v, ydot):\n    v[0] = t\n", fp);
    else fputs("void rhs(double t, const double *y, double *v, double *ydot)\n{\n    v[0] = t;\n", fp);
    for (int i = 0; i < m->nstates; i++) fprintf(fp, "    v[%d] = y[%d]%s\n", m->st_slot[i], i, python ? "" : ";");
    for (int r = 0; r < m->nrule && !rc; r++) {
        if (!m->rule_in_rhs[r]) continue;
        fprintf(fp, "    v[%d] = ", m->rule[r].slot);
        rc = emit(&em, m->rule[r].expr);
        fputs(python ? "\n" : ";\n", fp);
    }
    for (int i = 0; i < m->nstates; i++) fprintf(fp, "    ydot[%d] = v[%d]%s\n", i, m->st_dslot[i], python ? "" : ";");
    fputs(python ? "    return ydot\n" : "}\n", fp);
    return rc;
}
