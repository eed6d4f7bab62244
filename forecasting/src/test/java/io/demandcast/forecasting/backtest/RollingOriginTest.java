package io.demandcast.forecasting.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RollingOriginTest {

  @Test
  void givenThreeWindows_whenOrigins_thenTrainingLengthsStepApartEndingAtSeriesEnd() {
    // n - horizon - (windows - 1 - w) * step = 20 - 4 - {4, 2, 0}
    assertThat(new RollingOrigin(3, 4, 2).origins(20)).containsExactly(12, 14, 16);
  }

  @Test
  void givenMinimumTraining_whenMinLength_thenTrainPlusHorizonPlusSteps() {
    // 10 + 4 + (3 - 1) * 2
    assertThat(new RollingOrigin(3, 4, 2).minLength(10)).isEqualTo(18);
  }

  @Test
  void givenSeriesLeavingOneTrainingPoint_whenOrigins_thenAccepted() {
    assertThat(new RollingOrigin(3, 4, 2).origins(9)).containsExactly(1, 3, 5);
  }

  @Test
  void givenSeriesTooShort_whenOrigins_thenIllegalArgumentException() {
    assertThatThrownBy(() -> new RollingOrigin(3, 4, 2).origins(8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("8");
  }

  @Test
  void givenNonPositiveArguments_whenConstructed_thenIllegalArgumentExceptionNamingValue() {
    assertThatThrownBy(() -> new RollingOrigin(0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("windows");
    assertThatThrownBy(() -> new RollingOrigin(1, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("horizon");
    assertThatThrownBy(() -> new RollingOrigin(1, 1, -2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-2");
  }
}
