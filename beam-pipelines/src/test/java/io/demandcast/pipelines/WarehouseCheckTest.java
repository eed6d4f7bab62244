package io.demandcast.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.pipelines.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demandcast check} ({@link WarehouseCheck}): every problem of a warehouse in one report,
 * the exit code, and {@code run} stopping on the same report before it writes anything.
 */
class WarehouseCheckTest {
  private static final String AS_OF = "2024-12-31";

  @TempDir Path dir;

  @AfterEach
  void close() {
    DuckDbConnections.closeAll();
  }

  private static void sql(Path file, String... statements) throws Exception {
    try (Connection c = DuckDbConnections.open(file)) {
      for (String statement : statements) {
        DuckDbWarehouse.dsl(c).execute(statement);
      }
    }
  }

  /** Monthly sales of {@code sku} at {@code location}, 2023-01 to 2024-12, about 10 a month. */
  private static String monthlySales(String sku, String location) {
    List<String> rows = new ArrayList<>();
    for (int m = 0; m < 24; m++) {
      rows.add(String.format("('%s', '%s', date '%s', %d)", sku, location,
          LocalDate.of(2023, 1, 15).plusMonths(m), 8 + (m * 7) % 5));
    }
    return String.join(", ", rows);
  }

  /**
   * A warehouse of a dozen problems: erp_items missing, erp_purchase_orders without its status
   * column, two mistyped columns, and bad values of every kind in erp_sales and iot_readings.
   */
  private Path warehouseOfProblems() throws Exception {
    Path file = dir.resolve("problems.duckdb");
    sql(file,
        // no promo column: may be absent, reads as NULL
        "create table erp_sales (sku varchar, location varchar, date date, quantity integer,"
            + " unit_price double)",
        "insert into erp_sales (sku, location, date, quantity) values " + monthlySales("A", "S1")
            + ", " + monthlySales("B", "S1"),
        "insert into erp_sales values ('A', 'S1', date '2025-03-01', 9, null)", // future
        "insert into erp_sales values ('A', 'S1', date '2024-11-20', -4, null)", // negative
        "insert into erp_sales values ('B', 'S1', date '2024-11-20', 7, 2.5),"
            + " ('B', 'S1', date '2024-11-20', 7, 2.5)", // loaded twice
        "insert into erp_sales values ('B', 'S1', date '1900-01-01', 3, null)", // placeholder
        "insert into erp_sales values ('B', 'S1', date '2024-10-02', null, null)", // no quantity
        "insert into erp_sales values ('A', ' ', date '2024-10-02', 5, null)", // blank location
        "insert into erp_sales values ('A', 'S1', date '2024-09-09', 1000000, null)", // outlier
        "create table erp_inventory (sku varchar, location varchar, snapshot_date date,"
            + " on_hand varchar)", // mistyped
        "create table erp_purchase_orders (po_id varchar, sku varchar, location varchar,"
            + " quantity double, order_date date)", // no status
        "create table logistics_shipments (shipment_id varchar, supplier varchar,"
            + " ship_date varchar, delivered_date date)", // mistyped
        "create table iot_readings (sensor_id varchar, location varchar, ts timestamp,"
            + " metric varchar, value double)",
        "insert into iot_readings values ('T1', 'S1', timestamp '2024-12-01 10:00:00',"
            + " 'temperature_c', 21.5), ('T1', 'S1', timestamp '2024-12-01 11:00:00',"
            + " 'temperature_c', 500)");
    return file;
  }

  @Test
  void givenADozenProblems_whenChecked_thenOneReportNamesEveryOneAndExitIs2() throws Exception {
    Path file = warehouseOfProblems();

    CliRun.Outcome check = CliRun.execute("check", "--warehouse", file.toString(),
        "--as-of", AS_OF);

    String out = check.out();
    assertThat(check.exitCode()).as(out + check.err()).isEqualTo(2);
    assertThat(out).contains("\nTables\n", "\nColumns\n", "\nValues\n", "\nAssumptions\n");
    // tables: the missing required one, the absent optional ones none here
    assertThat(out).containsPattern("BLOCKS +erp_items +missing, and a run needs it");
    // columns: every one, not the first only
    assertThat(out)
        .contains("BLOCKS  erp_purchase_orders.status: no column status in erp_purchase_orders")
        .contains("BLOCKS  erp_inventory.on_hand: column on_hand of erp_inventory is VARCHAR;"
            + " accepted: DOUBLE, or any integer, FLOAT or DECIMAL type")
        .contains("BLOCKS  logistics_shipments.ship_date: column ship_date of logistics_shipments"
            + " is VARCHAR; accepted: DATE, or TIMESTAMP (its day is used)");
    // values, with the run's own rules and examples naming the row
    assertThat(out)
        .contains("date 2025-03-01 is after the run's as-of date 2024-12-31 (--as-of)")
        .contains("sku=A location=S1 date=2024-11-20: quantity is negative (-4.0)")
        .contains("identical to another erp_sales row")
        .contains("date 1900-01-01 is before 1980-01-01 (--min-date)")
        .contains("quantity is missing (not recorded)")
        .contains("location is missing or blank")
        .contains("quantity 1000000.0 is far outside the history of sku A at S1")
        .contains("temperature_c 500.0 is outside the physically plausible -90..70");
    // per reason, counted
    assertThat(out).contains("erp_sales: 56 rows; 7 would be rejected")
        .contains("1 x quantity is negative (…): returns are not demand");
    assertThat(out).contains("iot_readings: 2 rows; 1 would be rejected");
    // the tables that cannot be read are said not to be checked, and the missing item master
    assertThat(out).contains("erp_inventory: values not checked")
        .contains("erp_items is missing: the rows above are checked as if every SKU had its"
            + " item row");
    // assumptions
    assertThat(out).contains("erp_sales.promo absent: read as NULL: no promotion")
        .contains("as-of date 2024-12-31")
        .contains("forecast origin: the month starting 2024-12-01");
    long blocking = out.lines().filter(l -> l.startsWith("  BLOCKS")).count();
    assertThat(blocking).isEqualTo(4); // erp_items and three columns
    assertThat(out.strip()).endsWith("4 problems block a run");
  }

  @Test
  void givenTheProblems_whenRun_thenTheSameReportAndExit2BeforeAnythingIsWritten()
      throws Exception {
    Path file = warehouseOfProblems();
    byte[] before = Files.readAllBytes(file);

    CliRun.Outcome run = CliRun.execute("run", "--warehouse", file.toString(), "--as-of", AS_OF,
        "--reports", dir.resolve("reports").toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.out()).contains("\nTables\n", "\nColumns\n", "\nValues\n", "\nAssumptions\n")
        .containsPattern("BLOCKS +erp_items +missing")
        .contains("erp_purchase_orders.status", "erp_inventory.on_hand",
            "logistics_shipments.ship_date")
        .contains("./demandcast check with the same options")
        .contains("problems block a run");
    DuckDbConnections.closeAll();
    try (Connection c = DuckDbConnections.open(file)) {
      assertThat(DuckDbWarehouse.isDemandcastWarehouse(c)).as("model_runs created").isFalse();
    }
    assertThat(dir.resolve("reports")).doesNotExist();
    assertThat(before).isNotEmpty();
  }

  @Test
  void givenItemsWithGaps_whenChecked_thenCrossTableFactsNamedAndRunCanProceed()
      throws Exception {
    Path file = dir.resolve("gaps.duckdb");
    sql(file,
        "create table sales (item varchar, store varchar, day date, units bigint)",
        "insert into sales values " + monthlySales("A", "S1") + ", " + monthlySales("B", "S1")
            + ", " + monthlySales("C", "S1") + ", " + monthlySales("GHOST", "S1"),
        "create table erp_items (sku varchar, unit_cost double, holding_cost_rate double,"
            + " order_cost double, supplier varchar)",
        "insert into erp_items values ('A', 2.0, 0.2, 30, 'ACME'), ('B', 3.0, 0.2, 30, 'NOSHIP'),"
            + " ('C', 1.0, 0.2, 30, 'ACME'), ('C', 1.5, 0.2, 30, 'ACME')",
        "create table erp_inventory (sku varchar, location varchar, snapshot_date date,"
            + " on_hand double)",
        "insert into erp_inventory values ('A', 'S1', date '2024-12-31', 10),"
            + " ('A', 'S9', date '2024-12-31', 4)",
        "create table logistics_shipments (shipment_id varchar, supplier varchar,"
            + " ship_date date, delivered_date date)",
        "insert into logistics_shipments values ('SH1', 'ACME', date '2024-01-01',"
            + " date '2024-01-20')");

    CliRun.Outcome check = CliRun.execute("check", "--warehouse", file.toString(),
        "--as-of", AS_OF, "--source", "erp_sales=duckdb:" + file + "#sales",
        "--map", "erp_sales.sku=item", "--map", "erp_sales.location=store",
        "--map", "erp_sales.date=day", "--map", "erp_sales.quantity=units");

    String out = check.out();
    assertThat(check.exitCode()).as(out + check.err()).isZero();
    assertThat(out)
        .contains("1 SKU with sales is not in erp_items: its 24 sales rows would be rejected")
        .contains("e.g. GHOST")
        .contains("erp_items holds 2 rows for sku C that differ in [unit_cost]")
        .contains("24 x sku … has conflicting erp_items rows")
        .contains("1 planned item has no stock snapshot: on hand taken as 0")
        .contains("e.g. B")
        .contains("1 planned item has a supplier without a delivered shipment")
        .contains("B (supplier NOSHIP)")
        .contains("sku A has no sales at location S9")
        .contains("2 SKUs would be planned")
        .containsPattern("note +erp_purchase_orders +absent: a run reads it as empty \\(no open"
            + " orders")
        .contains("erp_items.case_pack absent: read as NULL: case pack 1")
        .contains("also absent, read as NULL (not recorded): erp_items.description,");
    assertThat(out.strip()).endsWith("ready to run");
  }

  @Test
  void givenACleanWarehouse_whenChecked_thenReadyToRunAndExit0() throws Exception {
    Path file = dir.resolve("clean.duckdb");
    DuckDbWarehouse w = DuckDbWarehouse.openWithSourceTables(file);
    List<Object[]> sales = new ArrayList<>();
    for (String sku : List.of("A", "B")) {
      for (int m = 0; m < 24; m++) {
        sales.add(new Object[] {sku, "S1", LocalDate.of(2023, 1, 15).plusMonths(m),
            8.0 + m % 3, 2.5, false, null});
      }
    }
    w.replaceSourceTable(CanonicalTables.ERP_SALES, sales);
    w.replaceSourceTable(CanonicalTables.ERP_ITEMS, List.of(
        new Object[] {"A", "a", "c1", 2.0, 0.2, 30.0, 1, 0.0, "ACME", "Truck", null, null, null,
            null},
        new Object[] {"B", "b", "c1", 3.0, 0.2, 30.0, 1, 0.0, "ACME", "Truck", null, null, null,
            null}));
    w.replaceSourceTable(CanonicalTables.ERP_INVENTORY, List.of(
        new Object[] {"A", "S1", LocalDate.of(2024, 12, 31), 10.0, 0.0, null},
        new Object[] {"B", "S1", LocalDate.of(2024, 12, 31), 12.0, 0.0, null}));
    w.replaceSourceTable(CanonicalTables.ERP_PURCHASE_ORDERS, List.<Object[]>of(
        new Object[] {"PO1", "A", "S1", 20.0, LocalDate.of(2024, 12, 1),
            LocalDate.of(2025, 1, 10), null, "open", null}));
    w.replaceSourceTable(CanonicalTables.LOGISTICS_SHIPMENTS, List.<Object[]>of(
        new Object[] {"SH1", "A", "ACME", "X", "S1", "Truck", "C", LocalDate.of(2024, 1, 1),
            LocalDate.of(2024, 1, 15), LocalDate.of(2024, 1, 14), 20.0, null}));

    CliRun.Outcome check = CliRun.execute("check", "--warehouse", file.toString(),
        "--as-of", AS_OF);

    assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
    assertThat(check.out()).doesNotContain("BLOCKS").doesNotContain("  warn ")
        .contains("erp_sales: 48 rows; none would be rejected")
        .contains("2 SKUs would be planned (2 SKU x location series) from 48 sales rows")
        .containsPattern("note +iot_readings +0 rows|ok +iot_readings +0 rows");
    assertThat(check.out().strip()).endsWith("ready to run");
  }

  @Test
  void givenAHiveSourceWhereNothingListens_whenChecked_thenItsConnectorsErrorIsListed()
      throws Exception {
    Path file = dir.resolve("w.duckdb");
    DuckDbWarehouse.openWithSourceTables(file);
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String hive = "hive://127.0.0.1:" + closedPort + "/erp.stock";

    CliRun.Outcome check = CliRun.execute("check", "--warehouse", file.toString(),
        "--source", "erp_inventory=" + hive);

    assertThat(check.exitCode()).as(check.out() + check.err()).isEqualTo(2);
    assertThat(check.out())
        .containsPattern("BLOCKS +erp_inventory +" + java.util.regex.Pattern.quote(hive))
        .contains("BLOCKS  erp_inventory: ").contains("cannot connect to HiveServer2 at 127.0.0.1:"
            + closedPort)
        // and the empty DuckDB tables: a run would forecast nothing
        .containsPattern("BLOCKS  erp_sales has no rows");
  }

  @Test
  void givenNoWarehouse_whenChecked_thenSaysHowToLoadOneAndCreatesNothing() {
    Path file = dir.resolve("none.duckdb");

    CliRun.Outcome check = CliRun.execute("check", "--warehouse", file.toString());

    assertThat(check.exitCode()).isEqualTo(2);
    assertThat(check.out()).contains("does not exist yet: ./demandcast import")
        .containsPattern("BLOCKS +erp_sales +missing, and a run needs it")
        .containsPattern("BLOCKS +erp_items +missing, and a run needs it")
        .containsPattern("note +logistics_shipments +absent: a run reads it as empty \\(no"
            + " shipments: lead time unknown, --default-lead-time-days assumed\\)")
        .contains("2 problems block a run");
    assertThat(file).doesNotExist();
  }
}
