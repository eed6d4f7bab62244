package io.demandcast.pipelines.transforms;

import static io.demandcast.connectors.schema.CanonicalTables.ERP_INVENTORY;
import static io.demandcast.connectors.schema.CanonicalTables.ERP_ITEMS;
import static io.demandcast.connectors.schema.CanonicalTables.ERP_PURCHASE_ORDERS;
import static io.demandcast.connectors.schema.CanonicalTables.ERP_SALES;
import static io.demandcast.connectors.schema.CanonicalTables.IOT_READINGS;
import static io.demandcast.connectors.schema.CanonicalTables.LOGISTICS_SHIPMENTS;
import static io.demandcast.pipelines.transforms.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.pipelines.model.DataRules;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The per-table record rules: a valid row of each source table passes; each bad value is rejected
 * with a reason naming the column and the value; the documented defaults are not rejections.
 */
class RecordRulesTest {
  private static final LocalDate DAY = LocalDate.of(2026, 1, 5);
  private static final LocalDateTime TS = LocalDateTime.of(2026, 1, 5, 13, 30);
  /** The default rules as of a day after every valid fixture's dates. */
  private static final DataRules RULES = DataRules.defaults(LocalDate.of(2026, 6, 30));

  // ------------------------------------------------------------------ valid rows, one per table

  private static Row item(Object... overrides) {
    return row(ERP_ITEMS, merge(List.of("sku", "A", "unit_cost", 10.0, "holding_cost_rate", 0.25,
        "order_cost", 50.0, "case_pack", 6, "moq", 12.0, "supplier", "S1", "ship_mode", "Air",
        "shelf_life_days", 365), overrides));
  }

  private static Row sale(Object... overrides) {
    return row(ERP_SALES, merge(List.of("sku", "A", "location", "DC1", "date", DAY,
        "quantity", 3.0), overrides));
  }

  private static Row stock(Object... overrides) {
    return row(ERP_INVENTORY, merge(List.of("sku", "A", "location", "DC1", "snapshot_date", DAY,
        "on_hand", 10.0, "quarantined", 2.0), overrides));
  }

  private static Row po(Object... overrides) {
    return row(ERP_PURCHASE_ORDERS, merge(List.of("po_id", "P1", "sku", "A", "location", "DC1",
        "quantity", 5.0, "order_date", DAY, "expected_date", DAY.plusDays(14), "status", "open"),
        overrides));
  }

  private static Row reading(Object... overrides) {
    return row(IOT_READINGS, merge(List.of("sensor_id", "s1", "location", "DC1", "ts", TS,
        "metric", "temperature_c", "value", 4.0), overrides));
  }

  private static Row shipment(Object... overrides) {
    return row(LOGISTICS_SHIPMENTS, merge(List.of("shipment_id", "SH1", "supplier", "S1",
        "mode", "Air", "ship_date", LocalDate.of(2001, 6, 1),
        "delivered_date", LocalDate.of(2001, 6, 10), "quantity", 10.0), overrides));
  }

  /** The base name-value pairs with the overrides' values replacing (or adding) theirs. */
  private static Object[] merge(List<Object> base, Object... overrides) {
    List<Object> pairs = new ArrayList<>(base);
    for (int o = 0; o < overrides.length; o += 2) {
      int at = -1;
      for (int i = 0; i < pairs.size(); i += 2) {
        if (pairs.get(i).equals(overrides[o])) {
          at = i;
        }
      }
      if (at >= 0) {
        pairs.set(at + 1, overrides[o + 1]);
      } else {
        pairs.add(overrides[o]);
        pairs.add(overrides[o + 1]);
      }
    }
    return pairs.toArray();
  }

  static Stream<Arguments> validRows() {
    return Stream.of(
        Arguments.of(ERP_ITEMS, item()),
        Arguments.of(ERP_SALES, sale()),
        Arguments.of(ERP_INVENTORY, stock()),
        Arguments.of(ERP_PURCHASE_ORDERS, po()),
        Arguments.of(IOT_READINGS, reading()),
        Arguments.of(LOGISTICS_SHIPMENTS, shipment()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validRows")
  void givenValidRowOfEachSourceTable_whenChecked_thenNoReason(TableSchema table, Row row) {
    assertThat(RecordRules.check(table.name(), row, RULES)).isNull();
  }

  // ------------------------------------------------------------------ bad rows

  /** Table, row, and the fragments the reason must contain (the column and the value). */
  static Stream<Arguments> badRows() {
    return Stream.of(
        // erp_items
        Arguments.of("items: blank sku", ERP_ITEMS, item("sku", "  "),
            List.of("sku is missing or blank")),
        Arguments.of("items: unit_cost 0", ERP_ITEMS, item("unit_cost", 0.0),
            List.of("unit_cost must be > 0", "0.0")),
        Arguments.of("items: unit_cost NULL", ERP_ITEMS, item("unit_cost", null),
            List.of("unit_cost is missing")),
        Arguments.of("items: holding_cost_rate -0.1", ERP_ITEMS, item("holding_cost_rate", -0.1),
            List.of("holding_cost_rate", "-0.1")),
        Arguments.of("items: order_cost NaN", ERP_ITEMS, item("order_cost", Double.NaN),
            List.of("order_cost", "NaN")),
        Arguments.of("items: case_pack 0", ERP_ITEMS, item("case_pack", 0),
            List.of("case_pack must be >= 1", "was 0")),
        Arguments.of("items: moq -1", ERP_ITEMS, item("moq", -1.0),
            List.of("moq must be >= 0", "-1.0")),
        Arguments.of("items: moq infinite", ERP_ITEMS, item("moq", Double.POSITIVE_INFINITY),
            List.of("moq", "Infinity")),
        Arguments.of("items: shelf_life_days 0", ERP_ITEMS, item("shelf_life_days", 0),
            List.of("shelf_life_days", "was 0")),
        Arguments.of("items: review_period_days 0", ERP_ITEMS, item("review_period_days", 0),
            List.of("review_period_days must be >= 1", "was 0")),
        Arguments.of("items: review_period_days -7", ERP_ITEMS, item("review_period_days", -7),
            List.of("review_period_days", "was -7")),
        Arguments.of("items: service_level 1.2", ERP_ITEMS, item("service_level", 1.2),
            List.of("service_level must be in (0, 1)", "was 1.2")),
        Arguments.of("items: service_level 1", ERP_ITEMS, item("service_level", 1.0),
            List.of("service_level", "was 1.0")),
        Arguments.of("items: service_level 0", ERP_ITEMS, item("service_level", 0.0),
            List.of("service_level", "was 0.0")),
        Arguments.of("items: service_level NaN", ERP_ITEMS, item("service_level", Double.NaN),
            List.of("service_level", "was NaN")),
        // erp_sales
        Arguments.of("sales: negative quantity", ERP_SALES, sale("quantity", -2.0),
            List.of("quantity is negative", "-2.0")),
        Arguments.of("sales: NULL quantity", ERP_SALES, sale("quantity", null),
            List.of("quantity is missing")),
        Arguments.of("sales: NaN quantity", ERP_SALES, sale("quantity", Double.NaN),
            List.of("quantity", "NaN")),
        Arguments.of("sales: blank sku", ERP_SALES, sale("sku", ""),
            List.of("sku is missing or blank")),
        Arguments.of("sales: NULL location", ERP_SALES, sale("location", null),
            List.of("location is missing")),
        Arguments.of("sales: NULL date", ERP_SALES, sale("date", null),
            List.of("date is missing")),
        // erp_inventory
        Arguments.of("inventory: on_hand -1", ERP_INVENTORY, stock("on_hand", -1.0),
            List.of("on_hand must be >= 0", "-1.0")),
        Arguments.of("inventory: on_hand NULL", ERP_INVENTORY, stock("on_hand", null),
            List.of("on_hand is missing")),
        // quarantined 3 > on_hand 1
        Arguments.of("inventory: quarantined above on_hand", ERP_INVENTORY,
            stock("on_hand", 1.0, "quarantined", 3.0),
            List.of("quarantined", "on_hand (1.0)", "was 3.0")),
        Arguments.of("inventory: quarantined negative", ERP_INVENTORY, stock("quarantined", -0.5),
            List.of("quarantined", "-0.5")),
        Arguments.of("inventory: NULL snapshot_date", ERP_INVENTORY, stock("snapshot_date", null),
            List.of("snapshot_date is missing")),
        // erp_purchase_orders
        Arguments.of("po: status pending", ERP_PURCHASE_ORDERS, po("status", "pending"),
            List.of("status must be one of", "'pending'")),
        Arguments.of("po: blank status", ERP_PURCHASE_ORDERS, po("status", " "),
            List.of("status is missing or blank")),
        // expected 2026-01-01 is 4 days before the order date 2026-01-05
        Arguments.of("po: expected before ordered", ERP_PURCHASE_ORDERS,
            po("expected_date", LocalDate.of(2026, 1, 1)),
            List.of("expected_date 2026-01-01", "before order_date 2026-01-05")),
        Arguments.of("po: received without received_date", ERP_PURCHASE_ORDERS,
            po("status", "received"),
            List.of("status is 'received'", "received_date is missing")),
        Arguments.of("po: quantity 0", ERP_PURCHASE_ORDERS, po("quantity", 0.0),
            List.of("quantity must be > 0", "0.0")),
        Arguments.of("po: blank po_id", ERP_PURCHASE_ORDERS, po("po_id", ""),
            List.of("po_id is missing or blank")),
        Arguments.of("po: NULL order_date", ERP_PURCHASE_ORDERS, po("order_date", null),
            List.of("order_date is missing")),
        // iot_readings
        Arguments.of("reading: temperature 95 C", IOT_READINGS, reading("value", 95.0),
            List.of("temperature_c", "95.0", "-90..70")),
        Arguments.of("reading: temperature -91 C", IOT_READINGS, reading("value", -91.0),
            List.of("temperature_c", "-91.0")),
        Arguments.of("reading: NaN value", IOT_READINGS, reading("value", Double.NaN),
            List.of("value is not a finite number", "NaN")),
        Arguments.of("reading: NULL value", IOT_READINGS, reading("value", null),
            List.of("value is missing")),
        Arguments.of("reading: NULL ts", IOT_READINGS, reading("ts", null),
            List.of("ts is missing")),
        Arguments.of("reading: blank metric", IOT_READINGS, reading("metric", ""),
            List.of("metric is missing or blank")),
        // logistics_shipments: delivered 2001-06-01, 9 days before it was shipped on 2001-06-10
        Arguments.of("shipment: delivered before shipped", LOGISTICS_SHIPMENTS,
            shipment("ship_date", LocalDate.of(2001, 6, 10), "delivered_date", LocalDate.of(2001, 6, 1)),
            List.of("delivered_date 2001-06-01", "before ship_date 2001-06-10")),
        Arguments.of("shipment: negative quantity", LOGISTICS_SHIPMENTS, shipment("quantity", -5.0),
            List.of("quantity must be >= 0", "-5.0")),
        Arguments.of("shipment: blank supplier", LOGISTICS_SHIPMENTS, shipment("supplier", " "),
            List.of("supplier is missing or blank")),
        Arguments.of("shipment: blank shipment_id", LOGISTICS_SHIPMENTS, shipment("shipment_id", null),
            List.of("shipment_id is missing or blank")),
        // plausibility against RULES: as of 2026-06-30, floor 1980-01-01, 1e8 units, 1e7
        // currency, 730 days
        Arguments.of("sales: dated after the as-of date", ERP_SALES,
            sale("date", LocalDate.of(2030, 1, 5)),
            List.of("date 2030-01-05", "after the run's as-of date 2026-06-30", "--as-of")),
        Arguments.of("sales: dated 9999-12-31", ERP_SALES,
            sale("date", LocalDate.of(9999, 12, 31)), List.of("date 9999-12-31", "after")),
        Arguments.of("sales: dated before the floor", ERP_SALES,
            sale("date", LocalDate.of(1900, 1, 1)),
            List.of("date 1900-01-01", "before 1980-01-01", "--min-date")),
        Arguments.of("sales: epoch sentinel 1970-01-01", ERP_SALES,
            sale("date", LocalDate.of(1970, 1, 1)), List.of("1970-01-01", "--min-date")),
        Arguments.of("sales: quantity 1e18", ERP_SALES, sale("quantity", 1e18),
            List.of("quantity 1.0E18", "above the ceiling of 100000000", "--max-quantity")),
        Arguments.of("sales: unit_price 1e9", ERP_SALES, sale("unit_price", 1e9),
            List.of("unit_price 1.0E9", "--max-price")),
        Arguments.of("sales: negative unit_price", ERP_SALES, sale("unit_price", -1.0),
            List.of("unit_price must be >= 0", "-1.0")),
        Arguments.of("items: unit_cost 1e12", ERP_ITEMS, item("unit_cost", 1e12),
            List.of("unit_cost 1.0E12", "--max-price")),
        Arguments.of("items: moq 1e9", ERP_ITEMS, item("moq", 1e9),
            List.of("moq 1.0E9", "--max-quantity")),
        Arguments.of("inventory: on_hand 1e9", ERP_INVENTORY, stock("on_hand", 1e9),
            List.of("on_hand 1.0E9", "--max-quantity")),
        Arguments.of("inventory: snapshot in the future", ERP_INVENTORY,
            stock("snapshot_date", LocalDate.of(2027, 1, 1)),
            List.of("snapshot_date 2027-01-01", "--as-of")),
        Arguments.of("po: quantity 1e18", ERP_PURCHASE_ORDERS, po("quantity", 1e18),
            List.of("quantity 1.0E18", "--max-quantity")),
        Arguments.of("po: ordered in the future", ERP_PURCHASE_ORDERS,
            po("order_date", LocalDate.of(2026, 7, 1), "expected_date", LocalDate.of(2026, 7, 9)),
            List.of("order_date 2026-07-01", "--as-of")),
        // 2026-01-05 to 9999-12-31: far more than 730 days
        Arguments.of("po: expected in 9999", ERP_PURCHASE_ORDERS,
            po("expected_date", LocalDate.of(9999, 12, 31)),
            List.of("expected_date 9999-12-31", "--max-lead-time-days")),
        Arguments.of("po: received before ordered", ERP_PURCHASE_ORDERS,
            po("status", "received", "received_date", LocalDate.of(2025, 12, 1)),
            List.of("received_date 2025-12-01", "before order_date 2026-01-05")),
        Arguments.of("reading: time stamp in the future", IOT_READINGS,
            reading("ts", LocalDateTime.of(2026, 7, 1, 0, 0)), List.of("ts 2026-07-01", "--as-of")),
        Arguments.of("shipment: 1900 to 9999", LOGISTICS_SHIPMENTS,
            shipment("ship_date", LocalDate.of(1900, 1, 1),
                "delivered_date", LocalDate.of(9999, 12, 31)),
            List.of("ship_date 1900-01-01", "--min-date")),
        Arguments.of("shipment: delivered in the future", LOGISTICS_SHIPMENTS,
            shipment("delivered_date", LocalDate.of(2027, 1, 1)),
            List.of("delivered_date 2027-01-01", "--as-of")),
        // 2001-06-01 to 2004-06-01: 1,096 days
        Arguments.of("shipment: lead time of three years", LOGISTICS_SHIPMENTS,
            shipment("delivered_date", LocalDate.of(2004, 6, 1)),
            List.of("is 1096 days", "--max-lead-time-days")),
        Arguments.of("shipment: quantity 1e12", LOGISTICS_SHIPMENTS, shipment("quantity", 1e12),
            List.of("quantity 1.0E12", "--max-quantity")));
  }

  @Test
  void givenValuesAtTheCeilingsAndDatesAtTheLimits_whenChecked_thenAccepted() {
    assertThat(RecordRules.check("erp_sales", sale("quantity", 1e8, "unit_price", 1e7), RULES))
        .isNull();
    assertThat(RecordRules.check("erp_sales", sale("date", LocalDate.of(2026, 6, 30)), RULES))
        .isNull();
    assertThat(RecordRules.check("erp_sales", sale("date", LocalDate.of(1980, 1, 1)), RULES))
        .isNull();
    // an open order may be expected after the as-of date: it is a plan
    assertThat(RecordRules.check("erp_purchase_orders",
        po("expected_date", LocalDate.of(2027, 6, 1)), RULES)).isNull();
    // exactly 730 days from ship to delivery
    assertThat(RecordRules.check("logistics_shipments",
        shipment("delivered_date", LocalDate.of(2001, 6, 1).plusDays(730)), RULES)).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRows")
  void givenBadValue_whenChecked_thenReasonNamesColumnAndValue(
      String label, TableSchema table, Row row, List<String> fragments) {
    String reason = RecordRules.check(table.name(), row, RULES);
    assertThat(reason).as(label).isNotNull();
    for (String fragment : fragments) {
      assertThat(reason).as(label).contains(fragment);
    }
  }

  // ------------------------------------------------------------------ defaults and boundaries

  @Test
  void givenItemWithNullCasePackAndMoq_whenChecked_thenValid() {
    assertThat(RecordRules.check("erp_items", item("case_pack", null, "moq", null), RULES)).isNull();
  }

  @Test
  void givenItemWithCasePack1Moq0AndNoShelfLife_whenChecked_thenValid() {
    assertThat(RecordRules.check("erp_items",
        item("case_pack", 1, "moq", 0.0, "shelf_life_days", null), RULES)).isNull();
  }

  @Test
  void givenItemWithReviewPeriodAndServiceLevelInRange_whenChecked_thenValid() {
    assertThat(RecordRules.check("erp_items",
        item("review_period_days", 1, "service_level", 0.999), RULES)).isNull();
    assertThat(RecordRules.check("erp_items",
        item("review_period_days", 14, "service_level", 0.001), RULES)).isNull();
    // NULL: continuous review, the class or run target
    assertThat(RecordRules.check("erp_items",
        item("review_period_days", null, "service_level", null), RULES)).isNull();
  }

  @Test
  void givenInventoryWithNullQuarantined_whenChecked_thenValid() {
    assertThat(RecordRules.check("erp_inventory", stock("quarantined", null), RULES)).isNull();
  }

  @Test
  void givenInventoryWithAllOnHandQuarantined_whenChecked_thenValid() {
    // the upper bound is inclusive: quarantined == on_hand
    assertThat(RecordRules.check("erp_inventory", stock("on_hand", 4.0, "quarantined", 4.0), RULES)).isNull();
  }

  @Test
  void givenSaleOfZeroUnits_whenChecked_thenValid() {
    assertThat(RecordRules.check("erp_sales", sale("quantity", 0.0), RULES)).isNull();
  }

  @Test
  void givenPurchaseOrderStatusesInAnyCase_whenChecked_thenValid() {
    assertThat(RecordRules.check("erp_purchase_orders", po("status", " OPEN "), RULES)).isNull();
    assertThat(RecordRules.check("erp_purchase_orders", po("status", "Cancelled"), RULES)).isNull();
    assertThat(RecordRules.check("erp_purchase_orders",
        po("status", "received", "received_date", DAY.plusDays(10)), RULES)).isNull();
  }

  @Test
  void givenPurchaseOrderExpectedOnOrderDayOrWithoutExpectedDate_whenChecked_thenValid() {
    assertThat(RecordRules.check("erp_purchase_orders", po("expected_date", DAY), RULES)).isNull();
    assertThat(RecordRules.check("erp_purchase_orders", po("expected_date", null), RULES)).isNull();
  }

  @Test
  void givenTemperatureAtPlausibleBounds_whenChecked_thenValid() {
    assertThat(RecordRules.check("iot_readings", reading("value", 70.0), RULES)).isNull();
    assertThat(RecordRules.check("iot_readings", reading("value", -90.0), RULES)).isNull();
  }

  @Test
  void givenOtherMetricWithLargeValue_whenChecked_thenValid() {
    // the -90..70 range applies to temperature_c only
    assertThat(RecordRules.check("iot_readings", reading("metric", "shelf_units", "value", 950.0), RULES))
        .isNull();
  }

  @Test
  void givenShipmentWithoutDatesOrDeliveredSameDay_whenChecked_thenValid() {
    assertThat(RecordRules.check("logistics_shipments",
        shipment("ship_date", null, "delivered_date", null, "quantity", null), RULES)).isNull();
    assertThat(RecordRules.check("logistics_shipments",
        shipment("ship_date", DAY, "delivered_date", DAY), RULES)).isNull();
  }

  // ------------------------------------------------------------------ isMissingQuantity

  @Test
  void givenSaleWithNullQuantityButKeyPresent_whenIsMissingQuantity_thenTrue() {
    assertThat(RecordRules.isMissingQuantity(sale("quantity", null))).isTrue();
  }

  @Test
  void givenSaleWithQuantity_whenIsMissingQuantity_thenFalse() {
    assertThat(RecordRules.isMissingQuantity(sale())).isFalse();
    assertThat(RecordRules.isMissingQuantity(sale("quantity", -2.0))).isFalse();
  }

  @Test
  void givenSaleWithNullQuantityAndNoKey_whenIsMissingQuantity_thenFalse() {
    // without sku, location and date the row cannot mark a period of a series as missing
    assertThat(RecordRules.isMissingQuantity(sale("quantity", null, "sku", " "))).isFalse();
    assertThat(RecordRules.isMissingQuantity(sale("quantity", null, "location", null))).isFalse();
    assertThat(RecordRules.isMissingQuantity(sale("quantity", null, "date", null))).isFalse();
  }

  // ------------------------------------------------------------------ unknown table

  @Test
  void givenUnknownTable_whenChecked_thenIllegalArgumentListingKnownTables() {
    assertThatThrownBy(() -> RecordRules.check("erp_salez", sale(), RULES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("erp_salez")
        .hasMessageContainingAll("erp_items", "erp_sales", "erp_inventory", "erp_purchase_orders",
            "iot_readings", "logistics_shipments");
  }

  @Test
  void givenOutputTableName_whenChecked_thenIllegalArgument() {
    assertThatThrownBy(() -> RecordRules.check("demand_forecasts", sale(), RULES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a canonical source table: demand_forecasts");
  }
}
