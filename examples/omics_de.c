/* omics_de.c — the public omics API without the CLI: read the ALL cohort, limma T-ALL vs B-ALL,
 * keep the FerrDb genes with FDR < 0.05 (the first five printed), then rank them as hubs of the
 * curated ferroptosis network.
 *   example_omics_de   (data from the built-in data directory, or $FERROSIM_DATA) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ferrosim/cohort.h"
#include "ferrosim/de.h"
#include "ferrosim/geneset.h"
#include "ferrosim/network.h"

static int fail(void)
{
    fprintf(stderr, "error: %s\n", ferro_error_message());
    return 1;
}

int main(void)
{
    char p1[1024], p2[1024], p3[1024], p4[1024];
    ferro_matrix_t *m;
    ferro_table_t *ann;
    if (ferro_matrix_read(ferro_data_path("cohorts/ALL/expr_genes.tsv.gz", p1, sizeof p1), &m)) return fail();
    if (ferro_samples_read(ferro_data_path("cohorts/ALL/samples.tsv", p2, sizeof p2), &ann)) return fail();
    int *col = malloc(sizeof(int) * (size_t)ann->nrow), *grp = malloc(sizeof(int) * (size_t)m->ncol);
    if (ferro_samples_match(m, ann, col)) return fail();
    int lin = ferro_table_col(ann, "lineage");
    for (int i = 0; i < ann->nrow; i++) grp[col[i]] = !strcmp(ann->cell[i][lin], "T") ? 1 : 0;
    ferro_de_result_t *r;
    if (ferro_de_limma_groups(m->x, m->nrow, m->ncol, grp, NULL, &r)) return fail();
    ferro_genesets_t *ferr;
    snprintf(p3, sizeof p3, "%s,%s", ferro_data_path("genesets/ferrdb_driver.txt", p1, sizeof p1),
             ferro_data_path("genesets/ferrdb_suppressor.txt", p2, sizeof p2));
    if (ferro_genesets_from_arg(p3, &ferr)) return fail();
    char **genes, **deg = malloc(sizeof(char *) * (size_t)m->nrow);
    int ng, ndeg = 0;
    if (ferro_genesets_union(ferr, &genes, &ng)) return fail();
    printf("limma T-ALL vs B-ALL: df.prior %.3f; FerrDb genes with FDR < 0.05:\n", r->df_prior);
    for (int k = 0; k < ng; k++) {
        int i = ferro_matrix_row(m, genes[k]);
        if (i < 0 || !(r->adj_p[i] < 0.05)) continue;
        deg[ndeg++] = m->row_id[i];
        if (ndeg <= 5) printf("  %-8s logFC %+.3f  adj.p %.3g\n", m->row_id[i], r->logFC[i], r->adj_p[i]);
    }
    printf("  ... %d in all\n", ndeg);
    ferro_network_t *net, *sub;
    ferro_hubs_t *h;
    if (ferro_network_read(ferro_data_path("network/ferroptosis_curated.tsv", p4, sizeof p4), -1e300, &net) ||
        ferro_network_induced(net, deg, ndeg, &sub, NULL) || ferro_network_hubs(sub, 1, &h))
        return fail();
    printf("curated-network nodes among them: %d, links: %d\n", sub->nnode, sub->nedge);
    for (int i = 0; i < sub->nnode; i++)
        if (h->degree[i] > 0) printf("  %-8s degree %.0f  MCC %.0f\n", sub->node[i], h->degree[i], h->mcc[i]);
    ferro_hubs_free(h);
    ferro_network_free(sub);
    ferro_network_free(net);
    free(genes);
    free(deg);
    ferro_genesets_free(ferr);
    ferro_de_result_free(r);
    free(col);
    free(grp);
    ferro_table_free(ann);
    ferro_matrix_free(m);
    return 0;
}
