# synergy_reference.R — an independent R implementation of the four synergy scores as
# SynergyFinder defines them (see include/ferrosim/synergy.h), with stats::nls for the 4PL fits
# and uniroot for Loewe; used as the reference for tests/synergy on a noisy matrix and as the
# peer in bench/combo.sh.
#   Rscript synergy_reference.R make            -> writes noisy.tsv and noisy_reference.tsv here
#   Rscript synergy_reference.R score IN.tsv    -> prints the per-cell scores of a matrix (TSV),
#                                                  after one '#' line: fit statuses, Loewe fallbacks,
#                                                  ZIP refits without a fit
#   Rscript synergy_reference.R time IN.tsv N   -> seconds per matrix for the scoring (mean of N)
# Model on the viability scale: v = b + (t - b) / (1 + exp(h (log x - lc))); % inhibition = 100 (1 - v).
# The fits follow src/doseresp/fit.c in what they decide, not in how: the same parameters (log
# IC50), the same starts (b, t from the means at the highest and lowest dose, lc where the means
# cross the midpoint, Hill 1, 3, 0.4), the lowest residual sum of squares among the converged
# starts, and the same statuses (ok, flat, single_dose, too_few_doses, no_convergence, singular);
# the optimiser is R's (nls Gauss-Newton, relative-offset test 1e-7) with the analytic Jacobian
# (with nls's finite differences the offset test stalls near 1.6e-7 on smooth data, and fits at
# the optimum were reported as failures) and scaleOffset 1e-4 (?nls: the offset test divides by
# the residual SD, so exact, noise-free matrices never converged; 1e-4 viability is far below
# any assay noise and leaves noisy fits unchanged).
# Where Gauss-Newton fails from all three starts, the same starts with nls's "port" (nl2sol, a
# trust-region method like fit.c's Levenberg-Marquardt) are tried before giving up.
# Known difference: ZIP refits of slices where (nearly) every cell is dead and the fixed top
# (the single agent's fitted viability there) is about 0 or below are ill-posed (no finite least-
# squares optimum, or a step-like one); which of them an optimiser accepts differs between nls
# and fit.c, and a slice fitted on one side and kept observed on the other differs in ZIP by up
# to half its observed % viability. The '#' line of `score` lists the refits kept as observed;
# `ferrosim combo --json` gives the same as "zip_refits" (bench/synergy_compare.py compares them).
# steep_slice.R works one such slice through (steep_matrix.tsv, erastin 31.6228): nls's Hill slope
# ~18 there is where its offset test fired on a ridge without a minimum, fit.c's "singular" honest.
# Without a single-agent fit (status not ok), as src/synergy: Loewe is NA on the combination
# cells and ZIP uses the observed single-agent responses.
ll4 <- function(x, b, t, lc, h) {
  q <- ifelse(x == 0, if (h > 0) 1 else if (h < 0) 0 else 0.5, plogis(-h * (log(x) - lc)))
  b + (t - b) * q
}
# the same with the Jacobian over the free parameters (names in `free`, in the order of nls's start)
ll4_grad <- function(x, b, t, lc, h, free) {
  pos <- x > 0
  lx <- ifelse(pos, log(x) - lc, 0)
  q <- ifelse(pos, plogis(-h * lx), if (h > 0) 1 else if (h < 0) 0 else 0.5)
  dq <- ifelse(pos, -q * (1 - q), 0)     # dq/dz, z = h (log x - lc)
  v <- b + (t - b) * q
  attr(v, "gradient") <- cbind(b = 1 - q, t = q, lc = -(t - b) * dq * h, h = (t - b) * dq * lx)[, free, drop = FALSE]
  v
}

fit4 <- function(x, y, fix_b = NA, fix_t = NA, flat_tol = 0, min_df = 0) {
  ux <- sort(unique(x)); m <- sapply(ux, function(u) mean(y[x == u]))
  nfree <- 2 + is.na(fix_b) + is.na(fix_t); df <- length(x) - nfree
  # the checks before fitting, in fit.c's order (src/synergy fits with flat_tol = 0, min_df = 0)
  if (length(ux) == 1) return(list(status = "single_dose"))
  if (diff(range(m)) < flat_tol) return(list(status = "flat"))
  if (length(ux) < nfree || sum(ux > 0) < 2 || df < min_df || df < 0) return(list(status = "too_few_doses"))
  t0 <- if (is.na(fix_t)) m[1] else fix_t
  b0 <- if (is.na(fix_b)) m[length(m)] else fix_b
  pos <- ux > 0; lx <- log(ux[pos]); mp <- m[pos]; mid <- (t0 + b0) / 2
  lc0 <- mean(range(lx))
  for (i in seq_along(mp)[-1]) {
    a <- mp[i - 1] - mid; bb <- mp[i] - mid
    if (a == 0) { lc0 <- lx[i - 1]; break }
    if (a * bb < 0) { lc0 <- lx[i - 1] + (lx[i] - lx[i - 1]) * a / (a - bb); break }
  }
  best <- NULL; why <- character(0)
  # Gauss-Newton first; only if it fails from every start, the same starts with nl2sol ("port")
  for (alg in c("default", "port")) {
    for (h0 in c(1, 3, 0.4)) {
      st <- list(b = b0, t = t0, lc = lc0, h = h0)[c(is.na(fix_b), is.na(fix_t), TRUE, TRUE)]
      f <- bquote(y ~ ll4_grad(x, .(if (is.na(fix_b)) quote(b) else fix_b), .(if (is.na(fix_t)) quote(t) else fix_t),
                               lc, h, .(names(st))))
      fit <- tryCatch(nls(as.formula(f, env = environment()), data = list(x = x, y = y), start = st, algorithm = alg,
                          control = nls.control(tol = 1e-7, maxiter = 500, minFactor = 1e-12, scaleOffset = 1e-4)),
                      error = function(e) { why <<- c(why, paste0(alg, ": ", conditionMessage(e))); NULL })
      if (!is.null(fit) && (is.null(best) || deviance(fit) < deviance(best))) best <- fit
    }
    if (!is.null(best)) break
  }
  if (nzchar(Sys.getenv("SYN_DEBUG")) && length(why)) message(paste(why, collapse = "; "))
  # nls stops with "singular gradient" where fit.c's Levenberg-Marquardt may converge to a
  # parameter set with a singular covariance: both are "singular", neither gives a curve
  if (is.null(best)) return(list(status = if (any(grepl("singular", why))) "singular" else "no_convergence"))
  co <- coef(best)
  list(status = "ok", b = if (is.na(fix_b)) co[["b"]] else fix_b, t = if (is.na(fix_t)) co[["t"]] else fix_t,
       lc = co[["lc"]], h = co[["h"]])
}
pred <- function(f, x) ll4(x, f$b, f$t, f$lc, f$h)
inv <- function(f, v) { r <- (f$t - v) / (v - f$b); ifelse(r > 0, exp(f$lc + log(r) / f$h), NaN) }

scores <- function(da, db, V) {   # V: viability matrix, rows = doses of A (da[1] = 0), cols = B
  na <- length(da); nb <- length(db); Y <- 100 * (1 - V)
  bliss <- hsa <- loewe <- zip <- matrix(0, na, nb)
  fa <- fit4(da, V[, 1]); fb <- fit4(db, V[1, ])
  loewe_ok <- fa$status == "ok" && fb$status == "ok"; fallback <- 0
  span <- function(f) sort(100 * (1 - c(f$t, f$b)))
  for (i in 2:na) for (j in 2:nb) {
    ya <- Y[i, 1]; yb <- Y[1, j]
    bliss[i, j] <- Y[i, j] - (ya + yb - ya * yb / 100)
    hsa[i, j] <- Y[i, j] - max(ya, yb)
    if (!loewe_ok) { loewe[i, j] <- NA; next }
    g <- function(y) da[i] / inv(fa, 1 - y / 100) + db[j] / inv(fb, 1 - y / 100) - 1
    sa <- span(fa); sb <- span(fb); lo <- max(sa[1], sb[1]); hi <- min(sa[2], sb[2])
    e <- NA
    if (hi > lo) {
      ys <- lo + (hi - lo) / (1 + exp(-seq(-28, 28, length.out = 161)))
      gs <- sapply(ys, g)
      k <- which(is.finite(gs[-1]) & is.finite(gs[-length(gs)]) & sign(gs[-1]) != sign(gs[-length(gs)]))
      if (length(k)) e <- uniroot(g, ys[c(k[1], k[1] + 1)], tol = 1e-13)$root
    }
    if (is.na(e)) { fallback <- fallback + 1; e <- max(100 * (1 - pred(fa, da[i] + db[j])), 100 * (1 - pred(fb, da[i] + db[j]))) }
    loewe[i, j] <- Y[i, j] - min(e, 100)
  }
  ya <- if (fa$status == "ok") 100 * (1 - pred(fa, da)) else Y[, 1]
  yb <- if (fb$status == "ok") 100 * (1 - pred(fb, db)) else Y[1, ]
  colfit <- rowfit <- matrix(NA, na, nb); nofit <- character(0)
  for (j in 2:nb) {
    f <- fit4(da[-1], V[-1, j], fix_b = 0, fix_t = 1 - yb[j] / 100)
    if (f$status != "ok") nofit <- c(nofit, sprintf("B = %g %s", db[j], f$status))
    colfit[-1, j] <- if (f$status != "ok") Y[-1, j] else 100 * (1 - pred(f, da[-1]))
  }
  for (i in 2:na) {
    f <- fit4(db[-1], V[i, -1], fix_b = 0, fix_t = 1 - ya[i] / 100)
    if (f$status != "ok") nofit <- c(nofit, sprintf("A = %g %s", da[i], f$status))
    rowfit[i, -1] <- if (f$status != "ok") Y[i, -1] else 100 * (1 - pred(f, db[-1]))
  }
  for (i in 2:na) for (j in 2:nb)
    zip[i, j] <- (colfit[i, j] + rowfit[i, j]) / 2 - (ya[i] + yb[j] - ya[i] * yb[j] / 100)
  out <- expand.grid(j = 1:nb, i = 1:na)
  s <- data.frame(dose_a = da[out$i], dose_b = db[out$j], bliss = bliss[cbind(out$i, out$j)], hsa = hsa[cbind(out$i, out$j)],
                  loewe = loewe[cbind(out$i, out$j)], zip = zip[cbind(out$i, out$j)])
  attr(s, "info") <- sprintf("single-agent fits: A %s, B %s; Loewe fallback cells: %s", fa$status, fb$status,
                             if (loewe_ok) fallback else "NA (no Loewe without both fits)")
  attr(s, "info") <- paste0(attr(s, "info"), "; ZIP refits kept as observed: ",
                            if (length(nofit)) paste(nofit, collapse = ", ") else "none")
  s
}

read_matrix <- function(path) {
  d <- read.delim(path, comment.char = "#")
  da <- sort(unique(d$dose_a)); db <- sort(unique(d$dose_b))
  V <- matrix(NA, length(da), length(db))
  for (i in seq_along(da)) for (j in seq_along(db))
    V[i, j] <- mean(d$viability[d$dose_a == da[i] & d$dose_b == db[j]])
  list(da = da, db = db, V = V)
}

args <- commandArgs(trailingOnly = TRUE)
if (length(args) >= 1 && args[1] == "make") {
  # A 6 x 6 matrix: Bliss-type interaction with a potency shift (k = 2.5), unequal maximal
  # effects (A to 5%, B to 40% viability), Hill 1.4 and 0.8, and noise (SD 0.02).
  set.seed(7)
  da <- c(0, 0.1, 0.3, 1, 3, 10); db <- c(0, 0.5, 1.5, 5, 15, 50)
  V <- outer(da, db, function(a, b) {
    al <- (a / 1.2)^1.4; be <- (b / 6)^0.8
    0.05 + 0.95 * (0.4 + 0.6 / (1 + be)) / (1 + al * (1 + 2.5 * be / (1 + be)))
  })
  V <- V + matrix(rnorm(length(V), 0, 0.02), nrow(V)); V[1, 1] <- 1
  V <- round(V, 5)
  g <- expand.grid(j = seq_along(db), i = seq_along(da))
  write.table(data.frame(drug_a = "A", dose_a = da[g$i], drug_b = "B", dose_b = db[g$j], viability = V[cbind(g$i, g$j)]),
              "noisy.tsv", sep = "\t", quote = FALSE, row.names = FALSE)
  s <- scores(da, db, V)
  cat("# synergy_reference.R (", R.version.string, ") on noisy.tsv; ", attr(s, "info"), "\n",
      file = "noisy_reference.tsv", sep = "")
  s[] <- lapply(s, signif, 12)
  suppressWarnings(write.table(s, "noisy_reference.tsv", sep = "\t", quote = FALSE,
                               row.names = FALSE, append = TRUE))
} else if (length(args) >= 2 && args[1] == "score") {
  m <- read_matrix(args[2])
  s <- scores(m$da, m$db, m$V)
  cat("# ", attr(s, "info"), "\n", sep = "")
  s[] <- lapply(s, signif, 12)
  write.table(s, stdout(), sep = "\t", quote = FALSE, row.names = FALSE)
} else if (length(args) >= 3 && args[1] == "time") {
  m <- read_matrix(args[2]); n <- as.integer(args[3])
  el <- system.time(for (k in seq_len(n)) scores(m$da, m$db, m$V))[["elapsed"]]
  cat(sprintf("%.6f\n", el / n))
} else {
  message("usage: Rscript synergy_reference.R make | score IN.tsv | time IN.tsv N")
  quit(status = 2)
}
