package io.demandcast.connectors.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.connectors.OutputWarehouse;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.TableSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs left {@code running} by a process that died (planted here as the rows and staging tables
 * such a process leaves), recovered by {@link DuckDbWarehouse#recoverAbandonedRuns}; and the
 * staging of run ids that the names of the version before mixed up.
 */
class DuckDbRunRecoveryTest {
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

  private static Object[] forecastRow(String runId, String sku) {
    return new Object[] {
      runId, sku, "DC1", LocalDate.of(2026, 2, 1), 1, 1.0, 0.0, 1.0, 2.0, "seasonal_naive"
    };
  }

  private List<String> strings(String sql, Object... binds) throws Exception {
    try (Connection c = warehouse.connect()) {
      List<String> rows = new ArrayList<>();
      for (var r : DuckDbWarehouse.dsl(c).fetch(sql, binds)) {
        rows.add(r.intoList().toString());
      }
      return rows;
    }
  }

  private long count(String sql, Object... binds) throws Exception {
    try (Connection c = warehouse.connect()) {
      return ((Number) DuckDbWarehouse.dsl(c).fetchValue(sql, binds)).longValue();
    }
  }

  private List<String> stagingTables() throws Exception {
    return strings("select table_name from information_schema.tables"
        + " where table_name like 'stage\\_%' escape '\\' order by table_name");
  }

  /** What the analysts see: every latest_* view's rows. */
  private List<String> latestViews() throws Exception {
    List<String> all = new ArrayList<>();
    for (String view : DuckDbWarehouse.viewNames()) {
      all.add(view + " " + strings("select * from " + view + " order by all"));
    }
    return all;
  }

  /** A run row and staging tables (with a row) as a process killed mid-run leaves them. */
  private void plantDeadRun(String runId, LocalDateTime startedAt, boolean legacyNames)
      throws Exception {
    try (Connection c = warehouse.connect()) {
      DSLContext dsl = DuckDbWarehouse.dsl(c);
      dsl.execute("insert into model_runs (run_id, started_at, status, options, code_version)"
          + " values (?, ?, 'running', '{}', 'old')", runId, startedAt);
      for (TableSchema table : OutputWarehouse.stagedOutputs()) {
        String staging = legacyNames
            ? OutputWarehouse.legacyStagingTable(runId, table)
            : OutputWarehouse.stagingTable(runId, table);
        dsl.execute("create table " + staging + " as select * from " + table.name() + " limit 0");
      }
      String forecasts = legacyNames
          ? OutputWarehouse.legacyStagingTable(runId, CanonicalTables.DEMAND_FORECASTS)
          : OutputWarehouse.stagingTable(runId, CanonicalTables.DEMAND_FORECASTS);
      dsl.execute("insert into " + forecasts + " values (?, 'X', 'DC1', date '2026-02-01', 1,"
          + " 9.0, 8.0, 9.0, 10.0, 'ets')", runId);
    }
  }

  @Test
  void givenRunsLeftRunningWithTheirStaging_whenRecovered_thenFailedStagingGoneAndViewsUnchanged()
      throws Exception {
    warehouse.beginRun("done", T0, "{}", "test");
    warehouse.appendStaged("done", CanonicalTables.DEMAND_FORECASTS, List.<Object[]>of(forecastRow("done", "A")));
    warehouse.commitRun("done", T0.plusMinutes(5), "{}", 1);
    plantDeadRun("killed", T0.plusHours(2), false);
    plantDeadRun("old-version", T0.plusHours(1), true);
    assertThat(stagingTables()).hasSize(2 * OutputWarehouse.stagedOutputs().size());
    List<String> before = latestViews();
    assertThat(before.get(0)).startsWith("latest_run [[done,");

    LocalDateTime now = T0.plusHours(3);
    List<String> recovered = warehouse.recoverAbandonedRuns(now);

    assertThat(recovered).containsExactly("old-version", "killed"); // by started_at
    assertThat(stagingTables()).isEmpty();
    assertThat(latestViews()).isEqualTo(before);
    assertThat(strings("select run_id, status, finished_at from model_runs order by run_id"))
        .containsExactly("[done, complete, 2026-01-01 08:05:00.0]",
            "[killed, failed, 2026-01-01 11:00:00.0]", "[old-version, failed, 2026-01-01 11:00:00.0]");
    assertThat(strings("select message from model_runs where run_id = 'killed'").get(0))
        .isEqualTo("[abandoned: found still running at 2026-01-01T11:00 UTC by the start of a later"
            + " run, while that run held the warehouse file, which DuckDB lets one process at a"
            + " time open for writing, so its process was gone (killed, out of memory, or its"
            + " machine stopped); its outputs were never published]");
    assertThat(count("select count(*) from demand_forecasts where run_id <> 'done'")).isZero();
    // nothing left to recover
    assertThat(warehouse.recoverAbandonedRuns(now.plusMinutes(1))).isEmpty();
  }

  @Test
  void givenARunThisProcessIsRunning_whenRecovered_thenItIsKeptAndCanBeCommitted() throws Exception {
    warehouse.beginRun("live", T0, "{}", "test");
    warehouse.appendStaged("live", CanonicalTables.DEMAND_FORECASTS, List.<Object[]>of(forecastRow("live", "A")));

    assertThat(warehouse.recoverAbandonedRuns(T0.plusDays(1))).isEmpty();

    assertThat(stagingTables()).hasSize(OutputWarehouse.stagedOutputs().size());
    assertThat(warehouse.commitRun("live", T0.plusDays(1), "{}", 1))
        .containsEntry("demand_forecasts", 1L);
    assertThat(count("select count(*) from model_runs where status = 'complete'")).isEqualTo(1);
  }

  @Test
  void givenAFailedRun_whenRecovered_thenItIsNotTouched() throws Exception {
    warehouse.beginRun("broken", T0, "{}", "test");
    warehouse.failRun("broken", T0.plusMinutes(1), "source unreadable");

    assertThat(warehouse.recoverAbandonedRuns(T0.plusDays(1))).isEmpty();

    assertThat(strings("select status, message from model_runs"))
        .containsExactly("[failed, source unreadable]");
  }

  @Test
  void givenRunIdsTheOldNamesMixedUp_whenStagedTogether_thenEachPublishesOnlyItsOwnRows()
      throws Exception {
    warehouse.beginRun("a-b", T0, "{}", "test");
    warehouse.beginRun("a_b", T0, "{}", "test");
    warehouse.appendStaged("a-b", CanonicalTables.DEMAND_FORECASTS,
        List.<Object[]>of(forecastRow("a-b", "A"), forecastRow("a-b", "B")));
    warehouse.appendStaged("a_b", CanonicalTables.DEMAND_FORECASTS, List.<Object[]>of(forecastRow("a_b", "C")));

    assertThat(warehouse.stagedRows("a-b", CanonicalTables.DEMAND_FORECASTS)).hasValue(2);
    assertThat(warehouse.stagedRows("a_b", CanonicalTables.DEMAND_FORECASTS)).hasValue(1);
    assertThat(warehouse.commitRun("a-b", T0.plusMinutes(1), "{}", 2))
        .containsEntry("demand_forecasts", 2L);
    assertThat(warehouse.commitRun("a_b", T0.plusMinutes(2), "{}", 1))
        .containsEntry("demand_forecasts", 1L);
    assertThat(strings("select run_id, sku from demand_forecasts order by sku"))
        .containsExactly("[a-b, A]", "[a-b, B]", "[a_b, C]");
  }

  @Test
  void givenAReRunOfAnId_whenBegun_thenItsOwnEarlierStagingIsReplaced() throws Exception {
    warehouse.beginRun("again", T0, "{}", "test");
    warehouse.appendStaged("again", CanonicalTables.DEMAND_FORECASTS,
        List.<Object[]>of(forecastRow("again", "A"), forecastRow("again", "B")));

    warehouse.beginRun("again", T0.plusHours(1), "{}", "test");

    assertThat(warehouse.stagedRows("again", CanonicalTables.DEMAND_FORECASTS)).hasValue(0);
    assertThat(stagingTables()).hasSize(OutputWarehouse.stagedOutputs().size());
    assertThat(count("select count(*) from model_runs where run_id = 'again'")).isEqualTo(1);
  }
}
