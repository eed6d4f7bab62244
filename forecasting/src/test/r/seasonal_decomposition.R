# Reference values for SeasonalDecompositionTest, written to
# forecasting/src/test/resources/reference/seasonal_decomposition.csv (and series.csv).
# Run from the project root: Rscript forecasting/src/test/r/seasonal_decomposition.R
#
# The test statistic is computed from stats::acf (an independent implementation of the sample
# autocorrelation), the indices from stats::decompose (classical decomposition).
source("forecasting/src/test/r/reference_series.R")
write_series()

rows <- character()
for (s in reference_series()) {
  x <- s$values
  m <- s$m
  n <- length(x)
  if (m > 1) {
    r <- acf(x, lag.max = m, plot = FALSE)$acf[-1]
    statistic <- abs(r[m]) / sqrt((1 + 2 * sum(r[1:(m - 1)]^2)) / n)
    rows <- c(rows, row(s$name, "statistic", statistic))
    rows <- c(rows, row(s$name, "m4_seasonal", as.integer(n >= 3 * m && statistic > 1.645)))
    mult <- decompose(ts(x, frequency = m), type = "multiplicative")$figure
    add <- decompose(ts(x, frequency = m), type = "additive")$figure
    rows <- c(rows, row(s$name, "multiplicative", mult), row(s$name, "additive", add))
  }
}
write_rows(rows, "seasonal_decomposition.csv")
