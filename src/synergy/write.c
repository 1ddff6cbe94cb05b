/* write.c — synergy tables: per-cell scores, per-method summaries (TSV) and JSON. */
#include "ferrosim/io.h"
#include "ferrosim/synergy.h"

#include <math.h>


void ferro_synergy_write_tsv_header(FILE *fp, const char *key_header)
{
    fprintf(fp, "%s\tdose_a\tdose_b\tn\tviability\tsd\tinhibition", key_header);
    for (int m = 0; m < FERRO_SYN_NMETHODS; m++) fprintf(fp, "\t%s", ferro_synergy_method_name(m));
    fputc('\n', fp);
}

void ferro_synergy_write_tsv_rows(FILE *fp, const char *key, const ferro_grid_t *g, const ferro_synergy_t *s)
{
    for (int i = 0; i < g->na; i++)
        for (int j = 0; j < g->nb; j++) {
            int c = i * g->nb + j;
            fprintf(fp, "%s\t%.6g\t%.6g\t%d", key, g->dose_a[i], g->dose_b[j], g->n[c]);
            ferro_dr_write_num(fp, g->viability[c]);
            ferro_dr_write_num(fp, g->sd[c]);
            ferro_dr_write_num(fp, s->inhib[c]);
            for (int m = 0; m < FERRO_SYN_NMETHODS; m++) ferro_dr_write_num(fp, s->score[m][c]);
            fputc('\n', fp);
        }
}

void ferro_synergy_write_summary_header(FILE *fp, const char *key_header)
{
    fprintf(fp, "%s\tmethod\tmean\tmsa\tmsa_dose_a_lo\tmsa_dose_a_hi\tmsa_dose_b_lo\tmsa_dose_b_hi\n", key_header);
}

void ferro_synergy_write_summary_rows(FILE *fp, const char *key, const ferro_grid_t *g, const ferro_synergy_t *s)
{
    for (int m = 0; m < FERRO_SYN_NMETHODS; m++) {
        int i = s->msa_i[m], j = s->msa_j[m], w = s->msa_size;
        fprintf(fp, "%s\t%s", key, ferro_synergy_method_name(m));
        ferro_dr_write_num(fp, s->mean[m]);
        ferro_dr_write_num(fp, s->msa[m]);
        fprintf(fp, "\t%.6g\t%.6g\t%.6g\t%.6g\n", g->dose_a[i], g->dose_a[i + w - 1], g->dose_b[j], g->dose_b[j + w - 1]);
    }
}

void ferro_synergy_write_json(FILE *fp, const char *const *keys, const char *const *values, int nkeys,
                              const ferro_grid_t *g, const ferro_synergy_t *s)
{
    fputc('{', fp);
    ferro_dr_write_json_keys(fp, keys, values, nkeys);
    fputs("\"cells\":[", fp);
    for (int c = 0; c < g->na * g->nb; c++) {
        fputs(c ? ",{\"dose_a\":" : "{\"dose_a\":", fp);
        ferro_json_number(fp, g->dose_a[c / g->nb]);
        fputs(",\"dose_b\":", fp);
        ferro_json_number(fp, g->dose_b[c % g->nb]);
        fprintf(fp, ",\"n\":%d,\"viability\":", g->n[c]);
        ferro_json_number(fp, g->viability[c]);
        fputs(",\"sd\":", fp);
        ferro_json_number(fp, g->sd[c]);
        fputs(",\"inhibition\":", fp);
        ferro_json_number(fp, s->inhib[c]);
        for (int m = 0; m < FERRO_SYN_NMETHODS; m++) {
            fprintf(fp, ",\"%s\":", ferro_synergy_method_name(m));
            ferro_json_number(fp, s->score[m][c]);
        }
        fputc('}', fp);
    }
    fputs("],\"summary\":{", fp);
    for (int m = 0; m < FERRO_SYN_NMETHODS; m++) {
        int i = s->msa_i[m], j = s->msa_j[m], w = s->msa_size;
        fprintf(fp, "%s\"%s\":{\"mean\":", m ? "," : "", ferro_synergy_method_name(m));
        ferro_json_number(fp, s->mean[m]);
        fputs(",\"msa\":", fp);
        ferro_json_number(fp, s->msa[m]);
        fputs(",\"msa_dose_a\":[", fp);
        ferro_json_number(fp, g->dose_a[i]);
        fputc(',', fp);
        ferro_json_number(fp, g->dose_a[i + w - 1]);
        fputs("],\"msa_dose_b\":[", fp);
        ferro_json_number(fp, g->dose_b[j]);
        fputc(',', fp);
        ferro_json_number(fp, g->dose_b[j + w - 1]);
        fputs("]}", fp);
    }
    fputs("},\"fit_a\":", fp);
    ferro_dr_write_fit_json(fp, &s->fit_a);
    fputs(",\"fit_b\":", fp);
    ferro_dr_write_fit_json(fp, &s->fit_b);
    fprintf(fp, ",\"loewe_fallback_cells\":%d,\"zip_refits\":{\"columns\":[", s->loewe_fallback);
    for (int j = 1; j < g->nb; j++) fprintf(fp, "%s\"%s\"", j > 1 ? "," : "", ferro_dr_status_name(s->zip_status_col[j]));
    fputs("],\"rows\":[", fp);
    for (int i = 1; i < g->na; i++) fprintf(fp, "%s\"%s\"", i > 1 ? "," : "", ferro_dr_status_name(s->zip_status_row[i]));
    fputs("]}}", fp);
}
