package io.demandcast.forecasting.models;

import io.demandcast.forecasting.FittedForecaster;
import io.demandcast.forecasting.ForecastComponents;
import io.demandcast.forecasting.Forecaster;
import io.demandcast.forecasting.Histories;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Simple moving average: every forecast equals the mean of the last {@code window} observations,
 * {@code forecast[h-1] = (y[n-k] + ... + y[n-1]) / k}.
 *
 * <p>The method has no stochastic model of its own, so {@link FittedForecaster#forecastVariance}
 * is empty and callers use backtest errors for intervals.
 *
 * <p>Source: S. Makridakis, S. C. Wheelwright and R. J. Hyndman, <i>Forecasting: Methods and
 * Applications</i>, 3rd ed., Wiley, 1998, section 4/3 "Averaging methods" (single moving
 * average).
 */
public final class MovingAverage implements Forecaster {
  private static final long serialVersionUID = 1L;

  /** The {@link #name()} of this method. */
  public static final String NAME = "moving_average";

  /** Number of most recent observations averaged. */
  private final int window;

  /**
   * Creates the method.
   *
   * @param window the number k of most recent periods averaged, at least 1 (1 gives the naive
   *     method)
   * @throws IllegalArgumentException if {@code window < 1}
   */
  public MovingAverage(int window) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be at least 1, got " + window);
    }
    this.window = window;
  }

  /**
   * Returns the window.
   *
   * @return the number of periods averaged, at least 1
   */
  public int window() {
    return window;
  }

  /** Returns {@value #NAME}. */
  @Override
  public String name() {
    return NAME;
  }

  /** Returns the window: one full window is needed. */
  @Override
  public int minHistory() {
    return window;
  }

  /** Returns {@code "moving_average(window=k)"}. */
  @Override
  public String spec() {
    return NAME + "(window=" + window + ")";
  }

  /**
   * Averages the last {@code window} observations.
   *
   * @param history one value per period (units per period), oldest first, length at least the
   *     window; not mutated
   * @return a model whose parameters are {@code window} and {@code level} (the mean, units per
   *     period)
   * @throws IllegalArgumentException for a null, too short or non-finite history
   */
  @Override
  public FittedForecaster fit(double[] history) {
    double[] y = Histories.validatedCopy(NAME, history, minHistory());
    double sum = 0.0;
    for (int t = y.length - window; t < y.length; t++) {
      sum += y[t];
    }
    return new Fitted(window, sum / window);
  }

  @Override
  public String toString() {
    return spec();
  }

  /** The mean of the last window. */
  private static final class Fitted implements FittedForecaster {
    private final double level;
    private final Map<String, Double> parameters;

    Fitted(int window, double level) {
      this.level = level;
      Map<String, Double> params = new LinkedHashMap<>();
      params.put("window", (double) window);
      params.put("level", level);
      this.parameters = Histories.frozen(params);
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

    /** One component, {@code level}: the mean of the window. */
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
