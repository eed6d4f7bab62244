# Reference forecasts for ThetaTest, written to
# forecasting/src/test/resources/reference/thetaf.csv (and series.csv).
# Run from the project root: Rscript forecasting/src/test/r/theta.R
# Uses forecast::thetaf (forecast 8.20) with the default settings.
source("forecasting/src/test/r/reference_series.R")
library(forecast)
write_series()

rows <- character()
for (s in reference_series()) {
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
