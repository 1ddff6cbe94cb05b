/* doseresp_internal.h — helpers shared by the dose–response files (not public API). */
#ifndef FERRO_DOSERESP_INTERNAL_H
#define FERRO_DOSERESP_INTERNAL_H

#include "ferrosim/doseresp.h"

double ferro_dr_logistic_q(double z);          /* 1 / (1 + exp(z)), overflow-safe */
double ferro_dr_dose_at(const ferro_dr_fit_t *fit, double y); /* inverse within tested doses */
double ferro_dr_auc_fit(const ferro_dr_fit_t *fit);
/* FERRO_DR_MID_* of a fit whose est, CI, se, status, direction and dose range are set. */
int ferro_dr_midpoint_flag_of(const ferro_dr_fit_t *fit, double max_ci_decades);
double ferro_dr_auc_points(const double *udose, const double *mean, int ndose);

#endif
