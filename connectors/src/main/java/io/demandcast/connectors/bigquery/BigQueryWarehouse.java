package io.demandcast.connectors.bigquery;

import static io.demandcast.connectors.OutputWarehouse.stagedOutputs;
import static io.demandcast.connectors.OutputWarehouse.stagingTable;

import com.google.api.client.http.HttpResponseException;
import com.google.auth.Credentials;
import com.google.cloud.BaseService;
import com.google.cloud.ExceptionHandler;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.Dataset;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldList;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.JobException;
import com.google.cloud.bigquery.JobId;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.Table;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.TableResult;
import io.demandcast.connectors.ActiveRuns;
import io.demandcast.connectors.OutputWarehouse;
import io.demandcast.connectors.Redaction;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.Column;
import io.demandcast.connectors.schema.TableSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.apache.beam.sdk.extensions.gcp.options.GcpOptions;
import org.apache.beam.sdk.extensions.gcp.util.gcsfs.GcsPath;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.CreateDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.Method;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.WriteDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryUtils;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A BigQuery dataset ({@code bigquery://<project>/<dataset>}) as the warehouse a run's outputs go
 * to: the output tables of {@code sql/bigquery/tables.sql} ({@link BigQuerySchemas}) and the views
 * of {@code sql/bigquery/views.sql}, both created when missing; the dataset must exist.
 *
 * <p>Publication, as {@link OutputWarehouse} requires:
 *
 * <ol>
 *   <li>{@link #beginRun}: checks the existing output tables for every canonical column in its
 *       BigQuery type ({@link BigQuerySchemas#type}); creates the missing tables, (re)creates the
 *       views and one staging table per output table ({@link #stagingTable}), which expires after
 *       {@link #STAGING_EXPIRATION}; then, in one transaction, replaces the run's {@code model_runs}
 *       row by a {@code running} one, which hides any earlier attempt of the same {@code run_id}
 *       from the {@code latest_*} views.
 *   <li>{@link #writeStaged}: the pipeline loads rows into the staging tables with {@link
 *       BigQueryIO} ({@link Method#FILE_LOADS}).
 *   <li>{@link #commitRun}: one multi-statement transaction deletes the run's earlier rows from every
 *       output table, inserts the {@code SELECT DISTINCT} of its staging table (a retried bundle's
 *       duplicates kept once) and marks the run {@code complete} with its counts; then the counts
 *       are read back and the staging dropped.
 *   <li>{@link #failRun}: the run's row becomes {@code failed} with the message (one {@code MERGE},
 *       so a run whose {@code beginRun} never wrote its row is recorded too); the staging is dropped.
 * </ol>
 *
 * <p>Atomic: the commit's transaction and {@link #beginRun}'s replacement of the {@code model_runs}
 * row. Not atomic, and idempotent instead: the DDL (BigQuery allows none in a transaction) and
 * dropping the staging (a failure is logged; the tables expire). A commit aborted by a concurrent
 * transaction on the same tables publishes nothing and can be committed again or re-run.
 *
 * <p>Values: timestamps are {@code DATETIME} in UTC. Every value from the caller is a query
 * parameter; only table names are put into SQL, restricted by {@link BigQueryDatasetName}, the
 * canonical schema and {@link #stagingTable} to letters, digits, {@code _}, {@code -}, {@code :}
 * and {@code .}, and quoted with backticks.
 *
 * <p>Errors: statements go through Google's {@link BigQuery} client, which retries transient faults
 * under its default {@code RetrySettings}; each query's request id makes a retry idempotent. {@link
 * #RETRY_DECISION} adds HTTP 500, 502, 503 and 504, which google-cloud-bigquery 2.55 does not retry
 * for queries (googleapis/java-bigquery#3668; for {@code getTable}
 * googleapis/google-cloud-java#12885); nothing here retries on its own, and BigQueryIO retries its
 * load jobs itself. A fault that is not transient (a missing dataset, 401, 403,
 * a failed statement) throws {@link IllegalStateException} naming the dataset and what to do; when
 * only the count query after a successful commit fails, {@link #commitRun} throws saying the run is
 * published.
 *
 * <p>Credentials: those of the given client; {@link #open} uses the pipeline's Google credentials
 * (application-default unless set otherwise). They need BigQuery Data Editor on the dataset and
 * BigQuery Job User on the project the client runs jobs in, and are never logged; {@link
 * #location()} holds none.
 */
public final class BigQueryWarehouse implements OutputWarehouse {
  /** The analysts' views, as a class-path resource (a copy of {@code sql/bigquery/views.sql}). */
  public static final String VIEWS_RESOURCE = "/demandcast/sql/bigquery/views.sql";

  /** How long a staging table lives after {@link #beginRun} creates it, unless dropped before. */
  public static final Duration STAGING_EXPIRATION = Duration.ofDays(1);

  /** A {@code DATETIME} query parameter's text, microseconds. */
  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);

  private static final Logger LOG = LoggerFactory.getLogger(BigQueryWarehouse.class);

  /**
   * Which failed calls the clients of {@link #client} retry: those google-cloud-bigquery retries
   * by default (network errors: connection refused or reset, unknown host; a {@code
   * BigQueryException} it deems retryable; rate limits, which it recognises by their message
   * elsewhere), and an HTTP 500, 502, 503 or 504 answer, which its default does not retry on most
   * calls. When and how often is the client's {@code RetrySettings}.
   */
  public static final ExceptionHandler RETRY_DECISION =
      ExceptionHandler.newBuilder()
          .abortOn(RuntimeException.class)
          .retryOn(java.net.ConnectException.class, java.net.UnknownHostException.class,
              java.net.SocketException.class)
          .addInterceptors(BaseService.EXCEPTION_HANDLER_INTERCEPTOR, new ServerErrors())
          .build();

  /**
   * Nullable columns later versions added to existing output tables, by table: an older table that
   * lacks them passes the check, and the tables script adds them ({@code ALTER TABLE ... ADD
   * COLUMN IF NOT EXISTS}).
   */
  static final Map<TableSchema, List<String>> ADDED_COLUMNS =
      Map.of(CanonicalTables.MODEL_RUNS, List.of("heartbeat_at"));

  private final BigQueryDatasetName dataset;
  private final BigQuery client;
  private final BigQueryServices writeServices;
  /** Whether {@link #ensureTables} succeeded on this instance. */
  private volatile boolean ensured;
  /** The dataset's location, once {@link #beginRun} or {@link #ensureTables} looked it up. */
  private volatile String datasetLocation;

  /**
   * The output warehouse in {@code dataset}, reached through {@code client} (see {@link #client}
   * and {@link #open}). The client's project is the one its jobs run in (and are billed to); it may
   * differ from the dataset's.
   *
   * @param dataset the dataset, which must exist
   * @param client the BigQuery client for DDL, DML and queries
   */
  public BigQueryWarehouse(BigQueryDatasetName dataset, BigQuery client) {
    this(dataset, client, null);
  }

  private BigQueryWarehouse(
      BigQueryDatasetName dataset, BigQuery client, BigQueryServices writeServices) {
    this.dataset = Objects.requireNonNull(dataset, "dataset");
    this.client = Objects.requireNonNull(client, "client");
    this.writeServices = writeServices;
  }

  /**
   * The warehouse in {@code dataset} with the credentials of {@code options} ({@link
   * GcpOptions#getGcpCredential()}: application-default credentials unless {@code --gcpCredential}
   * or impersonation say otherwise); its jobs run in the dataset's project. The client calls
   * Beam's {@code --bigQueryEndpoint} when it is set (the endpoint BigQueryIO uses too: a private
   * or regional endpoint, or a local stand-in in tests), else Google's.
   *
   * @param dataset the dataset, e.g. {@code BigQueryDatasetName.parse("bigquery://acme-prod/demandcast")}
   * @param options the pipeline's options
   */
  public static BigQueryWarehouse open(BigQueryDatasetName dataset, PipelineOptions options) {
    Credentials credentials = options.as(GcpOptions.class).getGcpCredential();
    String endpoint = options.as(org.apache.beam.sdk.io.gcp.bigquery.BigQueryOptions.class)
        .getBigQueryEndpoint();
    return new BigQueryWarehouse(dataset, client(dataset.project(), credentials,
        endpoint == null || endpoint.isBlank() ? null : endpoint));
  }

  /**
   * A Google BigQuery client with the library's default retry settings, retrying the faults of
   * {@link #RETRY_DECISION}.
   *
   * @param projectId the project jobs run in (and are billed to)
   * @param credentials the credentials; null for application-default credentials ({@code
   *     com.google.cloud.NoCredentials.getInstance()} for none, e.g. against a local stand-in)
   * @param host the REST endpoint's root, e.g. {@code http://127.0.0.1:8080}; null for Google's
   *     ({@code https://bigquery.googleapis.com})
   */
  public static BigQuery client(
      String projectId, Credentials credentials, String host) {
    com.google.cloud.bigquery.BigQueryOptions.Builder options =
        com.google.cloud.bigquery.BigQueryOptions.newBuilder()
            .setProjectId(Objects.requireNonNull(projectId, "projectId"))
            .setResultRetryAlgorithm(RETRY_DECISION);
    if (credentials != null) {
      options.setCredentials(credentials);
    }
    if (host != null) {
      options.setHost(host);
    }
    return options.build().getService();
  }

  /**
   * This warehouse with the staged writes ({@link #writeStaged}) going to {@code testServices}
   * instead of Google's, e.g. Beam's in-memory {@code FakeBigQueryServices}. For tests: the DDL and
   * queries still go through the {@link BigQuery} client.
   */
  public BigQueryWarehouse withTestServices(BigQueryServices testServices) {
    return new BigQueryWarehouse(
        dataset, client, Objects.requireNonNull(testServices, "testServices"));
  }

  /** The dataset: {@code bigquery://<project>/<dataset>}. */
  public BigQueryDatasetName dataset() {
    return dataset;
  }

  @Override
  public String location() {
    return dataset.toString();
  }

  /**
   * Checks the dataset, creates the output tables that are missing and (re)creates the views;
   * checks that existing output tables have every canonical column in its type.
   *
   * @throws IllegalStateException naming the dataset (or the table and its bad columns) and what to
   *     do, when the dataset does not exist or cannot be seen, a table is not demandcast's, or
   *     BigQuery refuses a statement
   */
  public void ensureTables() {
    checkDatasetAndTables();
    script("cannot create the output tables and views", tablesAndViews(), Map.of());
    ensured = true;
  }

  private void checkDatasetAndTables() {
    Dataset found = call("cannot read the dataset", () -> client.getDataset(dataset.id()));
    if (found == null) {
      throw new IllegalStateException(
          "BigQuery dataset " + location() + " does not exist, or the credentials cannot see it;"
              + " create it (bq mk --dataset " + dataset.project() + ":" + dataset.dataset()
              + ") or correct the output URI");
    }
    datasetLocation = found.getLocation();
    for (TableSchema table : CanonicalTables.OUTPUTS) {
      Table existing = call("cannot read table " + table.name(),
          () -> client.getTable(TableId.of(dataset.project(), dataset.dataset(), table.name())));
      if (existing != null) {
        checkOutputTable(table, existing);
      }
    }
  }

  private void checkOutputTable(TableSchema table, Table existing) {
    Schema schema = existing.getDefinition() == null ? null : existing.getDefinition().getSchema();
    FieldList fields = schema == null ? null : schema.getFields();
    Map<String, Field> byName = new LinkedHashMap<>();
    if (fields != null) {
      for (Field field : fields) {
        byName.put(field.getName().toLowerCase(Locale.ROOT), field);
      }
    }
    List<String> bad = new ArrayList<>();
    for (Column column : table.columns()) {
      String expected = BigQuerySchemas.type(column.type());
      Field field = byName.get(column.name());
      if (field == null && ADDED_COLUMNS.getOrDefault(table, List.of()).contains(column.name())) {
        continue; // added by the tables script
      }
      if (field == null) {
        bad.add(column.name() + " " + expected + " (missing)");
        continue;
      }
      String found = field.getType().getStandardType().name();
      if (field.getMode() == Field.Mode.REPEATED) {
        bad.add(column.name() + " " + expected + " (found ARRAY<" + found + ">)");
      } else if (!found.equals(expected)) {
        bad.add(column.name() + " " + expected + " (found " + found + ")");
      } else if (column.nullable() && field.getMode() == Field.Mode.REQUIRED) {
        bad.add(column.name() + " " + expected + " (found NOT NULL; demandcast writes NULLs to it)");
      }
    }
    if (!bad.isEmpty()) {
      throw new IllegalStateException(
          "BigQuery table " + dataset.table(table.name()) + " is not demandcast's " + table.name()
              + ": " + String.join(", ", bad) + "; add or change the columns (ALTER TABLE), or"
              + " drop the table and let demandcast create it (sql/bigquery/tables.sql)");
    }
  }

  /** The statements creating the missing output tables and (re)creating the views, as a script. */
  private String tablesAndViews() {
    StringBuilder sql = new StringBuilder();
    for (TableSchema table : CanonicalTables.OUTPUTS) {
      sql.append(BigQuerySchemas.createTable(table, dataset.qualified())).append(";\n");
      for (String name : ADDED_COLUMNS.getOrDefault(table, List.of())) {
        Column column = table.column(name).orElseThrow();
        sql.append("ALTER TABLE ").append(path(table.name())).append(" ADD COLUMN IF NOT EXISTS ")
            .append(BigQuerySchemas.identifier(name)).append(' ')
            .append(BigQuerySchemas.type(column.type())).append(" OPTIONS(description=")
            .append(BigQuerySchemas.stringLiteral(column.description())).append(");\n");
      }
    }
    sql.append(views(dataset));
    return sql.toString();
  }

  /**
   * The text of {@link #VIEWS_RESOURCE} with the dataset substituted: a GoogleSQL script of {@code
   * CREATE OR REPLACE VIEW} statements (with its comments).
   */
  static String views(BigQueryDatasetName dataset) {
    String script;
    try (InputStream in = BigQueryWarehouse.class.getResourceAsStream(VIEWS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(VIEWS_RESOURCE + " is missing from the class path");
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return script.replace(BigQuerySchemas.DATASET_PLACEHOLDER, dataset.qualified());
  }

  /** {@code CREATE OR REPLACE TABLE} of one staging table: the output table's columns, expiring. */
  private String createStaging(String runId, TableSchema table) {
    StringJoiner columns = new StringJoiner(",\n  ", " (\n  ", "\n)");
    for (Column column : table.columns()) {
      columns.add(BigQuerySchemas.identifier(column.name()) + " "
          + BigQuerySchemas.type(column.type()) + (column.nullable() ? "" : " NOT NULL"));
    }
    return "CREATE OR REPLACE TABLE " + path(stagingTable(runId, table)) + columns
        + "\nOPTIONS(expiration_timestamp = TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL "
        + STAGING_EXPIRATION.toHours() + " HOUR), description = "
        + BigQuerySchemas.stringLiteral("demandcast staging of " + table.name()
            + " for one run; dropped when the run is committed or fails")
        + ")";
  }

  @Override
  public void beginRun(String runId, LocalDateTime startedAt, String optionsJson, String codeVersion) {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(startedAt, "startedAt");
    // after recoverAbandonedRuns, which did it, only the staging is left to create
    boolean fresh = !ensured;
    if (fresh) {
      checkDatasetAndTables();
    }
    StringBuilder ddl = new StringBuilder(fresh ? tablesAndViews() : "");
    for (TableSchema table : stagedOutputs()) {
      ddl.append('\n').append(createStaging(runId, table)).append(";\n");
    }
    script("cannot begin run " + runId + " (output tables, views, staging)", ddl.toString(),
        Map.of());
    String runs = path(CanonicalTables.MODEL_RUNS.name());
    Map<String, QueryParameterValue> parameters = new LinkedHashMap<>();
    parameters.put("run_id", QueryParameterValue.string(runId));
    parameters.put("started_at", dateTime(startedAt));
    parameters.put("options", QueryParameterValue.string(optionsJson));
    parameters.put("code_version", QueryParameterValue.string(codeVersion));
    script("cannot begin run " + runId + " (model_runs)",
        "BEGIN TRANSACTION;\n"
            + "DELETE FROM " + runs + " WHERE run_id = @run_id;\n"
            + "INSERT INTO " + runs
            + " (run_id, started_at, status, options, code_version, heartbeat_at)\n"
            + "VALUES (@run_id, @started_at, 'running', @options, @code_version, @started_at);\n"
            + "COMMIT TRANSACTION;\n",
        parameters);
    ActiveRuns.add(location(), runId);
  }

  /** Sets the run's {@code heartbeat_at} to {@code now} while its status is {@code running}. */
  @Override
  public void heartbeat(String runId, LocalDateTime now) {
    Map<String, QueryParameterValue> parameters = new LinkedHashMap<>();
    parameters.put("run_id", QueryParameterValue.string(runId));
    parameters.put("now", dateTime(now));
    script("cannot record the heartbeat of run " + runId,
        "UPDATE " + path(CanonicalTables.MODEL_RUNS.name()) + " SET heartbeat_at = @now"
            + " WHERE run_id = @run_id AND status = 'running'",
        parameters);
  }

  /**
   * Marks failed, and drops the staging of, every running run of {@code model_runs} whose
   * heartbeat ({@code heartbeat_at}, else {@code started_at}) is older than {@link #LEASE}, but
   * those this process runs: one query finds them, then one {@code UPDATE} per run (still only
   * while it is running) and the drops. Checks the dataset and creates the output tables first.
   */
  @Override
  public List<String> recoverAbandonedRuns(LocalDateTime now) {
    Objects.requireNonNull(now, "now");
    ensureTables();
    String runs = path(CanonicalTables.MODEL_RUNS.name());
    TableResult running = script("cannot look for abandoned runs",
        "SELECT run_id, started_at, heartbeat_at FROM " + runs
            + " WHERE status = 'running' ORDER BY started_at, run_id",
        Map.of());
    List<String> recovered = new ArrayList<>();
    for (FieldValueList row : running.iterateAll()) {
      String runId = row.get("run_id").getStringValue();
      LocalDateTime started = dateTimeValue(row.get("started_at"));
      LocalDateTime heartbeat = dateTimeValue(row.get("heartbeat_at"));
      if (ActiveRuns.contains(location(), runId)
          || !OutputWarehouse.isAbandoned(started, heartbeat, now, LEASE)) {
        continue;
      }
      Map<String, QueryParameterValue> parameters = new LinkedHashMap<>();
      parameters.put("run_id", QueryParameterValue.string(runId));
      parameters.put("finished_at", dateTime(now));
      parameters.put("message", QueryParameterValue.string(OutputWarehouse.abandonedMessage(now,
          "with no heartbeat since " + (heartbeat != null ? heartbeat : started)
              + " UTC (the lease is " + LEASE.toMinutes() + " minutes)")));
      script("cannot record abandoned run " + runId + " as failed",
          "UPDATE " + runs + " SET status = 'failed', finished_at = @finished_at,"
              + " message = @message WHERE run_id = @run_id AND status = 'running'",
          parameters);
      StringBuilder drop = new StringBuilder();
      for (TableSchema table : stagedOutputs()) {
        drop.append("DROP TABLE IF EXISTS ").append(path(stagingTable(runId, table))).append(";\n");
        drop.append("DROP TABLE IF EXISTS ")
            .append(path(OutputWarehouse.legacyStagingTable(runId, table))).append(";\n");
      }
      dropStaging(runId, drop.toString());
      recovered.add(runId);
    }
    return recovered;
  }

  /** A {@code DATETIME} value as BigQuery returns it ({@code 2024-05-01T10:00:00[.ffffff]}), or null. */
  private static LocalDateTime dateTimeValue(com.google.cloud.bigquery.FieldValue value) {
    if (value == null || value.isNull()) {
      return null;
    }
    return LocalDateTime.parse(value.getStringValue().replace(' ', 'T'));
  }

  /**
   * A pipeline step loading rows of {@code table} (its canonical schema) into the run's staging
   * table, with Beam's {@link BigQueryIO}: {@link Method#FILE_LOADS}, {@link
   * CreateDisposition#CREATE_NEVER} (the table is {@link #beginRun}'s), {@link
   * WriteDisposition#WRITE_APPEND}. Each {@link Row} becomes a {@code TableRow} through Beam's
   * {@link BigQueryUtils#toTableRow()}: DATE as {@code yyyy-MM-dd}, the canonical TIMESTAMP as a
   * DATETIME {@code yyyy-MM-ddTHH:mm:ss.SSSSSS} ({@code yyyy-MM-ddTHH:mm:ss} when it has no
   * fraction of a second), numbers and booleans as their decimal or {@code true}/{@code false}
   * text, a DOUBLE NaN or infinity as {@code NaN}, {@code Infinity}, {@code -Infinity} (which
   * BigQuery reads as FLOAT64), NULL as NULL.
   *
   * <p>Why file loads rather than streaming inserts: a load job is atomic and Beam names it
   * deterministically, so a retried bundle does not load its rows twice; loaded rows are in the
   * table's storage at once, where streamed rows sit in the streaming buffer (which DML and copy
   * jobs refuse for up to 90 minutes); loads cost nothing, streaming inserts are billed; and it is
   * BigQueryIO's default for a bounded input. The cost: the files go through Cloud Storage, so the
   * pipeline's {@code --tempLocation} must be a {@code gs://} path (checked when the step is
   * applied, before anything is written).
   *
   * @throws IllegalArgumentException when applied to a pipeline whose {@code --tempLocation} is not
   *     a {@code gs://} path (unless test services are set)
   */
  @Override
  public PTransform<PCollection<Row>, PDone> writeStaged(TableSchema table, String runId) {
    return new WriteStaged(dataset.table(stagingTable(runId, table)), table, writeServices);
  }

  @Override
  public Map<String, Long> commitRun(
      String runId, LocalDateTime finishedAt, String sourceSnapshotJson, long rowsRead) {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Map<String, QueryParameterValue> parameters = new LinkedHashMap<>();
    parameters.put("run_id", QueryParameterValue.string(runId));
    parameters.put("finished_at", dateTime(finishedAt));
    parameters.put("source_snapshot", QueryParameterValue.string(sourceSnapshotJson));
    parameters.put("rows_read", QueryParameterValue.int64(rowsRead));
    script("cannot commit run " + runId, commitScript(runId), parameters);
    ActiveRuns.remove(location(), runId);

    Map<String, Long> written = new LinkedHashMap<>();
    StringJoiner counts = new StringJoiner("\nUNION ALL\n");
    for (TableSchema table : stagedOutputs()) {
      written.put(table.name(), 0L);
      counts.add("SELECT " + BigQuerySchemas.stringLiteral(table.name())
          + " AS table_name, COUNT(*) AS row_count FROM " + path(table.name())
          + " WHERE run_id = @run_id");
    }
    // The run is published: a failure from here on must not reach the caller, whose failRun
    // would mark a complete run failed. Counts that cannot be read are reported as -1.
    try {
      TableResult result = script(
          "run " + runId + " is committed, but its row counts cannot be read",
          counts.toString(), Map.of("run_id", QueryParameterValue.string(runId)));
      for (FieldValueList row : result.iterateAll()) {
        written.put(row.get("table_name").getStringValue(), row.get("row_count").getLongValue());
      }
    } catch (RuntimeException e) {
      LOG.warn("{}; reporting its row counts as -1", e.getMessage());
      written.replaceAll((table, count) -> -1L);
    }
    dropStaging(runId);
    return written;
  }

  /**
   * The publishing script of a run: a check that the run has its {@code model_runs} row, then one
   * transaction replacing the run's rows of every output table by the distinct staged ones and
   * marking the run complete with its counts. Parameters: {@code @run_id}, {@code @finished_at},
   * {@code @source_snapshot}, {@code @rows_read}.
   */
  String commitScript(String runId) {
    String runs = path(CanonicalTables.MODEL_RUNS.name());
    StringBuilder sql = new StringBuilder();
    sql.append("ASSERT (SELECT COUNT(*) FROM ").append(runs)
        .append(" WHERE run_id = @run_id) > 0 AS ")
        .append(BigQuerySchemas.stringLiteral(
            "the run has no model_runs row in " + location() + "; was beginRun called?"))
        .append(";\n");
    sql.append("BEGIN TRANSACTION;\n");
    StringJoiner written = new StringJoiner(" + ");
    for (TableSchema table : stagedOutputs()) {
      String target = path(table.name());
      StringJoiner columns = new StringJoiner(", ");
      StringJoiner select = new StringJoiner(", ");
      for (Column column : table.columns()) {
        columns.add(BigQuerySchemas.identifier(column.name()));
        // the run's rows carry its id, whatever the staged rows say
        select.add(column.name().equals(BigQuerySchemas.RUN_ID)
            ? "@run_id" : BigQuerySchemas.identifier(column.name()));
      }
      sql.append("DELETE FROM ").append(target).append(" WHERE run_id = @run_id;\n");
      sql.append("INSERT INTO ").append(target).append(" (").append(columns).append(")\n")
          .append("SELECT DISTINCT ").append(select).append(" FROM ")
          .append(path(stagingTable(runId, table))).append(";\n");
      written.add("(SELECT COUNT(*) FROM " + target + " WHERE run_id = @run_id)");
    }
    sql.append("UPDATE ").append(runs).append(" SET status = 'complete',")
        .append(" finished_at = @finished_at,")
        .append(" source_snapshot = @source_snapshot,")
        .append(" rows_read = @rows_read,")
        .append(" rows_rejected = (SELECT COUNT(*) FROM ")
        .append(path(CanonicalTables.REJECTED_RECORDS.name())).append(" WHERE run_id = @run_id),")
        .append(" rows_written = ").append(written).append(",")
        .append(" message = NULL")
        .append(" WHERE run_id = @run_id;\n");
    sql.append("COMMIT TRANSACTION;\n");
    return sql.toString();
  }

  @Override
  public void failRun(String runId, LocalDateTime finishedAt, String message) {
    Objects.requireNonNull(runId, "runId");
    ActiveRuns.remove(location(), runId);
    Objects.requireNonNull(finishedAt, "finishedAt");
    String runs = path(CanonicalTables.MODEL_RUNS.name());
    Map<String, QueryParameterValue> parameters = new LinkedHashMap<>();
    parameters.put("run_id", QueryParameterValue.string(runId));
    parameters.put("finished_at", dateTime(finishedAt));
    parameters.put("message", QueryParameterValue.string(Redaction.redact(message)));
    script("cannot record run " + runId + " as failed",
        "MERGE " + runs + " m\n"
            + "USING (SELECT @run_id AS run_id) s\n"
            + "ON m.run_id = s.run_id\n"
            + "WHEN MATCHED THEN UPDATE SET status = 'failed', finished_at = @finished_at,"
            + " message = @message\n"
            + "WHEN NOT MATCHED THEN INSERT (run_id, started_at, finished_at, status, message)\n"
            + "VALUES (@run_id, @finished_at, @finished_at, 'failed', @message);\n",
        parameters);
    dropStaging(runId);
  }

  /** Drops the run's staging tables; a failure is logged (they expire by themselves). */
  private void dropStaging(String runId) {
    StringBuilder sql = new StringBuilder();
    for (TableSchema table : stagedOutputs()) {
      sql.append("DROP TABLE IF EXISTS ").append(path(stagingTable(runId, table))).append(";\n");
    }
    dropStaging(runId, sql.toString());
  }

  /** Runs the {@code DROP TABLE} script {@code sql}; a failure is logged (the tables expire). */
  private void dropStaging(String runId, String sql) {
    try {
      script("cannot drop the staging tables of run " + runId, sql, Map.of());
    } catch (IllegalStateException e) {
      LOG.warn("{}; they expire within {} hours", e.getMessage(), STAGING_EXPIRATION.toHours());
    }
  }

  /** {@code `<project>.<dataset>.<table>`}. */
  private String path(String table) {
    return BigQuerySchemas.identifier(dataset.qualified() + "." + table);
  }

  private static QueryParameterValue dateTime(LocalDateTime value) {
    return QueryParameterValue.dateTime(value.format(DATETIME));
  }

  /**
   * Runs a GoogleSQL statement or script (standard SQL) with named parameters, in the dataset's
   * location when known, and waits for it.
   */
  private TableResult script(
      String what, String sql, Map<String, QueryParameterValue> parameters) {
    QueryJobConfiguration.Builder config =
        QueryJobConfiguration.newBuilder(sql).setUseLegacySql(false);
    if (!parameters.isEmpty()) {
      config.setNamedParameters(parameters);
    }
    QueryJobConfiguration query = config.build();
    String where = datasetLocation;
    return call(what, () -> where == null
        ? client.query(query)
        : client.query(query, JobId.newBuilder().setLocation(where).build()));
  }

  @FunctionalInterface
  private interface Call<T> {
    T run() throws InterruptedException;
  }

  private <T> T call(String what, Call<T> call) {
    try {
      return call.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + " in BigQuery " + location() + ": interrupted", e);
    } catch (BigQueryException e) {
      throw new IllegalStateException(what + " in BigQuery " + location() + ": "
          + e.getMessage() + advice(e.getCode()), e);
    } catch (JobException e) {
      throw new IllegalStateException(what + " in BigQuery " + location() + ": "
          + e.getMessage(), e);
    }
  }

  /** What to do about an HTTP error, by its code; empty when there is nothing to say. */
  private String advice(int code) {
    return switch (code) {
      case 401 -> "; the credentials are missing or invalid: gcloud auth application-default"
          + " login, or set GOOGLE_APPLICATION_CREDENTIALS to a service-account key";
      case 403 -> "; the credentials need BigQuery Data Editor on dataset " + dataset.project()
          + ":" + dataset.dataset() + " and BigQuery Job User on the project the jobs run in";
      case 404 -> "; check that dataset " + dataset.project() + ":" + dataset.dataset()
          + " exists (bq mk --dataset) and that the credentials can see it; a staging table is"
          + " gone when the run outlived its expiration (" + STAGING_EXPIRATION.toHours()
          + " hours) or beginRun was not called";
      default -> "";
    };
  }

  /** Retries an HTTP 500, 502, 503 or 504 answer, which the client hands over untranslated. */
  private static final class ServerErrors implements ExceptionHandler.Interceptor {
    private static final long serialVersionUID = 1L;

    @Override
    public RetryResult beforeEval(Exception exception) {
      if (exception instanceof HttpResponseException http) {
        int code = http.getStatusCode();
        if (code == 500 || code == 502 || code == 503 || code == 504) {
          return RetryResult.RETRY;
        }
      }
      return RetryResult.CONTINUE_EVALUATION;
    }

    @Override
    public RetryResult afterEval(Exception exception, RetryResult retryResult) {
      return RetryResult.CONTINUE_EVALUATION;
    }
  }

  /** The step of {@link #writeStaged}. */
  private static final class WriteStaged extends PTransform<PCollection<Row>, PDone> {
    private final BigQueryTableName staging;
    private final BigQueryServices services;

    WriteStaged(BigQueryTableName staging, TableSchema table, BigQueryServices services) {
      super("Write " + table.name() + " to BigQuery staging");
      this.staging = staging;
      this.services = services;
    }

    @Override
    public PDone expand(PCollection<Row> rows) {
      if (services == null) {
        String temp = rows.getPipeline().getOptions().getTempLocation();
        try {
          GcsPath.fromUri(String.valueOf(temp));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "writing to BigQuery (" + staging + ") loads files through Cloud Storage: set"
                  + " --tempLocation=gs://<bucket>/<path> (it is " + temp + ")", e);
        }
      }
      BigQueryIO.Write<Row> write =
          BigQueryIO.<Row>write()
              .to(staging.reference())
              .withFormatFunction(BigQueryUtils.toTableRow())
              .withMethod(Method.FILE_LOADS)
              .withCreateDisposition(CreateDisposition.CREATE_NEVER)
              .withWriteDisposition(WriteDisposition.WRITE_APPEND);
      if (services != null) {
        write = write.withTestServices(services);
      }
      rows.apply("Load", write);
      return PDone.in(rows.getPipeline());
    }
  }
}
