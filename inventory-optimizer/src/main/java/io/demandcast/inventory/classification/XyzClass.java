package io.demandcast.inventory.classification;

import java.util.Objects;

/**
 * The variability class of an item, by the coefficient of variation (CV = standard deviation /
 * mean) of its per-period demand: X steady, Y variable, Z erratic or intermittent. Classifying by
 * CV is common practice; the cut-offs come from {@link AbcXyzRules} (defaults 0.5 and 1.0, a
 * convention).
 */
public enum XyzClass {
  /** CV {@code <= xMaxCv}: steady demand. */
  X,
  /** {@code xMaxCv <} CV {@code <= yMaxCv}: variable demand. */
  Y,
  /** CV {@code > yMaxCv}, or no demand at all: erratic or intermittent demand. */
  Z;

  /**
   * The class of a coefficient of variation; each boundary belongs to the lower-variability class
   * (CV exactly {@code xMaxCv} is X, exactly {@code yMaxCv} is Y).
   *
   * @param cv coefficient of variation, dimensionless; {@code >= 0}, {@link
   *     Double#POSITIVE_INFINITY} allowed (no demand, see {@link #coefficientOfVariation})
   * @param rules the cut-offs
   * @return the class
   * @throws IllegalArgumentException naming the value when cv is NaN or negative
   * @throws NullPointerException when rules is null
   */
  public static XyzClass ofCv(double cv, AbcXyzRules rules) {
    Objects.requireNonNull(rules, "rules");
    if (!(cv >= 0)) {
      throw new IllegalArgumentException("cv must be >= 0 (or +Infinity), was " + cv);
    }
    if (cv <= rules.xMaxCv()) {
      return X;
    }
    return cv <= rules.yMaxCv() ? Y : Z;
  }

  /**
   * The coefficient of variation of per-period demand, σ / μ, with the <em>population</em> standard
   * deviation σ = √(Σ (d<sub>t</sub> − μ)² / n): the classification describes the observed history
   * rather than estimating a parameter, and a single period gives CV 0 instead of being undefined.
   * (The sample standard deviation would be larger by √(n / (n − 1)), 3% for 18 periods.) Computed
   * in two passes for accuracy.
   *
   * @param perPeriodDemand demand per period in units per period (any fixed period: day, week,
   *     month); at least one element, each finite and {@code >= 0}
   * @return the CV, dimensionless, {@code >= 0}; {@link Double#POSITIVE_INFINITY} when every period
   *     has zero demand (mean 0), which {@link #ofCv} classifies as Z
   * @throws IllegalArgumentException naming the index and the value when an element is negative,
   *     NaN or infinite, or when the array is empty
   * @throws NullPointerException when the array is null
   */
  public static double coefficientOfVariation(double[] perPeriodDemand) {
    Objects.requireNonNull(perPeriodDemand, "perPeriodDemand");
    int n = perPeriodDemand.length;
    if (n == 0) {
      throw new IllegalArgumentException(
          "perPeriodDemand must have at least one period, was empty");
    }
    double sum = 0;
    for (int t = 0; t < n; t++) {
      double d = perPeriodDemand[t];
      if (!(Double.isFinite(d) && d >= 0)) {
        throw new IllegalArgumentException(
            "perPeriodDemand[" + t + "] must be finite and >= 0, was " + d);
      }
      sum += d;
    }
    double mean = sum / n;
    if (mean == 0) {
      return Double.POSITIVE_INFINITY;
    }
    double squares = 0;
    for (double d : perPeriodDemand) {
      double e = d - mean;
      squares += e * e;
    }
    return Math.sqrt(squares / n) / mean;
  }

  /**
   * The class of a demand history: {@code ofCv(coefficientOfVariation(perPeriodDemand), rules)}.
   *
   * @param perPeriodDemand demand per period in units per period; as {@link
   *     #coefficientOfVariation}
   * @param rules the cut-offs
   * @return the class
   * @throws IllegalArgumentException as {@link #coefficientOfVariation}
   */
  public static XyzClass of(double[] perPeriodDemand, AbcXyzRules rules) {
    return ofCv(coefficientOfVariation(perPeriodDemand), rules);
  }
}
