/* sensitivity.c — one agent's dose series on a personalised condition and its 4PL fit. */
#include "ferrosim/personal.h"
#include "ferrosim/screen.h"

int ferro_personal_sensitivity(const ferro_world_t *w, const ferro_condition_t *tmpl, int agent, int ndose,
                               ferro_personal_sens_t *out)
{
    if (!w || !tmpl || !out) return ferro_error_set(FERRO_EINVAL, "personal sensitivity: missing argument");
    int cap = (int)(sizeof out->dose / sizeof out->dose[0]) - 1;
    if (ndose < 3 || ndose % 2 == 0 || ndose > cap)
        return ferro_error_set(FERRO_EINVAL, "%d doses: need an odd number from 3 to %d (the middle one is the "
                               "reference dose)", ndose, cap - (cap % 2 == 0));
    double lo, hi;
    int rc = ferro_screen_agent_range(w, agent, &lo, &hi);
    if (!rc) rc = ferro_screen_logspace(lo, hi, ndose, out->dose + 1);
    if (rc) return rc;
    out->dose[0] = 0;
    out->ndose = ndose + 1;
    if ((rc = ferro_screen_dose_series(w, tmpl, agent, out->dose, out->ndose, out->viab))) return rc;
    out->ref_dose = out->dose[1 + ndose / 2];
    out->viab_ref = out->viab[1 + ndose / 2];
    return ferro_dr_fit(out->dose, out->viab, out->ndose, NULL, &out->fit);
}
