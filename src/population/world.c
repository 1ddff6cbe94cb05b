/* world.c — loading the world (model + tables) once, and its read-only accessors. */
#include "pop_engine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define POP_MODEL_FILE "model/ferroptosis_all.xml"

static int model_facts(ferro_world_t *w, const char *path)
{
    if ((w->sp_viable = pop_model_species_index(w, "viable")) < 0)
        return ferro_error_set(FERRO_EPARSE,
                               "%s: the model has no species 'viable' (the fate observable the population "
                               "layer sums; see docs/model-conventions.md)",
                               path);
    w->sp_dead_ferro = pop_model_species_index(w, "dead_ferro");
    w->sp_dead_apop = pop_model_species_index(w, "dead_apop");
    w->p_doubling = pop_model_param_index(w, "doubling_h");
    if (w->p_doubling >= 0 && !w->param_settable[w->p_doubling]) w->p_doubling = -1;
    if (!(w->expr = ferro_malloc((size_t)(w->nparam ? w->nparam : 1) * sizeof *w->expr))) return FERRO_ENOMEM;
    w->nexpr = 0;
    for (int i = 0; i < w->nparam; i++)
        if (strncmp(w->param_id[i], "expr_", 5) == 0 && w->param_settable[i]) w->expr[w->nexpr++] = i;
    return 0;
}

int ferro_world_load(const char *data_dir, const char *model_path, ferro_world_t **out)
{
    *out = NULL;
    const char *dir = data_dir ? data_dir : ferro_data_dir();
    char def[4096];
    if (!model_path) {
        snprintf(def, sizeof def, "%s/%s", dir, POP_MODEL_FILE);
        model_path = def;
    }
    ferro_world_t *w = ferro_calloc(1, sizeof *w);
    if (!w) return FERRO_ENOMEM;
    w->rtol = FERRO_POP_RTOL;
    w->atol = FERRO_POP_ATOL;
    w->equil_h = FERRO_POP_EQUIL_H;
    int rc;
    if ((rc = pop_engine_load(w, model_path)) || (rc = model_facts(w, model_path)) ||
        (rc = pop_tables_load(w, dir))) {
        ferro_world_free(w);
        return rc;
    }
    *out = w;
    return 0;
}

int ferro_world_set_tolerances(ferro_world_t *w, double rtol, double atol)
{
    if (!(rtol > 0 && rtol < 1) || !(atol > 0) || !isfinite(atol))
        return ferro_error_set(FERRO_EINVAL, "tolerances rtol %g, atol %g: both must be positive (rtol < 1)", rtol, atol);
    w->rtol = rtol;
    w->atol = atol;
    return 0;
}

int ferro_world_set_equilibration(ferro_world_t *w, double hours)
{
    if (!(hours >= 0) || !isfinite(hours))
        return ferro_error_set(FERRO_EINVAL, "pre-equilibration %g h: must be >= 0 hours (0 = none)", hours);
    w->equil_h = hours;
    return 0;
}

double ferro_world_equilibration(const ferro_world_t *w) { return w->equil_h; }

void ferro_world_free(ferro_world_t *w)
{
    if (!w) return;
    pop_tables_free(w);
    pop_engine_free(w);
    free(w->expr);
    free(w);
}

int ferro_world_n_cells(const ferro_world_t *w) { return w->ncell; }
const char *ferro_world_cell_name(const ferro_world_t *w, int i) { return i >= 0 && i < w->ncell ? w->cell[i].id.name : NULL; }
const char *ferro_world_cell_lineage(const ferro_world_t *w, int i) { return i >= 0 && i < w->ncell ? w->cell[i].lineage : NULL; }
int ferro_world_n_agents(const ferro_world_t *w) { return w->nagent; }
const char *ferro_world_agent_name(const ferro_world_t *w, int i) { return i >= 0 && i < w->nagent ? w->agent[i].id.name : NULL; }
const char *ferro_world_agent_unit(const ferro_world_t *w, int i) { return i >= 0 && i < w->nagent ? w->agent[i].unit : NULL; }
int ferro_world_n_genes(const ferro_world_t *w) { return w->ngene; }
const char *ferro_world_gene_name(const ferro_world_t *w, int i) { return i >= 0 && i < w->ngene ? w->gene[i].id.name : NULL; }

static const char *alias(const pop_names_t *n, int a) { return a >= 0 && a < n->nalias ? n->alias[a] : NULL; }
const char *ferro_world_cell_alias(const ferro_world_t *w, int i, int a) { return i >= 0 && i < w->ncell ? alias(&w->cell[i].id, a) : NULL; }
double ferro_world_cell_doubling_h(const ferro_world_t *w, int i) { return i >= 0 && i < w->ncell ? w->cell[i].doubling_h : NAN; }
const char *ferro_world_agent_alias(const ferro_world_t *w, int i, int a) { return i >= 0 && i < w->nagent ? alias(&w->agent[i].id, a) : NULL; }
const char *ferro_world_agent_class(const ferro_world_t *w, int i) { return i >= 0 && i < w->nagent ? w->agent[i].cls : NULL; }
double ferro_world_agent_mw(const ferro_world_t *w, int i) { return i >= 0 && i < w->nagent ? w->agent[i].mw : NAN; }
const char *ferro_world_gene_alias(const ferro_world_t *w, int i, int a) { return i >= 0 && i < w->ngene ? alias(&w->gene[i].id, a) : NULL; }
const char *ferro_world_gene_parameter(const ferro_world_t *w, int i) { return i >= 0 && i < w->ngene ? w->param_id[w->gene[i].param] : NULL; }
