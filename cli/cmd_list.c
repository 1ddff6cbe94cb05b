/* cmd_list.c — `ferrosim list cells|agents|genes`: the built-in tables with their aliases. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ferrosim/io.h"
#include "ferrosim/population.h"

const char cmd_list_summary[] = "list the built-in cell lines, agents or genes";

static const char usage[] =
    "Usage: ferrosim list cells|agents|genes [--model FILE.xml] [--json] [--out PATH]\n"
    "\n"
    "  cells   cell, lineage, doubling_h, aliases\n"
    "  agents  agent, class, unit (the dose unit when --drug gives none), mw_g_per_mol, aliases\n"
    "  genes   gene, parameter (the model's expr_* parameter --set scales), aliases\n"
    "Aliases are comma-separated; names match case-insensitively, ignoring '-', '_' and spaces.\n"
    "  --model FILE.xml  resolve the tables against another SBML model (default: the built-in one)\n";

enum { WHAT_CELLS, WHAT_AGENTS, WHAT_GENES };
enum { OPT_MODEL = 1 };

typedef const char *(*alias_fn)(const ferro_world_t *, int, int);

static void tsv_aliases(FILE *fp, const ferro_world_t *w, int i, alias_fn fn)
{
    const char *s;
    if (!fn(w, i, 0)) fputc('-', fp);
    for (int a = 0; (s = fn(w, i, a)); a++) fprintf(fp, "%s%s", a ? "," : "", s);
}

static void json_aliases(FILE *fp, const ferro_world_t *w, int i, alias_fn fn)
{
    const char *s;
    fputs(", \"aliases\": [", fp);
    for (int a = 0; (s = fn(w, i, a)); a++) {
        if (a) fputs(", ", fp);
        ferro_json_string(fp, s);
    }
    fputc(']', fp);
}

static void print_mw(FILE *fp, double mw, int json)
{
    if (json) ferro_json_number(fp, mw);
    else if (isnan(mw)) fputs("NA", fp);
    else fprintf(fp, "%.10g", mw);
}

static void write_list(FILE *fp, const ferro_world_t *w, int what, int json)
{
    static const char *const header[] = {"cell\tlineage\tdoubling_h\taliases\n",
                                         "agent\tclass\tunit\tmw_g_per_mol\taliases\n", "gene\tparameter\taliases\n"};
    int n = what == WHAT_CELLS ? ferro_world_n_cells(w) : what == WHAT_AGENTS ? ferro_world_n_agents(w) : ferro_world_n_genes(w);
    if (json) fputc('[', fp);
    else fputs(header[what], fp);
    for (int i = 0; i < n; i++) {
        if (json) {
            fputs(i ? ",\n {" : "\n {", fp);
            if (what == WHAT_CELLS) {
                fputs("\"cell\": ", fp);
                ferro_json_string(fp, ferro_world_cell_name(w, i));
                fputs(", \"lineage\": ", fp);
                ferro_json_string(fp, ferro_world_cell_lineage(w, i));
                fputs(", \"doubling_h\": ", fp);
                ferro_json_number(fp, ferro_world_cell_doubling_h(w, i));
                json_aliases(fp, w, i, ferro_world_cell_alias);
            } else if (what == WHAT_AGENTS) {
                fputs("\"agent\": ", fp);
                ferro_json_string(fp, ferro_world_agent_name(w, i));
                fputs(", \"class\": ", fp);
                ferro_json_string(fp, ferro_world_agent_class(w, i));
                fputs(", \"unit\": ", fp);
                ferro_json_string(fp, ferro_world_agent_unit(w, i));
                fputs(", \"mw_g_per_mol\": ", fp);
                print_mw(fp, ferro_world_agent_mw(w, i), 1);
                json_aliases(fp, w, i, ferro_world_agent_alias);
            } else {
                fputs("\"gene\": ", fp);
                ferro_json_string(fp, ferro_world_gene_name(w, i));
                fputs(", \"parameter\": ", fp);
                ferro_json_string(fp, ferro_world_gene_parameter(w, i));
                json_aliases(fp, w, i, ferro_world_gene_alias);
            }
            fputc('}', fp);
        } else if (what == WHAT_CELLS) {
            fprintf(fp, "%s\t%s\t%.10g\t", ferro_world_cell_name(w, i), ferro_world_cell_lineage(w, i),
                    ferro_world_cell_doubling_h(w, i));
            tsv_aliases(fp, w, i, ferro_world_cell_alias);
            fputc('\n', fp);
        } else if (what == WHAT_AGENTS) {
            fprintf(fp, "%s\t%s\t%s\t", ferro_world_agent_name(w, i), ferro_world_agent_class(w, i),
                    ferro_world_agent_unit(w, i));
            print_mw(fp, ferro_world_agent_mw(w, i), 0);
            fputc('\t', fp);
            tsv_aliases(fp, w, i, ferro_world_agent_alias);
            fputc('\n', fp);
        } else {
            fprintf(fp, "%s\t%s\t", ferro_world_gene_name(w, i), ferro_world_gene_parameter(w, i));
            tsv_aliases(fp, w, i, ferro_world_gene_alias);
            fputc('\n', fp);
        }
    }
    if (json) fputs("\n]\n", fp);
}

static int list_option(void *ctx, int opt, const char *arg)
{
    if (opt != OPT_MODEL) return CLI_OPT_UNKNOWN;
    *(const char **)ctx = arg;
    return 0;
}

int cmd_list(int argc, char **argv)
{
    static const struct option opts[] = {{"model", required_argument, 0, OPT_MODEL}, CLI_COMMON_LONGOPTS, {0, 0, 0, 0}};
    static const char *const whats[] = {"cells", "agents", "genes"};
    static const cli_parser_t parser = {"list", usage, opts, NULL, list_option, 1, NULL};
    cli_common_t co;
    const char *model = NULL;
    cli_common_init(&co);
    int st = cli_parse(&parser, argc, argv, &co, &model);
    if (st != CLI_PARSED) return st;
    if (optind + 1 != argc)
        return cli_usage_error("list", usage, "expected one of: cells, agents, genes");
    int what = -1;
    char q[64], f[64];
    ferro_name_fold(argv[optind], q, sizeof q);
    for (int i = 0; i < 3; i++) {
        ferro_name_fold(whats[i], f, sizeof f);
        /* "cell" or "cells", "agent" or "agents" ... */
        if (strcmp(q, f) == 0 || (strncmp(q, f, strlen(f) - 1) == 0 && strlen(q) == strlen(f) - 1)) what = i;
    }
    if (what < 0) return cli_usage_error("list", usage, "'%s' is not one of: cells, agents, genes", argv[optind]);
    ferro_world_t *w;
    int rc = ferro_world_load(NULL, model, &w);
    if (rc) return cli_fail("list", rc);
    ferro_out_t *o;
    if ((rc = ferro_out_open(co.out, &o))) {
        ferro_world_free(w);
        return cli_fail("list", rc);
    }
    write_list(ferro_out_fp(o), w, what, co.json);
    rc = ferro_out_commit(o);
    ferro_world_free(w);
    return rc ? cli_fail("list", rc) : CLI_EXIT_OK;
}
