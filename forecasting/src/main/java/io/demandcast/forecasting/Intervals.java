package io.demandcast.forecasting;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Forecast quantiles from rolling-origin backtest errors.
 *
 * <p>This is a normal approximation with an empirical, horizon-dependent error variance taken from
 * the rolling-origin backtest: with backtest errors {@code e[w][h] = actual - forecast} for window
 * {@code w} and step {@code h}, let {@code r_h = sqrt(mean of e[w][i]^2 over all windows w and all
 * steps i = 1..h)} (1-based h), the cumulative root mean squared error. A cumulative mean can still
 * fall when later steps happen to have smaller errors, so the scale is its running maximum {@code
 * sigma_h = max(r_1, ..., r_h)}, which is non-decreasing in h and equals {@code r_h} whenever
 * {@code r} already is. The quantile q at step h is {@code max(0, mean_h + z_q * sigma_h)}, where
 * {@code mean_h} is the point forecast and {@code z_q} the standard normal quantile. Demand is
 * non-negative, hence the truncation at 0. Quantiles are therefore monotone in q for every step.
 *
 * <p>Sources: W. H. Williams and M. L. Goodman, "A simple method for the construction of empirical
 * confidence limits for economic forecasts", Journal of the American Statistical Association
 * 66(336), 752-754, 1971; R. J. Hyndman and G. Athanasopoulos, <i>Forecasting: Principles and
 * Practice</i>, 3rd ed., OTexts, 2021, section 5.5 "Distributional forecasts and prediction
 * intervals".
 */
public final class Intervals {

  /** Lower quantile level of the reported band. */
  public static final double P10 = 0.1;

  /** Median level. */
  public static final double P50 = 0.5;

  /** Upper quantile level of the reported band. */
  public static final double P90 = 0.9;

  private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0.0, 1.0);

  private Intervals() {}

  /**
   * Returns the error scale per step: the running maximum of the cumulative root mean squared
   * backtest error.
   *
   * @param errors backtest errors {@code [window][step]} (actual minus forecast, units per period),
   *     at least one window, each row at least {@code horizon} long and finite
   * @param horizon number of steps, at least 1
   * @return {@code sigma[h-1] = sigma_h} for h = 1..horizon, non-decreasing, in units per period
   * @throws IllegalArgumentException if {@code horizon < 1}, {@code errors} is null or empty, or a
   *     row is null, shorter than {@code horizon} or holds a non-finite value
   */
  public static double[] sigma(double[][] errors, int horizon) {
    Histories.requireHorizon(horizon);
    if (errors == null || errors.length == 0) {
      throw new IllegalArgumentException("errors must hold at least one backtest window");
    }
    for (int w = 0; w < errors.length; w++) {
      if (errors[w] == null || errors[w].length < horizon) {
        throw new IllegalArgumentException(
            String.format(
                "errors[%d] must hold at least %d steps, got %s",
                w, horizon, errors[w] == null ? "null" : String.valueOf(errors[w].length)));
      }
    }
    double[] sigma = new double[horizon];
    double sumSquares = 0.0;
    for (int h = 0; h < horizon; h++) {
      for (int w = 0; w < errors.length; w++) {
        double e = errors[w][h];
        if (!Double.isFinite(e)) {
          throw new IllegalArgumentException(
              String.format("errors[%d][%d] = %s is not finite", w, h, e));
        }
        sumSquares += e * e;
      }
      double cumulative = Math.sqrt(sumSquares / ((h + 1) * (double) errors.length));
      sigma[h] = h == 0 ? cumulative : Math.max(sigma[h - 1], cumulative);
    }
    return sigma;
  }

  /**
   * Returns the q quantile forecast {@code max(0, mean_h + z_q * sigma_h)} for every step.
   *
   * @param mean point forecasts, element 0 one period ahead, units per period; length h at least 1
   * @param errors backtest errors {@code [window][step]} as for {@link #sigma(double[][], int)},
   *     rows at least h long
   * @param q the quantile level, in (0, 1); 0.5 gives {@code max(0, mean)}
   * @return a new array of length h, every element at least 0, in units per period
   * @throws IllegalArgumentException if {@code mean} is null or empty, {@code q} is outside (0, 1),
   *     or {@code errors} is invalid as for {@link #sigma(double[][], int)}
   */
  public static double[] quantile(double[] mean, double[][] errors, double q) {
    if (mean == null || mean.length == 0) {
      throw new IllegalArgumentException("mean must hold at least one step");
    }
    if (!(q > 0.0 && q < 1.0)) {
      throw new IllegalArgumentException("q must be in (0, 1), got " + q);
    }
    double[] sigma = sigma(errors, mean.length);
    double z = STANDARD_NORMAL.inverseCumulativeProbability(q);
    double[] quantile = new double[mean.length];
    for (int h = 0; h < mean.length; h++) {
      quantile[h] = Math.max(0.0, mean[h] + z * sigma[h]);
    }
    return quantile;
  }

  /** Fewest pooled errors for an empirical quantile; below it the normal approximation is used. */
  public static final int MIN_EMPIRICAL_ERRORS = 20;

  /**
   * Returns the q quantile forecast {@code max(0, mean_h + z_q sqrt(variance_h))} from a model's own
   * forecast-error variance (for example the ETS state-space variance).
   *
   * @param mean point forecasts, units per period, length h at least 1
   * @param variance the h-step error variances, (units per period)², length h, non-negative
   * @param q the quantile level, in (0, 1)
   * @return a new array of length h, every element at least 0
   * @throws IllegalArgumentException if the arrays are null, empty or differ in length, a variance
   *     is negative or not finite, or {@code q} is outside (0, 1)
   */
  public static double[] normal(double[] mean, double[] variance, double q) {
    requireLevel(mean, q);
    if (variance == null || variance.length != mean.length) {
      throw new IllegalArgumentException(
          "variance must have the length of mean, " + mean.length);
    }
    double z = STANDARD_NORMAL.inverseCumulativeProbability(q);
    double[] quantile = new double[mean.length];
    for (int h = 0; h < mean.length; h++) {
      if (!(variance[h] >= 0.0) || Double.isInfinite(variance[h])) {
        throw new IllegalArgumentException(
            String.format("variance[%d] = %s must be finite and non-negative", h, variance[h]));
      }
      quantile[h] = Math.max(0.0, mean[h] + z * Math.sqrt(variance[h]));
    }
    return quantile;
  }

  /**
   * Returns the q quantile forecast from the empirical distribution of backtest errors, a split
   * conformal interval per horizon: at step h the q quantile (linear interpolation between order
   * statistics, Hyndman and Fan 1996 type 7) of the errors of every window at steps 1..h is added
   * to the point forecast. Pooling the steps up to h keeps enough errors for the tails; the offset
   * is then made monotone in h (running maximum above the median, running minimum below) so that
   * intervals never narrow with the horizon. With fewer than {@link #MIN_EMPIRICAL_ERRORS} errors
   * at a step, {@link #quantile} (normal with the backtest RMSE) is used for that step instead.
   *
   * <p>Sources: V. Vovk, A. Gammerman and G. Shafer, <i>Algorithmic Learning in a Random World</i>,
   * Springer, 2005 (conformal prediction); R. J. Hyndman and Y. Fan, "Sample quantiles in
   * statistical packages", The American Statistician 50(4), 1996.
   *
   * @param mean point forecasts, units per period, length h at least 1
   * @param errors backtest errors {@code [window][step]} (actual minus forecast), rows at least h
   *     long, finite
   * @param q the quantile level, in (0, 1)
   * @return a new array of length h, every element at least 0
   * @throws IllegalArgumentException if {@code mean} is null or empty, {@code q} is outside (0, 1),
   *     or {@code errors} is invalid as for {@link #sigma(double[][], int)}
   */
  public static double[] empirical(double[] mean, double[][] errors, double q) {
    requireLevel(mean, q);
    double[] normal = quantile(mean, errors, q);
    double[] pooled = new double[errors.length * mean.length];
    double[] quantile = new double[mean.length];
    double offset = q >= 0.5 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    int count = 0;
    for (int h = 0; h < mean.length; h++) {
      for (double[] window : errors) {
        pooled[count++] = window[h];
      }
      if (count < MIN_EMPIRICAL_ERRORS) {
        quantile[h] = normal[h];
        continue;
      }
      double[] sorted = Arrays.copyOf(pooled, count);
      Arrays.sort(sorted);
      double position = q * (count - 1);
      int lower = (int) Math.floor(position);
      int upper = Math.min(lower + 1, count - 1);
      double e = sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
      offset = q >= 0.5 ? Math.max(offset, e) : Math.min(offset, e);
      quantile[h] = Math.max(0.0, mean[h] + offset);
    }
    return quantile;
  }

  private static void requireLevel(double[] mean, double q) {
    if (mean == null || mean.length == 0) {
      throw new IllegalArgumentException("mean must hold at least one step");
    }
    if (!(q > 0.0 && q < 1.0)) {
      throw new IllegalArgumentException("q must be in (0, 1), got " + q);
    }
  }
}
