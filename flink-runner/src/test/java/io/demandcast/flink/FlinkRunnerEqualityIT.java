package io.demandcast.flink;

import static io.demandcast.connectors.testing.TableRows.assertSameRows;
import static io.demandcast.connectors.testing.TableRows.rows;
import static io.demandcast.connectors.testing.TableRows.sortedRows;
import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.connectors.demo.DemoDataset;
import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.Column;
import io.demandcast.connectors.schema.TableSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the job with the Flink jar ({@code java -jar target/demandcast-flink.jar}, the way {@code
 * ./demandcast} starts it) twice on the same input: on the DirectRunner and on an embedded Flink
 * cluster with two parallel task slots, each in its own DuckDB warehouse. Every output table must
 * hold the same rows on both (doubles within 1e-9 relative): the Flink runner neither loses,
 * duplicates nor changes rows, also when several task slots write to the DuckDB staging tables at
 * once.
 *
 * <p>The input: the demo input ({@link DemoDataset}) for every fourth part (669 of 2,674, with
 * their sales, inventory and purchase orders; all sensor readings and shipments), to keep the two
 * runs within about a minute on two cores. The full demo gives equal tables too (checked by hand
 * with {@code ./demandcast demo}).
 */
class FlinkRunnerEqualityIT {
  /** Output tables compared, with the columns that legitimately differ between two runs. */
  private static final List<TableSchema> COMPARED = List.of(CanonicalTables.DEMAND_FORECASTS,
      CanonicalTables.FORECAST_ACCURACY, CanonicalTables.INVENTORY_RECOMMENDATIONS,
      CanonicalTables.POLICY_SIMULATION, CanonicalTables.REJECTED_RECORDS);
  /** run_id differs by construction; rejected_records.ts is the run's start time. */
  private static final Set<String> SKIPPED = Set.of("run_id", "ts");

  @TempDir static Path dir;
  private static Outcome direct;
  private static Outcome flink;

  record Outcome(int exitCode, String out, double seconds, Path warehouse) {}

  @BeforeAll
  static void runOnBothRunners() throws Exception {
    Path input = dir.resolve("input.duckdb");
    DuckDbWarehouse warehouse = DuckDbWarehouse.open(input);
    DemoDataset.Result demo = DemoDataset.read();
    TableSchema items = CanonicalTables.ERP_ITEMS;
    List<String> skus = demo.tables().get(items).stream()
        .map(r -> (String) r[items.columnNames().indexOf("sku")]).sorted().toList();
    Set<String> kept = new TreeSet<>();
    for (int i = 0; i < skus.size(); i += 4) {
      kept.add(skus.get(i));
    }
    Set<TableSchema> bySku = Set.of(items, CanonicalTables.ERP_SALES,
        CanonicalTables.ERP_INVENTORY, CanonicalTables.ERP_PURCHASE_ORDERS);
    for (var table : demo.tables().entrySet()) {
      TableSchema schema = table.getKey();
      List<Object[]> rows = table.getValue();
      if (bySku.contains(schema)) {
        int sku = schema.columnNames().indexOf("sku");
        rows = rows.stream().filter(r -> kept.contains((String) r[sku])).toList();
      }
      warehouse.replaceSourceTable(schema, rows);
    }
    // the runs are other processes: release the file (DuckDB locks it per process)
    DuckDbConnections.closeAll();
    Files.copy(input, dir.resolve("direct.duckdb"));
    Files.copy(input, dir.resolve("flink.duckdb"));
    direct = run("direct");
    flink = run("flink", "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2");
    System.out.printf(Locale.ROOT, "FlinkRunnerEqualityIT: %d parts on DirectRunner %.1f s,"
        + " on embedded Flink (parallelism 2) %.1f s%n", kept.size(), direct.seconds(),
        flink.seconds());
  }

  private static Outcome run(String runId, String... beamArgs)
      throws IOException, InterruptedException {
    Path jar = Paths.get("target", "demandcast-flink.jar").toAbsolutePath();
    assertThat(jar).as("the package phase builds the Flink jar before the integration tests").exists();
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Path warehouse = dir.resolve(runId + ".duckdb");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    // the flags ./demandcast passes for the Flink jar (the pom's flink.add-opens)
    String opens = System.getProperty("demandcast.flink.add-opens", "");
    command.addAll(Arrays.stream(opens.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList());
    command.addAll(List.of("-jar", jar.toString(), "run",
        "--warehouse", warehouse.toString(),
        "--reports", dir.resolve("reports-" + runId).toString(),
        "--run-id", runId));
    command.addAll(List.of(beamArgs));
    Path log = dir.resolve(runId + ".log");
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    boolean finished = process.waitFor(5, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!finished) {
      process.destroyForcibly().waitFor();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(finished).as("%s finished within 5 minutes; output:%n%s", runId, out).isTrue();
    return new Outcome(process.exitValue(), out, seconds, warehouse);
  }

  @Test
  void givenDemoParts_whenRunOnEmbeddedFlink_thenTheRunCompletes() {
    assertThat(direct.exitCode()).as(direct.out()).isZero();
    assertThat(flink.exitCode()).as(flink.out()).isZero();
    assertThat(flink.out()).contains("run flink complete")
        .doesNotContain("NoClassDefFoundError")
        // the jar's logging settings keep Flink's per-operator warnings out
        .doesNotContain("exceeded the 80 characters");
  }

  @Test
  void givenDemoParts_whenRunOnEmbeddedFlink_thenEveryOutputTableEqualsTheDirectRunners()
      throws Exception {
    assertThat(direct.exitCode()).as(direct.out()).isZero();
    assertThat(flink.exitCode()).as(flink.out()).isZero();
    try (Connection d = DriverManager.getConnection("jdbc:duckdb:" + direct.warehouse());
        Connection f = DriverManager.getConnection("jdbc:duckdb:" + flink.warehouse())) {
      for (TableSchema table : COMPARED) {
        String select = "select " + columns(table) + " from " + table.name()
            + " where run_id = '%s'";
        List<List<Object>> fromDirect = sortedRows(d, String.format(select, "direct"));
        List<List<Object>> fromFlink = sortedRows(f, String.format(select, "flink"));
        assertThat(fromDirect).as(table.name()).isNotEmpty();
        assertSameRows(table.name(), fromDirect, fromFlink, 1e-9);
      }
      // both runs are published with the same counts
      String runs = "select rows_read, rows_rejected, rows_written, status from model_runs"
          + " where run_id = '%s'";
      assertThat(rows(f, String.format(runs, "flink")))
          .isEqualTo(rows(d, String.format(runs, "direct")))
          .hasSize(1);
    }
  }

  private static String columns(TableSchema table) {
    StringJoiner names = new StringJoiner(", ");
    for (Column c : table.columns()) {
      if (!SKIPPED.contains(c.name())) {
        names.add("\"" + c.name() + "\"");
      }
    }
    return names.toString();
  }
}
