package io.demandcast.inventory;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * Demand forecast over the coming periods. The arrays are copied on the way in and on the way out,
 * so a forecast cannot be changed after construction; {@link #equals}, {@link #hashCode} and {@link
 * #toString} compare and print the array contents.
 *
 * @param periodDays length of one forecast period in days, e.g. 7 for weeks or 30.4375 for months;
 *     finite and {@code > 0}
 * @param mean expected demand in units per period; element 0 is the next period; length {@code >= 1},
 *     every element finite and {@code >= 0}
 * @param sd standard deviation of the demand (forecast error) in units per period; same length as
 *     {@code mean}, every element finite and {@code >= 0}
 */
public record DemandForecast(double periodDays, double[] mean, double[] sd) implements Serializable {

  /**
   * Validates and copies the forecast. Components as described on the record.
   *
   * @param periodDays days per period
   * @param mean expected demand, units per period
   * @param sd demand standard deviation, units per period
   * @throws IllegalArgumentException naming the field and the value when {@code periodDays} is not
   *     finite and positive, {@code mean} is empty, the lengths differ, or an element is negative,
   *     NaN or infinite
   * @throws NullPointerException when {@code mean} or {@code sd} is null
   */
  public DemandForecast {
    Checks.positive("periodDays", periodDays);
    Objects.requireNonNull(mean, "mean");
    Objects.requireNonNull(sd, "sd");
    if (mean.length < 1) {
      throw new IllegalArgumentException("mean must have length >= 1, was 0");
    }
    if (sd.length != mean.length) {
      throw new IllegalArgumentException(
          "sd must have the length of mean (" + mean.length + "), was " + sd.length);
    }
    mean = mean.clone();
    sd = sd.clone();
    for (int i = 0; i < mean.length; i++) {
      Checks.nonNegative("mean[" + i + "]", mean[i]);
      Checks.nonNegative("sd[" + i + "]", sd[i]);
    }
  }

  /**
   * Expected demand per period.
   *
   * @return a copy of the means, in units per period, element 0 = next period
   */
  @Override
  public double[] mean() {
    return mean.clone();
  }

  /**
   * Standard deviation of the demand per period.
   *
   * @return a copy of the standard deviations, in units per period, element 0 = next period
   */
  @Override
  public double[] sd() {
    return sd.clone();
  }

  /** Equal when the period length and the contents of both arrays are equal. */
  @Override
  public boolean equals(Object other) {
    return other instanceof DemandForecast that
        && Double.compare(periodDays, that.periodDays) == 0
        && Arrays.equals(mean, that.mean)
        && Arrays.equals(sd, that.sd);
  }

  /** Hash of the period length and the array contents. */
  @Override
  public int hashCode() {
    return 31 * (31 * Double.hashCode(periodDays) + Arrays.hashCode(mean)) + Arrays.hashCode(sd);
  }

  /** The period length and the array contents. */
  @Override
  public String toString() {
    return "DemandForecast[periodDays=" + periodDays
        + ", mean=" + Arrays.toString(mean)
        + ", sd=" + Arrays.toString(sd) + "]";
  }
}
