package io.demandcast.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class IntervalsTest {
  /** Standard normal 90% quantile, from tables (e.g. Abramowitz and Stegun 26.2). */
  private static final double Z90 = 1.2815515655446004;

  // window 0: errors 1, -1; window 1: errors -1, 3
  private static final double[][] ERRORS = {{1, -1}, {-1, 3}};

  @Test
  void givenTwoWindows_whenSigma_thenCumulativeRootMeanSquare() {
    // sigma_1 = sqrt((1 + 1) / 2) = 1; sigma_2 = sqrt((1 + 1 + 1 + 9) / 4) = sqrt(3)
    assertThat(Intervals.sigma(ERRORS, 2))
        .containsExactly(new double[] {1.0, Math.sqrt(3.0)}, within(1e-12));
  }

  @Test
  void givenSmallerLaterErrors_whenSigma_thenNeverDecreases() {
    // cumulative RMS: sqrt(9 / 1) = 3, then sqrt((9 + 0) / 2) = 2.12; the scale keeps 3.
    assertThat(Intervals.sigma(new double[][] {{3, 0}}, 2)).containsExactly(3.0, 3.0);
  }

  @Test
  void givenLevelTen_whenQuantile90_thenMeanPlusZTimesSigma() {
    assertThat(Intervals.quantile(new double[] {10, 10}, ERRORS, 0.9))
        .containsExactly(new double[] {10 + Z90, 10 + Z90 * Math.sqrt(3.0)}, within(1e-9));
  }

  @Test
  void givenLowLevel_whenQuantile10_thenTruncatedAtZero() {
    // 1 - 1.28 * 1 < 0 and 1 - 1.28 * sqrt(3) < 0; 5 - 1.28 = 3.718...
    assertThat(Intervals.quantile(new double[] {1, 1}, ERRORS, 0.1)).containsExactly(0.0, 0.0);
    assertThat(Intervals.quantile(new double[] {5, 5}, ERRORS, 0.1)[0])
        .isCloseTo(5 - Z90, within(1e-9));
  }

  @Test
  void givenMedian_whenQuantile_thenPointForecast() {
    assertThat(Intervals.quantile(new double[] {4, 7}, ERRORS, 0.5))
        .containsExactly(new double[] {4, 7}, within(1e-12));
  }

  @Test
  void givenErrorRowsShorterThanHorizon_whenQuantile_thenIllegalArgumentException() {
    assertThatThrownBy(() -> Intervals.quantile(new double[] {1, 2, 3}, ERRORS, 0.9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3");
  }

  @Test
  void givenNoWindows_whenSigma_thenIllegalArgumentException() {
    assertThatThrownBy(() -> Intervals.sigma(new double[0][], 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
