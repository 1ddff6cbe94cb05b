/* ferrosim/dist.h — distributed runs over Open MPI (runs that outgrow one machine).
 *
 * `mpirun -n R ferrosim dose|combo|screen|simulate|personalise ...` splits the virtual cells of
 * every population run across the R processes (each still uses --threads OpenMP threads); the
 * results are identical, bit for bit, to a run in one process: each per-cell value is computed by
 * exactly one rank, the ranks exchange them exactly (a sum with zeros), and every rank reduces
 * them in the same fixed order. Rank 0 alone writes output.
 *
 * Without MPI in the build, or when the program was not started by an MPI launcher, the functions
 * describe a single process (rank 0 of 1) and cost nothing. MPI calls are made only outside
 * OpenMP parallel regions, from the thread that called ferro_dist_init.
 */
#ifndef FERROSIM_DIST_H
#define FERROSIM_DIST_H

#include <stddef.h>

#include "ferrosim/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Starts MPI if the build has it and an MPI launcher started this process (mpirun sets
 * OMPI_COMM_WORLD_SIZE / PMIX_RANK / PMI_RANK); otherwise a no-op. Call once, first. */
int ferro_dist_init(int *argc, char ***argv) FERRO_WUR;
/* For a program's main, once, at its end (the library never calls it): ends a distributed run
 * with this process's exit status. Every rank waits for the others at a last barrier; a rank
 * that failed waits at most a few seconds (all ranks failing alike, e.g. on bad input, end
 * normally with the message printed once) and otherwise stops the whole run (MPI_Abort: it
 * failed alone while the others wait for it in an exchange). A no-op when not distributed. */
void ferro_dist_end(int status);

int ferro_dist_available(void); /* 1 if the build has MPI */
int ferro_dist_rank(void);      /* 0 .. size-1 */
int ferro_dist_size(void);      /* 1 unless distributed */

/* Whether this rank computes item k of n (contiguous blocks: rank r owns
 * [r n / size, (r + 1) n / size)). */
int ferro_dist_owns(long k, long n);
long ferro_dist_share(long n); /* how many of n items this rank owns */

/* Completes buf (n doubles) on every rank from the parts each rank computed: a value computed by
 * one rank, zero on the others (buffers must start zeroed), so the exchange is exact. rc is this
 * rank's status (0 or a FERRO_E* code); the result is the status of the lowest failing rank, with
 * its error message, on every rank, so all ranks stop together. buf is left alone on failure. */
int ferro_dist_merge(double *buf, size_t n, int rc) FERRO_WUR;

#ifdef __cplusplus
}
#endif
#endif
