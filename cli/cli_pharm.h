/* cli_pharm.h — options shared by the model modes of `dose`, `combo` and `screen`: the well
 * (--cell, --set, --with, --time, --cells) and dose series (--doses LIST, --range LO:HI:N). */
#ifndef FERRO_CLI_PHARM_H
#define FERRO_CLI_PHARM_H

#include "cli.h"
#include "ferrosim/population.h"

/* How the runs are solved: tolerances (--rtol, --atol: the screening defaults
 * FERRO_SCREEN_RTOL/ATOL) and pre-equilibration hours (--equilibrate, default FERRO_POP_EQUIL_H). */
typedef struct { double rtol, atol, equil_h; } cli_tol_t;

typedef struct {
    const char *cell;
    int nset, nwith;
    const char **set;   /* GENE=FACTOR */
    const char **with;  /* AGENT=DOSE (a background agent in every well) */
    double time;        /* hours */
    long ncells;        /* virtual cells per well */
    cli_tol_t tol;
} cli_well_t;

/* Option ids (above the shared ones) and their getopt_long entries. */
enum { CLI_OPT_CELL = 1100, CLI_OPT_SET, CLI_OPT_WITH, CLI_OPT_TIME, CLI_OPT_CELLS, CLI_OPT_RTOL, CLI_OPT_ATOL, CLI_OPT_EQUIL };
#define CLI_TOL_LONGOPTS {"rtol", required_argument, 0, CLI_OPT_RTOL}, {"atol", required_argument, 0, CLI_OPT_ATOL}, \
    {"equilibrate", required_argument, 0, CLI_OPT_EQUIL}
#define CLI_TOL_HELP                                                                               \
    "  --rtol R, --atol A   solver tolerances (default 1e-4 relative, 1e-8 absolute: viabilities\n"   \
    "                       within 2e-4 of rtol 1e-7 runs; --rtol 1e-6 --atol 1e-10 for tight runs)\n"   \
    CLI_EQUIL_HELP
#define CLI_EQUIL_HELP                                                                             \
    "  --equilibrate H      simulate each virtual cell untreated for H hours first and add the\n"  \
    "                       agents to the settled cell (default 0: from the model's initial state,\n" \
    "                       as the built-in findings were calibrated; 336 settles every line)\n"
#define CLI_WELL_LONGOPTS                                                                           \
    {"cell", required_argument, 0, CLI_OPT_CELL}, {"set", required_argument, 0, CLI_OPT_SET},       \
    {"with", required_argument, 0, CLI_OPT_WITH}, {"time", required_argument, 0, CLI_OPT_TIME},     \
    {"cells", required_argument, 0, CLI_OPT_CELLS}, CLI_TOL_LONGOPTS
#define CLI_WELL_HELP                                                                              \
    "  --cell NAME          cell line (ferrosim list cells)\n"                                     \
    "  --set GENE=FACTOR    scale the gene's expression (0 knockout, 0.2 knockdown, 5 overexpression)\n" \
    "  --with AGENT=DOSE    a background agent in every well (e.g. --with ferrostatin-1=1uM)\n"     \
    "  --time H             endpoint in hours (default 72)\n"                                      \
    "  --cells N            virtual cells per well (default 1000; sensitivity: 200)\n"                             \
    CLI_TOL_HELP

/* argc-sized arrays for set/with; defaults. Returns 0 or FERRO_ENOMEM. */
int cli_well_init(cli_well_t *a, int argc);
void cli_well_free(cli_well_t *a);
/* Handle a well option: 1 handled, 0 not a well option, -1 bad value (message printed). */
int cli_well_handle(cli_well_t *a, const char *cmd, int opt, const char *arg);
/* The condition template (cell, factors, background doses, time, cells, seed, threads); also
 * sets the world's solver tolerances. doses and factors must have room for a->nwith and a->nset
 * entries. Returns an exit status. */
int cli_well_condition(const cli_well_t *a, const char *cmd, const cli_common_t *com, ferro_world_t *w,
                       ferro_condition_t *c, ferro_dose_t *doses, ferro_gene_factor_t *factors);
/* Tolerances and pre-equilibration: the screening defaults; handle --rtol/--atol/--equilibrate
 * (1 handled, 0 not one of them, -1 bad value, message printed); apply them to the world
 * (returns an exit status). */
void cli_tol_init(cli_tol_t *t);
int cli_tol_handle(cli_tol_t *t, const char *cmd, int opt, const char *arg);
int cli_tol_apply(const cli_tol_t *t, const char *cmd, ferro_world_t *w);
/* A dose series for agent: --doses LIST (comma-separated, units allowed), --range LO:HI:N
 * (log-spaced), or neither: the agent's default range (9 doses). Dose 0 is put first. *dose is
 * malloc'ed. Returns an exit status. */
int cli_dose_series(const char *cmd, const char *opt, const ferro_world_t *w, int agent, const char *list,
                    const char *range, double **dose, int *n);
/* Load the world (data directory from FERROSIM_DATA or the built-in one). Returns an exit status. */
int cli_world_load(const char *cmd, ferro_world_t **w);

#endif
