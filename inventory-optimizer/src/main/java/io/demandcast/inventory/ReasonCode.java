package io.demandcast.inventory;

import java.util.Locale;

/**
 * The building blocks of {@link Recommendation#reason()}. Each code has a stable English template;
 * {@link ReplenishmentPlanner} joins the texts of the codes that apply with {@value #SEPARATOR},
 * the order-decision code first, e.g. {@code "below reorder point: order 120 units; MOQ raised the
 * order; rounded up to case pack of 12"}. Downstream code may match on the templates' fixed parts.
 */
public enum ReasonCode {
  /** The inventory position is at or below the reorder point; argument: the order quantity in units. */
  BELOW_REORDER_POINT("below reorder point: order %s units"),
  /**
   * (R, S) at a review: the inventory position is below the order-up-to level; argument: the order
   * quantity in units.
   */
  BELOW_ORDER_UP_TO("below order-up-to level at review: order %s units"),
  /** (R, S) at a review: the inventory position is at or above the order-up-to level. */
  AT_ORDER_UP_TO("at or above order-up-to level: no order"),
  /** The inventory position is above the reorder point. */
  ABOVE_REORDER_POINT("above reorder point: no order"),
  /** The per-period demand over the lead time is 0, so nothing is ordered whatever the stock. */
  NO_DEMAND("no demand forecast: no order"),
  /** The minimum order quantity made the order quantity larger than the EOQ would have. */
  MOQ_RAISED("MOQ raised the order"),
  /** The order was rounded up to whole cases; argument: the case pack in units. */
  ROUNDED_TO_CASE_PACK("rounded up to case pack of %s"),
  /** The order was reduced to the demand over the shelf life; argument: the shelf life in days. */
  CAPPED_BY_SHELF_LIFE("capped by shelf life of %s days"),
  /** The MOQ is larger than the demand over the shelf life; the MOQ was ordered anyway. */
  MOQ_OVER_SHELF_LIFE("MOQ exceeds demand over shelf life: expiry risk"),
  /** One case is larger than the demand over the shelf life; one case was ordered anyway. */
  CASE_PACK_OVER_SHELF_LIFE("one case pack exceeds demand over shelf life: expiry risk");

  /** Separator between the texts of the codes in a reason. */
  public static final String SEPARATOR = "; ";

  private final String template;

  ReasonCode(String template) {
    this.template = template;
  }

  /**
   * The stable template of this code.
   *
   * @return the text, with one {@code %s} per argument
   */
  public String template() {
    return template;
  }

  /**
   * The text of this code with its arguments filled in ({@link Locale#ROOT} formatting).
   *
   * @param args one value per {@code %s} of the template
   * @return the planner-readable text
   * @throws java.util.IllegalFormatException when fewer arguments are given than the template needs
   */
  public String text(Object... args) {
    return String.format(Locale.ROOT, template, args);
  }
}
