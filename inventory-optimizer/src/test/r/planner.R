# Reference policy levels for io.demandcast.inventory.ReplenishmentPlanner, written to
# inventory-optimizer/src/test/resources/r/planner.csv and read by
# ReplenishmentPlannerReferenceTest.
#
# Each case is a protection-interval demand X (normal, Poisson, or negative binomial with size =
# mu^2 / (sigma^2 - mu) and mean mu), a lot, a target (alpha = cycle service, beta = fill rate)
# and a policy, and gets the level the planner must find, computed here with base R only:
#   alpha, any policy:     level = qnorm(alpha, mu, sigma) / qpois(alpha, mu) / qnbinom(alpha, size,
#                          mu = mu), floored at 0.
#   beta, continuous       the smallest level s >= 0 (an integer for discrete X) with
#   (s_q, s_s):            1 - (L(s) - L(s + Q)) / Q >= beta, L(y) = E[(X - y)+]; for the normal a
#                          root of uniroot() with the closed-form loss, for discrete X a scan over
#                          s = 0, 1, 2, ... with L summed term by term.
#   beta, periodic (r_s):  the smallest S >= 0 with 1 - (L_P(S) - L_L(S)) / Q_R >= beta, where P
#                          is lead time + review period, L the lead time alone, Q_R the demand per
#                          review period.
# and at that level the fill rate (the beta expression above) and the cycle service P(X <= level).
#
# Demand is given per period (period_demand, period_sd) and the intervals in whole periods: the
# protection interval has mean mu = period_demand * periods and variance period_sd^2 * periods
# (periods = lead_periods, plus review_periods for r_s); the lead-time-only demand of r_s uses
# lead_periods. Continuous cases use lead_periods = 1, so mu and sigma are the per-period figures.
# Poisson cases have period_sd = sqrt(period_demand).
#
# For normal X the Java planner finds its level by bisection to 1e-9 relative, so its service
# differs from the value here by about slope * (its level - this level). The slopes are written too:
# cycle_service_slope = dnorm(level, mu, sigma); fill_rate_slope = (F(s + Q) - F(s)) / Q
# (continuous) or (F_L(S) - F_P(S)) / Q_R (periodic), the derivatives of the expressions above.
# They are empty for discrete X, whose levels must match exactly. For discrete X the script also
# checks that the service at level - 1 is below the target and the service at the level above it by
# more than 1e-10, so that the exact level is not decided by rounding.
#
# Discrete losses are summed as sum over x > y of (x - y) * P(X = x), x up to the point whose
# upper-tail probability is 1e-40, plus 50. Normal losses use the closed form
# sigma * (dnorm(z) - z * pnorm(z, lower.tail = FALSE)), checked against integrate() at each level.
#
# Run from the project root: Rscript inventory-optimizer/src/test/r/planner.R
# Base R only (stats). The committed CSV was produced with R version 4.2.2 Patched (2022-11-10
# r83330); its first line records the R.version.string of the run that wrote it.

out_dir <- "inventory-optimizer/src/test/resources/r"
stopifnot(dir.exists(out_dir))

# Shortest of 15 or 17 significant digits that reads back as the same double; NA as an empty cell.
fmt <- function(x) {
  short <- sprintf("%.15g", x)
  out <- ifelse(suppressWarnings(as.numeric(short)) == x, short, sprintf("%.17g", x))
  out[is.na(x)] <- ""
  out
}

# ---- distributions -------------------------------------------------------------------------------
# A distribution is a list: cdf(y), loss(y) = E[(X - y)+], quantile(p), discrete.
normal_dist <- function(mu, sigma) {
  loss <- function(y) {
    z <- (y - mu) / sigma
    sigma * (dnorm(z) - z * pnorm(z, lower.tail = FALSE))
  }
  list(cdf = function(y) pnorm(y, mu, sigma), loss = loss,
       quantile = function(p) qnorm(p, mu, sigma), pdf = function(y) dnorm(y, mu, sigma),
       loss_integral = function(y) {
         integrate(function(t) (t - y) * dnorm(t, mu, sigma), lower = y, upper = Inf,
                   rel.tol = 1e-12, abs.tol = 0)$value
       },
       discrete = FALSE)
}

discrete_dist <- function(pmf, cdf, quantile, upper) {
  # loss(k) for integer k >= 0 by summation (the levels searched here are integers); 0 beyond
  # `upper`, where the upper tail is below 1e-40
  loss <- function(y) {
    stopifnot(y == floor(y), y >= 0)
    if (y >= upper) return(0)
    x <- seq(y + 1, upper)
    stopifnot(pmf(upper) * (upper - y) < 1e-30)
    sum((x - y) * pmf(x))
  }
  list(cdf = cdf, loss = loss, quantile = quantile, discrete = TRUE)
}

poisson_dist <- function(mu) {
  discrete_dist(function(x) dpois(x, mu), function(y) ppois(y, mu), function(p) qpois(p, mu),
                qpois(1e-40, mu, lower.tail = FALSE) + 50)
}

nbinom_dist <- function(mu, variance) {
  size <- mu^2 / (variance - mu)
  discrete_dist(function(x) dnbinom(x, size = size, mu = mu),
                function(y) pnbinom(y, size = size, mu = mu),
                function(p) qnbinom(p, size = size, mu = mu),
                qnbinom(1e-40, size = size, mu = mu, lower.tail = FALSE) + 50)
}

make_dist <- function(family, mu, variance) {
  switch(family,
         normal = normal_dist(mu, sqrt(variance)),
         poisson = poisson_dist(mu),
         nbinom = nbinom_dist(mu, variance))
}

# ---- one case ------------------------------------------------------------------------------------
solve_case <- function(policy, family, measure, target, d, sd_d, lead, review, q = NA) {
  periodic <- policy == "r_s"
  periods <- lead + if (periodic) review else 0
  mu <- d * periods
  variance <- sd_d^2 * periods
  x <- make_dist(family, mu, variance)
  if (periodic) {
    mu_l <- d * lead
    var_l <- sd_d^2 * lead
    xl <- make_dist(family, mu_l, var_l)
    lot <- d * review
    fill <- function(s) 1 - (x$loss(s) - xl$loss(s)) / lot
  } else {
    mu_l <- NA
    var_l <- NA
    lot <- q
    fill <- function(s) 1 - (x$loss(s) - x$loss(s + lot)) / lot
  }
  service <- if (measure == "alpha") x$cdf else fill

  if (measure == "alpha") {
    level <- max(0, x$quantile(target))
  } else if (service(0) >= target) {
    level <- 0
  } else if (x$discrete) {
    level <- 0
    while (service(level) < target) level <- level + 1
  } else {
    hi <- mu + 1
    while (service(hi) < target) hi <- 2 * hi
    level <- uniroot(function(s) service(s) - target, c(0, hi), tol = 1e-12 * hi,
                     maxiter = 10000)$root
  }

  if (x$discrete) {
    # The exact level must not hang on rounding: a clear margin on both sides of the target.
    stopifnot(service(level) - target > 1e-10)
    if (level > 0) stopifnot(target - service(level - 1) > 1e-10)
    if (measure == "alpha") {
      # qpois / qnbinom agree with a direct scan of the cdf
      k <- 0
      while (x$cdf(k) < target) k <- k + 1
      stopifnot(k == level)
    }
  } else {
    # closed-form normal loss agrees with numerical integration at the level(s) used
    for (y in c(level, if (!periodic) level + lot)) {
      stopifnot(abs(x$loss(y) - x$loss_integral(y)) <= 1e-9 * max(1, x$loss(y)))
    }
    if (periodic) stopifnot(abs(xl$loss(level) - xl$loss_integral(level)) <= 1e-9)
  }

  shortfall <- if (periodic) x$loss(level) - xl$loss(level) else x$loss(level) - x$loss(level + lot)
  stopifnot(shortfall >= 0)
  if (x$discrete) {
    fill_slope <- NA
    cycle_slope <- NA
  } else {
    cycle_slope <- x$pdf(level)
    fill_slope <- if (periodic) (xl$cdf(level) - x$cdf(level)) / lot
                  else (x$cdf(level + lot) - x$cdf(level)) / lot
  }
  data.frame(policy = policy, family = family, measure = measure, target = target,
             period_demand = d, period_sd = sd_d, lead_periods = lead,
             review_periods = if (periodic) review else 0,
             mu = mu, sigma = sqrt(variance),
             mu_lead = mu_l, sigma_lead = if (periodic) sqrt(var_l) else NA,
             lot = lot, level = level, fill_rate = fill(level), cycle_service = x$cdf(level),
             fill_rate_slope = fill_slope, cycle_service_slope = cycle_slope)
}

# ---- the cases -----------------------------------------------------------------------------------
targets <- c(0.8, 0.9, 0.95, 0.99)
measures <- c("alpha", "beta")
rows <- list()
add <- function(row) rows[[length(rows) + 1]] <<- row

# Continuous review, lead time = 1 period: (family, mu, sigma, small lot, large lot). Lots small and
# large relative to sigma. Poisson sigma = sqrt(mu). Well below the mean a discrete X has fill rate
# 1 - (mu - s) / Q up to P(X < s); the lots are chosen so that this is not a target at an integer
# s (e.g. not Q = 150 with mu = 40: s = 10 would meet beta = 0.8 up to 1e-11).
continuous <- list(
  list("normal", 0.3, 1, c(1, 25)),
  list("normal", 2, 1.5, c(1, 25)),
  list("normal", 40, 10, c(2, 250)),
  list("normal", 2000, 300, c(50, 3000)),
  list("poisson", 0.3, sqrt(0.3), c(1, 25)),
  list("poisson", 2, sqrt(2), c(1, 25)),
  list("poisson", 40, sqrt(40), c(2, 157)),
  list("nbinom", 0.3, 1, c(1, 25)),
  list("nbinom", 2, 2, c(1, 25)),
  list("nbinom", 40, 10, c(2, 250)))
i <- 0
for (cc in continuous) {
  for (q in cc[[4]]) {
    for (measure in measures) {
      for (target in targets) {
        i <- i + 1
        # (s, Q) and (s, S) share the level; alternate them, starting with the other one for the
        # second lot, so that both policies meet every measure and target of each distribution
        policy <- if (((i - 1) + (i - 1) %/% 8) %% 2 == 0) "s_q" else "s_s"
        add(solve_case(policy, cc[[1]], measure, target, cc[[2]], cc[[3]], 1, 0, q))
      }
    }
  }
}

# Periodic review (R, S): (per-period demand, per-period sd, lead periods, review periods) giving
# protection means 0.3, 2, 40, 40 and (normal only) 2000, 2000; Q_R from 0.1 to 800 units.
periodic <- list(c(0.1, 0.5, 2, 1), c(0.25, 0.75, 1, 7), c(10, 5, 3, 1), c(5, 4, 1, 7),
                 c(200, 60, 6, 4), c(400, 150, 4, 1))
for (family in c("normal", "poisson", "nbinom")) {
  for (p in periodic) {
    if (family != "normal" && p[1] * (p[3] + p[4]) > 100) next
    sd_d <- if (family == "poisson") sqrt(p[1]) else p[2]
    for (measure in measures) {
      for (target in targets) {
        add(solve_case("r_s", family, measure, target, p[1], sd_d, p[3], p[4]))
      }
    }
  }
}

out <- do.call(rbind, rows)
out <- cbind(case = seq_len(nrow(out)), out)
path <- file.path(out_dir, "planner.csv")
con <- file(path, "w")
writeLines(sprintf(paste("# planner reference levels, fill rates and cycle service (see the script",
                         "header); written by inventory-optimizer/src/test/r/planner.R with %s"),
                   R.version.string), con)
out[] <- lapply(out, function(col) if (is.numeric(col)) fmt(col) else col)
write.csv(out, con, row.names = FALSE, quote = FALSE)
close(con)
cat(sprintf("wrote %d cases to %s\n", nrow(out), path))
