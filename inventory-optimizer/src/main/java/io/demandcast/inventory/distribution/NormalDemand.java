package io.demandcast.inventory.distribution;

import io.demandcast.inventory.Checks;
import io.demandcast.inventory.InventoryFormulas;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Normally distributed lead-time demand N(μ, σ²), the textbook approximation for items with steady,
 * non-intermittent demand.
 *
 * <p>The normal puts mass below 0 (P(X &lt; 0) = Φ(−μ/σ), about 2.3 % when σ = μ/2); we keep the
 * textbook approximation rather than truncating it, so {@link #cdf}, {@link #quantile} and {@link
 * #loss} are those of the untruncated normal and loss(y) only approaches μ − y as y → −∞ (for y ≤ 0
 * it is slightly above μ − y). Prefer a discrete distribution when this matters (small means).
 *
 * <p>σ = 0 is a point mass at μ: cdf is the step 1{x ≥ μ}, every quantile is μ and loss(y) = max(0,
 * μ − y).
 *
 * <p>Formulas (E. A. Silver, D. F. Pyke, D. J. Thomas, <i>Inventory and Production Management in
 * Supply Chains</i>, 4th ed., CRC Press, 2017, ch. 6): F(x) = Φ((x − μ)/σ); quantile μ + σ ·
 * Φ⁻¹(p); loss E[(X − y)⁺] = σ · G((y − μ)/σ) with G the standard normal loss function ({@link
 * InventoryFormulas#standardNormalLoss}).
 *
 * @param mean μ, expected lead-time demand in units; finite and {@code >= 0}
 * @param sd σ, standard deviation of lead-time demand in units; finite and {@code >= 0}
 */
public record NormalDemand(double mean, double sd) implements DemandDistribution {
  private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

  /**
   * Validates the parameters.
   *
   * @param mean μ in units; finite and {@code >= 0}
   * @param sd σ in units; finite and {@code >= 0}
   * @throws IllegalArgumentException naming the parameter and the value when mean or sd is NaN,
   *     infinite or negative
   */
  public NormalDemand {
    Checks.nonNegative("mean", mean);
    Checks.nonNegative("sd", sd);
  }

  /**
   * The normal distribution with mean μ and standard deviation σ.
   *
   * @param mean μ in units; finite and {@code >= 0}
   * @param sd σ in units; finite and {@code >= 0} (0 gives a point mass at μ)
   * @return the distribution
   * @throws IllegalArgumentException naming the parameter and the value when one is out of range
   */
  public static NormalDemand of(double mean, double sd) {
    return new NormalDemand(mean, sd);
  }

  @Override
  public String name() {
    return "normal";
  }

  /** {@inheritDoc} σ² in units². */
  @Override
  public double variance() {
    return sd * sd;
  }

  /** {@inheritDoc} Always false. */
  @Override
  public boolean discrete() {
    return false;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException naming the value when x is NaN
   */
  @Override
  public double cdf(double x) {
    DistributionChecks.notNaN(x);
    if (sd == 0) {
      return x >= mean ? 1.0 : 0.0;
    }
    return STANDARD_NORMAL.cumulativeProbability((x - mean) / sd);
  }

  /** {@inheritDoc} μ + σ · Φ⁻¹(p); may be negative for small p and σ large relative to μ. */
  @Override
  public double quantile(double p) {
    DistributionChecks.openUnitInterval(p);
    if (sd == 0) {
      return mean;
    }
    return mean + sd * InventoryFormulas.standardNormalQuantile(p);
  }

  /**
   * {@inheritDoc} σ · G((y − μ)/σ); max(0, μ − y) when σ = 0.
   *
   * @throws IllegalArgumentException naming the value when y is NaN or infinite
   */
  @Override
  public double loss(double y) {
    DistributionChecks.finiteLevel(y);
    double z = (y - mean) / sd;
    if (sd == 0 || !Double.isFinite(z)) {
      // Point mass, or σ so small relative to |y − μ| that the normal is a point mass to double
      // precision.
      return Math.max(0.0, mean - y);
    }
    return sd * InventoryFormulas.standardNormalLoss(z);
  }
}
