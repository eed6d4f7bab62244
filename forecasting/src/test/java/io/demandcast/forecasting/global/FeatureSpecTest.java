package io.demandcast.forecasting.global;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FeatureSpecTest {

  @Test
  void givenWeeklyPeriod_whenDefaults_thenLags1To24And52AndLookbackOfAYear() {
    FeatureSpec spec = FeatureSpec.defaults(52);
    int[] lags = spec.lags();
    assertThat(lags).hasSize(25).startsWith(1, 2, 3).endsWith(24, 52);
    assertThat(spec.windows()).containsExactly(4, 13, 52);
    assertThat(spec.scaleWindow()).isEqualTo(52);
    assertThat(spec.lookback()).isEqualTo(52);
    // 25 lags + mean/sd of 4 and 13 + sd52 (mean52 is the scale) + sin/cos = 32.
    assertThat(spec.width()).isEqualTo(32);
    assertThat(spec.names()).hasSize(32).contains("lag52", "mean13", "sd52", "season_cos");
    assertThat(spec.names()).doesNotContain("mean52");
  }

  @Test
  void givenNonSeasonalPeriod_whenDefaults_thenEightLagsAndNoSeasonPosition() {
    FeatureSpec spec = FeatureSpec.defaults(1);
    assertThat(spec.lags()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(spec.windows()).containsExactly(4, 13);
    assertThat(spec.seasonPosition()).isFalse();
    assertThat(spec.lookback()).isEqualTo(13);
  }

  @Test
  void givenSmallSpec_whenFill_thenScaledLagsRollingStatisticsAndSeasonPosition() {
    // lags 1 and 2, window 2, scale window 3, m = 4, one exogenous column.
    FeatureSpec spec = new FeatureSpec(4, new int[] {2, 1}, new int[] {2}, true, 3, 1);
    double[] y = {9, 2, 4, 6, 100};
    double[][] exo = {{0}, {0}, {0}, {0}, {7.5}};
    double[] row = new double[spec.width()];
    // Origin t = 4 reads y[1..3] = 2, 4, 6: scale = mean |y| = 4.
    double s = spec.fill(y, 4, exo, row);
    assertThat(s).isEqualTo(4.0);
    assertThat(spec.names())
        .containsExactly("lag1", "lag2", "mean2", "sd2", "season_sin", "season_cos", "exo0");
    // lag1 = 6/4, lag2 = 4/4, mean of (4, 6) = 5 -> 1.25, population sd 1 -> 0.25,
    // season position 4 mod 4 = 0 -> sin 0, cos 1; exogenous value of period 4 unscaled.
    assertThat(row).containsExactly(new double[] {1.5, 1.0, 1.25, 0.25, 0.0, 1.0, 7.5}, within(1e-15));
  }

  @Test
  void givenNoDemandInScaleWindow_whenScale_thenMeanOfAllEarlierValuesOrOne() {
    FeatureSpec spec = new FeatureSpec(1, new int[] {1}, new int[0], false, 2, 0);
    // Window y[2..3] is zero: fall back to mean |y[0..3]| = 6 / 4.
    assertThat(spec.scale(new double[] {6, 0, 0, 0}, 4)).isEqualTo(1.5);
    assertThat(spec.scale(new double[] {0, 0, 0, 0}, 4)).isEqualTo(1.0);
  }

  @Test
  void givenBadSettings_whenCreated_thenIllegalArgumentExceptionNamingTheProblem() {
    assertThatThrownBy(() -> new FeatureSpec(0, new int[] {1}, new int[0], false, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("period");
    assertThatThrownBy(() -> new FeatureSpec(4, new int[] {1, 1}, new int[0], false, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("repeats 1");
    assertThatThrownBy(() -> new FeatureSpec(4, new int[0], new int[0], false, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lag");
    assertThatThrownBy(() -> new FeatureSpec(4, new int[] {1}, new int[] {1}, false, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("windows");
    assertThatThrownBy(() -> new FeatureSpec(4, new int[] {1}, new int[0], false, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scaleWindow");
  }

  @Test
  void givenSpec_whenToString_thenCompactLagList() {
    assertThat(FeatureSpec.defaults(52).toString())
        .isEqualTo(
            "m=52, lags=1..24+52, windows=[4, 13, 52], season=sin/cos, scale_window=52,"
                + " exogenous=0");
  }
}
