package io.demandcast.inventory.classification;

import java.io.Serializable;

/**
 * Value cut-offs for ABC classes, computed by {@link ValueHistogram#thresholds}: an item with
 * annual value {@code >= aCut} is A, else {@code >= bCut} is B, else C.
 *
 * <p>Each cut is the lower edge of the histogram bin in which the cumulative value share crosses
 * aShare (bShare). Compared with the exact rule of {@link AbcAnalysis}, the cuts never put an item
 * in a lower class; an item can be put in a higher class only when its value lies inside a boundary
 * bin, {@code [aCut, aBinUpper)} or {@code [bCut, bBinUpper)}, and the value share of each class
 * differs from the exact one by at most the value share of its boundary bin ({@code aBinShare},
 * {@code bBinShare}).
 *
 * @param aCut smallest annual value of class A, in currency per year; {@code > 0}, or {@link
 *     Double#POSITIVE_INFINITY} when the population has no value (every item C)
 * @param bCut smallest annual value of class B, {@code > 0} and {@code <= aCut} (equal when class B
 *     falls inside the A boundary bin and is empty), or {@link Double#POSITIVE_INFINITY}
 * @param aBinUpper exclusive upper edge of the bin whose lower edge is aCut; items in [aCut,
 *     aBinUpper) are the only ones whose A/B decision may differ from the exact rule
 * @param bBinUpper exclusive upper edge of the bin whose lower edge is bCut
 * @param aValueShare share of the total value held by items {@code >= aCut} (class A under these
 *     cuts), in [aShare, aShare + aBinShare]; 0 when there is no value
 * @param abValueShare share of the total value held by items {@code >= bCut} (classes A and B), in
 *     [bShare, bShare + bBinShare]; 0 when there is no value
 * @param aBinShare share of the total value inside the A boundary bin: the resolution of
 *     aValueShare
 * @param bBinShare share of the total value inside the B boundary bin
 */
public record AbcThresholds(
    double aCut,
    double bCut,
    double aBinUpper,
    double bBinUpper,
    double aValueShare,
    double abValueShare,
    double aBinShare,
    double bBinShare)
    implements Serializable {

  /**
   * Validates the cuts.
   *
   * @throws IllegalArgumentException naming the value when a cut is NaN or not {@code > 0}, or bCut
   *     {@code > aCut}
   */
  public AbcThresholds {
    if (!(aCut > 0)) {
      throw new IllegalArgumentException("aCut must be > 0, was " + aCut);
    }
    if (!(bCut > 0 && bCut <= aCut)) {
      throw new IllegalArgumentException(
          "bCut must be > 0 and <= aCut (" + aCut + "), was " + bCut);
    }
  }

  /** Thresholds for a population without value: every item is C. */
  static AbcThresholds allC() {
    double inf = Double.POSITIVE_INFINITY;
    return new AbcThresholds(inf, inf, inf, inf, 0, 0, 0, 0);
  }

  /**
   * The class of an annual value.
   *
   * @param annualValue in currency per year; finite and {@code >= 0}
   * @return A when {@code >= aCut}, B when {@code >= bCut}, C otherwise (always C for 0)
   * @throws IllegalArgumentException naming the value when it is negative, NaN or infinite
   */
  public AbcClass classify(double annualValue) {
    if (!(Double.isFinite(annualValue) && annualValue >= 0)) {
      throw new IllegalArgumentException("annualValue must be finite and >= 0, was " + annualValue);
    }
    if (annualValue >= aCut) {
      return AbcClass.A;
    }
    return annualValue >= bCut ? AbcClass.B : AbcClass.C;
  }
}
