package io.demandcast.forecasting.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.forecasting.FittedForecaster;
import io.demandcast.forecasting.Forecaster;
import io.demandcast.forecasting.ModelFitException;
import io.demandcast.forecasting.backtest.Backtest;
import io.demandcast.forecasting.backtest.BacktestResult;
import io.demandcast.forecasting.backtest.RollingOrigin;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link Forecaster#refiltered}: ETS and ARIMA re-run only their filter over a prefix with
 * the whole-history estimates. Over the whole history the refiltered model must give the fit's
 * own forecasts (which pins the filter: same initial state, scale, adjustment and recursions);
 * over a shorter prefix it forecasts from the end of that prefix.
 */
class RefilteredTest {

  private static final int HORIZON = 13;

  /** Relative tolerance of the whole-history identity. */
  private static final double RELATIVE = 1e-9;

  /** A positive series with a trend, multiplicative seasonality of period m and noise. */
  private static double[] seasonal(long seed, int n, int m) {
    Random random = new Random(seed);
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      double index = 1.0 + 0.3 * Math.sin(2.0 * Math.PI * t / m);
      y[t] = (100.0 + 0.5 * t) * index * (1.0 + 0.05 * random.nextGaussian());
    }
    return y;
  }

  private static double[] randomWalk(long seed, int n) {
    Random random = new Random(seed);
    double[] y = new double[n];
    y[0] = 100.0;
    for (int t = 1; t < n; t++) {
      y[t] = y[t - 1] + 0.2 + random.nextGaussian();
    }
    return y;
  }

  /** ARMA(1, 1) around 50: w[t] = 0.5 w[t-1] + e[t] + 0.6 e[t-1]. */
  private static double[] arma(long seed, int n) {
    Random random = new Random(seed);
    double[] y = new double[n];
    double u = 0.0;
    double previous = 0.0;
    for (int t = -50; t < n; t++) {
      double e = random.nextGaussian();
      u = 0.5 * u + e + 0.6 * previous;
      previous = e;
      if (t >= 0) {
        y[t] = 50.0 + u;
      }
    }
    return y;
  }

  private static void assertRelativelyEqual(String label, double[] actual, double[] expected) {
    assertThat(actual).as(label).hasSameSizeAs(expected);
    for (int h = 0; h < expected.length; h++) {
      double tolerance = RELATIVE * Math.max(1.0, Math.abs(expected[h]));
      assertThat(Math.abs(actual[h] - expected[h]))
          .as("%s, step %d: %s vs %s", label, h + 1, actual[h], expected[h])
          .isLessThanOrEqualTo(tolerance);
    }
  }

  /**
   * Checks the whole-history identity, then a prefix {@code cut} periods shorter: finite, of the
   * horizon's length and not the whole-history forecast.
   */
  private static void checkRefiltered(String label, Forecaster method, double[] y, int cut) {
    FittedForecaster whole = method.fit(y);
    Forecaster refiltered = method.refiltered(whole);
    assertThat(refiltered.name()).as(label).isEqualTo(method.name());
    double[] expected = whole.forecast(HORIZON);
    FittedForecaster full = refiltered.fit(y);
    assertRelativelyEqual(label, full.forecast(HORIZON), expected);
    assertThat(full.parameters()).as(label).isEqualTo(whole.parameters());

    double[] prefix = Arrays.copyOf(y, y.length - cut);
    double[] shorter = refiltered.fit(prefix).forecast(HORIZON);
    assertThat(shorter).as(label).hasSize(HORIZON);
    assertThat(Arrays.stream(shorter).allMatch(Double::isFinite)).as(label).isTrue();
    assertThat(shorter).as(label).isNotEqualTo(expected);
  }

  @Test
  void givenEtsForms_whenRefilteredOverWholeHistory_thenSameForecastsAsFit() {
    double[] seasonal = seasonal(1L, 96, 12);
    double[] walk = randomWalk(2L, 150);
    // Automatic selection, every seasonal kind, damping, multiplicative trends and the class 3
    // mean (ETS(M,*,M), which uses sigma2).
    checkRefiltered("auto, seasonal", Ets.auto(12), seasonal, 10);
    checkRefiltered("auto, walk", Ets.auto(1), walk, 10);
    for (String form : new String[] {"ANN", "AAdN", "AAA", "MNM", "MAdM", "MAM", "MMN", "MMdN"}) {
      checkRefiltered(form, Ets.of(12, form), seasonal, 10);
    }
    // R's Holt-Winters fallback of very short series.
    checkRefiltered("auto, short", Ets.auto(1), Arrays.copyOf(walk, 6), 2);
    checkRefiltered("AAA, short", Ets.of(4, "AAA"), Arrays.copyOf(seasonal, 9), 1);
  }

  @Test
  void givenConstantSeries_whenEtsRefiltered_thenConstantForecasts() {
    double[] constant = new double[30];
    Arrays.fill(constant, 4.0);
    Ets method = Ets.auto(1);
    Forecaster refiltered = method.refiltered(method.fit(constant));
    assertRelativelyEqual(
        "constant", refiltered.fit(Arrays.copyOf(constant, 20)).forecast(3), new double[] {4, 4, 4});
  }

  @Test
  void givenMultiplicativeErrors_whenRefilteredOverNonPositiveHistory_thenModelFitException() {
    double[] y = seasonal(3L, 60, 12);
    Ets method = Ets.of(12, "MAM");
    Forecaster refiltered = method.refiltered(method.fit(y));
    double[] withZero = Arrays.copyOf(y, 40);
    withZero[5] = 0.0;
    assertThatThrownBy(() -> refiltered.fit(withZero))
        .isInstanceOf(ModelFitException.class)
        .hasMessageContaining("strictly positive")
        .hasMessageContaining("length 40");
  }

  @Test
  void givenArimaModels_whenRefilteredOverWholeHistory_thenSameForecastsAsFit() {
    double[] zeros = new double[48];
    Random random = new Random(3L);
    for (int t = 0; t < zeros.length; t++) {
      zeros[t] = Math.max(0.0, (t % 4 == 0 ? 0.0 : 20.0 * (t % 4)) + random.nextGaussian());
    }
    double[] line = new double[30];
    for (int t = 0; t < line.length; t++) {
      line[t] = 10.0 + 2.0 * t;
    }
    Object[][] cases = {
      {"multiplicative adjustment", new Arima(12), seasonal(4L, 120, 12), 1.0},
      {"additive adjustment", new Arima(4), zeros, 2.0},
      {"drift", new Arima(1), randomWalk(5L, 200), 0.0},
      {"arma", new Arima(1), arma(6L, 300), 0.0},
      {"line", new Arima(1), line, 0.0},
      {"fixed (1,0,2)", Arima.withOrder(1, 0, 2, true), arma(7L, 300), 0.0},
      {"fixed (2,1,1)", Arima.withOrder(2, 1, 1, false), randomWalk(8L, 200), 0.0},
    };
    boolean movingAverage = false;
    for (Object[] c : cases) {
      String label = (String) c[0];
      Arima method = (Arima) c[1];
      double[] y = (double[]) c[2];
      Map<String, Double> parameters = method.fit(y).parameters();
      assertThat(parameters.get("seasonal")).as(label).isEqualTo((double) c[3]);
      movingAverage |= parameters.get("q") > 0;
      checkRefiltered(label, method, y, 7);
    }
    assertThat(movingAverage).as("some case has MA terms, whose residuals are refiltered").isTrue();
  }

  @Test
  void givenM4Weekly_whenRefilteredOverWholeHistory_thenSameForecastsAsFit() {
    Assumptions.assumeTrue(M4WeeklyData.available(), "M4 Weekly test resources absent");
    List<double[]> series = new ArrayList<>(M4WeeklyData.read("Weekly-train.csv.gz").values());
    for (int i = 0; i < series.size(); i += 20) { // 18 of the 359 series
      double[] y = series.get(i);
      checkRefiltered("ets W" + (i + 1), Ets.auto(52), y, 13);
      checkRefiltered("arima W" + (i + 1), new Arima(52), y, 13);
    }
  }

  @Test
  void givenRefiltered_whenBacktest_thenEveryWindowForecast() {
    double[] y = seasonal(9L, 120, 12);
    for (Forecaster method : new Forecaster[] {Ets.auto(12), new Arima(12)}) {
      Forecaster refiltered = method.refiltered(method.fit(y));
      BacktestResult result = Backtest.run(refiltered, y, new RollingOrigin(8, 6, 3), 12);
      assertThat(result.failure()).as(method.name()).isNull();
      assertThat(result.forecasts()).as(method.name()).hasNumberOfRows(8);
    }
  }

  @Test
  void givenRefiltered_whenSerializedAndRestored_thenSameForecasts() throws Exception {
    double[] y = seasonal(10L, 96, 12);
    for (Forecaster method : new Forecaster[] {Ets.auto(12), new Arima(12)}) {
      Forecaster refiltered = method.refiltered(method.fit(y));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(refiltered);
      }
      Forecaster restored;
      try (ObjectInputStream in =
          new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        restored = (Forecaster) in.readObject();
      }
      double[] prefix = Arrays.copyOf(y, 80);
      assertThat(restored.fit(prefix).forecast(HORIZON))
          .isEqualTo(refiltered.fit(prefix).forecast(HORIZON));
      assertThat(restored.spec()).isEqualTo(refiltered.spec());
    }
  }

  @Test
  void givenOtherModels_whenRefiltered_thenForBacktest() {
    double[] y = seasonal(11L, 60, 12);
    Theta theta = new Theta(12);
    assertThat(theta.refiltered(theta.fit(y))).isSameAs(theta.forBacktest(theta.fit(y)));
    Forecaster other = new SeasonalNaive(12);
    Forecaster windows = new SeasonalNaive(4);
    Forecaster custom =
        new Forecaster() {
          @Override
          public String name() {
            return "custom";
          }

          @Override
          public int minHistory() {
            return other.minHistory();
          }

          @Override
          public FittedForecaster fit(double[] history) {
            return other.fit(history);
          }

          @Override
          public Forecaster forBacktest(FittedForecaster fitted) {
            return windows;
          }
        };
    assertThat(custom.refiltered(custom.fit(y))).isSameAs(windows);
  }
}
