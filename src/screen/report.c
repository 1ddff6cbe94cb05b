/* report.c — the screen's self-contained HTML report: settings, IC50 and AUC heat maps, the
 * selectivity and lineage tables, the combinations' synergy maps and every dose–response panel. */
#include "screen/screen_internal.h"
#include "ferrosim/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const ferro_dr_fit_t *fit_at(const screen_data_t *d, int c, int a) { return &d->fit[(size_t)c * d->nagent + a]; }

/* A table of formatted strings, freed together. */
typedef struct { char **cell; int n; } strtab_t;
static int strtab_init(strtab_t *t, int n)
{
    t->n = n;
    t->cell = ferro_calloc((size_t)(n ? n : 1), sizeof *t->cell);
    return t->cell ? 0 : FERRO_ENOMEM;
}
static void strtab_free(strtab_t *t)
{
    for (int i = 0; i < t->n; i++) free(t->cell[i]);
    free(t->cell);
}
static void strtab_set(strtab_t *t, int i, const char *fmt, double v)
{
    char buf[64];
    if (isnan(v)) snprintf(buf, sizeof buf, "NA");
    else snprintf(buf, sizeof buf, fmt, v);
    t->cell[i] = ferro_strdup(buf);
}
static void strtab_str(strtab_t *t, int i, const char *s) { t->cell[i] = ferro_strdup(s); }

/* Why a curve has no IC50: "n/a (protective)" for a rising curve, else its status. */
static const char *no_ic50_text(const ferro_dr_fit_t *f)
{
    if (f->status != FERRO_DR_OK) return ferro_dr_status_name(f->status);
    return f->direction == FERRO_DR_RISING ? "n/a (protective)" : ferro_dr_direction_name(f->direction);
}

static int heatmaps(ferro_report_t *r, const ferro_world_t *w, const screen_data_t *d)
{
    int nc = d->ncell, na = d->nagent, n = nc * na;
    double *pos = ferro_malloc((size_t)(n ? n : 1) * sizeof *pos), *auc = ferro_malloc((size_t)(n ? n : 1) * sizeof *auc);
    const char **rl = ferro_malloc((size_t)(nc ? nc : 1) * sizeof *rl), **cl = ferro_malloc((size_t)(na ? na : 1) * sizeof *cl);
    strtab_t txt, atxt, tip_txt;
    int rc = (!pos || !auc || !rl || !cl) ? FERRO_ENOMEM : 0;
    if (!rc) rc = strtab_init(&txt, n);
    if (!rc && (rc = strtab_init(&atxt, n))) strtab_free(&txt);
    if (!rc && (rc = strtab_init(&tip_txt, n))) { strtab_free(&txt); strtab_free(&atxt); }
    if (rc) { free(pos); free(auc); free(rl); free(cl); return rc; }
    for (int c = 0; c < nc; c++) rl[c] = ferro_world_cell_name(w, d->cell[c]);
    for (int a = 0; a < na; a++) cl[a] = ferro_world_agent_name(w, d->agent[a]);
    for (int c = 0; c < nc; c++)
        for (int a = 0; a < na; a++) {
            const ferro_dr_fit_t *f = fit_at(d, c, a);
            int k = c * na + a;
            double ic = ferro_dr_ic50(f, NULL, NULL), ec = ferro_dr_ec50(f, NULL, NULL);
            if (!isnan(ic)) {
                /* extrapolated: coloured at the end of the range it lies beyond ("<lowest dose" is
                 * what the data show); too wide a CI: grey "~"; the tooltip says why */
                char cell[32], why[256];
                ferro_dr_midpoint_text(f, cell, sizeof cell);
                ferro_dr_midpoint_describe(f, why, sizeof why);
                strtab_str(&txt, k, cell);
                if (why[0]) strtab_str(&tip_txt, k, why);
                pos[k] = f->midpoint_flag == FERRO_DR_MID_BELOW   ? 0
                         : f->midpoint_flag == FERRO_DR_MID_ABOVE ? 1
                         : f->midpoint_flag == FERRO_DR_MID_WIDE_CI
                             ? NAN
                             : (log10(ic) - log10(d->lo[a])) / (log10(d->hi[a]) - log10(d->lo[a]));
            } else if (!isnan(ec)) {
                /* protective: marked, not coloured as if it were a potency */
                pos[k] = NAN;
                strtab_str(&txt, k, "n/a \xe2\x86\x91");
                char tip[400], why[256];
                ferro_dr_midpoint_describe(f, why, sizeof why); /* "" unless the EC50 is extrapolated or imprecise */
                snprintf(tip, sizeof tip, "n/a (protective): viability rises with dose, EC50 %.3g %s%s%s", ec,
                         ferro_world_agent_unit(w, d->agent[a]), why[0] ? "; " : "", why);
                strtab_str(&tip_txt, k, tip);
            } else {
                pos[k] = NAN;
                strtab_str(&txt, k, no_ic50_text(f));
            }
            auc[k] = f->auc_obs;
            strtab_set(&atxt, k, "%.2f", f->auc_obs);
        }
    ferro_report_heading(r, 2, "IC50: cell lines \xc3\x97 agents");
    ferro_report_paragraph(r, "Relative IC50 of the fitted four-parameter logistic, in each agent's unit (agents.tsv). "
                              "Colour: where the IC50 lies in the tested dose range (0 = lowest dose, dark = potent; "
                              "1 = highest dose). \xe2\x80\x9c<0.01\xe2\x80\x9d or \xe2\x80\x9c>100\xe2\x80\x9d: the "
                              "fitted IC50 lies outside the tested doses (the curve is past, or not yet at, its midpoint "
                              "at every dose), so only that bound is known; it is coloured at that end of the scale and "
                              "left out of the selectivity ratios and lineage means. Grey \xe2\x80\x9c~0.5\xe2\x80\x9d: "
                              "inside the range, but its 95% CI spans more than two decades (not located by the data). "
                              "The tooltip gives the fitted value. Grey: no IC50; the cell says why (flat = less than 5 "
                              "viability points of effect over the range). Grey \xe2\x80\x9cn/a \xe2\x86\x91\xe2\x80\x9d: protective "
                              "\xe2\x80\x94 the fitted curve rises with dose (viability above the untreated control, "
                              "e.g. an antioxidant rescuing the control's basal ferroptotic death), so it has no IC50; "
                              "its EC50 (the midpoint of the rise) is in the cell's tooltip and in ic50.tsv (column ec50).");
    ferro_report_heatmap_t h = {.title = "IC50", .row_title = "cell line", .col_title = "agent",
                                .legend = "IC50 position", .nrow = nc, .ncol = na, .row_labels = rl, .col_labels = cl,
                                .value = pos, .cell_text = (const char *const *)txt.cell,
                                .cell_title = (const char *const *)tip_txt.cell, .scale = FERRO_REPORT_SEQUENTIAL,
                                .lo = 0, .hi = 1};
    ferro_report_heatmap(r, &h);
    ferro_report_heading(r, 2, "Area under the dose\xe2\x80\x93response curve");
    ferro_report_paragraph(r, "Mean viability over the tested log10-dose range (trapezoid on the simulated points), "
                              "relative to the untreated population of the same line: 1 = no effect, 0 = complete kill "
                              "at every dose, above 1 = more live cells than the untreated control (a protective agent "
                              "preventing the control's own ferroptotic death, or faster growth). Defined also where no "
                              "curve could be fitted.");
    h.title = "AUC";
    h.legend = "AUC";
    h.value = auc;
    h.cell_text = (const char *const *)atxt.cell;
    h.cell_title = NULL;
    ferro_report_heatmap(r, &h);
    strtab_free(&txt);
    strtab_free(&tip_txt);
    strtab_free(&atxt);
    free(pos);
    free(auc);
    free(rl);
    free(cl);
    return 0;
}

static int selectivity_table(ferro_report_t *r, const ferro_world_t *w, const screen_data_t *d)
{
    ferro_report_heading(r, 2, "Selectivity against normal lymphocytes");
    if (d->normal < 0) {
        ferro_report_paragraph(r, "The cell table has no line of lineage 'normal': no selectivity.");
        return 0;
    }
    ferro_report_paragraph(r, "IC50 of the normal lymphocyte reference divided by the IC50 of each ALL line (> 1: the "
                              "leukaemia line dies at lower doses), only where both IC50s lie in the tested doses with a "
                              "CI within two decades (\xe2\x80\x9c<\xe2\x80\x9d, \xe2\x80\x9c>\xe2\x80\x9d, "
                              "\xe2\x80\x9c~\xe2\x80\x9d: extrapolated or imprecise, no ratio), and the AUC difference "
                              "normal \xe2\x88\x92 ALL (> 0: the ALL line is more sensitive). Full table: "
                              "selectivity.tsv.");
    static const char *hdr[] = {"agent", "unit", "IC50 normal", "mean \xce\x94" "AUC (normal \xe2\x88\x92 ALL)", "most selective line", "its IC50 ratio"};
    strtab_t t;
    if (strtab_init(&t, d->nagent * 6)) return FERRO_ENOMEM;
    for (int a = 0; a < d->nagent; a++) {
        const ferro_dr_fit_t *fn = fit_at(d, d->normal, a);
        double in = ferro_dr_ic50(fn, NULL, NULL), sd = 0, best = NAN;
        int nd = 0, bc = -1;
        for (int c = 0; c < d->ncell; c++) {
            if (c == d->normal) continue;
            const ferro_dr_fit_t *f = fit_at(d, c, a);
            if (!isnan(f->auc_obs) && !isnan(fn->auc_obs)) { sd += fn->auc_obs - f->auc_obs; nd++; }
            double si = ferro_dr_midpoint_supported(f) && ferro_dr_midpoint_supported(fn) ? in / ferro_dr_ic50(f, NULL, NULL) : NAN;
            if (!isnan(si) && (isnan(best) || si > best)) { best = si; bc = c; }
        }
        strtab_str(&t, a * 6, ferro_world_agent_name(w, d->agent[a]));
        strtab_str(&t, a * 6 + 1, ferro_world_agent_unit(w, d->agent[a]));
        if (isnan(in)) strtab_str(&t, a * 6 + 2, no_ic50_text(fn));
        else if (!ferro_dr_midpoint_supported(fn)) {
            char cell[32];
            ferro_dr_midpoint_text(fn, cell, sizeof cell);
            strtab_str(&t, a * 6 + 2, cell);
        } else strtab_set(&t, a * 6 + 2, "%.3g", in);
        strtab_set(&t, a * 6 + 3, "%+.3f", nd ? sd / nd : NAN);
        strtab_str(&t, a * 6 + 4, bc >= 0 ? ferro_world_cell_name(w, d->cell[bc]) : "-");
        strtab_set(&t, a * 6 + 5, "%.3g", best);
    }
    ferro_report_table(r, d->nagent, 6, hdr, (const char *const *)t.cell);
    strtab_free(&t);
    return 0;
}

static int lineage_table(ferro_report_t *r, const ferro_world_t *w, const screen_data_t *d)
{
    ferro_report_heading(r, 2, "T-ALL versus B-ALL");
    ferro_report_paragraph(r, "Mean AUC of the T-ALL and the B-ALL lines (lower = more sensitive), their difference with "
                              "a Welch t-test p-value (few lines: read as a description, not a test of biology), and the "
                              "mean log10 IC50 over the lines with a falling fitted curve whose IC50 lies in the tested "
                              "doses with a CI within two decades (n: how many; protective, rising curves have no IC50, "
                              "extrapolated ones only a bound). Table: lineage.tsv.");
    static const char *hdr[] = {"agent", "AUC T-ALL", "AUC B-ALL", "\xce\x94 (T \xe2\x88\x92 B)", "p (Welch)",
                                "log10 IC50 T-ALL (n)", "log10 IC50 B-ALL (n)"};
    strtab_t t;
    if (strtab_init(&t, d->nagent * 7)) return FERRO_ENOMEM;
    for (int a = 0; a < d->nagent; a++) {
        screen_lineage_t l;
        ferro_screen_lineage(w, d, a, &l);
        char buf[64];
        strtab_str(&t, a * 7, ferro_world_agent_name(w, d->agent[a]));
        strtab_set(&t, a * 7 + 1, "%.3f", l.auc_t);
        strtab_set(&t, a * 7 + 2, "%.3f", l.auc_b);
        strtab_set(&t, a * 7 + 3, "%+.3f", l.auc_t - l.auc_b);
        strtab_set(&t, a * 7 + 4, "%.2g", l.p_auc);
        if (isnan(l.lic50_t)) snprintf(buf, sizeof buf, "NA (%d)", l.nfit_t);
        else snprintf(buf, sizeof buf, "%.2f (%d)", l.lic50_t, l.nfit_t);
        strtab_str(&t, a * 7 + 5, buf);
        if (isnan(l.lic50_b)) snprintf(buf, sizeof buf, "NA (%d)", l.nfit_b);
        else snprintf(buf, sizeof buf, "%.2f (%d)", l.lic50_b, l.nfit_b);
        strtab_str(&t, a * 7 + 6, buf);
    }
    ferro_report_table(r, d->nagent, 7, hdr, (const char *const *)t.cell);
    strtab_free(&t);
    return 0;
}

static int combos(ferro_report_t *r, const ferro_world_t *w, const screen_data_t *d)
{
    ferro_report_heading(r, 2, "Combinations");
    if (!d->ncombo) {
        ferro_report_paragraph(r, "No combinations were run.");
        return 0;
    }
    ferro_report_paragraph(r, "Synergy scores as SynergyFinder computes them, in percentage points of inhibition "
                              "(> 0 synergy, < 0 antagonism): Bliss independence and highest single agent from the "
                              "simulated single agents, Loewe additivity from the fitted single-agent curves, ZIP "
                              "(Yadav et al. 2015). Mean over the combination cells; MSA = the most synergistic 3 \xc3\x97 3 "
                              "dose area (ZIP). A knockdown axis is the fraction by which the gene's expression is "
                              "lowered. Tables: synergy.tsv, synergy_summary.tsv.");
    static const char *hdr[] = {"cell line", "A", "B", "Bliss", "HSA", "Loewe", "ZIP", "ZIP MSA"};
    strtab_t t;
    if (strtab_init(&t, d->ncombo * 8)) return FERRO_ENOMEM;
    for (int k = 0; k < d->ncombo; k++) {
        const ferro_screen_combo_t *c = &d->combo[k];
        char b[128];
        strtab_str(&t, k * 8, ferro_world_cell_name(w, c->cell));
        strtab_str(&t, k * 8 + 1, ferro_world_agent_name(w, c->agent_a));
        strtab_str(&t, k * 8 + 2, ferro_screen_combo_b_name(w, c, b, sizeof b));
        for (int m = 0; m < FERRO_SYN_NMETHODS; m++) strtab_set(&t, k * 8 + 3 + m, "%+.2f", d->syn[k]->mean[m]);
        strtab_set(&t, k * 8 + 7, "%+.2f", d->syn[k]->msa[FERRO_SYN_ZIP]);
    }
    ferro_report_table(r, d->ncombo, 8, hdr, (const char *const *)t.cell);
    strtab_free(&t);
    for (int k = 0; k < d->ncombo; k++) {
        const ferro_screen_combo_t *c = &d->combo[k];
        char title[512], a[160], b[160];
        snprintf(a, sizeof a, "%s (%s)", ferro_world_agent_name(w, c->agent_a), ferro_world_agent_unit(w, c->agent_a));
        if (c->gene_b >= 0) ferro_screen_combo_b_name(w, c, b, sizeof b);
        else snprintf(b, sizeof b, "%s (%s)", ferro_world_agent_name(w, c->agent_b), ferro_world_agent_unit(w, c->agent_b));
        snprintf(title, sizeof title, "%s: %s + %s", ferro_world_cell_name(w, c->cell), a, b);
        ferro_report_synergy(r, title, a, b, d->grid[k], d->syn[k]);
    }
    return 0;
}

static int curves(ferro_report_t *r, const ferro_world_t *w, const screen_data_t *d)
{
    ferro_report_heading(r, 2, "Dose\xe2\x80\x93response curves");
    ferro_report_paragraph(r, "Simulated endpoint viability (points) and the fitted four-parameter logistic (lines), one "
                              "panel per agent; the legend gives each line's IC50, or for a curve that rises with dose "
                              "(protective) its EC50 marked \xe2\x86\x91; \xe2\x80\x9c<\xe2\x80\x9d, "
                              "\xe2\x80\x9c>\xe2\x80\x9d and \xe2\x80\x9c~\xe2\x80\x9d as in the IC50 heat map. "
                              "Table: dose_response.tsv.");
    ferro_report_curve_t *cv = ferro_malloc((size_t)(d->ncell ? d->ncell : 1) * sizeof *cv);
    if (!cv) return FERRO_ENOMEM;
    ferro_report_figures_begin(r);
    for (int a = 0; a < d->nagent; a++) {
        for (int c = 0; c < d->ncell; c++)
            cv[c] = (ferro_report_curve_t){ferro_world_cell_name(w, d->cell[c]), d->dose + (size_t)a * d->ndose,
                                           d->viab + ((size_t)c * d->nagent + a) * d->ndose, NULL, d->ndose, fit_at(d, c, a)};
        char xl[128];
        snprintf(xl, sizeof xl, "dose (%s)", ferro_world_agent_unit(w, d->agent[a]));
        ferro_report_curves(r, ferro_world_agent_name(w, d->agent[a]), xl, d->ncell, cv);
    }
    ferro_report_figures_end(r);
    free(cv);
    return 0;
}

int ferro_screen_write_report(const ferro_world_t *w, const ferro_screen_options_t *o, const screen_data_t *d,
                              const char *path)
{
    ferro_report_t *r;
    int rc = ferro_report_open(path, "ferrosim screen: ferroptosis-targeting agents on ALL cell lines", &r);
    if (rc) return rc;
    char buf[1024];
    snprintf(buf, sizeof buf, "ferrosim %s. %d cell lines \xc3\x97 %d agents, %d doses per curve plus the untreated "
             "reference; %d virtual cells per well (log-normal protein levels, CV %.2f), endpoint %.0f h, seed %lu; "
             "%d combinations as %d \xc3\x97 %d matrices. Viability is relative to the untreated population of the "
             "same line (a CCK-8 reading). These are model predictions, not measurements.",
             ferro_version(), d->ncell, d->nagent, d->ndose - 1, o->ncells_well, o->cv, o->t_end, o->seed, d->ncombo,
             o->nmatrix + 1, o->nmatrix + 1);
    ferro_report_paragraph(r, buf);
    if (!rc) rc = heatmaps(r, w, d);
    if (!rc) rc = selectivity_table(r, w, d);
    if (!rc) rc = lineage_table(r, w, d);
    if (!rc) rc = combos(r, w, d);
    if (!rc && d->why) rc = screen_why_report(r, w, d);
    if (!rc) rc = curves(r, w, d);
    if (rc) { ferro_report_abort(r); return rc; }
    return ferro_report_commit(r);
}
