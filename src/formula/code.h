/* code.h — register code: the fast form math is compiled into (internal).
 *
 * A program is a flat array of three-address instructions over one array of doubles (the
 * "slots": time, model values, constants, temporaries). Evaluating a model's right-hand side is
 * one pass over its instructions: no tree walk, no allocation. The same code runs in forward
 * (tangent) mode carrying K directional derivatives per slot, which gives exact Jacobian
 * columns (K columns per pass after column compression). */
#ifndef FERRO_FORMULA_CODE_H
#define FERRO_FORMULA_CODE_H

#include "formula/expr.h"

typedef struct {
    int op;   /* FX_* operator, or one of the FXI_* below */
    int dst;  /* slot written */
    int a, b; /* operand slots (FXI_JZ: a = condition slot, b = target; FXI_JMP: b = target) */
} fx_ins_t;

enum { FXI_MOV = FX_NOPS, FXI_JZ, FXI_JMP, FXI_NOP, FXI_COUNT /* number of operators */ };

typedef struct {
    fx_ins_t *ins;
    int n, cap;
} fx_code_t;

/* A compiled range [start, end) of a code array. */
typedef struct { int start, end; } fx_range_t;

/* Slot values. */
void fx_run(const fx_ins_t *ins, int start, int end, double *v);
/* Values and K tangents per slot (vd[slot*K + k]). */
void fx_run_tangent(const fx_ins_t *ins, int start, int end, double *v, double *vd, int K);

/* Compiler state: appends to code, allocates temporaries from first_temp upwards and constants
 * through a callback (the model owns the constant slots). */
typedef struct {
    fx_code_t *code;
    int first_temp, ntemp_max;
    int (*constant)(void *ctx, double value); /* returns a slot holding value, < 0 on failure */
    void *ctx;
} fx_compiler_t;

/* Compile e so that its value ends in slot dst. Returns 0 or FERRO_ENOMEM. */
int fx_compile_into(fx_compiler_t *c, const fx_expr_t *e, int dst);
void fx_code_free(fx_code_t *code);
/* Append one instruction: its index, or -1 if out of memory. */
int fx_code_push(fx_code_t *code, fx_ins_t ins);

#endif
