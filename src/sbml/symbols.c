/* symbols.c — the importer's id -> slot table (open addressing, ids owned by libSBML). */
#include <stdlib.h>
#include <string.h>

#include "sbml/sbml_impl.h"

static unsigned hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

int sym_add(symtab_t *t, const char *id, int kind, int index, int slot)
{
    if (!id || !*id) return 0;
    if (2 * (t->n + 1) > t->cap) {
        symtab_t nt = {NULL, t->cap ? 2 * t->cap : 64, 0};
        if (!(nt.tab = ferro_calloc((size_t)nt.cap, sizeof *nt.tab))) return FERRO_ENOMEM;
        for (int i = 0; i < t->cap; i++)
            if (t->tab[i].id) sym_add(&nt, t->tab[i].id, t->tab[i].kind, t->tab[i].index, t->tab[i].slot);
        free(t->tab);
        *t = nt;
    }
    unsigned i = hash(id) & (unsigned)(t->cap - 1);
    while (t->tab[i].id) {
        if (!strcmp(t->tab[i].id, id)) return ferro_error_set(FERRO_EPARSE, "the id '%s' is used twice", id);
        i = (i + 1) & (unsigned)(t->cap - 1);
    }
    t->tab[i] = (sym_t){id, kind, index, slot};
    t->n++;
    return 0;
}

const sym_t *sym_find(const symtab_t *t, const char *id)
{
    if (!t->cap || !id) return NULL;
    unsigned i = hash(id) & (unsigned)(t->cap - 1);
    while (t->tab[i].id) {
        if (!strcmp(t->tab[i].id, id)) return &t->tab[i];
        i = (i + 1) & (unsigned)(t->cap - 1);
    }
    return NULL;
}

void sym_free(symtab_t *t)
{
    free(t->tab);
    t->tab = NULL;
    t->cap = t->n = 0;
}
