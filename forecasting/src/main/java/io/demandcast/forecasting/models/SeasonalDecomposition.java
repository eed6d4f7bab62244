package io.demandcast.forecasting.models;

/**
 * Classical seasonal decomposition and the autocorrelation seasonality test used by the M4
 * competition benchmarks (Naive2, SES, Holt, Damped and Theta are all run on series adjusted this
 * way).
 *
 * <p><b>Seasonality test.</b> With the sample autocorrelations {@code r_k} (see {@link
 * #autocorrelations(double[], int)}), a series of length n is called seasonal with period m when
 *
 * <pre>
 *   |r_m| &gt; 1.645 * sqrt((1 + 2 * (r_1² + ... + r_{m-1}²)) / n),
 * </pre>
 *
 * a 90% two-sided test of {@code r_m = 0} with Bartlett's variance for the autocorrelations of an
 * MA(m-1) process. The M4 benchmarks apply it only when {@code m > 1} and {@code n >= 3m}
 * ({@link #isSeasonal(double[], int)}). Source: S. Makridakis, E. Spiliotis and V.
 * Assimakopoulos, "The M4 Competition: 100,000 time series and 61 forecasting methods",
 * International Journal of Forecasting 36(1), 2020, pp. 54-74, and the M4 Competitors' Guide
 * (2018), section on the benchmarks; Bartlett's formula: G. E. P. Box, G. M. Jenkins, G. C.
 * Reinsel and G. M. Ljung, <i>Time Series Analysis</i>, 5th ed., Wiley, 2015, section 2.1.6.
 *
 * <p><b>Decomposition.</b> The trend is the centred moving average of order m (for even m the 2×m
 * moving average, weights {@code 1/(2m), 1/m, ..., 1/m, 1/(2m)}), defined for the periods that
 * have a full window. The detrended values {@code y[t] / trend[t]} (multiplicative) or {@code y[t]
 * - trend[t]} (additive) are averaged per season position {@code t mod m}, and the m averages are
 * normalised to mean 1 (multiplicative) or mean 0 (additive). Source: R. J. Hyndman and G.
 * Athanasopoulos, <i>Forecasting: Principles and Practice</i>, 3rd ed., OTexts, 2021, section 3.4
 * "Classical decomposition".
 *
 * <p>Seasonal indices are indexed by position from the start of the series: index {@code i}
 * applies to every period {@code t} (0-based, counted from the first value of the series) with
 * {@code t mod m == i}, including the forecast periods {@code t = n, n+1, ...}.
 */
public final class SeasonalDecomposition {

  /** The 95% standard normal quantile used by the M4 seasonality test (a 90% two-sided test). */
  public static final double M4_CRITICAL_VALUE = 1.645;

  private SeasonalDecomposition() {}

  /**
   * Computes the sample autocorrelations {@code r_k = c_k / c_0}, where {@code c_k = (1/n) *
   * sum_{t=0}^{n-k-1} (y[t] - ybar)(y[t+k] - ybar)}, for lags 0 to {@code maxLag}.
   *
   * <p>Source: Box, Jenkins, Reinsel and Ljung (2015), section 2.1.5.
   *
   * @param y the series, length n at least {@code maxLag + 1}, all finite
   * @param maxLag the largest lag, at least 0 and below n
   * @return an array of length {@code maxLag + 1} with {@code r[0] = 1}; for a constant series
   *     (zero variance) every lag above 0 is 0
   * @throws IllegalArgumentException if {@code maxLag < 0} or {@code maxLag >= n}
   */
  public static double[] autocorrelations(double[] y, int maxLag) {
    int n = y.length;
    if (maxLag < 0 || maxLag >= n) {
      throw new IllegalArgumentException(
          String.format(
              "maxLag must be in 0..%d for a series of length %d, got %d", n - 1, n, maxLag));
    }
    double mean = 0.0;
    for (double v : y) {
      mean += v;
    }
    mean /= n;
    double[] r = new double[maxLag + 1];
    double c0 = 0.0;
    for (int t = 0; t < n; t++) {
      double dt = y[t] - mean;
      c0 += dt * dt;
    }
    r[0] = 1.0;
    if (!(c0 > 0.0)) {
      return r;
    }
    for (int k = 1; k <= maxLag; k++) {
      double ck = 0.0;
      for (int t = 0; t < n - k; t++) {
        ck += (y[t] - mean) * (y[t + k] - mean);
      }
      r[k] = ck / c0;
    }
    return r;
  }

  /**
   * Returns the seasonality test statistic {@code |r_m| / sqrt((1 + 2 * sum_{k=1}^{m-1} r_k²) /
   * n)}, to be compared with {@link #M4_CRITICAL_VALUE}.
   *
   * @param y the series, length n greater than {@code m}, all finite
   * @param m the seasonal period, at least 2
   * @return the non-negative statistic; 0 for a constant series
   * @throws IllegalArgumentException if {@code m < 2} or {@code n <= m}
   */
  public static double seasonalityStatistic(double[] y, int m) {
    if (m < 2) {
      throw new IllegalArgumentException("seasonal period must be at least 2, got " + m);
    }
    double[] r = autocorrelations(y, m);
    double sumSquares = 0.0;
    for (int k = 1; k < m; k++) {
      sumSquares += r[k] * r[k];
    }
    return Math.abs(r[m]) / Math.sqrt((1.0 + 2.0 * sumSquares) / y.length);
  }

  /**
   * Applies the M4 seasonality test: true when {@code m > 1}, {@code n >= 3m} and {@link
   * #seasonalityStatistic(double[], int)} exceeds {@link #M4_CRITICAL_VALUE}.
   *
   * @param y the series (units per period), any length, all finite
   * @param m the seasonal period, at least 1
   * @return whether the series is treated as seasonal; false when {@code m == 1}, when the series
   *     is shorter than 3m, or when it is constant
   * @throws IllegalArgumentException if {@code m < 1}
   */
  public static boolean isSeasonal(double[] y, int m) {
    if (m < 1) {
      throw new IllegalArgumentException("seasonal period must be at least 1, got " + m);
    }
    return m > 1 && y.length >= 3 * m && seasonalityStatistic(y, m) > M4_CRITICAL_VALUE;
  }

  /**
   * Tells whether every value is strictly positive, the condition under which {@link
   * #seasonalIndices(double[], int)} accepts a series.
   *
   * @param y the series
   * @return true when {@code y[t] > 0} for every t (true for an empty array)
   */
  public static boolean allPositive(double[] y) {
    for (double v : y) {
      if (!(v > 0.0)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Computes the multiplicative seasonal indices of the classical decomposition.
   *
   * @param y the series (units per period), length at least {@code 2m}, every value strictly
   *     positive; not mutated
   * @param m the seasonal period, at least 2
   * @return a new array of length m, mean 1, all positive: index {@code i} applies to the periods
   *     {@code t} with {@code t mod m == i} counted from the start of {@code y}
   * @throws IllegalArgumentException if {@code m < 2}, the series is shorter than {@code 2m} or a
   *     value is not strictly positive
   */
  public static double[] seasonalIndices(double[] y, int m) {
    checkDecomposable(y, m);
    if (!allPositive(y)) {
      throw new IllegalArgumentException(
          String.format(
              "multiplicative decomposition needs strictly positive values (length %d)",
              y.length));
    }
    double[] indices = detrendedMeans(y, m, true);
    double mean = 0.0;
    for (double v : indices) {
      mean += v;
    }
    mean /= m;
    for (int i = 0; i < m; i++) {
      indices[i] /= mean;
    }
    return indices;
  }

  /**
   * Computes the multiplicative seasonal indices of the classical decomposition for any finite
   * series, as R's {@code decompose(x, type = "multiplicative")} (R 4.2, package {@code stats})
   * does: zeros and negative values are allowed, a ratio {@code y[t] / trend[t]} that is 0/0 is
   * left out of its position's mean (R's {@code na.rm = TRUE}), and the indices are normalised
   * to mean 1. Used by {@link Theta}, which follows R's {@code thetaf}; demand series with zero
   * days (for example NN5's cash machines) are seasonal all the same.
   *
   * @param y the series (units per period), length at least {@code 2m}, all finite; not mutated
   * @param m the seasonal period, at least 2
   * @return a new array of length m, index {@code i} applying to the periods {@code t} with
   *     {@code t mod m == i}; unlike {@link #seasonalIndices(double[], int)} an index may be zero,
   *     negative or not finite (a whole window of zeros gives a zero trend and an infinite ratio,
   *     a series of mostly negative values negative indices): the caller checks them
   * @throws IllegalArgumentException if {@code m < 2} or the series is shorter than {@code 2m}
   */
  public static double[] ratioToMovingAverageIndices(double[] y, int m) {
    checkDecomposable(y, m);
    double[] indices = detrendedMeans(y, m, true);
    double mean = 0.0;
    for (double v : indices) {
      mean += v;
    }
    mean /= m;
    for (int i = 0; i < m; i++) {
      indices[i] /= mean;
    }
    return indices;
  }

  /**
   * Computes the additive seasonal components of the classical decomposition.
   *
   * @param y the series (units per period), length at least {@code 2m}; not mutated
   * @param m the seasonal period, at least 2
   * @return a new array of length m in units per period, summing to 0: component {@code i} applies
   *     to the periods {@code t} with {@code t mod m == i} counted from the start of {@code y}
   * @throws IllegalArgumentException if {@code m < 2} or the series is shorter than {@code 2m}
   */
  public static double[] additiveSeasonalComponents(double[] y, int m) {
    checkDecomposable(y, m);
    double[] components = detrendedMeans(y, m, false);
    double mean = 0.0;
    for (double v : components) {
      mean += v;
    }
    mean /= m;
    for (int i = 0; i < m; i++) {
      components[i] -= mean;
    }
    return components;
  }

  /**
   * Divides each value by its seasonal index: {@code y[t] / indices[t mod m]}.
   *
   * @param y the series, oldest first; not mutated
   * @param indices multiplicative indices from {@link #seasonalIndices(double[], int)}, length m
   * @return a new array of the same length as {@code y}
   */
  public static double[] deseasonalize(double[] y, double[] indices) {
    int m = indices.length;
    double[] adjusted = new double[y.length];
    for (int t = 0; t < y.length; t++) {
      adjusted[t] = y[t] / indices[t % m];
    }
    return adjusted;
  }

  /**
   * Multiplies, in place, a forecast that continues a series of length {@code historyLength} by
   * the seasonal indices: element {@code h} (0-based) is period {@code historyLength + h} and is
   * multiplied by {@code indices[(historyLength + h) mod m]}.
   *
   * @param forecast the seasonally adjusted forecast; overwritten with the seasonal forecast
   * @param indices multiplicative indices, length m
   * @param historyLength the length n of the series the indices were computed on
   */
  public static void reseasonalizeInPlace(double[] forecast, double[] indices, int historyLength) {
    int m = indices.length;
    for (int h = 0; h < forecast.length; h++) {
      forecast[h] *= indices[(historyLength + h) % m];
    }
  }

  /**
   * Subtracts each value's additive seasonal component: {@code y[t] - components[t mod m]}.
   *
   * @param y the series, oldest first; not mutated
   * @param components additive components from {@link #additiveSeasonalComponents(double[], int)}
   * @return a new array of the same length as {@code y}
   */
  public static double[] deseasonalizeAdditive(double[] y, double[] components) {
    int m = components.length;
    double[] adjusted = new double[y.length];
    for (int t = 0; t < y.length; t++) {
      adjusted[t] = y[t] - components[t % m];
    }
    return adjusted;
  }

  /**
   * Adds, in place, the additive seasonal components to a forecast that continues a series of
   * length {@code historyLength}: element {@code h} gets {@code components[(historyLength + h) mod
   * m]}.
   *
   * @param forecast the seasonally adjusted forecast; overwritten with the seasonal forecast
   * @param components additive components, length m
   * @param historyLength the length n of the series the components were computed on
   */
  public static void reseasonalizeAdditiveInPlace(
      double[] forecast, double[] components, int historyLength) {
    int m = components.length;
    for (int h = 0; h < forecast.length; h++) {
      forecast[h] += components[(historyLength + h) % m];
    }
  }

  private static void checkDecomposable(double[] y, int m) {
    if (m < 2) {
      throw new IllegalArgumentException("seasonal period must be at least 2, got " + m);
    }
    if (y.length < 2 * m) {
      throw new IllegalArgumentException(
          String.format(
              "classical decomposition needs at least two seasons (2m = %d) but the series has"
                  + " length %d",
              2 * m, y.length));
    }
  }

  /**
   * Per-position means of the detrended series (ratio or difference to the centred moving
   * average), not yet normalised.
   */
  private static double[] detrendedMeans(double[] y, int m, boolean multiplicative) {
    int n = y.length;
    int half = m / 2;
    boolean even = m % 2 == 0;
    double[] sums = new double[m];
    int[] counts = new int[m];
    // Running sum of the m values y[t - half .. t - half + m - 1] (odd m: centred on t).
    double window = 0.0;
    for (int j = 0; j < m; j++) {
      window += y[j];
    }
    for (int t = half; t < n - half; t++) {
      int first = t - half;
      double trend;
      if (even) {
        // 2xm MA: 0.5 y[t-m/2] + y[t-m/2+1..t+m/2-1] + 0.5 y[t+m/2], over m.
        trend = (window - 0.5 * y[first] + 0.5 * y[t + half]) / m;
        window += y[t + half] - y[first];
      } else {
        trend = window / m;
        if (t + half + 1 < n) {
          window += y[t + half + 1] - y[first];
        }
      }
      double detrended = multiplicative ? y[t] / trend : y[t] - trend;
      if (Double.isNaN(detrended)) {
        continue; // 0/0: R's decompose leaves it out of the mean (na.rm = TRUE)
      }
      int position = t % m;
      sums[position] += detrended;
      counts[position]++;
    }
    for (int i = 0; i < m; i++) {
      sums[i] = counts[i] == 0 ? Double.NaN : sums[i] / counts[i];
    }
    return sums;
  }
}
