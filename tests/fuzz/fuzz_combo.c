/* fuzz_combo.c — `ferrosim combo --data` (src/doseresp plate reader, src/synergy): the plate table
 * with the command's columns (drug_a, dose_a, drug_b, dose_b, viability), then per drug pair what
 * the command does: the dose grid from the observations, the four synergy scores, the tables. */
#include "fuzz_util.h"
#include "ferrosim/synergy.h"

FUZZ_QUIET_INIT

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"drug_a", "dose_a", "drug_b", "dose_b", "viability"};
    const char *path = fuzz_file(data, size, "combo.tsv");
    ferro_dr_plate_t *p = NULL;
    ferro_error_clear();
    int rc = ferro_dr_plate_read(path, names, "tdtdv", &p);
    fuzz_check_file(rc, "ferro_dr_plate_read", path);
    if (rc) return 0;
    int n = p->nrow;
    double *da = malloc((size_t)n * sizeof *da), *db = malloc((size_t)n * sizeof *db), *v = malloc((size_t)n * sizeof *v);
    char *done = calloc((size_t)n, 1);
    FILE *null = fopen("/dev/null", "w");
    for (int r = 0; r < n; r++) {
        if (done[r]) continue;
        const char *a = p->text[r * 5], *b = p->text[r * 5 + 2];
        int k = 0;
        for (int s = r; s < n; s++)
            if (!done[s] && strcmp(p->text[s * 5], a) == 0 && strcmp(p->text[s * 5 + 2], b) == 0) {
                done[s] = 1;
                da[k] = p->num[s * 5 + 1];
                db[k] = p->num[s * 5 + 3];
                v[k++] = p->num[s * 5 + 4];
            }
        ferro_grid_t *g = NULL;
        ferro_synergy_t *syn = NULL;
        ferro_error_clear();
        rc = ferro_grid_from_obs(da, db, v, k, &g);
        fuzz_check(rc, "ferro_grid_from_obs");
        ferro_error_clear();
        if (!rc) {
            rc = ferro_synergy_compute(g, &syn);
            fuzz_check(rc, "ferro_synergy_compute");
        }
        if (!rc) {
            ferro_synergy_write_tsv_rows(null, "a\tb", g, syn);
            ferro_synergy_write_summary_rows(null, "a\tb", g, syn);
            const char *keys[] = {"drug_a", "drug_b"}, *vals[] = {a, b};
            ferro_synergy_write_json(null, keys, vals, 2, g, syn);
        }
        ferro_synergy_free(syn);
        ferro_grid_free(g);
    }
    fclose(null);
    free(da); free(db); free(v); free(done);
    ferro_dr_plate_free(p);
    return 0;
}
