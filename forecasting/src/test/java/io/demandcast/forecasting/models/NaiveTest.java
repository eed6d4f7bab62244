package io.demandcast.forecasting.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.forecasting.FittedForecaster;
import org.junit.jupiter.api.Test;

class NaiveTest {

  @Test
  void givenHistory_whenForecast_thenLastValueAndRandomWalkVariance() {
    FittedForecaster fitted = new Naive().fit(new double[] {3, 5, 4, 8});
    assertThat(fitted.forecast(3)).containsExactly(8, 8, 8);
    // Differences 2, -1, 4: sigma2 = (4 + 1 + 16) / 3 = 7; variance 7h.
    assertThat(fitted.parameters().get("sigma2")).isCloseTo(7.0, within(1e-12));
    assertThat(fitted.forecastVariance(3).orElseThrow())
        .containsExactly(new double[] {7, 14, 21}, within(1e-12));
    assertThat(fitted.parameters().keySet()).containsExactly("level", "sigma2");
    assertThat(fitted.model()).isEqualTo("naive");
  }

  @Test
  void givenSingleValue_whenFit_thenFlatForecastWithoutVariance() {
    FittedForecaster fitted = new Naive().fit(new double[] {5});
    assertThat(fitted.forecast(2)).containsExactly(5, 5);
    assertThat(fitted.forecastVariance(2)).isEmpty();
  }

  @Test
  void givenCallerMutatesHistoryAfterFit_whenForecast_thenUnaffected() {
    double[] history = {1, 2, 3};
    FittedForecaster fitted = new Naive().fit(history);
    history[2] = 100;
    assertThat(fitted.forecast(1)).containsExactly(3);
  }

  @Test
  void givenBadInput_whenFitOrForecast_thenIllegalArgumentException() {
    assertThatThrownBy(() -> new Naive().fit(new double[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length 0");
    assertThatThrownBy(() -> new Naive().fit(new double[] {1, Double.POSITIVE_INFINITY}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("history[1]");
    FittedForecaster fitted = new Naive().fit(new double[] {1, 2});
    assertThatThrownBy(() -> fitted.forecast(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> fitted.forecastVariance(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
