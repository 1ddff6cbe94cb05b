/* test_delay.c — delay differential equations (SBML delay()) against analytic solutions
 * (tests/data/solver/dde.xml):
 *  - dx/dt = -x(t - 1), x = 1 for t <= 0. The method of steps gives, on [n - 1, n],
 *    x(t) = sum_{k=0}^{n} (-1)^k (t - k + 1)^k / k!  (1 - t on [0, 1], 1 - t + (t - 1)^2 / 2 on
 *    [1, 2], ...): derivative discontinuities at t = 0, 1, 2 (the solver restarts there);
 *  - y = delay(s, 0.55) with s = sin(time): y = sin(t - 0.55), also for t < 0.55 (the past of s is
 *    its rule at the earlier time); s is no state, so the history's own accuracy is tested.
 * Also: the same numbers from a reused workspace (the history is reset per run), a start time
 * other than 0, the Jacobian (the delayed term has no derivative in the current state). */
#include <math.h>
#include <string.h>
#include "ferrosim/sbml.h"
#include "ferrosim/solver.h"
#include "test_util.h"

#define XML FERRO_TEST_DATA "/solver/dde.xml"
#define NT 101

static double x_exact(double t)
{
    if (t <= 0) return 1.0;
    int n = (int)ceil(t);
    double sum = 0.0, fact = 1.0;
    for (int k = 0; k <= n; k++) {
        if (k) fact *= k;
        sum += (k % 2 ? -1.0 : 1.0) * pow(t - k + 1.0, k) / fact;
    }
    return sum;
}

/* Largest errors of x and y over t0 + [0, 10]; the run's x(t0 + u) is x_exact(u). */
static void run(ferro_solver_t *s, const int *h, double t0, double *ex, double *ey, double *out)
{
    double times[NT];
    for (int i = 0; i < NT; i++) times[i] = t0 + 0.1 * i;
    int rc = ferro_solver_run_values(s, t0, NT, times, 2, h, out);
    if (rc) fprintf(stderr, "%s\n", ferro_error_message());
    expect_int(rc, 0, "run");
    *ex = *ey = 0;
    for (int i = 0; i < NT; i++) {
        double dx = fabs(out[2 * i] - x_exact(times[i] - t0)), dy = fabs(out[2 * i + 1] - sin(times[i] - 0.55));
        if (!(dx <= *ex)) *ex = dx;
        if (!(dy <= *ey)) *ey = dy;
    }
}

/* A delay time that turns negative (1 - time) fails the run with a message naming it. */
static void negative_delay(void)
{
    static const char xml[] =
        "<?xml version='1.0' encoding='UTF-8'?>"
        "<sbml xmlns='http://www.sbml.org/sbml/level3/version2/core' level='3' version='2'><model id='neg'>"
        "<listOfParameters><parameter id='x' value='1' constant='false'/></listOfParameters>"
        "<listOfRules><rateRule variable='x'><math xmlns='http://www.w3.org/1998/Math/MathML'><apply><minus/>"
        "<apply><csymbol encoding='text' definitionURL='http://www.sbml.org/sbml/symbols/delay'>delay</csymbol><ci>x</ci>"
        "<apply><minus/><cn>1</cn><csymbol encoding='text' definitionURL='http://www.sbml.org/sbml/symbols/time'>time</csymbol>"
        "</apply></apply></apply></math></rateRule></listOfRules></model></sbml>";
    ferro_model_t *m;
    ferro_solver_t *s = NULL;
    if (ferro_sbml_load_string(xml, 0, &m) || ferro_solver_create(m, NULL, &s)) {
        expect_true(0, ferro_error_message());
        return;
    }
    double times[2] = {0.5, 2.0}, out[2];
    int rc = ferro_solver_run(s, 0.0, 2, times, 0, NULL, out);
    expect_int(rc, FERRO_ESOLVER, "a negative delay time fails the run");
    expect_true(strstr(ferro_error_message(), "delay time is negative") != NULL, ferro_error_message());
    ferro_solver_free(s);
    ferro_model_free(m);
}

int main(void)
{
    negative_delay();
    expect_abs(x_exact(0.5), 0.5, 1e-15, "series: 1 - t on [0, 1]");
    expect_abs(x_exact(1.5), 1 - 1.5 + 0.125, 1e-15, "series: 1 - t + (t - 1)^2 / 2 on [1, 2]");
    ferro_model_t *m;
    if (ferro_sbml_load(XML, 0, &m)) {
        fprintf(stderr, "%s\n", ferro_error_message());
        expect_true(0, "load dde.xml");
        return test_summary("solver/delay");
    }
    int h[2];
    expect_int(ferro_model_find_value(m, "x", FERRO_VALUE_SYMBOL, &h[0]), 0, "x");
    expect_int(ferro_model_find_value(m, "y", FERRO_VALUE_SYMBOL, &h[1]), 0, "y");
    ferro_solver_opts_t o;
    ferro_solver_opts_init(&o);
    o.rtol = 1e-10;
    o.atol = 1e-12;
    ferro_solver_t *s;
    expect_int(ferro_solver_create(m, &o, &s), 0, "create");
    double ex, ey, out1[2 * NT], out2[2 * NT];
    run(s, h, 0.0, &ex, &ey, out1);
    printf("rtol 1e-10: max |x - exact| = %.3g, max |y - sin(t - 0.55)| = %.3g over [0, 10]\n", ex, ey);
    expect_true(ex <= 1e-8, "x(t) = method-of-steps series within 1e-8 (rtol 1e-10)");
    expect_true(ey <= 1e-8, "y(t) = sin(t - 0.55) within 1e-8 (rtol 1e-10)");
    run(s, h, 0.0, &ex, &ey, out2);
    int same = 1;
    for (int i = 0; i < 2 * NT; i++) same &= out1[i] == out2[i];
    expect_true(same, "a reused workspace gives the same numbers bit for bit");
    double t0 = 2.5;
    int rc;
    double times[NT];
    for (int i = 0; i < NT; i++) times[i] = t0 + 0.1 * i;
    rc = ferro_solver_run_values(s, t0, NT, times, 2, h, out2);
    if (rc) fprintf(stderr, "%s\n", ferro_error_message());
    expect_int(rc, 0, "run from t0 = 2.5");
    double e2 = 0;
    for (int i = 0; i < NT; i++) {
        double d = fabs(out2[2 * i] - x_exact(times[i] - t0));
        if (d > e2) e2 = d;
    }
    expect_true(e2 <= 1e-8, "from t0 = 2.5: the history before t0 is x's initial value");
    o.rtol = 1e-6;
    o.atol = 1e-9;
    expect_int(ferro_solver_set_options(s, &o), 0, "default-like tolerances");
    run(s, h, 0.0, &ex, &ey, out1);
    printf("rtol 1e-6: max |x - exact| = %.3g, max |y - sin(t - 0.55)| = %.3g\n", ex, ey);
    expect_true(ex <= 1e-4 && ey <= 1e-4, "rtol 1e-6: within 1e-4");
    double y0 = 0.3, J = -1, f = 0;
    expect_int(ferro_solver_eval_jac(s, 0.0, &y0, &J), 0, "jacobian");
    expect_abs(J, 0.0, 0.0, "d(-x(t-1))/dx(t) = 0: the delayed term depends on the past only");
    expect_int(ferro_solver_eval_rhs(s, 0.0, &y0, &f), 0, "rhs");
    expect_true(isfinite(f), "rhs finite");
    ferro_solver_free(s);
    ferro_model_free(m);
    return test_summary("solver/delay");
}
