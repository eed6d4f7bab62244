package io.demandcast.forecasting.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.forecasting.FittedForecaster;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Naive2Test {

  /**
   * R reference from {@code src/test/r/naive2.R} (M4's Naive2 written with stats::acf and
   * stats::decompose), printed with 15 significant digits: relative tolerance 1e-12.
   */
  @Test
  void givenRSeries_whenForecast_thenMatchesRNaive2() {
    RReference series = RReference.load("series.csv");
    RReference r = RReference.load("naive2.csv");
    for (String name : r.seriesWith("mean")) {
      double[] y = series.get(name, "values");
      int m = (int) series.scalar(name, "m");
      double[] expected = r.get(name, "mean");
      double[] actual = new Naive2(m).fit(y).forecast(expected.length);
      for (int h = 0; h < expected.length; h++) {
        assertThat(actual[h])
            .as("%s h=%d", name, h + 1)
            .isCloseTo(expected[h], within(1e-12 * Math.abs(expected[h])));
      }
    }
  }

  @Test
  void givenSeasonalSeries_whenFit_thenAdjustedAndIndicesReported() {
    RReference series = RReference.load("series.csv");
    FittedForecaster fitted = new Naive2(12).fit(series.get("AirPassengers", "values"));
    assertThat(fitted.parameters().get("seasonal")).isEqualTo(1.0);
    assertThat(fitted.parameters()).containsKeys("s1", "s12");
    double[] variance = fitted.forecastVariance(13).orElseThrow();
    // Same season a year apart: variance grows in proportion to h (13 vs 1).
    assertThat(variance[12] / variance[0]).isCloseTo(13.0, within(1e-9));
  }

  @Test
  void givenSeasonalPatternWithAZero_whenFit_thenPlainNaive() {
    double[] y = new double[36];
    for (int t = 0; t < y.length; t++) {
      y[t] = t % 4 == 0 ? 0.0 : 10.0 * (t % 4);
    }
    FittedForecaster fitted = new Naive2(4).fit(y);
    assertThat(fitted.parameters().get("seasonal")).isEqualTo(0.0);
    assertThat(fitted.forecast(2)).containsExactly(30, 30);
  }

  @Test
  void givenSeriesShorterThanThreeSeasons_whenFit_thenPlainNaive() {
    FittedForecaster fitted = new Naive2(12).fit(new double[] {5, 1, 4, 2, 8});
    assertThat(fitted.forecast(3)).containsExactly(8, 8, 8);
    assertThat(fitted.parameters().get("seasonal")).isEqualTo(0.0);
  }

  @Test
  void givenBadInput_whenFitOrConstruct_thenIllegalArgumentException() {
    assertThatThrownBy(() -> new Naive2(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Naive2(4).fit(new double[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length 0");
    assertThat(new Naive2(52).spec()).isEqualTo("naive2(m=52)");
  }

  /**
   * Golden check against the official M4 Naive2 forecasts for all 359 Weekly series (M4 ran the
   * seasonality adjustment with period 1 for weekly data), from the test resources {@code
   * /m4/*.csv.gz}. The official file prints at most 7 significant digits: relative tolerance
   * 5e-7.
   */
  @Test
  void givenM4Weekly_whenForecast_thenMatchesOfficialNaive2() {
    // the M4 Weekly files are committed test resources: their absence is a failure, not a skip
    assertThat(M4WeeklyData.available()).as("M4 Weekly test resources").isTrue();
    Map<String, double[]> official = M4WeeklyData.read("Naive2-Weekly.csv.gz");
    Map<String, double[]> train = M4WeeklyData.read("Weekly-train.csv.gz");
    assertThat(train).hasSize(359);
    for (Map.Entry<String, double[]> series : train.entrySet()) {
      double[] forecast = new Naive2(1).fit(series.getValue()).forecast(13);
      double[] expected = official.get(series.getKey());
      for (int h = 0; h < 13; h++) {
        assertThat(forecast[h])
            .as(series.getKey())
            .isCloseTo(expected[h], within(5e-7 * expected[h]));
      }
    }
  }
}
