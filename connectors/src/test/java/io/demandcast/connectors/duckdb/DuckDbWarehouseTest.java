package io.demandcast.connectors.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.TableSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbWarehouseTest {
  private static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 1, 8, 0);

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

  private long count(String sql, Object... binds) throws Exception {
    try (Connection c = warehouse.connect()) {
      return ((Number) DuckDbWarehouse.dsl(c).fetchValue(sql, binds)).longValue();
    }
  }

  private static Object[] forecastRow(String runId, String sku, int horizon) {
    return new Object[] {
      runId, sku, "DC1", LocalDate.of(2002, 4, 1).plusMonths(horizon - 1), horizon,
      1.0, 0.0, 1.0, 2.0, "seasonal_naive"
    };
  }

  @Test
  void givenNewFile_whenOpened_thenEveryCanonicalTableAndViewExists() throws Exception {
    for (TableSchema table : CanonicalTables.ALL) {
      warehouse.checkTable(table.name(), table); // throws when a column is missing or mistyped
    }
    for (String view : List.of("latest_run", "latest_forecasts", "latest_accuracy",
        "latest_recommendations", "latest_rejected_records", "forecast_accuracy_by_model")) {
      assertThat(count("select count(*) from information_schema.tables where table_name = ?", view))
          .as(view).isEqualTo(1);
    }
  }

  @Test
  void givenWarehouseOfAnOlderVersion_whenOpened_thenNewNullableColumnsAreAdded() throws Exception {
    Path old = dir.resolve("old.duckdb");
    try (Connection c = DuckDbConnections.open(old)) {
      DuckDbWarehouse.dsl(c).execute(
          "create table forecast_accuracy (run_id varchar not null, sku varchar not null,"
              + " location varchar not null, model varchar not null, mase double, rmsse double,"
              + " smape double, bias double, coverage double, windows int not null,"
              + " selected boolean not null, failure varchar)");
    }
    DuckDbWarehouse upgraded = DuckDbWarehouse.open(old);
    assertThat(upgraded.checkTable("forecast_accuracy", CanonicalTables.FORECAST_ACCURACY))
        .contains("spec", "parameters", "training_periods", "intervals");
  }

  @Test
  void givenSourceRows_whenReplacedTwice_thenTableHoldsOnlyTheLastLoad() throws Exception {
    List<Object[]> rows = List.of(
        new Object[] {"A", "DC1", LocalDate.of(2002, 1, 1), 3.0, null, null, "test"},
        new Object[] {"A", "DC1", LocalDate.of(2002, 2, 1), null, null, null, "test"});
    assertThat(warehouse.replaceSourceTable(CanonicalTables.ERP_SALES, rows)).isEqualTo(2);
    assertThat(warehouse.replaceSourceTable(CanonicalTables.ERP_SALES, rows)).isEqualTo(2);
    assertThat(count("select count(*) from erp_sales")).isEqualTo(2);
    assertThat(count("select count(*) from erp_sales where quantity is null")).isEqualTo(1);
  }

  @Test
  void givenStagedRows_whenCommitted_thenVisibleOnceAndRunComplete() throws Exception {
    warehouse.beginRun("r1", T0, "{}", "test");
    Object[] row = forecastRow("r1", "A", 1);
    // the same row twice, as a retried bundle would write it
    warehouse.appendStaged("r1", CanonicalTables.DEMAND_FORECASTS, List.of(row, row, forecastRow("r1", "A", 2)));
    assertThat(count("select count(*) from demand_forecasts")).isZero();
    assertThat(count("select count(*) from latest_forecasts")).isZero();

    Map<String, Long> written = warehouse.commitRun("r1", T0.plusMinutes(1), "{}", 10);

    assertThat(written).containsEntry("demand_forecasts", 2L).containsEntry("rejected_records", 0L);
    assertThat(count("select count(*) from demand_forecasts where run_id = 'r1'")).isEqualTo(2);
    assertThat(count("select count(*) from latest_forecasts")).isEqualTo(2);
    assertThat(count("select count(*) from model_runs where run_id = 'r1' and status = 'complete' "
        + "and rows_read = 10 and rows_written = 2")).isEqualTo(1);
    assertThat(count("select count(*) from information_schema.tables where table_name like 'stage_%'"))
        .isZero();
  }

  @Test
  void givenSameRunIdAgain_whenCommitted_thenItsRowsAreReplacedNotDuplicated() throws Exception {
    warehouse.beginRun("r1", T0, "{}", "test");
    warehouse.appendStaged("r1", CanonicalTables.DEMAND_FORECASTS,
        List.of(forecastRow("r1", "A", 1), forecastRow("r1", "A", 2)));
    warehouse.commitRun("r1", T0.plusMinutes(1), "{}", 0);

    warehouse.beginRun("r1", T0.plusHours(1), "{}", "test");
    warehouse.appendStaged("r1", CanonicalTables.DEMAND_FORECASTS, List.<Object[]>of(forecastRow("r1", "B", 1)));
    warehouse.commitRun("r1", T0.plusHours(1).plusMinutes(1), "{}", 0);

    assertThat(count("select count(*) from demand_forecasts")).isEqualTo(1);
    assertThat(count("select count(*) from demand_forecasts where sku = 'B'")).isEqualTo(1);
    assertThat(count("select count(*) from model_runs")).isEqualTo(1);
  }

  @Test
  void givenFailedRun_whenViewsQueried_thenOnlyTheLastCompleteRunShows() throws Exception {
    warehouse.beginRun("good", T0, "{}", "test");
    warehouse.appendStaged("good", CanonicalTables.DEMAND_FORECASTS, List.<Object[]>of(forecastRow("good", "A", 1)));
    warehouse.commitRun("good", T0.plusMinutes(1), "{}", 0);

    warehouse.beginRun("bad", T0.plusHours(1), "{}", "test");
    warehouse.appendStaged("bad", CanonicalTables.DEMAND_FORECASTS,
        List.of(forecastRow("bad", "A", 1), forecastRow("bad", "B", 1)));
    warehouse.failRun("bad", T0.plusHours(1).plusMinutes(1), "boom");

    assertThat(count("select count(*) from demand_forecasts where run_id = 'bad'")).isZero();
    assertThat(count("select count(*) from latest_forecasts where run_id = 'good'")).isEqualTo(1);
    assertThat(count("select count(*) from latest_forecasts")).isEqualTo(1);
    assertThat(count("select count(*) from model_runs where run_id = 'bad' and status = 'failed' "
        + "and message = 'boom'")).isEqualTo(1);
    assertThat(count("select count(*) from information_schema.tables where table_name like 'stage_%'"))
        .isZero();
  }

  @Test
  void givenTableWithWrongColumnType_whenChecked_thenErrorNamesTableColumnExpectedAndFound()
      throws Exception {
    try (Connection c = warehouse.connect()) {
      DuckDbWarehouse.dsl(c).execute(
          "create table sales_export (sku varchar, location varchar, date varchar, quantity double,"
              + " unit_price double, promo boolean)");
    }
    assertThatThrownBy(() -> warehouse.checkTable("sales_export", CanonicalTables.ERP_SALES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sales_export")
        .hasMessageContaining("date")
        .hasMessageContaining("expected DATE")
        .hasMessageContaining("found VARCHAR");
  }

  @Test
  void givenTableWithoutAColumn_whenChecked_thenErrorNamesTheColumn() throws Exception {
    try (Connection c = warehouse.connect()) {
      DuckDbWarehouse.dsl(c).execute("create table items_export (sku varchar, description varchar)");
    }
    assertThatThrownBy(() -> warehouse.checkTable("items_export", CanonicalTables.ERP_ITEMS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("items_export has no column category");
  }

  @Test
  void givenWarehouseReopened_whenQueried_thenRowsPersistOnDisk() throws Exception {
    warehouse.replaceSourceTable(CanonicalTables.ERP_SALES,
        List.<Object[]>of(new Object[] {"A", "DC1", LocalDate.of(2002, 1, 1), 3.0, null, null, null}));
    DuckDbConnections.closeAll();
    warehouse = DuckDbWarehouse.open(dir.resolve("w.duckdb"));
    assertThat(count("select count(*) from erp_sales")).isEqualTo(1);
  }
}
