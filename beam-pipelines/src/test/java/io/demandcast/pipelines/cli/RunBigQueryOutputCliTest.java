package io.demandcast.pipelines.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.demandcast.pipelines.MixedSourceFixture.readings;
import static io.demandcast.pipelines.MixedSourceFixture.sales;
import static io.demandcast.connectors.testing.BigQueryRestAnswers.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableRow;
import io.demandcast.connectors.Connectors;
import io.demandcast.connectors.bigquery.BigQueryConnector;
import io.demandcast.connectors.OutputWarehouse;
import io.demandcast.connectors.bigquery.BigQueryDatasetName;
import io.demandcast.connectors.bigquery.BigQuerySchemas;
import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.connectors.testing.BigQueryRestAnswers;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.Column;
import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.connectors.testing.FakeBigQuery;
import io.demandcast.pipelines.MixedSourceFixture;
import io.demandcast.pipelines.cli.CliRun.Outcome;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.jooq.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demandcast run --output bigquery://<project>/<dataset>}, the CLI and the job in-process,
 * with every source in a DuckDB file ({@code --source TABLE=duckdb:<file>#<table>}) and no GCP
 * account.
 *
 * <p>BigQuery is two stand-ins, as no local BigQuery server exists. The staged writes (BigQueryIO's
 * file loads) go to Beam's in-memory {@code FakeBigQueryServices} ({@link FakeBigQuery}), handed to
 * the job through {@code Connectors.loaded().with(BigQueryConnector.withServices(fake))}, with the
 * load files under a local {@code --tempLocation}; the staging tables the run's DDL would create are created in the fake
 * before the run (the writes are CREATE_NEVER). The warehouse's DDL, DML and queries go through
 * Google's real BigQuery client to WireMock on loopback, reached through Beam's {@code
 * --bigQueryEndpoint}, with no credentials ({@code --credentialFactoryClass=}{@link
 * NoCredentialsFactory}). WireMock's answers are written by hand in the shape the BigQuery REST API
 * documents ({@code bigquery#dataset}, {@code bigquery#queryResponse}, {@code bigquery#job}, {@code
 * bigquery#getQueryResultsResponse}, the {@code {"error": {...}}} body of an HTTP error), as in the
 * connectors' {@code BigQueryWarehouseTest}; they are not captured from BigQuery, and nothing here
 * checks that BigQuery would accept or execute the SQL sent.
 *
 * <p>What is checked: the staged forecasts and recommendations equal, value for value, those the
 * same run writes to a DuckDB warehouse; the run is published with a transaction whose run id is a
 * query parameter; a commit refused with 403 fails the command, names the dataset, and records the
 * run as failed.
 */
class RunBigQueryOutputCliTest {
  private static final String PROJECT = BigQueryRestAnswers.PROJECT;
  private static final String DATASET = BigQueryRestAnswers.DATASET;
  private static final String OUTPUT = "bigquery://" + PROJECT + "/" + DATASET;
  private static final String BASE = BigQueryRestAnswers.BASE;
  /** A run id with a hyphen, which the staging table names turn into {@code _}. */
  private static final String RUN_ID = "nightly-0630";

  @RegisterExtension
  static final WireMockExtension BQ =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  @TempDir Path dir;
  private FakeBigQuery bigQuery;
  private Path sources;

  @BeforeEach
  void setUp() throws Exception {
    bigQuery = FakeBigQuery.start(PROJECT, DATASET);
    setTestServices(bigQuery.services());
    sources = dir.resolve("sources.duckdb");
    MixedSourceFixture.loadItemsStockAndOrders(sources);
    DuckDbWarehouse.open(sources).replaceSourceTable(CanonicalTables.ERP_SALES, sales());
    DuckDbWarehouse.open(sources).replaceSourceTable(CanonicalTables.IOT_READINGS, readings());
    DuckDbConnections.closeAll();
  }

  @AfterEach
  void cleanUp() throws Exception {
    setTestServices(null);
    DuckDbConnections.closeAll();
  }

  private void setTestServices(BigQueryServices services) {
    connectors = services == null ? Connectors.loaded()
        : Connectors.loaded().with(BigQueryConnector.withServices(services));
  }

  /** How the CLI reaches BigQuery: through the fakes once a test sets them. */
  private Connectors connectors = Connectors.loaded();

  private Outcome execute(String... args) {
    return CliRun.executeWith(connectors, args);
  }

  private Outcome execute(List<String> args) {
    return execute(args.toArray(String[]::new));
  }

  // ---- the fake's staging tables -------------------------------------------------------------

  /** The run's staging tables as beginRun would create them (the writes are CREATE_NEVER). */
  private void createStagingTables() throws Exception {
    for (TableSchema table : OutputWarehouse.stagedOutputs()) {
      List<TableFieldSchema> fields = table.columns().stream()
          .map(c -> new TableFieldSchema().setName(c.name())
              .setType(BigQuerySchemas.type(c.type()))
              .setMode(c.nullable() ? "NULLABLE" : "REQUIRED"))
          .toList();
      bigQuery.table(new BigQueryDatasetName(PROJECT, DATASET)
          .table(OutputWarehouse.stagingTable(RUN_ID, table)).reference(), fields, List.of());
    }
  }

  private List<TableRow> staged(TableSchema table) throws Exception {
    return bigQuery.datasets().getAllRows(
        PROJECT, DATASET, OutputWarehouse.stagingTable(RUN_ID, table));
  }

  // ---- hand-written REST answers -------------------------------------------------------------

  /**
   * The dataset; every output table missing (404), so that beginRun creates them; every query done;
   * the count query answered with no rows.
   */
  private static void serve() {
    BigQueryRestAnswers.serve(BQ, Map.of(), Map.of());
  }

  private static List<JsonNode> queries() {
    return BigQueryRestAnswers.queries(BQ);
  }

  /** A jobs.query body's named parameters: name to value. */
  private static Map<String, String> parameters(JsonNode query) {
    Map<String, String> found = new LinkedHashMap<>();
    for (JsonNode p : query.path("queryParameters")) {
      found.put(p.path("name").asText(), p.path("parameterValue").path("value").asText());
    }
    return found;
  }

  // ---- the runs ------------------------------------------------------------------------------

  private List<String> runArgs() {
    List<String> args = new ArrayList<>(List.of("run",
        "--run-id", RUN_ID, "--horizon", "3", "--backtest-windows", "1",
        "--simulation-periods", "0", "--sku-shards", "2",
        "--reports", dir.resolve("reports").toString(),
        "--project=" + PROJECT, "--tempLocation=" + dir.resolve("bq-temp").toAbsolutePath(),
        "--bigQueryEndpoint=http://127.0.0.1:" + BQ.getPort(),
        "--credentialFactoryClass=" + NoCredentialsFactory.class.getName()));
    for (TableSchema table : CanonicalTables.SOURCES) {
      args.addAll(List.of("--source", table.name() + "=duckdb:" + sources + "#" + table.name()));
    }
    return args;
  }

  private List<String> bigQueryRunArgs() {
    List<String> args = runArgs();
    args.addAll(List.of("--output", OUTPUT));
    return args;
  }

  // ---- comparing values ----------------------------------------------------------------------

  /** A value as its canonical column's Java type, from a TableRow's text or DuckDB's object. */
  private static Object typed(Column column, Object value) {
    if (value == null) {
      return null;
    }
    String text = value.toString();
    return switch (column.type()) {
      case STRING -> text;
      case INT32 -> value instanceof Number n ? n.intValue() : Integer.valueOf(text);
      case INT64 -> value instanceof Number n ? n.longValue() : Long.valueOf(text);
      case DOUBLE -> value instanceof Number n ? n.doubleValue() : Double.valueOf(text);
      case BOOLEAN -> value instanceof Boolean b ? b : Boolean.valueOf(text);
      case DATE -> value instanceof LocalDate d ? d
          : value instanceof java.sql.Date d ? d.toLocalDate() : LocalDate.parse(text);
      case TIMESTAMP -> value instanceof LocalDateTime t ? t
          : value instanceof java.sql.Timestamp t ? t.toLocalDateTime()
          : value instanceof OffsetDateTime t ? t.toLocalDateTime()
          : LocalDateTime.parse(text.replace(' ', 'T'));
    };
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    return rows.stream().sorted(Comparator.comparing(Object::toString)).toList();
  }

  private List<List<Object>> stagedValues(TableSchema table) throws Exception {
    List<List<Object>> rows = new ArrayList<>();
    for (TableRow row : staged(table)) {
      List<Object> values = new ArrayList<>();
      for (Column column : table.columns()) {
        values.add(typed(column, row.get(column.name())));
      }
      rows.add(values);
    }
    return sorted(rows);
  }

  private static List<List<Object>> duckDbValues(Connection c, TableSchema table) {
    List<List<Object>> rows = new ArrayList<>();
    for (Record record : DuckDbWarehouse.dsl(c).fetch("select * from " + table.name())) {
      List<Object> values = new ArrayList<>();
      for (Column column : table.columns()) {
        values.add(typed(column, record.get(column.name())));
      }
      rows.add(values);
    }
    return sorted(rows);
  }

  // ---- tests ---------------------------------------------------------------------------------

  @Test
  void givenDuckDbSources_whenRunToBigQuery_thenSameRowsStagedAsInDuckDbAndPublishedInATransaction()
      throws Exception {
    // the same run, published to a DuckDB warehouse
    Path duckWarehouse = dir.resolve("duck.duckdb");
    List<String> duckArgs = runArgs();
    duckArgs.addAll(List.of("--warehouse", duckWarehouse.toString()));
    Outcome duck = execute(duckArgs);
    assertThat(duck.exitCode()).as(duck.err()).isZero();
    assertThat(queries()).as("the DuckDB run sends nothing to BigQuery").isEmpty();
    DuckDbConnections.closeAll();

    serve();
    createStagingTables();
    Outcome run = execute(bigQueryRunArgs());
    assertThat(run.exitCode()).as(run.err()).isZero();

    try (Connection c = DuckDbConnections.open(duckWarehouse)) {
      List<List<Object>> forecasts = stagedValues(CanonicalTables.DEMAND_FORECASTS);
      assertThat(forecasts).hasSize(2 * 3);
      assertThat(forecasts).isEqualTo(duckDbValues(c, CanonicalTables.DEMAND_FORECASTS));
      List<List<Object>> recommendations = stagedValues(CanonicalTables.INVENTORY_RECOMMENDATIONS);
      assertThat(recommendations).hasSize(2);
      assertThat(recommendations)
          .isEqualTo(duckDbValues(c, CanonicalTables.INVENTORY_RECOMMENDATIONS));
    }

    // the commit: one script with the transaction, the run id a parameter, never in the SQL
    List<JsonNode> sent = queries();
    List<JsonNode> commits = sent.stream()
        .filter(q -> q.path("query").asText().contains("SET status = 'complete'")).toList();
    assertThat(commits).hasSize(1);
    JsonNode commit = commits.get(0);
    assertThat(commit.path("query").asText())
        .contains("BEGIN TRANSACTION;").contains("COMMIT TRANSACTION;")
        .contains("INSERT INTO `acme-prod.demandcast.demand_forecasts`")
        .contains("FROM `acme-prod.demandcast." + io.demandcast.connectors.OutputWarehouse
            .stagingTable(RUN_ID, CanonicalTables.DEMAND_FORECASTS) + "`");
    assertThat(parameters(commit)).containsEntry("run_id", RUN_ID);
    for (JsonNode query : sent) {
      assertThat(query.path("query").asText()).doesNotContain(RUN_ID);
    }
    // nothing was recorded as failed
    assertThat(sent).noneMatch(q -> q.path("query").asText().contains("'failed'"));
    assertThat(run.out()).contains(OUTPUT);
  }

  @Test
  void givenCommitDenied_whenRunToBigQuery_thenNonZeroExitNamingTheDatasetAndRunRecordedFailed()
      throws Exception {
    serve();
    BQ.stubFor(post(urlPathEqualTo(BASE + "/queries"))
        .withRequestBody(containing("SET status = 'complete'")).atPriority(1)
        .willReturn(error(403, "accessDenied", "Access Denied: Table acme-prod:demandcast.model_runs:"
            + " User does not have permission to query table acme-prod:demandcast.model_runs.")));
    createStagingTables();

    Outcome run = execute(bigQueryRunArgs());

    assertThat(run.exitCode()).as(run.out()).isNotZero();
    assertThat(run.errFirstLine())
        .contains("cannot commit run " + RUN_ID + " in BigQuery " + OUTPUT)
        .contains("Access Denied");
    // the rows were staged, but the commit was refused: the run is recorded as failed
    assertThat(staged(CanonicalTables.DEMAND_FORECASTS)).hasSize(2 * 3);
    List<JsonNode> sent = queries();
    List<JsonNode> failed = sent.stream()
        .filter(q -> q.path("query").asText()
            .startsWith("MERGE `acme-prod.demandcast.model_runs` m"))
        .toList();
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).path("query").asText())
        .contains("WHEN MATCHED THEN UPDATE SET status = 'failed'");
    Map<String, String> parameters = parameters(failed.get(0));
    assertThat(parameters).containsEntry("run_id", RUN_ID);
    assertThat(parameters.get("message")).contains("cannot commit run " + RUN_ID);
    // the failure came after the refused commit, which was not retried
    List<String> order = sent.stream().map(q -> q.path("query").asText()).toList();
    int commitAt = -1;
    for (int i = 0; i < order.size(); i++) {
      if (order.get(i).contains("SET status = 'complete'")) {
        assertThat(commitAt).as("the commit is sent once").isEqualTo(-1);
        commitAt = i;
      }
    }
    assertThat(commitAt).isNotNegative();
    assertThat(order.indexOf(failed.get(0).path("query").asText())).isGreaterThan(commitAt);
  }
}
