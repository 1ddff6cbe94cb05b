/* model_impl.h — the compiled model's layout and the builder the SBML importer uses (internal).
 *
 * Everything is a slot in one array of doubles: slot 0 is time, then the model's values in the
 * order the importer creates them (compartment sizes, species symbols and amounts, parameters,
 * local parameters, reaction rates, stoichiometries, state derivatives), then constants, then
 * compiler temporaries. A solver workspace owns a private copy of that array.
 *
 * Definitions say how a slot is computed from others:
 *  - init defs run once at the start of a run (initial assignments, assignment rules, species
 *    amount/concentration conversions), in dependency order;
 *  - rule defs run at every right-hand-side evaluation (assignment rules, concentrations from
 *    amounts, reaction rates, state derivatives), in dependency order.
 * States are slots integrated by the ODE solver, each with its derivative slot. */
#ifndef FERRO_FORMULA_MODEL_IMPL_H
#define FERRO_FORMULA_MODEL_IMPL_H

#include "ferrosim/model.h"
#include "formula/code.h"

#define FXM_TEMP_BASE (1 << 28)
#define FXM_SLOT_TIME 0

typedef struct {
    int slot;
    fx_expr_t *expr;
    fx_range_t code;
    int rhs_only;    /* a rule def that does not hold at the start (amount -> concentration) */
} fxm_def_t;

typedef struct {
    char *id, *name;
    int value_slot;  /* the symbol (concentration, or amount if is_amount) */
    int amount_slot; /* == value_slot if is_amount */
    int comp;        /* compartment index */
    int is_amount;
    int fixed_amount; /* boundary species without rules: amount held, concentration follows */
    int conc_state;   /* its concentration is integrated (rate rule), the amount derived */
} fxm_species_t;

typedef struct { char *id; int slot; int settable; } fxm_named_t;

typedef struct {
    int target;      /* slot assigned */
    fx_expr_t *expr;
    int value_slot;  /* scratch slot receiving the value */
    int amount_slot; /* if target is a species symbol with a separate amount state: else -1 */
    int comp_slot;   /* its compartment size slot (amount = value * size), or -1 */
    int comp_index;  /* target is this compartment's size (species amounts are kept), or -1 */
} fxm_assign_t;

typedef struct {
    char *id;
    fx_expr_t *trigger, *delay, *priority; /* delay/priority may be NULL */
    int persistent, initial_value, use_trigger_values;
    int nassign;
    fxm_assign_t *assign;
    int trig_slot, delay_slot, prio_slot;
    fx_range_t delay_code, prio_code, assign_code;
} fxm_event_t;

typedef struct { int name_slot; const char *name; } fxm_symbol_t;

/* A delayed quantity delay(expr, tau) (SBML csymbol delay): the solver keeps a history of expr
 * and writes its value at t - tau into `slot` before any code reads it (see solver/delay.c).
 * expr and tau are rule defs of their own slots; `slot` is written by nobody else. */
typedef struct {
    fx_expr_t *expr, *tau;  /* the arguments as imported (to merge identical delays) */
    int expr_slot, tau_slot, slot;
    int const_tau;          /* tau reads nothing that can change during a run */
    int dd_deriv;           /* expr reads algebraic or fast-reaction variables: d/dt by divided differences */
    fx_range_t ecode;       /* the rules expr needs, then expr (its value now, for tau -> 0) */
    /* the history before t0: the initial definitions expr needs, in order; an entry < 0 is
     * -(i+1): the derivative slot of state i, which is there the time derivative of the state's
     * own initial definition (rateOf of a quantity held at its initial value is 0) */
    int *pre, npre;
} fxm_delay_t;

struct ferro_model_s {
    char *source, *model_id;
    /* slots */
    int nslots, slots_cap;
    double *v0;
    char **slot_name;
    int nconst_first; /* first constant slot (after model slots) */
    int ntemps, nslots_total;
    /* entities */
    int nspecies, ncomps, nparams, nreact;
    fxm_species_t *sp;
    fxm_named_t *comp, *par, *react;
    /* definitions */
    int ninit, nrule, init_cap, rule_cap;
    fxm_def_t *init, *rule;
    unsigned char *rule_in_rhs; /* rule def r is needed by the state derivatives */
    /* states */
    int nstates, st_cap;
    int *st_slot, *st_dslot;
    unsigned char *st_nonneg;
    fx_expr_t **st_rate;
    /* events and root functions */
    int nevents, ev_cap;
    fxm_event_t *ev;
    int nroots;
    int *root_slot;
    /* algebraic rules: unknowns z (slots) solved so that the residual slots are 0 */
    int nalg;
    int *alg_slot, *alg_res;
    /* fast reactions (rapid equilibrium): flux slots w set by the solver so that the fast rate
     * laws stay 0; fast_n[f * nstates + i] = stoichiometry of fast reaction f in state i */
    int nfast;
    int *fast_rate, *fast_w;
    /* stoichiometry of the fast reactions in the states: terms sign * stoich * factor, where
     * stoich and factor are slots constant during a run (read once per run) or numbers */
    int nfterm;
    struct fxm_fast_term { int f, state, st_slot, cf_slot; double sign, st_num; } *fterm;
    fx_expr_t **root_expr;
    /* delays: the tau code range (the rules every tau needs, then the taus) runs before the
     * delayed values are looked up; after the algebraic variables if a tau reads one */
    int ndelay;
    fxm_delay_t *delay;
    fx_range_t dtau;
    int delay_after_alg;
    /* code */
    fx_code_t code;
    fx_range_t rhs, full;       /* state derivatives only; every rule */
    fx_range_t roots, trig;     /* root functions, then triggers (which read the roots); after full */
    fx_range_t alg;             /* the rules the algebraic residuals need, and the residuals */
    fx_range_t fast;            /* the rules the fast reactions' rates need, and the rates */
    fx_range_t hoist;           /* run-constant part of the right-hand side: once per run (hoist.c) */
    void (*rhs_fn)(double *v);  /* rhs compiled at build time, or NULL (compiled.h) */
    void (*tan_fn)(double *v, double *vd); /* its forward mode with max(ncolors, 1) tangents, or NULL */
    /* Jacobian sparsity and column compression */
    int nnz, ncolors;
    int *jrow, *jcol, *color;
    int finalized;
};

/* Builder (the importer's side). All return >= 0 (a slot or index) or a negative FERRO_E*. */
ferro_model_t *fxm_new(const char *source);
int fxm_slot(ferro_model_t *m, const char *name, double v0);
int fxm_add_init(ferro_model_t *m, int slot, fx_expr_t *e); /* takes e */
int fxm_add_rule(ferro_model_t *m, int slot, fx_expr_t *e); /* takes e */
/* A state at slot; rate may be NULL and given later with fxm_state_rate. Returns its index. */
int fxm_add_state(ferro_model_t *m, int slot, fx_expr_t *rate, int nonneg); /* takes rate */
int fxm_state_rate(ferro_model_t *m, int i, fx_expr_t *rate);
/* A rule def that holds during integration but not at t0 (concentration from amount). */
int fxm_add_conversion(ferro_model_t *m, int slot, fx_expr_t *e);
int fxm_find_init(const ferro_model_t *m, int slot);  /* def index or -1 */
int fxm_find_rule(const ferro_model_t *m, int slot);
int fxm_find_state(const ferro_model_t *m, int slot);
fxm_event_t *fxm_add_event(ferro_model_t *m);
/* An algebraic rule 0 = e; z_slot is the variable it determines (takes e). */
int fxm_add_algebraic(ferro_model_t *m, int z_slot, fx_expr_t *e);
/* A delayed value delay(expr, tau): returns the slot holding it (identical delays share one).
 * Takes expr and tau. */
int fxm_add_delay(ferro_model_t *m, fx_expr_t *expr, fx_expr_t *tau);
/* Sort, compile, derive the Jacobian pattern. After it the model is read-only. */
int fxm_finalize(ferro_model_t *m);
/* The right-hand side as source code (C: a function rhs(t, y, v, ydot); Python: the same in
 * Python), reading the model's slot array v: for benchmarks against a direct implementation. */
int fxm_emit_rhs(const ferro_model_t *m, FILE *fp, int python);

/* The state derivatives from the slot values: the build-time compiled function when the model
 * has one, else the interpreter (same operations, same results). */
static inline void fxm_run_rhs(const ferro_model_t *m, double *v)
{
    if (m->rhs_fn) m->rhs_fn(v);
    else fx_run(m->code.ins, m->rhs.start, m->rhs.end, v);
}
/* The same in forward mode with K = max(ncolors, 1) tangents per slot. */
static inline void fxm_run_rhs_tangent(const ferro_model_t *m, double *v, double *vd, int K)
{
    if (m->tan_fn) m->tan_fn(v, vd);
    else fx_run_tangent(m->code.ins, m->rhs.start, m->rhs.end, v, vd, K);
}
/* finalize.c helpers shared with delay.c: mark rule def r and the rule defs it reads (rule_of:
 * slot -> rule def or -1); compile the kept defs into one range. */
void fxm_need_rule(const ferro_model_t *m, const int *rule_of, unsigned char *keep, int r);
int fxm_compile_defs(ferro_model_t *m, fx_compiler_t *c, fxm_def_t *defs, int n, const unsigned char *keep, fx_range_t *r);
/* delay.c: check what the delays read, compile their code ranges (during fxm_finalize). */
int fxm_delay_finalize(ferro_model_t *m, fx_compiler_t *c);
void fxm_delay_free(ferro_model_t *m);
/* hoist.c: move the run-constant instructions of m->rhs into m->hoist (after compilation). */
int fxm_hoist_rhs(ferro_model_t *m);
/* Slot of a constant (created on demand). */
int fxm_constant(void *m, double value);

/* The slot of species i's state (its amount, or its concentration when a rate rule integrates
 * that), or -1 if the species is not integrated. */
int fxm_species_state_slot(const ferro_model_t *m, int i);

#endif
