package io.demandcast.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandcast.connectors.demo.DemoDataset;
import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.pipelines.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Executes the analysts' notebooks in {@code notebooks/} headless, as {@code jupyter nbconvert
 * --execute} does for a user, on files {@code demandcast export} wrote from a warehouse with two
 * runs of the job on the demo data (its {@value #SKUS} best-selling SKUs, so the test stays fast):
 * the first run on the sales without their last {@value #MONTHS_HELD_BACK} months, the second on
 * all of them, as two monthly runs would see the data. A cell that raises fails the test with
 * nbconvert's output; so does a notebook that drew no figure.
 *
 * <p>Needs Jupyter with pandas and matplotlib ({@code scripts/install-test-tools.sh}).
 * Everything it writes stays in {@code beam-pipelines/target/notebooks-it/} for inspection.
 */
class NotebooksIT {
  static final int SKUS = 60;
  static final int MONTHS_HELD_BACK = 3;
  private static final long NBCONVERT_TIMEOUT_SECONDS = 300;

  private static Path work;
  private static Path notebooks;
  private static Path exports;

  @BeforeAll
  static void buildWarehouseWithTwoRunsAndExport() throws IOException {
    Path basedir = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    notebooks = basedir.resolveSibling("notebooks");
    assertThat(notebooks.resolve("explore-latest-forecasts.ipynb")).exists();
    requireJupyter();
    work = basedir.resolve("target/notebooks-it");
    deleteRecursively(work);
    Files.createDirectories(work);

    Path warehouse = work.resolve("demo.duckdb");
    Map<TableSchema, List<Object[]>> demo = demoSubset();
    DuckDbWarehouse w = DuckDbWarehouse.open(warehouse);
    for (TableSchema table : CanonicalTables.SOURCES) {
      if (table != CanonicalTables.ERP_SALES) {
        w.replaceSourceTable(table, demo.get(table));
      }
    }
    List<Object[]> sales = demo.get(CanonicalTables.ERP_SALES);
    int date = CanonicalTables.ERP_SALES.columnNames().indexOf("date");
    LocalDate lastMonth = sales.stream().map(r -> (LocalDate) r[date])
        .max(Comparator.naturalOrder()).orElseThrow().withDayOfMonth(1);
    LocalDate cut = lastMonth.minusMonths(MONTHS_HELD_BACK - 1);
    w.replaceSourceTable(CanonicalTables.ERP_SALES,
        sales.stream().filter(r -> ((LocalDate) r[date]).isBefore(cut)).toList());
    DuckDbConnections.closeAll();
    run(warehouse, "nb-1");
    DuckDbWarehouse.open(warehouse).replaceSourceTable(CanonicalTables.ERP_SALES, sales);
    DuckDbConnections.closeAll();
    run(warehouse, "nb-2");

    exports = work.resolve("exports");
    CliRun.Outcome export = CliRun.execute("export", "--warehouse", warehouse.toString(),
        "--out", exports.toString());
    assertThat(export.exitCode()).as(export.err()).isZero();
  }

  @AfterAll
  static void close() {
    DuckDbConnections.closeAll();
  }

  /** The demo's source rows of its best-selling SKUs (rows without a SKU are all kept). */
  private static Map<TableSchema, List<Object[]>> demoSubset() {
    Map<TableSchema, List<Object[]>> tables = DemoDataset.read().tables();
    List<Object[]> sales = tables.get(CanonicalTables.ERP_SALES);
    int sku = CanonicalTables.ERP_SALES.columnNames().indexOf("sku");
    int quantity = CanonicalTables.ERP_SALES.columnNames().indexOf("quantity");
    Map<String, Double> units = new HashMap<>();
    for (Object[] r : sales) {
      units.merge((String) r[sku], r[quantity] == null ? 0.0 : (Double) r[quantity], Double::sum);
    }
    Set<String> kept = units.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed()
            .thenComparing(Map.Entry.comparingByKey()))
        .limit(SKUS).map(Map.Entry::getKey).collect(Collectors.toSet());
    Map<TableSchema, List<Object[]>> subset = new HashMap<>();
    tables.forEach((table, rows) -> {
      int column = table.columnNames().indexOf("sku");
      subset.put(table, column < 0 ? rows : rows.stream()
          .filter(r -> r[column] == null || kept.contains((String) r[column])).toList());
    });
    return subset;
  }

  private static void run(Path warehouse, String runId) {
    CliRun.Outcome r = CliRun.execute("run", "--warehouse", warehouse.toString(),
        "--run-id", runId, "--reports", work.resolve("reports").toString());
    assertThat(r.exitCode()).as(runId + ": " + r.err()).isZero();
  }

  @Test
  void givenTwoRuns_whenExploreNotebookExecuted_thenEveryCellRunsAndItDrawsFigures()
      throws Exception {
    JsonNode nb = execute("explore-latest-forecasts.ipynb", exports, "explore-latest-forecasts");
    assertThat(images(nb)).as("figures drawn").isGreaterThanOrEqualTo(3);
    assertThat(text(nb)).contains("nb-2").doesNotContain("nb-1");
  }

  @Test
  void givenTwoRuns_whenDriftNotebookExecuted_thenEveryCellRunsAndItComparesTheRuns()
      throws Exception {
    JsonNode nb = execute("accuracy-and-drift.ipynb", exports, "accuracy-and-drift");
    assertThat(images(nb)).as("figures drawn").isGreaterThanOrEqualTo(3);
    assertThat(text(nb)).contains("nb-1").contains("nb-2")
        .doesNotContainIgnoringCase("only one complete run");
  }

  @Test
  void givenOneRunOnly_whenDriftNotebookExecuted_thenItSaysSoInsteadOfFailing() throws Exception {
    Path oneRun = work.resolve("exports-one-run");
    CliRun.Outcome export = CliRun.execute("export", "--warehouse",
        work.resolve("demo.duckdb").toString(), "--out", oneRun.toString(), "--runs", "latest");
    assertThat(export.exitCode()).as(export.err()).isZero();

    JsonNode nb = execute("accuracy-and-drift.ipynb", oneRun, "accuracy-and-drift-one-run");
    assertThat(text(nb)).containsIgnoringCase("only one complete run").contains("nb-2");
    assertThat(images(nb)).as("the accuracy of the one run is still drawn").isGreaterThanOrEqualTo(1);
  }

  // ------------------------------------------------------------------ running nbconvert

  private static void requireJupyter() {
    String why;
    try {
      Process p = new ProcessBuilder("jupyter", "nbconvert", "--version")
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return;
      }
      why = "'jupyter nbconvert --version' failed: " + out.strip();
    } catch (IOException e) {
      why = "'jupyter' is not on the PATH (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      why = "interrupted";
    }
    fail(why + ". The notebook test needs Jupyter with pandas and matplotlib: run"
        + " scripts/install-test-tools.sh (Debian: jupyter-nbconvert python3-ipykernel"
        + " python3-pandas python3-matplotlib)");
  }

  /** Executes one notebook on the files in {@code exportDir}; returns the executed notebook. */
  private static JsonNode execute(String notebook, Path exportDir, String outputName)
      throws IOException, InterruptedException {
    Path outputDir = work.resolve("executed");
    ProcessBuilder pb = new ProcessBuilder("jupyter", "nbconvert", "--to", "notebook", "--execute",
        "--ExecutePreprocessor.timeout=" + NBCONVERT_TIMEOUT_SECONDS,
        "--output-dir", outputDir.toString(), "--output", outputName,
        notebooks.resolve(notebook).toString())
        .redirectErrorStream(true);
    pb.environment().put("DEMANDCAST_EXPORTS", exportDir.toString());
    pb.environment().put("MPLBACKEND", "Agg");
    Path log = work.resolve(outputName + ".nbconvert.log");
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    if (!p.waitFor(NBCONVERT_TIMEOUT_SECONDS + 60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("nbconvert did not finish " + notebook + " in time; its output:\n"
          + Files.readString(log));
    }
    String output = Files.readString(log);
    assertThat(p.exitValue()).as("nbconvert " + notebook + " exit code; its output:\n" + output)
        .isZero();
    JsonNode nb = new ObjectMapper().readTree(outputDir.resolve(outputName + ".ipynb").toFile());
    List<String> errors = new ArrayList<>();
    for (JsonNode cell : nb.path("cells")) {
      for (JsonNode o : cell.path("outputs")) {
        if (o.path("output_type").asText().equals("error")) {
          errors.add(o.path("ename").asText() + ": " + o.path("evalue").asText());
        }
      }
    }
    assertThat(errors).as(notebook + " cell errors").isEmpty();
    return nb;
  }

  /** PNG figures among the cells' outputs. */
  private static int images(JsonNode nb) {
    int n = 0;
    for (JsonNode cell : nb.path("cells")) {
      for (JsonNode o : cell.path("outputs")) {
        if (o.path("data").has("image/png") && !o.path("data").path("image/png").asText().isEmpty()) {
          n++;
        }
      }
    }
    return n;
  }

  /** Everything the cells printed or displayed as text. */
  private static String text(JsonNode nb) {
    StringBuilder s = new StringBuilder();
    for (JsonNode cell : nb.path("cells")) {
      for (JsonNode o : cell.path("outputs")) {
        appendText(s, o.path("text"));
        appendText(s, o.path("data").path("text/plain"));
        appendText(s, o.path("data").path("text/markdown"));
      }
    }
    return s.toString();
  }

  private static void appendText(StringBuilder s, JsonNode text) {
    if (text.isArray()) {
      text.forEach(line -> s.append(line.asText()));
    } else if (text.isTextual()) {
      s.append(text.asText());
    }
    s.append('\n');
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
