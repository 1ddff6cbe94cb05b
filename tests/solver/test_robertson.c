/* test_robertson.c — the Robertson stiff problem through SBML import, compiled math, exact
 * Jacobian and CVODES BDF, against SciPy Radau at rtol 1e-12 (tests/data/solver/
 * make_robertson_ref.py -> robertson_ref.tsv). Also: the Jacobian against central differences,
 * parameter setting with initial assignments re-evaluated, workspace reuse, failures. */
#include <math.h>
#include <stdlib.h>
#include "ferrosim/io.h"
#include "ferrosim/sbml.h"
#include "ferrosim/solver.h"
#include "test_util.h"

#define XML FERRO_TEST_DATA "/solver/robertson.xml"

static void check_reference(ferro_solver_t *s)
{
    ferro_table_t *t;
    if (ferro_table_read(FERRO_TEST_DATA "/solver/robertson_ref.tsv", FERRO_TSV_SKIP_HASH, &t)) {
        expect_true(0, ferro_error_message());
        return;
    }
    double times[16], ref[16][3], out[16 * 3];
    int n = t->nrow;
    for (int i = 0; i < n; i++) {
        times[i] = atof(t->cell[i][0]);
        for (int k = 0; k < 3; k++) ref[i][k] = atof(t->cell[i][k + 1]);
    }
    ferro_table_free(t);
    int idx[3] = {0, 1, 2};
    int rc = ferro_solver_run(s, 0.0, n, times, 3, idx, out);
    if (rc) fprintf(stderr, "%s\n", ferro_error_message());
    expect_int(rc, 0, "Robertson run");
    for (int i = 0; i < n; i++)
        for (int k = 0; k < 3; k++) {
            char what[64];
            snprintf(what, sizeof what, "y%d at t=%g", k + 1, times[i]);
            /* rtol 1e-8 atol 1e-14 in the solver: agree to 1e-5 relative (y2 ~ 1e-10 at the end) */
            expect_rel(out[i * 3 + k], ref[i][k], 1e-5, what);
        }
}

static void check_jacobian(ferro_solver_t *s)
{
    double y[3] = {0.7, 3e-5, 0.3}, J[9], f1[3], f2[3];
    expect_int(ferro_solver_eval_jac(s, 0.0, y, J), 0, "jacobian");
    for (int j = 0; j < 3; j++) {
        double yp[3] = {y[0], y[1], y[2]}, ym[3] = {y[0], y[1], y[2]}, h = 1e-6 * fabs(y[j]);
        yp[j] += h;
        ym[j] -= h;
        expect_int(ferro_solver_eval_rhs(s, 0.0, yp, f1), 0, "rhs+");
        expect_int(ferro_solver_eval_rhs(s, 0.0, ym, f2), 0, "rhs-");
        for (int i = 0; i < 3; i++) {
            double fd = (f1[i] - f2[i]) / (2 * h);
            expect_abs(J[j * 3 + i], fd, 1e-6 * (fabs(fd) + 1.0), "J = central difference");
        }
    }
    /* analytic: dF1/dy1 = -0.04, dF3/dy2 = 6e7*y2 */
    expect_rel(J[0], -0.04, 1e-14, "J11 analytic");
    expect_rel(J[1 * 3 + 2], 6e7 * y[1], 1e-14, "J32 analytic");
}

int main(void)
{
    ferro_model_t *m;
    if (ferro_sbml_load(XML, 0, &m)) {
        fprintf(stderr, "%s\n", ferro_error_message());
        expect_true(0, "load robertson.xml");
        return test_summary("solver/robertson");
    }
    expect_int(ferro_model_n_species(m), 3, "3 species");
    expect_int(ferro_model_n_states(m), 3, "3 states");
    ferro_solver_opts_t o;
    ferro_solver_opts_init(&o);
    o.rtol = 1e-8;
    o.atol = 1e-14;
    ferro_solver_t *s;
    expect_int(ferro_solver_create(m, &o, &s), 0, "create");
    check_reference(s);
    check_jacobian(s);
    check_reference(s); /* the workspace is reusable: same numbers again */
    o.nonneg = 1;       /* with CVODE's non-negativity constraints: the same reference */
    expect_int(ferro_solver_set_options(s, &o), 0, "nonneg on");
    check_reference(s);
    o.nonneg = 0;
    expect_int(ferro_solver_set_options(s, &o), 0, "nonneg off");

    /* a parameter set before a run re-evaluates the initial assignment y1 = y1_0 */
    int p;
    expect_int(ferro_model_find_param(m, "y1_0", &p), 0, "find y1_0");
    expect_int(ferro_solver_set_param(s, p, 2.0), 0, "set y1_0");
    double t0[1] = {0.0}, v[3];
    expect_int(ferro_solver_run(s, 0.0, 1, t0, 0, NULL, v), 0, "run at t0");
    expect_rel(v[0], 2.0, 0, "y1(0) follows y1_0");
    int tot;
    expect_int(ferro_model_find_param(m, "total", &tot), 0, "find total");
    expect_true(!ferro_model_param_settable(m, tot), "rule target not settable");
    expect_true(ferro_solver_set_param(s, tot, 1.0) == FERRO_EINVAL, "setting a rule target fails");
    ferro_solver_reset_params(s);
    expect_int(ferro_solver_run(s, 0.0, 1, t0, 0, NULL, v), 0, "run after reset");
    expect_rel(v[0], 1.0, 0, "y1(0) back to 1");

    /* reuse does not depend on history: after a run with other parameters and output times,
     * a workspace gives bit for bit what a fresh one gives */
    {
        double ta[3] = {0.1, 7.0, 4e5}, tb[2] = {40.0, 4000.0}, a[9], b[6], c[6]; /* times x 3 species */
        ferro_solver_t *fresh;
        expect_int(ferro_solver_set_param(s, p, 1.7), 0, "set y1_0");
        expect_int(ferro_solver_run(s, 0.0, 3, ta, 0, NULL, a), 0, "run a");
        ferro_solver_reset_params(s);
        expect_int(ferro_solver_run(s, 0.0, 2, tb, 0, NULL, b), 0, "run b on the used workspace");
        expect_int(ferro_solver_create(m, &o, &fresh), 0, "fresh workspace");
        expect_int(ferro_solver_run(fresh, 0.0, 2, tb, 0, NULL, c), 0, "run b on a fresh workspace");
        int same = 1;
        for (int i = 0; i < 6; i++) same &= b[i] == c[i];
        expect_true(same, "reused workspace = fresh workspace, bit for bit");
        ferro_solver_free(fresh);
    }

    /* a failure names the time and CVODE's reason */
    o.max_steps = 5;
    expect_int(ferro_solver_set_options(s, &o), 0, "few steps");
    double tf[1] = {4e7};
    expect_int(ferro_solver_run(s, 0.0, 1, tf, 0, NULL, v), FERRO_ESOLVER, "too many steps fails");
    expect_true(strstr(ferro_error_message(), "CV_TOO_MUCH_WORK") != NULL, "message names CV_TOO_MUCH_WORK");
    expect_true(strstr(ferro_error_message(), "t = ") != NULL, "message names the time");
    ferro_solver_free(s);
    ferro_model_free(m);
    return test_summary("solver/robertson");
}
