package io.demandcast.pipelines.cli;

import static io.demandcast.pipelines.cli.CliRun.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.pipelines.cli.CliRun.Outcome;
import io.demandcast.pipelines.cli.ExportCommand.Format;
import io.demandcast.pipelines.cli.ExportCommand.Source;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demandcast export} on a small warehouse built here: run r1 (2 forecasts), run r2 (3
 * forecasts, the latest), and run r3, which failed and published nothing.
 */
class ExportCommandTest {
  private static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 1, 8, 0);

  @TempDir Path dir;
  private Path warehouse;
  private Path out;

  @BeforeEach
  void buildWarehouse() {
    warehouse = dir.resolve("w.duckdb");
    out = dir.resolve("exports");
    DuckDbWarehouse w = DuckDbWarehouse.open(warehouse);
    w.beginRun("r1", T0, "{}", "test");
    w.appendStaged("r1", CanonicalTables.DEMAND_FORECASTS,
        List.of(forecast("r1", "A", 1, 2.25), forecast("r1", "A", 2, 3.5)));
    w.appendStaged("r1", CanonicalTables.REJECTED_RECORDS, List.<Object[]>of(new Object[] {
        "r1", "erp_sales", "{\"sku\": \"Z\", \"quantity\": -1}", "negative quantity, \"-1\"",
        T0.plusSeconds(5), 1}));
    w.commitRun("r1", T0.plusMinutes(1), "{}", 10);
    w.beginRun("r2", T0.plusHours(1), "{}", "test");
    w.appendStaged("r2", CanonicalTables.DEMAND_FORECASTS, List.of(forecast("r2", "A", 1, 4.0),
        forecast("r2", "B", 1, 5.0), forecast("r2", "B", 2, 6.0)));
    w.commitRun("r2", T0.plusHours(1).plusMinutes(1), "{}", 10);
    w.beginRun("r3", T0.plusHours(2), "{}", "test");
    w.appendStaged("r3", CanonicalTables.DEMAND_FORECASTS,
        List.<Object[]>of(forecast("r3", "C", 1, 7.0)));
    w.failRun("r3", T0.plusHours(2).plusMinutes(1), "the source was gone");
    DuckDbConnections.closeAll();
  }

  @AfterEach
  void closeWarehouses() {
    DuckDbConnections.closeAll();
  }

  private static Object[] forecast(String runId, String sku, int horizon, double p90) {
    return new Object[] {runId, sku, "DC1", LocalDate.of(2026, 1, 1).plusMonths(horizon),
        horizon, p90 / 2, p90 / 4, p90 / 2, p90, "ets"};
  }

  private static List<CSVRecord> read(Path csv) throws IOException {
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .get().parse(in)) {
      return parser.getRecords();
    }
  }

  private static List<String> header(Path csv) throws IOException {
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().get().parse(in)) {
      return parser.getHeaderNames();
    }
  }

  private static List<String> column(List<CSVRecord> records, String name) {
    return records.stream().map(r -> r.get(name)).toList();
  }

  private List<String> filesInOut() throws IOException {
    try (Stream<Path> files = Files.list(out)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void givenTwoCompleteRunsAndAFailedOne_whenExported_thenOneCsvPerTableAndViewWithEveryCompleteRunsRows()
      throws Exception {
    Outcome r = execute("export", "--warehouse", warehouse.toString(), "--out", out.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> expected = new ArrayList<>();
    CanonicalTables.OUTPUTS.forEach(t -> expected.add(t.name() + ".csv"));
    DuckDbWarehouse.viewNames().forEach(v -> expected.add(v + ".csv"));
    assertThat(filesInOut()).as("one file per table and view, no temporary file left")
        .containsExactlyInAnyOrderElementsOf(expected).hasSize(19);

    Path forecasts = out.resolve("demand_forecasts.csv");
    assertThat(header(forecasts)).containsExactlyElementsOf(
        CanonicalTables.DEMAND_FORECASTS.columns().stream().map(io.demandcast.connectors.schema.Column::name).toList());
    List<CSVRecord> rows = read(forecasts);
    // the failed run r3 published nothing
    assertThat(column(rows, "run_id")).containsExactlyInAnyOrder("r1", "r1", "r2", "r2", "r2");
    assertThat(rows).filteredOn(x -> x.get("run_id").equals("r1") && x.get("horizon").equals("2"))
        .singleElement().satisfies(x -> {
          assertThat(Double.parseDouble(x.get("p90"))).isEqualTo(3.5);
          assertThat(Double.parseDouble(x.get("p10"))).isEqualTo(0.875);
          assertThat(x.get("period_start")).isEqualTo("2026-03-01");
        });

    List<CSVRecord> runs = read(out.resolve("model_runs.csv"));
    assertThat(column(runs, "status")).containsExactlyInAnyOrder("complete", "complete", "failed");
    CSVRecord r1 = runs.stream().filter(x -> x.get("run_id").equals("r1")).findFirst().orElseThrow();
    assertThat(r1.get("started_at")).isEqualTo("2026-01-01 08:00:00");
    assertThat(r1.get("message")).as("NULL is an empty cell").isEmpty();
    assertThat(runs).filteredOn(x -> x.get("run_id").equals("r3")).singleElement()
        .satisfies(x -> assertThat(x.get("message")).isEqualTo("the source was gone"));

    // quotes and commas inside a value survive the round trip
    assertThat(read(out.resolve("rejected_records.csv"))).singleElement().satisfies(x -> {
      assertThat(x.get("payload")).isEqualTo("{\"sku\": \"Z\", \"quantity\": -1}");
      assertThat(x.get("reason")).isEqualTo("negative quantity, \"-1\"");
    });

    // the views show the latest complete run, r2, not the failed r3
    assertThat(column(read(out.resolve("latest_forecasts.csv")), "run_id"))
        .containsExactly("r2", "r2", "r2");
    assertThat(column(read(out.resolve("latest_run.csv")), "run_id")).containsExactly("r2");

    assertThat(r.out()).contains("exported 19 tables and views of " + warehouse)
        .contains("(all runs, csv)").contains("latest complete run: r2")
        .containsPattern("(?m)^  demand_forecasts +5 rows  " + java.util.regex.Pattern.quote(
            forecasts.toString()) + "$")
        .containsPattern("(?m)^  latest_forecasts +3 rows  ")
        .containsPattern("(?m)^  latest_run +1 row   ");
  }

  @Test
  void givenRunsLatest_whenExportedOverAnEarlierExport_thenTheFilesHoldOnlyTheLatestRunsRows()
      throws Exception {
    assertThat(execute("export", "--warehouse", warehouse.toString(), "--out", out.toString())
        .exitCode()).isZero();
    assertThat(read(out.resolve("demand_forecasts.csv"))).hasSize(5);

    Outcome r = execute("export", "--warehouse", warehouse.toString(), "--out", out.toString(),
        "--runs", "latest", "--tables", "model_runs,demand_forecasts,rejected_records");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(column(read(out.resolve("demand_forecasts.csv")), "run_id"))
        .containsExactly("r2", "r2", "r2");
    assertThat(column(read(out.resolve("model_runs.csv")), "run_id")).containsExactly("r2");
    assertThat(read(out.resolve("rejected_records.csv"))).as("r2 rejected nothing").isEmpty();
    assertThat(header(out.resolve("rejected_records.csv"))).as("an empty table keeps its header")
        .contains("run_id", "payload", "reason");
    assertThat(r.out()).contains("exported 3 tables and views").contains("(latest complete run, csv)");
    assertThat(filesInOut()).hasSize(19);
  }

  @Test
  void givenParquet_whenExported_thenParquetFilesDuckDbReadsBack() throws Exception {
    Outcome r = execute("export", "--warehouse", warehouse.toString(), "--out", out.toString(),
        "--format", "parquet", "--tables", "demand_forecasts, LATEST_RUN");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(filesInOut()).containsExactly("demand_forecasts.parquet", "latest_run.parquet");
    Path file = out.resolve("demand_forecasts.parquet");
    byte[] bytes = Files.readAllBytes(file);
    assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
    assertThat(new String(bytes, bytes.length - 4, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
    try (Connection c = DuckDbConnections.open(dir.resolve("reader.duckdb"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*), sum(p90), min(period_start)::varchar"
            + " from read_parquet('" + file + "')")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(5);
      assertThat(rs.getDouble(2)).isEqualTo(2.25 + 3.5 + 4.0 + 5.0 + 6.0);
      assertThat(rs.getString(3)).isEqualTo("2026-02-01");
    }
  }

  @Test
  void givenWarehouse_whenExported_thenTheWarehouseFileIsUnchangedByteForByte() throws Exception {
    byte[] before = Files.readAllBytes(warehouse);

    Outcome r = execute("export", "--warehouse", warehouse.toString(), "--out", out.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(out.resolve("latest_run.csv")).exists();
    assertThat(Files.readAllBytes(warehouse)).isEqualTo(before);
  }

  @Test
  void givenPlainDuckDbFile_whenExported_thenExit2NotADemandcastWarehouseAndNothingWritten()
      throws Exception {
    Path plain = dir.resolve("plain.duckdb");
    try (Connection c = DuckDbConnections.open(plain); Statement s = c.createStatement()) {
      s.execute("create table t as select 1 as one");
    }
    DuckDbConnections.closeAll();
    byte[] before = Files.readAllBytes(plain);

    Outcome r = execute("export", "--warehouse", plain.toString(), "--out", out.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errFirstLine()).contains("plain.duckdb is not a demandcast warehouse")
        .contains("model_runs");
    assertThat(Files.readAllBytes(plain)).isEqualTo(before);
    assertThat(filesInOut()).isEmpty();
  }

  @Test
  void givenWarehouseWithoutAView_whenExported_thenExit2NamingItAndHowToAddIt() throws Exception {
    try (Connection c = DuckDbConnections.open(warehouse); Statement s = c.createStatement()) {
      s.execute("drop view service_by_class");
    }
    DuckDbConnections.closeAll();
    byte[] before = Files.readAllBytes(warehouse);

    Outcome r = execute("export", "--warehouse", warehouse.toString(), "--out", out.toString());
    Outcome some = execute("export", "--warehouse", warehouse.toString(), "--out", out.toString(),
        "--tables", "model_runs");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errFirstLine()).contains("lacks service_by_class").contains("--read-write");
    assertThat(Files.readAllBytes(warehouse)).isEqualTo(before);
    assertThat(some.exitCode()).as(some.err()).isZero();
    assertThat(filesInOut()).containsExactly("model_runs.csv");
  }

  @Test
  void givenUnknownTable_whenExported_thenExit2ListingTheValidNamesAndNoFile() {
    Outcome r = execute("export", "--warehouse", warehouse.toString(), "--out", out.toString(),
        "--tables", "demand_forecasts,demand_forcasts");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errFirstLine()).startsWith("demandcast: --tables: unknown table 'demand_forcasts'")
        .contains("the output tables are model_runs, demand_forecasts,")
        .contains("the views are latest_run, latest_forecasts,").contains("service_by_class");
    assertThat(out).doesNotExist();
    assertThat(r.out()).isEmpty();
  }

  @Test
  void givenMissingWarehouse_whenExported_thenExit2SayingToRunDemoFirstAndNothingCreated() {
    Path missing = dir.resolve("missing.duckdb");
    Outcome r = execute("export", "--warehouse", missing.toString(), "--out", out.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errFirstLine()).contains("no warehouse at").contains("missing.duckdb")
        .contains("demo first");
    assertThat(missing).doesNotExist();
    assertThat(out).doesNotExist();
  }

  @Test
  void givenUnknownFormat_whenExported_thenNonZeroExitNamingTheFormats() {
    Outcome r = execute("export", "--warehouse", warehouse.toString(), "--out", out.toString(),
        "--format", "xlsx");

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.errFirstLine()).contains("--format").contains("xlsx").contains("csv, parquet");
    assertThat(out).doesNotExist();
  }

  @Test
  void givenASourceThatFailsAfterOthersWereWritten_whenWritten_thenNoFileIsWrittenOrReplaced()
      throws Exception {
    Files.createDirectories(out);
    Path earlier = Files.writeString(out.resolve("demand_forecasts.csv"), "an earlier export\n");
    List<Source> sources = List.of(
        new Source("demand_forecasts", "select * from demand_forecasts"),
        new Source("model_runs", "select * from model_runs"),
        new Source("broken", "select error('planted failure') as x from model_runs"));

    try (Connection c = DuckDbConnections.open(warehouse)) {
      assertThatThrownBy(() -> ExportCommand.writeFiles(c, out, Format.csv, sources))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("exporting broken to " + out + " failed")
          .hasMessageContaining("planted failure")
          .hasMessageContaining("no file was written or replaced");
    }
    assertThat(filesInOut()).as("no temporary file left, no new file").containsExactly(
        "demand_forecasts.csv");
    assertThat(earlier).hasContent("an earlier export");
  }

  @Test
  void givenADirectoryWhereAFileGoes_whenExported_thenExit2NamingItAndNoFile() throws Exception {
    Files.createDirectories(out.resolve("latest_run.csv"));
    Outcome r = execute("export", "--warehouse", warehouse.toString(), "--out", out.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errFirstLine()).contains(out.resolve("latest_run.csv") + " is a directory");
    assertThat(filesInOut()).containsExactly("latest_run.csv");
  }

  @Test
  void givenHelp_whenPrinted_thenItNamesEveryViewTheDefaultExports() {
    CliRun.Outcome help = CliRun.execute("export", "--help");
    String text = help.out().replaceAll("\\s+", " ");
    for (String view : io.demandcast.connectors.duckdb.DuckDbWarehouse.viewNames()) {
      assertThat(text).as("export --help names " + view).contains(view);
    }
  }
}
