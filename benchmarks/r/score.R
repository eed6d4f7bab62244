#!/usr/bin/env Rscript
# Sanity check for forecast_peer.R output: M4-style sMAPE, MASE and (for m4-weekly) OWA
# per method. The Java benchmark has its own metric code; this is only a cross-check.
#
# Usage:
#   Rscript benchmarks/r/score.R --dataset m3|m4-weekly|carparts|nn5 [--data-dir DIR]
#       --forecasts FILE
#
# sMAPE = mean over series of 200/h * sum |y - f| / (|y| + |f|)   (a 0/0 term counts as 0)
# MASE  = mean over series of mean|y - f| / mean|y_t - y_{t-m}| over the training part,
#         m = 1 for M4 weekly (as in M4), the frequency for M3 (1, 4, 12), 12 for carparts and 7
#         for nn5;
#         series whose scale is 0 are left out of MASE and counted.
# OWA (m4-weekly) = 0.5 * (sMAPE / 9.161 + MASE / 2.777), the official Naive2 figures;
#         the Naive2 forecasts in DIR/m4/Naive2-Weekly.csv are scored too, as a check.

local({
  file_arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  here <- if (length(file_arg) > 0) dirname(sub("^--file=", "", file_arg[[1]])) else "benchmarks/r"
  source(file.path(here, "forecast_peer.R"), local = globalenv())
})

smape_one <- function(y, f) {
  den <- abs(y) + abs(f)
  terms <- ifelse(den == 0, 0, abs(y - f) / den)
  200 * mean(terms)
}

mase_scale <- function(train, m) {
  x <- as.numeric(train)
  if (length(x) <= m) return(NA_real_)
  mean(abs(diff(x, lag = m)))
}

mase_lag <- function(dataset, train) {
  if (dataset == "m4-weekly") 1L else as.integer(frequency(train))
}

score <- function(dataset, series, fc) {
  by_id <- setNames(series, vapply(series, function(s) s$id, character(1)))
  rows <- lapply(split(fc, fc$method), function(d) {
    per_series <- lapply(split(d, d$series), function(x) {
      s <- by_id[[as.character(x$series[[1]])]]
      if (is.null(s)) stop("series ", x$series[[1]], " is not in ", dataset)
      x <- x[order(x$step), ]
      if (nrow(x) != s$h) stop("series ", s$id, ": ", nrow(x), " steps, expected ", s$h)
      scale <- mase_scale(s$train, mase_lag(dataset, s$train))
      c(smape = smape_one(s$test, x$forecast),
        mase = if (is.finite(scale) && scale > 0) mean(abs(s$test - x$forecast)) / scale else NA)
    })
    m <- do.call(rbind, per_series)
    data.frame(method = d$method[[1]], series = nrow(m),
               sMAPE = mean(m[, "smape"]),
               MASE = mean(m[, "mase"], na.rm = TRUE),
               mase_left_out = sum(is.na(m[, "mase"])),
               stringsAsFactors = FALSE)
  })
  out <- do.call(rbind, rows)
  if (dataset == "m4-weekly") out$OWA <- 0.5 * (out$sMAPE / 9.161 + out$MASE / 2.777)
  out
}

naive2_weekly <- function(data_dir) {
  d <- read.csv(file.path(data_dir, "m4", "Naive2-Weekly.csv"), stringsAsFactors = FALSE)
  rows <- lapply(seq_len(nrow(d)), function(i) {
    data.frame(method = "Naive2 (official file)", series = d$id[[i]], step = 1:13,
               forecast = as.numeric(d[i, paste0("F", 1:13)]), stringsAsFactors = FALSE)
  })
  do.call(rbind, rows)
}

score_main <- function() {
  opts <- list()
  args <- commandArgs(trailingOnly = TRUE)
  for (i in seq(1, length(args), by = 2)) opts[[sub("^--", "", args[[i]])]] <- args[i + 1]
  dataset <- opts[["dataset"]]
  if (is.null(dataset) || is.null(opts[["forecasts"]])) {
    stop("usage: Rscript benchmarks/r/score.R --dataset NAME [--data-dir DIR] --forecasts FILE")
  }
  data_dir <- if (is.null(opts[["data-dir"]])) default_data_dir() else opts[["data-dir"]]
  series <- load_dataset(dataset, data_dir)
  fc <- read.csv(opts[["forecasts"]], stringsAsFactors = FALSE,
                 colClasses = c(series = "character"))
  fc <- fc[fc$dataset == dataset, c("method", "series", "step", "forecast")]
  if (dataset == "m4-weekly") fc <- rbind(naive2_weekly(data_dir), fc)
  out <- score(dataset, series, fc)
  num <- vapply(out, is.double, logical(1))
  out[num] <- lapply(out[num], round, 4)
  print(out, row.names = FALSE)
  if (dataset == "m3") {
    # by frequency: yearly, quarterly, monthly, other
    num_id <- as.integer(sub("^N", "", fc$series))
    group <- cut(num_id, c(0, 645, 1401, 2829, 3003),
                 labels = c("yearly", "quarterly", "monthly", "other"))
    for (g in levels(group)) {
      sub_fc <- fc[group == g, ]
      if (nrow(sub_fc) == 0) next
      o <- score(dataset, series, sub_fc)
      o[c("sMAPE", "MASE")] <- lapply(o[c("sMAPE", "MASE")], round, 4)
      cat("\n", g, "\n", sep = "")
      print(o[c("method", "series", "sMAPE", "MASE")], row.names = FALSE)
    }
  }
}

if (sys.nframe() == 0L) score_main()
