package io.demandcast.inventory.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.csv.CSVRecord;
import org.apache.commons.statistics.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PoissonDemandTest {

  @Test
  void givenRGrid_whenCdfAndLoss_thenMatchPpoisAndSummedLoss() {
    // R: ppois(floor(y)) and the loss summed term by term, sum over x > y of (x - y) dpois(x).
    for (CSVRecord row : RReference.read("poisson.csv")) {
      PoissonDemand poisson = PoissonDemand.of(RReference.number(row, "lambda"));
      double y = RReference.number(row, "y");
      assertThat(poisson.cdf(y))
          .as("cdf(%s) of %s", y, poisson)
          .isCloseTo(RReference.number(row, "cdf"), within(1e-12));
      assertThat(poisson.loss(y))
          .as("loss(%s) of %s", y, poisson)
          .isCloseTo(RReference.number(row, "loss"), within(1e-10));
    }
  }

  @Test
  void givenRGrid_whenQuantile_thenEqualsQpoisExactly() {
    for (CSVRecord row : RReference.read("poisson_quantile.csv")) {
      PoissonDemand poisson = PoissonDemand.of(RReference.number(row, "lambda"));
      double p = RReference.number(row, "p");
      assertThat(poisson.quantile(p))
          .as("quantile(%s) of %s", p, poisson)
          .isEqualTo(RReference.number(row, "quantile"));
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.05, 0.3, 2, 7.5, 40, 400})
  void givenMean_whenLossAtIntegers_thenEqualsBruteForceSummation(double mean) {
    // Independent of the closed form: sum over x > k of (x - k) P(X = x), with Commons' pmf.
    PoissonDemand poisson = PoissonDemand.of(mean);
    PoissonDistribution reference = PoissonDistribution.of(mean);
    int upper = (int) (mean + 40 * Math.sqrt(mean) + 60);
    for (int k = 0; k <= mean + 8 * Math.sqrt(mean) + 5; k++) {
      double sum = 0;
      for (int x = upper; x > k; x--) {
        sum += (x - k) * reference.probability(x);
      }
      assertThat(poisson.loss(k))
          .as("loss(%s) of %s", k, poisson)
          .isCloseTo(sum, within(1e-10 * Math.max(1, mean)));
    }
  }

  @Test
  void givenNonIntegerLevel_whenLoss_thenLinearBetweenNeighbouringIntegers() {
    PoissonDemand poisson = PoissonDemand.of(3.2);
    for (int k = 0; k < 12; k++) {
      double lower = poisson.loss(k);
      double upper = poisson.loss(k + 1);
      for (double t : new double[] {0.1, 0.5, 0.9}) {
        assertThat(poisson.loss(k + t))
            .as("loss(%s)", k + t)
            .isCloseTo((1 - t) * lower + t * upper, within(1e-13));
      }
    }
  }

  @Test
  void givenZeroMean_whenEvaluated_thenPointMassAtZero() {
    PoissonDemand zero = PoissonDemand.of(0);
    assertThat(zero.cdf(-0.5)).isZero();
    assertThat(zero.cdf(0)).isEqualTo(1.0);
    assertThat(zero.quantile(0.999)).isZero();
    assertThat(zero.loss(0)).isZero();
    assertThat(zero.loss(3)).isZero();
    assertThat(zero.loss(-2)).isEqualTo(2.0);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.3, 7.5, 400, 1e5})
  void givenProbabilityAtCdfOfK_whenQuantile_thenKAndNextUpGivesKPlusOne(double mean) {
    // The smallest k with F(k) >= p: at p = F(k) exactly it is k; just above, k + 1.
    PoissonDemand poisson = PoissonDemand.of(mean);
    long start = Math.max(0, Math.round(mean - 3 * Math.sqrt(mean)));
    for (long k = start;
        k <= mean + 3 * Math.sqrt(mean);
        k += Math.max(1, (long) Math.sqrt(mean) / 4)) {
      double p = poisson.cdf(k);
      assertThat(poisson.quantile(p)).as("quantile(F(%s))", k).isEqualTo(k);
      assertThat(poisson.quantile(Math.nextUp(p))).as("quantile(F(%s)+)", k).isEqualTo(k + 1);
    }
  }

  @Test
  void givenLargeMean_whenLossAtMean_thenMatchesNormalApproximation() {
    // For lambda = 1e6 the Poisson is close to N(lambda, lambda): E[(X - lambda)+] ~ sqrt(lambda)
    // G(0)
    // = 1000 * 0.398942 = 398.94; the discrete correction is O(1).
    PoissonDemand poisson = PoissonDemand.of(1e6);
    assertThat(poisson.loss(1e6)).isCloseTo(398.94, within(1.0));
    assertThat(poisson.quantile(0.5)).isCloseTo(1e6, within(1.0));
  }

  @Test
  void givenNegativeMean_whenOf_thenRejectedNamingValue() {
    assertThatThrownBy(() -> PoissonDemand.of(-2.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mean")
        .hasMessageContaining("-2.5");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 1.0, -3, 2, Double.NaN})
  void givenProbabilityOutsideOpenUnitInterval_whenQuantile_thenRejectedNamingValue(double p) {
    assertThatThrownBy(() -> PoissonDemand.of(4).quantile(p))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(String.valueOf(p));
  }

  @Test
  void givenNanPoint_whenCdf_thenRejected() {
    assertThatThrownBy(() -> PoissonDemand.of(4).cdf(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN");
  }
}
