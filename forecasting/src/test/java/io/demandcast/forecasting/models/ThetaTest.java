package io.demandcast.forecasting.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.forecasting.FittedForecaster;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Checks against R's {@code forecast::thetaf} (forecast 8.20) on R data sets, four M3 series and
 * three NN5 cash machines (280 days each, m = 7, days with zero withdrawals); reference values from
 * {@code src/test/r/theta.R} (resources {@code reference/series.csv} and {@code
 * reference/thetaf.csv}, which carries the NN5 and M3 N2100 histories itself).
 */
class ThetaTest {
  private static final RReference SERIES = RReference.load("series.csv");
  private static final RReference R = RReference.load("thetaf.csv");

  /**
   * R optimises (alpha, l0) with Nelder-Mead and stops early; here l0 is solved exactly and alpha
   * found by Brent, so alpha differs in the 4th decimal (and our SSE is never larger). The largest
   * forecast difference measured is 4.0e-4 relative (M3 N1402, alpha at the 1e-4 bound where R's l0
   * is least precise); elsewhere it is below 6.5e-5 (NN5 N101).
   */
  private static final double FORECAST_TOLERANCE = 1e-3;

  @Test
  void givenRSeries_whenForecast_thenMatchesThetaf() {
    for (String name : R.seriesWith("mean")) {
      RReference source = R.has(name, "values") ? R : SERIES;
      double[] y = source.get(name, "values");
      int m = (int) source.scalar(name, "m");
      double[] expected = R.get(name, "mean");
      FittedForecaster fitted = new Theta(m).fit(y);
      double[] actual = fitted.forecast(expected.length);
      for (int h = 0; h < expected.length; h++) {
        assertThat(actual[h])
            .as("%s h=%d", name, h + 1)
            .isCloseTo(expected[h], within(FORECAST_TOLERANCE * Math.abs(expected[h])));
      }
      if (R.has(name, "figure")) {
        // thetaf's seasonal indices (decompose(type = "multiplicative")$figure): closed form.
        double[] figure = R.get(name, "figure");
        for (int i = 0; i < m; i++) {
          assertThat(fitted.parameters().get("s" + (i + 1)))
              .as("%s s%d", name, i + 1)
              .isCloseTo(figure[i], within(1e-9 * figure[i]));
        }
      }
      // The drift is a closed-form OLS slope on the same adjusted series: 1e-9 relative.
      double drift = R.scalar(name, "drift");
      assertThat(fitted.parameters().get("drift"))
          .as(name)
          .isCloseTo(drift, within(1e-9 * Math.abs(drift)));
      assertThat(fitted.parameters().get("alpha"))
          .as(name)
          .isCloseTo(R.scalar(name, "alpha"), within(5e-4));
      // sigma2 = SSE / (n - 2): our SSE is at or below R's (largest gap 2.5e-5 relative, WWWusage
      // with alpha at the upper bound).
      double sigma2 = R.scalar(name, "sigma2");
      assertThat(fitted.parameters().get("sigma2"))
          .as(name)
          .isBetween(sigma2 * (1 - 1e-4), sigma2 * (1 + 1e-9));
    }
  }

  @Test
  void givenNonSeasonalRSeries_whenVariance_thenMatchesThetafStandardErrors() {
    for (String name : new String[] {"WWWusage", "Nile", "lh", "M3_N0001"}) {
      double[] se = R.get(name, "se");
      double[] variance = new Theta(1).fit(SERIES.get(name, "values")).forecastVariance(se.length)
          .orElseThrow();
      for (int h = 0; h < se.length; h++) {
        // alpha within 1e-4 and sigma2 within 1e-4: the standard errors agree to 1e-3 relative.
        assertThat(Math.sqrt(variance[h])).as(name).isCloseTo(se[h], within(1e-3 * se[h]));
      }
    }
  }

  @Test
  void givenSeasonalRSeries_whenFit_thenSeasonalFlagsMatchThetaf() {
    // thetaf adjusts AirPassengers, USAccDeaths, N0646 (m=4, n=36 > 2m) and N1712; not N1402.
    assertThat(new Theta(12).fit(SERIES.get("AirPassengers", "values")).parameters())
        .containsEntry("seasonal", 1.0);
    // R's multiplicative decomposition accepts zeros: NN5 N164 has 9 days without withdrawals
    double[] n164 = R.get("NN5_N164", "values");
    assertThat(Arrays.stream(n164).filter(v -> v == 0).count()).isEqualTo(9);
    assertThat(new Theta(7).fit(n164).parameters()).containsEntry("seasonal", 1.0);
    assertThat(new Theta(4).fit(SERIES.get("M3_N0646", "values")).parameters())
        .containsEntry("seasonal", 1.0);
    assertThat(new Theta(12).fit(SERIES.get("M3_N1402", "values")).parameters())
        .containsEntry("seasonal", 0.0);
  }

  @Test
  void givenLinearSeries_whenForecast_thenContinuesTheLine() {
    // y = 10 + 2t: SES with alpha at its upper bound 0.9999 ends with a level within 1e-3 of
    // y[n-1] = 48; the drift b0/2 = 1 times (h - 1 + (1 - (1-alpha)^n)/alpha) adds about h: the
    // Theta method extrapolates half the slope (Hyndman and Billah 2003).
    double[] y = new double[20];
    for (int t = 0; t < y.length; t++) {
      y[t] = 10 + 2 * t;
    }
    double[] forecast = new Theta(1).fit(y).forecast(3);
    assertThat(forecast).containsExactly(new double[] {49, 50, 51}, within(1e-3));
  }

  @Test
  void givenConstantSeries_whenForecast_thenFlatWithZeroVariance() {
    double[] y = new double[30];
    Arrays.fill(y, 12.5);
    FittedForecaster fitted = new Theta(12).fit(y);
    assertThat(fitted.forecast(3)).containsExactly(new double[] {12.5, 12.5, 12.5}, within(1e-12));
    assertThat(fitted.forecastVariance(2).orElseThrow()).containsExactly(0, 0);
  }

  @Test
  void givenCallerMutatesHistoryAfterFit_whenForecast_thenUnaffected() {
    double[] history = SERIES.get("Nile", "values");
    FittedForecaster fitted = new Theta(1).fit(history);
    double[] before = fitted.forecast(5);
    Arrays.fill(history, 0.0);
    assertThat(fitted.forecast(5)).containsExactly(before);
  }

  @Test
  void givenBadInput_whenFitOrForecast_thenIllegalArgumentException() {
    assertThatThrownBy(() -> new Theta(1).fit(new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length 2");
    assertThatThrownBy(() -> new Theta(0)).isInstanceOf(IllegalArgumentException.class);
    FittedForecaster fitted = new Theta(1).fit(new double[] {1, 3, 2, 4});
    assertThatThrownBy(() -> fitted.forecast(0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new Theta(12).spec()).isEqualTo("theta(m=12)");
    assertThat(fitted.model()).isEqualTo("theta");
  }

  /**
   * The M4 organisers' Theta benchmark (period 1 for weekly data) scored sMAPE 9.093 on M4 Weekly
   * (published evaluation tables). Their SES optimiser differs from this one, so the score is
   * reproduced to 0.02 (measured: 9.088).
   */
  @Test
  void givenM4Weekly_whenThetaWithPeriodOne_thenSmapeMatchesPublishedTheta() {
    // the M4 Weekly files are committed test resources: their absence is a failure, not a skip
    assertThat(M4WeeklyData.available()).as("M4 Weekly test resources").isTrue();
    java.util.Map<String, double[]> train = M4WeeklyData.read("Weekly-train.csv.gz");
    java.util.Map<String, double[]> test = M4WeeklyData.read("Weekly-test.csv.gz");
    java.util.Map<String, double[]> forecasts = new java.util.HashMap<>();
    train.forEach((id, y) -> forecasts.put(id, new Theta(1).fit(y).forecast(13)));
    assertThat(M4WeeklyData.meanSmape(test, forecasts)).isCloseTo(9.093, within(0.02));
  }
}
