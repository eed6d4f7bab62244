package io.demandcast.forecasting.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final double EXACT = 1e-12;

  // actual - forecast = -1, 1, -2
  private static final double[] ACTUAL = {2, 4, 6};
  private static final double[] FORECAST = {3, 3, 8};
  // lag-1 differences 2, -1, 4; lag-2 differences 1, 3
  private static final double[] INSAMPLE = {1, 3, 2, 6};

  @Test
  void givenSmallExample_whenMae_thenMeanAbsoluteError() {
    // (1 + 1 + 2) / 3 = 4/3
    assertThat(Metrics.mae(ACTUAL, FORECAST)).isCloseTo(4.0 / 3.0, within(EXACT));
  }

  @Test
  void givenSmallExample_whenRmse_thenRootMeanSquaredError() {
    // sqrt((1 + 1 + 4) / 3) = sqrt(2)
    assertThat(Metrics.rmse(ACTUAL, FORECAST)).isCloseTo(Math.sqrt(2.0), within(EXACT));
  }

  @Test
  void givenSmallExample_whenBias_thenMeanOfForecastMinusActual() {
    // (1 - 1 + 2) / 3 = 2/3: over-forecasting is positive
    assertThat(Metrics.bias(ACTUAL, FORECAST)).isCloseTo(2.0 / 3.0, within(EXACT));
  }

  @Test
  void givenSmallExample_whenSmape_thenPercentOfM4Definition() {
    // 200/3 * (1/5 + 1/7 + 2/14) = 200/3 * 17/35 = 3400/105
    assertThat(Metrics.smape(ACTUAL, FORECAST)).isCloseTo(3400.0 / 105.0, within(EXACT));
  }

  @Test
  void givenZeroActualAndZeroForecast_whenSmape_thenTermCountsZero() {
    assertThat(Metrics.smape(new double[] {0, 2}, new double[] {0, 2})).isEqualTo(0.0);
    // 200/2 * (0 + |1 - 3| / (1 + 3)) = 100 * 0.5
    assertThat(Metrics.smape(new double[] {0, 1}, new double[] {0, 3}))
        .isCloseTo(50.0, within(EXACT));
  }

  @Test
  void givenSmallExample_whenMase_thenMaeOverInsampleNaiveMae() {
    // m = 1: scale = (2 + 1 + 4) / 3 = 7/3, MASE = (4/3) / (7/3) = 4/7
    assertThat(Metrics.mase(ACTUAL, FORECAST, INSAMPLE, 1)).isCloseTo(4.0 / 7.0, within(EXACT));
    // m = 2: scale = (|2 - 1| + |6 - 3|) / 2 = 2, MASE = (4/3) / 2 = 2/3
    assertThat(Metrics.mase(ACTUAL, FORECAST, INSAMPLE, 2)).isCloseTo(2.0 / 3.0, within(EXACT));
  }

  @Test
  void givenConstantInsample_whenMase_thenNaN() {
    assertThat(Metrics.mase(ACTUAL, FORECAST, new double[] {5, 5, 5, 5}, 1)).isNaN();
  }

  @Test
  void givenInsampleNotLongerThanPeriod_whenMase_thenNaN() {
    assertThat(Metrics.mase(ACTUAL, FORECAST, new double[] {1, 2}, 2)).isNaN();
  }

  @Test
  void givenSmallExample_whenRmsse_thenRootOfMseOverInsampleSquaredDifferences() {
    // MSE = 6/3 = 2, scale = (4 + 1 + 16) / 3 = 7, RMSSE = sqrt(2/7)
    assertThat(Metrics.rmsse(ACTUAL, FORECAST, INSAMPLE))
        .isCloseTo(Math.sqrt(2.0 / 7.0), within(EXACT));
  }

  @Test
  void givenConstantInsample_whenRmsse_thenNaN() {
    assertThat(Metrics.rmsse(ACTUAL, FORECAST, new double[] {3, 3, 3})).isNaN();
  }

  @Test
  void givenOneUnderAndOneOverForecast_whenPinball_thenAsymmetricLoss() {
    // tau = 0.9: y=10 >= q=8 -> 0.9 * 2 = 1.8; y=10 < q=13 -> 0.1 * 3 = 0.3; mean 1.05
    assertThat(Metrics.pinball(new double[] {10, 10}, new double[] {8, 13}, 0.9))
        .isCloseTo(1.05, within(EXACT));
  }

  @Test
  void givenBandsWithBoundaryHit_whenCoverage_thenClosedIntervalShare() {
    // 1 in [0,2] yes; 5 in [0,5] yes (boundary); 10 in [0,9] no; 3 in [4,6] no -> 2/4
    assertThat(
            Metrics.coverage(
                new double[] {1, 5, 10, 3}, new double[] {0, 0, 0, 4}, new double[] {2, 5, 9, 6}))
        .isEqualTo(0.5);
  }

  @Test
  void givenArraysOfDifferentLength_whenAnyMetric_thenIllegalArgumentException() {
    double[] three = {1, 2, 3};
    double[] two = {1, 2};
    assertThatThrownBy(() -> Metrics.mae(three, two))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3")
        .hasMessageContaining("2");
    assertThatThrownBy(() -> Metrics.rmse(three, two)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Metrics.bias(three, two)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Metrics.smape(three, two))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Metrics.mase(three, two, INSAMPLE, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Metrics.rmsse(three, two, INSAMPLE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Metrics.pinball(three, two, 0.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Metrics.coverage(three, three, two))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenTauOutsideOpenUnitInterval_whenPinball_thenIllegalArgumentException() {
    assertThatThrownBy(() -> Metrics.pinball(ACTUAL, FORECAST, 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.0");
  }

  @Test
  void givenLeadingZeros_whenRmsseM5_thenScaleStartsAtFirstDemand() {
    // in-sample 0 0 0 2 4 2: the M5 scale uses 2 4 2 only, mean squared diff (4 + 4) / 2 = 4
    double[] insample = {0, 0, 0, 2, 4, 2};
    double[] actual = {3, 1};
    double[] forecast = {1, 3};
    // MSE = (4 + 4) / 2 = 4, so RMSSE = sqrt(4 / 4) = 1; the plain RMSSE uses diffs 0 0 2 2 -2
    assertThat(Metrics.rmsseM5(actual, forecast, insample)).isCloseTo(1.0, within(1e-12));
    assertThat(Metrics.rmsse(actual, forecast, insample))
        .isCloseTo(Math.sqrt(4.0 / (12.0 / 5.0)), within(1e-12));
    assertThat(Metrics.rmsseM5(actual, forecast, new double[] {0, 0, 5})).isNaN();
  }

  @Test
  void givenWeights_whenWrmsse_thenWeightedMeanSkippingUndefinedSeries() {
    double[] rmsse = {0.5, 1.0, Double.NaN};
    double[] weights = {3.0, 1.0, 100.0};
    assertThat(Metrics.wrmsse(rmsse, weights)).isCloseTo((1.5 + 1.0) / 4.0, within(1e-12));
    assertThat(Metrics.wrmsse(new double[] {Double.NaN}, new double[] {1})).isNaN();
    assertThatThrownBy(() -> Metrics.wrmsse(rmsse, new double[] {1, -1, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weights[1] = -1.0");
  }

  @Test
  void givenTheM4WinnerOnWeekly_whenOwa_thenThePublishedValue() {
    // M4 Weekly: Smyl sMAPE 7.817, MASE 2.356; Naive2 9.161 / 2.777; published OWA 0.851
    assertThat(Metrics.owa(7.817, 2.356, 9.161, 2.777)).isCloseTo(0.851, within(0.0005));
    assertThatThrownBy(() -> Metrics.owa(1, 1, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0.0");
  }

  @Test
  void givenAnInterval_whenMsis_thenWidthPlusPenaltiesOverTheSeasonalScale() {
    double[] insample = {1, 2, 3, 4}; // lag-1 scale = 1
    double[] actual = {5, 10, 0};
    double[] lower = {4, 4, 1};
    double[] upper = {6, 6, 2};
    // widths 2 + 2 + 1 = 5; y=10 above 6 by 4 -> 2/0.05*4 = 160; y=0 below 1 by 1 -> 40
    double expected = (5 + 160 + 40) / 3.0;
    assertThat(Metrics.msis(actual, lower, upper, insample, 1, 0.05))
        .isCloseTo(expected, within(1e-9));
    assertThat(Metrics.msis(actual, lower, upper, new double[] {2, 2, 2}, 1, 0.05)).isNaN();
  }
}
