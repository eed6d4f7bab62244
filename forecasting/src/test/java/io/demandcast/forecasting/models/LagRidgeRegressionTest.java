package io.demandcast.forecasting.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.forecasting.FittedForecaster;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LagRidgeRegressionTest {

  @Test
  void givenSingleLag_whenFit_thenMatchesClosedFormStandardisedRidge() {
    // Rows: x = y[0..6] = 3,1,4,1,5,9,2; target = y[1..7] = 1,4,1,5,9,2,6 (n = 7).
    // Smile penalises the coefficient of the standardised feature z = (x - mean) / popSd, whose
    // squares sum to n, so w = Sxy / (Sxx (1 + lambda / n)).
    // mean x = 25/7, mean target = 4, Sxx = 334/7, Sxy = -9;
    // lambda = 2: w = -9 / (334/7 * 9/7) = -49/334; intercept = 4 - w * 25/7 = 1511/334.
    // One step ahead from y[7] = 6: 1511/334 - 6 * 49/334 = 1217/334.
    FittedForecaster fitted =
        new LagRidgeRegression(new int[] {1}, 2.0).fit(new double[] {3, 1, 4, 1, 5, 9, 2, 6});
    assertThat(fitted.parameters().get("lag1")).isCloseTo(-49.0 / 334.0, within(1e-9));
    assertThat(fitted.parameters().get("intercept")).isCloseTo(1511.0 / 334.0, within(1e-9));
    double first = 1217.0 / 334.0;
    double second = 1511.0 / 334.0 - 49.0 / 334.0 * first; // recursive: lag 1 is the forecast
    assertThat(fitted.forecast(2)).containsExactly(new double[] {first, second}, within(1e-9));
  }

  @Test
  void givenLinearTrend_whenForecast_thenContinuesTrend() {
    double[] trend = new double[40];
    for (int t = 0; t < trend.length; t++) {
      trend[t] = 5.0 + 2.0 * t;
    }
    // A tiny penalty keeps the shrinkage of the slope well below the tolerance.
    double[] forecast = new LagRidgeRegression(new int[] {1, 2, 3}, 1e-4).fit(trend).forecast(6);
    for (int h = 0; h < 6; h++) {
      assertThat(forecast[h]).isCloseTo(5.0 + 2.0 * (40 + h), within(0.01));
    }
  }

  @Test
  void givenLinearTrendAndDefaultPenalty_whenForecast_thenWithinOnePercent() {
    double[] trend = new double[48];
    for (int t = 0; t < trend.length; t++) {
      trend[t] = 100.0 + 3.0 * t;
    }
    // On a trend all four lag columns are perfectly correlated, so lambda = 1 shrinks their joint
    // slope by 4n / (4n + 1) with n = 36 rows, about 0.7%: under a unit per step, compounding
    // over four steps to well below 1% of a level near 250.
    double[] forecast = LagRidgeRegression.forPeriod(12).fit(trend).forecast(4);
    for (int h = 0; h < 4; h++) {
      double truth = 100.0 + 3.0 * (48 + h);
      assertThat(forecast[h]).isCloseTo(truth, within(0.01 * truth));
    }
  }

  @Test
  void givenConstantSeries_whenFit_thenAllFeaturesDroppedAndForecastIsMean() {
    double[] constant = new double[20];
    Arrays.fill(constant, 7.5);
    FittedForecaster fitted = LagRidgeRegression.forPeriod(4).fit(constant);
    assertThat(fitted.forecast(3)).containsExactly(7.5, 7.5, 7.5);
    assertThat(fitted.parameters()).containsEntry("lag1", 0.0).containsEntry("lag4", 0.0);
  }

  @Test
  void givenPeriodAmongShortLags_whenForPeriod_thenLagsDeduplicatedAndSorted() {
    assertThat(LagRidgeRegression.forPeriod(2).lags()).containsExactly(1, 2, 3);
    assertThat(LagRidgeRegression.forPeriod(12).lags()).containsExactly(1, 2, 3, 12);
    assertThat(LagRidgeRegression.forPeriod(12).lambda()).isEqualTo(1.0);
  }

  @Test
  void givenTooFewRows_whenFit_thenIllegalArgumentException() {
    // lags {1,2,3,12}: minHistory = 12 + 4 + 2 = 18
    LagRidgeRegression ridge = LagRidgeRegression.forPeriod(12);
    assertThat(ridge.minHistory()).isEqualTo(18);
    assertThatThrownBy(() -> ridge.fit(new double[17]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length 17");
  }

  @Test
  void givenInvalidArguments_whenConstructed_thenIllegalArgumentExceptionNamingValue() {
    assertThatThrownBy(() -> new LagRidgeRegression(new int[] {1, 0}, 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
    assertThatThrownBy(() -> new LagRidgeRegression(new int[] {2, 2}, 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate lag 2");
    assertThatThrownBy(() -> new LagRidgeRegression(new int[] {1}, -0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-0.5");
    assertThatThrownBy(() -> new LagRidgeRegression(new int[0], 1.0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenZeroHorizon_whenForecast_thenIllegalArgumentException() {
    FittedForecaster fitted =
        new LagRidgeRegression(new int[] {1}, 1.0).fit(new double[] {1, 3, 2, 5});
    assertThatThrownBy(() -> fitted.forecast(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
