package io.demandcast.forecasting.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.forecasting.FittedForecaster;
import io.demandcast.forecasting.ModelFitException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SmileAutoregressiveTest {

  /** x[t] = phi x[t-1] + e[t], e ~ N(0, 1), after a burn-in of 100 periods. */
  private static double[] simulateAr1(double phi, int n, long seed) {
    Random random = new Random(seed);
    double[] x = new double[n];
    double previous = 0.0;
    for (int t = -100; t < n; t++) {
      previous = phi * previous + random.nextGaussian();
      if (t >= 0) {
        x[t] = previous;
      }
    }
    return x;
  }

  @Test
  void givenLongSimulatedAr1_whenFit_thenCoefficientNearTruthAndLowOrder() {
    double[] series = simulateAr1(0.7, 2000, 20240611L);
    FittedForecaster fitted = new SmileAutoregressive(6).fit(series);
    assertThat(fitted.parameters().get("order")).isIn(1.0, 2.0);
    assertThat(fitted.parameters().get("ar1")).isCloseTo(0.7, within(0.05));
    // The innovation variance of the simulation is 1.
    assertThat(fitted.parameters().get("sigma2")).isCloseTo(1.0, within(0.1));
  }

  @Test
  void givenStationaryFit_whenForecastFarAhead_thenConvergesToSampleMean() {
    // Yule-Walker sets intercept = mean * (1 - sum ar), so the forecasts revert to the sample mean.
    double[] series = simulateAr1(0.7, 500, 7L);
    double[] forecast = new SmileAutoregressive(3).fit(series).forecast(300);
    double mean = Arrays.stream(series).average().orElseThrow();
    assertThat(forecast[299]).isCloseTo(mean, within(1e-6));
  }

  @Test
  void givenFit_whenParameters_thenOrderInterceptCoefficientsAndVarianceInOrder() {
    FittedForecaster fitted = new SmileAutoregressive(1).fit(simulateAr1(0.5, 100, 3L));
    assertThat(fitted.parameters().keySet()).containsExactly("order", "intercept", "ar1", "sigma2");
    assertThat(fitted.model()).isEqualTo("ar");
  }

  @Test
  void givenCallerMutatesHistoryAfterFit_whenForecast_thenUnaffected() {
    double[] history = simulateAr1(0.7, 200, 11L);
    FittedForecaster fitted = new SmileAutoregressive(2).fit(history);
    double[] before = fitted.forecast(3);
    Arrays.fill(history, 1e6);
    assertThat(fitted.forecast(3)).containsExactly(before);
  }

  @Test
  void givenConstantSeries_whenFit_thenModelFitException() {
    double[] constant = new double[30];
    Arrays.fill(constant, 4.0);
    assertThatThrownBy(() -> new SmileAutoregressive(3).fit(constant))
        .isInstanceOf(ModelFitException.class)
        .hasMessageContaining("constant")
        .hasMessageContaining("30");
  }

  @Test
  void givenZeroHorizon_whenForecast_thenIllegalArgumentException() {
    FittedForecaster fitted = new SmileAutoregressive(2).fit(simulateAr1(0.7, 50, 1L));
    assertThatThrownBy(() -> fitted.forecast(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenTwoObservations_whenFit_thenIllegalArgumentException() {
    assertThatThrownBy(() -> new SmileAutoregressive(2).fit(new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length 2");
  }

  @Test
  void givenZeroMaxOrder_whenConstructed_thenIllegalArgumentException() {
    assertThatThrownBy(() -> new SmileAutoregressive(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
  }
}
