package io.demandcast.forecasting.models;

import java.util.Arrays;
import io.demandcast.forecasting.Forecaster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.forecasting.FittedForecaster;
import io.demandcast.forecasting.Seasonality;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link Mstlf} against R's {@code forecast::stlf(msts(x, periods), h)} (forecast 8.20) on
 * two NN5 cash machines (735 days, periods 7 and 365.25, h = 56), an NN5 history of 280 days and
 * a synthetic hourly series (1,000 hours, periods 24 and 168, h = 168); reference values from
 * {@code src/test/r/mstl.R} (resource {@code reference/mstl.csv}).
 */
class MstlfTest {
  private static final RReference R = RReference.load("mstl.csv");

  /**
   * The decomposition matches R to rounding ({@link MstlTest}) and R picks ETS(A,N,N) on each
   * adjusted series, as this ETS does; the smoothing parameter comes from a different optimiser
   * than R's Nelder-Mead, so the forecasts may differ by up to 1e-3 relative to the series'
   * largest absolute value.
   */
  private static final double RELATIVE_TOLERANCE = 1e-3;

  @Test
  void givenRSeries_whenForecast_thenMatchesRStlfOnMsts() {
    for (String name : R.seriesWith("stlf_mean")) {
      double[] y = R.get(name, "values");
      double[] expected = R.get(name, "stlf_mean");
      double scale = 0.0;
      for (double v : y) {
        scale = Math.max(scale, Math.abs(v));
      }
      FittedForecaster fitted = new Mstlf(MstlTest.seasonality(name)).fit(y);
      double[] method = R.get(name, "stlf_method");
      assertThat(fitted.parameters().get("error")).as("%s error", name).isEqualTo(method[0]);
      double trend =
          fitted.parameters().get("trend") + fitted.parameters().getOrDefault("damped", 0.0);
      assertThat(trend).as("%s trend", name).isEqualTo(method[1]);
      double[] actual = fitted.forecast(expected.length);
      double worst = 0.0;
      for (int h = 0; h < expected.length; h++) {
        worst = Math.max(worst, Math.abs(actual[h] - expected[h]));
      }
      assertThat(worst / scale)
          .as("%s largest relative difference", name)
          .isLessThanOrEqualTo(RELATIVE_TOLERANCE);
      assertThat(fitted.forecastVariance(expected.length)).isPresent();
    }
  }

  @Test
  void givenOnePeriod_whenForecast_thenIdenticalToStlf() {
    for (String name : new String[] {"NN5_N101_280", "NN5_N164_735"}) {
      double[] y = R.get(name, "values");
      double[] stlf = new Stlf(7).fit(y).forecast(60);
      double[] mstlf = new Mstlf(Seasonality.single(7)).fit(y).forecast(60);
      assertThat(mstlf).as(name).containsExactly(stlf);
    }
    // a fractional single period is a ts of frequency floor(p) in R: 52.18 forecasts as stlf(m=52)
    double[] weekly = R.get("SYNTH_HOURLY", "values");
    assertThat(new Mstlf(Seasonality.of(52.18)).fit(weekly).forecast(13))
        .containsExactly(new Stlf(52).fit(weekly).forecast(13));
  }

  @Test
  void givenNoEstimablePeriod_whenForecast_thenEtsOnTheSeries() {
    double[] y = R.get("Nile", "values");
    double[] ets = Ets.auto(1).fit(y).forecast(10);
    assertThat(new Mstlf(Seasonality.of()).fit(y).forecast(10)).containsExactly(ets);
    // 100 days: neither 365.25 nor, with 7, anything but the week; 10 days: nothing
    double[] short10 = new double[10];
    System.arraycopy(y, 0, short10, 0, 10);
    assertThat(new Mstlf(Seasonality.of(7, 365.25)).fit(short10).forecast(3))
        .containsExactly(Ets.auto(1).fit(short10).forecast(3));
    assertThat(new Mstlf(Seasonality.of(7, 365.25)).fit(y).parameters())
        .containsEntry("period1", 7.0)
        .doesNotContainKey("period2");
  }

  @Test
  void givenTwoPurelySeasonalPatterns_whenForecast_thenRepeatsBoth() {
    double[] y = new double[24 * 7 * 4];
    for (int t = 0; t < y.length; t++) {
      y[t] = 100 + 10 * Math.sin(2 * Math.PI * t / 24) + ((t / 24) % 7 == 6 ? -8 : 1);
    }
    double[] f = new Mstlf(Seasonality.of(24, 168)).fit(y).forecast(48);
    for (int h = 0; h < 48; h++) {
      int t = y.length + h;
      double truth = 100 + 10 * Math.sin(2 * Math.PI * t / 24) + ((t / 24) % 7 == 6 ? -8 : 1);
      assertThat(f[h]).as("h=%d", h + 1).isCloseTo(truth, Offset.offset(0.5));
    }
  }

  @Test
  void givenWholeHistoryFit_whenRefilteredOverAPrefix_thenSameFitOnTheWholeAndNewOriginOnAPrefix() {
    double[] y = R.get("NN5_N164_735", "values");
    Mstlf mstlf = new Mstlf(Seasonality.of(7, 365.25));
    FittedForecaster whole = mstlf.fit(y);
    Forecaster refiltered = mstlf.refiltered(whole);
    // over the whole history the filter ends in the fitted state: the same forecast, bit for bit
    assertThat(refiltered.fit(y).forecast(56)).containsExactly(whole.forecast(56));
    // a prefix: the weekly and yearly components of the whole decomposition up to its end, ETS
    // refiltered over the prefix's adjusted values; a forecast of the right length that moves
    double[] prefix = Arrays.copyOf(y, 679);
    double[] fromPrefix = refiltered.fit(prefix).forecast(56);
    assertThat(fromPrefix).hasSize(56);
    assertThat(Arrays.stream(fromPrefix).allMatch(Double::isFinite)).isTrue();
    assertThat(fromPrefix).isNotEqualTo(whole.forecast(56));
    // the same weekday pattern as the whole fit's seasonal part: day t and t + 7 differ by the
    // yearly component's change only, far less than the weekly swing
    double weeklySwing =
        Arrays.stream(fromPrefix, 0, 7).max().orElseThrow()
            - Arrays.stream(fromPrefix, 0, 7).min().orElseThrow();
    assertThat(weeklySwing).isGreaterThan(0.0);
    assertThatThrownBy(() -> refiltered.fit(Arrays.copyOf(y, y.length + 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("longer than the fitted history");
  }

  @Test
  void givenBadInput_whenFit_thenIllegalArgument() {
    assertThatThrownBy(() -> new Mstlf(null)).isInstanceOf(NullPointerException.class);
    Mstlf mstlf = new Mstlf(Seasonality.of(7, 365.25));
    assertThat(mstlf.minHistory()).isEqualTo(1);
    assertThat(mstlf.spec()).startsWith("mstlf(periods=7,365.25, iterate=2");
    assertThatThrownBy(() -> mstlf.fit(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> mstlf.fit(new double[0]))
        .isInstanceOf(IllegalArgumentException.class);
    double[] withNaN = new double[20];
    withNaN[3] = Double.NaN;
    assertThatThrownBy(() -> mstlf.fit(withNaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
