# make_fixtures.R — synthetic survival data and R's answers for tests/survival/.
# R 4.2.2 with Debian's r-cran-survival 3.5 and r-cran-glmnet 4.1. Run from this folder:
#   Rscript make_fixtures.R
# Writes synth.tsv and lasso.tsv (inputs) and ref_*.tsv (R's results, 17 significant digits).
suppressMessages({ library(survival); library(glmnet) })
options(stringsAsFactors = FALSE)
fmt <- function(v) ifelse(is.na(v), "NA", trimws(formatC(v, digits = 17, format = "g")))
wtab <- function(df, file) {
  for (j in seq_along(df)) if (is.numeric(df[[j]])) df[[j]] <- fmt(df[[j]])
  write.table(df, file, sep = "\t", quote = FALSE, row.names = FALSE)
}
kv <- function(lst, file) wtab(data.frame(key = names(lst), value = unlist(lst)), file)

## ---- synth.tsv: ties (integer times), censoring, strata, groups, missing values
set.seed(20261128)
n <- 240
x1 <- round(rnorm(n), 3); x2 <- rbinom(n, 1, 0.4); x3 <- round(runif(n, 20, 80), 1)
g <- sample(c("a", "b", "c"), n, TRUE)
grp <- sample(c("low", "high", "mid"), n, TRUE)
lp <- 0.5 * x1 - 0.7 * x2 + 0.02 * (x3 - 50) + ifelse(grp == "high", 0.5, 0)
tt <- ceiling(rexp(n, 0.04 * exp(lp))); cc <- ceiling(runif(n, 5, 70))
time <- pmin(tt, cc); status <- as.integer(tt <= cc)
x3[sample(n, 8)] <- NA; time[sample(n, 3)] <- NA; grp[sample(n, 2)] <- NA
d <- data.frame(id = sprintf("S%03d", 1:n), time, status, x1, x2, x3, g, grp)
write.table(d, "synth.tsv", sep = "\t", quote = FALSE, row.names = FALSE, na = "NA")

coxref <- function(fit, prefix) {
  s <- summary(fit)
  cf <- s$coefficients; ci <- s$conf.int
  wtab(data.frame(term = rownames(cf), coef = cf[, "coef"], HR = ci[, "exp(coef)"],
                  HR_lo = ci[, "lower .95"], HR_hi = ci[, "upper .95"], se = cf[, "se(coef)"],
                  z = cf[, "z"], p = cf[, "Pr(>|z|)"]), paste0("ref_", prefix, "_coef.tsv"))
  cc <- fit$concordance; df <- length(coef(fit))
  kv(list(n = fit$n, events = fit$nevent, loglik0 = fit$loglik[1], loglik = fit$loglik[2],
          # unrounded (summary.coxph rounds the Wald statistic to 2 decimals)
          lr = 2 * diff(fit$loglik), lr_p = pchisq(2 * diff(fit$loglik), df, lower.tail = FALSE),
          wald = fit$wald.test, wald_p = pchisq(fit$wald.test, df, lower.tail = FALSE),
          score = fit$score, score_p = pchisq(fit$score, df, lower.tail = FALSE),
          concordance = cc[["concordance"]], concordance_std = cc[["std"]], concordant = cc[["concordant"]],
          discordant = cc[["discordant"]], tied_x = cc[["tied.x"]], tied_y = cc[["tied.y"]],
          tied_xy = cc[["tied.xy"]], iter = fit$iter), paste0("ref_", prefix, "_fit.tsv"))
}
dd <- na.omit(d[, c("time", "status", "x1", "x2", "x3", "g")])
coxref(coxph(Surv(time, status) ~ x1 + x2 + x3, data = dd), "cox_efron")
coxref(coxph(Surv(time, status) ~ x1 + x2 + x3, data = dd, ties = "breslow"), "cox_breslow")
coxref(coxph(Surv(time, status) ~ x1 + x2 + x3 + strata(g), data = dd), "cox_strata")

## ---- Kaplan–Meier by group, medians, log-rank (plain and stratified)
dk <- na.omit(d[, c("time", "status", "grp", "g")])
km <- survfit(Surv(time, status) ~ grp, data = dk)
sm <- summary(km, censored = TRUE)
wtab(data.frame(group = sub("grp=", "", as.character(sm$strata)), time = sm$time,
                n_risk = sm$n.risk, n_event = sm$n.event, n_censor = sm$n.censor,
                surv = sm$surv, std_err = km$std.err[km$n.risk > 0], lower = sm$lower, upper = sm$upper),
     "ref_km.tsv")
tb <- summary(km)$table
wtab(data.frame(group = sub("grp=", "", rownames(tb)), n = tb[, "records"], events = tb[, "events"],
                median = tb[, "median"], lo = tb[, "0.95LCL"], hi = tb[, "0.95UCL"]), "ref_km_median.tsv")
k1 <- survfit(Surv(time, status) ~ 1, data = dk)
t1 <- summary(k1)$table
kv(list(median = t1[["median"]], lo = t1[["0.95LCL"]], hi = t1[["0.95UCL"]], ntime = length(k1$time),
        last_surv = tail(k1$surv, 1), last_upper = tail(k1$upper, 1)), "ref_km1.tsv")
sd1 <- survdiff(Surv(time, status) ~ grp, data = dk)
sd2 <- survdiff(Surv(time, status) ~ grp + strata(g), data = dk)
kv(list(chisq = sd1$chisq, df = length(sd1$n) - 1, p = pchisq(sd1$chisq, length(sd1$n) - 1, lower.tail = FALSE),
        obs_high = sd1$obs[1], exp_high = sd1$exp[1], exp_low = sd1$exp[2], exp_mid = sd1$exp[3],
        s_chisq = sd2$chisq, s_p = pchisq(sd2$chisq, 2, lower.tail = FALSE),
        s_exp_high = sum(sd2$exp[1, ]), s_exp_low = sum(sd2$exp[2, ])), "ref_logrank.tsv")

## ---- lasso.tsv: elastic-net Cox (glmnet, Breslow), tied times, fixed folds, 2 NAs
set.seed(7)
n <- 150; p <- 40
X <- matrix(round(rnorm(n * p), 4), n, p, dimnames = list(NULL, sprintf("v%02d", 1:p)))
eta <- X[, 1] * 0.8 - X[, 2] * 0.6 + X[, 3] * 0.4 + X[, 10] * 0.3
tt <- ceiling(rexp(n, 0.1 * exp(eta)) * 2) / 2; cc <- ceiling(runif(n, 1, 25))
time <- pmin(tt, cc); status <- as.integer(tt <= cc)
fold <- sample(rep(1:5, length = n))
X[c(4, 77), 5] <- NA
dl <- data.frame(id = sprintf("P%03d", 1:n), time, status, fold, X)
write.table(dl, "lasso.tsv", sep = "\t", quote = FALSE, row.names = FALSE, na = "NA")
ok <- complete.cases(X)
Xo <- X[ok, ]; yo <- Surv(time[ok], status[ok])
pathref <- function(fit, file) {
  b <- as.matrix(fit$beta)
  wtab(data.frame(lambda = fit$lambda, df = fit$df, dev_ratio = fit$dev.ratio, t(b), check.names = FALSE), file)
}
f1 <- glmnet(Xo, yo, family = "cox")
pathref(f1, "ref_glmnet_path.tsv")
kv(list(nulldev = f1$nulldev), "ref_glmnet_nulldev.tsv")
pathref(glmnet(Xo, yo, family = "cox", alpha = 0.5, nlambda = 30), "ref_glmnet_alpha05.tsv")
pathref(glmnet(Xo, yo, family = "cox", lambda = c(0.2, 0.1, 0.05, 0.02)), "ref_glmnet_user.tsv")
cv <- cv.glmnet(Xo, yo, family = "cox", foldid = fold[ok])
wtab(data.frame(lambda = cv$lambda, cvm = cv$cvm, cvsd = cv$cvsd), "ref_glmnet_cv.tsv")
kv(list(lambda_min = cv$lambda.min, lambda_1se = cv$lambda.1se), "ref_glmnet_cv_opt.tsv")
