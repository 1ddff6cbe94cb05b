#!/usr/bin/env Rscript
# tests/data/network/make_fixtures.R — independent reference hub scores in base R 4.2 (no igraph
# on this system): all-pairs shortest paths by BFS, shortest-path counts, betweenness from the
# pair formula sum_{s<t} sigma_sv sigma_vt / sigma_st [d(s,v) + d(v,t) = d(s,t)], closeness as
# sum of 1/d, maximal cliques by plain Bron–Kerbosch (no pivot), MCC = sum of (|C|-1)!.
# Run from the project root: Rscript tests/data/network/make_fixtures.R
d <- "tests/data/network"
hubs <- function(nodes, ea, eb) {
  n <- length(nodes)
  A <- matrix(FALSE, n, n, dimnames = list(nodes, nodes))
  ia <- match(ea, nodes); ib <- match(eb, nodes)
  ok <- !is.na(ia) & !is.na(ib) & ia != ib
  A[cbind(ia[ok], ib[ok])] <- TRUE; A[cbind(ib[ok], ia[ok])] <- TRUE
  D <- matrix(Inf, n, n); S <- matrix(0, n, n)
  for (s in 1:n) {
    D[s, s] <- 0; S[s, s] <- 1; frontier <- s; k <- 0
    while (length(frontier)) {
      k <- k + 1; nxt <- integer(0)
      for (v in frontier) for (w in which(A[v, ])) {
        if (D[s, w] == Inf) { D[s, w] <- k; nxt <- c(nxt, w) }
        if (D[s, w] == k) S[s, w] <- S[s, w] + S[s, v]
      }
      frontier <- unique(nxt)
    }
  }
  bc <- numeric(n)
  for (s in 1:n) for (t in 1:n) if (s < t && is.finite(D[s, t])) for (v in 1:n)
    if (v != s && v != t && D[s, v] + D[v, t] == D[s, t]) bc[v] <- bc[v] + S[s, v] * S[v, t] / S[s, t]
  cl <- sapply(1:n, function(v) { x <- D[v, -v]; sum(1 / x[is.finite(x)]) })
  mcc <- numeric(n)
  bk <- function(R, P, X) {
    if (!length(P) && !length(X)) { if (length(R) >= 1) mcc[R] <<- mcc[R] + factorial(length(R) - 1); return(invisible()) }
    for (v in P) {
      Nv <- which(A[v, ])
      bk(c(R, v), intersect(P, Nv), intersect(X, Nv))
      P <- setdiff(P, v); X <- c(X, v)
    }
  }
  bk(integer(0), 1:n, integer(0))
  data.frame(node = nodes, degree = rowSums(A), betweenness = bc, closeness = cl, mcc = mcc)
}
w <- function(df, f) write.table(df, file.path(d, f), sep = "\t", quote = FALSE, row.names = FALSE)
read_net <- function(path) {
  x <- read.delim(path, comment.char = "#", colClasses = "character")
  x[as.numeric(x[[3]]) >= 0, ]
}
# 1. the curated network, all nodes (in order of first appearance)
net <- read_net("data/network/ferroptosis_curated.tsv")
nodes <- unique(as.vector(t(as.matrix(net[, 1:2]))))
w(hubs(nodes, net[[1]], net[[2]]), "curated_all.tsv")
# 2. induced by the FerrDb driver + suppressor genes (list order; genes not in the network dropped)
ferr <- unique(c(readLines("data/genesets/ferrdb_driver.txt"), readLines("data/genesets/ferrdb_suppressor.txt")))
writeLines(ferr, file.path(d, "ferrdb_genes.txt"))
w(hubs(ferr[ferr %in% nodes], net[[1]], net[[2]]), "curated_ferrdb.tsv")
# 3. a synthetic graph: 40 nodes, random edges, a planted 6-clique, an isolated pair, space-separated
set.seed(7)
nd <- sprintf("N%02d", 1:40)
e <- t(combn(40, 2)); e <- e[runif(nrow(e)) < 0.08, ]
e <- rbind(e, t(combn(c(3, 9, 14, 22, 27, 31), 2)), c(39, 40))
e <- e[!(e[, 1] %in% 39:40 | e[, 2] %in% 39:40) | (e[, 1] == 39 & e[, 2] == 40), ]
e <- unique(e)
sc <- round(runif(nrow(e), 100, 999))
writeLines(c("protein1 protein2 combined_score", paste(nd[e[, 1]], nd[e[, 2]], sc)), file.path(d, "synth_string.txt"))
sn <- unique(as.vector(t(matrix(nd[e], ncol = 2))))
w(hubs(sn, nd[e[, 1]], nd[e[, 2]]), "synth_all.tsv")
keep <- sc >= 400
w(hubs(unique(as.vector(t(matrix(nd[e[keep, ]], ncol = 2)))), nd[e[keep, 1]], nd[e[keep, 2]]), "synth_min400.tsv")
