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
    "                parameters, rules, reactions with rate laws and events as text\n";

int cmd_export(int argc, char **argv)
{
    cli_common_t co;
    cli_common_init(&co);
    const char *model = "builtin", *format = "sbml";
    static const struct option opts[] = {{"model", required_argument, 0, 'm'}, {"format", required_argument, 0, 'f'},
                                         CLI_COMMON_LONGOPTS, {0, 0, 0, 0}};
    cli_getopt_reset();
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'm') { model = optarg; continue; }
        if (c == 'f') { format = optarg; continue; }
        int h = cli_common_handle(&co, c, optarg, usage);
        if (h == 2) return CLI_EXIT_OK;
        if (h == 1) continue;
        return h < 0 ? CLI_EXIT_USAGE : cli_usage_error(argv[0], usage, "unknown option");
    }
    if (optind < argc) return cli_usage_error(argv[0], usage, "unexpected argument '%s'", argv[optind]);
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
