/* cmd_export.c — `ferrosim export --model FILE|builtin --format sbml|tsv`. */
#include <string.h>

#include "cli.h"
#include "ferrosim/io.h"
#include "ferrosim/sbml.h"

const char cmd_export_summary[] = "write a model as SBML Level 3 Version 2 or as a text listing";

static const char usage[] =
    "Usage: ferrosim export [--model FILE|builtin] [--format sbml|tsv] [--out PATH]\n"
    "  --model M     an SBML file, or 'builtin' (the ALL ferroptosis model; the default)\n"
    "  --format F    sbml: SBML Level 3 Version 2 (the default); tsv: compartments, species,\n"
    "                parameters, rules, reactions with rate laws and events as text\n"
    "No JSON output (--json is refused).\n";

/* --model and --format, kept as text. */
static int export_option(void *ctx, int opt, const char *arg)
{
    const char **mf = ctx;
    if (opt != 'm' && opt != 'f') return CLI_OPT_UNKNOWN;
    mf[opt == 'f'] = arg;
    return 0;
}

int cmd_export(int argc, char **argv)
{
    cli_common_t co;
    cli_common_init(&co);
    const char *mf[2] = {"builtin", "sbml"};
    static const struct option opts[] = {{"model", required_argument, 0, 'm'}, {"format", required_argument, 0, 'f'},
                                         CLI_COMMON_LONGOPTS, {0, 0, 0, 0}};
    const cli_parser_t parser = {argv[0], usage, opts, NULL, export_option, 0, "export writes SBML or TSV (--format sbml|tsv)"};
    int st = cli_parse(&parser, argc, argv, &co, mf);
    if (st != CLI_PARSED) return st;
    const char *model = mf[0], *format = mf[1];
    int sbml = !strcmp(format, "sbml");
    if (!sbml && strcmp(format, "tsv")) return cli_usage_error(argv[0], usage, "--format must be sbml or tsv, not '%s'", format);
    char path[4096];
    if (!strcmp(model, "builtin")) ferro_data_path("model/ferroptosis_all.xml", path, sizeof path);
    else snprintf(path, sizeof path, "%s", model);
    ferro_out_t *o;
    int rc = ferro_out_open(co.out, &o);
    if (rc) return cli_fail(argv[0], rc);
    rc = sbml ? ferro_sbml_export_sbml(path, ferro_out_fp(o)) : ferro_sbml_export_tsv(path, ferro_out_fp(o));
    if (rc) {
        ferro_out_abort(o);
        return cli_fail(argv[0], rc);
    }
    if ((rc = ferro_out_commit(o))) return cli_fail(argv[0], rc);
    return CLI_EXIT_OK;
}
