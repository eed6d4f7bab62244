package io.demandcast.inventory;

import java.io.Serializable;

/**
 * Item economics from the item master.
 *
 * @param unitCost purchase cost in currency per unit; finite and {@code > 0}
 * @param holdingCostRate annual holding cost as a fraction of the unit cost, per year (0.25 = 25 % of
 *     the unit cost per unit per year); finite and {@code >= 0}
 * @param orderCost fixed cost of placing one order, in currency per order; finite and {@code >= 0}
 * @param casePack units per case; orders are placed in whole cases; {@code >= 1}
 * @param moq minimum order quantity in units; finite and {@code >= 0} (0 = no minimum)
 * @param shelfLifeDays shelf life in days, or {@code null} when the item does not expire; {@code > 0}
 *     when set
 */
public record ItemEconomics(
    double unitCost,
    double holdingCostRate,
    double orderCost,
    int casePack,
    double moq,
    Integer shelfLifeDays)
    implements Serializable {

  /**
   * Validates the economics. Components as described on the record.
   *
   * @param unitCost currency per unit
   * @param holdingCostRate fraction of unit cost per year
   * @param orderCost currency per order
   * @param casePack units per case
   * @param moq minimum order quantity, units
   * @param shelfLifeDays days, or {@code null}
   * @throws IllegalArgumentException naming the field and the value when a component is out of the
   *     range documented on the record
   */
  public ItemEconomics {
    Checks.positive("unitCost", unitCost);
    Checks.nonNegative("holdingCostRate", holdingCostRate);
    Checks.nonNegative("orderCost", orderCost);
    if (casePack < 1) {
      throw new IllegalArgumentException("casePack must be >= 1, was " + casePack);
    }
    Checks.nonNegative("moq", moq);
    if (shelfLifeDays != null && shelfLifeDays <= 0) {
      throw new IllegalArgumentException("shelfLifeDays must be > 0 when set, was " + shelfLifeDays);
    }
  }

  /**
   * The holding cost h = unitCost · holdingCostRate.
   *
   * @return currency per unit per year, {@code >= 0}
   */
  public double holdingCostPerUnitYear() {
    return unitCost * holdingCostRate;
  }
}
