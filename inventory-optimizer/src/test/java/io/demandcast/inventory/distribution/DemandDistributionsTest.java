package io.demandcast.inventory.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.inventory.distribution.DemandDistributions.Family;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class DemandDistributionsTest {

  @ParameterizedTest
  @CsvSource({"120, 900", "0.5, 0.2", "3, 3", "0, 0"})
  void givenMoments_whenNormal_thenBothMomentsReproduced(double mean, double variance) {
    DemandDistribution normal = DemandDistributions.fromMoments(mean, variance, Family.NORMAL);
    assertThat(normal).isInstanceOf(NormalDemand.class);
    assertThat(normal.mean()).isEqualTo(mean);
    assertThat(normal.variance()).isCloseTo(variance, within(1e-12 * Math.max(1, variance)));
    assertThat(normal.discrete()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"0.4, 2", "2, 5", "40, 100", "12.5, 13"})
  void givenOverdispersedMoments_whenDiscrete_thenNegativeBinomialWithBothMoments(
      double mean, double variance) {
    for (Family family : new Family[] {Family.DISCRETE, Family.NEGATIVE_BINOMIAL}) {
      DemandDistribution d = DemandDistributions.fromMoments(mean, variance, family);
      assertThat(d).as("%s", family).isInstanceOf(NegativeBinomialDemand.class);
      assertThat(d.mean()).isEqualTo(mean);
      assertThat(d.variance()).isEqualTo(variance);
      assertThat(d.name()).isEqualTo("negative_binomial");
      assertThat(d.discrete()).isTrue();
    }
  }

  @ParameterizedTest
  @CsvSource({"4, 4", "4, 3", "4, 0", "4, 4.00000000001"})
  void givenVarianceNotAboveMean_whenDiscreteOrNegativeBinomial_thenPoissonWithThatMean(
      double mean, double variance) {
    // 4.00000000001 is within the relative tolerance 1e-9 of the mean, so it counts as equal.
    for (Family family : new Family[] {Family.DISCRETE, Family.NEGATIVE_BINOMIAL}) {
      DemandDistribution d = DemandDistributions.fromMoments(mean, variance, family);
      assertThat(d).as("%s", family).isInstanceOf(PoissonDemand.class);
      assertThat(d.mean()).isEqualTo(mean);
      assertThat(d.variance()).isEqualTo(mean);
    }
  }

  @Test
  void givenEmpiricalFamily_whenFromMoments_thenRejectedSayingItNeedsTheHistory() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> DemandDistributions.fromMoments(2, 4, DemandDistributions.Family.EMPIRICAL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EMPIRICAL needs the demand history");
  }

  @Test
  void givenVarianceJustPastTolerance_whenDiscrete_thenNegativeBinomial() {
    DemandDistribution d = DemandDistributions.fromMoments(4, 4 * (1 + 1e-8), Family.DISCRETE);
    assertThat(d).isInstanceOf(NegativeBinomialDemand.class);
  }

  @ParameterizedTest
  @EnumSource(
      value = Family.class,
      names = {"POISSON", "NEGATIVE_BINOMIAL", "DISCRETE"})
  void givenZeroMean_whenDiscreteFamilies_thenPointMassAtZero(Family family) {
    DemandDistribution d = DemandDistributions.fromMoments(0, 0, family);
    assertThat(d).isInstanceOf(PoissonDemand.class);
    assertThat(d.cdf(0)).isEqualTo(1.0);
    assertThat(d.quantile(0.99)).isZero();
    assertThat(d.loss(0)).isZero();
  }

  @Test
  void givenPoissonFamily_whenOverdispersedMoments_thenPoissonIgnoringVariance() {
    DemandDistribution d = DemandDistributions.fromMoments(6, 20, Family.POISSON);
    assertThat(d).isInstanceOf(PoissonDemand.class);
    assertThat(d.variance()).isEqualTo(6.0);
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void givenNegativeMean_whenFromMoments_thenRejectedNamingValue(Family family) {
    assertThatThrownBy(() -> DemandDistributions.fromMoments(-3.5, 4, family))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mean")
        .hasMessageContaining("-3.5");
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void givenNanOrNegativeVariance_whenFromMoments_thenRejectedNamingValue(Family family) {
    assertThatThrownBy(() -> DemandDistributions.fromMoments(3, Double.NaN, family))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("variance")
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> DemandDistributions.fromMoments(3, -0.75, family))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("variance")
        .hasMessageContaining("-0.75");
  }

  @Test
  void givenNullFamily_whenFromMoments_thenRejected() {
    assertThatThrownBy(() -> DemandDistributions.fromMoments(3, 4, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("family");
  }
}
