package io.demandcast.inventory.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties every lead-time demand distribution must have, checked on a grid of levels. */
class DistributionInvariantsTest {

  static Stream<DemandDistribution> distributions() {
    return Stream.of(
        NormalDemand.of(50, 12),
        NormalDemand.of(3, 2.5),
        NormalDemand.of(7, 0),
        PoissonDemand.of(0),
        PoissonDemand.of(0.3),
        PoissonDemand.of(7.5),
        PoissonDemand.of(400),
        NegativeBinomialDemand.ofMoments(0.4, 2),
        NegativeBinomialDemand.ofMoments(7.5, 20),
        NegativeBinomialDemand.ofMoments(400, 1600),
        EmpiricalDemand.of(new double[] {0, 0, 0, 2, 5, 1, 0, 9, 3, 3}),
        EmpiricalDemand.of(new double[] {0.5, 4.25, 2, 11.5}),
        EmpiricalDemand.bootstrap(new double[] {0, 0, 4, 1, 0, 2, 7, 0}, 3.5, 1, 500, 5L));
  }

  /** Levels from below 0 to well past the upper tail, including non-integers. */
  private static double[] levels(DemandDistribution d) {
    double hi = d.mean() + 8 * d.sd() + 5;
    int n = 400;
    double[] ys = new double[n + 1];
    for (int i = 0; i <= n; i++) {
      ys[i] = -3 + (hi + 3) * i / n;
    }
    return ys;
  }

  @ParameterizedTest
  @MethodSource("distributions")
  void lossIsNonNegativeNonIncreasingAndConvex(DemandDistribution d) {
    double[] ys = levels(d);
    double tolerance = 1e-10 * Math.max(1, d.mean());
    for (int i = 0; i < ys.length; i++) {
      double loss = d.loss(ys[i]);
      assertThat(loss).as("loss(%s) of %s", ys[i], d).isGreaterThanOrEqualTo(0);
      // Never below the linear bound mean - y (Jensen: E[(X - y)+] >= E[X] - y).
      assertThat(loss)
          .as("loss(%s) >= mean - y", ys[i])
          .isGreaterThanOrEqualTo(d.mean() - ys[i] - tolerance);
      if (i > 0) {
        assertThat(loss)
            .as("loss non-increasing at %s for %s", ys[i], d)
            .isLessThanOrEqualTo(d.loss(ys[i - 1]) + tolerance);
      }
      if (i > 0 && i < ys.length - 1) {
        // Equally spaced grid: convexity means a non-negative second difference.
        double second = d.loss(ys[i - 1]) - 2 * loss + d.loss(ys[i + 1]);
        assertThat(second)
            .as("loss convex at %s for %s", ys[i], d)
            .isGreaterThanOrEqualTo(-tolerance);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("distributions")
  void lossBelowSupportIsMeanMinusLevel(DemandDistribution d) {
    if (d instanceof NormalDemand normal && normal.sd() > 0) {
      return; // the normal's support is unbounded below: covered by NormalDemandTest
    }
    for (double y : new double[] {-5.5, -1, -0.25, 0}) {
      assertThat(d.loss(y))
          .as("loss(%s) of %s", y, d)
          .isCloseTo(d.mean() - y, within(1e-12 * Math.max(1, d.mean())));
    }
  }

  @ParameterizedTest
  @MethodSource("distributions")
  void cdfIsNonDecreasingFromZeroToOne(DemandDistribution d) {
    double previous = 0;
    for (double y : levels(d)) {
      double cdf = d.cdf(y);
      assertThat(cdf)
          .as("cdf(%s) of %s", y, d)
          .isBetween(0.0, 1.0)
          .isGreaterThanOrEqualTo(previous);
      previous = cdf;
    }
    assertThat(d.cdf(-1e-9 - 1)).isLessThanOrEqualTo(d.cdf(0));
    assertThat(d.cdf(d.mean() + 1e6 * (d.sd() + 1))).isCloseTo(1.0, within(1e-12));
  }

  @ParameterizedTest
  @MethodSource("distributions")
  void quantileIsTheSmallestLevelWithCdfAtLeastP(DemandDistribution d) {
    double previous = Double.NEGATIVE_INFINITY;
    for (double p : new double[] {0.001, 0.05, 0.2, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999}) {
      double q = d.quantile(p);
      assertThat(q).as("quantile non-decreasing in p for %s", d).isGreaterThanOrEqualTo(previous);
      previous = q;
      assertThat(d.cdf(q)).as("cdf(quantile(%s)) of %s", p, d).isGreaterThanOrEqualTo(p - 1e-12);
      if (d.discrete()) {
        assertThat(q).as("integer quantile").isEqualTo(Math.rint(q));
        if (q > 0) {
          assertThat(d.cdf(q - 1)).as("cdf(quantile(%s) - 1) of %s", p, d).isLessThan(p);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("distributions")
  void discreteQuantileOfCdfIsTheLevel(DemandDistribution d) {
    if (!d.discrete()) {
      return;
    }
    for (int k = 0; k <= d.mean() + 4 * d.sd(); k++) {
      double p = d.cdf(k);
      if (p <= 0 || p >= 1 || p == d.cdf(k - 1)) {
        continue; // no probability mass at k (empirical): the quantile is an earlier sample
      }
      assertThat(d.quantile(p)).as("quantile(cdf(%s)) of %s", k, d).isEqualTo(k);
    }
  }

  @ParameterizedTest
  @MethodSource("distributions")
  void discreteLossIsLinearBetweenIntegers(DemandDistribution d) {
    if (!d.discrete()) {
      return;
    }
    for (int k = 0; k <= d.mean() + 4 * d.sd(); k++) {
      double mid = 0.5 * (d.loss(k) + d.loss(k + 1));
      assertThat(d.loss(k + 0.5))
          .as("loss(%s + 0.5) of %s", k, d)
          .isCloseTo(mid, within(1e-12 * Math.max(1, d.mean())));
    }
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void givenHugeMeans_whenManyEvaluations_thenNoLoopOverTheSupport() {
    // 20,000 cdf + loss calls per distribution at means of 1e7 units: microseconds each when O(1)
    // or
    // O(log n), hours if an implementation summed over the support.
    double[] samples = new double[1_000_000];
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < samples.length; i++) {
      samples[i] = Math.floor(random.nextDouble() * 2e7);
    }
    DemandDistribution[] large = {
      NormalDemand.of(1e7, 3e3),
      PoissonDemand.of(1e7),
      NegativeBinomialDemand.ofMoments(1e7, 3e7),
      EmpiricalDemand.of(samples)
    };
    for (DemandDistribution d : large) {
      double sum = 0;
      for (int i = 0; i < 10_000; i++) {
        double y = 1e7 - 5e3 + i;
        sum += d.cdf(y) + d.loss(y);
      }
      assertThat(sum).as("%s", d.name()).isPositive();
      assertThat(d.quantile(0.999)).isGreaterThan(d.mean());
    }
  }
}
