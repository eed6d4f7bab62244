package io.demandcast.forecasting.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.forecasting.FittedForecaster;
import io.demandcast.forecasting.Forecaster;
import io.demandcast.forecasting.ModelFitException;
import io.demandcast.forecasting.models.Croston.Variant;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reference values come from {@code src/test/r/intermittent.R} (R 4, forecast 8.20), stored in
 * {@code reference/intermittent.csv}. They are printed with 17 significant digits and computed with
 * the same recursion in a different order of floating-point operations, so forecasts agree to
 * 1e-12 units per period.
 */
class CrostonTest {

  private static final double R_TOLERANCE = 1e-12;

  /** The "short" series of the R script. */
  private static final double[] SHORT = {0, 3, 0, 0, 5, 0, 2};

  @Test
  void givenShortSeries_whenSbaWithAlphaTenPercent_thenMatchesHandComputationAndR() {
    // Demands at 1-based positions 2, 5, 7 with sizes 3, 5, 2.
    // Initialisation (first demand, first interval counted from the start): z = 3, p = 2.
    // Position 5: interval 3; z = 3 + 0.1 (5 - 3) = 3.2;    p = 2 + 0.1 (3 - 2) = 2.1
    // Position 7: interval 2; z = 3.2 + 0.1 (2 - 3.2) = 3.08; p = 2.1 + 0.1 (2 - 2.1) = 2.09
    // SBA forecast = (1 - 0.1 / 2) * 3.08 / 2.09 = 2.926 / 2.09 = 1.4
    FittedForecaster fitted = Croston.withAlpha(Variant.SBA, 0.1).fit(SHORT);
    assertThat(fitted.forecast(3)).containsExactly(new double[] {1.4, 1.4, 1.4}, within(1e-12));
    assertThat(fitted.forecast(1)[0])
        .isCloseTo(IntermittentReference.value("short", "sba_0.1"), within(R_TOLERANCE));
    assertThat(fitted.model()).isEqualTo("croston_sba");
    assertThat(fitted.parameters())
        .containsExactly(
            Map.entry("size_alpha", 0.1),
            Map.entry("interval_alpha", 0.1),
            Map.entry("demand_size", fitted.parameters().get("demand_size")),
            Map.entry("demand_interval", fitted.parameters().get("demand_interval")));
    assertThat(fitted.parameters().get("demand_size")).isCloseTo(3.08, within(1e-12));
    assertThat(fitted.parameters().get("demand_interval")).isCloseTo(2.09, within(1e-12));
  }

  @ParameterizedTest
  @ValueSource(strings = {"short", "single_last", "single_mid"})
  void givenShortSeries_whenClassicWithAlphaTenPercent_thenMatchesForecastCroston(String name) {
    double[] y =
        switch (name) {
          case "short" -> SHORT;
          case "single_last" -> new double[] {0, 0, 0, 5};
          default -> new double[] {0, 0, 5, 0, 0};
        };
    assertThat(Croston.withAlpha(Variant.CLASSIC, 0.1).fit(y).forecast(1)[0])
        .isCloseTo(IntermittentReference.value(name, "croston_0.1"), within(R_TOLERANCE));
    assertThat(Croston.withAlpha(Variant.SBA, 0.1).fit(y).forecast(1)[0])
        .isCloseTo(IntermittentReference.value(name, "sba_0.1"), within(R_TOLERANCE));
  }

  @Test
  void givenCarpartsSeries_whenFixedAlphas_thenMatchesR() {
    for (Map.Entry<String, double[]> part : IntermittentReference.carparts().entrySet()) {
      String name = part.getKey();
      double[] y = part.getValue();
      assertThat(Croston.withAlpha(Variant.CLASSIC, 0.1).fit(y).forecast(1)[0])
          .as(name)
          .isCloseTo(IntermittentReference.value(name, "croston_0.1"), within(R_TOLERANCE));
      assertThat(Croston.withAlpha(Variant.SBA, 0.1).fit(y).forecast(1)[0])
          .as(name)
          .isCloseTo(IntermittentReference.value(name, "sba_0.1"), within(R_TOLERANCE));
      // Separate constants: R's ses(initial = "simple") on the sizes (0.25) and intervals (0.05).
      assertThat(Croston.withAlphas(Variant.CLASSIC, 0.25, 0.05).fit(y).forecast(1)[0])
          .as(name)
          .isCloseTo(IntermittentReference.value(name, "croston_0.25_0.05"), within(R_TOLERANCE));
      assertThat(Croston.withAlphas(Variant.SBA, 0.25, 0.05).fit(y).forecast(1)[0])
          .as(name)
          .isCloseTo(IntermittentReference.value(name, "sba_0.25_0.05"), within(R_TOLERANCE));
    }
  }

  @Test
  void givenCarpartsSeries_whenOptimized_thenCostAtMostTheRGridMinimum() {
    // The R script evaluates the cost on the 100 x 100 grid {0.01, ..., 1}^2; the grid plus
    // compass search must do at least as well (1e-12 absolute slack for rounding) and refitting
    // with the chosen constants must reproduce the forecast.
    for (Map.Entry<String, double[]> part : IntermittentReference.carparts().entrySet()) {
      String name = part.getKey();
      double[] y = part.getValue();
      checkOptimum(Croston.optimized(Variant.SBA), y, "in_sample_mse", name, "grid_min_sba_mse");
      checkOptimum(
          Croston.optimized(Variant.CLASSIC), y, "in_sample_mse", name, "grid_min_croston_mse");
      checkOptimum(
          Croston.optimized(Variant.SBA, IntermittentCost.MAR, true),
          y,
          "in_sample_mar",
          name,
          "grid_min_sba_mar");
    }
  }

  private static void checkOptimum(
      Croston method, double[] y, String costKey, String name, String referenceKey) {
    FittedForecaster fitted = method.fit(y);
    Map<String, Double> p = fitted.parameters();
    assertThat(p.get(costKey))
        .as(name + " " + referenceKey)
        .isLessThanOrEqualTo(IntermittentReference.value(name, referenceKey) + 1e-12);
    assertThat(p.get("size_alpha")).isBetween(0.01, 1.0);
    assertThat(p.get("interval_alpha")).isBetween(0.01, 1.0);
    double refit =
        Croston.withAlphas(method.variant(), p.get("size_alpha"), p.get("interval_alpha"))
            .fit(y)
            .forecast(1)[0];
    assertThat(fitted.forecast(1)[0]).isEqualTo(refit);
  }

  @Test
  void givenTiedOptimisation_whenFit_thenOneConstantAndNoWorseThanAnyGridPoint() {
    double[] y = IntermittentReference.carparts().get("21049018");
    FittedForecaster fitted =
        Croston.optimized(Variant.SBA, IntermittentCost.MSE, false).fit(y);
    double alpha = fitted.parameters().get("size_alpha");
    assertThat(fitted.parameters().get("interval_alpha")).isEqualTo(alpha);
    double best = fitted.parameters().get("in_sample_mse");
    for (int k = 1; k <= 100; k++) {
      double a = k / 100.0;
      double mse = inSampleMse(Croston.withAlpha(Variant.SBA, a), y);
      assertThat(best).as("alpha %s", a).isLessThanOrEqualTo(mse + 1e-12);
    }
  }

  /** In-sample one-step MSE after the first demand, by refitting on every prefix. */
  private static double inSampleMse(Forecaster method, double[] y) {
    int first = 0;
    while (y[first] == 0) {
      first++;
    }
    double sum = 0;
    for (int t = first + 1; t < y.length; t++) {
      double f = method.fit(java.util.Arrays.copyOf(y, t)).forecast(1)[0];
      sum += (y[t] - f) * (y[t] - f);
    }
    return sum / (y.length - 1 - first);
  }

  @Test
  void givenObsoleteDemand_whenOptimizedByMse_thenLowerInSampleMseThanFixedTenPercent() {
    double[] y = IntermittentReference.carparts().get("21063431");
    FittedForecaster fitted = Croston.optimized(Variant.SBA).fit(y);
    assertThat(fitted.parameters().get("in_sample_mse"))
        .isLessThan(inSampleMse(Croston.withAlpha(Variant.SBA, 0.1), y));
  }

  @Test
  void givenAllZeroHistory_whenFit_thenForecastsZeroWithDefaultConstants() {
    FittedForecaster fitted = Croston.optimized(Variant.CLASSIC).fit(new double[10]);
    assertThat(fitted.forecast(4)).containsExactly(0, 0, 0, 0);
    assertThat(fitted.parameters())
        .containsExactly(Map.entry("size_alpha", 0.1), Map.entry("interval_alpha", 0.1));
  }

  @Test
  void givenOnlyDemandInLastPeriod_whenOptimized_thenDefaultConstantsAndNoInSampleCost() {
    FittedForecaster fitted = Croston.optimized(Variant.SBA).fit(new double[] {0, 0, 0, 5});
    // z = 5, p = 4 (first interval from the start), SBA factor 1 - 0.1 / 2.
    assertThat(fitted.forecast(1)[0]).isCloseTo(0.95 * 5 / 4, within(1e-15));
    assertThat(fitted.parameters().keySet())
        .containsExactly("size_alpha", "interval_alpha", "demand_size", "demand_interval");
  }

  @Test
  void givenNegativeValue_whenFit_thenModelFitExceptionNamingIndexAndLength() {
    assertThatThrownBy(() -> Croston.optimized(Variant.SBA).fit(new double[] {1, 0, -2, 3}))
        .isInstanceOf(ModelFitException.class)
        .hasMessageContaining("history[2]")
        .hasMessageContaining("length 4");
  }

  @Test
  void givenConstantOutsideUnitInterval_whenCreated_thenIllegalArgumentExceptionNamingValue() {
    assertThatThrownBy(() -> Croston.withAlpha(Variant.SBA, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.5");
    assertThatThrownBy(() -> Croston.withAlphas(Variant.CLASSIC, 0.1, 0.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("intervalAlpha");
    assertThatThrownBy(() -> Croston.withAlpha(Variant.SBA, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenEmptyOrNonFiniteHistory_whenFit_thenIllegalArgumentException() {
    assertThatThrownBy(() -> Croston.optimized(Variant.SBA).fit(new double[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length 0");
    assertThatThrownBy(() -> Croston.optimized(Variant.SBA).fit(new double[] {1, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("history[1]");
  }

  @Test
  void givenVariants_whenNamedAndSpecified_thenStableIdsAndEverySetting() {
    assertThat(Croston.optimized(Variant.CLASSIC).name()).isEqualTo("croston");
    assertThat(Croston.optimized(Variant.SBA).name()).isEqualTo("croston_sba");
    assertThat(Croston.withAlpha(Variant.SBA, 0.2).spec())
        .isEqualTo("croston_sba(size_alpha=0.2, interval_alpha=0.2)");
    assertThat(Croston.optimized(Variant.SBA).spec())
        .isEqualTo("croston_sba(alphas=optimised, separate, in [0.01, 1.0], cost=mse)");
    assertThat(Croston.optimized(Variant.CLASSIC, IntermittentCost.MAR, false).spec())
        .isEqualTo("croston(alphas=optimised, tied, in [0.01, 1.0], cost=mar)");
  }

  @Test
  void givenOptimizedMethod_whenSerializedAndRead_thenSameForecast() throws Exception {
    Croston method = Croston.optimized(Variant.SBA);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(method);
    }
    Forecaster copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (Forecaster) in.readObject();
    }
    assertThat(copy.fit(SHORT).forecast(2)).containsExactly(method.fit(SHORT).forecast(2));
  }
}
