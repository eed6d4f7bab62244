package io.demandcast.inventory.classification;

import io.demandcast.inventory.Checks;
import io.demandcast.inventory.distribution.DemandDistribution;
import java.util.Objects;

/**
 * One item's planned order at a capacity-constrained location, for {@link CapacityAllocator}.
 *
 * @param key the item's identifier (e.g. SKU), unique within the location; not blank
 * @param stockAfterOrder the inventory position after the order: available + on order + order, in
 *     units; finite (negative when backorders exceed it; such stock takes no room)
 * @param order the planned order, in units: 0, or a whole number of case packs {@code >= moq};
 *     finite
 * @param casePack units per case, {@code >= 1}; orders are cut one case at a time
 * @param moq minimum order quantity in units; finite and {@code >= 0}
 * @param unitVolume room taken by one unit, in the capacity's unit per unit (1 when capacity is
 *     counted in units); finite and {@code > 0}
 * @param unitValue currency per unit short, e.g. the unit cost; finite and {@code >= 0}
 * @param protectionDemand demand until the next order can arrive (lead time, plus the review period
 *     for periodic review), whose {@link DemandDistribution#loss loss(y)} is the expected shortage
 *     in units at inventory position y
 */
public record CapacityRequest(
    String key,
    double stockAfterOrder,
    double order,
    int casePack,
    double moq,
    double unitVolume,
    double unitValue,
    DemandDistribution protectionDemand) {

  /**
   * Validates the request. Components as described on the record.
   *
   * @throws IllegalArgumentException naming the component, the key and the value when a number is
   *     out of range, the order is not a whole number of cases, or the order is positive but below
   *     the MOQ
   * @throws NullPointerException when key or protectionDemand is null
   */
  public CapacityRequest {
    Objects.requireNonNull(key, "key");
    if (key.isBlank()) {
      throw new IllegalArgumentException("key must not be blank, was '" + key + "'");
    }
    Objects.requireNonNull(protectionDemand, "protectionDemand of " + key);
    if (!Double.isFinite(stockAfterOrder)) {
      throw new IllegalArgumentException(
          "stockAfterOrder of " + key + " must be finite, was " + stockAfterOrder);
    }
    if (!(Double.isFinite(order) && order >= 0)) {
      Checks.nonNegative("order of " + key, order);
    }
    if (casePack < 1) {
      throw new IllegalArgumentException("casePack of " + key + " must be >= 1, was " + casePack);
    }
    if (!(Double.isFinite(moq) && moq >= 0)) {
      Checks.nonNegative("moq of " + key, moq);
    }
    if (!(Double.isFinite(unitVolume) && unitVolume > 0)) {
      Checks.positive("unitVolume of " + key, unitVolume);
    }
    if (!(Double.isFinite(unitValue) && unitValue >= 0)) {
      Checks.nonNegative("unitValue of " + key, unitValue);
    }
    double cases = order / casePack;
    if (cases != Math.rint(cases)) {
      throw new IllegalArgumentException(
          "order of "
              + key
              + " must be a whole number of cases of "
              + casePack
              + " units, was "
              + order);
    }
    if (order > 0 && order < moq) {
      throw new IllegalArgumentException(
          "order of " + key + " must be 0 or >= moq (" + moq + "), was " + order);
    }
  }
}
