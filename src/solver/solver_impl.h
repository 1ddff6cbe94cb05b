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
/* Gaussian elimination with partial pivoting, A (n x n row-major) destroyed; -1 if singular */
int fs_gauss(double *A, double *b, int n);
/* fast.c: add the rapid-equilibrium fluxes to ydot (the slow part); project the state */
int fs_fast_rhs(ferro_solver_t *s, double *ydot);
int fs_fast_project(ferro_solver_t *s);
void fs_fast_stoichiometry(ferro_solver_t *s); /* from the run's initial values */
/* solver.c */
void fs_load_state(ferro_solver_t *s, double t, const double *y);
void fs_store_state(ferro_solver_t *s, double *y);

#endif
