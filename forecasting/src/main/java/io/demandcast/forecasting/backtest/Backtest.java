package io.demandcast.forecasting.backtest;

import io.demandcast.forecasting.Forecaster;
import io.demandcast.forecasting.Histories;
import io.demandcast.forecasting.Intervals;
import io.demandcast.forecasting.ModelFitException;
import io.demandcast.forecasting.metrics.Metrics;
import java.util.Arrays;
import java.util.Objects;

/**
 * Rolling-origin backtest of one {@link Forecaster} on one series.
 *
 * <p>For each origin of a {@link RollingOrigin} design the model is fitted on {@code y[0..origin)}
 * and forecasts {@code horizon} periods, which are compared with {@code y[origin..origin +
 * horizon)}. Per window, MASE uses the window's training part as in-sample series with {@code m =
 * seasonalPeriod}, falling back to {@code m = 1} when the seasonal scale is undefined (too short or
 * zero); RMSSE, sMAPE and bias are computed as in {@link Metrics}. Each metric is then averaged
 * over the windows where it is defined, and is NaN if it is defined in none. Coverage is the share
 * of all actuals inside the p10-p90 band that {@link Intervals} builds around the window's forecast
 * from the errors of the other windows only (leave one window out); it is NaN for a single window.
 *
 * <p>Source: L. J. Tashman, "Out-of-sample tests of forecasting accuracy: an analysis and review",
 * International Journal of Forecasting 16(4), 437-450, 2000.
 */
public final class Backtest {

  private Backtest() {}

  /**
   * Runs the backtest.
   *
   * @param forecaster the model to evaluate
   * @param y the whole series, one value per period (units per period), oldest first, finite,
   *     length at least {@code design.minLength(forecaster.minHistory())}; not mutated
   * @param design the windows, horizon and step
   * @param seasonalPeriod the season length m used to scale MASE, at least 1
   * @return the forecasts, actuals and averaged metrics; if the model throws {@link
   *     ModelFitException} or forecasts a non-finite value in any window, a result whose {@code
   *     failure} is the message, with empty forecasts and NaN metrics
   * @throws NullPointerException if {@code forecaster} or {@code design} is null
   * @throws IllegalArgumentException if {@code y} is null, too short or non-finite, or {@code
   *     seasonalPeriod < 1}
   */
  public static BacktestResult run(
      Forecaster forecaster, double[] y, RollingOrigin design, int seasonalPeriod) {
    Objects.requireNonNull(forecaster, "forecaster");
    Objects.requireNonNull(design, "design");
    if (seasonalPeriod < 1) {
      throw new IllegalArgumentException(
          "seasonalPeriod must be at least 1, got " + seasonalPeriod);
    }
    String model = forecaster.name();
    double[] series =
        Histories.validatedCopy(
            "backtest of " + model, y, design.minLength(forecaster.minHistory()));
    int[] origins = design.origins(series.length);
    int windows = origins.length;
    int horizon = design.horizon();

    double[][] forecasts = new double[windows][];
    double[][] actuals = new double[windows][];
    for (int w = 0; w < windows; w++) {
      double[] training = Arrays.copyOfRange(series, 0, origins[w]);
      try {
        forecasts[w] = forecaster.fit(training).forecast(horizon);
      } catch (ModelFitException e) {
        return failure(model, origins, Objects.requireNonNullElse(e.getMessage(), e.toString()));
      }
      if (Arrays.stream(forecasts[w]).anyMatch(f -> !Double.isFinite(f))) {
        return failure(
            model,
            origins,
            String.format("%s: non-finite forecast from training length %d", model, origins[w]));
      }
    }
    return evaluate(model, series, origins, forecasts, seasonalPeriod);
  }

  /**
   * Scores rolling-origin forecasts made elsewhere (for example a combination of several models'
   * backtest forecasts) exactly as {@link #run} scores its own.
   *
   * @param model the id to report
   * @param series the whole series, oldest first, finite
   * @param origins the training lengths of the windows, ascending, each at least 1
   * @param forecasts one forecast per window, all of the same length h, with {@code origins[w] + h
   *     <= series.length}
   * @param seasonalPeriod the season length m used to scale MASE, at least 1
   * @return the result, with the actuals taken from {@code series}
   * @throws IllegalArgumentException if the shapes do not fit the series
   */
  public static BacktestResult evaluate(
      String model, double[] series, int[] origins, double[][] forecasts, int seasonalPeriod) {
    int windows = origins.length;
    if (forecasts.length != windows || windows == 0) {
      throw new IllegalArgumentException(
          String.format("%d forecasts for %d origins", forecasts.length, windows));
    }
    int horizon = forecasts[0].length;
    double[][] actuals = new double[windows][];
    for (int w = 0; w < windows; w++) {
      if (forecasts[w].length != horizon || origins[w] + horizon > series.length) {
        throw new IllegalArgumentException(
            String.format(
                "window %d: %d steps from origin %d do not fit a series of length %d",
                w, forecasts[w].length, origins[w], series.length));
      }
      actuals[w] = Arrays.copyOfRange(series, origins[w], origins[w] + horizon);
    }

    double[] mase = new double[windows];
    double[] rmsse = new double[windows];
    double[] smape = new double[windows];
    double[] bias = new double[windows];
    for (int w = 0; w < windows; w++) {
      double[] insample = Arrays.copyOfRange(series, 0, origins[w]);
      double seasonal = Metrics.mase(actuals[w], forecasts[w], insample, seasonalPeriod);
      mase[w] =
          Double.isNaN(seasonal) ? Metrics.mase(actuals[w], forecasts[w], insample, 1) : seasonal;
      rmsse[w] = Metrics.rmsse(actuals[w], forecasts[w], insample);
      smape[w] = Metrics.smape(actuals[w], forecasts[w]);
      bias[w] = Metrics.bias(actuals[w], forecasts[w]);
    }
    return new BacktestResult(
        model,
        origins,
        forecasts,
        actuals,
        meanOfDefined(mase),
        meanOfDefined(rmsse),
        meanOfDefined(smape),
        meanOfDefined(bias),
        leaveOneWindowOutCoverage(forecasts, actuals),
        null);
  }

  private static BacktestResult failure(String model, int[] origins, String message) {
    double nan = Double.NaN;
    return new BacktestResult(
        model, origins, new double[0][], new double[0][], nan, nan, nan, nan, nan, message);
  }

  private static double meanOfDefined(double[] values) {
    return Arrays.stream(values).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
  }

  private static double leaveOneWindowOutCoverage(double[][] forecasts, double[][] actuals) {
    int windows = forecasts.length;
    if (windows == 1) {
      return Double.NaN;
    }
    double[] coverage = new double[windows];
    for (int w = 0; w < windows; w++) {
      double[][] otherErrors = new double[windows - 1][];
      for (int v = 0, k = 0; v < windows; v++) {
        if (v != w) {
          otherErrors[k++] = errors(actuals[v], forecasts[v]);
        }
      }
      double[] lower = Intervals.quantile(forecasts[w], otherErrors, Intervals.P10);
      double[] upper = Intervals.quantile(forecasts[w], otherErrors, Intervals.P90);
      coverage[w] = Metrics.coverage(actuals[w], lower, upper);
    }
    // Every window has the same horizon, so the mean of the shares is the pooled share.
    return Arrays.stream(coverage).average().orElseThrow();
  }

  private static double[] errors(double[] actual, double[] forecast) {
    double[] errors = new double[actual.length];
    for (int h = 0; h < actual.length; h++) {
      errors[h] = actual[h] - forecast[h];
    }
    return errors;
  }
}
