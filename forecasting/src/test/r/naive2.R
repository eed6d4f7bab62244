# Reference forecasts for Naive2Test, written to
# forecasting/src/test/resources/reference/naive2.csv (and series.csv).
# Run from the project root: Rscript forecasting/src/test/r/naive2.R
#
# Naive2 as described for the M4 benchmarks (Makridakis, Spiliotis & Assimakopoulos 2020): if the
# 90% autocorrelation test at lag m says seasonal (m > 1, n >= 3m), divide by the multiplicative
# classical seasonal indices (stats::decompose), repeat the last adjusted value and multiply by
# the indices of the forecast periods; otherwise repeat the last value.
source("forecasting/src/test/r/reference_series.R")
write_series()

naive2 <- function(x, m, h) {
  n <- length(x)
  seasonal <- FALSE
  if (m > 1 && n >= 3 * m) {
    r <- acf(x, lag.max = m, plot = FALSE)$acf[-1]
    seasonal <- abs(r[m]) > 1.645 * sqrt((1 + 2 * sum(r[1:(m - 1)]^2)) / n)
  }
  if (!seasonal) {
    return(rep(x[n], h))
  }
  si <- as.numeric(decompose(ts(x, frequency = m), type = "multiplicative")$seasonal)
  future <- rep(tail(si, m), ceiling(h / m))[1:h]
  rep(x[n] / si[n], h) * future
}

rows <- character()
for (s in reference_series()) {
  rows <- c(rows, row(s$name, "mean", naive2(s$values, s$m, s$horizon)))
}
write_rows(rows, "naive2.csv")
