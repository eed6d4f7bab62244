#!/usr/bin/env Rscript
# Reference peer for the demandcast forecasting benchmark: R's `forecast` package
# (ets, auto.arima, thetaf, stlf, snaive, croston with their defaults, and stlf on an msts series
# of the dataset's seasonal periods as mstlf) on public competition data.
#
# Usage:
#   Rscript benchmarks/r/forecast_peer.R --dataset m3|m4-weekly|carparts|nn5
#       [--data-dir DIR] [--methods ets,auto.arima,thetaf,stlf,mstlf,snaive,croston] [--cores 2]
#       [--limit N] --out-forecasts FILE --out-times FILE
#
# See benchmarks/r/README.md for the data layout and the output format.

suppressPackageStartupMessages({
  library(forecast)
  library(parallel)
})

DATASETS <- c("m3", "m4-weekly", "carparts", "nn5")
METHODS <- c("ets", "auto.arima", "thetaf", "stlf", "mstlf", "snaive", "croston")

# ---------------------------------------------------------------------------
# Command line

usage <- function() {
  paste(
    "usage: Rscript benchmarks/r/forecast_peer.R --dataset m3|m4-weekly|carparts|nn5",
    "         [--data-dir DIR] [--methods ets,auto.arima,thetaf,stlf,mstlf,snaive,croston]",
    "         [--cores 2]",
    "         [--limit N] --out-forecasts FILE --out-times FILE",
    "",
    "  --data-dir       default: ../shared/data relative to the project root",
    "  --methods        default: ets,auto.arima,thetaf,stlf,snaive (plus croston for carparts)",
    "  --cores          parallel::mclapply workers over series (default 2)",
    "  --limit          keep only the first N series (quick tries)",
    sep = "\n")
}

fail <- function(...) {
  message("forecast_peer.R: ", ...)
  message(usage())
  quit(save = "no", status = 2)
}

parse_args <- function(args) {
  known <- c("dataset", "data-dir", "methods", "cores", "limit",
             "out-forecasts", "out-times")
  opts <- list()
  i <- 1
  while (i <= length(args)) {
    a <- args[[i]]
    if (a %in% c("-h", "--help")) {
      cat(usage(), "\n")
      quit(save = "no", status = 0)
    }
    if (!startsWith(a, "--")) fail("unexpected argument '", a, "'")
    key <- substring(a, 3)
    value <- NULL
    if (grepl("=", key, fixed = TRUE)) {
      value <- sub("^[^=]*=", "", key)
      key <- sub("=.*$", "", key)
    } else {
      if (i == length(args)) fail("option --", key, " needs a value")
      i <- i + 1
      value <- args[[i]]
    }
    if (!key %in% known) fail("unknown option --", key)
    opts[[key]] <- value
    i <- i + 1
  }
  opts
}

# Directory of this script (for the default data directory), or NULL when unknown.
script_dir <- function() {
  file_arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(file_arg) == 0) return(NULL)
  dirname(normalizePath(sub("^--file=", "", file_arg[[1]]), mustWork = FALSE))
}

default_data_dir <- function() {
  dir <- script_dir()
  # benchmarks/r/ -> project root -> ../shared/data
  root <- if (is.null(dir)) getwd() else file.path(dir, "..", "..")
  normalizePath(file.path(root, "..", "shared", "data"), mustWork = FALSE)
}

# ---------------------------------------------------------------------------
# Data sets. Each loader returns a list of series, each a list with
#   id (character), train (ts with its frequency), test (numeric), h (integer)
# and, as attribute "skipped", the number of series left out.

m3_frequency <- function(num) {
  if (num <= 645) 1L else if (num <= 1401) 4L else if (num <= 2829) 12L else 1L
}

load_m3 <- function(data_dir) {
  path <- file.path(data_dir, "m3", "M3data.csv")
  if (!file.exists(path)) stop("missing ", path)
  lines <- readLines(path, warn = FALSE)
  lines <- lines[!startsWith(lines, "#") & nzchar(trimws(lines))]
  series <- lapply(strsplit(lines, ",", fixed = TRUE), function(cells) {
    raw_id <- trimws(cells[[1]])
    num <- as.integer(sub("^N\\s*", "", raw_id))
    if (is.na(num)) stop("cannot parse the M3 series id '", raw_id, "'")
    n <- as.integer(cells[[2]])
    nf <- as.integer(cells[[3]])
    values <- as.numeric(cells[7:(6 + n)])
    if (length(values) != n || anyNA(values)) {
      stop("M3 series ", raw_id, ": expected ", n, " values")
    }
    list(id = sprintf("N%04d", num),
         train = ts(values[seq_len(n - nf)], frequency = m3_frequency(num)),
         test = values[(n - nf + 1):n],
         h = nf)
  })
  structure(series, skipped = 0L)
}

read_wide_m4 <- function(path) {
  if (!file.exists(path)) stop("missing ", path)
  d <- read.csv(path, header = TRUE, stringsAsFactors = FALSE,
                colClasses = c(V1 = "character"), na.strings = c("", "NA"))
  values <- as.matrix(d[, -1, drop = FALSE])
  storage.mode(values) <- "double"
  rows <- lapply(seq_len(nrow(values)), function(i) {
    v <- values[i, ]
    v[!is.na(v)]
  })
  names(rows) <- d$V1
  rows
}

load_m4_weekly <- function(data_dir) {
  train <- read_wide_m4(file.path(data_dir, "m4", "Weekly-train.csv"))
  test <- read_wide_m4(file.path(data_dir, "m4", "Weekly-test.csv"))
  if (!identical(names(train), names(test))) {
    stop("Weekly-train.csv and Weekly-test.csv list different series")
  }
  series <- lapply(names(train), function(id) {
    if (length(test[[id]]) != 13) stop("M4 weekly ", id, ": test part is not 13 values")
    list(id = id, train = ts(train[[id]], frequency = 52), test = test[[id]], h = 13L,
         periods = 52.18)
  })
  structure(series, skipped = 0L)
}

load_carparts <- function(data_dir) {
  path <- file.path(data_dir, "carparts", "carparts.csv")
  if (!file.exists(path)) stop("missing ", path)
  d <- read.csv(path, header = TRUE, check.names = FALSE, stringsAsFactors = FALSE,
                colClasses = c(Part = "character"), na.strings = c("", "NA"))
  values <- as.matrix(d[, -1, drop = FALSE])
  storage.mode(values) <- "double"
  if (ncol(values) != 51) stop("carparts: expected 51 monthly values, found ", ncol(values))
  complete <- !apply(is.na(values), 1, any)
  h <- 12L
  n_train <- ncol(values) - h
  series <- lapply(which(complete), function(i) {
    list(id = d$Part[[i]],
         train = ts(values[i, seq_len(n_train)], frequency = 12),
         test = unname(values[i, (n_train + 1):ncol(values)]),
         h = h)
  })
  structure(series, skipped = sum(!complete))
}

# Fills the blank days of one NN5 series in place of time: a blank day takes the value of the
# same weekday one week before (itself filled if it was blank); a blank in the first week, which
# has no week before, takes the first value of the same weekday in a later week.
nn5_fill <- function(v) {
  for (t in seq_along(v)) {
    if (!is.na(v[[t]])) next
    if (t > 7) {
      v[[t]] <- v[[t - 7]]
    } else {
      later <- v[seq(t + 7, length(v), by = 7)]
      later <- later[!is.na(later)]
      if (length(later) == 0) stop("NN5: a weekday column has no value at all")
      v[[t]] <- later[[1]]
    }
  }
  v
}

# NN5 (dataset A): semicolon-separated, UTF-8 BOM, one row per day (791), one column per cash
# machine (N101..N211) and a trailing empty column. First 735 days train, last 56 test, m = 7.
load_nn5 <- function(data_dir) {
  path <- file.path(data_dir, "nn5", "NN5_FINAL_DATASET_WITH_TEST_DATA.csv")
  if (!file.exists(path)) stop("missing ", path)
  d <- read.csv(path, sep = ";", header = TRUE, check.names = FALSE, stringsAsFactors = FALSE,
                fileEncoding = "UTF-8-BOM", na.strings = c("", "NA"))
  d <- d[, nzchar(names(d)), drop = FALSE]
  h <- 56L
  n_train <- nrow(d) - h
  if (n_train != 735L) stop("NN5: expected 791 days, found ", nrow(d))
  series <- lapply(names(d)[-1], function(id) {
    v <- nn5_fill(as.numeric(d[[id]]))
    list(id = id, train = ts(v[seq_len(n_train)], frequency = 7), periods = c(7, 365.25),
         test = v[(n_train + 1):length(v)], h = h)
  })
  structure(series, skipped = 0L)
}

load_dataset <- function(name, data_dir) {
  switch(name,
         "m3" = load_m3(data_dir),
         "m4-weekly" = load_m4_weekly(data_dir),
         "carparts" = load_carparts(data_dir),
         "nn5" = load_nn5(data_dir),
         stop("unknown dataset ", name))
}

# ---------------------------------------------------------------------------
# Methods: defaults of the forecast package, h steps ahead, point forecasts.

# periods: the dataset's seasonal periods (for mstlf); by default the frequency of y.
fit_forecast <- function(method, y, h, periods = frequency(y)) {
  switch(method,
         "ets" = forecast(ets(y), h = h)$mean,
         "auto.arima" = forecast(auto.arima(y), h = h)$mean,
         "thetaf" = thetaf(y, h = h)$mean,
         # stl needs a seasonal series of two full periods; otherwise what stlf would do with a
         # zero seasonal component: ets without a seasonal term on the series itself
         "stlf" = if (frequency(y) > 1 && length(y) > 2 * frequency(y)) {
           stlf(y, h = h)$mean
         } else {
           forecast(ets(y, model = "ZZN"), h = h)$mean
         },
         # stlf on msts(y, periods): mstl with every period below n / 2 (one period p: a ts of
         # frequency floor(p), as stlf); no usable period: ets without season, as for stlf
         "mstlf" = {
           x <- msts(as.numeric(y), seasonal.periods = periods)
           if (any(periods < length(y) / 2) && frequency(x) > 1 &&
               length(y) > 2 * min(floor(periods))) {
             stlf(x, h = h)$mean
           } else {
             forecast(ets(y, model = "ZZN"), h = h)$mean
           }
         },
         "snaive" = snaive(y, h = h)$mean,
         "croston" = croston(y, h = h)$mean,
         stop("unknown method ", method))
}

# One series: the method's forecast, or the naive forecast (last value) when the fit
# fails or gives a forecast that is not h finite numbers.
forecast_one <- function(method, s) {
  fc <- tryCatch(
    suppressWarnings(as.numeric(fit_forecast(
      method, s$train, s$h, if (is.null(s$periods)) frequency(s$train) else s$periods))),
    error = function(e) NULL)
  if (is.null(fc) || length(fc) != s$h || any(!is.finite(fc))) {
    return(list(forecast = rep(as.numeric(tail(s$train, 1)), s$h), failed = TRUE))
  }
  list(forecast = fc, failed = FALSE)
}

# Runs one method over all series with mclapply. The series are cut into small batches of
# consecutive series (about 20 per core) and mclapply hands the batches out one by one to the
# next free worker (mc.preschedule = FALSE), so a few slow series do not leave a core idle while
# the other works through a fixed share. A worker prints progress when its batch crosses a 10%
# mark; batches finish out of order, so the count is approximate.
run_method <- function(method, series, cores) {
  n <- length(series)
  n_batches <- min(n, max(1L, 20L * cores))
  batches <- split(seq_len(n), cut(seq_len(n), n_batches, labels = FALSE))
  marks <- floor(10 * seq_along(batches) / length(batches))
  report <- c(TRUE, marks[-1] > marks[-length(marks)])
  t0 <- proc.time()
  started <- t0[["elapsed"]]
  parts <- mclapply(seq_along(batches), function(b) {
    out <- lapply(series[batches[[b]]], function(s) forecast_one(method, s))
    if (report[[b]]) {
      message(sprintf("  %-10s batch %d/%d done (series %d-%d of %d) %8.1f s", method, b,
                      length(batches), min(batches[[b]]), max(batches[[b]]), n,
                      proc.time()[["elapsed"]] - started))
    }
    out
  }, mc.cores = cores, mc.preschedule = FALSE)
  t1 <- proc.time()
  wall <- t1[["elapsed"]] - started
  # CPU seconds of this process and of the finished mclapply workers
  cpu <- sum((t1 - t0)[c("user.self", "sys.self", "user.child", "sys.child")], na.rm = TRUE)

  results <- vector("list", n)
  for (b in seq_along(batches)) {
    idx <- batches[[b]]
    part <- parts[[b]]
    ok <- is.list(part) && !inherits(part, "try-error") && length(part) == length(idx)
    for (k in seq_along(idx)) {
      r <- if (ok) part[[k]] else NULL
      if (!is.list(r) || is.null(r$forecast)) {
        # the worker died: naive forecast for its series, counted as failures
        s <- series[[idx[[k]]]]
        r <- list(forecast = rep(as.numeric(tail(s$train, 1)), s$h), failed = TRUE)
      }
      results[[idx[[k]]]] <- r
    }
  }
  list(results = results, wall = wall, cpu = cpu,
       failures = sum(vapply(results, function(r) isTRUE(r$failed), logical(1))))
}

# ---------------------------------------------------------------------------
# Output

fmt <- function(x) formatC(x, digits = 15, format = "g")

forecast_rows <- function(dataset, method, series, results) {
  do.call(rbind, lapply(seq_along(series), function(i) {
    fc <- results[[i]]$forecast
    data.frame(dataset = dataset, method = method, series = series[[i]]$id,
               step = seq_along(fc), forecast = fmt(fc), stringsAsFactors = FALSE)
  }))
}

write_csv <- function(df, path) {
  dir.create(dirname(path), showWarnings = FALSE, recursive = TRUE)
  write.csv(df, path, row.names = FALSE, quote = FALSE)
}

# ---------------------------------------------------------------------------

main <- function() {
  opts <- parse_args(commandArgs(trailingOnly = TRUE))
  dataset <- opts[["dataset"]]
  if (is.null(dataset)) fail("--dataset is required")
  if (!dataset %in% DATASETS) fail("--dataset must be one of ", paste(DATASETS, collapse = ", "))
  if (is.null(opts[["out-forecasts"]])) fail("--out-forecasts is required")
  if (is.null(opts[["out-times"]])) fail("--out-times is required")
  data_dir <- if (is.null(opts[["data-dir"]])) default_data_dir() else opts[["data-dir"]]

  methods <- if (is.null(opts[["methods"]])) {
    c("ets", "auto.arima", "thetaf", "stlf", "snaive", if (dataset == "carparts") "croston")
  } else {
    trimws(strsplit(opts[["methods"]], ",", fixed = TRUE)[[1]])
  }
  methods <- methods[nzchar(methods)]
  bad <- setdiff(methods, METHODS)
  if (length(bad) > 0 || length(methods) == 0) {
    fail("--methods takes a comma-separated list of ", paste(METHODS, collapse = ", "))
  }
  cores <- if (is.null(opts[["cores"]])) 2L else suppressWarnings(as.integer(opts[["cores"]]))
  if (is.na(cores) || cores < 1) fail("--cores must be a positive integer")
  limit <- if (is.null(opts[["limit"]])) NA_integer_ else suppressWarnings(as.integer(opts[["limit"]]))
  if (!is.null(opts[["limit"]]) && (is.na(limit) || limit < 1)) fail("--limit must be a positive integer")

  message(sprintf("forecast_peer.R: R %s, forecast %s; dataset %s from %s",
                  getRversion(), packageVersion("forecast"), dataset, data_dir))
  series <- tryCatch(load_dataset(dataset, data_dir),
                     error = function(e) fail("cannot load ", dataset, ": ", conditionMessage(e)))
  skipped <- attr(series, "skipped")
  total <- length(series)
  if (!is.na(limit) && limit < total) series <- series[seq_len(limit)]
  message(sprintf("  %d series%s%s; methods %s; %d cores", length(series),
                  if (length(series) < total) sprintf(" (first %d of %d)", length(series), total) else "",
                  if (skipped > 0) sprintf(", %d skipped for missing values", skipped) else "",
                  paste(methods, collapse = ","), cores))

  forecasts <- list()
  times <- list()
  cpu_s <- list()
  for (method in methods) {
    run <- run_method(method, series, cores)
    forecasts[[method]] <- forecast_rows(dataset, method, series, run$results)
    times[[method]] <- data.frame(
      dataset = dataset, method = method, series = length(series),
      failures = run$failures, wall_s = sprintf("%.3f", run$wall),
      series_per_s = sprintf("%.3f", length(series) / run$wall), cores = cores,
      stringsAsFactors = FALSE)
    cpu_s[[method]] <- run$cpu
    message(sprintf("  %-10s done: %.1f s wall, %.1f s CPU, %d failures",
                    method, run$wall, run$cpu, run$failures))
  }

  write_csv(do.call(rbind, forecasts), opts[["out-forecasts"]])
  times_df <- do.call(rbind, times)
  write_csv(times_df, opts[["out-times"]])

  cat(sprintf("dataset %s: %d series%s, %d cores\n", dataset, length(series),
              if (skipped > 0) sprintf(" (%d skipped for missing values)", skipped) else "",
              cores))
  cat(sprintf("%-12s %8s %9s %10s %10s %10s\n",
              "method", "series", "failures", "wall_s", "series/s", "cpu_s"))
  for (i in seq_len(nrow(times_df))) {
    cat(sprintf("%-12s %8d %9d %10s %10s %10.1f\n", times_df$method[[i]], times_df$series[[i]],
                times_df$failures[[i]], times_df$wall_s[[i]], times_df$series_per_s[[i]],
                cpu_s[[times_df$method[[i]]]]))
  }
  load <- tryCatch(scan("/proc/loadavg", what = "", n = 3, quiet = TRUE), error = function(e) NULL)
  if (!is.null(load)) cat("load average at the end:", load, "\n")
  invisible(NULL)
}

# Run only as a script, so that other scripts (score.R) can source the loaders.
if (sys.nframe() == 0L) main()
