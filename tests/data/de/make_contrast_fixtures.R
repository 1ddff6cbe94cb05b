#!/usr/bin/env Rscript
# tests/data/de/make_contrast_fixtures.R — limma contrasts (makeContrasts + contrasts.fit + eBayes +
# topTable) from R 4.2 + limma 3.54 (Debian) for tests/de/test_contrasts.c and test_cli_de.sh.
# Run from the project root:  Rscript tests/data/de/make_contrast_fixtures.R
# Writes tests/data/de/:
#   ALL_BT_contrasts.tsv, ALL_BT_contrasts_trend.tsv — the ALL cohort (data/cohorts/ALL, gene
#     level, all 128 samples), one design column per BT subtype (model.matrix(~0 + BT): 11
#     groups, two with one sample), contrasts B2-B1, T3-T2, (B1+B2+B3+B4)/4-(T2+T3)/2; results
#     kept for every 25th gene + the FerrDb genes (BH over all genes)
#   synth3_samples.tsv, synth3_contrasts.tsv — synth_ties_na.tsv (ties, 5% NAs, an all-NA gene, a
#     gene without group A, a constant gene) with three groups A/B/C: A-B, C-(A+B)/2, C-B
#   synth_design_contrasts.tsv — synth_ties_na.tsv with synth_design.tsv (intercept, groupA, x: not
#     orthogonal), contrasts groupA-x and intercept+groupA
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
# fit with design d, contrasts (named character vector of makeContrasts expressions), rows keep
run <- function(y, d, cons, keep, path, trend = FALSE) {
  cm <- makeContrasts(contrasts = cons, levels = d)
  fit <- eBayes(contrasts.fit(lmFit(y, d), cm), trend = trend)
  res <- do.call(rbind, lapply(seq_along(cons), function(k) {
    tt <- topTable(fit, coef = k, number = Inf, sort.by = "none")
    data.frame(contrast = cons[k], id = rownames(y), logFC = tt$logFC, AveExpr = tt$AveExpr, t = tt$t,
               p = tt$P.Value, adj_p = tt$adj.P.Val, B = tt$B)[keep, ]
  }))
  write_res(res, path, sprintf("# df_prior=%s var_prior=%s trend=%s", fmt(fit$df.prior),
                               paste(fmt(fit$var.prior), collapse = ","), trend))
}

e <- as.matrix(read.delim(gzfile("data/cohorts/ALL/expr_genes.tsv.gz"), row.names = 1, check.names = FALSE))
s <- read.delim("data/cohorts/ALL/samples.tsv", colClasses = "character")
stopifnot(identical(s$sample, colnames(e)), !anyNA(s$BT))
BT <- factor(s$BT)
d <- model.matrix(~ 0 + BT); colnames(d) <- levels(BT)
ferr <- unique(c(readLines("data/genesets/ferrdb_driver.txt"), readLines("data/genesets/ferrdb_suppressor.txt")))
keep <- sort(unique(c(seq(1, nrow(e), by = 25), which(rownames(e) %in% ferr))))
cons <- c("B2-B1", "T3-T2", "(B1+B2+B3+B4)/4-(T2+T3)/2")
run(e, d, cons, keep, file.path(out, "ALL_BT_contrasts.tsv"))
run(e, d, cons, keep, file.path(out, "ALL_BT_contrasts_trend.tsv"), trend = TRUE)

y <- as.matrix(read.delim(file.path(out, "synth_ties_na.tsv"), row.names = 1, check.names = FALSE))
g3 <- rep(c("A", "B", "C", "A", "C"), c(3, 3, 2, 3, 3))
write.table(data.frame(sample = colnames(y), group3 = g3), file.path(out, "synth3_samples.tsv"),
            sep = "\t", quote = FALSE, row.names = FALSE)
f3 <- factor(g3); d3 <- model.matrix(~ 0 + f3); colnames(d3) <- levels(f3)
run(y, d3, c("A-B", "C-(A+B)/2", "C-B"), seq_len(nrow(y)), file.path(out, "synth3_contrasts.tsv"))
ds <- read.delim(file.path(out, "synth_design.tsv"), row.names = 1)
stopifnot(identical(rownames(ds), colnames(y)))
run(y, as.matrix(ds), c("groupA-x", "intercept+groupA"), seq_len(nrow(y)), file.path(out, "synth_design_contrasts.tsv"))
