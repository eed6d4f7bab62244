# Series shared by the reference scripts seasonal_decomposition.R, naive2.R, theta.R and arima.R.
#
# Run any of those scripts from the project root, for example
#   Rscript forecasting/src/test/r/theta.R
# They need R 4 with the forecast package (8.20 was used) and the M3 data at
# ../shared/data/m3/M3data.csv (relative to the project root; set DEMANDCAST_DATA_DIR to use
# another data folder). Each script writes its CSV under
# forecasting/src/test/resources/reference/; the Java tests read only those CSVs.
#
# CSV layout: one row per (series, quantity): series,quantity,value1,value2,...

reference_dir <- "forecasting/src/test/resources/reference"
data_dir <- Sys.getenv("DEMANDCAST_DATA_DIR", "../shared/data")
m3_file <- file.path(data_dir, "m3", "M3data.csv")

# The training part (first N - NF values) of one M3 series, e.g. m3_training("N1712").
m3_training <- function(id) {
  lines <- readLines(m3_file)
  lines <- lines[!startsWith(lines, "#")]
  for (line in lines) {
    f <- strsplit(line, ",")[[1]]
    if (as.integer(sub("N", "", gsub(" ", "", f[1]))) == as.integer(sub("N", "", id))) {
      n <- as.integer(f[2])
      nf <- as.integer(f[3])
      v <- as.numeric(f[7:(6 + n)])
      return(list(values = v[1:(n - nf)], horizon = nf))
    }
  }
  stop(paste("no M3 series", id))
}

# The last `days` days of the training part (first 735 days) of NN5 series `id`, e.g.
# nn5_training_tail("N101", 280), blank days filled as the benchmark does (load_nn5 in
# benchmarks/r/forecast_peer.R: the same weekday one week before).
nn5_training_tail <- function(id, days) {
  peer <- new.env()
  sys.source("benchmarks/r/forecast_peer.R", envir = peer)
  for (s in peer$load_nn5(data_dir)) {
    if (s$id == id) return(tail(as.numeric(s$train), days))
  }
  stop(paste("no NN5 series", id))
}

# name, seasonal period m, values (oldest first) and forecast horizon.
reference_series <- function() {
  s <- list(
    list(name = "AirPassengers", m = 12, values = as.numeric(AirPassengers), horizon = 24),
    list(name = "USAccDeaths", m = 12, values = as.numeric(USAccDeaths), horizon = 24),
    list(name = "WWWusage", m = 1, values = as.numeric(WWWusage), horizon = 10),
    list(name = "LakeHuron", m = 1, values = as.numeric(LakeHuron), horizon = 10),
    list(name = "Nile", m = 1, values = as.numeric(Nile), horizon = 10),
    list(name = "lh", m = 1, values = as.numeric(lh), horizon = 10)
  )
  for (id in c("N0001", "N0646", "N1402", "N1712")) {
    part <- m3_training(id)
    m <- if (id == "N0001") 1 else if (id == "N0646") 4 else 12
    s[[length(s) + 1]] <- list(name = paste0("M3_", id), m = m, values = part$values,
                               horizon = part$horizon)
  }
  s
}

write_rows <- function(rows, file) {
  out <- file.path(reference_dir, file)
  writeLines(rows, out)
  cat("wrote", length(rows), "rows to", out, "\n")
}

row <- function(series, quantity, values) {
  paste(c(series, quantity, format(values, digits = 15, scientific = FALSE, trim = TRUE)),
        collapse = ",")
}

# Writes reference/series.csv: per series the rows "m", "horizon" and "values".
write_series <- function() {
  rows <- character()
  for (s in reference_series()) {
    rows <- c(rows, row(s$name, "m", s$m), row(s$name, "horizon", s$horizon),
              row(s$name, "values", s$values))
  }
  write_rows(rows, "series.csv")
}
