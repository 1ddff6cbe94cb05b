/* write.c — dose–response tables: TSV (long format, one row per dose) and JSON. */
#include "ferrosim/doseresp.h"
#include "ferrosim/io.h"

#include <math.h>

void ferro_dr_write_num(FILE *fp, double v)
{
    if (isnan(v)) fputs("\tNA", fp);
    else fprintf(fp, "\t%.6g", v);
}


void ferro_dr_write_tsv_header(FILE *fp, const char *key_header)
{
    fprintf(fp, "%s\tdose\tn\tviability\tsd\tfitted\tstatus", key_header);
    static const char *par[] = {"bottom", "top", "ic50", "hill"};
    for (int k = 0; k < FERRO_DR_NPAR; k++) fprintf(fp, "\t%s\t%s_lo\t%s_hi", par[k], par[k], par[k]);
    fputs("\tr2\tdose_v50\tauc\tauc_obs\tdirection\tec50\tec50_lo\tec50_hi\tmidpoint_flag\n", fp);
}

/* The parameter k's estimate and CI as the tables write them: the midpoint only as an IC50 of a
 * falling curve (the ec50 columns carry a rising curve's). */
static void param_of(const ferro_dr_fit_t *fit, int k, double v[3])
{
    if (k == FERRO_DR_IC50) {
        v[0] = ferro_dr_ic50(fit, &v[1], &v[2]);
        return;
    }
    v[0] = fit->est[k];
    v[1] = fit->ci_lo[k];
    v[2] = fit->ci_hi[k];
}

void ferro_dr_write_tsv_rows(FILE *fp, const char *key, const double *udose, const double *mean,
                             const double *sd, const int *count, int ndose, const ferro_dr_fit_t *fit)
{
    for (int i = 0; i < ndose; i++) {
        fprintf(fp, "%s\t%.6g\t%d", key, udose[i], count ? count[i] : 1);
        ferro_dr_write_num(fp, mean[i]);
        ferro_dr_write_num(fp, sd ? sd[i] : NAN);
        ferro_dr_write_num(fp, ferro_dr_eval(fit, udose[i]));
        fprintf(fp, "\t%s", ferro_dr_status_name(fit->status));
        double v[3];
        for (int k = 0; k < FERRO_DR_NPAR; k++) {
            param_of(fit, k, v);
            for (int j = 0; j < 3; j++) ferro_dr_write_num(fp, v[j]);
        }
        ferro_dr_write_num(fp, fit->r2);
        ferro_dr_write_num(fp, fit->dose_v50);
        ferro_dr_write_num(fp, fit->auc);
        ferro_dr_write_num(fp, fit->auc_obs);
        fprintf(fp, "\t%s", ferro_dr_direction_name(fit->direction));
        v[0] = ferro_dr_ec50(fit, &v[1], &v[2]);
        for (int j = 0; j < 3; j++) ferro_dr_write_num(fp, v[j]);
        fprintf(fp, "\t%s\n", ferro_dr_midpoint_flag_name(fit->midpoint_flag));
    }
}

void ferro_dr_write_json(FILE *fp, const char *const *keys, const char *const *values, int nkeys,
                         const double *udose, const double *mean, const double *sd, const int *count,
                         int ndose, const ferro_dr_fit_t *fit)
{
    fputc('{', fp);
    ferro_dr_write_json_keys(fp, keys, values, nkeys);
    fputs("\"points\":[", fp);
    for (int i = 0; i < ndose; i++) {
        fputs(i ? ",{\"dose\":" : "{\"dose\":", fp);
        ferro_json_number(fp, udose[i]);
        fprintf(fp, ",\"n\":%d,\"viability\":", count ? count[i] : 1);
        ferro_json_number(fp, mean[i]);
        fputs(",\"sd\":", fp);
        ferro_json_number(fp, sd ? sd[i] : NAN);
        fputs(",\"fitted\":", fp);
        ferro_json_number(fp, ferro_dr_eval(fit, udose[i]));
        fputc('}', fp);
    }
    fputs("],\"fit\":", fp);
    ferro_dr_write_fit_json(fp, fit);
    fputc('}', fp);
}

static void json_param(FILE *fp, const char *name, const double v[3])
{
    fprintf(fp, ",\"%s\":", name);
    ferro_json_number(fp, v[0]);
    fprintf(fp, ",\"%s_ci\":[", name);
    ferro_json_number(fp, v[1]);
    fputc(',', fp);
    ferro_json_number(fp, v[2]);
    fputc(']', fp);
}

void ferro_dr_write_fit_json(FILE *fp, const ferro_dr_fit_t *fit)
{
    fputs("{\"status\":", fp);
    ferro_json_string(fp, ferro_dr_status_name(fit->status));
    fputs(",\"direction\":", fp);
    ferro_json_string(fp, ferro_dr_direction_name(fit->direction));
    static const char *par[] = {"bottom", "top", "ic50", "hill"};
    double v[3];
    for (int k = 0; k < FERRO_DR_NPAR; k++) {
        param_of(fit, k, v);
        json_param(fp, par[k], v);
    }
    v[0] = ferro_dr_ec50(fit, &v[1], &v[2]);
    json_param(fp, "ec50", v);
    fputs(",\"midpoint_flag\":", fp);
    ferro_json_string(fp, ferro_dr_midpoint_flag_name(fit->midpoint_flag));
    fprintf(fp, ",\"n\":%d,\"df\":%d,\"r2\":", fit->n, fit->df);
    ferro_json_number(fp, fit->r2);
    fputs(",\"rss\":", fp);
    ferro_json_number(fp, fit->rss);
    fputs(",\"dose_v50\":", fp);
    ferro_json_number(fp, fit->dose_v50);
    fputs(",\"auc\":", fp);
    ferro_json_number(fp, fit->auc);
    fputs(",\"auc_obs\":", fp);
    ferro_json_number(fp, fit->auc_obs);
    fputc('}', fp);
}

void ferro_dr_write_json_keys(FILE *fp, const char *const *keys, const char *const *values, int nkeys)
{
    for (int k = 0; k < nkeys; k++) {
        ferro_json_string(fp, keys[k]);
        fputc(':', fp);
        ferro_json_string(fp, values[k]);
        fputc(',', fp);
    }
}
