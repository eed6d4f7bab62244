package io.demandcast.inventory.classification;

import java.io.Serializable;
import java.util.List;

/**
 * The outcome of {@link CapacityAllocator#allocate} for one location.
 *
 * @param summary what the allocation did at the location
 * @param orders one entry per request, in request order
 */
public record CapacityAllocation(Summary summary, List<AllocatedOrder> orders)
    implements Serializable {

  /** Copies the order list. */
  public CapacityAllocation {
    orders = List.copyOf(orders);
  }

  /**
   * What the allocation did at one location.
   *
   * @param location the location's identifier
   * @param capacity in {@code unit}
   * @param unit the unit of capacity and load, e.g. {@code "units"}
   * @param loadBefore Σ max(0, stockAfterOrder) · unitVolume over the requests, before cutting, in
   *     {@code unit}
   * @param loadAfter the same after cutting, in {@code unit}; {@code <= capacity} unless overflow
   *     {@code > 0}
   * @param unitsCut total units cut from orders
   * @param ordersChanged number of orders cut
   * @param valueShortAdded total increase in expected value short, in currency
   * @param overflow loadAfter − capacity when positive, else 0, in {@code unit}: load that no cut
   *     can remove because it is stock on hand or on order (or stock cancelling backorders)
   */
  public record Summary(
      String location,
      double capacity,
      String unit,
      double loadBefore,
      double loadAfter,
      double unitsCut,
      int ordersChanged,
      double valueShortAdded,
      double overflow)
      implements Serializable {}
}
