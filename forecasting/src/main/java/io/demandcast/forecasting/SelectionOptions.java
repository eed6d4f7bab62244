package io.demandcast.forecasting;

import io.demandcast.forecasting.backtest.RollingOrigin;
import java.io.Serializable;
import java.util.Objects;

/**
 * Settings of a {@link ModelSelection}.
 *
 * @param seasonalPeriod season length m in periods (12 for monthly data with a yearly cycle, 1 for
 *     no seasonality), at least 1; scales MASE and sets the minimum history of {@code 2m}
 * @param horizon periods to forecast, at least 1
 * @param backtest the rolling-origin design used to compare candidates and to estimate interval
 *     widths; its horizon must be at least {@code horizon}
 */
public record SelectionOptions(int seasonalPeriod, int horizon, RollingOrigin backtest)
    implements Serializable {

  /**
   * Validates the settings.
   *
   * @param seasonalPeriod the {@code seasonalPeriod} component, described on the record
   * @param horizon the {@code horizon} component, described on the record
   * @param backtest the {@code backtest} component, described on the record
   * @throws NullPointerException if {@code backtest} is null
   * @throws IllegalArgumentException if {@code seasonalPeriod < 1}, {@code horizon < 1} or the
   *     backtest horizon is shorter than {@code horizon}
   */
  public SelectionOptions {
    if (seasonalPeriod < 1) {
      throw new IllegalArgumentException(
          "seasonalPeriod must be at least 1, got " + seasonalPeriod);
    }
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be at least 1, got " + horizon);
    }
    Objects.requireNonNull(backtest, "backtest");
    if (backtest.horizon() < horizon) {
      throw new IllegalArgumentException(
          String.format(
              "backtest horizon %d is shorter than the forecast horizon %d",
              backtest.horizon(), horizon));
    }
  }
}
