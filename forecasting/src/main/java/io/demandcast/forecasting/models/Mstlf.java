package io.demandcast.forecasting.models;

import io.demandcast.forecasting.FittedForecaster;
import io.demandcast.forecasting.ForecastComponents;
import io.demandcast.forecasting.Forecaster;
import io.demandcast.forecasting.Histories;
import io.demandcast.forecasting.ModelFitException;
import io.demandcast.forecasting.Seasonality;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * MSTL + ETS with several seasonal periods, as R's {@code forecast::stlf(msts(y, periods), h)}
 * with its defaults ({@code method = "ets"}).
 *
 * <ul>
 *   <li>The series is decomposed by {@link Mstl} with R's defaults ({@code iterate = 2}, {@code
 *       s.window = 7 + 4 i}, not robust); periods a short history cannot estimate are dropped as
 *       {@link Mstl#periodsFor(int)} describes.
 *   <li>The seasonally adjusted series {@code trend + remainder} is forecast by {@link
 *       Ets#auto(int)} with m = 1: the non-seasonal forms (error A or M, trend N, A or Ad) chosen
 *       by AICc, as R's {@code ets(x.sa, model = "ZZN")}.
 *   <li>Each seasonal component's last cycle ({@link Mstl.Decomposition#lastCycle}: 365 values for
 *       365.25), repeated, is added to the ETS forecast.
 *   <li>The forecast-error variance is the ETS variance of the adjusted series, the seasonal
 *       components being treated as known (R shifts the ETS intervals the same way).
 * </ul>
 *
 * <p>With one period m this is {@link Stlf} with {@code floor(m)}, to the last bit. When no period
 * can be estimated (none given, or the history is shorter than two cycles of each) the method is
 * ETS on the series itself, where R's {@code stlf} stops with an error.
 *
 * <p>Sources: K. Bandara, R. J. Hyndman and C. Bergmeir, "MSTL: a seasonal-trend decomposition
 * algorithm for time series with multiple seasonal patterns", International Journal of
 * Operational Research 45(1), 2022; R. J. Hyndman and G. Athanasopoulos, <i>Forecasting:
 * Principles and Practice</i>, 3rd ed., sections 3.6 (MSTL) and 12.1 (complex seasonality).
 */
public final class Mstlf implements Forecaster {
  private static final long serialVersionUID = 1L;

  /** The {@link #name()} of this method. */
  public static final String NAME = "mstlf";

  private final Seasonality seasonality;
  private final Mstl mstl;

  /**
   * Creates the method.
   *
   * @param seasonality the seasonal periods in periods of the series (7 and 365.25 for daily
   *     data, 24 and 168 for hourly); none for ETS alone
   * @throws NullPointerException if {@code seasonality} is null
   */
  public Mstlf(Seasonality seasonality) {
    this.seasonality = Objects.requireNonNull(seasonality, "seasonality");
    this.mstl = Mstl.of(seasonality);
  }

  /**
   * Returns the seasonal periods given.
   *
   * @return the seasonality
   */
  public Seasonality seasonality() {
    return seasonality;
  }

  /** Returns {@value #NAME}. */
  @Override
  public String name() {
    return NAME;
  }

  /** Returns 1: periods that do not fit twice into the history are dropped. */
  @Override
  public int minHistory() {
    return 1;
  }

  /**
   * Returns for example {@code "mstlf(periods=7,365.25, iterate=2, s.window=7+4i, robust=false,
   * ets=ZZN by aicc)"}.
   */
  @Override
  public String spec() {
    return NAME
        + "(periods="
        + seasonality
        + ", iterate="
        + (seasonality.periods().size() > 1 ? Mstl.ITERATIONS : 1)
        + ", s.window=7+4i, robust=false, ets=ZZN by aicc)";
  }

  @Override
  public String toString() {
    return spec();
  }

  /**
   * Decomposes the history and fits ETS to its seasonally adjusted part.
   *
   * @param history one value per period (units per period), oldest first, all finite, at least
   *     one value; not mutated
   * @return a model whose parameters are the ETS fit's (see {@link EtsFit#parameters()}) followed
   *     by {@code period1}, {@code period2}, ...: the periods decomposed (none if no period fits)
   * @throws IllegalArgumentException for a null, empty or non-finite history
   * @throws ModelFitException if no ETS form can be fitted to the adjusted series
   */
  @Override
  public FittedForecaster fit(double[] history) {
    double[] y = Histories.validatedCopy(NAME, history, minHistory());
    List<Double> periods = mstl.periodsFor(y.length);
    double[] adjusted = y;
    double[][] cycles = new double[periods.size()][];
    double[][] seasonal = new double[periods.size()][];
    if (!periods.isEmpty()) {
      Mstl.Decomposition d = mstl.decompose(y);
      adjusted = d.seasonallyAdjusted();
      for (int i = 0; i < cycles.length; i++) {
        cycles[i] = d.lastCycle(i);
        seasonal[i] = d.seasonal(i);
      }
    }
    EtsFit ets = Ets.auto(1).fit(adjusted);
    return new Fitted(ets, periods, cycles, seasonal, y.length);
  }

  /**
   * Returns a forecaster for backtest windows that keeps every estimate of {@code fitted}: the
   * seasonal components of the whole-history decomposition (a prefix of length n is adjusted by
   * their first n values, and each component's cycle before period n is repeated) and the ETS
   * fit, refiltered over the adjusted prefix ({@link Ets#refiltered}); see {@link
   * Forecaster#refiltered} for the trade-off.
   *
   * @param fitted this method's fit to the whole history
   * @return the forecaster, or {@link #forBacktest} for another fit
   */
  @Override
  public Forecaster refiltered(FittedForecaster fitted) {
    return fitted instanceof Fitted whole ? new Refiltered(whole) : forBacktest(fitted);
  }

  /** The forecaster of {@link #refiltered}. */
  private record Refiltered(Fitted whole) implements Forecaster {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public int minHistory() {
      return 1;
    }

    @Override
    public FittedForecaster fit(double[] history) {
      double[] y = Histories.validatedCopy(NAME, history, 1);
      int n = y.length;
      double[][] cycles = new double[whole.seasonal.length][];
      for (int i = 0; i < whole.seasonal.length; i++) {
        double[] component = whole.seasonal[i];
        if (n > component.length) {
          throw new IllegalArgumentException(
              String.format(
                  "%s refiltered: a prefix of %d periods is longer than the fitted history of %d",
                  NAME, n, component.length));
        }
        for (int t = 0; t < n; t++) {
          y[t] -= component[t];
        }
        int length = Math.min(whole.cycles[i].length, n);
        cycles[i] = Arrays.copyOfRange(component, n - length, n);
      }
      EtsFit ets = whole.ets.refiltered(y);
      return new Fitted(ets, whole.periods, cycles, whole.seasonal, n);
    }
  }

  private static final class Fitted implements FittedForecaster, java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final EtsFit ets;
    private final List<Double> periods;
    private final double[][] cycles;
    private final double[][] seasonal;
    private final int historyLength;
    private final Map<String, Double> parameters;

    Fitted(
        EtsFit ets,
        List<Double> periods,
        double[][] cycles,
        double[][] seasonal,
        int historyLength) {
      this.ets = ets;
      this.periods = List.copyOf(periods);
      this.cycles = cycles;
      this.seasonal = seasonal;
      this.historyLength = historyLength;
      Map<String, Double> params = new LinkedHashMap<>(ets.parameters());
      for (int i = 0; i < periods.size(); i++) {
        params.put("period" + (i + 1), periods.get(i));
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
        double seasonal = 0.0;
        for (double[] cycle : cycles) {
          seasonal += cycle[h % cycle.length];
        }
        f[h] += seasonal;
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
     * EtsFit#components}: {@code level} and, for a trended form, {@code trend}) and one component
     * per seasonal period decomposed, its last cycle repeated, named after the period ({@code
     * season_7}, {@code season_365.25}; {@link ForecastComponents#seasonName}).
     */
    @Override
    public Optional<ForecastComponents> components(int horizon) {
      forecast(horizon); // the same checks
      ForecastComponents adjusted = ets.components(horizon).orElseThrow();
      ForecastComponents.Builder b = ForecastComponents.builder(horizon);
      adjusted.values().forEach(b::add);
      for (int i = 0; i < cycles.length; i++) {
        double[] season = new double[horizon];
        for (int h = 0; h < horizon; h++) {
          season[h] = cycles[i][h % cycles[i].length];
        }
        b.add(ForecastComponents.seasonName(periods.get(i)), season);
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
