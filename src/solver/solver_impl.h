/* solver_impl.h — the per-thread workspace (internal to src/solver). */
#ifndef FERRO_SOLVER_IMPL_H
#define FERRO_SOLVER_IMPL_H

#include <cvodes/cvodes.h>
#include <nvector/nvector_serial.h>
#include <sundials/sundials_context.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunlinsol/sunlinsol_klu.h>
#include <sunmatrix/sunmatrix_dense.h>
#include <sunmatrix/sunmatrix_sparse.h>

#include "ferrosim/solver.h"
#include "formula/model_impl.h"

typedef struct {
    int event;
    double time;      /* when it executes */
    double *values;   /* assignment values fixed at trigger time (or NULL) */
    long seq;         /* order of scheduling, for ties */
} fs_pending_t;

struct ferro_solver_s {
    const ferro_model_t *m;
    ferro_solver_opts_t opt;
    SUNContext ctx;
    void *cv;
    N_Vector y, cons;
    SUNMatrix A;
    SUNLinearSolver LS;
    int n, K;
    int sparse;               /* KLU with a CSC Jacobian */
    int *csc_pos;             /* per pattern entry (model jrow/jcol): index into the CSC data */
    int *csc_colstart, *csc_row; /* the CSC pattern (with the diagonal) */
    double *v, *vd;           /* slot values and K tangents per slot */
    unsigned char *locked;    /* slot set by the caller: initial definitions skipped */
    double *param_value;      /* per global parameter, used when locked */
    int nstart;               /* species given a start value (ferro_solver_set_start) */
    int *start_species;       /* nstart species indices (a species at most once) */
    double *start_value;      /* per species, used when listed in start_species */
    /* events */
    unsigned char *trig_prev;
    int *rootsfound;
    double *groot;            /* root function values at the root being handled */
    const int *rootdir;       /* CVODE's crossing directions while handling a root, else NULL */
    fs_pending_t *pend;
    int npend, pend_cap;
    long seq;
    unsigned long long rng;   /* random order of simultaneous equal-priority events */
    double *valbuf;           /* pool for trigger-time values: pend_cap * max_assign */
    int max_assign;
    double *vd_alg, *jalg, *ralg; /* algebraic rules: tangents, Jacobian, residuals */
    double *vd_fast, *jfast, *rfast; /* fast reactions: the same */
    double *fast_n;                  /* their stoichiometry in the states, for this run */
    /* delays (delay.c): history points [dh_start, dh_n), point p at dh_t[p], value and d/dt of
     * delay k at dh_v/dh_d[p * ndelay + k]; several points may share a time (before and after
     * an event, in that order) */
    double *dh_t, *dh_v, *dh_d;
    int dh_start, dh_n, dh_cap;
    double dh_t0;
    double *dh_base;          /* slot values at t0 before the initial definitions */
    double *dh_w, *dh_wd;     /* scratch: values and d/dt for the history before t0 */
    double *dh_vd;            /* d/dt of every slot along the solution, at a recorded point */
    double *dh_ydot;
    N_Vector dh_yout;         /* states inside the last step (CVodeGetDky) */
    double *dh_pt;            /* values and d/dt of the delayed expressions: 2 points */
    double *dh_brk;           /* breakpoints: where a history discontinuity arrives */
    int *dh_brk_k, *dh_brk_level, dh_nbrk;
    double dh_hmax;           /* the largest step last given to CVODE */
    char dh_err[300];         /* why a delayed value could not be given (first failure of the run) */
    ferro_solver_stats_t st;
    char cvmsg[512];          /* last CVODE message */
    int cv_ready;
};

/* events.c */
int fs_events_init(ferro_solver_t *s, double t0);
int fs_events_handle(ferro_solver_t *s, double t, const int *rootdir, int *changed);
double fs_events_next_time(const ferro_solver_t *s);
/* algebraic.c */
int fs_solve_algebraic(ferro_solver_t *s); /* 0, or -1 if Newton fails */
void fs_full(ferro_solver_t *s);          /* algebraic variables, then every rule */
/* delayed values and algebraic variables, in the order they read each other; -1 if Newton fails */
int fs_dependent(ferro_solver_t *s);
/* Gaussian elimination with partial pivoting, A (n x n row-major) destroyed; -1 if singular */
int fs_gauss(double *A, double *b, int n);
/* fast.c: add the rapid-equilibrium fluxes to ydot (the slow part); project the state */
int fs_fast_rhs(ferro_solver_t *s, double *ydot);
int fs_fast_project(ferro_solver_t *s);
void fs_fast_stoichiometry(ferro_solver_t *s); /* from the run's initial values */
/* delay.c */
int fs_delay_alloc(ferro_solver_t *s);
void fs_delay_free(ferro_solver_t *s);
void fs_delay_begin(ferro_solver_t *s, double t0);   /* a run starts: empty history */
void fs_delay_eval(ferro_solver_t *s);               /* the delayed values at s->v's time */
int fs_delay_record(ferro_solver_t *s, double t, const double *y); /* a point of the solution */
int fs_delay_jump(ferro_solver_t *s, double t, const double *y, int changed); /* after t0 / events */
/* One CVODE step (CV_ONE_STEP) that stops at `stop` (the next event or output time) and at
 * breakpoints; records the history up to the point reached. Returns 0 or FERRO_E*; *flag is
 * CVODE's. *reinit: a breakpoint was reached (restart the integrator there). */
int fs_delay_step(ferro_solver_t *s, double stop, double *t, int *flag, int *reinit);
/* fastops.c: the serial vector operations compiled here (Debian's SUNDIALS is built -O0) */
void fs_fast_vector_ops(N_Vector v);
void fs_fast_sparse_ops(SUNMatrix A); /* CSC: zero, copy, scale-add-identity */
/* solver.c */
void fs_load_state(ferro_solver_t *s, double t, const double *y);
void fs_store_state(ferro_solver_t *s, double *y);

#endif
