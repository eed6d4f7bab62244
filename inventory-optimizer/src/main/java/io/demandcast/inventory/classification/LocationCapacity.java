package io.demandcast.inventory.classification;

import io.demandcast.inventory.Checks;
import java.io.Serializable;
import java.util.Objects;

/**
 * The storage capacity of one location, for {@link CapacityAllocator}.
 *
 * @param location the location's identifier, e.g. {@code "PLANT01"}; not blank
 * @param capacity the most stock the location holds, in {@code unit}: units when every item has
 *     unit volume 1, otherwise the volume unit of the items' unit volumes; finite and {@code >= 0}
 * @param unit the unit of capacity as printed in reasons, e.g. {@code "units"} or {@code "m³"}; not
 *     blank
 */
public record LocationCapacity(String location, double capacity, String unit)
    implements Serializable {

  /**
   * Validates the capacity. Components as described on the record.
   *
   * @throws IllegalArgumentException naming the location and the value when capacity is negative,
   *     NaN or infinite, or naming the text when location or unit is blank
   * @throws NullPointerException when location or unit is null
   */
  public LocationCapacity {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(unit, "unit");
    if (location.isBlank()) {
      throw new IllegalArgumentException("location must not be blank, was '" + location + "'");
    }
    if (unit.isBlank()) {
      throw new IllegalArgumentException("unit must not be blank, was '" + unit + "'");
    }
    Checks.nonNegative("capacity of " + location, capacity);
  }

  /**
   * A capacity counted in units (every item's unit volume 1).
   *
   * @param location the location's identifier
   * @param capacity in units; finite and {@code >= 0}
   * @return the capacity with unit {@code "units"}
   * @throws IllegalArgumentException as the constructor
   */
  public static LocationCapacity units(String location, double capacity) {
    return new LocationCapacity(location, capacity, "units");
  }
}
