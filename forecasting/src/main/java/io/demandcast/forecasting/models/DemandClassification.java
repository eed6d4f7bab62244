package io.demandcast.forecasting.models;

import java.util.Locale;

/**
 * Demand pattern of one series by the Syntetos-Boylan-Croston (SBC) scheme: the average
 * inter-demand interval (ADI) and the squared coefficient of variation of the non-zero demand sizes
 * (CV²) split series into smooth, erratic, intermittent and lumpy demand.
 *
 * <p>Definitions for a history {@code y} of length n with k periods of demand ({@code y[t] > 0};
 * zero and negative values count as no demand):
 *
 * <ul>
 *   <li>{@code ADI = n / k} periods per demand occurrence: the mean interval between successive
 *       demands when the first interval is counted from the start of the history and the trailing
 *       periods without demand count as an unfinished interval; {@code +Infinity} when k = 0;
 *   <li>{@code CV² = variance / mean²} of the k demand sizes, with the population variance (divisor
 *       k), dimensionless; 0 when k = 1 and NaN when k = 0.
 * </ul>
 *
 * <p>Categories with the cut-offs {@value #ADI_CUTOFF} and {@value #CV2_CUTOFF}: {@link
 * Category#SMOOTH} (ADI ≤ 1.32, CV² ≤ 0.49), {@link Category#ERRATIC} (ADI ≤ 1.32, CV² > 0.49),
 * {@link Category#INTERMITTENT} (ADI > 1.32, CV² ≤ 0.49), {@link Category#LUMPY} (ADI > 1.32, CV² >
 * 0.49), and {@link Category#NO_DEMAND} when k = 0. SBC recommend Croston's method for smooth
 * series and the SBA method for the other three.
 *
 * <p>Source: A. A. Syntetos, J. E. Boylan and J. D. Croston, "On the categorization of demand
 * patterns", Journal of the Operational Research Society 56(5), 495-503, 2005.
 */
public final class DemandClassification {

  /** ADI above which demand is intermittent or lumpy, in periods. */
  public static final double ADI_CUTOFF = 1.32;

  /** CV² above which demand is erratic or lumpy. */
  public static final double CV2_CUTOFF = 0.49;

  /** The SBC demand categories. */
  public enum Category {
    /** Frequent demand with stable sizes. */
    SMOOTH,
    /** Frequent demand with variable sizes. */
    ERRATIC,
    /** Infrequent demand with stable sizes. */
    INTERMITTENT,
    /** Infrequent demand with variable sizes. */
    LUMPY,
    /** No period with positive demand. */
    NO_DEMAND
  }

  private final int length;
  private final int demandPeriods;
  private final double adi;
  private final double cv2;
  private final Category category;

  private DemandClassification(int length, int demandPeriods, double adi, double cv2) {
    this.length = length;
    this.demandPeriods = demandPeriods;
    this.adi = adi;
    this.cv2 = cv2;
    if (demandPeriods == 0) {
      category = Category.NO_DEMAND;
    } else if (adi > ADI_CUTOFF) {
      category = cv2 > CV2_CUTOFF ? Category.LUMPY : Category.INTERMITTENT;
    } else {
      category = cv2 > CV2_CUTOFF ? Category.ERRATIC : Category.SMOOTH;
    }
  }

  /**
   * Classifies a history.
   *
   * @param history one value per period (units per period), oldest first, finite, length at least
   *     1; not mutated
   * @return the ADI, CV² and category
   * @throws IllegalArgumentException if {@code history} is null, empty or has a non-finite value;
   *     the message names the index and the length
   */
  public static DemandClassification of(double[] history) {
    requireValid(history);
    int k = 0;
    double sum = 0.0;
    for (double value : history) {
      if (value > 0.0) {
        k++;
        sum += value;
      }
    }
    if (k == 0) {
      return new DemandClassification(history.length, 0, Double.POSITIVE_INFINITY, Double.NaN);
    }
    double mean = sum / k;
    double squares = 0.0;
    for (double value : history) {
      if (value > 0.0) {
        double deviation = value - mean;
        squares += deviation * deviation;
      }
    }
    double variance = squares / k;
    return new DemandClassification(
        history.length, k, (double) history.length / k, variance / (mean * mean));
  }

  /**
   * Tells whether a history has infrequent demand, {@code ADI > 1.32}: intermittent, lumpy or
   * without any demand. Model selection adds the intermittent-demand methods for such series.
   *
   * @param history one value per period (units per period), oldest first, finite, length at least
   *     1; not mutated
   * @return true if fewer than one period in 1.32 has positive demand
   * @throws IllegalArgumentException if {@code history} is null, empty or has a non-finite value
   */
  public static boolean isIntermittent(double[] history) {
    requireValid(history);
    int k = 0;
    for (double value : history) {
      if (value > 0.0) {
        k++;
      }
    }
    return k == 0 || (double) history.length / k > ADI_CUTOFF;
  }

  private static void requireValid(double[] history) {
    if (history == null) {
      throw new IllegalArgumentException("demand classification: history is null");
    }
    if (history.length == 0) {
      throw new IllegalArgumentException("demand classification: history has length 0");
    }
    for (int t = 0; t < history.length; t++) {
      if (!Double.isFinite(history[t])) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "demand classification: history[%d] = %s is not finite (length %d)",
                t,
                history[t],
                history.length));
      }
    }
  }

  /**
   * Returns the number of periods classified.
   *
   * @return n, at least 1
   */
  public int length() {
    return length;
  }

  /**
   * Returns the number of periods with positive demand.
   *
   * @return k, between 0 and n
   */
  public int demandPeriods() {
    return demandPeriods;
  }

  /**
   * Returns the average inter-demand interval.
   *
   * @return {@code n / k} periods, at least 1, or {@code +Infinity} without demand
   */
  public double adi() {
    return adi;
  }

  /**
   * Returns the squared coefficient of variation of the demand sizes.
   *
   * @return CV², at least 0, or NaN without demand
   */
  public double cv2() {
    return cv2;
  }

  /**
   * Returns the SBC category.
   *
   * @return the category
   */
  public Category category() {
    return category;
  }

  /**
   * Tells whether the category is intermittent, lumpy or no demand, i.e. {@code ADI > 1.32}.
   *
   * @return the same answer as {@link #isIntermittent(double[])} on the classified history
   */
  public boolean intermittent() {
    return category == Category.INTERMITTENT
        || category == Category.LUMPY
        || category == Category.NO_DEMAND;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%s(adi=%.4f, cv2=%.4f, demand periods %d of %d)",
        category,
        adi,
        cv2,
        demandPeriods,
        length);
  }
}
