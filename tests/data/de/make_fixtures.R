#!/usr/bin/env Rscript
# tests/data/de/make_fixtures.R — reference results for tests/de from R 4.2 + limma 3.54 (Debian).
# Run from the project root:  Rscript tests/data/de/make_fixtures.R
# Writes tests/data/de/*.tsv: synthetic data (with ties, NAs, an all-NA gene, a gene with one
# group missing, a constant gene) and the ALL cohort (T-ALL vs B-ALL, data/cohorts/ALL), and the
# limma / Welch / Wilcoxon results R computes on exactly those files.
suppressMessages(library(limma))
out <- "tests/data/de"
fmt <- function(v) ifelse(is.na(v), "NA", formatC(v, digits = 17, format = "g"))
write_res <- function(df, path, header) {
  con <- file(path, "w")
  writeLines(header, con)
  writeLines(paste(names(df), collapse = "\t"), con)
  cols <- lapply(df, function(v) if (is.numeric(v)) fmt(v) else as.character(v))
  writeLines(do.call(paste, c(cols, sep = "\t")), con)
  close(con)
}
run_all <- function(y, g, A, B, tag, keep = seq_len(nrow(y)), design = NULL, coef = NULL) {
  use <- g %in% c(A, B)
  ys <- y[, use, drop = FALSE]; gs <- g[use]
  d <- model.matrix(~ factor(gs, levels = c(B, A)))
  for (trend in c(FALSE, TRUE)) {
    if (trend && anyNA(rowMeans(ys, na.rm = TRUE))) next   # limma stops: NA covariate values not allowed
    fit <- eBayes(lmFit(ys, d), trend = trend)
    tt <- topTable(fit, coef = 2, number = Inf, sort.by = "none")
    res <- data.frame(id = rownames(ys), logFC = tt$logFC, AveExpr = tt$AveExpr, t = tt$t, p = tt$P.Value,
                      adj_p = tt$adj.P.Val, B = tt$B, df = fit$df.total, s2_post = fit$s2.post,
                      s2_prior = rep_len(fit$s2.prior, nrow(ys)))[keep, ]
    write_res(res, file.path(out, sprintf("%s_limma%s.tsv", tag, if (trend) "_trend" else "")),
              sprintf("# df_prior=%s var_prior=%s genes=%d", fmt(fit$df.prior), fmt(fit$var.prior[2]), nrow(ys)))
  }
  a <- g == A; b <- g == B
  welch <- t(apply(y, 1, function(v) {
    r <- tryCatch(t.test(v[a], v[b]), error = function(e) NULL)
    if (is.null(r)) c(NA, NA, NA) else c(r$statistic, r$parameter, r$p.value)
  }))
  lfc <- apply(y, 1, function(v) mean(v[a], na.rm = TRUE) - mean(v[b], na.rm = TRUE))
  write_res(data.frame(id = rownames(y), logFC = lfc, t = welch[, 1], df = welch[, 2], p = welch[, 3],
                       adj_p = p.adjust(welch[, 3], "BH"))[keep, ], file.path(out, sprintf("%s_welch.tsv", tag)), "# t.test(x, y)")
  wil <- t(apply(y, 1, function(v) {
    x1 <- v[a]; x2 <- v[b]
    if (sum(!is.na(x1)) < 1 || sum(!is.na(x2)) < 1) return(c(NA, NA))
    r <- suppressWarnings(wilcox.test(x1, x2))
    c(r$statistic, r$p.value)
  }))
  write_res(data.frame(id = rownames(y), W = wil[, 1], p = wil[, 2], adj_p = p.adjust(wil[, 2], "BH"))[keep, ],
            file.path(out, sprintf("%s_wilcoxon.tsv", tag)), "# wilcox.test(x, y)")
}

## synthetic: 300 genes x 14 samples (6 A, 8 B)
set.seed(20260)
ng <- 300; g <- rep(c("A", "B", "A", "B"), c(3, 4, 3, 4)); ns <- length(g)
mu <- rnorm(ng, 8, 2); eff <- ifelse(runif(ng) < 0.2, rnorm(ng, 0, 2), 0); sdg <- sqrt(1 / rgamma(ng, 3, 1))
y <- t(sapply(1:ng, function(i) mu[i] + eff[i] * (g == "A") + rnorm(ns, 0, sdg[i] * 0.5)))
rownames(y) <- sprintf("g%03d", 1:ng); colnames(y) <- sprintf("s%02d", 1:ns)
write_mat <- function(y, path) {
  con <- file(path, "w")
  writeLines(paste(c("id", colnames(y)), collapse = "\t"), con)
  writeLines(paste(rownames(y), apply(matrix(fmt(y), nrow(y)), 1, paste, collapse = "\t"), sep = "\t"), con)
  close(con)
}
write.table(data.frame(sample = colnames(y), group = g, x = round(seq(-1, 1, length.out = ns)^2, 3)),
            file.path(out, "synth_samples.tsv"), sep = "\t", quote = FALSE, row.names = FALSE)
write_mat(y, file.path(out, "synth_cont.tsv"))
run_all(y, g, "A", "B", "synth_cont")
yt <- round(y, 1)                       # ties
yt[sample(length(yt), round(0.05 * length(yt)))] <- NA
yt[5, ] <- NA                           # all missing
yt[6, g == "A"] <- NA                   # group A missing: coefficient not estimable
yt[7, ] <- 5                            # constant
yt[8, ] <- NA; yt[8, 1:2] <- c(1, 2)    # two values, both A
write_mat(yt, file.path(out, "synth_ties_na.tsv"))
run_all(yt, g, "A", "B", "synth_ties_na")

## trend with genes that have no residual df (one value): limma predicts their prior from the
## spline (predict.ns, linear beyond the boundary knots)
ytr <- y
ytr[3, -1] <- NA                        # one value: df 0, AveExpr finite
ytr[4, ] <- NA; ytr[4, 5] <- 25         # one value, far above every AveExpr: extrapolated
ytr[9, g == "B"] <- NA                  # group B missing: coefficient not estimable, df > 0
write_mat(ytr, file.path(out, "synth_trend_na.tsv"))
ys <- ytr; d <- model.matrix(~ factor(g, levels = c("B", "A")))
fit <- eBayes(lmFit(ys, d), trend = TRUE)
tt <- topTable(fit, coef = 2, number = Inf, sort.by = "none")
write_res(data.frame(id = rownames(ys), logFC = tt$logFC, AveExpr = tt$AveExpr, t = tt$t, p = tt$P.Value,
                     adj_p = tt$adj.P.Val, B = tt$B, df = fit$df.total, s2_post = fit$s2.post, s2_prior = fit$s2.prior),
          file.path(out, "synth_trend_na_limma_trend.tsv"), sprintf("# df_prior=%s var_prior=%s", fmt(fit$df.prior), fmt(fit$var.prior[2])))

## design matrix: intercept + group + numeric covariate x, coefficient x
x <- round(seq(-1, 1, length.out = ns)^2, 3)
d <- model.matrix(~ factor(g, levels = c("B", "A")) + x)
fit <- eBayes(lmFit(yt, d))
tt <- topTable(fit, coef = 3, number = Inf, sort.by = "none")
write_res(data.frame(id = rownames(yt), logFC = tt$logFC, AveExpr = tt$AveExpr, t = tt$t, p = tt$P.Value,
                     adj_p = tt$adj.P.Val, B = tt$B, df = fit$df.total),
          file.path(out, "synth_design_x.tsv"), sprintf("# df_prior=%s var_prior=%s design=~group+x coef=x", fmt(fit$df.prior), fmt(fit$var.prior[3])))
write.table(data.frame(sample = colnames(yt), intercept = 1, groupA = as.integer(g == "A"), x = x),
            file.path(out, "synth_design.tsv"), sep = "\t", quote = FALSE, row.names = FALSE)

## the ALL cohort, T-ALL vs B-ALL, gene level; results kept for every 10th gene + FerrDb genes
e <- as.matrix(read.delim(gzfile("data/cohorts/ALL/expr_genes.tsv.gz"), row.names = 1, check.names = FALSE))
s <- read.delim("data/cohorts/ALL/samples.tsv", colClasses = "character")
stopifnot(identical(s$sample, colnames(e)))
ferr <- unique(c(readLines("data/genesets/ferrdb_driver.txt"), readLines("data/genesets/ferrdb_suppressor.txt")))
keep <- sort(unique(c(seq(1, nrow(e), by = 10), which(rownames(e) %in% ferr))))
run_all(e, s$lineage, "T", "B", "ALL_TvsB", keep)
