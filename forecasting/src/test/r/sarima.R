# Reference values for SeasonalArimaTest, written to
# forecasting/src/test/resources/reference/sarima.csv.
# Run from the project root: Rscript forecasting/src/test/r/sarima.R
#
# The series are those of reference_series.R (read from series.csv by the Java test; this script
# does not rewrite series.csv). Fixed-order seasonal fits with forecast::Arima (forecast 8.20) by
# conditional sum of squares (method = "CSS", the estimator SeasonalArima uses); the automatic
# order choice of forecast::auto.arima with stepwise = TRUE, approximation = FALSE, both with
# method = "CSS" (the same criterion as SeasonalArima) and with the default CSS-ML; the seasonal
# strength of nsdiffs' default "seas" test and the differences nsdiffs and ndiffs choose.
source("forecasting/src/test/r/reference_series.R")
suppressMessages(library(forecast))

find_series <- function(name) {
  for (s in reference_series()) if (s$name == name) return(s)
  stop(name)
}

# series, order, seasonal order, constant (mean for d + D = 0, drift for d + D = 1), horizon
cases <- list(
  list(series = "AirPassengers", order = c(0, 1, 1), seasonal = c(0, 1, 1), constant = FALSE),
  list(series = "AirPassengers", order = c(1, 0, 0), seasonal = c(0, 1, 1), constant = TRUE),
  list(series = "USAccDeaths", order = c(0, 1, 1), seasonal = c(0, 1, 1), constant = FALSE),
  list(series = "USAccDeaths", order = c(1, 0, 1), seasonal = c(1, 1, 0), constant = TRUE),
  list(series = "M3_N1712", order = c(1, 0, 0), seasonal = c(1, 0, 1), constant = TRUE),
  list(series = "M3_N1712", order = c(1, 1, 0), seasonal = c(1, 0, 0), constant = TRUE),
  list(series = "M3_N1712", order = c(0, 1, 1), seasonal = c(2, 0, 1), constant = FALSE),
  list(series = "M3_N1402", order = c(1, 0, 0), seasonal = c(1, 0, 0), constant = TRUE)
)

# Coefficients of a polynomial product, both given as c(1, a_1, a_2, ...).
poly_mult <- function(a, b) {
  out <- numeric(length(a) + length(b) - 1)
  for (i in seq_along(a)) out[i:(i + length(b) - 1)] <- out[i:(i + length(b) - 1)] + a[i] * b
  out
}

# Seasonal polynomial c(1, s_1 at lag m, s_2 at lag 2m, ...) in powers of B.
seasonal_poly <- function(s, m) {
  out <- c(1, numeric(length(s) * m))
  for (j in seq_along(s)) out[1 + j * m] <- s[j]
  out
}

# Conditional sum of squares as defined for SeasonalArima: w the differenced x minus its mean or
# drift, residuals e[t] = w[t] - sum a_i w[t-i] - sum b_j e[t-j] from t = p + P m + 1 on, zero
# before, where 1 - sum a_i B^i = phi(B) Phi(B^m) and 1 + sum b_j B^j = theta(B) Theta(B^m).
css_objective <- function(x, m, order, seasonal, coef, constant) {
  p <- order[1]; q <- order[3]; P <- seasonal[1]; Q <- seasonal[3]
  phi <- coef[seq_len(p)]
  theta <- coef[p + seq_len(q)]
  sphi <- coef[p + q + seq_len(P)]
  stheta <- coef[p + q + P + seq_len(Q)]
  if (constant) {
    b <- coef[p + q + P + Q + 1]
    x <- if (order[2] + seasonal[2] == 0) x - b else x - b * seq_along(x)
  }
  w <- x
  if (seasonal[2] > 0) w <- diff(w, lag = m, differences = seasonal[2])
  if (order[2] > 0) w <- diff(w, differences = order[2])
  a <- -poly_mult(c(1, -phi), seasonal_poly(-sphi, m))[-1]
  bb <- poly_mult(c(1, theta), seasonal_poly(stheta, m))[-1]
  first <- p + P * m + 1
  e <- numeric(length(w))
  total <- 0
  for (t in first:length(w)) {
    v <- w[t]
    for (i in seq_along(a)) if (a[i] != 0) v <- v - a[i] * w[t - i]
    for (j in seq_along(bb)) if (bb[j] != 0 && t - j >= first) v <- v - bb[j] * e[t - j]
    e[t] <- v
    total <- total + v^2
  }
  total
}

order_label <- function(order, seasonal, constant) {
  sprintf("arima%d%d%d_%d%d%d%s", order[1], order[2], order[3], seasonal[1], seasonal[2],
          seasonal[3], if (constant) "c" else "")
}

rows <- character()
for (case in cases) {
  s <- find_series(case$series)
  y <- ts(s$values, frequency = s$m)
  label <- paste0(case$series, "_", order_label(case$order, case$seasonal, case$constant))
  if (case$order[2] + case$seasonal[2] == 0) {
    fit <- Arima(y, order = case$order, seasonal = case$seasonal, include.mean = case$constant,
                 method = "CSS")
  } else {
    fit <- Arima(y, order = case$order, seasonal = case$seasonal,
                 include.drift = case$constant, include.mean = FALSE, method = "CSS")
  }
  fc <- forecast(fit, h = s$horizon, level = 80)
  se <- (as.numeric(fc$upper[, 1]) - as.numeric(fc$mean)) / qnorm(0.9)
  rows <- c(rows,
            row(label, "coef", coef(fit)),
            row(label, "sigma2", fit$sigma2),
            row(label, "mean", as.numeric(fc$mean)),
            row(label, "se", se),
            row(label, "objective",
                css_objective(as.numeric(y), s$m, case$order, case$seasonal, coef(fit),
                              case$constant)),
            row(label, "optim_code", fit$code))
}

# orders p, d, q, P, D, Q and constant (1/0) of an automatic fit
auto_orders <- function(fit) {
  o <- fit$arma[c(1, 6, 2, 3, 7, 4)]
  constant <- any(names(coef(fit)) %in% c("intercept", "drift"))
  c(o, as.numeric(constant))
}

for (name in c("AirPassengers", "USAccDeaths", "M3_N1402", "M3_N1712", "M3_N0646")) {
  s <- find_series(name)
  y <- ts(s$values, frequency = s$m)
  D <- nsdiffs(y)
  d <- ndiffs(if (D > 0) diff(y, lag = s$m, differences = D) else y)
  css <- auto.arima(y, stepwise = TRUE, approximation = FALSE, method = "CSS")
  ml <- auto.arima(y, stepwise = TRUE, approximation = FALSE)
  rows <- c(rows,
            row(name, "seas_strength", forecast:::seas.heuristic(y)),
            row(name, "nsdiffs", D),
            row(name, "ndiffs", d),
            row(name, "auto_css_orders", auto_orders(css)),
            row(name, "auto_css_coef", if (length(coef(css))) coef(css) else 0),
            row(name, "auto_css_mean", as.numeric(forecast(css, h = s$horizon)$mean)),
            row(name, "auto_ml_orders", auto_orders(ml)))
}
write_rows(rows, "sarima.csv")
