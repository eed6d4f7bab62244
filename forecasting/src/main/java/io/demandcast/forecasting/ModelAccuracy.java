package io.demandcast.forecasting;

import java.io.Serializable;
import java.util.Objects;

/**
 * Backtest accuracy of one candidate in a {@link ModelSelection}, as written to the warehouse.
 *
 * @param model the candidate's {@link Forecaster#name()}
 * @param mase mean absolute scaled error (M4 definition), dimensionless; NaN if undefined or failed
 * @param rmsse root mean squared scaled error (M5 definition), dimensionless; NaN if undefined or
 *     failed
 * @param smape symmetric MAPE (M4 definition), in percent; NaN if failed
 * @param bias mean of forecast minus actual, units per period; NaN if failed
 * @param coverage share of backtest actuals inside the leave-one-window-out p10-p90 band; NaN with
 *     one window or if failed
 * @param windows number of backtest windows evaluated; 0 if the backtest failed
 * @param selected true for exactly one candidate per {@link SeriesForecast}: the model used
 * @param failure why the candidate could not be used, or null
 */
public record ModelAccuracy(
    String model,
    double mase,
    double rmsse,
    double smape,
    double bias,
    double coverage,
    int windows,
    boolean selected,
    String failure)
    implements Serializable {

  /**
   * Validates the entry.
   *
   * @param model the {@code model} component, described on the record
   * @param mase the {@code mase} component, described on the record
   * @param rmsse the {@code rmsse} component, described on the record
   * @param smape the {@code smape} component, described on the record
   * @param bias the {@code bias} component, described on the record
   * @param coverage the {@code coverage} component, described on the record
   * @param windows the {@code windows} component, described on the record
   * @param selected the {@code selected} component, described on the record
   * @param failure the {@code failure} component, described on the record
   * @throws NullPointerException if {@code model} is null
   * @throws IllegalArgumentException if {@code windows < 0} or a selected entry has a failure
   */
  public ModelAccuracy {
    Objects.requireNonNull(model, "model");
    if (windows < 0) {
      throw new IllegalArgumentException("windows must be at least 0, got " + windows);
    }
    if (selected && failure != null) {
      throw new IllegalArgumentException(model + ": a failed candidate cannot be selected");
    }
  }
}
