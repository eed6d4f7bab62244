# Reference values for MstlTest and MstlfTest, written to
# forecasting/src/test/resources/reference/mstl.csv.
# Run from the project root: Rscript forecasting/src/test/r/mstl.R
# Uses forecast::mstl and forecast::stlf (forecast 8.20) with their defaults (iterate = 2,
# s.window = 7 + 4 * seq(6), robust = FALSE, ETS "ZZN" on the seasonally adjusted series), on
# msts series, and forecast::mstl on plain (non-seasonal) ts series.
#
# Series:
#   NN5_N101_735, NN5_N164_735: the 735 training days of the NN5 cash machines N101 and N164
#     (blank days filled with the same weekday one week before, as the benchmark does; needs the
#     NN5 file under the data folder, see reference_series.R), msts periods 7 and 365.25, h = 56.
#   NN5_N101_280: the last 280 of those days for N101 (as in thetaf.csv); 365.25 is dropped
#     (not below n / 2), so mstl decomposes the weekly period alone, twice (iterate = 2).
#   SYNTH_HOURLY: 1,000 synthetic hourly values generated below (set.seed(20240917)), msts
#     periods 24 and 168, h = 168.
#   Nile, WWWusage: non-seasonal ts (frequency 1); mstl's trend is stats::supsmu.
#
# Rows per series (values with 12 significant digits):
#   periods: the msts seasonal periods (absent for the non-seasonal series); horizon: h
#   values: the series; trend: mstl(x)[, "Trend"]; seasonal_<k>: the k-th seasonal column of
#   mstl(x) (k = 1, 2 in ascending period); the remainder is values - trend - seasonals
#   stlf_mean: stlf(x, h = h)$mean
#   stlf_method: the chosen ETS form as 3 numbers (error A=1/M=2, trend N=0/A=1/Ad=2, season 0)
source("forecasting/src/test/r/reference_series.R")
library(forecast)

row12 <- function(series, quantity, values) {
  paste(c(series, quantity, sprintf("%.12g", values)), collapse = ",")
}

synthetic_hourly <- function() {
  set.seed(20240917)
  n <- 1000
  t <- seq_len(n)
  hour <- (t - 1) %% 24
  day <- ((t - 1) %/% 24) %% 7
  daily <- 12 * sin(2 * pi * hour / 24) + 4 * cos(4 * pi * hour / 24)
  weekly <- c(0, 2, 3, 3, 5, 9, -22)[day + 1]
  noise <- as.numeric(arima.sim(list(ar = 0.6), n = n, sd = 2))
  round(100 + 0.02 * t + daily + weekly + noise, 3)
}

nn5_735 <- function(id) nn5_training_tail(id, 735)

cases <- list(
  list(name = "NN5_N101_735", periods = c(7, 365.25), values = nn5_735("N101"), h = 56),
  list(name = "NN5_N164_735", periods = c(7, 365.25), values = nn5_735("N164"), h = 56),
  list(name = "NN5_N101_280", periods = c(7, 365.25), values = nn5_training_tail("N101", 280),
       h = 56),
  list(name = "SYNTH_HOURLY", periods = c(24, 168), values = synthetic_hourly(), h = 168),
  list(name = "Nile", periods = NULL, values = as.numeric(Nile), h = 10),
  list(name = "WWWusage", periods = NULL, values = as.numeric(WWWusage), h = 10)
)

rows <- character()
for (cs in cases) {
  v <- cs$values
  x <- if (is.null(cs$periods)) ts(v) else msts(v, seasonal.periods = cs$periods)
  if (!is.null(cs$periods)) rows <- c(rows, row12(cs$name, "periods", cs$periods))
  rows <- c(rows, row12(cs$name, "horizon", cs$h), row12(cs$name, "values", v))
  d <- suppressWarnings(mstl(x))
  rows <- c(rows, row12(cs$name, "trend", d[, "Trend"]))
  seas <- grep("Seasonal", colnames(d))
  for (k in seq_along(seas)) {
    rows <- c(rows, row12(cs$name, paste0("seasonal_", k), d[, seas[k]]))
  }
  stopifnot(max(abs(d[, "Data"] - d[, "Trend"] - rowSums(d[, seas, drop = FALSE]) -
                    d[, "Remainder"])) < 1e-9)
  if (!is.null(cs$periods)) {
    f <- suppressWarnings(stlf(x, h = cs$h))
    comp <- f$model$components
    rows <- c(rows, row12(cs$name, "stlf_mean", as.numeric(f$mean)),
              row12(cs$name, "stlf_method",
                    c(match(comp[1], c("A", "M")),
                      if (comp[2] == "N") 0 else if (comp[4] == "TRUE") 2 else 1, 0)))
    cat(cs$name, f$method, "AICc", f$model$aicc, "\n")
  }
}
write_rows(rows, "mstl.csv")
