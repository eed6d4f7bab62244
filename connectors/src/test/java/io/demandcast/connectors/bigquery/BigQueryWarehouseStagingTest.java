package io.demandcast.connectors.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableRow;
import com.google.cloud.NoCredentials;
import io.demandcast.connectors.OutputWarehouse;
import io.demandcast.connectors.testing.FakeBigQuery;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.Column;
import io.demandcast.connectors.schema.ColumnType;
import io.demandcast.connectors.schema.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link BigQueryWarehouse#writeStaged} on Beam's real BigQueryIO write path, against {@code
 * FakeBigQueryServices}, Beam's in-memory stand-in for BigQuery (no GCP account, no local BigQuery
 * server): the file loads write newline-delimited JSON under the pipeline's (local) temp location,
 * the fake job service runs the load jobs into the fake dataset service's staging tables. What is
 * checked is the {@code TableRow} each canonical row becomes, as a load job would read it; not
 * that BigQuery accepts those values (its JSON loader's documented formats are cited in {@link
 * BigQueryWarehouse#writeStaged}), nor the load itself on Cloud Storage.
 */
class BigQueryWarehouseStagingTest {
  private static final String PROJECT = "acme-prod";
  private static final String DATASET = "demandcast";
  private static final String RUN_ID = "run-7";
  private static final Path TEMP = tempDir();

  @RegisterExtension
  final TestPipelineExtension pipelines = TestPipelineExtension.fromOptions(options());

  private FakeDatasetService datasets;
  private BigQueryWarehouse warehouse;

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("bq-load");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static PipelineOptions options() {
    return PipelineOptionsFactory.fromArgs(
            "--project=" + PROJECT, "--tempLocation=" + TEMP.toAbsolutePath())
        .create();
  }

  @BeforeEach
  void fakeBigQuery() throws Exception {
    FakeBigQuery bigQuery = FakeBigQuery.start(PROJECT, DATASET);
    datasets = bigQuery.datasets();
    FakeBigQueryServices services = bigQuery.services();
    // the DDL client is never called by writeStaged: it points at a closed port
    warehouse = new BigQueryWarehouse(new BigQueryDatasetName(PROJECT, DATASET),
        BigQueryWarehouse.client(PROJECT, NoCredentials.getInstance(), "http://127.0.0.1:9"))
        .withTestServices(services);
  }

  /** The staging table as beginRun creates it (the fake needs it: CREATE_NEVER). */
  private void stagingTable(TableSchema table) throws Exception {
    List<TableFieldSchema> fields = table.columns().stream()
        .map(c -> new TableFieldSchema().setName(c.name())
            .setType(BigQuerySchemas.type(c.type()))
            .setMode(c.nullable() ? "NULLABLE" : "REQUIRED"))
        .toList();
    datasets.createTable(new Table()
        .setTableReference(new BigQueryDatasetName(PROJECT, DATASET)
            .table(OutputWarehouse.stagingTable(RUN_ID, table)).reference())
        .setSchema(new com.google.api.services.bigquery.model.TableSchema().setFields(fields)));
  }

  private List<TableRow> staged(TableSchema table) throws Exception {
    return datasets.getAllRows(PROJECT, DATASET, OutputWarehouse.stagingTable(RUN_ID, table));
  }

  /** A TableRow's values by column, in the table's column order, NULL where the row has none. */
  private static Map<String, Object> values(TableSchema table, TableRow row) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (String column : table.columnNames()) {
      values.put(column, row.get(column));
    }
    return values;
  }

  private static Map<String, Object> expected(TableSchema table, Object... values) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      map.put(table.columnNames().get(i), values[i]);
    }
    return map;
  }

  @Test
  void givenRowsOfTwoOutputTables_whenStaged_thenLoadedAsTableRowsInBigQueryJsonForms(
      TestPipeline pipeline) throws Exception {
    TableSchema accuracy = CanonicalTables.FORECAST_ACCURACY;
    TableSchema rejected = CanonicalTables.REJECTED_RECORDS;
    stagingTable(accuracy);
    stagingTable(rejected);
    Row full = Row.withSchema(accuracy.beamSchema()).addValues(RUN_ID, "SKU-1", "DC \"North\"",
        "ets", 0.85, Double.NaN, 12.5, -0.25, Double.POSITIVE_INFINITY, 4, true, null,
        "{\"alpha\":0.3}", "{\"level\":10.0}", 36, "model").build();
    Row nulls = Row.withSchema(accuracy.beamSchema()).addValues(RUN_ID, "SKU-2", "DC1",
        "croston", null, null, null, null, null, 0, false, "it's \\ failed\nline 2", null, null,
        null, null).build();
    Row rejectedRow = Row.withSchema(rejected.beamSchema()).addValues(RUN_ID,
        "erp_sales (s3://b/sales.csv)", "{\"sku\":\"A\",\"qty\":\"x\"}", "quantity: 'x' is not a"
            + " number", LocalDateTime.of(2024, 5, 1, 6, 0, 1, 123_456_000), 1).build();
    Row wholeSecond = Row.withSchema(rejected.beamSchema()).addValues(RUN_ID, "iot", "{}",
        "too old", LocalDateTime.of(2024, 5, 1, 6, 0), null).build();

    pipeline.apply("Accuracy", Create.of(full, nulls).withRowSchema(accuracy.beamSchema()))
        .apply(warehouse.writeStaged(accuracy, RUN_ID));
    pipeline.apply("Rejected", Create.of(rejectedRow, wholeSecond)
            .withRowSchema(rejected.beamSchema()))
        .apply(warehouse.writeStaged(rejected, RUN_ID));
    pipeline.run().waitUntilFinish();

    List<TableRow> accuracyRows = staged(accuracy).stream()
        .sorted(Comparator.comparing(r -> (String) r.get("sku"))).toList();
    assertThat(accuracyRows).hasSize(2);
    assertThat(values(accuracy, accuracyRows.get(0))).containsExactlyEntriesOf(expected(accuracy,
        RUN_ID, "SKU-1", "DC \"North\"", "ets", "0.85", "NaN", "12.5", "-0.25", "Infinity", "4",
        "true", null, "{\"alpha\":0.3}", "{\"level\":10.0}", "36", "model"));
    assertThat(values(accuracy, accuracyRows.get(1))).containsExactlyEntriesOf(expected(accuracy,
        RUN_ID, "SKU-2", "DC1", "croston", null, null, null, null, null, "0", "false",
        "it's \\ failed\nline 2", null, null, null, null));

    List<TableRow> rejectedRows = staged(rejected).stream()
        .sorted(Comparator.comparing(r -> (String) r.get("source"))).toList();
    assertThat(rejectedRows).extracting(r -> values(rejected, r)).containsExactly(
        expected(rejected, RUN_ID, "erp_sales (s3://b/sales.csv)", "{\"sku\":\"A\",\"qty\":\"x\"}",
            "quantity: 'x' is not a number", "2024-05-01T06:00:01.123456", "1"),
        expected(rejected, RUN_ID, "iot", "{}", "too old", "2024-05-01T06:00:00", null));
  }

  /** A table of every canonical type (no staged output table has INT64). */
  private static final TableSchema ALL_TYPES = new TableSchema("all_types", TableSchema.Role.OUTPUT,
      "one row per s", List.of(
          Column.required("run_id", ColumnType.STRING, "run"),
          Column.optional("s", ColumnType.STRING, "text"),
          Column.optional("i", ColumnType.INT32, "INT32"),
          Column.optional("l", ColumnType.INT64, "INT64"),
          Column.optional("d", ColumnType.DOUBLE, "DOUBLE"),
          Column.optional("b", ColumnType.BOOLEAN, "BOOLEAN"),
          Column.optional("day", ColumnType.DATE, "DATE"),
          Column.optional("ts", ColumnType.TIMESTAMP, "TIMESTAMP")));

  @Test
  void givenEveryColumnType_whenStaged_thenEachInItsBigQueryJsonForm(TestPipeline pipeline)
      throws Exception {
    stagingTable(ALL_TYPES);
    Row row = Row.withSchema(ALL_TYPES.beamSchema()).addValues(RUN_ID, "x'y", -7,
        9007199254740993L, 1.0E-7, false, LocalDate.of(2024, 2, 29),
        LocalDateTime.of(2024, 12, 31, 23, 59, 59, 999_999_000)).build();

    pipeline.apply(Create.of(row).withRowSchema(ALL_TYPES.beamSchema()))
        .apply(warehouse.writeStaged(ALL_TYPES, RUN_ID));
    pipeline.run().waitUntilFinish();

    // INT64 as decimal text (no double rounding on the way through JSON), a double in Java's
    // shortest form, which BigQuery's JSON loader reads for FLOAT64
    assertThat(staged(ALL_TYPES)).extracting(r -> values(ALL_TYPES, r)).containsExactly(
        expected(ALL_TYPES, RUN_ID, "x'y", "-7", "9007199254740993", "1.0E-7", "false",
            "2024-02-29", "2024-12-31T23:59:59.999999"));
  }

  @Test
  void givenLocalTempLocationAndGoogleServices_whenApplied_thenRefusedNamingTheOption() {
    BigQueryWarehouse real = new BigQueryWarehouse(new BigQueryDatasetName(PROJECT, DATASET),
        BigQueryWarehouse.client(PROJECT, NoCredentials.getInstance(), "http://127.0.0.1:9"));
    TestPipeline pipeline = TestPipeline.fromOptions(options()).enableAbandonedNodeEnforcement(false);

    assertThatThrownBy(() -> pipeline
            .apply(Create.empty(CanonicalTables.REJECTED_RECORDS.beamSchema()))
            .apply(real.writeStaged(CanonicalTables.REJECTED_RECORDS, RUN_ID)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("writing to BigQuery (bigquery://acme-prod/demandcast."
            + OutputWarehouse.stagingTable(RUN_ID, CanonicalTables.REJECTED_RECORDS) + ")"
            + " loads files through Cloud Storage: set --tempLocation=gs://<bucket>/<path> (it is "
            + TEMP.toAbsolutePath() + ")");
  }
}
