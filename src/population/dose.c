/* dose.c — dose texts ("5", "200 nM", "10ug/mL", "0.5 U/mL") to an agent's canonical unit.
 * Molar units convert to mass concentrations through the molecular weight:
 * 1 ug/mL = 1 mg/L = 1e-3 g/L / MW g/mol = 1e3/MW umol/L. */
#include "pop_internal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const struct { const char *folded; int kind; double scale; } units[] = {
    {"nm", POP_UNIT_MOLAR, 1e-3},   {"um", POP_UNIT_MOLAR, 1.0},   {"mm", POP_UNIT_MOLAR, 1e3},
    {"ng/ml", POP_UNIT_MASS, 1e-3}, {"ug/ml", POP_UNIT_MASS, 1.0}, {"mg/ml", POP_UNIT_MASS, 1e3},
    {"mg/l", POP_UNIT_MASS, 1.0},   {"u/ml", POP_UNIT_ACTIVITY, 1.0}};

#define UNIT_LIST "nM, uM, mM, ng/mL, ug/mL, mg/mL, U/mL"

int pop_unit_parse(const char *text, int *kind, double *scale)
{
    char f[32];
    ferro_name_fold(text, f, sizeof f); /* lowercase, blanks dropped, µ -> u */
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcmp(f, units[i].folded) == 0) {
            *kind = units[i].kind;
            *scale = units[i].scale;
            return 0;
        }
    return FERRO_EINVAL;
}

static const char *kind_name(int kind)
{
    return kind == POP_UNIT_MOLAR ? "a molar concentration" : kind == POP_UNIT_MASS ? "a mass concentration"
                                                                                     : "an enzyme activity";
}

/* A converted dose must still be a number (1e308 mM overflows the canonical unit). */
static int dose_finite(const pop_agent_t *a, const char *text, double d, double *dose)
{
    if (!isfinite(d)) return ferro_error_set(FERRO_EINVAL, "%s: dose '%s' is too large (beyond any number in %s)", a->id.name, text, a->unit);
    *dose = d;
    return 0;
}

int ferro_world_parse_dose(const ferro_world_t *w, int agent, const char *text, double *dose)
{
    if (agent < 0 || agent >= w->nagent) return ferro_error_set(FERRO_EINVAL, "agent index %d out of range", agent);
    const pop_agent_t *a = &w->agent[agent];
    const char *s = text ? text : "";
    while (isspace((unsigned char)*s)) s++;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    /* strtod also reads "inf", "nan" and hexadecimal: accept only plain decimal numbers */
    int plain = end != s && (isdigit((unsigned char)*s) || *s == '.' || *s == '-' || *s == '+');
    for (const char *c = s; plain && c < end; c++)
        if (!strchr("0123456789.eE+-", *c)) plain = 0;
    if (!plain || !isfinite(v) || errno == ERANGE)
        return ferro_error_set(FERRO_EINVAL, "%s: dose '%s' is not a number (e.g. 5, 200nM, 10ug/mL)",
                               a->id.name, text ? text : "");
    if (v < 0) return ferro_error_set(FERRO_EINVAL, "%s: dose '%s' is negative", a->id.name, text);
    if (v == 0) v = 0; /* no -0 */
    while (isspace((unsigned char)*end)) end++;
    if (!*end) { /* no unit: the agent's canonical unit */
        *dose = v;
        return 0;
    }
    int kind;
    double scale;
    if (pop_unit_parse(end, &kind, &scale))
        return ferro_error_set(FERRO_EINVAL, "%s: dose '%s': unknown unit '%s' (use " UNIT_LIST ")", a->id.name,
                               text, end);
    double base = v * scale; /* in uM, ug/mL or U/mL */
    if (kind == a->unit_kind) return dose_finite(a, text, base / a->unit_scale, dose);
    if (kind == POP_UNIT_ACTIVITY || a->unit_kind == POP_UNIT_ACTIVITY)
        return ferro_error_set(FERRO_EINVAL, "%s: dose '%s' is %s but %s is dosed in %s", a->id.name, text,
                               kind_name(kind), a->id.name, a->unit);
    if (!(a->mw > 0))
        return ferro_error_set(FERRO_EINVAL,
                               "%s: dose '%s' is %s but %s is dosed in %s and has no molecular weight to convert",
                               a->id.name, text, kind_name(kind), a->id.name, a->unit);
    if (kind == POP_UNIT_MASS) /* ug/mL -> uM */
        return dose_finite(a, text, base * 1e3 / a->mw / a->unit_scale, dose);
    return dose_finite(a, text, base * a->mw / 1e3 / a->unit_scale, dose); /* uM -> ug/mL */
}

/* "NAME=VALUE": the name copied into buf (size n), the value text after the first '='. */
static int split_pair(const char *text, const char *form, char *buf, size_t n, const char **value)
{
    const char *eq = text ? strchr(text, '=') : NULL;
    if (!eq || eq == text || !eq[1] || (size_t)(eq - text) >= n)
        return ferro_error_set(FERRO_EINVAL, "'%s': expected %s", text ? text : "", form);
    memcpy(buf, text, (size_t)(eq - text));
    buf[eq - text] = 0;
    *value = eq + 1;
    return 0;
}

int ferro_world_parse_drug(const ferro_world_t *w, const char *text, ferro_dose_t *out)
{
    char name[256];
    const char *val = NULL;
    int rc;
    if ((rc = split_pair(text, "NAME=DOSE (e.g. erastin=5uM)", name, sizeof name, &val)) ||
        (rc = ferro_world_find_agent(w, name, &out->agent)) ||
        (rc = ferro_world_parse_dose(w, out->agent, val, &out->dose)))
        return rc;
    return 0;
}

int ferro_world_parse_gene_factor(const ferro_world_t *w, const char *text, ferro_gene_factor_t *out)
{
    char name[256];
    const char *val = NULL;
    int rc;
    if ((rc = split_pair(text, "GENE=FACTOR (e.g. GPX4=0.2)", name, sizeof name, &val)) ||
        (rc = ferro_world_find_gene(w, name, &out->gene)))
        return rc;
    if (ferro_parse_double(val, &out->factor) || !(out->factor >= 0))
        return ferro_error_set(FERRO_EINVAL, "%s: factor '%s' is not a non-negative number (0 knockout, 0.2 "
                                             "knockdown, 5 overexpression)",
                               name, val);
    return 0;
}
