/* survival_cox.c — the survival API without the CLI: Cox model and Kaplan–Meier by a median
 * split of one gene, B-ALL relapse-free survival in the ALL cohort.
 *   example_survival_cox [DATA_DIR]   (default: the built-in data directory)
 */
#include <stdio.h>
#include "ferrosim/survival.h"

int main(int argc, char **argv)
{
    char s[4096], e[4096];
    const char *dir = argc > 1 ? argv[1] : ferro_data_dir();
    snprintf(s, sizeof s, "%s/cohorts/ALL/samples.tsv", dir);
    snprintf(e, sizeof e, "%s/cohorts/ALL/expr_genes.tsv.gz", dir);
    const char *genes[] = {"CARS1"};
    ferro_surv_spec_t spec = {"rfs_days", "rfs_event", genes, 1, NULL, NULL, NULL, e, "lineage=B", NULL};
    ferro_surv_data_t *d;
    ferro_cox_fit_t *f;
    ferro_km_t *k;
    if (ferro_surv_data_read(s, &spec, &d) || ferro_cox_fit(d, NULL, &f)) {
        fprintf(stderr, "%s\n", ferro_error_message());
        return 1;
    }
    printf("B-ALL, n = %d (%d relapses): CARS1 HR %.3f (95%% CI %.3f-%.3f), p = %.3g, C = %.3f\n", f->n,
           f->nevent, f->hr[0], f->hr_lo[0], f->hr_hi[0], f->pvalue[0], f->conc.concordance);
    if (ferro_surv_data_split_median(d, 0) || ferro_km_fit(d, 0.95, &k)) {
        fprintf(stderr, "%s\n", ferro_error_message());
        return 1;
    }
    printf("median split: median RFS %g (high) vs %g (low) days, log-rank p = %.3g\n", k->curve[0].median,
           k->curve[1].median, k->p);
    ferro_km_free(k);
    ferro_cox_fit_free(f);
    ferro_surv_data_free(d);
    return 0;
}
