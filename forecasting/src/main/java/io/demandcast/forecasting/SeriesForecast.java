package io.demandcast.forecasting;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The forecast of one series by the model a {@link ModelSelection} chose.
 *
 * <p>All arrays have length {@code horizon}; element 0 is one period after the end of the history.
 * Values are in units per period and satisfy {@code 0 <= p10[h] <= p50[h] <= p90[h]} and {@code
 * mean[h] >= 0}. Arrays are copied on construction and by the accessors.
 *
 * @param model the chosen {@link Forecaster#name()}
 * @param mean point forecast
 * @param p10 10% quantile forecast
 * @param p50 median forecast
 * @param p90 90% quantile forecast
 * @param sd the standard deviation of the forecast error in each period ahead, units per period:
 *     the square root of the chosen model's own variance when it has one, else the backtest scale
 *     {@link Intervals#sigma} (non-decreasing); inventory policies use it under the normal
 *     approximation
 * @param parameters the chosen model's fitted parameters, unmodifiable, in insertion order
 * @param accuracy one entry per candidate in candidate order, exactly one of them selected;
 *     unmodifiable
 * @param provenance what produced this forecast: the chosen model's full spec, the training
 *     window and how the quantiles were made
 * @param backtestErrors the chosen model's (or combination's) rolling-origin errors {@code
 *     [window][step]}, actual minus forecast in units per period, behind empirical quantiles; may
 *     be empty when the model's own variance gives the quantiles
 * @param components the mean split into additive parts that add up to it step by step: each
 *     member's own components ({@link FittedForecaster#components}, or its whole forecast as
 *     {@link ForecastComponents#FORECAST}) times its weight, named {@code <member>.<component>}
 *     ({@code ets.level}, {@code theta.season}, for a single model its weight 1), with the
 *     members' weights per step in {@link ForecastComponents#weights()}, and {@link
 *     ForecastComponents#FLOOR_AT_ZERO} where the clamp at 0 lifted the mean; {@link
 *     ForecastComponents#none()} when unknown
 */
public record SeriesForecast(
    String model,
    double[] mean,
    double[] p10,
    double[] p50,
    double[] p90,
    double[] sd,
    Map<String, Double> parameters,
    List<ModelAccuracy> accuracy,
    Provenance provenance,
    double[][] backtestErrors,
    ForecastComponents components)
    implements Serializable {

  /** Quantiles from the chosen model's own forecast-error variance (normal). */
  public static final String MODEL_INTERVALS = "model";

  /** Quantiles from the empirical distribution of rolling-origin errors per horizon. */
  public static final String EMPIRICAL_INTERVALS = "empirical";

  /**
   * Where a forecast comes from.
   *
   * @param spec the chosen method's {@link Forecaster#spec()} (all settings, seed included), or the
   *     combination rule with the specs it combined
   * @param trainingLength the number of periods the final model was fitted on: the whole history
   *     given to {@link ModelSelection#forecast}, periods 0..trainingLength-1
   * @param intervals {@link #MODEL_INTERVALS} or {@link #EMPIRICAL_INTERVALS}
   * @param backtestWindows how many rolling-origin windows the ranking used, 0 when the series was
   *     too short to backtest and the fallback model was used
   */
  public record Provenance(String spec, int trainingLength, String intervals, int backtestWindows)
      implements Serializable {

    /**
     * Checks the components.
     *
     * @param spec the {@code spec} component, described on the record
     * @param trainingLength the {@code trainingLength} component, described on the record
     * @param intervals the {@code intervals} component, described on the record
     * @param backtestWindows the {@code backtestWindows} component, described on the record
     * @throws NullPointerException if {@code spec} or {@code intervals} is null
     * @throws IllegalArgumentException if a count is negative
     */
    public Provenance {
      Objects.requireNonNull(spec, "spec");
      Objects.requireNonNull(intervals, "intervals");
      if (trainingLength < 0 || backtestWindows < 0) {
        throw new IllegalArgumentException(
            "trainingLength and backtestWindows must be non-negative");
      }
    }
  }

  /**
   * Copies the arrays, map and list and checks that the arrays have the same length.
   *
   * @param model the {@code model} component, described on the record
   * @param mean the {@code mean} component, described on the record
   * @param p10 the {@code p10} component, described on the record
   * @param p50 the {@code p50} component, described on the record
   * @param p90 the {@code p90} component, described on the record
   * @param parameters the {@code parameters} component, described on the record
   * @param accuracy the {@code accuracy} component, described on the record
   * @param provenance the {@code provenance} component, described on the record
   * @param backtestErrors the {@code backtestErrors} component, described on the record
   * @param components the {@code components} component, described on the record
   * @throws NullPointerException if any component is null
   * @throws IllegalArgumentException if the arrays differ in length, or the components have
   *     another horizon
   */
  public SeriesForecast {
    Objects.requireNonNull(model, "model");
    mean = mean.clone();
    p10 = p10.clone();
    p50 = p50.clone();
    p90 = p90.clone();
    sd = sd.clone();
    if (p10.length != mean.length
        || p50.length != mean.length
        || p90.length != mean.length
        || sd.length != mean.length) {
      throw new IllegalArgumentException(
          String.format(
              "lengths differ: mean %d, p10 %d, p50 %d, p90 %d, sd %d",
              mean.length, p10.length, p50.length, p90.length, sd.length));
    }
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    accuracy = List.copyOf(accuracy);
    Objects.requireNonNull(provenance, "provenance");
    backtestErrors = copy(backtestErrors);
    Objects.requireNonNull(components, "components");
    if (!components.isEmpty() && components.horizon() != mean.length) {
      throw new IllegalArgumentException(
          String.format(
              "components have horizon %d, the mean %d", components.horizon(), mean.length));
    }
  }

  /**
   * Returns the q quantile forecast for any level, by the same rule that made p10/p50/p90: {@link
   * Intervals#normal} with {@link #sd()} when {@code provenance().intervals()} is {@link
   * #MODEL_INTERVALS}, else {@link Intervals#empirical} over {@link #backtestErrors()}.
   *
   * @param q the quantile level, in (0, 1)
   * @return a new array of the horizon's length, units per period, at least 0
   * @throws IllegalArgumentException if {@code q} is outside (0, 1)
   */
  public double[] quantile(double q) {
    if (provenance.intervals().equals(MODEL_INTERVALS) || backtestErrors.length == 0) {
      double[] variance = new double[sd.length];
      for (int h = 0; h < sd.length; h++) {
        variance[h] = sd[h] * sd[h];
      }
      return Intervals.normal(mean, variance, q);
    }
    return Intervals.empirical(mean, backtestErrors, q);
  }

  /**
   * Returns the backtest errors behind empirical quantiles.
   *
   * @return a deep copy, {@code [window][step]}
   */
  @Override
  public double[][] backtestErrors() {
    return copy(backtestErrors);
  }

  private static double[][] copy(double[][] rows) {
    double[][] copy = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      copy[i] = rows[i].clone();
    }
    return copy;
  }

  /**
   * Returns the point forecast.
   *
   * @return a copy, units per period, element 0 one period ahead
   */
  @Override
  public double[] mean() {
    return mean.clone();
  }

  /**
   * Returns the 10% quantile forecast.
   *
   * @return a copy, units per period, element 0 one period ahead
   */
  @Override
  public double[] p10() {
    return p10.clone();
  }

  /**
   * Returns the median forecast.
   *
   * @return a copy, units per period, element 0 one period ahead
   */
  @Override
  public double[] p50() {
    return p50.clone();
  }

  /**
   * Returns the 90% quantile forecast.
   *
   * @return a copy, units per period, element 0 one period ahead
   */
  @Override
  public double[] p90() {
    return p90.clone();
  }

  /**
   * Returns the forecast error scale per step.
   *
   * @return a copy, units per period, element 0 one period ahead
   */
  @Override
  public double[] sd() {
    return sd.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SeriesForecast f
        && model.equals(f.model)
        && Arrays.equals(mean, f.mean)
        && Arrays.equals(p10, f.p10)
        && Arrays.equals(p50, f.p50)
        && Arrays.equals(p90, f.p90)
        && Arrays.equals(sd, f.sd)
        && parameters.equals(f.parameters)
        && accuracy.equals(f.accuracy)
        && provenance.equals(f.provenance)
        && Arrays.deepEquals(backtestErrors, f.backtestErrors)
        && components.equals(f.components);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        model,
        Arrays.hashCode(mean),
        Arrays.hashCode(p10),
        Arrays.hashCode(p50),
        Arrays.hashCode(p90),
        Arrays.hashCode(sd),
        parameters,
        accuracy,
        provenance,
        Arrays.deepHashCode(backtestErrors),
        components);
  }

  @Override
  public String toString() {
    return String.format(
        "SeriesForecast[model=%s, mean=%s, p10=%s, p50=%s, p90=%s, sd=%s, parameters=%s,"
            + " accuracy=%s, provenance=%s, components=%s]",
        model,
        Arrays.toString(mean),
        Arrays.toString(p10),
        Arrays.toString(p50),
        Arrays.toString(p90),
        Arrays.toString(sd),
        parameters,
        accuracy,
        provenance,
        components);
  }
}
