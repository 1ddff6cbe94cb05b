/* cmd_de.c — `ferrosim de`: differential expression (limma, Welch, Wilcoxon) with BH FDR and
 * volcano data. Parsing and printing only; the work is in src/de and src/cohort. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ferrosim/cohort.h"
#include "ferrosim/de.h"
#include "ferrosim/geneset.h"
#include "ferrosim/io.h"
#include "ferrosim/report.h"

const char cmd_de_summary[] = "differential expression: limma, Welch t, Wilcoxon; BH FDR; volcano";

static const char usage[] =
    "Usage: ferrosim de --expr MATRIX --samples ANNOT --group COL --contrast A,B [options]\n"
    "       ferrosim de --expr MATRIX --samples ANNOT --group COL --contrast EXPR [--contrast EXPR ...]\n"
    "       ferrosim de --expr MATRIX --design DESIGN --coef NAME [options]\n"
    "       ferrosim de --expr MATRIX --design DESIGN --contrast EXPR [--contrast EXPR ...]\n"
    "Differential expression per gene; output, the same columns for every method: id, logFC\n"
    "(A minus B), AveExpr, t, p, adj_p (limma adds B, the log-odds). t is the method's test\n"
    "statistic: limma the moderated t, welch Welch's t, wilcoxon the rank-sum statistic W of\n"
    "wilcox.test (rank sum of A minus nA(nA+1)/2: above nA*nB/2 when A tends higher); --json\n"
    "names it in \"statistic\". adj_p is Benjamini-Hochberg over all genes tested. Equal to R\n"
    "(limma 3.54 lmFit + eBayes, t.test, wilcox.test).\n"
    "Wilcoxon: exact p when both groups have < 50 values and no ties, else the normal\n"
    "approximation with continuity and tie correction (as wilcox.test). Missing values are\n"
    "left out gene by gene (limma fits each gene on its non-missing samples).\n\n"
    "  --expr FILE        expression matrix, features x samples (TSV/CSV, .gz, GEO series matrix)\n"
    "  --samples FILE     sample annotation TSV (sample IDs in the first column; must match the matrix)\n"
    "  --group COL        annotation column with the groups\n"
    "  --contrast A,B     compare group A with group B (other samples are left out)\n"
    "  --contrast EXPR    limma contrasts (makeContrasts + contrasts.fit + eBayes; repeat for more):\n"
    "                     a linear combination of the groups of --group, e.g. T3-T2 or\n"
    "                     (B1+B2)/2-B3, fitted on ALL samples with a group (one design column\n"
    "                     per group, as model.matrix(~0+group): the residual variance pools\n"
    "                     every group); with --design, of its column names. Names with other\n"
    "                     characters in `backquotes`. Output: a first column 'contrast', then\n"
    "                     topTable's columns for each contrast (BH within each contrast)\n"
    "  --method M         limma (default) | welch | wilcoxon\n"
    "  --trend            limma: eBayes(trend = TRUE), prior variance depends on AveExpr\n"
    "  --design FILE      limma with a design matrix: samples x columns TSV (sample IDs first)\n"
    "  --coef NAME        the design column to test (logFC = that coefficient)\n"
    "  --map FILE         probe -> gene table (probe, gene): collapse the matrix to genes first\n"
    "  --collapse RULE    maxmean (default) | mean | maxvar\n"
    "  --genes LIST       report only these genes (comma list, or gene-list / .gmt files); the FDR\n"
    "                     stays that of all genes tested\n"
    "  --volcano          add neg_log10_p and call (up / down / ns by --fdr and --lfc)\n"
    "  --fdr F            volcano: adjusted p threshold (default 0.05)\n"
    "  --lfc L            volcano: |logFC| threshold (default 1)\n"
    "  --sort             sort rows by p (default: matrix order)\n"
    "  --html FILE        also write a self-contained HTML report: the volcano plot (--fdr and\n"
    "                     --lfc thresholds, the 15 most significant called genes labelled) and\n"
    "                     the top genes table\n";

enum { O_EXPR = 1, O_SAMPLES, O_GROUP, O_CONTRAST, O_METHOD, O_TREND, O_DESIGN, O_COEF, O_MAP, O_COLLAPSE,
       O_GENES, O_VOLCANO, O_FDR, O_LFC, O_SORT, O_HTML };

typedef struct {
    const char *expr, *samples, *group, *contrast, *design, *coef, *map, *genes, *html;
    const char *contrasts[64]; /* every --contrast; contrast = the first */
    int method, trend, collapse, volcano, sort, ncontrast, multi;
    double fdr, lfc;
} opts_t;

static int in_filter(const ferro_genesets_t *f, const char *id)
{
    for (int s = 0; s < f->n; s++)
        for (int i = 0; i < f->size[s]; i++)
            if (!strcmp(f->gene[s][i], id)) return 1;
    return 0;
}

static int *p_order(const ferro_de_result_t *r, int sort)
{
    int *o = malloc(sizeof(int) * ((size_t)r->n + 1));
    if (!o) return NULL;
    for (int i = 0; i < r->n; i++) o[i] = i;
    if (sort) /* insertion into order by p (NA last), stable */
        for (int i = 1; i < r->n; i++) {
            int v = o[i], j = i;
            double pv = isnan(r->p[v]) ? INFINITY : r->p[v];
            while (j > 0 && (isnan(r->p[o[j - 1]]) ? INFINITY : r->p[o[j - 1]]) > pv) { o[j] = o[j - 1]; j--; }
            o[j] = v;
        }
    return o;
}

static void put_num(FILE *fp, double v, int json)
{
    if (json) ferro_json_number(fp, v);
    else if (isnan(v)) fputs("NA", fp);
    else fprintf(fp, "%.10g", v);
}

/* One result; label != NULL: one contrast of several (TSV: a first column 'contrast', the header
 * only when first; JSON: one object of the "contrasts" list). */
static int write_result(FILE *fp, const opts_t *o, const cli_common_t *c, const ferro_matrix_t *m,
                        const ferro_de_result_t *r, const ferro_genesets_t *filter, const char *label, int first_block)
{
    static const char *mname[] = {"limma", "welch", "wilcoxon"};
    static const char *cname[] = {"down", "ns", "up"};
    int *call = malloc(sizeof(int) * ((size_t)r->n + 1));
    int *ord = p_order(r, o->sort);
    if (!call || !ord) { free(call); free(ord); return FERRO_ENOMEM; }
    ferro_de_volcano(r, o->fdr, o->lfc, call);
    /* one column layout for every method: the statistic is always the column t (issue 5's contract) */
    static const char *sname[] = {"moderated t", "Welch t", "Wilcoxon rank-sum W"};
    if (c->json) {
        fprintf(fp, "{\"method\": \"%s\", \"statistic\": \"%s\", \"contrast\": ", mname[r->method], sname[r->method]);
        ferro_json_string(fp, label ? label : o->contrast ? o->contrast : o->coef);
        if (r->method == FERRO_DE_LIMMA) {
            fputs(", \"df_prior\": ", fp);
            put_num(fp, r->df_prior, 1);
            fputs(", \"var_prior\": ", fp);
            put_num(fp, r->var_prior, 1);
            fprintf(fp, ", \"trend\": %s", o->trend ? "true" : "false");
        }
        fputs(", \"genes\": [", fp);
    } else if (first_block) {
        fprintf(fp, "%sid\tlogFC\tAveExpr\tt\tp\tadj_p%s%s\n", label ? "contrast\t" : "", r->B ? "\tB" : "",
                o->volcano ? "\tneg_log10_p\tcall" : "");
    }
    int first = 1;
    for (int k = 0; k < r->n; k++) {
        int i = ord[k];
        if (filter && !in_filter(filter, m->row_id[i])) continue;
        double v[] = {r->logFC[i], r->AveExpr[i], r->stat[i], r->p[i], r->adj_p[i], r->B ? r->B[i] : NAN, -log10(r->p[i])};
        const char *names[] = {"logFC", "AveExpr", "t", "p", "adj_p", "B", "neg_log10_p"};
        if (c->json) {
            fputs(first ? "\n  {\"id\": " : ",\n  {\"id\": ", fp);
            ferro_json_string(fp, m->row_id[i]);
            for (int q = 0; q < 7; q++) {
                if ((q == 5 && !r->B) || (q == 6 && !o->volcano)) continue;
                fprintf(fp, ", \"%s\": ", names[q]);
                put_num(fp, v[q], 1);
            }
            if (o->volcano) fprintf(fp, ", \"call\": \"%s\"", cname[call[i] + 1]);
            fputc('}', fp);
        } else {
            if (label) fprintf(fp, "%s\t", label);
            fputs(m->row_id[i], fp);
            for (int q = 0; q < 7; q++) {
                if ((q == 5 && !r->B) || (q == 6 && !o->volcano)) continue;
                fputc('\t', fp);
                put_num(fp, v[q], 0);
            }
            if (o->volcano) fprintf(fp, "\t%s", cname[call[i] + 1]);
            fputc('\n', fp);
        }
        first = 0;
    }
    if (c->json) fputs(label ? "\n]}" : "\n]}\n", fp);
    free(call);
    free(ord);
    return 0;
}

/* The HTML report: the volcano plot of every gene tested and the 30 most significant (of the
 * --genes filter, when given) as a table. */
static int write_html(const opts_t *o, const ferro_matrix_t *m, const ferro_de_result_t *r, const ferro_genesets_t *filter)
{
    static const char *mname[] = {"limma (moderated t)", "Welch t-test", "Wilcoxon rank-sum test"};
    char title[512], buf[1024];
    char what[256];
    if (o->contrast) {
        const char *comma = strchr(o->contrast, ',');
        snprintf(what, sizeof what, "%.*s vs %.120s", (int)(comma ? comma - o->contrast : 0), o->contrast, comma ? comma + 1 : "");
    } else {
        snprintf(what, sizeof what, "%.250s", o->coef);
    }
    snprintf(title, sizeof title, "Differential expression: %.200s (%.200s)", what, o->expr);
    ferro_report_t *rep;
    int rc = ferro_report_open(o->html, title, &rep);
    if (rc) return rc;
    int *ord = p_order(r, 1), *call = malloc(sizeof(int) * ((size_t)r->n + 1));
    if (!ord || !call) { free(ord); free(call); ferro_report_abort(rep); return FERRO_ENOMEM; }
    ferro_de_volcano(r, o->fdr, o->lfc, call);
    int nup = 0, ndown = 0;
    for (int i = 0; i < r->n; i++) { nup += call[i] > 0; ndown += call[i] < 0; }
    snprintf(buf, sizeof buf, "%s on %d genes x %d samples; %s %s (logFC = %s). Benjamini-Hochberg over all genes "
             "tested: %d up and %d down at adjusted p < %g and |logFC| >= %g.", mname[r->method], m->nrow, m->ncol,
             o->contrast ? "groups" : "design coefficient", what, o->contrast ? "A minus B" : "the coefficient", nup,
             ndown, o->fdr, o->lfc);
    ferro_report_paragraph(rep, buf);
    ferro_report_figures_begin(rep);
    ferro_report_volcano_t v = {.title = what, .n = r->n, .logfc = r->logFC, .p = r->p, .adj_p = r->adj_p,
                                .label = (const char *const *)m->row_id, .fdr = o->fdr, .lfc = o->lfc, .nlabel = 15};
    rc = ferro_report_volcano(rep, &v);
    ferro_report_figures_end(rep);
    enum { NC = 6, NTOP = 30 };
    static const char *hdr[NC] = {"gene", "logFC", "AveExpr", "t", "p", "adj_p"};
    if (!rc) {
        ferro_report_heading(rep, 2, filter ? "Most significant genes of the --genes list" : "Most significant genes");
        ferro_report_table_begin(rep, NC, hdr);
        for (int k = 0, nrow = 0; k < r->n && nrow < NTOP; k++) {
            int i = ord[k];
            if (filter && !in_filter(filter, m->row_id[i])) continue;
            double val[5] = {r->logFC[i], r->AveExpr[i], r->stat[i], r->p[i], r->adj_p[i]};
            char cell[NC][32];
            const char *cp[NC];
            snprintf(cell[0], 32, "%.31s", m->row_id[i]);
            for (int q = 0; q < 5; q++)
                if (isnan(val[q])) snprintf(cell[1 + q], 32, "NA");
                else snprintf(cell[1 + q], 32, "%.4g", val[q]);
            for (int q = 0; q < NC; q++) cp[q] = cell[q];
            ferro_report_table_row(rep, NC, cp);
            nrow++;
        }
        ferro_report_table_end(rep);
    }
    free(ord);
    free(call);
    if (rc) { ferro_report_abort(rep); return rc; }
    return ferro_report_commit(rep);
}

/* n strings copied into one allocation (free(*out)). */
static int copy_names(char *const *src, int n, char ***out)
{
    size_t len = 0;
    for (int i = 0; i < n; i++) len += strlen(src[i]) + 1;
    char **v = malloc((size_t)(n + 1) * sizeof *v + len);
    if (!v) return FERRO_ENOMEM;
    char *buf = (char *)(v + n + 1);
    for (int i = 0; i < n; i++) {
        size_t l = strlen(src[i]) + 1;
        v[i] = memcpy(buf, src[i], l);
        buf += l;
    }
    v[n] = NULL;
    *out = v;
    return 0;
}

/* The design matrix from a samples x columns TSV, rows in matrix column order. */
static int read_design(const char *path, const char *coef, const ferro_matrix_t *m, double **X, int *p, int *ci,
                       char ***names)
{
    ferro_table_t *t;
    int rc = ferro_samples_read(path, &t);
    if (rc) return rc;
    int *col = malloc(sizeof(int) * ((size_t)t->nrow + 1));
    *X = NULL;
    if (!col) { ferro_table_free(t); return FERRO_ENOMEM; }
    if ((rc = ferro_samples_match(m, t, col))) goto done;
    *p = t->ncol - 1;
    *ci = coef ? ferro_table_col(t, coef) - 1 : -1;
    if (*p < 1) { rc = ferro_error_set(FERRO_EPARSE, "%s: the design needs at least one column after the sample IDs", path); goto done; }
    if (coef && *ci < 0) { rc = ferro_error_set(FERRO_ENOTFOUND, "%s: no design column '%s'", path, coef); goto done; }
    if (names && (rc = copy_names(t->header + 1, *p, names))) goto done;
    if (!(*X = malloc(sizeof(double) * (size_t)m->ncol * *p))) { rc = FERRO_ENOMEM; goto done; }
    for (int i = 0; i < t->nrow; i++)
        for (int k = 0; k < *p; k++)
            if (ferro_parse_double(t->cell[i][k + 1], &(*X)[(size_t)col[i] * *p + k])) {
                rc = ferro_error_set(FERRO_EPARSE, "%s: line %ld, column %d: '%s' is not a number", path, t->lineno[i], k + 2, t->cell[i][k + 1]);
                goto done;
            }
done:
    if (rc) { free(*X); *X = NULL; }
    free(col);
    ferro_table_free(t);
    return rc;
}

static int read_groups(const opts_t *o, const ferro_matrix_t *m, int *g)
{
    ferro_table_t *t;
    int rc = ferro_samples_read(o->samples, &t);
    if (rc) return rc;
    int *col = malloc(sizeof(int) * ((size_t)t->nrow + 1));
    char *cs = ferro_strdup(o->contrast);
    if (!col || !cs) { free(col); free(cs); ferro_table_free(t); return FERRO_ENOMEM; }
    char *B = strchr(cs, ',');
    if (!B || strchr(B + 1, ',') || B == cs || !B[1]) { rc = ferro_error_set(FERRO_EINVAL, "--contrast '%s': expected A,B (two group names)", o->contrast); goto done; }
    *B++ = 0;
    const char *A = cs;
    int k = ferro_table_col(t, o->group);
    if (k < 0) { rc = ferro_error_set(FERRO_ENOTFOUND, "%s: no column '%s'", t->path, o->group); goto done; }
    if ((rc = ferro_samples_match(m, t, col))) goto done;
    int na = 0, nb = 0;
    for (int i = 0; i < t->nrow; i++) {
        const char *v = t->cell[i][k];
        g[col[i]] = !strcmp(v, A) ? 1 : (!strcmp(v, B) ? 0 : -1);
        na += g[col[i]] == 1;
        nb += g[col[i]] == 0;
    }
    if (!na || !nb) rc = ferro_error_set(FERRO_EINVAL, "%s: column '%s' has %d sample(s) of '%s' and %d of '%s'", t->path, o->group, na, A, nb, B);
done:
    free(cs);
    free(col);
    ferro_table_free(t);
    return rc;
}

/* Multi-group contrasts: the cell-means design of --group (samples with a missing group left out)
 * or --design's columns; every --contrast parsed against their names; one result per contrast. */
static int run_contrasts(const opts_t *o, const ferro_matrix_t *m, int nt, ferro_de_result_t **res)
{
    ferro_table_t *t = NULL;
    char **names = NULL;
    double *X = NULL, *sub = NULL, *W = NULL;
    int *col = NULL, *lev = NULL, p = 0, ns = m->ncol, rc = 0, ci;
    const double *y = m->x;
    if (o->design) {
        if ((rc = read_design(o->design, NULL, m, &X, &p, &ci, &names))) goto done;
    } else {
        if ((rc = ferro_samples_read(o->samples, &t))) goto done;
        int k = ferro_table_col(t, o->group);
        col = malloc(sizeof(int) * ((size_t)t->nrow + 1));
        lev = malloc(sizeof(int) * ((size_t)m->ncol + 1));
        char **lv = malloc(sizeof(char *) * ((size_t)t->nrow + 1));
        if (!col || !lev || !lv) { free(lv); rc = FERRO_ENOMEM; goto done; }
        if (k < 1) { free(lv); rc = ferro_error_set(FERRO_ENOTFOUND, "%s: no column '%s'", t->path, o->group); goto done; }
        if ((rc = ferro_samples_match(m, t, col))) { free(lv); goto done; }
        for (int j = 0; j < m->ncol; j++) lev[j] = -1;
        for (int i = 0; i < t->nrow; i++) {
            const char *v = t->cell[i][k];
            if (ferro_is_na(v)) continue;
            int l = 0;
            while (l < p && strcmp(lv[l], v)) l++;
            if (l == p) lv[p++] = t->cell[i][k];
            lev[col[i]] = l;
        }
        rc = copy_names(lv, p, &names);
        free(lv);
        if (rc) goto done;
        ns = 0;
        for (int j = 0; j < m->ncol; j++) ns += lev[j] >= 0;
        if (!(X = calloc((size_t)ns * p + 1, sizeof *X))) { rc = FERRO_ENOMEM; goto done; }
        if (ns < m->ncol && !(sub = malloc(sizeof *sub * ((size_t)m->nrow * ns + 1)))) { rc = FERRO_ENOMEM; goto done; }
        for (int j = 0, r = 0; j < m->ncol; j++) {
            if (lev[j] < 0) continue;
            X[(size_t)r * p + lev[j]] = 1;
            if (sub)
                for (int g = 0; g < m->nrow; g++) sub[(size_t)g * ns + r] = m->x[(size_t)g * m->ncol + j];
            r++;
        }
        if (sub) y = sub;
    }
    if (!(W = calloc((size_t)o->ncontrast * p + 1, sizeof *W))) { rc = FERRO_ENOMEM; goto done; }
    for (int c = 0; c < o->ncontrast && !rc; c++)
        if ((rc = ferro_de_contrast_parse(o->contrasts[c], (const char *const *)names, p, W + (size_t)c * p))) {
            if (o->design) ferro_error_prefix(rc, "--contrast: the columns of %s", o->design);
            else ferro_error_prefix(rc, "--contrast: the groups of column '%s' in %s", o->group, o->samples);
        }
    if (!rc) {
        ferro_limma_opts_t lo;
        ferro_limma_opts_init(&lo);
        lo.trend = o->trend;
        lo.nthreads = nt;
        rc = ferro_de_limma_contrasts(y, m->nrow, ns, X, p, W, o->ncontrast, &lo, res);
    }
done:
    ferro_table_free(t);
    free(names); free(X); free(sub); free(W); free(col); free(lev);
    return rc;
}

static int de_option(void *ctx, int opt, const char *arg)
{
    opts_t *o = ctx;
    switch (opt) {
    case O_EXPR: o->expr = arg; break;
    case O_SAMPLES: o->samples = arg; break;
    case O_GROUP: o->group = arg; break;
    case O_CONTRAST:
        if (o->ncontrast == (int)(sizeof o->contrasts / sizeof o->contrasts[0]))
            return cli_usage_error("de", usage, "--contrast: at most %d", o->ncontrast);
        o->contrasts[o->ncontrast++] = arg;
        if (!o->contrast) o->contrast = arg;
        break;
    case O_METHOD:
        if (!strcmp(arg, "limma")) o->method = FERRO_DE_LIMMA;
        else if (!strcmp(arg, "welch")) o->method = FERRO_DE_WELCH;
        else if (!strcmp(arg, "wilcoxon")) o->method = FERRO_DE_WILCOXON;
        else return cli_usage_error("de", usage, "--method '%s': limma, welch or wilcoxon", arg);
        break;
    case O_TREND: o->trend = 1; break;
    case O_DESIGN: o->design = arg; break;
    case O_COEF: o->coef = arg; break;
    case O_MAP: o->map = arg; break;
    case O_COLLAPSE:
        if (ferro_collapse_parse(arg, &o->collapse)) return cli_usage_error("de", usage, "%s", ferro_error_message());
        break;
    case O_GENES: o->genes = arg; break;
    case O_VOLCANO: o->volcano = 1; break;
    case O_FDR:
        if (ferro_parse_double(arg, &o->fdr) || o->fdr <= 0 || o->fdr > 1) return cli_usage_error("de", usage, "--fdr '%s': a number in (0, 1]", arg);
        break;
    case O_LFC:
        if (ferro_parse_double(arg, &o->lfc) || o->lfc < 0) return cli_usage_error("de", usage, "--lfc '%s': a number >= 0", arg);
        break;
    case O_SORT: o->sort = 1; break;
    case O_HTML: o->html = arg; break;
    default: return CLI_OPT_UNKNOWN;
    }
    return 0;
}

int cmd_de(int argc, char **argv)
{
    static const struct option lo[] = {
        {"expr", required_argument, 0, O_EXPR}, {"samples", required_argument, 0, O_SAMPLES},
        {"group", required_argument, 0, O_GROUP}, {"contrast", required_argument, 0, O_CONTRAST},
        {"method", required_argument, 0, O_METHOD}, {"trend", no_argument, 0, O_TREND},
        {"design", required_argument, 0, O_DESIGN}, {"coef", required_argument, 0, O_COEF},
        {"map", required_argument, 0, O_MAP}, {"collapse", required_argument, 0, O_COLLAPSE},
        {"genes", required_argument, 0, O_GENES}, {"volcano", no_argument, 0, O_VOLCANO},
        {"fdr", required_argument, 0, O_FDR}, {"lfc", required_argument, 0, O_LFC},
        {"sort", no_argument, 0, O_SORT}, {"html", required_argument, 0, O_HTML}, CLI_COMMON_LONGOPTS,
        {0, 0, 0, 0}};
    static const cli_parser_t parser = {"de", usage, lo, NULL, de_option, 0, NULL};
    cli_common_t c;
    cli_common_init(&c);
    opts_t o = {0};
    o.fdr = 0.05;
    o.lfc = 1;
    int st = cli_parse(&parser, argc, argv, &c, &o);
    if (st != CLI_PARSED) return st;
    if (!o.expr) return cli_usage_error("de", usage, "--expr is required");
    o.multi = o.ncontrast > 1 || (o.ncontrast == 1 && !strchr(o.contrast, ','));
    for (int k = 0; k < o.ncontrast && o.ncontrast > 1; k++)
        if (strchr(o.contrasts[k], ','))
            return cli_usage_error("de", usage, "--contrast '%s': A,B compares two groups alone; give it once, or "
                                   "contrast expressions only (e.g. A-B)", o.contrasts[k]);
    if (o.multi) {
        if (o.method != FERRO_DE_LIMMA) return cli_usage_error("de", usage, "contrast expressions work with --method limma only");
        if (o.html) return cli_usage_error("de", usage, "--html takes one comparison (--contrast A,B or --coef)");
        if (o.coef) return cli_usage_error("de", usage, "use either --coef or --contrast");
        if (o.design ? (o.samples || o.group) != 0 : !o.samples || !o.group)
            return cli_usage_error("de", usage, "--contrast EXPR needs --samples and --group, or --design");
    } else if (o.design) {
        if (!o.coef) return cli_usage_error("de", usage, "--design needs --coef (or --contrast EXPR)");
        if (o.method != FERRO_DE_LIMMA) return cli_usage_error("de", usage, "--design works with --method limma only");
        if (o.samples || o.group || o.contrast) return cli_usage_error("de", usage, "use either --design/--coef or --samples/--group/--contrast");
    } else if (!o.samples || !o.group || !o.contrast) {
        return cli_usage_error("de", usage, "--samples, --group and --contrast are required (or --design and --coef)");
    }
    if (o.trend && o.method != FERRO_DE_LIMMA) return cli_usage_error("de", usage, "--trend is a limma option");

    ferro_matrix_t *m = NULL;
    ferro_genesets_t *filter = NULL;
    ferro_de_result_t *r = NULL;
    ferro_out_t *out = NULL;
    int *g = NULL;
    double *X = NULL;
    int rc = ferro_matrix_read_genes(o.expr, o.map, o.collapse, &m);
    if (!rc && o.genes) rc = ferro_genesets_from_arg(o.genes, &filter);
    int nt = cli_threads(&c);
    ferro_de_result_t *res[64] = {0};
    if (!rc && o.multi) {
        if (!(rc = run_contrasts(&o, m, nt, res))) {
            ferro_info("limma: df.prior = %g", res[0]->df_prior);
            rc = ferro_out_open(c.out, &out);
            FILE *fp = rc ? NULL : ferro_out_fp(out);
            if (fp && c.json) fputs("{\"method\": \"limma\", \"contrasts\": [\n", fp);
            for (int k = 0; k < o.ncontrast && !rc; k++) {
                if (fp && c.json && k) fputs(",\n", fp);
                rc = write_result(fp, &o, &c, m, res[k], filter, o.contrasts[k], k == 0);
            }
            if (fp && c.json && !rc) fputs("\n]}\n", fp);
            if (!rc) { rc = ferro_out_commit(out); out = NULL; }
        }
        for (int k = 0; k < o.ncontrast; k++) ferro_de_result_free(res[k]);
        ferro_out_abort(out);
        ferro_genesets_free(filter);
        ferro_matrix_free(m);
        return rc ? cli_fail("de", rc) : CLI_EXIT_OK;
    }
    if (!rc && o.design) {
        int p, ci;
        if (!(rc = read_design(o.design, o.coef, m, &X, &p, &ci, NULL))) {
            ferro_limma_opts_t lo2;
            ferro_limma_opts_init(&lo2);
            lo2.trend = o.trend;
            lo2.nthreads = nt;
            rc = ferro_de_limma(m->x, m->nrow, m->ncol, X, p, ci, &lo2, &r);
        }
    } else if (!rc) {
        if (!(g = malloc(sizeof(int) * ((size_t)m->ncol + 1)))) rc = FERRO_ENOMEM;
        if (!rc) rc = read_groups(&o, m, g);
        if (!rc) {
            if (o.method == FERRO_DE_LIMMA) {
                ferro_limma_opts_t lo2;
                ferro_limma_opts_init(&lo2);
                lo2.trend = o.trend;
                lo2.nthreads = nt;
                rc = ferro_de_limma_groups(m->x, m->nrow, m->ncol, g, &lo2, &r);
            } else if (o.method == FERRO_DE_WELCH) {
                rc = ferro_de_welch(m->x, m->nrow, m->ncol, g, nt, &r);
            } else {
                rc = ferro_de_wilcoxon(m->x, m->nrow, m->ncol, g, nt, &r);
            }
        }
    }
    if (!rc && r->method == FERRO_DE_LIMMA) ferro_info("limma: df.prior = %g, var.prior = %g", r->df_prior, r->var_prior);
    if (!rc) rc = ferro_out_open(c.out, &out);
    if (!rc) rc = write_result(ferro_out_fp(out), &o, &c, m, r, filter, NULL, 1);
    if (!rc && o.html) rc = write_html(&o, m, r, filter);
    if (!rc) { rc = ferro_out_commit(out); out = NULL; }
    ferro_out_abort(out);
    ferro_de_result_free(r);
    ferro_genesets_free(filter);
    ferro_matrix_free(m);
    free(g);
    free(X);
    return rc ? cli_fail("de", rc) : CLI_EXIT_OK;
}
