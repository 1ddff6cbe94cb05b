/* test_combos.c — the screen's combinations file (`screen --combos FILE`,
 * ferro_screen_read_combos) on the fixture world of tests/data/population: what it reads, and
 * every kind of bad file failing with the file, the line (and column where there is one) and the
 * reason. Regression cases found by tests/fuzz/fuzz_combos.c are marked "fuzz". */
#include <stdlib.h>
#include <unistd.h>

#include "ferrosim/screen.h"
#include "test_util.h"

static ferro_world_t *w;
static char path[256];

static int read_text(const char *text, ferro_screen_combo_t **c, int *n)
{
    test_write_file(path, text);
    ferro_error_clear();
    return ferro_screen_read_combos(w, path, c, n);
}

static void expect_bad(const char *text, int code, const char *msg, const char *what)
{
    ferro_screen_combo_t *c = (ferro_screen_combo_t *)1;
    int n = -1;
    int rc = read_text(text, &c, &n);
    expect_error(rc, code, msg, what);
    expect_true(c == NULL && n == 0, "nothing returned on failure");
}

static int idx(int (*find)(const ferro_world_t *, const char *, int *), const char *name)
{
    int i = -1;
    return find(w, name, &i) ? -2 : i;
}

int main(void)
{
    if (ferro_world_load(FERRO_TEST_DATA "/population", NULL, &w)) {
        fprintf(stderr, "%s\n", ferro_error_message());
        return 1;
    }
    snprintf(path, sizeof path, "combos_test_%ld.tsv", (long)getpid());

    /* columns in any order, extra columns ignored, aliases, '#' comments, a knockdown */
    ferro_screen_combo_t *c = NULL;
    int n = 0;
    int rc = read_text("# combinations\nagent_b\tnote\tcell\tagent_a\nRSL3\tx\tFIXT-T\terastin\n"
                       "kd:xCT\t\tRS4;11\tFer-1\n", &c, &n);
    expect_int(rc, 0, "a good file reads");
    expect_int(n, 2, "two combinations");
    if (!rc && n == 2) {
        expect_int(c[0].cell, idx(ferro_world_find_cell, "FIXT-T"), "cell");
        expect_int(c[0].agent_a, idx(ferro_world_find_agent, "erastin"), "agent A");
        expect_int(c[0].agent_b, idx(ferro_world_find_agent, "RSL3"), "agent B");
        expect_int(c[0].gene_b, -1, "no gene for an agent B");
        expect_int(c[1].agent_a, idx(ferro_world_find_agent, "ferrostatin-1"), "an alias");
        expect_int(c[1].agent_b, -1, "no agent for a knockdown");
        expect_int(c[1].gene_b, idx(ferro_world_find_gene, "SLC7A11"), "kd:xCT knocks down SLC7A11");
    }
    free(c);

    expect_bad("", FERRO_EPARSE, ": line 1: the file is empty", "empty file");
    expect_bad("# only a comment\n", FERRO_EPARSE, ": line 1: the file is empty", "only comments");
    /* fuzz: a header and no rows said neither line nor column */
    expect_bad("cell\tagent_a\tagent_b\n", FERRO_EPARSE, ": line 1 (end of file): no combinations after the header",
               "header only");
    expect_bad("# c\n\ncell\tagent_a\tagent_b\n\n", FERRO_EPARSE, ": line 3 (end of file): no combinations",
               "header only, after a comment and blank lines");
    expect_bad("cell\tagent_a\nFIXT-T\terastin\n", FERRO_EPARSE, ": line 1: the header has no column 'agent_b'",
               "missing column");
    expect_bad("cell\tagent_a\tagent_b\nFIXT-T\terastin\n", FERRO_EPARSE, ": line 2, column 3: 2 columns, expected 3",
               "short row");
    expect_bad("cell\tagent_a\tagent_b\nFIXT-T\terastin\tRSL3\tx\n", FERRO_EPARSE, ": line 2, column 4: 4 columns, expected 3",
               "long row");
    expect_bad("cell\tagent_a\tagent_b\nFIXT-T\terastin\tRSL3\nnowhere\terastin\tRSL3\n", FERRO_ENOTFOUND,
               ": line 3, column 1:", "unknown cell");
    expect_bad("agent_a\tcell\tagent_b\nnosuchdrug\tFIXT-T\tRSL3\n", FERRO_ENOTFOUND, ": line 2, column 1:", "unknown agent A");
    expect_bad("cell\tagent_a\tagent_b\nFIXT-T\terastin\tkd:NOGENE\n", FERRO_ENOTFOUND, ": line 2, column 3:", "unknown gene");
    expect_bad("cell\tagent_a\tagent_b\nFIXT-T\terastin\tkd:\n", FERRO_ENOTFOUND, ": line 2, column 3:", "kd: without a gene");
    remove(path);
    ferro_world_free(w);
    return test_summary("screen combos");
}
