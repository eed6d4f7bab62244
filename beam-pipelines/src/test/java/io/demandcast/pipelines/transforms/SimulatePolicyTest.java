package io.demandcast.pipelines.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimulatePolicyTest {

  @Test
  void givenForecastShorterThanHeldOutPeriods_whenSummed_thenLastPeriodRepeats() {
    // 1 + 2 + 3, then the last forecast period (3) for the two periods beyond: 6 + 6 = 12
    assertThat(SimulatePolicy.forecastOver(new double[] {1, 2, 3}, 5)).isEqualTo(12.0);
    assertThat(SimulatePolicy.forecastOver(new double[] {1, 2, 3}, 2)).isEqualTo(3.0);
  }

  @Test
  void givenSeriesKeys_whenSeeded_thenStablePerSeriesAndDifferentAcrossSeries() {
    long a = SimulatePolicy.seed("90513081", "PLANT14");
    assertThat(SimulatePolicy.seed("90513081", "PLANT14")).isEqualTo(a);
    assertThat(SimulatePolicy.seed("90513081", "PLANT13")).isNotEqualTo(a);
    // the separator keeps ("ab", "c") and ("a", "bc") apart
    assertThat(SimulatePolicy.seed("ab", "c")).isNotEqualTo(SimulatePolicy.seed("a", "bc"));
  }
}
