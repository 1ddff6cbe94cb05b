/* flag.c — whether the data support a fitted midpoint (IC50 / EC50): inside the tested doses and
 * located by them (a CI of bounded width), and how the tables and the report say so. */
#include "ferrosim/doseresp.h"
#include "doseresp/doseresp_internal.h"

#include <math.h>
#include <stdio.h>

const char *ferro_dr_midpoint_flag_name(int flag)
{
    static const char *names[] = {"NA", "in_range", "below_range", "above_range", "wide_ci"};
    return flag >= 0 && flag <= FERRO_DR_MID_WIDE_CI ? names[flag] : "NA";
}

/* Out of the tested positive doses first (the more telling verdict: only a bound is supported),
 * then the CI's width; an exact fit (no SE) has no CI to judge. */
int ferro_dr_midpoint_flag_of(const ferro_dr_fit_t *fit, double max_ci_decades)
{
    if (!fit || fit->status != FERRO_DR_OK || (fit->direction != FERRO_DR_FALLING && fit->direction != FERRO_DR_RISING))
        return FERRO_DR_MID_NA;
    double c = fit->est[FERRO_DR_IC50], lo = fit->ci_lo[FERRO_DR_IC50], hi = fit->ci_hi[FERRO_DR_IC50];
    if (c < fit->dose_min * (1 - 1e-12)) return FERRO_DR_MID_BELOW;
    if (c > fit->dose_max * (1 + 1e-12)) return FERRO_DR_MID_ABOVE;
    if (max_ci_decades > 0 && !isnan(fit->se[FERRO_DR_IC50]) &&
        (!(lo > 0) || !isfinite(hi) || log10(hi) - log10(lo) > max_ci_decades))
        return FERRO_DR_MID_WIDE_CI;
    return FERRO_DR_MID_IN_RANGE;
}

int ferro_dr_midpoint_supported(const ferro_dr_fit_t *fit)
{
    return fit && fit->status == FERRO_DR_OK && fit->midpoint_flag == FERRO_DR_MID_IN_RANGE;
}

void ferro_dr_midpoint_text(const ferro_dr_fit_t *fit, char *buf, size_t n)
{
    if (!buf || !n) return;
    if (!fit || fit->midpoint_flag == FERRO_DR_MID_NA) { snprintf(buf, n, "NA"); return; }
    switch (fit->midpoint_flag) {
    case FERRO_DR_MID_BELOW: snprintf(buf, n, "<%.3g", fit->dose_min); break;
    case FERRO_DR_MID_ABOVE: snprintf(buf, n, ">%.3g", fit->dose_max); break;
    case FERRO_DR_MID_WIDE_CI: snprintf(buf, n, "~%.2g", fit->est[FERRO_DR_IC50]); break;
    default: snprintf(buf, n, "%.2g", fit->est[FERRO_DR_IC50]);
    }
}

void ferro_dr_midpoint_describe(const ferro_dr_fit_t *fit, char *buf, size_t n)
{
    if (!buf || !n) return;
    buf[0] = 0;
    if (!fit || fit->midpoint_flag == FERRO_DR_MID_NA || fit->midpoint_flag == FERRO_DR_MID_IN_RANGE) return;
    const char *what = fit->direction == FERRO_DR_RISING ? "EC50" : "IC50";
    double c = fit->est[FERRO_DR_IC50], lo = fit->ci_lo[FERRO_DR_IC50], hi = fit->ci_hi[FERRO_DR_IC50];
    switch (fit->midpoint_flag) {
    case FERRO_DR_MID_BELOW:
        snprintf(buf, n, "fitted %s %.3g lies below the lowest tested dose %.3g: extrapolated, the data show only "
                 "that it is < %.3g", what, c, fit->dose_min, fit->dose_min);
        break;
    case FERRO_DR_MID_ABOVE:
        snprintf(buf, n, "fitted %s %.3g lies above the highest tested dose %.3g: extrapolated, the data show only "
                 "that it is > %.3g", what, c, fit->dose_max, fit->dose_max);
        break;
    default:
        snprintf(buf, n, "fitted %s %.3g has a confidence interval of %.3g to %.3g: the data do not locate it", what,
                 c, lo, hi);
    }
}
