package io.demandcast.inventory.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NegativeBinomialDemandTest {

  @Test
  void givenRGrid_whenCdfPmfAndLoss_thenMatchPnbinomDnbinomAndSummedLoss() {
    // R: pnbinom / dnbinom(floor(y), size, mu) and the loss summed term by term. Tolerance 1e-11 on
    // probabilities: for size 1e7 (mean 10, variance 10.00001) R's dnbinom(4) is 1.0e-12 off a
    // 50-digit evaluation of the pmf (mpmath), which our value matches to 1e-17.
    for (CSVRecord row : RReference.read("nbinom.csv")) {
      NegativeBinomialDemand nb =
          NegativeBinomialDemand.ofMoments(
              RReference.number(row, "mean"), RReference.number(row, "variance"));
      double y = RReference.number(row, "y");
      assertThat(nb.size()).isCloseTo(RReference.number(row, "size"), within(1e-12 * nb.size()));
      assertThat(nb.probability()).isCloseTo(RReference.number(row, "prob"), within(1e-15));
      assertThat(nb.cdf(y))
          .as("cdf(%s) of %s", y, nb)
          .isCloseTo(RReference.number(row, "cdf"), within(1e-11));
      assertThat(nb.pmf(Math.floor(y)))
          .as("pmf(%s) of %s", Math.floor(y), nb)
          .isCloseTo(RReference.number(row, "pmf"), within(1e-11));
      assertThat(nb.loss(y))
          .as("loss(%s) of %s", y, nb)
          .isCloseTo(RReference.number(row, "loss"), within(1e-10));
    }
  }

  @Test
  void givenRGrid_whenQuantile_thenEqualsQnbinomExactly() {
    for (CSVRecord row : RReference.read("nbinom_quantile.csv")) {
      NegativeBinomialDemand nb =
          NegativeBinomialDemand.ofMoments(
              RReference.number(row, "mean"), RReference.number(row, "variance"));
      double p = RReference.number(row, "p");
      assertThat(nb.quantile(p))
          .as("quantile(%s) of %s", p, nb)
          .isEqualTo(RReference.number(row, "quantile"));
    }
  }

  @ParameterizedTest
  @CsvSource({"0.4, 2", "0.05, 0.3", "2, 5", "7.5, 20", "40, 100", "400, 1600"})
  void givenMoments_whenLossAtIntegers_thenEqualsBruteForceSummation(double mean, double variance) {
    // Independent of the closed form: sum over x > k of (x - k) p(x), from the far tail down.
    NegativeBinomialDemand nb = NegativeBinomialDemand.ofMoments(mean, variance);
    double sd = Math.sqrt(variance);
    int upper = upperSummationLimit(nb);
    for (int k = 0; k <= mean + 8 * sd + 5; k++) {
      double sum = 0;
      for (int x = upper; x > k; x--) {
        sum += (x - k) * nb.pmf(x);
      }
      assertThat(nb.loss(k))
          .as("loss(%s) of %s", k, nb)
          .isCloseTo(sum, within(1e-10 * Math.max(1, mean)));
    }
  }

  @ParameterizedTest
  @CsvSource({"0.4, 2", "2, 5", "3, 3.5", "40, 100"})
  void givenMoments_whenPmfSummed_thenReproducesMeanAndVariance(double mean, double variance) {
    // The pmf (not the stored parameters) must have the requested first two moments and sum to 1.
    NegativeBinomialDemand nb = NegativeBinomialDemand.ofMoments(mean, variance);
    int upper = upperSummationLimit(nb);
    double total = 0;
    double first = 0;
    double second = 0;
    for (int x = upper; x >= 0; x--) {
      double p = nb.pmf(x);
      total += p;
      first += x * p;
      second += (double) x * x * p;
    }
    assertThat(total).isCloseTo(1.0, within(1e-12));
    assertThat(first).isCloseTo(mean, within(1e-10 * mean));
    assertThat(second - first * first).isCloseTo(variance, within(1e-9 * variance));
  }

  @Test
  void givenVarianceBarelyAboveMean_whenEvaluated_thenCloseToPoisson() {
    // size r = 10 / 1e-6 = 1e7: the negative binomial is a Poisson to about 1e-6.
    NegativeBinomialDemand nb = NegativeBinomialDemand.ofMoments(10, 10 * (1 + 1e-7));
    PoissonDemand poisson = PoissonDemand.of(10);
    for (int k = 0; k <= 30; k++) {
      assertThat(nb.cdf(k)).as("cdf(%s)", k).isCloseTo(poisson.cdf(k), within(1e-6));
      assertThat(nb.loss(k)).as("loss(%s)", k).isCloseTo(poisson.loss(k), within(1e-6));
    }
    assertThat(nb.quantile(0.95)).isEqualTo(poisson.quantile(0.95));
  }

  @Test
  void givenSizeTenBillion_whenEvaluated_thenPoissonToWithinTheOverdispersion() {
    // Variance 10 + 1e-8: size r ~ 1e10 and 1 - p ~ 1e-9, where evaluating I_p directly would lose
    // 1 - p to rounding. The distribution differs from the Poisson by O(mean / r) ~ 1e-9.
    NegativeBinomialDemand nb = NegativeBinomialDemand.ofMoments(10, 10.00000001);
    PoissonDemand poisson = PoissonDemand.of(10);
    for (int k = 0; k <= 30; k++) {
      assertThat(nb.cdf(k)).as("cdf(%s)", k).isCloseTo(poisson.cdf(k), within(1e-8));
      assertThat(nb.pmf(k))
          .as("pmf(%s)", k)
          .isCloseTo(poisson.cdf(k) - poisson.cdf(k - 1), within(1e-8));
      assertThat(nb.loss(k)).as("loss(%s)", k).isCloseTo(poisson.loss(k), within(1e-8));
    }
  }

  @ParameterizedTest
  @CsvSource({"0.4, 2", "7.5, 20", "400, 1000", "5000, 40000", "1e5, 3e5"})
  void givenProbabilityAtCdfOfK_whenQuantile_thenKAndNextUpGivesKPlusOne(
      double mean, double variance) {
    NegativeBinomialDemand nb = NegativeBinomialDemand.ofMoments(mean, variance);
    double sd = Math.sqrt(variance);
    double step = Math.max(1, Math.floor(sd / 4));
    for (double k = Math.max(0, Math.floor(mean - 2 * sd)); k <= mean + 4 * sd; k += step) {
      double p = nb.cdf(k);
      if (p <= 0 || p >= 1) {
        continue;
      }
      assertThat(nb.quantile(p)).as("quantile(F(%s)) of %s", k, nb).isEqualTo(k);
      if (Math.nextUp(p) < 1) {
        assertThat(nb.quantile(Math.nextUp(p)))
            .as("quantile(F(%s)+) of %s", k, nb)
            .isEqualTo(k + 1);
      }
    }
  }

  @Test
  void givenExtremeProbabilities_whenQuantile_thenSmallestKWithCdfAtLeastP() {
    NegativeBinomialDemand nb = NegativeBinomialDemand.ofMoments(0.4, 2);
    for (double p : new double[] {1e-12, 0.5, 0.851, 0.852, 1 - 1e-9, 1 - 1e-15}) {
      double q = nb.quantile(p);
      assertThat(nb.cdf(q)).as("F(q) for p = %s", p).isGreaterThanOrEqualTo(p);
      if (q > 0) {
        assertThat(nb.cdf(q - 1)).as("F(q - 1) for p = %s", p).isLessThan(p);
      }
    }
  }

  @Test
  void givenVarianceNotAboveMean_whenOfMoments_thenRejectedNamingBoth() {
    assertThatThrownBy(() -> NegativeBinomialDemand.ofMoments(2.0, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("variance = 1.5")
        .hasMessageContaining("mean = 2.0");
    assertThatThrownBy(() -> NegativeBinomialDemand.ofMoments(3.0, 3.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("variance = 3.0")
        .hasMessageContaining("mean = 3.0");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, -1.25, Double.NaN})
  void givenMeanNotPositive_whenOfMoments_thenRejectedNamingValue(double mean) {
    assertThatThrownBy(() -> NegativeBinomialDemand.ofMoments(mean, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mean")
        .hasMessageContaining(String.valueOf(mean));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 1.0, -0.5, 1.0001, Double.NaN})
  void givenProbabilityOutsideOpenUnitInterval_whenQuantile_thenRejectedNamingValue(double p) {
    assertThatThrownBy(() -> NegativeBinomialDemand.ofMoments(2, 5).quantile(p))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(String.valueOf(p));
  }

  /**
   * A point past the mean where the pmf is below 1e-30; beyond it the pmf decays at least
   * geometrically with ratio (1 - p) (x + r) / (x + 1) &lt; 1, so the remaining terms are
   * negligible.
   */
  private static int upperSummationLimit(NegativeBinomialDemand nb) {
    int x = (int) Math.ceil(nb.mean());
    while (nb.pmf(x) > 1e-30) {
      x = x + Math.max(10, x / 10);
    }
    return x;
  }
}
