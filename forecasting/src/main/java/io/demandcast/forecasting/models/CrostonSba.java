package io.demandcast.forecasting.models;

import io.demandcast.forecasting.FittedForecaster;
import io.demandcast.forecasting.Forecaster;
import io.demandcast.forecasting.Histories;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Croston's method for intermittent demand with the Syntetos-Boylan approximation (SBA) bias
 * correction.
 *
 * <p>Non-zero observations are demand occurrences. Their sizes and the intervals between them (in
 * periods) are smoothed separately with simple exponential smoothing, both with the same {@code
 * alpha}, and the flat forecast for every horizon is {@code (1 - alpha / 2) * z / p} units per
 * period, where {@code z} is the smoothed demand size and {@code p} the smoothed inter-demand
 * interval.
 *
 * <p>Initialisation: {@code z} starts at the first non-zero demand and {@code p} at the first
 * interval, counted from the start of the history, i.e. the 1-based position of the first non-zero
 * observation (the convention of R's {@code forecast::croston}). Each later demand at 1-based
 * position {@code t}, with the previous demand at {@code s}, updates {@code z += alpha * (y[t] -
 * z)} and {@code p += alpha * ((t - s) - p)}. A history without any demand forecasts 0.
 *
 * <p>{@link #optimized()} picks {@code alpha} from {0.05, 0.10, ..., 0.30} by the in-sample
 * one-step mean squared error over the periods after the first demand (the forecast for a period
 * uses the state after the previous period); ties, and histories with no period after the first
 * demand, keep the smallest {@code alpha}.
 *
 * <p>Sources: J. D. Croston, "Forecasting and stock control for intermittent demands", Operational
 * Research Quarterly 23(3), 289-303, 1972; A. A. Syntetos and J. E. Boylan, "The accuracy of
 * intermittent demand estimates", International Journal of Forecasting 21(2), 303-314, 2005.
 */
public final class CrostonSba implements Forecaster {
  private static final long serialVersionUID = 1L;

  /** The {@link #name()} of this method. */
  public static final String NAME = "croston_sba";

  private static final double[] ALPHA_GRID = {0.05, 0.10, 0.15, 0.20, 0.25, 0.30};

  /** Candidate smoothing constants, in order of preference on ties; one element when fixed. */
  private final double[] alphas;

  /**
   * Creates the method with a fixed smoothing constant.
   *
   * @param alpha the smoothing constant for sizes and intervals, in (0, 1]
   * @throws IllegalArgumentException if {@code alpha} is not in (0, 1]
   */
  public CrostonSba(double alpha) {
    if (!(alpha > 0.0 && alpha <= 1.0)) {
      throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
    }
    this.alphas = new double[] {alpha};
  }

  private CrostonSba(double[] alphas) {
    this.alphas = alphas.clone();
  }

  /**
   * Returns the method that chooses {@code alpha} per series from {0.05, 0.10, ..., 0.30} by
   * in-sample one-step mean squared error.
   *
   * @return the optimising variant, named {@value #NAME} like the fixed one
   */
  public static CrostonSba optimized() {
    return new CrostonSba(ALPHA_GRID);
  }

  /**
   * Returns the smoothing constants tried by {@link #fit(double[])}.
   *
   * @return a copy: one element for a fixed {@code alpha}, the grid for {@link #optimized()}
   */
  public double[] alphas() {
    return alphas.clone();
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
   * Smooths demand sizes and intervals, choosing {@code alpha} when optimising.
   *
   * @param history one value per period (units per period, normally non-negative), oldest first,
   *     length at least 1; not mutated
   * @return a model whose parameters are {@code alpha}, {@code demand_size} and {@code
   *     demand_interval} (periods); the last two are absent when the history has no demand
   * @throws IllegalArgumentException for a null, empty or non-finite history
   */
  @Override
  public FittedForecaster fit(double[] history) {
    double[] y = Histories.validatedCopy(NAME, history, minHistory());
    int best = 0;
    double bestMse = inSampleMse(y, alphas[0]);
    for (int k = 1; k < alphas.length; k++) {
      double mse = inSampleMse(y, alphas[k]);
      if (mse < bestMse) {
        bestMse = mse;
        best = k;
      }
    }
    double alpha = alphas[best];
    Map<String, Double> params = new LinkedHashMap<>();
    params.put("alpha", alpha);
    State state = State.start(y);
    if (state == null) {
      return new Fitted(0.0, params);
    }
    for (int t = state.lastDemand + 1; t < y.length; t++) {
      state.observe(y[t], t, alpha);
    }
    params.put("demand_size", state.size);
    params.put("demand_interval", state.interval);
    return new Fitted(state.forecast(alpha), params);
  }

  /** Mean of squared one-step errors after the first demand; NaN if there is none. */
  private static double inSampleMse(double[] y, double alpha) {
    State state = State.start(y);
    if (state == null || state.lastDemand == y.length - 1) {
      return Double.NaN;
    }
    int first = state.lastDemand;
    double sum = 0.0;
    for (int t = first + 1; t < y.length; t++) {
      double error = y[t] - state.forecast(alpha);
      sum += error * error;
      state.observe(y[t], t, alpha);
    }
    return sum / (y.length - 1 - first);
  }

  @Override
  public String toString() {
    return NAME + "(alphas=" + Arrays.toString(alphas) + ")";
  }

  /** Mutable smoothing state used while fitting; never escapes a single fit call. */
  private static final class State {
    private double size;
    private double interval;
    private int lastDemand;

    /** The state after the first demand, or null if there is no demand. */
    static State start(double[] y) {
      int first = 0;
      while (first < y.length && y[first] == 0.0) {
        first++;
      }
      if (first == y.length) {
        return null;
      }
      State state = new State();
      state.size = y[first];
      state.interval = first + 1;
      state.lastDemand = first;
      return state;
    }

    void observe(double value, int t, double alpha) {
      if (value != 0.0) {
        size += alpha * (value - size);
        interval += alpha * ((t - lastDemand) - interval);
        lastDemand = t;
      }
    }

    double forecast(double alpha) {
      return (1.0 - alpha / 2.0) * size / interval;
    }
  }

  /** A flat forecast. */
  private static final class Fitted implements FittedForecaster {
    private final double level;
    private final Map<String, Double> parameters;

    Fitted(double level, Map<String, Double> parameters) {
      this.level = level;
      this.parameters = Histories.frozen(parameters);
    }

    @Override
    public String model() {
      return NAME;
    }

    @Override
    public double[] forecast(int horizon) {
      Histories.requireHorizon(horizon);
      double[] forecast = new double[horizon];
      Arrays.fill(forecast, level);
      return forecast;
    }

    @Override
    public Map<String, Double> parameters() {
      return parameters;
    }
  }
}
