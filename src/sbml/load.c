/* load.c — read SBML with libSBML, flatten comp models, run the consistency checks, report
 * problems with line and column, then build the compiled model. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <sbml/conversion/ConversionProperties.h>
#include <sbml/conversion/ConversionOption.h>

#include "sbml/sbml_impl.h"

/* Report the document's errors of at least `min_sev`; warnings are logged. Returns the count
 * of failing ones and sets the message for the first. */
static int report(SBMLDocument_t *doc, const char *source, int flags, unsigned from)
{
    unsigned n = SBMLDocument_getNumErrors(doc);
    int nfail = 0;
    for (unsigned i = from; i < n; i++) {
        const SBMLError_t *e = SBMLDocument_getError(doc, i);
        unsigned sev = XMLError_getSeverity((const XMLError_t *)e);
        if (sev == LIBSBML_SEV_INFO) continue;
        /* a dangling unit reference changes no number: a warning unless --strict */
        unsigned id = XMLError_getErrorId((const XMLError_t *)e);
        int units_only = id >= 10311 && id <= 10313;
        int fatal = (sev >= LIBSBML_SEV_ERROR && !(units_only && sev == LIBSBML_SEV_ERROR)) || (flags & FERRO_SBML_STRICT);
        const char *msg = XMLError_getMessage((const XMLError_t *)e);
        char text[1024];
        snprintf(text, sizeof text, "%s: line %u, column %u: %s: %s", source, XMLError_getLine((const XMLError_t *)e),
                 XMLError_getColumn((const XMLError_t *)e),
                 units_only && !fatal ? "Warning (units only)" : XMLError_getSeverityAsString((const XMLError_t *)e), msg ? msg : "");
        for (char *p = text; *p; p++)
            if (*p == '\n') *p = ' ';
        size_t l = strlen(text);
        while (l && (text[l - 1] == '\n' || text[l - 1] == ' ')) text[--l] = 0;
        if (fatal) {
            if (!nfail) ferro_error_set(FERRO_EPARSE, "%s", text);
            nfail++;
        } else if (!(flags & FERRO_SBML_QUIET)) {
            ferro_warn("%s", text);
        }
    }
    return nfail;
}

static int flatten_comp(SBMLDocument_t *doc, const char *source)
{
    if (!SBMLDocument_isSetPackageRequired(doc, "comp")) return 0;
    ConversionProperties_t *p = ConversionProperties_create();
    ConversionOption_t *o = ConversionOption_create("flatten comp");
    int rc = 0;
    if (!p || !o) rc = FERRO_ENOMEM;
    if (!rc) {
        ConversionOption_setBoolValue(o, 1);
        ConversionProperties_addOption(p, o);
        if (SBMLDocument_convert(doc, p) != LIBSBML_OPERATION_SUCCESS)
            rc = ferro_error_set(FERRO_EUNSUPPORTED, "%s: the comp (hierarchical model) package could not be flattened", source);
    }
    ConversionOption_free(o);
    ConversionProperties_free(p);
    return rc;
}

/* libSBML is not safe to call from several threads at once (its validators and converters
 * share state): every use in this module goes through this lock. */
static pthread_mutex_t sbml_lock = PTHREAD_MUTEX_INITIALIZER;

void imp_lock(void) { pthread_mutex_lock(&sbml_lock); }
void imp_unlock(void) { pthread_mutex_unlock(&sbml_lock); }

/* 1 if the tree holds a rateOf() without an argument. */
static int bare_rate_of(const ASTNode_t *a)
{
    if (!a) return 0;
    unsigned n = ASTNode_getNumChildren(a);
    if (ASTNode_getType(a) == AST_FUNCTION_RATE_OF && n == 0) return 1;
    for (unsigned i = 0; i < n; i++)
        if (bare_rate_of(ASTNode_getChild(a, i))) return 1;
    return 0;
}

/* libSBML 5.19's consistency check dereferences a NULL in RateOfCycles on rateOf() without an
 * argument (a segmentation fault, found by tests/fuzz/fuzz_sbml.c): refuse it first. */
static int check_rate_of(SBMLDocument_t *doc, const char *source)
{
    List_t *all = SBase_getAllElements((SBase_t *)SBMLDocument_getModel(doc));
    int rc = 0;
    for (unsigned i = 0; all && i < List_size(all) && !rc; i++) {
        SBase_t *e = List_get(all, i);
        const ASTNode_t *m = NULL;
        switch (SBase_getTypeCode(e)) {
        case SBML_ASSIGNMENT_RULE: case SBML_RATE_RULE: case SBML_ALGEBRAIC_RULE: m = Rule_getMath((Rule_t *)e); break;
        case SBML_KINETIC_LAW: m = KineticLaw_getMath((KineticLaw_t *)e); break;
        case SBML_INITIAL_ASSIGNMENT: m = InitialAssignment_getMath((InitialAssignment_t *)e); break;
        case SBML_EVENT_ASSIGNMENT: m = EventAssignment_getMath((EventAssignment_t *)e); break;
        case SBML_TRIGGER: m = Trigger_getMath((Trigger_t *)e); break;
        case SBML_DELAY: m = Delay_getMath((Delay_t *)e); break;
        case SBML_PRIORITY: m = Priority_getMath((Priority_t *)e); break;
        case SBML_CONSTRAINT: m = Constraint_getMath((Constraint_t *)e); break;
        case SBML_FUNCTION_DEFINITION: m = FunctionDefinition_getMath((FunctionDefinition_t *)e); break;
        default: break;
        }
        if (bare_rate_of(m))
            rc = ferro_error_set(FERRO_EPARSE, "%s: line %u, column %u: rateOf() without an argument (it takes one variable)",
                                 source, SBase_getLine(e), SBase_getColumn(e));
    }
    List_free(all);
    return rc;
}

static int load_doc(SBMLDocument_t *doc, const char *source, int flags, ferro_model_t **out)
{
    *out = NULL;
    ferro_error_clear();
    int rc = 0;
    if (!doc) return ferro_error_set(FERRO_ENOMEM, "%s: libSBML could not read the document", source);
    if (SBMLDocument_getNumErrorsWithSeverity(doc, LIBSBML_SEV_ERROR) + SBMLDocument_getNumErrorsWithSeverity(doc, LIBSBML_SEV_FATAL)) {
        report(doc, source, flags & ~FERRO_SBML_STRICT, 0);
        rc = ferro_error_message()[0] ? FERRO_EPARSE : ferro_error_set(FERRO_EPARSE, "%s: unreadable SBML", source);
    }
    if (!rc && !SBMLDocument_getModel(doc)) rc = ferro_error_set(FERRO_EPARSE, "%s: no <model> in the document", source);
    if (!rc) rc = check_rate_of(doc, source);
    if (!rc && !(flags & FERRO_SBML_NOCHECK)) {
        unsigned from = SBMLDocument_getNumErrors(doc);
        /* units consistency is advisory in SBML; the modelling checks are what matter here */
        SBMLDocument_setConsistencyChecks(doc, LIBSBML_CAT_UNITS_CONSISTENCY, 0);
        SBMLDocument_checkConsistency(doc);
        if (report(doc, source, flags, from)) rc = FERRO_EPARSE;
    }
    if (!rc) {
        const char *pk[] = {"fbc", "qual", "multi", "spatial", "distrib", "arrays", "dyn"};
        for (size_t i = 0; i < sizeof pk / sizeof *pk && !rc; i++)
            if (SBMLDocument_isSetPackageRequired(doc, pk[i]) && SBMLDocument_getPackageRequired(doc, pk[i]))
                rc = ferro_error_set(FERRO_EUNSUPPORTED, "%s: the SBML package '%s' is not supported", source, pk[i]);
    }
    if (!rc) rc = flatten_comp(doc, source);
    if (!rc) rc = imp_build(doc, source, out);
    SBMLDocument_free(doc);
    return rc;
}

int ferro_sbml_load(const char *path, int flags, ferro_model_t **out)
{
    *out = NULL;
    FILE *fp = fopen(path, "rb");
    if (!fp) return ferro_error_open(path);
    fclose(fp);
    imp_lock();
    int rc = load_doc(readSBMLFromFile(path), path, flags, out);
    imp_unlock();
    return rc;
}

int ferro_sbml_load_string(const char *xml, int flags, ferro_model_t **out)
{
    *out = NULL;
    imp_lock();
    int rc = load_doc(readSBMLFromString(xml), "<string>", flags, out);
    imp_unlock();
    return rc;
}
