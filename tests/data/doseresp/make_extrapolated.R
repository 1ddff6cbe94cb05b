# make_extrapolated.R — hand-made dose-response data for the midpoint flag (tests/doseresp):
# four drugs on the doses 0, 0.01 ... 100 (half-log steps), three wells each, plate noise SD 0.02.
#   dead:  viability 0.05 at every tested dose (1 untreated): entirely below 50%, the curve is past
#          its midpoint everywhere, so the data say only "IC50 < 0.01". The 4PL still converges
#          (here to a near-zero Hill slope, a flat curve at 0.055 with its "midpoint" inside the
#          range and a CI of 0 to infinity): midpoint_flag wide_ci
#   tail:  the end of a fall (bottom 0, top 1, IC50 0.001, Hill 0.8): entirely below 50%, the
#          fitted midpoint below the lowest dose: below_range
#   late:  the start of a fall (bottom 0, top 1, IC50 300, Hill 1): entirely above 50%; the 4PL
#          converges to a bottom of -2.7 and an IC50 of about 5900, far above the highest dose:
#          above_range
#   cross: a full curve through 50% (bottom 0.05, top 1, IC50 1, Hill 1.2): in_range
# Run from this folder:  Rscript make_extrapolated.R   (writes extrapolated.tsv)
set.seed(3)
f4 <- function(x, b, t, c, h) ifelse(x == 0, t, b + (t - b) / (1 + (x / c)^h))
dose <- rep(c(0, 10^seq(-2, 2, by = 0.5)), each = 3)
sets <- list(dead = function(x) ifelse(x == 0, 1, 0.05), late = function(x) f4(x, 0, 1, 300, 1),
             cross = function(x) f4(x, 0.05, 1, 1, 1.2), tail = function(x) f4(x, 0, 1, 0.001, 0.8))
dat <- do.call(rbind, lapply(names(sets), function(n)
  data.frame(drug = n, dose = signif(dose, 6), viability = round(sets[[n]](dose) + rnorm(length(dose), 0, 0.02), 4))))
cat("# make_extrapolated.R: hand-made curves for the midpoint flag (see the script)\n", file = "extrapolated.tsv")
suppressWarnings(write.table(dat, "extrapolated.tsv", sep = "\t", quote = FALSE, row.names = FALSE, append = TRUE))
