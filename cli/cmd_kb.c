/* cmd_kb.c — `ferrosim kb build|search|show|evidence|coverage|export`: the knowledge base of the
 * review's entities, identifiers and evidence, and its links to the model. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ferrosim/io.h"
#include "ferrosim/kb.h"

const char cmd_kb_summary[] = "knowledge base: entities, identifiers, evidence, links to the model";

static const char usage[] =
    "Usage: ferrosim kb build [--out FILE.sqlite]\n"
    "       ferrosim kb search TERM\n"
    "       ferrosim kb show ID|NAME\n"
    "       ferrosim kb evidence [--gene G] [--agent A] [--cell C] [--effect induces|suppresses|other]\n"
    "       ferrosim kb coverage [--findings FILE] [--threads N]\n"
    "       ferrosim kb export --format tsv|json [--table NAME]\n"
    "The knowledge base is compiled from the TSV sources in <data>/kb/ (data directory: FERROSIM_DATA\n"
    "or the built-in one) and checked against the model's tables there. 'build' validates the\n"
    "sources and writes a SQLite database atomically (default ./ferrosim_kb.sqlite), then prints\n"
    "counts; on a bad source it names file, line and column and writes nothing. The query commands\n"
    "compile the sources in memory, or read a built database with --db FILE.\n"
    "  search     entities whose name, synonym or identifier contains TERM (case, '-', '_', ' ' ignored)\n"
    "  show       one entity: identifiers (with status verified|uncertain and how obtained),\n"
    "             synonyms, relations, model links, sets, evidence, Table 1 rows\n"
    "  evidence   the review's findings as records, filtered (a gene also matches its families)\n"
    "  coverage   which findings the model reproduces now: each finding of data/findings.tsv is\n"
    "             checked by simulation (status reproduced, not_reproduced, or cannot_express when\n"
    "             it names something the model lacks), with its evidence records and the measured\n"
    "             numbers; then the evidence records no finding tests (cannot_express)\n"
    "  export     one table as TSV (default: entities) or JSON (all tables unless --table)\n"
    "Options:\n"
    "  --db FILE       read this built database instead of compiling the sources\n"
    "  --gene G, --agent A, --cell C, --effect E    evidence filters (names, synonyms or ids)\n"
    "  --findings FILE coverage: check this findings table instead of <data>/findings.tsv\n"
    "  --format F      export format: tsv or json (--json = --format json; kb build has no JSON)\n"
    "  --table NAME    export one of: entities synonyms identifiers relations cell_lines references\n"
    "                  evidence table1 model_links sets set_members model_tables\n";

enum { OPT_DB = 1, OPT_GENE, OPT_AGENT, OPT_CELL, OPT_EFFECT, OPT_FORMAT, OPT_TABLE, OPT_FINDINGS };

typedef struct {
    cli_common_t c;
    int out_given;
    const char *db, *format, *table, *findings;
    ferro_kb_filter_t filter;
} kb_opts_t;

/* Write a table to --out as TSV or JSON, atomically. */
static int emit(const kb_opts_t *o, const ferro_kb_table_t *t)
{
    ferro_out_t *out;
    int rc = ferro_out_open(o->c.out, &out);
    if (rc) return rc;
    if ((rc = ferro_kb_table_write(t, ferro_out_fp(out), o->c.json))) { ferro_out_abort(out); return rc; }
    return ferro_out_commit(out);
}

/* A one-line summary on stderr (hidden by --quiet). */
static void summarise_coverage(const ferro_kb_table_t *t)
{
    int n[3] = {0, 0, 0}, untested = 0;
    for (int i = 0; i < t->nrow; i++) {
        const char *s = ferro_kb_table_get(t, i, 1);
        if (!strcmp(s, "reproduced")) n[0]++;
        else if (!strcmp(s, "not_reproduced")) n[1]++;
        else if (strcmp(ferro_kb_table_get(t, i, 0), "-")) n[2]++;
        else untested++;
    }
    ferro_log(FERRO_LOG_WARNING, "kb coverage: %d findings reproduced, %d not reproduced, %d cannot be expressed; "
                                 "%d evidence records have no model check", n[0], n[1], n[2], untested);
}

static int open_kb(const kb_opts_t *o, ferro_kb_t **kb)
{
    return o->db ? ferro_kb_open(o->db, kb) : ferro_kb_load(NULL, kb);
}

static int do_build(kb_opts_t *o)
{
    const char *path = o->out_given ? o->c.out : "ferrosim_kb.sqlite";
    int rc = ferro_kb_build(NULL, path);
    if (rc) return rc;
    ferro_info("kb: wrote %s", path);
    ferro_kb_t *kb;
    ferro_kb_table_t *t;
    if (!strcmp(path, "-")) return 0; /* the database went to stdout: no counts there */
    if ((rc = ferro_kb_open(path, &kb))) return rc;
    if ((rc = ferro_kb_unlinked(kb, &t)) == 0) {
        for (int i = 0; i < t->nrow; i++)
            ferro_warn("kb: the model's %s '%s' (%s line %s) has no KB entity linked in kb/model_links.tsv",
                       ferro_kb_table_get(t, i, 0), ferro_kb_table_get(t, i, 1), ferro_kb_table_get(t, i, 2),
                       ferro_kb_table_get(t, i, 3));
        ferro_kb_table_free(t);
    }
    if (!rc) rc = ferro_kb_counts(kb, &t);
    ferro_kb_close(kb);
    if (rc) return rc;
    kb_opts_t so = *o;
    so.c.out = "-";
    rc = emit(&so, t);
    ferro_kb_table_free(t);
    return rc;
}

static int do_export(kb_opts_t *o, ferro_kb_t *kb)
{
    if (!o->format) return ferro_error_set(FERRO_EINVAL, "export needs --format tsv|json");
    if (strcmp(o->format, "tsv") && strcmp(o->format, "json"))
        return ferro_error_set(FERRO_EINVAL, "--format: '%s' is not tsv or json", o->format);
    o->c.json = !strcmp(o->format, "json");
    ferro_kb_table_t *t;
    int rc;
    if (o->table || !o->c.json) {
        if ((rc = ferro_kb_export(kb, o->table ? o->table : "entities", &t))) return rc;
        rc = emit(o, t);
        ferro_kb_table_free(t);
        return rc;
    }
    /* JSON of everything: {"entities": [...], "synonyms": [...], ...} */
    ferro_out_t *out;
    if ((rc = ferro_out_open(o->c.out, &out))) return rc;
    FILE *fp = ferro_out_fp(out);
    fputs("{", fp);
    for (int i = 0; !rc && ferro_kb_export_tables[i]; i++) {
        if ((rc = ferro_kb_export(kb, ferro_kb_export_tables[i], &t))) break;
        fprintf(fp, "%s\n\"%s\": ", i ? "," : "", ferro_kb_export_tables[i]);
        rc = ferro_kb_table_write(t, fp, 1);
        ferro_kb_table_free(t);
    }
    fputs("}\n", fp);
    if (rc) { ferro_out_abort(out); return rc; }
    return ferro_out_commit(out);
}

static int kb_option(void *ctx, int opt, const char *arg)
{
    kb_opts_t *o = ctx;
    switch (opt) {
    case OPT_DB: o->db = arg; break;
    case OPT_GENE: o->filter.gene = arg; break;
    case OPT_AGENT: o->filter.agent = arg; break;
    case OPT_CELL: o->filter.cell = arg; break;
    case OPT_EFFECT: o->filter.effect = arg; break;
    case OPT_FORMAT: o->format = arg; break;
    case OPT_TABLE: o->table = arg; break;
    case OPT_FINDINGS: o->findings = arg; break;
    default: return CLI_OPT_UNKNOWN;
    }
    return 0;
}

int cmd_kb(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, 0, OPT_DB},         {"gene", required_argument, 0, OPT_GENE},
        {"agent", required_argument, 0, OPT_AGENT},   {"cell", required_argument, 0, OPT_CELL},
        {"effect", required_argument, 0, OPT_EFFECT}, {"format", required_argument, 0, OPT_FORMAT},
        {"table", required_argument, 0, OPT_TABLE},   {"findings", required_argument, 0, OPT_FINDINGS},
        CLI_COMMON_LONGOPTS,
        {0, 0, 0, 0}};
    kb_opts_t o;
    memset(&o, 0, sizeof o);
    cli_common_init(&o.c);
    const char *default_out = o.c.out;
    static const cli_parser_t parser = {"kb", usage, longopts, "h", kb_option, 1, NULL};
    int st = cli_parse(&parser, argc, argv, &o.c, &o);
    if (st != CLI_PARSED) return st;
    o.out_given = o.c.out != default_out;
    if (optind >= argc) return cli_usage_error("kb", usage, "missing subcommand (build, search, show, evidence, coverage, export)");
    const char *sub = argv[optind];
    int nargs = argc - optind - 1;
    char **args = argv + optind + 1;
    int want = !strcmp(sub, "search") || !strcmp(sub, "show") ? 1 : 0;
    if (strcmp(sub, "build") && strcmp(sub, "search") && strcmp(sub, "show") && strcmp(sub, "evidence") &&
        strcmp(sub, "coverage") && strcmp(sub, "export"))
        return cli_usage_error("kb", usage, "unknown subcommand '%s' (build, search, show, evidence, coverage, export)", sub);
    if (nargs != want)
        return cli_usage_error("kb", usage, want ? "kb %s needs exactly one argument" : "kb %s takes no arguments", sub);
    int filters = o.filter.gene || o.filter.agent || o.filter.cell || o.filter.effect;
    if (filters && strcmp(sub, "evidence")) return cli_usage_error("kb", usage, "--gene/--agent/--cell/--effect are for 'kb evidence'");
    if (o.findings && strcmp(sub, "coverage")) return cli_usage_error("kb", usage, "--findings is for 'kb coverage'");
    if ((o.format || o.table) && strcmp(sub, "export")) return cli_usage_error("kb", usage, "--format/--table are for 'kb export'");
    if (o.c.json && !strcmp(sub, "build")) return cli_usage_error("kb", usage, "--json: kb build writes a database (--out FILE)");
    if (o.c.json && !strcmp(sub, "export")) { /* --json is --format json */
        if (o.format && strcmp(o.format, "json")) return cli_usage_error("kb", usage, "--json contradicts --format %s", o.format);
        o.format = "json";
    }

    char cmd[64];
    snprintf(cmd, sizeof cmd, "kb %s", sub);
    if (!strcmp(sub, "build")) {
        if (o.db) return cli_usage_error("kb", usage, "kb build takes --out, not --db");
        int rc = do_build(&o);
        return rc ? cli_fail(cmd, rc) : CLI_EXIT_OK;
    }
    ferro_kb_t *kb;
    int rc = open_kb(&o, &kb);
    if (rc) return cli_fail(cmd, rc);
    ferro_kb_table_t *t = NULL;
    if (!strcmp(sub, "search")) rc = ferro_kb_search(kb, args[0], &t);
    else if (!strcmp(sub, "show")) rc = ferro_kb_show(kb, args[0], &t);
    else if (!strcmp(sub, "evidence")) rc = ferro_kb_evidence(kb, &o.filter, &t);
    else if (!strcmp(sub, "coverage") && !(rc = ferro_kb_coverage(kb, NULL, o.findings, cli_threads(&o.c), &t)))
        summarise_coverage(t);
    else rc = do_export(&o, kb);
    if (!rc && t) rc = emit(&o, t);
    ferro_kb_table_free(t);
    ferro_kb_close(kb);
    return rc ? cli_fail(cmd, rc) : CLI_EXIT_OK;
}
