package io.demandcast.inventory.distribution;

import io.demandcast.inventory.Checks;
import org.apache.commons.statistics.distribution.PoissonDistribution;

/**
 * Poisson lead-time demand with mean λ (variance λ), for slow movers whose demand variance is close
 * to their mean. Discrete: support {0, 1, 2, …}. λ = 0 is a point mass at 0.
 *
 * <p>The pmf f(k) = P(X = k), the cdf F and the quantile come from Apache Commons Statistics
 * ({@link PoissonDistribution}); its quantile is the smallest integer k with F(k) ≥ α, computed
 * from the same F as {@link #cdf}, so quantile(cdf(k)) = k. cdf and loss cost O(1) evaluations of
 * the regularized gamma function whatever λ; quantile a short search over such evaluations.
 *
 * <p>Loss function (derived below; the standard closed form, cf. P. H. Zipkin, <i>Foundations of
 * Inventory Management</i>, McGraw-Hill, 2000, Appendix C): for integer k ≥ 0,
 *
 * <pre>
 *   E[(X − k)⁺] = (λ − k) · (1 − F(k)) + λ · f(k).
 * </pre>
 *
 * <p>Derivation: x · f(x) = λ · f(x − 1), so Σ<sub>x &gt; k</sub> x · f(x) = λ · Σ<sub>j ≥ k</sub>
 * f(j) = λ · (1 − F(k) + f(k)); subtract k · (1 − F(k)). Between integers the discrete loss is
 * linear with slope −(1 − F(k)), which gives, for y ≥ 0 and k = ⌊y⌋,
 *
 * <pre>
 *   E[(X − y)⁺] = (λ − y) · (1 − F(k)) + λ · f(k),
 * </pre>
 *
 * and λ − y for y ≤ 0. 1 − F is evaluated as the survival function to keep its precision in the
 * upper tail.
 */
public final class PoissonDemand implements DemandDistribution {
  private final double mean;

  /** Null for the point mass at 0 (Commons Statistics requires a positive mean). */
  private final PoissonDistribution distribution;

  private PoissonDemand(double mean) {
    this.mean = mean;
    this.distribution = mean == 0 ? null : PoissonDistribution.of(mean);
  }

  /**
   * The Poisson distribution with mean λ.
   *
   * @param mean λ, expected lead-time demand in units; finite and {@code >= 0} (0 gives a point
   *     mass at 0)
   * @return the distribution
   * @throws IllegalArgumentException naming the value when mean is NaN, infinite or negative
   */
  public static PoissonDemand of(double mean) {
    Checks.nonNegative("mean", mean);
    return new PoissonDemand(mean);
  }

  @Override
  public String name() {
    return "poisson";
  }

  /** {@inheritDoc} λ. */
  @Override
  public double mean() {
    return mean;
  }

  /** {@inheritDoc} λ (the Poisson variance equals the mean). */
  @Override
  public double variance() {
    return mean;
  }

  /** {@inheritDoc} Always true. */
  @Override
  public boolean discrete() {
    return true;
  }

  /**
   * {@inheritDoc} F(⌊x⌋); 0 for x &lt; 0.
   *
   * @throws IllegalArgumentException naming the value when x is NaN
   */
  @Override
  public double cdf(double x) {
    DistributionChecks.notNaN(x);
    if (x < 0) {
      return 0.0;
    }
    if (distribution == null) {
      return 1.0;
    }
    return distribution.cumulativeProbability(floorToInt(x));
  }

  /** {@inheritDoc} The smallest integer k with F(k) ≥ p. */
  @Override
  public double quantile(double p) {
    DistributionChecks.openUnitInterval(p);
    if (distribution == null) {
      return 0.0;
    }
    return distribution.inverseCumulativeProbability(p);
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
    if (distribution == null) {
      return 0.0;
    }
    int k = floorToInt(y);
    double survival = distribution.survivalProbability(k);
    double loss = (mean - y) * survival + mean * distribution.probability(k);
    // Far in the upper tail the two terms cancel; rounding must not make the loss negative.
    return Math.max(0.0, loss);
  }

  /** ⌊x⌋ for x ≥ 0, capped at Integer.MAX_VALUE (beyond which F is 1 for any usable mean). */
  private static int floorToInt(double x) {
    return x >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) x;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PoissonDemand other && Double.compare(mean, other.mean) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(mean);
  }

  @Override
  public String toString() {
    return "PoissonDemand[mean=" + mean + "]";
  }
}
