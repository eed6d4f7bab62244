package io.demandcast.forecasting.models;

import io.demandcast.forecasting.FittedForecaster;
import io.demandcast.forecasting.ForecastComponents;
import io.demandcast.forecasting.Forecaster;
import io.demandcast.forecasting.Histories;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Seasonal naive method: each forecast repeats the observation one season earlier, {@code
 * forecast[h-1] = y[n - m + ((h - 1) mod m)]} for a history {@code y} of length {@code n} and
 * period {@code m}. With {@code m = 1} this is the naive (random walk) method.
 *
 * <p>Source: R. J. Hyndman and G. Athanasopoulos, <i>Forecasting: Principles and Practice</i>, 3rd
 * ed., OTexts, 2021, section 5.2 "Some simple forecasting methods".
 */
public final class SeasonalNaive implements Forecaster {
  private static final long serialVersionUID = 1L;

  /** The {@link #name()} of this method. */
  public static final String NAME = "seasonal_naive";

  /** Season length in periods. */
  private final int period;

  /**
   * Creates the method.
   *
   * @param period the season length m in periods (e.g. 12 for monthly data with a yearly cycle), at
   *     least 1; 1 gives the naive method
   * @throws IllegalArgumentException if {@code period < 1}
   */
  public SeasonalNaive(int period) {
    if (period < 1) {
      throw new IllegalArgumentException("period must be at least 1, got " + period);
    }
    this.period = period;
  }

  /**
   * Returns the season length.
   *
   * @return the period m, at least 1
   */
  public int period() {
    return period;
  }

  /** Returns {@value #NAME}. */
  @Override
  public String name() {
    return NAME;
  }

  /** Returns the period: one full season is needed. */
  @Override
  public int minHistory() {
    return period;
  }

  /**
   * Keeps the last season of the history.
   *
   * @param history one value per period (units per period), oldest first, length at least the
   *     period; not mutated
   * @return a model whose parameters are {@code period}
   * @throws IllegalArgumentException for a null, too short or non-finite history
   */
  @Override
  public FittedForecaster fit(double[] history) {
    double[] y = Histories.validatedCopy(NAME, history, minHistory());
    return new Fitted(Arrays.copyOfRange(y, y.length - period, y.length));
  }

  @Override
  public String toString() {
    return NAME + "(period=" + period + ")";
  }

  /** The last season of the history, oldest first. */
  private static final class Fitted implements FittedForecaster {
    private final double[] lastSeason;
    private final Map<String, Double> parameters;

    Fitted(double[] lastSeason) {
      this.lastSeason = lastSeason;
      this.parameters = Map.of("period", (double) lastSeason.length);
    }

    @Override
    public String model() {
      return NAME;
    }

    @Override
    public double[] forecast(int horizon) {
      Histories.requireHorizon(horizon);
      double[] forecast = new double[horizon];
      for (int h = 0; h < horizon; h++) {
        forecast[h] = lastSeason[h % lastSeason.length];
      }
      return forecast;
    }

    /** One component, {@code last_season}: the last season of the history, repeated. */
    @Override
    public Optional<ForecastComponents> components(int horizon) {
      return Optional.of(ForecastComponents.single("last_season", forecast(horizon)));
    }

    @Override
    public Map<String, Double> parameters() {
      return parameters;
    }
  }
}
