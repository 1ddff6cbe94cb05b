/* omics_bench.c — timing driver for bench/omics.sh: limma lmFit + eBayes and ssGSEA on the same
 * binary matrix the R side reads. Usage: omics_bench DIR NTHREADS (DIR from `omics_bench gen`). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ferrosim/de.h"
#include "ferrosim/geneset.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

/* xorshift + Box-Muller: deterministic synthetic data */
static unsigned long long st = 88172645463325252ULL;
static double unif(void)
{
    st ^= st << 13; st ^= st >> 7; st ^= st << 17;
    return ((st >> 11) + 0.5) / 9007199254740992.0;
}
static double gauss(void) { return sqrt(-2 * log(unif())) * cos(6.283185307179586 * unif()); }

int main(int argc, char **argv)
{
    if (argc < 3) { fprintf(stderr, "usage: omics_bench gen DIR NG NS NSETS | omics_bench DIR NTHREADS\n"); return 2; }
    char path[1024];
    if (!strcmp(argv[1], "gen")) {
        int ng = atoi(argv[3]), ns = atoi(argv[4]), nsets = atoi(argv[5]);
        double *x = malloc(sizeof(double) * (size_t)ng * ns);
        for (int g = 0; g < ng; g++) {
            double mu = 4 + 8 * unif(), sd = 0.2 + unif(), eff = unif() < 0.1 ? gauss() : 0;
            for (int j = 0; j < ns; j++) x[(size_t)g * ns + j] = mu + (j < ns / 2 ? eff : 0) + sd * gauss();
        }
        snprintf(path, sizeof path, "%s/x.bin", argv[2]);
        FILE *fp = fopen(path, "wb");
        int dims[3] = {ng, ns, nsets};
        fwrite(dims, sizeof dims, 1, fp);
        fwrite(x, sizeof(double), (size_t)ng * ns, fp); /* gene-major: R reads it as ns x ng, then t() */
        fclose(fp);
        snprintf(path, sizeof path, "%s/sets.gmt", argv[2]);
        fp = fopen(path, "w");
        for (int s = 0; s < nsets; s++) {
            int k = 10 + (int)(unif() * 490);
            fprintf(fp, "set%02d\tsynthetic", s + 1);
            for (int i = 0; i < k; i++) fprintf(fp, "\tg%05d", 1 + (int)(unif() * ng));
            fputc('\n', fp);
        }
        fclose(fp);
        free(x);
        return 0;
    }
    int nt = atoi(argv[2]), dims[3];
    snprintf(path, sizeof path, "%s/x.bin", argv[1]);
    FILE *fp = fopen(path, "rb");
    if (!fp || fread(dims, sizeof dims, 1, fp) != 1) { fprintf(stderr, "cannot read %s\n", path); return 1; }
    int ng = dims[0], ns = dims[1];
    ferro_matrix_t *m;
    if (ferro_matrix_new(ng, ns, &m) || fread(m->x, sizeof(double), (size_t)ng * ns, fp) != (size_t)ng * ns) return 1;
    fclose(fp);
    char id[32];
    for (int g = 0; g < ng; g++) { snprintf(id, sizeof id, "g%05d", g + 1); m->row_id[g] = strdup(id); }
    for (int j = 0; j < ns; j++) { snprintf(id, sizeof id, "s%03d", j + 1); m->col_id[j] = strdup(id); }
    int *grp = malloc(sizeof(int) * (size_t)ns);
    for (int j = 0; j < ns; j++) grp[j] = j < ns / 2;
    ferro_limma_opts_t lo;
    ferro_limma_opts_init(&lo);
    lo.nthreads = nt;
    ferro_de_result_t *r;
    double t0 = now();
    if (ferro_de_limma_groups(m->x, ng, ns, grp, &lo, &r)) { fprintf(stderr, "%s\n", ferro_error_message()); return 1; }
    double t1 = now(), sumt = 0;
    for (int g = 0; g < ng; g++) sumt += r->stat[g];
    ferro_de_result_free(r);
    ferro_genesets_t *gs;
    snprintf(path, sizeof path, "%s/sets.gmt", argv[1]);
    if (ferro_genesets_read(path, &gs)) { fprintf(stderr, "%s\n", ferro_error_message()); return 1; }
    ferro_score_opts_t so;
    ferro_score_opts_init(&so);
    so.nthreads = nt;
    ferro_matrix_t *sc;
    double t2 = now();
    if (ferro_geneset_score(m, gs, &so, &sc)) { fprintf(stderr, "%s\n", ferro_error_message()); return 1; }
    double t3 = now(), sums = 0;
    for (size_t q = 0; q < (size_t)sc->nrow * sc->ncol; q++) sums += sc->x[q];
    printf("limma\t%.4f\t%.10g\nssgsea\t%.4f\t%.10g\n", t1 - t0, sumt, t3 - t2, sums);
    ferro_matrix_free(sc);
    ferro_genesets_free(gs);
    ferro_matrix_free(m);
    free(grp);
    return 0;
}
