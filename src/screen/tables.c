/* tables.c — the screen's TSV tables: dose responses, IC50s, selectivity against the normal
 * reference, the T-ALL vs B-ALL contrast, synergy matrices and their summaries. */
#include "screen/screen_internal.h"
#include "ferrosim/io.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <gsl/gsl_cdf.h>


static const ferro_dr_fit_t *fit_at(const screen_data_t *d, int c, int a) { return &d->fit[(size_t)c * d->nagent + a]; }

void ferro_screen_lineage(const ferro_world_t *w, const screen_data_t *d, int a, screen_lineage_t *out)
{
    double s[2] = {0, 0}, ss[2] = {0, 0}, sl[2] = {0, 0};
    int n[2] = {0, 0}, nf[2] = {0, 0};
    for (int c = 0; c < d->ncell; c++) {
        const char *lin = ferro_world_cell_lineage(w, d->cell[c]);
        int g = !strcmp(lin, "T-ALL") ? 0 : !strcmp(lin, "B-ALL") ? 1 : -1;
        if (g < 0) continue;
        const ferro_dr_fit_t *f = fit_at(d, c, a);
        if (!isnan(f->auc_obs)) {
            s[g] += f->auc_obs;
            ss[g] += f->auc_obs * f->auc_obs;
            n[g]++;
        }
        double ic = ferro_dr_ic50(f, NULL, NULL); /* falling curves only, and only a supported IC50 */
        if (!isnan(ic) && ferro_dr_midpoint_supported(f)) {
            sl[g] += log10(ic);
            nf[g]++;
        }
    }
    out->n_t = n[0];
    out->n_b = n[1];
    out->nfit_t = nf[0];
    out->nfit_b = nf[1];
    out->auc_t = n[0] ? s[0] / n[0] : NAN;
    out->auc_b = n[1] ? s[1] / n[1] : NAN;
    out->lic50_t = nf[0] ? sl[0] / nf[0] : NAN;
    out->lic50_b = nf[1] ? sl[1] / nf[1] : NAN;
    out->p_auc = NAN;
    if (n[0] > 1 && n[1] > 1) {
        double v0 = (ss[0] - n[0] * out->auc_t * out->auc_t) / (n[0] - 1);
        double v1 = (ss[1] - n[1] * out->auc_b * out->auc_b) / (n[1] - 1);
        double se2 = (v0 > 0 ? v0 : 0) / n[0] + (v1 > 0 ? v1 : 0) / n[1];
        if (se2 > 1e-300) {
            double t = (out->auc_t - out->auc_b) / sqrt(se2);
            double df = se2 * se2 / (v0 * v0 / ((double)n[0] * n[0] * (n[0] - 1)) + v1 * v1 / ((double)n[1] * n[1] * (n[1] - 1)));
            out->p_auc = 2 * gsl_cdf_tdist_Q(fabs(t), df);
        }
    }
}

static int open_table(const char *dir, const char *name, ferro_out_t **o)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return ferro_out_open(path, o);
}

static void write_dose(const ferro_world_t *w, const screen_data_t *d, FILE *fp)
{
    ferro_dr_write_tsv_header(fp, "cell\tlineage\tagent\tunit");
    for (int c = 0; c < d->ncell; c++)
        for (int a = 0; a < d->nagent; a++) {
            char key[512];
            snprintf(key, sizeof key, "%s\t%s\t%s\t%s", ferro_world_cell_name(w, d->cell[c]),
                     ferro_world_cell_lineage(w, d->cell[c]), ferro_world_agent_name(w, d->agent[a]),
                     ferro_world_agent_unit(w, d->agent[a]));
            ferro_dr_write_tsv_rows(fp, key, d->dose + (size_t)a * d->ndose,
                                    d->viab + ((size_t)c * d->nagent + a) * d->ndose, NULL, NULL, d->ndose, fit_at(d, c, a));
        }
}

static void write_ic50(const ferro_world_t *w, const screen_data_t *d, FILE *fp)
{
    fputs("cell\tlineage\tagent\tunit\tstatus\tic50\tic50_lo\tic50_hi\thill\tbottom\ttop\tr2\tdose_v50\tauc\tauc_obs\tdose_lo\tdose_hi"
          "\tdirection\tec50\tec50_lo\tec50_hi\tmidpoint_flag\n", fp);
    for (int c = 0; c < d->ncell; c++)
        for (int a = 0; a < d->nagent; a++) {
            const ferro_dr_fit_t *f = fit_at(d, c, a);
            fprintf(fp, "%s\t%s\t%s\t%s\t%s", ferro_world_cell_name(w, d->cell[c]), ferro_world_cell_lineage(w, d->cell[c]),
                    ferro_world_agent_name(w, d->agent[a]), ferro_world_agent_unit(w, d->agent[a]),
                    ferro_dr_status_name(f->status));
            double v[3];
            v[0] = ferro_dr_ic50(f, &v[1], &v[2]);
            for (int j = 0; j < 3; j++) ferro_dr_write_num(fp, v[j]);
            ferro_dr_write_num(fp, f->est[FERRO_DR_HILL]);
            ferro_dr_write_num(fp, f->est[FERRO_DR_BOTTOM]);
            ferro_dr_write_num(fp, f->est[FERRO_DR_TOP]);
            ferro_dr_write_num(fp, f->r2);
            ferro_dr_write_num(fp, f->dose_v50);
            ferro_dr_write_num(fp, f->auc);
            ferro_dr_write_num(fp, f->auc_obs);
            ferro_dr_write_num(fp, d->lo[a]);
            ferro_dr_write_num(fp, d->hi[a]);
            fprintf(fp, "\t%s", ferro_dr_direction_name(f->direction));
            v[0] = ferro_dr_ec50(f, &v[1], &v[2]);
            for (int j = 0; j < 3; j++) ferro_dr_write_num(fp, v[j]);
            fprintf(fp, "\t%s\n", ferro_dr_midpoint_flag_name(f->midpoint_flag));
        }
}

static void write_selectivity(const ferro_world_t *w, const screen_data_t *d, FILE *fp)
{
    fputs("agent\tunit\tcell\tlineage\tic50\tic50_normal\tselectivity_ic50\tauc_obs\tauc_obs_normal\tdelta_auc"
          "\tic50_flag\tic50_normal_flag\n", fp);
    if (d->normal < 0) return;
    for (int a = 0; a < d->nagent; a++) {
        const ferro_dr_fit_t *fn = fit_at(d, d->normal, a);
        double in = ferro_dr_ic50(fn, NULL, NULL);
        for (int c = 0; c < d->ncell; c++) {
            if (c == d->normal) continue;
            const ferro_dr_fit_t *f = fit_at(d, c, a);
            double ic = ferro_dr_ic50(f, NULL, NULL);
            fprintf(fp, "%s\t%s\t%s\t%s", ferro_world_agent_name(w, d->agent[a]), ferro_world_agent_unit(w, d->agent[a]),
                    ferro_world_cell_name(w, d->cell[c]), ferro_world_cell_lineage(w, d->cell[c]));
            ferro_dr_write_num(fp, ic);
            ferro_dr_write_num(fp, in);
            /* a ratio only of two IC50s the data support (an extrapolated one is a bound, not a value) */
            ferro_dr_write_num(fp, ferro_dr_midpoint_supported(f) && ferro_dr_midpoint_supported(fn) ? in / ic : NAN);
            ferro_dr_write_num(fp, f->auc_obs);
            ferro_dr_write_num(fp, fn->auc_obs);
            ferro_dr_write_num(fp, fn->auc_obs - f->auc_obs);
            fprintf(fp, "\t%s\t%s\n", isnan(ic) ? "NA" : ferro_dr_midpoint_flag_name(f->midpoint_flag),
                    isnan(in) ? "NA" : ferro_dr_midpoint_flag_name(fn->midpoint_flag));
        }
    }
}

static void write_lineage(const ferro_world_t *w, const screen_data_t *d, FILE *fp)
{
    fputs("agent\tunit\tn_tall\tn_ball\tauc_tall\tauc_ball\tdelta_auc\tp_welch\tnfit_tall\tnfit_ball\tlog10_ic50_tall\tlog10_ic50_ball\n", fp);
    for (int a = 0; a < d->nagent; a++) {
        screen_lineage_t l;
        ferro_screen_lineage(w, d, a, &l);
        fprintf(fp, "%s\t%s\t%d\t%d", ferro_world_agent_name(w, d->agent[a]), ferro_world_agent_unit(w, d->agent[a]), l.n_t, l.n_b);
        ferro_dr_write_num(fp, l.auc_t);
        ferro_dr_write_num(fp, l.auc_b);
        ferro_dr_write_num(fp, l.auc_t - l.auc_b);
        ferro_dr_write_num(fp, l.p_auc);
        fprintf(fp, "\t%d\t%d", l.nfit_t, l.nfit_b);
        ferro_dr_write_num(fp, l.lic50_t);
        ferro_dr_write_num(fp, l.lic50_b);
        fputc('\n', fp);
    }
}

static void combo_key(const ferro_world_t *w, const ferro_screen_combo_t *c, char *key, size_t n)
{
    char b[128];
    snprintf(key, n, "%s\t%s\t%s", ferro_world_cell_name(w, c->cell), ferro_world_agent_name(w, c->agent_a),
             ferro_screen_combo_b_name(w, c, b, sizeof b));
}

static void write_synergy(const ferro_world_t *w, const screen_data_t *d, FILE *fp)
{
    ferro_synergy_write_tsv_header(fp, "cell\tagent_a\tagent_b");
    for (int k = 0; k < d->ncombo; k++) {
        char key[512];
        combo_key(w, &d->combo[k], key, sizeof key);
        ferro_synergy_write_tsv_rows(fp, key, d->grid[k], d->syn[k]);
    }
}

static void write_synergy_summary(const ferro_world_t *w, const screen_data_t *d, FILE *fp)
{
    ferro_synergy_write_summary_header(fp, "cell\tagent_a\tagent_b");
    for (int k = 0; k < d->ncombo; k++) {
        char key[512];
        combo_key(w, &d->combo[k], key, sizeof key);
        ferro_synergy_write_summary_rows(fp, key, d->grid[k], d->syn[k]);
    }
}

int ferro_screen_write_tables(const ferro_world_t *w, const screen_data_t *d, const char *outdir,
                              ferro_out_t *out[SCREEN_NTABLES])
{
    static const char *names[SCREEN_NTABLES] = {"dose_response.tsv", "ic50.tsv", "selectivity.tsv", "lineage.tsv",
                                                 "synergy.tsv", "synergy_summary.tsv", "sensitivity.tsv"};
    void (*writer[SCREEN_NTABLES])(const ferro_world_t *, const screen_data_t *, FILE *) = {
        write_dose, write_ic50, write_selectivity, write_lineage, write_synergy, write_synergy_summary,
        screen_why_write_tsv};
    int rc = 0;
    for (int t = 0; t < SCREEN_NTABLES; t++) out[t] = NULL;
    for (int t = 0; t < SCREEN_NTABLES && !rc; t++) {
        if (t == SCREEN_NTABLES - 1 && !d->why) break; /* sensitivity.tsv only with the why section */
        if (!(rc = open_table(outdir, names[t], &out[t]))) writer[t](w, d, ferro_out_fp(out[t]));
    }
    if (rc) ferro_screen_tables_abort(out);
    return rc;
}

int ferro_screen_tables_commit(ferro_out_t *out[SCREEN_NTABLES])
{
    int rc = 0;
    for (int t = 0; t < SCREEN_NTABLES; t++) {
        if (!out[t]) continue;
        if (!rc) rc = ferro_out_commit(out[t]);
        else ferro_out_abort(out[t]);
        out[t] = NULL;
    }
    return rc;
}

void ferro_screen_tables_abort(ferro_out_t *out[SCREEN_NTABLES])
{
    for (int t = 0; t < SCREEN_NTABLES; t++) {
        ferro_out_abort(out[t]);
        out[t] = NULL;
    }
}
