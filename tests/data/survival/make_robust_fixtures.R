# make_robust_fixtures.R — R's robust (sandwich) Cox variance for tests/survival/test_cox_robust.c
# and test_cli.sh. R 4.2.2 with Debian's r-cran-survival 3.5. Run from this folder:
#   Rscript make_robust_fixtures.R
# Writes lung.tsv (survival's lung data, NCCTG advanced lung cancer, with an id column; the one
# row without an institution is left out because ferrosim requires every cluster id) and
# ref_robust_<case>_coef.tsv / _fit.tsv (17 significant digits) for:
#   lung_efron     coxph(Surv(time, status) ~ age + sex + ph.ecog, lung, robust = TRUE)
#   lung_cluster   ... + cluster(inst)                  (Efron, 18 institutions)
#   lung_breslow   ... + cluster(inst), ties = "breslow"
#   synth_strata   coxph(Surv(time, status) ~ x1 + x2 + x3 + strata(g), synth.tsv, robust = TRUE)
#                  (integer times: many ties)
#   synth_breslow  coxph(Surv(time, status) ~ x1 + x2 + x3 + cluster(g), synth.tsv,
#                  ties = "breslow")  (3 clusters)
suppressMessages(library(survival))
options(stringsAsFactors = FALSE)
fmt <- function(v) ifelse(is.na(v), "NA", trimws(formatC(v, digits = 17, format = "g")))
wtab <- function(df, file) {
  for (j in seq_along(df)) if (is.numeric(df[[j]])) df[[j]] <- fmt(df[[j]])
  write.table(df, file, sep = "\t", quote = FALSE, row.names = FALSE)
}
kv <- function(lst, file) wtab(data.frame(key = names(lst), value = unlist(lst)), file)

lu <- survival::lung
lu <- lu[!is.na(lu$inst), ]
lu <- data.frame(id = sprintf("L%03d", seq_len(nrow(lu))), lu)
write.table(lu, "lung.tsv", sep = "\t", quote = FALSE, row.names = FALSE, na = "NA")
sy <- read.delim("synth.tsv")

ref <- function(fit, case) {
  s <- summary(fit)
  cf <- s$coefficients; ci <- s$conf.int
  wtab(data.frame(term = rownames(cf), coef = cf[, "coef"], HR = ci[, "exp(coef)"],
                  HR_lo = ci[, "lower .95"], HR_hi = ci[, "upper .95"], se = cf[, "se(coef)"],
                  robust_se = cf[, "robust se"], z = cf[, "z"], p = cf[, "Pr(>|z|)"]),
       sprintf("ref_robust_%s_coef.tsv", case))
  df <- length(coef(fit))
  kv(list(n = fit$n, events = fit$nevent,
          wald = fit$wald.test, wald_p = pchisq(fit$wald.test, df, lower.tail = FALSE),
          score = fit$score, rscore = fit$rscore, rscore_p = pchisq(fit$rscore, df, lower.tail = FALSE),
          concordance = fit$concordance[["concordance"]], concordance_std = fit$concordance[["std"]]),
     sprintf("ref_robust_%s_fit.tsv", case))
}
ref(coxph(Surv(time, status) ~ age + sex + ph.ecog, data = lu, robust = TRUE), "lung_efron")
ref(coxph(Surv(time, status) ~ age + sex + ph.ecog + cluster(inst), data = lu), "lung_cluster")
ref(coxph(Surv(time, status) ~ age + sex + ph.ecog + cluster(inst), data = lu, ties = "breslow"), "lung_breslow")
ref(coxph(Surv(time, status) ~ x1 + x2 + x3 + strata(g), data = sy, robust = TRUE), "synth_strata")
ref(coxph(Surv(time, status) ~ x1 + x2 + x3 + cluster(g), data = sy, ties = "breslow"), "synth_breslow")
