package io.demandcast.forecasting.models;

import io.demandcast.forecasting.FittedForecaster;
import io.demandcast.forecasting.ForecastComponents;
import io.demandcast.forecasting.Forecaster;
import io.demandcast.forecasting.Histories;
import io.demandcast.forecasting.ModelFitException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Croston's method for intermittent demand, classic or with the Syntetos-Boylan approximation
 * (SBA) bias correction, with fixed or optimised smoothing constants.
 *
 * <p>Periods with a positive value are demand occurrences. The demand sizes {@code z} (units) and
 * the intervals between occurrences {@code p} (periods) are smoothed separately by simple
 * exponential smoothing, updated only in periods with demand: at an occurrence in 0-based period
 * {@code t} with the previous one in period {@code s}, {@code z += alpha * (y[t] - z)} and {@code p
 * += beta * ((t - s) - p)}, where {@code alpha} is the size and {@code beta} the interval
 * smoothing constant. The flat forecast for every horizon, in units per period, is {@code z / p}
 * (classic) or {@code (1 - beta / 2) * z / p} (SBA).
 *
 * <p>Initialisation: {@code z} starts at the first demand and {@code p} at the first interval
 * counted from the start of the history, i.e. the 1-based position of the first demand. This is
 * the initialisation of R's {@code forecast::croston} (simple exponential smoothing of the sizes
 * and of the intervals, each started at its first value), which the tests reproduce. A history
 * without demand forecasts 0.
 *
 * <p>Optimisation ({@link #optimized}): {@code alpha} and {@code beta}, separately or tied, are
 * chosen in {@code [0.01, 1]} to minimise an {@link IntermittentCost} of the in-sample one-step
 * forecasts over the periods after the first demand, by a grid and a compass search. When that
 * cost is undefined (no period after the first demand) both constants are 0.1, Croston's own
 * recommendation. The default is {@link IntermittentCost#MSE} with separate constants. Kourentzes
 * (2014) found separate constants better and recommends the rate-based costs MAR and MSR, which
 * stay available; MSE is the default because it scored better on the carparts series
 * (docs/benchmarks.md).
 *
 * <p>Sources: J. D. Croston, "Forecasting and stock control for intermittent demands", Operational
 * Research Quarterly 23(3), 289-303, 1972; A. A. Syntetos and J. E. Boylan, "The accuracy of
 * intermittent demand estimates", International Journal of Forecasting 21(2), 303-314, 2005, for
 * the factor {@code 1 - beta / 2}; N. Kourentzes, "On intermittent demand model optimisation and
 * selection", International Journal of Production Economics 156, 180-190, 2014, for the costs and
 * separate constants.
 */
public final class Croston implements Forecaster {
  private static final long serialVersionUID = 1L;

  /** Croston's recommended smoothing constant, used when nothing can be optimised. */
  public static final double DEFAULT_ALPHA = 0.1;

  /** The forecast formula. */
  public enum Variant {
    /** Croston (1972): {@code z / p}; {@link Forecaster#name()} {@code "croston"}. */
    CLASSIC("croston"),
    /**
     * Syntetos and Boylan (2005): {@code (1 - beta / 2) z / p}; {@link Forecaster#name()} {@code
     * "croston_sba"}.
     */
    SBA("croston_sba");

    private final String id;

    Variant(String id) {
      this.id = id;
    }

    /**
     * Returns the {@link Forecaster#name()} of the method with this variant.
     *
     * @return {@code "croston"} or {@code "croston_sba"}
     */
    public String id() {
      return id;
    }
  }

  private final Variant variant;

  /** Fixed size constant, or NaN when optimised. */
  private final double sizeAlpha;

  /** Fixed interval constant, or NaN when optimised. */
  private final double intervalAlpha;

  /** The optimisation cost, or null when the constants are fixed. */
  private final IntermittentCost cost;

  /** Whether the optimised constants are separate (ignored when fixed). */
  private final boolean separate;

  private Croston(
      Variant variant,
      double sizeAlpha,
      double intervalAlpha,
      IntermittentCost cost,
      boolean separate) {
    this.variant = Objects.requireNonNull(variant, "variant");
    this.sizeAlpha = sizeAlpha;
    this.intervalAlpha = intervalAlpha;
    this.cost = cost;
    this.separate = separate;
  }

  /**
   * Returns the method with one fixed smoothing constant for sizes and intervals.
   *
   * @param variant classic or SBA
   * @param alpha the smoothing constant, in (0, 1]
   * @return the method
   * @throws NullPointerException if {@code variant} is null
   * @throws IllegalArgumentException if {@code alpha} is not in (0, 1]
   */
  public static Croston withAlpha(Variant variant, double alpha) {
    return withAlphas(variant, alpha, alpha);
  }

  /**
   * Returns the method with fixed, possibly different, smoothing constants.
   *
   * @param variant classic or SBA
   * @param sizeAlpha the smoothing constant of the demand sizes, in (0, 1]
   * @param intervalAlpha the smoothing constant of the intervals, in (0, 1]; also the {@code beta}
   *     of the SBA factor
   * @return the method
   * @throws NullPointerException if {@code variant} is null
   * @throws IllegalArgumentException if a constant is not in (0, 1]
   */
  public static Croston withAlphas(Variant variant, double sizeAlpha, double intervalAlpha) {
    requireConstant("sizeAlpha", sizeAlpha);
    requireConstant("intervalAlpha", intervalAlpha);
    return new Croston(variant, sizeAlpha, intervalAlpha, null, true);
  }

  /**
   * Returns the method that optimises separate size and interval constants by {@link
   * IntermittentCost#MSE}.
   *
   * @param variant classic or SBA
   * @return the method
   * @throws NullPointerException if {@code variant} is null
   */
  public static Croston optimized(Variant variant) {
    return optimized(variant, IntermittentCost.MSE, true);
  }

  /**
   * Returns the method that optimises its smoothing constants per series.
   *
   * @param variant classic or SBA
   * @param cost the in-sample cost to minimise
   * @param separateAlphas true to optimise the size and interval constants separately, false for
   *     one constant used for both
   * @return the method
   * @throws NullPointerException if {@code variant} or {@code cost} is null
   */
  public static Croston optimized(Variant variant, IntermittentCost cost, boolean separateAlphas) {
    return new Croston(
        variant, Double.NaN, Double.NaN, Objects.requireNonNull(cost, "cost"), separateAlphas);
  }

  /**
   * Returns the forecast formula.
   *
   * @return classic or SBA
   */
  public Variant variant() {
    return variant;
  }

  /**
   * Returns whether the smoothing constants are optimised per series.
   *
   * @return true for {@link #optimized}, false for fixed constants
   */
  public boolean isOptimized() {
    return cost != null;
  }

  /** Returns {@code "croston"} or {@code "croston_sba"}, from the variant. */
  @Override
  public String name() {
    return variant.id();
  }

  /** Returns 1. */
  @Override
  public int minHistory() {
    return 1;
  }

  /**
   * Returns for example {@code "croston_sba(alphas=optimised, separate, in [0.01, 1], cost=mse)"}
   * or {@code "croston(size_alpha=0.1, interval_alpha=0.1)"}.
   */
  @Override
  public String spec() {
    if (cost == null) {
      return String.format(
          Locale.ROOT, "%s(size_alpha=%s, interval_alpha=%s)", name(), sizeAlpha, intervalAlpha);
    }
    return String.format(
        Locale.ROOT,
        "%s(alphas=optimised, %s, in [%s, %s], cost=%s)",
        name(),
        separate ? "separate" : "tied",
        SmoothingSearch.LOWER,
        SmoothingSearch.UPPER,
        cost.id());
  }

  /**
   * Smooths the demand sizes and intervals, choosing the constants first when optimising.
   *
   * @param history one value per period (units per period, non-negative), oldest first, length at
   *     least 1; not mutated
   * @return a flat forecast whose parameters are, in order, {@code size_alpha}, {@code
   *     interval_alpha}, then (when the history has demand) {@code demand_size} (units) and {@code
   *     demand_interval} (periods), then (when optimised and defined) {@code in_sample_<cost>}
   * @throws IllegalArgumentException for a null, empty or non-finite history
   * @throws ModelFitException if the history has a negative value
   */
  @Override
  public FittedForecaster fit(double[] history) {
    double[] y = Histories.validatedCopy(name(), history, minHistory());
    requireNonNegative(name(), y);
    int first = firstDemand(y);
    double a = sizeAlpha;
    double b = intervalAlpha;
    double inSample = Double.NaN;
    if (cost != null) {
      a = DEFAULT_ALPHA;
      b = DEFAULT_ALPHA;
      if (first >= 0 && first < y.length - 1) {
        double[] target = cost.targets(y);
        boolean squared = cost.squared();
        boolean sba = variant == Variant.SBA;
        double[] best =
            SmoothingSearch.minimise(
                (size, interval) -> inSampleCost(y, target, first, size, interval, sba, squared),
                !separate);
        a = best[0];
        b = best[1];
        inSample = best[2];
      }
    }
    Map<String, Double> params = new LinkedHashMap<>();
    params.put("size_alpha", a);
    params.put("interval_alpha", b);
    double level = 0.0;
    if (first >= 0) {
      double size = y[first];
      double interval = first + 1;
      int last = first;
      for (int t = first + 1; t < y.length; t++) {
        if (y[t] > 0.0) {
          size += a * (y[t] - size);
          interval += b * ((t - last) - interval);
          last = t;
        }
      }
      params.put("demand_size", size);
      params.put("demand_interval", interval);
      level = factor(b) * size / interval;
    }
    if (!Double.isNaN(inSample)) {
      params.put("in_sample_" + cost.id(), inSample);
    }
    return new FlatForecast(name(), level, params);
  }

  private double factor(double interval) {
    return variant == Variant.SBA ? 1.0 - interval / 2.0 : 1.0;
  }

  /** Mean cost of the one-step forecasts for periods first+1..n-1; the caller ensures n-1 > first. */
  static double inSampleCost(
      double[] y,
      double[] target,
      int first,
      double sizeAlpha,
      double intervalAlpha,
      boolean sba,
      boolean squared) {
    double factor = sba ? 1.0 - intervalAlpha / 2.0 : 1.0;
    double size = y[first];
    double interval = first + 1;
    int last = first;
    double sum = 0.0;
    for (int t = first + 1; t < y.length; t++) {
      double error = target[t] - factor * size / interval;
      sum += squared ? error * error : Math.abs(error);
      double value = y[t];
      if (value > 0.0) {
        size += sizeAlpha * (value - size);
        interval += intervalAlpha * ((t - last) - interval);
        last = t;
      }
    }
    return sum / (y.length - 1 - first);
  }

  /** Index of the first positive value, or -1. */
  static int firstDemand(double[] y) {
    for (int t = 0; t < y.length; t++) {
      if (y[t] > 0.0) {
        return t;
      }
    }
    return -1;
  }

  static void requireNonNegative(String model, double[] y) {
    for (int t = 0; t < y.length; t++) {
      if (y[t] < 0.0) {
        throw new ModelFitException(
            String.format(
                Locale.ROOT,
                "%s: history[%d] = %s is negative; intermittent demand methods need non-negative"
                    + " demand (length %d)",
                model,
                t,
                y[t],
                y.length));
      }
    }
  }

  static void requireConstant(String name, double value) {
    if (!(value > 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(name + " must be in (0, 1], got " + value);
    }
  }

  @Override
  public String toString() {
    return spec();
  }

  /** A flat forecast shared by {@link Croston} and {@link Tsb}. */
  static final class FlatForecast implements FittedForecaster {
    private final String model;
    private final double level;
    private final Map<String, Double> parameters;

    FlatForecast(String model, double level, Map<String, Double> parameters) {
      this.model = model;
      this.level = level;
      this.parameters = Histories.frozen(parameters);
    }

    @Override
    public String model() {
      return model;
    }

    @Override
    public double[] forecast(int horizon) {
      Histories.requireHorizon(horizon);
      double[] forecast = new double[horizon];
      Arrays.fill(forecast, level);
      return forecast;
    }

    /** One component, {@code level}: the flat forecast (demand per period). */
    @Override
    public Optional<ForecastComponents> components(int horizon) {
      return Optional.of(ForecastComponents.single("level", forecast(horizon)));
    }

    @Override
    public Map<String, Double> parameters() {
      return parameters;
    }
  }
}
