package io.demandcast.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.connectors.Connectors;
import io.demandcast.connectors.SourceConnector;
import io.demandcast.connectors.TableCheck;
import io.demandcast.connectors.TableUri;
import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbConnector;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.pipelines.cli.CliRun.Outcome;
import java.nio.file.Path;
import java.sql.Connection;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionRowTuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source system added as docs/connectors-adding.md says: one connector class, registered (here
 * with {@link Connectors#with}, as its service-file line would), and nothing else changed. Its URIs
 * ({@code shelf:<file>#<table>}, a scheme no other class knows) parse, {@code check} and {@code
 * run} read through it, and the run records the URI.
 */
class AddedConnectorCliTest {
  @TempDir Path dir;

  @AfterEach
  void close() {
    DuckDbConnections.closeAll();
  }

  /** The new system: tables of a DuckDB file under a scheme of its own, read by DuckDB's reader. */
  static final class ShelfConnector implements SourceConnector {
    private final DuckDbConnector duckDb = new DuckDbConnector();

    @Override
    public String scheme() {
      return "shelf";
    }

    private static TableUri asDuckDb(TableUri uri) {
      int hash = uri.location().lastIndexOf('#');
      return TableUri.duckDb(Path.of(uri.location().substring(0, hash)),
          uri.location().substring(hash + 1));
    }

    @Override
    public PTransform<PBegin, PCollectionRowTuple> read(
        TableUri uri, TableSchema table, ColumnMapping mapping) {
      return duckDb.read(asDuckDb(uri), table, mapping);
    }

    @Override
    public TableCheck check(
        TableUri uri, TableSchema table, ColumnMapping mapping, PipelineOptions options) {
      return duckDb.check(asDuckDb(uri), table, mapping, options);
    }
  }

  @Test
  void givenAConnectorOfANewScheme_whenRegistered_thenCheckAndRunReadThroughIt() throws Exception {
    Path sources = dir.resolve("sources.duckdb");
    Path warehouse = dir.resolve("w.duckdb");
    Path examples = Path.of("..", "data", "examples", "own-data");
    for (String[] load : new String[][] {
        {"erp_sales", "sales.csv", "--map", "sku=item", "--map", "location=store", "--map",
            "date=day", "--map", "quantity=units"},
        {"erp_items", "items.csv", "--map", "sku=item"}}) {
      java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("import",
          "--warehouse", sources.toString(), "--table", load[0], "--file",
          examples.resolve(load[1]).toString()));
      args.addAll(java.util.List.of(load).subList(2, load.length));
      assertThat(CliRun.execute(args).exitCode()).as(args.toString()).isZero();
    }
    DuckDbConnections.closeAll();
    Connectors connectors = Connectors.loaded().with(new ShelfConnector());
    String shelfSales = "shelf:" + sources + "#erp_sales";
    assertThat(connectors.parse(shelfSales).toString()).isEqualTo(shelfSales);
    DuckDbWarehouse.openWithSourceTables(warehouse);
    DuckDbConnections.closeAll();

    Outcome check = CliRun.executeWith(connectors, "check", "--warehouse", warehouse.toString(),
        "--as-of", "2024-12-31", "--source", "erp_sales=" + shelfSales,
        "--source", "erp_items=shelf:" + sources + "#erp_items");
    Outcome run = CliRun.executeWith(connectors, "run", "--warehouse", warehouse.toString(),
        "--as-of", "2024-12-31", "--reports", dir.resolve("reports").toString(),
        "--source", "erp_sales=" + shelfSales,
        "--source", "erp_items=shelf:" + sources + "#erp_items");
    Outcome unregistered = CliRun.execute("run", "--warehouse", warehouse.toString(),
        "--source", "erp_sales=" + shelfSales);

    assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
    assertThat(check.out()).contains("erp_sales").contains("1,248 rows");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("erp_sales                  1,248 =      1,248 + 0");
    try (Connection c = DuckDbConnections.open(warehouse)) {
      String snapshot = (String) DuckDbWarehouse.dsl(c)
          .fetchValue("select source_snapshot from model_runs where status = 'complete'");
      assertThat(snapshot).contains(shelfSales);
    }
    assertThat(unregistered.exitCode()).isEqualTo(2);
    assertThat(unregistered.errFirstLine()).contains("no connector reads shelf tables")
        .contains("duckdb");
  }
}
