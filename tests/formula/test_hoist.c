/* test_hoist.c — the right-hand side with its run-constant part hoisted (src/formula/hoist.c)
 * against the code as compiled: on the built-in model the solver's derivatives equal, bit for
 * bit, those of the unhoisted "every rule" range at random states, with default and with changed
 * parameters (the prologue runs per run); the exact Jacobian agrees with central differences of
 * the hoisted right-hand side; a parameter an event changes is not hoisted (analytic solution). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ferrosim/sbml.h"
#include "ferrosim/solver.h"
#include "formula/model_impl.h"
#include "test_util.h"

#define MODEL FERRO_SOURCE_DIR "/data/model/ferroptosis_all.xml"

static double urand(unsigned long long *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*s >> 11) / 9007199254740992.0;
}

/* ydot from the solver (hoisted rhs) against the code as compiled, run here on a slot array of
 * our own: file values, the parameters set (locked: their initial definitions skipped), the
 * initial definitions, then every rule (the unhoisted "full" range) at the state. */
static void check_states(ferro_solver_t *s, const ferro_model_t *m, const double *pval, const unsigned char *locked,
                         const double *y0, unsigned long long *seed, const char *what)
{
    int n = m->nstates;
    double *y = malloc((size_t)n * sizeof *y), *yd = malloc((size_t)n * sizeof *yd);
    double *v = malloc((size_t)m->nslots_total * sizeof *v);
    int same = 1;
    for (int rep = 0; rep < 5; rep++) {
        for (int i = 0; i < n; i++) y[i] = y0[i] * (0.5 + urand(seed));
        double t = 10.0 * urand(seed);
        expect_int(ferro_solver_eval_rhs(s, t, y, yd), 0, "eval_rhs");
        memcpy(v, m->v0, (size_t)m->nslots * sizeof *v);
        for (int p = 0; p < m->nparams; p++)
            if (locked[p]) v[m->par[p].slot] = pval[p];
        for (int i = 0; i < m->ninit; i++) {
            int skip = 0;
            for (int p = 0; p < m->nparams; p++) skip |= locked[p] && m->par[p].slot == m->init[i].slot;
            if (!skip) fx_run(m->code.ins, m->init[i].code.start, m->init[i].code.end, v);
        }
        v[FXM_SLOT_TIME] = t;
        for (int i = 0; i < n; i++) v[m->st_slot[i]] = y[i];
        fx_run(m->code.ins, m->full.start, m->full.end, v);
        for (int i = 0; i < n; i++)
            if (memcmp(&v[m->st_dslot[i]], &yd[i], sizeof(double)) != 0) same = 0;
    }
    expect_true(same, what);
    free(y);
    free(yd);
    free(v);
}

static void builtin(void)
{
    ferro_model_t *m;
    if (ferro_sbml_load(MODEL, 0, &m)) { expect_true(0, ferro_error_message()); return; }
    /* the built-in model has run-constant products of parameters: the prologue is not empty */
    expect_true(m->hoist.end - m->hoist.start > 100, "built-in model: > 100 instructions hoisted");
    ferro_solver_t *s;
    if (ferro_solver_create(m, NULL, &s)) { expect_true(0, ferro_error_message()); ferro_model_free(m); return; }
    int n = m->nstates;
    double *y0 = malloc((size_t)n * sizeof *y0), *pval = calloc((size_t)m->nparams, sizeof *pval);
    unsigned char *locked = calloc((size_t)m->nparams, 1);
    unsigned long long seed = 42;
    expect_int(ferro_solver_initial_state(s, 0.0, y0), 0, "initial state");
    check_states(s, m, pval, locked, y0, &seed, "hoisted rhs == unhoisted rules (default parameters), bit for bit");
    /* changed parameters: the prologue must see them */
    for (int p = 0; p < m->nparams; p += 3)
        if (m->par[p].settable) {
            pval[p] = m->v0[m->par[p].slot] * (0.5 + urand(&seed));
            locked[p] = 1;
            expect_int(ferro_solver_set_param(s, p, pval[p]), 0, "set");
        }
    expect_int(ferro_solver_initial_state(s, 0.0, y0), 0, "initial state");
    check_states(s, m, pval, locked, y0, &seed, "hoisted rhs == unhoisted rules (changed parameters), bit for bit");
    free(pval);
    free(locked);
    /* the exact Jacobian (forward mode through the hoisted code) against central differences */
    double *J = malloc((size_t)n * n * sizeof *J), *yp = malloc((size_t)n * sizeof *yp);
    double *f1 = malloc((size_t)n * sizeof *f1), *f2 = malloc((size_t)n * sizeof *f2);
    expect_int(ferro_solver_eval_jac(s, 1.0, y0, J), 0, "jacobian");
    double worst = 0;
    for (int j = 0; j < n; j++) {
        double h = 1e-6 * (fabs(y0[j]) > 1e-12 ? fabs(y0[j]) : 1e-12);
        memcpy(yp, y0, (size_t)n * sizeof *yp);
        yp[j] = y0[j] + h;
        expect_int(ferro_solver_eval_rhs(s, 1.0, yp, f1), 0, "rhs+");
        yp[j] = y0[j] - h;
        expect_int(ferro_solver_eval_rhs(s, 1.0, yp, f2), 0, "rhs-");
        for (int i = 0; i < n; i++) {
            double fd = (f1[i] - f2[i]) / (2 * h), ex = J[(long)j * n + i];
            double scale = fabs(ex) + 1e-3 * (fabs(f1[i]) + fabs(f2[i])) / (fabs(y0[j]) + 1e-12) + 1e-300;
            double e = fabs(fd - ex) / scale;
            if (e > worst) worst = e;
        }
    }
    /* central differences with h = 1e-6 |y|: truncation and rounding ~1e-6 relative */
    expect_true(worst < 1e-4, "Jacobian vs central differences (scaled error < 1e-4)");
    free(J), free(yp), free(f1), free(f2), free(y0);
    ferro_solver_free(s);
    ferro_model_free(m);
}

/* dA/dt = -k c A with k = 1 until t = 1, then an event sets k = 3: A(2) = exp(-c) exp(-3c).
 * k * c would be run-constant but for the event. */
static const char *EVENT_XML =
    "<?xml version='1.0' encoding='UTF-8'?>"
    "<sbml xmlns='http://www.sbml.org/sbml/level3/version1/core' level='3' version='1'>"
    "<model id='hoist_event'>"
    "<listOfCompartments><compartment id='C' size='1' constant='true' spatialDimensions='3'/></listOfCompartments>"
    "<listOfSpecies><species id='A' compartment='C' initialAmount='1' hasOnlySubstanceUnits='true'"
    " boundaryCondition='false' constant='false'/></listOfSpecies>"
    "<listOfParameters><parameter id='k' value='1' constant='false'/><parameter id='c' value='0.5' constant='true'/>"
    "</listOfParameters>"
    "<listOfReactions><reaction id='R' reversible='false' fast='false'>"
    "<listOfReactants><speciesReference species='A' stoichiometry='1' constant='true'/></listOfReactants>"
    "<kineticLaw><math xmlns='http://www.w3.org/1998/Math/MathML'><apply><times/><ci>k</ci><ci>c</ci><ci>A</ci>"
    "</apply></math></kineticLaw></reaction></listOfReactions>"
    "<listOfEvents><event id='E' useValuesFromTriggerTime='true'><trigger initialValue='false' persistent='true'>"
    "<math xmlns='http://www.w3.org/1998/Math/MathML'><apply><geq/><csymbol encoding='text'"
    " definitionURL='http://www.sbml.org/sbml/symbols/time'>t</csymbol><cn>1</cn></apply></math></trigger>"
    "<listOfEventAssignments><eventAssignment variable='k'><math xmlns='http://www.w3.org/1998/Math/MathML'>"
    "<cn>3</cn></math></eventAssignment></listOfEventAssignments></event></listOfEvents>"
    "</model></sbml>";

static void event_parameter(void)
{
    ferro_model_t *m;
    if (ferro_sbml_load_string(EVENT_XML, 0, &m)) { expect_true(0, ferro_error_message()); return; }
    ferro_solver_opts_t o;
    ferro_solver_opts_init(&o);
    o.rtol = 1e-10;
    o.atol = 1e-14;
    ferro_solver_t *s;
    if (ferro_solver_create(m, &o, &s)) { expect_true(0, ferro_error_message()); ferro_model_free(m); return; }
    double t[2] = {1.0, 2.0}, out[2];
    int idx = 0;
    expect_int(ferro_solver_run(s, 0.0, 2, t, 1, &idx, out), 0, "run");
    expect_rel(out[0], exp(-0.5), 1e-8, "A(1) = exp(-k c), k = 1");
    expect_rel(out[1], exp(-0.5) * exp(-1.5), 1e-8, "A(2) after the event set k = 3");
    ferro_solver_free(s);
    ferro_model_free(m);
}

int main(void)
{
    builtin();
    event_parameter();
    return test_summary("formula/hoist");
}
