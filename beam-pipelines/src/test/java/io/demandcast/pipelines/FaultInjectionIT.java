package io.demandcast.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.connectors.demo.DemoDataset;
import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.connectors.testing.TableRows;
import io.demandcast.pipelines.cli.CliRun;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection, planted rows: what a hostile or careless source system can put in each source
 * table must land in {@code rejected_records} with its reason and move no other output.
 *
 * <p>The warehouse holds the demo input ({@link DemoDataset}) for every eighth part (335 of
 * 2,674). A clean run ({@code clean}) is followed, in the same warehouse, by a run ({@code
 * hostile}) after {@link #PLANTS} (58 kinds, 59 rows, across the six source tables: dates in the
 * future, before the floor and in a period not yet complete, ceilings, NaN and infinities, blank
 * keys, unknown SKUs in every table, conflicting and duplicated keys, a sale far outside its
 * series, stock and orders where nothing is planned) were inserted with SQL. Every planted row is
 * rejected, so the hostile run's forecasts, accuracy, recommendations and policy simulation must
 * equal the clean run's, and its rejected records must be the clean run's plus one per planted row,
 * each with the planted reason. The run also proves its own accounting: per source, rows read =
 * used + rejected (the job fails otherwise), and rows read = the table's row count.
 */
class FaultInjectionIT {
  @TempDir static Path dir;
  private static Path warehouseFile;
  private static CliRun.Outcome hostile;
  private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

  /** The SKU the sale-level plants use (the kept part with the most positive sales). */
  private static String sku;
  private static String location;

  /**
   * One kind of hostile input.
   *
   * @param kind its name, also the {@code lineage} marker {@code planted:<kind>} of its rows
   * @param table the source table its rows go to
   * @param rows rows it inserts
   * @param reason a fragment every rejection of its rows must contain
   * @param sql the insert; {@code $SKU}, {@code $LOC} and {@code $MARK} are replaced
   */
  record Plant(String kind, String table, int rows, String reason, String sql) {
    String marker() {
      return "planted:" + kind;
    }
  }

  private static Plant sale(String kind, String reason, String values) {
    return new Plant(kind, "erp_sales", 1, reason,
        "insert into erp_sales (sku, location, date, quantity, unit_price, lineage) values "
            + values);
  }

  private static Plant item(String kind, String reason, String values) {
    return new Plant(kind, "erp_items", 1, reason,
        "insert into erp_items (sku, unit_cost, holding_cost_rate, order_cost, case_pack, moq,"
            + " shelf_life_days, service_level, lineage) values " + values);
  }

  private static Plant stock(String kind, String reason, String values) {
    return new Plant(kind, "erp_inventory", 1, reason,
        "insert into erp_inventory (sku, location, snapshot_date, on_hand, quarantined, lineage)"
            + " values " + values);
  }

  private static Plant po(String kind, String reason, String values) {
    return new Plant(kind, "erp_purchase_orders", 1, reason,
        "insert into erp_purchase_orders (po_id, sku, location, quantity, order_date,"
            + " expected_date, received_date, status, lineage) values " + values);
  }

  private static Plant reading(String kind, String reason, String values) {
    return new Plant(kind, "iot_readings", 1, reason,
        "insert into iot_readings (sensor_id, location, ts, metric, value, lineage) values "
            + values);
  }

  private static Plant shipment(String kind, String reason, String values) {
    return new Plant(kind, "logistics_shipments", 1, reason,
        "insert into logistics_shipments (shipment_id, supplier, mode, ship_date, delivered_date,"
            + " quantity, lineage) values " + values);
  }

  private static final String NOT_PLANTED = "coalesce(lineage, '') not like 'planted:%'";

  /** The planted rows; each SQL's values name {@code $MARK} as their lineage. */
  static final List<Plant> PLANTS = List.of(
      // erp_sales
      sale("sale-2030", "after the run's as-of date",
          "('$SKU', '$LOC', date '2030-01-15', 3, null, '$MARK')"),
      sale("sale-9999", "after the run's as-of date",
          "('$SKU', '$LOC', date '9999-12-31', 3, null, '$MARK')"),
      sale("sale-1900", "--min-date", "('$SKU', '$LOC', date '1900-01-01', 3, null, '$MARK')"),
      sale("sale-epoch", "--min-date", "('$SKU', '$LOC', date '1970-01-01', 3, null, '$MARK')"),
      sale("sale-1e18", "--max-quantity",
          "('$SKU', '$LOC', date '2001-06-01', 1e18, null, '$MARK')"),
      sale("sale-negative", "returns are not demand",
          "('$SKU', '$LOC', date '2001-06-01', -5, null, '$MARK')"),
      sale("sale-nan", "not a finite number",
          "('$SKU', '$LOC', date '2001-06-01', 'nan'::double, null, '$MARK')"),
      sale("sale-infinite", "not a finite number",
          "('$SKU', '$LOC', date '2001-06-01', 'inf'::double, null, '$MARK')"),
      sale("sale-price-1e12", "--max-price",
          "('$SKU', '$LOC', date '2001-06-01', 2, 1e12, '$MARK')"),
      sale("sale-price-negative", "unit_price must be >= 0",
          "('$SKU', '$LOC', date '2001-06-01', 2, -3, '$MARK')"),
      sale("sale-blank-sku", "sku is missing or blank",
          "('  ', '$LOC', date '2001-06-01', 2, null, '$MARK')"),
      sale("sale-blank-location", "location is missing or blank",
          "('$SKU', '', date '2001-06-01', 2, null, '$MARK')"),
      sale("sale-unknown-sku", "is not in erp_items",
          "('NOPE-1', '$LOC', date '2001-06-01', 2, null, '$MARK')"),
      sale("sale-far-outside", "far outside the history",
          "('$SKU', '$LOC', date '2001-06-02', 500000, null, '$MARK')"),
      sale("sale-today", "the forecast origin is the period starting 2002-03-01",
          "('$SKU', '$LOC', date '" + TODAY + "', 2, null, '$MARK')"),
      sale("sale-stray-2010", "holds 1 sales rows against a median",
          "('$SKU', '$LOC', date '2010-11-15', 2, null, '$MARK')"),
      new Plant("sale-copy", "erp_sales", 1, "loaded twice",
          "insert into erp_sales select * from erp_sales where sku = '$SKU' and quantity > 0"
              + " and " + NOT_PLANTED + " order by date limit 1"),
      // erp_items (new SKUs, so that a rejected item changes nothing else)
      new Plant("item-conflict", "erp_items", 2, "differ in [unit_cost, lineage]",
          "insert into erp_items (sku, unit_cost, holding_cost_rate, order_cost, lineage) values"
              + " ('PLANTED-CONFLICT', 10, 0.2, 50, '$MARK'),"
              + " ('PLANTED-CONFLICT', 999999, 0.2, 50, '$MARK-b')"),
      sale("item-conflict-sale", "conflicting erp_items rows",
          "('PLANTED-CONFLICT', '$LOC', date '2001-06-01', 2, null, '$MARK')"),
      new Plant("item-copy", "erp_items", 1, "loaded twice",
          "insert into erp_items select * from erp_items where sku = '$SKU' and " + NOT_PLANTED),
      item("item-unit-cost-0", "unit_cost must be > 0",
          "('PLANTED-1', 0, 0.2, 50, 1, 0, null, null, '$MARK')"),
      item("item-unit-cost-1e12", "--max-price",
          "('PLANTED-2', 1e12, 0.2, 50, 1, 0, null, null, '$MARK')"),
      item("item-holding-negative", "holding_cost_rate must be >= 0",
          "('PLANTED-3', 10, -1, 50, 1, 0, null, null, '$MARK')"),
      item("item-order-cost-nan", "order_cost must be >= 0",
          "('PLANTED-4', 10, 0.2, 'nan'::double, 1, 0, null, null, '$MARK')"),
      item("item-case-pack-0", "case_pack must be >= 1",
          "('PLANTED-5', 10, 0.2, 50, 0, 0, null, null, '$MARK')"),
      item("item-moq-negative", "moq must be >= 0",
          "('PLANTED-6', 10, 0.2, 50, 1, -1, null, null, '$MARK')"),
      item("item-moq-1e12", "--max-quantity",
          "('PLANTED-7', 10, 0.2, 50, 1, 1e12, null, null, '$MARK')"),
      item("item-service-level-1.5", "service_level must be in (0, 1)",
          "('PLANTED-8', 10, 0.2, 50, 1, 0, null, 1.5, '$MARK')"),
      item("item-shelf-life-0", "shelf_life_days must be >= 1",
          "('PLANTED-9', 10, 0.2, 50, 1, 0, 0, null, '$MARK')"),
      item("item-blank-sku", "sku is missing or blank",
          "('', 10, 0.2, 50, 1, 0, null, null, '$MARK')"),
      item("item-unit-cost-missing", "unit_cost is missing",
          "('PLANTED-10', null, 0.2, 50, 1, 0, null, null, '$MARK')"),
      // erp_inventory
      stock("stock-unknown-sku", "is not in erp_items",
          "('NOPE-2', '$LOC', date '2002-03-31', 5, null, '$MARK')"),
      stock("stock-1e9", "--max-quantity",
          "('$SKU', '$LOC', date '2002-03-31', 1e9, null, '$MARK')"),
      stock("stock-negative", "on_hand must be >= 0",
          "('$SKU', '$LOC', date '2002-03-31', -1, null, '$MARK')"),
      stock("stock-2031", "after the run's as-of date",
          "('$SKU', '$LOC', date '2031-01-01', 5, null, '$MARK')"),
      stock("stock-1900", "--min-date", "('$SKU', '$LOC', date '1900-01-01', 5, null, '$MARK')"),
      stock("stock-quarantine-above-on-hand", "quarantined must be between 0 and on_hand",
          "('$SKU', '$LOC', date '2002-03-31', 5, 9, '$MARK')"),
      stock("stock-nowhere", "no sales at location NOWHERE",
          "('$SKU', 'NOWHERE', date '2002-03-31', 5, null, '$MARK')"),
      new Plant("stock-copy", "erp_inventory", 1, "loaded twice",
          "insert into erp_inventory select * from erp_inventory where sku = '$SKU' and "
              + NOT_PLANTED + " limit 1"),
      // erp_purchase_orders
      po("po-1e18", "--max-quantity",
          "('PX1', '$SKU', '$LOC', 1e18, date '2002-03-01', date '2002-04-01', null, 'open',"
              + " '$MARK')"),
      po("po-unknown-sku", "is not in erp_items",
          "('PX2', 'NOPE-3', '$LOC', 5, date '2002-03-01', date '2002-04-01', null, 'open',"
              + " '$MARK')"),
      po("po-status-pending", "status must be one of",
          "('PX3', '$SKU', '$LOC', 5, date '2002-03-01', date '2002-04-01', null, 'pending',"
              + " '$MARK')"),
      po("po-expected-9999", "--max-lead-time-days",
          "('PX4', '$SKU', '$LOC', 5, date '2002-03-01', date '9999-12-31', null, 'open',"
              + " '$MARK')"),
      po("po-ordered-2031", "after the run's as-of date",
          "('PX5', '$SKU', '$LOC', 5, date '2031-03-01', date '2031-04-01', null, 'open',"
              + " '$MARK')"),
      po("po-received-undated", "received_date is missing",
          "('PX6', '$SKU', '$LOC', 5, date '2002-03-01', date '2002-04-01', null, 'received',"
              + " '$MARK')"),
      po("po-nowhere", "no sales at location NOWHERE",
          "('PX7', '$SKU', 'NOWHERE', 5, date '2002-03-01', date '2002-04-01', null, 'open',"
              + " '$MARK')"),
      po("po-blank-id", "po_id is missing or blank",
          "(' ', '$SKU', '$LOC', 5, date '2002-03-01', date '2002-04-01', null, 'open',"
              + " '$MARK')"),
      // iot_readings
      reading("reading-500C", "physically plausible",
          "('s-x', '$LOC', timestamp '2013-08-01 10:00:00', 'temperature_c', 500, '$MARK')"),
      reading("reading-2031", "after the run's as-of date",
          "('s-x', '$LOC', timestamp '2031-08-01 10:00:00', 'temperature_c', 20, '$MARK')"),
      reading("reading-1900", "--min-date",
          "('s-x', '$LOC', timestamp '1900-01-01 00:00:00', 'temperature_c', 20, '$MARK')"),
      reading("reading-nan", "not a finite number",
          "('s-x', '$LOC', timestamp '2013-08-01 10:00:00', 'temperature_c', 'nan'::double,"
              + " '$MARK')"),
      reading("reading-blank-metric", "metric is missing or blank",
          "('s-x', '$LOC', timestamp '2013-08-01 10:00:00', '', 20, '$MARK')"),
      // logistics_shipments
      shipment("shipment-1900-to-9999", "--min-date",
          "('SX1', 'V1', 'Air', date '1900-01-01', date '9999-12-31', 10, '$MARK')"),
      shipment("shipment-backwards", "before ship_date",
          "('SX2', 'V1', 'Air', date '2010-06-10', date '2010-06-01', 10, '$MARK')"),
      shipment("shipment-3000-days", "--max-lead-time-days",
          "('SX3', 'V1', 'Air', date '2000-01-01', date '2008-03-19', 10, '$MARK')"),
      shipment("shipment-1e15", "--max-quantity",
          "('SX4', 'V1', 'Air', date '2010-06-01', date '2010-06-10', 1e15, '$MARK')"),
      shipment("shipment-blank-supplier", "supplier is missing or blank",
          "('SX5', ' ', 'Air', date '2010-06-01', date '2010-06-10', 10, '$MARK')"),
      shipment("shipment-delivered-2030", "after the run's as-of date",
          "('SX6', 'V1', 'Air', date '2010-06-01', date '2030-06-10', 10, '$MARK')"));

  @BeforeAll
  static void cleanRunThenHostileRun() throws SQLException {
    warehouseFile = dir.resolve("faults.duckdb");
    DuckDbWarehouse warehouse = DuckDbWarehouse.open(warehouseFile);
    DemoDataset.Result demo = DemoDataset.read();
    TableSchema items = CanonicalTables.ERP_ITEMS;
    List<String> skus = demo.tables().get(items).stream()
        .map(r -> (String) r[items.columnNames().indexOf("sku")]).sorted().toList();
    Set<String> kept = new TreeSet<>();
    for (int i = 0; i < skus.size(); i += 8) {
      kept.add(skus.get(i));
    }
    for (var table : demo.tables().entrySet()) {
      TableSchema schema = table.getKey();
      List<Object[]> rows = table.getValue();
      if (schema.columnNames().contains("sku") && !schema.equals(CanonicalTables.IOT_READINGS)
          && !schema.equals(CanonicalTables.LOGISTICS_SHIPMENTS)) {
        int col = schema.columnNames().indexOf("sku");
        rows = rows.stream().filter(r -> kept.contains((String) r[col])).toList();
      }
      warehouse.replaceSourceTable(schema, rows);
    }
    run("clean");
    try (Connection c = warehouse.connect(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("select sku, location from erp_sales where quantity > 0"
          + " group by sku, location order by count(*) desc, sku limit 1")) {
        rs.next();
        sku = rs.getString(1);
        location = rs.getString(2);
      }
      for (Plant plant : PLANTS) {
        s.execute(plant.sql().replace("$SKU", sku).replace("$LOC", location)
            .replace("$MARK", plant.marker()));
      }
    }
    hostile = run("hostile");
  }

  private static CliRun.Outcome run(String runId) {
    CliRun.Outcome outcome = CliRun.execute("run", "--warehouse", warehouseFile.toString(),
        "--run-id", runId, "--reports", dir.resolve("reports").toString());
    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    return outcome;
  }

  @AfterAll
  static void close() {
    DuckDbConnections.closeAll();
  }

  private static List<List<Object>> rows(String sql) throws SQLException {
    try (Connection c = DuckDbWarehouse.attach(warehouseFile).connect()) {
      return TableRows.rows(c, sql);
    }
  }

  private static long count(String sql) throws SQLException {
    return ((Number) rows(sql).get(0).get(0)).longValue();
  }

  @Test
  void plantsCoverEverySourceTableWithAtLeastFiftyKinds() {
    assertThat(PLANTS).hasSizeGreaterThanOrEqualTo(50);
    assertThat(PLANTS.stream().map(Plant::table).distinct())
        .containsExactlyInAnyOrderElementsOf(
            CanonicalTables.SOURCES.stream().map(TableSchema::name).toList());
  }

  @TestFactory
  Stream<DynamicTest> eachPlantedRowIsRejectedWithItsReason() {
    return PLANTS.stream().map(plant -> DynamicTest.dynamicTest(plant.kind(), () -> {
      List<List<Object>> rejected;
      if (plant.sql().startsWith("insert into " + plant.table() + " select")) {
        // a copy of an existing row: found by its reason, since its payload is the original's
        rejected = rows("select reason from rejected_records where run_id = 'hostile'"
            + " and source = '" + plant.table() + "' and reason like '%loaded twice%'");
      } else {
        rejected = rows("select reason from rejected_records where run_id = 'hostile'"
            + " and source = '" + plant.table() + "' and payload like '%" + plant.marker()
            + "%'");
      }
      assertThat(rejected).as(plant.kind()).hasSize(plant.rows())
          .allSatisfy(r -> assertThat((String) r.get(0)).contains(plant.reason()));
    }));
  }

  @Test
  void hostileRunRejectsExactlyTheCleanRunsRowsPlusThePlantedOnes() throws SQLException {
    long planted = PLANTS.stream().mapToLong(Plant::rows).sum();
    assertThat(count("select count(*) from rejected_records where run_id = 'hostile'"))
        .isEqualTo(count("select count(*) from rejected_records where run_id = 'clean'")
            + planted);
    // the clean run's rejections, each still there with the same reason
    assertThat(count("select count(*) from (select source, payload, reason, occurrence from"
        + " rejected_records where run_id = 'clean' except all select source, payload, reason,"
        + " occurrence from rejected_records where run_id = 'hostile')")).isZero();
  }

  @Test
  void hostileRunsOtherOutputsEqualTheCleanRuns() throws SQLException {
    for (TableSchema table : List.of(CanonicalTables.DEMAND_FORECASTS,
        CanonicalTables.FORECAST_EXPLANATIONS, CanonicalTables.FORECAST_ACCURACY,
        CanonicalTables.INVENTORY_RECOMMENDATIONS,
        CanonicalTables.POLICY_SIMULATION)) {
      String columns = String.join(", ", table.columnNames().stream()
          .filter(c -> !c.equals("run_id")).toList());
      List<List<Object>> clean = TableRows.sorted(rows("select " + columns + " from "
          + table.name() + " where run_id = 'clean'"));
      List<List<Object>> planted = TableRows.sorted(rows("select " + columns + " from "
          + table.name() + " where run_id = 'hostile'"));
      assertThat(clean).as(table.name()).isNotEmpty();
      TableRows.assertSameRows(table.name(), clean, planted, 1e-9);
    }
  }

  @Test
  void summaryAccountsForEverySourceRow() throws SQLException {
    Pattern line = Pattern.compile(
        "^\\s+(\\w+)\\s+([\\d,]+) = +([\\d,]+) \\+ ([\\d,]+)$", Pattern.MULTILINE);
    Matcher m = line.matcher(hostile.out());
    Map<String, long[]> accounts = new LinkedHashMap<>();
    while (m.find()) {
      accounts.put(m.group(1), new long[] {num(m.group(2)), num(m.group(3)), num(m.group(4))});
    }
    assertThat(accounts.keySet()).as(hostile.out()).containsExactlyInAnyOrderElementsOf(
        CanonicalTables.SOURCES.stream().map(TableSchema::name).toList());
    List<String> problems = new ArrayList<>();
    for (var e : accounts.entrySet()) {
      long[] a = e.getValue();
      long tableRows = count("select count(*) from " + e.getKey());
      if (a[0] != a[1] + a[2] || a[0] != tableRows) {
        problems.add(e.getKey() + ": read " + a[0] + ", used " + a[1] + ", rejected " + a[2]
            + ", rows in the table " + tableRows);
      }
      assertThat(a[2]).as(e.getKey() + " rejected").isEqualTo(count(
          "select count(*) from rejected_records where run_id = 'hostile' and source = '"
              + e.getKey() + "'"));
    }
    assertThat(problems).isEmpty();
    assertThat(hostile.out()).contains("forecast origin: the period starting 2002-03-01");
  }

  private static long num(String text) {
    return Long.parseLong(text.replace(",", ""));
  }
}
