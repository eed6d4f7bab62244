package io.demandcast.pipelines;

import io.demandcast.connectors.Connectors;
import io.demandcast.connectors.bigquery.BigQueryConnector;
import io.demandcast.pipelines.cli.CliRun;
import io.demandcast.pipelines.cli.CliRun.Outcome;
import static io.demandcast.pipelines.MixedSourceFixture.sales;

import static io.demandcast.connectors.testing.FakeBigQuery.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableRow;
import io.demandcast.connectors.bigquery.BigQueryTableName;
import io.demandcast.connectors.testing.FakeBigQuery;
import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.connectors.schema.CanonicalTables;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demandcast run --source erp_sales=bigquery://...} with erp_sales in BigQuery and the other
 * sources in the DuckDB warehouse. BigQuery is {@code FakeBigQueryServices}, Beam's in-memory
 * stand-in for it (no local BigQuery server exists), handed to the job through {@code
 * Connectors.loaded().with(BigQueryConnector.withServices(fake))}; the CLI and the job run as in
 * production otherwise, with the export files under a local {@code --tempLocation}. The same rows run all from DuckDB give the same
 * forecasts and recommendations.
 */
class RunBigQuerySourceTest {
  private static final String PROJECT = "acme-prod";

  @TempDir Path dir;
  private FakeBigQuery bigQuery;
  private Connectors connectors = Connectors.loaded();

  /** Runs the CLI with BigQuery reached through the fakes. */
  private Outcome execute(String... args) {
    return CliRun.executeWith(connectors, args);
  }

  private Outcome execute(java.util.List<String> args) {
    return execute(args.toArray(String[]::new));
  }

  @BeforeEach
  void fakeBigQuery() throws Exception {
    bigQuery = FakeBigQuery.start(PROJECT, "erp");
    connectors = Connectors.loaded().with(BigQueryConnector.withServices(bigQuery.services()));
  }

  @AfterEach
  void cleanUp() {
    connectors = Connectors.loaded();
    DuckDbConnections.closeAll();
  }

  private void createTable(String name, List<TableFieldSchema> fields, List<TableRow> rows)
      throws Exception {
    bigQuery.table(new BigQueryTableName(PROJECT, "erp", name).reference(), fields, rows);
  }

  /**
   * erp_sales in BigQuery, its SKU column named {@code item}; plus a row whose FLOAT64 quantity is
   * infinite, which the reader rejects (X-9 is not an item, so the DuckDB run stays comparable).
   */
  private void putBigQuerySales() throws Exception {
    List<TableRow> rows = new ArrayList<>();
    for (Object[] r : sales()) {
      rows.add(new TableRow().set("item", r[0]).set("location", r[1])
          .set("date", r[2].toString()).set("quantity", r[3]).set("unit_price", r[4])
          .set("promo", r[5]));
    }
    rows.add(new TableRow().set("item", "X-9").set("location", "DC1").set("date", "2024-01-01")
        .set("quantity", Double.POSITIVE_INFINITY).set("unit_price", null).set("promo", null));
    createTable("sales", List.of(field("item", "STRING"), field("location", "STRING"),
        field("date", "DATE"), field("quantity", "FLOAT64"), field("unit_price", "FLOAT64"),
        field("promo", "BOOL")), rows);
  }

  private List<String> runArgs(Path warehouse, String runId) {
    return new ArrayList<>(List.of("run", "--warehouse", warehouse.toString(),
        "--run-id", runId, "--horizon", "3", "--backtest-windows", "1",
        "--simulation-periods", "0", "--sku-shards", "2",
        "--reports", dir.resolve("reports-" + runId).toString(),
        "--project=" + PROJECT, "--tempLocation=" + dir.resolve("bq-temp").toAbsolutePath()));
  }

  @Test
  void givenSalesInBigQuery_whenRun_thenSameForecastsAndRecommendationsAsFromDuckDb()
      throws Exception {
    Path duckWarehouse = dir.resolve("duck.duckdb");
    MixedSourceFixture.loadItemsStockAndOrders(duckWarehouse);
    DuckDbWarehouse.open(duckWarehouse).replaceSourceTable(CanonicalTables.ERP_SALES, sales());
    DuckDbConnections.closeAll();
    Outcome duck = execute(runArgs(duckWarehouse, "duck"));
    assertThat(duck.exitCode()).as(duck.err()).isZero();

    Path bqWarehouse = dir.resolve("bq.duckdb");
    MixedSourceFixture.loadItemsStockAndOrders(bqWarehouse);
    DuckDbConnections.closeAll();
    putBigQuerySales();
    List<String> args = runArgs(bqWarehouse, "bq");
    args.addAll(List.of("--source", "erp_sales=bigquery://acme-prod/erp.sales",
        "--map", "erp_sales.sku=item"));
    Outcome run = execute(args);
    assertThat(run.exitCode()).as(run.err()).isZero();

    try (Connection d = DuckDbConnections.open(duckWarehouse);
        Connection b = DuckDbConnections.open(bqWarehouse)) {
      var fromDuck = DuckDbWarehouse.dsl(d);
      var fromBq = DuckDbWarehouse.dsl(b);
      MixedSourceFixture.assertSameForecastsAndRecommendations(fromDuck, fromBq);

      assertThat(fromDuck.fetchValue("select count(*) from rejected_records")).isEqualTo(0L);
      var rejected = fromBq.fetch("select source, reason, payload from rejected_records"
          + " where run_id = 'bq'");
      assertThat(rejected.getValues("source", String.class))
          .containsExactly("erp_sales (bigquery://acme-prod/erp.sales)");
      assertThat(rejected.getValues("reason", String.class))
          .containsExactly("column quantity: 'Infinity' is not a finite number (DOUBLE)");
      assertThat(rejected.get(0).get("payload", String.class)).contains("\"item\":\"X-9\"");
      Record runRow = fromBq.fetchOne(
          "select rows_read, rows_rejected, status, source_snapshot from model_runs"
              + " where run_id = 'bq'");
      assertThat(runRow.get("status", String.class)).isEqualTo("complete");
      assertThat(runRow.get("rows_rejected", Long.class)).isEqualTo(1L);
      assertThat(runRow.get("source_snapshot", String.class))
          .contains("\"uri\":\"bigquery://acme-prod/erp.sales\"");
    }
  }

  @Test
  void givenBigQueryColumnOfTheWrongType_whenRun_thenExit2NamingUriColumnTypesAndNoRunRecorded()
      throws Exception {
    createTable("sales_text", List.of(field("sku", "STRING"), field("location", "STRING"),
        field("date", "STRING"), field("quantity", "FLOAT64")), List.of());
    Path warehouse = dir.resolve("w.duckdb");
    MixedSourceFixture.loadItemsStockAndOrders(warehouse);
    DuckDbConnections.closeAll();
    List<String> args = runArgs(warehouse, "broken");
    args.addAll(List.of("--source", "erp_sales=bigquery://acme-prod/erp.sales_text"));

    Outcome r = execute(args);

    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err().lines().findFirst().orElse("")).isEqualTo(
        "demandcast: bigquery://acme-prod/erp.sales_text column date: expected DATE (BigQuery DATE,"
            + " DATETIME or TIMESTAMP (its day, UTC)),"
            + " found STRING; change the column's type in BigQuery (or read it through a view that"
            + " casts it) or map another column");
    try (Connection c = DuckDbConnections.open(warehouse)) {
      assertThat(DuckDbWarehouse.dsl(c).fetchValue("select count(*) from model_runs"))
          .isEqualTo(0L);
    }
  }

}
