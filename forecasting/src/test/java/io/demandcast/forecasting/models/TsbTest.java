package io.demandcast.forecasting.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.forecasting.FittedForecaster;
import io.demandcast.forecasting.ModelFitException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reference values come from the independent TSB recursion in {@code src/test/r/intermittent.R},
 * stored in {@code reference/intermittent.csv} with 17 significant digits; forecasts agree to 1e-12
 * units per period (same recursion, different operation order).
 */
class TsbTest {

  private static final double R_TOLERANCE = 1e-12;

  @Test
  void givenShortSeries_whenFixedConstants_thenMatchesWorkedExampleAndR() {
    // y = 0, 3, 0, 0, 5, 0, 2 with alpha = 0.1 (size), beta = 0.2 (probability).
    // Start after the first demand (0-based period 1): z = 3, p = 1 / 2.
    // t=2: 0 -> p = 0.8 * 0.5 = 0.4
    // t=3: 0 -> p = 0.8 * 0.4 = 0.32
    // t=4: 5 -> p = 0.32 + 0.2 * 0.68 = 0.456;   z = 3 + 0.1 * (5 - 3) = 3.2
    // t=5: 0 -> p = 0.8 * 0.456 = 0.3648
    // t=6: 2 -> p = 0.3648 + 0.2 * 0.6352 = 0.49184; z = 3.2 + 0.1 * (2 - 3.2) = 3.08
    // forecast = p z = 0.49184 * 3.08 = 1.5148672
    FittedForecaster fitted = Tsb.withConstants(0.1, 0.2).fit(new double[] {0, 3, 0, 0, 5, 0, 2});
    assertThat(fitted.forecast(2)).containsExactly(new double[] {1.5148672, 1.5148672}, within(1e-12));
    assertThat(fitted.forecast(1)[0])
        .isCloseTo(IntermittentReference.value("short", "tsb_0.1_0.2"), within(R_TOLERANCE));
    assertThat(fitted.model()).isEqualTo("tsb");
    assertThat(fitted.parameters().keySet())
        .containsExactly("alpha", "beta", "demand_size", "demand_probability");
    assertThat(fitted.parameters().get("demand_probability")).isCloseTo(0.49184, within(1e-12));
  }

  @Test
  void givenSingleDemand_whenFixedConstants_thenMatchesR() {
    assertThat(Tsb.withConstants(0.1, 0.2).fit(new double[] {0, 0, 0, 5}).forecast(1)[0])
        .isCloseTo(IntermittentReference.value("single_last", "tsb_0.1_0.2"), within(R_TOLERANCE));
    // z = 5, p = 1/3 then two periods without demand: p = (1/3) * 0.8^2; forecast 16/15.
    assertThat(Tsb.withConstants(0.1, 0.2).fit(new double[] {0, 0, 5, 0, 0}).forecast(1)[0])
        .isCloseTo(IntermittentReference.value("single_mid", "tsb_0.1_0.2"), within(R_TOLERANCE))
        .isCloseTo(16.0 / 15.0, within(1e-12));
  }

  @Test
  void givenCarpartsSeries_whenFixedConstants_thenMatchesR() {
    for (Map.Entry<String, double[]> part : IntermittentReference.carparts().entrySet()) {
      String name = part.getKey();
      double[] y = part.getValue();
      assertThat(Tsb.withConstants(0.1, 0.2).fit(y).forecast(1)[0])
          .as(name)
          .isCloseTo(IntermittentReference.value(name, "tsb_0.1_0.2"), within(R_TOLERANCE));
      assertThat(Tsb.withConstants(0.3, 0.05).fit(y).forecast(1)[0])
          .as(name)
          .isCloseTo(IntermittentReference.value(name, "tsb_0.3_0.05"), within(R_TOLERANCE));
    }
  }

  @Test
  void givenCarpartsSeries_whenOptimized_thenCostAtMostTheRGridMinimum() {
    // R evaluates the cost on the grid {0.01, ..., 1}^2; 1e-12 absolute slack for rounding.
    for (Map.Entry<String, double[]> part : IntermittentReference.carparts().entrySet()) {
      String name = part.getKey();
      double[] y = part.getValue();
      FittedForecaster mse = Tsb.optimized().fit(y);
      assertThat(mse.parameters().get("in_sample_mse"))
          .as(name)
          .isLessThanOrEqualTo(IntermittentReference.value(name, "grid_min_tsb_mse") + 1e-12);
      FittedForecaster mar = Tsb.optimized(IntermittentCost.MAR).fit(y);
      assertThat(mar.parameters().get("in_sample_mar"))
          .as(name)
          .isLessThanOrEqualTo(IntermittentReference.value(name, "grid_min_tsb_mar") + 1e-12);
      double refit =
          Tsb.withConstants(mse.parameters().get("alpha"), mse.parameters().get("beta"))
              .fit(y)
              .forecast(1)[0];
      assertThat(mse.forecast(1)[0]).isEqualTo(refit);
    }
  }

  @Test
  void givenDemandThatStopped_whenFit_thenTsbForecastDecaysBelowCroston() {
    // 21063431 has most of its demand in the first year: TSB's probability decays every period
    // without demand while Croston's rate only changes at a demand.
    double[] y = IntermittentReference.carparts().get("21063431");
    double tsb = Tsb.withConstants(0.1, 0.1).fit(y).forecast(1)[0];
    double croston = Croston.withAlpha(Croston.Variant.CLASSIC, 0.1).fit(y).forecast(1)[0];
    assertThat(tsb).isPositive().isLessThan(croston);
  }

  @Test
  void givenAllZeroHistory_whenFit_thenZero() {
    FittedForecaster fitted = Tsb.optimized().fit(new double[5]);
    assertThat(fitted.forecast(3)).containsExactly(0, 0, 0);
    assertThat(fitted.parameters()).containsExactly(Map.entry("alpha", 0.1), Map.entry("beta", 0.1));
  }

  @Test
  void givenBadInput_whenCreatedOrFitted_thenExceptionsNamingTheProblem() {
    assertThatThrownBy(() -> Tsb.withConstants(0.1, 1.01))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("beta")
        .hasMessageContaining("1.01");
    assertThatThrownBy(() -> Tsb.optimized().fit(new double[] {0, -1}))
        .isInstanceOf(ModelFitException.class)
        .hasMessageContaining("history[1]");
    assertThatThrownBy(() -> Tsb.optimized().fit(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("null");
  }

  @Test
  void givenSettings_whenSpec_thenNamesEverySetting() {
    assertThat(Tsb.optimized().spec())
        .isEqualTo("tsb(alpha, beta=optimised in [0.01, 1.0], cost=mse)");
    assertThat(Tsb.withConstants(0.1, 0.2).spec()).isEqualTo("tsb(alpha=0.1, beta=0.2)");
    assertThat(Tsb.optimized().name()).isEqualTo("tsb");
  }
}
