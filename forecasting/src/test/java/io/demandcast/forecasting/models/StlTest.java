package io.demandcast.forecasting.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Checks {@link Stl} against R's {@code stats::stl} (R 4) on USAccDeaths, the monthly M3 series
 * N1712 and the NN5 cash machine N101 (280 days, m = 7); reference values from {@code
 * src/test/r/stl.R} (resource {@code reference/stl.csv}).
 */
class StlTest {
  private static final RReference R = RReference.load("stl.csv");

  /**
   * The algorithm is R's, step for step, so only rounding separates the two: every component
   * agrees within 1e-6 relative to the series' largest absolute value.
   */
  private static final double RELATIVE_TOLERANCE = 1e-6;

  @Test
  void givenRSeries_whenSeasonalWindow11_thenMatchesRStl() {
    for (String name : R.seriesWith("values")) {
      int m = (int) R.scalar(name, "m");
      check(name, "sw11", Stl.forStlf(m).decompose(R.get(name, "values")));
    }
  }

  @Test
  void givenPeriodic_whenDecompose_thenSeasonalRepeatsAndComponentsAddUp() {
    double[] y = R.get("NN5_N101", "values");
    Stl.Decomposition d = Stl.periodic(7, false).decompose(y);
    double[] s = d.seasonal();
    double[] t = d.trend();
    double[] r = d.remainder();
    double[] adjusted = d.seasonallyAdjusted();
    for (int i = 0; i < y.length; i++) {
      if (i >= 7) {
        assertThat(s[i]).isEqualTo(s[i - 7]);
      }
      assertThat(s[i] + t[i] + r[i]).isCloseTo(y[i], org.assertj.core.data.Offset.offset(1e-9));
      assertThat(adjusted[i]).isCloseTo(y[i] - s[i], org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Test
  void givenBadInput_whenDecompose_thenIllegalArgument() {
    assertThatThrownBy(() -> Stl.periodic(1, true)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Stl.withSeasonalWindow(12, 0, false))
        .isInstanceOf(IllegalArgumentException.class);
    Stl stl = Stl.forStlf(4);
    assertThatThrownBy(() -> stl.decompose(null)).isInstanceOf(IllegalArgumentException.class);
    // exactly two periods is too short, as in R
    assertThatThrownBy(() -> stl.decompose(new double[8]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length 8");
    double[] withNaN = new double[12];
    withNaN[5] = Double.NaN;
    assertThatThrownBy(() -> stl.decompose(withNaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index 5");
    double[] withInf = new double[12];
    withInf[0] = Double.POSITIVE_INFINITY;
    assertThatThrownBy(() -> stl.decompose(withInf)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenShortestSeries_whenDecompose_thenFinite() {
    double[] y = {1, 5, 2, 8, 2, 6, 3, 9, 3};
    Stl.Decomposition d = Stl.forStlf(4).decompose(y);
    for (double v : d.trend()) {
      assertThat(v).isFinite();
    }
  }

  private static void check(String name, String prefix, Stl.Decomposition d) {
    double scale = 0.0;
    for (double v : R.get(name, "values")) {
      scale = Math.max(scale, Math.abs(v));
    }
    double tolerance = RELATIVE_TOLERANCE * scale;
    compare(name, prefix + "_seasonal", d.seasonal(), tolerance);
    compare(name, prefix + "_trend", d.trend(), tolerance);
    compare(name, prefix + "_remainder", d.remainder(), tolerance);
  }

  private static void compare(String name, String quantity, double[] actual, double tolerance) {
    double[] expected = R.get(name, quantity);
    assertThat(actual).as("%s %s length", name, quantity).hasSameSizeAs(expected);
    double worst = 0.0;
    for (int i = 0; i < expected.length; i++) {
      worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
    }
    assertThat(worst).as("%s %s largest difference", name, quantity).isLessThanOrEqualTo(tolerance);
  }
}
