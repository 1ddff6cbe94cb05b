/* export.c — SBML out: the document converted to Level 3 Version 2, or a text listing. */
#include <stdlib.h>
#include <string.h>

#include "sbml/sbml_impl.h"

/* Read path for export: reading errors fail (with line and column). Caller holds the lock. */
static int read_doc(const char *path, SBMLDocument_t **out)
{
    *out = NULL;
    FILE *fp = fopen(path, "rb");
    if (!fp) return ferro_error_set(FERRO_EIO, "%s: cannot open", path);
    fclose(fp);
    SBMLDocument_t *doc = readSBMLFromFile(path);
    if (!doc) return ferro_error_set(FERRO_ENOMEM, "%s: libSBML could not read the document", path);
    for (unsigned i = 0; i < SBMLDocument_getNumErrors(doc); i++) {
        const XMLError_t *e = (const XMLError_t *)SBMLDocument_getError(doc, i);
        if (XMLError_getSeverity(e) >= LIBSBML_SEV_ERROR) {
            ferro_error_set(FERRO_EPARSE, "%s: line %u, column %u: %s", path, XMLError_getLine(e), XMLError_getColumn(e),
                            XMLError_getMessage(e));
            SBMLDocument_free(doc);
            return FERRO_EPARSE;
        }
    }
    if (!SBMLDocument_getModel(doc)) {
        SBMLDocument_free(doc);
        return ferro_error_set(FERRO_EPARSE, "%s: no <model> in the document", path);
    }
    *out = doc;
    return 0;
}

int ferro_sbml_export_sbml(const char *path, FILE *out)
{
    imp_lock();
    SBMLDocument_t *doc;
    int rc = read_doc(path, &doc);
    Model_t *m = rc ? NULL : SBMLDocument_getModel(doc);
    for (unsigned i = 0; m && !rc && i < Model_getNumReactions(m); i++) {
        Reaction_t *r = Model_getReaction(m, i);
        if (Reaction_isSetFast(r) && Reaction_getFast(r))
            rc = ferro_error_set(FERRO_EUNSUPPORTED, "%s: reaction '%s' is fast: SBML Level 3 Version 2 has no fast reactions, "
                                 "so the exported model would simulate differently", path, Reaction_getId(r));
    }
    if (!rc && (SBMLDocument_getLevel(doc) != 3 || SBMLDocument_getVersion(doc) != 2) &&
        !SBMLDocument_setLevelAndVersionNonStrict(doc, 3, 2))
        rc = ferro_error_set(FERRO_EUNSUPPORTED, "%s: libSBML cannot convert this model to SBML Level 3 Version 2", path);
    char *xml = rc ? NULL : writeSBMLToString(doc);
    if (!rc && !xml) rc = ferro_error_set(FERRO_ENOMEM, "%s: libSBML could not write the document", path);
    if (!rc && fputs(xml, out) == EOF) rc = ferro_error_set(FERRO_EIO, "write error");
    free(xml);
    SBMLDocument_free(doc);
    imp_unlock();
    return rc;
}

static void field(FILE *out, const char *s, int last)
{
    for (const char *p = s ? s : ""; *p; p++) fputc(*p == '\t' || *p == '\n' ? ' ' : *p, out);
    fputc(last ? '\n' : '\t', out);
}

static void formula(FILE *out, const ASTNode_t *a, int last)
{
    char *f = a ? SBML_formulaToL3String(a) : NULL;
    field(out, f ? f : "", last);
    free(f);
}

static void number(FILE *out, int set, double v, int last)
{
    char b[64];
    if (set) snprintf(b, sizeof b, "%.10g", v);
    else snprintf(b, sizeof b, "NA");
    field(out, b, last);
}

static void side(FILE *out, Reaction_t *r, int products)
{
    unsigned n = products ? Reaction_getNumProducts(r) : Reaction_getNumReactants(r);
    if (!n) fputs("(none)", out);
    for (unsigned k = 0; k < n; k++) {
        SpeciesReference_t *sr = products ? Reaction_getProduct(r, k) : Reaction_getReactant(r, k);
        double st = SpeciesReference_isSetStoichiometry(sr) ? SpeciesReference_getStoichiometry(sr) : 1.0;
        if (k) fputs(" + ", out);
        if (st != 1.0) fprintf(out, "%g ", st);
        fputs(SpeciesReference_getSpecies(sr), out);
    }
}

static void listing(Model_t *m, FILE *out)
{
    fprintf(out, "# compartments\nid\tname\tsize\tconstant\n");
    for (unsigned i = 0; i < Model_getNumCompartments(m); i++) {
        Compartment_t *c = Model_getCompartment(m, i);
        field(out, Compartment_getId(c), 0);
        field(out, Compartment_getName(c), 0);
        number(out, Compartment_isSetSize(c), Compartment_getSize(c), 0);
        field(out, Compartment_getConstant(c) ? "true" : "false", 1);
    }
    fprintf(out, "# species\nid\tname\tcompartment\tinitial\tinitial_is\thas_only_substance_units\tboundary\tconstant\n");
    for (unsigned i = 0; i < Model_getNumSpecies(m); i++) {
        Species_t *s = Model_getSpecies(m, i);
        int conc = Species_isSetInitialConcentration(s);
        field(out, Species_getId(s), 0);
        field(out, Species_getName(s), 0);
        field(out, Species_getCompartment(s), 0);
        number(out, conc || Species_isSetInitialAmount(s), conc ? Species_getInitialConcentration(s) : Species_getInitialAmount(s), 0);
        field(out, conc ? "concentration" : "amount", 0);
        field(out, Species_getHasOnlySubstanceUnits(s) ? "true" : "false", 0);
        field(out, Species_getBoundaryCondition(s) ? "true" : "false", 0);
        field(out, Species_getConstant(s) ? "true" : "false", 1);
    }
    fprintf(out, "# parameters\nid\tname\tvalue\tconstant\n");
    for (unsigned i = 0; i < Model_getNumParameters(m); i++) {
        Parameter_t *p = Model_getParameter(m, i);
        field(out, Parameter_getId(p), 0);
        field(out, Parameter_getName(p), 0);
        number(out, Parameter_isSetValue(p), Parameter_getValue(p), 0);
        field(out, Parameter_getConstant(p) ? "true" : "false", 1);
    }
    fprintf(out, "# initial_assignments\nsymbol\tformula\n");
    for (unsigned i = 0; i < Model_getNumInitialAssignments(m); i++) {
        InitialAssignment_t *a = Model_getInitialAssignment(m, i);
        field(out, InitialAssignment_getSymbol(a), 0);
        formula(out, InitialAssignment_getMath(a), 1);
    }
    fprintf(out, "# rules\nvariable\ttype\tformula\n");
    for (unsigned i = 0; i < Model_getNumRules(m); i++) {
        Rule_t *r = Model_getRule(m, i);
        field(out, Rule_isAlgebraic(r) ? "" : Rule_getVariable(r), 0);
        field(out, Rule_isAlgebraic(r) ? "algebraic" : Rule_isAssignment(r) ? "assignment" : "rate", 0);
        formula(out, Rule_getMath(r), 1);
    }
    fprintf(out, "# reactions\nid\tname\tequation\trate_law\n");
    for (unsigned i = 0; i < Model_getNumReactions(m); i++) {
        Reaction_t *r = Model_getReaction(m, i);
        field(out, Reaction_getId(r), 0);
        field(out, Reaction_getName(r), 0);
        side(out, r, 0);
        fputs(Reaction_getReversible(r) ? " <=> " : " -> ", out);
        side(out, r, 1);
        fputc('\t', out);
        KineticLaw_t *kl = Reaction_getKineticLaw(r);
        formula(out, kl ? KineticLaw_getMath(kl) : NULL, 1);
    }
    fprintf(out, "# events\nid\ttrigger\tdelay\tassignments\n");
    for (unsigned i = 0; i < Model_getNumEvents(m); i++) {
        Event_t *e = Model_getEvent(m, i);
        field(out, Event_getId(e), 0);
        formula(out, Event_getTrigger(e) ? Trigger_getMath(Event_getTrigger(e)) : NULL, 0);
        formula(out, Event_isSetDelay(e) ? Delay_getMath(Event_getDelay(e)) : NULL, 0);
        for (unsigned a = 0; a < Event_getNumEventAssignments(e); a++) {
            EventAssignment_t *ea = Event_getEventAssignment(e, a);
            char *f = EventAssignment_getMath(ea) ? SBML_formulaToL3String(EventAssignment_getMath(ea)) : NULL;
            fprintf(out, "%s%s = %s", a ? "; " : "", EventAssignment_getVariable(ea), f ? f : "");
            free(f);
        }
        fputc('\n', out);
    }
}

int ferro_sbml_export_tsv(const char *path, FILE *out)
{
    imp_lock();
    SBMLDocument_t *doc;
    int rc = read_doc(path, &doc);
    if (!rc) {
        listing(SBMLDocument_getModel(doc), out);
        if (ferror(out)) rc = ferro_error_set(FERRO_EIO, "write error");
    }
    SBMLDocument_free(doc);
    imp_unlock();
    return rc;
}
