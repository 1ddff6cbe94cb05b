/* sbml_impl.h — state shared by the SBML importer's files (internal to src/sbml). */
#ifndef FERRO_SBML_IMPL_H
#define FERRO_SBML_IMPL_H

#include <sbml/SBMLTypes.h>

#include "ferrosim/sbml.h"
#include "formula/model_impl.h"

enum { SYM_COMP, SYM_SPECIES, SYM_PARAM, SYM_REACTION, SYM_SPECREF, SYM_LOCAL };

typedef struct {
    const char *id;  /* owned by the libSBML document */
    int kind, index, slot;
} sym_t;

typedef struct {
    sym_t *tab;      /* open addressing */
    int cap, n;
} symtab_t;

typedef struct { const char *name; const fx_expr_t *value; } env_t;

/* Function definitions are expanded inline; nested calls can grow a small file exponentially
 * (f1(x) = f0(x) + f0(x), f2 of f1 ...), so the expansion of a model is capped. */
#define IMP_MAX_EXPAND 1000000L

typedef struct imp_s {
    ferro_model_t *m;
    Model_t *sm;
    const char *source;
    symtab_t syms;
    /* per-reaction local parameter scope while converting a kinetic law */
    const ListOf_t *locals;
    int local_slot0;
    /* per-symbol facts */
    unsigned char *has_rule, *has_rate, *has_ia; /* by slot: assignment rule, rate rule, initial assignment */
    unsigned char *is_alg;                       /* by slot: determined by an algebraic rule */
    int nflags;                                  /* slots the four arrays above cover */
    int depth;       /* function expansion depth */
    long nexpand;    /* tree nodes made by expanding function calls, capped at IMP_MAX_EXPAND */
    int in_delay;    /* converting the arguments of a delay() */
    int err;         /* code of the last conversion failure */
} imp_t;

int sym_add(symtab_t *t, const char *id, int kind, int index, int slot);
const sym_t *sym_find(const symtab_t *t, const char *id);
void sym_free(symtab_t *t);

/* Convert libSBML math to an expression tree (NULL with message on failure). what names the
 * element for messages. env: function arguments in scope (n entries). */
fx_expr_t *imp_math(imp_t *im, const ASTNode_t *ast, const env_t *env, int nenv, const char *what);

/* Build the compiled model from a checked document. */
int imp_build(SBMLDocument_t *doc, const char *source, ferro_model_t **out);

/* libSBML is not thread-safe: every call into it from this module holds this lock. */
void imp_lock(void);
void imp_unlock(void);

/* Line and column of an element for messages ("line 12, column 5" or ""). */
void imp_where(const SBase_t *e, char *buf, size_t n);

#endif
