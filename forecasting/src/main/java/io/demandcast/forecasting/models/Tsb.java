package io.demandcast.forecasting.models;

import io.demandcast.forecasting.FittedForecaster;
import io.demandcast.forecasting.Forecaster;
import io.demandcast.forecasting.Histories;
import io.demandcast.forecasting.ModelFitException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The Teunter-Syntetos-Babai (TSB) method for intermittent demand: the probability of a demand
 * occurrence is smoothed every period, the demand size only in periods with demand, so the forecast
 * decays while no demand arrives (obsolescence).
 *
 * <p>With the demand size {@code z} (units) and the occurrence probability {@code p}, each 0-based
 * period {@code t} updates {@code p += beta * (d_t - p)}, where {@code d_t} is 1 if {@code y[t] >
 * 0} and 0 otherwise, and, only if {@code y[t] > 0}, {@code z += alpha * (y[t] - z)}. The flat
 * forecast for every horizon is {@code p * z} units per period.
 *
 * <p>Initialisation, matching {@link Croston}: the recursion starts after the first demand, at
 * 0-based period {@code f}, with {@code z = y[f]} and {@code p = 1 / (f + 1)}, the inverse of the
 * first inter-demand interval counted from the start of the history. A history without demand
 * forecasts 0.
 *
 * <p>Optimisation ({@link #optimized}): {@code alpha} and {@code beta} are chosen separately in
 * {@code [0.01, 1]} to minimise an {@link IntermittentCost} of the in-sample one-step forecasts
 * over the periods after the first demand, by a grid and a compass search. The default cost is
 * {@link IntermittentCost#MSE}: on the complete carparts series (see {@link Croston}) it gave TSB
 * a lower mean MAE and bias than the MAR that Kourentzes (2014) recommends, with a mixed RMSSE.
 * When that cost is undefined (no period after the first demand) both constants are 0.1.
 *
 * <p>Sources: R. H. Teunter, A. A. Syntetos and M. Z. Babai, "Intermittent demand: linking
 * forecasting to inventory obsolescence", European Journal of Operational Research 214(3), 606-615,
 * 2011; N. Kourentzes, "On intermittent demand model optimisation and selection", International
 * Journal of Production Economics 156, 180-190, 2014.
 */
public final class Tsb implements Forecaster {
  private static final long serialVersionUID = 1L;

  /** The {@link #name()} of this method. */
  public static final String NAME = "tsb";

  /** Fixed size constant, or NaN when optimised. */
  private final double alpha;

  /** Fixed probability constant, or NaN when optimised. */
  private final double beta;

  /** The optimisation cost, or null when the constants are fixed. */
  private final IntermittentCost cost;

  private Tsb(double alpha, double beta, IntermittentCost cost) {
    this.alpha = alpha;
    this.beta = beta;
    this.cost = cost;
  }

  /**
   * Returns the method with fixed smoothing constants.
   *
   * @param alpha the smoothing constant of the demand size, in (0, 1]
   * @param beta the smoothing constant of the occurrence probability, in (0, 1]
   * @return the method
   * @throws IllegalArgumentException if a constant is not in (0, 1]
   */
  public static Tsb withConstants(double alpha, double beta) {
    Croston.requireConstant("alpha", alpha);
    Croston.requireConstant("beta", beta);
    return new Tsb(alpha, beta, null);
  }

  /**
   * Returns the method that optimises {@code alpha} and {@code beta} by {@link
   * IntermittentCost#MSE}.
   *
   * @return the method
   */
  public static Tsb optimized() {
    return optimized(IntermittentCost.MSE);
  }

  /**
   * Returns the method that optimises {@code alpha} and {@code beta} per series.
   *
   * @param cost the in-sample cost to minimise
   * @return the method
   * @throws NullPointerException if {@code cost} is null
   */
  public static Tsb optimized(IntermittentCost cost) {
    return new Tsb(Double.NaN, Double.NaN, Objects.requireNonNull(cost, "cost"));
  }

  /**
   * Returns whether the smoothing constants are optimised per series.
   *
   * @return true for {@link #optimized}, false for fixed constants
   */
  public boolean isOptimized() {
    return cost != null;
  }

  /** Returns {@value #NAME}. */
  @Override
  public String name() {
    return NAME;
  }

  /** Returns 1. */
  @Override
  public int minHistory() {
    return 1;
  }

  /**
   * Returns for example {@code "tsb(alpha, beta=optimised in [0.01, 1], cost=mse)"} or {@code
   * "tsb(alpha=0.1, beta=0.2)"}.
   */
  @Override
  public String spec() {
    if (cost == null) {
      return String.format(Locale.ROOT, "%s(alpha=%s, beta=%s)", NAME, alpha, beta);
    }
    return String.format(
        Locale.ROOT,
        "%s(alpha, beta=optimised in [%s, %s], cost=%s)",
        NAME,
        SmoothingSearch.LOWER,
        SmoothingSearch.UPPER,
        cost.id());
  }

  /**
   * Smooths the demand size and occurrence probability, choosing the constants first when
   * optimising.
   *
   * @param history one value per period (units per period, non-negative), oldest first, length at
   *     least 1; not mutated
   * @return a flat forecast whose parameters are, in order, {@code alpha}, {@code beta}, then (when
   *     the history has demand) {@code demand_size} (units) and {@code demand_probability} (per
   *     period), then (when optimised and defined) {@code in_sample_<cost>}
   * @throws IllegalArgumentException for a null, empty or non-finite history
   * @throws ModelFitException if the history has a negative value
   */
  @Override
  public FittedForecaster fit(double[] history) {
    double[] y = Histories.validatedCopy(NAME, history, minHistory());
    Croston.requireNonNegative(NAME, y);
    int first = Croston.firstDemand(y);
    double a = alpha;
    double b = beta;
    double inSample = Double.NaN;
    if (cost != null) {
      a = Croston.DEFAULT_ALPHA;
      b = Croston.DEFAULT_ALPHA;
      if (first >= 0 && first < y.length - 1) {
        double[] target = cost.targets(y);
        boolean squared = cost.squared();
        double[] best =
            SmoothingSearch.minimise(
                (size, probability) -> inSampleCost(y, target, first, size, probability, squared),
                false);
        a = best[0];
        b = best[1];
        inSample = best[2];
      }
    }
    Map<String, Double> params = new LinkedHashMap<>();
    params.put("alpha", a);
    params.put("beta", b);
    double level = 0.0;
    if (first >= 0) {
      double size = y[first];
      double probability = 1.0 / (first + 1);
      for (int t = first + 1; t < y.length; t++) {
        if (y[t] > 0.0) {
          probability += b * (1.0 - probability);
          size += a * (y[t] - size);
        } else {
          probability -= b * probability;
        }
      }
      params.put("demand_size", size);
      params.put("demand_probability", probability);
      level = probability * size;
    }
    if (!Double.isNaN(inSample)) {
      params.put("in_sample_" + cost.id(), inSample);
    }
    return new Croston.FlatForecast(NAME, level, params);
  }

  /** Mean cost of the one-step forecasts for periods first+1..n-1; the caller ensures n-1 > first. */
  static double inSampleCost(
      double[] y, double[] target, int first, double alpha, double beta, boolean squared) {
    double size = y[first];
    double probability = 1.0 / (first + 1);
    double sum = 0.0;
    for (int t = first + 1; t < y.length; t++) {
      double error = target[t] - probability * size;
      sum += squared ? error * error : Math.abs(error);
      double value = y[t];
      if (value > 0.0) {
        probability += beta * (1.0 - probability);
        size += alpha * (value - size);
      } else {
        probability -= beta * probability;
      }
    }
    return sum / (y.length - 1 - first);
  }

  @Override
  public String toString() {
    return spec();
  }
}
