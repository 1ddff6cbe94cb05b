# make_reference.R — reference 4PL fits for tests/doseresp, computed with R's stats::nls.
# Run from this folder:  Rscript make_reference.R
# Writes measured.tsv (drug, dose, viability; replicates) and nls_reference.tsv.
# Model (same parametrisation as ferro_dr_fit):
#   v = bottom + (top - bottom) / (1 + exp(hill * (log(dose) - lc))),  ic50 = exp(lc)
# CIs: estimate -+ qt(0.975, df) * SE (for ic50: exp(lc -+ qt * SE(lc))).
# dose_v50: uniroot of fitted - 0.5 within the tested positive doses; auc: integrate() of the
# fitted curve over log10 dose between the smallest positive and the largest dose, / width.
set.seed(20240611)
f4 <- function(x, b, t, lc, h) b + (t - b) / (1 + exp(h * (log(x) - lc)))
doses1 <- c(0, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30)
doses2 <- 10^seq(-2, 2, length.out = 10)
sets <- list(
  list(drug = "erastin",  dose = rep(doses1, each = 3), b = 0.08, t = 1.0, lc = log(0.8), h = 1.3, sd = 0.04),
  list(drug = "RSL3",     dose = doses2,                b = 0.15, t = 0.97, lc = log(0.5), h = 2.5, sd = 0.02),
  list(drug = "sorafenib", dose = rep(doses2, each = 2), b = 0.35, t = 1.02, lc = log(4), h = 0.9, sd = 0.03))
dat <- do.call(rbind, lapply(sets, function(s) {
  v <- f4(s$dose, s$b, s$t, s$lc, s$h) + rnorm(length(s$dose), 0, s$sd)
  data.frame(drug = s$drug, dose = s$dose, viability = round(v, 4))
}))
write.table(dat, "measured.tsv", sep = "\t", quote = FALSE, row.names = FALSE)

ref <- NULL
add <- function(drug, what, est, se = NA, lo = NA, hi = NA)
  ref <<- rbind(ref, data.frame(drug = drug, what = what, estimate = est, se = se, lo = lo, hi = hi))
for (s in sets) {
  d <- dat[dat$drug == s$drug, ]
  fit <- nls(viability ~ b + (t - b) / (1 + exp(h * (log(dose) - lc))), data = d,
             start = list(b = s$b + 0.05, t = s$t - 0.03, lc = s$lc + 0.3, h = s$h * 0.8),
             control = nls.control(tol = 1e-7, maxiter = 500))
  co <- summary(fit)$coefficients
  df <- df.residual(fit)
  q <- qt(0.975, df)
  est <- co[, 1]; se <- co[, 2]
  add(s$drug, "bottom", est["b"], se["b"], est["b"] - q * se["b"], est["b"] + q * se["b"])
  add(s$drug, "top", est["t"], se["t"], est["t"] - q * se["t"], est["t"] + q * se["t"])
  add(s$drug, "ic50", exp(est["lc"]), se["lc"], exp(est["lc"] - q * se["lc"]), exp(est["lc"] + q * se["lc"]))
  add(s$drug, "hill", est["h"], se["h"], est["h"] - q * se["h"], est["h"] + q * se["h"])
  rss <- sum(resid(fit)^2)
  add(s$drug, "rss", rss)
  add(s$drug, "r2", 1 - rss / sum((d$viability - mean(d$viability))^2))
  add(s$drug, "df", df)
  lo <- min(d$dose[d$dose > 0]); hi <- max(d$dose)
  g <- function(x) f4(x, est["b"], est["t"], est["lc"], est["h"]) - 0.5
  v50 <- if (g(lo) * g(hi) < 0) uniroot(g, c(lo, hi), tol = 1e-14)$root else NA
  add(s$drug, "dose_v50", v50)
  auc <- integrate(function(u) f4(10^u, est["b"], est["t"], est["lc"], est["h"]),
                   log10(lo), log10(hi), rel.tol = 1e-12)$value / (log10(hi) - log10(lo))
  add(s$drug, "auc", auc)
}

# A fit with bottom and top held fixed (0 and 1): the two-parameter log-logistic.
d <- dat[dat$drug == "erastin", ]
fit <- nls(viability ~ 1 / (1 + exp(h * (log(dose) - lc))), data = d,
           start = list(lc = log(1), h = 1), control = nls.control(tol = 1e-7, maxiter = 500))
co <- summary(fit)$coefficients; q <- qt(0.975, df.residual(fit))
add("erastin_fixed01", "ic50", exp(co["lc", 1]), co["lc", 2], exp(co["lc", 1] - q * co["lc", 2]), exp(co["lc", 1] + q * co["lc", 2]))
add("erastin_fixed01", "hill", co["h", 1], co["h", 2], co["h", 1] - q * co["h", 2], co["h", 1] + q * co["h", 2])
add("erastin_fixed01", "rss", sum(resid(fit)^2))

ref$estimate <- signif(ref$estimate, 12); ref$se <- signif(ref$se, 12)
ref$lo <- signif(ref$lo, 12); ref$hi <- signif(ref$hi, 12)
cat("# stats::nls reference (", R.version.string, "), made by make_reference.R\n", file = "nls_reference.tsv", sep = "")
suppressWarnings(write.table(ref, "nls_reference.tsv", sep = "\t", quote = FALSE, row.names = FALSE, append = TRUE))
