/* import.c — an SBML model (libSBML objects) to a compiled ferro_model_t.
 *
 * State choice: a species changed by reactions is integrated as its amount (so a changing
 * compartment conserves amounts, as SBML says), its symbol is amount/size; a variable with a
 * rate rule is integrated as its symbol. Everything else is a slot set once (constants,
 * initial assignments) or by a definition evaluated at every step (assignment rules). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sbml/sbml_impl.h"

void imp_where(const SBase_t *e, char *buf, size_t n)
{
    unsigned l = e ? SBase_getLine(e) : 0, c = e ? SBase_getColumn(e) : 0;
    if (l) snprintf(buf, n, "line %u, column %u", l, c);
    else snprintf(buf, n, "%s", "");
}

static int unsupported(imp_t *im, const SBase_t *e, const char *what)
{
    char w[64];
    imp_where(e, w, sizeof w);
    return ferro_error_set(FERRO_EUNSUPPORTED, "%s: %s%s%s is not supported", im->source, w, *w ? ": " : "", what);
}

/* label for messages: "kinetic law of reaction 'R1' (line 40, column 7)" */
static const char *label(char *buf, size_t n, const char *kind, const char *id, const SBase_t *e)
{
    char w[64];
    imp_where(e, w, sizeof w);
    snprintf(buf, n, "%s '%s'%s%s%s", kind, id ? id : "", *w ? " (" : "", w, *w ? ")" : "");
    return buf;
}

static int slot_named(ferro_model_t *m, const char *id, double v0)
{
    return fxm_slot(m, id, v0);
}

static double or_nan(int set, double v) { return set ? v : NAN; }

/* ---------- entities and their slots ---------- */

static int add_entities(imp_t *im)
{
    ferro_model_t *m = im->m;
    Model_t *sm = im->sm;
    int rc;
    m->ncomps = (int)Model_getNumCompartments(sm);
    m->nspecies = (int)Model_getNumSpecies(sm);
    m->nparams = (int)Model_getNumParameters(sm);
    m->nreact = (int)Model_getNumReactions(sm);
    m->comp = ferro_calloc((size_t)m->ncomps + 1, sizeof *m->comp);
    m->sp = ferro_calloc((size_t)m->nspecies + 1, sizeof *m->sp);
    m->par = ferro_calloc((size_t)m->nparams + 1, sizeof *m->par);
    m->react = ferro_calloc((size_t)m->nreact + 1, sizeof *m->react);
    if (!m->comp || !m->sp || !m->par || !m->react) return FERRO_ENOMEM;
    for (int i = 0; i < m->ncomps; i++) {
        Compartment_t *c = Model_getCompartment(sm, (unsigned)i);
        const char *id = Compartment_getId(c);
        double size = Compartment_isSetSize(c) ? Compartment_getSize(c) : NAN;
        if (!Compartment_isSetSize(c) && Compartment_isSetSpatialDimensions(c) &&
            Compartment_getSpatialDimensionsAsDouble(c) == 0)
            size = 1.0;
        if (!Compartment_isSetSize(c) && SBase_getLevel((SBase_t *)sm) < 3) size = 1.0;
        int s = slot_named(m, id, size);
        if (s < 0) return s;
        if (!(m->comp[i].id = ferro_strdup(id))) return FERRO_ENOMEM;
        m->comp[i].slot = s;
        if ((rc = sym_add(&im->syms, id, SYM_COMP, i, s))) return rc;
    }
    for (int i = 0; i < m->nspecies; i++) {
        Species_t *sp = Model_getSpecies(sm, (unsigned)i);
        fxm_species_t *x = &m->sp[i];
        const char *id = Species_getId(sp);
        if (!(x->id = ferro_strdup(id))) return FERRO_ENOMEM;
        if (Species_isSetName(sp) && !(x->name = ferro_strdup(Species_getName(sp)))) return FERRO_ENOMEM;
        const sym_t *c = sym_find(&im->syms, Species_getCompartment(sp));
        if (!c || c->kind != SYM_COMP)
            return ferro_error_set(FERRO_EPARSE, "%s: species '%s' is in an unknown compartment '%s'", im->source, id,
                                   Species_getCompartment(sp));
        x->comp = c->index;
        Compartment_t *cc = Model_getCompartment(sm, (unsigned)c->index);
        int zero_d = Compartment_isSetSpatialDimensions(cc) && Compartment_getSpatialDimensionsAsDouble(cc) == 0;
        x->is_amount = Species_getHasOnlySubstanceUnits(sp) || zero_d;
        int s = slot_named(m, id, NAN);
        if (s < 0) return s;
        x->value_slot = x->amount_slot = s;
        if (!x->is_amount) {
            char nm[300];
            snprintf(nm, sizeof nm, "amount(%s)", id);
            if ((x->amount_slot = slot_named(m, nm, NAN)) < 0) return x->amount_slot;
        }
        if ((rc = sym_add(&im->syms, id, SYM_SPECIES, i, s))) return rc;
    }
    for (int i = 0; i < m->nparams; i++) {
        Parameter_t *p = Model_getParameter(sm, (unsigned)i);
        const char *id = Parameter_getId(p);
        int s = slot_named(m, id, or_nan(Parameter_isSetValue(p), Parameter_getValue(p)));
        if (s < 0) return s;
        if (!(m->par[i].id = ferro_strdup(id))) return FERRO_ENOMEM;
        m->par[i].slot = s;
        m->par[i].settable = 1;
        if ((rc = sym_add(&im->syms, id, SYM_PARAM, i, s))) return rc;
    }
    for (int i = 0; i < m->nreact; i++) {
        Reaction_t *r = Model_getReaction(sm, (unsigned)i);
        const char *id = Reaction_getId(r);
        int s = slot_named(m, id, 0.0);
        if (s < 0) return s;
        if (!(m->react[i].id = ferro_strdup(id ? id : ""))) return FERRO_ENOMEM;
        m->react[i].slot = s;
        if ((rc = sym_add(&im->syms, id, SYM_REACTION, i, s))) return rc;
        for (int side = 0; side < 2; side++) {
            unsigned n = side ? Reaction_getNumProducts(r) : Reaction_getNumReactants(r);
            for (unsigned k = 0; k < n; k++) {
                SpeciesReference_t *sr = side ? Reaction_getProduct(r, k) : Reaction_getReactant(r, k);
                const char *sid = SpeciesReference_isSetId(sr) ? SpeciesReference_getId(sr) : NULL;
                if (!sid || !*sid) continue;
                double st = SpeciesReference_isSetStoichiometry(sr) ? SpeciesReference_getStoichiometry(sr) : NAN;
                int ss = slot_named(m, sid, st);
                if (ss < 0) return ss;
                if ((rc = sym_add(&im->syms, sid, SYM_SPECREF, -1, ss))) return rc;
            }
        }
    }
    return 0;
}

/* ---------- rules ---------- */

static int scan_rules(imp_t *im)
{
    Model_t *sm = im->sm;
    for (unsigned i = 0; i < Model_getNumRules(sm); i++) {
        Rule_t *r = Model_getRule(sm, i);
        if (Rule_isAlgebraic(r)) continue; /* see algebraic() */
        const char *var = Rule_getVariable(r);
        const sym_t *s = sym_find(&im->syms, var);
        if (!s) return ferro_error_set(FERRO_EPARSE, "%s: a rule for an unknown variable '%s'", im->source, var ? var : "");
        if (Rule_isAssignment(r) && !Rule_isSetMath(r)) continue;
        if (Rule_isAssignment(r)) im->has_rule[s->slot] = 1;
        else im->has_rate[s->slot] = 1;
        if (s->kind == SYM_PARAM && Rule_isAssignment(r)) im->m->par[s->index].settable = 0;
    }
    for (unsigned i = 0; i < Model_getNumInitialAssignments(sm); i++) {
        InitialAssignment_t *ia = Model_getInitialAssignment(sm, i);
        const sym_t *s = sym_find(&im->syms, InitialAssignment_getSymbol(ia));
        if (!s) return ferro_error_set(FERRO_EPARSE, "%s: an initial assignment to an unknown symbol '%s'", im->source,
                                       InitialAssignment_getSymbol(ia) ? InitialAssignment_getSymbol(ia) : "");
        if (InitialAssignment_isSetMath(ia)) im->has_ia[s->slot] = 1;
    }
    for (unsigned i = 0; i < Model_getNumReactions(sm); i++) {
        Reaction_t *r = Model_getReaction(sm, i);
        if (!Reaction_isSetKineticLaw(r) || !KineticLaw_isSetMath(Reaction_getKineticLaw(r)))
            return unsupported(im, (SBase_t *)r, "a reaction without a kinetic law (e.g. flux balance)");
    }
    return 0;
}

/* expression for "amount = value * size" and "value = amount / size" */
static fx_expr_t *times_size(int slot, int cslot) { return fx_node2(FX_MUL, fx_var(slot), fx_var(cslot)); }
static fx_expr_t *over_size(int slot, int cslot) { return fx_node2(FX_DIV, fx_var(slot), fx_var(cslot)); }

static int comp_varies(imp_t *im, int comp)
{
    int cs = im->m->comp[comp].slot;
    return im->has_rule[cs] || im->has_rate[cs];
}

/* Is the symbol the target of an event assignment? */
static int assigned_by_event(imp_t *im, const char *id)
{
    for (unsigned i = 0; i < Model_getNumEvents(im->sm); i++) {
        Event_t *e = Model_getEvent(im->sm, i);
        for (unsigned a = 0; a < Event_getNumEventAssignments(e); a++) {
            const char *v = EventAssignment_getVariable(Event_getEventAssignment(e, a));
            if (v && !strcmp(v, id)) return 1;
        }
    }
    return 0;
}

/* Is the compartment's size the target of an event assignment? */
static int comp_assigned(imp_t *im, int comp) { return assigned_by_event(im, im->m->comp[comp].id); }

/* Is species i changed by some reaction (and free to change)? */
static int reacts(imp_t *im, int i, Species_t *sp)
{
    if (Species_getBoundaryCondition(sp) || Species_getConstant(sp)) return 0;
    const char *id = Species_getId(sp);
    for (unsigned r = 0; r < Model_getNumReactions(im->sm); r++) {
        Reaction_t *re = Model_getReaction(im->sm, r);
        for (unsigned k = 0; k < Reaction_getNumReactants(re); k++)
            if (!strcmp(SpeciesReference_getSpecies(Reaction_getReactant(re, k)), id)) return 1;
        for (unsigned k = 0; k < Reaction_getNumProducts(re); k++)
            if (!strcmp(SpeciesReference_getSpecies(Reaction_getProduct(re, k)), id)) return 1;
    }
    (void)i;
    return 0;
}

/* States: rate-rule variables (their symbol), species changed by reactions (their amount). */
static int make_states(imp_t *im, int *species_state)
{
    ferro_model_t *m = im->m;
    for (unsigned i = 0; i < Model_getNumRules(im->sm); i++) {
        Rule_t *r = Model_getRule(im->sm, i);
        if (!Rule_isRate(r)) continue;
        const sym_t *s = sym_find(&im->syms, Rule_getVariable(r));
        int st = fxm_add_state(m, s->slot, NULL, 0);
        if (st < 0) return st;
    }
    for (int i = 0; i < m->nspecies; i++) {
        species_state[i] = -1;
        Species_t *sp = Model_getSpecies(im->sm, (unsigned)i);
        if (im->has_rule[m->sp[i].value_slot] || im->has_rate[m->sp[i].value_slot] || !reacts(im, i, sp)) continue;
        if ((species_state[i] = fxm_add_state(m, m->sp[i].amount_slot, NULL, 1)) < 0) return species_state[i];
    }
    return 0;
}

/* ---------- algebraic rules ---------- */

typedef struct { int *slot; int n, cap; int no_event_targets; } slots_t;

/* Variables an algebraic rule may determine: not constant, not set by another rule, not
 * integrated (species changed by reactions are determined by them). */
static int alg_candidate(imp_t *im, const sym_t *s)
{
    ferro_model_t *m = im->m;
    if (im->has_rule[s->slot] || im->has_rate[s->slot]) return 0;
    switch (s->kind) {
    case SYM_PARAM: return !Parameter_getConstant(Model_getParameter(im->sm, (unsigned)s->index));
    case SYM_COMP: return !Compartment_getConstant(Model_getCompartment(im->sm, (unsigned)s->index));
    case SYM_SPECIES:
        return !Species_getConstant(Model_getSpecies(im->sm, (unsigned)s->index)) &&
               fxm_find_state(m, m->sp[s->index].amount_slot) < 0;
    default: return 0;
    }
}

static int collect_names(imp_t *im, const ASTNode_t *a, slots_t *z)
{
    if (!a) return 0;
    if (ASTNode_getType(a) == AST_NAME) {
        const sym_t *s = sym_find(&im->syms, ASTNode_getName(a));
        if (s && alg_candidate(im, s) && !(z->no_event_targets && assigned_by_event(im, s->id))) {
            for (int i = 0; i < z->n; i++)
                if (z->slot[i] == s->slot) return 0;
            if (z->n == z->cap) {
                int c = z->cap ? 2 * z->cap : 8;
                int *p = ferro_realloc(z->slot, (size_t)c * sizeof *p);
                if (!p) return FERRO_ENOMEM;
                z->slot = p;
                z->cap = c;
            }
            z->slot[z->n++] = s->slot;
        }
    }
    for (unsigned i = 0; i < ASTNode_getNumChildren(a); i++) {
        int rc = collect_names(im, ASTNode_getChild(a, i), z);
        if (rc) return rc;
    }
    return 0;
}

/* Algebraic rules 0 = f(...) determine as many variables as there are rules; they are solved by
 * Newton's method at every evaluation (an index-1 DAE reduced to an ODE). */
static int algebraic(imp_t *im)
{
    slots_t z = {NULL, 0, 0, 0};
    int nrules = 0, rc = 0;
    Rule_t *first = NULL;
    /* too many candidates: leave out the variables events assign (an algebraic rule determining
     * one would undo the event's assignment at once), if that leaves as many as there are rules */
    for (int pass = 0; pass < 2 && !rc && (pass == 0 || z.n > nrules); pass++) {
        z.n = nrules = 0;
        z.no_event_targets = pass;
        for (unsigned i = 0; i < Model_getNumRules(im->sm) && !rc; i++) {
            Rule_t *r = Model_getRule(im->sm, i);
            if (!Rule_isAlgebraic(r) || !Rule_isSetMath(r)) continue;
            if (!first) first = r;
            nrules++;
            rc = collect_names(im, Rule_getMath(r), &z);
        }
    }
    if (!rc && nrules && z.n != nrules) {
        char what[160];
        snprintf(what, sizeof what, "algebraic rules that do not determine their variables (%d rules, %d candidate variables)",
                 nrules, z.n);
        rc = unsupported(im, (SBase_t *)first, what);
    }
    for (int i = 0; i < z.n && !rc; i++) {
        im->is_alg[z.slot[i]] = 1;
        for (int p = 0; p < im->m->nparams; p++)
            if (im->m->par[p].slot == z.slot[i]) im->m->par[p].settable = 0;
    }
    char what[400];
    int k = 0;
    for (unsigned i = 0; i < Model_getNumRules(im->sm) && !rc; i++) {
        Rule_t *r = Model_getRule(im->sm, i);
        if (!Rule_isAlgebraic(r) || !Rule_isSetMath(r)) continue;
        label(what, sizeof what, "algebraic rule", "", (SBase_t *)r);
        fx_expr_t *e = imp_math(im, Rule_getMath(r), NULL, 0, what);
        if (!e) rc = im->err ? im->err : FERRO_ENOMEM;
        else rc = fxm_add_algebraic(im->m, z.slot[k++], e);
    }
    free(z.slot);
    return rc < 0 ? rc : 0;
}

static int add_rules(imp_t *im)
{
    ferro_model_t *m = im->m;
    char what[400];
    int rc;
    for (unsigned i = 0; i < Model_getNumRules(im->sm); i++) {
        Rule_t *r = Model_getRule(im->sm, i);
        if (Rule_isAlgebraic(r)) continue;
        const sym_t *s = sym_find(&im->syms, Rule_getVariable(r));
        label(what, sizeof what, Rule_isAssignment(r) ? "assignment rule for" : "rate rule for", Rule_getVariable(r), (SBase_t *)r);
        if (!Rule_isSetMath(r)) { /* L3v2: a rule without math has no effect */
            if (Rule_isRate(r) && (rc = fxm_state_rate(m, fxm_find_state(m, s->slot), fx_num(0.0))) < 0) return rc;
            continue;
        }
        fx_expr_t *e = imp_math(im, Rule_getMath(r), NULL, 0, what);
        if (!e) return im->err ? im->err : FERRO_ENOMEM;
        if (Rule_isAssignment(r)) rc = fxm_add_rule(m, s->slot, e);
        else rc = fxm_state_rate(m, fxm_find_state(m, s->slot), e);
        if (rc < 0) return rc;
    }
    return 0;
}

/* ---------- species: initial values and conversions ---------- */

static int species_defs(imp_t *im, const int *species_state)
{
    ferro_model_t *m = im->m;
    int rc = 0;
    for (int i = 0; i < m->nspecies && rc >= 0; i++) {
        Species_t *sp = Model_getSpecies(im->sm, (unsigned)i);
        fxm_species_t *x = &m->sp[i];
        int cs = m->comp[x->comp].slot, vs = x->value_slot, as = x->amount_slot;
        int set_amt = Species_isSetInitialAmount(sp), set_conc = Species_isSetInitialConcentration(sp);
        double amt = Species_getInitialAmount(sp), conc = Species_getInitialConcentration(sp);
        int defined = im->has_ia[vs] || im->has_rule[vs] || im->is_alg[vs];
        /* initial value */
        if (x->is_amount) {
            if (!defined) {
                if (set_amt) m->v0[vs] = amt;
                else if (set_conc) rc = fxm_add_init(m, vs, fx_node2(FX_MUL, fx_num(conc), fx_var(cs)));
            }
        } else if (!defined) {
            if (set_conc) {
                m->v0[vs] = conc;
                rc = fxm_add_init(m, as, times_size(vs, cs));
            } else {
                m->v0[as] = set_amt ? amt : NAN;
                rc = fxm_add_init(m, vs, over_size(as, cs));
            }
        } else {
            rc = fxm_add_init(m, as, times_size(vs, cs));
        }
        if (rc < 0 || x->is_amount) continue;
        /* during the run */
        if (species_state[i] >= 0) {
            rc = fxm_add_conversion(m, vs, over_size(as, cs)); /* amount integrated */
        } else if (im->has_rule[vs] || im->has_rate[vs] || im->is_alg[vs]) {
            x->conc_state = im->has_rate[vs];
            rc = fxm_add_conversion(m, as, times_size(vs, cs));
        } else if (comp_varies(im, x->comp) || comp_assigned(im, x->comp)) {
            x->fixed_amount = 1; /* unchanged species: its amount stays, its concentration follows the size */
            rc = fxm_add_conversion(m, vs, over_size(as, cs));
        } else {
            rc = fxm_add_conversion(m, as, times_size(vs, cs));
        }
    }
    return rc < 0 ? rc : 0;
}

/* ---------- reactions ---------- */

static int has_piecewise(const ASTNode_t *a)
{
    if (!a) return 0;
    if (ASTNode_getType(a) == AST_FUNCTION_PIECEWISE) return 1;
    for (unsigned i = 0; i < ASTNode_getNumChildren(a); i++)
        if (has_piecewise(ASTNode_getChild(a, i))) return 1;
    return 0;
}

static fx_expr_t *stoich_of(imp_t *im, SpeciesReference_t *sr, const char *rid)
{
    if (SpeciesReference_isSetStoichiometryMath(sr)) {
        StoichiometryMath_t *smath = SpeciesReference_getStoichiometryMath(sr);
        char what[400];
        label(what, sizeof what, "stoichiometryMath in reaction", rid, (SBase_t *)sr);
        fx_expr_t *e = imp_math(im, StoichiometryMath_getMath(smath), NULL, 0, what);
        if (!e) return NULL;
        int s = fxm_slot(im->m, "stoichiometryMath", 0.0);
        if (s < 0 || fxm_add_rule(im->m, s, e) < 0) return NULL;
        return fx_var(s);
    }
    const char *sid = SpeciesReference_isSetId(sr) ? SpeciesReference_getId(sr) : NULL;
    if (sid && *sid) {
        const sym_t *s = sym_find(&im->syms, sid);
        if (!im->has_rule[s->slot] && !im->has_rate[s->slot] && !im->has_ia[s->slot] &&
            SpeciesReference_getConstant(sr) && SpeciesReference_isSetStoichiometry(sr))
            return fx_num(SpeciesReference_getStoichiometry(sr));
        return fx_var(s->slot);
    }
    return fx_num(SpeciesReference_isSetStoichiometry(sr) ? SpeciesReference_getStoichiometry(sr) : 1.0);
}

/* A stoichiometry slot that changes only where events execute (the solver reads the fast
 * reactions' stoichiometry at the start and after every event): set once, by events, or by an
 * assignment rule that is a number; not by a rate rule or an algebraic rule. */
static int stepwise(imp_t *im, int slot)
{
    if (slot < im->nflags && (im->has_rate[slot] || im->is_alg[slot])) return 0;
    int r = fxm_find_rule(im->m, slot);
    return r < 0 || im->m->rule[r].expr->op == FX_NUM;
}

static int reactions(imp_t *im, const int *species_state)
{
    ferro_model_t *m = im->m;
    int ns = m->nspecies, rc;
    /* per species: the terms of its amount's derivative */
    fx_expr_t ***terms = ferro_calloc((size_t)ns + 1, sizeof *terms);
    int *nterms = ferro_calloc((size_t)ns + 1, sizeof *nterms);
    if (!terms || !nterms) { free(terms); free(nterms); return FERRO_ENOMEM; }
    rc = 0;
    /* fast reactions: their flux is a slot w the solver keeps at rapid equilibrium */
    int *fast = ferro_malloc(((size_t)m->nreact + 1) * sizeof *fast);
    if (!fast) rc = FERRO_ENOMEM;
    for (int r = 0; r < m->nreact && !rc; r++) {
        Reaction_t *re = Model_getReaction(im->sm, (unsigned)r);
        fast[r] = -1;
        if (!Reaction_isSetFast(re) || !Reaction_getFast(re)) continue;
        if (has_piecewise(KineticLaw_getMath(Reaction_getKineticLaw(re)))) {
            rc = unsupported(im, (SBase_t *)re, "a fast reaction with a piecewise rate law (its equilibrium can jump)");
            break;
        }
        int *a = ferro_realloc(m->fast_rate, (size_t)(m->nfast + 1) * sizeof *a);
        if (a) m->fast_rate = a;
        int *b = a ? ferro_realloc(m->fast_w, (size_t)(m->nfast + 1) * sizeof *b) : NULL;
        if (!b) { rc = FERRO_ENOMEM; break; }
        m->fast_w = b;
        char nm[300];
        snprintf(nm, sizeof nm, "fast flux %s", Reaction_getId(re));
        int w = fxm_slot(m, nm, 0.0);
        if (w < 0) { rc = w; break; }
        m->fast_rate[m->nfast] = m->react[r].slot;
        m->fast_w[m->nfast] = w;
        fast[r] = m->nfast++;
    }
    for (int r = 0; r < m->nreact && !rc; r++) {
        Reaction_t *re = Model_getReaction(im->sm, (unsigned)r);
        KineticLaw_t *kl = Reaction_getKineticLaw(re);
        char what[400];
        label(what, sizeof what, "kinetic law of reaction", Reaction_getId(re), (SBase_t *)kl);
        /* local parameters shadow globals inside this law */
        ListOf_t *locals = SBase_getLevel((SBase_t *)im->sm) >= 3
                               ? KineticLaw_getListOfLocalParameters(kl) : KineticLaw_getListOfParameters(kl);
        unsigned nl = locals ? ListOf_size(locals) : 0;
        im->locals = nl ? locals : NULL;
        im->local_slot0 = m->nslots;
        for (unsigned k = 0; k < nl; k++) {
            SBase_t *p = ListOf_get(locals, k);
            char nm[300];
            snprintf(nm, sizeof nm, "%s.%s", Reaction_getId(re), SBase_getIdAttribute(p));
            double v = SBase_getLevel((SBase_t *)im->sm) >= 3
                           ? (LocalParameter_isSetValue((LocalParameter_t *)p) ? LocalParameter_getValue((LocalParameter_t *)p) : NAN)
                           : (Parameter_isSetValue((Parameter_t *)p) ? Parameter_getValue((Parameter_t *)p) : NAN);
            if (fxm_slot(m, nm, v) < 0) { rc = FERRO_ENOMEM; break; }
        }
        fx_expr_t *law = rc ? NULL : imp_math(im, KineticLaw_getMath(kl), NULL, 0, what);
        im->locals = NULL;
        if (!law || fxm_add_rule(m, m->react[r].slot, law) < 0) { rc = rc ? rc : im->err ? im->err : FERRO_ENOMEM; break; }
        for (int side = 0; side < 2 && !rc; side++) {
            unsigned n = side ? Reaction_getNumProducts(re) : Reaction_getNumReactants(re);
            for (unsigned k = 0; k < n && !rc; k++) {
                SpeciesReference_t *sr = side ? Reaction_getProduct(re, k) : Reaction_getReactant(re, k);
                const sym_t *s = sym_find(&im->syms, SpeciesReference_getSpecies(sr));
                if (!s || s->kind != SYM_SPECIES) {
                    rc = ferro_error_set(FERRO_EPARSE, "%s: reaction '%s' refers to an unknown species '%s'", im->source,
                                         Reaction_getId(re), SpeciesReference_getSpecies(sr));
                    break;
                }
                fx_expr_t *st = stoich_of(im, sr, Reaction_getId(re));
                if (!st) { rc = im->err ? im->err : FERRO_ENOMEM; break; }
                if (species_state[s->index] < 0) { fx_free(st); continue; }
                int flux = m->react[r].slot;
                if (fast[r] >= 0) { /* rapid equilibrium: the flux the solver sets */
                    Species_t *spx = Model_getSpecies(im->sm, (unsigned)s->index);
                    const char *cf = Species_isSetConversionFactor(spx) ? Species_getConversionFactor(spx)
                                     : Model_isSetConversionFactor(im->sm) ? Model_getConversionFactor(im->sm) : NULL;
                    const sym_t *cs = cf ? sym_find(&im->syms, cf) : NULL;
                    int cf_const = !cf || (cs && cs->kind == SYM_PARAM && Parameter_getConstant(Model_getParameter(im->sm, (unsigned)cs->index)));
                    if ((st->op != FX_NUM && !(st->op == FX_VAR && stepwise(im, st->slot))) || !cf_const) {
                        fx_free(st);
                        rc = unsupported(im, (SBase_t *)re, "a fast reaction with variable stoichiometry or conversion factor");
                        break;
                    }
                    struct fxm_fast_term *ft = ferro_realloc(m->fterm, (size_t)(m->nfterm + 1) * sizeof *ft);
                    if (!ft) { fx_free(st); rc = FERRO_ENOMEM; break; }
                    m->fterm = ft;
                    ft[m->nfterm++] = (struct fxm_fast_term){fast[r], species_state[s->index], st->op == FX_VAR ? st->slot : -1,
                                                             cs ? cs->slot : -1, side ? 1.0 : -1.0, st->op == FX_NUM ? st->num : 0.0};
                    flux = m->fast_w[fast[r]];
                }
                fx_expr_t *t = fx_node2(FX_MUL, st, fx_var(flux));
                if (t && !side) t = fx_node1(FX_NEG, t);
                fx_expr_t **p = ferro_realloc(terms[s->index], (size_t)(nterms[s->index] + 1) * sizeof *p);
                if (!t || !p) { fx_free(t); rc = FERRO_ENOMEM; break; }
                terms[s->index] = p;
                p[nterms[s->index]++] = t;
            }
        }
    }
    /* d amount / dt = conversion factor * sum of stoichiometry * rate */
    const char *mcf = Model_isSetConversionFactor(im->sm) ? Model_getConversionFactor(im->sm) : NULL;
    for (int i = 0; i < ns; i++) {
        if (species_state[i] < 0) { for (int k = 0; k < nterms[i]; k++) fx_free(terms[i][k]); free(terms[i]); continue; }
        if (rc) { for (int k = 0; k < nterms[i]; k++) fx_free(terms[i][k]); free(terms[i]); continue; }
        fx_expr_t *sum = fx_node(FX_ADD, nterms[i], terms[i]);
        free(terms[i]);
        Species_t *sp = Model_getSpecies(im->sm, (unsigned)i);
        const char *cf = Species_isSetConversionFactor(sp) ? Species_getConversionFactor(sp) : mcf;
        if (cf && *cf) {
            const sym_t *s = sym_find(&im->syms, cf);
            if (!s) { fx_free(sum); rc = ferro_error_set(FERRO_EPARSE, "%s: unknown conversion factor '%s'", im->source, cf); continue; }
            sum = fx_node2(FX_MUL, fx_var(s->slot), sum);
        }
        rc = fxm_state_rate(m, species_state[i], sum);
    }
    free(terms);
    free(nterms);
    free(fast);
    return rc < 0 ? rc : 0;
}

/* ---------- initial assignments, events ---------- */

static int initial_assignments(imp_t *im)
{
    char what[400];
    for (unsigned i = 0; i < Model_getNumInitialAssignments(im->sm); i++) {
        InitialAssignment_t *ia = Model_getInitialAssignment(im->sm, i);
        const sym_t *s = sym_find(&im->syms, InitialAssignment_getSymbol(ia));
        if (!InitialAssignment_isSetMath(ia)) continue;
        label(what, sizeof what, "initial assignment to", InitialAssignment_getSymbol(ia), (SBase_t *)ia);
        fx_expr_t *e = imp_math(im, InitialAssignment_getMath(ia), NULL, 0, what);
        if (!e) return im->err ? im->err : FERRO_ENOMEM;
        int rc = fxm_add_init(im->m, s->slot, e);
        if (rc < 0) return rc;
    }
    return 0;
}

static int events(imp_t *im)
{
    ferro_model_t *m = im->m;
    int level = (int)SBase_getLevel((SBase_t *)im->sm);
    char what[400];
    for (unsigned i = 0; i < Model_getNumEvents(im->sm); i++) {
        Event_t *e = Model_getEvent(im->sm, i);
        fxm_event_t *ev = fxm_add_event(m);
        if (!ev) return FERRO_ENOMEM;
        const char *id = Event_isSetId(e) ? Event_getId(e) : "";
        if (!(ev->id = ferro_strdup(id))) return FERRO_ENOMEM;
        Trigger_t *tr = Event_getTrigger(e);
        label(what, sizeof what, "trigger of event", id, (SBase_t *)tr);
        if (!tr || !Trigger_isSetMath(tr)) ev->trigger = fx_num(0.0); /* no trigger math: never fires */
        else if (!(ev->trigger = imp_math(im, Trigger_getMath(tr), NULL, 0, what))) return im->err ? im->err : FERRO_ENOMEM;
        ev->trigger = fx_fold(ev->trigger);
        if (level >= 3) {
            ev->persistent = Trigger_getPersistent(tr);
            ev->initial_value = Trigger_getInitialValue(tr);
        }
        ev->use_trigger_values = Event_getUseValuesFromTriggerTime(e);
        if (Event_isSetDelay(e) && Delay_isSetMath(Event_getDelay(e))) {
            label(what, sizeof what, "delay of event", id, (SBase_t *)Event_getDelay(e));
            if (!(ev->delay = imp_math(im, Delay_getMath(Event_getDelay(e)), NULL, 0, what))) return im->err ? im->err : FERRO_ENOMEM;
        }
        if (Event_isSetPriority(e) && Priority_isSetMath(Event_getPriority(e))) {
            label(what, sizeof what, "priority of event", id, (SBase_t *)Event_getPriority(e));
            if (!(ev->priority = imp_math(im, Priority_getMath(Event_getPriority(e)), NULL, 0, what))) return im->err ? im->err : FERRO_ENOMEM;
        }
        int na = (int)Event_getNumEventAssignments(e);
        if (!(ev->assign = ferro_calloc((size_t)na + 1, sizeof *ev->assign))) return FERRO_ENOMEM;
        for (int a = 0; a < na; a++) {
            EventAssignment_t *ea = Event_getEventAssignment(e, (unsigned)a);
            const char *var = EventAssignment_getVariable(ea);
            const sym_t *s = sym_find(&im->syms, var);
            if (!s) return ferro_error_set(FERRO_EPARSE, "%s: event '%s' assigns an unknown variable '%s'", im->source, id, var ? var : "");
            if (!EventAssignment_isSetMath(ea)) continue; /* L3v2: no math, no effect */
            label(what, sizeof what, "event assignment to", var, (SBase_t *)ea);
            fxm_assign_t *as = &ev->assign[ev->nassign];
            as->target = s->slot;
            as->amount_slot = as->comp_slot = as->comp_index = -1;
            if (s->kind == SYM_COMP) as->comp_index = s->index;
            if (!(as->expr = imp_math(im, EventAssignment_getMath(ea), NULL, 0, what))) return im->err ? im->err : FERRO_ENOMEM;
            ev->nassign++;
            if (s->kind == SYM_SPECIES && !m->sp[s->index].is_amount) {
                as->amount_slot = m->sp[s->index].amount_slot;
                as->comp_slot = m->comp[m->sp[s->index].comp].slot;
            }
            if (s->kind == SYM_PARAM) m->par[s->index].settable = m->par[s->index].settable && 1;
        }
    }
    return 0;
}

int imp_build(SBMLDocument_t *doc, const char *source, ferro_model_t **out)
{
    *out = NULL;
    Model_t *sm = SBMLDocument_getModel(doc);
    if (!sm) return ferro_error_set(FERRO_EPARSE, "%s: the document has no model", source);
    imp_t im;
    memset(&im, 0, sizeof im);
    im.sm = sm;
    im.source = source;
    if (!(im.m = fxm_new(source))) return FERRO_ENOMEM;
    ferro_model_t *m = im.m;
    if (Model_isSetId(sm) && !(m->model_id = ferro_strdup(Model_getId(sm)))) { ferro_model_free(m); return FERRO_ENOMEM; }
    int *species_state = NULL;
    int rc = add_entities(&im);
    if (!rc) {
        size_t n = (size_t)m->nslots + 1;
        im.nflags = m->nslots;
        im.has_rule = ferro_calloc(n, 1);
        im.has_rate = ferro_calloc(n, 1);
        im.has_ia = ferro_calloc(n, 1);
        im.is_alg = ferro_calloc(n, 1);
        species_state = ferro_calloc((size_t)m->nspecies + 1, sizeof(int));
        if (!im.has_rule || !im.has_rate || !im.has_ia || !im.is_alg || !species_state) rc = FERRO_ENOMEM;
    }
    if (!rc) rc = scan_rules(&im);
    if (!rc) rc = make_states(&im, species_state);
    if (!rc) rc = algebraic(&im);
    if (!rc) rc = add_rules(&im);
    if (!rc) rc = species_defs(&im, species_state);
    if (!rc) rc = reactions(&im, species_state);
    if (!rc) rc = initial_assignments(&im);
    if (!rc) rc = events(&im);
    if (!rc) rc = fxm_finalize(m);
    free(im.has_rule);
    free(im.has_rate);
    free(im.has_ia);
    free(im.is_alg);
    free(species_state);
    sym_free(&im.syms);
    if (rc) {
        if (!ferro_error_message()[0]) ferro_error_set(rc, "%s: %s", source, ferro_strerror(rc));
        ferro_model_free(m);
        return rc;
    }
    *out = m;
    return 0;
}
