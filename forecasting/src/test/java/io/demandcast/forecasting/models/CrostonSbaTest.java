package io.demandcast.forecasting.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.forecasting.FittedForecaster;
import org.junit.jupiter.api.Test;

class CrostonSbaTest {

  @Test
  void givenShortIntermittentSeries_whenFitWithAlphaTenPercent_thenMatchesHandComputation() {
    // Demands at 1-based positions 2, 5, 7 with sizes 3, 5, 2.
    // Initialisation (first demand, first interval counted from the start): z = 3, p = 2.
    // Position 5: interval 3; z = 3 + 0.1 (5 - 3) = 3.2;    p = 2 + 0.1 (3 - 2) = 2.1
    // Position 7: interval 2; z = 3.2 + 0.1 (2 - 3.2) = 3.08; p = 2.1 + 0.1 (2 - 2.1) = 2.09
    // SBA forecast = (1 - 0.1 / 2) * 3.08 / 2.09 = 2.926 / 2.09 = 1.4
    FittedForecaster fitted = new CrostonSba(0.1).fit(new double[] {0, 3, 0, 0, 5, 0, 2});
    assertThat(fitted.forecast(3)).containsExactly(new double[] {1.4, 1.4, 1.4}, within(1e-12));
    assertThat(fitted.parameters().get("demand_size")).isCloseTo(3.08, within(1e-12));
    assertThat(fitted.parameters().get("demand_interval")).isCloseTo(2.09, within(1e-12));
    assertThat(fitted.parameters().keySet())
        .containsExactly("alpha", "demand_size", "demand_interval");
  }

  @Test
  void givenDemandOfFourEveryOtherPeriod_whenOptimized_thenSmallestAlphaWins() {
    // z = 4 and p = 2 for every alpha, so the one-step forecast is f = (1 - alpha/2) * 2 and the
    // in-sample MSE over alternating actuals 0, 4 is (f^2 + (4 - f)^2) / 2, minimal at f = 2:
    // the smallest alpha, 0.05, gives f = 0.975 * 2 = 1.95, closest to 2.
    double[] history = {0, 4, 0, 4, 0, 4, 0, 4, 0, 4, 0, 4};
    FittedForecaster fitted = CrostonSba.optimized().fit(history);
    assertThat(fitted.parameters().get("alpha")).isEqualTo(0.05);
    assertThat(fitted.forecast(1)[0]).isCloseTo(1.95, within(1e-12));
  }

  @Test
  void givenAllZeroHistory_whenFit_thenForecastsZero() {
    FittedForecaster fitted = CrostonSba.optimized().fit(new double[10]);
    assertThat(fitted.forecast(4)).containsExactly(0, 0, 0, 0);
    assertThat(fitted.parameters().keySet()).containsExactly("alpha");
  }

  @Test
  void givenOptimized_whenAlphas_thenGridFromFivePercentToThirty() {
    assertThat(CrostonSba.optimized().alphas())
        .containsExactly(new double[] {0.05, 0.10, 0.15, 0.20, 0.25, 0.30}, within(1e-15));
    assertThat(CrostonSba.optimized().name()).isEqualTo("croston_sba");
  }

  @Test
  void givenAlphaOutsideUnitInterval_whenConstructed_thenIllegalArgumentExceptionNamingValue() {
    assertThatThrownBy(() -> new CrostonSba(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.5");
    assertThatThrownBy(() -> new CrostonSba(0.0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CrostonSba(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenEmptyHistory_whenFit_thenIllegalArgumentException() {
    assertThatThrownBy(() -> new CrostonSba(0.1).fit(new double[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length 0");
  }
}
