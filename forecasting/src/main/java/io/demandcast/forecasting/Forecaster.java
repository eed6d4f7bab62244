package io.demandcast.forecasting;

/**
 * A forecasting method: turns a history of demand (units per period) into a {@link
 * FittedForecaster}.
 *
 * <p>Implementations are immutable, thread-safe and {@link java.io.Serializable}, because they are
 * shipped inside Apache Beam {@code DoFn}s and used concurrently by many bundles.
 */
public interface Forecaster extends java.io.Serializable {

  /**
   * Returns the stable identifier of this method, written to warehouse tables.
   *
   * @return a snake_case id such as {@code "seasonal_naive"}; never changes between releases
   */
  String name();

  /**
   * Returns the fewest observations {@link #fit(double[])} accepts.
   *
   * @return the minimum history length, at least 1
   */
  int minHistory();

  /**
   * Fits this method to one series.
   *
   * @param history one value per period (units per period), oldest first, all finite, length at
   *     least {@link #minHistory()}; not mutated and not retained (the fitted model keeps a copy)
   * @return the fitted model
   * @throws IllegalArgumentException if {@code history} is null, shorter than {@link #minHistory()}
   *     or contains a non-finite value; the message names the problem and the length
   * @throws ModelFitException if the model cannot be fitted to this data (for example an
   *     autoregression on a constant series)
   */
  FittedForecaster fit(double[] history);

  /**
   * Returns the full specification of this method for provenance: its name and every setting that
   * changes its output (seasonal period, fixed parameters, grid, random seed), for example {@code
   * "ets(auto, m=12, damped=auto)"}. Two methods with the same spec produce the same forecasts
   * from the same history.
   *
   * @return a single-line description, by default {@link #name()}
   */
  default String spec() {
    return name();
  }

  /**
   * Returns the method to refit in the rolling-origin backtest windows of a series this method has
   * already been fitted to. By default this method itself: everything is chosen and estimated
   * again in every window. A method that first chooses a structure (the ETS form, the ARIMA
   * orders) may instead return that structure with its parameters re-estimated per window, which
   * costs a fraction of the full search; the structure was then chosen on the whole history, a
   * mild optimism in its backtest score that {@link ModelSelection} accepts for speed.
   *
   * @param fitted this method's fit to the whole history of the series
   * @return the forecaster to fit in each backtest window
   */
  default Forecaster forBacktest(FittedForecaster fitted) {
    return this;
  }

  /**
   * Returns a forecaster for backtest windows that reuses every estimate of {@code fitted}
   * (structure, parameters, initial state, seasonal indices) and only re-runs the model's filter
   * over each window's training prefix, so a window costs one pass over the data instead of an
   * estimation. By default {@link #forBacktest}: a method without a cheap filter refits as usual.
   *
   * <p>The trade-off: the estimates have seen the windows' test periods, so the backtest forecasts
   * are in-sample multi-step forecasts, not true out-of-sample ones, and the backtest scores are
   * optimistic (more so for models with many parameters or short histories).
   *
   * @param fitted this method's fit to the whole history of the series
   * @return the forecaster to fit in each backtest window; its {@link #fit} expects a prefix of
   *     that history, starting at the same first period (seasonal estimates are aligned by period
   *     index)
   */
  default Forecaster refiltered(FittedForecaster fitted) {
    return forBacktest(fitted);
  }
}
