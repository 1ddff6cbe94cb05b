/* cmd_hubs.c — `ferrosim hubs`: hub genes (degree, betweenness, closeness, MCC as cytoHubba) on
 * the subnetwork induced by a gene list. Parsing and printing only; the work is in src/network. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ferrosim/geneset.h"
#include "ferrosim/io.h"
#include "ferrosim/network.h"

const char cmd_hubs_summary[] = "hub genes of a network: degree, betweenness, closeness, MCC";

static const char usage[] =
    "Usage: ferrosim hubs [--network FILE] [--genes LIST] [--min-score S] [--sort KEY] [--top N]\n"
    "Hub rankings on the subnetwork induced by a gene list, with cytoHubba's definitions: degree,\n"
    "betweenness (unnormalised, undirected), closeness (sum of 1/distance), MCC (sum over the\n"
    "maximal cliques containing the gene of (|C|-1)!). Output: node, degree, betweenness,\n"
    "closeness, mcc, sorted by --sort (descending; ties in network order).\n\n"
    "  --network FILE   edge list 'a b score [...]' (tab or space; STRING exports work);\n"
    "                   default: the curated ferroptosis network (network/ferroptosis_curated.tsv)\n"
    "  --genes LIST     genes (comma list, one-per-line file or .gmt); default: all network nodes\n"
    "  --min-score S    keep edges with score >= S (default: all)\n"
    "  --sort KEY       mcc (default) | degree | betweenness | closeness\n"
    "  --top N          print the first N genes only\n";

enum { O_NET = 1, O_GENES, O_MIN, O_SORT, O_TOP };

static const double *sort_key;
static int cmp_key(const void *a, const void *b)
{
    int i = *(const int *)a, j = *(const int *)b;
    if (sort_key[i] != sort_key[j]) return sort_key[i] < sort_key[j] ? 1 : -1;
    return (i > j) - (i < j);
}

static int write_hubs(FILE *fp, const ferro_network_t *net, const ferro_hubs_t *h, const double *key, int top, int json)
{
    int *o = malloc(sizeof(int) * ((size_t)h->n + 1));
    if (!o) return FERRO_ENOMEM;
    for (int i = 0; i < h->n; i++) o[i] = i;
    sort_key = key;
    qsort(o, (size_t)h->n, sizeof *o, cmp_key);
    int n = top > 0 && top < h->n ? top : h->n;
    if (json) fprintf(fp, "{\"nodes\": %d, \"edges\": %d, \"hubs\": [", net->nnode, net->nedge);
    else fputs("node\tdegree\tbetweenness\tcloseness\tmcc\n", fp);
    for (int k = 0; k < n; k++) {
        int i = o[k];
        if (json) {
            fputs(k ? ",\n  {\"node\": " : "\n  {\"node\": ", fp);
            ferro_json_string(fp, net->node[i]);
            fprintf(fp, ", \"degree\": %.0f, \"betweenness\": ", h->degree[i]);
            ferro_json_number(fp, h->betweenness[i]);
            fputs(", \"closeness\": ", fp);
            ferro_json_number(fp, h->closeness[i]);
            fputs(", \"mcc\": ", fp);
            ferro_json_number(fp, h->mcc[i]);
            fputc('}', fp);
        } else {
            fprintf(fp, "%s\t%.0f\t%.10g\t%.10g\t%.10g\n", net->node[i], h->degree[i], h->betweenness[i], h->closeness[i], h->mcc[i]);
        }
    }
    if (json) fputs("\n]}\n", fp);
    free(o);
    return 0;
}

typedef struct {
    const char *netf, *genes, *sort;
    double min_score;
    long top;
} hubs_args_t;

static int hubs_option(void *ctx, int opt, const char *arg)
{
    hubs_args_t *a = ctx;
    switch (opt) {
    case O_NET: a->netf = arg; break;
    case O_GENES: a->genes = arg; break;
    case O_MIN:
        if (ferro_parse_double(arg, &a->min_score)) return cli_usage_error("hubs", usage, "--min-score '%s' is not a number", arg);
        break;
    case O_SORT:
        if (strcmp(arg, "mcc") && strcmp(arg, "degree") && strcmp(arg, "betweenness") && strcmp(arg, "closeness"))
            return cli_usage_error("hubs", usage, "--sort '%s': mcc, degree, betweenness or closeness", arg);
        a->sort = arg;
        break;
    case O_TOP:
        if (ferro_parse_long(arg, &a->top) || a->top < 1 || a->top > INT_MAX) return cli_usage_error("hubs", usage, "--top '%s': a positive integer", arg);
        break;
    default: return CLI_OPT_UNKNOWN;
    }
    return 0;
}

int cmd_hubs(int argc, char **argv)
{
    static const struct option lo[] = {
        {"network", required_argument, 0, O_NET}, {"genes", required_argument, 0, O_GENES},
        {"min-score", required_argument, 0, O_MIN}, {"sort", required_argument, 0, O_SORT},
        {"top", required_argument, 0, O_TOP}, CLI_COMMON_LONGOPTS, {0, 0, 0, 0}};
    static const cli_parser_t parser = {"hubs", usage, lo, NULL, hubs_option, 0, NULL};
    cli_common_t c;
    cli_common_init(&c);
    hubs_args_t a = {.sort = "mcc", .min_score = -INFINITY};
    int st = cli_parse(&parser, argc, argv, &c, &a);
    if (st != CLI_PARSED) return st;
    const char *netf = a.netf, *genes = a.genes, *sort = a.sort;
    double min_score = a.min_score;
    long top = a.top;
    char defnet[1024];
    if (!netf) netf = ferro_data_path("network/ferroptosis_curated.tsv", defnet, sizeof defnet);
    ferro_network_t *net = NULL, *sub = NULL;
    ferro_genesets_t *gs = NULL;
    ferro_hubs_t *hb = NULL;
    ferro_out_t *out = NULL;
    char **list = NULL;
    int nlist = 0, miss = 0;
    int rc = ferro_network_read(netf, min_score, &net);
    if (!rc && genes) {
        if (!(rc = ferro_genesets_from_arg(genes, &gs)) && !(rc = ferro_genesets_union(gs, &list, &nlist)) &&
            !(rc = ferro_network_induced(net, list, nlist, &sub, &miss))) {
            if (miss) ferro_warn("hubs: %d of %d genes are not in the network", miss, nlist);
            if (sub->nnode == 0) rc = ferro_error_set(FERRO_EINVAL, "none of the %d genes is in the network %s", nlist, netf);
        }
    }
    const ferro_network_t *use = sub ? sub : net;
    if (!rc) rc = ferro_network_hubs(use, cli_threads(&c), &hb);
    if (!rc) {
        const double *key = !strcmp(sort, "degree") ? hb->degree : !strcmp(sort, "betweenness") ? hb->betweenness
                          : !strcmp(sort, "closeness") ? hb->closeness : hb->mcc;
        if (!(rc = ferro_out_open(c.out, &out))) rc = write_hubs(ferro_out_fp(out), use, hb, key, (int)top, c.json);
        if (!rc) { rc = ferro_out_commit(out); out = NULL; }
    }
    ferro_out_abort(out);
    ferro_hubs_free(hb);
    ferro_network_free(sub);
    ferro_network_free(net);
    ferro_genesets_free(gs);
    free(list);
    return rc ? cli_fail("hubs", rc) : CLI_EXIT_OK;
}
