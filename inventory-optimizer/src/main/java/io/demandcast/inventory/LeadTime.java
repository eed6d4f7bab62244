package io.demandcast.inventory;

import java.io.Serializable;
import java.util.Objects;

/**
 * Replenishment lead time: from placing an order to the goods being available, in days.
 *
 * @param meanDays expected lead time in days; finite and {@code >= 0}
 * @param sdDays standard deviation of the lead time in days; finite and {@code >= 0} (0 = fixed lead
 *     time)
 * @param basis free text saying where the figures come from, e.g. {@code "supplier X, mode Air: 312
 *     shipments"}; not null
 */
public record LeadTime(double meanDays, double sdDays, String basis) implements Serializable {

  /**
   * Validates the lead time. Components as described on the record.
   *
   * @param meanDays mean lead time, days
   * @param sdDays lead-time standard deviation, days
   * @param basis where the figures come from
   * @throws IllegalArgumentException naming the field and the value when {@code meanDays} or {@code
   *     sdDays} is negative, NaN or infinite
   * @throws NullPointerException when {@code basis} is null
   */
  public LeadTime {
    Checks.nonNegative("meanDays", meanDays);
    Checks.nonNegative("sdDays", sdDays);
    Objects.requireNonNull(basis, "basis");
  }
}
