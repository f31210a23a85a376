# Reference values for pctstats' intervals, ratios and pooling, from independent R code.
#
# Run by hand from the repository root:
#
#     Rscript tests/results/make_reference.R
#
# It writes tests/results/reference_values.csv (one row per value, with the exact R call that
# produced it in `r_call`) and tests/results/reference_pool_sets.csv (the studies pooled). Both
# are committed; the Python tests read them and need no R.
#
# Packages: epitools (binom.exact, binom.wilson, binom.approx, oddsratio.*, riskratio.wald) and
# metafor (escalc, rma, predict), from Debian (r-cran-epitools, r-cran-metafor). Where no
# installed package has a method, the script computes it from its published formula in base R,
# in a function defined below and named in the call (e.g. `agresti_coull(...)`):
#   - Jeffreys interval: base R qbeta(), equal-tailed Beta(x + 1/2, n - x + 1/2) quantiles,
#     WITHOUT Brown, Cai & DasGupta's boundary adjustment (pctstats applies it, so the lower
#     limit at x = 0 and the upper limit at x = n differ by definition; the tests check that).
#   - Agresti-Coull interval: base R formula, NOT clipped to [0, 1] (pctstats/statsmodels clip).
#   - Odds-ratio mid-p and Fisher (conditional) intervals solved with a tight tolerance:
#     epitools' own functions call uniroot() with its default tol (about 1.2e-4), so their
#     values are accurate to about 1e-4 only. `midp_tight()` solves epitools' or.midp equations
#     (with fisher.test p-values) and `fisher_tight()` fisher.test's conditional-MLE and exact-CI
#     equations (with dhyper), both with uniroot(tol = 1e-12) on log(OR). Both sets are written:
#     the epitools values, checked loosely, and the tight values, checked to 1e-6.
#   - Miettinen-Nurminen score interval for the risk ratio, `mn_risk_ratio()`, from the
#     closed-form restricted MLE (Miettinen & Nurminen 1985; Farrington & Manning 1990).
#   - Newcombe's hybrid score interval for a difference, from epitools::binom.wilson limits.
#   - Agresti-Caffo and Wald intervals for a difference, base R formulas.
#   - Higgins-Thompson-Spiegelhalter prediction interval, t with k - 2 df, base R formula
#     around metafor's estimate, se and tau2.

suppressPackageStartupMessages({
  library(epitools)
  library(metafor)
})

out_values <- file.path("tests", "results", "reference_values.csv")
out_sets <- file.path("tests", "results", "reference_pool_sets.csv")
if (!dir.exists(dirname(out_values))) {
  stop("run from the repository root: Rscript tests/results/make_reference.R")
}

# ---------------------------------------------------------------------------------------------
# Helpers defined here (base R), named in the r_call column.

agresti_coull <- function(x, n, conf.level) {
  z <- qnorm(1 - (1 - conf.level) / 2)
  n_t <- n + z^2
  p_t <- (x + z^2 / 2) / n_t
  half <- z * sqrt(p_t * (1 - p_t) / n_t)
  c(lower = p_t - half, upper = p_t + half)
}

jeffreys <- function(x, n, conf.level) {
  alpha <- 1 - conf.level
  c(lower = qbeta(alpha / 2, x + 0.5, n - x + 0.5),
    upper = qbeta(1 - alpha / 2, x + 0.5, n - x + 0.5))
}

# epitools::or.midp's equations; `x` is a 2x2 matrix in epitools' layout (row 1 = reference
# group, columns = non-cases, cases), solved on log(OR) with a tight tolerance.
midp_tight <- function(x, conf.level) {
  a1 <- x[2, 2]; b1 <- x[2, 1]; a0 <- x[1, 2]; b0 <- x[1, 1]
  mm <- matrix(c(a1, a0, b1, b0), 2, 2, byrow = TRUE)
  p_less <- function(or) fisher.test(mm, or = or, alternative = "less")$p.value
  p_greater <- function(or) fisher.test(mm, or = or, alternative = "greater")$p.value
  midp <- function(or) 0.5 * (p_less(or) - p_greater(or) + 1)
  alpha <- 1 - conf.level
  solve <- function(f) exp(uniroot(f, c(-30, 30), tol = 1e-12, maxiter = 1000)$root)
  c(estimate = solve(function(l) p_less(exp(l)) - p_greater(exp(l))),
    lower = solve(function(l) 1 - midp(exp(l)) - alpha / 2),
    upper = solve(function(l) midp(exp(l)) - alpha / 2))
}

# fisher.test's conditional MLE and exact CI (its own equations, written with dhyper), solved
# on log(OR) with a tight tolerance. Same layout as midp_tight().
fisher_tight <- function(x, conf.level) {
  a1 <- x[2, 2]; b1 <- x[2, 1]; a0 <- x[1, 2]; b0 <- x[1, 1]
  m <- a1 + a0          # cases
  n <- b1 + b0          # non-cases
  k <- a1 + b1          # group 1
  lo <- max(0, k - n); hi <- min(k, m)
  support <- lo:hi
  logdc <- dhyper(support, m, n, k, log = TRUE)
  dn <- function(ncp) {
    d <- logdc + log(ncp) * support
    d <- exp(d - max(d))
    d / sum(d)
  }
  mean_nc <- function(ncp) sum(support * dn(ncp))
  p_upper <- function(ncp) sum(dn(ncp)[support >= a1])   # P(X >= x)
  p_lower <- function(ncp) sum(dn(ncp)[support <= a1])   # P(X <= x)
  alpha <- 1 - conf.level
  solve <- function(f) exp(uniroot(f, c(-30, 30), tol = 1e-12, maxiter = 1000)$root)
  est <- if (a1 == lo) 0 else if (a1 == hi) Inf else solve(function(l) mean_nc(exp(l)) - a1)
  lower <- if (a1 == lo) 0 else solve(function(l) p_upper(exp(l)) - alpha / 2)
  upper <- if (a1 == hi) Inf else solve(function(l) p_lower(exp(l)) - alpha / 2)
  c(estimate = est, lower = lower, upper = upper)
}

# Miettinen-Nurminen score interval for the risk ratio p1 / p2, with the N / (N - 1) variance
# factor; restricted MLE in closed form (Farrington & Manning 1990, eq. for the ratio).
mn_risk_ratio <- function(x1, n1, x2, n2, conf.level) {
  N <- n1 + n2
  p1 <- x1 / n1; p2 <- x2 / n2
  z <- qnorm(1 - (1 - conf.level) / 2)
  score <- function(theta) {
    A <- N * theta
    B <- -(n1 * theta + x1 + n2 + x2 * theta)
    C <- x1 + x2
    p2t <- (-B - sqrt(B^2 - 4 * A * C)) / (2 * A)
    p1t <- p2t * theta
    v <- (p1t * (1 - p1t) / n1 + theta^2 * p2t * (1 - p2t) / n2) * N / (N - 1)
    (p1 - theta * p2) / sqrt(v)
  }
  est <- p1 / p2
  lower <- exp(uniroot(function(l) score(exp(l)) - z, c(-30, log(est)), tol = 1e-12,
                       maxiter = 1000)$root)
  upper <- exp(uniroot(function(l) score(exp(l)) + z, c(log(est), 30), tol = 1e-12,
                       maxiter = 1000)$root)
  c(estimate = est, lower = lower, upper = upper)
}

newcombe_diff <- function(x1, n1, x2, n2, conf.level) {
  w1 <- binom.wilson(x1, n1, conf.level); w2 <- binom.wilson(x2, n2, conf.level)
  p1 <- x1 / n1; p2 <- x2 / n2
  c(estimate = p1 - p2,
    lower = p1 - p2 - sqrt((p1 - w1$lower)^2 + (w2$upper - p2)^2),
    upper = p1 - p2 + sqrt((w1$upper - p1)^2 + (p2 - w2$lower)^2))
}

wald_diff <- function(x1, n1, x2, n2, conf.level, add = 0) {
  z <- qnorm(1 - (1 - conf.level) / 2)
  p1 <- (x1 + add) / (n1 + 2 * add); p2 <- (x2 + add) / (n2 + 2 * add)
  half <- z * sqrt(p1 * (1 - p1) / (n1 + 2 * add) + p2 * (1 - p2) / (n2 + 2 * add))
  c(estimate = x1 / n1 - x2 / n2, lower = p1 - p2 - half, upper = p1 - p2 + half)
}

agresti_caffo_diff <- function(x1, n1, x2, n2, conf.level) {
  wald_diff(x1, n1, x2, n2, conf.level, add = 1)
}

hts_prediction <- function(res, conf.level) {
  crit <- qt(1 - (1 - conf.level) / 2, df = res$k - 2)
  half <- crit * sqrt(res$tau2 + res$se^2)
  transf.ilogit(c(lower = c(res$b) - half, upper = c(res$b) + half))
}

# ---------------------------------------------------------------------------------------------
rows <- list()
add_row <- function(kind, method, level, quantity, value, call, k = NA, n = NA, a = NA, b = NA,
                    c = NA, d = NA, pool_set = NA, study = NA, note = "") {
  rows[[length(rows) + 1]] <<- data.frame(
    kind = kind, method = method, level = level, k = k, n = n, a = a, b = b, c = c, d = d,
    pool_set = pool_set, study = study, quantity = quantity,
    value = sprintf("%.17g", value), r_call = call, note = note,
    stringsAsFactors = FALSE
  )
}
# chisq.test() inside epitools warns about small expected counts; the p-values are not used.
run <- function(call) suppressWarnings(eval(parse(text = call)))

# --- One proportion --------------------------------------------------------------------------
named_counts <- list(
  c(106, 230), c(105, 230), c(12, 230), c(11, 230),   # S1: 46% and 5.1% of 230 (GRIM neighbours)
  c(73, 222),                                         # S2: 32.9% of 222
  c(495, 1208), c(244, 1208),                         # S3: 41% and 20.2% of 1208
  c(500, 6669), c(123456, 1000000)                    # large n
)
small_counts <- list()
for (n in 1:30) for (x in 0:n) small_counts[[length(small_counts) + 1]] <- c(x, n)

prop_methods <- list(
  wilson = "binom.wilson(x = %d, n = %d, conf.level = %s)",
  clopper_pearson = "binom.exact(x = %d, n = %d, conf.level = %s)",
  wald = "binom.approx(x = %d, n = %d, conf.level = %s)",
  jeffreys = "jeffreys(x = %d, n = %d, conf.level = %s)",
  agresti_coull = "agresti_coull(x = %d, n = %d, conf.level = %s)"
)
add_prop <- function(x, n, level) {
  for (m in names(prop_methods)) {
    call <- sprintf(prop_methods[[m]], as.integer(x), as.integer(n), format(level))
    r <- run(call)
    low <- if (is.data.frame(r)) r$lower else r[["lower"]]
    high <- if (is.data.frame(r)) r$upper else r[["upper"]]
    add_row("proportion", m, level, "low", low, call, k = x, n = n)
    add_row("proportion", m, level, "high", high, call, k = x, n = n)
  }
}
for (xn in named_counts) for (level in c(0.95, 0.9, 0.99)) add_prop(xn[1], xn[2], level)
for (xn in small_counts) add_prop(xn[1], xn[2], 0.95)

# --- Two groups: odds ratio, risk ratio, difference -------------------------------------------
# (a, b, c, d): group 1 cases, non-cases; group 2 (reference) cases, non-cases.
tables <- list(
  c(106, 124, 495, 713),   # S1 lifetime (46% of 230 as 106) vs S3 lifetime (41% of 1208 as 495)
  c(105, 125, 495, 713),   # S1 with the other GRIM-consistent count
  c(73, 149, 495, 713),    # S2 vs S3
  c(12, 218, 244, 964),    # S1 4-week (12/230) vs S3 4-week (244/1208)
  c(3, 7, 1, 9),           # small, made up for testing
  c(12, 5, 6, 12),         # small, made up for testing
  c(0, 15, 10, 20),        # zero cell a = 0, made up for testing
  c(5, 0, 10, 20)          # zero cell b = 0, made up for testing
)
mat_call <- function(t) {
  # epitools layout: row 1 = reference group (group 2), columns = non-cases, cases.
  sprintf("matrix(c(%d, %d, %d, %d), nrow = 2, byrow = TRUE)",
          as.integer(t[4]), as.integer(t[3]), as.integer(t[2]), as.integer(t[1]))
}
add_three <- function(kind, method, level, values, call, t, note = "") {
  for (q in c("estimate", "low", "high")) {
    v <- values[[q]]
    add_row(kind, method, level, q, v, call, a = t[1], b = t[2], c = t[3], d = t[4], note = note)
  }
}
for (t in tables) {
  zero <- any(t == 0)
  for (level in c(0.95, 0.9)) {
    lv <- format(level)
    m <- mat_call(t)
    # Woolf (epitools' "wald"): NaN limit with a zero cell is recorded as R gives it.
    call <- sprintf("oddsratio.wald(%s, conf.level = %s)$measure[2, ]", m, lv)
    r <- run(call)
    add_three("odds_ratio", "woolf", level,
              list(estimate = r[["estimate"]], low = r[["lower"]], high = r[["upper"]]), call, t)
    # Conditional MLE and exact CI (epitools' "fisher" = fisher.test, uniroot default tol).
    call <- sprintf("oddsratio.fisher(%s, conf.level = %s)$measure[2, ]", m, lv)
    r <- suppressWarnings(run(call))
    add_three("odds_ratio", "conditional_epitools", level,
              list(estimate = r[["estimate"]], low = r[["lower"]], high = r[["upper"]]), call, t,
              note = "uniroot default tol (about 1.2e-4)")
    call <- sprintf("fisher_tight(%s, conf.level = %s)", m, lv)
    r <- run(call)
    add_three("odds_ratio", "conditional", level,
              list(estimate = r[["estimate"]], low = r[["lower"]], high = r[["upper"]]), call, t)
    if (!zero) {  # epitools' or.midp stops with a uniroot error on a zero cell
      call <- sprintf("oddsratio.midp(%s, conf.level = %s)$measure[2, ]", m, lv)
      r <- suppressWarnings(run(call))
      add_three("odds_ratio", "midp_epitools", level,
                list(estimate = r[["estimate"]], low = r[["lower"]], high = r[["upper"]]),
                call, t, note = "uniroot default tol (about 1.2e-4)")
      call <- sprintf("midp_tight(%s, conf.level = %s)", m, lv)
      r <- run(call)
      add_three("odds_ratio", "midp", level,
                list(estimate = r[["estimate"]], low = r[["lower"]], high = r[["upper"]]), call, t)
    }
    # Risk ratio, Katz log method (epitools' "wald").
    call <- sprintf("riskratio.wald(%s, conf.level = %s)$measure[2, ]", m, lv)
    r <- suppressWarnings(run(call))
    add_three("risk_ratio", "katz", level,
              list(estimate = r[["estimate"]], low = r[["lower"]], high = r[["upper"]]), call, t)
    if (t[1] > 0 && t[3] > 0) {
      call <- sprintf("mn_risk_ratio(x1 = %d, n1 = %d, x2 = %d, n2 = %d, conf.level = %s)",
                      as.integer(t[1]), as.integer(t[1] + t[2]), as.integer(t[3]),
                      as.integer(t[3] + t[4]), lv)
      r <- run(call)
      add_three("risk_ratio", "score", level,
                list(estimate = r[["estimate"]], low = r[["lower"]], high = r[["upper"]]),
                call, t)
    }
    for (dm in c("newcombe", "agresti_caffo", "wald")) {
      fn <- c(newcombe = "newcombe_diff", agresti_caffo = "agresti_caffo_diff",
              wald = "wald_diff")[[dm]]
      call <- sprintf("%s(x1 = %d, n1 = %d, x2 = %d, n2 = %d, conf.level = %s)", fn,
                      as.integer(t[1]), as.integer(t[1] + t[2]), as.integer(t[3]),
                      as.integer(t[3] + t[4]), lv)
      r <- run(call)
      add_three("difference", dm, level,
                list(estimate = r[["estimate"]], low = r[["lower"]], high = r[["upper"]]),
                call, t)
    }
  }
}

# --- Pooling ---------------------------------------------------------------------------------
# S1-S3 counts are reconstructed from the printed percentages (GRIM: 46% of 230 -> 105 or 106,
# taken as 106; 32.9% of 222 -> 73; 41% of 1208 -> 490..501, taken as 495). Studies named TEST-*
# are MADE UP for testing only; they are not data.
pool_sets <- list(
  lifetime3 = data.frame(study = c("S1 schweitzer2015", "S2 bird2011", "S3 maczkowiack2019"),
                         k = c(106, 73, 495), n = c(230, 222, 1208)),
  women2 = data.frame(study = c("S1 schweitzer2015", "S2 bird2011"),
                      k = c(106, 73), n = c(230, 222)),
  pcd_plus_test5 = data.frame(
    study = c("S1 schweitzer2015", "S2 bird2011", "S3 maczkowiack2019",
              "TEST-A (made up)", "TEST-B (made up)"),
    k = c(106, 73, 495, 30, 90), n = c(230, 222, 1208, 150, 160)),
  zero_cells_test = data.frame(
    study = c("TEST-C (made up)", "TEST-D (made up)", "TEST-E (made up)", "TEST-F (made up)",
              "TEST-G (made up)"),
    k = c(0, 25, 12, 20, 7), n = c(40, 25, 80, 90, 60)),
  homogeneous_test = data.frame(
    study = c("TEST-H (made up)", "TEST-I (made up)", "TEST-J (made up)", "TEST-K (made up)",
              "TEST-L (made up)"),
    k = c(50, 51, 49, 100, 75), n = c(100, 100, 100, 200, 150)),
  # The heterogeneous set on which statsmodels' Paule-Mandel iteration stopped unconverged
  # (pctstats then returned tau2 = 0; the root is 1.55046).
  pm_root_test = data.frame(
    study = c("TEST-M (made up)", "TEST-N (made up)", "TEST-O (made up)", "TEST-P (made up)",
              "TEST-Q (made up)"),
    k = c(5, 50, 3, 200, 17), n = c(20, 80, 60, 500, 34))
)
vec <- function(x) paste0("c(", paste(as.integer(x), collapse = ", "), ")")
for (set in names(pool_sets)) {
  s <- pool_sets[[set]]
  esc_call <- sprintf('escalc(measure = "PLO", xi = %s, ni = %s, add = 1/2, to = "only0")',
                      vec(s$k), vec(s$n))
  dat <- run(esc_call)
  for (i in seq_len(nrow(s))) {
    add_row("pool", "escalc", NA, "yi", dat$yi[i], esc_call, k = s$k[i], n = s$n[i],
            pool_set = set, study = s$study[i])
    add_row("pool", "escalc", NA, "vi", dat$vi[i], esc_call, k = s$k[i], n = s$n[i],
            pool_set = set, study = s$study[i])
  }
  for (method in c("DL", "PM", "REML", "ML")) {
    for (level in c(0.95, 0.9)) {
      # metafor's defaults stop PM (uniroot, tol) and REML/ML (Fisher scoring, threshold) at
      # about 1e-5 on tau2; tightened here so that the values are the estimators' roots.
      ctrl <- switch(method, DL = "", PM = ", control = list(tol = 1e-12)",
                     ", control = list(threshold = 1e-12, maxiter = 10000)")
      fit_call <- sprintf('rma(yi, vi, data = %s, method = "%s", level = %s%s)', esc_call,
                          method, format(100 * level), ctrl)
      res <- run(fit_call)
      ap <- function(q, v, call, study = NA, note = "") {
        add_row("pool", method, level, q, v, call, pool_set = set, study = study, note = note)
      }
      ap("tau2", res$tau2, fit_call)
      ap("i2_percent", res$I2, fit_call, note = "metafor's I2 is in percent")
      ap("q", res$QE, fit_call)
      ap("q_pvalue", res$QEp, fit_call)
      ap("logit_estimate", c(res$b), fit_call)
      ap("logit_se", res$se, fit_call)
      pred_call <- sprintf("predict(%s, transf = transf.ilogit)", fit_call)
      p <- run(pred_call)
      ap("estimate", p$pred, pred_call)
      ap("low", p$ci.lb, pred_call)
      ap("high", p$ci.ub, pred_call)
      ap("pi_low_normal", p$pi.lb, pred_call)
      ap("pi_high_normal", p$pi.ub, pred_call)
      w_call <- sprintf("weights(%s)", fit_call)
      w <- run(w_call)
      for (i in seq_len(nrow(s))) {
        ap("weight_percent", w[[i]], w_call, study = s$study[i])
      }
      if (method != "DL") {
        default_call <- sprintf('rma(yi, vi, data = %s, method = "%s")', esc_call, method)
        ap("tau2_default_control", run(default_call)$tau2, default_call,
           note = "metafor's default tolerance (about 1e-5 on tau2)")
      }
      for (test in c("knha", "adhoc")) {
        t_call <- sprintf('predict(%s, transf = transf.ilogit)',
                          sub("method = ", sprintf('test = "%s", method = ', test), fit_call))
        pt <- run(t_call)
        ap(sprintf("low_%s", test), pt$ci.lb, t_call)
        ap(sprintf("high_%s", test), pt$ci.ub, t_call)
      }
      # tau2.max: metafor searches up to 100 by default and reports 100 for a limit beyond it.
      qp_call <- sprintf("confint(%s, control = list(tol = 1e-12, tau2.max = 1e6))$random",
                         fit_call)
      qp <- run(qp_call)
      ap("tau2_qprofile_low", qp["tau^2", "ci.lb"], qp_call)
      ap("tau2_qprofile_high", qp["tau^2", "ci.ub"], qp_call)
      if (nrow(s) >= 3) {
        hts_call <- sprintf("hts_prediction(%s, conf.level = %s)", fit_call, format(level))
        h <- run(hts_call)
        ap("pi_low_hts", h[["lower"]], hts_call)
        ap("pi_high_hts", h[["upper"]], hts_call)
      }
    }
  }
}

values <- do.call(rbind, rows)
write.csv(values, out_values, row.names = FALSE, na = "")
sets <- do.call(rbind, lapply(names(pool_sets), function(set) {
  s <- pool_sets[[set]]
  data.frame(pool_set = set, study = s$study, k = as.integer(s$k), n = as.integer(s$n),
             made_up = grepl("^TEST-", s$study), stringsAsFactors = FALSE)
}))
write.csv(sets, out_sets, row.names = FALSE)
cat(sprintf("wrote %d values to %s (R %s, epitools %s, metafor %s)\n", nrow(values), out_values,
            getRversion(), packageVersion("epitools"), packageVersion("metafor")))
