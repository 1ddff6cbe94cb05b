/* hubs.c — cytoHubba's hub rankings: degree, betweenness (Brandes 2001), closeness (sum of
 * inverse distances), MCC (maximal cliques by Bron–Kerbosch with Tomita pivoting). Written here:
 * GSL has no graph algorithms. */
#include "ferrosim/network.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cohort/threads.h"

typedef struct {
    int n;
    int *off; /* n + 1 */
    int *adj; /* sorted neighbours */
} csr_t;

static int csr_build(const ferro_network_t *net, csr_t *g)
{
    int n = net->nnode;
    g->n = n;
    g->off = ferro_calloc((size_t)n + 2, sizeof(int));
    g->adj = ferro_malloc((2 * (size_t)net->nedge + 1) * sizeof(int));
    int *fill = ferro_calloc((size_t)n + 1, sizeof(int));
    if (!g->off || !g->adj || !fill) { free(fill); return FERRO_ENOMEM; }
    for (int e = 0; e < net->nedge; e++) { g->off[net->a[e] + 1]++; g->off[net->b[e] + 1]++; }
    for (int i = 0; i < n; i++) g->off[i + 1] += g->off[i];
    for (int e = 0; e < net->nedge; e++) {
        int x = net->a[e], y = net->b[e];
        g->adj[g->off[x] + fill[x]++] = y;
        g->adj[g->off[y] + fill[y]++] = x;
    }
    free(fill);
    for (int i = 0; i < n; i++) { /* sort each neighbour list (insertion: lists are short) */
        int *a = g->adj + g->off[i], m = g->off[i + 1] - g->off[i];
        for (int p = 1; p < m; p++) {
            int v = a[p], q = p;
            while (q > 0 && a[q - 1] > v) { a[q] = a[q - 1]; q--; }
            a[q] = v;
        }
    }
    return 0;
}

static int linked(const csr_t *g, int u, int v)
{
    int lo = g->off[u], hi = g->off[u + 1];
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (g->adj[mid] < v) lo = mid + 1;
        else hi = mid;
    }
    return lo < g->off[u + 1] && g->adj[lo] == v;
}

/* Brandes from source s: adds the dependencies of s into bc[], and closeness of s. */
static void brandes(const csr_t *g, int s, double *bc, double *closeness, int *stack, int *queue, int *dist,
                    double *sigma, double *delta)
{
    int n = g->n, top = 0, head = 0, tail = 0;
    for (int i = 0; i < n; i++) { dist[i] = -1; sigma[i] = 0; delta[i] = 0; }
    dist[s] = 0;
    sigma[s] = 1;
    queue[tail++] = s;
    double cl = 0;
    while (head < tail) {
        int v = queue[head++];
        stack[top++] = v;
        if (v != s) cl += 1.0 / dist[v];
        for (int k = g->off[v]; k < g->off[v + 1]; k++) {
            int w = g->adj[k];
            if (dist[w] < 0) { dist[w] = dist[v] + 1; queue[tail++] = w; }
            if (dist[w] == dist[v] + 1) sigma[w] += sigma[v];
        }
    }
    *closeness = cl;
    while (top > 0) {
        int w = stack[--top];
        for (int k = g->off[w]; k < g->off[w + 1]; k++) {
            int v = g->adj[k];
            if (dist[v] == dist[w] - 1) delta[v] += sigma[v] / sigma[w] * (1 + delta[w]);
        }
        if (w != s) bc[w] += delta[w];
    }
}

/* ---- MCC ---- */
typedef struct {
    const csr_t *g;
    double *mcc;
    int *R;
    int nR;
} bk_t;

static double factorial(int k)
{
    double f = 1;
    for (int i = 2; i <= k; i++) f *= i;
    return f;
}

/* P and X are arrays (owned by the caller's frame); recursion allocates the next level. */
static int bron_kerbosch(bk_t *b, int *P, int np, int *X, int nx)
{
    if (np == 0) {
        if (nx == 0 && b->nR >= 1) { /* a clique of one: an isolated node, (1 - 1)! = 1 */
            double c = factorial(b->nR - 1);
            for (int i = 0; i < b->nR; i++) b->mcc[b->R[i]] += c;
        }
        return 0;
    }
    /* pivot: the vertex of P u X with the most neighbours in P */
    int best = -1, bestc = -1;
    for (int q = 0; q < np + nx; q++) {
        int u = q < np ? P[q] : X[q - np], c = 0;
        for (int i = 0; i < np; i++) c += linked(b->g, u, P[i]);
        if (c > bestc) { bestc = c; best = u; }
    }
    int cap = np + nx + 1;
    int *buf = malloc(2 * (size_t)cap * sizeof *buf);
    int *cand = malloc((size_t)(np + 1) * sizeof *cand), nc = 0;
    if (!buf || !cand) { free(buf); free(cand); return FERRO_ENOMEM; }
    for (int i = 0; i < np; i++)
        if (!linked(b->g, best, P[i])) cand[nc++] = P[i];
    int rc = 0;
    for (int ci = 0; ci < nc && !rc; ci++) {
        int v = cand[ci], np2 = 0, nx2 = 0;
        int *P2 = buf, *X2 = buf + cap;
        for (int i = 0; i < np; i++) if (linked(b->g, v, P[i])) P2[np2++] = P[i];
        for (int i = 0; i < nx; i++) if (linked(b->g, v, X[i])) X2[nx2++] = X[i];
        b->R[b->nR++] = v;
        rc = bron_kerbosch(b, P2, np2, X2, nx2);
        b->nR--;
        /* move v from P to X */
        for (int i = 0; i < np; i++) if (P[i] == v) { P[i] = P[--np]; break; }
        X[nx++] = v;
    }
    free(buf);
    free(cand);
    return rc;
}

static int mcc_all(const csr_t *g, double *mcc)
{
    int n = g->n;
    int *P = malloc(((size_t)n + 1) * sizeof *P), *X = malloc(((size_t)n + 1) * sizeof *X);
    bk_t b = {g, mcc, malloc(((size_t)n + 1) * sizeof(int)), 0};
    int rc = 0;
    if (!P || !X || !b.R) rc = ferro_error_set(FERRO_ENOMEM, "out of memory");
    if (!rc) {
        for (int i = 0; i < n; i++) P[i] = i;
        rc = bron_kerbosch(&b, P, n, X, 0);
        if (rc) ferro_error_set(FERRO_ENOMEM, "out of memory");
    }
    free(P);
    free(X);
    free(b.R);
    return rc;
}

void ferro_hubs_free(ferro_hubs_t *h)
{
    if (!h) return;
    free(h->degree);
    free(h->betweenness);
    free(h->closeness);
    free(h->mcc);
    free(h);
}

#define NBLOCK 64

int ferro_network_hubs(const ferro_network_t *net, int nthreads, ferro_hubs_t **out)
{
    *out = NULL;
    int n = net->nnode, rc;
    csr_t g = {0};
    ferro_hubs_t *h = ferro_calloc(1, sizeof *h);
    if (!h) return FERRO_ENOMEM;
    h->n = n;
    h->degree = ferro_calloc((size_t)n + 1, sizeof(double));
    h->betweenness = ferro_calloc((size_t)n + 1, sizeof(double));
    h->closeness = ferro_calloc((size_t)n + 1, sizeof(double));
    h->mcc = ferro_calloc((size_t)n + 1, sizeof(double));
    /* betweenness in NBLOCK fixed blocks of sources, summed in block order: the same sums for
     * any thread count */
    double *part = ferro_calloc((size_t)NBLOCK * n + 1, sizeof(double));
    if (!h->degree || !h->betweenness || !h->closeness || !h->mcc || !part) { rc = FERRO_ENOMEM; goto done; }
    if ((rc = csr_build(net, &g))) goto done;
    for (int i = 0; i < n; i++) h->degree[i] = g.off[i + 1] - g.off[i];
    int bs = (n + NBLOCK - 1) / NBLOCK, fail = 0;
#pragma omp parallel num_threads(ferro_omics_threads(nthreads))
    {
        int *stack = malloc(((size_t)n + 1) * sizeof(int)), *queue = malloc(((size_t)n + 1) * sizeof(int));
        int *dist = malloc(((size_t)n + 1) * sizeof(int));
        double *sigma = malloc(((size_t)n + 1) * sizeof(double)), *delta = malloc(((size_t)n + 1) * sizeof(double));
        int ok = stack && queue && dist && sigma && delta;
        if (!ok) {
#pragma omp atomic write
            fail = 1;
        }
#pragma omp for schedule(dynamic, 1)
        for (int blk = 0; blk < NBLOCK; blk++) {
            if (!ok) continue;
            for (int s = blk * bs; s < (blk + 1) * bs && s < n; s++)
                brandes(&g, s, part + (size_t)blk * n, &h->closeness[s], stack, queue, dist, sigma, delta);
        }
        free(stack);
        free(queue);
        free(dist);
        free(sigma);
        free(delta);
    }
    if (fail) { rc = ferro_error_set(FERRO_ENOMEM, "out of memory"); goto done; }
    for (int blk = 0; blk < NBLOCK; blk++)
        for (int i = 0; i < n; i++) h->betweenness[i] += part[(size_t)blk * n + i];
    for (int i = 0; i < n; i++) h->betweenness[i] /= 2; /* each unordered pair was counted twice */
    rc = mcc_all(&g, h->mcc);
done:
    free(part);
    free(g.off);
    free(g.adj);
    if (rc) ferro_hubs_free(h);
    else *out = h;
    return rc;
}
