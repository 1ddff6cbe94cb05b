/* engine_bench.c — timings of the simulation engine for bench/engine.sh.
 *   engine_bench emit-c|emit-py MODEL   the model's right-hand side as direct C / Python source,
 *                                       with its slot values and initial state at t = 0
 *   engine_bench rhs MODEL REPS         ns per right-hand-side and Jacobian evaluation
 *   engine_bench sim MODEL T NOUT REPS  ms to import; us per simulation of [0, T] */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ferrosim/sbml.h"
#include "ferrosim/solver.h"
#include "formula/model_impl.h"
#include "solver/solver_impl.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void values(FILE *fp, const char *name, const double *x, int n, int py)
{
    fprintf(fp, py ? "%s = [" : "static double %s[%d] = {", name, n > 0 ? n : 1);
    if (!py) fprintf(fp, "\n");
    for (int i = 0; i < n; i++) {
        if (x[i] != x[i]) fprintf(fp, "%s%s", i ? ", " : "", py ? "math.nan" : "NAN");
        else if (x[i] > 1.7e308 || x[i] < -1.7e308) fprintf(fp, "%s%s%s", i ? ", " : "", x[i] < 0 ? "-" : "", py ? "math.inf" : "INFINITY");
        else fprintf(fp, "%s%.17g", i ? ", " : "", x[i]);
    }
    if (n == 0 && !py) fprintf(fp, "0");
    fprintf(fp, py ? "]\n" : "};\n");
}

int main(int argc, char **argv)
{
    if (argc < 3) { fprintf(stderr, "usage: engine_bench emit-c|emit-py|rhs|sim MODEL ...\n"); return 2; }
    double t0 = now();
    ferro_model_t *m;
    if (ferro_sbml_load(argv[2], FERRO_SBML_QUIET, &m)) { fprintf(stderr, "%s\n", ferro_error_message()); return 1; }
    double t_load = now() - t0;
    ferro_solver_opts_t o;
    ferro_solver_opts_init(&o);
    ferro_solver_t *s;
    if (ferro_solver_create(m, &o, &s)) { fprintf(stderr, "%s\n", ferro_error_message()); return 1; }
    int n = m->nstates;
    double *y = calloc((size_t)n + 1, sizeof *y), *yd = calloc((size_t)n + 1, sizeof *yd);
    double *J = calloc((size_t)n * (size_t)n + 1, sizeof *J);
    if (ferro_solver_initial_state(s, 0.0, y)) return 1;
    const char *mode = argv[1];
    if (!strcmp(mode, "emit-c") || !strcmp(mode, "emit-py")) {
        int py = !strcmp(mode, "emit-py");
        if (py) printf("import math\nNSTATES = %d\nNSLOTS = %d\n", n, m->nslots);
        else printf("#include <math.h>\nenum { NSTATES = %d, NSLOTS = %d };\n", n, m->nslots);
        values(stdout, "V0", s->v, m->nslots, py);
        values(stdout, "Y0", y, n, py);
        if (fxm_emit_rhs(m, stdout, py)) { fprintf(stderr, "%s\n", ferro_error_message()); return 1; }
    } else if (!strcmp(mode, "rhs") && argc >= 4) {
        long reps = atol(argv[3]);
        double sum = 0;
        t0 = now();
        for (long r = 0; r < reps; r++) {
            y[0] += 1e-300; /* defeat hoisting */
            if (ferro_solver_eval_rhs(s, 0.0, y, yd)) return 1;
            sum += yd[0];
        }
        double t_rhs = (now() - t0) / (double)reps;
        long jreps = reps / 10 > 0 ? reps / 10 : 1;
        t0 = now();
        for (long r = 0; r < jreps; r++)
            if (ferro_solver_eval_jac(s, 0.0, y, J)) return 1;
        double t_jac = (now() - t0) / (double)jreps;
        double chk = 0;
        for (int i = 0; i < n; i++) chk += yd[i];
        printf("states\t%d\nrhs_ns\t%.1f\njac_ns\t%.1f\njac_nnz\t%d\njac_colors\t%d\nchecksum\t%.12g\n", n, 1e9 * t_rhs,
               1e9 * t_jac, m->nnz, m->ncolors, chk + 0 * sum);
    } else if (!strcmp(mode, "sim") && argc >= 6) {
        double T = atof(argv[3]);
        int nout = atoi(argv[4]);
        long reps = atol(argv[5]);
        double *times = calloc((size_t)nout + 1, sizeof *times);
        double *out = calloc((size_t)(nout + 1) * (size_t)(m->nspecies + 1), sizeof *out);
        for (int i = 0; i < nout; i++) times[i] = T * (i + 1) / nout;
        t0 = now();
        for (long r = 0; r < reps; r++)
            if (ferro_solver_run(s, 0.0, nout, times, 0, NULL, out)) { fprintf(stderr, "%s\n", ferro_error_message()); return 1; }
        double t_sim = (now() - t0) / (double)reps;
        ferro_solver_stats_t st;
        ferro_solver_stats(s, &st);
        printf("species\t%d\nstates\t%d\nimport_ms\t%.2f\nsim_us\t%.1f\nsteps\t%ld\nrhs_evals\t%ld\njac_evals\t%ld\n",
               m->nspecies, n, 1e3 * t_load, 1e6 * t_sim, st.nsteps, st.nrhs, st.njac);
        printf("final_states");
        for (int k = 0; k < n && k < 4; k++) printf("\t%.6g", s->v[m->st_slot[k]]);
        printf("\n");
        free(times);
        free(out);
    } else {
        fprintf(stderr, "engine_bench: bad mode or arguments\n");
        return 2;
    }
    free(y); free(yd); free(J);
    ferro_solver_free(s);
    ferro_model_free(m);
    return 0;
}
