package io.demandcast.forecasting;

import io.demandcast.forecasting.SelectionOptions.Combination;
import io.demandcast.forecasting.backtest.Backtest;
import io.demandcast.forecasting.backtest.BacktestResult;
import io.demandcast.forecasting.backtest.RollingOrigin;
import io.demandcast.forecasting.models.Arima;
import io.demandcast.forecasting.drivers.Regressors;
import io.demandcast.forecasting.models.Croston;
import io.demandcast.forecasting.models.DriverAdjusted;
import io.demandcast.forecasting.models.DemandClassification;
import io.demandcast.forecasting.models.Ets;
import io.demandcast.forecasting.models.MovingAverage;
import io.demandcast.forecasting.models.Mstlf;
import io.demandcast.forecasting.models.SeasonalNaive;
import io.demandcast.forecasting.models.Theta;
import io.demandcast.forecasting.models.Tsb;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Chooses, per series, among candidate {@link Forecaster}s by rolling-origin cross-validation, and
 * optionally combines the best of them; adds quantile forecasts and provenance.
 *
 * <p><b>Candidates.</b> The general candidates are always compared; the intermittent-demand
 * candidates join them when the series is intermittent ({@link
 * DemandClassification#isIntermittent}, ADI above 1.32). Baselines are scored the same way but
 * never chosen or combined. Every method is first fitted to the whole history; one that fails there
 * is left out (its failure is reported).
 *
 * <p><b>Backtest design.</b> The configured {@link RollingOrigin} is used when every candidate can
 * be fitted at its first origin. A shorter series uses fewer windows (down to 1); if even one
 * window does not fit every candidate, the candidates that do fit one window are compared; if none
 * does, the first candidate that fitted the whole history is used without a backtest. In each
 * window a candidate is refitted as {@link Forecaster#forBacktest} says: ETS keeps the form and
 * ARIMA the orders chosen on the whole history and re-estimate their parameters. When the windows'
 * test periods are at most {@link #REFILTER_SHARE} of the history, candidates are instead
 * refiltered ({@link Forecaster#refiltered}): ETS, ARIMA and MSTL + ETS keep every whole-history
 * estimate and only re-run their filter up to each origin.
 *
 * <p><b>Ranking.</b> Candidates whose backtest succeeded are ranked by the {@link
 * SelectionOptions#metric()} averaged over the windows (MASE, RMSSE or sMAPE, as in {@link
 * Backtest}); when no candidate has a defined score, by MAE. Ties keep candidate order.
 *
 * <p><b>Combination.</b> With {@link Combination#MEDIAN}, {@link Combination#MEAN} or {@link
 * Combination#TRIMMED_MEAN} the forecast combines the top {@link SelectionOptions#combineTop()}
 * candidates step by step; with {@link Combination#AUTO} the median combination competes in the
 * backtest as one more candidate (its backtest forecasts combine the members' backtest forecasts
 * window by window) and is used only when it scores better than the best single candidate.
 * Combining forecasts is among the most reliable gains in forecasting practice: Makridakis,
 * Spiliotis and Assimakopoulos, "The M4 Competition: 100,000 time series and 61 forecasting
 * methods", IJF 36(1), 2020; J. M. Bates and C. W. J. Granger, "The combination of forecasts",
 * Operational Research Quarterly 20(4), 1969.
 *
 * <p><b>Forecast pooling</b> ({@link Combination#POOL}, not the default). The baselines become
 * eligible and are ranked with the candidates; the pools of the best 1, 2, ... {@link
 * SelectionOptions#combineTop()} compete in the backtest, a pool of two or more as the step-wise
 * equal-weight mean of its members' backtest forecasts, and the pool with the lowest score
 * forecasts (a tie keeps the smaller pool). The {@code combination} accuracy row is present only
 * when a pool of two or more is chosen. The idea of choosing a pool of the best models rather than
 * one model or all of them is N. Kourentzes, D. Barrow and F. Petropoulos, "Another look at
 * forecast selection and combination: evidence from forecast pooling", IJPE 209, 2019; here the
 * pool size is chosen by the pools' own rolling-origin error rather than by their heuristic. On
 * the four public benchmarks it beat the default mean on M4 Weekly (OWA 0.798 with two windows,
 * 0.756 with four) but lost on M3, carparts and NN5 (see docs/benchmarks.md), hence off.
 *
 * <p><b>Inverse-error weights</b> ({@link Combination#WEIGHTED}, the default). For a smooth
 * series every candidate whose backtest has a score competes, the baselines too (seasonal naive is
 * then a candidate like the others): candidate i gets the weight {@code (1 / s_i²) / sum_j (1 /
 * s_j²)}, s_i its backtest score averaged over the windows, and the forecast is the weighted mean
 * of the candidates' forecasts step by step; a candidate whose backtest failed gets no weight, and
 * candidates with a perfect score (0) share the whole weight. A candidate that backtests twice as
 * badly as another gets a quarter of its weight, so one poor member no longer drags the forecast
 * as in an equal-weight mean, while a near tie keeps the gain of combining. With a scaled score
 * (MASE, RMSSE) the weights are the scaled analogue of the inverse mean squared error weights of
 * Bates and Granger (1969); J. H. Stock and M. W. Watson, "Combination forecasts of output growth
 * in a seven-country data set", Journal of Forecasting 23(6), 2004, found such weights as good as
 * any more elaborate scheme. For an intermittent series the forecast is the equal-weight mean of
 * the best {@link SelectionOptions#combineTop()} candidates and the baselines stay out: combining
 * intermittent-demand methods with equal weights is robust where their errors are noisy
 * (F. Petropoulos and N. Kourentzes, "Forecast combinations for intermittent demand", Journal of
 * the Operational Research Society 66(6), 2015), and seasonal naive repeats last year's sporadic
 * orders rather than estimating the mean demand that stock levels need. The weights are reported
 * in the forecast's parameters ({@code weight_<candidate>}). Measured on the public datasets in
 * docs/benchmarks.md.
 *
 * <p><b>Quantiles.</b> If the chosen single model reports its own error variance ({@link
 * FittedForecaster#forecastVariance}), quantiles are normal with that variance ({@link
 * Intervals#normal}); otherwise they are empirical quantiles of the chosen forecast's backtest
 * errors per horizon ({@link Intervals#empirical}). The mean is clamped at 0 (demand is not
 * negative).
 *
 * <p><b>Components.</b> The forecast carries its mean split into additive parts ({@link
 * SeriesForecast#components()}): each member's own components ({@link
 * FittedForecaster#components}; a member without them, or whose components fail or do not add up
 * to its forecast, is one component {@link ForecastComponents#FORECAST}) times its weight in the
 * combination at each step (the inverse-error or equal weights, 1 for a single model, and for the
 * median and trimmed mean the step's middle or kept members, {@link #stepWeights}), named {@code
 * <member>.<component>}, with the weights per member; where the clamp at 0 lifted the mean, a
 * {@link ForecastComponents#FLOOR_AT_ZERO} component makes them add up to the published mean.
 *
 * <p>Selecting on a scaled error over rolling origins follows R. J. Hyndman and G. Athanasopoulos,
 * <i>Forecasting: Principles and Practice</i>, 3rd ed., OTexts, 2021, sections 5.8 and 5.10.
 *
 * <p>Instances are immutable, thread-safe and {@link Serializable} for use inside Beam {@code
 * DoFn}s.
 */
public final class ModelSelection implements Serializable {
  private static final long serialVersionUID = 2L;

  /** The id of a combined forecast in {@link SeriesForecast#model()} and accuracy entries. */
  public static final String COMBINATION = "combination";

  /**
   * Rolling origins of the default backtest where the history allows: eight windows half a
   * horizon apart span four and a half horizons. More windows steady the weights (on M4 Weekly
   * OWA 0.760 with two, 0.751 with six, 0.740 with eight; docs/benchmarks.md).
   */
  public static final int DEFAULT_WINDOWS = 8;

  /**
   * The largest share of a history the backtest windows may span for the candidates to be
   * refiltered ({@link Forecaster#refiltered}: one pass of the model's filter per window with the
   * whole-history estimates) rather than refitted. Reusing estimates that have seen the windows
   * makes the backtest optimistic, the more so the larger the share of the history the windows
   * hold; at a quarter or less, as in long weekly histories (M4 Weekly: 55 of about 1,000 weeks),
   * the weights barely move (OWA 0.742 either way) while eight windows cost a tenth of the time.
   * Shorter histories (M3, carparts) are refitted in every window.
   */
  public static final double REFILTER_SHARE = 0.25;

  private final List<Forecaster> candidates;
  private final List<Forecaster> intermittentCandidates;
  private final List<Forecaster> baselines;
  private final SelectionOptions options;

  /**
   * Creates a selection over general candidates only.
   *
   * @param candidates the methods to compare, in order of preference on ties; at least one, with
   *     distinct names; copied
   * @param options the seasonal period, horizon, backtest design, metric and combination
   * @throws NullPointerException if an argument or element is null
   * @throws IllegalArgumentException if {@code candidates} is empty or two candidates share a name
   */
  public ModelSelection(List<Forecaster> candidates, SelectionOptions options) {
    this(candidates, List.of(), options);
  }

  /**
   * Creates a selection.
   *
   * @param candidates the methods always compared, in order of preference on ties; at least one
   * @param intermittentCandidates methods added for intermittent series; may be empty
   * @param options the seasonal period, horizon, backtest design, metric and combination
   * @throws NullPointerException if an argument or element is null
   * @throws IllegalArgumentException if {@code candidates} is empty or two candidates (of either
   *     list) share a name
   */
  public ModelSelection(
      List<Forecaster> candidates,
      List<Forecaster> intermittentCandidates,
      SelectionOptions options) {
    this(candidates, intermittentCandidates, List.of(), options);
  }

  /**
   * Creates a selection with baselines: methods that are backtested like the candidates, so that
   * their accuracy is reported next to the chosen forecast's (for example seasonal naive as the
   * yardstick a planner knows), but are never chosen or combined.
   *
   * @param candidates the methods always compared, in order of preference on ties; at least one
   * @param intermittentCandidates methods added for intermittent series; may be empty
   * @param baselines methods only scored; may be empty
   * @param options the seasonal period, horizon, backtest design, metric and combination
   * @throws NullPointerException if an argument or element is null
   * @throws IllegalArgumentException if {@code candidates} is empty or two methods (of any list)
   *     share a name
   */
  public ModelSelection(
      List<Forecaster> candidates,
      List<Forecaster> intermittentCandidates,
      List<Forecaster> baselines,
      SelectionOptions options) {
    this.candidates = List.copyOf(candidates);
    this.intermittentCandidates = List.copyOf(intermittentCandidates);
    this.baselines = List.copyOf(baselines);
    this.options = Objects.requireNonNull(options, "options");
    if (this.candidates.isEmpty()) {
      throw new IllegalArgumentException("at least one candidate is needed");
    }
    Set<String> names = new HashSet<>();
    for (Forecaster candidate : allCandidates()) {
      if (!names.add(candidate.name())) {
        throw new IllegalArgumentException("two candidates are named " + candidate.name());
      }
    }
  }


  /**
   * Returns the default automatic selection for a seasonal period and horizon: {@link
   * #defaults(SelectionOptions)} compared on a {@code RollingOrigin(DEFAULT_WINDOWS, horizon, max(1,
   * horizon / 2))} backtest (fewer windows where the history is shorter), ranked by MASE, and
   * forecasting with {@link Combination#WEIGHTED} inverse-error weights (an intermittent series:
   * the mean of the best five).
   *
   * @param seasonalPeriod season length m in periods, at least 1
   * @param horizon periods to forecast, at least 1
   * @return the selection
   * @throws IllegalArgumentException if {@code seasonalPeriod < 1} or {@code horizon < 1}
   */
  public static ModelSelection defaults(int seasonalPeriod, int horizon) {
    return defaults(Seasonality.single(seasonalPeriod), horizon);
  }

  /**
   * Returns the default automatic selection for a calendar's seasonal periods and a horizon: as
   * {@link #defaults(int, int)} with the primary period, and with {@link Mstlf} among the
   * candidates when the calendar has several periods or one longer than ETS's seasonal forms
   * allow (see {@link #defaults(SelectionOptions)}).
   *
   * @param seasonality the calendar's seasonal periods (for example 7 and 365.25 for days)
   * @param horizon periods to forecast, at least 1
   * @return the selection
   * @throws NullPointerException if {@code seasonality} is null
   * @throws IllegalArgumentException if {@code horizon < 1}
   */
  public static ModelSelection defaults(Seasonality seasonality, int horizon) {
    return defaults(
        new SelectionOptions(
                seasonality.primary(),
                horizon,
                new RollingOrigin(DEFAULT_WINDOWS, horizon, Math.max(1, horizon / 2)))
            .withCombination(Combination.WEIGHTED, 5)
            .withSeasonality(seasonality));
  }

  /**
   * Returns the default candidates with the given settings: {@link Ets#auto}(m), {@link Theta}(m)
   * and {@link Arima}(m), m the primary seasonal period; {@link Mstlf} with every seasonal period
   * of {@link SelectionOptions#seasonality()} when there are several (7 and 365.25 for days, 24
   * and 168 for hours) or one is longer than the {@value Ets#MAX_SEASONAL_PERIOD} periods ETS's
   * seasonal forms allow (52.18 for weeks; ETS is then fitted without a season, as R's {@code
   * ets}): STL decomposition with ETS on the seasonally adjusted series is the usual answer to
   * long and multiple seasonal periods (Hyndman and Athanasopoulos, <i>Forecasting: Principles
   * and Practice</i>, 3rd ed., section 12.1; Bandara, Hyndman and Bergmeir 2022). For intermittent
   * series also Croston-SBA and TSB with optimised smoothing constants and the {@link
   * MovingAverage} of the last season (m periods, 12 when m = 1), a simple estimate of the mean
   * demand that holds its own on intermittent data (Syntetos and Boylan, "The accuracy of
   * intermittent demand estimates", IJF 21(2), 2005); {@link SeasonalNaive}(m) is the baseline,
   * a candidate like the others of a smooth series under {@link Combination#WEIGHTED}. Combining
   * ETS, Theta and ARIMA is the "SHD" combination that beat Theta on M3 (Makridakis, Spiliotis
   * and Assimakopoulos, "Statistical and machine learning forecasting methods: concerns and ways
   * forward", PLoS ONE 13(3), 2018).
   *
   * @param options the settings
   * @return the selection
   */
  public static ModelSelection defaults(SelectionOptions options) {
    int m = options.seasonalPeriod();
    List<Forecaster> general = new ArrayList<>(List.of(Ets.auto(m), new Theta(m), new Arima(m)));
    Seasonality seasonality = options.seasonality();
    if (seasonality.periods().size() > 1
        || seasonality.periods().stream().anyMatch(p -> p > Ets.MAX_SEASONAL_PERIOD)) {
      general.add(new Mstlf(seasonality));
    }
    return new ModelSelection(
        general,
        List.of(
            Croston.optimized(Croston.Variant.SBA),
            Tsb.optimized(),
            new MovingAverage(m > 1 ? m : 12)),
        List.of(new SeasonalNaive(m)),
        options);
  }


  /**
   * Returns the default selection with demand drivers: the candidates of {@link
   * #defaults(SelectionOptions)} and, after them, each general candidate on the driver-adjusted
   * series ({@link DriverAdjusted}: {@code ets_drivers}, {@code theta_drivers}, {@code
   * arima_drivers}, {@code mstlf_drivers} where MSTL + ETS is a candidate). The backtest and the
   * weights treat them as any candidate, so a series whose drivers do not help its backtest keeps
   * most of its weight on the unadjusted ones. Without columns (an empty {@code regressors}) it is
   * {@link #defaults(SelectionOptions)} exactly.
   *
   * @param options the settings
   * @param regressors the drivers of the series to forecast, period 0 its first period, covering
   *     its history and {@code options.horizon()} periods more (a selection per series: the
   *     columns are that series' dates)
   * @return the selection
   * @throws NullPointerException if an argument is null
   */
  public static ModelSelection defaults(SelectionOptions options, Regressors regressors) {
    Objects.requireNonNull(regressors, "regressors");
    ModelSelection plain = defaults(options);
    if (regressors.width() == 0) {
      return plain;
    }
    List<Forecaster> general = new ArrayList<>(plain.candidates);
    for (Forecaster candidate : plain.candidates) {
      general.add(
          new DriverAdjusted(candidate, regressors, options.seasonalPeriod(), DRIVERS_SUFFIX));
    }
    return new ModelSelection(general, plain.intermittentCandidates, plain.baselines, options);
  }

  /** The suffix of the driver-adjusted candidates' names: {@code ets_drivers}. */
  public static final String DRIVERS_SUFFIX = "drivers";

  /**
   * Returns this selection's candidates with other settings.
   *
   * @param newOptions the settings
   * @return a new selection
   */
  public ModelSelection withOptions(SelectionOptions newOptions) {
    return new ModelSelection(candidates, intermittentCandidates, baselines, newOptions);
  }

  /**
   * Returns the methods only scored, never chosen.
   *
   * @return an unmodifiable list, possibly empty
   */
  public List<Forecaster> baselines() {
    return baselines;
  }

  /**
   * Returns the general candidates.
   *
   * @return an unmodifiable list in candidate order
   */
  public List<Forecaster> candidates() {
    return candidates;
  }

  /**
   * Returns the candidates added for intermittent series.
   *
   * @return an unmodifiable list, possibly empty
   */
  public List<Forecaster> intermittentCandidates() {
    return intermittentCandidates;
  }

  /**
   * Returns the settings.
   *
   * @return the options
   */
  public SelectionOptions options() {
    return options;
  }

  /**
   * Returns the fewest observations {@link #forecast} accepts: the smallest {@link
   * Forecaster#minHistory()} of the general candidates (such a series is forecast by that
   * candidate without a backtest).
   *
   * @return at least 1
   */
  public int minHistory() {
    return candidates.stream().mapToInt(Forecaster::minHistory).min().orElseThrow();
  }

  /**
   * Backtests the candidates, picks or combines, and forecasts {@code options().horizon()}
   * periods.
   *
   * @param history one value per period (units per period), oldest first, finite, length at least
   *     {@link #minHistory()}; not mutated
   * @return the forecast with its quantiles, every candidate's backtest accuracy and provenance
   * @throws IllegalArgumentException if {@code history} is null, shorter than {@link #minHistory()}
   *     or non-finite
   * @throws ModelFitException if every candidate fails, with all failure messages
   */
  public SeriesForecast forecast(double[] history) {
    double[] y = Histories.validatedCopy("model selection", history, minHistory());
    int horizon = options.horizon();
    List<Forecaster> pool = new ArrayList<>(candidates);
    boolean intermittent = DemandClassification.isIntermittent(y);
    if (!intermittentCandidates.isEmpty() && intermittent) {
      pool.addAll(intermittentCandidates);
    }
    int eligible = pool.size(); // pool[eligible..] are baselines: scored, never ranked
    RollingOrigin design = design(y.length, pool);
    pool.addAll(baselines);
    if (options.combination() == Combination.POOL
        || (options.combination() == Combination.WEIGHTED && !intermittent)) {
      eligible = pool.size(); // the baselines compete too
    }
    String[] failures = new String[pool.size()];
    FittedForecaster[] fits = new FittedForecaster[pool.size()];
    double[][] means = new double[pool.size()][];
    BacktestResult[] backtests = new BacktestResult[pool.size()];
    for (int i = 0; i < pool.size(); i++) {
      Forecaster candidate = pool.get(i);
      if (candidate.minHistory() > y.length) {
        failures[i] =
            String.format(
                "needs %d periods, history has %d", candidate.minHistory(), y.length);
        continue;
      }
      try {
        FittedForecaster fitted = candidate.fit(y);
        double[] mean = fitted.forecast(horizon);
        if (Arrays.stream(mean).allMatch(Double::isFinite)) {
          fits[i] = fitted;
          means[i] = mean;
        } else {
          failures[i] = candidate.name() + ": non-finite forecast on the full history";
        }
      } catch (RuntimeException e) {
        failures[i] =
            "fit on the full history failed: "
                + Objects.requireNonNullElse(e.getMessage(), e.toString());
      }
    }
    boolean refilter = design != null && refilters(design, y.length);
    for (int i = 0; i < pool.size(); i++) {
      if (fits[i] == null) {
        continue;
      }
      Forecaster windows =
          refilter ? pool.get(i).refiltered(fits[i]) : pool.get(i).forBacktest(fits[i]);
      if (design == null || design.minLength(windows.minHistory()) > y.length) {
        failures[i] =
            design == null
                ? "history of " + y.length + " periods too short to backtest"
                : String.format(
                    "needs %d periods for %d backtest windows, history has %d",
                    design.minLength(windows.minHistory()), design.windows(), y.length);
        continue;
      }
      try {
        backtests[i] = Backtest.run(windows, y, design, options.seasonalPeriod());
        failures[i] = backtests[i].failure();
      } catch (RuntimeException e) {
        failures[i] = pool.get(i).name() + ": " + e;
      }
    }
    int[] ranking = ranking(Arrays.copyOf(backtests, eligible));

    Chosen chosen = null;
    BacktestResult combinationBacktest = null;
    if (ranking.length >= 2 && options.combination() == Combination.POOL) {
      int bestSize = 1;
      double bestScore = score(backtests[ranking[0]]);
      int largest = Math.min(options.combineTop(), ranking.length);
      for (int k = 2; k <= largest; k++) {
        BacktestResult pooled =
            combinedBacktest(y, backtests, Arrays.copyOf(ranking, k), Combination.MEAN);
        double s = score(pooled);
        if (s < bestScore) {
          bestScore = s;
          bestSize = k;
          combinationBacktest = pooled;
        }
      }
      if (bestSize >= 2) {
        int[] members = Arrays.copyOf(ranking, bestSize);
        chosen = combine(pool, members, fits, means, combinationBacktest, Combination.MEAN);
      }
    } else if (ranking.length >= 2 && options.combination() == Combination.WEIGHTED) {
      int[] members;
      double[] weights;
      if (intermittent) {
        members = Arrays.copyOf(ranking, Math.min(options.combineTop(), ranking.length));
        weights = new double[members.length];
        Arrays.fill(weights, 1.0 / members.length);
      } else {
        double[] keys = rankKeys(Arrays.copyOf(backtests, eligible));
        double[] all =
            inverseSquareWeights(Arrays.stream(ranking).mapToDouble(i -> keys[i]).toArray());
        members =
            IntStream.range(0, ranking.length)
                .filter(k -> all[k] > 0.0)
                .map(k -> ranking[k])
                .toArray();
        weights = Arrays.stream(all).filter(w -> w > 0.0).toArray();
      }
      if (members.length >= 2) {
        combinationBacktest =
            combinedBacktest(y, backtests, members, rows -> weightedMean(rows, weights));
        chosen = weighted(pool, members, weights, fits, means, combinationBacktest);
      }
    } else if (ranking.length >= 2 && options.combination() != Combination.NONE) {
      int[] members = Arrays.copyOf(ranking, Math.min(options.combineTop(), ranking.length));
      combinationBacktest = combinedBacktest(y, backtests, members, memberRule());
      boolean use =
          options.combination() != Combination.AUTO
              || score(combinationBacktest) < score(backtests[ranking[0]]);
      if (use) {
        chosen = combine(pool, members, fits, means, combinationBacktest, memberRule());
      }
    }
    if (chosen == null) {
      int best = ranking.length > 0 ? ranking[0] : firstFitted(Arrays.copyOf(fits, eligible));
      if (best >= 0) {
        Forecaster candidate = pool.get(best);
        chosen =
            new Chosen(
                best,
                candidate.name(),
                candidate.spec(),
                means[best],
                fits[best].parameters(),
                fits[best].forecastVariance(horizon),
                backtests[best],
                combinedComponents(
                    pool, new int[] {best}, fits, means, constantWeights(new double[] {1.0},
                        horizon)));
      }
    }
    if (chosen == null) {
      throw new ModelFitException(
          String.format(
              "every candidate failed on a series of length %d: %s",
              y.length,
              IntStream.range(0, pool.size())
                  .mapToObj(i -> pool.get(i).name() + ": " + failures[i])
                  .collect(Collectors.joining("; "))));
    }
    return result(y, pool, backtests, failures, combinationBacktest, chosen, design);
  }

  /**
   * Whether the backtest windows reuse the whole-history estimates ({@link Forecaster#refiltered})
   * rather than refit ({@link Forecaster#forBacktest}): when the windows' test periods, {@code
   * horizon + (windows - 1) * step}, are at most {@link #REFILTER_SHARE} of the history.
   *
   * @param design the backtest design
   * @param length the history's length
   * @return true to refilter
   */
  static boolean refilters(RollingOrigin design, int length) {
    long span = design.horizon() + (long) (design.windows() - 1) * design.step();
    return span <= REFILTER_SHARE * length;
  }

  /**
   * The final model: its id, spec, mean, parameters, own variance, backtest and the components of
   * its mean (before the clamp at 0).
   */
  private record Chosen(
      int index,
      String model,
      String spec,
      double[] mean,
      Map<String, Double> parameters,
      Optional<double[]> variance,
      BacktestResult backtest,
      ForecastComponents components) {}

  /**
   * A member's own components ({@link FittedForecaster#components}), or its whole forecast as one
   * component {@link ForecastComponents#FORECAST} when it has none, when they fail, or when they
   * do not add up to its forecast (to 1e-9 of the components' absolute sum, plus 1e-9).
   */
  static ForecastComponents memberComponents(FittedForecaster fit, double[] mean) {
    int horizon = mean.length;
    try {
      Optional<ForecastComponents> own = fit.components(horizon);
      if (own.isPresent() && own.get().horizon() == horizon && !own.get().isEmpty()) {
        double[] total = own.get().total();
        double[] magnitude = new double[horizon];
        for (double[] series : own.get().values().values()) {
          for (int h = 0; h < horizon; h++) {
            magnitude[h] += Math.abs(series[h]);
          }
        }
        boolean adds = true;
        for (int h = 0; h < horizon; h++) {
          adds &= Math.abs(total[h] - mean[h]) <= 1e-9 * (1.0 + magnitude[h]);
        }
        if (adds) {
          return own.get();
        }
      }
    } catch (RuntimeException e) {
      // no decomposition: the whole forecast is one component
    }
    return ForecastComponents.single(ForecastComponents.FORECAST, mean);
  }

  /** One weight per member, the same at every step. */
  private static double[][] constantWeights(double[] weights, int horizon) {
    double[][] w = new double[weights.length][horizon];
    for (int k = 0; k < weights.length; k++) {
      Arrays.fill(w[k], weights[k]);
    }
    return w;
  }

  /**
   * The components of a combination: each member's components ({@link #memberComponents}) times
   * its weight at each step, named {@code <member>.<component>}, and the members' weights; a
   * member whose weight is 0 at every step is left out.
   *
   * @param weights {@code [member][step]}, summing to 1 over the members at each step
   */
  private ForecastComponents combinedComponents(
      List<Forecaster> pool,
      int[] members,
      FittedForecaster[] fits,
      double[][] means,
      double[][] weights) {
    int horizon = options.horizon();
    ForecastComponents.Builder b = ForecastComponents.builder(horizon);
    for (int k = 0; k < members.length; k++) {
      double[] w = weights[k];
      if (Arrays.stream(w).allMatch(v -> v == 0.0)) {
        continue;
      }
      String name = pool.get(members[k]).name();
      b.weight(name, w);
      ForecastComponents own = memberComponents(fits[members[k]], means[members[k]]);
      for (Map.Entry<String, double[]> e : own.values().entrySet()) {
        double[] part = e.getValue();
        for (int h = 0; h < horizon; h++) {
          part[h] *= w[h];
        }
        b.addTo(name + ForecastComponents.SEPARATOR + e.getKey(), part);
      }
    }
    return b.build();
  }

  /**
   * The weight of each forecast at each step in {@link #combine(Combination, double[][])}: 1 /
   * n for the mean; 1 for the middle forecast of the median (1/2 each for the two middle ones of
   * an even count); 1 / (n - 2) for each forecast the trimmed mean keeps. Ties are broken as the
   * sort leaves them, which does not change the combined value.
   *
   * @return {@code [forecast][step]}
   */
  static double[][] stepWeights(Combination rule, double[][] forecasts) {
    int n = forecasts.length;
    int horizon = forecasts[0].length;
    double[][] w = new double[n][horizon];
    for (int h = 0; h < horizon; h++) {
      int step = h;
      Integer[] order = new Integer[n];
      for (int k = 0; k < n; k++) {
        order[k] = k;
      }
      Arrays.sort(order, Comparator.comparingDouble(k -> forecasts[k][step]));
      switch (rule) {
        case MEDIAN, AUTO -> {
          if (n % 2 == 1) {
            w[order[n / 2]][h] = 1.0;
          } else {
            w[order[n / 2 - 1]][h] = 0.5;
            w[order[n / 2]][h] = 0.5;
          }
        }
        case TRIMMED_MEAN -> {
          if (n >= 3) {
            for (int i = 1; i < n - 1; i++) {
              w[order[i]][h] = 1.0 / (n - 2);
            }
          } else {
            for (int k = 0; k < n; k++) {
              w[k][h] = 1.0 / n;
            }
          }
        }
        case MEAN, NONE, POOL, WEIGHTED -> {
          for (int k = 0; k < n; k++) {
            w[k][h] = 1.0 / n;
          }
        }
      }
    }
    return w;
  }

  /** The first candidate, in candidate order, that fitted the whole history; -1 if none did. */
  private static int firstFitted(FittedForecaster[] fits) {
    for (int i = 0; i < fits.length; i++) {
      if (fits[i] != null) {
        return i;
      }
    }
    return -1;
  }

  /** The combination of the members' forecasts from the whole history. */
  private Chosen combine(
      List<Forecaster> pool,
      int[] members,
      FittedForecaster[] fits,
      double[][] means,
      BacktestResult backtest,
      Combination rule) {
    double[][] forecasts = new double[members.length][];
    List<String> specs = new ArrayList<>();
    for (int k = 0; k < members.length; k++) {
      forecasts[k] = means[members[k]];
      specs.add(pool.get(members[k]).spec());
    }
    Map<String, Double> parameters = new LinkedHashMap<>();
    parameters.put("members", (double) members.length);
    return new Chosen(
        -1,
        COMBINATION,
        rule.name().toLowerCase(Locale.ROOT) + "(" + String.join(", ", specs) + ")",
        combine(rule, forecasts),
        parameters,
        Optional.empty(),
        backtest,
        combinedComponents(pool, members, fits, means, stepWeights(rule, forecasts)));
  }

  /**
   * Inverse-square weights of the ranking keys, summing to 1: {@code (1 / k_i²) / sum_j (1 /
   * k_j²)}; a non-finite key gets 0, and when some keys are 0 they share the weight equally.
   *
   * @param keys backtest scores, at least one finite
   * @return one weight per key, same order
   */
  static double[] inverseSquareWeights(double[] keys) {
    double[] w = new double[keys.length];
    boolean perfect = Arrays.stream(keys).anyMatch(k -> k == 0.0);
    for (int i = 0; i < keys.length; i++) {
      if (perfect) {
        w[i] = keys[i] == 0.0 ? 1.0 : 0.0;
      } else if (Double.isFinite(keys[i]) && keys[i] > 0.0) {
        w[i] = 1.0 / (keys[i] * keys[i]);
      }
    }
    double total = Arrays.stream(w).sum();
    for (int i = 0; i < w.length; i++) {
      w[i] /= total;
    }
    return w;
  }

  /** The weighted mean of the members' forecasts from the whole history. */
  private Chosen weighted(
      List<Forecaster> pool,
      int[] members,
      double[] weights,
      FittedForecaster[] fits,
      double[][] means,
      BacktestResult backtest) {
    double[][] forecasts = new double[members.length][];
    List<String> specs = new ArrayList<>();
    Map<String, Double> parameters = new LinkedHashMap<>();
    parameters.put("members", (double) members.length);
    for (int k = 0; k < members.length; k++) {
      forecasts[k] = means[members[k]];
      Forecaster member = pool.get(members[k]);
      specs.add(String.format(Locale.ROOT, "%.3f %s", weights[k], member.spec()));
      parameters.put("weight_" + member.name(), weights[k]);
    }
    return new Chosen(
        -1,
        COMBINATION,
        "weighted(" + String.join(", ", specs) + ")",
        weightedMean(forecasts, weights),
        parameters,
        Optional.empty(),
        backtest,
        combinedComponents(
            pool, members, fits, means, constantWeights(normalised(weights), options.horizon())));
  }

  /** Weights divided by their sum, as {@link #weightedMean} applies them. */
  private static double[] normalised(double[] weights) {
    double total = Arrays.stream(weights).sum();
    return Arrays.stream(weights).map(w -> w / total).toArray();
  }

  /**
   * The weighted mean of forecasts step by step.
   *
   * @param forecasts one row per model, all of length h
   * @param weights one non-negative weight per row, not all 0
   * @return the combined forecast, length h
   */
  static double[] weightedMean(double[][] forecasts, double[] weights) {
    double total = Arrays.stream(weights).sum();
    double[] combined = new double[forecasts[0].length];
    for (int k = 0; k < forecasts.length; k++) {
      for (int h = 0; h < combined.length; h++) {
        combined[h] += weights[k] / total * forecasts[k][h];
      }
    }
    return combined;
  }


  /** How the members of a fixed combination are combined: AUTO combines by the median. */
  private Combination memberRule() {
    return options.combination() == Combination.AUTO ? Combination.MEDIAN : options.combination();
  }

  /** The members' backtest forecasts combined window by window, scored like a candidate. */
  private BacktestResult combinedBacktest(
      double[] y, BacktestResult[] backtests, int[] members, Combination rule) {
    return combinedBacktest(y, backtests, members, rows -> combine(rule, rows));
  }

  /**
   * The members' backtest forecasts combined window by window by {@code combiner} (one row per
   * member, in {@code members} order), scored like a candidate.
   */
  private BacktestResult combinedBacktest(
      double[] y,
      BacktestResult[] backtests,
      int[] members,
      java.util.function.Function<double[][], double[]> combiner) {
    int windows = backtests[members[0]].forecasts().length;
    double[][] combined = new double[windows][];
    for (int w = 0; w < windows; w++) {
      double[][] rows = new double[members.length][];
      for (int k = 0; k < members.length; k++) {
        rows[k] = backtests[members[k]].forecasts()[w];
      }
      combined[w] = combiner.apply(rows);
    }
    return Backtest.evaluate(
        COMBINATION, y, backtests[members[0]].origins(), combined, options.seasonalPeriod());
  }


  /**
   * Combines forecasts step by step.
   *
   * @param rule {@link Combination#MEDIAN}, {@link Combination#MEAN} or {@link
   *     Combination#TRIMMED_MEAN} (which falls back to the mean below 3 forecasts)
   * @param forecasts one row per model, all of the same length h
   * @return the combined forecast, length h
   */
  static double[] combine(Combination rule, double[][] forecasts) {
    int horizon = forecasts[0].length;
    double[] combined = new double[horizon];
    double[] column = new double[forecasts.length];
    for (int h = 0; h < horizon; h++) {
      for (int k = 0; k < forecasts.length; k++) {
        column[k] = forecasts[k][h];
      }
      Arrays.sort(column);
      int n = column.length;
      combined[h] =
          switch (rule) {
            case MEDIAN, AUTO ->
                n % 2 == 1 ? column[n / 2] : 0.5 * (column[n / 2 - 1] + column[n / 2]);
            case TRIMMED_MEAN ->
                n >= 3
                    ? Arrays.stream(column, 1, n - 1).average().orElseThrow()
                    : Arrays.stream(column).average().orElseThrow();
            case MEAN, NONE, POOL, WEIGHTED -> Arrays.stream(column).average().orElseThrow();
          };
    }
    return combined;
  }

  private SeriesForecast result(
      double[] y,
      List<Forecaster> pool,
      BacktestResult[] backtests,
      String[] failures,
      BacktestResult combinationBacktest,
      Chosen chosen,
      RollingOrigin design) {
    int horizon = options.horizon();
    double[] mean = chosen.mean().clone();
    double[] floor = new double[horizon];
    boolean clamped = false;
    for (int h = 0; h < horizon; h++) {
      if (mean[h] < 0.0) {
        floor[h] = -mean[h];
        clamped = true;
      }
      mean[h] = Math.max(0.0, mean[h]);
    }
    ForecastComponents components = chosen.components();
    if (clamped) {
      ForecastComponents.Builder b = ForecastComponents.builder(horizon);
      components.values().forEach(b::add);
      components.weights().forEach(b::weight);
      components = b.add(ForecastComponents.FLOOR_AT_ZERO, floor).build();
    }
    double[][] errors =
        chosen.backtest() == null ? new double[0][] : truncate(chosen.backtest().errors(), horizon);
    double[] sd;
    double[] p10;
    double[] p50;
    double[] p90;
    String intervals;
    if (chosen.variance().isPresent() && valid(chosen.variance().get())) {
      double[] variance = chosen.variance().get();
      sd = Arrays.stream(variance).map(Math::sqrt).toArray();
      p10 = Intervals.normal(mean, variance, Intervals.P10);
      p50 = Intervals.normal(mean, variance, Intervals.P50);
      p90 = Intervals.normal(mean, variance, Intervals.P90);
      intervals = SeriesForecast.MODEL_INTERVALS;
    } else if (errors.length > 0) {
      sd = Intervals.sigma(errors, horizon);
      p10 = Intervals.empirical(mean, errors, Intervals.P10);
      p50 = Intervals.empirical(mean, errors, Intervals.P50);
      p90 = Intervals.empirical(mean, errors, Intervals.P90);
      intervals = SeriesForecast.EMPIRICAL_INTERVALS;
    } else {
      // no backtest and no model variance: a random walk's spread, sd_h = s * sqrt(h)
      double[] variance = randomWalkVariance(y, horizon);
      sd = Arrays.stream(variance).map(Math::sqrt).toArray();
      p10 = Intervals.normal(mean, variance, Intervals.P10);
      p50 = Intervals.normal(mean, variance, Intervals.P50);
      p90 = Intervals.normal(mean, variance, Intervals.P90);
      intervals = SeriesForecast.MODEL_INTERVALS;
    }
    // quantiles ordered even where an empirical median error exceeds a tail's
    for (int h = 0; h < horizon; h++) {
      p50[h] = Math.min(Math.max(p50[h], p10[h]), p90[h]);
    }

    List<ModelAccuracy> accuracy = new ArrayList<>();
    for (int i = 0; i < pool.size(); i++) {
      accuracy.add(accuracy(pool.get(i).name(), backtests[i], failures[i], i == chosen.index()));
    }
    if (combinationBacktest != null) {
      accuracy.add(accuracy(COMBINATION, combinationBacktest, null, chosen.index() < 0));
    }
    return new SeriesForecast(
        chosen.model(),
        mean,
        p10,
        p50,
        p90,
        sd,
        chosen.parameters(),
        accuracy,
        new SeriesForecast.Provenance(
            chosen.spec(), y.length, intervals, design == null ? 0 : design.windows()),
        errors,
        components);
  }

  private static ModelAccuracy accuracy(
      String model, BacktestResult backtest, String failure, boolean selected) {
    double nan = Double.NaN;
    if (backtest == null || backtest.failed()) {
      return new ModelAccuracy(model, nan, nan, nan, nan, nan, 0, selected, selected ? null : failure);
    }
    return new ModelAccuracy(
        model,
        backtest.mase(),
        backtest.rmsse(),
        backtest.smape(),
        backtest.bias(),
        backtest.coverage(),
        backtest.forecasts().length,
        selected,
        selected ? null : failure);
  }

  private static boolean valid(double[] variance) {
    return Arrays.stream(variance).allMatch(v -> v >= 0.0 && Double.isFinite(v));
  }

  private static double[] randomWalkVariance(double[] y, int horizon) {
    double sum = 0.0;
    for (int t = 1; t < y.length; t++) {
      double d = y[t] - y[t - 1];
      sum += d * d;
    }
    double s2 = y.length > 1 ? sum / (y.length - 1) : 0.0;
    double[] variance = new double[horizon];
    for (int h = 0; h < horizon; h++) {
      variance[h] = s2 * (h + 1);
    }
    return variance;
  }

  private static double[][] truncate(double[][] errors, int horizon) {
    double[][] rows = new double[errors.length][];
    for (int w = 0; w < errors.length; w++) {
      rows[w] = Arrays.copyOf(errors[w], horizon);
    }
    return rows;
  }

  /**
   * The backtest design for a series: the configured windows if every candidate fits, else fewer;
   * one window with the candidates that fit; or null when none fits one window.
   */
  private RollingOrigin design(int length, List<Forecaster> pool) {
    RollingOrigin base = options.backtest();
    for (int w = base.windows(); w >= 1; w--) {
      RollingOrigin d = new RollingOrigin(w, base.horizon(), base.step());
      if (pool.stream().allMatch(c -> d.minLength(c.minHistory()) <= length)) {
        return d;
      }
    }
    RollingOrigin one = new RollingOrigin(1, base.horizon(), base.step());
    return pool.stream().anyMatch(c -> one.minLength(c.minHistory()) <= length) ? one : null;
  }

  private double score(BacktestResult r) {
    return switch (options.metric()) {
      case MASE -> r.mase();
      case RMSSE -> r.rmsse();
      case SMAPE -> r.smape();
    };
  }

  /** Candidates whose backtest succeeded, best first; by MAE when no score is defined. */
  private int[] ranking(BacktestResult[] backtests) {
    double[] keys = rankKeys(backtests);
    return IntStream.range(0, backtests.length)
        .filter(i -> backtests[i] != null && !backtests[i].failed())
        .boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> keys[i]).thenComparing(i -> i))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /**
   * Each candidate's ranking key: its backtest score, or its MAE when no candidate has a score;
   * positive infinity for a failed backtest or an undefined value.
   */
  private double[] rankKeys(BacktestResult[] backtests) {
    boolean anyScore =
        Arrays.stream(backtests)
            .anyMatch(b -> b != null && !b.failed() && !Double.isNaN(score(b)));
    double[] keys = new double[backtests.length];
    for (int i = 0; i < keys.length; i++) {
      BacktestResult b = backtests[i];
      double s = b == null || b.failed() ? Double.NaN : anyScore ? score(b) : b.mae();
      keys[i] = Double.isNaN(s) ? Double.POSITIVE_INFINITY : s;
    }
    return keys;
  }

  private List<Forecaster> allCandidates() {
    List<Forecaster> all = new ArrayList<>(candidates);
    all.addAll(intermittentCandidates);
    all.addAll(baselines);
    return all;
  }

  @Override
  public String toString() {
    return "ModelSelection[candidates="
        + candidates
        + ", intermittentCandidates="
        + intermittentCandidates
        + ", baselines="
        + baselines
        + ", options="
        + options
        + "]";
  }
}
