# Reference values for CrostonTest and TsbTest, written to
# forecasting/src/test/resources/reference/intermittent.csv.
# Run from the project root: Rscript forecasting/src/test/r/intermittent.R
#
# Croston (classic, one alpha): forecast::croston (forecast 8.20).
# Croston with separate size and interval constants: forecast::ses with initial = "simple" on the
# non-zero sizes and on the intervals between them (the first interval counted from the start).
# SBA: the Croston value times (1 - interval_alpha / 2) (Syntetos and Boylan 2005).
# TSB: the recursion of Teunter, Syntetos and Babai (2011), written out below, started after the
# first demand with size = first demand and probability = 1 / (1-based position of first demand).
# Demand classification (Syntetos, Boylan and Croston 2005): ADI = n / k, CV^2 of the k non-zero
# sizes with the population variance.
# Optimisation cross-check: the minimum of the in-sample cost over the 100 x 100 grid
# {0.01, 0.02, ..., 1}^2, evaluated by the loops below (costs defined as in IntermittentCost).
suppressMessages(library(forecast))

raw <- read.csv("forecasting/src/test/resources/reference/carparts-3.csv",
                comment.char = "#", check.names = FALSE)
series <- list()
for (i in seq_len(nrow(raw))) {
  series[[as.character(raw$Part[i])]] <- as.numeric(raw[i, -1])
}

rows <- character()
put <- function(name, key, value) {
  rows <<- c(rows, sprintf("%s,%s,%.17g", name, key, value))
}

croston_separate <- function(y, a, b) {
  pos <- which(y > 0)
  sizes <- y[pos]
  intervals <- diff(c(0, pos))
  z <- ses(sizes, alpha = a, initial = "simple", h = 1)$mean[1]
  p <- ses(intervals, alpha = b, initial = "simple", h = 1)$mean[1]
  z / p
}

tsb_forecast <- function(y, a, b) {
  f <- which(y > 0)[1]
  z <- y[f]
  p <- 1 / f
  if (f < length(y)) {
    for (t in (f + 1):length(y)) {
      if (y[t] > 0) {
        p <- p + b * (1 - p)
        z <- z + a * (y[t] - z)
      } else {
        p <- p + b * (0 - p)
      }
    }
  }
  p * z
}

# One-step in-sample forecasts for periods after the first demand (1-based f+1..n).
insample <- function(y, method, a, b) {
  n <- length(y)
  f <- which(y > 0)[1]
  out <- numeric(n - f)
  if (method == "tsb") {
    z <- y[f]; p <- 1 / f
    for (t in (f + 1):n) {
      out[t - f] <- p * z
      if (y[t] > 0) {
        p <- p + b * (1 - p); z <- z + a * (y[t] - z)
      } else {
        p <- p - b * p
      }
    }
  } else {
    factor <- if (method == "sba") 1 - b / 2 else 1
    z <- y[f]; p <- f; last <- f
    for (t in (f + 1):n) {
      out[t - f] <- factor * z / p
      if (y[t] > 0) {
        z <- z + a * (y[t] - z); p <- p + b * ((t - last) - p); last <- t
      }
    }
  }
  out
}

cost <- function(y, method, a, b, type) {
  n <- length(y)
  f <- which(y > 0)[1]
  fc <- insample(y, method, a, b)
  target <- y
  if (type %in% c("mar", "msr")) {
    target <- cumsum(y) / seq_len(n)
    w <- ceiling(0.3 * n)
    target[1:w] <- target[w]
  }
  e <- target[(f + 1):n] - fc
  if (type %in% c("mse", "msr")) mean(e^2) else mean(abs(e))
}

grid <- seq(0.01, 1, by = 0.01)
for (name in names(series)) {
  y <- series[[name]]
  sizes <- y[y > 0]
  put(name, "adi", length(y) / length(sizes))
  put(name, "cv2", mean((sizes - mean(sizes))^2) / mean(sizes)^2)
  put(name, "croston_0.1", croston(y, h = 1, alpha = 0.1)$mean[1])
  put(name, "sba_0.1", (1 - 0.1 / 2) * croston(y, h = 1, alpha = 0.1)$mean[1])
  put(name, "croston_0.25_0.05", croston_separate(y, 0.25, 0.05))
  put(name, "sba_0.25_0.05", (1 - 0.05 / 2) * croston_separate(y, 0.25, 0.05))
  put(name, "tsb_0.1_0.2", tsb_forecast(y, 0.1, 0.2))
  put(name, "tsb_0.3_0.05", tsb_forecast(y, 0.3, 0.05))
  for (spec in list(c("sba", "mse"), c("sba", "mar"), c("croston", "mse"), c("tsb", "mse"),
                    c("tsb", "mar"))) {
    best <- Inf
    for (a in grid) {
      for (b in grid) {
        best <- min(best, cost(y, spec[1], a, b, spec[2]))
      }
    }
    put(name, sprintf("grid_min_%s_%s", spec[1], spec[2]), best)
  }
}

# Short series, also written out in CrostonTest and TsbTest.
short <- list(short = c(0, 3, 0, 0, 5, 0, 2), single_last = c(0, 0, 0, 5),
              single_mid = c(0, 0, 5, 0, 0))
for (name in names(short)) {
  y <- short[[name]]
  put(name, "croston_0.1", croston(y, h = 1, alpha = 0.1)$mean[1])
  put(name, "sba_0.1", (1 - 0.1 / 2) * croston(y, h = 1, alpha = 0.1)$mean[1])
  put(name, "tsb_0.1_0.2", tsb_forecast(y, 0.1, 0.2))
}

writeLines(c("series,key,value", rows),
           "forecasting/src/test/resources/reference/intermittent.csv")
cat(rows, sep = "\n")
