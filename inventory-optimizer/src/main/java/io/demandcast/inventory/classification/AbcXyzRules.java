package io.demandcast.inventory.classification;

import java.io.Serializable;

/**
 * The boundaries of the ABC and XYZ classes.
 *
 * <p>ABC: items are ranked by annual value, highest first; an item is A while the share of total
 * value of the items ranked before it is below {@code aShare}, B while it is below {@code bShare},
 * C otherwise (see {@link AbcAnalysis}). The defaults 0.80 / 0.95 are a common convention in the
 * spirit of the Pareto curve described by Silver, Pyke &amp; Thomas, 4th ed. (2017), ch. 3, which
 * gives rough proportions rather than fixed cut-offs.
 *
 * <p>XYZ: an item is X when the coefficient of variation of its per-period demand is {@code <=
 * xMaxCv}, Y when it is {@code <= yMaxCv}, Z otherwise (see {@link XyzClass#ofCv}). The defaults
 * 0.5 / 1.0 are a widespread practitioner convention with no single authoritative source.
 *
 * @param aShare cumulative value share that closes class A, dimensionless, in (0, 1) exclusive
 * @param bShare cumulative value share that closes class B, in ({@code aShare}, 1) exclusive
 * @param xMaxCv largest coefficient of variation of class X, dimensionless, finite and {@code > 0}
 * @param yMaxCv largest coefficient of variation of class Y, finite and {@code > xMaxCv}
 */
public record AbcXyzRules(double aShare, double bShare, double xMaxCv, double yMaxCv)
    implements Serializable {

  /** aShare 0.80, bShare 0.95, xMaxCv 0.5, yMaxCv 1.0. */
  public static final AbcXyzRules DEFAULT = new AbcXyzRules(0.80, 0.95, 0.5, 1.0);

  /**
   * Validates the rules. Components as described on the record.
   *
   * @throws IllegalArgumentException naming the component and the value when it is out of range
   */
  public AbcXyzRules {
    if (!(aShare > 0 && aShare < 1)) {
      throw new IllegalArgumentException("aShare must be in (0, 1) exclusive, was " + aShare);
    }
    if (!(bShare > aShare && bShare < 1)) {
      throw new IllegalArgumentException(
          "bShare must be in (aShare (" + aShare + "), 1) exclusive, was " + bShare);
    }
    if (!(Double.isFinite(xMaxCv) && xMaxCv > 0)) {
      throw new IllegalArgumentException("xMaxCv must be finite and > 0, was " + xMaxCv);
    }
    if (!(Double.isFinite(yMaxCv) && yMaxCv > xMaxCv)) {
      throw new IllegalArgumentException(
          "yMaxCv must be finite and > xMaxCv (" + xMaxCv + "), was " + yMaxCv);
    }
  }
}
