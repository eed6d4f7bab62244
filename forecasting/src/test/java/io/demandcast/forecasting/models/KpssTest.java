package io.demandcast.forecasting.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Checks against urca::ur.kpss (type "mu", the lag trunc(3 sqrt(n) / 13) that forecast::ndiffs
 * uses) and forecast::ndiffs; reference values from {@code src/test/r/arima.R} (resources {@code
 * reference/series.csv} and {@code reference/kpss.csv}).
 */
class KpssTest {
  private static final RReference SERIES = RReference.load("series.csv");
  private static final RReference R = RReference.load("kpss.csv");

  @Test
  void givenRSeries_whenStatistic_thenMatchesUrca() {
    for (String name : R.seriesWith("kpss")) {
      double[] y = SERIES.get(name, "values");
      double[] reference = R.get(name, "kpss"); // lag, statistic
      assertThat(Kpss.defaultLags(y.length)).as(name).isEqualTo((int) reference[0]);
      // Same sums in the same order up to rounding; R printed 15 digits: 1e-12 relative.
      assertThat(Kpss.statistic(y))
          .as(name)
          .isCloseTo(reference[1], within(1e-12 * reference[1]));
    }
  }

  @Test
  void givenRSeries_whenDifferences_thenMatchesNdiffs() {
    for (String name : R.seriesWith("ndiffs")) {
      assertThat(Kpss.differences(SERIES.get(name, "values"), 2))
          .as(name)
          .isEqualTo((int) R.scalar(name, "ndiffs"));
    }
  }

  @Test
  void givenFourValues_whenStatisticWithoutLags_thenHandComputedValue() {
    // y = 1, 2, 3, 4: e = -1.5, -0.5, 0.5, 1.5; S = -1.5, -2, -1.5, 0; sum S² = 8.5;
    // s²(0) = 5 / 4; eta = 8.5 / (16 * 1.25) = 0.425.
    assertThat(Kpss.statistic(new double[] {1, 2, 3, 4}, 0)).isCloseTo(0.425, within(1e-15));
    // One lag: gamma_1 = 0.75 - 0.25 + 0.75 = 1.25, weight 1/2: s²(1) = (5 + 1.25) / 4 = 1.5625;
    // eta = 8.5 / 25 = 0.34.
    assertThat(Kpss.statistic(new double[] {1, 2, 3, 4}, 1)).isCloseTo(0.34, within(1e-15));
  }

  @Test
  void givenLineAndConstant_whenDifferences_thenStopsAtConstant() {
    double[] line = new double[60];
    for (int t = 0; t < line.length; t++) {
      line[t] = 3.0 * t;
    }
    assertThat(Kpss.differences(line, 2)).isEqualTo(1); // the first difference is constant
    assertThat(Kpss.differences(new double[] {5, 5, 5, 5}, 2)).isZero();
    assertThat(Kpss.differences(line, 0)).isZero();
  }

  @Test
  void givenBadInput_whenStatistic_thenIllegalArgumentException() {
    assertThatThrownBy(() -> Kpss.statistic(new double[] {2, 2, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("constant");
    assertThatThrownBy(() -> Kpss.statistic(new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length 1");
    assertThatThrownBy(() -> Kpss.statistic(new double[] {1, 2, 3}, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Kpss.differences(new double[] {1, 2, 3}, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
