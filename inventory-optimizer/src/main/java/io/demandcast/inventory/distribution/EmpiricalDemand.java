package io.demandcast.inventory.distribution;

import io.demandcast.inventory.Checks;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;

/**
 * The empirical distribution of a sample of lead-time demands (each sample equally likely), for
 * items whose demand no parametric family fits, typically built with {@link #bootstrap}.
 *
 * <p>cdf is the empirical distribution function F<sub>n</sub>(x) = #{x<sub>i</sub> ≤ x} / n;
 * quantile is the smallest sample x with F<sub>n</sub>(x) ≥ p (R's {@code quantile(x, p, type =
 * 1)}, the inverse of F<sub>n</sub>); loss is the sample mean of (x<sub>i</sub> − y)⁺; mean and
 * variance are those of the sample as a distribution (the variance divides by n, not n − 1). cdf
 * and loss cost O(log n) (binary search on the sorted samples and suffix sums), quantile O(1).
 *
 * <p>{@link #discrete()} is true when every sample is an integer; the loss is then piecewise linear
 * between integers, as for the other discrete distributions.
 */
public final class EmpiricalDemand implements DemandDistribution {
  private final double[] sorted;

  /** suffixSums[i] = sorted[i] + … + sorted[n − 1]; suffixSums[n] = 0. */
  private final double[] suffixSums;

  private final double mean;
  private final double variance;
  private final boolean discrete;

  private EmpiricalDemand(double[] sorted) {
    this.sorted = sorted;
    int n = sorted.length;
    this.suffixSums = new double[n + 1];
    for (int i = n - 1; i >= 0; i--) {
      suffixSums[i] = suffixSums[i + 1] + sorted[i];
    }
    this.mean = suffixSums[0] / n;
    double squares = 0;
    boolean integers = true;
    for (double x : sorted) {
      squares += (x - mean) * (x - mean);
      integers &= x == Math.rint(x);
    }
    this.variance = squares / n;
    this.discrete = integers;
  }

  /**
   * The empirical distribution of the given lead-time demand samples. The array is copied.
   *
   * @param samples lead-time demands in units; non-empty, each finite and {@code >= 0}
   * @return the distribution
   * @throws IllegalArgumentException when samples is null or empty, or naming the index and value
   *     of the first sample that is NaN, infinite or negative
   */
  public static EmpiricalDemand of(double[] samples) {
    requireSamples("samples", samples);
    double[] sorted = samples.clone();
    Arrays.sort(sorted);
    return new EmpiricalDemand(sorted);
  }

  /**
   * The empirical bootstrap of lead-time demand from a history of per-period demands: the simple
   * i.i.d. bootstrap, which resamples periods independently with replacement (not Willemain, Smart
   * and Schwarz's 2004 variant, which resamples the zero / non-zero pattern with a Markov chain and
   * jitters the sizes).
   *
   * <p>Each draw samples a lead time L in periods (L = the mean when its sd is 0, otherwise gamma
   * distributed with that mean and sd: shape (mean / sd)², scale sd² / mean), then sums ⌊L⌋ periods
   * drawn with replacement from the history plus (L − ⌊L⌋) times one more drawn period. So E[draw]
   * = E[L] · mean(history). The random stream is SplitMix64 seeded with {@code seed} (Commons RNG),
   * so the result is a deterministic function of the arguments. Cost O(draws · E[L]) time and
   * O(draws) memory.
   *
   * @param history demand per period in units per period, oldest first (the order is not used);
   *     non-empty, each finite and {@code >= 0}
   * @param leadTimePeriodsMean mean lead time (or lead time plus review period), in periods; finite
   *     and {@code > 0}
   * @param leadTimePeriodsSd standard deviation of that lead time, in periods; finite and {@code >=
   *     0}
   * @param draws number of bootstrap draws, {@code >= 1}
   * @param seed seed of the random stream
   * @return the empirical distribution of the draws
   * @throws IllegalArgumentException naming the argument and the value when one is out of range
   */
  public static EmpiricalDemand bootstrap(
      double[] history,
      double leadTimePeriodsMean,
      double leadTimePeriodsSd,
      int draws,
      long seed) {
    requireSamples("history", history);
    Checks.positive("leadTimePeriodsMean", leadTimePeriodsMean);
    Checks.nonNegative("leadTimePeriodsSd", leadTimePeriodsSd);
    if (draws < 1) {
      throw new IllegalArgumentException("draws must be >= 1, was " + draws);
    }
    UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(seed);
    ContinuousDistribution.Sampler leadTime;
    if (leadTimePeriodsSd == 0) {
      leadTime = () -> leadTimePeriodsMean;
    } else {
      double cv = leadTimePeriodsSd / leadTimePeriodsMean;
      double shape = 1.0 / (cv * cv);
      double scale = leadTimePeriodsSd * cv;
      leadTime = GammaDistribution.of(shape, scale).createSampler(rng);
    }
    int n = history.length;
    double[] samples = new double[draws];
    for (int d = 0; d < draws; d++) {
      double periods = leadTime.sample();
      double whole = Math.floor(periods);
      double fraction = periods - whole;
      double sum = 0;
      for (long i = 0; i < (long) whole; i++) {
        sum += history[rng.nextInt(n)];
      }
      if (fraction > 0) {
        sum += fraction * history[rng.nextInt(n)];
      }
      samples[d] = sum;
    }
    Arrays.sort(samples);
    return new EmpiricalDemand(samples);
  }

  private static void requireSamples(String name, double[] values) {
    if (values == null || values.length == 0) {
      throw new IllegalArgumentException(
          name + " must be non-empty, was " + (values == null ? "null" : "empty"));
    }
    for (int i = 0; i < values.length; i++) {
      if (!(Double.isFinite(values[i]) && values[i] >= 0)) {
        throw new IllegalArgumentException(
            name + "[" + i + "] must be finite and >= 0, was " + values[i]);
      }
    }
  }

  @Override
  public String name() {
    return "empirical";
  }

  /** {@inheritDoc} The sample mean. */
  @Override
  public double mean() {
    return mean;
  }

  /** {@inheritDoc} The sample variance with divisor n. */
  @Override
  public double variance() {
    return variance;
  }

  /** {@inheritDoc} True when every sample is an integer. */
  @Override
  public boolean discrete() {
    return discrete;
  }

  /**
   * The number of samples n.
   *
   * @return n, {@code >= 1}
   */
  public int size() {
    return sorted.length;
  }

  /**
   * The samples in ascending order.
   *
   * @return a copy, in units
   */
  public double[] sortedSamples() {
    return sorted.clone();
  }

  /**
   * {@inheritDoc} F<sub>n</sub>(x) = #{x<sub>i</sub> ≤ x} / n.
   *
   * @throws IllegalArgumentException naming the value when x is NaN
   */
  @Override
  public double cdf(double x) {
    DistributionChecks.notNaN(x);
    return (double) countAtMost(x) / sorted.length;
  }

  /** {@inheritDoc} The smallest sample x with F<sub>n</sub>(x) ≥ p (R's type 1). */
  @Override
  public double quantile(double p) {
    DistributionChecks.openUnitInterval(p);
    int n = sorted.length;
    // The smallest k in 1..n with k / n >= p, evaluated with the same division as cdf so that
    // quantile(cdf(x)) is consistent; ceil(n * p) can be one off either way after rounding.
    int k = (int) Math.min(n, Math.max(1, Math.ceil(n * p)));
    while (k > 1 && (double) (k - 1) / n >= p) {
      k--;
    }
    while (k < n && (double) k / n < p) {
      k++;
    }
    return sorted[k - 1];
  }

  /**
   * {@inheritDoc} (sum of the samples above y − y · their count) / n, from suffix sums of the
   * sorted samples in O(log n).
   *
   * @throws IllegalArgumentException naming the value when y is NaN or infinite
   */
  @Override
  public double loss(double y) {
    DistributionChecks.finiteLevel(y);
    int n = sorted.length;
    int firstAbove = countAtMost(y);
    if (firstAbove == 0) {
      return mean - y;
    }
    double loss = (suffixSums[firstAbove] - y * (n - firstAbove)) / n;
    return Math.max(0.0, loss);
  }

  /** The number of samples ≤ x, i.e. the index of the first sample &gt; x. */
  private int countAtMost(double x) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EmpiricalDemand other && Arrays.equals(sorted, other.sorted);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(sorted);
  }

  @Override
  public String toString() {
    return "EmpiricalDemand[n=" + sorted.length + ", mean=" + mean + ", variance=" + variance + "]";
  }
}
