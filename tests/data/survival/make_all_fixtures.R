# make_all_fixtures.R — R's answers on the ALL cohort (data/cohorts/ALL, made by
# scripts/cohorts/ALL.R) for tests/survival/test_all_cohort.c. R 4.2.2, survival 3.5, glmnet 4.1.
# Run from the project root:  Rscript tests/data/survival/make_all_fixtures.R
# Endpoint: relapse-free time rfs_days / rfs_event (date_cr to date_last_seen; see the cohort's
# README), B-lineage patients; genes from expr_genes.tsv.gz (max-mean probe collapse).
suppressMessages({ library(survival); library(glmnet) })
out <- "tests/data/survival"
fmt <- function(v) ifelse(is.na(v), "NA", trimws(formatC(v, digits = 17, format = "g")))
wtab <- function(df, file) {
  for (j in seq_along(df)) if (is.numeric(df[[j]])) df[[j]] <- fmt(df[[j]])
  write.table(df, file.path(out, file), sep = "\t", quote = FALSE, row.names = FALSE)
}
s <- read.delim("data/cohorts/ALL/samples.tsv", colClasses = c(sample = "character"))
e <- read.delim(gzfile("data/cohorts/ALL/expr_genes.tsv.gz"), check.names = FALSE, row.names = 1)
hub <- c("LCN2", "LTF", "HP", "TFRC")                     # SLC40A1 is not on HG-U95Av2
frg8 <- c("ALOX15", "ATP5MC3", "CARS1", "CDKN1A", "LPCAT3", "SAT1", "SLC1A5", "TFRC")
genes <- unique(c(hub, frg8))
b <- s[s$lineage == "B", ]
d <- data.frame(time = b$rfs_days, status = b$rfs_event, t(e[genes, b$sample]), check.names = FALSE)
d <- na.omit(d)
uni <- do.call(rbind, lapply(genes, function(g) {
  f <- coxph(Surv(time, status) ~ d[[g]], data = d); sm <- summary(f)$coefficients
  data.frame(gene = g, coef = sm[1, "coef"], se = sm[1, "se(coef)"], p = sm[1, "Pr(>|z|)"],
             score = f$score, concordance = f$concordance[["concordance"]])
}))
wtab(uni, "ref_all_cox_uni.tsv")
f8 <- coxph(as.formula(paste("Surv(time, status) ~", paste(frg8, collapse = "+"))), data = d)
sm <- summary(f8)$coefficients
wtab(data.frame(term = rownames(sm), coef = sm[, "coef"], se = sm[, "se(coef)"], p = sm[, "Pr(>|z|)"]), "ref_all_cox8.tsv")
wtab(data.frame(key = c("n", "events", "loglik", "lr", "score", "wald", "concordance"),
                value = c(f8$n, f8$nevent, f8$loglik[2], 2 * diff(f8$loglik), f8$score, f8$wald.test,
                          f8$concordance[["concordance"]])), "ref_all_cox8_fit.tsv")
# leave-one-out linear predictors of the 8-gene model (predict(..., newdata, type = "lp")) and
# their concordance: an out-of-sample C-index
fo <- as.formula(paste("Surv(time, status) ~", paste(frg8, collapse = "+")))
loo <- sapply(seq_len(nrow(d)), function(i) predict(coxph(fo, data = d[-i, ]), newdata = d[i, ], type = "lp"))
wtab(data.frame(key = c("loo_c", "loo_lp1", "loo_lp66"),
                value = c(concordance(Surv(d$time, d$status) ~ loo, reverse = TRUE)$concordance, loo[1], loo[66])),
     "ref_all_cox8_loo.tsv")
# KM and log-rank: B vs T lineage, relapse-free time
a <- s[!is.na(s$rfs_days), ]
sd <- survdiff(Surv(rfs_days, rfs_event) ~ lineage, data = a)
tb <- summary(survfit(Surv(rfs_days, rfs_event) ~ lineage, data = a))$table
wtab(data.frame(key = c("chisq", "p", "median_B", "median_T", "lo_B", "hi_B"),
                value = c(sd$chisq, pchisq(sd$chisq, 1, lower.tail = FALSE), tb[1, "median"], tb[2, "median"],
                          tb[1, "0.95LCL"], tb[1, "0.95UCL"])), "ref_all_km_lineage.tsv")
# median split of CARS1 expression (high: x > median(x)) in B-ALL: log-rank
hiC <- d$CARS1 > median(d$CARS1)
sc <- survdiff(Surv(time, status) ~ hiC, data = d)
wtab(data.frame(key = c("chisq", "p", "high"), value = c(sc$chisq, pchisq(sc$chisq, 1, lower.tail = FALSE), sum(hiC))),
     "ref_all_km_cars1.tsv")
# LASSO-Cox path on the 11 genes (B-ALL)
g <- glmnet(as.matrix(d[, genes]), Surv(d$time, d$status), family = "cox")
wtab(data.frame(lambda = g$lambda, df = g$df, dev_ratio = g$dev.ratio, t(as.matrix(g$beta)), check.names = FALSE),
     "ref_all_glmnet.tsv")
