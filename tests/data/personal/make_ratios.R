# make_ratios.R — independent reference for `ferrosim personalise` ratios (run from the project root:
#   Rscript tests/data/personal/make_ratios.R > tests/data/personal/ratios_ALL.tsv)
# ratio = 2^(x - median over the patient's lineage), clipped to 0.05..20, for the model genes of
# data/genes.tsv found in data/cohorts/ALL/expr_genes.tsv.gz, patients 01003 (T), 01005, 01010 (B).
x <- read.delim(gzfile("data/cohorts/ALL/expr_genes.tsv.gz"), row.names = 1, check.names = FALSE)
s <- read.delim("data/cohorts/ALL/samples.tsv", colClasses = "character")
g <- read.delim("data/genes.tsv", comment.char = "#")$gene
g <- g[g %in% rownames(x)]
out <- NULL
for (p in c("01003", "01005", "01010")) {
  lin <- s$lineage[s$sample == p]
  grp <- s$sample[s$lineage == lin]
  ref <- apply(x[g, grp, drop = FALSE], 1, median, na.rm = TRUE)
  r <- pmin(pmax(2^(unlist(x[g, p]) - ref), 0.05), 20)
  out <- rbind(out, data.frame(sample = p, gene = g, ratio = sprintf("%.12g", r)))
}
write.table(out, stdout(), sep = "\t", quote = FALSE, row.names = FALSE)
