package io.demandcast.forecasting.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.forecasting.FittedForecaster;
import org.junit.jupiter.api.Test;

class MovingAverageTest {

  @Test
  void givenWindowThree_whenForecast_thenMeanOfLastThreeFlat() {
    FittedForecaster fitted = new MovingAverage(3).fit(new double[] {100, 1, 2, 6});
    assertThat(fitted.forecast(4)).containsExactly(new double[] {3, 3, 3, 3}, within(1e-12));
    assertThat(fitted.parameters().get("window")).isEqualTo(3.0);
    assertThat(fitted.forecastVariance(4)).isEmpty();
    assertThat(fitted.model()).isEqualTo("moving_average");
    assertThat(new MovingAverage(3).spec()).isEqualTo("moving_average(window=3)");
  }

  @Test
  void givenWindowOne_whenForecast_thenNaive() {
    assertThat(new MovingAverage(1).fit(new double[] {4, 9}).forecast(2)).containsExactly(9, 9);
  }

  @Test
  void givenHistoryShorterThanWindow_whenFit_thenIllegalArgumentException() {
    assertThatThrownBy(() -> new MovingAverage(4).fit(new double[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length 3")
        .hasMessageContaining("4");
  }

  @Test
  void givenZeroWindow_whenConstructed_thenIllegalArgumentException() {
    assertThatThrownBy(() -> new MovingAverage(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
  }
}
