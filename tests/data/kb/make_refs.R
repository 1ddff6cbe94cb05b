# make_refs.R — reference tables for tests/kb/test_identifiers.c, from Debian-packaged sources:
#   orghs_genes.tsv: symbol, entrez, uniprot for every HGNC.symbol in data/kb/identifiers.tsv,
#                    from org.Hs.eg.db (r-bioc-org.hs.eg.db; SYMBOL -> ENTREZID, UNIPROT)
#   taxonomy.tsv:    tax_id, name for every NCBITaxon accession there, from GenomeInfoDbData's
#                    specData (r-bioc-genomeinfodbdata; NCBI Taxonomy names)
#   go_terms.tsv:    go_id, term for every GO accession there, from GO.db (r-bioc-go.db)
# Run from the source root:  Rscript tests/data/kb/make_refs.R
suppressMessages({
  library(org.Hs.eg.db)
  library(GO.db)
})
ids <- read.delim("data/kb/identifiers.tsv", comment.char = "#", colClasses = "character", quote = "")
syms <- unique(ids$accession[ids$namespace == "HGNC.symbol"])
m <- suppressMessages(AnnotationDbi::select(org.Hs.eg.db, keys = syms, keytype = "SYMBOL",
                                            columns = c("ENTREZID", "UNIPROT")))
m <- m[!is.na(m$ENTREZID), ]
m <- m[order(m$SYMBOL, as.integer(m$ENTREZID), m$UNIPROT, na.last = TRUE), ]
meta <- metadata(org.Hs.eg.db)
hdr <- sprintf("# org.Hs.eg.db %s (Entrez Gene source date %s, UniProt %s); R %s; made by tests/data/kb/make_refs.R",
               as.character(packageVersion("org.Hs.eg.db")), meta$value[meta$name == "EGSOURCEDATE"],
               meta$value[meta$name == "UPSOURCEDATE"], getRversion())
out <- file("tests/data/kb/orghs_genes.tsv", "w")
writeLines(hdr, out)
writeLines("symbol\tentrez\tuniprot", out)
write.table(data.frame(m$SYMBOL, m$ENTREZID, ifelse(is.na(m$UNIPROT), "NA", m$UNIPROT)), out,
            sep = "\t", quote = FALSE, row.names = FALSE, col.names = FALSE)
close(out)

env <- new.env()
load(system.file("data", "specData.rda", package = "GenomeInfoDbData"), envir = env)
sp <- env$specData
tax <- unique(as.integer(ids$accession[ids$namespace == "NCBITaxon"]))
s <- sp[sp$tax_id %in% tax, ]
s$name <- trimws(paste(as.character(s$genus), ifelse(is.na(s$species), "", s$species)))
s <- unique(s[order(s$tax_id, s$name), c("tax_id", "name")])
out <- file("tests/data/kb/taxonomy.tsv", "w")
writeLines(sprintf("# GenomeInfoDbData %s specData (NCBI Taxonomy); R %s; made by tests/data/kb/make_refs.R",
                   as.character(packageVersion("GenomeInfoDbData")), getRversion()), out)
writeLines("tax_id\tname", out)
write.table(s, out, sep = "\t", quote = FALSE, row.names = FALSE, col.names = FALSE)
close(out)

go <- unique(ids$accession[ids$namespace == "GO"])
g <- suppressMessages(AnnotationDbi::select(GO.db, keys = go, keytype = "GOID", columns = "TERM"))
g <- g[!is.na(g$TERM), ]
g <- g[order(g$GOID), ]
gm <- metadata(GO.db)
out <- file("tests/data/kb/go_terms.tsv", "w")
writeLines(sprintf("# GO.db %s (Gene Ontology %s); R %s; made by tests/data/kb/make_refs.R",
                   as.character(packageVersion("GO.db")), gm$value[gm$name == "GOSOURCEDATE"], getRversion()), out)
writeLines("go_id\tterm", out)
write.table(g, out, sep = "\t", quote = FALSE, row.names = FALSE, col.names = FALSE)
close(out)
