package io.demandcast.connectors.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.connectors.duckdb.DuckDbSchemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.schemas.Schema;
import org.junit.jupiter.api.Test;

class CanonicalTablesTest {

  @Test
  void givenCommittedDuckDbDdl_whenComparedWithTheSchemaInCode_thenTheyAreEqual() throws IOException {
    // sql/duckdb/tables.sql is committed for analysts; it must be exactly what the code creates.
    String committed =
        Files.readString(Path.of("..", "sql", "duckdb", "tables.sql"), StandardCharsets.UTF_8);
    assertThat(committed)
        .as("sql/duckdb/tables.sql is stale: regenerate it with ./demandcast ddl > sql/duckdb/tables.sql")
        .isEqualTo(DuckDbSchemas.ddlScript());
  }

  @Test
  void givenDesignDocTables_whenListed_thenEveryCanonicalTableIsDefined() {
    assertThat(CanonicalTables.ALL)
        .extracting(TableSchema::name)
        .containsExactly(
            "erp_items", "erp_sales", "erp_inventory", "erp_purchase_orders", "iot_readings",
            "logistics_shipments", "model_runs", "demand_forecasts", "forecast_explanations",
            "forecast_accuracy",
            "inventory_recommendations", "policy_simulation", "rejected_records");
  }

  @Test
  void givenSourceTables_whenInspected_thenEachEndsWithNullableLineage() {
    for (TableSchema table : CanonicalTables.SOURCES) {
      List<Column> columns = table.columns();
      Column last = columns.get(columns.size() - 1);
      assertThat(last.name()).as(table.name()).isEqualTo("lineage");
      assertThat(last.nullable()).isTrue();
    }
  }

  @Test
  void givenOutputTables_whenInspected_thenEachStartsWithRequiredRunId() {
    for (TableSchema table : CanonicalTables.OUTPUTS) {
      Column first = table.columns().get(0);
      assertThat(first.name()).as(table.name()).isEqualTo("run_id");
      assertThat(first.nullable()).isFalse();
    }
  }

  @Test
  void givenATable_whenBeamSchemaBuilt_thenFieldsMatchColumnsAndAreNullable() {
    TableSchema sales = CanonicalTables.ERP_SALES;
    Schema schema = sales.beamSchema();
    assertThat(schema.getFieldNames()).isEqualTo(sales.columnNames());
    assertThat(schema.getFields()).allSatisfy(f -> assertThat(f.getType().getNullable()).isTrue());
    assertThat(schema.getField("quantity").getType().getTypeName()).isEqualTo(Schema.TypeName.DOUBLE);
  }

  @Test
  void givenEveryColumn_whenMayBeAbsent_thenTheNullableSourceColumnsARunCanDoWithout() {
    java.util.Set<String> absentAsNull = new java.util.TreeSet<>();
    for (TableSchema table : CanonicalTables.ALL) {
      for (Column column : table.columns()) {
        if (CanonicalTables.mayBeAbsent(table, column)) {
          absentAsNull.add(table.name() + "." + column.name());
        }
      }
    }
    java.util.Set<String> expected = new java.util.TreeSet<>(List.of(
        "erp_sales.unit_price", "erp_sales.promo",
        "erp_items.description", "erp_items.category", "erp_items.holding_cost_rate",
        "erp_items.order_cost", "erp_items.case_pack", "erp_items.moq",
        "erp_items.supplier", "erp_items.ship_mode", "erp_items.shelf_life_days",
        "erp_items.review_period_days", "erp_items.service_level",
        "erp_inventory.quarantined",
        "erp_purchase_orders.expected_date", "erp_purchase_orders.received_date",
        "iot_readings.sku",
        "logistics_shipments.sku", "logistics_shipments.origin",
        "logistics_shipments.destination", "logistics_shipments.mode",
        "logistics_shipments.carrier", "logistics_shipments.scheduled_date",
        "logistics_shipments.quantity"));
    // not erp_sales.quantity, erp_items.unit_cost, on_hand, ...: a run cannot do without them
    CanonicalTables.SOURCES.forEach(t -> expected.add(t.name() + ".lineage"));
    // not the output columns of the same names (inventory_recommendations.service_level, ...)
    assertThat(absentAsNull).isEqualTo(expected);
  }

  @Test
  void givenPolicySimulation_whenInspected_thenAnOutputKeyedByRunSeriesAndModel() {
    TableSchema sim = CanonicalTables.byName("policy_simulation");
    assertThat(sim.role()).isEqualTo(TableSchema.Role.OUTPUT);
    assertThat(sim.columnNames()).startsWith("run_id", "sku", "location", "model", "selected");
    for (String column : List.of("achieved_cycle_service", "achieved_fill_rate", "abc_class",
        "xyz_class")) {
      assertThat(sim.column(column)).as(column).get().extracting(Column::nullable).isEqualTo(true);
    }
    for (String column : List.of("policy", "service_target", "demand", "total_cost")) {
      assertThat(sim.column(column)).as(column).get().extracting(Column::nullable).isEqualTo(false);
    }
  }

  @Test
  void givenEveryColumn_whenDescribed_thenTheCommentFitsHivesMetastore() {
    // Hive's metastore keeps a column comment in a VARCHAR(256) (COLUMNS_V2.COMMENT): a longer
    // one fails CREATE TABLE on HiveServer2
    for (TableSchema table : CanonicalTables.ALL) {
      for (var column : table.columns()) {
        assertThat(column.description().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
            .as(table.name() + "." + column.name())
            .isLessThanOrEqualTo(256);
      }
    }
  }

  @Test
  void givenUnknownName_whenLookedUp_thenErrorListsKnownTables() {
    assertThatThrownBy(() -> CanonicalTables.byName("sales"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("'sales'")
        .hasMessageContaining("erp_sales");
  }

  @Test
  void givenBadColumnName_whenDefined_thenRejectedWithTheName() {
    assertThatThrownBy(() -> Column.required("Unit Cost", ColumnType.DOUBLE, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Unit Cost'");
  }
}
