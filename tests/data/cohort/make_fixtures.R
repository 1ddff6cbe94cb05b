#!/usr/bin/env Rscript
# tests/data/cohort/make_fixtures.R — probe -> gene collapse references (R 4.2), run from the
# project root: Rscript tests/data/cohort/make_fixtures.R
# Input: tests/data/cohort/probes.tsv (8 probes x 5 samples with NAs) and probe_map.tsv.
# Output: collapse_{maxmean,mean,maxvar}.tsv — for each gene:
#   maxmean: the probe with the largest mean(x, na.rm = TRUE) (first on ties)
#   maxvar:  the probe with the largest var(x, na.rm = TRUE)
#   mean:    colMeans over the gene's probes with na.rm = TRUE (NaN -> NA)
d <- "tests/data/cohort"
x <- as.matrix(read.delim(file.path(d, "probes.tsv"), row.names = 1, check.names = FALSE))
map <- read.delim(file.path(d, "probe_map.tsv"), colClasses = "character")
map <- map[map$gene != "" & !is.na(map$gene) & map$probe %in% rownames(x), ]
map <- map[order(match(map$probe, rownames(x))), ]
genes <- unique(map$gene)
pick <- function(stat) {
  ch <- sapply(genes, function(g) { p <- map$probe[map$gene == g]; s <- apply(x[p, , drop = FALSE], 1, stat, na.rm = TRUE); p[which.max(s)] })
  m <- x[ch, , drop = FALSE]; rownames(m) <- genes; m[order(match(ch, rownames(x))), , drop = FALSE]
}
w <- function(m, f) write.table(data.frame(gene = rownames(m), m, check.names = FALSE), file.path(d, f), sep = "\t", quote = FALSE, row.names = FALSE, na = "NA")
w(pick(mean), "collapse_maxmean.tsv")
w(pick(var), "collapse_maxvar.tsv")
mm <- t(sapply(genes, function(g) { v <- colMeans(x[map$probe[map$gene == g], , drop = FALSE], na.rm = TRUE); v[is.nan(v)] <- NA; v }))
w(mm, "collapse_mean.tsv")
