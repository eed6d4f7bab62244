package io.demandcast.connectors.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.ColumnMapping;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DuckDbWarehouse#checkTable(String, io.demandcast.connectors.schema.TableSchema, ColumnMapping)}. */
class DuckDbColumnMappingTest {
  private static final ColumnMapping SALES_MAPPING =
      ColumnMapping.parseEntries(List.of("erp_sales.sku=item_code", "erp_sales.date=sale_day"));

  @TempDir Path dir;
  private DuckDbWarehouse warehouse;

  @BeforeEach
  void open() {
    warehouse = DuckDbWarehouse.open(dir.resolve("w.duckdb"));
  }

  @AfterEach
  void close() {
    DuckDbConnections.closeAll();
  }

  private void execute(String sql) throws Exception {
    try (Connection c = warehouse.connect()) {
      DuckDbWarehouse.dsl(c).execute(sql);
    }
  }

  @Test
  void givenRenamedColumns_whenChecked_thenEachCanonicalColumnReadsItsMappedColumn()
      throws Exception {
    execute("create table sales_history (item_code varchar, location varchar, sale_day date,"
        + " quantity double, unit_price double, promo boolean)");

    var inspection = warehouse.inspect("sales_history", CanonicalTables.ERP_SALES, SALES_MAPPING);

    assertThat(inspection.found()).containsExactly("item_code", "location", "sale_day", "quantity",
        "unit_price", "promo");
    // canonical order sku, location, date, quantity, unit_price, promo, lineage (absent: NULL)
    assertThat(inspection.sources()).containsExactly("item_code", "location", "sale_day",
        "quantity", "unit_price", "promo", null);
  }

  @Test
  void givenRenamedColumns_whenCheckedWithoutMapping_thenErrorSaysHowToMapTheColumn()
      throws Exception {
    execute("create table sales_history (item_code varchar, location varchar, sale_day date,"
        + " quantity double, unit_price double, promo boolean)");

    assertThatThrownBy(() -> warehouse.checkTable("sales_history", CanonicalTables.ERP_SALES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("table sales_history has no column sku (expected VARCHAR); found columns"
            + " [item_code, location, sale_day, quantity, unit_price, promo]; if the table holds"
            + " it under another name, map erp_sales.sku to that column");
  }

  @Test
  void givenMappedColumnOfWrongType_whenChecked_thenErrorNamesSourceAndCanonicalColumnAndTypes()
      throws Exception {
    execute("create table sales_history (item_code varchar, location varchar, sale_day varchar,"
        + " quantity double, unit_price double, promo boolean)");

    assertThatThrownBy(
            () -> warehouse.checkTable("sales_history", CanonicalTables.ERP_SALES, SALES_MAPPING))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("table sales_history column sale_day (mapped to erp_sales.date): expected"
            + " DATE, found VARCHAR (accepted: DATE, or TIMESTAMP (its day is used))");
  }

  @Test
  void givenMappedColumnMissing_whenChecked_thenErrorNamesItTheCanonicalColumnAndTheColumnsFound()
      throws Exception {
    execute("create table sales_history (item_code varchar, location varchar, day date,"
        + " quantity double, unit_price double, promo boolean)");

    assertThatThrownBy(
            () -> warehouse.checkTable("sales_history", CanonicalTables.ERP_SALES, SALES_MAPPING))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("table sales_history has no column sale_day (mapped to erp_sales.date,"
            + " expected DATE); found columns [item_code, location, day, quantity, unit_price,"
            + " promo]; fix the column mapping or the table");
  }

  @Test
  void givenMappedColumnThatMayBeAbsent_whenMissing_thenFailsButUnmappedItMayStillBeAbsent()
      throws Exception {
    execute("create table items_v1 (sku varchar, description varchar, category varchar,"
        + " unit_cost double, holding_cost_rate double, order_cost double, case_pack int,"
        + " moq double, supplier varchar, ship_mode varchar, shelf_life_days int)");

    // unmapped, review_period_days, service_level and lineage may be absent (they read as NULL)
    assertThat(warehouse.inspect("items_v1", CanonicalTables.ERP_ITEMS, ColumnMapping.IDENTITY)
        .sources()).endsWith(null, null, null);
    // mapped, the column was asked for explicitly: its absence is an error, not a NULL
    ColumnMapping mapped = ColumnMapping.parseEntries(List.of("erp_items.service_level=target"));
    assertThatThrownBy(() -> warehouse.checkTable("items_v1", CanonicalTables.ERP_ITEMS, mapped))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("table items_v1 has no column target (mapped to"
            + " erp_items.service_level, expected DOUBLE); found columns [sku, description,");
  }

  @Test
  void givenColumnsSpelledWithOtherCaseOrSpaces_whenChecked_thenMatchedAsDuckDbMatchesThem()
      throws Exception {
    execute("create table sales_history (\"Item Code\" varchar, LOCATION varchar,"
        + " \"Sale_Day\" date, quantity double, unit_price double, promo boolean)");
    ColumnMapping mapping = ColumnMapping.parseEntries(
        List.of("erp_sales.sku=item code", "erp_sales.date=sale_day"));

    var sources = warehouse.inspect("sales_history", CanonicalTables.ERP_SALES, mapping).sources();

    // the names as the table spells them, which the read then quotes
    assertThat(sources.subList(0, 3)).containsExactly("Item Code", "LOCATION", "Sale_Day");
    assertThat(sources.get(6)).as("lineage").isNull();
  }
}
