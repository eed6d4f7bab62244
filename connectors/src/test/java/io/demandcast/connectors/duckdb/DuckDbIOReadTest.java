package io.demandcast.connectors.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.ColumnMapping;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** DuckDbIO's read of a table in row-id ranges: every row once, whatever the gaps. */
class DuckDbIOReadTest {
  private static final int ROWS = 2345;

  @RegisterExtension final TestPipelineExtension pipelines = TestPipelineExtension.create();

  @TempDir Path dir;
  private Path file;
  private DuckDbWarehouse warehouse;

  @BeforeEach
  void load() throws Exception {
    file = dir.resolve("w.duckdb");
    warehouse = DuckDbWarehouse.open(file);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      rows.add(new Object[] {"SKU" + i, "DC1", LocalDate.of(2025, 1, 6), (double) i, null, null, null});
    }
    warehouse.replaceSourceTable(CanonicalTables.ERP_SALES, rows);
    try (Connection c = warehouse.connect()) {
      // gaps in the row ids: every seventh row deleted
      DuckDbWarehouse.dsl(c).execute("delete from erp_sales where quantity % 7 = 0");
      DuckDbWarehouse.dsl(c).execute("create view sales_view as select * from erp_sales");
    }
  }

  @AfterEach
  void close() {
    DuckDbConnections.closeAll();
  }

  private static List<String> expectedSkus() {
    List<String> skus = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      if (i % 7 != 0) {
        skus.add("SKU" + i);
      }
    }
    return skus;
  }

  @Test
  void givenTableWithGaps_whenRangesAreAsked_thenTheyAreContiguousAndCoverEveryRowId() throws Exception {
    List<long[]> ranges = warehouse.rowidRanges("erp_sales", 300);
    long remaining = ROWS - (ROWS + 6) / 7;
    assertThat(ranges).hasSize((int) ((remaining + 299) / 300));
    long minRowid;
    long maxRowid;
    try (Connection c = warehouse.connect()) {
      var dsl = DuckDbWarehouse.dsl(c);
      minRowid = ((Number) dsl.fetchValue("select min(rowid) from erp_sales")).longValue();
      maxRowid = ((Number) dsl.fetchValue("select max(rowid) from erp_sales")).longValue();
    }
    assertThat(ranges.get(0)[0]).isEqualTo(minRowid);
    assertThat(ranges.get(ranges.size() - 1)[1]).isEqualTo(maxRowid + 1);
    for (int i = 1; i < ranges.size(); i++) {
      assertThat(ranges.get(i)[0]).isEqualTo(ranges.get(i - 1)[1]);
      assertThat(ranges.get(i)[1]).isGreaterThan(ranges.get(i)[0]);
    }
  }

  @Test
  void givenSmallTableOrView_whenRangesAreAsked_thenOneWholeRelationRange() {
    assertThat(warehouse.rowidRanges("erp_sales", 1_000_000)).singleElement()
        .satisfies(r -> assertThat(r).isEmpty());
    assertThat(warehouse.rowidRanges("sales_view", 10)).singleElement()
        .satisfies(r -> assertThat(r).isEmpty());
    assertThatThrownBy(() -> warehouse.rowidRanges("erp_sales", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rowsPerRange must be >= 1");
  }

  @Test
  void givenTableReadInRanges_whenCollected_thenEveryRowArrivesExactlyOnceAndNothingIsPrinted(
      TestPipeline p) {
    PCollection<Row> rows = p.apply(DuckDbIO.read(file, "erp_sales", CanonicalTables.ERP_SALES, 100));
    PAssert.that(rows.apply(MapElements.into(TypeDescriptors.strings()).via(r -> r.getString("sku"))))
        .containsInAnyOrder(expectedSkus());
    java.io.PrintStream stdout = System.out;
    var printed = new java.io.ByteArrayOutputStream();
    try {
      // Beam's JdbcIO prints a line ("null") per connection for a query it parses for lineage
      System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
      p.run().waitUntilFinish();
    } finally {
      System.setOut(stdout);
    }
    assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void givenView_whenRead_thenEveryRowArrivesOnce(TestPipeline p) {
    PCollection<Row> rows = p.apply(DuckDbIO.read(file, "sales_view", CanonicalTables.ERP_SALES, 100));
    PAssert.that(rows.apply(MapElements.into(TypeDescriptors.strings()).via(r -> r.getString("sku"))))
        .containsInAnyOrder(expectedSkus());
    p.run().waitUntilFinish();
  }

  @Test
  void givenNarrowerNumericTypesAndTimestamps_whenRead_thenWidenedToTheCanonicalTypes(
      TestPipeline p) throws Exception {
    try (Connection c = warehouse.connect()) {
      var dsl = DuckDbWarehouse.dsl(c);
      // the user's own table: INTEGER quantity, DECIMAL price, TIMESTAMP day, no promo column
      dsl.execute("create table my_sales (sku varchar, location varchar, date timestamp,"
          + " quantity integer, unit_price decimal(9, 2), lineage varchar)");
      dsl.execute("insert into my_sales values ('A', 'DC1', timestamp '2025-01-06 00:00:00', 3,"
          + " 2.50, null), ('B', 'DC1', timestamp '2025-01-07 14:30:00', 40000, 0.25, null)");
    }
    PCollection<Row> rows = p.apply(DuckDbIO.read(file, "my_sales", CanonicalTables.ERP_SALES));
    PAssert.that(rows.apply(MapElements.into(TypeDescriptors.strings()).via(r ->
            r.getString("sku") + " " + r.getLogicalTypeValue("date", LocalDate.class) + " "
                + r.getDouble("quantity") + " " + r.getDouble("unit_price") + " "
                + r.getBoolean("promo"))))
        .containsInAnyOrder("A 2025-01-06 3.0 2.5 null", "B 2025-01-07 40000.0 0.25 null");
    p.run().waitUntilFinish();
  }

  @Test
  void givenTextQuantity_whenChecked_thenRefusedNamingTheAcceptedTypes() throws Exception {
    try (Connection c = warehouse.connect()) {
      DuckDbWarehouse.dsl(c).execute("create table text_sales (sku varchar, location varchar,"
          + " date date, quantity varchar, unit_price double, promo boolean)");
    }
    assertThatThrownBy(() -> warehouse.checkTable("text_sales", CanonicalTables.ERP_SALES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column quantity: expected DOUBLE, found VARCHAR")
        .hasMessageContaining("accepted: DOUBLE, or any integer, FLOAT or DECIMAL type");
  }

  @Test
  void givenNoStockTable_whenRead_thenNoRows(TestPipeline p) {
    // erp_inventory may be absent: a run without stock reads it as a table without rows
    PCollection<Row> rows =
        p.apply(DuckDbIO.read(file, "erp_inventory", CanonicalTables.ERP_INVENTORY));
    PAssert.that(rows).empty();
    p.run().waitUntilFinish();
    assertThat(warehouse.hasTable("erp_inventory")).isFalse(); // and it is not created
  }

  @Test
  void givenNoItemsTable_whenReadIsBuilt_thenRefused(TestPipeline p) {
    p.enableAbandonedNodeEnforcement(false);
    // erp_items may not: without it every sale would be rejected
    assertThatThrownBy(
            () -> p.apply(DuckDbIO.read(file, "erp_items", CanonicalTables.ERP_ITEMS)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("table erp_items does not exist");
    // nor a table named otherwise: a wrong name is no absent table
    assertThatThrownBy(
            () -> p.apply(DuckDbIO.read(file, "stock", CanonicalTables.ERP_INVENTORY)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("table stock does not exist");
  }

  @Test
  void givenOwnTable_whenReadInProcess_thenRowsInOrderWidenedAndMapped() throws Exception {
    try (Connection c = warehouse.connect()) {
      var dsl = DuckDbWarehouse.dsl(c);
      dsl.execute("create table own (item varchar, store varchar, day timestamp, units integer)");
      dsl.execute("insert into own values ('B', 'S1', timestamp '2025-01-07 14:30:00', 4),"
          + " ('A', 'S2', timestamp '2025-01-06 00:00:00', 3), ('A', 'S1', null, null)");
    }
    ColumnMapping mapping = ColumnMapping.parseEntries(List.of("erp_sales.sku=item",
        "erp_sales.location=store", "erp_sales.date=day", "erp_sales.quantity=units"));
    List<String> read = new ArrayList<>();
    long n = DuckDbIO.forEachRow(file, "own", CanonicalTables.ERP_SALES, mapping,
        List.of("sku", "location"), r -> read.add(r.getString("sku") + " "
            + r.getString("location") + " " + r.getLogicalTypeValue("date", LocalDate.class)
            + " " + r.getDouble("quantity") + " " + r.getDouble("unit_price")));
    assertThat(n).isEqualTo(3);
    assertThat(read).containsExactly("A S1 null null null", "A S2 2025-01-06 3.0 null",
        "B S1 2025-01-07 4.0 null");
  }
}
