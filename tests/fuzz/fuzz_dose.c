/* fuzz_dose.c — `ferrosim dose --data` (src/doseresp): the plate table reader with the command's
 * columns (drug, dose, viability), then per drug what the command does: group the replicates, fit
 * the 4PL, evaluate, invert and write the curve. */
#include "fuzz_util.h"
#include "ferrosim/doseresp.h"

FUZZ_QUIET_INIT

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"drug", "dose", "viability"};
    const char *path = fuzz_file(data, size, "plate.tsv");
    ferro_dr_plate_t *p = NULL;
    ferro_error_clear();
    int rc = ferro_dr_plate_read(path, names, "tdv", &p);
    fuzz_check_file(rc, "ferro_dr_plate_read", path);
    if (rc) return 0;
    int n = p->nrow;
    double *dose = malloc((size_t)n * sizeof *dose), *resp = malloc((size_t)n * sizeof *resp);
    double *ud = malloc((size_t)n * sizeof *ud), *m = malloc((size_t)n * sizeof *m), *sd = malloc((size_t)n * sizeof *sd);
    int *cnt = malloc((size_t)n * sizeof *cnt);
    char *done = calloc((size_t)n, 1);
    FILE *null = fopen("/dev/null", "w");
    for (int r = 0; r < n; r++) {
        if (done[r]) continue;
        const char *drug = p->text[r * 3];
        int k = 0;
        for (int s = r; s < n; s++)
            if (!done[s] && strcmp(p->text[s * 3], drug) == 0) {
                done[s] = 1;
                dose[k] = p->num[s * 3 + 1];
                resp[k++] = p->num[s * 3 + 2];
            }
        int nd = 0;
        ferro_error_clear();
        rc = ferro_dr_group(dose, resp, k, ud, m, sd, cnt, &nd);
        fuzz_check(rc, "ferro_dr_group");
        ferro_dr_fit_t fit;
        ferro_error_clear();
        if (!rc) rc = ferro_dr_fit(dose, resp, k, NULL, &fit);
        fuzz_check(rc, "ferro_dr_fit");
        if (rc) continue;
        (void)ferro_dr_eval(&fit, ud[0]);
        (void)ferro_dr_inverse(&fit, 0.5);
        ferro_dr_write_tsv_rows(null, drug, ud, m, sd, cnt, nd, &fit);
    }
    fclose(null);
    free(dose); free(resp); free(ud); free(m); free(sd); free(cnt); free(done);
    ferro_dr_plate_free(p);
    return 0;
}
