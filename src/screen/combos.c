/* combos.c — which combinations the screen runs: the review's list, or a user's TSV. */
#include "ferrosim/io.h"
#include "ferrosim/screen.h"

#include <stdlib.h>
#include <string.h>

int ferro_screen_review_combos(const ferro_world_t *w, const int *cells, int ncells, ferro_screen_combo_t **out, int *n)
{
    /* Han et al., section 3 and Table 1: B is an agent, or "kd:GENE" for a knockdown. */
    static const char *pairs[][2] = {
        {"rapamycin", "erastin"},                                  /* FBXW7/VDAC3, Jurkat and CCRF-CEM */
        {"deferoxamine", "L-asparaginase"}, {"deferoxamine", "dexamethasone"},
        {"deferoxamine", "doxorubicin"}, {"deferoxamine", "olaparib"}, /* DFO with chemotherapy / PARPi in T-ALL */
        {"sorafenib", "kd:MYB"}, {"sorafenib", "kd:FTH1"},         /* MYB -> FTH1 protects from sorafenib */
        {"DAPT", "rapamycin"}};                                   /* gamma-secretase inhibitor + mTOR inhibitor */
    int np = (int)(sizeof pairs / sizeof pairs[0]);
    *out = NULL;
    *n = 0;
    ferro_screen_combo_t *c = ferro_calloc((size_t)np * (ncells > 0 ? ncells : 1), sizeof *c);
    if (!c) return FERRO_ENOMEM;
    int k = 0, rc = 0;
    for (int ci = 0; ci < ncells && !rc; ci++)
        for (int p = 0; p < np && !rc; p++) {
            c[k].cell = cells[ci];
            c[k].agent_b = c[k].gene_b = -1;
            rc = ferro_world_find_agent(w, pairs[p][0], &c[k].agent_a);
            if (!rc && !strncmp(pairs[p][1], "kd:", 3)) rc = ferro_world_find_gene(w, pairs[p][1] + 3, &c[k].gene_b);
            else if (!rc) rc = ferro_world_find_agent(w, pairs[p][1], &c[k].agent_b);
            k++;
        }
    if (rc) { free(c); return ferro_error_prefix(rc, "the review's combinations"); }
    *out = c;
    *n = k;
    return 0;
}

int ferro_screen_read_combos(const ferro_world_t *w, const char *path, ferro_screen_combo_t **out, int *n)
{
    *out = NULL;
    *n = 0;
    ferro_tsv_t *r;
    int rc = ferro_tsv_open(path, FERRO_TSV_SKIP_HASH, &r);
    if (rc) return rc;
    int cap = 0, k = 0, col[3] = {-1, -1, -1};
    static const char *names[3] = {"cell", "agent_a", "agent_b"};
    ferro_screen_combo_t *c = NULL;
    if ((rc = ferro_tsv_next(r)) == FERRO_END) {
        rc = ferro_error_set(FERRO_EPARSE, "%s: line 1: the file is empty (expected the header cell, agent_a, agent_b)",
                             ferro_tsv_path(r));
        goto done;
    }
    if (rc) goto done;
    for (int j = 0; j < 3; j++) {
        for (int f = 0; f < ferro_tsv_nfields(r); f++)
            if (!strcmp(ferro_tsv_field(r, f), names[j])) col[j] = f;
        if (col[j] < 0) { rc = ferro_tsv_error(r, FERRO_EPARSE, 0, "the header has no column '%s' (needed: cell, agent_a, agent_b)", names[j]); goto done; }
    }
    int nf = ferro_tsv_nfields(r);
    long header_line = ferro_tsv_lineno(r);
    while ((rc = ferro_tsv_next(r)) == 0) {
        if (ferro_tsv_nfields(r) != nf) {
            rc = ferro_tsv_error(r, FERRO_EPARSE, ferro_tsv_nfields(r) < nf ? ferro_tsv_nfields(r) + 1 : nf + 1,
                                 "%d columns, expected %d as in the header", ferro_tsv_nfields(r), nf);
            goto done;
        }
        if (k == cap) {
            cap = cap ? 2 * cap : 16;
            ferro_screen_combo_t *t = ferro_realloc(c, (size_t)cap * sizeof *t);
            if (!t) { rc = FERRO_ENOMEM; goto done; }
            c = t;
        }
        ferro_screen_combo_t *e = &c[k];
        e->agent_b = e->gene_b = e->cell = e->agent_a = -1;
        const char *b = ferro_tsv_field(r, col[2]);
        if ((rc = ferro_world_find_cell(w, ferro_tsv_field(r, col[0]), &e->cell)) ||
            (rc = ferro_world_find_agent(w, ferro_tsv_field(r, col[1]), &e->agent_a))) {
            rc = ferro_tsv_error(r, rc, rc && e->cell < 0 ? col[0] + 1 : col[1] + 1, "%s", ferro_error_message());
            goto done;
        }
        rc = !strncmp(b, "kd:", 3) ? ferro_world_find_gene(w, b + 3, &e->gene_b) : ferro_world_find_agent(w, b, &e->agent_b);
        if (rc) { rc = ferro_tsv_error(r, rc, col[2] + 1, "%s", ferro_error_message()); goto done; }
        k++;
    }
    if (rc == FERRO_END && !k) /* the header's line: a line number in every parse error */
        rc = ferro_error_set(FERRO_EPARSE, "%s: line %ld (end of file): no combinations after the header", ferro_tsv_path(r),
                             header_line);
    else if (rc == FERRO_END) rc = 0;
done:
    ferro_tsv_close(r);
    if (rc) { free(c); return rc; }
    *out = c;
    *n = k;
    return 0;
}
