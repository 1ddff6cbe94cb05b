/* test_bad_input.c — network edge lists on bad input: every parse error names the file and a line
 * (found with tests/fuzz/fuzz_network.c's check: "no edges" had no line). */
#include <math.h>
#include <stdlib.h>
#include <unistd.h>
#include "ferrosim/network.h"
#include "test_util.h"

int main(void)
{
    const char *f = "test_bad_input_net.tsv";
    FILE *fp = fopen(f, "w");
    fputs("a\tb\tscore\nGPX4\tGPX4\t900\nGPX4\tACSL4\t100\n", fp);
    fclose(fp);
    ferro_network_t *net = NULL;
    expect_int(ferro_network_read(f, 400, &net), FERRO_EPARSE, "no edge above the cutoff: error");
    expect_true(strstr(ferro_error_message(), "test_bad_input_net.tsv: line 3 (end of file): no edges (score >= 400)") != NULL,
                "message names file and line");
    expect_true(net == NULL, "nothing returned");
    expect_int(ferro_network_read(f, -INFINITY, &net), 0, "the same file with all edges reads");
    if (net) expect_int(net->nedge, 1, "self-loop dropped, one edge");
    ferro_network_free(net);
    unlink(f);
    return test_summary("network bad input");
}
