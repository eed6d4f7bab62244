package io.demandcast.forecasting.benchmark;

import io.demandcast.forecasting.Forecaster;
import io.demandcast.forecasting.ModelSelection;
import io.demandcast.forecasting.global.FeatureSpec;
import io.demandcast.forecasting.global.GlobalRegression;
import io.demandcast.forecasting.models.Arima;
import io.demandcast.forecasting.models.Croston;
import io.demandcast.forecasting.models.Ets;
import io.demandcast.forecasting.models.LagRidgeRegression;
import io.demandcast.forecasting.models.MovingAverage;
import io.demandcast.forecasting.models.Mstlf;
import io.demandcast.forecasting.models.Naive;
import io.demandcast.forecasting.models.Naive2;
import io.demandcast.forecasting.models.Theta;
import io.demandcast.forecasting.models.Tsb;
import io.demandcast.forecasting.models.SeasonalArima;
import io.demandcast.forecasting.models.SeasonalNaive;
import io.demandcast.forecasting.models.SmileAutoregressive;
import io.demandcast.forecasting.models.Stlf;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The methods {@code demandcast benchmark} can score, by id. */
public final class Methods {

  /** The reference method OWA is relative to. */
  public static final String NAIVE2 = "naive2";

  /** The automatic selection's id. */
  public static final String AUTO = "auto";

  private static final Map<String, Supplier<BenchmarkMethod>> REGISTRY = new LinkedHashMap<>();

  static {
    register(new LocalMethod("naive", s -> new Naive()));
    // M4's Naive2 adjusts with the competition's frequency, which is 1 for weekly data
    register(new LocalMethod(NAIVE2, s -> new Naive2(s.scaleLag())));
    register(new LocalMethod("seasonal_naive", s -> new SeasonalNaive(s.seasonalPeriod())));
    register(new LocalMethod("moving_average", s -> new MovingAverage(s.seasonalPeriod())));
    register(new LocalMethod("theta", s -> new Theta(s.seasonalPeriod())));
    register(new LocalMethod("arima", s -> new Arima(s.seasonalPeriod())));
    register(new LocalMethod(SeasonalArima.NAME, s -> new SeasonalArima(s.seasonalPeriod())));
    register(new LocalMethod("ets", s -> Ets.auto(s.seasonalPeriod())));
    register(new LocalMethod(Stlf.NAME, s -> new Stlf(s.seasonalPeriod())));
    // every seasonal period of the dataset (NN5: 7 and 365.25 days), not only the primary one
    register(new LocalMethod(Mstlf.NAME, s -> new Mstlf(s.seasonality())));
    register(new LocalMethod("croston", s -> Croston.optimized(Croston.Variant.CLASSIC)));
    register(new LocalMethod("croston_sba", s -> Croston.optimized(Croston.Variant.SBA)));
    register(new LocalMethod("tsb", s -> Tsb.optimized()));
    register(
        new LocalMethod(
            "ar", s -> new SmileAutoregressive(Math.min(12, Math.max(3, s.seasonalPeriod())))));
    register(
        new LocalMethod("ridge_lags", s -> LagRidgeRegression.forPeriod(s.seasonalPeriod())));
    for (GlobalRegression.Kind kind : GlobalRegression.Kind.values()) {
      register(new GlobalMethod(GlobalRegression.of(kind)));
    }
    register(new SelectionMethod());
  }

  private Methods() {}

  /**
   * A global model: trained once per group of series sharing a seasonal period and horizon, on
   * their training parts pooled, then applied to each series.
   */
  private static final class GlobalMethod implements BenchmarkMethod {
    private final GlobalRegression regression;
    private final Map<String, Forecaster> bySegment = new java.util.concurrent.ConcurrentHashMap<>();

    GlobalMethod(GlobalRegression regression) {
      this.regression = regression;
    }

    @Override
    public String name() {
      return regression.kind().id();
    }

    @Override
    public void prepare(Dataset dataset) {
      bySegment.clear();
      Map<String, List<SeriesSplit>> segments = new LinkedHashMap<>();
      for (SeriesSplit s : dataset.series()) {
        segments.computeIfAbsent(segment(s), k -> new java.util.ArrayList<>()).add(s);
      }
      segments.forEach(
          (key, series) -> {
            SeriesSplit first = series.get(0);
            int lookback = FeatureSpec.defaults(first.seasonalPeriod()).lookback();
            List<double[]> histories =
                series.stream()
                    .map(SeriesSplit::train)
                    .filter(t -> t.length >= lookback + first.horizon())
                    .collect(java.util.stream.Collectors.toList());
            if (!histories.isEmpty()) {
              bySegment.put(
                  key,
                  regression
                      .train(histories, first.seasonalPeriod(), first.horizon(), 0)
                      .asForecaster());
            }
          });
    }

    @Override
    public double[] forecast(SeriesSplit series) {
      Forecaster model = bySegment.get(segment(series));
      if (model == null) {
        throw new IllegalStateException("no global model for " + segment(series));
      }
      return model.fit(series.train()).forecast(series.horizon());
    }

    private static String segment(SeriesSplit s) {
      return s.seasonalPeriod() + "/" + s.horizon();
    }
  }

  /** The automatic selection, {@link ModelSelection#defaults}, per series. */
  private static final class SelectionMethod implements BenchmarkMethod {
    @Override
    public String name() {
      return AUTO;
    }

    @Override
    public double[] forecast(SeriesSplit series) {
      return ModelSelection.defaults(series.seasonality(), series.horizon())
          .forecast(series.train())
          .mean();
    }
  }

  private static void register(BenchmarkMethod method) {
    REGISTRY.put(method.name(), () -> method);
  }

  /**
   * Returns the ids of every method, in the order they are run by default.
   *
   * @return an unmodifiable list
   */
  public static List<String> names() {
    return List.copyOf(REGISTRY.keySet());
  }

  /**
   * Returns a method by id.
   *
   * @param name a method id from {@link #names()}
   * @return a fresh instance
   * @throws IllegalArgumentException for an unknown id, listing the known ones
   */
  public static BenchmarkMethod create(String name) {
    Supplier<BenchmarkMethod> method = REGISTRY.get(name);
    if (method == null) {
      throw new IllegalArgumentException(
          "unknown method '" + name + "'; choose from " + String.join(", ", names()));
    }
    return method.get();
  }
}
