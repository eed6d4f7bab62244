# Reference values for the lead-time demand distributions (package
# io.demandcast.inventory.distribution), written to inventory-optimizer/src/test/resources/r/:
#   standard_normal_loss.csv  z, G(z) = E[(Z - z)+] for Z ~ N(0, 1): closed form
#                             dnorm(z) - z * pnorm(z, lower.tail = FALSE), and the same by integrate()
#   normal.csv                mean, sd, x, pnorm(x), loss E[(X - x)+] by integrate()
#   normal_quantile.csv       mean, sd, p, qnorm(p)
#   poisson.csv               lambda, y, ppois(floor(y)), dpois(floor(y)), loss E[(X - y)+] by summation
#   poisson_quantile.csv      lambda, p, qpois(p)
#   nbinom.csv                mean, variance, size, prob, y, pnbinom, dnbinom, loss by summation
#   nbinom_quantile.csv       mean, variance, size, p, qnbinom(p, size, mu = mean)
#   empirical.csv             for two fixed samples: ecdf(x)(y), mean(pmax(x - y, 0)) at y, and
#                             quantile(x, p, type = 1) at p (columns y or p empty when not used)
# Negative binomial: R's (size, mu) parametrisation, size = mean^2 / (variance - mean).
# Discrete losses are summed term by term, sum over x > y of (x - y) * P(X = x), with x up to the
# point whose upper-tail probability is 1e-40, plus 50 (the last term is checked to be < 1e-30).
#
# Run from the project root: Rscript inventory-optimizer/src/test/r/distributions.R
# Base R only (stats). The committed CSVs were produced with R version 4.2.2 Patched (2022-11-10
# r83330); each CSV's first line records the R.version.string of the run that wrote it.

out_dir <- "inventory-optimizer/src/test/resources/r"
stopifnot(dir.exists(out_dir))

write_csv <- function(df, name, what) {
  path <- file.path(out_dir, name)
  con <- file(path, "w")
  writeLines(sprintf("# %s; written by inventory-optimizer/src/test/r/distributions.R with %s",
                     what, R.version.string), con)
  # Shortest of 15 or 17 significant digits that reads back as the same double.
  # NA (a cell not used by that row) is written as an empty cell.
  fmt <- function(x) {
    short <- sprintf("%.15g", x)
    out <- ifelse(suppressWarnings(as.numeric(short)) == x, short, sprintf("%.17g", x))
    out[is.na(x)] <- ""
    out
  }
  df[] <- lapply(df, function(col) if (is.numeric(col)) fmt(col) else col)
  write.csv(df, con, row.names = FALSE, quote = FALSE)
  close(con)
}

# ---- standard normal loss G(z) --------------------------------------------------------------------
g_closed <- function(z) dnorm(z) - z * pnorm(z, lower.tail = FALSE)
g_integral <- function(z) {
  integrate(function(x) (x - z) * dnorm(x), lower = z, upper = Inf,
            rel.tol = 1e-13, abs.tol = 0)$value
}
z <- c(seq(-4, 4, by = 0.25), 5, 6)
gc <- g_closed(z)
gi <- vapply(z, g_integral, numeric(1))
stopifnot(all(abs(gc - gi) < 1e-11))
write_csv(data.frame(z = z, g = gc, g_integrate = gi), "standard_normal_loss.csv",
          "standard normal loss function G(z)")

# ---- normal with mean and sd ------------------------------------------------------------------------
normal <- NULL
normal_q <- NULL
for (ms in list(c(100, 20), c(2.5, 1.5), c(0, 3))) {
  m <- ms[1]; s <- ms[2]
  for (x in m + s * c(-3, -1.2, 0, 0.4, 1, 2.5)) {
    loss <- integrate(function(t) (t - x) * dnorm(t, m, s), lower = x, upper = Inf,
                      rel.tol = 1e-13, abs.tol = 0)$value
    normal <- rbind(normal, data.frame(mean = m, sd = s, x = x, cdf = pnorm(x, m, s), loss = loss))
  }
  p <- c(0.01, 0.5, 0.8, 0.9, 0.95, 0.99)
  normal_q <- rbind(normal_q, data.frame(mean = m, sd = s, p = p, quantile = qnorm(p, m, s)))
}
write_csv(normal, "normal.csv", "normal: pnorm and loss E[(X - x)+] by integrate()")
write_csv(normal_q, "normal_quantile.csv", "normal quantiles qnorm(p, mean, sd)")

# ---- discrete losses by summation -------------------------------------------------------------------
loss_by_sum <- function(y, pmf, upper) {
  x <- seq(max(0, floor(y) + 1), upper)
  x <- x[x > y]
  stopifnot(pmf(upper) * max(1, upper - y) < 1e-30)
  sum((x - y) * pmf(x))
}

probs <- c(0.5, 0.8, 0.9, 0.95, 0.99, 0.001, 0.3, 0.999, 0.9999)

# y grid: 0 .. well past the upper tail, ~30 points, plus non-integer points and one beyond the tail.
y_grid <- function(hi) {
  ints <- unique(round(seq(0, hi, length.out = 30)))
  sort(unique(c(ints, ints[seq(2, length(ints), by = 3)] + 0.37, 0.5)))
}

poisson <- NULL
poisson_q <- NULL
for (lambda in c(0.3, 2, 7.5, 40, 400)) {
  upper <- qpois(1e-40, lambda, lower.tail = FALSE) + 50
  pmf <- function(x) dpois(x, lambda)
  for (y in y_grid(qpois(1 - 1e-9, lambda) + 3)) {
    poisson <- rbind(poisson, data.frame(lambda = lambda, y = y, cdf = ppois(floor(y), lambda),
                                         pmf = dpois(floor(y), lambda),
                                         loss = loss_by_sum(y, pmf, upper)))
  }
  poisson_q <- rbind(poisson_q, data.frame(lambda = lambda, p = probs, quantile = qpois(probs, lambda)))
}
write_csv(poisson, "poisson.csv", "Poisson: cdf and pmf at floor(y), loss E[(X - y)+] by summation")
write_csv(poisson_q, "poisson_quantile.csv", "Poisson quantiles qpois(p, lambda)")

nbinom <- NULL
nbinom_q <- NULL
# (mean, variance): strong overdispersion with size < 1, non-integer and integer sizes, large means,
# and variance barely above the mean (size 1e7, nearly Poisson). Not larger sizes: at size 1e10
# (mean 10, variance 10 + 1e-8) the summed dnbinom loss at 0 is 9.9999999945, not the mean 10, so
# dnbinom there is only good to about 5e-10 relative (R 4.2.2).
moments <- list(c(0.4, 2), c(2, 5), c(1, 1.5), c(7.5, 20), c(3, 3.5), c(40, 100), c(400, 1000),
                c(400, 1600), c(0.05, 0.3), c(10, 10 + 1e-5))
for (mv in moments) {
  m <- mv[1]; v <- mv[2]
  size <- m^2 / (v - m)
  prob <- m / v
  upper <- qnbinom(1e-40, size = size, mu = m, lower.tail = FALSE) + 50
  pmf <- function(x) dnbinom(x, size = size, mu = m)
  for (y in y_grid(qnbinom(1 - 1e-9, size = size, mu = m) + 3)) {
    nbinom <- rbind(nbinom, data.frame(mean = m, variance = v, size = size, prob = prob, y = y,
                                       cdf = pnbinom(floor(y), size = size, mu = m),
                                       pmf = dnbinom(floor(y), size = size, mu = m),
                                       loss = loss_by_sum(y, pmf, upper)))
  }
  nbinom_q <- rbind(nbinom_q, data.frame(mean = m, variance = v, size = size, p = probs,
                                         quantile = qnbinom(probs, size = size, mu = m)))
}
write_csv(nbinom, "nbinom.csv",
          "negative binomial (size, mu): cdf and pmf at floor(y), loss E[(X - y)+] by summation")
write_csv(nbinom_q, "nbinom_quantile.csv", "negative binomial quantiles qnbinom(p, size, mu)")

# ---- empirical distribution (ECDF, type-1 quantile) -------------------------------------------------
samples <- list(integer = c(0, 0, 3, 1, 7, 2, 0, 12, 5, 5, 0, 1, 0, 4, 2, 0, 9, 1, 0, 3),
                fractional = c(2.5, 0.25, 7.75, 3, 3, 11.125, 0.5, 4.375, 6))
empirical <- NULL
for (name in names(samples)) {
  x <- samples[[name]]
  for (y in c(-1, 0, 0.5, 1, 2.5, 3, 4.9, 7.75, 12, 13)) {
    empirical <- rbind(empirical, data.frame(sample = name, y = y, cdf = ecdf(x)(y),
                                             loss = mean(pmax(x - y, 0)), p = NA, quantile = NA))
  }
  for (p in c(0.01, 0.05, 0.1, 0.25, 0.3, 0.5, 0.75, 0.8, 0.9, 0.95, 0.99)) {
    empirical <- rbind(empirical, data.frame(sample = name, y = NA, cdf = NA, loss = NA, p = p,
                                             quantile = unname(quantile(x, p, type = 1))))
  }
}
write_csv(empirical, "empirical.csv",
          paste("empirical distribution of the samples in distributions.R: ecdf, loss, type-1",
                "quantile (empty = not used)"))
