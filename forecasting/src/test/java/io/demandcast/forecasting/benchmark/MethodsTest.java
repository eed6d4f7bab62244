package io.demandcast.forecasting.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.forecasting.Seasonality;
import io.demandcast.forecasting.models.Mstlf;
import io.demandcast.forecasting.models.Stlf;
import org.junit.jupiter.api.Test;

class MethodsTest {

  /** A weekly and a four-weekly pattern on a slow trend, with deterministic noise. */
  private static double[] history(int n) {
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      y[t] = 50 + 0.05 * t + 6 * Math.sin(2 * Math.PI * t / 7) + ((t / 7) % 4 == 3 ? 4 : -1)
          + ((t * 7919) % 13) / 6.0;
    }
    return y;
  }

  @Test
  void givenSeveralPeriods_whenMstlf_thenUsesTheSplitsSeasonalityAndStlfThePrimaryPeriod() {
    double[] all = history(714);
    double[] train = java.util.Arrays.copyOf(all, 700);
    double[] test = java.util.Arrays.copyOfRange(all, 700, 714);
    SeriesSplit split = new SeriesSplit("x", Seasonality.of(7, 28), 7, train, test);
    assertThat(Methods.names()).contains(Mstlf.NAME, Stlf.NAME);
    assertThat(Methods.create(Mstlf.NAME).forecast(split))
        .containsExactly(new Mstlf(Seasonality.of(7, 28)).fit(train).forecast(14));
    assertThat(Methods.create(Stlf.NAME).forecast(split))
        .containsExactly(new Stlf(7).fit(train).forecast(14));
  }

  @Test
  void givenOnePeriod_whenMstlfAndStlf_thenSameForecast() {
    double[] all = history(300);
    SeriesSplit split =
        new SeriesSplit(
            "x",
            7,
            7,
            java.util.Arrays.copyOf(all, 286),
            java.util.Arrays.copyOfRange(all, 286, 300));
    assertThat(split.seasonality()).isEqualTo(Seasonality.of(7));
    assertThat(Methods.create(Mstlf.NAME).forecast(split))
        .containsExactly(Methods.create(Stlf.NAME).forecast(split));
  }
}
