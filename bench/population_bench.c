/* population_bench.c — timing of src/population through the public API (bench/population.sh
 * builds and runs it). Prints one "key<TAB>value" line per figure.
 *   population_bench DATA_DIR CELL AGENT DOSE N_SINGLE N_POP */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ferrosim/population.h"

/* Wall time, and the process's CPU time (all threads): on a shared machine the CPU time of a
 * one-thread run is the better measure of the work. */
static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}
static double now(void) { return clock_s(CLOCK_MONOTONIC); }
static double cpu(void) { return clock_s(CLOCK_PROCESS_CPUTIME_ID); }

static int die(const char *what)
{
    fprintf(stderr, "population_bench: %s: %s\n", what, ferro_error_message());
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 7) {
        fprintf(stderr, "usage: population_bench DATA_DIR CELL AGENT DOSE N_SINGLE N_POP\n");
        return 2;
    }
    ferro_world_t *w;
    ferro_condition_t c;
    ferro_dose_t d;
    ferro_result_t *r1 = NULL, *r2 = NULL;
    double t0 = now();
    if (ferro_world_load(argv[1], NULL, &w)) return die("load");
    printf("load_ms\t%.1f\n", 1e3 * (now() - t0));
    ferro_condition_init(&c);
    if (ferro_world_find_cell(w, argv[2], &c.cell) || ferro_world_find_agent(w, argv[3], &d.agent) ||
        ferro_world_parse_dose(w, d.agent, argv[4], &d.dose))
        return die("names");
    int nsingle = atoi(argv[5]), npop = atoi(argv[6]);

    /* the line's mean cell under the agent: deterministic, comparable with the peer */
    c.ndoses = 1;
    c.doses = &d;
    if (ferro_population_run(w, &c, &r1)) return die("mean cell");
    printf("cell_viability_72h\t%.6g\n", r1->viability[r1->ntimes - 1]);
    ferro_result_free(r1);
    c.ndoses = 0;
    c.doses = NULL;

    /* single-cell 72-h simulations: an untreated population, one simulation per cell, 1 thread */
    c.t_end = 72;
    c.t_step = 72;
    c.ncells = nsingle;
    c.threads = 1;
    t0 = now();
    double c0 = cpu();
    if (ferro_population_run(w, &c, &r1)) return die("single");
    double dt = now() - t0, dc = cpu() - c0;
    printf("single_cell_us\t%.1f\n", 1e6 * dt / nsingle);
    printf("single_cell_cpu_us\t%.1f\n", 1e6 * dc / nsingle);
    ferro_result_free(r1);

    /* a treated population: untreated + treated simulation per cell, hourly output */
    c.t_step = 1;
    c.ncells = npop;
    c.ndoses = 1;
    c.doses = &d;
    for (int th = 1; th <= 2; th++) {
        c.threads = th;
        t0 = now();
        c0 = cpu();
        if (ferro_population_run(w, &c, th == 1 ? &r1 : &r2)) return die("population");
        dt = now() - t0;
        dc = cpu() - c0;
        printf("pop_cells_per_s_%dt\t%.1f\n", th, npop / dt);
        printf("pop_cells_per_cpu_s_%dt\t%.1f\n", th, npop / dc);
        printf("pop_seconds_%dt\t%.3f\n", th, dt);
    }
    printf("pop_viability_72h\t%.6g\n", r1->viability[r1->ntimes - 1]);
    printf("threads_bit_identical\t%s\n",
           !memcmp(r1->viability, r2->viability, (size_t)r1->ntimes * sizeof(double)) &&
                   !memcmp(r1->mean, r2->mean, (size_t)r1->ntimes * r1->nspecies * sizeof(double))
               ? "yes" : "NO");
    ferro_result_free(r1);
    ferro_result_free(r2);

    /* the pharmacology unit: endpoint viability of a dose series sharing the untreated reference
     * (10 doses x N_POP/10 cells; issue 3's 10x10 matrix at 1,000 cells is 10 of these) */
    enum { NDOSE = 10 };
    ferro_condition_t cc[NDOSE];
    ferro_dose_t dd[NDOSE];
    double v[NDOSE];
    for (int i = 0; i < NDOSE; i++) {
        cc[i] = c;
        cc[i].ncells = npop / 10;
        cc[i].t_step = 72;
        cc[i].threads = 2;
        dd[i] = d;
        dd[i].dose = d.dose * (i + 1) / NDOSE;
        cc[i].doses = &dd[i];
    }
    t0 = now();
    c0 = cpu();
    if (ferro_population_viability_many(w, cc, NDOSE, v)) return die("viability_many");
    dt = now() - t0;
    dc = cpu() - c0;
    printf("many_sims_per_s_2t\t%.1f\n", (NDOSE + 1) * (npop / 10) / dt);
    printf("many_sims_per_cpu_s\t%.1f\n", (NDOSE + 1) * (npop / 10) / dc);
    printf("many_seconds_2t\t%.3f\n", dt);
    ferro_world_free(w);
    return 0;
}
