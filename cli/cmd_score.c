/* cmd_score.c — `ferrosim score`: per-sample gene-set scores (ssGSEA, GSVA, combined z-score).
 * Parsing and printing only; the work is in src/geneset. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ferrosim/cohort.h"
#include "ferrosim/geneset.h"
#include "ferrosim/io.h"

const char cmd_score_summary[] = "per-sample gene-set scores: ssGSEA, GSVA, z-scores";

static const char usage[] =
    "Usage: ferrosim score --expr MATRIX [--sets FILE[,FILE...]] [--method ssgsea|gsva|zscore|meanz] [options]\n"
    "Gene-set scores per sample, as R's GSVA 1.46 gsva(expr, sets, method = ...). Output: a\n"
    "samples x sets table (sample IDs in the first column, usable as `ferrosim cox --data`).\n\n"
    "  --expr FILE       expression matrix, genes x samples (TSV/CSV, .gz, GEO series matrix)\n"
    "  --sets LIST       gene sets: .gmt files and/or one-gene-per-line lists (named after the file),\n"
    "                    comma-separated; default: the FerrDb driver and suppressor sets and the\n"
    "                    review's signatures shipped in the data directory (genesets/)\n"
    "  --method M        ssgsea (default) | gsva (Gaussian kernel) | zscore (GSVA's combined z-score,\n"
    "                    sum of z / sqrt(size)) | meanz (mean of the genes' z-scores); gsva, zscore\n"
    "                    and meanz leave out genes with a missing value or constant expression\n"
    "  --tau T           weight exponent (default: ssgsea 0.25, gsva 1)\n"
    "  --no-norm         ssgsea: do not divide by the range of all scores\n"
    "  --max-dev         gsva: the larger deviation instead of their sum (mx.diff = FALSE)\n"
    "  --min-size N      drop sets with fewer mapped genes (default 1)\n"
    "  --max-size N      drop sets with more mapped genes (default unlimited)\n"
    "  --map FILE        probe -> gene table: collapse the matrix to genes first\n"
    "  --collapse RULE   maxmean (default) | mean | maxvar\n"
    "  --by-set          write sets x samples instead\n";

enum { O_EXPR = 1, O_SETS, O_METHOD, O_TAU, O_NONORM, O_MAXDEV, O_MIN, O_MAX, O_MAP, O_COLLAPSE, O_BYSET };

static int load_sets(const char *list, ferro_genesets_t **out)
{
    char buf[4096];
    const char *defaults = NULL;
    if (!list) {
        static char def[3 * 1024];
        char a[1024], b[1024], c[1024];
        ferro_data_path("genesets/ferrdb_driver.txt", a, sizeof a);
        ferro_data_path("genesets/ferrdb_suppressor.txt", b, sizeof b);
        ferro_data_path("genesets/review_signatures.gmt", c, sizeof c);
        snprintf(def, sizeof def, "%s,%s,%s", a, b, c);
        defaults = def;
    }
    snprintf(buf, sizeof buf, "%s", list ? list : defaults);
    int rc = ferro_genesets_new(out);
    char *save = NULL;
    for (char *t = strtok_r(buf, ",", &save); !rc && t; t = strtok_r(NULL, ",", &save)) {
        ferro_genesets_t *one;
        if ((rc = ferro_genesets_read(t, &one))) break;
        rc = ferro_genesets_merge(*out, one);
        ferro_genesets_free(one);
    }
    if (rc) { ferro_genesets_free(*out); *out = NULL; }
    return rc;
}

static void put(FILE *fp, double v, int json)
{
    if (json) ferro_json_number(fp, v);
    else if (isnan(v)) fputs("NA", fp);
    else fprintf(fp, "%.10g", v);
}

static int write_scores(FILE *fp, const ferro_matrix_t *s, int byset, int json, const char *method)
{
    if (json) {
        fprintf(fp, "{\"method\": \"%s\", \"sets\": [", method);
        for (int i = 0; i < s->nrow; i++) { if (i) fputs(", ", fp); ferro_json_string(fp, s->row_id[i]); }
        fputs("], \"samples\": [", fp);
        for (int j = 0; j < s->ncol; j++) {
            fputs(j ? ",\n  {\"sample\": " : "\n  {\"sample\": ", fp);
            ferro_json_string(fp, s->col_id[j]);
            for (int i = 0; i < s->nrow; i++) {
                fputs(", ", fp);
                ferro_json_string(fp, s->row_id[i]);
                fputs(": ", fp);
                put(fp, s->x[(size_t)i * s->ncol + j], 1);
            }
            fputc('}', fp);
        }
        fputs("\n]}\n", fp);
        return 0;
    }
    if (byset) return ferro_matrix_write(s, "set", fp);
    fputs("sample", fp);
    for (int i = 0; i < s->nrow; i++) fprintf(fp, "\t%s", s->row_id[i]);
    fputc('\n', fp);
    for (int j = 0; j < s->ncol; j++) {
        fputs(s->col_id[j], fp);
        for (int i = 0; i < s->nrow; i++) { fputc('\t', fp); put(fp, s->x[(size_t)i * s->ncol + j], 0); }
        fputc('\n', fp);
    }
    return 0;
}

typedef struct {
    ferro_score_opts_t so;
    const char *expr, *sets, *mapf;
    int collapse, byset;
} score_args_t;

static int score_option(void *ctx, int opt, const char *arg)
{
    score_args_t *a = ctx;
    long v;
    switch (opt) {
    case O_EXPR: a->expr = arg; break;
    case O_SETS: a->sets = arg; break;
    case O_METHOD:
        if (ferro_score_method_parse(arg, &a->so.method)) return cli_usage_error("score", usage, "%s", ferro_error_message());
        break;
    case O_TAU:
        if (ferro_parse_double(arg, &a->so.tau) || a->so.tau < 0) return cli_usage_error("score", usage, "--tau '%s': a number >= 0", arg);
        break;
    case O_NONORM: a->so.ssgsea_norm = 0; break;
    case O_MAXDEV: a->so.mx_diff = 0; break;
    case O_MIN:
    case O_MAX:
        if (ferro_parse_long(arg, &v) || v < 1 || v > INT_MAX)
            return cli_usage_error("score", usage, "--%s '%s': a positive integer", opt == O_MIN ? "min-size" : "max-size", arg);
        if (opt == O_MIN) a->so.min_size = (int)v;
        else a->so.max_size = (int)v;
        break;
    case O_MAP: a->mapf = arg; break;
    case O_COLLAPSE:
        if (ferro_collapse_parse(arg, &a->collapse)) return cli_usage_error("score", usage, "%s", ferro_error_message());
        break;
    case O_BYSET: a->byset = 1; break;
    default: return CLI_OPT_UNKNOWN;
    }
    return 0;
}

int cmd_score(int argc, char **argv)
{
    static const struct option lo[] = {
        {"expr", required_argument, 0, O_EXPR}, {"sets", required_argument, 0, O_SETS},
        {"method", required_argument, 0, O_METHOD}, {"tau", required_argument, 0, O_TAU},
        {"no-norm", no_argument, 0, O_NONORM}, {"max-dev", no_argument, 0, O_MAXDEV},
        {"min-size", required_argument, 0, O_MIN}, {"max-size", required_argument, 0, O_MAX},
        {"map", required_argument, 0, O_MAP}, {"collapse", required_argument, 0, O_COLLAPSE},
        {"by-set", no_argument, 0, O_BYSET}, CLI_COMMON_LONGOPTS, {0, 0, 0, 0}};
    static const cli_parser_t parser = {"score", usage, lo, NULL, score_option, 0, NULL};
    static const char *mname[] = {"ssgsea", "gsva", "zscore", "meanz"};
    cli_common_t c;
    cli_common_init(&c);
    score_args_t a = {.collapse = FERRO_COLLAPSE_MAXMEAN};
    ferro_score_opts_init(&a.so);
    int st = cli_parse(&parser, argc, argv, &c, &a);
    if (st != CLI_PARSED) return st;
    ferro_score_opts_t so = a.so;
    const char *expr = a.expr, *sets = a.sets, *mapf = a.mapf;
    int collapse = a.collapse, byset = a.byset;
    if (!expr) return cli_usage_error("score", usage, "--expr is required");
    so.nthreads = cli_threads(&c);
    ferro_matrix_t *m = NULL, *s = NULL;
    ferro_genesets_t *gs = NULL;
    ferro_out_t *out = NULL;
    int rc = ferro_matrix_read_genes(expr, mapf, collapse, &m);
    if (!rc) rc = load_sets(sets, &gs);
    if (!rc) rc = ferro_geneset_score(m, gs, &so, &s);
    if (!rc) rc = ferro_out_open(c.out, &out);
    if (!rc) rc = write_scores(ferro_out_fp(out), s, byset, c.json, mname[so.method]);
    if (!rc) { rc = ferro_out_commit(out); out = NULL; }
    ferro_out_abort(out);
    ferro_matrix_free(s);
    ferro_matrix_free(m);
    ferro_genesets_free(gs);
    return rc ? cli_fail("score", rc) : CLI_EXIT_OK;
}
