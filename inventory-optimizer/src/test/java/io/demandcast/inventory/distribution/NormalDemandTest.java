package io.demandcast.inventory.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NormalDemandTest {

  @Test
  void givenRGrid_whenStandardNormalLoss_thenMatchesRClosedFormAndIntegral() {
    // G(z) from R: dnorm(z) - z * pnorm(z, lower.tail = FALSE), and by integrate() of (x - z)
    // phi(x).
    NormalDemand standard = NormalDemand.of(0, 1);
    for (CSVRecord row : RReference.read("standard_normal_loss.csv")) {
      double z = RReference.number(row, "z");
      double loss = standard.loss(z);
      assertThat(loss)
          .as("G(%s) vs R closed form", z)
          .isCloseTo(RReference.number(row, "g"), within(1e-12));
      assertThat(loss)
          .as("G(%s) vs R integrate()", z)
          .isCloseTo(RReference.number(row, "g_integrate"), within(1e-10));
    }
  }

  @Test
  void givenRGrid_whenCdfAndLoss_thenMatchPnormAndIntegratedLoss() {
    for (CSVRecord row : RReference.read("normal.csv")) {
      NormalDemand normal =
          NormalDemand.of(RReference.number(row, "mean"), RReference.number(row, "sd"));
      double x = RReference.number(row, "x");
      assertThat(normal.cdf(x))
          .as("cdf(%s) of %s", x, normal)
          .isCloseTo(RReference.number(row, "cdf"), within(1e-12));
      assertThat(normal.loss(x))
          .as("loss(%s) of %s", x, normal)
          .isCloseTo(RReference.number(row, "loss"), within(1e-9));
    }
  }

  @Test
  void givenRGrid_whenQuantile_thenMatchesQnorm() {
    for (CSVRecord row : RReference.read("normal_quantile.csv")) {
      NormalDemand normal =
          NormalDemand.of(RReference.number(row, "mean"), RReference.number(row, "sd"));
      double p = RReference.number(row, "p");
      assertThat(normal.quantile(p))
          .as("quantile(%s) of %s", p, normal)
          .isCloseTo(RReference.number(row, "quantile"), within(1e-9));
    }
  }

  @Test
  void givenZeroSd_whenEvaluated_thenPointMassAtMean() {
    NormalDemand pointMass = NormalDemand.of(12, 0);
    assertThat(pointMass.cdf(11.999)).isZero();
    assertThat(pointMass.cdf(12)).isEqualTo(1.0);
    assertThat(pointMass.quantile(0.01)).isEqualTo(12.0);
    assertThat(pointMass.quantile(0.99)).isEqualTo(12.0);
    assertThat(pointMass.loss(5)).isEqualTo(7.0);
    assertThat(pointMass.loss(12)).isZero();
    assertThat(pointMass.loss(20)).isZero();
    assertThat(pointMass.variance()).isZero();
  }

  @Test
  void givenSmallMeanLargeSd_whenLossBelowZero_thenExceedsMeanMinusY() {
    // The normal puts mass below 0, so E[(X - y)+] > mu - y even for y <= 0: E[(y - X)+] > 0.
    NormalDemand normal = NormalDemand.of(1, 2);
    assertThat(normal.cdf(0)).isGreaterThan(0.3);
    assertThat(normal.loss(0)).isGreaterThan(normal.mean());
  }

  @Test
  void givenHugeStandardisedDistance_whenLoss_thenFallsBackToPointMass() {
    NormalDemand narrow = NormalDemand.of(1e6, 1e-300);
    assertThat(narrow.loss(0)).isEqualTo(1e6);
    assertThat(narrow.loss(2e6)).isZero();
  }

  @Test
  void givenNegativeMean_whenOf_thenRejectedNamingValue() {
    assertThatThrownBy(() -> NormalDemand.of(-1.5, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mean")
        .hasMessageContaining("-1.5");
  }

  @Test
  void givenNegativeOrNanSd_whenOf_thenRejectedNamingValue() {
    assertThatThrownBy(() -> NormalDemand.of(10, -0.25))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sd")
        .hasMessageContaining("-0.25");
    assertThatThrownBy(() -> NormalDemand.of(10, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 1.0, -0.1, 1.5, Double.NaN})
  void givenProbabilityOutsideOpenUnitInterval_whenQuantile_thenRejectedNamingValue(double p) {
    assertThatThrownBy(() -> NormalDemand.of(10, 2).quantile(p))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(String.valueOf(p));
  }

  @Test
  void givenNonFiniteLevel_whenLoss_thenRejectedNamingValue() {
    assertThatThrownBy(() -> NormalDemand.of(10, 2).loss(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Infinity");
  }
}
