package io.demandcast.forecasting.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.forecasting.Seasonality;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link Mstl} against R's {@code forecast::mstl} (forecast 8.20) on two NN5 cash machines
 * (735 days, periods 7 and 365.25), a synthetic hourly series (1,000 hours, periods 24 and 168),
 * an NN5 history of 280 days (365.25 dropped) and two non-seasonal series (Nile, WWWusage: trend
 * by the super smoother); reference values from {@code src/test/r/mstl.R} (resource {@code
 * reference/mstl.csv}).
 */
class MstlTest {
  private static final RReference R = RReference.load("mstl.csv");

  /**
   * STL and the super smoother follow R step for step, so only rounding (and the 12 significant
   * digits of the reference file) separates the two: every component agrees within 1e-6 relative
   * to the series' largest absolute value.
   */
  private static final double RELATIVE_TOLERANCE = 1e-6;

  @Test
  void givenRSeries_whenDecompose_thenMatchesRMstl() {
    for (String name : R.seriesWith("trend")) {
      double[] y = R.get(name, "values");
      Seasonality seasonality = seasonality(name);
      Mstl.Decomposition d = Mstl.of(seasonality).decompose(y);
      double scale = 0.0;
      for (double v : y) {
        scale = Math.max(scale, Math.abs(v));
      }
      double tolerance = RELATIVE_TOLERANCE * scale;
      double[] expectedRemainder = y.clone();
      double[] trend = R.get(name, "trend");
      compare(name, "trend", d.trend(), trend, tolerance);
      for (int t = 0; t < y.length; t++) {
        expectedRemainder[t] -= trend[t];
      }
      int components = 0;
      while (R.has(name, "seasonal_" + (components + 1))) {
        double[] seasonal = R.get(name, "seasonal_" + (components + 1));
        compare(name, "seasonal_" + (components + 1), d.seasonal(components), seasonal, tolerance);
        for (int t = 0; t < y.length; t++) {
          expectedRemainder[t] -= seasonal[t];
        }
        components++;
      }
      assertThat(d.periods()).as("%s periods", name).hasSize(components);
      compare(name, "remainder", d.remainder(), expectedRemainder, tolerance);
    }
  }

  @Test
  void givenShortDailyHistory_whenPeriodsFor_thenDropsTheYearAsR() {
    Mstl daily = Mstl.of(Seasonality.of(7, 365.25));
    assertThat(daily.periodsFor(735)).containsExactly(7.0, 365.25);
    assertThat(daily.periodsFor(730)).containsExactly(7.0);
    assertThat(daily.periodsFor(14)).isEmpty();
    // one period: R's msts(x, 52.18) is a ts of frequency 52
    assertThat(Mstl.of(Seasonality.of(52.18)).periodsFor(105)).containsExactly(52.0);
    assertThat(Mstl.of(Seasonality.of(52.18)).periodsFor(104)).isEmpty();
    assertThat(Mstl.of(Seasonality.of()).periodsFor(1000)).isEmpty();
  }

  @Test
  void givenOnePeriod_whenDecompose_thenIsStlWithSeasonalWindow11() {
    double[] y = R.get("NN5_N101_280", "values");
    Mstl.Decomposition d = Mstl.of(Seasonality.single(7)).decompose(y);
    Stl.Decomposition stl = Stl.forStlf(7).decompose(y);
    assertThat(d.seasonal(0)).containsExactly(stl.seasonal());
    assertThat(d.trend()).containsExactly(stl.trend());
    assertThat(d.remainder()).containsExactly(stl.remainder());
    assertThat(d.seasonallyAdjusted()).containsExactly(stl.seasonallyAdjusted());
  }

  @Test
  void givenDecomposition_whenLastCycle_thenTakesTheWholePartOfThePeriod() {
    double[] y = R.get("NN5_N101_735", "values");
    Mstl.Decomposition d = Mstl.of(Seasonality.of(7, 365.25)).decompose(y);
    double[] yearly = d.seasonal(1);
    double[] cycle = d.lastCycle(1);
    assertThat(cycle).hasSize(365);
    assertThat(cycle[0]).isEqualTo(yearly[735 - 365]);
    assertThat(cycle[364]).isEqualTo(yearly[734]);
    assertThat(d.lastCycle(0)).hasSize(7);
    double[] adjusted = d.seasonallyAdjusted();
    double[] weekly = d.seasonal(0);
    for (int t = 0; t < y.length; t++) {
      assertThat(adjusted[t] + weekly[t] + yearly[t]).isCloseTo(y[t], Offset.offset(1e-9));
    }
  }

  @Test
  void givenTinySeries_whenDecompose_thenTrendOnly() {
    assertThat(Mstl.of(Seasonality.of(7, 365.25)).decompose(new double[] {4}).trend())
        .containsExactly(4.0);
    // R's supsmu: the least-squares line below five points
    double[] trend = Mstl.of(Seasonality.of()).decompose(new double[] {3, 1, 4, 1}).trend();
    assertThat(trend[0]).isCloseTo(2.7, Offset.offset(1e-12));
    assertThat(trend[3]).isCloseTo(1.8, Offset.offset(1e-12));
    double[] constant =
        Mstl.of(Seasonality.of(7)).decompose(new double[] {5, 5, 5, 5, 5, 5}).trend();
    for (double v : constant) {
      assertThat(v).isCloseTo(5.0, Offset.offset(1e-12));
    }
  }

  @Test
  void givenBadInput_whenDecompose_thenIllegalArgument() {
    Mstl mstl = Mstl.of(Seasonality.of(7, 365.25));
    assertThatThrownBy(() -> mstl.decompose(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> mstl.decompose(new double[0]))
        .isInstanceOf(IllegalArgumentException.class);
    double[] withNaN = new double[30];
    withNaN[17] = Double.NaN;
    assertThatThrownBy(() -> mstl.decompose(withNaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index 17");
    assertThatThrownBy(() -> Mstl.of(null)).isInstanceOf(NullPointerException.class);
  }

  static Seasonality seasonality(String name) {
    if (!R.has(name, "periods")) {
      return Seasonality.of();
    }
    return Seasonality.of(R.get(name, "periods"));
  }

  private static void compare(
      String name, String quantity, double[] actual, double[] expected, double tolerance) {
    assertThat(actual).as("%s %s length", name, quantity).hasSameSizeAs(expected);
    double worst = 0.0;
    int at = -1;
    for (int i = 0; i < expected.length; i++) {
      double diff = Math.abs(actual[i] - expected[i]);
      if (diff > worst) {
        worst = diff;
        at = i;
      }
    }
    assertThat(worst)
        .as("%s %s largest difference (index %d)", name, quantity, at)
        .isLessThanOrEqualTo(tolerance);
  }
}
