/* cli_pharm.c — the well and dose-series options of the pharmacology commands. */
#include "cli_pharm.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ferrosim/screen.h"

int cli_well_init(cli_well_t *a, int argc)
{
    memset(a, 0, sizeof *a);
    a->time = 72;
    a->ncells = 1000;
    cli_tol_init(&a->tol);
    a->set = calloc((size_t)argc + 1, sizeof *a->set);
    a->with = calloc((size_t)argc + 1, sizeof *a->with);
    return a->set && a->with ? 0 : FERRO_ENOMEM;
}

void cli_well_free(cli_well_t *a)
{
    free(a->set);
    free(a->with);
}

void cli_tol_init(cli_tol_t *t)
{
    t->rtol = FERRO_SCREEN_RTOL;
    t->atol = FERRO_SCREEN_ATOL;
    t->equil_h = FERRO_POP_EQUIL_H;
}

static int equil_parse(const char *cmd, const char *arg, double *hours)
{
    double v;
    if (ferro_parse_double(arg, &v) || !(v >= 0) || !isfinite(v)) {
        fprintf(stderr, "ferrosim %s: --equilibrate: '%s' is not a number of hours >= 0\n", cmd, arg);
        return -1;
    }
    *hours = v;
    return 0;
}

int cli_tol_handle(cli_tol_t *t, const char *cmd, int opt, const char *arg)
{
    if (opt == CLI_OPT_EQUIL) return equil_parse(cmd, arg, &t->equil_h) ? -1 : 1;
    if (opt != CLI_OPT_RTOL && opt != CLI_OPT_ATOL) return 0;
    double v;
    if (ferro_parse_double(arg, &v) || !(v > 0) || (opt == CLI_OPT_RTOL && !(v < 1))) {
        fprintf(stderr, "ferrosim %s: --%s: '%s' is not a positive number%s\n", cmd, opt == CLI_OPT_RTOL ? "rtol" : "atol",
                arg, opt == CLI_OPT_RTOL ? " below 1" : "");
        return -1;
    }
    *(opt == CLI_OPT_RTOL ? &t->rtol : &t->atol) = v;
    return 1;
}

int cli_tol_apply(const cli_tol_t *t, const char *cmd, ferro_world_t *w)
{
    int rc = ferro_world_set_tolerances(w, t->rtol, t->atol);
    if (!rc) rc = ferro_world_set_equilibration(w, t->equil_h);
    return rc ? cli_fail(cmd, rc) : CLI_EXIT_OK;
}

int cli_well_handle(cli_well_t *a, const char *cmd, int opt, const char *arg)
{
    long n;
    int h = cli_tol_handle(&a->tol, cmd, opt, arg);
    if (h) return h;
    switch (opt) {
    case CLI_OPT_CELL: a->cell = arg; return 1;
    case CLI_OPT_SET: a->set[a->nset++] = arg; return 1;
    case CLI_OPT_WITH: a->with[a->nwith++] = arg; return 1;
    case CLI_OPT_TIME:
        if (ferro_parse_double(arg, &a->time) || !(a->time > 0)) {
            fprintf(stderr, "ferrosim %s: --time: '%s' is not a positive number of hours\n", cmd, arg);
            return -1;
        }
        return 1;
    case CLI_OPT_CELLS:
        if (ferro_parse_long(arg, &n) || n < 1 || n > 100000000) {
            fprintf(stderr, "ferrosim %s: --cells: '%s' is not a cell count (1 or more)\n", cmd, arg);
            return -1;
        }
        a->ncells = n;
        return 1;
    default: return 0;
    }
}

int cli_well_condition(const cli_well_t *a, const char *cmd, const cli_common_t *com, ferro_world_t *w,
                       ferro_condition_t *c, ferro_dose_t *doses, ferro_gene_factor_t *factors)
{
    int rc;
    ferro_condition_init(c);
    if ((rc = cli_tol_apply(&a->tol, cmd, w))) return rc;
    if (!a->cell) return cli_usage_error(cmd, NULL, "--cell NAME is required (or --data FILE)");
    if ((rc = ferro_world_find_cell(w, a->cell, &c->cell))) return cli_fail(cmd, rc);
    for (int i = 0; i < a->nset; i++)
        if ((rc = ferro_world_parse_gene_factor(w, a->set[i], &factors[i])))
            return cli_fail(cmd, ferro_error_prefix(rc, "--set"));
    for (int i = 0; i < a->nwith; i++)
        if ((rc = ferro_world_parse_drug(w, a->with[i], &doses[i])))
            return cli_fail(cmd, ferro_error_prefix(rc, "--with"));
    c->nfactors = a->nset;
    c->factors = factors;
    c->ndoses = a->nwith;
    c->doses = doses;
    c->t_end = a->time;
    c->ncells = (int)a->ncells;
    c->seed = com->seed;
    c->threads = cli_threads(com);
    return CLI_EXIT_OK;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

int cli_dose_series(const char *cmd, const char *opt, const ferro_world_t *w, int agent, const char *list,
                    const char *range, double **dose, int *n)
{
    int rc;
    *dose = NULL;
    *n = 0;
    if (list && range) return cli_usage_error(cmd, NULL, "give either a dose list or a range, not both");
    double *d = NULL;
    int k = 0;
    if (range) {
        char lo[64], hi[64];
        long cnt;
        const char *c1 = strchr(range, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
        if (!c1 || !c2 || c1 - range >= 64 || c2 - c1 - 1 >= 64 || ferro_parse_long(c2 + 1, &cnt) || cnt < 2 || cnt > 1000)
            return cli_usage_error(cmd, NULL, "%s '%s': expected LO:HI:N (e.g. 0.01:100:9)", opt, range);
        memcpy(lo, range, (size_t)(c1 - range));
        lo[c1 - range] = 0;
        memcpy(hi, c1 + 1, (size_t)(c2 - c1 - 1));
        hi[c2 - c1 - 1] = 0;
        double a, b;
        if ((rc = ferro_world_parse_dose(w, agent, lo, &a)) || (rc = ferro_world_parse_dose(w, agent, hi, &b)))
            return cli_fail(cmd, ferro_error_prefix(rc, "%s", opt));
        if (!(d = malloc((size_t)(cnt + 1) * sizeof *d))) return cli_fail(cmd, FERRO_ENOMEM);
        if ((rc = ferro_screen_logspace(a, b, (int)cnt, d + 1))) { free(d); return cli_fail(cmd, ferro_error_prefix(rc, "%s", opt)); }
        k = (int)cnt + 1;
    } else if (list) {
        int cap = 2;
        for (const char *s = list; *s; s++) cap += *s == ',';
        if (!(d = malloc((size_t)cap * sizeof *d))) return cli_fail(cmd, FERRO_ENOMEM);
        k = 1;
        const char *s = list;
        while (1) {
            const char *e = strchr(s, ',');
            size_t len = e ? (size_t)(e - s) : strlen(s);
            char item[64];
            if (len == 0 || len >= sizeof item) { free(d); return cli_usage_error(cmd, NULL, "%s '%s': empty or too long dose", opt, list); }
            memcpy(item, s, len);
            item[len] = 0;
            if ((rc = ferro_world_parse_dose(w, agent, item, &d[k]))) { free(d); return cli_fail(cmd, ferro_error_prefix(rc, "%s", opt)); }
            if (d[k] > 0) k++;
            if (!e) break;
            s = e + 1;
        }
        qsort(d + 1, (size_t)(k - 1), sizeof *d, cmp_double);
        int m = 1;
        for (int i = 1; i < k; i++) if (m == 1 || d[i] != d[m - 1]) d[m++] = d[i];
        k = m;
    } else {
        double a, b;
        if ((rc = ferro_screen_agent_range(w, agent, &a, &b))) return cli_fail(cmd, rc);
        if (!(d = malloc(10 * sizeof *d))) return cli_fail(cmd, FERRO_ENOMEM);
        if ((rc = ferro_screen_logspace(a, b, 9, d + 1))) { free(d); return cli_fail(cmd, rc); }
        k = 10;
    }
    d[0] = 0;
    *dose = d;
    *n = k;
    return CLI_EXIT_OK;
}

int cli_world_load(const char *cmd, ferro_world_t **w)
{
    int rc = ferro_world_load(NULL, NULL, w);
    return rc ? cli_fail(cmd, rc) : CLI_EXIT_OK;
}
