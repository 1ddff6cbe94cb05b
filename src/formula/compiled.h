/* compiled.h — right-hand sides compiled to C at build time (internal).
 *
 * The build runs tools/gen_compiled.c on the built-in model(s): each model's right-hand side
 * register code (after hoisting) becomes a C function, one statement per instruction, and the
 * instructions themselves are kept next to it. A model loaded at run time uses the compiled
 * function only if its right-hand side is the same instruction sequence, compared in full (a
 * changed model file falls back to the interpreter). The function performs the same operations
 * on the same slots in the same order as fx_run: results are bit for bit the interpreter's. The
 * forward-mode (Jacobian) pass is compiled too, as calls of the interpreter's own inline step
 * (tangent.h) with constant operands.
 * FERRO_INTERPRET=1 in the environment turns the compiled functions off (benchmarks, checks). */
#ifndef FERRO_FORMULA_COMPILED_H
#define FERRO_FORMULA_COMPILED_H

#include <stdio.h>

#include "formula/code.h"

typedef void (*fxm_rhs_fn)(double *v);
/* The right-hand side in forward mode with K tangents per slot (fx_run_tangent with that K). */
typedef void (*fxm_tan_fn)(double *v, double *vd);

typedef struct {
    const char *model;    /* the file it was generated from (for messages) */
    const fx_ins_t *ins;  /* its right-hand side's instructions */
    int n;
    fxm_rhs_fn rhs;
    int K;                /* tangents per slot tan was compiled for (the Jacobian's colours) */
    fxm_tan_fn tan;
} fxm_compiled_t;

/* Defined by the generated file (build/generated/compiled_models.c); ends with a NULL rhs. */
extern const fxm_compiled_t fxm_compiled_models[];

struct ferro_model_s;
/* The compiled entry for m's right-hand side, or NULL (the interpreter runs it). */
const fxm_compiled_t *fxm_compiled_find(const struct ferro_model_s *m);
/* Write the C of m's right-hand side as function `name`, its forward mode as `name`_tan (K =
 * the Jacobian's colours), its instruction table `name`_ins and count `name`_n and `name`_K
 * (tools/gen_compiled.c). Returns 0 or FERRO_EUNSUPPORTED / FERRO_EIO. */
int fxm_emit_compiled(const struct ferro_model_s *m, FILE *fp, const char *name);

#endif
