/* solver.c — CVODES (BDF + Newton, dense direct solver) over a compiled model. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/solver_impl.h"

void ferro_solver_opts_init(ferro_solver_opts_t *o)
{
    o->rtol = 1e-6;
    o->atol = 1e-10;
    o->max_steps = 100000;
    o->max_step = 0.0;
    o->nonneg = 0;
    o->linsol = FERRO_LINSOL_AUTO;
}

void fs_load_state(ferro_solver_t *s, double t, const double *y)
{
    const ferro_model_t *m = s->m;
    s->v[FXM_SLOT_TIME] = t;
    for (int i = 0; i < s->n; i++) s->v[m->st_slot[i]] = y[i];
}

void fs_store_state(ferro_solver_t *s, double *y)
{
    for (int i = 0; i < s->n; i++) y[i] = s->v[s->m->st_slot[i]];
}

static int rhs_fn(realtype t, N_Vector y, N_Vector ydot, void *user)
{
    ferro_solver_t *s = user;
    const ferro_model_t *m = s->m;
    fs_load_state(s, t, N_VGetArrayPointer(y));
    if ((m->nalg | m->ndelay) && fs_dependent(s)) return 1; /* recoverable: a smaller step may converge */
    for (int f = 0; f < m->nfast; f++) s->v[m->fast_w[f]] = 0.0;
    fxm_run_rhs(m, s->v);
    double *yd = N_VGetArrayPointer(ydot);
    for (int i = 0; i < s->n; i++) yd[i] = s->v[m->st_dslot[i]];
    if (m->nfast && fs_fast_rhs(s, yd)) return 1;
    if (s->n == 0) yd[0] = 0.0; /* a model without states integrates one dummy for root finding */
    s->st.nrhs++;
    for (int i = 0; i < s->n; i++)
        if (!isfinite(yd[i])) return 1; /* recoverable: CVODE retries with a smaller step */
    return 0;
}

/* One tangent pass of the right-hand side with the colour seeds: afterwards column colour c of
 * the derivative of state i is s->vd[st_dslot[i] * K + c]. */
static void jac_tangent_pass(ferro_solver_t *s, double t, const double *y)
{
    const ferro_model_t *m = s->m;
    const int K = s->K;
    fs_load_state(s, t, y);
    if (m->ndelay) fs_delay_eval(s); /* values only: a delayed value's derivative in the state is 0 */
    for (int j = 0; j < s->n; j++) {
        double *d = s->vd + (long)m->st_slot[j] * K;
        for (int k = 0; k < K; k++) d[k] = 0.0;
        d[m->color[j]] = 1.0;
    }
    fxm_run_rhs_tangent(m, s->v, s->vd, K);
}

/* Dense Jacobian, column-major with leading dimension ld: ncolors forward passes at once. */
static void jac_dense(ferro_solver_t *s, double t, const double *y, double *J, long ld)
{
    const ferro_model_t *m = s->m;
    const int K = s->K;
    jac_tangent_pass(s, t, y);
    for (int e = 0; e < m->nnz; e++) {
        int i = m->jrow[e], j = m->jcol[e];
        J[(long)j * ld + i] = s->vd[(long)m->st_dslot[i] * K + m->color[j]];
    }
    s->st.njac++;
}

/* Sparse Jacobian into the fixed CSC pattern (the model's pattern plus the diagonal). */
static void jac_sparse(ferro_solver_t *s, double t, const double *y, double *data)
{
    const ferro_model_t *m = s->m;
    const int K = s->K;
    jac_tangent_pass(s, t, y);
    for (int e = 0; e < m->nnz; e++)
        data[s->csc_pos[e]] = s->vd[(long)m->st_dslot[m->jrow[e]] * K + m->color[m->jcol[e]]];
    s->st.njac++;
}

static int jac_fn(realtype t, N_Vector y, N_Vector fy, SUNMatrix J, void *user, N_Vector t1, N_Vector t2, N_Vector t3)
{
    (void)fy; (void)t1; (void)t2; (void)t3;
    ferro_solver_t *s = user;
    if (s->sparse) {
        sunindextype *cp = SUNSparseMatrix_IndexPointers(J), *ri = SUNSparseMatrix_IndexValues(J);
        double *data = SUNSparseMatrix_Data(J);
        int nz = 0;
        /* (re)write the pattern: CVODE may have been handed a matrix it reshaped */
        for (int j = 0; j < s->n; j++) {
            cp[j] = nz;
            for (int k = s->csc_colstart[j]; k < s->csc_colstart[j + 1]; k++) ri[nz++] = s->csc_row[k];
        }
        cp[s->n] = nz;
        for (int k = 0; k < nz; k++) data[k] = 0.0;
        jac_sparse(s, t, N_VGetArrayPointer(y), data);
        return 0;
    }
    SUNMatZero(J);
    jac_dense(s, t, N_VGetArrayPointer(y), SUNDenseMatrix_Data(J), SUNDenseMatrix_Rows(J));
    return 0;
}

static int root_fn(realtype t, N_Vector y, realtype *g, void *user)
{
    ferro_solver_t *s = user;
    const ferro_model_t *m = s->m;
    fs_load_state(s, t, N_VGetArrayPointer(y));
    fs_full(s);
    fx_run(m->code.ins, m->roots.start, m->roots.end, s->v);
    for (int i = 0; i < m->nroots; i++) g[i] = s->v[m->root_slot[i]];
    return 0;
}

static void err_fn(int code, const char *module, const char *function, char *msg, void *user)
{
    ferro_solver_t *s = user;
    (void)code; (void)module;
    snprintf(s->cvmsg, sizeof s->cvmsg, "%s: %s", function, msg);
}

static int cv_check(ferro_solver_t *s, int flag, const char *what)
{
    (void)s;
    if (flag >= 0) return 0;
    char *name = CVodeGetReturnFlagName(flag); /* malloc'd by SUNDIALS */
    ferro_error_set(FERRO_ESOLVER, "solver set-up failed in %s: %s", what, name ? name : "?");
    free(name);
    return FERRO_ESOLVER;
}

static int apply_options(ferro_solver_t *s)
{
    int rc;
    if ((rc = cv_check(s, CVodeSStolerances(s->cv, s->opt.rtol, s->opt.atol), "CVodeSStolerances")) ||
        (rc = cv_check(s, CVodeSetMaxNumSteps(s->cv, s->opt.max_steps), "CVodeSetMaxNumSteps")) ||
        (rc = cv_check(s, CVodeSetMaxStep(s->cv, s->opt.max_step > 0 ? s->opt.max_step : 0.0), "CVodeSetMaxStep")))
        return rc;
    int any = 0;
    double *c = N_VGetArrayPointer(s->cons);
    for (int i = 0; i < s->n; i++) {
        c[i] = (s->opt.nonneg && s->m->st_nonneg[i]) ? 1.0 : 0.0;
        any |= c[i] != 0.0;
    }
    return cv_check(s, CVodeSetConstraints(s->cv, any ? s->cons : NULL), "CVodeSetConstraints");
}

int ferro_solver_set_options(ferro_solver_t *s, const ferro_solver_opts_t *o)
{
    if (!(o->rtol > 0) || !(o->atol > 0) || o->max_steps <= 0 || o->max_step < 0)
        return ferro_error_set(FERRO_EINVAL, "solver options: tolerances must be > 0, max_steps > 0, max_step >= 0");
    s->opt = *o;
    return apply_options(s);
}

/* CSC pattern: the model's Jacobian pattern plus the diagonal (CVODE forms I - gamma J). */
static int csc_pattern(ferro_solver_t *s)
{
    const ferro_model_t *m = s->m;
    int n = s->n;
    s->csc_colstart = ferro_calloc((size_t)n + 1, sizeof(int));
    s->csc_row = ferro_malloc((size_t)(m->nnz + n + 1) * sizeof(int));
    s->csc_pos = ferro_malloc((size_t)(m->nnz + 1) * sizeof(int));
    unsigned char *col = ferro_calloc((size_t)n + 1, 1);
    int *where = ferro_malloc((size_t)n * sizeof(int) + 1);
    int rc = FERRO_ENOMEM;
    if (s->csc_colstart && s->csc_row && s->csc_pos && col && where) {
        int nz = 0;
        for (int j = 0; j < n; j++) {
            memset(col, 0, (size_t)n);
            col[j] = 1;
            for (int e = 0; e < m->nnz; e++)
                if (m->jcol[e] == j) col[m->jrow[e]] = 1;
            s->csc_colstart[j] = nz;
            for (int i = 0; i < n; i++)
                if (col[i]) { where[i] = nz; s->csc_row[nz++] = i; }
            for (int e = 0; e < m->nnz; e++)
                if (m->jcol[e] == j) s->csc_pos[e] = where[m->jrow[e]];
        }
        s->csc_colstart[n] = nz;
        rc = 0;
    }
    free(col);
    free(where);
    return rc;
}

void ferro_solver_free(ferro_solver_t *s)
{
    if (!s) return;
    if (s->cv) CVodeFree(&s->cv);
    if (s->LS) SUNLinSolFree(s->LS);
    if (s->A) SUNMatDestroy(s->A);
    if (s->y) N_VDestroy(s->y);
    if (s->cons) N_VDestroy(s->cons);
    if (s->ctx) SUNContext_Free(&s->ctx);
    free(s->v);
    free(s->vd);
    free(s->locked);
    free(s->param_value);
    free(s->start_species);
    free(s->start_value);
    free(s->trig_prev);
    free(s->rootsfound);
    free(s->groot);
    for (int k = 0; k < s->npend; k++) free(s->pend[k].values);
    free(s->pend);
    free(s->valbuf);
    free(s->vd_fast);
    free(s->jfast);
    free(s->rfast);
    free(s->fast_n);
    free(s->vd_alg);
    free(s->jalg);
    free(s->ralg);
    free(s->csc_pos);
    free(s->csc_colstart);
    free(s->csc_row);
    fs_delay_free(s);
    free(s);
}

int ferro_solver_create(const ferro_model_t *m, const ferro_solver_opts_t *opts, ferro_solver_t **out)
{
    *out = NULL;
    if (!m || !m->finalized) return ferro_error_set(FERRO_EINVAL, "solver: model not compiled");
    ferro_solver_t *s = ferro_calloc(1, sizeof *s);
    if (!s) return FERRO_ENOMEM;
    s->m = m;
    s->n = m->nstates;
    s->K = m->ncolors > 0 ? m->ncolors : 1;
    if (opts) s->opt = *opts;
    else ferro_solver_opts_init(&s->opt);
    int nv = m->nslots_total > 0 ? m->nslots_total : 1, ne = m->nevents > 0 ? m->nevents : 1;
    s->max_assign = 1;
    for (int e = 0; e < m->nevents; e++)
        if (m->ev[e].nassign > s->max_assign) s->max_assign = m->ev[e].nassign;
    s->v = ferro_calloc((size_t)nv, sizeof *s->v);
    s->vd = ferro_calloc((size_t)nv * (size_t)s->K, sizeof *s->vd);
    s->locked = ferro_calloc((size_t)nv, 1);
    s->param_value = ferro_calloc((size_t)(m->nparams ? m->nparams : 1), sizeof(double));
    s->start_species = ferro_calloc((size_t)(m->nspecies ? m->nspecies : 1), sizeof(int));
    s->start_value = ferro_calloc((size_t)(m->nspecies ? m->nspecies : 1), sizeof(double));
    s->trig_prev = ferro_calloc((size_t)ne, 1);
    s->rootsfound = ferro_calloc((size_t)(m->nroots ? m->nroots : 1), sizeof(int));
    s->groot = ferro_calloc((size_t)(m->nroots ? m->nroots : 1), sizeof(double));
    if (!s->v || !s->vd || !s->locked || !s->param_value || !s->trig_prev || !s->rootsfound || !s->groot) goto nomem;
    if (m->nalg) {
        s->vd_alg = ferro_calloc((size_t)nv * (size_t)m->nalg, sizeof(double));
        s->jalg = ferro_calloc((size_t)m->nalg * (size_t)m->nalg, sizeof(double));
        s->ralg = ferro_calloc((size_t)m->nalg, sizeof(double));
        if (!s->vd_alg || !s->jalg || !s->ralg) goto nomem;
    }
    if (m->nfast) {
        s->vd_fast = ferro_calloc((size_t)nv * (size_t)(m->nfast + 1), sizeof(double));
        s->jfast = ferro_calloc((size_t)m->nfast * (size_t)m->nfast, sizeof(double));
        s->rfast = ferro_calloc((size_t)m->nfast, sizeof(double));
        s->fast_n = ferro_calloc((size_t)m->nfast * (size_t)(s->n ? s->n : 1), sizeof(double));
        if (!s->vd_fast || !s->jfast || !s->rfast || !s->fast_n) goto nomem;
    }
    if (SUNContext_Create(NULL, &s->ctx)) goto nomem;
    if (m->ndelay && fs_delay_alloc(s)) goto nomem;
    sunindextype n = s->n > 0 ? s->n : 1;
    s->y = N_VNew_Serial(n, s->ctx);
    s->cons = N_VNew_Serial(n, s->ctx);
    if (!s->y || !s->cons) goto nomem;
    fs_fast_vector_ops(s->y); /* CVODE's own vectors are clones of y (and of cons) */
    fs_fast_vector_ops(s->cons);
    N_VConst(0.0, s->y);
    long full = (long)s->n * s->n;
    /* with algebraic rules the exact Jacobian would need dz/dy: CVODE's difference quotients */
    s->sparse = !m->nalg && !m->nfast && (s->opt.linsol == FERRO_LINSOL_SPARSE ||
                (s->opt.linsol == FERRO_LINSOL_AUTO && s->n >= 12 && (double)(m->nnz + s->n) <= 0.3 * (double)full));
    if (s->sparse) {
        if (csc_pattern(s)) goto nomem;
        s->A = SUNSparseMatrix(n, n, s->csc_colstart[s->n], CSC_MAT, s->ctx);
        if (s->A) fs_fast_sparse_ops(s->A); /* CVODE's saved Jacobian is a clone */
        s->LS = s->A ? SUNLinSol_KLU(s->y, s->A, s->ctx) : NULL;
    } else {
        s->A = SUNDenseMatrix(n, n, s->ctx);
        s->LS = s->A ? SUNLinSol_Dense(s->y, s->A, s->ctx) : NULL;
    }
    s->cv = CVodeCreate(CV_BDF, s->ctx);
    if (!s->A || !s->LS || !s->cv) goto nomem;
    int rc;
    if ((rc = cv_check(s, CVodeInit(s->cv, rhs_fn, 0.0, s->y), "CVodeInit")) ||
        (rc = cv_check(s, CVodeSetUserData(s->cv, s), "CVodeSetUserData")) ||
        (rc = cv_check(s, CVodeSetErrHandlerFn(s->cv, err_fn, s), "CVodeSetErrHandlerFn")) ||
        (rc = cv_check(s, CVodeSetLinearSolver(s->cv, s->LS, s->A), "CVodeSetLinearSolver")) ||
        (rc = cv_check(s, CVodeSetJacFn(s->cv, m->nalg || m->nfast ? NULL : jac_fn), "CVodeSetJacFn")) ||
        (rc = cv_check(s, CVodeRootInit(s->cv, m->nroots, m->nroots ? root_fn : NULL), "CVodeRootInit")) ||
        (rc = apply_options(s))) {
        ferro_solver_free(s);
        return rc;
    }
    if (m->nroots) CVodeSetNoInactiveRootWarn(s->cv);
    ferro_solver_reset_params(s);
    *out = s;
    return 0;
nomem:
    ferro_solver_free(s);
    return ferro_error_set(FERRO_ENOMEM, "solver: out of memory for a model of %d states", m->nstates);
}

void ferro_solver_reset_params(ferro_solver_t *s)
{
    for (int i = 0; i < s->m->nparams; i++) s->locked[s->m->par[i].slot] = 0;
    s->nstart = 0;
}

int ferro_solver_set_start(ferro_solver_t *s, int species, double value)
{
    const ferro_model_t *m = s->m;
    if (species < 0 || species >= m->nspecies)
        return ferro_error_set(FERRO_EINVAL, "%s: species index %d out of range (0-%d)", m->source, species, m->nspecies - 1);
    if (!isfinite(value))
        return ferro_error_set(FERRO_EINVAL, "%s: start value of species '%s' is not finite", m->source, m->sp[species].id);
    if (fxm_species_state_slot(m, species) < 0)
        return ferro_error_set(FERRO_EINVAL, "%s: species '%s' is not integrated (constant, or set by a rule): it cannot be given a start value",
                               m->source, m->sp[species].id);
    int k = 0;
    while (k < s->nstart && s->start_species[k] != species) k++;
    if (k == s->nstart) s->start_species[s->nstart++] = species;
    s->start_value[species] = value;
    return 0;
}

/* Start values replace the initial definitions' results: in the species' units (concentration
 * unless it is an amount), so the amount is the value times the compartment's initial size. */
static void apply_start(ferro_solver_t *s)
{
    const ferro_model_t *m = s->m;
    for (int k = 0; k < s->nstart; k++) {
        int i = s->start_species[k];
        const fxm_species_t *sp = &m->sp[i];
        double v = s->start_value[i];
        if (sp->conc_state || sp->is_amount)
            s->v[fxm_species_state_slot(m, i)] = v;
        else
            s->v[sp->amount_slot] = v * s->v[m->comp[sp->comp].slot];
    }
}

int ferro_solver_set_param(ferro_solver_t *s, int p, double value)
{
    const ferro_model_t *m = s->m;
    if (p < 0 || p >= m->nparams) return ferro_error_set(FERRO_EINVAL, "%s: parameter index %d out of range (0-%d)", m->source, p, m->nparams - 1);
    if (!m->par[p].settable)
        return ferro_error_set(FERRO_EINVAL, "%s: parameter '%s' is set by an assignment rule and cannot be given a value",
                               m->source, m->par[p].id);
    s->locked[m->par[p].slot] = 1;
    s->param_value[p] = value;
    return 0;
}

int ferro_solver_set_param_by_id(ferro_solver_t *s, const char *id, double value)
{
    int p, rc = ferro_model_find_param(s->m, id, &p);
    return rc ? rc : ferro_solver_set_param(s, p, value);
}

static void run_inits(ferro_solver_t *s)
{
    const ferro_model_t *m = s->m;
    for (int i = 0; i < m->ninit; i++)
        if (!s->locked[m->init[i].slot]) fx_run(m->code.ins, m->init[i].code.start, m->init[i].code.end, s->v);
}

/* Slot values at t0: file values, the caller's parameters, then initial definitions. */
static void initial_values(ferro_solver_t *s, double t0)
{
    const ferro_model_t *m = s->m;
    memcpy(s->v, m->v0, (size_t)m->nslots * sizeof *s->v);
    s->v[FXM_SLOT_TIME] = t0;
    for (int p = 0; p < m->nparams; p++)
        if (s->locked[m->par[p].slot]) s->v[m->par[p].slot] = s->param_value[p];
    if (m->ndelay) fs_delay_begin(s, t0);
    run_inits(s);
    if (m->ndelay) { /* initial values that read delayed values: the delays' past, now known */
        fs_dependent(s);
        run_inits(s);
    }
    if (s->nstart) apply_start(s);
    fs_full(s);
    if (m->nfast) { /* fast reactions start at equilibrium */
        fs_fast_stoichiometry(s);
        fs_fast_project(s);
        fs_full(s);
    }
    if (m->nalg) { /* initial values that read algebraic variables, now solved */
        run_inits(s);
        fs_full(s);
    }
    fx_run(m->code.ins, m->hoist.start, m->hoist.end, s->v); /* the run-constant part of the rhs */
}

int ferro_solver_initial_state(ferro_solver_t *s, double t0, double *y)
{
    initial_values(s, t0);
    fs_store_state(s, y);
    return 0;
}

int ferro_solver_eval_rhs(ferro_solver_t *s, double t, const double *y, double *ydot)
{
    const ferro_model_t *m = s->m;
    fs_load_state(s, t, y);
    if ((m->nalg | m->ndelay) && fs_dependent(s)) return ferro_error_set(FERRO_ESOLVER, "%s: algebraic rules have no solution at t = %g", m->source, t);
    for (int f = 0; f < m->nfast; f++) s->v[m->fast_w[f]] = 0.0;
    fxm_run_rhs(m, s->v);
    for (int i = 0; i < s->n; i++) ydot[i] = s->v[m->st_dslot[i]];
    if (m->nfast && fs_fast_rhs(s, ydot)) return ferro_error_set(FERRO_ESOLVER, "%s: fast reactions have no equilibrium flux at t = %g", m->source, t);
    return 0;
}

int ferro_solver_eval_jac(ferro_solver_t *s, double t, const double *y, double *jac)
{
    memset(jac, 0, (size_t)s->n * (size_t)s->n * sizeof *jac);
    jac_dense(s, t, y, jac, s->n);
    return 0;
}

static double value_of(const ferro_solver_t *s, int h)
{
    if (h >= 0) return s->v[h];
    const fxm_species_t *sp = &s->m->sp[-h - 1];
    return s->v[sp->amount_slot] / s->v[s->m->comp[sp->comp].slot];
}

static void record(ferro_solver_t *s, double t, const double *y, int nout, const int *h, double *row)
{
    fs_load_state(s, t, y);
    fs_full(s);
    for (int k = 0; k < nout; k++) row[k] = value_of(s, h[k]);
}

static int fail(ferro_solver_t *s, int flag, double t)
{
    if (s->dh_err[0]) return ferro_error_set(FERRO_ESOLVER, "%s: solver failed at t = %.6g: %s", s->m->source, t, s->dh_err);
    char *name = CVodeGetReturnFlagName(flag); /* malloc'd by SUNDIALS */
    ferro_error_set(FERRO_ESOLVER, "%s: solver failed at t = %.6g: %s%s%s", s->m->source, t, name ? name : "?",
                    s->cvmsg[0] ? ": " : "", s->cvmsg);
    free(name);
    return FERRO_ESOLVER;
}

static int reinit(ferro_solver_t *s, double t)
{
    int flag = CVodeReInit(s->cv, t, s->y);
    if (flag < 0) return fail(s, flag, t);
    return 0;
}

int ferro_solver_run_values(ferro_solver_t *s, double t0, int ntimes, const double *times, int nout,
                            const int *h, double *out)
{
    const ferro_model_t *m = s->m;
    memset(&s->st, 0, sizeof s->st);
    s->cvmsg[0] = 0;
    for (int i = 0; i < ntimes; i++)
        if (!(times[i] >= (i ? times[i - 1] : t0)))
            return ferro_error_set(FERRO_EINVAL, "output times must be non-decreasing and >= t0 (time %d is %g)", i, times[i]);
    double *y = N_VGetArrayPointer(s->y);
    initial_values(s, t0);
    int rc, changed = 0;
    if ((rc = fs_events_init(s, t0))) return rc;
    if (m->ndelay) { /* the history starts with the values at t0 before the events at t0 */
        fs_store_state(s, y);
        if ((rc = fs_delay_record(s, t0, y))) return rc;
    }
    if ((rc = fs_events_handle(s, t0, NULL, &changed))) return rc;
    fs_store_state(s, y);
    if (m->ndelay && (rc = fs_delay_jump(s, t0, y, changed))) return rc;
    if ((rc = reinit(s, t0))) return rc;
    double t = t0;
    long nst_last = 0;
    int restart = 0; /* CVODE restarts at t before the next step (after outputs inside the last step) */
    for (int i = 0; i < ntimes; i++) {
        double tout = times[i];
        long nstep = 0;
        while (t < tout) {
            if (restart) {
                if ((rc = reinit(s, t))) return rc;
                nst_last = 0;
                restart = 0;
            }
            double te = fs_events_next_time(s), stop = te < tout ? te : tout;
            int flag, brk = 0;
            if (m->ndelay) { /* step by step, recording the history; outputs are stops */
                if (++nstep > s->opt.max_steps)
                    return ferro_error_set(FERRO_ESOLVER, "%s: solver failed at t = %.6g: more than %ld steps before the output time %g",
                                           m->source, t, s->opt.max_steps, tout);
                if ((rc = fs_delay_step(s, stop, &t, &flag, &brk))) return rc;
            } else {
                /* SUNDIALS 6.4 cannot clear a stop time, so one is always set: the next event (CVODE
                 * must not step over it), else the last output time (never integrate past the end) */
                CVodeSetStopTime(s->cv, m->nevents ? stop : times[ntimes - 1]);
                flag = CVode(s->cv, stop, s->y, &t, CV_NORMAL);
            }
            long nst = 0;
            CVodeGetNumSteps(s->cv, &nst);
            s->st.nsteps += nst - nst_last;
            nst_last = nst;
            if (flag < 0) {
                CVodeGetCurrentTime(s->cv, &t);
                return fail(s, flag, t);
            }
            if (flag == CV_ROOT_RETURN) s->st.nroots++;
            if (m->nevents) {
                fs_load_state(s, t, y);
                const int *dir = NULL;
                if (flag == CV_ROOT_RETURN && CVodeGetRootInfo(s->cv, s->rootsfound) >= 0) dir = s->rootsfound;
                if ((rc = fs_events_handle(s, t, dir, &changed))) return rc;
                realtype tn = t;
                CVodeGetCurrentTime(s->cv, &tn);
                if (changed || flag == CV_ROOT_RETURN || fs_events_next_time(s) < tn) {
                    fs_store_state(s, y);
                    if (m->ndelay && changed && (rc = fs_delay_jump(s, t, y, 1))) return rc;
                    restart = 1;
                }
            }
            if (brk) restart = 1; /* a discontinuity of the history arrives: restart there */
        }
        record(s, tout, y, nout, h, out + (long)i * nout);
        if (m->ndelay && s->dh_err[0]) return fail(s, 0, tout);
    }
    return 0;
}

int ferro_solver_run(ferro_solver_t *s, double t0, int ntimes, const double *times, int nout,
                     const int *species_idx, double *out)
{
    const ferro_model_t *m = s->m;
    int n = species_idx ? nout : m->nspecies;
    int hbuf[64] = {0}, *h = n <= 64 ? hbuf : ferro_malloc((size_t)n * sizeof *h);
    if (!h) return FERRO_ENOMEM;
    for (int k = 0; k < n; k++) {
        int i = species_idx ? species_idx[k] : k;
        if (i < 0 || i >= m->nspecies) {
            if (h != hbuf) free(h);
            return ferro_error_set(FERRO_EINVAL, "%s: species index %d out of range", m->source, i);
        }
        h[k] = m->sp[i].value_slot;
    }
    int rc = ferro_solver_run_values(s, t0, ntimes, times, n, h, out);
    if (h != hbuf) free(h);
    return rc;
}

void ferro_solver_stats(const ferro_solver_t *s, ferro_solver_stats_t *st) { *st = s->st; }
