/* tables.c — the world's data tables (cells, cell_profiles, genes, agents, agent_effects; format
 * in docs/model-conventions.md), checked against the model: every parameter and species a table
 * names must exist. Errors say file, line, column and what is wrong. */
#include "pop_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ferrosim/io.h"

/* "FILE: line L, column C: ..." for row r (0-based data row; -1 = the header) and column c (0-based). */
static int row_error(const ferro_table_t *t, int r, int c, int code, const char *fmt, ...) FERRO_PRINTF(5, 6);
static int row_error(const ferro_table_t *t, int r, int c, int code, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    long line = r < 0 ? 1 : t->lineno[r];
    if (c >= 0) return ferro_error_set(code, "%s: line %ld, column %d: %s", t->path, line, c + 1, msg);
    return ferro_error_set(code, "%s: line %ld: %s", t->path, line, msg);
}

/* Indices of the named columns (all required), in order. */
static int columns(const ferro_table_t *t, int n, const char *const *names, int *col)
{
    for (int i = 0; i < n; i++)
        if ((col[i] = ferro_table_col(t, names[i])) < 0)
            return row_error(t, -1, -1, FERRO_EPARSE, "missing column '%s'", names[i]);
    return 0;
}

static int number(const ferro_table_t *t, int r, int c, int allow_na, double *v)
{
    const char *s = t->cell[r][c];
    if (ferro_is_na(s)) {
        if (allow_na) { *v = NAN; return 0; }
        return row_error(t, r, c, FERRO_EPARSE, "missing value where a number is required");
    }
    if (ferro_parse_double(s, v)) return row_error(t, r, c, FERRO_EPARSE, "'%.60s' is not a number", s);
    return 0;
}

static int read_table(const char *dir, const char *name, ferro_table_t **t)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return ferro_table_read(path, FERRO_TSV_SKIP_HASH, t);
}

/* Every folded name and alias of the new entry must be new (lookups must be unambiguous). */
static int check_unique(const ferro_table_t *t, int r, int c, const char *what, const pop_names_t *prev,
                        size_t stride, int nprev, const pop_names_t *cur)
{
    for (int a = 0; a <= cur->nalias; a++)
        for (int i = 0; i < nprev; i++) {
            const pop_names_t *p = (const pop_names_t *)((const char *)prev + (size_t)i * stride);
            for (int b = 0; b <= p->nalias; b++)
                if (strcmp(cur->folded[a], p->folded[b]) == 0)
                    return row_error(t, r, a ? c : 0, FERRO_EPARSE, "%s name '%s' is already used by %s",
                                     what, a ? cur->alias[a - 1] : cur->name, p->name);
        }
    return 0;
}

static int load_genes(ferro_world_t *w, const char *dir)
{
    static const char *const names[] = {"gene", "aliases", "parameter", "species"};
    int col[4], rc;
    ferro_table_t *t;
    if ((rc = read_table(dir, "genes.tsv", &t))) return rc;
    if ((rc = columns(t, 4, names, col))) goto out;
    if (!(w->gene = ferro_calloc((size_t)t->nrow, sizeof *w->gene))) { rc = FERRO_ENOMEM; goto out; }
    for (int r = 0; r < t->nrow; r++) {
        pop_gene_t *g = &w->gene[r];
        if ((rc = pop_names_init(&g->id, t->cell[r][col[0]], t->cell[r][col[1]]))) goto out;
        w->ngene = r + 1;
        if ((rc = check_unique(t, r, col[1], "gene", &w->gene[0].id, sizeof *g, r, &g->id))) goto out;
        char why[512];
        if ((g->param = pop_model_settable_param(w, t->cell[r][col[2]], why, sizeof why)) < 0) {
            rc = row_error(t, r, col[2], FERRO_EPARSE, "%s", why);
            goto out;
        }
        const char *sp = t->cell[r][col[3]];
        g->species = -1;
        if (strcmp(sp, "-") != 0 && !ferro_is_na(sp) && (g->species = pop_model_species_index(w, sp)) < 0) {
            rc = row_error(t, r, col[3], FERRO_EPARSE, "species '%s' is not in the model", sp);
            goto out;
        }
    }
out:
    ferro_table_free(t);
    return rc;
}

static int load_cells(ferro_world_t *w, const char *dir)
{
    static const char *const names[] = {"cell", "aliases", "lineage", "doubling_h"};
    int col[4], rc;
    ferro_table_t *t;
    if ((rc = read_table(dir, "cells.tsv", &t))) return rc;
    if ((rc = columns(t, 4, names, col))) goto out;
    if (!(w->cell = ferro_calloc((size_t)t->nrow, sizeof *w->cell))) { rc = FERRO_ENOMEM; goto out; }
    for (int r = 0; r < t->nrow; r++) {
        pop_cell_t *c = &w->cell[r];
        if ((rc = pop_names_init(&c->id, t->cell[r][col[0]], t->cell[r][col[1]]))) goto out;
        w->ncell = r + 1;
        if ((rc = check_unique(t, r, col[1], "cell line", &w->cell[0].id, sizeof *c, r, &c->id))) goto out;
        const char *lin = t->cell[r][col[2]];
        if (strcmp(lin, "T-ALL") != 0 && strcmp(lin, "B-ALL") != 0 && strcmp(lin, "normal") != 0) {
            rc = row_error(t, r, col[2], FERRO_EPARSE, "lineage '%s' is not T-ALL, B-ALL or normal", lin);
            goto out;
        }
        if (!(c->lineage = ferro_strdup(lin))) { rc = FERRO_ENOMEM; goto out; }
        if ((rc = number(t, r, col[3], 0, &c->doubling_h))) goto out;
        if (!(c->doubling_h > 0)) {
            rc = row_error(t, r, col[3], FERRO_EPARSE, "doubling time %g h is not positive", c->doubling_h);
            goto out;
        }
    }
out:
    ferro_table_free(t);
    return rc;
}

static int load_profiles(ferro_world_t *w, const char *dir)
{
    static const char *const names[] = {"cell", "gene", "level"};
    int col[3], rc;
    ferro_table_t *t;
    if ((rc = read_table(dir, "cell_profiles.tsv", &t))) return rc;
    if ((rc = columns(t, 3, names, col))) goto out;
    size_t n = (size_t)w->ncell * (size_t)w->ngene;
    if (!(w->profile = ferro_malloc(n * sizeof *w->profile))) { rc = FERRO_ENOMEM; goto out; }
    for (size_t i = 0; i < n; i++) w->profile[i] = 1.0;
    for (int r = 0; r < t->nrow; r++) {
        int c, g;
        double v;
        if ((rc = ferro_world_find_cell(w, t->cell[r][col[0]], &c))) { row_error(t, r, col[0], rc, "%s", ferro_error_message()); goto out; }
        if ((rc = ferro_world_find_gene(w, t->cell[r][col[1]], &g))) { row_error(t, r, col[1], rc, "%s", ferro_error_message()); goto out; }
        if ((rc = number(t, r, col[2], 0, &v))) goto out;
        if (!(v >= 0)) { rc = row_error(t, r, col[2], FERRO_EPARSE, "level %g is negative", v); goto out; }
        w->profile[(size_t)c * (size_t)w->ngene + (size_t)g] = v;
    }
out:
    if (rc == FERRO_ENOTFOUND) rc = FERRO_EPARSE;
    ferro_table_free(t);
    return rc;
}

static int load_agents(ferro_world_t *w, const char *dir)
{
    static const char *const names[] = {"agent", "aliases", "class", "unit", "mw_g_per_mol"};
    int col[5], rc;
    ferro_table_t *t;
    if ((rc = read_table(dir, "agents.tsv", &t))) return rc;
    if ((rc = columns(t, 5, names, col))) goto out;
    if (!(w->agent = ferro_calloc((size_t)t->nrow, sizeof *w->agent))) { rc = FERRO_ENOMEM; goto out; }
    for (int r = 0; r < t->nrow; r++) {
        pop_agent_t *a = &w->agent[r];
        if ((rc = pop_names_init(&a->id, t->cell[r][col[0]], t->cell[r][col[1]]))) goto out;
        w->nagent = r + 1;
        if ((rc = check_unique(t, r, col[1], "agent", &w->agent[0].id, sizeof *a, r, &a->id))) goto out;
        if (!(a->cls = ferro_strdup(t->cell[r][col[2]])) || !(a->unit = ferro_strdup(t->cell[r][col[3]]))) {
            rc = FERRO_ENOMEM;
            goto out;
        }
        if (pop_unit_parse(a->unit, &a->unit_kind, &a->unit_scale)) {
            rc = row_error(t, r, col[3], FERRO_EPARSE, "unknown dose unit '%s' (nM, uM, mM, ng/mL, ug/mL, mg/mL, U/mL)",
                           a->unit);
            goto out;
        }
        if ((rc = number(t, r, col[4], 1, &a->mw))) goto out;
        if (!isnan(a->mw) && !(a->mw > 0)) {
            rc = row_error(t, r, col[4], FERRO_EPARSE, "molecular weight %g is not positive", a->mw);
            goto out;
        }
    }
out:
    ferro_table_free(t);
    return rc;
}

static int load_effects(ferro_world_t *w, const char *dir)
{
    static const char *const names[] = {"agent", "parameter", "effect", "ec50", "hill", "emax"};
    int col[6], rc;
    ferro_table_t *t;
    if ((rc = read_table(dir, "agent_effects.tsv", &t))) return rc;
    if ((rc = columns(t, 6, names, col))) goto out;
    if (!(w->effect = ferro_calloc((size_t)t->nrow, sizeof *w->effect))) { rc = FERRO_ENOMEM; goto out; }
    for (int r = 0; r < t->nrow; r++) {
        pop_effect_t *e = &w->effect[r];
        const char *ag = t->cell[r][col[0]], *par = t->cell[r][col[1]], *ef = t->cell[r][col[2]];
        if ((rc = ferro_world_find_agent(w, ag, &e->agent))) {
            rc = row_error(t, r, col[0], FERRO_EPARSE, "%s", ferro_error_message());
            goto out;
        }
        char why[512];
        if ((e->param = pop_model_settable_param(w, par, why, sizeof why)) < 0) {
            rc = row_error(t, r, col[1], FERRO_EPARSE, "%s", why);
            goto out;
        }
        if (!strcmp(ef, "inhibit")) e->type = POP_EFFECT_INHIBIT;
        else if (!strcmp(ef, "activate")) e->type = POP_EFFECT_ACTIVATE;
        else if (!strcmp(ef, "add")) e->type = POP_EFFECT_ADD;
        else {
            rc = row_error(t, r, col[2], FERRO_EPARSE, "effect '%s' is not inhibit, activate or add", ef);
            goto out;
        }
        if ((rc = number(t, r, col[3], 0, &e->ec50)) || (rc = number(t, r, col[4], 0, &e->hill)) ||
            (rc = number(t, r, col[5], 0, &e->emax)))
            goto out;
        if (!(e->ec50 > 0)) { rc = row_error(t, r, col[3], FERRO_EPARSE, "ec50 %g is not positive", e->ec50); goto out; }
        if (!(e->hill > 0)) { rc = row_error(t, r, col[4], FERRO_EPARSE, "hill %g is not positive", e->hill); goto out; }
        if (e->type == POP_EFFECT_INHIBIT ? !(e->emax >= 0 && e->emax <= 1) : !(e->emax >= 0)) {
            rc = row_error(t, r, col[5], FERRO_EPARSE, "emax %g is outside %s", e->emax,
                           e->type == POP_EFFECT_INHIBIT ? "[0, 1] for inhibit" : "[0, inf)");
            goto out;
        }
        w->neffect = r + 1;
    }
out:
    ferro_table_free(t);
    return rc;
}

int pop_tables_load(ferro_world_t *w, const char *dir)
{
    int rc;
    if ((rc = load_genes(w, dir)) || (rc = load_cells(w, dir)) || (rc = load_profiles(w, dir)) ||
        (rc = load_agents(w, dir)) || (rc = load_effects(w, dir)))
        return rc;
    return 0;
}

void pop_tables_free(ferro_world_t *w)
{
    for (int i = 0; i < w->ncell; i++) {
        pop_names_free(&w->cell[i].id);
        free(w->cell[i].lineage);
    }
    for (int i = 0; i < w->ngene; i++) pop_names_free(&w->gene[i].id);
    for (int i = 0; i < w->nagent; i++) {
        pop_names_free(&w->agent[i].id);
        free(w->agent[i].cls);
        free(w->agent[i].unit);
    }
    free(w->cell);
    free(w->gene);
    free(w->agent);
    free(w->effect);
    free(w->profile);
    w->cell = NULL, w->gene = NULL, w->agent = NULL, w->effect = NULL, w->profile = NULL;
    w->ncell = w->ngene = w->nagent = w->neffect = 0;
}
