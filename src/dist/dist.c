/* dist.c — the Open MPI layer: the only file that calls MPI (ferrosim/dist.h). */
#include "ferrosim/dist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef FERRO_HAVE_MPI
#include <mpi.h>
#endif

static int dist_rank = 0, dist_size = 1, dist_started = 0;

int ferro_dist_available(void)
{
#ifdef FERRO_HAVE_MPI
    return 1;
#else
    return 0;
#endif
}

int ferro_dist_rank(void) { return dist_rank; }
int ferro_dist_size(void) { return dist_size; }

int ferro_dist_owns(long k, long n)
{
    if (dist_size == 1) return 1;
    long long lo = (long long)dist_rank * n / dist_size, hi = (long long)(dist_rank + 1) * n / dist_size;
    return k >= lo && k < hi;
}

long ferro_dist_share(long n)
{
    return (long)((long long)(dist_rank + 1) * n / dist_size - (long long)dist_rank * n / dist_size);
}

#ifdef FERRO_HAVE_MPI
/* Open MPI's launcher sets these; a plain `ferrosim ...` never initialises MPI (no start-up cost,
 * no daemon). PMI_RANK covers MPICH-style launchers. */
static int launched_by_mpi(void)
{
    return getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMIX_RANK") || getenv("PMI_RANK");
}
#endif

int ferro_dist_init(int *argc, char ***argv)
{
#ifdef FERRO_HAVE_MPI
    if (dist_started || !launched_by_mpi()) return 0;
    int provided;
    if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
        return ferro_error_set(FERRO_EIO, "MPI_Init_thread failed: cannot start the distributed run");
    dist_started = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &dist_rank);
    MPI_Comm_size(MPI_COMM_WORLD, &dist_size);
    if (provided < MPI_THREAD_FUNNELED) {
        MPI_Finalize();
        dist_started = 0;
        dist_rank = 0;
        dist_size = 1;
        return ferro_error_set(FERRO_EUNSUPPORTED, "this MPI library does not allow OpenMP threads "
                                                   "(MPI_THREAD_FUNNELED); rebuild Open MPI with thread support");
    }
    return 0;
#else
    (void)argc;
    (void)argv;
    return 0;
#endif
}

void ferro_dist_end(int status)
{
#ifdef FERRO_HAVE_MPI
    if (!dist_started) return;
    fflush(stdout);
    fflush(stderr);
    if (dist_size > 1) {
        MPI_Request req;
        int done = 0;
        MPI_Ibarrier(MPI_COMM_WORLD, &req);
        if (status == 0) {
            MPI_Wait(&req, MPI_STATUS_IGNORE);
            done = 1;
        } else { /* poll for up to 5 s: the others either end too or are stuck waiting for us */
            struct timespec nap = {0, 10000000};
            for (int i = 0; i < 500 && !done; i++) {
                MPI_Test(&req, &done, MPI_STATUS_IGNORE);
                if (!done) nanosleep(&nap, NULL);
            }
        }
        if (!done) MPI_Abort(MPI_COMM_WORLD, status);
    }
    MPI_Finalize();
    dist_started = 0;
    dist_rank = 0;
    dist_size = 1;
#else
    (void)status;
#endif
}

int ferro_dist_merge(double *buf, size_t n, int rc)
{
#ifdef FERRO_HAVE_MPI
    if (dist_size == 1) return rc;
    int mine = rc ? dist_rank : dist_size, first;
    if (MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD) != MPI_SUCCESS)
        return ferro_error_set(FERRO_EIO, "MPI_Allreduce failed");
    if (first < dist_size) { /* a rank failed: all report its error */
        char msg[1024];
        int code = rc;
        if (dist_rank == first) snprintf(msg, sizeof msg, "%s", ferro_error_message());
        MPI_Bcast(&code, 1, MPI_INT, first, MPI_COMM_WORLD);
        MPI_Bcast(msg, (int)sizeof msg, MPI_CHAR, first, MPI_COMM_WORLD);
        msg[sizeof msg - 1] = 0;
        return ferro_error_set(code, "%s%s", msg, dist_rank == first ? "" : " (on another MPI rank)");
    }
    for (size_t off = 0; off < n;) { /* counts are int in MPI */
        int m = n - off > (size_t)1 << 26 ? 1 << 26 : (int)(n - off);
        if (MPI_Allreduce(MPI_IN_PLACE, buf + off, m, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD) != MPI_SUCCESS)
            return ferro_error_set(FERRO_EIO, "MPI_Allreduce failed");
        off += (size_t)m;
    }
    return 0;
#else
    (void)buf;
    (void)n;
    return rc;
#endif
}
