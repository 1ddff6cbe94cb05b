/* compiled.h — right-hand sides compiled to C at build time (internal).
 *
 * The build runs tools/gen_compiled.c on the built-in model(s): each model's right-hand side
 * register code (after hoisting) becomes a C function, one statement per instruction, and the
 * instructions themselves are kept next to it. A model loaded at run time uses the compiled
 * function only if its right-hand side is the same instruction sequence, compared in full (a
 * changed model file falls back to the interpreter). The function performs the same operations
 * on the same slots in the same order as fx_run: results are bit for bit the interpreter's.
 * FERRO_INTERPRET=1 in the environment turns the compiled functions off (benchmarks, checks). */
#ifndef FERRO_FORMULA_COMPILED_H
#define FERRO_FORMULA_COMPILED_H

#include <stdio.h>

#include "formula/code.h"

typedef void (*fxm_rhs_fn)(double *v);

typedef struct {
    const char *model;    /* the file it was generated from (for messages) */
    const fx_ins_t *ins;  /* its right-hand side's instructions */
    int n;
    fxm_rhs_fn rhs;
} fxm_compiled_t;

/* Defined by the generated file (build/generated/compiled_models.c); ends with a NULL rhs. */
extern const fxm_compiled_t fxm_compiled_models[];

struct ferro_model_s;
/* The compiled function for m's right-hand side, or NULL (the interpreter runs it). */
fxm_rhs_fn fxm_compiled_find(const struct ferro_model_s *m);
/* Write the C of m's right-hand side as function `name` and its instruction table `name`_ins
 * (tools/gen_compiled.c). Returns 0 or FERRO_EUNSUPPORTED / FERRO_EIO. */
int fxm_emit_compiled(const struct ferro_model_s *m, FILE *fp, const char *name);

#endif
