/* signature_io.c — the saved signature: '#' lines (format line, cutoff), then gene/coef rows. */
#include "ferrosim/survival.h"
#include "ferrosim/io.h"
#include "cohort/strindex.h"

#include <stdlib.h>
#include <string.h>

int ferro_signature_write(const ferro_signature_t *sig, FILE *fp)
{
    fprintf(fp, "# ferrosim signature 1\n");
    fprintf(fp, "# risk = sum of coef * expression; high risk when risk > cutoff\n");
    fprintf(fp, "# cutoff=%.17g\n", sig->cutoff);
    fprintf(fp, "gene\tcoef\n");
    for (int k = 0; k < sig->ngene; k++) fprintf(fp, "%s\t%.17g\n", sig->gene[k], sig->coef[k]);
    return ferror(fp) ? ferro_error_set(FERRO_EIO, "signature: write error") : 0;
}

int ferro_signature_read(const char *path, ferro_signature_t **out)
{
    *out = NULL;
    ferro_tsv_t *r;
    int rc = ferro_tsv_open(path, 0, &r);
    if (rc) return rc;
    ferro_signature_t *s = ferro_calloc(1, sizeof *s);
    int have_cutoff = 0, have_header = 0, cap = 0, format = 0;
    long *line = NULL; /* each gene's line, for a repeated gene */
    if (!s) { ferro_tsv_close(r); return FERRO_ENOMEM; }
    while ((rc = ferro_tsv_next(r)) == 0) {
        const char *f0 = ferro_tsv_field(r, 0);
        if (f0[0] == '#') {
            if (!strncmp(f0, "# ferrosim signature 1", 22)) format = 1;
            else if (!strncmp(f0, "# cutoff=", 9)) {
                if (ferro_parse_double(f0 + 9, &s->cutoff)) { rc = ferro_tsv_error(r, FERRO_EPARSE, 1, "'%s' is not a cutoff", f0 + 9); break; }
                have_cutoff = 1;
            }
            continue;
        }
        if (!format) { rc = ferro_tsv_error(r, FERRO_EPARSE, 1, "not a ferrosim signature file (no '# ferrosim signature 1' line first)"); break; }
        if (!have_header) {
            if (ferro_tsv_nfields(r) != 2 || strcmp(f0, "gene") || strcmp(ferro_tsv_field(r, 1), "coef")) {
                rc = ferro_tsv_error(r, FERRO_EPARSE, 1, "expected the header 'gene<TAB>coef'"); break;
            }
            have_header = 1;
            continue;
        }
        if ((rc = ferro_tsv_expect_fields(r, 2))) break;
        if (s->ngene == cap) {
            cap = cap ? 2 * cap : 16;
            char **g = ferro_realloc(s->gene, (size_t)cap * sizeof *g);
            if (g) s->gene = g;
            double *c = g ? ferro_realloc(s->coef, (size_t)cap * sizeof *c) : NULL;
            if (c) s->coef = c;
            long *l = c ? ferro_realloc(line, (size_t)cap * sizeof *l) : NULL;
            if (l) line = l;
            if (!g || !c || !l) { rc = FERRO_ENOMEM; break; }
        }
        if ((rc = ferro_tsv_double(r, 1, 0, &s->coef[s->ngene]))) break;
        if (!(s->gene[s->ngene] = ferro_strdup(f0))) { rc = FERRO_ENOMEM; break; }
        line[s->ngene++] = ferro_tsv_lineno(r);
    }
    if (rc == FERRO_END) {
        rc = 0;
        if (!have_cutoff || s->ngene == 0)
            rc = ferro_error_set(FERRO_EPARSE, "%s: line %ld (end of file): a signature needs a '# cutoff=' line and at least one gene",
                                 ferro_tsv_path(r), ferro_tsv_lineno(r) > 0 ? ferro_tsv_lineno(r) : 1);
    }
    if (!rc) { /* a gene twice would be two covariates of one name when the signature is applied */
        ferro_strindex_t *ix;
        if (!(rc = ferro_strindex_build(s->gene, s->ngene, &ix))) {
            int d = ferro_strindex_first_dup(ix);
            if (d >= 0)
                rc = ferro_error_set(FERRO_EPARSE, "%s: line %ld, column 1: gene '%s' is listed twice (first on line %ld)",
                                     ferro_tsv_path(r), line[d], s->gene[d], line[ferro_strindex_find(ix, s->gene[d])]);
            ferro_strindex_free(ix);
        }
    }
    free(line);
    ferro_tsv_close(r);
    if (rc) { ferro_signature_free(s); return rc; }
    *out = s;
    return 0;
}
