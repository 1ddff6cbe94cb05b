/* contrast.c — limma's makeContrasts (a linear combination of coefficient names parsed into
 * weights) and contrasts.fit + eBayes (limma 3.54): the contrast's coefficient c'b, its unscaled
 * standard deviation from the per-gene stdev.unscaled and the design's coefficient correlation
 * (sqrt(sum su_k^2 c_k^2) when the design is orthogonal, e.g. one column per group), then the
 * moderated t, p, BH and B of each contrast as topTable gives them. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "de/qr.h"
#include "de/result.h"
#include "ferrosim/de.h"

/* ------------------------------------------------------------ the expression */

typedef struct {
    const char *s, *expr;
    const char *const *names;
    int n, pos;
} cparse_t;

/* A value: weights w[n] plus a constant c; lin = 1 when some name is in it. */
typedef struct { double *w, c; int lin; } cval_t;

static int cerr(const cparse_t *p, const char *what)
{
    return ferro_error_set(FERRO_EINVAL, "contrast '%s': %s at character %d", p->expr, what, p->pos + 1);
}

static void skip(cparse_t *p)
{
    while (p->s[p->pos] == ' ' || p->s[p->pos] == '\t') p->pos++;
}

static int is_name_char(int ch) { return isalnum(ch) || ch == '_' || ch == '.'; }

static int parse_expr(cparse_t *p, cval_t *v);

static int parse_factor(cparse_t *p, cval_t *v)
{
    skip(p);
    char ch = p->s[p->pos];
    memset(v->w, 0, (size_t)p->n * sizeof *v->w);
    v->c = 0;
    v->lin = 0;
    if (ch == '+' || ch == '-') {
        p->pos++;
        int rc = parse_factor(p, v);
        if (!rc && ch == '-') {
            for (int k = 0; k < p->n; k++) v->w[k] = -v->w[k];
            v->c = -v->c;
        }
        return rc;
    }
    if (ch == '(') {
        p->pos++;
        int rc = parse_expr(p, v);
        if (rc) return rc;
        skip(p);
        if (p->s[p->pos] != ')') return cerr(p, "')' expected");
        p->pos++;
        return 0;
    }
    int start = p->pos, len;
    if (ch == '`') {
        const char *end = strchr(p->s + start + 1, '`');
        if (!end) return cerr(p, "unclosed `");
        start++;
        len = (int)(end - (p->s + start));
        p->pos = (int)(end - p->s) + 1;
    } else {
        while (is_name_char(p->s[p->pos])) p->pos++;
        len = p->pos - start;
        if (!len) return cerr(p, ch ? "a name, a number or '(' expected" : "unexpected end");
        char *num_end;
        double x = strtod(p->s + start, &num_end);
        if (num_end == p->s + p->pos && (isdigit((unsigned char)ch) || ch == '.')) {
            v->c = x;
            return 0;
        }
    }
    for (int k = 0; k < p->n; k++)
        if ((int)strlen(p->names[k]) == len && !strncmp(p->names[k], p->s + start, (size_t)len)) {
            v->w[k] = 1;
            v->lin = 1;
            return 0;
        }
    char known[512] = "";
    size_t used = 0;
    for (int k = 0; k < p->n && used + 8 < sizeof known; k++)
        used += (size_t)snprintf(known + used, sizeof known - used, "%s%s", k ? ", " : "", p->names[k]);
    return ferro_error_set(FERRO_ENOTFOUND, "contrast '%s': '%.*s' is not a group / coefficient (known: %s)", p->expr, len,
                           p->s + start, known);
}

/* Combine v op r in place (op one of + - * /); the result must stay linear in the names. */
static int combine(cparse_t *p, char op, cval_t *v, const cval_t *r)
{
    if (op == '+' || op == '-') {
        double sg = op == '-' ? -1 : 1;
        for (int k = 0; k < p->n; k++) v->w[k] += sg * r->w[k];
        v->c += sg * r->c;
        v->lin |= r->lin;
    } else if (op == '/') {
        if (r->lin || r->c == 0) return cerr(p, "division by a name or by zero");
        for (int k = 0; k < p->n; k++) v->w[k] /= r->c;
        v->c /= r->c;
    } else if (v->lin && r->lin) {
        return cerr(p, "a product of two names is not linear");
    } else if (r->lin) {
        for (int k = 0; k < p->n; k++) v->w[k] = r->w[k] * v->c;
        v->c *= r->c;
        v->lin = 1;
    } else {
        for (int k = 0; k < p->n; k++) v->w[k] *= r->c;
        v->c *= r->c;
    }
    return 0;
}

/* level 0: terms joined by + and -; level 1: factors joined by * and /. */
static int parse_level(cparse_t *p, cval_t *v, int level)
{
    int rc = level ? parse_factor(p, v) : parse_level(p, v, 1);
    double *w2 = malloc(((size_t)p->n + 1) * sizeof *w2);
    if (!w2) return FERRO_ENOMEM;
    cval_t r = {w2, 0, 0};
    while (!rc) {
        skip(p);
        char op = p->s[p->pos];
        if (level ? op != '*' && op != '/' : op != '+' && op != '-') break;
        p->pos++;
        if (!(rc = level ? parse_factor(p, &r) : parse_level(p, &r, 1))) rc = combine(p, op, v, &r);
    }
    free(w2);
    return rc;
}

static int parse_expr(cparse_t *p, cval_t *v)
{
    return parse_level(p, v, 0);
}

int ferro_de_contrast_parse(const char *expr, const char *const *names, int nnames, double *weights)
{
    cparse_t p = {expr, expr, names, nnames, 0};
    cval_t v = {weights, 0, 0};
    int rc = parse_expr(&p, &v);
    if (rc) return rc;
    skip(&p);
    if (p.s[p.pos]) return cerr(&p, "unexpected character");
    if (v.c != 0) return ferro_error_set(FERRO_EINVAL, "contrast '%s': has a constant term (a contrast is a combination of names only)", expr);
    int nz = 0;
    for (int k = 0; k < nnames; k++) nz |= weights[k] != 0;
    if (!nz) return ferro_error_set(FERRO_EINVAL, "contrast '%s': all weights are zero", expr);
    return 0;
}

/* ------------------------------------------------------------ contrasts.fit + eBayes */

int ferro_de_limma_contrasts(const double *y, int ngenes, int nsamples, const double *design, int ncoef,
                             const double *contrasts, int ncontrast, const ferro_limma_opts_t *o,
                             ferro_de_result_t **out)
{
    for (int c = 0; c < ncontrast; c++) out[c] = NULL;
    ferro_limma_opts_t def;
    if (!o) { ferro_limma_opts_init(&def); o = &def; }
    if (ngenes < 1 || nsamples < 1 || ncoef < 1 || ncontrast < 1)
        return ferro_error_set(FERRO_EINVAL, "limma: bad dimensions (%d genes, %d samples, %d coefficients, %d contrasts)",
                               ngenes, nsamples, ncoef, ncontrast);
    if (!(o->proportion > 0 && o->proportion < 1))
        return ferro_error_set(FERRO_EINVAL, "limma: proportion %g is not in (0, 1)", o->proportion);
    for (size_t i = 0; i < (size_t)nsamples * ncoef; i++)
        if (!isfinite(design[i])) return ferro_error_set(FERRO_EINVAL, "limma: NAs are not allowed in the design matrix");
    size_t gp = (size_t)ngenes * ncoef, pp = (size_t)ncoef * ncoef;
    double *coefs = malloc(gp * sizeof *coefs), *su = malloc(gp * sizeof *su);
    double *X = malloc((size_t)nsamples * ncoef * sizeof *X), *cor = malloc(pp * sizeof *cor);
    double *ri = malloc((pp + 1) * sizeof *ri), *d = malloc(((size_t)ncoef + 1) * sizeof *d);
    ferro_qr_t *q = ferro_qr_alloc(nsamples, ncoef);
    ferro_de_result_t *base = NULL;
    int rc = coefs && su && X && cor && ri && d && q ? 0 : ferro_error_set(FERRO_ENOMEM, "out of memory");
    int nt = ferro_omics_threads(o->nthreads);
    if (!rc) rc = ferro_de_result_alloc(FERRO_DE_LIMMA, ngenes, &base);
    if (!rc) rc = ferro_de_lmfit(y, ngenes, nsamples, design, ncoef, nt, base, coefs, su); /* checks the rank */
    if (rc) goto done;
    /* the design's cov.coefficients (R'R)^-1 (full rank: no pivoting) and its correlation */
    for (int j = 0; j < nsamples; j++)
        for (int k = 0; k < ncoef; k++) X[(size_t)k * nsamples + j] = design[(size_t)j * ncoef + k];
    ferro_qr_decomp(q, X, nsamples, ncoef, 1e-7);
    ferro_qr_unscaled_var(q, d, ri);
    for (int i = 0; i < ncoef; i++)
        for (int l = 0; l < ncoef; l++) {
            double s = 0;
            for (int j = (i > l ? i : l); j < ncoef; j++) s += ri[(size_t)j * ncoef + i] * ri[(size_t)j * ncoef + l];
            cor[i * ncoef + l] = s;
        }
    for (int i = 0; i < ncoef; i++)
        for (int l = 0; l < ncoef; l++)
            if (i != l) cor[i * ncoef + l] /= sqrt(d[i] * d[l]);
    for (int i = 0; i < ncoef; i++) cor[i * ncoef + i] = 1;
    int orthog = 1;
    for (int i = 0; i < ncoef; i++)
        for (int l = 0; l < i; l++)
            if (!(fabs(cor[i * ncoef + l]) < 1e-14)) orthog = 0;
    for (int c = 0; c < ncontrast && !rc; c++) {
        const double *w = contrasts + (size_t)c * ncoef;
        ferro_de_result_t *r;
        if ((rc = ferro_de_result_alloc(FERRO_DE_LIMMA, ngenes, &r))) break;
        out[c] = r;
        memcpy(r->sigma, base->sigma, (size_t)ngenes * sizeof *r->sigma);
        memcpy(r->df_residual, base->df_residual, (size_t)ngenes * sizeof *r->df_residual);
        memcpy(r->AveExpr, base->AveExpr, (size_t)ngenes * sizeof *r->AveExpr);
        for (int g = 0; g < ngenes; g++) {
            const double *b = coefs + (size_t)g * ncoef, *s = su + (size_t)g * ncoef;
            double est = 0, v = 0;
            int na = 0;
            for (int k = 0; k < ncoef; k++) {
                if (w[k] == 0) continue;
                if (isnan(b[k])) { na = 1; break; }
                est += b[k] * w[k];
                if (orthog) v += s[k] * s[k] * w[k] * w[k];
                else
                    for (int l = 0; l < ncoef; l++)
                        if (w[l] != 0) v += s[k] * w[k] * cor[k * ncoef + l] * s[l] * w[l];
            }
            r->logFC[g] = na ? NAN : est;
            r->stdev_unscaled[g] = na ? NAN : sqrt(v);
        }
        rc = ferro_de_ebayes(r, o->trend, o->proportion, nt);
    }
done:
    if (rc)
        for (int c = 0; c < ncontrast; c++) { ferro_de_result_free(out[c]); out[c] = NULL; }
    ferro_de_result_free(base);
    ferro_qr_free(q);
    free(coefs); free(su); free(X); free(cor); free(ri); free(d);
    return rc;
}
