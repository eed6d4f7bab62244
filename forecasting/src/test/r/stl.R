# Reference values for StlTest and StlfTest, written to
# forecasting/src/test/resources/reference/stl.csv.
# Run from the project root: Rscript forecasting/src/test/r/stl.R
# Uses stats::stl (R 4) and forecast::stlf / forecast::mstl (forecast 8.20) with their defaults.
#
# The series are read from the committed reference CSVs (no data folder needed): USAccDeaths and
# the monthly M3 series N1712 from series.csv, the NN5 cash machine N101 (last 280 training days,
# m = 7) from thetaf.csv.
#
# Rows per series:
#   periodic_robust_{seasonal,trend,remainder}: stl(x, s.window = "periodic", robust = TRUE)
#   sw11_{seasonal,trend,remainder}: stl(x, s.window = 11), the decomposition stlf uses (mstl
#     takes the first of its default s.window = 7 + 4 * seq(6); robust = FALSE)
#   stlf_mean: stlf(x, h)$mean (ETS "ZZN" on the seasonally adjusted series, chosen by AICc,
#     no multiplicative trend, plus the last period of the seasonal component repeated)
#   stlf_method: the chosen ETS form as 3 numbers (error A=1/M=2, trend N=0/A=1/Ad=2, season 0)
source("forecasting/src/test/r/reference_series.R")
library(forecast)

read_ref <- function(file) {
  lines <- readLines(file.path(reference_dir, file))
  parts <- strsplit(lines, ",")
  function(series, quantity) {
    for (p in parts) if (p[1] == series && p[2] == quantity) return(as.numeric(p[-(1:2)]))
    stop(paste("missing", series, quantity))
  }
}
series_ref <- read_ref("series.csv")
theta_ref <- read_ref("thetaf.csv")

cases <- list(
  list(name = "USAccDeaths", get = series_ref),
  list(name = "M3_N1712", get = series_ref),
  list(name = "NN5_N101", get = theta_ref)
)

rows <- character()
for (cs in cases) {
  m <- cs$get(cs$name, "m")
  h <- cs$get(cs$name, "horizon")
  v <- cs$get(cs$name, "values")
  x <- ts(v, frequency = m)
  rows <- c(rows, row(cs$name, "m", m), row(cs$name, "horizon", h), row(cs$name, "values", v))
  p <- stl(x, s.window = "periodic", robust = TRUE)$time.series
  rows <- c(rows, row(cs$name, "periodic_robust_seasonal", p[, "seasonal"]),
            row(cs$name, "periodic_robust_trend", p[, "trend"]),
            row(cs$name, "periodic_robust_remainder", p[, "remainder"]))
  s <- stl(x, s.window = 11)$time.series
  rows <- c(rows, row(cs$name, "sw11_seasonal", s[, "seasonal"]),
            row(cs$name, "sw11_trend", s[, "trend"]),
            row(cs$name, "sw11_remainder", s[, "remainder"]))
  ms <- mstl(x)
  stopifnot(max(abs(ms[, "Trend"] - s[, "trend"])) < 1e-12)
  f <- stlf(x, h = h)
  comp <- f$model$components
  rows <- c(rows, row(cs$name, "stlf_mean", as.numeric(f$mean)),
            row(cs$name, "stlf_method",
                c(match(comp[1], c("A", "M")),
                  if (comp[2] == "N") 0 else if (comp[4] == "TRUE") 2 else 1, 0)))
  cat(cs$name, f$method, "\n")
}
write_rows(rows, "stl.csv")
