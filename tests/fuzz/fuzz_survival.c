/* fuzz_survival.c — survival tables (src/survival data.c) under four column specs, then what the
 * commands do with a table that loads (median split, Kaplan–Meier, Cox), and the signature file
 * reader (signature_io.c) on the same bytes. The first byte picks the spec. */
#include "fuzz_util.h"
#include "ferrosim/survival.h"

FUZZ_QUIET_INIT

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    const char *path = fuzz_file(data + 1, size - 1, "cohort.tsv");
    static const char *const cov1[] = {"x1"}, *const cov2[] = {"x1", "x2"}, *const cov3[] = {"v01", "v02"};
    ferro_surv_spec_t spec = {"time", "status", cov1, 1, NULL, NULL, NULL, NULL, NULL, NULL};
    switch (data[0] & 3) {
    case 1: spec.covariates = cov2; spec.ncov = 2; spec.strata = "g"; spec.where = "grp=mid"; break;
    case 2: spec.ncov = 0; spec.group = "grp"; break;
    case 3: spec.covariates = cov3; spec.ncov = 2; spec.foldid = "fold"; break;
    default: break;
    }
    ferro_surv_data_t *d = NULL;
    ferro_error_clear();
    int rc = ferro_surv_data_read(path, &spec, &d);
    fuzz_check_file(rc, "ferro_surv_data_read", path);
    if (!rc) {
        ferro_km_t *km = NULL;
        ferro_error_clear();
        fuzz_check(ferro_km_fit(d, 0.95, &km), "ferro_km_fit");
        ferro_km_free(km);
        if (d->p > 0) {
            ferro_cox_options_t o;
            ferro_cox_options_init(&o);
            ferro_cox_fit_t *fit = NULL;
            ferro_error_clear();
            fuzz_check(ferro_cox_fit(d, &o, &fit), "ferro_cox_fit");
            ferro_cox_fit_free(fit);
            ferro_error_clear();
            fuzz_check(ferro_surv_data_split_median(d, 0), "ferro_surv_data_split_median");
        }
        ferro_surv_data_free(d);
    }
    ferro_signature_t *sig = NULL;
    ferro_error_clear();
    rc = ferro_signature_read(path, &sig);
    fuzz_check_file(rc, "ferro_signature_read", path);
    if (!rc) {
        FILE *null = fopen("/dev/null", "w");
        fuzz_check(ferro_signature_write(sig, null), "ferro_signature_write");
        fclose(null);
        ferro_signature_free(sig);
    }
    return 0;
}
