package io.demandcast.inventory.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmpiricalDemandTest {
  /** The samples of distributions.R's empirical section (the CSV names them). */
  private static final Map<String, double[]> SAMPLES =
      Map.of(
          "integer",
          new double[] {0, 0, 3, 1, 7, 2, 0, 12, 5, 5, 0, 1, 0, 4, 2, 0, 9, 1, 0, 3},
          "fractional",
          new double[] {2.5, 0.25, 7.75, 3, 3, 11.125, 0.5, 4.375, 6});

  @Test
  void givenRSamples_whenCdfLossAndQuantile_thenMatchEcdfMeanExcessAndType1Quantile() {
    int checked = 0;
    for (CSVRecord row : RReference.read("empirical.csv")) {
      EmpiricalDemand empirical = EmpiricalDemand.of(SAMPLES.get(row.get("sample")));
      if (!RReference.blank(row, "y")) {
        double y = RReference.number(row, "y");
        assertThat(empirical.cdf(y))
            .as("cdf(%s)", y)
            .isCloseTo(RReference.number(row, "cdf"), within(1e-15));
        assertThat(empirical.loss(y))
            .as("loss(%s)", y)
            .isCloseTo(RReference.number(row, "loss"), within(1e-12));
      } else {
        double p = RReference.number(row, "p");
        assertThat(empirical.quantile(p))
            .as("quantile(%s) of %s", p, row.get("sample"))
            .isEqualTo(RReference.number(row, "quantile"));
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(30);
  }

  @Test
  void givenRandomSamples_whenLoss_thenEqualsDirectMeanOfExcess() {
    SplittableRandom random = new SplittableRandom(17);
    double[] samples = new double[500];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = random.nextInt(4) == 0 ? 0 : Math.floor(random.nextDouble() * 40);
    }
    EmpiricalDemand empirical = EmpiricalDemand.of(samples);
    for (double y = -3; y <= 45; y += 0.375) {
      double direct = 0;
      for (double x : samples) {
        direct += Math.max(0, x - y);
      }
      assertThat(empirical.loss(y))
          .as("loss(%s)", y)
          .isCloseTo(direct / samples.length, within(1e-11));
    }
    assertThat(empirical.discrete()).isTrue();
  }

  @Test
  void givenSamples_whenQuantileOfCdfAtEachSample_thenThatSample() {
    double[] samples = {4, 1, 1, 9, 0, 4, 4, 2.5, 7, 0};
    EmpiricalDemand empirical = EmpiricalDemand.of(samples);
    for (double x : samples) {
      double p = empirical.cdf(x);
      if (p < 1) {
        assertThat(empirical.quantile(p)).as("quantile(cdf(%s))", x).isEqualTo(x);
      }
    }
    assertThat(empirical.quantile(Math.nextDown(1.0))).isEqualTo(9.0);
    assertThat(empirical.discrete()).isFalse();
  }

  @Test
  void givenSamples_whenMomentsAndCopy_thenPopulationMomentsAndDefensiveCopy() {
    double[] samples = {2, 4, 4, 4, 5, 5, 7, 9};
    EmpiricalDemand empirical = EmpiricalDemand.of(samples);
    samples[0] = 1000;
    // Mean 5, population variance 4 (the textbook example with sd 2).
    assertThat(empirical.mean()).isEqualTo(5.0);
    assertThat(empirical.variance()).isCloseTo(4.0, within(1e-15));
    assertThat(empirical.sortedSamples()).containsExactly(2, 4, 4, 4, 5, 5, 7, 9);
  }

  @Test
  void givenSameSeed_whenBootstrap_thenIdenticalAndOtherSeedDiffers() {
    double[] history = {0, 0, 3, 0, 1, 0, 0, 6, 2, 0, 0, 1};
    EmpiricalDemand first = EmpiricalDemand.bootstrap(history, 4.5, 1.5, 2000, 42L);
    EmpiricalDemand again = EmpiricalDemand.bootstrap(history, 4.5, 1.5, 2000, 42L);
    EmpiricalDemand other = EmpiricalDemand.bootstrap(history, 4.5, 1.5, 2000, 43L);
    assertThat(again.sortedSamples()).containsExactly(first.sortedSamples());
    assertThat(other.sortedSamples()).isNotEqualTo(first.sortedSamples());
  }

  @Test
  void givenFixedIntegerLeadTime_whenBootstrap_thenMeanIsLeadTimeTimesHistoryMean() {
    // History mean 1.5, population variance 4.25; L = 3 periods: one draw has mean 4.5 and sd
    // sqrt(3 * 4.25) = 3.57, so the mean of 20,000 draws has standard error 0.025; tolerance 0.1.
    double[] history = {0, 0, 5, 1};
    EmpiricalDemand bootstrap = EmpiricalDemand.bootstrap(history, 3, 0, 20_000, 7L);
    assertThat(bootstrap.mean()).isCloseTo(4.5, within(0.1));
    assertThat(bootstrap.variance()).isCloseTo(12.75, within(0.75));
    assertThat(bootstrap.discrete()).isTrue();
    assertThat(bootstrap.sortedSamples()[0]).isZero();
    assertThat(bootstrap.sortedSamples()[19_999]).isEqualTo(15.0);
  }

  @Test
  void givenFractionalLeadTimeAndConstantHistory_whenBootstrap_thenEveryDrawIsExact() {
    // 2 whole periods of 2 units plus 0.5 of one more: 5 units in every draw.
    EmpiricalDemand bootstrap = EmpiricalDemand.bootstrap(new double[] {2}, 2.5, 0, 100, 1L);
    assertThat(bootstrap.sortedSamples()).containsOnly(5.0);
    assertThat(bootstrap.discrete()).isTrue();
  }

  @Test
  void givenGammaLeadTime_whenBootstrap_thenMeanMatchesAndLeadTimeVariabilityAddsVariance() {
    // History mean 1.5, variance 4.25. L ~ gamma with mean 4, sd 2: E[draw] = 4 * 1.5 = 6 and
    // Var ~ E[L] 4.25 + 1.5^2 Var(L) = 17 + 9 = 26 (sd 5.1; the fractional period, scaled rather
    // than summed, takes off about 4.25 / 6 = 0.7), so the standard error of the mean of 20,000
    // draws is 0.036; tolerance 0.15. With L fixed at 4 the variance is 4 * 4.25 = 17.
    double[] history = {0, 0, 5, 1};
    EmpiricalDemand variable = EmpiricalDemand.bootstrap(history, 4, 2, 20_000, 11L);
    EmpiricalDemand fixed = EmpiricalDemand.bootstrap(history, 4, 0, 20_000, 11L);
    assertThat(variable.mean()).isCloseTo(6.0, within(0.15));
    assertThat(fixed.mean()).isCloseTo(6.0, within(0.15));
    assertThat(fixed.variance()).isCloseTo(17.0, within(1.0));
    assertThat(variable.variance()).isBetween(23.0, 28.0);
    assertThat(variable.discrete()).isFalse();
  }

  @Test
  void givenEmptyOrNegativeSamples_whenOf_thenRejectedNamingValue() {
    assertThatThrownBy(() -> EmpiricalDemand.of(new double[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> EmpiricalDemand.of(new double[] {1, 2, -0.5}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("samples[2]")
        .hasMessageContaining("-0.5");
    assertThatThrownBy(() -> EmpiricalDemand.of(new double[] {Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN");
  }

  @Test
  void givenBadBootstrapSettings_whenBootstrap_thenRejectedNamingValue() {
    double[] history = {1, 2};
    assertThatThrownBy(() -> EmpiricalDemand.bootstrap(history, -2, 0, 10, 1L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("leadTimePeriodsMean")
        .hasMessageContaining("-2.0");
    assertThatThrownBy(() -> EmpiricalDemand.bootstrap(history, 2, -1, 10, 1L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("leadTimePeriodsSd")
        .hasMessageContaining("-1.0");
    assertThatThrownBy(() -> EmpiricalDemand.bootstrap(history, 2, 0, 0, 1L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("draws")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> EmpiricalDemand.bootstrap(new double[] {3, -1}, 2, 0, 10, 1L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("history[1]")
        .hasMessageContaining("-1.0");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 1.0, -0.2, 7, Double.NaN})
  void givenProbabilityOutsideOpenUnitInterval_whenQuantile_thenRejectedNamingValue(double p) {
    assertThatThrownBy(() -> EmpiricalDemand.of(new double[] {1, 2, 3}).quantile(p))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(String.valueOf(p));
  }
}
