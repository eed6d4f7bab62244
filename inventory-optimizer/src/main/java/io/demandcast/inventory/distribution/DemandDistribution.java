package io.demandcast.inventory.distribution;

/**
 * The distribution of demand over a protection interval (lead time, or lead time plus review
 * period), in units. Implementations are immutable and thread-safe, and every method costs O(1) or
 * O(log n) (no loop over the support), so a reorder-point search can call them freely.
 *
 * <p>Implementations: {@link NormalDemand}, {@link PoissonDemand}, {@link NegativeBinomialDemand},
 * {@link EmpiricalDemand}; {@link DemandDistributions#fromMoments} picks one from a mean and a
 * variance.
 *
 * <p>Discrete distributions ({@link #discrete()} true) have integer support {0, 1, 2, …}; their
 * {@link #quantile} returns an integer and their {@link #loss} is the discrete first-order loss
 * function Σ<sub>x &gt; y</sub> (x − y) · P(X = x).
 */
public interface DemandDistribution {

  /**
   * A short name for reports, e.g. {@code "normal"}, {@code "poisson"}, {@code
   * "negative_binomial"}, {@code "empirical"}.
   *
   * @return the name, not blank
   */
  String name();

  /**
   * Expected demand.
   *
   * @return E[X] in units, {@code >= 0}
   */
  double mean();

  /**
   * Variance of the demand.
   *
   * @return Var[X] in units², {@code >= 0}
   */
  double variance();

  /**
   * Standard deviation of the demand.
   *
   * @return √Var[X] in units
   */
  default double sd() {
    return Math.sqrt(variance());
  }

  /**
   * Whether the support is the non-negative integers.
   *
   * @return true for Poisson, negative binomial and integer-valued empirical distributions
   */
  boolean discrete();

  /**
   * The cumulative distribution function.
   *
   * @param x units; any value but NaN (±∞ give 0 and 1)
   * @return P(X ≤ x), in [0, 1]
   * @throws IllegalArgumentException naming the value when x is NaN
   */
  double cdf(double x);

  /**
   * The smallest x with P(X ≤ x) ≥ p (for the normal, Φ⁻¹ scaled; for discrete distributions an
   * integer; for the empirical distribution one of its samples).
   *
   * @param p probability in (0, 1) exclusive
   * @return the quantile in units
   * @throws IllegalArgumentException naming the value when p is not in (0, 1)
   */
  double quantile(double p);

  /**
   * The first-order loss function E[(X − y)⁺]: expected demand in excess of y.
   *
   * @param y stock level in units; finite
   * @return the expected shortage in units, {@code >= 0}, non-increasing and convex in y, never
   *     below mean() − y, and equal to it for y ≤ the lowest possible demand (for y ≤ 0 when the
   *     support is non-negative; the normal's support is unbounded, so there only in the limit)
   * @throws IllegalArgumentException naming the value when y is NaN or infinite
   */
  double loss(double y);
}
