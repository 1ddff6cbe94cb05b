/* fuzz_signature.c — the prognostic signature as `signature apply` uses it (src/survival
 * signature_io.c, signature.c): a saved signature file read and applied to a cohort (an
 * expression matrix and a sample annotation with the survival endpoint): risk scores, median
 * split, KM + log-rank, Cox of high vs low, C-index, AUC(t). First byte: 0 the input is the
 * signature, applied to a fixed 12-sample cohort; 1 the input is the sample annotation, with a
 * fixed signature and expression matrix (columns id, time, event, lineage; --where lineage=T when
 * bit 1 is set); 2 the input is the expression matrix. */
#include <math.h>

#include "fuzz_util.h"
#include "ferrosim/survival.h"

static char sig_path[512], expr_path[512], samples_path[512];

static void put(char *path, const char *name, const char *text)
{
    strcpy(path, fuzz_file((const uint8_t *)text, strlen(text), name));
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    ferro_log_set_level(FERRO_LOG_QUIET);
    put(sig_path, "fixed.sig", "# ferrosim signature 1\n# cutoff=0.1\ngene\tcoef\nGPX4\t-0.5\nACSL4\t0.75\nTFRC\t0.25\n");
    put(expr_path, "fixed_expr.tsv",
        "gene\tP1\tP2\tP3\tP4\tP5\tP6\tP7\tP8\tP9\tP10\tP11\tP12\n"
        "GPX4\t5.1\t6.2\t4.3\t7.4\t5.5\t6.6\t4.7\t5.8\t6.9\t5.0\t4.1\t7.2\n"
        "ACSL4\t8.0\t7.1\t9.2\t6.3\t8.4\t7.5\t9.6\t6.7\t8.8\t7.9\t9.0\t6.1\n"
        "TFRC\t3.3\t2.2\t4.1\t3.0\t2.9\t3.8\t4.7\t2.6\t3.5\t4.4\t2.3\t3.2\n");
    put(samples_path, "fixed_samples.tsv",
        "id\ttime\tevent\tlineage\nP1\t100\t1\tT\nP2\t250\t0\tB\nP3\t80\t1\tT\nP4\t400\t0\tB\nP5\t120\t1\tT\n"
        "P6\t300\t1\tB\nP7\t60\t1\tT\nP8\t500\t0\tB\nP9\t200\t1\tT\nP10\t150\t0\tB\nP11\t90\t1\tT\nP12\t350\t1\tB\n");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    int mode = data[0] % 3;
    const char *in = fuzz_file(data + 1, size - 1, mode == 0 ? "fuzz.sig" : mode == 1 ? "samples.tsv" : "expr.tsv");
    char path[512];
    strcpy(path, in);
    ferro_signature_t *sig = NULL;
    ferro_error_clear();
    int rc = ferro_signature_read(mode == 0 ? path : sig_path, &sig);
    fuzz_check_file(rc, "ferro_signature_read", path);
    if (rc) return 0;
    if (sig->ngene < 1 || !isfinite(sig->cutoff)) abort();
    for (int k = 0; k < sig->ngene; k++)
        if (!isfinite(sig->coef[k]) || !sig->gene[k]) abort();
    ferro_signature_eval_t *e = NULL;
    ferro_error_clear();
    rc = ferro_signature_apply(sig, mode == 2 ? path : expr_path, mode == 1 ? path : samples_path, "time", "event",
                               mode == 1 && (data[0] & 2) ? "lineage=T" : NULL, NULL, 0, &e);
    fuzz_check_file(rc, "ferro_signature_apply", mode ? path : expr_path);
    if (!rc) {
        int nh = 0;
        for (int i = 0; i < e->n; i++) {
            if (!e->sample[i] || (e->high[i] != 0 && e->high[i] != 1)) abort();
            nh += e->high[i];
        }
        if (e->nevent < 0 || e->nevent > e->n) abort();
        for (int k = 0; k < e->nauc; k++)
            if (!(isnan(e->auc[k]) || (e->auc[k] >= 0 && e->auc[k] <= 1))) {
                fprintf(stderr, "fuzz: AUC(%g) = %g\n", e->auc_time[k], e->auc[k]);
                abort();
            }
        if (!isnan(e->logrank_p) && !(e->logrank_p >= 0 && e->logrank_p <= 1)) { fprintf(stderr, "fuzz: log-rank p %g\n", e->logrank_p); abort(); }
        (void)nh;
        ferro_signature_eval_free(e);
    }
    ferro_signature_free(sig);
    return 0;
}
