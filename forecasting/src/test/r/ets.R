# Reference values for EtsTest from R's forecast::ets (R 4.2.2, forecast 8.20 were used).
#
# Run from the project root:
#   Rscript forecasting/src/test/r/ets.R
# It needs the M3 data at ../shared/data/m3/M3data.csv (relative to the project root) and writes
# forecasting/src/test/resources/reference/ets.csv; the Java test reads only that CSV.
#
# Series: R datasets WWWusage, LakeHuron, AirPassengers and USAccDeaths, and the training part
# (first N - NF values) of five M3 monthly series (International Institute of Forecasters, public).
#
# CSV layout: one row per (series, quantity): series,quantity,value1,value2,...
#   m, horizon, values                  the series
#   auto_form, auto_aicc, auto_loglik   ets(y) with every default (automatic selection)
#   <FORM>_loglik, _aicc, _sigma2       ets(y, model = "AAN", damped = TRUE) for FORM "AAdN", etc.
#   <FORM>_par                          alpha, beta, gamma, phi (NA when not in the form)
#   <FORM>_initial, <FORM>_final        states before the first and after the last observation
#   <FORM>_mean, <FORM>_variance        forecast(fit, h): mean and the variance behind its 95%
#                                       interval, ((upper - mean) / qnorm(0.975))^2

suppressMessages(library(forecast))

out_file <- "forecasting/src/test/resources/reference/ets.csv"
m3_file <- "../shared/data/m3/M3data.csv"

m3_training <- function(id) {
  lines <- readLines(m3_file)
  lines <- lines[!startsWith(lines, "#")]
  for (line in lines) {
    f <- strsplit(line, ",")[[1]]
    if (gsub(" ", "", f[1]) == id) {
      n <- as.integer(f[2])
      nf <- as.integer(f[3])
      return(as.numeric(f[7:(6 + n)])[1:(n - nf)])
    }
  }
  stop(paste("no M3 series", id))
}

series <- list(
  list(name = "WWWusage", m = 1, y = as.numeric(WWWusage), forms = c("ANN", "AAdN", "MAdN")),
  list(name = "LakeHuron", m = 1, y = as.numeric(LakeHuron), forms = c("ANN", "AAN")),
  list(name = "AirPassengers", m = 12, y = as.numeric(AirPassengers), forms = c("MAM", "MAdM", "MNM")),
  list(name = "USAccDeaths", m = 12, y = as.numeric(USAccDeaths), forms = c("ANA", "AAA")),
  list(name = "N1902", m = 12, y = m3_training("N1902"), forms = c("MAdM")),
  list(name = "N2065", m = 12, y = m3_training("N2065"), forms = c("ANA")),
  list(name = "N1912", m = 12, y = m3_training("N1912"), forms = c("MNA")),
  list(name = "N1760", m = 12, y = m3_training("N1760"), forms = c("MNM")),
  list(name = "N2094", m = 12, y = m3_training("N2094"), forms = c("AAdN"))
)

fmt <- function(x) ifelse(is.na(x), "NA", trimws(formatC(x, digits = 15, format = "g")))
rows <- character(0)
row <- function(name, quantity, values) {
  rows <<- c(rows, paste(c(name, quantity, values), collapse = ","))
}
form_of <- function(fit) gsub("[,() ]|ETS", "", fit$method)

for (s in series) {
  y <- ts(s$y, frequency = s$m)
  h <- if (s$m > 1) 2 * s$m else 10
  row(s$name, "m", s$m)
  row(s$name, "horizon", h)
  row(s$name, "values", fmt(s$y))
  auto <- ets(y)
  row(s$name, "auto_form", form_of(auto))
  row(s$name, "auto_aicc", fmt(auto$aicc))
  row(s$name, "auto_loglik", fmt(auto$loglik))
  for (form in s$forms) {
    fit <- ets(y, model = gsub("d", "", form), damped = grepl("d", form))
    stopifnot(form_of(fit) == form)
    p <- fit$par
    par <- sapply(c("alpha", "beta", "gamma", "phi"), function(k) if (k %in% names(p)) p[[k]] else NA)
    fc <- forecast(fit, h = h, level = 95)
    n <- length(s$y)
    row(s$name, paste0(form, "_loglik"), fmt(fit$loglik))
    row(s$name, paste0(form, "_aicc"), fmt(fit$aicc))
    row(s$name, paste0(form, "_sigma2"), fmt(fit$sigma2))
    row(s$name, paste0(form, "_par"), fmt(par))
    row(s$name, paste0(form, "_initial"), fmt(as.numeric(fit$states[1, ])))
    row(s$name, paste0(form, "_final"), fmt(as.numeric(fit$states[n + 1, ])))
    row(s$name, paste0(form, "_mean"), fmt(as.numeric(fc$mean)))
    row(s$name, paste0(form, "_variance"), fmt(((as.numeric(fc$upper) - as.numeric(fc$mean)) / qnorm(0.975))^2))
  }
}
writeLines(rows, out_file)
cat("wrote", length(rows), "rows to", out_file, "\n")
