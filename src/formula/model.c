/* model.c — the compiled model: builder used by the importer, public queries, free. */
#include <stdlib.h>
#include <string.h>

#include "formula/model_impl.h"

ferro_model_t *fxm_new(const char *source)
{
    ferro_model_t *m = ferro_calloc(1, sizeof *m);
    if (!m) return NULL;
    m->source = ferro_strdup(source ? source : "<string>");
    if (!m->source || fxm_slot(m, "time", 0.0) != FXM_SLOT_TIME) {
        ferro_model_free(m);
        return NULL;
    }
    return m;
}

int fxm_slot(ferro_model_t *m, const char *name, double v0)
{
    if (m->nslots == m->slots_cap) {
        int cap = m->slots_cap ? 2 * m->slots_cap : 64;
        double *v = ferro_realloc(m->v0, (size_t)cap * sizeof *v);
        if (!v) return FERRO_ENOMEM;
        m->v0 = v;
        char **s = ferro_realloc(m->slot_name, (size_t)cap * sizeof *s);
        if (!s) return FERRO_ENOMEM;
        m->slot_name = s;
        m->slots_cap = cap;
    }
    m->slot_name[m->nslots] = name ? ferro_strdup(name) : NULL;
    if (name && !m->slot_name[m->nslots]) return FERRO_ENOMEM;
    m->v0[m->nslots] = v0;
    return m->nslots++;
}

int fxm_constant(void *ctx, double value)
{
    ferro_model_t *m = ctx;
    for (int s = m->nconst_first; s < m->nslots; s++)
        if (m->v0[s] == value || (value != value && m->v0[s] != m->v0[s])) return s;
    return fxm_slot(m, NULL, value);
}

static int add_def(fxm_def_t **arr, int *n, int *cap, int slot, fx_expr_t *e)
{
    if (!e) return FERRO_ENOMEM;
    if (*n == *cap) {
        int c = *cap ? 2 * *cap : 32;
        fxm_def_t *p = ferro_realloc(*arr, (size_t)c * sizeof *p);
        if (!p) { fx_free(e); return FERRO_ENOMEM; }
        *arr = p;
        *cap = c;
    }
    (*arr)[*n] = (fxm_def_t){slot, fx_fold(e), {0, 0}, 0};
    return (*n)++;
}

int fxm_add_init(ferro_model_t *m, int slot, fx_expr_t *e) { return add_def(&m->init, &m->ninit, &m->init_cap, slot, e); }
int fxm_add_rule(ferro_model_t *m, int slot, fx_expr_t *e) { return add_def(&m->rule, &m->nrule, &m->rule_cap, slot, e); }

int fxm_add_conversion(ferro_model_t *m, int slot, fx_expr_t *e)
{
    int d = fxm_add_rule(m, slot, e);
    if (d >= 0) m->rule[d].rhs_only = 1;
    return d;
}

int fxm_find_init(const ferro_model_t *m, int slot)
{
    for (int i = 0; i < m->ninit; i++)
        if (m->init[i].slot == slot) return i;
    return -1;
}

int fxm_find_rule(const ferro_model_t *m, int slot)
{
    for (int i = 0; i < m->nrule; i++)
        if (m->rule[i].slot == slot) return i;
    return -1;
}

int fxm_find_state(const ferro_model_t *m, int slot)
{
    for (int i = 0; i < m->nstates; i++)
        if (m->st_slot[i] == slot) return i;
    return -1;
}

int fxm_state_rate(ferro_model_t *m, int i, fx_expr_t *rate)
{
    if (!rate) return FERRO_ENOMEM;
    int rc = fxm_add_rule(m, m->st_dslot[i], rate);
    return rc < 0 ? rc : 0;
}

int fxm_add_state(ferro_model_t *m, int slot, fx_expr_t *rate, int nonneg)
{
    if (m->nstates == m->st_cap) {
        int c = m->st_cap ? 2 * m->st_cap : 32;
        int *a = ferro_realloc(m->st_slot, (size_t)c * sizeof *a);
        if (a) m->st_slot = a;
        int *b = a ? ferro_realloc(m->st_dslot, (size_t)c * sizeof *b) : NULL;
        if (b) m->st_dslot = b;
        unsigned char *d = b ? ferro_realloc(m->st_nonneg, (size_t)c) : NULL;
        if (d) m->st_nonneg = d;
        fx_expr_t **r = d ? ferro_realloc(m->st_rate, (size_t)c * sizeof *r) : NULL;
        if (!r) { fx_free(rate); return FERRO_ENOMEM; }
        m->st_cap = c;
        m->st_rate = r;
    }
    char name[300];
    snprintf(name, sizeof name, "d/dt %s", m->slot_name[slot] ? m->slot_name[slot] : "?");
    int ds = fxm_slot(m, name, 0.0);
    if (ds < 0) { fx_free(rate); return ds; }
    int i = m->nstates++;
    m->st_slot[i] = slot;
    m->st_dslot[i] = ds;
    m->st_nonneg[i] = (unsigned char)nonneg;
    m->st_rate[i] = NULL;
    if (!rate) return i;
    int rc = fxm_state_rate(m, i, rate);
    return rc < 0 ? rc : i;
}

int fxm_add_algebraic(ferro_model_t *m, int z_slot, fx_expr_t *e)
{
    if (!e) return FERRO_ENOMEM;
    int *a = ferro_realloc(m->alg_slot, (size_t)(m->nalg + 1) * sizeof *a);
    if (a) m->alg_slot = a;
    int *r = a ? ferro_realloc(m->alg_res, (size_t)(m->nalg + 1) * sizeof *r) : NULL;
    if (!r) { fx_free(e); return FERRO_ENOMEM; }
    m->alg_res = r;
    int rs = fxm_slot(m, "algebraic rule residual", 0.0);
    if (rs < 0) { fx_free(e); return rs; }
    m->alg_slot[m->nalg] = z_slot;
    m->alg_res[m->nalg++] = rs;
    int d = fxm_add_rule(m, rs, e);
    return d < 0 ? d : 0;
}

fxm_event_t *fxm_add_event(ferro_model_t *m)
{
    if (m->nevents == m->ev_cap) {
        int c = m->ev_cap ? 2 * m->ev_cap : 8;
        fxm_event_t *p = ferro_realloc(m->ev, (size_t)c * sizeof *p);
        if (!p) return NULL;
        m->ev = p;
        m->ev_cap = c;
    }
    fxm_event_t *e = &m->ev[m->nevents++];
    memset(e, 0, sizeof *e);
    e->persistent = 1;
    e->initial_value = 1;
    e->use_trigger_values = 1;
    e->trig_slot = e->delay_slot = e->prio_slot = -1;
    return e;
}

static void free_named(fxm_named_t *a, int n)
{
    if (!a) return;
    for (int i = 0; i < n; i++) free(a[i].id);
    free(a);
}

void ferro_model_free(ferro_model_t *m)
{
    if (!m) return;
    free(m->source);
    free(m->model_id);
    for (int i = 0; i < m->nslots; i++) free(m->slot_name[i]);
    free(m->slot_name);
    free(m->v0);
    if (m->sp)
        for (int i = 0; i < m->nspecies; i++) { free(m->sp[i].id); free(m->sp[i].name); }
    free(m->sp);
    free_named(m->comp, m->ncomps);
    free_named(m->par, m->nparams);
    free_named(m->react, m->nreact);
    for (int i = 0; i < m->ninit; i++) fx_free(m->init[i].expr);
    for (int i = 0; i < m->nrule; i++) fx_free(m->rule[i].expr);
    free(m->init);
    free(m->rule);
    free(m->rule_in_rhs);
    for (int i = 0; i < m->nstates; i++) fx_free(m->st_rate[i]);
    free(m->st_slot);
    free(m->st_dslot);
    free(m->st_nonneg);
    free(m->st_rate);
    for (int i = 0; i < m->nevents; i++) {
        fxm_event_t *e = &m->ev[i];
        free(e->id);
        fx_free(e->trigger);
        fx_free(e->delay);
        fx_free(e->priority);
        for (int j = 0; j < e->nassign; j++) fx_free(e->assign[j].expr);
        free(e->assign);
    }
    free(m->ev);
    fxm_delay_free(m);
    for (int i = 0; i < m->nroots; i++) fx_free(m->root_expr[i]);
    free(m->root_expr);
    free(m->root_slot);
    free(m->alg_slot);
    free(m->fast_rate);
    free(m->fast_w);
    free(m->fterm);
    free(m->alg_res);
    fx_code_free(&m->code);
    free(m->jrow);
    free(m->jcol);
    free(m->color);
    free(m);
}

const char *ferro_model_source(const ferro_model_t *m) { return m->source; }
const char *ferro_model_id(const ferro_model_t *m) { return m->model_id ? m->model_id : ""; }
int ferro_model_n_species(const ferro_model_t *m) { return m->nspecies; }
const char *ferro_model_species_id(const ferro_model_t *m, int i) { return i >= 0 && i < m->nspecies ? m->sp[i].id : NULL; }
const char *ferro_model_species_name(const ferro_model_t *m, int i)
{
    if (i < 0 || i >= m->nspecies) return NULL;
    return m->sp[i].name && *m->sp[i].name ? m->sp[i].name : m->sp[i].id;
}
int fxm_species_state_slot(const ferro_model_t *m, int i)
{
    if (i < 0 || i >= m->nspecies) return -1;
    const fxm_species_t *sp = &m->sp[i];
    int slot = sp->conc_state ? sp->value_slot : sp->amount_slot;
    for (int k = 0; k < m->nstates; k++)
        if (m->st_slot[k] == slot) return slot;
    return -1;
}

int ferro_model_species_is_amount(const ferro_model_t *m, int i) { return i >= 0 && i < m->nspecies && m->sp[i].is_amount; }
int ferro_model_species_integrated(const ferro_model_t *m, int i) { return fxm_species_state_slot(m, i) >= 0; }
int ferro_model_n_params(const ferro_model_t *m) { return m->nparams; }
const char *ferro_model_param_id(const ferro_model_t *m, int i) { return i >= 0 && i < m->nparams ? m->par[i].id : NULL; }
double ferro_model_param_value(const ferro_model_t *m, int i) { return i >= 0 && i < m->nparams ? m->v0[m->par[i].slot] : 0.0; }
int ferro_model_param_settable(const ferro_model_t *m, int i) { return i >= 0 && i < m->nparams && m->par[i].settable; }
int ferro_model_n_compartments(const ferro_model_t *m) { return m->ncomps; }
const char *ferro_model_compartment_id(const ferro_model_t *m, int i) { return i >= 0 && i < m->ncomps ? m->comp[i].id : NULL; }
int ferro_model_n_reactions(const ferro_model_t *m) { return m->nreact; }
const char *ferro_model_reaction_id(const ferro_model_t *m, int i) { return i >= 0 && i < m->nreact ? m->react[i].id : NULL; }
int ferro_model_n_events(const ferro_model_t *m) { return m->nevents; }
int ferro_model_n_states(const ferro_model_t *m) { return m->nstates; }

static int find_named(const fxm_named_t *a, int n, const char *id)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(a[i].id, id)) return i;
    return -1;
}

int ferro_model_find_species(const ferro_model_t *m, const char *id, int *idx)
{
    for (int i = 0; i < m->nspecies; i++)
        if (!strcmp(m->sp[i].id, id)) { *idx = i; return 0; }
    return ferro_error_set(FERRO_ENOTFOUND, "%s: no species '%s'", m->source, id);
}

int ferro_model_find_param(const ferro_model_t *m, const char *id, int *idx)
{
    int i = find_named(m->par, m->nparams, id);
    if (i < 0) return ferro_error_set(FERRO_ENOTFOUND, "%s: no global parameter '%s'", m->source, id);
    *idx = i;
    return 0;
}

int ferro_model_find_value(const ferro_model_t *m, const char *id, int how, int *handle)
{
    int i;
    for (i = 0; i < m->nspecies; i++)
        if (!strcmp(m->sp[i].id, id)) {
            const fxm_species_t *s = &m->sp[i];
            if (how == FERRO_VALUE_AMOUNT) *handle = s->amount_slot;
            else if (how == FERRO_VALUE_CONCENTRATION && s->is_amount) *handle = -(i + 1); /* computed */
            else *handle = s->value_slot;
            return 0;
        }
    if ((i = find_named(m->comp, m->ncomps, id)) >= 0) { *handle = m->comp[i].slot; return 0; }
    if ((i = find_named(m->par, m->nparams, id)) >= 0) { *handle = m->par[i].slot; return 0; }
    if ((i = find_named(m->react, m->nreact, id)) >= 0) { *handle = m->react[i].slot; return 0; }
    for (i = 1; i < m->nslots; i++)
        if (m->slot_name[i] && !strcmp(m->slot_name[i], id)) { *handle = i; return 0; }
    return ferro_error_set(FERRO_ENOTFOUND, "%s: no species, compartment, parameter or reaction '%s'",
                           m->source, id);
}
