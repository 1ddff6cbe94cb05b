/* sets.c — gene set collections: GMT and one-gene-per-line files, add, merge, free. */
#include "ferrosim/geneset.h"

#include <stdlib.h>
#include <string.h>

#include "cohort/strindex.h"

int ferro_genesets_new(ferro_genesets_t **out)
{
    *out = ferro_calloc(1, sizeof **out);
    return *out ? 0 : FERRO_ENOMEM;
}

void ferro_genesets_free(ferro_genesets_t *gs)
{
    if (!gs) return;
    for (int s = 0; s < gs->n; s++) {
        for (int i = 0; i < gs->size[s]; i++) free(gs->gene[s][i]);
        free(gs->gene[s]);
        free(gs->name[s]);
        free(gs->desc[s]);
    }
    free(gs->name);
    free(gs->desc);
    free(gs->size);
    free(gs->gene);
    free(gs);
}

int ferro_genesets_add(ferro_genesets_t *gs, const char *name, const char *desc, char *const *genes, int n)
{
    int s = gs->n;
    char **nm = ferro_realloc(gs->name, (size_t)(s + 1) * sizeof *nm);
    if (!nm) return FERRO_ENOMEM;
    gs->name = nm;
    char **ds = ferro_realloc(gs->desc, (size_t)(s + 1) * sizeof *ds);
    if (!ds) return FERRO_ENOMEM;
    gs->desc = ds;
    int *sz = ferro_realloc(gs->size, (size_t)(s + 1) * sizeof *sz);
    if (!sz) return FERRO_ENOMEM;
    gs->size = sz;
    char ***g = ferro_realloc(gs->gene, (size_t)(s + 1) * sizeof *g);
    if (!g) return FERRO_ENOMEM;
    gs->gene = g;
    gs->name[s] = ferro_strdup(name);
    gs->desc[s] = ferro_strdup(desc ? desc : "");
    gs->gene[s] = ferro_calloc((size_t)n + 1, sizeof(char *));
    gs->size[s] = 0;
    gs->n = s + 1; /* owned from here on: freed by ferro_genesets_free even if incomplete */
    if (!gs->name[s] || !gs->desc[s] || !gs->gene[s]) return FERRO_ENOMEM;
    ferro_strindex_t *ix;
    int rc = ferro_strindex_build(genes, n, &ix);
    if (rc) return rc;
    for (int i = 0; i < n; i++) {
        if (ferro_strindex_find(ix, genes[i]) != i) continue; /* a repeat */
        if (!(gs->gene[s][gs->size[s]] = ferro_strdup(genes[i]))) { ferro_strindex_free(ix); return FERRO_ENOMEM; }
        gs->size[s]++;
    }
    ferro_strindex_free(ix);
    return 0;
}

int ferro_genesets_merge(ferro_genesets_t *gs, const ferro_genesets_t *more)
{
    for (int s = 0; s < more->n; s++) {
        int rc = ferro_genesets_add(gs, more->name[s], more->desc[s], more->gene[s], more->size[s]);
        if (rc) return rc;
    }
    return 0;
}

int ferro_genesets_find(const ferro_genesets_t *gs, const char *name)
{
    for (int s = 0; s < gs->n; s++)
        if (!strcmp(gs->name[s], name)) return s;
    return -1;
}

static int ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && !strcmp(s + a - b, suf);
}

/* "dir/ferrdb_driver.txt" -> "ferrdb_driver" */
static void base_name(const char *path, char *out, size_t n)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    snprintf(out, n, "%s", b);
    if (ends_with(out, ".gz")) out[strlen(out) - 3] = 0;
    char *dot = strrchr(out, '.');
    if (dot && dot != out) *dot = 0;
}

int ferro_genesets_read(const char *path, ferro_genesets_t **out)
{
    *out = NULL;
    int gmt = ends_with(path, ".gmt") || ends_with(path, ".gmt.gz") || ends_with(path, ".GMT");
    ferro_tsv_t *r;
    int rc = ferro_tsv_open(path, FERRO_TSV_SKIP_HASH, &r);
    if (rc) return rc;
    ferro_genesets_t *gs;
    if ((rc = ferro_genesets_new(&gs))) { ferro_tsv_close(r); return rc; }
    char **list = NULL;
    int nlist = 0, cap = 0;
    long *line_of = NULL; /* GMT: the line of each set, to name both lines of a repeated name */
    while ((rc = ferro_tsv_next(r)) == 0) {
        if (gmt) {
            int nf = ferro_tsv_nfields(r);
            if (nf < 3) { rc = ferro_tsv_error(r, FERRO_EPARSE, 0, "a GMT line needs a name, a description and at least one gene (%d field(s))", nf); break; }
            if (!*ferro_tsv_field(r, 0)) { rc = ferro_tsv_error(r, FERRO_EPARSE, 1, "empty gene set name"); break; }
            int dup = ferro_genesets_find(gs, ferro_tsv_field(r, 0));
            if (dup >= 0) {
                rc = ferro_tsv_error(r, FERRO_EPARSE, 1, "gene set '%s' is already defined on line %ld", ferro_tsv_field(r, 0),
                                     line_of[dup]);
                break;
            }
            long *lo = ferro_realloc(line_of, (size_t)(gs->n + 1) * sizeof *lo);
            if (!lo) { rc = FERRO_ENOMEM; break; }
            line_of = lo;
            line_of[gs->n] = ferro_tsv_lineno(r);
            char **genes = ferro_malloc((size_t)nf * sizeof *genes);
            if (!genes) { rc = FERRO_ENOMEM; break; }
            int k = 0;
            for (int i = 2; i < nf; i++) {
                char *f = (char *)ferro_tsv_field(r, i);
                if (*f) genes[k++] = f;
            }
            rc = ferro_genesets_add(gs, ferro_tsv_field(r, 0), ferro_tsv_field(r, 1), genes, k);
            free(genes);
            if (rc) break;
        } else {
            if (ferro_tsv_nfields(r) != 1)
                { rc = ferro_tsv_error(r, FERRO_EPARSE, 2, "a gene list has one gene per line (found %d fields; a GMT file must end in .gmt)", ferro_tsv_nfields(r)); break; }
            const char *f = ferro_tsv_field(r, 0);
            while (*f == ' ') f++;
            if (!*f) continue;
            if (nlist == cap) {
                cap = cap ? 2 * cap : 256;
                char **l = ferro_realloc(list, (size_t)cap * sizeof *l);
                if (!l) { rc = FERRO_ENOMEM; break; }
                list = l;
            }
            if (!(list[nlist] = ferro_strdup(f))) { rc = FERRO_ENOMEM; break; }
            char *e = list[nlist] + strlen(list[nlist]);
            while (e > list[nlist] && e[-1] == ' ') *--e = 0;
            nlist++;
        }
    }
    if (rc == FERRO_END) {
        rc = 0;
        if (!gmt) {
            char name[256];
            base_name(path, name, sizeof name);
            rc = ferro_genesets_add(gs, name, path, list, nlist);
        }
        if (!rc && (gs->n == 0 || (!gmt && nlist == 0))) rc = ferro_error_set(FERRO_EPARSE, "%s: line %ld (end of file): no genes", ferro_tsv_path(r),
                                 ferro_tsv_lineno(r) > 0 ? ferro_tsv_lineno(r) : 1);
    }
    for (int i = 0; i < nlist; i++) free(list[i]);
    free(list);
    free(line_of);
    ferro_tsv_close(r);
    if (rc) { ferro_genesets_free(gs); return rc; }
    *out = gs;
    return 0;
}

static int is_file(const char *path)
{
    FILE *fp = fopen(path, "r");
    if (fp) fclose(fp);
    return fp != NULL;
}

int ferro_genesets_from_arg(const char *arg, ferro_genesets_t **out)
{
    *out = NULL;
    char *copy = ferro_strdup(arg), *save = NULL;
    char **tok = ferro_malloc((strlen(arg) / 2 + 2) * sizeof *tok);
    int n = 0, nfile = 0, rc = 0;
    if (!copy || !tok) { free(copy); free(tok); return FERRO_ENOMEM; }
    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        nfile += is_file(t);
        tok[n++] = t;
    }
    if (n == 0) rc = ferro_error_set(FERRO_EINVAL, "no genes in '%s'", arg);
    else if (nfile == n) { /* files: read and pool them */
        rc = ferro_genesets_new(out);
        for (int i = 0; !rc && i < n; i++) {
            ferro_genesets_t *one;
            if (!(rc = ferro_genesets_read(tok[i], &one))) rc = ferro_genesets_merge(*out, one);
            ferro_genesets_free(one);
        }
    } else if (n == 1 && (strchr(arg, '/') || strchr(arg, '.'))) {
        rc = ferro_error_set(FERRO_ENOTFOUND, "%s: cannot open for reading: no such file", arg);
    } else if (!(rc = ferro_genesets_new(out))) {
        rc = ferro_genesets_add(*out, "genes", "", tok, n);
    }
    free(copy);
    free(tok);
    if (rc) { ferro_genesets_free(*out); *out = NULL; }
    return rc;
}

int ferro_genesets_union(const ferro_genesets_t *gs, char ***genes, int *n)
{
    int tot = 0;
    for (int s = 0; s < gs->n; s++) tot += gs->size[s];
    char **all = ferro_malloc(((size_t)tot + 1) * sizeof *all), **u = ferro_malloc(((size_t)tot + 1) * sizeof *u);
    if (!all || !u) { free(all); free(u); return FERRO_ENOMEM; }
    int k = 0;
    for (int s = 0; s < gs->n; s++)
        for (int i = 0; i < gs->size[s]; i++) all[k++] = gs->gene[s][i];
    ferro_strindex_t *ix;
    int rc = ferro_strindex_build(all, k, &ix);
    if (rc) { free(all); free(u); return rc; }
    int m = 0;
    for (int i = 0; i < k; i++)
        if (ferro_strindex_find(ix, all[i]) == i) u[m++] = all[i];
    ferro_strindex_free(ix);
    free(all);
    *genes = u;
    *n = m;
    return 0;
}
