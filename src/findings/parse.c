/* parse.c — the check language of data/findings.tsv (grammar in include/ferrosim/findings.h). */
#include "findings_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *skip(const char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    return s;
}

/* Copy [a, b) without surrounding blanks. */
static char *trimdup(const char *a, const char *b)
{
    while (a < b && isspace((unsigned char)*a)) a++;
    while (b > a && isspace((unsigned char)b[-1])) b--;
    char *s = ferro_malloc((size_t)(b - a) + 1);
    if (!s) return NULL;
    memcpy(s, a, (size_t)(b - a));
    s[b - a] = '\0';
    return s;
}

static void term_free(fnd_term_t *t)
{
    free(t->measure);
    free(t->cell);
    for (int i = 0; i < t->nitems; i++) {
        free(t->items[i].name);
        free(t->items[i].value);
    }
    free(t->items);
    memset(t, 0, sizeof *t);
}

void fnd_check_free(fnd_check_t *c)
{
    if (!c) return;
    free(c->text);
    for (int i = 0; i < 2; i++) term_free(&c->term[i]);
    memset(c, 0, sizeof *c);
}

static int fail(const char *text, const char *at, int *errcol, const char *what)
{
    *errcol = (int)(at - text) + 1;
    return ferro_error_set(FERRO_EPARSE, "%s", what);
}

/* cond between '[' and ']' (exclusive): comma-separated AGENT=DOSE / GENE*FACTOR items. */
static int parse_cond(const char *text, const char *a, const char *b, fnd_term_t *t, int *errcol)
{
    const char *p = a;
    while (p < b) {
        const char *e = memchr(p, ',', (size_t)(b - p));
        if (!e) e = b;
        const char *q = skip(p);
        if (q < e) {
            const char *eq = NULL;
            for (const char *x = q; x < e; x++)
                if (*x == '=' || *x == '*') { eq = x; break; }
            if (!eq) return fail(text, q, errcol, "expected AGENT=DOSE or GENE*FACTOR");
            fnd_item_t *it = realloc(t->items, (size_t)(t->nitems + 1) * sizeof *it);
            if (!it) return ferro_error_set(FERRO_ENOMEM, "out of memory");
            t->items = it;
            it = &t->items[t->nitems++];
            it->is_gene = *eq == '*';
            it->name = trimdup(q, eq);
            it->value = trimdup(eq + 1, e);
            if (!it->name || !it->value) return FERRO_ENOMEM;
            if (!*it->name) return fail(text, q, errcol, "missing agent or gene name");
            if (!*it->value) return fail(text, eq + 1, errcol, "missing dose or factor");
        }
        p = e + 1;
    }
    return 0;
}

static int parse_term(const char *text, const char **pp, fnd_term_t *t, int *errcol)
{
    const char *p = skip(*pp), *s = p;
    while (isalnum((unsigned char)*p) || *p == '_') p++;
    if (p == s) return fail(text, s, errcol, "expected a measure (viability, alive, ferro_share or a species id)");
    if (!(t->measure = trimdup(s, p))) return FERRO_ENOMEM;
    p = skip(p);
    if (*p == '@') {
        const char *c = ++p;
        while (*p && *p != '[') p++;
        if (!(t->cell = trimdup(c, p))) return FERRO_ENOMEM;
        if (!*t->cell) return fail(text, c, errcol, "missing cell line after '@'");
    }
    if (*p != '[') return fail(text, p, errcol, "expected '[' (condition) after the measure");
    const char *a = p + 1, *b = strchr(a, ']');
    const char *open = memchr(a, '[', b ? (size_t)(b - a) : strlen(a));
    if (!b || open) return fail(text, open ? open : p, errcol, "missing ']' closing the condition");
    int rc = parse_cond(text, a, b, t, errcol);
    if (rc) return rc;
    *pp = b + 1;
    return 0;
}

int fnd_parse_check(const char *text, fnd_check_t *c, int *errcol)
{
    memset(c, 0, sizeof *c);
    *errcol = 0;
    if (!(c->text = ferro_strdup(text))) return FERRO_ENOMEM;
    const char *p = text;
    int rc = parse_term(text, &p, &c->term[0], errcol);
    if (rc) return rc;
    c->nterms = 1;
    p = skip(p);
    if (*p == '-' || *p == '/') {
        c->combine = *p++;
        if ((rc = parse_term(text, &p, &c->term[1], errcol))) return rc;
        c->nterms = 2;
        p = skip(p);
    }
    if (p[0] == '<' || p[0] == '>') {
        c->op[0] = p[0];
        c->op[1] = p[1] == '=' ? '=' : '\0';
        c->op[2] = '\0';
        p += p[1] == '=' ? 2 : 1;
    } else {
        return fail(text, p, errcol, "expected a comparison (<=, >=, <, >)");
    }
    const char *num = skip(p);
    if (ferro_parse_double(num, &c->threshold))
        return fail(text, num, errcol, "the threshold is not a number");
    return 0;
}
