# Reference values for ArimaTest and KpssTest, written to
# forecasting/src/test/resources/reference/arima.csv and kpss.csv (and series.csv).
# Run from the project root: Rscript forecasting/src/test/r/arima.R
#
# Fixed-order fits with forecast::Arima (forecast 8.20) by conditional sum of squares
# (method = "CSS", the estimator the Java class uses) and by R's default "CSS-ML" (exact
# likelihood); KPSS statistics from urca::ur.kpss with the lag auto.arima uses, and
# forecast::ndiffs.
source("forecasting/src/test/r/reference_series.R")
library(forecast)
library(urca)
write_series()

find_series <- function(name) {
  for (s in reference_series()) if (s$name == name) return(s)
  stop(name)
}

# name, order, constant (mean for d = 0, drift for d = 1), horizon
cases <- list(
  list(series = "WWWusage", order = c(1, 1, 1), constant = FALSE, h = 10),
  list(series = "WWWusage", order = c(3, 1, 0), constant = FALSE, h = 10),
  list(series = "LakeHuron", order = c(2, 0, 0), constant = TRUE, h = 10),
  list(series = "lh", order = c(1, 0, 1), constant = TRUE, h = 10),
  list(series = "Nile", order = c(0, 1, 1), constant = FALSE, h = 10),
  list(series = "M3_N0001", order = c(0, 1, 0), constant = TRUE, h = 6),
  list(series = "USAccDeaths", order = c(1, 1, 2), constant = TRUE, h = 12)
)

# Conditional sum of squares of an ARMA(p, q) with constant cc on the differenced series w:
# e[t] = w[t] - cc - sum phi[i] w[t-i] - sum theta[j] e[t-j] for t > p, residuals before p+1 = 0.
css_objective <- function(w, phi, theta, cc) {
  p <- length(phi)
  q <- length(theta)
  e <- numeric(length(w))
  total <- 0
  for (t in (p + 1):length(w)) {
    v <- w[t] - cc
    if (p > 0) for (i in 1:p) v <- v - phi[i] * w[t - i]
    if (q > 0) for (j in 1:q) if (t - j > p) v <- v - theta[j] * e[t - j]
    e[t] <- v
    total <- total + v^2
  }
  total
}

rows <- character()
for (case in cases) {
  s <- find_series(case$series)
  y <- s$values
  # e.g. "WWWusage_arima111" or "LakeHuron_arima200c" (c: with constant)
  label <- sprintf("%s_arima%d%d%d%s", case$series, case$order[1], case$order[2], case$order[3],
                   if (case$constant) "c" else "")
  for (method in c("CSS", "CSS-ML")) {
    if (case$order[2] == 0) {
      fit <- Arima(y, order = case$order, include.mean = case$constant, method = method)
    } else {
      fit <- Arima(y, order = case$order, include.drift = case$constant, method = method)
    }
    fc <- forecast(fit, h = case$h, level = 80)
    cf <- coef(fit)
    p <- case$order[1]
    q <- case$order[3]
    phi <- if (p > 0) cf[1:p] else numeric(0)
    theta <- if (q > 0) cf[(p + 1):(p + q)] else numeric(0)
    # The mean (d = 0) or drift (d = 1) times (1 - sum phi) is the constant of the recursion.
    cc <- if (case$constant) cf[p + q + 1] * (1 - sum(phi)) else 0
    w <- if (case$order[2] > 0) diff(y, differences = case$order[2]) else y
    se <- (as.numeric(fc$upper[, 1]) - as.numeric(fc$mean)) / qnorm(0.9)
    rows <- c(rows,
              row(label, paste0(method, "_coef"), coef(fit)),
              row(label, paste0(method, "_sigma2"), fit$sigma2),
              row(label, paste0(method, "_mean"), as.numeric(fc$mean)),
              row(label, paste0(method, "_se"), se),
              row(label, paste0(method, "_objective"), css_objective(w, phi, theta, cc)))
  }
}
write_rows(rows, "arima.csv")

rows <- character()
for (s in reference_series()) {
  y <- s$values
  lag <- trunc(3 * sqrt(length(y)) / 13)
  stat <- ur.kpss(y, type = "mu", use.lag = lag)@teststat
  rows <- c(rows, row(s$name, "kpss", c(lag, stat)), row(s$name, "ndiffs", ndiffs(y)))
}
write_rows(rows, "kpss.csv")
