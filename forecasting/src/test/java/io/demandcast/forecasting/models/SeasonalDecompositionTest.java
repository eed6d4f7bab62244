package io.demandcast.forecasting.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Checks against R's {@code stats::acf} and {@code stats::decompose}: the reference values come
 * from {@code src/test/r/seasonal_decomposition.R} (resources {@code reference/series.csv} and
 * {@code reference/seasonal_decomposition.csv}, printed with 15 significant digits).
 */
class SeasonalDecompositionTest {
  private static final RReference SERIES = RReference.load("series.csv");
  private static final RReference R = RReference.load("seasonal_decomposition.csv");

  /** Same arithmetic in a different order (running sums vs R's filter): 1e-12 relative. */
  private static final double TOLERANCE = 1e-12;

  @Test
  void givenRSeries_whenSeasonalityStatistic_thenMatchesRAcfFormula() {
    for (String name : R.seriesWith("statistic")) {
      double[] y = SERIES.get(name, "values");
      int m = (int) SERIES.scalar(name, "m");
      double expected = R.scalar(name, "statistic");
      assertThat(SeasonalDecomposition.seasonalityStatistic(y, m))
          .as(name)
          .isCloseTo(expected, within(TOLERANCE * expected));
      assertThat(SeasonalDecomposition.isSeasonal(y, m))
          .as(name)
          .isEqualTo(R.scalar(name, "m4_seasonal") == 1.0);
    }
  }

  @Test
  void givenRSeries_whenIndices_thenMatchDecomposeFigure() {
    for (String name : R.seriesWith("multiplicative")) {
      double[] y = SERIES.get(name, "values");
      int m = (int) SERIES.scalar(name, "m");
      assertClose(
          name, SeasonalDecomposition.seasonalIndices(y, m), R.get(name, "multiplicative"));
      assertClose(
          name, SeasonalDecomposition.additiveSeasonalComponents(y, m), R.get(name, "additive"));
    }
  }

  private static void assertClose(String name, double[] actual, double[] expected) {
    assertThat(actual).as(name).hasSameSizeAs(expected);
    double scale = Arrays.stream(expected).map(Math::abs).max().orElseThrow();
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i])
          .as(name + "[" + i + "]")
          .isCloseTo(expected[i], within(TOLERANCE * scale));
    }
  }

  @Test
  void givenShortSeries_whenAutocorrelations_thenHandComputedValues() {
    // y = 1, 2, 3, 4: mean 2.5, deviations -1.5 -0.5 0.5 1.5, c0 = 5;
    // lag 1: (-1.5)(-0.5) + (-0.5)(0.5) + (0.5)(1.5) = 1.25 -> 0.25; lag 2: -0.75 - 0.75 = -1.5 -> -0.3.
    assertThat(SeasonalDecomposition.autocorrelations(new double[] {1, 2, 3, 4}, 2))
        .containsExactly(new double[] {1.0, 0.25, -0.3}, within(1e-15));
  }

  @Test
  void givenConstantSeries_whenTested_thenNotSeasonalAndZeroAutocorrelation() {
    double[] constant = new double[48];
    Arrays.fill(constant, 7.0);
    assertThat(SeasonalDecomposition.autocorrelations(constant, 3)).containsExactly(1, 0, 0, 0);
    assertThat(SeasonalDecomposition.isSeasonal(constant, 12)).isFalse();
  }

  @Test
  void givenPureSeasonalPatternShorterThanThreeSeasons_whenIsSeasonal_thenFalse() {
    double[] pattern = {1, 5, 9, 5};
    double[] twoSeasons = new double[8];
    double[] sixSeasons = new double[24];
    for (int t = 0; t < sixSeasons.length; t++) {
      sixSeasons[t] = 10 + pattern[t % 4];
      if (t < 8) {
        twoSeasons[t] = sixSeasons[t];
      }
    }
    assertThat(SeasonalDecomposition.isSeasonal(sixSeasons, 4)).isTrue();
    assertThat(SeasonalDecomposition.isSeasonal(twoSeasons, 4)).isFalse(); // n < 3m
    assertThat(SeasonalDecomposition.isSeasonal(sixSeasons, 1)).isFalse(); // m = 1
  }

  @Test
  void givenExactMultiplicativeSeason_whenDecomposed_thenRecoversIndicesAndRoundTrips() {
    double[] season = {0.8, 1.2, 0.9, 1.1}; // mean 1
    double[] y = new double[20];
    for (int t = 0; t < y.length; t++) {
      y[t] = 100.0 * season[t % 4]; // flat trend: the 2x4 moving average is exactly 100
    }
    double[] indices = SeasonalDecomposition.seasonalIndices(y, 4);
    assertThat(indices).containsExactly(season, within(1e-12));
    double[] adjusted = SeasonalDecomposition.deseasonalize(y, indices);
    double[] flat = new double[y.length];
    Arrays.fill(flat, 100.0);
    assertThat(adjusted).containsExactly(flat, within(1e-10));
    // The forecast continuing after t = 19 starts at position 20 mod 4 = 0.
    double[] forecast = {100, 100, 100, 100, 100};
    SeasonalDecomposition.reseasonalizeInPlace(forecast, indices, y.length);
    assertThat(forecast).containsExactly(new double[] {80, 120, 90, 110, 80}, within(1e-10));
  }

  @Test
  void givenExactAdditiveSeason_whenDecomposed_thenRecoversComponentsAndRoundTrips() {
    double[] season = {-3, 1, 4, -2}; // sums to 0
    double[] y = new double[15];
    for (int t = 0; t < y.length; t++) {
      y[t] = 2.0 * t + season[t % 4]; // linear trend passes the 2x4 moving average unchanged
    }
    double[] components = SeasonalDecomposition.additiveSeasonalComponents(y, 4);
    assertThat(components).containsExactly(season, within(1e-12));
    double[] adjusted = SeasonalDecomposition.deseasonalizeAdditive(y, components);
    assertThat(adjusted[14]).isCloseTo(28.0, within(1e-12));
    double[] forecast = {30, 32};
    SeasonalDecomposition.reseasonalizeAdditiveInPlace(forecast, components, y.length);
    // Periods 15 and 16: positions 3 and 0.
    assertThat(forecast).containsExactly(new double[] {28, 29}, within(1e-12));
  }

  @Test
  void givenZeros_whenRatioToMovingAverageIndices_thenAsRDecompose() {
    // Worked by hand and by R 4.2.2: decompose(ts(y, frequency = 3), "multiplicative")$figure is
    // 0.9 1.2 0.9. Centred MA(3) at t = 1..7: 0, 1/3, 1, 2, 2, 2, 2; ratios: 0/0 (left out, as R's
    // na.rm), 0, 1, 1, 1.5, 0.5, 1; position means 0.75, 1, 0.75, normalised by their mean 5/6.
    double[] y = {0, 0, 0, 1, 2, 3, 1, 2, 3};
    assertThat(SeasonalDecomposition.ratioToMovingAverageIndices(y, 3))
        .containsExactly(new double[] {0.9, 1.2, 0.9}, within(1e-12));
    // A zero trend under a non-zero value (R: NaN figure) gives a non-finite index, for the caller
    // to reject.
    double[] signs = {1, -1, 0, 2, 1, 3, 2, 1, 3};
    assertThat(
            java.util.Arrays.stream(SeasonalDecomposition.ratioToMovingAverageIndices(signs, 3))
                .allMatch(Double::isFinite))
        .isFalse();
  }

  @Test
  void givenBadInputs_whenDecomposed_thenIllegalArgumentException() {
    double[] sevenValues = {1, 2, 3, 4, 5, 6, 7};
    assertThatThrownBy(() -> SeasonalDecomposition.seasonalIndices(sevenValues, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length 7");
    assertThatThrownBy(() -> SeasonalDecomposition.seasonalIndices(new double[] {1, 0, 2, 3}, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> SeasonalDecomposition.additiveSeasonalComponents(sevenValues, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 2");
    assertThatThrownBy(() -> SeasonalDecomposition.seasonalityStatistic(sevenValues, 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length 7");
    assertThatThrownBy(() -> SeasonalDecomposition.isSeasonal(sevenValues, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
