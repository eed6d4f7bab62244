package io.demandcast.forecasting.models;

import io.demandcast.forecasting.FittedForecaster;
import io.demandcast.forecasting.Forecaster;
import io.demandcast.forecasting.Histories;

/**
 * Naive2, the seasonally adjusted naive benchmark of the M4 competition (the reference of its OWA
 * score).
 *
 * <p>If the series passes the M4 seasonality test ({@link
 * SeasonalDecomposition#isSeasonal(double[], int)}: {@code m > 1}, {@code n >= 3m}, 90%
 * autocorrelation test at lag m) and every value is positive, the series is divided by its
 * multiplicative classical seasonal indices {@code s_i} ({@link
 * SeasonalDecomposition#seasonalIndices(double[], int)}), the last adjusted value {@code a =
 * y[n-1] / s_{(n-1) mod m}} is repeated and multiplied back: {@code forecast[h-1] = a *
 * s_{(n-1+h) mod m}}. Otherwise it is the naive method, {@code forecast[h-1] = y[n-1]}. A series
 * with a zero or negative value is never adjusted (the M4 data are all positive).
 *
 * <p>The forecast variance treats the adjusted series as a random walk: {@code sigma² * h *
 * s_{(n-1+h) mod m}²}, with sigma² the mean squared first difference of the adjusted series. This
 * is this implementation's choice; the M4 organisers define no Naive2 variance.
 *
 * <p>Source: S. Makridakis, E. Spiliotis and V. Assimakopoulos, "The M4 Competition: 100,000 time
 * series and 61 forecasting methods", International Journal of Forecasting 36(1), 2020, pp. 54-74
 * (section 3, benchmarks), and the M4 Competitors' Guide (2018). The M4 organisers ran the
 * seasonality adjustment with period 1 for weekly data, so Naive2 on M4 Weekly is the naive
 * method; use {@code new Naive2(1)} to reproduce their Weekly numbers.
 */
public final class Naive2 implements Forecaster {
  private static final long serialVersionUID = 1L;

  /** The {@link #name()} of this method. */
  public static final String NAME = "naive2";

  /** Season length in periods. */
  private final int period;

  /**
   * Creates the method.
   *
   * @param period the season length m in periods (12 for monthly, 4 for quarterly data), at least
   *     1; 1 gives the naive method
   * @throws IllegalArgumentException if {@code period < 1}
   */
  public Naive2(int period) {
    if (period < 1) {
      throw new IllegalArgumentException("period must be at least 1, got " + period);
    }
    this.period = period;
  }

  /**
   * Returns the season length.
   *
   * @return the period m, at least 1
   */
  public int period() {
    return period;
  }

  /** Returns {@value #NAME}. */
  @Override
  public String name() {
    return NAME;
  }

  /** Returns 1: shorter series than 3m are forecast by the naive method. */
  @Override
  public int minHistory() {
    return 1;
  }

  /** Returns {@code "naive2(m=...)"}. */
  @Override
  public String spec() {
    return NAME + "(m=" + period + ")";
  }

  /**
   * Tests for seasonality, adjusts if seasonal and keeps the last (adjusted) value.
   *
   * @param history one value per period (units per period), oldest first, length at least 1; not
   *     mutated
   * @return a model whose parameters are {@code seasonal} (1 when adjusted, else 0), {@code level}
   *     (the last adjusted value, units per period), {@code sigma2} (when n &gt;= 2) and, when
   *     adjusted, the indices {@code s1..sm} (index {@code s(i+1)} applies to periods {@code t mod
   *     m == i} counted from the start of the history)
   * @throws IllegalArgumentException for a null, empty or non-finite history
   */
  @Override
  public FittedForecaster fit(double[] history) {
    double[] y = Histories.validatedCopy(NAME, history, minHistory());
    int n = y.length;
    if (SeasonalDecomposition.isSeasonal(y, period) && SeasonalDecomposition.allPositive(y)) {
      double[] indices = SeasonalDecomposition.seasonalIndices(y, period);
      double[] adjusted = SeasonalDecomposition.deseasonalize(y, indices);
      return new Naive.RandomWalk(
          NAME, adjusted[n - 1], Naive.oneStepVariance(adjusted), indices, n, true);
    }
    return new Naive.RandomWalk(NAME, y[n - 1], Naive.oneStepVariance(y), null, n, true);
  }

  @Override
  public String toString() {
    return spec();
  }
}
