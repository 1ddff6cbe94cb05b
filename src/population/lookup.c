/* lookup.c — names with aliases, case/punctuation-insensitive lookup of cell lines, agents and
 * genes, and "did you mean" suggestions (the nearest names by edit distance). */
#include "pop_internal.h"

#include <stdlib.h>
#include <string.h>

void pop_fold(const char *in, char *out, size_t n)
{
    ferro_name_fold(in, out, n);
    size_t j = 0;
    for (size_t i = 0; out[i]; i++)
        if (!strchr(";:/'\"", out[i])) out[j++] = out[i];
    out[j] = 0;
}

void pop_names_free(pop_names_t *n)
{
    if (!n) return;
    free(n->name);
    if (n->alias)
        for (int i = 0; i < n->nalias; i++) free(n->alias[i]);
    if (n->folded)
        for (int i = 0; i <= n->nalias; i++) free(n->folded[i]);
    free(n->alias);
    free(n->folded);
    memset(n, 0, sizeof *n);
}

/* Split aliases at commas; "-" or "" means none. Blanks around each alias are dropped. */
int pop_names_init(pop_names_t *n, const char *name, const char *aliases)
{
    memset(n, 0, sizeof *n);
    int has = aliases && *aliases && strcmp(aliases, "-") != 0 && strcmp(aliases, "NA") != 0;
    int cap = 0;
    if (has) {
        cap = 1;
        for (const char *s = aliases; *s; s++) cap += *s == ',';
    }
    n->name = ferro_strdup(name);
    n->alias = ferro_calloc((size_t)cap, sizeof *n->alias);
    n->folded = ferro_calloc((size_t)cap + 1, sizeof *n->folded);
    if (!n->name || !n->alias || !n->folded) goto nomem;
    char buf[POP_NAME_MAX];
    pop_fold(name, buf, sizeof buf);
    if (!(n->folded[0] = ferro_strdup(buf))) goto nomem;
    if (has) {
        const char *s = aliases;
        while (*s) {
            const char *e = strchr(s, ',');
            size_t L = e ? (size_t)(e - s) : strlen(s);
            while (L && (*s == ' ' || *s == '\t')) { s++; L--; }
            while (L && (s[L - 1] == ' ' || s[L - 1] == '\t')) L--;
            if (L) {
                char *a = ferro_malloc(L + 1);
                if (!a) goto nomem;
                memcpy(a, s, L);
                a[L] = 0;
                n->alias[n->nalias] = a;
                pop_fold(a, buf, sizeof buf);
                if (!(n->folded[n->nalias + 1] = ferro_strdup(buf))) { n->nalias++; goto nomem; }
                n->nalias++;
            }
            if (!e) break;
            s = e + 1;
        }
    }
    return 0;
nomem:
    pop_names_free(n);
    return FERRO_ENOMEM;
}

/* Names are reached through a stride over the table of structs that begin with pop_names_t. */
typedef struct {
    const char *what; /* "cell line", "agent", "gene" */
    const char *list; /* the `ferrosim list` argument */
    const void *base;
    size_t stride;
    int n;
} name_table_t;

static const pop_names_t *entry(const name_table_t *t, int i)
{
    return (const pop_names_t *)((const char *)t->base + (size_t)i * t->stride);
}

static int find(const name_table_t *t, const char *query, int *idx)
{
    char q[POP_NAME_MAX];
    pop_fold(query ? query : "", q, sizeof q);
    if (q[0]) {
        /* a main name wins over an alias of another entry */
        for (int i = 0; i < t->n; i++)
            if (strcmp(entry(t, i)->folded[0], q) == 0) { *idx = i; return 0; }
        for (int i = 0; i < t->n; i++)
            for (int a = 1; a <= entry(t, i)->nalias; a++)
                if (strcmp(entry(t, i)->folded[a], q) == 0) { *idx = i; return 0; }
    }
    /* the three nearest entries (by their nearest name or alias), ties in table order */
    int best[3] = {-1, -1, -1}, bestd[3] = {1 << 30, 1 << 30, 1 << 30};
    for (int i = 0; i < t->n; i++) {
        int d = 1 << 30;
        for (int a = 0; a <= entry(t, i)->nalias; a++) {
            int x = ferro_name_distance(q, entry(t, i)->folded[a]);
            if (x < d) d = x;
        }
        for (int s = 0; s < 3; s++)
            if (d < bestd[s]) {
                for (int m = 2; m > s; m--) { best[m] = best[m - 1]; bestd[m] = bestd[m - 1]; }
                best[s] = i;
                bestd[s] = d;
                break;
            }
    }
    char sugg[3 * POP_NAME_MAX + 16] = "";
    for (int s = 0; s < 3 && best[s] >= 0; s++) {
        if (s) strcat(sugg, ", ");
        strncat(sugg, entry(t, best[s])->name, POP_NAME_MAX - 1);
    }
    if (!sugg[0])
        return ferro_error_set(FERRO_ENOTFOUND, "unknown %s '%s' (there are none in the tables)", t->what,
                               query ? query : "");
    return ferro_error_set(FERRO_ENOTFOUND, "unknown %s '%s'; nearest: %s (see 'ferrosim list %s')", t->what,
                           query ? query : "", sugg, t->list);
}

int ferro_world_find_cell(const ferro_world_t *w, const char *name, int *idx)
{
    name_table_t t = {"cell line", "cells", w->cell, sizeof *w->cell, w->ncell};
    return find(&t, name, idx);
}

int ferro_world_find_agent(const ferro_world_t *w, const char *name, int *idx)
{
    name_table_t t = {"agent", "agents", w->agent, sizeof *w->agent, w->nagent};
    return find(&t, name, idx);
}

int ferro_world_find_gene(const ferro_world_t *w, const char *name, int *idx)
{
    name_table_t t = {"gene", "genes", w->gene, sizeof *w->gene, w->ngene};
    return find(&t, name, idx);
}

int pop_model_param_index(const ferro_world_t *w, const char *id)
{
    for (int i = 0; i < w->nparam; i++)
        if (strcmp(w->param_id[i], id) == 0) return i;
    return -1;
}

int pop_model_species_index(const ferro_world_t *w, const char *id)
{
    for (int i = 0; i < w->nspecies; i++)
        if (strcmp(w->species_id[i], id) == 0) return i;
    return -1;
}

int pop_model_settable_param(const ferro_world_t *w, const char *id, char *why, size_t n)
{
    int i = pop_model_param_index(w, id);
    if (i < 0) snprintf(why, n, "parameter '%s' is not in the model", id);
    else if (!w->param_settable[i])
        snprintf(why, n, "parameter '%s' is computed by an assignment rule in the model and cannot be set", id);
    return i >= 0 && w->param_settable[i] ? i : -1;
}
