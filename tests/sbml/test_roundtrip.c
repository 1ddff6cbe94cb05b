/* test_roundtrip.c — export to SBML L3V2 then import gives identical simulations: the test
 * model, the built-in model and every 7th case of the shared SBML Test Suite that loads (L2 and
 * L3 sources). Identical means bit for bit equal species values at 11 output times. Also: the
 * TSV listing names every species and reaction, and a bad file fails with its line. */
#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ferrosim/sbml.h"
#include "ferrosim/solver.h"
#include "test_util.h"

static int simulate(const ferro_model_t *m, double *out, int *n)
{
    ferro_solver_t *s;
    double times[11];
    for (int i = 0; i < 11; i++) times[i] = 0.5 * i;
    *n = 11 * ferro_model_n_species(m);
    if (ferro_solver_create(m, NULL, &s)) return -1;
    int rc = ferro_solver_run(s, 0.0, 11, times, 0, NULL, out);
    ferro_solver_free(s);
    return rc;
}

/* 1 = checked, 0 = skipped (the original does not load or simulate) */
static int roundtrip(const char *path)
{
    ferro_model_t *a = NULL, *b = NULL;
    if (ferro_sbml_load(path, FERRO_SBML_QUIET, &a)) return 0;
    static double x[11 * 4096], y[11 * 4096];
    int nx = 0, ny = 0, checked = 0;
    if (ferro_model_n_species(a) <= 4096 && simulate(a, x, &nx) == 0) {
        char *buf = NULL;
        size_t len = 0;
        FILE *fp = open_memstream(&buf, &len);
        int rc = ferro_sbml_export_sbml(path, fp);
        fclose(fp);
        if (rc == FERRO_EUNSUPPORTED) { /* fast reactions: L3V2 cannot say it, export refuses */
            expect_true(strstr(ferro_error_message(), "fast") != NULL, "refusal names fast reactions");
            free(buf);
            ferro_model_free(a);
            return 0;
        }
        char what[600];
        snprintf(what, sizeof what, "%s: export", path);
        expect_int(rc, 0, what);
        snprintf(what, sizeof what, "%s: exported SBML is L3V2", path);
        expect_true(buf && strstr(buf, "level=\"3\" version=\"2\""), what);
        snprintf(what, sizeof what, "%s: export loads", path);
        rc = buf ? ferro_sbml_load_string(buf, FERRO_SBML_QUIET, &b) : -1;
        if (rc) fprintf(stderr, "%s\n", ferro_error_message());
        expect_int(rc, 0, what);
        if (!rc) {
            snprintf(what, sizeof what, "%s: export simulates", path);
            expect_int(simulate(b, y, &ny), 0, what);
            snprintf(what, sizeof what, "%s: same number of values", path);
            expect_int(ny, nx, what);
            int same = 1;
            for (int i = 0; i < nx && i < ny; i++)
                if (!(x[i] == y[i] || (isnan(x[i]) && isnan(y[i])))) same = 0;
            snprintf(what, sizeof what, "%s: identical simulation after export", path);
            expect_true(same, what);
        }
        free(buf);
        checked = 1;
    }
    ferro_model_free(a);
    ferro_model_free(b);
    return checked;
}

static void listing(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    expect_int(ferro_sbml_export_tsv(FERRO_TEST_DATA "/solver/robertson.xml", fp), 0, "tsv export");
    fclose(fp);
    expect_true(strstr(buf, "R3\t\t2 y2 -> y2 + y3\tcell * kloc * y2^2\n") != NULL, "reaction with its rate law");
    expect_true(strstr(buf, "# species\nid\t") != NULL, "species section");
    expect_true(strstr(buf, "total\tassignment\ty1 + y2 + y3\n") != NULL, "assignment rule");
    free(buf);
}

static void bad_input(void)
{
    ferro_model_t *m;
    expect_int(ferro_sbml_load_string("<sbml><model><oops></model></sbml>", 0, &m), FERRO_EPARSE, "malformed XML");
    expect_true(strstr(ferro_error_message(), "line 2, column 28") != NULL, "message names line and column");
    expect_int(ferro_sbml_load("/nonexistent.xml", 0, &m), FERRO_ENOTFOUND, "missing file");
}

int main(void)
{
    int n = 0;
    n += roundtrip(FERRO_TEST_DATA "/solver/robertson.xml");
    n += roundtrip(FERRO_SOURCE_DIR "/data/model/ferroptosis_all.xml");
    const char *cases = FERRO_SHARED_DIR "/sbml-test-suite/cases";
    DIR *d = opendir(cases);
    expect_true(d != NULL, "shared SBML test suite present");
    int k = 0;
    struct dirent *e;
    char **names = NULL;
    int nn = 0;
    while (d && (e = readdir(d)))
        if (e->d_name[0] != '.') {
            names = realloc(names, (size_t)(nn + 1) * sizeof *names);
            names[nn++] = strdup(e->d_name);
        }
    if (d) closedir(d);
    for (int i = 0; i < nn; i++) {
        if (k++ % 7 == 0) {
            char dir[4096];
            snprintf(dir, sizeof dir, "%s/%s", cases, names[i]);
            DIR *cd = opendir(dir);
            struct dirent *f;
            while (cd && (f = readdir(cd)))
                if (strstr(f->d_name, "-sbml-l") && strstr(f->d_name, ".xml")) {
                    char p[8400];
                    snprintf(p, sizeof p, "%s/%s", dir, f->d_name);
                    n += roundtrip(p);
                }
            if (cd) closedir(cd);
        }
        free(names[i]);
    }
    free(names);
    printf("round trip checked on %d models\n", n);
    expect_true(n >= 150, "at least 150 models round-tripped");
    listing();
    bad_input();
    return test_summary("sbml/roundtrip");
}
