/* compiled.c — matching a model's right-hand side with a build-time compiled one, and writing
 * such a function (see compiled.h). */
#include <stdlib.h>
#include <string.h>

#include "formula/compiled.h"
#include "formula/model_impl.h"

static int same_ins(const fx_ins_t *x, const fx_ins_t *y, int n)
{
    for (int i = 0; i < n; i++)
        if (x[i].op != y[i].op || x[i].dst != y[i].dst || x[i].a != y[i].a || x[i].b != y[i].b) return 0;
    return 1;
}

const fxm_compiled_t *fxm_compiled_find(const ferro_model_t *m)
{
    const char *off = getenv("FERRO_INTERPRET");
    if (off && *off && strcmp(off, "0")) return NULL;
    int n = m->rhs.end - m->rhs.start;
    for (const fxm_compiled_t *c = fxm_compiled_models; c->rhs; c++)
        if (c->n == n && same_ins(c->ins, m->code.ins + m->rhs.start, n)) return c;
    return NULL;
}

static const char *c_infix(int op)
{
    switch (op) {
    case FX_ADD: return "+";
    case FX_SUB: return "-";
    case FX_MUL: return "*";
    case FX_DIV: return "/";
    default: return NULL;
    }
}

int fxm_emit_compiled(const ferro_model_t *m, FILE *fp, const char *name)
{
    const fx_ins_t *ins = m->code.ins;
    const int start = m->rhs.start, end = m->rhs.end;
    if (m->ndelay) /* the delayed values come from the solver's history, between code ranges */
        return ferro_error_set(FERRO_EUNSUPPORTED, "%s: a model with delay() is not compiled", m->source);
    /* jump targets get labels */
    unsigned char *target = ferro_calloc((size_t)(end - start + 1), 1);
    if (!target) return FERRO_ENOMEM;
    for (int i = start; i < end; i++)
        if (ins[i].op == FXI_JZ || ins[i].op == FXI_JMP) {
            if (ins[i].b < start || ins[i].b > end) {
                free(target);
                return ferro_error_set(FERRO_EUNSUPPORTED, "%s: a jump leaves the right-hand side", m->source);
            }
            target[ins[i].b - start] = 1;
        }
    fprintf(fp, "enum { %s_n = %d };\nstatic const fx_ins_t %s_ins[%d] = {\n", name, end - start, name, end - start > 0 ? end - start : 1);
    for (int i = start; i < end; i++) fprintf(fp, "    {%d, %d, %d, %d},\n", ins[i].op, ins[i].dst, ins[i].a, ins[i].b);
    if (end == start) fputs("    {0, 0, 0, 0},\n", fp);
    fprintf(fp, "};\n\nstatic void %s(double *restrict v)\n{\n", name);
    for (int i = start; i < end; i++) {
        const fx_ins_t *p = ins + i;
        const char *s = c_infix(p->op);
        if (target[i - start]) fprintf(fp, "L%d:\n", i);
        if (s) fprintf(fp, "    v[%d] = v[%d] %s v[%d];\n", p->dst, p->a, s, p->b);
        else if (p->op == FX_NEG) fprintf(fp, "    v[%d] = -v[%d];\n", p->dst, p->a);
        else if (p->op == FXI_MOV) fprintf(fp, "    v[%d] = v[%d];\n", p->dst, p->a);
        else if (p->op == FX_POW) fprintf(fp, "    v[%d] = pow(v[%d], v[%d]);\n", p->dst, p->a, p->b);
        else if (p->op == FX_EXP) fprintf(fp, "    v[%d] = exp(v[%d]);\n", p->dst, p->a);
        else if (p->op == FXI_JZ) fprintf(fp, "    if (v[%d] == 0.0) goto L%d;\n", p->a, p->b);
        else if (p->op == FXI_JMP) fprintf(fp, "    goto L%d;\n", p->b);
        else if (p->op == FXI_NOP) fputs("    ;\n", fp);
        else if (p->op >= FX_NEG) fprintf(fp, "    v[%d] = fx_apply1(%d, v[%d]); /* %s */\n", p->dst, p->op, p->a, fx_op_name(p->op));
        else fprintf(fp, "    v[%d] = fx_apply2(%d, v[%d], v[%d]); /* %s */\n", p->dst, p->op, p->a, p->b, fx_op_name(p->op));
    }
    if (target[end - start]) fprintf(fp, "L%d:;\n", end);
    fputs("}\n\n", fp);
    /* forward mode: the interpreter's step with constant operands (tangent.h) */
    const int K = m->ncolors > 0 ? m->ncolors : 1;
    fprintf(fp, "enum { %s_K = %d };\nstatic void %s_tan(double *restrict v, double *restrict vd)\n{\n", name, K, name);
    for (int i = start; i < end; i++) {
        const fx_ins_t *p = ins + i;
        if (target[i - start]) fprintf(fp, "T%d:\n", i);
        if (p->op == FXI_JZ) fprintf(fp, "    if (v[%d] == 0.0) goto T%d;\n", p->a, p->b);
        else if (p->op == FXI_JMP) fprintf(fp, "    goto T%d;\n", p->b);
        else if (p->op == FXI_NOP) fputs("    ;\n", fp);
        else fprintf(fp, "    fx_tangent_step(%d, %d, %d, %d, v, vd, %d);\n", p->op, p->dst, p->a, p->b, K);
    }
    if (target[end - start]) fprintf(fp, "T%d:;\n", end);
    fputs("}\n\n", fp);
    free(target);
    return ferror(fp) ? ferro_error_set(FERRO_EIO, "writing the compiled right-hand side failed") : 0;
}
