/* fuzz_stdin.c — the readers with '-' for a path, reading standard input (what `ferrosim CMD
 * --data -` and friends do): the input becomes file descriptor 0 (rewound before each reader) and
 * the reader picked by the first byte reads "-": 0 ferro_table_read, 1 ferro_matrix_read,
 * 2 ferro_samples_read, 3 ferro_network_read, 4 ferro_genesets_read, 5 ferro_signature_read,
 * 6 ferro_surv_data_read (time, status, x1), 7 ferro_dr_plate_read (drug, dose, viability),
 * 8 ferro_screen_read_combos (the small test world). Besides the sanitizers: a parse error names
 * "<stdin>" and a line. */
#include <fcntl.h>

#include "fuzz_util.h"
#include "fuzz_testworld.h"
#include "ferrosim/cohort.h"
#include "ferrosim/doseresp.h"
#include "ferrosim/geneset.h"
#include "ferrosim/io.h"
#include "ferrosim/network.h"
#include "ferrosim/screen.h"
#include "ferrosim/survival.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    const char *path = fuzz_file(data + 1, size - 1, "stdin.tsv");
    int fd = open(path, O_RDONLY);
    if (fd < 0 || dup2(fd, STDIN_FILENO) < 0) { perror(path); abort(); }
    close(fd);
    int rc;
    ferro_error_clear();
    switch (data[0] % 9) {
    case 0: {
        ferro_table_t *t = NULL;
        rc = ferro_table_read("-", FERRO_TSV_SKIP_HASH, &t);
        ferro_table_free(t);
        break;
    }
    case 1: {
        ferro_matrix_t *m = NULL;
        rc = ferro_matrix_read("-", &m);
        ferro_matrix_free(m);
        break;
    }
    case 2: {
        ferro_table_t *t = NULL;
        rc = ferro_samples_read("-", &t);
        ferro_table_free(t);
        break;
    }
    case 3: {
        ferro_network_t *n = NULL;
        rc = ferro_network_read("-", 0, &n);
        ferro_network_free(n);
        break;
    }
    case 4: {
        ferro_genesets_t *g = NULL;
        rc = ferro_genesets_read("-", &g);
        ferro_genesets_free(g);
        break;
    }
    case 5: {
        ferro_signature_t *s = NULL;
        rc = ferro_signature_read("-", &s);
        ferro_signature_free(s);
        break;
    }
    case 6: {
        static const char *const cov[] = {"x1"};
        ferro_surv_spec_t spec = {.time = "time", .event = "status", .covariates = cov, .ncov = 1};
        ferro_surv_data_t *d = NULL;
        rc = ferro_surv_data_read("-", &spec, &d);
        ferro_surv_data_free(d);
        break;
    }
    case 7: {
        static const char *const names[] = {"drug", "dose", "viability"};
        ferro_dr_plate_t *p = NULL;
        rc = ferro_dr_plate_read("-", names, "tdv", &p);
        ferro_dr_plate_free(p);
        break;
    }
    default: {
        ferro_screen_combo_t *c = NULL;
        int n = 0;
        rc = ferro_screen_read_combos(world, "-", &c, &n);
        free(c);
        break;
    }
    }
    fuzz_check_file(rc, "reading '-'", "<stdin>");
    return 0;
}
