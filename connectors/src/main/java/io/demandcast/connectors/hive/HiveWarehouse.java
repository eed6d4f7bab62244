package io.demandcast.connectors.hive;

import static io.demandcast.connectors.OutputWarehouse.stagedOutputs;
import static io.demandcast.connectors.OutputWarehouse.stagingTable;

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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;

/**
 * A Hive database as the warehouse a run's outputs go to, through HiveServer2 (Hive JDBC). The
 * output tables are those of {@code sql/hive/tables.sql} ({@link HiveSchemas}): ORC, each
 * partitioned by {@code run_id}; the analysts' views are {@code sql/hive/views.sql}. Both are
 * created when missing.
 *
 * <p>How a run is published (plain, non-transactional Hive tables: no UPDATE, no multi-statement
 * transaction), as {@link OutputWarehouse} requires:
 *
 * <ol>
 *   <li>{@link #beginRun}: the run's {@code model_runs} partition is replaced by one row with
 *       status {@code running}, which hides any earlier attempt of the same {@code run_id} from
 *       the {@code latest_*} views (they read complete runs only). One staging table per output
 *       table, {@code stage_<hash of run>_<table>}, is (re)created, partitioned by writer. While the
 *       run goes on, the job rewrites that row with a new {@code heartbeat_at} every minute
 *       ({@link #heartbeat}); a running run whose heartbeat is older than {@link #LEASE} is taken
 *       as abandoned by the next run's start ({@link #recoverAbandonedRuns}).
 *   <li>The pipeline's {@link #writeStaged} steps spread rows over {@value #WRITERS} shards,
 *       group each shard and append its rows in multi-row {@code INSERT ... VALUES} statements
 *       of at most {@value #ROWS_PER_INSERT} rows, each into a partition of its own, so that
 *       concurrent statements never share a directory. Before publishing, the job compares the
 *       staged row count ({@link #stagedRows}) with the rows the pipeline wrote.
 *   <li>{@link #commitRun}: for each output table, the run's partition is dropped and rewritten
 *       from {@code SELECT DISTINCT} over the staging table, the staging table dropped; then the
 *       {@code model_runs} partition is replaced by the complete row with the counts. Until that
 *       last statement the run is {@code running} and invisible; a crash in between leaves it so.
 *   <li>{@link #failRun}: staging dropped, {@code model_runs} row replaced with status {@code
 *       failed} and the message.
 * </ol>
 *
 * <p>Not supported: Hive ACID (transactional) output tables (their INSERT OVERWRITE semantics
 * differ); create the output tables as plain ORC tables, as {@code sql/hive/tables.sql} does.
 */
public final class HiveWarehouse implements OutputWarehouse {
  /** The analysts' views, as a class-path resource (a copy of {@code sql/hive/views.sql}). */
  public static final String VIEWS_RESOURCE = "/demandcast/sql/hive/views.sql";

  /** Rows per {@code INSERT ... VALUES} statement of the staged writes. */
  static final int ROWS_PER_INSERT = 1000;

  /** Statements of one output table's staged write that may run at the same time. */
  static final int WRITERS = 4;

  private final HiveJdbc jdbc;

  /** Whether {@link #ensureTables} succeeded on this instance. */
  private volatile boolean ensured;

  /** The output warehouse in {@code jdbc}'s database. */
  public HiveWarehouse(HiveJdbc jdbc) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
  }

  @Override
  public String location() {
    return jdbc.database().toString();
  }

  /** {@link #ensureTables} unless this instance did it already. */
  private void ensureTablesOnce() {
    if (!ensured) {
      ensureTables();
    }
  }

  private String database() {
    return jdbc.database().database();
  }

  /**
   * Creates the database, the output tables and the views when missing, and checks that existing
   * output tables have every canonical column.
   *
   * @throws IllegalStateException naming the table and the missing columns, or when the server
   *     fails
   */
  public void ensureTables() {
    ensured = false;
    // through the default database: a session cannot open in a database that does not exist yet
    try (Connection connection = jdbc.inDatabase("default").connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE IF NOT EXISTS `" + database() + "`");
      // the views name their tables unqualified: Hive qualifies them with the current database
      statement.execute("USE `" + database() + "`");
      for (TableSchema table : CanonicalTables.OUTPUTS) {
        statement.execute(HiveSchemas.createTable(table, database()));
        addNewColumns(connection, statement, table);
        checkOutputTable(connection, table);
      }
      for (String view : viewStatements()) {
        statement.execute(view);
      }
      ensured = true;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create the output tables in Hive database " + location() + ": " + e.getMessage(),
          e);
    }
  }

  /**
   * Adds to a table of an older version the nullable columns a newer one appended to its canonical
   * data columns (e.g. {@code model_runs.heartbeat_at}), with {@code ALTER TABLE ... ADD COLUMNS
   * ... CASCADE} (the partitions too; their files read NULL for them). Only when the table's
   * columns are the canonical ones, in name and type, up to those: run rows are written by
   * position.
   */
  private void addNewColumns(Connection connection, Statement statement, TableSchema table)
      throws SQLException {
    Map<String, String> types = columns(connection, table);
    HiveSchemas.partitionColumn(table).ifPresent(p -> types.remove(p.name()));
    List<String> found = new ArrayList<>();
    types.forEach((name, type) -> found.add(name + " " + type));
    List<Column> data = HiveSchemas.dataColumns(table);
    if (found.isEmpty() || found.size() >= data.size()) {
      return;
    }
    List<Column> missing = data.subList(found.size(), data.size());
    boolean prefix = data.subList(0, found.size()).stream()
        .map(c -> c.name() + " " + HiveSchemas.type(c.type()).toLowerCase(Locale.ROOT))
        .toList().equals(found);
    if (!prefix || !missing.stream().allMatch(Column::nullable)) {
      return; // checkOutputTable names what is wrong
    }
    StringJoiner add = new StringJoiner(", ", "(", ")");
    for (Column column : missing) {
      add.add("`" + column.name() + "` " + HiveSchemas.type(column.type()) + " COMMENT "
          + HiveSchemas.stringLiteral(column.description()));
    }
    statement.execute("ALTER TABLE " + qualified(table.name()) + " ADD COLUMNS " + add + " CASCADE");
  }

  /** The table's columns, lower case, in table order, with their types; empty when it is missing. */
  private Map<String, String> columns(Connection connection, TableSchema table) throws SQLException {
    Map<String, String> found = new LinkedHashMap<>();
    try (ResultSet columns = connection.getMetaData().getColumns(null, database(), table.name(), null)) {
      while (columns.next()) {
        // the name is a pattern, in which '_' matches any character: keep this table's rows only
        if (!columns.getString("TABLE_NAME").equalsIgnoreCase(table.name())) {
          continue;
        }
        found.put(columns.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
            columns.getString("TYPE_NAME").toLowerCase(Locale.ROOT));
      }
    }
    return found;
  }

  private void checkOutputTable(Connection connection, TableSchema table) throws SQLException {
    List<String> missing = new ArrayList<>();
    Map<String, String> found = columns(connection, table);
    for (Column column : table.columns()) {
      String type = found.get(column.name());
      // the type demandcast writes, exactly: a wider one would change what analysts read back
      if (type == null || !type.equals(HiveSchemas.type(column.type()).toLowerCase(Locale.ROOT))) {
        missing.add(column.name() + " " + HiveSchemas.type(column.type())
            + (type == null ? " (missing)" : " (found " + type.toUpperCase(Locale.ROOT) + ")"));
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "Hive table " + database() + "." + table.name() + " is not demandcast's " + table.name()
              + ": expected " + String.join(", ", missing) + "; add or fix the columns (ALTER TABLE"
              + " ... ADD COLUMNS / CHANGE COLUMN), or drop the table and let demandcast create it"
              + " (sql/hive/tables.sql)");
    }
  }

  /** The statements of {@link #VIEWS_RESOURCE}, comments removed, without semicolons. */
  static List<String> viewStatements() {
    String script;
    try (InputStream in = HiveWarehouse.class.getResourceAsStream(VIEWS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(VIEWS_RESOURCE + " is missing from the class path");
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      if (line.startsWith("--") || line.isBlank()) {
        continue;
      }
      current.append(line).append('\n');
      if (line.stripTrailing().endsWith(";")) {
        String sql = current.toString().strip();
        statements.add(sql.substring(0, sql.length() - 1));
        current.setLength(0);
      }
    }
    return statements;
  }

  @Override
  public void beginRun(String runId, LocalDateTime startedAt, String optionsJson, String codeVersion) {
    ensureTablesOnce();
    try (Connection connection = jdbc.connect(); Statement statement = connection.createStatement()) {
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("started_at", startedAt);
      run.put("status", "running");
      run.put("options", optionsJson);
      run.put("code_version", codeVersion);
      run.put("heartbeat_at", startedAt);
      writeRunRow(statement, runId, run);
      for (TableSchema table : stagedOutputs()) {
        String staging = qualified(stagingTable(runId, table));
        statement.execute("DROP TABLE IF EXISTS " + staging + " PURGE");
        StringJoiner columns = new StringJoiner(", ", "(", ")");
        for (Column column : HiveSchemas.dataColumns(table)) {
          columns.add("`" + column.name() + "` " + HiveSchemas.type(column.type()));
        }
        statement.execute("CREATE TABLE " + staging + " " + columns
            + " PARTITIONED BY (`writer` STRING) STORED AS ORC");
      }
      ActiveRuns.add(location(), runId);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot begin run " + runId + " in Hive " + location() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Replaces the run's {@code model_runs} partition by one row: {@code values} by column name, a
   * column not given is NULL.
   */
  private void writeRunRow(Statement statement, String runId, Map<String, Object> values)
      throws SQLException {
    TableSchema runs = CanonicalTables.MODEL_RUNS;
    StringJoiner select = new StringJoiner(", ");
    for (Column column : HiveSchemas.dataColumns(runs)) {
      select.add(HiveValues.literal(column, values.get(column.name())));
    }
    statement.execute("INSERT OVERWRITE TABLE " + qualified(runs.name())
        + " PARTITION (`run_id` = " + HiveSchemas.stringLiteral(runId) + ") SELECT " + select);
  }

  /**
   * The run's current {@code model_runs} row: {@code started_at}, {@code options}, {@code
   * code_version} by column name; empty when there is none.
   */
  private Optional<Map<String, Object>> runRow(Statement statement, String runId) throws SQLException {
    return runRowWithStatus(statement, runId).map(row -> {
      row.remove("status");
      return row;
    });
  }

  /** {@link #runRow} and its {@code status}. */
  private Optional<Map<String, Object>> runRowWithStatus(Statement statement, String runId)
      throws SQLException {
    try (ResultSet rs = statement.executeQuery("SELECT started_at, options, code_version, status"
        + " FROM " + qualified(CanonicalTables.MODEL_RUNS.name()) + " WHERE run_id = "
        + HiveSchemas.stringLiteral(runId))) {
      if (!rs.next()) {
        return Optional.empty();
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("started_at", HiveSource.value(
          CanonicalTables.MODEL_RUNS.column("started_at").orElseThrow(), rs.getObject(1)));
      row.put("options", rs.getString(2));
      row.put("code_version", rs.getString(3));
      row.put("status", rs.getString(4));
      return Optional.of(row);
    }
  }

  /**
   * Replaces the run's {@code model_runs} row by the same with {@code heartbeat_at = now}, while
   * its status is {@code running} (a run another process recovered stays failed).
   */
  @Override
  public void heartbeat(String runId, LocalDateTime now) {
    try (Connection connection = jdbc.connect(); Statement statement = connection.createStatement()) {
      Optional<Map<String, Object>> row = runRowWithStatus(statement, runId);
      if (row.isEmpty() || !"running".equals(row.get().get("status"))) {
        return;
      }
      row.get().put("heartbeat_at", now);
      writeRunRow(statement, runId, row.get());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record the heartbeat of run " + runId + " in Hive "
          + location() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Marks failed, and drops the staging of, every running run of {@code model_runs} whose
   * heartbeat ({@code heartbeat_at}, else {@code started_at}) is older than {@link #LEASE}, but
   * those this process runs. Creates the output tables first when missing.
   */
  @Override
  public List<String> recoverAbandonedRuns(LocalDateTime now) {
    ensureTablesOnce();
    TableSchema runs = CanonicalTables.MODEL_RUNS;
    Column timestamp = runs.column("started_at").orElseThrow();
    List<String> recovered = new ArrayList<>();
    try (Connection connection = jdbc.connect(); Statement statement = connection.createStatement()) {
      Map<String, LocalDateTime[]> running = new LinkedHashMap<>();
      try (ResultSet rs = statement.executeQuery("SELECT run_id, started_at, heartbeat_at FROM "
          + qualified(runs.name()) + " WHERE status = 'running' ORDER BY started_at, run_id")) {
        while (rs.next()) {
          running.put(rs.getString(1), new LocalDateTime[] {
              (LocalDateTime) HiveSource.value(timestamp, rs.getObject(2)),
              (LocalDateTime) HiveSource.value(timestamp, rs.getObject(3))});
        }
      }
      for (Map.Entry<String, LocalDateTime[]> run : running.entrySet()) {
        String runId = run.getKey();
        LocalDateTime started = run.getValue()[0];
        LocalDateTime heartbeat = run.getValue()[1];
        if (ActiveRuns.contains(location(), runId)
            || !OutputWarehouse.isAbandoned(started, heartbeat, now, LEASE)) {
          continue;
        }
        for (TableSchema table : stagedOutputs()) {
          statement.execute("DROP TABLE IF EXISTS " + qualified(stagingTable(runId, table)) + " PURGE");
          statement.execute("DROP TABLE IF EXISTS "
              + qualified(OutputWarehouse.legacyStagingTable(runId, table)) + " PURGE");
        }
        Map<String, Object> row = runRow(statement, runId).orElseGet(LinkedHashMap::new);
        row.putIfAbsent("started_at", started != null ? started : now);
        row.put("finished_at", now);
        row.put("status", "failed");
        row.put("heartbeat_at", heartbeat);
        row.put("message", OutputWarehouse.abandonedMessage(now, "with no heartbeat since "
            + (heartbeat != null ? heartbeat : started) + " UTC (the lease is "
            + LEASE.toMinutes() + " minutes)"));
        writeRunRow(statement, runId, row);
        recovered.add(runId);
      }
      return recovered;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot recover abandoned runs in Hive " + location()
          + (recovered.isEmpty() ? "" : " (recovered " + recovered + " before)") + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public PTransform<PCollection<Row>, PDone> writeStaged(TableSchema table, String runId) {
    return new WriteStaged(jdbc, table, runId);
  }

  /**
   * Counts the staging table's rows with a scan ({@code hive.compute.query.using.stats} off for the
   * statement's session where the server allows it: basic statistics would repeat what the
   * INSERTs believed they wrote, not what the table holds).
   */
  @Override
  public OptionalLong stagedRows(String runId, TableSchema table) {
    try (Connection connection = jdbc.connect(); Statement statement = connection.createStatement()) {
      try {
        statement.execute("SET hive.compute.query.using.stats=false");
      } catch (SQLException e) {
        // a server that restricts SET: the count may then come from statistics
      }
      try (ResultSet rs = statement.executeQuery(
          "SELECT count(*) FROM " + qualified(stagingTable(runId, table)))) {
        rs.next();
        return OptionalLong.of(rs.getLong(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count the staged rows of " + table.name()
          + " for run " + runId + " in Hive " + location() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Map<String, Long> commitRun(
      String runId, LocalDateTime finishedAt, String sourceSnapshotJson, long rowsRead) {
    try (Connection connection = jdbc.connect(); Statement statement = connection.createStatement()) {
      Map<String, Long> written = new LinkedHashMap<>();
      String partition = " PARTITION (`run_id` = " + HiveSchemas.stringLiteral(runId) + ")";
      for (TableSchema table : stagedOutputs()) {
        String staging = qualified(stagingTable(runId, table));
        StringJoiner columns = new StringJoiner(", ");
        for (Column column : HiveSchemas.dataColumns(table)) {
          columns.add("`" + column.name() + "`");
        }
        // dropped first: an INSERT OVERWRITE whose SELECT is empty may leave the old partition
        statement.execute("ALTER TABLE " + qualified(table.name()) + " DROP IF EXISTS" + partition
            + " PURGE");
        statement.execute("INSERT OVERWRITE TABLE " + qualified(table.name()) + partition
            + " SELECT DISTINCT " + columns + " FROM " + staging);
        long count;
        try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + qualified(table.name())
            + " WHERE `run_id` = " + HiveSchemas.stringLiteral(runId))) {
          rs.next();
          count = rs.getLong(1);
        }
        statement.execute("DROP TABLE IF EXISTS " + staging + " PURGE");
        written.put(table.name(), count);
      }
      long rejected = written.getOrDefault(CanonicalTables.REJECTED_RECORDS.name(), 0L);
      long total = written.values().stream().mapToLong(Long::longValue).sum();
      Map<String, Object> row = runRow(statement, runId).orElseThrow(() -> new IllegalStateException(
          "run " + runId + " has no model_runs row in " + location() + "; was beginRun called?"));
      row.put("finished_at", finishedAt);
      row.put("status", "complete");
      row.put("source_snapshot", sourceSnapshotJson);
      row.put("rows_read", rowsRead);
      row.put("rows_rejected", rejected);
      row.put("rows_written", total);
      writeRunRow(statement, runId, row);
      ActiveRuns.remove(location(), runId);
      return written;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot commit run " + runId + " in Hive " + location() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void failRun(String runId, LocalDateTime finishedAt, String message) {
    ActiveRuns.remove(location(), runId);
    try (Connection connection = jdbc.connect(); Statement statement = connection.createStatement()) {
      for (TableSchema table : stagedOutputs()) {
        statement.execute("DROP TABLE IF EXISTS " + qualified(stagingTable(runId, table)) + " PURGE");
      }
      Map<String, Object> row = runRow(statement, runId).orElseGet(LinkedHashMap::new);
      row.putIfAbsent("started_at", finishedAt);
      row.put("finished_at", finishedAt);
      row.put("status", "failed");
      row.put("message", Redaction.redact(message));
      writeRunRow(statement, runId, row);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot record run " + runId + " as failed in Hive " + location() + ": " + e.getMessage(),
          e);
    }
  }

  private String qualified(String table) {
    return "`" + database() + "`.`" + table + "`";
  }

  private static final class WriteStaged extends PTransform<PCollection<Row>, PDone> {
    private final HiveJdbc jdbc;
    private final TableSchema table;
    private final String runId;

    WriteStaged(HiveJdbc jdbc, TableSchema table, String runId) {
      super("Write " + table.name());
      this.jdbc = jdbc;
      this.table = table;
      this.runId = runId;
    }

    @Override
    public PDone expand(PCollection<Row> rows) {
      // WRITERS shards, each grouped (a plain GroupByKey: no state, timers or window expiry) and
      // written by one DoFn call in statements of ROWS_PER_INSERT rows, whatever the runner's
      // bundles: each INSERT costs HiveServer2 a query compilation and a job, so rows per
      // statement decide the write time; the shards run in parallel.
      rows.apply("Spread", ParDo.of(new SpreadFn()))
          .setCoder(KvCoder.of(VarIntCoder.of(), RowCoder.of(rows.getSchema())))
          .apply("Shard", GroupByKey.create())
          .apply("InsertStaged", ParDo.of(new InsertFn(jdbc, table, runId)));
      return PDone.in(rows.getPipeline());
    }
  }

  /** Keys each row with one of {@link #WRITERS} writer keys, at random. */
  private static final class SpreadFn extends DoFn<Row, KV<Integer, Row>> {
    @ProcessElement
    public void process(@Element Row row, OutputReceiver<KV<Integer, Row>> out) {
      out.output(KV.of(ThreadLocalRandom.current().nextInt(WRITERS), row));
    }
  }

  /**
   * Appends a shard's rows to the staging table in multi-row {@code INSERT ... VALUES} statements
   * of at most {@link #ROWS_PER_INSERT} rows, each into a partition of its own (a new writer id per
   * statement: concurrent statements never share a directory, and a retried shard adds partitions
   * whose rows the commit's {@code DISTINCT} drops).
   */
  private static final class InsertFn extends DoFn<KV<Integer, Iterable<Row>>, Void> {
    private final HiveJdbc jdbc;
    private final TableSchema table;
    private final String runId;
    private transient Connection connection;

    InsertFn(HiveJdbc jdbc, TableSchema table, String runId) {
      this.jdbc = jdbc;
      this.table = table;
      this.runId = runId;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<Row>> shard) throws SQLException {
      List<Row> rows = new ArrayList<>(ROWS_PER_INSERT);
      for (Row row : shard.getValue()) {
        rows.add(row);
        if (rows.size() == ROWS_PER_INSERT) {
          insert(rows);
          rows.clear();
        }
      }
      if (!rows.isEmpty()) {
        insert(rows);
      }
    }

    private void insert(List<Row> rows) throws SQLException {
      if (connection == null || connection.isClosed()) {
        connection = jdbc.connect();
      }
      String sql = HiveValues.insertValues(
          "`" + jdbc.database().database() + "`.`" + stagingTable(runId, table) + "`",
          "`writer` = " + HiveSchemas.stringLiteral(UUID.randomUUID().toString()),
          HiveSchemas.dataColumns(table), rows);
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql);
      } catch (SQLException e) {
        throw new SQLException("writing " + rows.size() + " rows of " + table.name()
            + " to Hive staging for run " + runId + " failed: " + e.getMessage(), e);
      }
    }

    @Teardown
    public void teardown() throws SQLException {
      if (connection != null) {
        connection.close();
      }
    }
  }
}
