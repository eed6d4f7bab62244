package io.demandcast.inventory.classification;

import java.io.Serializable;

/**
 * The outcome of {@link CapacityAllocator} for one request.
 *
 * @param key the item's identifier
 * @param requestedOrder the order before allocation, in units
 * @param order the order after allocation, in units: 0, or a whole number of cases {@code >= moq}
 * @param unitsCut requestedOrder − order, in units, {@code >= 0}
 * @param valueShortAdded the increase in expected value short, unitValue · (loss(y − unitsCut) −
 *     loss(y)) for y the requested stock after order, in currency, {@code >= 0}
 * @param reason for a changed order e.g. {@code "scaled back by 24 units to fit PLANT01 capacity of
 *     5000 units (lowest service-value loss first)"}, with {@code " (order cancelled)"} after the
 *     units when nothing is left; empty when the order is unchanged
 */
public record AllocatedOrder(
    String key,
    double requestedOrder,
    double order,
    double unitsCut,
    double valueShortAdded,
    String reason)
    implements Serializable {

  /**
   * Whether the allocation cut this order.
   *
   * @return true when unitsCut {@code > 0}
   */
  public boolean changed() {
    return unitsCut > 0;
  }
}
