# Reference forecasts for ThetaTest, written to
# forecasting/src/test/resources/reference/thetaf.csv (and series.csv).
# Run from the project root: Rscript forecasting/src/test/r/theta.R
# Uses forecast::thetaf (forecast 8.20) with the default settings.
#
# Besides the series of reference_series.R, thetaf.csv carries its own rows m, horizon and values
# for three NN5 cash machines (the last 280 of the 735 training days, m = 7, h = 56; each has
# days with zero withdrawals, which thetaf's multiplicative decomposition accepts) and the
# training part of the monthly M3 series N2100.
source("forecasting/src/test/r/reference_series.R")
library(forecast)
write_series()

own <- list(
  list(name = "NN5_N101", m = 7, values = nn5_training_tail("N101", 280), horizon = 56),
  list(name = "NN5_N119", m = 7, values = nn5_training_tail("N119", 280), horizon = 56),
  list(name = "NN5_N164", m = 7, values = nn5_training_tail("N164", 280), horizon = 56),
  list(name = "M3_N2100", m = 12, values = m3_training("N2100")$values,
       horizon = m3_training("N2100")$horizon)
)

rows <- character()
for (s in c(reference_series(), own)) {
  if (any(vapply(own, function(o) o$name == s$name, logical(1)))) {
    rows <- c(rows, row(s$name, "m", s$m), row(s$name, "horizon", s$horizon),
              row(s$name, "values", s$values),
              # the seasonal indices thetaf divides by, by position t mod m from the start
              row(s$name, "figure",
                  decompose(ts(s$values, frequency = s$m), type = "multiplicative")$figure))
  }
  fit <- thetaf(ts(s$values, frequency = s$m), h = s$horizon)
  se <- (fit$upper[, 1] - fit$mean) / qnorm(0.9)
  rows <- c(rows,
            row(s$name, "alpha", fit$model$alpha),
            row(s$name, "drift", fit$model$drift),
            row(s$name, "sigma2", fit$model$sigma),
            row(s$name, "mean", as.numeric(fit$mean)),
            row(s$name, "se", as.numeric(se)))
}
write_rows(rows, "thetaf.csv")
