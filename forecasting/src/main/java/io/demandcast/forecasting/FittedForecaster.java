package io.demandcast.forecasting;

import java.util.Map;
import java.util.Optional;

/**
 * A model fitted to one series by a {@link Forecaster}. Instances are immutable and thread-safe.
 */
public interface FittedForecaster {

  /**
   * Returns the id of the method that produced this model.
   *
   * @return the producing {@link Forecaster#name()}
   */
  String model();

  /**
   * Forecasts the periods after the end of the fitted history.
   *
   * @param horizon number of periods to forecast, at least 1
   * @return a new array of length {@code horizon} in units per period; element 0 is one period
   *     ahead of the last observation, element {@code horizon - 1} is {@code horizon} periods ahead
   * @throws IllegalArgumentException if {@code horizon < 1}
   * @throws ModelFitException if the fitted model produces a non-finite forecast
   */
  double[] forecast(int horizon);

  /**
   * Returns the fitted parameters for provenance, for example {@code "alpha"}, {@code "order"} or
   * {@code "lambda"}.
   *
   * @return an unmodifiable map, iterated in insertion order
   */
  Map<String, Double> parameters();

  /**
   * Returns the variance of the forecast error at each step from the model's own stochastic
   * specification (for example the state-space ETS variance, Hyndman et al. 2008, chapter 6), when
   * the model has one.
   *
   * @param horizon number of periods, at least 1
   * @return a new array of length {@code horizon} in (units per period)², element 0 one period
   *     ahead, non-negative; or empty when the model defines no error distribution, in which case
   *     callers use empirical quantiles of backtest errors
   * @throws IllegalArgumentException if {@code horizon < 1}
   */
  default Optional<double[]> forecastVariance(int horizon) {
    Histories.requireHorizon(horizon);
    return Optional.empty();
  }

  /**
   * Splits the forecast into the model's additive components (level, trend, each seasonal period,
   * or each feature's contribution), when the model has them.
   *
   * <p>The components add up to {@link #forecast(int)} step by step, to rounding (1e-9 relative to
   * the forecast's scale): a multiplicative form is split exactly, its seasonal part being, for
   * example, {@code (l + phi b)(s - 1)} beside the level and trend.
   *
   * @param horizon number of periods, at least 1
   * @return the components, each of length {@code horizon} in units per period; or empty when the
   *     model has no decomposition, in which case callers treat the whole forecast as one
   *     component ({@link ForecastComponents#FORECAST})
   * @throws IllegalArgumentException if {@code horizon < 1}
   * @throws ModelFitException if the fitted model produces a non-finite forecast
   */
  default Optional<ForecastComponents> components(int horizon) {
    Histories.requireHorizon(horizon);
    return Optional.empty();
  }
}
