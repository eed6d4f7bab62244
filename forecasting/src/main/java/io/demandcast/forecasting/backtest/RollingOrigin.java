package io.demandcast.forecasting.backtest;

import java.io.Serializable;

/**
 * A rolling-origin (time-series cross-validation) evaluation design: {@code windows} forecast
 * origins, {@code step} periods apart, each followed by {@code horizon} held-out periods, with the
 * last window ending at the end of the series.
 *
 * <p>Source: L. J. Tashman, "Out-of-sample tests of forecasting accuracy: an analysis and review",
 * International Journal of Forecasting 16(4), 437-450, 2000.
 *
 * @param windows number of forecast origins, at least 1
 * @param horizon periods forecast from each origin, at least 1
 * @param step periods between consecutive origins, at least 1
 */
public record RollingOrigin(int windows, int horizon, int step) implements Serializable {

  /**
   * Validates the design.
   *
   * @param windows the {@code windows} component, described on the record
   * @param horizon the {@code horizon} component, described on the record
   * @param step the {@code step} component, described on the record
   * @throws IllegalArgumentException if {@code windows}, {@code horizon} or {@code step} is below 1
   */
  public RollingOrigin {
    if (windows < 1) {
      throw new IllegalArgumentException("windows must be at least 1, got " + windows);
    }
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be at least 1, got " + horizon);
    }
    if (step < 1) {
      throw new IllegalArgumentException("step must be at least 1, got " + step);
    }
  }

  /**
   * Returns the series length needed so that the first window trains on {@code minTrain} periods.
   *
   * @param minTrain the fewest training observations wanted in the first window
   * @return {@code minTrain + horizon + (windows - 1) * step}
   */
  public int minLength(int minTrain) {
    return minTrain + horizon + (windows - 1) * step;
  }

  /**
   * Returns the forecast origins as training lengths: window w trains on {@code y[0..origins[w])}
   * and is evaluated on {@code y[origins[w]..origins[w] + horizon)}.
   *
   * @param seriesLength the length n of the whole series
   * @return ascending training lengths {@code n - horizon - (windows - 1 - w) * step} for w = 0..
   *     windows - 1
   * @throws IllegalArgumentException if the first training length is below 1
   */
  public int[] origins(int seriesLength) {
    int[] origins = new int[windows];
    for (int w = 0; w < windows; w++) {
      origins[w] = seriesLength - horizon - (windows - 1 - w) * step;
    }
    if (origins[0] < 1) {
      throw new IllegalArgumentException(
          String.format(
              "series of length %d is too short for %d windows of horizon %d and step %d",
              seriesLength, windows, horizon, step));
    }
    return origins;
  }
}
