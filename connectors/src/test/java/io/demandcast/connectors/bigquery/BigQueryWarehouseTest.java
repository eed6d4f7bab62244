package io.demandcast.connectors.bigquery;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.demandcast.connectors.testing.BigQueryRestAnswers.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.google.cloud.NoCredentials;
import io.demandcast.connectors.OutputWarehouse;
import io.demandcast.connectors.testing.BigQueryRestAnswers;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.Column;
import io.demandcast.connectors.schema.ColumnType;
import io.demandcast.connectors.schema.TableSchema;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link BigQueryWarehouse}'s DDL, DML and queries, through Google's real BigQuery client, against
 * WireMock on the loopback interface. No GCP account is involved, and none of this runs against
 * real BigQuery: no local BigQuery server exists, so what is tested is the SQL the warehouse sends,
 * its parameters, the order of the calls, and how responses and errors are handled, not whether
 * BigQuery accepts and executes that SQL.
 *
 * <p>The endpoints are those the client (google-cloud-bigquery 2.x, {@code HttpBigQueryRpc}) calls,
 * read from its sources: {@code GET /bigquery/v2/projects/{p}/datasets/{d}} and {@code
 * .../tables/{t}}, {@code POST /bigquery/v2/projects/{p}/queries} (jobs.query: the client's fast
 * path for a query without a destination table), and, when that response has no schema (a DDL
 * statement or a script), {@code GET .../jobs/{id}} and {@code GET .../queries/{id}}
 * (jobs.getQueryResults). The responses are written by hand in the shape the BigQuery REST API
 * documents ({@code bigquery#dataset}, {@code bigquery#queryResponse}, {@code bigquery#job}, {@code
 * bigquery#getQueryResultsResponse}, and the {@code {"error": {...}}} body of an HTTP error), not
 * captured from BigQuery.
 */
class BigQueryWarehouseTest {
  private static final String PROJECT = BigQueryRestAnswers.PROJECT;
  private static final String DATASET = BigQueryRestAnswers.DATASET;
  private static final String BASE = BigQueryRestAnswers.BASE;
  /** A run id with characters that must never reach the SQL text: a quote, a hyphen, a space. */
  private static final String RUN_ID = "run-2024'05 01";

  @RegisterExtension
  static final WireMockExtension BQ =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  private BigQueryWarehouse warehouse;

  @BeforeEach
  void warehouse() {
    warehouse = new BigQueryWarehouse(new BigQueryDatasetName(PROJECT, DATASET),
        BigQueryWarehouse.client(PROJECT, NoCredentials.getInstance(),
            "http://127.0.0.1:" + BQ.getPort()));
  }

  // ---- hand-written responses ----------------------------------------------------------------

  private static void serve(Map<String, String> existing, Map<String, Long> counts) {
    BigQueryRestAnswers.serve(BQ, existing, counts);
  }

  private static List<JsonNode> queries() {
    return BigQueryRestAnswers.queries(BQ);
  }

  /** A script's statements: comment lines dropped, split where a line ends with a semicolon. */
  static List<String> statements(String script) {
    StringBuilder code = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.strip().startsWith("--")) {
        code.append(line).append('\n');
      }
    }
    return Arrays.stream(code.toString().split(";[ \t]*\n"))
        .map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /**
   * The named parameters of a jobs.query body: name to (type, value). The client sends them in no
   * particular order and without {@code parameterMode} (BigQuery infers NAMED from the names).
   */
  private static Map<String, List<String>> parameters(JsonNode query) {
    Map<String, List<String>> found = new LinkedHashMap<>();
    for (JsonNode p : query.path("queryParameters")) {
      JsonNode value = p.path("parameterValue").path("value");
      found.put(p.path("name").asText(), Arrays.asList(p.path("parameterType").path("type").asText(),
          value.isMissingNode() || value.isNull() ? null : value.asText()));
    }
    return found;
  }

  /** {@code stage_<hash of RUN_ID>_}: the staging tables' names without the output table's. */
  private static String stagePrefix() {
    TableSchema table = CanonicalTables.DEMAND_FORECASTS;
    String name = OutputWarehouse.stagingTable(RUN_ID, table);
    assertThat(name).matches("stage_[0-9a-f]{16}_demand_forecasts");
    return name.substring(0, name.length() - table.name().length());
  }

  private static String q(String table) {
    return "`acme-prod.demandcast." + table + "`";
  }

  // ---- tests ----------------------------------------------------------------------------------

  @Test
  void givenEmptyDataset_whenRunBegins_thenTablesViewsAndStagingCreatedThenRunRowReplacedInATransaction()
      throws Exception {
    serve(Map.of(), Map.of());

    warehouse.beginRun(RUN_ID, LocalDateTime.of(2024, 5, 1, 6, 0, 0), "{\"horizon\":12}", "0.1.0");

    List<JsonNode> sent = queries();
    assertThat(sent).hasSize(2);
    // 1. one DDL script: the output tables as BigQuerySchemas renders them, the views, the staging
    JsonNode ddl = sent.get(0);
    assertThat(ddl.path("useLegacySql").asBoolean(true)).isFalse();
    assertThat(ddl.path("location").asText()).isEqualTo("EU");
    assertThat(ddl.path("queryParameters").isMissingNode()).isTrue();
    List<String> statements = statements(ddl.path("query").asText());
    List<String> expected = new ArrayList<>();
    for (TableSchema table : CanonicalTables.OUTPUTS) {
      expected.add(BigQuerySchemas.createTable(table, "acme-prod.demandcast"));
      if (table == CanonicalTables.MODEL_RUNS) {
        // a model_runs of an older version gains the column added since
        expected.add("ALTER TABLE " + q("model_runs") + " ADD COLUMN IF NOT EXISTS `heartbeat_at`"
            + " DATETIME OPTIONS(description='" + table.column("heartbeat_at").orElseThrow()
                .description() + "')");
      }
    }
    assertThat(statements.subList(0, 8)).containsExactlyElementsOf(expected);
    assertThat(statements.subList(8, 20)).extracting(s -> s.lines().findFirst().orElseThrow())
        .containsExactly(
            "CREATE OR REPLACE VIEW " + q("latest_run") + " AS",
            "CREATE OR REPLACE VIEW " + q("latest_forecasts") + " AS",
            "CREATE OR REPLACE VIEW " + q("latest_explanations") + " AS",
            "CREATE OR REPLACE VIEW " + q("latest_accuracy") + " AS",
            "CREATE OR REPLACE VIEW " + q("latest_recommendations") + " AS",
            "CREATE OR REPLACE VIEW " + q("latest_rejected_records") + " AS",
            "CREATE OR REPLACE VIEW " + q("forecast_accuracy_by_model") + " AS",
            "CREATE OR REPLACE VIEW " + q("latest_policy_simulation") + " AS",
            "CREATE OR REPLACE VIEW " + q("service_by_class") + " AS",
            "CREATE OR REPLACE VIEW " + q("accuracy_trend") + " AS",
            "CREATE OR REPLACE VIEW " + q("reorder_now") + " AS",
            "CREATE OR REPLACE VIEW " + q("latest_order_explanations") + " AS");
    assertThat(statements.get(8)).contains("FROM " + q("model_runs"));
    List<String> staging = statements.subList(20, statements.size());
    assertThat(staging).hasSize(6);
    String stage = stagePrefix();
    assertThat(staging).extracting(s -> s.lines().findFirst().orElseThrow()).containsExactly(
        "CREATE OR REPLACE TABLE " + q(stage + "demand_forecasts") + " (",
        "CREATE OR REPLACE TABLE " + q(stage + "forecast_explanations") + " (",
        "CREATE OR REPLACE TABLE " + q(stage + "forecast_accuracy") + " (",
        "CREATE OR REPLACE TABLE " + q(stage + "inventory_recommendations") + " (",
        "CREATE OR REPLACE TABLE " + q(stage + "policy_simulation") + " (",
        "CREATE OR REPLACE TABLE " + q(stage + "rejected_records") + " (");
    assertThat(staging.get(5)).contains(
        "  `run_id` STRING NOT NULL,\n  `source` STRING NOT NULL,\n  `payload` STRING NOT NULL,\n"
            + "  `reason` STRING NOT NULL,\n  `ts` DATETIME NOT NULL,\n  `occurrence` INT64\n)\n"
            + "OPTIONS(expiration_timestamp = TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL 24 HOUR)");
    assertThat(ddl.path("query").asText()).doesNotContain("${dataset}");

    // 2. the run row, replaced in one transaction, every value a query parameter
    JsonNode run = sent.get(1);
    assertThat(statements(run.path("query").asText())).containsExactly(
        "BEGIN TRANSACTION",
        "DELETE FROM " + q("model_runs") + " WHERE run_id = @run_id",
        "INSERT INTO " + q("model_runs")
            + " (run_id, started_at, status, options, code_version, heartbeat_at)\n"
            + "VALUES (@run_id, @started_at, 'running', @options, @code_version, @started_at)",
        "COMMIT TRANSACTION");
    assertThat(parameters(run)).containsOnly(
        Map.entry("run_id", Arrays.asList("STRING", RUN_ID)),
        Map.entry("started_at", Arrays.asList("DATETIME", "2024-05-01 06:00:00.000000")),
        Map.entry("options", Arrays.asList("STRING", "{\"horizon\":12}")),
        Map.entry("code_version", Arrays.asList("STRING", "0.1.0")));
    assertThat(run.path("location").asText()).isEqualTo("EU");
    // the calls the client made: the dataset, each output table, and for each script (answered
    // without a schema) the job and its results
    BQ.verify(1, getRequestedFor(urlPathEqualTo(BASE + "/datasets/" + DATASET)));
    BQ.verify(7, getRequestedFor(urlPathMatching(BASE + "/datasets/" + DATASET + "/tables/.+")));
    BQ.verify(2, getRequestedFor(urlPathMatching(BASE + "/jobs/job_script")));
    BQ.verify(2, getRequestedFor(urlPathMatching(BASE + "/queries/job_script")));
    for (JsonNode query : sent) {
      assertThat(query.path("query").asText()).doesNotContain(RUN_ID).doesNotContain("2024'05");
    }
  }

  @Test
  void givenStagedRun_whenCommitted_thenOneTransactionReplacesEveryOutputThenCountsThenStagingDropped() {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("rejected_records", 2L);
    counts.put("demand_forecasts", 36L);
    counts.put("forecast_explanations", 360L);
    counts.put("forecast_accuracy", 9L);
    counts.put("inventory_recommendations", 3L);
    counts.put("policy_simulation", 6L);
    serve(Map.of(), counts);

    Map<String, Long> written = warehouse.commitRun(
        RUN_ID, LocalDateTime.of(2024, 5, 1, 6, 30, 15, 123_456_000), "{\"erp_sales\":{}}", 1200L);

    // in OUTPUTS order without model_runs, whatever order the query answered in
    assertThat(written).containsExactly(
        Map.entry("demand_forecasts", 36L), Map.entry("forecast_explanations", 360L),
        Map.entry("forecast_accuracy", 9L),
        Map.entry("inventory_recommendations", 3L), Map.entry("policy_simulation", 6L),
        Map.entry("rejected_records", 2L));
    List<JsonNode> sent = queries();
    assertThat(sent).hasSize(3);

    JsonNode commit = sent.get(0);
    List<String> statements = statements(commit.path("query").asText());
    String stage = stagePrefix();
    List<String> expected = new ArrayList<>();
    expected.add("ASSERT (SELECT COUNT(*) FROM " + q("model_runs") + " WHERE run_id = @run_id) > 0"
        + " AS 'the run has no model_runs row in bigquery://acme-prod/demandcast; was beginRun"
        + " called?'");
    expected.add("BEGIN TRANSACTION");
    for (TableSchema table : OutputWarehouse.stagedOutputs()) {
      String columns = String.join(", ",
          table.columnNames().stream().map(c -> "`" + c + "`").toList());
      String select = String.join(", ", table.columnNames().stream()
          .map(c -> c.equals("run_id") ? "@run_id" : "`" + c + "`").toList());
      expected.add("DELETE FROM " + q(table.name()) + " WHERE run_id = @run_id");
      expected.add("INSERT INTO " + q(table.name()) + " (" + columns + ")\nSELECT DISTINCT "
          + select + " FROM " + q(stage + table.name()));
    }
    assertThat(statements.subList(0, expected.size())).containsExactlyElementsOf(expected);
    assertThat(statements).hasSize(expected.size() + 2);
    assertThat(statements.get(expected.size()))
        .startsWith("UPDATE " + q("model_runs") + " SET status = 'complete',"
            + " finished_at = @finished_at, source_snapshot = @source_snapshot,"
            + " rows_read = @rows_read, rows_rejected = (SELECT COUNT(*) FROM "
            + q("rejected_records") + " WHERE run_id = @run_id), rows_written = (SELECT COUNT(*)"
            + " FROM " + q("demand_forecasts") + " WHERE run_id = @run_id) + ")
        .endsWith(" message = NULL WHERE run_id = @run_id");
    assertThat(statements.get(expected.size() + 1)).isEqualTo("COMMIT TRANSACTION");
    assertThat(parameters(commit)).containsOnly(
        Map.entry("run_id", Arrays.asList("STRING", RUN_ID)),
        Map.entry("finished_at", Arrays.asList("DATETIME", "2024-05-01 06:30:15.123456")),
        Map.entry("source_snapshot", Arrays.asList("STRING", "{\"erp_sales\":{}}")),
        Map.entry("rows_read", Arrays.asList("INT64", "1200")));

    JsonNode count = sent.get(1);
    assertThat(count.path("query").asText()).contains(
        "SELECT 'demand_forecasts' AS table_name, COUNT(*) AS row_count FROM "
            + q("demand_forecasts") + " WHERE run_id = @run_id\nUNION ALL\n");
    assertThat(parameters(count)).containsOnly(
        Map.entry("run_id", Arrays.asList("STRING", RUN_ID)));

    assertThat(statements(sent.get(2).path("query").asText())).containsExactly(
        "DROP TABLE IF EXISTS " + q(stage + "demand_forecasts"),
        "DROP TABLE IF EXISTS " + q(stage + "forecast_explanations"),
        "DROP TABLE IF EXISTS " + q(stage + "forecast_accuracy"),
        "DROP TABLE IF EXISTS " + q(stage + "inventory_recommendations"),
        "DROP TABLE IF EXISTS " + q(stage + "policy_simulation"),
        "DROP TABLE IF EXISTS " + q(stage + "rejected_records"));
    for (JsonNode query : sent) {
      assertThat(query.path("query").asText()).doesNotContain(RUN_ID).doesNotContain("2024'05");
    }
  }

  @Test
  void givenRun_whenFailed_thenRowMergedAsFailedWithTheMessageAndStagingDropped() {
    serve(Map.of(), Map.of());

    warehouse.failRun(RUN_ID, LocalDateTime.of(2024, 5, 1, 7, 0), "source 'erp_sales' unreadable");

    List<JsonNode> sent = queries();
    assertThat(sent).hasSize(2);
    assertThat(statements(sent.get(0).path("query").asText())).containsExactly(
        "MERGE " + q("model_runs") + " m\nUSING (SELECT @run_id AS run_id) s\n"
            + "ON m.run_id = s.run_id\n"
            + "WHEN MATCHED THEN UPDATE SET status = 'failed', finished_at = @finished_at,"
            + " message = @message\n"
            + "WHEN NOT MATCHED THEN INSERT (run_id, started_at, finished_at, status, message)\n"
            + "VALUES (@run_id, @finished_at, @finished_at, 'failed', @message)");
    assertThat(parameters(sent.get(0))).containsOnly(
        Map.entry("run_id", Arrays.asList("STRING", RUN_ID)),
        Map.entry("finished_at", Arrays.asList("DATETIME", "2024-05-01 07:00:00.000000")),
        Map.entry("message", Arrays.asList("STRING", "source 'erp_sales' unreadable")));
    assertThat(statements(sent.get(1).path("query").asText())).hasSize(6)
        .allMatch(s -> s.startsWith("DROP TABLE IF EXISTS `acme-prod.demandcast." + stagePrefix()));
  }

  @Test
  void givenMissingDataset_whenRunBegins_thenClearErrorNamingTheDatasetAndNothingSent() {
    BQ.stubFor(get(urlPathEqualTo(BASE + "/datasets/" + DATASET))
        .willReturn(error(404, "notFound", "Not found: Dataset acme-prod:demandcast")));

    assertThatThrownBy(() -> warehouse.beginRun(RUN_ID, LocalDateTime.of(2024, 5, 1, 6, 0), "{}", "0.1.0"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("BigQuery dataset bigquery://acme-prod/demandcast does not exist, or the"
            + " credentials cannot see it; create it (bq mk --dataset acme-prod:demandcast) or"
            + " correct the output URI");
    assertThat(queries()).isEmpty();
  }

  @Test
  void givenAccessDenied_whenCommitted_thenClearErrorNamingDatasetAndRolesWithoutRetrying() {
    serve(Map.of(), Map.of());
    BQ.stubFor(post(urlPathEqualTo(BASE + "/queries")).atPriority(1).willReturn(error(403,
        "accessDenied", "Access Denied: Table acme-prod:demandcast.model_runs: User does not have"
            + " permission to query table acme-prod:demandcast.model_runs.")));

    assertThatThrownBy(() -> warehouse.commitRun(RUN_ID, LocalDateTime.of(2024, 5, 1, 7, 0), "{}", 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("cannot commit run " + RUN_ID
            + " in BigQuery bigquery://acme-prod/demandcast: Access Denied: Table")
        .hasMessageEndingWith("; the credentials need BigQuery Data Editor on dataset"
            + " acme-prod:demandcast and BigQuery Job User on the project the jobs run in");
    // a permanent fault is not retried; nothing after the failed commit is sent
    assertThat(queries()).hasSize(1);
  }

  @Test
  void givenTransientUnavailable_whenFailed_thenTheClientRetriesTheQueryAndSucceeds() {
    serve(Map.of(), Map.of());
    BQ.stubFor(post(urlPathEqualTo(BASE + "/queries")).inScenario("flaky").atPriority(1)
        .whenScenarioStateIs(STARTED).willReturn(error(503, "backendError", "Backend error"))
        .willSetStateTo("recovered"));

    warehouse.failRun(RUN_ID, LocalDateTime.of(2024, 5, 1, 7, 0), "boom");

    List<JsonNode> sent = queries();
    // the MERGE twice (503, then done), then the drops
    assertThat(sent).hasSize(3);
    assertThat(sent.get(0).path("query").asText()).startsWith("MERGE ");
    assertThat(sent.get(1)).isEqualTo(sent.get(0));
    assertThat(sent.get(1).path("requestId").asText()).isNotEmpty();
  }

  @Test
  void givenOutputTableOfAnotherShape_whenRunBegins_thenRefusedNamingTableColumnsAndTypes() {
    // demand_forecasts with mean as STRING and without p90, as tables.get answers
    StringBuilder fields = new StringBuilder();
    for (Column column : CanonicalTables.DEMAND_FORECASTS.columns()) {
      if (column.name().equals("p90")) {
        continue;
      }
      String type = column.name().equals("mean") ? "STRING" : legacyType(column.type());
      fields.append(fields.length() == 0 ? "" : ", ").append("{\"name\": \"").append(column.name())
          .append("\", \"type\": \"").append(type).append("\", \"mode\": \"")
          .append(column.nullable() ? "NULLABLE" : "REQUIRED").append("\"}");
    }
    serve(Map.of("demand_forecasts", "{\"kind\": \"bigquery#table\", \"id\":"
        + " \"acme-prod:demandcast.demand_forecasts\", \"tableReference\": {\"projectId\":"
        + " \"acme-prod\", \"datasetId\": \"demandcast\", \"tableId\": \"demand_forecasts\"},"
        + " \"type\": \"TABLE\", \"schema\": {\"fields\": [" + fields + "]}}"), Map.of());

    assertThatThrownBy(() -> warehouse.beginRun(RUN_ID, LocalDateTime.of(2024, 5, 1, 6, 0), "{}", "0.1.0"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("BigQuery table bigquery://acme-prod/demandcast.demand_forecasts is not"
            + " demandcast's demand_forecasts: mean FLOAT64 (found STRING), p90 FLOAT64 (missing);"
            + " add or change the columns (ALTER TABLE), or drop the table and let demandcast"
            + " create it (sql/bigquery/tables.sql)");
    assertThat(queries()).isEmpty();
  }

  @Test
  void givenModelRunsOfAnOlderVersion_whenRunBegins_thenAcceptedAndHeartbeatColumnAdded() {
    // model_runs as the version before heartbeat_at created it
    StringBuilder fields = new StringBuilder();
    for (Column column : CanonicalTables.MODEL_RUNS.columns()) {
      if (column.name().equals("heartbeat_at")) {
        continue;
      }
      fields.append(fields.length() == 0 ? "" : ", ").append("{\"name\": \"").append(column.name())
          .append("\", \"type\": \"").append(legacyType(column.type())).append("\", \"mode\": \"")
          .append(column.nullable() ? "NULLABLE" : "REQUIRED").append("\"}");
    }
    serve(Map.of("model_runs", "{\"kind\": \"bigquery#table\", \"id\":"
        + " \"acme-prod:demandcast.model_runs\", \"tableReference\": {\"projectId\":"
        + " \"acme-prod\", \"datasetId\": \"demandcast\", \"tableId\": \"model_runs\"},"
        + " \"type\": \"TABLE\", \"schema\": {\"fields\": [" + fields + "]}}"), Map.of());

    warehouse.beginRun(RUN_ID, LocalDateTime.of(2024, 5, 1, 6, 0), "{}", "0.1.0");

    assertThat(statements(queries().get(0).path("query").asText())).contains(
        "ALTER TABLE " + q("model_runs") + " ADD COLUMN IF NOT EXISTS `heartbeat_at` DATETIME"
            + " OPTIONS(description='" + CanonicalTables.MODEL_RUNS.column("heartbeat_at")
                .orElseThrow().description() + "')");
  }

  @Test
  void givenRunningRun_whenHeartbeat_thenItsHeartbeatUpdatedWhileRunning() {
    serve(Map.of(), Map.of());

    warehouse.heartbeat(RUN_ID, LocalDateTime.of(2024, 5, 1, 6, 5));

    List<JsonNode> sent = queries();
    assertThat(sent).hasSize(1);
    assertThat(statements(sent.get(0).path("query").asText())).containsExactly(
        "UPDATE " + q("model_runs") + " SET heartbeat_at = @now"
            + " WHERE run_id = @run_id AND status = 'running'");
    assertThat(parameters(sent.get(0))).containsOnly(
        Map.entry("run_id", Arrays.asList("STRING", RUN_ID)),
        Map.entry("now", Arrays.asList("DATETIME", "2024-05-01 06:05:00.000000")));
  }

  @Test
  void givenRunsStillRunning_whenRecovered_thenOnlyThoseSilentBeyondTheLeaseFailedAndTheirStagingDropped() {
    serve(Map.of(), Map.of());
    // model_runs answers three running runs: silent since 06:00 (heartbeat), never beat since its
    // start at 05:30, and one that beat at 06:55; now is 07:00, the lease 10 minutes
    BQ.stubFor(post(urlPathEqualTo(BASE + "/queries"))
        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(
            "SELECT run_id, started_at, heartbeat_at FROM"))
        .atPriority(1).willReturn(BigQueryRestAnswers.json(200,
            "{\"kind\": \"bigquery#queryResponse\", \"jobReference\": "
                + BigQueryRestAnswers.jobReference("job_running") + ", \"jobComplete\": true,"
                + " \"totalRows\": \"3\", \"schema\": {\"fields\": ["
                + "{\"name\": \"run_id\", \"type\": \"STRING\", \"mode\": \"NULLABLE\"},"
                + " {\"name\": \"started_at\", \"type\": \"DATETIME\", \"mode\": \"NULLABLE\"},"
                + " {\"name\": \"heartbeat_at\", \"type\": \"DATETIME\", \"mode\": \"NULLABLE\"}]},"
                + " \"rows\": ["
                + "{\"f\": [{\"v\": \"killed\"}, {\"v\": \"2024-05-01T05:00:00\"},"
                + " {\"v\": \"2024-05-01T06:00:00.250000\"}]},"
                + " {\"f\": [{\"v\": \"oom\"}, {\"v\": \"2024-05-01T05:30:00\"}, {\"v\": null}]},"
                + " {\"f\": [{\"v\": \"alive\"}, {\"v\": \"2024-05-01T06:00:00\"},"
                + " {\"v\": \"2024-05-01T06:55:00\"}]}]}")));

    List<String> recovered = warehouse.recoverAbandonedRuns(LocalDateTime.of(2024, 5, 1, 7, 0));

    assertThat(recovered).containsExactly("killed", "oom");
    List<JsonNode> sent = queries();
    // the tables script, the query, then per run its UPDATE and its drops
    assertThat(sent).hasSize(6);
    assertThat(sent.get(1).path("query").asText()).isEqualTo("SELECT run_id, started_at,"
        + " heartbeat_at FROM " + q("model_runs") + " WHERE status = 'running'"
        + " ORDER BY started_at, run_id");
    for (int i = 0; i < 2; i++) {
      String runId = recovered.get(i);
      JsonNode update = sent.get(2 + 2 * i);
      assertThat(statements(update.path("query").asText())).containsExactly(
          "UPDATE " + q("model_runs") + " SET status = 'failed', finished_at = @finished_at,"
              + " message = @message WHERE run_id = @run_id AND status = 'running'");
      Map<String, List<String>> p = parameters(update);
      assertThat(p.get("run_id")).containsExactly("STRING", runId);
      assertThat(p.get("finished_at")).containsExactly("DATETIME", "2024-05-01 07:00:00.000000");
      assertThat(p.get("message").get(1))
          .startsWith("abandoned: found still running at 2024-05-01T07:00 UTC")
          .contains(i == 0 ? "no heartbeat since 2024-05-01T06:00:00.250 UTC"
              : "no heartbeat since 2024-05-01T05:30 UTC")
          .endsWith("its outputs were never published");
      List<String> drops = statements(sent.get(3 + 2 * i).path("query").asText());
      assertThat(drops).hasSize(12);
      for (TableSchema table : OutputWarehouse.stagedOutputs()) {
        assertThat(drops).contains(
            "DROP TABLE IF EXISTS " + q(OutputWarehouse.stagingTable(runId, table)),
            "DROP TABLE IF EXISTS " + q(OutputWarehouse.legacyStagingTable(runId, table)));
      }
    }
  }

  /** The legacy type name tables.get gives for a canonical type. */
  private static String legacyType(ColumnType type) {
    return switch (type) {
      case STRING -> "STRING";
      case INT32, INT64 -> "INTEGER";
      case DOUBLE -> "FLOAT";
      case BOOLEAN -> "BOOLEAN";
      case DATE -> "DATE";
      case TIMESTAMP -> "DATETIME";
    };
  }

  @Test
  void givenViewsResource_whenSubstituted_thenNoPlaceholderAndEveryTableQualified() {
    String views = BigQueryWarehouse.views(new BigQueryDatasetName(PROJECT, DATASET));
    assertThat(views).doesNotContain("${");
    Matcher from = Pattern.compile("(?:FROM|JOIN)\\s+(`[^`]+`|\\w+)").matcher(views);
    int references = 0;
    while (from.find()) {
      references++;
      String table = from.group(1);
      if (!table.equals("a")) { // the CTE of forecast_accuracy_by_model
        assertThat(table).startsWith("`acme-prod.demandcast.");
      }
    }
    assertThat(references).isGreaterThan(8);
  }
}
