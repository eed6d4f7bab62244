package io.demandcast.inventory;

import java.io.Serializable;
import java.util.Objects;

/**
 * How {@link ReplenishmentPlanner#plan} came to a recommendation's order, as the values it computed
 * on the way: the stock position, the protection interval and its demand rate, and the order after
 * each of the policy's rule, the MOQ, the case pack and the shelf life. A location's capacity may
 * cut the order further afterwards ({@link ReplenishmentPlanner#withOrder}); this record keeps the
 * order before that cut.
 *
 * <p>With IP = {@link StockPosition#inventoryPosition()}, s the reorder point, S the order-up-to
 * level, Q the lot, c the case pack and M the largest order the shelf life allows ({@link
 * PolicyParameters#maxOrder()}):
 *
 * <ul>
 *   <li>{@code policyOrder}: 0 when no order is due; else (s, Q): n · Q with n = ⌊(s − IP) / Q⌋ + 1
 *       lots; (s, S) and (R, S): S − IP;
 *   <li>{@code afterMoq} = max(policyOrder, MOQ) when an order is due, else 0 (for (s, Q) the lot
 *       already holds the MOQ, so this step changes nothing);
 *   <li>{@code afterCasePack} = afterMoq rounded up to whole cases of c;
 *   <li>{@code afterShelfLife} = min(afterCasePack, M): the order the planner recommends before any
 *       capacity cut.
 * </ul>
 *
 * @param stock the stock position the order was planned from (units)
 * @param protectionDays the protection interval: mean lead time plus the review period, days
 * @param demandPerDay the forecast demand per day over that interval (the demand per period over
 *     the period's days), units per day; 0 when no demand is forecast
 * @param policyOrder the policy's rule alone, units; finite and {@code >= 0}
 * @param afterMoq after the minimum order quantity, units; finite and {@code >= 0}
 * @param afterCasePack after rounding up to whole cases, units; finite and {@code >= 0}
 * @param afterShelfLife after the shelf-life cap, units; finite and {@code >= 0}
 */
public record OrderExplanation(
    StockPosition stock,
    double protectionDays,
    double demandPerDay,
    double policyOrder,
    double afterMoq,
    double afterCasePack,
    double afterShelfLife)
    implements Serializable {

  /**
   * Validates the explanation. Components as described on the record.
   *
   * @throws IllegalArgumentException naming the component and the value when a number is negative,
   *     NaN or infinite
   * @throws NullPointerException when {@code stock} is null
   */
  public OrderExplanation {
    Objects.requireNonNull(stock, "stock");
    Checks.nonNegative("protectionDays", protectionDays);
    Checks.nonNegative("demandPerDay", demandPerDay);
    Checks.nonNegative("policyOrder", policyOrder);
    Checks.nonNegative("afterMoq", afterMoq);
    Checks.nonNegative("afterCasePack", afterCasePack);
    Checks.nonNegative("afterShelfLife", afterShelfLife);
  }
}
