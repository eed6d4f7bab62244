package io.demandcast.pipelines.model;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * The plausibility rules a run applies to its source records, beyond each column's type and sign
 * ({@link io.demandcast.pipelines.transforms.RecordRules}): what a record may not claim without
 * being rejected into {@code rejected_records} with the rule as its reason. Every field is a run
 * option; the defaults are meant to pass any real data and catch sentinel and typing errors.
 *
 * <ul>
 *   <li>Dates: a sale, snapshot, order, receipt, shipment or reading dated after {@link #asOf()}
 *       (the day the data describes) or before {@link #minDate()} is rejected. The forecast
 *       origin is never later than the last period complete on the as-of date.
 *   <li>Ceilings: a quantity (sold, on hand, ordered, shipped, MOQ, case pack) above {@link
 *       #maxQuantity()} units, a price or cost above {@link #maxPrice()} currency units, and a lead
 *       time (ship to delivery, order to expected delivery) above {@link #maxLeadTimeDays()} days
 *       are rejected.
 *   <li>Far outside the series' own history: a sale whose quantity exceeds the median of the
 *       series' positive quantities by more than {@link #outlierMads()} robust scale units (1.4826
 *       times the median absolute deviation, at least the median itself) is rejected, flagged or
 *       left alone as {@link #outliers()} says. The rule follows Hampel's identifier (Hampel 1974;
 *       Leys et al. 2013, "Detecting outliers: do not use standard deviation around the mean, use
 *       absolute deviation around the median", J. Exp. Soc. Psychol. 49(4)); the floor of one
 *       median keeps it from rejecting ordinary spikes of a series that is nearly constant.
 * </ul>
 *
 * <p>Documented defaults for what a source leaves out, each counted in the run's summary: an item
 * without {@code holding_cost_rate} takes {@link #defaultHoldingCostRate()} (25 % a year, the
 * middle of the 20–30 % textbooks give: Silver, Pyke &amp; Thomas, <i>Inventory and Production
 * Management in Supply Chains</i>, 4th ed., 2017, ch. 4), one without {@code order_cost} takes
 * {@link #defaultOrderCost()} (0: no fixed cost per order, so the policy orders what it needs), and
 * an item whose supplier has no shipment with both dates takes a lead time of {@link
 * #defaultLeadTimeDays()} days with no variability.
 *
 * @param asOf the day the sources describe, UTC; records dated later are rejected
 * @param minDate records dated before this day are rejected (a sentinel such as 1900-01-01 or
 *     1970-01-01 is caught by the default 1980-01-01)
 * @param maxQuantity most units one record may carry, &gt; 0
 * @param maxPrice highest unit price, unit cost or order cost, currency units, &gt; 0
 * @param maxLeadTimeDays longest lead time a shipment or purchase order may show, days, &gt;= 1
 * @param outlierMads robust scale units above the series' median beyond which a sale is far
 *     outside its history, &gt; 0
 * @param outliers what to do with such a sale
 * @param minOutlierHistory fewest positive sales a series needs before the outlier rule applies
 *     to it, &gt;= 2
 * @param defaultHoldingCostRate holding cost per year as a fraction of unit cost of an item without
 *     one, &gt;= 0
 * @param defaultOrderCost fixed cost of one order, currency, of an item without one, &gt;= 0
 * @param defaultLeadTimeDays lead time of an item without lead-time evidence, days, &gt;= 0
 */
public record DataRules(
    LocalDate asOf,
    LocalDate minDate,
    double maxQuantity,
    double maxPrice,
    int maxLeadTimeDays,
    double outlierMads,
    OutlierAction outliers,
    int minOutlierHistory,
    double defaultHoldingCostRate,
    double defaultOrderCost,
    double defaultLeadTimeDays)
    implements Serializable {

  /** The default of {@link #defaultHoldingCostRate()}: 25 % a year. */
  public static final double DEFAULT_HOLDING_COST_RATE = 0.25;

  /** The default of {@link #defaultOrderCost()}. */
  public static final double DEFAULT_ORDER_COST = 0;

  /** The default of {@link #defaultLeadTimeDays()}. */
  public static final double DEFAULT_LEAD_TIME_DAYS = 30;

  /** The default of {@link #minDate()}. */
  public static final LocalDate DEFAULT_MIN_DATE = LocalDate.of(1980, 1, 1);

  /** The default of {@link #maxQuantity()}, units. */
  public static final double DEFAULT_MAX_QUANTITY = 1e8;

  /** The default of {@link #maxPrice()}, currency units. */
  public static final double DEFAULT_MAX_PRICE = 1e7;

  /** The default of {@link #maxLeadTimeDays()}. */
  public static final int DEFAULT_MAX_LEAD_TIME_DAYS = 730;

  /** The default of {@link #outlierMads()}. */
  public static final double DEFAULT_OUTLIER_MADS = 100;

  /** The default of {@link #minOutlierHistory()}. */
  public static final int DEFAULT_MIN_OUTLIER_HISTORY = 8;

  /** What the per-series rule does with a sale far outside its series' history. */
  public enum OutlierAction {
    /** Reject it into {@code rejected_records}: it does not enter the demand series. */
    REJECT,
    /** Keep it in the demand series and count it (counter {@code flagged_erp_sales}). */
    FLAG,
    /** Apply no per-series rule. */
    OFF;

    /**
     * The action named {@code text}, ignoring case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static OutlierAction parse(String text) {
      for (OutlierAction a : values()) {
        if (a.name().equalsIgnoreCase(text.strip())) {
          return a;
        }
      }
      throw new IllegalArgumentException(
          "unknown action '" + text + "': use reject, flag or off");
    }

    /** The option value, e.g. {@code reject}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public DataRules {
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(minDate, "minDate");
    Objects.requireNonNull(outliers, "outliers");
    if (!minDate.isBefore(asOf)) {
      throw new IllegalArgumentException(
          "minDate " + minDate + " must be before asOf " + asOf);
    }
    if (!(maxQuantity > 0)) {
      throw new IllegalArgumentException("maxQuantity must be > 0 units, was " + maxQuantity);
    }
    if (!(maxPrice > 0)) {
      throw new IllegalArgumentException("maxPrice must be > 0, was " + maxPrice);
    }
    if (maxLeadTimeDays < 1) {
      throw new IllegalArgumentException(
          "maxLeadTimeDays must be >= 1 day, was " + maxLeadTimeDays);
    }
    if (!(outlierMads > 0) || Double.isInfinite(outlierMads)) {
      throw new IllegalArgumentException("outlierMads must be > 0, was " + outlierMads);
    }
    if (minOutlierHistory < 2) {
      throw new IllegalArgumentException(
          "minOutlierHistory must be >= 2 sales, was " + minOutlierHistory);
    }
    if (!(defaultHoldingCostRate >= 0) || Double.isInfinite(defaultHoldingCostRate)) {
      throw new IllegalArgumentException(
          "defaultHoldingCostRate must be >= 0 a year, was " + defaultHoldingCostRate);
    }
    if (!(defaultOrderCost >= 0) || Double.isInfinite(defaultOrderCost)) {
      throw new IllegalArgumentException(
          "defaultOrderCost must be >= 0, was " + defaultOrderCost);
    }
    if (!(defaultLeadTimeDays >= 0) || Double.isInfinite(defaultLeadTimeDays)) {
      throw new IllegalArgumentException(
          "defaultLeadTimeDays must be >= 0 days, was " + defaultLeadTimeDays);
    }
  }

  /** The default rules for data as of {@code asOf}. */
  public static DataRules defaults(LocalDate asOf) {
    return new DataRules(asOf, DEFAULT_MIN_DATE, DEFAULT_MAX_QUANTITY, DEFAULT_MAX_PRICE,
        DEFAULT_MAX_LEAD_TIME_DAYS, DEFAULT_OUTLIER_MADS, OutlierAction.REJECT,
        DEFAULT_MIN_OUTLIER_HISTORY, DEFAULT_HOLDING_COST_RATE, DEFAULT_ORDER_COST,
        DEFAULT_LEAD_TIME_DAYS);
  }

  /** These rules as of another day. */
  public DataRules withAsOf(LocalDate newAsOf) {
    return new DataRules(newAsOf, minDate, maxQuantity, maxPrice, maxLeadTimeDays, outlierMads,
        outliers, minOutlierHistory, defaultHoldingCostRate, defaultOrderCost,
        defaultLeadTimeDays);
  }

  /** These rules with another action for sales far outside their history. */
  public DataRules withOutliers(OutlierAction newOutliers) {
    return new DataRules(asOf, minDate, maxQuantity, maxPrice, maxLeadTimeDays, outlierMads,
        newOutliers, minOutlierHistory, defaultHoldingCostRate, defaultOrderCost,
        defaultLeadTimeDays);
  }

  /**
   * The reason a date is implausible, or null when it is plausible.
   *
   * @param column the column, for the message
   * @param date the date, or null (a missing date is another rule's business)
   */
  public String checkDate(String column, LocalDate date) {
    if (date == null) {
      return null;
    }
    if (date.isAfter(asOf)) {
      return column + " " + date + " is after the run's as-of date " + asOf
          + " (--as-of): a record cannot describe the future";
    }
    if (date.isBefore(minDate)) {
      return column + " " + date + " is before " + minDate
          + " (--min-date): taken as a placeholder, not a real date";
    }
    return null;
  }

  /** The reason a quantity is above {@link #maxQuantity()}, or null. */
  public String checkQuantity(String column, Double value) {
    if (value != null && value > maxQuantity) {
      return column + " " + value + " is above the ceiling of " + fmt(maxQuantity)
          + " units (--max-quantity)";
    }
    return null;
  }

  /** The reason a price or cost is above {@link #maxPrice()}, or null. */
  public String checkPrice(String column, Double value) {
    if (value != null && value > maxPrice) {
      return column + " " + value + " is above the ceiling of " + fmt(maxPrice)
          + " (--max-price)";
    }
    return null;
  }

  /** The reason a lead time of {@code days} is above {@link #maxLeadTimeDays()}, or null. */
  public String checkLeadTime(String what, long days) {
    if (days > maxLeadTimeDays) {
      return what + " is " + days + " days, above the ceiling of " + maxLeadTimeDays
          + " days (--max-lead-time-days)";
    }
    return null;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%.0f", v)
        : String.valueOf(v);
  }
}
