package io.demandcast.forecasting.global;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.forecasting.FittedForecaster;
import io.demandcast.forecasting.Forecaster;
import io.demandcast.forecasting.global.GlobalRegression.Kind;
import io.demandcast.forecasting.global.GlobalRegression.Strategy;
import io.demandcast.forecasting.metrics.Metrics;
import io.demandcast.forecasting.models.SeasonalNaive;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GlobalRegressionTest {

  private static final int M = 12;
  private static final int LENGTH = 120;
  private static final int HOLD_OUT = 12;

  /**
   * 200 monthly series sharing one seasonal shape, at levels from 10 to 10,000 units per period,
   * with 5% multiplicative Gaussian noise; seeded, so the data are the same in every run.
   */
  private static List<double[]> seasonalPanel(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] shape = new double[M];
    for (int p = 0; p < M; p++) {
      shape[p] = 1 + 0.4 * Math.sin(2 * Math.PI * p / M) + 0.2 * Math.cos(4 * Math.PI * p / M);
    }
    List<double[]> panel = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      double level = Math.pow(10, 1 + 3 * random.nextDouble());
      double[] y = new double[LENGTH];
      for (int t = 0; t < LENGTH; t++) {
        y[t] = level * shape[t % M] * (1 + 0.05 * random.nextGaussian());
      }
      panel.add(y);
    }
    return panel;
  }

  private static double[] head(double[] y, int length) {
    return Arrays.copyOf(y, length);
  }

  private static double[] tail(double[] y, int count) {
    return Arrays.copyOfRange(y, y.length - count, y.length);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void givenSharedSeasonalPattern_whenPooled_thenBeatsSeasonalNaiveOnHeldOutYear(Kind kind) {
    List<double[]> panel = seasonalPanel(42);
    Forecaster pooled =
        GlobalRegression.of(kind).train(panel, M, HOLD_OUT, HOLD_OUT).asForecaster();
    Forecaster naive = new SeasonalNaive(M);
    double pooledMase = 0;
    double naiveMase = 0;
    for (double[] y : panel) {
      double[] train = head(y, LENGTH - HOLD_OUT);
      double[] actual = tail(y, HOLD_OUT);
      pooledMase += Metrics.mase(actual, pooled.fit(train).forecast(HOLD_OUT), train, M);
      naiveMase += Metrics.mase(actual, naive.fit(train).forecast(HOLD_OUT), train, M);
    }
    pooledMase /= panel.size();
    naiveMase /= panel.size();
    // With 5% noise a forecast that knows the shape errs by one noise term, seasonal naive by the
    // difference of two (about 1.4 times more): require at least a 20% lower MASE.
    assertThat(pooledMase).as("%s vs seasonal naive %s", kind, naiveMase).isLessThan(0.8 * naiveMase);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void givenDifferentHeldOutValues_whenTrained_thenIdenticalModel(Kind kind) {
    List<double[]> panel = seasonalPanel(7);
    List<double[]> changed = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(99);
    for (double[] y : panel) {
      double[] copy = y.clone();
      for (int t = LENGTH - HOLD_OUT; t < LENGTH; t++) {
        copy[t] = 1e6 * random.nextDouble();
      }
      changed.add(copy);
    }
    GlobalRegression method = GlobalRegression.of(kind);
    if (kind != Kind.LASSO) {
      method = method.withTrees(10);
    }
    GlobalRegression.Trained a = method.train(panel, M, 2, HOLD_OUT);
    GlobalRegression.Trained b = method.train(changed, M, 2, HOLD_OUT);
    for (int i = 0; i < panel.size(); i += 17) {
      double[] truncated = head(panel.get(i), LENGTH - HOLD_OUT);
      assertThat(b.asForecaster().fit(truncated).forecast(8))
          .containsExactly(a.asForecaster().fit(truncated).forecast(8));
    }
    assertThat(b.description()).isEqualTo(a.description());
  }

  @Test
  void givenSameSeed_whenTrainedTwice_thenSameForecastsAndAnotherSeedDiffers() {
    List<double[]> panel = seasonalPanel(3);
    double[] probe = head(panel.get(5), 100);
    for (Kind kind : new Kind[] {Kind.GRADIENT_TREE_BOOST, Kind.RANDOM_FOREST}) {
      GlobalRegression method = GlobalRegression.of(kind).withTrees(5);
      double[] first = method.train(panel, M, 2, 0).asForecaster().fit(probe).forecast(4);
      double[] second = method.train(panel, M, 2, 0).asForecaster().fit(probe).forecast(4);
      double[] other =
          method.withSeed(12345).train(panel, M, 2, 0).asForecaster().fit(probe).forecast(4);
      assertThat(second).as(kind.id()).containsExactly(first);
      assertThat(other).as(kind.id()).isNotEqualTo(first);
    }
  }

  @Test
  void givenTrainedModel_whenParametersAndSpec_thenRecordSeedSizesAndSettings() {
    List<double[]> panel = seasonalPanel(5);
    GlobalRegression.Trained trained =
        GlobalRegression.of(Kind.GRADIENT_TREE_BOOST).withTrees(5).train(panel, M, 3, HOLD_OUT);
    // Default features for m = 12: lags 1..24, windows 4, 12, 13 -> look-back 24; origins 24..107
    // of each training part, the latest 150 per step: 84 rows per series for step 1.
    assertThat(trained.parameters())
        .containsEntry("seed", (double) GlobalRegression.DEFAULT_SEED)
        .containsEntry("training_series", 200.0)
        .containsEntry("training_rows", 200.0 * 84)
        .containsEntry("models", 3.0)
        .containsEntry("trees", 5.0)
        .containsEntry("hold_out", 12.0);
    Forecaster forecaster = trained.asForecaster();
    assertThat(forecaster.name()).isEqualTo("global_gbt");
    assertThat(forecaster.minHistory()).isEqualTo(24);
    assertThat(forecaster.spec())
        .startsWith("global_gbt(direct, m=12, lags=1..24")
        .contains("trees=5", "seed=20240601", "trained on 200 series / 16800 rows", "hold_out=12");
  }

  @Test
  void givenDirectModel_whenForecastBeyondTrainedHorizon_thenAppliedAgainFromItsForecasts() {
    List<double[]> panel = seasonalPanel(8);
    Forecaster forecaster =
        GlobalRegression.of(Kind.RANDOM_FOREST).withTrees(5).train(panel, M, 3, 0).asForecaster();
    FittedForecaster fitted = forecaster.fit(panel.get(0));
    double[] seven = fitted.forecast(7);
    assertThat(seven).hasSize(7);
    assertThat(Arrays.stream(seven).allMatch(Double::isFinite)).isTrue();
    assertThat(Arrays.copyOf(seven, 3)).containsExactly(fitted.forecast(3));
  }

  @Test
  void givenNonNegativeTraining_whenForecastCollapsingSeries_thenClampedAtZero() {
    List<double[]> panel = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      double[] y = new double[60];
      for (int t = 0; t < 60; t++) {
        y[t] = Math.max(0, 100 - (t + i) * 3.0);
      }
      panel.add(y);
    }
    GlobalRegression.Trained trained =
        GlobalRegression.of(Kind.LASSO, Strategy.RECURSIVE).train(panel, 1, 5, 0);
    assertThat(trained.clampsAtZero()).isTrue();
    double[] falling = {60, 50, 40, 30, 20, 12, 9, 6, 3, 1, 0.5, 0.2, 0.1, 0.05};
    assertThat(Arrays.stream(trained.asForecaster().fit(falling).forecast(10)).min().orElseThrow())
        .isGreaterThanOrEqualTo(0.0);

    panel.get(0)[5] = -1;
    assertThat(GlobalRegression.of(Kind.LASSO).train(panel, 1, 2, 0).clampsAtZero()).isFalse();
  }

  @Test
  void givenExogenousPromotion_whenRecursive_thenPlannedPromotionRaisesTheForecast() {
    // Demand 100 units per period, doubled in promotion periods (exogenous flag 1).
    SplittableRandom random = new SplittableRandom(21);
    List<double[]> panel = new ArrayList<>();
    List<double[][]> flags = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      double[] y = new double[80];
      double[][] exo = new double[80][1];
      for (int t = 0; t < 80; t++) {
        exo[t][0] = random.nextDouble() < 0.2 ? 1 : 0;
        y[t] = 100 * (1 + exo[t][0]) * (1 + 0.02 * random.nextGaussian());
      }
      panel.add(y);
      flags.add(exo);
    }
    GlobalRegression method =
        GlobalRegression.of(Kind.GRADIENT_TREE_BOOST, Strategy.RECURSIVE)
            .withFeatures(FeatureSpec.defaults(1).withExogenous(1));
    GlobalRegression.Trained trained = method.train(panel, flags, 1, 2, 0);
    double[] history = Arrays.copyOf(panel.get(0), 78);
    double[][] future = Arrays.copyOf(flags.get(0), 80);
    future[78] = new double[] {0};
    future[79] = new double[] {1};
    double[] forecast = trained.forecast(history, future, 2);
    assertThat(forecast[1]).isGreaterThan(1.5 * forecast[0]);
    assertThatThrownBy(trained::asForecaster).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                GlobalRegression.of(Kind.GRADIENT_TREE_BOOST)
                    .withFeatures(FeatureSpec.defaults(1).withExogenous(1))
                    .train(panel, flags, 1, 2, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("recursive");
  }

  @Test
  void givenBadInput_whenTrained_thenIllegalArgumentExceptionNamingTheSeries() {
    GlobalRegression method = GlobalRegression.of(Kind.GRADIENT_TREE_BOOST);
    List<double[]> panel = seasonalPanel(1).subList(0, 5);
    assertThatThrownBy(() -> method.train(List.of(), M, 3, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one series");
    assertThatThrownBy(() -> method.train(null, M, 3, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> method.train(panel, M, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("horizon");
    assertThatThrownBy(() -> method.train(panel, M, 3, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holdOut");
    List<double[]> withShort = new ArrayList<>(panel);
    withShort.set(3, new double[20]);
    // look-back 24 + 3 direct steps: 27 values needed.
    assertThatThrownBy(() -> method.train(withShort, M, 3, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("series 3 has length 20")
        .hasMessageContaining("27");
    List<double[]> withNaN = new ArrayList<>(panel);
    double[] bad = panel.get(2).clone();
    bad[10] = Double.NaN;
    withNaN.set(2, bad);
    assertThatThrownBy(() -> method.train(withNaN, M, 3, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("series 2")
        .hasMessageContaining("value[10]")
        .hasMessageContaining("length 120");
    assertThatThrownBy(() -> method.withFeatures(FeatureSpec.defaults(4)).train(panel, M, 3, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("period 4");
  }

  @Test
  void givenTrainedForecaster_whenSerializedAndRead_thenSameForecasts() throws Exception {
    List<double[]> panel = seasonalPanel(4);
    Forecaster forecaster =
        GlobalRegression.of(Kind.RANDOM_FOREST).withTrees(5).train(panel, M, 3, 0).asForecaster();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(forecaster);
    }
    Forecaster copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (Forecaster) in.readObject();
    }
    double[] history = panel.get(9);
    assertThat(copy.fit(history).forecast(5)).containsExactly(forecaster.fit(history).forecast(5));
    assertThat(copy.spec()).isEqualTo(forecaster.spec());
  }

  @Test
  void givenBadSettings_whenChanged_thenIllegalArgumentException() {
    assertThatThrownBy(() -> GlobalRegression.of(Kind.LASSO).withTrees(10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LASSO");
    assertThatThrownBy(() -> GlobalRegression.of(Kind.RANDOM_FOREST).withShrinkage(0.1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GlobalRegression.of(Kind.GRADIENT_TREE_BOOST).withSubsample(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
    assertThatThrownBy(() -> GlobalRegression.of(Kind.LASSO).withLambdaPerRow(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GlobalRegression.of(Kind.LASSO).withMaxRowsPerSeries(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
