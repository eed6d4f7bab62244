package io.demandcast.pipelines.model;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * The demand history of one SKU at one location, one value per period, oldest first.
 *
 * @param sku stock keeping unit
 * @param location location
 * @param firstPeriod start of the period of {@code history[0]}
 * @param history units per period; a period without sales is 0, a period whose quantity was not
 *     recorded is NaN
 */
public record DemandSeries(String sku, String location, LocalDate firstPeriod, double[] history)
    implements Serializable {

  public DemandSeries {
    history = history.clone();
  }

  /** A copy of the history. */
  @Override
  public double[] history() {
    return history.clone();
  }

  /** Number of periods whose demand is NaN (not recorded). */
  public int missingPeriods() {
    int missing = 0;
    for (double v : history) {
      if (Double.isNaN(v)) {
        missing++;
      }
    }
    return missing;
  }

  // equality by content: Beam compares decoded elements with equals() to detect mutations
  @Override
  public boolean equals(Object o) {
    return o instanceof DemandSeries s
        && sku.equals(s.sku)
        && location.equals(s.location)
        && firstPeriod.equals(s.firstPeriod)
        && java.util.Arrays.equals(history, s.history);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(sku, location, firstPeriod, java.util.Arrays.hashCode(history));
  }

  @Override
  public String toString() {
    return "DemandSeries[sku=" + sku + ", location=" + location + ", firstPeriod=" + firstPeriod
        + ", history=" + java.util.Arrays.toString(history) + "]";
  }
}
