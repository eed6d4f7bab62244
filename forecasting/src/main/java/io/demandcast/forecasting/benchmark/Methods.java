package io.demandcast.forecasting.benchmark;

import io.demandcast.forecasting.Forecaster;
import io.demandcast.forecasting.ModelSelection;
import io.demandcast.forecasting.drivers.HolidayRegressors;
import io.demandcast.forecasting.drivers.Holidays;
import io.demandcast.forecasting.drivers.PeriodDates;
import io.demandcast.forecasting.drivers.Regressors;
import io.demandcast.forecasting.global.FeatureSpec;
import io.demandcast.forecasting.global.GlobalRegression;
import io.demandcast.forecasting.models.Arima;
import io.demandcast.forecasting.models.Croston;
import io.demandcast.forecasting.models.DriverAdjusted;
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

  /** The suffix of a method's holiday-aware variant: {@code auto_holidays}, {@code ets_holidays}. */
  public static final String HOLIDAYS_SUFFIX = "_holidays";

  /** The methods with a holiday-aware variant ({@link #withHolidays}). */
  public static final List<String> WITH_HOLIDAYS = List.of("ets", "theta", "arima", Mstlf.NAME, AUTO);

  /**
   * Returns the holiday-aware variant of a method, scored next to it: {@code auto_holidays} is
   * {@link ModelSelection#defaults(io.demandcast.forecasting.SelectionOptions, Regressors)} with
   * the series' holiday columns (the default candidates and each on the holiday-adjusted series,
   * weighted by their backtests); {@code ets_holidays}, {@code theta_holidays}, {@code
   * arima_holidays} and {@code mstlf_holidays} are the method on the holiday-adjusted series
   * ({@link DriverAdjusted}). The columns are built per series from its dates over its training
   * and test periods (the test part's holidays are known in advance, its values are not read).
   *
   * @param name a method id from {@link #WITH_HOLIDAYS}
   * @param holidays the region's calendar
   * @param columns which holiday columns to build
   * @return the variant, named {@code name + }{@value #HOLIDAYS_SUFFIX}; it throws on a series
   *     without dates
   * @throws IllegalArgumentException if the method has no holiday-aware variant
   */
  public static BenchmarkMethod withHolidays(
      String name, Holidays holidays, HolidayRegressors columns) {
    java.util.Objects.requireNonNull(holidays, "holidays");
    java.util.Objects.requireNonNull(columns, "columns");
    java.util.function.BiFunction<SeriesSplit, Regressors, double[]> forecast =
        switch (name) {
          case AUTO ->
              (s, x) ->
                  ModelSelection.defaults(
                          ModelSelection.defaults(s.seasonality(), s.horizon()).options(), x)
                      .forecast(s.train())
                      .mean();
          case "ets", "theta", "arima", Mstlf.NAME -> {
            java.util.function.Function<SeriesSplit, Forecaster> base =
                ((LocalMethod) create(name)).forecaster();
            yield (s, x) ->
                new DriverAdjusted(base.apply(s), x, s.seasonalPeriod(), "holidays")
                    .fit(s.train())
                    .forecast(s.horizon());
          }
          default ->
              throw new IllegalArgumentException(
                  "method '"
                      + name
                      + "' has no holiday-aware variant; these have: "
                      + String.join(", ", WITH_HOLIDAYS));
        };
    String id = name + HOLIDAYS_SUFFIX;
    return new BenchmarkMethod() {
      @Override
      public String name() {
        return id;
      }

      @Override
      public double[] forecast(SeriesSplit series) {
        return forecast.apply(series, holidayRegressors(series, holidays, columns));
      }
    };
  }

  /**
   * Returns a series' holiday columns over its training and test periods.
   *
   * @param series the series, with dates
   * @param holidays the region's calendar
   * @param columns which columns
   * @return the regressors, period 0 the first training period
   * @throws IllegalArgumentException if the series has no dates
   */
  public static Regressors holidayRegressors(
      SeriesSplit series, Holidays holidays, HolidayRegressors columns) {
    PeriodDates dates =
        series
            .periodDates()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "series "
                            + series.id()
                            + " has no dates: holiday regressors need a dataset whose periods"
                            + " are dates (nn5, or file:PATH with yyyy-mm-dd periods)"));
    return columns.build(holidays, dates, series.train().length + series.horizon());
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
