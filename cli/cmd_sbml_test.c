/* cmd_sbml_test.c — `ferrosim sbml-test DIR...`: run SBML Test Suite semantic cases. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "ferrosim/sbml.h"

const char cmd_sbml_test_summary[] = "run SBML Test Suite cases (pass / fail / unsupported per case)";

static const char usage[] =
    "Usage: ferrosim sbml-test [options] DIR...\n"
    "Each DIR is one case (NNNNN/ with NNNNN-settings.txt, -results.csv, -sbml-l*v*.xml) or a folder of\n"
    "cases. Prints one line per case: ID pass | ID fail <worst variable, time, values> |\n"
    "ID unsupported <construct>, then 'N passed, M failed, K skipped'. Exit 0 only if none failed.\n"
    "  --times       add each case's wall time\n"
    "No JSON output (--json is refused).\n";

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int is_case(const char *dir)
{
    const char *b = strrchr(dir, '/');
    b = b && b[1] ? b + 1 : dir;
    char p[8400];
    struct stat sb;
    snprintf(p, sizeof p, "%.4000s/%.200s-settings.txt", dir, b);
    return stat(p, &sb) == 0;
}

static int add(char ***list, int *n, const char *path)
{
    char **l = realloc(*list, (size_t)(*n + 1) * sizeof *l);
    if (!l) return -1;
    *list = l;
    if (!(l[*n] = strdup(path))) return -1;
    (*n)++;
    return 0;
}

static int collect(const char *arg, char ***list, int *n)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", arg);
    size_t l = strlen(dir);
    while (l > 1 && dir[l - 1] == '/') dir[--l] = 0;
    if (is_case(dir)) return add(list, n, dir);
    DIR *d = opendir(dir);
    if (!d) return -2;
    int first = *n;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char p[8192];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        if (is_case(p) && add(list, n, p)) { closedir(d); return -1; }
    }
    closedir(d);
    qsort(*list + first, (size_t)(*n - first), sizeof **list, cmp_str);
    return *n > first ? 0 : -2;
}

static int test_option(void *ctx, int opt, const char *arg)
{
    (void)arg;
    if (opt != 't') return CLI_OPT_UNKNOWN;
    *(int *)ctx = 1;
    return 0;
}

int cmd_sbml_test(int argc, char **argv)
{
    cli_common_t co;
    cli_common_init(&co);
    int show_times = 0;
    static const struct option opts[] = {{"times", no_argument, 0, 't'}, CLI_COMMON_LONGOPTS, {0, 0, 0, 0}};
    const cli_parser_t parser = {argv[0], usage, opts, NULL, test_option, 1, "sbml-test prints one TSV line per case"};
    int st = cli_parse(&parser, argc, argv, &co, &show_times);
    if (st != CLI_PARSED) return st;
    if (optind >= argc) return cli_usage_error(argv[0], usage, "no case directory given");
    char **cases = NULL;
    int n = 0;
    for (int i = optind; i < argc; i++) {
        int rc = collect(argv[i], &cases, &n);
        if (rc == -2) {
            for (int k = 0; k < n; k++) free(cases[k]);
            free(cases);
            return cli_usage_error(argv[0], usage, "'%s' is neither a test case nor a folder of cases", argv[i]);
        }
        if (rc) { fprintf(stderr, "ferrosim sbml-test: out of memory\n"); return CLI_EXIT_FAIL; }
    }
    ferro_case_result_t *res = calloc((size_t)n + 1, sizeof *res);
    if (!res) { fprintf(stderr, "ferrosim sbml-test: out of memory\n"); return CLI_EXIT_FAIL; }
    int threads = cli_threads(&co);
    ferro_log_set_level(co.quiet ? FERRO_LOG_QUIET : ferro_log_get_level());
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
    for (int i = 0; i < n; i++) ferro_sbml_test_case(cases[i], &res[i]);
    int np = 0, nf = 0, ns = 0;
    FILE *fp = stdout;
    for (int i = 0; i < n; i++) {
        const ferro_case_result_t *r = &res[i];
        const char *st = r->status == FERRO_CASE_PASS ? "pass" : r->status == FERRO_CASE_FAIL ? "fail" : "unsupported";
        np += r->status == FERRO_CASE_PASS;
        nf += r->status == FERRO_CASE_FAIL;
        ns += r->status == FERRO_CASE_UNSUPPORTED;
        fprintf(fp, "%s\t%s", r->id, st);
        if (r->detail[0]) fprintf(fp, "\t%s", r->detail);
        if (show_times) fprintf(fp, "\t%.4fs", r->seconds);
        fputc('\n', fp);
    }
    fprintf(fp, "%d passed, %d failed, %d skipped\n", np, nf, ns);
    for (int k = 0; k < n; k++) free(cases[k]);
    free(cases);
    free(res);
    if (fflush(fp) != 0) return CLI_EXIT_FAIL;
    return nf ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}
