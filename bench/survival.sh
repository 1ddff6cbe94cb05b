#!/bin/sh
# bench/survival.sh — ferrosim's survival fits side by side with R 4.2 (survival 3.5, glmnet 4.1)
# in the same run, on the same data (made by R here), printing R time / ferrosim time.
#   coxph on 1,000 x 20 (Efron), glmnet Cox path on 1,000 x 2,000 (default 100-lambda path),
#   cv.glmnet on 1,000 x 300 (the first 300 of those columns) with 5 fixed folds.
# Times are medians of repeated fits, excluding file reading on both sides.
# Usage: bench/survival.sh [BUILD_DIR]   (default build/, a Release build)
set -eu
cd "$(dirname "$0")/.."
B=${1:-build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude bench/survival_fit.c "$B/libferrosim.a" \
  -fopenmp $(pkg-config --libs gsl zlib) -lm -o "$T/fit"
export OMP_WAIT_POLICY=passive
Rscript --vanilla - "$T" > "$T/r.txt" <<'REOF'
suppressMessages({ library(survival); library(glmnet) })
dir <- commandArgs(TRUE)[1]
set.seed(42)
n <- 1000
X <- matrix(round(rnorm(n * 20), 4), n, 20, dimnames = list(NULL, sprintf("x%02d", 1:20)))
eta <- X %*% seq(-0.5, 0.5, length = 20)
time <- pmin(ceiling(rexp(n, 0.1 * exp(eta))), ceiling(runif(n, 1, 30))); status <- as.integer(rexp(n, 0.1 * exp(eta)) < 30)
d1 <- data.frame(id = sprintf("s%04d", 1:n), time, status, X)
write.table(d1, file.path(dir, "cox.tsv"), sep = "\t", quote = FALSE, row.names = FALSE)
G <- matrix(round(rnorm(n * 2000), 4), n, 2000, dimnames = list(NULL, sprintf("g%04d", 1:2000)))
eta <- G[, 1:10] %*% c(0.5, -0.5, 0.4, -0.4, 0.3, -0.3, 0.2, -0.2, 0.1, -0.1)
tt <- rexp(n, 0.1 * exp(eta)); cc <- runif(n, 0, 20)
time <- round(pmin(tt, cc), 2) + 0.01; status <- as.integer(tt <= cc)
fold <- sample(rep(1:5, length = n))
d2 <- data.frame(id = sprintf("s%04d", 1:n), time, status, fold, G)
write.table(d2, file.path(dir, "net.tsv"), sep = "\t", quote = FALSE, row.names = FALSE)
med <- function(k, f) median(sapply(seq_len(k), function(i) system.time(f())[["elapsed"]]))
y1 <- Surv(d1$time, d1$status); f <- NULL
t1 <- med(21, function() f <<- coxph(y1 ~ X))
cat(sprintf("R cox %.6f coef1 %.15g loglik %.15g concordance %.15g\n", t1, coef(f)[1], f$loglik[2], f$concordance[["concordance"]]))
write.table(d2[, 1:304], file.path(dir, "cv.tsv"), sep = "\t", quote = FALSE, row.names = FALSE)
y2 <- Surv(d2$time, d2$status)
t2 <- med(3, function() f <<- glmnet(G, y2, family = "cox"))
cat(sprintf("R path %.6f nlambda %d dev_ratio_last %.15g npasses %d\n", t2, length(f$lambda), tail(f$dev.ratio, 1), f$npasses))
t3 <- med(1, function() f <<- cv.glmnet(G[, 1:300], y2, family = "cox", foldid = fold))
cat(sprintf("R cv %.6f lambda_min %.15g lambda_1se %.15g\n", t3, f$lambda.min, f$lambda.1se))
REOF
cat "$T/r.txt"
for th in 1 2; do
  for m in cox path cv; do
    case $m in cox) reps=21; f=cox.tsv ;; path) reps=3; f=net.tsv ;; *) reps=1; f=cv.tsv ;; esac
    printf 'ferrosim %s %s ' "$m" "$th"
    "$T/fit" "$m" "$T/$f" "$reps" "$th" | tr '\n' ' '
    echo
  done
done > "$T/f.txt"
cat "$T/f.txt"
echo "== ratio R time / ferrosim time (> 1: ferrosim faster)"
awk '$1 == "R" { r[$2] = $3; next }
     { for (i = 1; i < NF; i++) if ($i == "seconds") t = $(i + 1);
       printf "%-5s threads=%s  R %.4fs  ferrosim %.4fs  ratio %.2f\n", $2, $3, r[$2], t, r[$2] / t }' "$T/r.txt" "$T/f.txt"
