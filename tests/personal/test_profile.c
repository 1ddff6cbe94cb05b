/* test_profile.c — personalisation on the built-in model and a synthetic 4-sample matrix:
 *  - the reference is R's median (even count: mean of the middle two; NA ignored);
 *  - a sample equal to the reference median maps every array gene to exactly 1, the genes not in
 *    the matrix to NAN, and predicts exactly (==) the base line's viabilities;
 *  - 4x GPX4 (x = median + 2) raises the RSL3 relative IC50 (direction), ratios clip at 0.05..20;
 *  - lineage -> base line, bad lineage. Few cells and doses: the test runs in seconds. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ferrosim/personal.h"
#include "test_util.h"

static const char *genes[] = {"GPX4", "SLC7A11", "TFRC", "ACSL4", "not_a_model_gene"};
enum { NG = 5, NS = 4 };
/* rows: gene; columns s0..s3. s3 is set to the median of s0..s2 per row below. */
static const double x[NG][3] = {{8, 10, 9}, {5, 7, 6.5}, {11, 12, 10}, {7, 7.5, 9}, {1, 2, 3}};

static ferro_matrix_t *make_matrix(void)
{
    ferro_matrix_t *m;
    if (ferro_matrix_new(NG, NS, &m)) return NULL;
    for (int i = 0; i < NG; i++) m->row_id[i] = strdup(genes[i]);
    for (int j = 0; j < NS; j++) {
        char id[8];
        snprintf(id, sizeof id, "s%d", j);
        m->col_id[j] = strdup(id);
    }
    for (int i = 0; i < NG; i++)
        for (int j = 0; j < NS; j++) m->x[i * NS + j] = j < 3 ? x[i][j] : NAN;
    return m;
}

int main(void)
{
    ferro_world_t *w;
    if (ferro_world_load(FERRO_SOURCE_DIR "/data", NULL, &w)) { fprintf(stderr, "%s\n", ferro_error_message()); return 1; }
    int ng = ferro_world_n_genes(w), gpx4, rsl3, jurkat;
    expect_int(ferro_world_find_gene(w, "GPX4", &gpx4), 0, "find GPX4");
    expect_int(ferro_world_find_agent(w, "RSL3", &rsl3), 0, "find RSL3");
    expect_int(ferro_world_find_cell(w, "Jurkat", &jurkat), 0, "find Jurkat");
    ferro_matrix_t *m = make_matrix();
    double *ref = malloc((size_t)ng * sizeof *ref), *ratio = malloc((size_t)ng * sizeof *ratio);
    ferro_gene_factor_t *gf = malloc((size_t)ng * sizeof *gf);
    expect_true(m && ref && ratio && gf, "alloc");

    /* reference over s0..s3 (s3 all NA): median of 3 values; over s0,s1: mean of two (R median) */
    int cols3[] = {0, 1, 2, 3}, cols2[] = {0, 1};
    expect_int(ferro_personal_reference(w, m, cols3, 4, ref), 0, "reference");
    expect_abs(ref[gpx4], 9, 0, "median GPX4 (NA ignored)");
    double ref2[64];
    expect_true(ng <= 64, "genes fit");
    expect_int(ferro_personal_reference(w, m, cols2, 2, ref2), 0, "reference of 2");
    expect_abs(ref2[gpx4], 9, 0, "median of two = their mean");
    expect_int(ferro_personal_reference(w, m, cols2, 0, ref2), FERRO_EINVAL, "empty group");

    /* s3 = the median: every array gene -> 1, others NAN */
    for (int i = 0; i < 4; i++) {
        int g;
        expect_int(ferro_world_find_gene(w, genes[i], &g), 0, genes[i]);
        m->x[i * NS + 3] = ref[g];
    }
    int nclip, nf;
    expect_int(ferro_personal_ratios(w, m, 3, ref, ratio, &nclip), 0, "ratios");
    int nmapped = 0;
    for (int g = 0; g < ng; g++) {
        if (isnan(ratio[g])) continue;
        nmapped++;
        expect_abs(ratio[g], 1, 0, "median sample -> ratio exactly 1");
    }
    expect_int(nmapped, 4, "4 model genes on the synthetic array");
    expect_int(nclip, 0, "nothing clipped");
    expect_int(ferro_personal_factors(w, ratio, gf, &nf), 0, "factors");
    expect_int(nf, 4, "4 factors");

    ferro_condition_t base, pers;
    ferro_condition_init(&base);
    base.cell = jurkat;
    base.ncells = 4;
    base.t_end = 48;
    pers = base;
    pers.factors = gf;
    pers.nfactors = nf;
    ferro_personal_sens_t sb, sp;
    expect_int(ferro_personal_sensitivity(w, &base, rsl3, 5, &sb), 0, "base line RSL3");
    expect_int(ferro_personal_sensitivity(w, &pers, rsl3, 5, &sp), 0, "median patient RSL3");
    expect_int(sb.ndose, 6, "dose 0 + 5 doses");
    for (int i = 0; i < sb.ndose; i++) expect_true(sb.viab[i] == sp.viab[i], "median patient == base line, exactly");
    expect_true(sb.ref_dose == sb.dose[3], "reference dose = middle dose");
    expect_int(sb.fit.status, FERRO_DR_OK, "base line fit ok");

    /* GPX4 4x above the median: RSL3 (a GPX4 inhibitor) needs more drug */
    m->x[0 * NS + 3] = ref[gpx4] + 2;
    expect_int(ferro_personal_ratios(w, m, 3, ref, ratio, &nclip), 0, "ratios GPX4 up");
    expect_abs(ratio[gpx4], 4, 1e-15, "GPX4 ratio 4");
    expect_int(ferro_personal_factors(w, ratio, gf, &nf), 0, "factors GPX4 up");
    ferro_personal_sens_t sg;
    expect_int(ferro_personal_sensitivity(w, &pers, rsl3, 5, &sg), 0, "GPX4-high patient RSL3");
    expect_int(sg.fit.status, FERRO_DR_OK, "GPX4-high fit ok");
    expect_true(sg.fit.est[FERRO_DR_IC50] > 1.5 * sb.fit.est[FERRO_DR_IC50], "GPX4 x4 raises the RSL3 IC50 (> 1.5x)");
    expect_true(sg.viab_ref > sb.viab_ref, "GPX4 x4 raises viability at the reference dose");
    fprintf(stderr, "RSL3 IC50 base %g, GPX4 x4 %g\n", sb.fit.est[FERRO_DR_IC50], sg.fit.est[FERRO_DR_IC50]);

    /* clipping */
    m->x[0 * NS + 3] = ref[gpx4] + 10;
    m->x[1 * NS + 3] = -100;
    expect_int(ferro_personal_ratios(w, m, 3, ref, ratio, &nclip), 0, "ratios clipped");
    expect_abs(ratio[gpx4], FERRO_PERSONAL_MAX, 0, "clipped high");
    int slc;
    expect_int(ferro_world_find_gene(w, "SLC7A11", &slc), 0, "find SLC7A11");
    expect_abs(ratio[slc], FERRO_PERSONAL_MIN, 0, "clipped low");
    expect_int(nclip, 2, "two clipped");
    expect_int(ferro_personal_ratios(w, m, 9, ref, ratio, NULL), FERRO_EINVAL, "column out of range");
    expect_int(ferro_personal_sensitivity(w, &pers, rsl3, 4, &sg), FERRO_EINVAL, "even dose count");

    /* lineage -> base line */
    int c;
    expect_int(ferro_personal_base_cell(w, "T", &c), 0, "T");
    expect_true(!strcmp(ferro_world_cell_name(w, c), "Jurkat"), "T -> Jurkat");
    expect_int(ferro_personal_base_cell(w, "B-ALL", &c), 0, "B-ALL");
    expect_true(!strcmp(ferro_world_cell_name(w, c), "NALM-6"), "B-ALL -> NALM-6");
    expect_int(ferro_personal_base_cell(w, "myeloid", &c), FERRO_EINVAL, "unknown lineage");

    free(ref);
    free(ratio);
    free(gf);
    ferro_matrix_free(m);
    ferro_world_free(w);
    return test_summary("personal/profile");
}
