package io.demandcast.forecasting;

import io.demandcast.forecasting.backtest.RollingOrigin;
import java.io.Serializable;
import java.util.Objects;

/**
 * Settings of a {@link ModelSelection}.
 *
 * @param seasonalPeriod season length m in periods (12 for monthly data with a yearly cycle, 52 for
 *     weekly, 1 for no seasonality), at least 1; scales MASE in the backtest
 * @param horizon periods to forecast, at least 1
 * @param backtest the rolling-origin design used to compare candidates and to estimate empirical
 *     interval widths; its horizon must be at least {@code horizon}. Short series use fewer windows
 *     (see {@link ModelSelection})
 * @param metric the backtest error measure candidates are ranked by
 * @param combination whether and how the best candidates' forecasts are combined
 * @param combineTop how many of the best-ranked candidates a combination uses, at least 2
 * @param seasonality every seasonal period of the demand calendar (for example 7 and 365.25 for
 *     daily data), for the candidates that model several; its {@link Seasonality#primary()} is
 *     {@code seasonalPeriod}
 */
public record SelectionOptions(
    int seasonalPeriod,
    int horizon,
    RollingOrigin backtest,
    Metric metric,
    Combination combination,
    int combineTop,
    Seasonality seasonality)
    implements Serializable {

  /** The backtest error measure that ranks the candidates (lower is better). */
  public enum Metric {
    /** Mean absolute scaled error (Hyndman and Koehler 2006), scale-free, robust to outliers. */
    MASE,
    /**
     * Root mean squared scaled error (M5): rewards the unbiased mean that stock levels need, the
     * right choice for intermittent demand where MASE favours forecasts of zero.
     */
    RMSSE,
    /** Symmetric MAPE in percent (M4 definition). */
    SMAPE
  }

  /** How the best candidates are combined. */
  public enum Combination {
    /** The best single candidate is used. */
    NONE,
    /** The step-wise median of the top candidates' forecasts. */
    MEDIAN,
    /** The step-wise mean of the top candidates' forecasts. */
    MEAN,
    /** The step-wise mean without the highest and the lowest forecast (needs 3 or more). */
    TRIMMED_MEAN,
    /**
     * The combination ({@link #MEDIAN}) competes in the backtest as one more candidate and is used
     * only when it scores better than the best single one.
     */
    AUTO,
    /**
     * Forecast pooling: the pools of the best one, two, ... {@code combineTop} candidates (ranked
     * by backtest score; baselines are eligible too) each compete in the backtest, a pool of two
     * or more as the step-wise mean of its members' backtest forecasts, and the pool with the
     * lowest backtest score forecasts (see {@link ModelSelection}).
     */
    POOL,
    /**
     * Inverse-error weights (the default of {@link ModelSelection#defaults}): for a smooth series
     * every candidate with a backtest score, the baselines included, weighted by one over its
     * squared score; for an intermittent series the step-wise mean of the best {@code combineTop}
     * candidates, baselines excluded (see {@link ModelSelection}).
     */
    WEIGHTED
  }

  /**
   * Validates the settings.
   *
   * @param seasonalPeriod the {@code seasonalPeriod} component, described on the record
   * @param horizon the {@code horizon} component, described on the record
   * @param backtest the {@code backtest} component, described on the record
   * @param metric the {@code metric} component, described on the record
   * @param combination the {@code combination} component, described on the record
   * @param combineTop the {@code combineTop} component, described on the record
   * @param seasonality the {@code seasonality} component, described on the record
   * @throws NullPointerException if {@code backtest}, {@code metric}, {@code combination} or {@code
   *     seasonality} is null
   * @throws IllegalArgumentException if {@code seasonalPeriod < 1}, {@code horizon < 1}, the
   *     backtest horizon is shorter than {@code horizon}, {@code combineTop < 2} or the
   *     seasonality's primary period is not {@code seasonalPeriod}
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
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(combination, "combination");
    if (backtest.horizon() < horizon) {
      throw new IllegalArgumentException(
          String.format(
              "backtest horizon %d is shorter than the forecast horizon %d",
              backtest.horizon(), horizon));
    }
    if (combineTop < 2) {
      throw new IllegalArgumentException("combineTop must be at least 2, got " + combineTop);
    }
    Objects.requireNonNull(seasonality, "seasonality");
    if (seasonality.primary() != seasonalPeriod) {
      throw new IllegalArgumentException(
          String.format(
              "the primary seasonal period of %s is %d, not the seasonal period %d",
              seasonality, seasonality.primary(), seasonalPeriod));
    }
  }

  /**
   * Settings with one seasonal period.
   *
   * @param seasonalPeriod season length m, at least 1
   * @param horizon periods to forecast, at least 1
   * @param backtest the rolling-origin design
   * @param metric the ranking metric
   * @param combination the combination rule
   * @param combineTop how many of the best candidates a combination uses, at least 2
   * @throws NullPointerException if {@code backtest}, {@code metric} or {@code combination} is null
   * @throws IllegalArgumentException as for the canonical constructor
   */
  public SelectionOptions(
      int seasonalPeriod,
      int horizon,
      RollingOrigin backtest,
      Metric metric,
      Combination combination,
      int combineTop) {
    this(
        seasonalPeriod,
        horizon,
        backtest,
        metric,
        combination,
        combineTop,
        Seasonality.single(Math.max(1, seasonalPeriod)));
  }

  /**
   * Settings that rank by MASE and use the best single candidate.
   *
   * @param seasonalPeriod season length m, at least 1
   * @param horizon periods to forecast, at least 1
   * @param backtest the rolling-origin design
   * @throws NullPointerException if {@code backtest} is null
   * @throws IllegalArgumentException as for the canonical constructor
   */
  public SelectionOptions(int seasonalPeriod, int horizon, RollingOrigin backtest) {
    this(seasonalPeriod, horizon, backtest, Metric.MASE, Combination.NONE, 3);
  }

  /**
   * Returns these settings with another ranking metric.
   *
   * @param newMetric the metric
   * @return a copy
   */
  public SelectionOptions withMetric(Metric newMetric) {
    return new SelectionOptions(
        seasonalPeriod, horizon, backtest, newMetric, combination, combineTop, seasonality);
  }

  /**
   * Returns these settings with another combination rule.
   *
   * @param newCombination the rule
   * @param top how many of the best candidates to combine, at least 2
   * @return a copy
   */
  public SelectionOptions withCombination(Combination newCombination, int top) {
    return new SelectionOptions(
        seasonalPeriod, horizon, backtest, metric, newCombination, top, seasonality);
  }

  /**
   * Returns these settings with every seasonal period of the calendar.
   *
   * @param newSeasonality the periods; its primary period must be {@link #seasonalPeriod()}
   * @return a copy
   * @throws IllegalArgumentException if the primary period differs
   */
  public SelectionOptions withSeasonality(Seasonality newSeasonality) {
    return new SelectionOptions(
        seasonalPeriod, horizon, backtest, metric, combination, combineTop, newSeasonality);
  }
}
