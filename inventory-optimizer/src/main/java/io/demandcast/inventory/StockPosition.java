package io.demandcast.inventory;

import java.io.Serializable;

/**
 * Stock of one item at one location, all in units.
 *
 * @param onHand units physically in stock, including quarantined ones; finite and {@code >= 0}
 * @param quarantined units on hand that may not be sold (quality hold, damaged); finite, {@code >= 0}
 *     and {@code <= onHand}
 * @param onOrder units ordered and not yet received; finite and {@code >= 0}
 * @param backorders units demanded and not yet delivered; finite and {@code >= 0}
 */
public record StockPosition(double onHand, double quarantined, double onOrder, double backorders)
    implements Serializable {

  /**
   * Validates the stock position. Components as described on the record.
   *
   * @param onHand units on hand
   * @param quarantined units on hand that may not be sold
   * @param onOrder units on order
   * @param backorders units owed to customers
   * @throws IllegalArgumentException naming the field and the value when a component is negative,
   *     NaN or infinite, or when {@code quarantined > onHand}
   */
  public StockPosition {
    Checks.nonNegative("onHand", onHand);
    Checks.nonNegative("quarantined", quarantined);
    Checks.nonNegative("onOrder", onOrder);
    Checks.nonNegative("backorders", backorders);
    if (quarantined > onHand) {
      throw new IllegalArgumentException(
          "quarantined must be <= onHand (" + onHand + "), was " + quarantined);
    }
  }

  /**
   * Units that can be sold now.
   *
   * @return onHand − quarantined, in units, {@code >= 0}
   */
  public double available() {
    return onHand - quarantined;
  }

  /**
   * The inventory position the reorder decision is based on.
   *
   * @return onHand − quarantined + onOrder − backorders, in units; negative when backorders exceed
   *     the available and ordered stock
   */
  public double inventoryPosition() {
    return onHand - quarantined + onOrder - backorders;
  }
}
