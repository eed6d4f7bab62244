package io.demandcast.forecasting.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.forecasting.FittedForecaster;
import org.junit.jupiter.api.Test;

class SeasonalNaiveTest {

  @Test
  void givenTwoSeasons_whenForecastBeyondOneSeason_thenRepeatsLastSeason() {
    FittedForecaster fitted = new SeasonalNaive(4).fit(new double[] {1, 2, 3, 4, 5, 6, 7, 8});
    // y[n - m + ((h - 1) mod m)] with n = 8, m = 4: y[4], y[5], y[6], y[7], y[4], y[5]
    assertThat(fitted.forecast(6)).containsExactly(5, 6, 7, 8, 5, 6);
    assertThat(fitted.model()).isEqualTo("seasonal_naive");
    assertThat(fitted.parameters()).containsExactly(java.util.Map.entry("period", 4.0));
  }

  @Test
  void givenPeriodOne_whenForecast_thenNaiveLastValue() {
    assertThat(new SeasonalNaive(1).fit(new double[] {3, 9, 4}).forecast(3))
        .containsExactly(4, 4, 4);
  }

  @Test
  void givenCallerMutatesHistoryAfterFit_whenForecast_thenUnaffected() {
    double[] history = {1, 2, 3};
    FittedForecaster fitted = new SeasonalNaive(2).fit(history);
    history[2] = 100;
    assertThat(fitted.forecast(2)).containsExactly(2, 3);
  }

  @Test
  void givenHistoryShorterThanPeriod_whenFit_thenIllegalArgumentExceptionNamingLength() {
    assertThatThrownBy(() -> new SeasonalNaive(12).fit(new double[5]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length 5")
        .hasMessageContaining("12");
  }

  @Test
  void givenNaNInHistory_whenFit_thenIllegalArgumentException() {
    assertThatThrownBy(() -> new SeasonalNaive(1).fit(new double[] {1, Double.NaN, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("history[1]")
        .hasMessageContaining("length 3");
  }

  @Test
  void givenNullHistory_whenFit_thenIllegalArgumentException() {
    assertThatThrownBy(() -> new SeasonalNaive(1).fit(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("null");
  }

  @Test
  void givenZeroHorizon_whenForecast_thenIllegalArgumentException() {
    FittedForecaster fitted = new SeasonalNaive(1).fit(new double[] {1});
    assertThatThrownBy(() -> fitted.forecast(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenZeroPeriod_whenConstructed_thenIllegalArgumentExceptionNamingValue() {
    assertThatThrownBy(() -> new SeasonalNaive(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
  }
}
