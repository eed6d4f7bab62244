package io.demandcast.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.forecasting.backtest.RollingOrigin;
import io.demandcast.forecasting.models.SeasonalNaive;
import io.demandcast.forecasting.models.SmileAutoregressive;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModelSelectionTest {
  private static final double Z90 = 1.2815515655446004;

  /** A monthly retail-like profile with a December spike, times noise. */
  private static double[] seasonal(long seed, int years) {
    double[] profile = {50, 60, 55, 70, 90, 150, 200, 180, 120, 80, 60, 300};
    Random random = new Random(seed);
    double[] y = new double[12 * years];
    for (int t = 0; t < y.length; t++) {
      y[t] = Math.max(0.0, profile[t % 12] * (1.0 + 0.05 * random.nextGaussian()));
    }
    return y;
  }

  /** Demand occurs with probability 0.3, sizes uniform on 1..6. */
  private static double[] intermittent(long seed, int n) {
    Random random = new Random(seed);
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      y[t] = random.nextDouble() < 0.3 ? 1 + random.nextInt(6) : 0.0;
    }
    return y;
  }

  /** Level 40 with unit-root noise and a slight trend, floored at 0. */
  private static double[] randomWalk(long seed, int n) {
    Random random = new Random(seed);
    double[] y = new double[n];
    double level = 40.0;
    for (int t = 0; t < n; t++) {
      level = Math.max(0.0, level + 0.2 + 4.0 * random.nextGaussian());
      y[t] = level;
    }
    return y;
  }

  private static ModelAccuracy accuracyOf(SeriesForecast forecast, String model) {
    return forecast.accuracy().stream()
        .filter(a -> a.model().equals(model))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void givenShortSeries_whenForecast_thenFewerWindowsOrNoBacktestButStillAForecast() {
    ModelSelection selection =
        new ModelSelection(
            List.of(new SeasonalNaive(1), new TestForecaster("needs_ten", Integer.MAX_VALUE, 3.0, 10)),
            new SelectionOptions(1, 4, new RollingOrigin(3, 4, 2)));
    // 3 windows need 10 + 4 + 2 * 2 = 18 periods for needs_ten; 16 periods give 2 windows (16)
    SeriesForecast two = selection.forecast(randomWalk(1L, 16));
    assertThat(two.provenance().backtestWindows()).isEqualTo(2);
    assertThat(two.accuracy()).allSatisfy(a -> assertThat(a.windows()).isEqualTo(2));
    // 12 periods: one window fits seasonal_naive only (needs_ten needs 14)
    SeriesForecast one = selection.forecast(randomWalk(2L, 12));
    assertThat(one.provenance().backtestWindows()).isEqualTo(1);
    assertThat(accuracyOf(one, "needs_ten").failure()).contains("needs 14 periods");
    assertThat(one.model()).isEqualTo("seasonal_naive");
    // 4 periods: no window fits anyone; the first candidate that fits the history is used
    SeriesForecast none = selection.forecast(new double[] {5, 6, 7, 8});
    assertThat(none.provenance().backtestWindows()).isZero();
    assertThat(none.model()).isEqualTo("seasonal_naive");
    assertThat(none.mean()).containsExactly(8, 8, 8, 8);
    // random-walk spread: first differences all 1, so sd_h = sqrt(h)
    assertThat(none.sd()[3]).isCloseTo(2.0, within(1e-12));
    assertThat(none.provenance().intervals()).isEqualTo(SeriesForecast.MODEL_INTERVALS);
  }

  @Test
  void givenStronglySeasonalSeries_whenForecast_thenCombinationOfSmoothModelsAndNoCroston() {
    SeriesForecast forecast = ModelSelection.defaults(12, 12).forecast(seasonal(42L, 8));
    assertThat(forecast.accuracy()).extracting(ModelAccuracy::model).doesNotContain("croston_sba");
    // the default forecast weights ETS, Theta, ARIMA and seasonal naive by their backtests
    assertThat(forecast.model()).isEqualTo(ModelSelection.COMBINATION);
    assertThat(forecast.provenance().spec())
        .startsWith("weighted(")
        .contains("ets(auto, m=12", "theta(m=12)", "arima(m=12", "seasonal_naive");
    assertThat(forecast.accuracy())
        .extracting(ModelAccuracy::model)
        .containsExactly("ets", "theta", "arima", "seasonal_naive", ModelSelection.COMBINATION);
    // eight rolling origins fit into eight years of monthly history with h = 12, step 6
    assertThat(forecast.provenance().backtestWindows()).isEqualTo(ModelSelection.DEFAULT_WINDOWS);
    // weights sum to 1, and the lower a candidate's backtest MASE, the higher its weight
    Map<String, Double> parameters = forecast.parameters();
    List<String> members = List.of("ets", "theta", "arima", "seasonal_naive");
    assertThat(members.stream().mapToDouble(n -> parameters.get("weight_" + n)).sum())
        .isCloseTo(1.0, within(1e-12));
    for (String a : members) {
      for (String b : members) {
        if (accuracyOf(forecast, a).mase() < accuracyOf(forecast, b).mase()) {
          assertThat(parameters.get("weight_" + a)).isGreaterThan(parameters.get("weight_" + b));
        }
      }
    }
    assertThat(forecast.accuracy()).allSatisfy(a -> assertThat(a.failure()).isNull());
    // The December spike (profile 300) must show up in the 12th step, well above the mean level.
    assertThat(forecast.mean()[11]).isGreaterThan(200.0);
  }

  @Test
  void givenIntermittentSeries_whenForecast_thenCrostonBacktestMaseIsDefined() {
    SeriesForecast forecast = ModelSelection.defaults(1, 6).forecast(intermittent(5L, 60));
    ModelAccuracy croston = accuracyOf(forecast, "croston_sba");
    assertThat(croston.failure()).isNull();
    assertThat(croston.mase()).isFinite().isPositive();
    // 60 periods hold the default eight rolling origins of horizon 6, 3 apart
    assertThat(croston.windows()).isEqualTo(ModelSelection.DEFAULT_WINDOWS);
    assertThat(accuracyOf(forecast, "tsb").failure()).isNull();
  }

  @Test
  void givenConstantTrainingWindows_whenForecast_thenLowestMaeWinsBecauseMaseIsUndefined() {
    // 36 zeros then 5, 5, 5, 5. RollingOrigin(3, 4, 1) gives origins 34, 35, 36: every training
    // part is all zeros, so every MASE scale is 0 and selection falls back to MAE.
    double[] history = new double[40];
    Arrays.fill(history, 36, 40, 5.0);
    ModelSelection selection =
        new ModelSelection(
            List.of(new SeasonalNaive(1), new TestForecaster("constant", Integer.MAX_VALUE, 3.0)),
            new SelectionOptions(1, 4, new RollingOrigin(3, 4, 1)));
    SeriesForecast forecast = selection.forecast(history);
    // Actuals per window: (0,0,5,5), (0,5,5,5), (5,5,5,5).
    // Naive forecasts 0: MAE = (10 + 15 + 20) / 12 = 3.75. Constant 3: MAE = (10 + 9 + 8) / 12 =
    // 2.25.
    assertThat(forecast.model()).isEqualTo("constant");
    assertThat(forecast.accuracy()).allSatisfy(a -> assertThat(a.mase()).isNaN());
    assertThat(forecast.mean()).containsExactly(3, 3, 3, 3);
    // Constant model errors (actual - 3): (-3,-3,2,2), (-3,2,2,2), (2,2,2,2);
    // sigma_1 = sqrt((9 + 9 + 4) / 3) = sqrt(22/3), so p90[0] = 3 + 1.2816 * sqrt(22/3).
    assertThat(forecast.p90()[0]).isCloseTo(3 + Z90 * Math.sqrt(22.0 / 3.0), within(1e-9));
    assertThat(forecast.p10()[0]).isCloseTo(0.0, within(0.0));
    // sd is that same sigma: sigma_1 = sqrt(22/3); sigma_2 adds (9 + 4 + 4) over 6 squares:
    // sqrt((22 + 17) / 6) = sqrt(6.5), which is below sqrt(22/3), so the running maximum keeps it.
    assertThat(forecast.sd()[0]).isCloseTo(Math.sqrt(22.0 / 3.0), within(1e-9));
    assertThat(forecast.sd()[1]).isCloseTo(Math.sqrt(22.0 / 3.0), within(1e-9));
  }

  @Test
  void givenSeveralSeededSeries_whenForecast_thenQuantilesOrderedNonNegativeAndOneSelected() {
    ModelSelection selection = ModelSelection.defaults(12, 6);
    List<double[]> series =
        List.of(
            seasonal(1L, 6),
            seasonal(2L, 5),
            intermittent(3L, 72),
            intermittent(4L, 50),
            randomWalk(5L, 60),
            randomWalk(6L, 90));
    for (double[] history : series) {
      SeriesForecast forecast = selection.forecast(history);
      assertThat(forecast.mean()).hasSize(6);
      for (int h = 0; h < 6; h++) {
        assertThat(forecast.mean()[h]).isNotNegative();
        assertThat(forecast.p10()[h]).isNotNegative();
        assertThat(forecast.p10()[h]).isLessThanOrEqualTo(forecast.p50()[h]);
        assertThat(forecast.p50()[h]).isLessThanOrEqualTo(forecast.p90()[h]);
        assertThat(forecast.quantile(0.05)[h]).isLessThanOrEqualTo(forecast.p10()[h] + 1e-9);
        assertThat(forecast.quantile(0.95)[h]).isGreaterThanOrEqualTo(forecast.p90()[h] - 1e-9);
      }
      List<String> expected =
          selection.candidates().stream().map(Forecaster::name).collect(Collectors.toList());
      if (io.demandcast.forecasting.models.DemandClassification.isIntermittent(history)) {
        selection.intermittentCandidates().forEach(c -> expected.add(c.name()));
      }
      assertThat(forecast.accuracy())
          .extracting(ModelAccuracy::model)
          .startsWith(expected.toArray(String[]::new));
      assertThat(forecast.accuracy()).filteredOn(ModelAccuracy::selected).hasSize(1);
      assertThat(forecast.accuracy())
          .filteredOn(ModelAccuracy::selected)
          .extracting(ModelAccuracy::model)
          .containsExactly(forecast.model());
      assertThat(forecast.provenance().trainingLength()).isEqualTo(history.length);
    }
  }

  @Test
  void givenThreeConstantModels_whenCombined_thenMedianMeanOrTrimmedMean() {
    List<Forecaster> three =
        List.of(
            new TestForecaster("two", Integer.MAX_VALUE, 2.0),
            new TestForecaster("four", Integer.MAX_VALUE, 4.0),
            new TestForecaster("nine", Integer.MAX_VALUE, 9.0));
    double[] history = randomWalk(3L, 30);
    SelectionOptions options = new SelectionOptions(1, 2, new RollingOrigin(2, 2, 1));
    SeriesForecast median =
        new ModelSelection(three, options.withCombination(SelectionOptions.Combination.MEDIAN, 3))
            .forecast(history);
    assertThat(median.model()).isEqualTo(ModelSelection.COMBINATION);
    assertThat(median.mean()).containsExactly(4, 4);
    assertThat(median.provenance().spec()).startsWith("median(");
    assertThat(median.provenance().intervals()).isEqualTo(SeriesForecast.EMPIRICAL_INTERVALS);
    assertThat(
            new ModelSelection(three, options.withCombination(SelectionOptions.Combination.MEAN, 3))
                .forecast(history)
                .mean())
        .containsExactly(5, 5);
    assertThat(
            new ModelSelection(
                    three, options.withCombination(SelectionOptions.Combination.TRIMMED_MEAN, 3))
                .forecast(history)
                .mean())
        .containsExactly(4, 4);
  }

  @Test
  void givenAutoCombination_whenOneModelIsExact_thenTheSingleModelBeatsTheMedian() {
    // the series is exactly 4 everywhere: "four" has zero error, the median of {2, 4, 9} is also
    // 4, a tie, and a tie keeps the single model; with "five" instead the median {2, 5, 9} = 5
    // loses to the exact single model
    double[] fours = new double[30];
    Arrays.fill(fours, 4.0);
    SelectionOptions options =
        new SelectionOptions(1, 2, new RollingOrigin(2, 2, 1))
            .withMetric(SelectionOptions.Metric.SMAPE)
            .withCombination(SelectionOptions.Combination.AUTO, 3);
    SeriesForecast forecast =
        new ModelSelection(
                List.of(
                    new TestForecaster("two", Integer.MAX_VALUE, 2.0),
                    new TestForecaster("four", Integer.MAX_VALUE, 4.0),
                    new TestForecaster("nine", Integer.MAX_VALUE, 9.0)),
                options)
            .forecast(fours);
    assertThat(forecast.model()).isEqualTo("four");
    assertThat(accuracyOf(forecast, ModelSelection.COMBINATION).selected()).isFalse();
  }

  @Test
  void givenPoolCombination_whenTheTopTwoAverageToTheSeries_thenThatPoolForecasts() {
    // the series is 3 everywhere; by sMAPE "four" (28.6) ranks before "two" (40) and "nine": the
    // best single is four, the pool of the top two averages to 3 exactly, the top three to 5
    double[] threes = new double[30];
    Arrays.fill(threes, 3.0);
    SelectionOptions options =
        new SelectionOptions(1, 2, new RollingOrigin(2, 2, 1))
            .withMetric(SelectionOptions.Metric.SMAPE)
            .withCombination(SelectionOptions.Combination.POOL, 3);
    List<Forecaster> three =
        List.of(
            new TestForecaster("two", Integer.MAX_VALUE, 2.0),
            new TestForecaster("four", Integer.MAX_VALUE, 4.0),
            new TestForecaster("nine", Integer.MAX_VALUE, 9.0));
    SeriesForecast pooled = new ModelSelection(three, options).forecast(threes);
    assertThat(pooled.model()).isEqualTo(ModelSelection.COMBINATION);
    assertThat(pooled.mean()).containsExactly(3, 3);
    assertThat(pooled.provenance().spec()).startsWith("mean(").doesNotContain("nine");
    assertThat(accuracyOf(pooled, ModelSelection.COMBINATION).smape()).isZero();
    // a baseline competes in the pools too: an exact one is chosen on its own
    SeriesForecast baseline =
        new ModelSelection(
                three, List.of(), List.of(new TestForecaster("three", Integer.MAX_VALUE, 3.0)),
                options)
            .forecast(threes);
    assertThat(baseline.model()).isEqualTo("three");
    assertThat(accuracyOf(baseline, "three").selected()).isTrue();
    // a series equal to the best single model's forecast: no pool beats it
    double[] fours = new double[30];
    Arrays.fill(fours, 4.0);
    assertThat(new ModelSelection(three, options).forecast(fours).model()).isEqualTo("four");
  }

  @Test
  void givenWeightedCombination_whenSmooth_thenWeightsAreInverseSquaredScoresBaselinesIncluded() {
    // a constant series of 3 scored by sMAPE: 40 (two), 28.57 (four), 100 (nine) and 50 for the
    // baseline five, which competes like a candidate on a smooth series
    double[] threes = new double[30];
    Arrays.fill(threes, 3.0);
    SelectionOptions options =
        new SelectionOptions(1, 2, new RollingOrigin(2, 2, 1))
            .withMetric(SelectionOptions.Metric.SMAPE)
            .withCombination(SelectionOptions.Combination.WEIGHTED, 5);
    List<Forecaster> three =
        List.of(
            new TestForecaster("two", Integer.MAX_VALUE, 2.0),
            new TestForecaster("four", Integer.MAX_VALUE, 4.0),
            new TestForecaster("nine", Integer.MAX_VALUE, 9.0));
    SeriesForecast weighted =
        new ModelSelection(
                three, List.of(), List.of(new TestForecaster("five", Integer.MAX_VALUE, 5.0)),
                options)
            .forecast(threes);
    assertThat(weighted.model()).isEqualTo(ModelSelection.COMBINATION);
    double[] smape = {200.0 / 5, 200.0 / 7, 1200.0 / 12, 400.0 / 8}; // two, four, nine, five
    double[] inverse = Arrays.stream(smape).map(v -> 1.0 / (v * v)).toArray();
    double total = Arrays.stream(inverse).sum();
    Map<String, Double> parameters = weighted.parameters();
    String[] names = {"two", "four", "nine", "five"};
    double expected = 0.0;
    for (int i = 0; i < names.length; i++) {
      assertThat(accuracyOf(weighted, names[i]).smape()).isCloseTo(smape[i], within(1e-9));
      assertThat(parameters.get("weight_" + names[i])).isCloseTo(inverse[i] / total, within(1e-12));
      expected += inverse[i] / total * new double[] {2, 4, 9, 5}[i];
    }
    assertThat(parameters.get("members")).isEqualTo(4.0);
    assertThat(weighted.mean()).containsExactly(new double[] {expected, expected}, within(1e-12));
    assertThat(weighted.provenance().spec()).startsWith("weighted(");
    // the combination's own backtest is the weighted forecast scored on the windows
    assertThat(accuracyOf(weighted, ModelSelection.COMBINATION).smape())
        .isCloseTo(200.0 * Math.abs(expected - 3) / (expected + 3), within(1e-9));

    // an exact candidate (score 0) takes the whole weight: the forecast is that candidate's
    SeriesForecast exact =
        new ModelSelection(
                three, List.of(), List.of(new TestForecaster("three", Integer.MAX_VALUE, 3.0)),
                options)
            .forecast(threes);
    assertThat(exact.model()).isEqualTo("three");
    assertThat(exact.mean()).containsExactly(3, 3);
  }

  @Test
  void givenWeightedCombination_whenIntermittent_thenEqualMeanOfTheBestWithoutBaselines() {
    double[] history = intermittent(5L, 48);
    SelectionOptions options =
        new SelectionOptions(1, 3, new RollingOrigin(2, 3, 1))
            .withCombination(SelectionOptions.Combination.WEIGHTED, 2);
    List<Forecaster> three =
        List.of(
            new TestForecaster("one", Integer.MAX_VALUE, 1.0),
            new TestForecaster("two", Integer.MAX_VALUE, 2.0),
            new TestForecaster("nine", Integer.MAX_VALUE, 9.0));
    // a zero baseline would rank first by MASE on this series, but it stays a yardstick
    SeriesForecast forecast =
        new ModelSelection(
                three, List.of(), List.of(new TestForecaster("zero", Integer.MAX_VALUE, 0.0)),
                options)
            .forecast(history);
    assertThat(accuracyOf(forecast, "zero").mase())
        .isLessThan(accuracyOf(forecast, "one").mase());
    assertThat(forecast.model()).isEqualTo(ModelSelection.COMBINATION);
    assertThat(forecast.mean()).containsExactly(1.5, 1.5, 1.5);
    assertThat(forecast.parameters())
        .containsEntry("weight_one", 0.5)
        .containsEntry("weight_two", 0.5)
        .doesNotContainKey("weight_zero");
  }

  @Test
  void givenWindowsSpanningAQuarterOfTheHistoryOrLess_whenBacktested_thenRefilteredElseRefitted() {
    // 8 windows of horizon 13, 6 apart: 13 + 7 * 6 = 55 test periods
    RollingOrigin design = new RollingOrigin(8, 13, 6);
    assertThat(ModelSelection.refilters(design, 220)).isTrue();
    assertThat(ModelSelection.refilters(design, 219)).isFalse();
    // the refiltered candidate is what the windows fit: 7 in the windows, 5 from the whole history
    Forecaster counting = new Refiltering("refiltering", 5.0, 7.0);
    SelectionOptions options = new SelectionOptions(1, 2, new RollingOrigin(2, 2, 1));
    SeriesForecast longHistory =
        new ModelSelection(List.of(counting), options).forecast(randomWalk(6L, 12));
    // 12 periods, windows span 3: refiltered forecasts of 7 in the backtest, 5 from the whole
    assertThat(longHistory.mean()).containsExactly(5, 5);
    assertThat(longHistory.backtestErrors()[0][0])
        .isEqualTo(randomWalk(6L, 12)[9] - 7.0);
    SeriesForecast shortHistory =
        new ModelSelection(List.of(counting), options).forecast(randomWalk(6L, 11));
    assertThat(shortHistory.backtestErrors()[0][0])
        .isEqualTo(randomWalk(6L, 11)[8] - 5.0);
  }

  @Test
  void givenModelWithOwnVariance_whenSelected_thenNormalQuantilesFromThatVariance() {
    Forecaster withVariance = new TestForecaster("var", Integer.MAX_VALUE, 10.0, 1, 4.0);
    SeriesForecast forecast =
        new ModelSelection(List.of(withVariance), new SelectionOptions(1, 3, new RollingOrigin(2, 3, 1)))
            .forecast(randomWalk(4L, 20));
    assertThat(forecast.provenance().intervals()).isEqualTo(SeriesForecast.MODEL_INTERVALS);
    // variance 4 per step, sd 2: p90 = 10 + 1.2816 * 2
    assertThat(forecast.sd()).containsExactly(2, 2, 2);
    assertThat(forecast.p90()[2]).isCloseTo(10 + Z90 * 2, within(1e-9));
    assertThat(forecast.quantile(0.5)).containsExactly(10, 10, 10);
  }

  @Test
  void givenEveryCandidateFails_whenForecast_thenModelFitExceptionWithAllMessages() {
    double[] constant = new double[30];
    Arrays.fill(constant, 2.0);
    ModelSelection selection =
        new ModelSelection(
            List.of(new SmileAutoregressive(2), new TestForecaster("always_fails", 0, 0.0)),
            new SelectionOptions(1, 3, new RollingOrigin(2, 3, 1)));
    assertThatThrownBy(() -> selection.forecast(constant))
        .isInstanceOf(ModelFitException.class)
        .hasMessageContaining("ar: constant series")
        .hasMessageContaining("always_fails");
  }

  @Test
  void givenCandidateFailsOnFullHistory_whenForecast_thenItIsLeftOutAndTheOtherIsUsed() {
    // Constant series 10: "flaky" comes first in candidate order and would tie with seasonal naive
    // (zero backtest error), but it fails on the full 20 periods, so it is neither backtested nor
    // used.
    double[] tens = new double[20];
    Arrays.fill(tens, 10.0);
    ModelSelection selection =
        new ModelSelection(
            List.of(new TestForecaster("flaky", 20, 10.0), new SeasonalNaive(1)),
            new SelectionOptions(1, 2, new RollingOrigin(2, 2, 1)));
    SeriesForecast forecast = selection.forecast(tens);
    assertThat(forecast.model()).isEqualTo("seasonal_naive");
    assertThat(forecast.mean()).containsExactly(10, 10);
    assertThat(accuracyOf(forecast, "flaky").failure()).contains("fit on the full history failed");
    assertThat(accuracyOf(forecast, "flaky").windows()).isZero();
    assertThat(accuracyOf(forecast, "flaky").selected()).isFalse();
  }

  @Test
  void givenHistoryShorterThanMinHistory_whenForecast_thenIllegalArgumentException() {
    ModelSelection selection = ModelSelection.defaults(12, 12);
    assertThatThrownBy(() -> selection.forecast(new double[selection.minHistory() - 1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length " + (selection.minHistory() - 1));
  }

  @Test
  void givenDuplicateCandidateNames_whenConstructed_thenIllegalArgumentException() {
    SelectionOptions options = new SelectionOptions(1, 1, new RollingOrigin(1, 1, 1));
    assertThatThrownBy(
            () -> new ModelSelection(List.of(new SeasonalNaive(1), new SeasonalNaive(2)), options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("seasonal_naive");
  }

  @Test
  void givenBacktestHorizonShorterThanForecastHorizon_whenOptions_thenIllegalArgumentException() {
    assertThatThrownBy(() -> new SelectionOptions(12, 6, new RollingOrigin(3, 3, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3")
        .hasMessageContaining("6");
  }

  @Test
  void givenDefaults_whenSerializedAndRestored_thenForecastsIdentically() throws Exception {
    ModelSelection original = ModelSelection.defaults(12, 6);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(original);
    }
    ModelSelection restored;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      restored = (ModelSelection) in.readObject();
    }
    double[] history = seasonal(9L, 5);
    assertThat(restored.forecast(history)).isEqualTo(original.forecast(history));
  }

  @Test
  void givenForecast_whenCallerMutatesReturnedParts_thenForecastUnchanged() {
    SeriesForecast forecast = ModelSelection.defaults(1, 6).forecast(randomWalk(8L, 40));
    double first = forecast.mean()[0];
    forecast.mean()[0] = -1;
    assertThat(forecast.mean()[0]).isEqualTo(first);
    assertThatThrownBy(() -> forecast.parameters().put("x", 1.0))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  /** The components of a forecast add up to its mean within 1e-6 at every step. */
  static void assertComponentsAddUp(SeriesForecast forecast) {
    ForecastComponents c = forecast.components();
    assertThat(c.isEmpty()).isFalse();
    double[] total = c.total();
    double[] mean = forecast.mean();
    for (int h = 0; h < mean.length; h++) {
      assertThat(total[h]).as("step %d of %s", h + 1, c).isCloseTo(mean[h], within(1e-6));
    }
  }

  @Test
  void givenWeightedCombination_whenForecast_thenEachMembersComponentsTimesItsWeightAddUp() {
    SeriesForecast forecast = ModelSelection.defaults(12, 12).forecast(seasonal(4L, 6));
    assertThat(forecast.model()).isEqualTo(ModelSelection.COMBINATION);
    assertComponentsAddUp(forecast);
    ForecastComponents c = forecast.components();
    Map<String, double[]> weights = c.weights();
    assertThat(weights).isNotEmpty();
    for (Map.Entry<String, double[]> w : weights.entrySet()) {
      for (double v : w.getValue()) {
        assertThat(v).isCloseTo(forecast.parameters().get("weight_" + w.getKey()), within(1e-12));
      }
    }
    assertThat(weights.keySet())
        .isEqualTo(
            forecast.parameters().keySet().stream()
                .filter(k -> k.startsWith("weight_"))
                .map(k -> k.substring("weight_".length()))
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new)));
    // every component belongs to a member with a weight; ETS and Theta split into their parts
    assertThat(c.names())
        .allSatisfy(n -> assertThat(weights).containsKey(ForecastComponents.member(n)))
        .contains("ets.level", "theta.level", "theta.drift", "seasonal_naive.last_season");
    // a member's components divided by its weight add up to its own forecast's share
    double[] ets = new double[12];
    for (String name : c.names()) {
      if (name.startsWith("ets.")) {
        double[] part = c.get(name);
        for (int h = 0; h < 12; h++) {
          ets[h] += part[h] / weights.get("ets")[h];
        }
      }
    }
    assertThat(ets[0]).isPositive();
  }

  @Test
  void givenIntermittentSeries_whenForecast_thenEqualWeightsAndComponentsAddUp() {
    SeriesForecast forecast = ModelSelection.defaults(12, 6).forecast(intermittent(11L, 60));
    assertComponentsAddUp(forecast);
    assertThat(forecast.components().weights().values())
        .allSatisfy(w -> assertThat(w[0]).isCloseTo(1.0 / 5, within(1e-12)));
  }

  @Test
  void givenNegativeCombination_whenClampedAtZero_thenFloorAtZeroComponentLiftsItToTheMean() {
    double[] minusOnes = new double[30];
    Arrays.fill(minusOnes, -1.0);
    SelectionOptions options =
        new SelectionOptions(1, 2, new RollingOrigin(2, 2, 1))
            .withMetric(SelectionOptions.Metric.SMAPE)
            .withCombination(SelectionOptions.Combination.WEIGHTED, 5);
    SeriesForecast forecast =
        new ModelSelection(
                List.of(
                    new TestForecaster("minus_four", Integer.MAX_VALUE, -4.0),
                    new TestForecaster("two", Integer.MAX_VALUE, 2.0)),
                options)
            .forecast(minusOnes);
    assertThat(forecast.mean()).containsExactly(0, 0);
    ForecastComponents c = forecast.components();
    // members without components of their own are one component each: their whole forecast
    assertThat(c.names())
        .containsExactly(
            "minus_four." + ForecastComponents.FORECAST,
            "two." + ForecastComponents.FORECAST,
            ForecastComponents.FLOOR_AT_ZERO);
    double w = forecast.parameters().get("weight_minus_four");
    assertThat(c.get("minus_four.forecast")[0]).isCloseTo(-4.0 * w, within(1e-12));
    assertThat(c.get(ForecastComponents.FLOOR_AT_ZERO)[0])
        .isCloseTo(-(-4.0 * w + 2.0 * (1 - w)), within(1e-12));
    assertComponentsAddUp(forecast);
    // no clamp, no floor_at_zero
    SeriesForecast positive = ModelSelection.defaults(12, 12).forecast(seasonal(4L, 6));
    assertThat(positive.components().names()).doesNotContain(ForecastComponents.FLOOR_AT_ZERO);
  }

  @Test
  void givenMedianMeanOrTrimmedMean_whenCombined_thenStepWeightsExplainTheCombination() {
    List<Forecaster> three =
        List.of(
            new TestForecaster("two", Integer.MAX_VALUE, 2.0),
            new TestForecaster("four", Integer.MAX_VALUE, 4.0),
            new TestForecaster("nine", Integer.MAX_VALUE, 9.0));
    double[] history = randomWalk(3L, 30);
    SelectionOptions options = new SelectionOptions(1, 2, new RollingOrigin(2, 2, 1));
    SeriesForecast median =
        new ModelSelection(three, options.withCombination(SelectionOptions.Combination.MEDIAN, 3))
            .forecast(history);
    assertThat(median.components().names()).containsExactly("four.forecast");
    assertThat(median.components().weights().get("four")).containsExactly(1, 1);
    SeriesForecast mean =
        new ModelSelection(three, options.withCombination(SelectionOptions.Combination.MEAN, 3))
            .forecast(history);
    assertThat(mean.components().weights()).hasSize(3);
    assertComponentsAddUp(median);
    assertComponentsAddUp(mean);
    assertThat(ModelSelection.stepWeights(SelectionOptions.Combination.MEDIAN,
            new double[][] {{1, 5}, {3, 3}, {2, 1}, {4, 0}}))
        .isDeepEqualTo(new double[][] {{0, 0}, {0.5, 0.5}, {0.5, 0.5}, {0, 0}});
    assertThat(ModelSelection.stepWeights(SelectionOptions.Combination.TRIMMED_MEAN,
            new double[][] {{1}, {3}, {2}, {4}}))
        .isDeepEqualTo(new double[][] {{0}, {0.5}, {0.5}, {0}});
  }

  @Test
  void givenSingleModel_whenChosen_thenItsComponentsWithWeightOne() {
    SeriesForecast forecast =
        new ModelSelection(
                List.of(io.demandcast.forecasting.models.Ets.auto(12)),
                new SelectionOptions(12, 6, new RollingOrigin(2, 6, 3)))
            .forecast(seasonal(6L, 5));
    assertThat(forecast.model()).isEqualTo("ets");
    assertThat(forecast.components().weights()).containsOnlyKeys("ets");
    assertThat(forecast.components().names()).first().isEqualTo("ets.level");
    assertComponentsAddUp(forecast);
  }

  /** Forecasts {@code whole} when fitted, and {@code windows} when refiltered. */
  private record Refiltering(String name, double whole, double windows) implements Forecaster {
    @Override
    public int minHistory() {
      return 1;
    }

    @Override
    public FittedForecaster fit(double[] history) {
      return new TestForecaster(name, Integer.MAX_VALUE, whole).fit(history);
    }

    @Override
    public Forecaster refiltered(FittedForecaster fitted) {
      return new TestForecaster(name, Integer.MAX_VALUE, windows);
    }
  }

  /**
   * Forecasts a fixed level; fails with ModelFitException on histories of at least failFrom; needs
   * minHistory periods; reports a constant error variance when variance is positive.
   */
  private record TestForecaster(
      String name, int failFrom, double level, int minHistory, double variance)
      implements Forecaster {
    TestForecaster(String name, int failFrom, double level) {
      this(name, failFrom, level, 1, 0.0);
    }

    TestForecaster(String name, int failFrom, double level, int minHistory) {
      this(name, failFrom, level, minHistory, 0.0);
    }

    @Override
    public FittedForecaster fit(double[] history) {
      if (history.length >= failFrom) {
        throw new ModelFitException(name + ": refuses length " + history.length);
      }
      return new FittedForecaster() {
        @Override
        public String model() {
          return name;
        }

        @Override
        public double[] forecast(int horizon) {
          double[] forecast = new double[horizon];
          Arrays.fill(forecast, level);
          return forecast;
        }

        @Override
        public Map<String, Double> parameters() {
          return Map.of("level", level);
        }

        @Override
        public Optional<double[]> forecastVariance(int horizon) {
          if (variance <= 0.0) {
            return Optional.empty();
          }
          double[] v = new double[horizon];
          Arrays.fill(v, variance);
          return Optional.of(v);
        }
      };
    }
  }
}
