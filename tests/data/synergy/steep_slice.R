# steep_slice.R — why the ZIP refit of one slice of steep_matrix.tsv (a 20-cells-per-well
# erastin x RSL3 matrix, row erastin = 31.6228: RSL3 varied with the response at RSL3 0 held at
# erastin's fitted viability 0.00363 and the maximum at 100% inhibition) has no fitted curve:
# fit.c reports "singular", R's nls (synergy_reference.R) reports a fit with Hill slope ~18.
# Run from this folder:  Rscript steep_slice.R   (writes steep_slice_reference.tsv)
# The slice has one dose inside the fall (0.0316, viability 0.0006); the others are at the fixed top
# (doses <= 0.01) or at 0 (>= 0.1). One point cannot fix both the midpoint and the slope: along the
# ridge of (lc, h) that passes through it the residual sum of squares keeps falling as h grows
# (profile below) and has no minimum at a finite slope (its infimum is a step at ~0.031). nls stops
# at h ~ 18 only through its relative-offset test (scaleOffset 1e-4, far above these residuals);
# there the Jacobian's singular values differ by a factor ~1e-9, so J'J is singular to working
# precision (R's own solve() refuses it) and restarting nls from its own answer fails with
# "singular gradient". fit.c's Levenberg-Marquardt goes further along the ridge (h ~ 26, a lower
# RSS) where the Jacobian is rank-deficient to 1e3 x machine epsilon: "singular" is the honest
# status; the R fit's h ~ 18 is an artefact of where its convergence test fired.
lines <- readLines("synergy_reference.R")
eval(parse(text = lines[1:(grep("^args <-", lines) - 1)]))
m <- read_matrix("steep_matrix.tsv"); da <- m$da; db <- m$db; V <- m$V
fa <- fit4(da, V[, 1])
i <- which(abs(da - 31.6228) < 1e-3)
top <- 1 - 100 * (1 - pred(fa, da[i])) / 100   # as scores(): the fixed top is A's fitted viability
x <- db[-1]; y <- V[i, -1]
f <- fit4(x, y, fix_b = 0, fix_t = top)
stopifnot(f$status == "ok")
rss <- function(lc, h) sum((y - ll4(x, 0, top, lc, h))^2)
J <- attr(ll4_grad(x, 0, top, f$lc, f$h, c("lc", "h")), "gradient")
sv <- svd(J)$d
rc <- rcond(crossprod(J))
restart <- tryCatch({
  nls(y ~ ll4_grad(x, 0, top, lc, h, c("lc", "h")), data = list(x = x, y = y), start = list(lc = f$lc, h = f$h),
      control = nls.control(tol = 1e-7, maxiter = 500, minFactor = 1e-12, scaleOffset = 1e-4)); "converged"
}, error = function(e) conditionMessage(e))
out <- data.frame(what = c("a_dose", "fix_top", "nls_lc", "nls_h", "nls_rss", "nls_sv_ratio", "nls_rcond_JtJ"),
                  value = c(da[i], top, f$lc, f$h, rss(f$lc, f$h), sv[2] / sv[1], rc))
for (h in c(6, 10, 18, 25, 40, 80)) {
  o <- optimize(function(lc) rss(lc, h), c(log(0.01), log(0.1)), tol = 1e-12)
  out <- rbind(out, data.frame(what = c(sprintf("profile_lc_h%g", h), sprintf("profile_rss_h%g", h)),
                               value = c(o$minimum, o$objective)))
}
cat("# steep_slice.R (", R.version.string, "): ZIP row refit of steep_matrix.tsv at erastin ", da[i],
    "; nls restarted from its own answer: ", restart, "\n", file = "steep_slice_reference.tsv", sep = "")
out$value <- signif(out$value, 15)
write.table(out, "steep_slice_reference.tsv", sep = "\t", quote = FALSE, row.names = FALSE, append = TRUE)
