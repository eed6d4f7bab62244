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
 * @param sd the forecast error scale per step behind the quantiles, {@link Intervals#sigma}: the
 *     standard deviation of demand in each period ahead under the normal approximation, units per
 *     period, non-decreasing
 * @param parameters the chosen model's fitted parameters, unmodifiable, in insertion order
 * @param accuracy one entry per candidate in candidate order, exactly one of them selected;
 *     unmodifiable
 */
public record SeriesForecast(
    String model,
    double[] mean,
    double[] p10,
    double[] p50,
    double[] p90,
    double[] sd,
    Map<String, Double> parameters,
    List<ModelAccuracy> accuracy)
    implements Serializable {

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
   * @throws NullPointerException if any component is null
   * @throws IllegalArgumentException if the arrays differ in length
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
        && accuracy.equals(f.accuracy);
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
        accuracy);
  }

  @Override
  public String toString() {
    return String.format(
        "SeriesForecast[model=%s, mean=%s, p10=%s, p50=%s, p90=%s, sd=%s, parameters=%s,"
            + " accuracy=%s]",
        model,
        Arrays.toString(mean),
        Arrays.toString(p10),
        Arrays.toString(p50),
        Arrays.toString(p90),
        Arrays.toString(sd),
        parameters,
        accuracy);
  }
}
