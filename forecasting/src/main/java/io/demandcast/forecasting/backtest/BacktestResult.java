package io.demandcast.forecasting.backtest;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * The outcome of a rolling-origin backtest of one model on one series.
 *
 * <p>Metrics are averages over the windows where they are defined and NaN when no window defines
 * them; see {@link Backtest#run}. Arrays are copied on construction and by the accessors.
 *
 * @param model the {@link io.demandcast.forecasting.Forecaster#name()} of the model
 * @param origins training length of each window, ascending, length {@code windows}
 * @param forecasts point forecasts {@code [window][step]}, step 0 one period after the origin;
 *     empty ({@code [0][]}) when {@code failure} is set
 * @param actuals observed values {@code [window][step]} aligned with {@code forecasts}; empty when
 *     {@code failure} is set
 * @param mase mean absolute scaled error (M4 definition), dimensionless
 * @param rmsse root mean squared scaled error (M5 definition), dimensionless
 * @param smape symmetric MAPE (M4 definition), in percent
 * @param bias mean of forecast minus actual, units per period
 * @param coverage share of actuals inside the leave-one-window-out p10-p90 band; NaN with one
 *     window
 * @param failure the model's {@link io.demandcast.forecasting.ModelFitException} message, or null
 *     if every window was fitted
 */
public record BacktestResult(
    String model,
    int[] origins,
    double[][] forecasts,
    double[][] actuals,
    double mase,
    double rmsse,
    double smape,
    double bias,
    double coverage,
    String failure)
    implements Serializable {

  /**
   * Copies the arrays and checks that forecasts and actuals have the same shape.
   *
   * @param model the {@code model} component, described on the record
   * @param origins the {@code origins} component, described on the record
   * @param forecasts the {@code forecasts} component, described on the record
   * @param actuals the {@code actuals} component, described on the record
   * @param mase the {@code mase} component, described on the record
   * @param rmsse the {@code rmsse} component, described on the record
   * @param smape the {@code smape} component, described on the record
   * @param bias the {@code bias} component, described on the record
   * @param coverage the {@code coverage} component, described on the record
   * @param failure the {@code failure} component, described on the record
   * @throws NullPointerException if {@code model}, {@code origins}, {@code forecasts} or {@code
   *     actuals} is null
   * @throws IllegalArgumentException if {@code forecasts} and {@code actuals} differ in shape
   */
  public BacktestResult {
    Objects.requireNonNull(model, "model");
    origins = origins.clone();
    forecasts = deepCopy(forecasts);
    actuals = deepCopy(actuals);
    if (forecasts.length != actuals.length) {
      throw new IllegalArgumentException(
          String.format(
              "forecasts has %d windows but actuals has %d", forecasts.length, actuals.length));
    }
    for (int w = 0; w < forecasts.length; w++) {
      if (forecasts[w].length != actuals[w].length) {
        throw new IllegalArgumentException(
            String.format(
                "window %d: %d forecasts but %d actuals",
                w, forecasts[w].length, actuals[w].length));
      }
    }
  }

  /**
   * Returns the training length of each window.
   *
   * @return a copy, ascending
   */
  @Override
  public int[] origins() {
    return origins.clone();
  }

  /**
   * Returns the point forecasts.
   *
   * @return a copy, {@code [window][step]}
   */
  @Override
  public double[][] forecasts() {
    return deepCopy(forecasts);
  }

  /**
   * Returns the observed values.
   *
   * @return a copy, {@code [window][step]}
   */
  @Override
  public double[][] actuals() {
    return deepCopy(actuals);
  }

  /**
   * Tells whether the model failed to fit in some window.
   *
   * @return true if {@link #failure()} is set
   */
  public boolean failed() {
    return failure != null;
  }

  /**
   * Returns the backtest errors used for prediction intervals.
   *
   * @return a new array {@code [window][step]} of {@code actual - forecast}, units per period;
   *     empty when the backtest failed
   */
  public double[][] errors() {
    double[][] errors = new double[forecasts.length][];
    for (int w = 0; w < forecasts.length; w++) {
      errors[w] = new double[forecasts[w].length];
      for (int h = 0; h < errors[w].length; h++) {
        errors[w][h] = actuals[w][h] - forecasts[w][h];
      }
    }
    return errors;
  }

  /**
   * Returns the mean absolute error over all windows and steps.
   *
   * @return the MAE in units per period, NaN when the backtest failed
   */
  public double mae() {
    double sum = 0.0;
    int count = 0;
    for (int w = 0; w < forecasts.length; w++) {
      for (int h = 0; h < forecasts[w].length; h++) {
        sum += Math.abs(actuals[w][h] - forecasts[w][h]);
        count++;
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BacktestResult r
        && model.equals(r.model)
        && Arrays.equals(origins, r.origins)
        && Arrays.deepEquals(forecasts, r.forecasts)
        && Arrays.deepEquals(actuals, r.actuals)
        && Double.compare(mase, r.mase) == 0
        && Double.compare(rmsse, r.rmsse) == 0
        && Double.compare(smape, r.smape) == 0
        && Double.compare(bias, r.bias) == 0
        && Double.compare(coverage, r.coverage) == 0
        && Objects.equals(failure, r.failure);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        model,
        Arrays.hashCode(origins),
        Arrays.deepHashCode(forecasts),
        Arrays.deepHashCode(actuals),
        mase,
        rmsse,
        smape,
        bias,
        coverage,
        failure);
  }

  @Override
  public String toString() {
    return String.format(
        "BacktestResult[model=%s, origins=%s, mase=%s, rmsse=%s, smape=%s, bias=%s, coverage=%s,"
            + " failure=%s]",
        model, Arrays.toString(origins), mase, rmsse, smape, bias, coverage, failure);
  }

  private static double[][] deepCopy(double[][] values) {
    double[][] copy = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      copy[i] = values[i].clone();
    }
    return copy;
  }
}
