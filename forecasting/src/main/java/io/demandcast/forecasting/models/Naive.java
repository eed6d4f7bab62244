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
 * Naive (random walk) method: every forecast equals the last observation, {@code forecast[h-1] =
 * y[n-1]}.
 *
 * <p>As the random walk {@code y[t] = y[t-1] + e[t]} with white noise {@code e} of variance
 * sigma², the h-step forecast error variance is {@code sigma² * h}; sigma² is estimated by the
 * mean squared one-step residual {@code sum_{t=1}^{n-1} (y[t] - y[t-1])² / (n - 1)}.
 *
 * <p>Source: R. J. Hyndman and G. Athanasopoulos, <i>Forecasting: Principles and Practice</i>, 3rd
 * ed., OTexts, 2021, sections 5.2 "Some simple forecasting methods" and 5.5 "Distributional
 * forecasts and prediction intervals" (table 5.2).
 */
public final class Naive implements Forecaster {
  private static final long serialVersionUID = 1L;

  /** The {@link #name()} of this method. */
  public static final String NAME = "naive";

  /** Creates the method; it has no settings. */
  public Naive() {}

  /** Returns {@value #NAME}. */
  @Override
  public String name() {
    return NAME;
  }

  /** Returns 1: one observation gives a forecast (the variance needs two). */
  @Override
  public int minHistory() {
    return 1;
  }

  /**
   * Keeps the last observation and the residual variance.
   *
   * @param history one value per period (units per period), oldest first, length at least 1; not
   *     mutated
   * @return a model whose parameters are {@code level} (the last value, units per period) and,
   *     when the history has at least two values, {@code sigma2} ((units per period)²)
   * @throws IllegalArgumentException for a null, empty or non-finite history
   */
  @Override
  public FittedForecaster fit(double[] history) {
    double[] y = Histories.validatedCopy(NAME, history, minHistory());
    return new RandomWalk(NAME, y[y.length - 1], oneStepVariance(y), null, y.length, false);
  }

  /**
   * Mean squared first difference {@code sum_{t>=1} (y[t] - y[t-1])² / (n - 1)}, or NaN for a
   * single value.
   */
  static double oneStepVariance(double[] y) {
    int n = y.length;
    if (n < 2) {
      return Double.NaN;
    }
    double sum = 0.0;
    for (int t = 1; t < n; t++) {
      double d = y[t] - y[t - 1];
      sum += d * d;
    }
    return sum / (n - 1);
  }

  /**
   * A flat forecast of {@code level} on the (possibly seasonally adjusted) scale, optionally
   * multiplied by seasonal indices; variance {@code sigma2 * h * index²}. Shared with {@link
   * Naive2}.
   */
  static final class RandomWalk implements FittedForecaster {
    private final String model;
    private final double level;
    private final double sigma2;
    private final double[] indices;
    private final int historyLength;
    private final Map<String, Double> parameters;

    RandomWalk(
        String model,
        double level,
        double sigma2,
        double[] indices,
        int historyLength,
        boolean reportSeasonal) {
      this.model = model;
      this.level = level;
      this.sigma2 = sigma2;
      this.indices = indices;
      this.historyLength = historyLength;
      Map<String, Double> params = new LinkedHashMap<>();
      if (reportSeasonal) {
        params.put("seasonal", indices == null ? 0.0 : 1.0);
      }
      params.put("level", level);
      if (!Double.isNaN(sigma2)) {
        params.put("sigma2", sigma2);
      }
      if (indices != null) {
        for (int i = 0; i < indices.length; i++) {
          params.put("s" + (i + 1), indices[i]);
        }
      }
      this.parameters = Histories.frozen(params);
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
      if (indices != null) {
        SeasonalDecomposition.reseasonalizeInPlace(forecast, indices, historyLength);
      }
      return forecast;
    }

    /**
     * Splits the forecast into {@code level} (the last value, seasonally adjusted when indices
     * apply) and, with indices, {@code season}: {@code level (s - 1)}.
     */
    @Override
    public Optional<ForecastComponents> components(int horizon) {
      double[] forecast = forecast(horizon);
      double[] flat = new double[horizon];
      Arrays.fill(flat, level);
      ForecastComponents.Builder b = ForecastComponents.builder(horizon).add("level", flat);
      if (indices != null) {
        double[] season = new double[horizon];
        for (int h = 0; h < horizon; h++) {
          season[h] = forecast[h] - level;
        }
        b.add("season", season);
      }
      return Optional.of(b.build());
    }

    @Override
    public Optional<double[]> forecastVariance(int horizon) {
      Histories.requireHorizon(horizon);
      if (Double.isNaN(sigma2)) {
        return Optional.empty();
      }
      double[] variance = new double[horizon];
      for (int h = 0; h < horizon; h++) {
        double index = indices == null ? 1.0 : indices[(historyLength + h) % indices.length];
        variance[h] = sigma2 * (h + 1) * index * index;
      }
      return Optional.of(variance);
    }

    @Override
    public Map<String, Double> parameters() {
      return parameters;
    }
  }
}
