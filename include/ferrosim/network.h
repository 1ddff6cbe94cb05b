/* ferrosim/network.h — interaction networks (edge lists `a b score`) and hub-gene rankings on
 * the subnetwork induced by a gene list, with cytoHubba's definitions (Chin et al. 2014):
 *   degree       number of neighbours
 *   betweenness  sum over unordered pairs {s, t} (s, t != v) of sigma_st(v) / sigma_st
 *                (unnormalised, undirected, as igraph::betweenness)
 *   closeness    sum over the other nodes w reachable from v of 1 / dist(v, w)
 *                (cytoHubba's closeness; unreachable nodes add 0)
 *   MCC          sum over the maximal cliques C containing v of (|C| - 1)!
 *                (= degree when no two neighbours of v are linked; 1 for an isolated node,
 *                a clique of one)
 * Unweighted: the score only filters edges (min_score). Parallel over nodes (OpenMP), with
 * results identical for any thread count. */
#ifndef FERROSIM_NETWORK_H
#define FERROSIM_NETWORK_H

#include "ferrosim/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    int nnode, nedge;
    char **node;   /* names, in order of first appearance */
    int *a, *b;    /* nedge endpoints (indices into node), a < b */
    double *score; /* nedge */
} ferro_network_t;

/* Read `a b score` lines (tab- or space-separated; more columns ignored; '#' comments; a header
 * line is recognised by a non-numeric third field). Edges with score < min_score are dropped
 * (pass -INFINITY to keep all); self-loops are dropped; a repeated pair keeps its highest score. */
int ferro_network_read(const char *path, double min_score, ferro_network_t **out) FERRO_WUR;
/* The subnetwork induced by genes[0..n-1]: its nodes are the listed genes present in the
 * network (in list order, repeats once), its edges those between them. *nmissing (may be NULL)
 * = how many listed genes are not network nodes. */
int ferro_network_induced(const ferro_network_t *net, char *const *genes, int n, ferro_network_t **out,
                          int *nmissing) FERRO_WUR;
void ferro_network_free(ferro_network_t *net); /* NULL-safe */

typedef struct {
    int n;               /* = net->nnode, same order */
    double *degree, *betweenness, *closeness, *mcc;
} ferro_hubs_t;

int ferro_network_hubs(const ferro_network_t *net, int nthreads, ferro_hubs_t **out) FERRO_WUR;
void ferro_hubs_free(ferro_hubs_t *h); /* NULL-safe */

#ifdef __cplusplus
}
#endif
#endif
