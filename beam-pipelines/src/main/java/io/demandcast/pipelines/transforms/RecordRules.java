package io.demandcast.pipelines.transforms;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.pipelines.model.DataRules;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;
import org.apache.beam.sdk.values.Row;

/**
 * The checks each source record must pass, per canonical source table. A check returns the reason
 * a record is rejected, naming the column and its value, or null when the record is valid.
 *
 * <p>Documented defaults instead of rejections: a NULL {@code case_pack} is 1, a NULL {@code moq}
 * is 0, a NULL {@code quarantined} is 0, a NULL {@code holding_cost_rate} or {@code order_cost} is
 * the run's default ({@link DataRules#defaultHoldingCostRate()}, {@link
 * DataRules#defaultOrderCost()}).
 *
 * <p>Besides each column's presence, type and sign, every record is held to the run's {@link
 * DataRules}: no date after the as-of date or before the floor, no quantity, price or lead time
 * above its ceiling. An expected delivery date of an open purchase order may lie after the as-of
 * date (it is a plan); its distance from the order date is held to the lead-time ceiling.
 */
public final class RecordRules {
  /** The purchase order statuses demandcast knows; only {@code open} counts as on order. */
  public static final Set<String> PO_STATUSES = Set.of("open", "received", "cancelled");

  /** Metrics whose readings are checked for a plausible range. */
  public static final String TEMPERATURE_C = "temperature_c";

  private RecordRules() {}

  /**
   * The reason {@code row} of source table {@code table} is rejected, or null when it is valid.
   *
   * @param rules the run's plausibility rules
   * @throws IllegalArgumentException for a table that is not a canonical source table
   */
  public static String check(String table, Row row, DataRules rules) {
    return switch (table) {
      case "erp_items" -> item(row, rules);
      case "erp_sales" -> sale(row, rules);
      case "erp_inventory" -> inventory(row, rules);
      case "erp_purchase_orders" -> purchaseOrder(row, rules);
      case "iot_readings" -> reading(row, rules);
      case "logistics_shipments" -> shipment(row, rules);
      default -> throw new IllegalArgumentException(
          "not a canonical source table: " + table + "; known: "
              + CanonicalTables.SOURCES.stream().map(t -> t.name()).toList());
    };
  }

  /** Whether a rejected sales row still names its SKU, location and day: its period is missing. */
  public static boolean isMissingQuantity(Row row) {
    return present(row, "sku") && present(row, "location") && row.getValue("date") != null
        && row.getValue("quantity") == null;
  }

  private static String item(Row row, DataRules rules) {
    String reason = firstNonNull(blank(row, "sku"), positive(row, "unit_cost"),
        nonNegativeWhenSet(row, "holding_cost_rate"), nonNegativeWhenSet(row, "order_cost"),
        rules.checkPrice("unit_cost", row.getDouble("unit_cost")),
        rules.checkPrice("order_cost", row.getDouble("order_cost")),
        rules.checkQuantity("moq", row.getDouble("moq")),
        rules.checkQuantity("case_pack", intAsDouble(row.getInt32("case_pack"))));
    if (reason != null) {
      return reason;
    }
    Integer casePack = row.getInt32("case_pack");
    if (casePack != null && casePack < 1) {
      return "case_pack must be >= 1, was " + casePack;
    }
    Double moq = row.getDouble("moq");
    if (moq != null && !(moq >= 0 && Double.isFinite(moq))) {
      return "moq must be >= 0, was " + moq;
    }
    Integer shelfLife = row.getInt32("shelf_life_days");
    if (shelfLife != null && shelfLife < 1) {
      return "shelf_life_days must be >= 1 when set, was " + shelfLife;
    }
    Integer review = row.getInt32("review_period_days");
    if (review != null && review < 1) {
      return "review_period_days must be >= 1 when set, was " + review;
    }
    Double level = row.getDouble("service_level");
    if (level != null && !(level > 0 && level < 1)) {
      return "service_level must be in (0, 1) exclusive when set, e.g. 0.95, was " + level;
    }
    return null;
  }

  private static String sale(Row row, DataRules rules) {
    String reason = firstNonNull(blank(row, "sku"), blank(row, "location"), missing(row, "date"),
        rules.checkDate("date", date(row, "date")));
    if (reason != null) {
      return reason;
    }
    Double quantity = row.getDouble("quantity");
    if (quantity == null) {
      return "quantity is missing (not recorded): the period's demand is unknown";
    }
    if (!Double.isFinite(quantity)) {
      return "quantity is not a finite number, was " + quantity;
    }
    if (quantity < 0) {
      return "quantity is negative (" + quantity + "): returns are not demand";
    }
    Double price = row.getDouble("unit_price");
    if (price != null && !(price >= 0 && Double.isFinite(price))) {
      return "unit_price must be >= 0 when set, was " + price;
    }
    return firstNonNull(
        rules.checkQuantity("quantity", quantity), rules.checkPrice("unit_price", price));
  }

  private static String inventory(Row row, DataRules rules) {
    String reason = firstNonNull(blank(row, "sku"), blank(row, "location"),
        missing(row, "snapshot_date"), nonNegative(row, "on_hand"),
        rules.checkDate("snapshot_date", date(row, "snapshot_date")),
        rules.checkQuantity("on_hand", row.getDouble("on_hand")));
    if (reason != null) {
      return reason;
    }
    Double quarantined = row.getDouble("quarantined");
    if (quarantined != null
        && !(quarantined >= 0 && quarantined <= row.getDouble("on_hand"))) {
      return "quarantined must be between 0 and on_hand (" + row.getDouble("on_hand")
          + "), was " + quarantined;
    }
    return null;
  }

  private static String purchaseOrder(Row row, DataRules rules) {
    String reason = firstNonNull(blank(row, "po_id"), blank(row, "sku"), blank(row, "location"),
        positive(row, "quantity"), missing(row, "order_date"), blank(row, "status"),
        rules.checkQuantity("quantity", row.getDouble("quantity")),
        rules.checkDate("order_date", date(row, "order_date")),
        rules.checkDate("received_date", date(row, "received_date")),
        before(rules.minDate(), "expected_date", date(row, "expected_date")));
    if (reason != null) {
      return reason;
    }
    String status = row.getString("status").strip().toLowerCase(Locale.ROOT);
    if (!PO_STATUSES.contains(status)) {
      return "status must be one of " + PO_STATUSES + ", was '" + row.getString("status") + "'";
    }
    LocalDate ordered = date(row, "order_date");
    LocalDate expected = date(row, "expected_date");
    if (expected != null && expected.isBefore(ordered)) {
      return "expected_date " + expected + " is before order_date " + ordered;
    }
    if (expected != null) {
      String tooLong = rules.checkLeadTime(
          "order_date " + ordered + " to expected_date " + expected,
          ChronoUnit.DAYS.between(ordered, expected));
      if (tooLong != null) {
        return tooLong;
      }
    }
    LocalDate received = date(row, "received_date");
    if (received != null && received.isBefore(ordered)) {
      return "received_date " + received + " is before order_date " + ordered;
    }
    if (status.equals("received") && row.getValue("received_date") == null) {
      return "status is 'received' but received_date is missing";
    }
    return null;
  }

  private static String reading(Row row, DataRules rules) {
    LocalDateTime ts = row.getLogicalTypeValue("ts", LocalDateTime.class);
    String reason = firstNonNull(blank(row, "sensor_id"), blank(row, "location"),
        missing(row, "ts"), blank(row, "metric"), missing(row, "value"),
        rules.checkDate("ts", ts == null ? null : ts.toLocalDate()));
    if (reason != null) {
      return reason;
    }
    double value = row.getDouble("value");
    if (!Double.isFinite(value)) {
      return "value is not a finite number, was " + value;
    }
    if (TEMPERATURE_C.equals(row.getString("metric")) && (value < -90 || value > 70)) {
      return "temperature_c " + value + " is outside the physically plausible -90..70";
    }
    return null;
  }

  private static String shipment(Row row, DataRules rules) {
    LocalDate shipped = date(row, "ship_date");
    LocalDate delivered = date(row, "delivered_date");
    String reason = firstNonNull(blank(row, "shipment_id"), blank(row, "supplier"),
        rules.checkDate("ship_date", shipped),
        rules.checkDate("delivered_date", delivered),
        before(rules.minDate(), "scheduled_date", date(row, "scheduled_date")));
    if (reason != null) {
      return reason;
    }
    if (shipped != null && delivered != null && delivered.isBefore(shipped)) {
      return "delivered_date " + delivered + " is before ship_date " + shipped
          + ": the lead time would be negative";
    }
    if (shipped != null && delivered != null) {
      String tooLong = rules.checkLeadTime("ship_date " + shipped + " to delivered_date "
          + delivered, ChronoUnit.DAYS.between(shipped, delivered));
      if (tooLong != null) {
        return tooLong;
      }
    }
    Double quantity = row.getDouble("quantity");
    if (quantity != null && !(quantity >= 0 && Double.isFinite(quantity))) {
      return "quantity must be >= 0 when set, was " + quantity;
    }
    return rules.checkQuantity("quantity", quantity);
  }

  // ------------------------------------------------------------------ checks

  private static String firstNonNull(String... reasons) {
    for (String reason : reasons) {
      if (reason != null) {
        return reason;
      }
    }
    return null;
  }

  private static boolean present(Row row, String column) {
    String value = row.getString(column);
    return value != null && !value.isBlank();
  }

  private static String blank(Row row, String column) {
    return present(row, column) ? null : column + " is missing or blank";
  }

  private static String missing(Row row, String column) {
    return row.getValue(column) == null ? column + " is missing" : null;
  }

  private static String positive(Row row, String column) {
    Double value = row.getDouble(column);
    if (value == null) {
      return column + " is missing";
    }
    return value > 0 && Double.isFinite(value) ? null : column + " must be > 0, was " + value;
  }

  private static String nonNegative(Row row, String column) {
    Double value = row.getDouble(column);
    if (value == null) {
      return column + " is missing";
    }
    return value >= 0 && Double.isFinite(value) ? null : column + " must be >= 0, was " + value;
  }

  /** The reason a planned date is before the floor, or null (a plan may lie after the as-of date). */
  private static String before(LocalDate floor, String column, LocalDate date) {
    return date != null && date.isBefore(floor)
        ? column + " " + date + " is before " + floor
            + " (--min-date): taken as a placeholder, not a real date"
        : null;
  }

  private static Double intAsDouble(Integer value) {
    return value == null ? null : value.doubleValue();
  }

  private static String nonNegativeWhenSet(Row row, String column) {
    return row.getDouble(column) == null ? null : nonNegative(row, column);
  }

  private static LocalDate date(Row row, String column) {
    return row.getLogicalTypeValue(column, LocalDate.class);
  }
}
