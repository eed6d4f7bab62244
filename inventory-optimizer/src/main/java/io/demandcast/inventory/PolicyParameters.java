package io.demandcast.inventory;

import java.io.Serializable;
import java.util.Objects;

/**
 * The control parameters of a replenishment policy, as computed by the planner and replayed by the
 * simulator. All quantities in units, times in days.
 *
 * @param type the policy
 * @param reorderPoint s: order when the inventory position is at or below it (continuous review);
 *     for {@link PolicyType#R_S} the level below which an order is due, equal to orderUpTo; finite
 * @param orderQuantity Q: the fixed lot of {@link PolicyType#S_Q}, the nominal lot S − s otherwise;
 *     finite and {@code >= 0}
 * @param orderUpTo S: the order-up-to level of {@link PolicyType#S_S} and {@link PolicyType#R_S}
 *     (s + Q for {@link PolicyType#S_Q}); finite and {@code >= reorderPoint}
 * @param reviewPeriodDays R in days for {@link PolicyType#R_S}; 0 for continuous review; finite
 *     and {@code >= 0}
 * @param casePack units per case; every order is a whole number of cases; {@code >= 1}
 * @param moq minimum order quantity in units; finite and {@code >= 0}
 * @param maxOrder the largest single order in units (the shelf-life cap), or {@link
 *     Double#POSITIVE_INFINITY} when there is none; {@code > 0}
 */
public record PolicyParameters(
    PolicyType type,
    double reorderPoint,
    double orderQuantity,
    double orderUpTo,
    double reviewPeriodDays,
    int casePack,
    double moq,
    double maxOrder)
    implements Serializable {

  /**
   * Validates the parameters. Components as described on the record.
   *
   * @throws IllegalArgumentException naming the component and the value when it is out of range,
   *     or when a periodic policy has no review period or a continuous one has one
   * @throws NullPointerException when {@code type} is null
   */
  public PolicyParameters {
    Objects.requireNonNull(type, "type");
    if (!Double.isFinite(reorderPoint)) {
      throw new IllegalArgumentException("reorderPoint must be finite, was " + reorderPoint);
    }
    Checks.nonNegative("orderQuantity", orderQuantity);
    if (!(Double.isFinite(orderUpTo) && orderUpTo >= reorderPoint)) {
      throw new IllegalArgumentException(
          "orderUpTo must be finite and >= reorderPoint (" + reorderPoint + "), was " + orderUpTo);
    }
    Checks.nonNegative("reviewPeriodDays", reviewPeriodDays);
    if (type == PolicyType.R_S && reviewPeriodDays <= 0) {
      throw new IllegalArgumentException(
          "reviewPeriodDays must be > 0 for an (R, S) policy, was " + reviewPeriodDays);
    }
    if (type != PolicyType.R_S && reviewPeriodDays != 0) {
      throw new IllegalArgumentException(
          "reviewPeriodDays must be 0 for continuous review " + type.label() + ", was "
              + reviewPeriodDays);
    }
    if (casePack < 1) {
      throw new IllegalArgumentException("casePack must be >= 1, was " + casePack);
    }
    Checks.nonNegative("moq", moq);
    if (!(maxOrder > 0)) {
      throw new IllegalArgumentException("maxOrder must be > 0, was " + maxOrder);
    }
  }
}
