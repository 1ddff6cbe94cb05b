/* test_network.c — edge-list reading, induced subnetworks, and degree / betweenness / closeness /
 * MCC against an independent base-R reference (tests/data/network/make_fixtures.R) on the
 * curated network, its FerrDb-induced subnetwork and a synthetic STRING-style graph (space-
 * separated, min score), plus a hand-worked graph. Tolerance 1e-9 relative (R prints 15 digits). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ferrosim/geneset.h"
#include "ferrosim/io.h"
#include "ferrosim/network.h"
#include "test_util.h"

#define D FERRO_TEST_DATA "/network/"

static void compare(const ferro_network_t *net, const ferro_hubs_t *h, const char *fixture)
{
    char path[512];
    snprintf(path, sizeof path, D "%s", fixture);
    ferro_table_t *t;
    if (ferro_table_read(path, 0, &t)) { expect_true(0, ferro_error_message()); return; }
    expect_int(net->nnode, t->nrow, fixture);
    for (int i = 0; i < t->nrow && i < net->nnode; i++) {
        expect_true(!strcmp(net->node[i], t->cell[i][0]), "node order as R");
        const double *v[] = {h->degree, h->betweenness, h->closeness, h->mcc};
        for (int k = 0; k < 4; k++) {
            double e = atof(t->cell[i][k + 1]), o = v[k][i];
            if (fabs(o - e) > 1e-9 * (fabs(e) > 1 ? fabs(e) : 1))
                fprintf(stderr, "  %s %s %s: observed %.15g expected %.15g\n", fixture, t->cell[i][0], t->header[k + 1], o, e);
            expect_rel(o, e, 1e-9, fixture);
        }
    }
    ferro_table_free(t);
}

static ferro_hubs_t *hubs(const ferro_network_t *net, int nt)
{
    ferro_hubs_t *h = NULL;
    if (ferro_network_hubs(net, nt, &h)) fprintf(stderr, "%s\n", ferro_error_message());
    return h;
}

static void test_curated(void)
{
    ferro_network_t *net, *sub;
    expect_int(ferro_network_read(FERRO_SOURCE_DIR "/data/network/ferroptosis_curated.tsv", -INFINITY, &net), 0, "curated");
    expect_int(net->nedge, 40, "40 curated edges");
    ferro_hubs_t *h1 = hubs(net, 1), *h2 = hubs(net, 2);
    compare(net, h1, "curated_all.tsv");
    expect_true(!memcmp(h1->betweenness, h2->betweenness, sizeof(double) * (size_t)net->nnode), "betweenness: 1 vs 2 threads identical");
    ferro_hubs_free(h1);
    ferro_hubs_free(h2);
    ferro_genesets_t *gs;
    expect_int(ferro_genesets_read(D "ferrdb_genes.txt", &gs), 0, "gene list");
    int miss = -1;
    expect_int(ferro_network_induced(net, gs->gene[0], gs->size[0], &sub, &miss), 0, "induced");
    expect_true(miss > 0, "genes outside the network counted");
    h1 = hubs(sub, 2);
    compare(sub, h1, "curated_ferrdb.tsv");
    ferro_hubs_free(h1);
    ferro_network_free(sub);
    ferro_genesets_free(gs);
    ferro_network_free(net);
}

static void test_synth(void)
{
    ferro_network_t *net;
    expect_int(ferro_network_read(D "synth_string.txt", -INFINITY, &net), 0, "space-separated with header");
    ferro_hubs_t *h = hubs(net, 2);
    compare(net, h, "synth_all.tsv");
    ferro_hubs_free(h);
    ferro_network_free(net);
    expect_int(ferro_network_read(D "synth_string.txt", 400, &net), 0, "min score");
    h = hubs(net, 1);
    compare(net, h, "synth_min400.tsv");
    ferro_hubs_free(h);
    ferro_network_free(net);
}

static void test_hand(void)
{
    /* K4 {A,B,C,D} + pendant E on D + repeated and self edges.
     * MCC: the 4-clique gives 3! = 6 to A..D; edge D-E gives 1 to D and E: A=B=C=6, D=7, E=1.
     * Betweenness: D lies on the 3 shortest paths A-E, B-E, C-E: D=3, others 0.
     * Closeness: A = 1+1+1+1/2 = 3.5; D = 4; E = 1 + 3 * 1/2 = 2.5. */
    FILE *fp = fopen("test_hand_net.tsv", "w");
    fputs("A\tB\t1\nA\tC\t1\nA\tD\t1\nB\tC\t1\nB\tD\t1\nC\tD\t1\nD\tE\t1\nE\tD\t2\nE\tE\t1\n", fp);
    fclose(fp);
    ferro_network_t *net;
    expect_int(ferro_network_read("test_hand_net.tsv", -INFINITY, &net), 0, "hand graph");
    expect_int(net->nedge, 7, "repeated pair merged, self-loop dropped");
    expect_rel(net->score[6], 2, 0, "repeated pair keeps the highest score");
    ferro_hubs_t *h = hubs(net, 2);
    double mcc[] = {6, 6, 6, 7, 1}, bc[] = {0, 0, 0, 3, 0}, cl[] = {3.5, 3.5, 3.5, 4, 2.5}, dg[] = {3, 3, 3, 4, 1};
    for (int i = 0; i < 5; i++) {
        expect_rel(h->mcc[i], mcc[i], 0, "hand MCC");
        expect_rel(h->betweenness[i], bc[i], 1e-15, "hand betweenness");
        expect_rel(h->closeness[i], cl[i], 1e-15, "hand closeness");
        expect_rel(h->degree[i], dg[i], 0, "hand degree");
    }
    ferro_hubs_free(h);
    ferro_network_free(net);
    remove("test_hand_net.tsv");
    fp = fopen("test_bad_net.tsv", "w");
    fputs("a\tb\tscore\nA\tB\t0.5\nA\tC\tlots\n", fp);
    fclose(fp);
    expect_int(ferro_network_read("test_bad_net.tsv", -INFINITY, &net), FERRO_EPARSE, "bad score");
    expect_true(strstr(ferro_error_message(), "line 3, column 3") != NULL, "bad score located");
    remove("test_bad_net.tsv");
}

int main(void)
{
    test_curated();
    test_synth();
    test_hand();
    return test_summary("network");
}
