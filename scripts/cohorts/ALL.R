#!/usr/bin/env Rscript
# scripts/cohorts/ALL.R — convert the Bioconductor ALL cohort (Chiaretti et al. 2004; Debian
# package r-bioc-all) into plain files under data/cohorts/ALL/, so tests and users need no R.
#
#   Rscript scripts/cohorts/ALL.R            (run from the project root)
#
# Writes
#   data/cohorts/ALL/expr_probes.tsv.gz  12,625 probes x 128 samples, RMA log2 values as shipped,
#                                        rounded to 4 decimals (1e-4 log2 units)
#   data/cohorts/ALL/expr_genes.tsv.gz   gene-level matrix: probes mapped with
#                                        data/platforms/hgu95av2/probe_symbol.tsv and collapsed by
#                                        "max mean" (per symbol the probe with the highest mean over
#                                        the 128 samples; first probe in file order on ties),
#                                        computed from the rounded probe values
#   data/cohorts/ALL/samples.tsv         sample annotation (see data/cohorts/ALL/README.md)
suppressMessages(library(ALL))
data(ALL)
out <- "data/cohorts/ALL"
dir.create(out, recursive = TRUE, showWarnings = FALSE)

x <- round(exprs(ALL), 4)
write_gz <- function(m, path, idname) {
  con <- gzfile(path, "w", compression = 9)
  writeLines(paste(c(idname, colnames(m)), collapse = "\t"), con)
  body <- formatC(m, format = "f", digits = 4)
  writeLines(paste(rownames(m), apply(body, 1, paste, collapse = "\t"), sep = "\t"), con)
  close(con)
}
write_gz(x, file.path(out, "expr_probes.tsv.gz"), "probe")

map <- read.delim("data/platforms/hgu95av2/probe_symbol.tsv", colClasses = "character")
map <- map[map$probe %in% rownames(x) & map$symbol != "", ]
xm <- x[map$probe, , drop = FALSE]
means <- rowMeans(xm)
# keep, for each symbol, the first probe (in the order of the probe matrix) with the maximal mean
ord <- order(match(map$probe, rownames(x)))
map <- map[ord, ]; xm <- xm[ord, , drop = FALSE]; means <- means[ord]
keep <- tapply(seq_len(nrow(map)), map$symbol, function(i) i[which.max(means[i])])
keep <- sort(unlist(keep))
g <- xm[keep, , drop = FALSE]
rownames(g) <- map$symbol[keep]
write_gz(g, file.path(out, "expr_genes.tsv.gz"), "gene")

p <- pData(ALL)
iso <- function(d) { v <- as.Date(d, format = "%m/%d/%Y"); ifelse(is.na(v), NA, format(v, "%Y-%m-%d")) }
dcr <- as.Date(p$date.cr, format = "%m/%d/%Y")
dls <- as.Date(p$`date last seen`, format = "%m/%d/%Y")
rfs <- as.numeric(dls - dcr)
rfs[!is.na(rfs) & rfs < 0] <- NA   # a last-seen date before remission is unusable
ev <- as.integer(p$relapse)
ev[is.na(rfs)] <- NA
s <- data.frame(sample = sampleNames(ALL),
                BT = as.character(p$BT),
                lineage = substr(as.character(p$BT), 1, 1),
                sex = as.character(p$sex),
                age = p$age,
                remission = as.character(p$remission),
                mol_biol = as.character(p$mol.biol),
                date_diagnosis = iso(p$diagnosis),
                date_cr = iso(p$date.cr),
                date_last_seen = iso(p$`date last seen`),
                relapse = as.integer(p$relapse),
                transplant = as.integer(p$transplant),
                followup = p$f.u,
                rfs_days = rfs,
                rfs_event = ev,
                check.names = FALSE, stringsAsFactors = FALSE)
write.table(s, file.path(out, "samples.tsv"), sep = "\t", quote = FALSE, row.names = FALSE, na = "NA")
cat(sprintf("ALL: %d probes, %d genes, %d samples (%d B, %d T); relapse-free time for %d (%d relapses)\n",
            nrow(x), nrow(g), ncol(x), sum(s$lineage == "B"), sum(s$lineage == "T"),
            sum(!is.na(rfs)), sum(ev, na.rm = TRUE)))
