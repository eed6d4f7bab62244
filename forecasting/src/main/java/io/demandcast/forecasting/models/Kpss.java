package io.demandcast.forecasting.models;

/**
 * The KPSS test of level stationarity and the number of differences it implies.
 *
 * <p>For a series {@code y} of length n with residuals {@code e[t] = y[t] - ybar} and partial
 * sums {@code S[t] = e[0] + ... + e[t]}, the statistic is {@code eta = sum_t S[t]² / (n²
 * s²(l))}, where the long-run variance is the Newey-West (Bartlett kernel) estimate
 * {@code s²(l) = (1/n) sum_t e[t]² + (2/n) sum_{s=1}^{l} (1 - s/(l+1)) sum_{t=s}^{n-1} e[t]
 * e[t-s]}. Level stationarity is rejected at 5% when {@code eta > 0.463} (Kwiatkowski et al.
 * 1992, table 1).
 *
 * <p>The truncation lag is {@code l = floor(3 sqrt(n) / 13)}, the rule of Hobijn, Franses and Ooms
 * (2004) that R's {@code forecast::ndiffs} (and hence {@code auto.arima}) uses, so that the number
 * of differences chosen here matches auto.arima's.
 *
 * <p>Sources: D. Kwiatkowski, P. C. B. Phillips, P. Schmidt and Y. Shin, "Testing the null
 * hypothesis of stationarity against the alternative of a unit root", Journal of Econometrics
 * 54(1-3), 1992, pp. 159-178 (equations 11-14 and table 1); W. K. Newey and K. D. West, "A simple,
 * positive semi-definite, heteroskedasticity and autocorrelation consistent covariance matrix",
 * Econometrica 55(3), 1987, pp. 703-708; B. Hobijn, P. H. Franses and M. Ooms, "Generalizations
 * of the KPSS-test for stationarity", Statistica Neerlandica 58(4), 2004, pp. 483-502; R. J.
 * Hyndman and Y. Khandakar, "Automatic time series forecasting: the forecast package for R",
 * Journal of Statistical Software 27(3), 2008, section 3.2 (differencing by repeated KPSS tests).
 */
public final class Kpss {

  /** The 5% critical value of the level-stationarity statistic (Kwiatkowski et al. 1992). */
  public static final double CRITICAL_VALUE_5_PERCENT = 0.463;

  private Kpss() {}

  /**
   * Returns the truncation lag {@code floor(3 sqrt(n) / 13)} used by {@link #statistic(double[])}.
   *
   * @param n the series length, at least 1
   * @return the number of autocovariance lags in the long-run variance, at least 0
   */
  public static int defaultLags(int n) {
    return (int) Math.floor(3.0 * Math.sqrt(n) / 13.0);
  }

  /**
   * Computes the level-stationarity KPSS statistic with {@link #defaultLags(int)} lags.
   *
   * @param y the series, length at least 2, all finite, not constant
   * @return the statistic eta, non-negative
   * @throws IllegalArgumentException if the series has fewer than 2 values or is constant
   */
  public static double statistic(double[] y) {
    return statistic(y, defaultLags(y.length));
  }

  /**
   * Computes the level-stationarity KPSS statistic.
   *
   * @param y the series, length n at least 2, all finite, not constant
   * @param lags the truncation lag l of the Newey-West long-run variance, in {@code 0..n-1}
   * @return the statistic eta, non-negative
   * @throws IllegalArgumentException if the series has fewer than 2 values or is constant, or
   *     {@code lags} is outside {@code 0..n-1}
   */
  public static double statistic(double[] y, int lags) {
    int n = y.length;
    if (n < 2) {
      throw new IllegalArgumentException("KPSS needs at least 2 values, got length " + n);
    }
    if (lags < 0 || lags >= n) {
      throw new IllegalArgumentException(
          String.format("lags must be in 0..%d for length %d, got %d", n - 1, n, lags));
    }
    double mean = 0.0;
    for (double v : y) {
      mean += v;
    }
    mean /= n;
    double partial = 0.0;
    double sumPartialSquares = 0.0;
    double gamma0 = 0.0;
    for (double v : y) {
      double e = v - mean;
      partial += e;
      sumPartialSquares += partial * partial;
      gamma0 += e * e;
    }
    if (!(gamma0 > 0.0)) {
      throw new IllegalArgumentException(
          "KPSS is undefined for a constant series (length " + n + ")");
    }
    double longRun = gamma0;
    for (int s = 1; s <= lags; s++) {
      double gamma = 0.0;
      for (int t = s; t < n; t++) {
        gamma += (y[t] - mean) * (y[t - s] - mean);
      }
      longRun += 2.0 * (1.0 - s / (lags + 1.0)) * gamma;
    }
    longRun /= n;
    return sumPartialSquares / ((double) n * n * longRun);
  }

  /**
   * Chooses the number of differences d: starting from d = 0, difference while the KPSS test
   * rejects level stationarity at 5% and {@code d < maxD}. A constant series (before or after
   * differencing) stops the search, as does a differenced series too short to test (fewer than 3
   * values).
   *
   * @param y the series, all finite; not mutated
   * @param maxD the largest number of differences, at least 0
   * @return d in {@code 0..maxD}
   * @throws IllegalArgumentException if {@code maxD < 0}
   */
  public static int differences(double[] y, int maxD) {
    if (maxD < 0) {
      throw new IllegalArgumentException("maxD must be at least 0, got " + maxD);
    }
    double[] x = y;
    int d = 0;
    while (d < maxD
        && x.length >= 3
        && !isConstant(x)
        && statistic(x) > CRITICAL_VALUE_5_PERCENT) {
      double[] next = new double[x.length - 1];
      for (int t = 0; t < next.length; t++) {
        next[t] = x[t + 1] - x[t];
      }
      x = next;
      d++;
    }
    return d;
  }

  static boolean isConstant(double[] x) {
    for (double v : x) {
      if (v != x[0]) {
        return false;
      }
    }
    return true;
  }
}
