/* synergy_internal.h — the per-method reference models (not public API). */
#ifndef FERRO_SYNERGY_INTERNAL_H
#define FERRO_SYNERGY_INTERNAL_H

#include "ferrosim/synergy.h"

/* Fitted single-agent % inhibition at dose x (NAN if the fit failed). */
double ferro_syn_fitted_inhib(const ferro_dr_fit_t *fit, double x);
/* Loewe reference for the whole grid into s->expected[LOEWE]; sets loewe_ok / loewe_fallback. */
int ferro_syn_loewe(const ferro_grid_t *g, ferro_synergy_t *s);
/* ZIP: reference into s->expected[ZIP] and delta into s->score[ZIP]. */
int ferro_syn_zip(const ferro_grid_t *g, ferro_synergy_t *s);

#endif
