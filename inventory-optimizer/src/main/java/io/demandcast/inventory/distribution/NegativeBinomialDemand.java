package io.demandcast.inventory.distribution;

import io.demandcast.inventory.InventoryFormulas;
import org.apache.commons.numbers.gamma.RegularizedBeta;

/**
 * Negative binomial lead-time demand, for intermittent or lumpy items whose demand variance exceeds
 * their mean (overdispersion). Discrete: support {0, 1, 2, …}.
 *
 * <p>Parametrisation (as R's {@code dnbinom(x, size, mu)}): the number of failures before the r-th
 * success in Bernoulli trials with success probability p, so the pmf is f(k) = P(X = k) = Γ(k + r)
 * / (Γ(r) · k!) · p<sup>r</sup> · (1 − p)<sup>k</sup>, with size r = μ² / (σ² − μ) and p = μ / σ²
 * matched to the mean μ and variance σ² (method of moments). r need not be an integer (Commons
 * Statistics' {@code PascalDistribution} takes only integer r, so it is not used).
 *
 * <p>Evaluation, in O(1) special-function calls whatever μ (Commons Numbers, regularized incomplete
 * beta function I<sub>x</sub>(a, b) and its derivative I′ in x):
 *
 * <pre>
 *   F(k) = I_p(r, k + 1)                  1 − F(k) by the complement (precise in the upper tail)
 *   f(k) = p · I′_p(r, k + 1) / (r + k)   as 1 / B(r, k + 1) = (r + k) · Γ(k + r) / (Γ(r) · k!)
 * </pre>
 *
 * <p>When p &gt; 1/2 the same values come from the reflection I_p(r, k + 1) = 1 − I_q(k + 1, r)
 * with q = 1 − p = (σ² − μ) / σ² formed without cancellation, which keeps full precision when the
 * variance is barely above the mean (r very large).
 *
 * <p>Loss function (derived below; the standard closed form, cf. P. H. Zipkin, <i>Foundations of
 * Inventory Management</i>, McGraw-Hill, 2000, Appendix C): for integer k ≥ 0,
 *
 * <pre>
 *   E[(X − k)⁺] = (μ − k) · (1 − F(k)) + μ · (1 + k / r) · f(k).
 * </pre>
 *
 * <p>Derivation: the pmf satisfies (x + 1) · f(x + 1) = q · (x + r) · f(x). Summing over x ≥ k,
 *
 * <pre>
 *   S = Σ_{x &gt; k} x · f(x) = q · (S + k · f(k) + r · (1 − F(k) + f(k))),
 *   S = μ · (1 − F(k)) + μ · (1 + k / r) · f(k)       using q / p = μ / r,
 * </pre>
 *
 * <p>and E[(X − k)⁺] = S − k · (1 − F(k)). As r → ∞ this tends to the Poisson identity of {@link
 * PoissonDemand}. Between integers the discrete loss is linear with slope −(1 − F(k)), which gives,
 * for y ≥ 0 and k = ⌊y⌋,
 *
 * <pre>
 *   E[(X − y)⁺] = (μ − y) · (1 − F(k)) + μ · (1 + k / r) · f(k),
 * </pre>
 *
 * and μ − y for y ≤ 0.
 *
 * <p>Quantile: the smallest integer k with F(k) ≥ α, found by a search that starts at the
 * Cornish–Fisher approximation μ + σ · (z + γ · (z² − 1) / 6) (z = Φ⁻¹(α), γ the skewness), steps
 * away from it by doubling until F crosses α, then bisects: O(log |k − start|) cdf evaluations,
 * exact with respect to {@link #cdf}.
 */
public final class NegativeBinomialDemand implements DemandDistribution {
  /** Bound on the doubling steps of the quantile search (2^80 is far beyond any demand). */
  private static final int MAX_DOUBLINGS = 80;

  private final double mean;
  private final double variance;
  private final double size;
  private final double probability;

  /** 1 − p = (σ² − μ) / σ², computed without cancellation. */
  private final double failureProbability;

  /**
   * Evaluate I through the reflection I<sub>p</sub>(r, k + 1) = 1 − I<sub>1−p</sub>(k + 1, r) when
   * p &gt; 1/2: the library forms 1 − x from its argument x, which loses 1 − p when p is close to 1
   * (variance barely above the mean).
   */
  private final boolean reflect;

  private NegativeBinomialDemand(double mean, double variance) {
    this.mean = mean;
    this.variance = variance;
    // μ · (μ / (σ² − μ)) rather than μ² / (σ² − μ), which overflows for means above ~1e154.
    this.size = mean * (mean / (variance - mean));
    this.probability = mean / variance;
    this.failureProbability = (variance - mean) / variance;
    this.reflect = probability > 0.5;
  }

  /**
   * The negative binomial distribution with the given mean and variance (method of moments: size r
   * = μ² / (σ² − μ), success probability p = μ / σ²).
   *
   * @param mean μ, expected lead-time demand in units; finite and {@code > 0}
   * @param variance σ², variance of lead-time demand in units²; finite and {@code > mean}
   * @return the distribution
   * @throws IllegalArgumentException naming the value when mean is NaN, infinite or {@code <= 0},
   *     or naming both values when variance is not finite or not greater than mean
   */
  public static NegativeBinomialDemand ofMoments(double mean, double variance) {
    if (!(Double.isFinite(mean) && mean > 0)) {
      throw new IllegalArgumentException(
          "mean must be finite and > 0 for the negative binomial, was " + mean);
    }
    if (!(Double.isFinite(variance) && variance > mean)) {
      throw new IllegalArgumentException(
          "variance must be finite and > mean for the negative binomial, was variance = "
              + variance
              + ", mean = "
              + mean);
    }
    return new NegativeBinomialDemand(mean, variance);
  }

  @Override
  public String name() {
    return "negative_binomial";
  }

  /** {@inheritDoc} μ. */
  @Override
  public double mean() {
    return mean;
  }

  /** {@inheritDoc} σ², as given. */
  @Override
  public double variance() {
    return variance;
  }

  /**
   * The size parameter r = μ² / (σ² − μ) (R's {@code size}), dimensionless, {@code > 0}, not
   * necessarily an integer.
   *
   * @return r
   */
  public double size() {
    return size;
  }

  /**
   * The success probability p = μ / σ² (R's {@code prob}).
   *
   * @return p in (0, 1)
   */
  public double probability() {
    return probability;
  }

  /** {@inheritDoc} Always true. */
  @Override
  public boolean discrete() {
    return true;
  }

  /**
   * {@inheritDoc} F(⌊x⌋) = I<sub>p</sub>(r, ⌊x⌋ + 1); 0 for x &lt; 0.
   *
   * @throws IllegalArgumentException naming the value when x is NaN
   */
  @Override
  public double cdf(double x) {
    DistributionChecks.notNaN(x);
    if (x < 0) {
      return 0.0;
    }
    if (x == Double.POSITIVE_INFINITY) {
      return 1.0;
    }
    return cdfAt(Math.floor(x));
  }

  /**
   * The probability mass p(k) = P(X = k).
   *
   * @param k units; any value, 0 unless a non-negative integer
   * @return P(X = k) in [0, 1]
   */
  public double pmf(double k) {
    if (!(k >= 0 && k < Double.POSITIVE_INFINITY) || k != Math.floor(k)) {
      return 0.0;
    }
    return pmfAt(k);
  }

  /** {@inheritDoc} The smallest integer k with F(k) ≥ p (see the class documentation). */
  @Override
  public double quantile(double p) {
    DistributionChecks.openUnitInterval(p);
    double z = InventoryFormulas.standardNormalQuantile(p);
    // Skewness (2 − p) / √(r · (1 − p)) = (2 − p) · σ / μ, since r · (1 − p) = μ² / σ².
    double skewness = (2.0 - probability) * Math.sqrt(variance) / mean;
    double guess = mean + Math.sqrt(variance) * (z + skewness * (z * z - 1.0) / 6.0);
    double start = guess > 0 && Double.isFinite(guess) ? Math.floor(guess) : 0.0;
    // Bracket: F(lo) < p <= F(hi), with lo = -1 standing for F(-1) = 0.
    double lo;
    double hi;
    if (cdfAt(start) >= p) {
      hi = start;
      lo = -1.0;
      double step = 1.0;
      for (int i = 0; i < MAX_DOUBLINGS && hi > 0; i++) {
        double candidate = Math.max(-1.0, hi - step);
        if (candidate < 0 || cdfAt(candidate) < p) {
          lo = candidate;
          break;
        }
        hi = candidate;
        step *= 2;
      }
      if (hi == 0) {
        return 0.0;
      }
    } else {
      lo = start;
      hi = Double.NaN;
      double step = 1.0;
      for (int i = 0; i < MAX_DOUBLINGS; i++) {
        double candidate = lo + step;
        if (cdfAt(candidate) >= p) {
          hi = candidate;
          break;
        }
        lo = candidate;
        step *= 2;
      }
      if (Double.isNaN(hi)) {
        throw new IllegalStateException(
            "quantile search did not reach p = " + p + " for " + this + "; F(" + lo + ") < p");
      }
    }
    while (hi - lo > 1) {
      double mid = Math.floor((lo + hi) / 2);
      if (cdfAt(mid) >= p) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  /**
   * {@inheritDoc} In O(1) from F(⌊y⌋) and p(⌊y⌋) (see the class documentation).
   *
   * @throws IllegalArgumentException naming the value when y is NaN or infinite
   */
  @Override
  public double loss(double y) {
    DistributionChecks.finiteLevel(y);
    if (y <= 0) {
      return mean - y;
    }
    double k = Math.floor(y);
    double survival =
        reflect
            ? RegularizedBeta.value(failureProbability, k + 1, size)
            : RegularizedBeta.complement(probability, size, k + 1);
    double loss = (mean - y) * survival + mean * (1.0 + k / size) * pmfAt(k);
    // Far in the upper tail the two terms cancel; rounding must not make the loss negative.
    return Math.max(0.0, loss);
  }

  /** F(k) for an integer k ≥ 0, or 0 for k = −1. */
  private double cdfAt(double k) {
    if (k < 0) {
      return 0.0;
    }
    return reflect
        ? RegularizedBeta.complement(failureProbability, k + 1, size)
        : RegularizedBeta.value(probability, size, k + 1);
  }

  /** p(k) for an integer k ≥ 0; I′ is symmetric under the same reflection. */
  private double pmfAt(double k) {
    double derivative =
        reflect
            ? RegularizedBeta.derivative(failureProbability, k + 1, size)
            : RegularizedBeta.derivative(probability, size, k + 1);
    return probability * derivative / (size + k);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NegativeBinomialDemand other
        && Double.compare(mean, other.mean) == 0
        && Double.compare(variance, other.variance) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * Double.hashCode(mean) + Double.hashCode(variance);
  }

  @Override
  public String toString() {
    return "NegativeBinomialDemand[mean="
        + mean
        + ", variance="
        + variance
        + ", size="
        + size
        + ", probability="
        + probability
        + "]";
  }
}
