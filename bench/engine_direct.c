/* engine_direct.c — times the model's right-hand side as a direct C function (the floor):
 * compiled together with the source `engine_bench emit-c` wrote (included as GENERATED). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include GENERATED

int main(int argc, char **argv)
{
    long reps = argc > 1 ? atol(argv[1]) : 1000000;
    static double y[NSTATES + 1], yd[NSTATES + 1];
    for (int i = 0; i < NSTATES; i++) y[i] = Y0[i];
    struct timespec a, b;
    double sum = 0;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
    for (long r = 0; r < reps; r++) {
        y[0] += 1e-300;
        rhs(0.0, y, V0, yd);
        sum += yd[0];
    }
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
    double t = (double)(b.tv_sec - a.tv_sec) + 1e-9 * (double)(b.tv_nsec - a.tv_nsec);
    double chk = 0;
    for (int i = 0; i < NSTATES; i++) chk += yd[i];
    printf("direct_rhs_ns\t%.1f\nchecksum\t%.12g\n", 1e9 * t / (double)reps, chk + 0 * sum);
    return 0;
}
