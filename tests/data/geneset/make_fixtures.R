#!/usr/bin/env Rscript
# tests/data/geneset/make_fixtures.R — gene-set score references from R 4.2 + GSVA 1.46 (Debian).
# Run from the project root: Rscript tests/data/geneset/make_fixtures.R
# Synthetic data (ties, a constant gene, a gene with a missing value, sets with unknown genes and
# of size 1) and the ALL cohort (gene level) with the FerrDb and review sets.
suppressMessages(library(GSVA))
d <- "tests/data/geneset"
fmt <- function(v) ifelse(is.na(v), "NA", formatC(v, digits = 17, format = "g"))
write_mat <- function(m, path, corner) {
  con <- file(path, "w")
  writeLines(paste(c(corner, colnames(m)), collapse = "\t"), con)
  writeLines(paste(rownames(m), apply(matrix(fmt(m), nrow(m)), 1, paste, collapse = "\t"), sep = "\t"), con)
  close(con)
}
read_gmt <- function(path) {
  l <- strsplit(readLines(path), "\t")
  setNames(lapply(l, function(x) unique(x[-(1:2)])), sapply(l, `[`, 1))
}
score <- function(x, sets, method, ...) suppressWarnings(gsva(x, sets, method = method, verbose = FALSE, ...))

set.seed(42)
ng <- 200; ns <- 20
x <- matrix(round(rnorm(ng * ns, 6, 1.5), 1), ng, ns)          # rounding: ties within samples
x[1:20, 1:10] <- x[1:20, 1:10] + 1.5                              # a shifted block
rownames(x) <- sprintf("G%03d", 1:ng); colnames(x) <- sprintf("S%02d", 1:ns)
x[7, ] <- 4                                                         # constant gene
write_mat(x, file.path(d, "synth_expr.tsv"), "gene")
xna <- x; xna[9, 3] <- NA                                           # a missing value
write_mat(xna, file.path(d, "synth_expr_na.tsv"), "gene")
sets <- read_gmt(file.path(d, "synth_sets.gmt"))
write_mat(score(x, sets, "ssgsea"), file.path(d, "synth_ssgsea.tsv"), "set")
write_mat(score(x, sets, "ssgsea", ssgsea.norm = FALSE, tau = 0.5), file.path(d, "synth_ssgsea_raw_tau05.tsv"), "set")
write_mat(score(x, sets, "gsva"), file.path(d, "synth_gsva.tsv"), "set")
write_mat(score(xna, sets, "gsva", mx.diff = FALSE), file.path(d, "synth_gsva_na_maxdev.tsv"), "set")
write_mat(score(xna, sets, "zscore"), file.path(d, "synth_zscore_na.tsv"), "set")
write_mat(score(x, sets, "ssgsea", min.sz = 3, max.sz = 20), file.path(d, "synth_ssgsea_size3_20.tsv"), "set")
# mean z-score: GSVA's z-scores (same gene filter: no NA, sd >= 1e-10), averaged over each set
meanz <- function(x, sets) {
  sdg <- apply(x, 1, sd); x <- x[!is.na(sdg) & sdg >= 1e-10, , drop = FALSE]
  z <- t(scale(t(x)))
  idx <- lapply(sets, function(s) na.omit(match(s, rownames(x))))
  idx <- idx[lengths(idx) > 0]
  t(sapply(idx, function(i) colMeans(z[i, , drop = FALSE])))
}
write_mat(meanz(xna, sets), file.path(d, "synth_meanz_na.tsv"), "set")

e <- as.matrix(read.delim(gzfile("data/cohorts/ALL/expr_genes.tsv.gz"), row.names = 1, check.names = FALSE))
all_sets <- c(list(ferrdb_driver = unique(readLines("data/genesets/ferrdb_driver.txt")),
                   ferrdb_suppressor = unique(readLines("data/genesets/ferrdb_suppressor.txt"))),
              read_gmt("data/genesets/review_signatures.gmt"))
write_mat(score(e, all_sets, "ssgsea"), file.path(d, "ALL_ssgsea.tsv"), "set")
write_mat(score(e, all_sets, "gsva"), file.path(d, "ALL_gsva.tsv"), "set")
write_mat(score(e, all_sets, "zscore"), file.path(d, "ALL_zscore.tsv"), "set")
