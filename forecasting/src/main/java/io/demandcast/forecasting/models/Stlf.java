package io.demandcast.forecasting.models;

import io.demandcast.forecasting.FittedForecaster;
import io.demandcast.forecasting.ForecastComponents;
import io.demandcast.forecasting.Forecaster;
import io.demandcast.forecasting.Histories;
import io.demandcast.forecasting.ModelFitException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * STL + ETS, as R's {@code forecast::stlf(y, h)} with its defaults ({@code method = "ets"}).
 *
 * <ul>
 *   <li>The series is decomposed by {@link Stl#forStlf(int)}: {@code s.window = 11}, not robust
 *       (R's {@code mstl} takes the first of its default {@code s.window = 7 + 4 * seq(6)}).
 *   <li>The seasonally adjusted series {@code y - seasonal} is forecast by {@link Ets#auto(int)}
 *       with m = 1: the non-seasonal forms (error A or M, trend N, A or Ad) chosen by AICc, as R's
 *       {@code ets(x.sa, model = "ZZN")}.
 *   <li>The last period of the seasonal component, repeated, is added to the ETS forecast.
 *   <li>The forecast-error variance is the ETS variance of the adjusted series, the seasonal
 *       component being treated as known (R's {@code stlf} shifts the ETS intervals the same way).
 * </ul>
 *
 * <p>With m = 1 there is no season: the method is ETS on the series itself.
 *
 * <p>Sources: R. B. Cleveland, W. S. Cleveland, J. E. McRae and I. Terpenning, "STL: A
 * Seasonal-Trend Decomposition Procedure Based on Loess", Journal of Official Statistics 6(1),
 * 1990; R. J. Hyndman and G. Athanasopoulos, <i>Forecasting: Principles and Practice</i>, 2nd ed.,
 * section 6.8 (forecasting with decomposition).
 */
public final class Stlf implements Forecaster {
  private static final long serialVersionUID = 1L;

  /** The {@link #name()} of this method. */
  public static final String NAME = "stlf";

  private final int period;

  /**
   * Creates the method.
   *
   * @param period the season length m in periods (7 for daily data with a weekly cycle), at least
   *     1; 1 disables the decomposition
   * @throws IllegalArgumentException if {@code period < 1}
   */
  public Stlf(int period) {
    if (period < 1) {
      throw new IllegalArgumentException("stlf: period must be at least 1, got " + period);
    }
    this.period = period;
  }

  /**
   * Returns the season length.
   *
   * @return m, at least 1
   */
  public int period() {
    return period;
  }

  /** Returns {@value #NAME}. */
  @Override
  public String name() {
    return NAME;
  }

  /** Returns {@code 2 m + 1} (STL needs more than two periods), or 1 when m = 1. */
  @Override
  public int minHistory() {
    return period == 1 ? 1 : 2 * period + 1;
  }

  /** Returns {@code "stlf(m=..., s.window=11, robust=false, ets=ZZN by aicc)"}. */
  @Override
  public String spec() {
    return NAME + "(m=" + period + ", s.window=11, robust=false, ets=ZZN by aicc)";
  }

  @Override
  public String toString() {
    return spec();
  }

  /**
   * Decomposes the history and fits ETS to its seasonally adjusted part.
   *
   * @param history one value per period (units per period), oldest first, all finite, length at
   *     least {@link #minHistory()}; not mutated
   * @return a model whose parameters are the ETS fit's (see {@link EtsFit#parameters()}) and the
   *     last period of the seasonal component as {@code s1..sm} (units per period, {@code s1} the
   *     first forecast period's)
   * @throws IllegalArgumentException for a null, too short or non-finite history
   * @throws ModelFitException if no ETS form can be fitted to the adjusted series
   */
  @Override
  public FittedForecaster fit(double[] history) {
    double[] y = Histories.validatedCopy(NAME, history, minHistory());
    double[] lastSeason = new double[period];
    double[] adjusted = y;
    if (period > 1) {
      Stl.Decomposition d = Stl.forStlf(period).decompose(y);
      adjusted = d.seasonallyAdjusted();
      double[] seasonal = d.seasonal();
      System.arraycopy(seasonal, y.length - period, lastSeason, 0, period);
    }
    EtsFit ets = Ets.auto(1).fit(adjusted);
    return new Fitted(ets, lastSeason, y.length);
  }

  private static final class Fitted implements FittedForecaster {
    private final EtsFit ets;
    private final double[] lastSeason;
    private final int historyLength;
    private final Map<String, Double> parameters;

    Fitted(EtsFit ets, double[] lastSeason, int historyLength) {
      this.ets = ets;
      this.lastSeason = lastSeason;
      this.historyLength = historyLength;
      Map<String, Double> params = new LinkedHashMap<>(ets.parameters());
      if (lastSeason.length > 1) {
        for (int i = 0; i < lastSeason.length; i++) {
          params.put("s" + (i + 1), lastSeason[i]);
        }
      }
      this.parameters = Histories.frozen(params);
    }

    @Override
    public String model() {
      return NAME;
    }

    @Override
    public double[] forecast(int horizon) {
      double[] f = ets.forecast(horizon);
      for (int h = 0; h < horizon; h++) {
        f[h] += lastSeason[h % lastSeason.length];
        if (!Double.isFinite(f[h])) {
          throw new ModelFitException(
              String.format(
                  "%s: non-finite forecast (length %d, horizon %d)", NAME, historyLength, horizon));
        }
      }
      return f;
    }

    /**
     * Splits the forecast into the ETS components of the seasonally adjusted series ({@link
     * EtsFit#components}) and, for a seasonal period above 1, {@code season}: the last seasonal
     * cycle of the STL decomposition, repeated.
     */
    @Override
    public Optional<ForecastComponents> components(int horizon) {
      forecast(horizon); // the same checks
      ForecastComponents adjusted = ets.components(horizon).orElseThrow();
      ForecastComponents.Builder b = ForecastComponents.builder(horizon);
      adjusted.values().forEach(b::add);
      if (lastSeason.length > 1) {
        double[] season = new double[horizon];
        for (int h = 0; h < horizon; h++) {
          season[h] = lastSeason[h % lastSeason.length];
        }
        b.add(EtsFit.SEASON, season);
      }
      return Optional.of(b.build());
    }

    @Override
    public Optional<double[]> forecastVariance(int horizon) {
      return ets.forecastVariance(horizon);
    }

    @Override
    public Map<String, Double> parameters() {
      return parameters;
    }
  }
}
