/* graph.c — edge-list networks: reading (tab/space, optional header, min score), induced
 * subnetworks, free. */
#include "ferrosim/network.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cohort/strindex.h"
#include "ferrosim/io.h"

void ferro_network_free(ferro_network_t *n)
{
    if (!n) return;
    for (int i = 0; i < n->nnode; i++) free(n->node[i]);
    free(n->node);
    free(n->a);
    free(n->b);
    free(n->score);
    free(n);
}

/* Growing node table with a lookup that is rebuilt lazily (names are few relative to edges). */
typedef struct {
    ferro_network_t *net;
    int ncap, ecap;
    /* open-addressing hash: name -> index */
    int *slot;
    int hcap;
} builder_t;

static unsigned long hash_str(const char *s)
{
    unsigned long h = 5381;
    while (*s) h = h * 33 + (unsigned char)*s++;
    return h;
}

static int rehash(builder_t *b, int cap)
{
    int *s = ferro_malloc((size_t)cap * sizeof *s);
    if (!s) return FERRO_ENOMEM;
    for (int i = 0; i < cap; i++) s[i] = -1;
    for (int i = 0; i < b->net->nnode; i++) {
        unsigned long h = hash_str(b->net->node[i]) % (unsigned long)cap;
        while (s[h] >= 0) h = (h + 1) % (unsigned long)cap;
        s[h] = i;
    }
    free(b->slot);
    b->slot = s;
    b->hcap = cap;
    return 0;
}

static int node_id(builder_t *b, const char *name, int *id)
{
    ferro_network_t *n = b->net;
    if (2 * (n->nnode + 1) > b->hcap && rehash(b, b->hcap ? 2 * b->hcap : 1024)) return FERRO_ENOMEM;
    unsigned long h = hash_str(name) % (unsigned long)b->hcap;
    while (b->slot[h] >= 0) {
        if (!strcmp(n->node[b->slot[h]], name)) { *id = b->slot[h]; return 0; }
        h = (h + 1) % (unsigned long)b->hcap;
    }
    if (n->nnode == b->ncap) {
        int nc = b->ncap ? 2 * b->ncap : 256;
        char **p = ferro_realloc(n->node, (size_t)nc * sizeof *p);
        if (!p) return FERRO_ENOMEM;
        n->node = p;
        b->ncap = nc;
    }
    if (!(n->node[n->nnode] = ferro_strdup(name))) return FERRO_ENOMEM;
    b->slot[h] = n->nnode;
    *id = n->nnode++;
    return 0;
}

static int add_edge(builder_t *b, int x, int y, double s)
{
    ferro_network_t *n = b->net;
    if (n->nedge == b->ecap) {
        int nc = b->ecap ? 2 * b->ecap : 1024;
        int *pa = ferro_realloc(n->a, (size_t)nc * sizeof *pa);
        if (!pa) return FERRO_ENOMEM;
        n->a = pa;
        int *pb = ferro_realloc(n->b, (size_t)nc * sizeof *pb);
        if (!pb) return FERRO_ENOMEM;
        n->b = pb;
        double *ps = ferro_realloc(n->score, (size_t)nc * sizeof *ps);
        if (!ps) return FERRO_ENOMEM;
        n->score = ps;
        b->ecap = nc;
    }
    n->a[n->nedge] = x < y ? x : y;
    n->b[n->nedge] = x < y ? y : x;
    n->score[n->nedge++] = s;
    return 0;
}

typedef struct { int a, b, i; double s; } ekey_t;
static int cmp_edge(const void *p, const void *q)
{
    const ekey_t *x = p, *y = q;
    if (x->a != y->a) return x->a < y->a ? -1 : 1;
    if (x->b != y->b) return x->b < y->b ? -1 : 1;
    return (x->i > y->i) - (x->i < y->i);
}

/* Merge repeated pairs (highest score), keeping the order of first appearance. */
static int dedup_edges(ferro_network_t *n)
{
    if (n->nedge < 2) return 0;
    ekey_t *k = ferro_malloc((size_t)n->nedge * sizeof *k);
    char *keep = ferro_calloc((size_t)n->nedge, 1);
    if (!k || !keep) { free(k); free(keep); return FERRO_ENOMEM; }
    for (int e = 0; e < n->nedge; e++) { k[e].a = n->a[e]; k[e].b = n->b[e]; k[e].i = e; k[e].s = n->score[e]; }
    qsort(k, (size_t)n->nedge, sizeof *k, cmp_edge);
    for (int e = 0; e < n->nedge;) {
        int f = e;
        double best = k[e].s;
        while (f + 1 < n->nedge && k[f + 1].a == k[e].a && k[f + 1].b == k[e].b) { f++; if (k[f].s > best) best = k[f].s; }
        keep[k[e].i] = 1; /* the first occurrence (smallest index) */
        n->score[k[e].i] = best;
        e = f + 1;
    }
    int m = 0;
    for (int e = 0; e < n->nedge; e++)
        if (keep[e]) { n->a[m] = n->a[e]; n->b[m] = n->b[e]; n->score[m] = n->score[e]; m++; }
    n->nedge = m;
    free(k);
    free(keep);
    return 0;
}

/* Split a line on tabs or runs of spaces (in place); returns the field count (max 3 kept). */
static int split_ws(char *s, char *f[3])
{
    int n = 0;
    while (*s && n < 3) {
        while (*s == ' ' || *s == '\t') s++;
        if (!*s) break;
        f[n++] = s;
        while (*s && *s != ' ' && *s != '\t') s++;
        if (*s) *s++ = 0;
    }
    return n;
}

int ferro_network_read(const char *path, double min_score, ferro_network_t **out)
{
    *out = NULL;
    ferro_tsv_t *r;
    int rc = ferro_tsv_open(path, FERRO_TSV_SKIP_HASH, &r);
    if (rc) return rc;
    builder_t b = {0};
    b.net = ferro_calloc(1, sizeof *b.net);
    if (!b.net) { ferro_tsv_close(r); return FERRO_ENOMEM; }
    int first = 1;
    char line[4096];
    while ((rc = ferro_tsv_next(r)) == 0) {
        /* re-join the tab fields to split on tabs or spaces alike */
        size_t len = 0;
        line[0] = 0;
        for (int i = 0; i < ferro_tsv_nfields(r) && i < 3; i++)
            len += (size_t)snprintf(line + len, len < sizeof line ? sizeof line - len : 0, "%s%s", i ? "\t" : "", ferro_tsv_field(r, i));
        if (len >= sizeof line) { rc = ferro_tsv_error(r, FERRO_EPARSE, 0, "line too long"); break; }
        char *f[3];
        int nf = split_ws(line, f);
        if (nf == 0) continue;
        if (nf < 3) { rc = ferro_tsv_error(r, FERRO_EPARSE, 0, "expected 'a b score', found %d field(s)", nf); break; }
        double s;
        if (ferro_parse_double(f[2], &s)) {
            if (first) { first = 0; continue; } /* a header line */
            rc = ferro_tsv_error(r, FERRO_EPARSE, 3, "score '%.40s' is not a number", f[2]);
            break;
        }
        first = 0;
        if (s < min_score || !strcmp(f[0], f[1])) continue;
        int x, y;
        if ((rc = node_id(&b, f[0], &x)) || (rc = node_id(&b, f[1], &y)) || (rc = add_edge(&b, x, y, s))) break;
    }
    if (rc == FERRO_END) rc = dedup_edges(b.net);
    if (!rc && b.net->nnode == 0) rc = ferro_error_set(FERRO_EPARSE, "%s: line %ld (end of file): no edges (score >= %g)", ferro_tsv_path(r),
                                              ferro_tsv_lineno(r) > 0 ? ferro_tsv_lineno(r) : 1, min_score);
    ferro_tsv_close(r);
    free(b.slot);
    if (rc) { ferro_network_free(b.net); return rc; }
    *out = b.net;
    return 0;
}

int ferro_network_induced(const ferro_network_t *net, char *const *genes, int n, ferro_network_t **out, int *nmissing)
{
    *out = NULL;
    ferro_strindex_t *ix;
    int rc = ferro_strindex_build(net->node, net->nnode, &ix);
    if (rc) return rc;
    int *map = ferro_malloc(((size_t)net->nnode + 1) * sizeof *map); /* old -> new or -1 */
    ferro_network_t *s = ferro_calloc(1, sizeof *s);
    if (!map || !s) { rc = FERRO_ENOMEM; goto done; }
    s->node = ferro_calloc((size_t)n + 1, sizeof *s->node);
    s->a = ferro_malloc(((size_t)net->nedge + 1) * sizeof *s->a);
    s->b = ferro_malloc(((size_t)net->nedge + 1) * sizeof *s->b);
    s->score = ferro_malloc(((size_t)net->nedge + 1) * sizeof *s->score);
    if (!s->node || !s->a || !s->b || !s->score) { rc = FERRO_ENOMEM; goto done; }
    for (int i = 0; i < net->nnode; i++) map[i] = -1;
    int miss = 0;
    for (int g = 0; g < n; g++) {
        int i = ferro_strindex_find(ix, genes[g]);
        if (i < 0) { miss++; continue; }
        if (map[i] >= 0) continue;
        map[i] = s->nnode;
        if (!(s->node[s->nnode++] = ferro_strdup(genes[g]))) { rc = FERRO_ENOMEM; goto done; }
    }
    for (int e = 0; e < net->nedge; e++) {
        int x = map[net->a[e]], y = map[net->b[e]];
        if (x < 0 || y < 0) continue;
        s->a[s->nedge] = x < y ? x : y;
        s->b[s->nedge] = x < y ? y : x;
        s->score[s->nedge++] = net->score[e];
    }
    if (nmissing) *nmissing = miss;
done:
    ferro_strindex_free(ix);
    free(map);
    if (rc) ferro_network_free(s);
    else *out = s;
    return rc;
}
