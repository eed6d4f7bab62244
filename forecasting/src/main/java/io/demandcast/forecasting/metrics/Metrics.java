package io.demandcast.forecasting.metrics;

import java.util.Arrays;

/**
 * Point and probabilistic forecast accuracy measures.
 *
 * <p>All arrays are indexed by forecast step: element 0 is one period ahead, and {@code actual},
 * {@code forecast} (and quantile or bound) arrays must have the same non-zero length h. In-sample
 * arrays are the training history, oldest first. Values are in units per period unless stated
 * otherwise. Every method throws {@link IllegalArgumentException} for a null or empty array or a
 * length mismatch.
 *
 * <p>Sources: Makridakis, Spiliotis and Assimakopoulos, <i>M4 Competition Competitors' Guide</i>,
 * 2018 (sMAPE, MASE), after R. J. Hyndman and A. B. Koehler, "Another look at measures of forecast
 * accuracy", International Journal of Forecasting 22(4), 679-688, 2006; Makridakis, Spiliotis and
 * Assimakopoulos, <i>M5 Competition Competitors' Guide</i>, 2020 (RMSSE, pinball loss).
 */
public final class Metrics {

  private Metrics() {}

  /**
   * Mean absolute error {@code (1/h) sum |y_t - f_t|}.
   *
   * @param actual observed values, length h
   * @param forecast point forecasts, length h
   * @return the MAE in units per period
   * @throws IllegalArgumentException for null, empty or mismatched arrays
   */
  public static double mae(double[] actual, double[] forecast) {
    requireSameLength(actual, forecast);
    double sum = 0.0;
    for (int t = 0; t < actual.length; t++) {
      sum += Math.abs(actual[t] - forecast[t]);
    }
    return sum / actual.length;
  }

  /**
   * Root mean squared error {@code sqrt((1/h) sum (y_t - f_t)^2)}.
   *
   * @param actual observed values, length h
   * @param forecast point forecasts, length h
   * @return the RMSE in units per period
   * @throws IllegalArgumentException for null, empty or mismatched arrays
   */
  public static double rmse(double[] actual, double[] forecast) {
    return Math.sqrt(mse(actual, forecast));
  }

  /**
   * Mean error of the forecast, {@code (1/h) sum (f_t - y_t)}: positive means over-forecasting.
   *
   * @param actual observed values, length h
   * @param forecast point forecasts, length h
   * @return the bias in units per period
   * @throws IllegalArgumentException for null, empty or mismatched arrays
   */
  public static double bias(double[] actual, double[] forecast) {
    requireSameLength(actual, forecast);
    double sum = 0.0;
    for (int t = 0; t < actual.length; t++) {
      sum += forecast[t] - actual[t];
    }
    return sum / actual.length;
  }

  /**
   * Symmetric mean absolute percentage error as defined in the M4 Competitors' Guide, {@code
   * (200/h) sum |y_t - f_t| / (|y_t| + |f_t|)}; a term with {@code |y_t| + |f_t| = 0} counts as 0.
   *
   * @param actual observed values, length h
   * @param forecast point forecasts, length h
   * @return the sMAPE in percent, between 0 and 200
   * @throws IllegalArgumentException for null, empty or mismatched arrays
   */
  public static double smape(double[] actual, double[] forecast) {
    requireSameLength(actual, forecast);
    double sum = 0.0;
    for (int t = 0; t < actual.length; t++) {
      double denominator = Math.abs(actual[t]) + Math.abs(forecast[t]);
      if (denominator > 0.0) {
        sum += Math.abs(actual[t] - forecast[t]) / denominator;
      }
    }
    return 200.0 * sum / actual.length;
  }

  /**
   * Mean absolute scaled error as defined in the M4 Competitors' Guide: the MAE divided by the
   * in-sample MAE of the seasonal naive method, {@code (1/(n-m)) sum_{t=m..n-1} |x_t - x_{t-m}|}
   * (0-based) over the in-sample series {@code x} of length n.
   *
   * @param actual observed values, length h
   * @param forecast point forecasts, length h
   * @param insample the training history, oldest first, length n
   * @param m the seasonal period used for scaling, at least 1
   * @return the MASE (dimensionless), or NaN when {@code n <= m} or the scale is 0
   * @throws IllegalArgumentException for null, empty or mismatched arrays, a null in-sample array
   *     or {@code m < 1}
   */
  public static double mase(double[] actual, double[] forecast, double[] insample, int m) {
    requireSameLength(actual, forecast);
    double scale = seasonalScale(insample, m);
    return scale > 0.0 ? mae(actual, forecast) / scale : Double.NaN;
  }

  /** The in-sample mean absolute difference at lag m; NaN when the history is not longer than m. */
  private static double seasonalScale(double[] insample, int m) {
    if (insample == null) {
      throw new IllegalArgumentException("insample is null");
    }
    if (m < 1) {
      throw new IllegalArgumentException("m must be at least 1, got " + m);
    }
    if (insample.length <= m) {
      return Double.NaN;
    }
    double sum = 0.0;
    for (int t = m; t < insample.length; t++) {
      sum += Math.abs(insample[t] - insample[t - m]);
    }
    return sum / (insample.length - m);
  }

  /**
   * Root mean squared scaled error as defined in the M5 Competitors' Guide: {@code sqrt(MSE /
   * ((1/(n-1)) sum_{t=1..n-1} (x_t - x_{t-1})^2))} (0-based) over the in-sample series {@code x} of
   * length n. The M5 guide computes the scale from the first non-zero demand onwards; pass the
   * in-sample series from that point if that convention is wanted.
   *
   * @param actual observed values, length h
   * @param forecast point forecasts, length h
   * @param insample the training history, oldest first, length n
   * @return the RMSSE (dimensionless), or NaN when {@code n < 2} or the scale is 0
   * @throws IllegalArgumentException for null, empty or mismatched arrays or a null in-sample array
   */
  public static double rmsse(double[] actual, double[] forecast, double[] insample) {
    requireSameLength(actual, forecast);
    if (insample == null) {
      throw new IllegalArgumentException("insample is null");
    }
    if (insample.length < 2) {
      return Double.NaN;
    }
    double sum = 0.0;
    for (int t = 1; t < insample.length; t++) {
      double diff = insample[t] - insample[t - 1];
      sum += diff * diff;
    }
    double scale = sum / (insample.length - 1);
    return scale == 0.0 ? Double.NaN : Math.sqrt(mse(actual, forecast) / scale);
  }

  /**
   * RMSSE with the M5 Competitors' Guide's scale: the in-sample one-step naive mean squared error
   * is taken from the first non-zero observation onwards, so the leading zeros of a product not yet
   * on sale do not shrink the scale.
   *
   * @param actual observed values, length h
   * @param forecast point forecasts, length h
   * @param insample the training history, oldest first
   * @return the RMSSE (dimensionless), or NaN when fewer than 2 values remain from the first
   *     non-zero one or the scale is 0
   * @throws IllegalArgumentException for null, empty or mismatched arrays or a null in-sample array
   */
  public static double rmsseM5(double[] actual, double[] forecast, double[] insample) {
    if (insample == null) {
      throw new IllegalArgumentException("insample is null");
    }
    int first = 0;
    while (first < insample.length && insample[first] == 0.0) {
      first++;
    }
    return rmsse(actual, forecast, Arrays.copyOfRange(insample, first, insample.length));
  }

  /**
   * Weighted RMSSE, the M5 accuracy measure at one aggregation level: {@code sum_i w_i RMSSE_i /
   * sum_i w_i}. In M5 the weight of a series is its dollar sales over the last 28 days of the
   * training part; series whose RMSSE is NaN (zero scale) are left out together with their
   * weight.
   *
   * @param rmsse the RMSSE of each series, length k
   * @param weights the non-negative weight of each series (for example units times price over the
   *     last periods of training), length k
   * @return the WRMSSE (dimensionless), or NaN when no series has both a defined RMSSE and a
   *     positive weight
   * @throws IllegalArgumentException for null, empty or mismatched arrays or a negative or
   *     non-finite weight (index named)
   */
  public static double wrmsse(double[] rmsse, double[] weights) {
    requireSameLength(rmsse, weights);
    double weighted = 0.0;
    double total = 0.0;
    for (int i = 0; i < rmsse.length; i++) {
      if (!(weights[i] >= 0.0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException(
            String.format("weights[%d] = %s must be finite and non-negative", i, weights[i]));
      }
      if (!Double.isNaN(rmsse[i])) {
        weighted += weights[i] * rmsse[i];
        total += weights[i];
      }
    }
    return total > 0.0 ? weighted / total : Double.NaN;
  }

  /**
   * The M4 overall weighted average: {@code 0.5 (sMAPE / sMAPE_Naive2 + MASE / MASE_Naive2)}, each
   * measure averaged over the same series first (M4 Competitors' Guide, 2018).
   *
   * @param smape the method's mean sMAPE in percent
   * @param mase the method's mean MASE
   * @param naive2Smape Naive2's mean sMAPE on the same series, positive
   * @param naive2Mase Naive2's mean MASE on the same series, positive
   * @return the OWA; below 1 is better than Naive2
   * @throws IllegalArgumentException if a Naive2 figure is not positive and finite
   */
  public static double owa(double smape, double mase, double naive2Smape, double naive2Mase) {
    if (!(naive2Smape > 0.0) || !(naive2Mase > 0.0)
        || Double.isInfinite(naive2Smape) || Double.isInfinite(naive2Mase)) {
      throw new IllegalArgumentException(
          String.format(
              "Naive2 sMAPE %s and MASE %s must be positive and finite", naive2Smape, naive2Mase));
    }
    return 0.5 * (smape / naive2Smape + mase / naive2Mase);
  }

  /**
   * Mean scaled interval score of a central (1 - a) prediction interval, the M4 interval measure:
   * {@code (1/h) sum [(u_t - l_t) + (2/a)(l_t - y_t) 1{y_t < l_t} + (2/a)(y_t - u_t) 1{y_t > u_t}]}
   * divided by the in-sample mean absolute seasonal difference at lag m (the MASE scale).
   *
   * @param actual observed values, length h
   * @param lower lower bounds, length h
   * @param upper upper bounds, length h
   * @param insample the training history, oldest first
   * @param m the seasonal lag of the scale, at least 1
   * @param a the interval's miss rate, in (0, 1); M4 used 0.05 for 95% intervals
   * @return the MSIS (dimensionless), or NaN when the scale is 0 or undefined
   * @throws IllegalArgumentException for null, empty or mismatched arrays, {@code m < 1} or {@code
   *     a} outside (0, 1)
   */
  public static double msis(
      double[] actual, double[] lower, double[] upper, double[] insample, int m, double a) {
    requireSameLength(actual, lower);
    requireSameLength(actual, upper);
    if (!(a > 0.0 && a < 1.0)) {
      throw new IllegalArgumentException("a must be in (0, 1), got " + a);
    }
    double scale = seasonalScale(insample, m);
    if (!(scale > 0.0)) {
      return Double.NaN;
    }
    double sum = 0.0;
    for (int t = 0; t < actual.length; t++) {
      sum += upper[t] - lower[t];
      if (actual[t] < lower[t]) {
        sum += 2.0 / a * (lower[t] - actual[t]);
      } else if (actual[t] > upper[t]) {
        sum += 2.0 / a * (actual[t] - upper[t]);
      }
    }
    return sum / actual.length / scale;
  }

  /**
   * Mean pinball (quantile) loss {@code (1/h) sum L_t}, with {@code L_t = tau (y_t - q_t)} if
   * {@code y_t >= q_t} and {@code (1 - tau)(q_t - y_t)} otherwise; the loss used for the M5
   * uncertainty track, after R. Koenker and G. Bassett, "Regression quantiles", Econometrica 46(1),
   * 1978.
   *
   * @param actual observed values, length h
   * @param quantileForecast forecasts of the {@code tau} quantile, length h
   * @param tau the quantile level, in (0, 1)
   * @return the mean loss in units per period
   * @throws IllegalArgumentException for null, empty or mismatched arrays or {@code tau} outside
   *     (0, 1)
   */
  public static double pinball(double[] actual, double[] quantileForecast, double tau) {
    requireSameLength(actual, quantileForecast);
    if (!(tau > 0.0 && tau < 1.0)) {
      throw new IllegalArgumentException("tau must be in (0, 1), got " + tau);
    }
    double sum = 0.0;
    for (int t = 0; t < actual.length; t++) {
      double diff = actual[t] - quantileForecast[t];
      sum += diff >= 0.0 ? tau * diff : (tau - 1.0) * diff;
    }
    return sum / actual.length;
  }

  /**
   * Empirical coverage of an interval forecast: the share of steps with {@code lower_t <= y_t <=
   * upper_t}.
   *
   * @param actual observed values, length h
   * @param lower lower bounds, length h
   * @param upper upper bounds, length h
   * @return a share in [0, 1]
   * @throws IllegalArgumentException for null, empty or mismatched arrays
   */
  public static double coverage(double[] actual, double[] lower, double[] upper) {
    requireSameLength(actual, lower);
    requireSameLength(actual, upper);
    int inside = 0;
    for (int t = 0; t < actual.length; t++) {
      if (actual[t] >= lower[t] && actual[t] <= upper[t]) {
        inside++;
      }
    }
    return (double) inside / actual.length;
  }

  private static double mse(double[] actual, double[] forecast) {
    requireSameLength(actual, forecast);
    double sum = 0.0;
    for (int t = 0; t < actual.length; t++) {
      double error = actual[t] - forecast[t];
      sum += error * error;
    }
    return sum / actual.length;
  }

  private static void requireSameLength(double[] actual, double[] other) {
    if (actual == null || other == null) {
      throw new IllegalArgumentException("arrays must not be null");
    }
    if (actual.length == 0) {
      throw new IllegalArgumentException("arrays must not be empty");
    }
    if (actual.length != other.length) {
      throw new IllegalArgumentException(
          String.format("arrays differ in length: %d vs %d", actual.length, other.length));
    }
  }
}
