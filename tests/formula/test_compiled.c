/* test_compiled.c — build-time compiled right-hand sides (src/formula/compiled.c,
 * tools/gen_compiled.c): the built-in model and the Robertson test model (a piecewise: jumps)
 * find their compiled function; it gives bit for bit the interpreter's slot values at random
 * states and parameters, and so does its forward (Jacobian) mode with random tangent seeds; a
 * model whose right-hand side differs by one operator does not match
 * and is interpreted; FERRO_INTERPRET=1 turns the compiled functions off. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ferrosim/sbml.h"
#include "formula/compiled.h"
#include "formula/model_impl.h"
#include "test_util.h"

static double urand(unsigned long long *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*s >> 11) / 9007199254740992.0;
}

/* Every slot random (file value times 0.5..1.5, time 0..10), then the compiled function and the
 * interpreter on two copies: all slots equal, bit for bit (a NaN may differ in its sign bit: the C
 * compiler may swap the operands of a commutative operation, and x86 passes on the first NaN). */
static void same_as_interpreter(const ferro_model_t *m, const char *what)
{
    size_t ns = (size_t)m->nslots_total;
    double *a = malloc(ns * sizeof *a), *b = malloc(ns * sizeof *b);
    unsigned long long seed = 7;
    int same = 1;
    for (int rep = 0; rep < 20; rep++) {
        for (size_t i = 0; i < ns; i++) a[i] = (i < (size_t)m->nslots ? m->v0[i] : 1.0) * (0.5 + urand(&seed));
        a[FXM_SLOT_TIME] = 10.0 * urand(&seed);
        memcpy(b, a, ns * sizeof *b);
        m->rhs_fn(a);
        fx_run(m->code.ins, m->rhs.start, m->rhs.end, b);
        for (size_t i = 0; i < ns && same; i++)
            if (!(isnan(a[i]) && isnan(b[i])) && memcmp(&a[i], &b[i], sizeof *a)) {
                fprintf(stderr, "%s: slot %zu: compiled %.17g, interpreter %.17g\n", m->source, i, a[i], b[i]);
                same = 0;
            }
    }
    expect_true(same, what);
    free(a);
    free(b);
}

/* The compiled forward mode against fx_run_tangent: random values and random tangent seeds in
 * every slot, then all values and all K tangents equal (NaNs aside, as above). */
static void tangent_same_as_interpreter(const ferro_model_t *m, const char *what)
{
    const int K = m->ncolors > 0 ? m->ncolors : 1;
    size_t ns = (size_t)m->nslots_total, nd = ns * (size_t)K;
    double *a = malloc(ns * sizeof *a), *b = malloc(ns * sizeof *b);
    double *da = malloc(nd * sizeof *da), *db = malloc(nd * sizeof *db);
    unsigned long long seed = 11;
    int same = 1;
    for (int rep = 0; rep < 10 && same; rep++) {
        for (size_t i = 0; i < ns; i++) a[i] = (i < (size_t)m->nslots ? m->v0[i] : 1.0) * (0.5 + urand(&seed));
        for (size_t i = 0; i < nd; i++) da[i] = urand(&seed) < 0.5 ? 0.0 : urand(&seed) - 0.5;
        memcpy(b, a, ns * sizeof *b);
        memcpy(db, da, nd * sizeof *db);
        m->tan_fn(a, da);
        fx_run_tangent(m->code.ins, m->rhs.start, m->rhs.end, b, db, K);
        for (size_t i = 0; i < ns && same; i++)
            if (!(isnan(a[i]) && isnan(b[i])) && memcmp(&a[i], &b[i], sizeof *a)) same = 0;
        for (size_t i = 0; i < nd && same; i++)
            if (!(isnan(da[i]) && isnan(db[i])) && memcmp(&da[i], &db[i], sizeof *da)) {
                fprintf(stderr, "%s: tangent %zu: compiled %.17g, interpreter %.17g\n", m->source, i, da[i], db[i]);
                same = 0;
            }
    }
    expect_true(same, what);
    free(a); free(b); free(da); free(db);
}

static void model(const char *path, const char *what)
{
    ferro_model_t *m;
    if (ferro_sbml_load(path, FERRO_SBML_QUIET, &m)) { expect_true(0, ferro_error_message()); return; }
    expect_true(m->rhs_fn != NULL && m->tan_fn != NULL, what);
    if (m->rhs_fn) same_as_interpreter(m, what);
    if (m->tan_fn) tangent_same_as_interpreter(m, "forward mode: compiled == fx_run_tangent, bit for bit");
    ferro_model_free(m);
}

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    rewind(fp);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, fp) != (size_t)n) { free(s); s = NULL; }
    if (s) s[n] = 0;
    fclose(fp);
    return s;
}

static void changed_model(void)
{
    char *xml = slurp(FERRO_SOURCE_DIR "/tests/data/solver/robertson.xml");
    char *geq = xml ? strstr(xml, "<geq/>") : NULL;
    expect_true(geq != NULL, "robertson.xml has a <geq/>");
    if (!geq) { free(xml); return; }
    memcpy(geq, "<gt/> ", 6); /* total >= 0 -> total > 0: one operator differs */
    ferro_model_t *m;
    if (ferro_sbml_load_string(xml, FERRO_SBML_QUIET, &m)) { expect_true(0, ferro_error_message()); free(xml); return; }
    expect_true(m->rhs_fn == NULL, "a right-hand side one operator away from a compiled one is interpreted");
    ferro_model_free(m);
    free(xml);
}

static void switched_off(void)
{
    setenv("FERRO_INTERPRET", "1", 1);
    ferro_model_t *m;
    if (ferro_sbml_load(FERRO_SOURCE_DIR "/data/model/ferroptosis_all.xml", FERRO_SBML_QUIET, &m)) {
        expect_true(0, ferro_error_message());
    } else {
        expect_true(m->rhs_fn == NULL && m->tan_fn == NULL, "FERRO_INTERPRET=1: the built-in model is interpreted");
        ferro_model_free(m);
    }
    unsetenv("FERRO_INTERPRET");
}

int main(void)
{
    model(FERRO_SOURCE_DIR "/data/model/ferroptosis_all.xml", "built-in model: compiled == interpreter, bit for bit");
    model(FERRO_SOURCE_DIR "/tests/data/solver/robertson.xml", "robertson (piecewise, jumps): compiled == interpreter");
    changed_model();
    switched_off();
    return test_summary("formula/compiled");
}
