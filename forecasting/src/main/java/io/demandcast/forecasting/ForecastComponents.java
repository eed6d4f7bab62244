package io.demandcast.forecasting;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A forecast split into additive components: named series of the horizon's length, in units per
 * period, whose step-by-step sum is the forecast. Immutable, thread-safe and {@link Serializable}.
 *
 * <p>A model's own components ({@link FittedForecaster#components}) carry names such as {@code
 * level}, {@code trend}, {@code season} or {@code season_7}, and no weights. The components of a
 * {@link SeriesForecast} name the member that made them, {@code <member>.<component>} (for
 * example {@code ets.level}, {@code theta.season}), each already multiplied by the member's weight
 * in the combination, which {@link #weights()} gives per member and step (1 for a single model),
 * plus {@value #FLOOR_AT_ZERO} where the selection clamped a negative forecast at 0.
 */
public final class ForecastComponents implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * The component that lifts a negative forecast to 0 where demand cannot be negative: 0 where
   * nothing was clamped, else minus the sum of the other components.
   */
  public static final String FLOOR_AT_ZERO = "floor_at_zero";

  /** The component of a model that has no decomposition of its own: its whole forecast. */
  public static final String FORECAST = "forecast";

  /** Between a member's name and its component's in a {@link SeriesForecast}'s components. */
  public static final char SEPARATOR = '.';

  private static final ForecastComponents NONE =
      new ForecastComponents(0, new LinkedHashMap<>(), new LinkedHashMap<>());

  private final int horizon;
  private final LinkedHashMap<String, double[]> values;
  private final LinkedHashMap<String, double[]> weights;

  private ForecastComponents(
      int horizon, LinkedHashMap<String, double[]> values, LinkedHashMap<String, double[]> weights) {
    this.horizon = horizon;
    this.values = values;
    this.weights = weights;
  }

  /**
   * Returns the components of no forecast (horizon 0, no component).
   *
   * @return the empty instance
   */
  public static ForecastComponents none() {
    return NONE;
  }

  /**
   * Starts the components of a forecast.
   *
   * @param horizon the forecast's length, at least 1
   * @return a builder
   * @throws IllegalArgumentException if {@code horizon < 1}
   */
  public static Builder builder(int horizon) {
    Histories.requireHorizon(horizon);
    return new Builder(horizon);
  }

  /**
   * Returns one component holding a whole forecast.
   *
   * @param name the component's name
   * @param values the forecast, units per period; copied
   * @return the components
   * @throws IllegalArgumentException if {@code values} is empty or holds a non-finite value
   */
  public static ForecastComponents single(String name, double[] values) {
    return builder(values.length).add(name, values).build();
  }

  /** Collects components in order; not thread-safe. */
  public static final class Builder {
    private final int horizon;
    private final LinkedHashMap<String, double[]> values = new LinkedHashMap<>();
    private final LinkedHashMap<String, double[]> weights = new LinkedHashMap<>();

    private Builder(int horizon) {
      this.horizon = horizon;
    }

    /**
     * Adds a component.
     *
     * @param name its name, not yet added
     * @param series one value per step, units per period, finite; copied
     * @return this builder
     * @throws IllegalArgumentException if the name was added before, the length is not the
     *     horizon or a value is not finite
     */
    public Builder add(String name, double[] series) {
      Objects.requireNonNull(name, "name");
      if (values.containsKey(name)) {
        throw new IllegalArgumentException("component " + name + " added twice");
      }
      values.put(name, checked(name, series));
      return this;
    }

    /**
     * Adds to a component, creating it at 0 when missing.
     *
     * @param name its name
     * @param series one value per step to add, units per period, finite
     * @return this builder
     * @throws IllegalArgumentException if the length is not the horizon or a value is not finite
     */
    public Builder addTo(String name, double[] series) {
      double[] checked = checked(name, series);
      double[] sum = values.computeIfAbsent(name, n -> new double[horizon]);
      for (int h = 0; h < horizon; h++) {
        sum[h] += checked[h];
      }
      return this;
    }

    /**
     * Records the weight of a member of a combination per step.
     *
     * @param member the member's name, not yet recorded
     * @param weight one weight per step, finite; copied
     * @return this builder
     * @throws IllegalArgumentException if the member was recorded before, the length is not the
     *     horizon or a weight is not finite
     */
    public Builder weight(String member, double[] weight) {
      Objects.requireNonNull(member, "member");
      if (weights.containsKey(member)) {
        throw new IllegalArgumentException("weight of " + member + " recorded twice");
      }
      weights.put(member, checked(member, weight));
      return this;
    }

    private double[] checked(String name, double[] series) {
      if (series.length != horizon) {
        throw new IllegalArgumentException(
            String.format(
                "component %s has %d values, the horizon is %d", name, series.length, horizon));
      }
      for (int h = 0; h < horizon; h++) {
        if (!Double.isFinite(series[h])) {
          throw new IllegalArgumentException(
              String.format("component %s is not finite at step %d: %s", name, h + 1, series[h]));
        }
      }
      return series.clone();
    }

    /**
     * Returns the components added.
     *
     * @return the components, in the order added
     */
    public ForecastComponents build() {
      LinkedHashMap<String, double[]> v = new LinkedHashMap<>();
      values.forEach((name, series) -> v.put(name, series.clone()));
      LinkedHashMap<String, double[]> w = new LinkedHashMap<>();
      weights.forEach((name, series) -> w.put(name, series.clone()));
      return new ForecastComponents(horizon, v, w);
    }
  }

  /**
   * Returns the number of steps.
   *
   * @return the horizon; 0 for {@link #none()}
   */
  public int horizon() {
    return horizon;
  }

  /**
   * Returns whether there is no component.
   *
   * @return true for {@link #none()}
   */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /**
   * Returns the components' names.
   *
   * @return an unmodifiable list in insertion order
   */
  public List<String> names() {
    return Collections.unmodifiableList(new ArrayList<>(values.keySet()));
  }

  /**
   * Returns one component.
   *
   * @param name its name
   * @return a copy of its values, units per period, or null when there is no such component
   */
  public double[] get(String name) {
    double[] series = values.get(name);
    return series == null ? null : series.clone();
  }

  /**
   * Returns every component.
   *
   * @return a new insertion-ordered map of copies, units per period
   */
  public Map<String, double[]> values() {
    Map<String, double[]> copy = new LinkedHashMap<>();
    values.forEach((name, series) -> copy.put(name, series.clone()));
    return copy;
  }

  /**
   * Returns the weight of each member of a combination per step; for a single model its weight
   * 1; empty for a model's own components.
   *
   * @return a new insertion-ordered map of copies
   */
  public Map<String, double[]> weights() {
    Map<String, double[]> copy = new LinkedHashMap<>();
    weights.forEach((name, series) -> copy.put(name, series.clone()));
    return copy;
  }

  /**
   * Returns the sum of the components step by step: the forecast they explain.
   *
   * @return a new array of length {@link #horizon()}, units per period
   */
  public double[] total() {
    double[] total = new double[horizon];
    for (double[] series : values.values()) {
      for (int h = 0; h < horizon; h++) {
        total[h] += series[h];
      }
    }
    return total;
  }

  /**
   * Returns the member of a combined component's name: the part before the first {@link
   * #SEPARATOR}.
   *
   * @param name a component's name
   * @return the member, or null when the name has no separator ({@value #FLOOR_AT_ZERO})
   */
  public static String member(String name) {
    int dot = name.indexOf(SEPARATOR);
    return dot < 0 ? null : name.substring(0, dot);
  }

  /**
   * Returns the component of a combined component's name: the part after the first {@link
   * #SEPARATOR}.
   *
   * @param name a component's name
   * @return the component, or the whole name when it has no separator
   */
  public static String component(String name) {
    int dot = name.indexOf(SEPARATOR);
    return dot < 0 ? name : name.substring(dot + 1);
  }

  /**
   * Names a seasonal component after its period: {@code season_7}, {@code season_52.18}, {@code
   * season_365.25}.
   *
   * @param period the seasonal period, in periods
   * @return the name, without trailing zeros
   */
  public static String seasonName(double period) {
    return "season_" + java.math.BigDecimal.valueOf(period).stripTrailingZeros().toPlainString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ForecastComponents c
        && horizon == c.horizon
        && sameEntries(values, c.values)
        && sameEntries(weights, c.weights);
  }

  private static boolean sameEntries(Map<String, double[]> a, Map<String, double[]> b) {
    if (!new ArrayList<>(a.keySet()).equals(new ArrayList<>(b.keySet()))) {
      return false;
    }
    for (Map.Entry<String, double[]> e : a.entrySet()) {
      if (!Arrays.equals(e.getValue(), b.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int hash = horizon;
    for (Map.Entry<String, double[]> e : values.entrySet()) {
      hash = 31 * hash + e.getKey().hashCode() * 17 + Arrays.hashCode(e.getValue());
    }
    for (Map.Entry<String, double[]> e : weights.entrySet()) {
      hash = 31 * hash + e.getKey().hashCode() * 13 + Arrays.hashCode(e.getValue());
    }
    return hash;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("ForecastComponents[");
    values.forEach((name, series) -> s.append(name).append('=').append(Arrays.toString(series))
        .append(", "));
    weights.forEach((name, series) -> s.append("weight ").append(name).append('=')
        .append(Arrays.toString(series)).append(", "));
    if (s.charAt(s.length() - 1) == ' ') {
      s.setLength(s.length() - 2);
    }
    return s.append(']').toString();
  }
}
