package io.demandcast.inventory;

import java.io.Serializable;
import java.util.Objects;

/**
 * Replenishment recommendation for one SKU at one location, produced by {@link
 * ReplenishmentPlanner#plan}. Quantities are in units, money in the item's currency.
 *
 * @param parameters the policy to run: type, reorder point s, lot Q, order-up-to level S, review
 *     period, case pack, MOQ and the shelf-life cap (what {@link
 *     io.demandcast.inventory.simulation.PolicySimulator} replays)
 * @param target the service target the policy was set for
 * @param distribution the name of the protection-interval demand distribution used, e.g. {@code
 *     "normal"}, {@code "negative_binomial"}
 * @param inventoryPosition onHand − quarantined + onOrder − backorders, in units; negative when
 *     backorders exceed the available and ordered stock
 * @param leadTimeDemandMean expected demand over the protection interval (lead time, plus the review
 *     period for (R, S)) μ, in units
 * @param leadTimeDemandSd standard deviation of that demand σ, in units
 * @param safetyStock s − μ (continuous review) or S − μ ((R, S)), in units; negative when the lot
 *     size alone meets a fill-rate target
 * @param eoq economic order quantity before MOQ, case-pack and shelf-life adjustments, in units
 * @param recommendedOrderQty what to order now, in units; 0 when no order is due
 * @param expectedFillRate expected fraction of demand filled from stock (β, P2), in [0, 1]
 * @param expectedCycleService expected probability of no stock-out in a replenishment cycle (α,
 *     P1), in [0, 1]
 * @param expectedHoldingCost expected cost of the stock on hand, currency per year, {@code >= 0}
 * @param daysOfCover available stock divided by the daily demand, in days; {@code null} when there is
 *     no demand
 * @param reason planner-readable explanation built from {@link ReasonCode} texts joined by {@value
 *     ReasonCode#SEPARATOR}
 * @param explanation the values the order was computed from, step by step (stock position,
 *     protection interval, the order after the policy's rule, MOQ, case pack and shelf life)
 */
public record Recommendation(
    PolicyParameters parameters,
    ServiceTarget target,
    String distribution,
    double inventoryPosition,
    double leadTimeDemandMean,
    double leadTimeDemandSd,
    double safetyStock,
    double eoq,
    double recommendedOrderQty,
    double expectedFillRate,
    double expectedCycleService,
    double expectedHoldingCost,
    Double daysOfCover,
    String reason,
    OrderExplanation explanation)
    implements Serializable {

  /**
   * Validates the recommendation. Components as described on the record.
   *
   * @throws IllegalArgumentException naming the field and the value when a quantity is NaN or
   *     infinite, a quantity other than {@code inventoryPosition} and {@code safetyStock} is
   *     negative, a probability is outside [0, 1], or {@code reason} is blank
   * @throws NullPointerException when {@code parameters}, {@code target}, {@code distribution},
   *     {@code reason} or {@code explanation} is null
   */
  public Recommendation {
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(distribution, "distribution");
    finite("inventoryPosition", inventoryPosition);
    finite("safetyStock", safetyStock);
    Checks.nonNegative("leadTimeDemandMean", leadTimeDemandMean);
    Checks.nonNegative("leadTimeDemandSd", leadTimeDemandSd);
    Checks.nonNegative("eoq", eoq);
    Checks.nonNegative("recommendedOrderQty", recommendedOrderQty);
    probability("expectedFillRate", expectedFillRate);
    probability("expectedCycleService", expectedCycleService);
    Checks.nonNegative("expectedHoldingCost", expectedHoldingCost);
    if (daysOfCover != null) {
      Checks.nonNegative("daysOfCover", daysOfCover);
    }
    Objects.requireNonNull(reason, "reason");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("reason must not be blank, was '" + reason + "'");
    }
    Objects.requireNonNull(explanation, "explanation");
  }

  /**
   * The reorder point s: order when the inventory position is at or below it (for (R, S), the
   * order-up-to level).
   *
   * @return s in units, {@code >= 0}
   */
  public double reorderPoint() {
    return parameters.reorderPoint();
  }

  /**
   * The order-up-to level S (s + Q for (s, Q)).
   *
   * @return S in units, {@code >= reorderPoint()}
   */
  public double orderUpTo() {
    return parameters.orderUpTo();
  }

  /**
   * The lot size Q after MOQ, case-pack and shelf-life adjustments (for (R, S), the expected demand
   * per review period).
   *
   * @return Q in units, {@code >= 0}
   */
  public double orderQuantity() {
    return parameters.orderQuantity();
  }

  private static void finite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite, was " + value);
    }
  }

  private static void probability(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], was " + value);
    }
  }
}
