# omics_bench.R — the R side of bench/omics.sh: limma lmFit + eBayes and GSVA's ssGSEA on the
# binary matrix written by `omics_bench gen`. Prints "name<TAB>seconds<TAB>checksum".
suppressMessages({ library(limma); library(GSVA) })
dir <- commandArgs(TRUE)[1]
con <- file(file.path(dir, "x.bin"), "rb")
dims <- readBin(con, "integer", 3)
x <- t(matrix(readBin(con, "double", dims[1] * dims[2]), dims[2], dims[1]))
close(con)
rownames(x) <- sprintf("g%05d", 1:dims[1]); colnames(x) <- sprintf("s%03d", 1:dims[2])
g <- factor(ifelse(seq_len(dims[2]) <= dims[2] %/% 2, "A", "B"), levels = c("B", "A"))
d <- model.matrix(~ g)
t0 <- proc.time()[["elapsed"]]
fit <- eBayes(lmFit(x, d))
t1 <- proc.time()[["elapsed"]]
cat(sprintf("limma\t%.4f\t%.10g\n", t1 - t0, sum(fit$t[, 2])))
l <- strsplit(readLines(file.path(dir, "sets.gmt")), "\t")
sets <- setNames(lapply(l, function(v) unique(v[-(1:2)])), sapply(l, `[`, 1))
t2 <- proc.time()[["elapsed"]]
es <- suppressWarnings(gsva(x, sets, method = "ssgsea", verbose = FALSE))
t3 <- proc.time()[["elapsed"]]
cat(sprintf("ssgsea\t%.4f\t%.10g\n", t3 - t2, sum(es)))
