package io.demandcast.inventory;

import java.io.Serializable;
import java.util.Objects;

/**
 * Replenishment recommendation for one item at one location, produced by {@link
 * ContinuousReviewPolicy#recommend}. All quantities are in units.
 *
 * @param inventoryPosition onHand − quarantined + onOrder − backorders, in units; negative when
 *     backorders exceed the available and ordered stock
 * @param leadTimeDemandMean expected demand over the lead time μ_L, in units
 * @param leadTimeDemandSd standard deviation of the demand over the lead time σ, in units
 * @param safetyStock safety stock SS, in units
 * @param reorderPoint reorder point s = μ_L + SS, in units: order when the inventory position is at
 *     or below it
 * @param orderUpTo order-up-to level S = s + Q, in units
 * @param eoq economic order quantity before MOQ, case-pack and shelf-life adjustments, in units
 * @param recommendedOrderQty what to order now, in units; 0 when no order is due
 * @param expectedFillRate expected fraction of demand filled from stock (P2, β), in [0, 1]
 * @param daysOfCover available stock divided by the daily demand, in days; {@code null} when there is
 *     no demand
 * @param reason planner-readable explanation built from {@link ReasonCode} texts joined by {@value
 *     ReasonCode#SEPARATOR}
 */
public record Recommendation(
    double inventoryPosition,
    double leadTimeDemandMean,
    double leadTimeDemandSd,
    double safetyStock,
    double reorderPoint,
    double orderUpTo,
    double eoq,
    double recommendedOrderQty,
    double expectedFillRate,
    Double daysOfCover,
    String reason)
    implements Serializable {

  /**
   * Validates the recommendation. Components as described on the record.
   *
   * @param inventoryPosition units
   * @param leadTimeDemandMean units
   * @param leadTimeDemandSd units
   * @param safetyStock units
   * @param reorderPoint units
   * @param orderUpTo units
   * @param eoq units
   * @param recommendedOrderQty units
   * @param expectedFillRate fraction in [0, 1]
   * @param daysOfCover days, or {@code null}
   * @param reason planner-readable text
   * @throws IllegalArgumentException naming the field and the value when a quantity is NaN or
   *     infinite, a quantity other than {@code inventoryPosition} is negative, {@code
   *     expectedFillRate} is outside [0, 1], or {@code reason} is blank
   * @throws NullPointerException when {@code reason} is null
   */
  public Recommendation {
    if (!Double.isFinite(inventoryPosition)) {
      throw new IllegalArgumentException("inventoryPosition must be finite, was " + inventoryPosition);
    }
    Checks.nonNegative("leadTimeDemandMean", leadTimeDemandMean);
    Checks.nonNegative("leadTimeDemandSd", leadTimeDemandSd);
    Checks.nonNegative("safetyStock", safetyStock);
    Checks.nonNegative("reorderPoint", reorderPoint);
    Checks.nonNegative("orderUpTo", orderUpTo);
    Checks.nonNegative("eoq", eoq);
    Checks.nonNegative("recommendedOrderQty", recommendedOrderQty);
    if (!(expectedFillRate >= 0 && expectedFillRate <= 1)) {
      throw new IllegalArgumentException(
          "expectedFillRate must be in [0, 1], was " + expectedFillRate);
    }
    if (daysOfCover != null) {
      Checks.nonNegative("daysOfCover", daysOfCover);
    }
    Objects.requireNonNull(reason, "reason");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("reason must not be blank, was '" + reason + "'");
    }
  }
}
