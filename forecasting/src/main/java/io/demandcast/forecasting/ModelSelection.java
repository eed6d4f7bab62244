package io.demandcast.forecasting;

import io.demandcast.forecasting.backtest.Backtest;
import io.demandcast.forecasting.backtest.BacktestResult;
import io.demandcast.forecasting.backtest.RollingOrigin;
import io.demandcast.forecasting.models.CrostonSba;
import io.demandcast.forecasting.models.LagRidgeRegression;
import io.demandcast.forecasting.models.SeasonalNaive;
import io.demandcast.forecasting.models.SmileAutoregressive;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Chooses, per series, the candidate {@link Forecaster} with the best rolling-origin backtest and
 * forecasts with it, adding p10/p50/p90 quantiles from that candidate's backtest errors.
 *
 * <p>Selection: every candidate is backtested with {@link Backtest#run}; among the candidates that
 * did not fail, the lowest backtest MASE wins; if no candidate has a defined MASE (every training
 * window is constant), the lowest MAE over all backtest windows and steps wins instead. Ties keep
 * candidate order. The winner is refitted on the full history; should that refit fail with {@link
 * ModelFitException}, the next candidate in the ranking is used and the failure is recorded in its
 * {@link ModelAccuracy}. The mean is clamped at 0 and the quantiles come from {@link
 * Intervals#quantile}. Selecting on a scaled error over rolling origins follows R. J. Hyndman and
 * G. Athanasopoulos, <i>Forecasting: Principles and Practice</i>, 3rd ed., OTexts, 2021, sections
 * 5.8 and 5.10.
 *
 * <p>Instances are immutable, thread-safe and {@link Serializable} for use inside Beam {@code
 * DoFn}s.
 */
public final class ModelSelection implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The candidates in order of preference on ties, unmodifiable. */
  private final List<Forecaster> candidates;

  /** Seasonal period, horizon and backtest design. */
  private final SelectionOptions options;

  /**
   * Creates a selection over the given candidates.
   *
   * @param candidates the methods to compare, in order of preference on ties; at least one, with
   *     distinct names; copied
   * @param options the seasonal period, horizon and backtest design
   * @throws NullPointerException if {@code candidates}, an element of it, or {@code options} is
   *     null
   * @throws IllegalArgumentException if {@code candidates} is empty or two candidates share a name
   */
  public ModelSelection(List<Forecaster> candidates, SelectionOptions options) {
    this.candidates = List.copyOf(candidates);
    this.options = Objects.requireNonNull(options, "options");
    if (this.candidates.isEmpty()) {
      throw new IllegalArgumentException("at least one candidate is needed");
    }
    Set<String> names = new HashSet<>();
    for (Forecaster candidate : this.candidates) {
      if (!names.add(candidate.name())) {
        throw new IllegalArgumentException("two candidates are named " + candidate.name());
      }
    }
  }

  /**
   * Returns the default selection: {@link SeasonalNaive}(m), {@link SmileAutoregressive} with
   * maximum order {@code min(12, max(3, m))}, {@link CrostonSba#optimized()} and {@link
   * LagRidgeRegression#forPeriod}(m), compared on a {@code RollingOrigin(3, horizon, 3)} backtest.
   *
   * @param seasonalPeriod season length m in periods, at least 1
   * @param horizon periods to forecast, at least 1
   * @return the selection
   * @throws IllegalArgumentException if {@code seasonalPeriod < 1} or {@code horizon < 1}
   */
  public static ModelSelection defaults(int seasonalPeriod, int horizon) {
    SelectionOptions options =
        new SelectionOptions(seasonalPeriod, horizon, new RollingOrigin(3, horizon, 3));
    return new ModelSelection(
        List.of(
            new SeasonalNaive(seasonalPeriod),
            new SmileAutoregressive(Math.min(12, Math.max(3, seasonalPeriod))),
            CrostonSba.optimized(),
            LagRidgeRegression.forPeriod(seasonalPeriod)),
        options);
  }

  /**
   * Returns the candidates.
   *
   * @return an unmodifiable list in candidate order
   */
  public List<Forecaster> candidates() {
    return candidates;
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
   * Returns the history length needed so that the first backtest window trains on at least {@code
   * max(2 * seasonalPeriod, max of the candidates' minHistory())} observations.
   *
   * @return the fewest observations {@link #forecast(double[])} accepts
   */
  public int minHistory() {
    int minTrain = 2 * options.seasonalPeriod();
    for (Forecaster candidate : candidates) {
      minTrain = Math.max(minTrain, candidate.minHistory());
    }
    return options.backtest().minLength(minTrain);
  }

  /**
   * Backtests every candidate, picks one and forecasts {@code options().horizon()} periods.
   *
   * @param history one value per period (units per period), oldest first, finite, length at least
   *     {@link #minHistory()}; not mutated
   * @return the chosen model's mean and p10/p50/p90 forecasts with every candidate's accuracy
   * @throws IllegalArgumentException if {@code history} is null, shorter than {@link #minHistory()}
   *     or non-finite
   * @throws ModelFitException if every candidate fails, with all failure messages
   */
  public SeriesForecast forecast(double[] history) {
    double[] y = Histories.validatedCopy("model selection", history, minHistory());
    List<BacktestResult> backtests = new ArrayList<>();
    for (Forecaster candidate : candidates) {
      backtests.add(Backtest.run(candidate, y, options.backtest(), options.seasonalPeriod()));
    }
    String[] failures = backtests.stream().map(BacktestResult::failure).toArray(String[]::new);

    int chosen = -1;
    double[] mean = null;
    Map<String, Double> parameters = null;
    for (int i : ranking(backtests)) {
      try {
        FittedForecaster fitted = candidates.get(i).fit(y);
        mean = fitted.forecast(options.horizon());
        if (Arrays.stream(mean).allMatch(Double::isFinite)) {
          chosen = i;
          parameters = fitted.parameters();
          break;
        }
        failures[i] = candidates.get(i).name() + ": non-finite forecast on the full history";
      } catch (ModelFitException e) {
        failures[i] =
            "refit on the full history failed: "
                + Objects.requireNonNullElse(e.getMessage(), e.toString());
      }
    }
    if (chosen < 0) {
      throw new ModelFitException(
          String.format(
              "every candidate failed on a series of length %d: %s",
              y.length, Arrays.stream(failures).collect(Collectors.joining("; "))));
    }

    for (int h = 0; h < mean.length; h++) {
      mean[h] = Math.max(0.0, mean[h]);
    }
    double[][] errors = backtests.get(chosen).errors();
    List<ModelAccuracy> accuracy = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      BacktestResult r = backtests.get(i);
      accuracy.add(
          new ModelAccuracy(
              r.model(),
              r.mase(),
              r.rmsse(),
              r.smape(),
              r.bias(),
              r.coverage(),
              r.forecasts().length,
              i == chosen,
              failures[i]));
    }
    return new SeriesForecast(
        candidates.get(chosen).name(),
        mean,
        Intervals.quantile(mean, errors, Intervals.P10),
        Intervals.quantile(mean, errors, Intervals.P50),
        Intervals.quantile(mean, errors, Intervals.P90),
        Intervals.sigma(errors, mean.length),
        parameters,
        accuracy);
  }

  /**
   * Orders the candidates whose backtest succeeded: by MASE if any is defined (undefined last),
   * otherwise by MAE; ties in candidate order.
   */
  private static int[] ranking(List<BacktestResult> backtests) {
    boolean anyMase = backtests.stream().anyMatch(r -> !r.failed() && !Double.isNaN(r.mase()));
    Comparator<Integer> byScore =
        Comparator.comparingDouble(i -> anyMase ? backtests.get(i).mase() : backtests.get(i).mae());
    return IntStream.range(0, backtests.size())
        .filter(i -> !backtests.get(i).failed())
        .boxed()
        .sorted(byScore.thenComparing(Comparator.naturalOrder()))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  @Override
  public String toString() {
    return "ModelSelection[candidates=" + candidates + ", options=" + options + "]";
  }
}
