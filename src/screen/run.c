/* run.c — the screen: every agent on every cell line (a dose series each, sharing its untreated
 * reference), 4PL fits, the combinations as synergy matrices; then tables and the report. */
#include "screen/screen_internal.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void ferro_screen_options_init(ferro_screen_options_t *o)
{
    memset(o, 0, sizeof *o);
    o->ndose = 9;
    o->nmatrix = 5;
    o->t_end = 72;
    o->ncells_well = 20;
    o->cv = FERRO_POP_CV;
    o->seed = 1;
    o->threads = 1;
    o->progress = 1;
    o->why = 1;
}

static void data_free(screen_data_t *d)
{
    free(d->cell);
    free(d->agent);
    free(d->dose);
    free(d->lo);
    free(d->hi);
    free(d->viab);
    free(d->fit);
    for (int k = 0; k < d->ncombo; k++) {
        if (d->grid) ferro_grid_free(d->grid[k]);
        if (d->syn) ferro_synergy_free(d->syn[k]);
    }
    free(d->grid);
    free(d->syn);
    screen_why_free(d->why);
}

const char *ferro_screen_combo_b_name(const ferro_world_t *w, const ferro_screen_combo_t *c, char *buf, size_t n)
{
    if (c->gene_b >= 0) snprintf(buf, n, "%s knockdown (fraction)", ferro_world_gene_name(w, c->gene_b));
    else snprintf(buf, n, "%s", ferro_world_agent_name(w, c->agent_b));
    return buf;
}

static void template_for(const ferro_screen_options_t *o, int cell, ferro_condition_t *c)
{
    ferro_condition_init(c);
    c->cell = cell;
    c->t_end = o->t_end;
    c->ncells = o->ncells_well;
    c->cv = o->cv;
    c->seed = o->seed;
    c->threads = o->threads;
    c->progress = 0; /* the screen draws one bar for everything */
}

/* Cells to screen, with the normal reference added if it is missing (selectivity needs it). */
static int pick_cells(const ferro_world_t *w, const ferro_screen_options_t *o, screen_data_t *d)
{
    int n = o->cells ? o->ncells : ferro_world_n_cells(w);
    d->cell = ferro_malloc((size_t)(n + 1) * sizeof *d->cell);
    if (!d->cell) return FERRO_ENOMEM;
    d->normal = -1;
    for (int i = 0; i < n; i++) {
        d->cell[i] = o->cells ? o->cells[i] : i;
        if (d->normal < 0 && !strcmp(ferro_world_cell_lineage(w, d->cell[i]), "normal")) d->normal = i;
    }
    if (d->normal < 0)
        for (int i = 0; i < ferro_world_n_cells(w); i++)
            if (!strcmp(ferro_world_cell_lineage(w, i), "normal")) {
                d->cell[n] = i;
                d->normal = n++;
                break;
            }
    d->ncell = n;
    return 0;
}

static int dose_axis(const ferro_world_t *w, int agent, int n, double *dose, double *lo, double *hi)
{
    if (ferro_screen_agent_range(w, agent, lo, hi)) {
        ferro_warn("%s: no EC50 in agent_effects.tsv; screening 0.001 to 100 %s", ferro_world_agent_name(w, agent),
                   ferro_world_agent_unit(w, agent));
        ferro_error_clear();
        *lo = 1e-3;
        *hi = 100;
    }
    dose[0] = 0;
    return ferro_screen_logspace(*lo, *hi, n, dose + 1);
}

static int simulate(const ferro_world_t *w, const ferro_screen_options_t *o, screen_data_t *d, ferro_progress_t *prog)
{
    int rc = 0, nd = d->ndose;
    for (int a = 0; a < d->nagent && !rc; a++)
        rc = dose_axis(w, d->agent[a], nd - 1, d->dose + (size_t)a * nd, &d->lo[a], &d->hi[a]);
    for (int c = 0; c < d->ncell && !rc; c++)
        for (int a = 0; a < d->nagent && !rc; a++) {
            ferro_condition_t t;
            template_for(o, d->cell[c], &t);
            double *v = d->viab + ((size_t)c * d->nagent + a) * nd;
            rc = ferro_screen_dose_series(w, &t, d->agent[a], d->dose + (size_t)a * nd, nd, v);
            if (rc) {
                ferro_error_prefix(rc, "%s, %s", ferro_world_cell_name(w, d->cell[c]), ferro_world_agent_name(w, d->agent[a]));
                break;
            }
            rc = ferro_dr_fit(d->dose + (size_t)a * nd, v, nd, NULL, &d->fit[(size_t)c * d->nagent + a]);
            ferro_progress_tick(prog, nd);
        }
    int nm = o->nmatrix + 1;
    double *da = ferro_malloc((size_t)nm * sizeof *da), *db = ferro_malloc((size_t)nm * sizeof *db);
    if (!da || !db) rc = FERRO_ENOMEM;
    for (int k = 0; k < d->ncombo && !rc; k++) {
        const ferro_screen_combo_t *cb = &d->combo[k];
        double lo, hi;
        if ((rc = dose_axis(w, cb->agent_a, nm - 1, da, &lo, &hi))) break;
        if (cb->gene_b >= 0)
            for (int j = 0; j < nm; j++) db[j] = 0.9 * j / (nm - 1);
        else if ((rc = dose_axis(w, cb->agent_b, nm - 1, db, &lo, &hi)))
            break;
        ferro_condition_t t;
        template_for(o, cb->cell, &t);
        rc = ferro_screen_matrix(w, &t, cb->agent_a, da, nm, cb->agent_b, cb->gene_b, db, nm, &d->grid[k]);
        if (!rc) rc = ferro_synergy_compute(d->grid[k], &d->syn[k]);
        if (rc) {
            char b[128];
            ferro_error_prefix(rc, "%s, %s + %s", ferro_world_cell_name(w, cb->cell), ferro_world_agent_name(w, cb->agent_a),
                               ferro_screen_combo_b_name(w, cb, b, sizeof b));
        }
        ferro_progress_tick(prog, (long)nm * nm);
    }
    free(da);
    free(db);
    return rc;
}

int ferro_screen_run(const ferro_world_t *w, const ferro_screen_options_t *o)
{
    if (!o->outdir || !*o->outdir) return ferro_error_set(FERRO_EINVAL, "screen: an output directory is required (--out DIR)");
    if (o->ndose < 4) return ferro_error_set(FERRO_EINVAL, "screen: at least 4 doses per curve are needed for a 4PL fit");
    if (o->nmatrix < 2) return ferro_error_set(FERRO_EINVAL, "screen: at least 2 doses per combination axis");
    /* created here: removed again if the screen fails (a failed screen leaves nothing behind) */
    int created = mkdir(o->outdir, 0777) == 0;
    if (!created && errno != EEXIST)
        return ferro_error_set(FERRO_EIO, "%s: cannot create the output directory: %s", o->outdir, strerror(errno));
    screen_data_t d = {0};
    int rc = pick_cells(w, o, &d);
    d.nagent = o->agents ? o->nagents : ferro_world_n_agents(w);
    d.ndose = o->ndose + 1;
    d.ncombo = o->ncombos;
    d.combo = o->combos;
    size_t ncurve = (size_t)d.ncell * d.nagent;
    if (!rc) {
        d.agent = ferro_malloc((size_t)(d.nagent ? d.nagent : 1) * sizeof *d.agent);
        d.dose = ferro_malloc((size_t)(d.nagent ? d.nagent : 1) * d.ndose * sizeof *d.dose);
        d.lo = ferro_malloc((size_t)(d.nagent ? d.nagent : 1) * sizeof *d.lo);
        d.hi = ferro_malloc((size_t)(d.nagent ? d.nagent : 1) * sizeof *d.hi);
        d.viab = ferro_malloc((ncurve ? ncurve : 1) * d.ndose * sizeof *d.viab);
        d.fit = ferro_calloc(ncurve ? ncurve : 1, sizeof *d.fit);
        d.grid = ferro_calloc((size_t)(d.ncombo ? d.ncombo : 1), sizeof *d.grid);
        d.syn = ferro_calloc((size_t)(d.ncombo ? d.ncombo : 1), sizeof *d.syn);
        if (!d.agent || !d.dose || !d.lo || !d.hi || !d.viab || !d.fit || !d.grid || !d.syn) rc = FERRO_ENOMEM;
    }
    if (!rc) {
        for (int a = 0; a < d.nagent; a++) d.agent[a] = o->agents ? o->agents[a] : a;
        long total = (long)ncurve * d.ndose + (long)d.ncombo * (o->nmatrix + 1) * (o->nmatrix + 1);
        /* one bar for the whole screen (the population layer's per-series bars are off: template_for) */
        ferro_progress_t *prog = o->progress ? ferro_progress_start("screen", total) : NULL;
        rc = simulate(w, o, &d, prog);
        ferro_progress_finish(prog);
    }
    if (!rc && o->why) rc = screen_why_run(w, o, &d);
    ferro_out_t *tables[SCREEN_NTABLES] = {0};
    if (!rc) rc = ferro_screen_write_tables(w, &d, o->outdir, tables);
    if (!rc) {
        char path[4096];
        snprintf(path, sizeof path, "%s/report.html", o->outdir);
        rc = ferro_screen_write_report(w, o, &d, path);
        if (rc) ferro_screen_tables_abort(tables);
        else rc = ferro_screen_tables_commit(tables);
    }
    data_free(&d);
    if (rc && created) rmdir(o->outdir); /* empty unless a commit failed part way */
    return rc;
}
