/* fuzz_hubs.c — what `ferrosim hubs` does with its inputs (src/network, src/geneset): the edge
 * list read with a minimum score, the --genes argument (ferro_genesets_from_arg: a comma list, or
 * files as GMT / gene lists), the induced subnetwork and the four hub rankings on one thread.
 * First byte: bits 0-1 the minimum score (none, 0, 400, 900); bits 2-3 the genes: 0 none
 * (all nodes), 1 the same file read as gene sets, 2 the input's last line as the comma list
 * (run in the harness's own folder, so a name can only be the input file itself), 3 the first
 * three nodes and a missing gene. The rankings must be finite, >= 0, MCC >= 1, degree an
 * integer no larger than the node count. */
#include <math.h>

#include <fcntl.h>

#include "fuzz_util.h"
#include "ferrosim/geneset.h"
#include "ferrosim/network.h"

static int home; /* the starting folder (the genes argument is resolved in the harness's own) */

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    ferro_log_set_level(FERRO_LOG_QUIET);
    if ((home = open(".", O_RDONLY | O_DIRECTORY)) < 0) { perror("."); abort(); }
    return 0;
}

static void hubs(const ferro_network_t *net)
{
    ferro_hubs_t *h = NULL;
    ferro_error_clear();
    int rc = ferro_network_hubs(net, 1, &h);
    fuzz_check(rc, "ferro_network_hubs");
    if (rc) return;
    if (h->n != net->nnode) abort();
    for (int i = 0; i < h->n; i++) {
        double d = h->degree[i];
        if (!(d >= 0 && d < net->nnode && d == floor(d)) || !(h->betweenness[i] >= 0) || !isfinite(h->betweenness[i]) ||
            !(h->closeness[i] >= 0) || !isfinite(h->closeness[i]) || !(h->mcc[i] >= 1)) {
            fprintf(stderr, "fuzz: node %d: degree %g betweenness %g closeness %g mcc %g\n", i, d, h->betweenness[i],
                    h->closeness[i], h->mcc[i]);
            abort();
        }
    }
    ferro_hubs_free(h);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    static const double min_score[] = {-INFINITY, 0, 400, 900};
    const char *path = fuzz_file(data + 1, size - 1, "network.tsv");
    ferro_network_t *net = NULL;
    ferro_error_clear();
    int rc = ferro_network_read(path, min_score[data[0] & 3], &net);
    fuzz_check_file(rc, "ferro_network_read", path);
    if (rc) return 0;
    for (int e = 0; e < net->nedge; e++)
        if (net->a[e] < 0 || net->a[e] >= net->b[e] || net->b[e] >= net->nnode || !(net->score[e] >= min_score[data[0] & 3])) abort();
    char arg[4096] = "";
    switch ((data[0] >> 2) & 3) {
    case 1: snprintf(arg, sizeof arg, "network.tsv"); break;
    case 2: {
        size_t n = size - 1, s = n;
        while (s > 0 && data[s] != '\n') s--; /* data[1..] is the file; its last line */
        size_t len = n - s < sizeof arg ? n - s : sizeof arg - 1;
        memcpy(arg, data + 1 + s, len);
        arg[len] = 0;
        if (strlen(arg) != len) arg[0] = 0; /* a NUL byte: not a command-line argument */
        break;
    }
    case 3:
        for (int i = 0; i < 3 && i < net->nnode; i++)
            snprintf(arg + strlen(arg), sizeof arg - strlen(arg), "%.1000s,", net->node[i]);
        strcat(arg, "NO_SUCH_GENE");
        break;
    default: break;
    }
    if (!arg[0]) {
        hubs(net);
    } else {
        ferro_genesets_t *gs = NULL;
        char **list = NULL;
        int nlist = 0, miss = -1;
        ferro_network_t *sub = NULL;
        ferro_error_clear();
        if (chdir(fuzz_tmpdir())) { perror("chdir"); abort(); }
        rc = ferro_genesets_from_arg(arg, &gs);
        if (fchdir(home)) { perror("fchdir"); abort(); }
        fuzz_check_file(rc, "ferro_genesets_from_arg", path);
        if (!rc) {
            ferro_error_clear();
            rc = ferro_genesets_union(gs, &list, &nlist);
            fuzz_check(rc, "ferro_genesets_union");
        }
        if (!rc) {
            ferro_error_clear();
            rc = ferro_network_induced(net, list, nlist, &sub, &miss);
            fuzz_check(rc, "ferro_network_induced");
            if (!rc && (miss < 0 || miss > nlist || sub->nnode > nlist || sub->nnode + miss > nlist)) abort();
            if (!rc) hubs(sub);
        }
        ferro_network_free(sub);
        free(list);
        ferro_genesets_free(gs);
    }
    ferro_network_free(net);
    return 0;
}
