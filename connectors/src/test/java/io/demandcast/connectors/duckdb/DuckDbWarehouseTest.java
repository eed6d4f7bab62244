package io.demandcast.connectors.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.ColumnMapping;
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
  void givenNewFile_whenOpened_thenEveryOutputTableAndViewExistsButNoSourceTable()
      throws Exception {
    for (TableSchema table : CanonicalTables.OUTPUTS) {
      warehouse.checkTable(table.name(), table); // throws when a column is missing or mistyped
    }
    for (TableSchema table : CanonicalTables.SOURCES) {
      // a user's warehouse gets no source table it did not load (absent ones read as empty)
      assertThat(warehouse.hasTable(table.name())).as(table.name()).isFalse();
    }
    List<String> views = List.of("latest_run", "latest_forecasts", "latest_explanations",
        "latest_accuracy",
        "latest_recommendations", "latest_rejected_records", "forecast_accuracy_by_model",
        "latest_policy_simulation", "service_by_class", "accuracy_trend", "reorder_now",
        "latest_order_explanations");
    assertThat(DuckDbWarehouse.viewNames()).containsExactlyElementsOf(views);
    for (String view : views) {
      assertThat(count("select count(*) from information_schema.tables where table_name = ?", view))
          .as(view).isEqualTo(1);
    }
  }

  @Test
  void givenNewFile_whenOpenedWithSourceTables_thenEveryCanonicalTableExists() throws Exception {
    DuckDbWarehouse all = DuckDbWarehouse.openWithSourceTables(dir.resolve("all.duckdb"));
    for (TableSchema table : CanonicalTables.ALL) {
      all.checkTable(table.name(), table);
    }
  }

  @Test
  void givenNoSourceTable_whenReplaced_thenTheCanonicalTableIsCreated() throws Exception {
    TableSchema shipments = CanonicalTables.LOGISTICS_SHIPMENTS;
    Object[] row = new Object[shipments.columns().size()];
    row[0] = "S1";
    row[2] = "SUP";
    assertThat(warehouse.replaceSourceTable(shipments, List.<Object[]>of(row))).isEqualTo(1);
    assertThat(warehouse.checkTable(shipments.name(), shipments))
        .containsExactlyElementsOf(shipments.columnNames());
  }

  @Test
  void givenTableWithSeveralBadColumns_whenProblemsListed_thenEveryOneIsNamed() throws Exception {
    try (Connection c = warehouse.connect()) {
      DuckDbWarehouse.dsl(c).execute("create table stock (sku varchar, location integer,"
          + " on_hand varchar, quarantined date)");
    }
    List<DuckDbWarehouse.ColumnProblem> problems = DuckDbWarehouse.columnProblems("stock",
        CanonicalTables.ERP_INVENTORY, warehouse.columns("stock"), ColumnMapping.IDENTITY);
    assertThat(problems).extracting(p -> p.canonical().name())
        .containsExactly("location", "snapshot_date", "on_hand", "quarantined");
    assertThat(problems).extracting(DuckDbWarehouse.ColumnProblem::missing)
        .containsExactly(false, true, false, false);
    assertThat(problems.get(2).message())
        .contains("column on_hand: expected DOUBLE, found VARCHAR (accepted: DOUBLE, or any");
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
        .hasMessageContaining("items_export has no column unit_cost");
  }

  // ------------------------------------------------------------------ inventory optimizer columns

  /** erp_items as the first release defined it: no review_period_days, no service_level. */
  private static final String ITEMS_V1 =
      " (sku varchar not null, description varchar, category varchar, unit_cost double,"
          + " holding_cost_rate double, order_cost double, case_pack int, moq double,"
          + " supplier varchar, ship_mode varchar, shelf_life_days int, lineage varchar)";

  /** inventory_recommendations as the release before the inventory optimizer defined it. */
  private static final String RECOMMENDATIONS_V1 =
      "create table inventory_recommendations (run_id varchar not null, sku varchar not null,"
          + " location varchar not null, on_hand double not null, quarantined double not null,"
          + " on_order double not null, inventory_position double not null,"
          + " lead_time_mean_days double not null, lead_time_sd_days double not null,"
          + " lead_time_basis varchar, service_level double not null, safety_stock double not null,"
          + " reorder_point double not null, order_up_to double not null, eoq double not null,"
          + " recommended_order_qty double not null, unit_cost double not null,"
          + " expected_fill_rate double not null, days_of_cover double, model varchar not null,"
          + " reason varchar not null)";

  /** The values of a row of {@code table} in its column order; columns not given are null. */
  private static Object[] values(TableSchema table, Map<String, Object> byName) {
    List<String> names = table.columnNames();
    assertThat(names).containsAll(byName.keySet());
    return names.stream().map(byName::get).toArray();
  }

  private static Map<String, Object> recommendation(String runId, String sku) {
    Map<String, Object> r = new java.util.HashMap<>();
    r.putAll(Map.of("run_id", runId, "sku", sku, "location", "DC1", "on_hand", 5.0,
        "quarantined", 0.0, "on_order", 0.0, "inventory_position", 5.0,
        "lead_time_mean_days", 31.0, "lead_time_sd_days", 7.0, "service_level", 0.97));
    r.putAll(Map.of("service_measure", "fill_rate", "policy", "R_S", "review_period_days", 14.0,
        "abc_class", "A", "xyz_class", "Y", "distribution", "negative_binomial",
        "safety_stock", 3.5, "reorder_point", 11.0, "order_up_to", 11.0));
    r.putAll(Map.of("order_quantity", 4.0, "eoq", 9.0, "recommended_order_qty", 6.0,
        "unit_cost", 12.5, "expected_fill_rate", 0.971, "expected_cycle_service", 0.93,
        "expected_holding_cost", 8.25, "days_of_cover", 12.0, "model", "combination",
        "reason", "below order-up-to level"));
    return r;
  }

  private static Map<String, Object> simulation(
      String runId, String sku, String abc, String model, double demand, Double fillRate) {
    Map<String, Object> r = new java.util.HashMap<>();
    r.putAll(Map.of("run_id", runId, "sku", sku, "location", "DC1", "model", model,
        "selected", !model.equals("seasonal_naive"), "abc_class", abc, "xyz_class", "X",
        "policy", "s_S", "service_measure", "fill_rate", "service_target", 0.95));
    r.putAll(Map.of("periods", 12, "history_periods", 39, "demand", demand,
        "expected_fill_rate", 0.95, "avg_inventory", 10.0, "stockout_periods", 1, "orders", 3,
        "holding_cost", 2.0, "ordering_cost", 150.0, "total_cost", 152.0));
    r.putAll(Map.of("reorder_point", 7.0, "order_up_to", 20.0));
    if (fillRate != null) {
      r.put("achieved_fill_rate", fillRate);
    }
    return r;
  }

  @Test
  void givenErpItemsWithoutReviewPeriodAndServiceLevel_whenChecked_thenAccepted() throws Exception {
    try (Connection c = warehouse.connect()) {
      DuckDbWarehouse.dsl(c).execute("create table items_v1" + ITEMS_V1);
    }
    List<String> present = warehouse.checkTable("items_v1", CanonicalTables.ERP_ITEMS);
    // the reader selects NULL for the columns not in this list
    assertThat(present).doesNotContain("review_period_days", "service_level")
        .contains("sku", "unit_cost", "shelf_life_days", "lineage");
  }

  @Test
  void givenErpItemsWithoutSku_whenChecked_thenErrorNamesSku() throws Exception {
    try (Connection c = warehouse.connect()) {
      DuckDbWarehouse.dsl(c).execute("create table items_nosku (description varchar,"
          + " category varchar, unit_cost double, holding_cost_rate double, order_cost double,"
          + " case_pack int, moq double, supplier varchar, ship_mode varchar,"
          + " shelf_life_days int, review_period_days int, service_level double, lineage varchar)");
    }
    assertThatThrownBy(() -> warehouse.checkTable("items_nosku", CanonicalTables.ERP_ITEMS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("items_nosku has no column sku");
  }

  @Test
  void givenErpItemsWithoutUnitCost_whenChecked_thenErrorNamesUnitCost() throws Exception {
    // unit_cost is nullable in the schema, but only the columns added later may be absent
    try (Connection c = warehouse.connect()) {
      DuckDbWarehouse.dsl(c).execute("create table items_nocost (sku varchar, description varchar,"
          + " category varchar, holding_cost_rate double, order_cost double, case_pack int,"
          + " moq double, supplier varchar, ship_mode varchar, shelf_life_days int)");
    }
    assertThatThrownBy(() -> warehouse.checkTable("items_nocost", CanonicalTables.ERP_ITEMS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("items_nocost has no column unit_cost");
  }

  @Test
  void givenServiceLevelOfWrongType_whenChecked_thenErrorNamesColumnAndTypes() throws Exception {
    try (Connection c = warehouse.connect()) {
      DuckDbWarehouse.dsl(c).execute("create table items_v2" + ITEMS_V1.replace(
          "lineage varchar)", "review_period_days int, service_level varchar, lineage varchar)"));
    }
    assertThatThrownBy(() -> warehouse.checkTable("items_v2", CanonicalTables.ERP_ITEMS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column service_level")
        .hasMessageContaining("expected DOUBLE")
        .hasMessageContaining("found VARCHAR");
  }

  @Test
  void givenPolicySimulationWithoutAbcClass_whenChecked_thenRejected() throws Exception {
    // output tables may not lack a column, nullable or not
    try (Connection c = warehouse.connect()) {
      DuckDbWarehouse.dsl(c).execute("create table sim_copy as select * exclude (abc_class)"
          + " from policy_simulation");
    }
    assertThatThrownBy(() -> warehouse.checkTable("sim_copy", CanonicalTables.POLICY_SIMULATION))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sim_copy has no column abc_class");
  }

  @Test
  void givenWarehouseBeforeTheOptimizer_whenOpened_thenOutputsUpgradedAndTheSourceTableUntouched()
      throws Exception {
    Path old = dir.resolve("v1.duckdb");
    try (Connection c = DuckDbConnections.open(old)) {
      var dsl = DuckDbWarehouse.dsl(c);
      dsl.execute("create table erp_items" + ITEMS_V1);
      dsl.execute("insert into erp_items (sku, unit_cost) values ('A', 2.5)");
      dsl.execute(RECOMMENDATIONS_V1);
      dsl.execute("insert into inventory_recommendations values ('old', 'A', 'DC1', 1, 0, 0, 1,"
          + " 30, 5, 'lane', 0.95, 2, 4, 10, 6, 9, 2.5, 0.97, 12, 'ets', 'below reorder point')");
    }
    DuckDbWarehouse upgraded = DuckDbWarehouse.open(old);
    try (Connection c = upgraded.connect()) {
      var dsl = DuckDbWarehouse.dsl(c);
      for (TableSchema table : List.of(
          CanonicalTables.INVENTORY_RECOMMENDATIONS, CanonicalTables.POLICY_SIMULATION)) {
        assertThat(upgraded.checkTable(table.name(), table))
            .as(table.name()).containsExactlyInAnyOrderElementsOf(table.columnNames());
      }
      // a source table is the user's: read as it is (its newer nullable columns read as NULL),
      // never altered, not even commented
      assertThat(upgraded.checkTable("erp_items", CanonicalTables.ERP_ITEMS))
          .doesNotContain("review_period_days", "service_level");
      assertThat(dsl.fetchValue("select count(*) from duckdb_columns() where table_name ="
          + " 'erp_items' and comment is not null and comment <> ''")).isEqualTo(0L);
      assertThat(dsl.fetchValue("select count(*) from erp_items where sku = 'A' and unit_cost = 2.5"))
          .isEqualTo(1L);
      assertThat(dsl.fetchValue("select count(*) from inventory_recommendations"
          + " where run_id = 'old' and safety_stock = 2 and reason = 'below reorder point'"
          + " and policy is null"
          + " and abc_class is null and expected_cycle_service is null")).isEqualTo(1L);
      for (String view : List.of("latest_policy_simulation", "service_by_class")) {
        assertThat(dsl.fetchValue("select count(*) from " + view)).as(view).isEqualTo(0L);
      }
    }
  }

  /**
   * Regression test: an upgraded table has its new columns at the end, not in the canonical order,
   * so a commit that inserts the staged rows by position puts values into the wrong columns.
   */
  @Test
  void givenWarehouseBeforeTheOptimizer_whenRunCommitted_thenEveryValueLandsInItsColumn()
      throws Exception {
    Path old = dir.resolve("v1.duckdb");
    try (Connection c = DuckDbConnections.open(old)) {
      DuckDbWarehouse.dsl(c).execute(RECOMMENDATIONS_V1);
    }
    DuckDbWarehouse upgraded = DuckDbWarehouse.open(old);
    Map<String, Object> row = recommendation("r2", "A");
    upgraded.beginRun("r2", T0, "{}", "test");
    upgraded.appendStaged("r2", CanonicalTables.INVENTORY_RECOMMENDATIONS,
        List.<Object[]>of(values(CanonicalTables.INVENTORY_RECOMMENDATIONS, row)));
    upgraded.commitRun("r2", T0.plusMinutes(1), "{}", 0);

    try (Connection c = upgraded.connect()) {
      org.jooq.Record stored = DuckDbWarehouse.dsl(c)
          .fetchOne("select * from inventory_recommendations where run_id = 'r2'");
      for (String column : CanonicalTables.INVENTORY_RECOMMENDATIONS.columnNames()) {
        Object expected = row.get(column);
        Object actual = stored.get(column);
        if (expected instanceof Number n) {
          assertThat(((Number) actual).doubleValue()).as(column).isEqualTo(n.doubleValue());
        } else {
          assertThat(actual).as(column).isEqualTo(expected);
        }
      }
    }
  }

  /** Regression test: as above, for the source tables the loader appends to by position. */
  @Test
  void givenWarehouseBeforeTheOptimizer_whenItemsReplaced_thenEveryValueLandsInItsColumn()
      throws Exception {
    Path old = dir.resolve("v1.duckdb");
    try (Connection c = DuckDbConnections.open(old)) {
      DuckDbWarehouse.dsl(c).execute("create table erp_items" + ITEMS_V1);
    }
    DuckDbWarehouse upgraded = DuckDbWarehouse.open(old);
    Map<String, Object> item = Map.of("sku", "A", "unit_cost", 2.5, "holding_cost_rate", 0.2,
        "order_cost", 50.0, "case_pack", 6, "shelf_life_days", 365, "review_period_days", 14,
        "service_level", 0.9, "lineage", "test line 1");
    upgraded.replaceSourceTable(CanonicalTables.ERP_ITEMS,
        List.<Object[]>of(values(CanonicalTables.ERP_ITEMS, item)));

    try (Connection c = upgraded.connect()) {
      org.jooq.Record stored = DuckDbWarehouse.dsl(c).fetchOne(
          "select shelf_life_days, review_period_days, service_level, lineage from erp_items");
      assertThat(stored.get("shelf_life_days", Integer.class)).isEqualTo(365);
      assertThat(stored.get("review_period_days", Integer.class)).isEqualTo(14);
      assertThat(stored.get("service_level", Double.class)).isEqualTo(0.9);
      assertThat(stored.get("lineage", String.class)).isEqualTo("test line 1");
    }
  }

  @Test
  void givenSimulationRows_whenServiceByClassQueried_thenFillRateIsDemandWeightedPerClassAndModel()
      throws Exception {
    warehouse.beginRun("r1", T0, "{}", "test");
    TableSchema sim = CanonicalTables.POLICY_SIMULATION;
    warehouse.appendStaged("r1", sim, List.of(
        // class A, combination: 100 units at 90% and 300 at 50%: (90 + 150) / 400 = 0.6
        values(sim, simulation("r1", "S1", "A", "combination", 100, 0.9)),
        values(sim, simulation("r1", "S2", "A", "combination", 300, 0.5)),
        // no demand: no fill rate, no weight
        values(sim, simulation("r1", "S3", "A", "combination", 0, null)),
        values(sim, simulation("r1", "S1", "A", "seasonal_naive", 100, 0.7)),
        values(sim, simulation("r1", "S4", "C", "combination", 50, 1.0))));
    warehouse.commitRun("r1", T0.plusMinutes(1), "{}", 0);

    assertThat(count("select count(*) from latest_policy_simulation")).isEqualTo(5);
    try (Connection c = warehouse.connect()) {
      var rows = DuckDbWarehouse.dsl(c).fetch(
          "select abc_class, model, items, achieved_fill_rate, stockout_periods, total_cost"
              + " from service_by_class order by abc_class, model");
      assertThat(rows).hasSize(3);
      assertThat(rows.get(0).get("abc_class", String.class)).isEqualTo("A");
      assertThat(rows.get(0).get("model", String.class)).isEqualTo("combination");
      assertThat(rows.get(0).get("items", Long.class)).isEqualTo(3);
      assertThat(rows.get(0).get("achieved_fill_rate", Double.class))
          .isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-12));
      assertThat(rows.get(0).get("stockout_periods", Long.class)).isEqualTo(3);
      assertThat(rows.get(0).get("total_cost", Double.class)).isEqualTo(3 * 152.0);
      assertThat(rows.get(1).get("model", String.class)).isEqualTo("seasonal_naive");
      assertThat(rows.get(1).get("achieved_fill_rate", Double.class))
          .isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-12));
      assertThat(rows.get(2).get("abc_class", String.class)).isEqualTo("C");
      assertThat(rows.get(2).get("items", Long.class)).isEqualTo(1);
    }
  }

  private static Object[] accuracy(String runId, String sku, String model, Double mase,
      Double rmsse, Double smape) {
    Map<String, Object> r = new java.util.HashMap<>(Map.of("run_id", runId, "sku", sku,
        "location", "DC1", "model", model, "windows", 3, "selected", model.equals("ets")));
    r.put("mase", mase);
    r.put("rmsse", rmsse);
    r.put("smape", smape);
    return values(CanonicalTables.FORECAST_ACCURACY, r);
  }

  @Test
  void givenTwoCompleteRunsAndARunningOne_whenAccuracyTrendQueried_thenChangeAgainstThePreviousRun()
      throws Exception {
    TableSchema acc = CanonicalTables.FORECAST_ACCURACY;
    // run ids in the opposite order of their finish times: the trend follows the time
    warehouse.beginRun("z-first", T0, "{}", "test");
    warehouse.appendStaged("z-first", acc, List.of(
        accuracy("z-first", "A", "ets", 1.0, 0.8, 40.0),
        accuracy("z-first", "A", "theta", 1.2, 0.9, 45.0),
        accuracy("z-first", "B", "ets", 0.5, 0.25, 20.0)));
    warehouse.commitRun("z-first", T0.plusMinutes(1), "{}", 0);
    warehouse.beginRun("a-second", T0.plusDays(30), "{}", "test");
    warehouse.appendStaged("a-second", acc, List.of(
        accuracy("a-second", "A", "ets", 1.25, 0.9, 50.0),
        accuracy("a-second", "A", "theta", null, null, null), // the model failed this time
        accuracy("a-second", "C", "ets", 0.7, 0.5, 30.0)));
    warehouse.commitRun("a-second", T0.plusDays(30).plusMinutes(1), "{}", 0);
    // a third run still running: its staged rows are nowhere yet
    warehouse.beginRun("running", T0.plusDays(60), "{}", "test");
    warehouse.appendStaged("running", acc, List.<Object[]>of(accuracy("running", "A", "ets", 9.0,
        9.0, 90.0)));

    try (Connection c = warehouse.connect()) {
      var rows = DuckDbWarehouse.dsl(c).fetch("select run_id, sku, model, previous_run_id,"
          + " mase_change, rmsse_change, smape_change from accuracy_trend"
          + " order by finished_at, sku, model");
      assertThat(rows).extracting(r -> r.get("run_id") + "/" + r.get("sku") + "/" + r.get("model")
          + " after " + r.get("previous_run_id")).containsExactly(
              "z-first/A/ets after null", "z-first/A/theta after null", "z-first/B/ets after null",
              "a-second/A/ets after z-first", "a-second/A/theta after z-first",
              "a-second/C/ets after null");
      var aEts = rows.get(3);
      assertThat(aEts.get("mase_change", Double.class)).isCloseTo(0.25, within(1e-12));
      assertThat(aEts.get("rmsse_change", Double.class)).isCloseTo(0.1, within(1e-12));
      assertThat(aEts.get("smape_change", Double.class)).isCloseTo(10.0, within(1e-12));
      assertThat(rows.get(4).get("mase_change")).isNull();
      assertThat(rows.get(0).get("mase_change")).isNull();
    }
  }

  @Test
  void givenRecommendations_whenReorderNowQueried_thenItemsAtOrBelowTheReorderPointWithAnOrderByValue()
      throws Exception {
    TableSchema rec = CanonicalTables.INVENTORY_RECOMMENDATIONS;
    warehouse.beginRun("old", T0, "{}", "test");
    warehouse.appendStaged("old", rec, List.<Object[]>of(values(rec, recommendation("old", "OLD"))));
    warehouse.commitRun("old", T0.plusMinutes(1), "{}", 0);

    warehouse.beginRun("new", T0.plusDays(1), "{}", "test");
    Map<String, Object> below = recommendation("new", "BELOW"); // 5 <= 11, 6 units at 12.5
    Map<String, Object> at = recommendation("new", "AT");
    at.putAll(Map.of("inventory_position", 11.0, "recommended_order_qty", 10.0, "unit_cost", 20.0));
    Map<String, Object> above = recommendation("new", "ABOVE");
    above.putAll(Map.of("inventory_position", 12.0, "recommended_order_qty", 0.0));
    Map<String, Object> nothingToOrder = recommendation("new", "NO_QTY"); // e.g. no demand
    nothingToOrder.putAll(Map.of("inventory_position", 0.0, "reorder_point", 0.0,
        "recommended_order_qty", 0.0));
    warehouse.appendStaged("new", rec, List.of(values(rec, below), values(rec, at),
        values(rec, above), values(rec, nothingToOrder)));
    warehouse.commitRun("new", T0.plusDays(1).plusMinutes(1), "{}", 0);

    try (Connection c = warehouse.connect()) {
      var rows = DuckDbWarehouse.dsl(c).fetch(
          "select run_id, sku, recommended_order_qty, order_value from reorder_now");
      assertThat(rows).extracting(r -> r.get("run_id") + "/" + r.get("sku") + " "
          + r.get("recommended_order_qty") + " x = " + r.get("order_value"))
          .containsExactly("new/AT 10.0 x = 200.0", "new/BELOW 6.0 x = 75.0");
    }
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
