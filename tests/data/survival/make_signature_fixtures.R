# make_signature_fixtures.R — R's answers for tests/survival/test_signature.c: the statistics of
# `ferrosim signature build` on the ALL cohort (B-ALL relapse-free survival, all FerrDb genes on
# the array, no DE step, seed 1) given the genes it selects, and of `apply` on T-ALL. The
# time-dependent AUC reference is an independent R implementation of the IPCW cumulative/dynamic
# estimator (Uno 2007; censoring KM by survfit) — no CRAN package for it is in Debian.
# R 4.2.2, survival 3.5. Run from the project root: Rscript tests/data/survival/make_signature_fixtures.R
suppressMessages(library(survival))
out <- "tests/data/survival"
fmt <- function(v) ifelse(is.na(v), "NA", trimws(formatC(v, digits = 17, format = "g")))
kv <- function(l, f) write.table(data.frame(key = names(l), value = fmt(unlist(l))), file.path(out, f),
                                 sep = "\t", quote = FALSE, row.names = FALSE)
s <- read.delim("data/cohorts/ALL/samples.tsv", colClasses = c(sample = "character"))
e <- read.delim(gzfile("data/cohorts/ALL/expr_genes.tsv.gz"), check.names = FALSE, row.names = 1)
# the genes ferrosim selected (univariate p < 0.05 among the 295 FerrDb genes on the array, then
# LASSO-Cox lambda.min with 10 random folds, seed 1)
genes <- c("GJA1", "WWTR1", "PARP2", "CAV1", "IDO1", "IL6", "OTUB1", "ACO1", "KDM6B", "PPARA")
tab <- function(lin) {
  b <- s[s$lineage == lin, ]
  na.omit(data.frame(time = b$rfs_days, status = b$rfs_event, t(e[genes, b$sample]), check.names = FALSE))
}
ipcw_auc <- function(time, status, m, t) {
  G <- survfit(Surv(time, 1 - status) ~ 1)
  Gat <- function(u, left) { k <- if (left) G$time < u else G$time <= u; if (any(k)) tail(G$surv[k], 1) else 1 }
  cases <- which(time <= t & status == 1); ctrl <- which(time > t)
  wi <- sapply(time[cases], Gat, left = TRUE); gt <- Gat(t, FALSE)
  num <- sum(sapply(seq_along(cases), function(k) sum((m[cases[k]] > m[ctrl]) + 0.5 * (m[cases[k]] == m[ctrl])) / (wi[k] * gt)))
  num / (sum(1 / (wi * gt)) * length(ctrl))
}
evalref <- function(d, beta, cut, prefix) {
  risk <- as.vector(as.matrix(d[, genes]) %*% beta)
  hi <- risk > cut
  sd <- survdiff(Surv(d$time, d$status) ~ hi)
  hr <- summary(coxph(Surv(d$time, d$status) ~ as.numeric(hi)))$conf.int
  cc <- concordance(Surv(d$time, d$status) ~ risk, reverse = TRUE)
  q <- quantile(d$time[d$status == 1], c(0.25, 0.5, 0.75))
  l <- list(n = nrow(d), high = sum(hi), chisq = sd$chisq, p = pchisq(sd$chisq, 1, lower.tail = FALSE),
            hr = hr[1, 1], hr_lo = hr[1, 3], hr_hi = hr[1, 4], cindex = cc$concordance,
            t1 = q[[1]], t2 = q[[2]], t3 = q[[3]])
  for (k in 1:3) l[[paste0("auc", k)]] <- ipcw_auc(d$time, d$status, risk, q[[k]])
  l
}
b <- tab("B")
f <- coxph(Surv(time, status) ~ ., data = b)
cut <- median(f$linear.predictors + sum(coef(f) * f$means))
l <- c(as.list(setNames(coef(f), paste0("coef_", genes))), as.list(setNames(sqrt(diag(f$var)), paste0("se_", genes))),
       list(cutoff = cut), evalref(b, coef(f), cut, "train"))
uni <- sapply(c("GJA1", "CAV1", "IDO1"), function(g) summary(coxph(Surv(b$time, b$status) ~ b[[g]]))$coefficients[1, 5])
l <- c(l, as.list(setNames(uni, paste0("uni_p_", names(uni)))))
kv(l, "ref_signature_build.tsv")
kv(evalref(tab("T"), coef(f), cut, "apply"), "ref_signature_apply.tsv")
