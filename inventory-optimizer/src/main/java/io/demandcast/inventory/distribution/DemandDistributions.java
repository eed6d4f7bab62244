package io.demandcast.inventory.distribution;

import io.demandcast.inventory.Checks;

/** Factories that pick a lead-time demand distribution from its first two moments. */
public final class DemandDistributions {
  /**
   * Relative tolerance below which a variance counts as equal to the mean: the negative binomial
   * needs variance &gt; mean · (1 + {@value}); closer than that its size r = μ² / (σ² − μ) exceeds
   * μ · 10⁹ and it is a Poisson to within rounding.
   */
  public static final double OVERDISPERSION_TOLERANCE = 1e-9;

  private DemandDistributions() {}

  /** The family of a distribution fitted by moments. */
  public enum Family {
    /** Normal N(μ, σ²) ({@link NormalDemand}); continuous, may put mass below 0. */
    NORMAL,
    /** Poisson with mean μ ({@link PoissonDemand}); the variance is checked but not used. */
    POISSON,
    /**
     * Negative binomial matched to μ and σ² ({@link NegativeBinomialDemand}); falls back to the
     * Poisson with mean μ when σ² ≤ μ · (1 + {@link #OVERDISPERSION_TOLERANCE}) or μ = 0, where no
     * negative binomial has these moments. In effect the same as {@link #DISCRETE}.
     */
    NEGATIVE_BINOMIAL,
    /**
     * The discrete family the moments call for: negative binomial when σ² &gt; μ · (1 + {@link
     * #OVERDISPERSION_TOLERANCE}) (overdispersed), otherwise Poisson (which then over-states an
     * under-dispersed variance); Poisson with mean 0, a point mass at 0, when μ = 0.
     */
    DISCRETE,
    /**
     * The empirical bootstrap of lead-time demand from the demand history ({@link
     * EmpiricalDemand#bootstrap}); it needs the history, so {@link #fromMoments} rejects it.
     */
    EMPIRICAL
  }

  /**
   * The lead-time demand distribution of the given family with mean μ and variance σ².
   *
   * <p>NORMAL gives N(μ, σ²) with both moments exact. POISSON gives mean μ and variance μ whatever
   * σ². NEGATIVE_BINOMIAL and DISCRETE give the negative binomial with both moments exact when σ²
   * &gt; μ · (1 + 10⁻⁹), else the Poisson with mean μ. When μ = 0 every discrete family gives the
   * point mass at 0 (a non-negative demand with mean 0 is 0), ignoring σ².
   *
   * @param mean μ, expected lead-time demand in units; finite and {@code >= 0}
   * @param variance σ², variance of lead-time demand in units²; finite and {@code >= 0}
   * @param family the family; not null
   * @return the distribution
   * @throws IllegalArgumentException naming the argument and the value when mean or variance is
   *     NaN, infinite or negative, or family is null or {@link Family#EMPIRICAL}
   */
  public static DemandDistribution fromMoments(double mean, double variance, Family family) {
    Checks.nonNegative("mean", mean);
    Checks.nonNegative("variance", variance);
    if (family == null) {
      throw new IllegalArgumentException("family must not be null, was null");
    }
    return switch (family) {
      case NORMAL -> NormalDemand.of(mean, Math.sqrt(variance));
      case POISSON -> PoissonDemand.of(mean);
      case NEGATIVE_BINOMIAL, DISCRETE -> discrete(mean, variance);
      case EMPIRICAL -> throw new IllegalArgumentException(
          "family EMPIRICAL needs the demand history, not moments: use EmpiricalDemand.bootstrap");
    };
  }

  private static DemandDistribution discrete(double mean, double variance) {
    if (mean > 0 && variance > mean * (1.0 + OVERDISPERSION_TOLERANCE)) {
      return NegativeBinomialDemand.ofMoments(mean, variance);
    }
    return PoissonDemand.of(mean);
  }
}
