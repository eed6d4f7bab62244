package io.demandcast.connectors.duckdb;

import static io.demandcast.connectors.OutputWarehouse.stagedOutputs;
import static io.demandcast.connectors.OutputWarehouse.stagingTable;

import io.demandcast.connectors.ActiveRuns;
import io.demandcast.connectors.OutputWarehouse;
import io.demandcast.connectors.Redaction;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.Column;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.TableSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The embedded DuckDB warehouse: one database file holding the canonical source tables, the output
 * tables and the analysts' views.
 *
 * <p>Writes of a run are staged: the job writes its output rows into per-run staging tables, and
 * {@link #commitRun} moves them into the output tables in one transaction, replacing any rows the
 * same {@code run_id} wrote before. A run that fails before the commit leaves nothing in the output
 * tables, and {@code model_runs} records it as failed. The views in {@code sql/duckdb/views.sql}
 * show the latest complete run only.
 */
public final class DuckDbWarehouse implements OutputWarehouse {
  /** Classpath location of the analysts' views, copied from {@code sql/duckdb/views.sql}. */
  public static final String VIEWS_RESOURCE = "/demandcast/sql/duckdb/views.sql";

  private final Path file;
  private final DuckDbConnections.Access access;

  private DuckDbWarehouse(Path file, DuckDbConnections.Access access) {
    this.file = file.toAbsolutePath().normalize();
    this.access = access;
  }

  /**
   * Opens the warehouse file, creating it, its output tables and its views when missing. Safe to
   * call on an existing warehouse: existing tables and their rows are kept. Source tables are
   * neither created nor altered: they are the user's (a missing nullable column is read as NULL,
   * a missing required one is reported by the read's table check, and an absent table that {@link
   * CanonicalTables#mayBeAbsent(TableSchema)} allows is read as empty); {@link
   * #replaceSourceTable} creates the one it loads. Output tables of an older version gain the newer
   * nullable columns.
   *
   * @param file the DuckDB database file
   * @throws IllegalStateException naming the file when it cannot be opened or set up
   */
  public static DuckDbWarehouse open(Path file) {
    DuckDbWarehouse warehouse = new DuckDbWarehouse(file, DuckDbConnections.Access.READ_WRITE);
    warehouse.createSchema(false);
    return warehouse;
  }

  /**
   * {@link #open}, and creates every canonical source table that is missing, empty: for the
   * commands that load all six themselves (the demo, synthetic data).
   */
  public static DuckDbWarehouse openWithSourceTables(Path file) {
    DuckDbWarehouse warehouse = new DuckDbWarehouse(file, DuckDbConnections.Access.READ_WRITE);
    warehouse.createSchema(true);
    return warehouse;
  }

  /**
   * The warehouse in {@code file} without setting anything up, for workers that only append to
   * tables {@link #open} and {@link #beginRun} created.
   */
  public static DuckDbWarehouse attach(Path file) {
    return new DuckDbWarehouse(file, DuckDbConnections.Access.READ_WRITE);
  }

  /**
   * The warehouse in {@code file} without setting anything up, its connections opened with {@code
   * access}: read-only for the commands that only read it ({@code sql}, {@code export}). Nothing is
   * written into the file then; the methods that write fail with DuckDB's read-only error.
   */
  public static DuckDbWarehouse attach(Path file, DuckDbConnections.Access access) {
    return new DuckDbWarehouse(file, Objects.requireNonNull(access, "access"));
  }

  /**
   * Whether the database behind {@code connection} is a demandcast warehouse: it has the {@code
   * model_runs} table in its main schema.
   */
  public static boolean isDemandcastWarehouse(Connection connection) throws SQLException {
    try (java.sql.Statement statement = connection.createStatement();
        java.sql.ResultSet rs = statement.executeQuery(
            "select count(*) from duckdb_tables() where database_name = current_database()"
                + " and schema_name = 'main' and table_name = 'model_runs'")) {
      rs.next();
      return rs.getLong(1) > 0;
    }
  }

  /** The database file, absolute. */
  public Path file() {
    return file;
  }

  /**
   * A new connection to this warehouse, opened with its {@link DuckDbConnections.Access}; the
   * caller closes it.
   */
  public Connection connect() {
    return DuckDbConnections.open(file, access);
  }

  /** A jOOQ context over {@code connection} in the DuckDB dialect. */
  public static DSLContext dsl(Connection connection) {
    return DSL.using(connection, SQLDialect.DUCKDB, DuckDbSchemas.settings());
  }

  private void createSchema(boolean sources) {
    try (Connection connection = connect()) {
      DSLContext dsl = dsl(connection);
      java.util.Set<String> existing = new java.util.HashSet<>();
      for (Record r : dsl.resultQuery(
          "select lower(table_name) from information_schema.tables").fetch()) {
        existing.add(r.get(0, String.class));
      }
      for (TableSchema table : CanonicalTables.ALL) {
        if (table.role() == TableSchema.Role.SOURCE
            && (!sources || existing.contains(table.name()))) {
          continue; // the user's table: read, never altered (no columns, no comments added)
        }
        List<String> create = DuckDbSchemas.createTable(table);
        dsl.execute(create.get(0));
        // an older version's table gains the newer nullable columns before they get comments
        for (String statement : DuckDbSchemas.addMissingColumns(table)) {
          dsl.execute(statement);
        }
        for (String statement : create.subList(1, create.size())) {
          dsl.execute(statement);
        }
      }
      for (String statement : viewStatements()) {
        dsl.execute(statement);
      }
    } catch (SQLException | org.jooq.exception.DataAccessException e) {
      throw new IllegalStateException(
          "cannot set up the warehouse " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The names of the analysts' views {@link #open} creates, in the order of {@code
   * sql/duckdb/views.sql} ({@code latest_run}, {@code latest_forecasts}, ...).
   */
  public static List<String> viewNames() {
    java.util.regex.Pattern name = java.util.regex.Pattern.compile(
        "(?i)^CREATE\\s+OR\\s+REPLACE\\s+VIEW\\s+(\\w+)");
    List<String> names = new ArrayList<>();
    for (String statement : viewStatements()) {
      java.util.regex.Matcher m = name.matcher(statement);
      if (m.find()) {
        names.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
      }
    }
    return List.copyOf(names);
  }

  /** The statements of {@code sql/duckdb/views.sql}, comments removed, one per element. */
  static List<String> viewStatements() {
    String script;
    try (InputStream in = DuckDbWarehouse.class.getResourceAsStream(VIEWS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + VIEWS_RESOURCE);
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StringBuilder withoutComments = new StringBuilder();
    for (String line : script.split("\n", -1)) {
      String trimmed = line.strip();
      if (!trimmed.startsWith("--")) {
        withoutComments.append(line).append('\n');
      }
    }
    List<String> statements = new ArrayList<>();
    for (String statement : withoutComments.toString().split(";")) {
      if (!statement.isBlank()) {
        statements.add(statement.strip());
      }
    }
    return statements;
  }

  /**
   * Replaces every row of a source table with {@code rows}, in one transaction.
   *
   * @param table a canonical source table
   * @param rows values in the canonical column order of {@code table} (a table of an older version
   *     may hold its columns in another order: they are matched by name): String, Integer, Long,
   *     Double, Boolean, LocalDate or LocalDateTime as the column type says, or null
   * @return the number of rows written
   */
  public long replaceSourceTable(TableSchema table, Iterable<Object[]> rows) {
    if (table.role() != TableSchema.Role.SOURCE) {
      throw new IllegalArgumentException(table.name() + " is not a source table");
    }
    try (Connection connection = connect()) {
      connection.setAutoCommit(false);
      try {
        DSLContext dsl = dsl(connection);
        // a missing table is created as the canonical one (opening a warehouse creates none)
        List<String> create = DuckDbSchemas.createTable(table);
        if (!hasTable(dsl, table.name())) {
          for (String statement : create) {
            dsl.execute(statement);
          }
        }
        // demandcast replaces the whole table here (demo, import): it may add the newer nullable
        // columns a table of an older version lacks, which opening a warehouse never does
        for (String statement : DuckDbSchemas.addMissingColumns(table)) {
          dsl.execute(statement);
        }
        dsl.deleteFrom(DuckDbSchemas.table(table.name())).execute();
        long written;
        if (columnsInOrder(dsl, table.name()).equals(table.columnNames())) {
          written = appendRows(connection, table, table.name(), rows.iterator());
        } else {
          // a table of an older version has the newer columns at its end, and the appender goes
          // by position: append to a table in the canonical order, then insert by name
          String load = "stage_load_" + table.name();
          dsl.dropTableIfExists(DuckDbSchemas.table(load)).execute();
          dsl.createTable(DuckDbSchemas.table(load)).columns(DuckDbSchemas.fields(table)).execute();
          written = appendRows(connection, table, load, rows.iterator());
          dsl.execute("insert into " + table.name() + " by name select * from " + load);
          dsl.dropTable(DuckDbSchemas.table(load)).execute();
        }
        connection.commit();
        return written;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("loading " + table.name() + " failed: " + e.getMessage(), e);
    }
  }

  /** Whether a table or view of this name exists (names match ignoring case, as DuckDB's do). */
  public boolean hasTable(String tableName) {
    try (Connection connection = connect()) {
      return hasTable(dsl(connection), tableName);
    } catch (SQLException | org.jooq.exception.DataAccessException e) {
      throw new IllegalStateException(
          "cannot read the tables of " + file + ": " + e.getMessage(), e);
    }
  }

  static boolean hasTable(DSLContext dsl, String tableName) {
    return dsl.resultQuery(
            "select 1 from information_schema.tables where table_schema = 'main'"
                + " and lower(table_name) = lower(?)",
            tableName)
        .fetchOptional()
        .isPresent();
  }

  /**
   * The columns of a table or view with their DuckDB types (upper case, as {@code
   * information_schema.columns} spells them), in table order; empty when there is no such table.
   */
  public Map<String, String> columns(String tableName) {
    Map<String, String> found = new LinkedHashMap<>();
    try (Connection connection = connect()) {
      for (Record r :
          dsl(connection)
              .resultQuery(
                  "select column_name, data_type from information_schema.columns "
                      + "where table_name = ? order by ordinal_position",
                  tableName)
              .fetch()) {
        found.put(r.get(0, String.class), r.get(1, String.class).toUpperCase(Locale.ROOT));
      }
    } catch (SQLException | org.jooq.exception.DataAccessException e) {
      throw new IllegalStateException(
          "cannot read the columns of " + tableName + " in " + file + ": " + e.getMessage(), e);
    }
    return found;
  }

  /** The number of rows of a table or view. */
  public long rowCount(String tableName) {
    try (Connection connection = connect()) {
      return dsl(connection).fetchCount(DSL.table(DSL.quotedName(tableName)));
    } catch (SQLException | org.jooq.exception.DataAccessException e) {
      throw new IllegalStateException(
          "cannot count the rows of " + tableName + " in " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Row-id ranges that split a table into parts of about {@code rowsPerRange} rows, for reading it
   * in parallel: {@code [from, to)} pairs covering every row id of the table, in order. A table
   * that fits in one range, and a view (which has no row ids), give one empty array, meaning the
   * whole relation.
   *
   * @param tableName a table or view of the main schema
   * @param rowsPerRange rows per range, &gt;= 1
   * @return at least one element
   * @throws IllegalArgumentException when {@code rowsPerRange} is below 1
   * @throws IllegalStateException naming the table when DuckDB cannot read it
   */
  public List<long[]> rowidRanges(String tableName, long rowsPerRange) {
    if (rowsPerRange < 1) {
      throw new IllegalArgumentException("rowsPerRange must be >= 1, was " + rowsPerRange);
    }
    try (Connection connection = connect()) {
      DSLContext dsl = dsl(connection);
      boolean table =
          dsl.resultQuery(
                  "select 1 from information_schema.tables where table_schema = 'main'"
                      + " and table_name = ? and table_type = 'BASE TABLE'",
                  tableName)
              .fetchOptional()
              .isPresent();
      if (!table) {
        return List.of(new long[0]);
      }
      var rowid = DSL.field(DSL.name("rowid"), Long.class);
      var bounds =
          dsl.select(DSL.count(), DSL.min(rowid), DSL.max(rowid))
              .from(DuckDbSchemas.table(tableName))
              .fetchOne();
      long rows = bounds.value1();
      if (rows <= rowsPerRange) {
        return List.of(new long[0]);
      }
      long min = bounds.value2();
      long max = bounds.value3();
      long parts = (rows + rowsPerRange - 1) / rowsPerRange;
      long width = (max - min + parts) / parts;
      List<long[]> ranges = new ArrayList<>();
      for (long from = min; from <= max; from += width) {
        ranges.add(new long[] {from, Math.min(from + width, max + 1)});
      }
      return ranges;
    } catch (SQLException | org.jooq.exception.DataAccessException e) {
      throw new IllegalStateException(
          "cannot count the rows of " + tableName + " in " + file + ": " + e.getMessage(), e);
    }
  }

  /** The columns of a table of the main schema, in table order. */
  private static List<String> columnsInOrder(DSLContext dsl, String tableName) {
    return dsl.resultQuery(
            "select column_name from information_schema.columns where table_schema = 'main'"
                + " and table_name = ? order by ordinal_position",
            tableName)
        .fetch()
        .getValues(0, String.class);
  }

  /**
   * Appends rows to {@code targetTable}, which has the columns of {@code schema} in order, with
   * DuckDB's appender, which is much faster for bulk appends than jOOQ INSERT statements (measured:
   * docs/scaling.md). The appender takes part in the connection's transaction.
   *
   * @param rows values in column order, typed as {@link #replaceSourceTable} says
   * @return the number of rows appended
   * @throws IllegalArgumentException naming the table and column when a value has the wrong type
   */
  static long appendRows(
      Connection connection, TableSchema schema, String targetTable, Iterator<Object[]> rows)
      throws SQLException {
    List<Column> columns = schema.columns();
    long written = 0;
    try (DuckDBAppender appender =
        connection.unwrap(DuckDBConnection.class).createAppender("main", targetTable)) {
      while (rows.hasNext()) {
        Object[] row = rows.next();
        if (row.length != columns.size()) {
          throw new IllegalArgumentException(
              targetTable + " expects " + columns.size() + " values per row, got " + row.length);
        }
        appender.beginRow();
        for (int i = 0; i < row.length; i++) {
          append(appender, targetTable, columns.get(i), row[i]);
        }
        appender.endRow();
        written++;
      }
    }
    return written;
  }

  private static void append(DuckDBAppender appender, String table, Column column, Object value)
      throws SQLException {
    if (value == null) {
      appender.appendNull();
      return;
    }
    try {
      switch (column.type()) {
        case STRING -> appender.append((String) value);
        case INT32 -> appender.append(((Integer) value).intValue());
        case INT64 -> appender.append(((Number) value).longValue());
        case DOUBLE -> appender.append(((Number) value).doubleValue());
        case BOOLEAN -> appender.append(((Boolean) value).booleanValue());
        case DATE -> appender.append((LocalDate) value);
        case TIMESTAMP -> appender.append((LocalDateTime) value);
      }
    } catch (ClassCastException e) {
      throw new IllegalArgumentException(
          table + "." + column.name() + " expects " + column.type() + ", got "
              + value.getClass().getSimpleName() + " " + value, e);
    }
  }

  /**
   * Checks that {@code tableName} exists with every column of {@code schema} in a compatible type
   * (only the columns {@link CanonicalTables#mayBeAbsent} allows may be missing).
   *
   * @return the names of the table's columns, in table order
   * @throws IllegalArgumentException naming the table, the column, the expected and the found type
   */
  public List<String> checkTable(String tableName, TableSchema schema) {
    return checkTable(tableName, schema, ColumnMapping.IDENTITY);
  }

  /**
   * Checks that {@code tableName} holds every column of {@code schema} under the name {@code
   * mapping} gives it, in a compatible type. A column that {@link CanonicalTables#mayBeAbsent}
   * allows may be missing unless it is mapped: a mapped column must exist. Column names match
   * ignoring case, as DuckDB's identifiers do.
   *
   * @param tableName the table in this warehouse
   * @param schema the canonical schema its rows are read as
   * @param mapping source column names of canonical columns; {@link ColumnMapping#IDENTITY} for none
   * @return the names of the table's columns, in table order
   * @throws IllegalArgumentException when the table does not exist, or naming the table, the
   *     column (and the canonical column it is mapped to), the expected and the found type, e.g.
   *     {@code table sales_history column sale_day (mapped to erp_sales.date): expected DATE, found
   *     VARCHAR}
   */
  public List<String> checkTable(String tableName, TableSchema schema, ColumnMapping mapping) {
    return inspect(tableName, schema, mapping).found();
  }

  /**
   * A checked table.
   *
   * @param found the table's columns, in table order
   * @param sources per column of the canonical schema, in its order, the table column it is read
   *     from (as the table spells it), or null when it is missing and reads as NULL
   */
  record Inspection(List<String> found, List<String> sources) {}

  /** {@link #checkTable(String, TableSchema, ColumnMapping)}, with where each column comes from. */
  Inspection inspect(String tableName, TableSchema schema, ColumnMapping mapping) {
    Map<String, String> found = columns(tableName);
    if (found.isEmpty()) {
      throw new IllegalArgumentException(
          "table " + tableName + " does not exist in the warehouse " + file);
    }
    List<ColumnProblem> problems = columnProblems(tableName, schema, found, mapping);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(problems.get(0).message());
    }
    List<String> sources = new ArrayList<>();
    for (Column column : schema.columns()) {
      sources.add(lookup(found, mapping.sourceColumn(schema, column.name())));
    }
    return new Inspection(List.copyOf(found.keySet()), Collections.unmodifiableList(sources));
  }

  /**
   * One column of a table that does not fit its canonical column.
   *
   * @param table the table as the warehouse names it
   * @param column the table column looked for (the canonical name, or the mapped one)
   * @param canonical the canonical column
   * @param mapped whether {@code column} comes from the column mapping
   * @param found the type found, or null when the column is missing
   * @param message the whole message, naming the table, the column (and the canonical column it is
   *     mapped to), the expected and the found type, or the columns the table has
   */
  public record ColumnProblem(
      String table, String column, Column canonical, boolean mapped, String found,
      String message) {
    /** Whether the column is missing (rather than of a type that cannot be read). */
    public boolean missing() {
      return found == null;
    }
  }

  /**
   * Every column of {@code schema} that {@code found} (a table's columns and DuckDB types) lacks
   * or holds in a type {@link DuckDbSchemas#readableAs} does not accept, in canonical column
   * order; empty when the table can be read. A column {@link CanonicalTables#mayBeAbsent} allows
   * may be missing unless it is mapped. Column names match ignoring case.
   */
  public static List<ColumnProblem> columnProblems(
      String tableName, TableSchema schema, Map<String, String> found, ColumnMapping mapping) {
    List<ColumnProblem> problems = new ArrayList<>();
    for (Column column : schema.columns()) {
      String wanted = mapping.sourceColumn(schema, column.name());
      boolean mapped = mapping.isMapped(schema, column.name());
      String expected = column.type().duckDbType();
      String name = lookup(found, wanted);
      if (name == null) {
        if (!mapped && CanonicalTables.mayBeAbsent(schema, column)) {
          continue;
        }
        problems.add(new ColumnProblem(tableName, wanted, column, mapped, null,
            "table " + tableName + " has no column " + wanted
                + (mapped
                    ? " (mapped to " + schema.name() + "." + column.name() + ", expected "
                        + expected + "); found columns " + found.keySet()
                        + "; fix the column mapping or the table"
                    : " (expected " + expected + "); found columns " + found.keySet()
                        + (schema.role() == TableSchema.Role.SOURCE
                            ? "; if the table holds it under another name, map "
                                + schema.name() + "." + column.name() + " to that column"
                            : ""))));
        continue;
      }
      String type = found.get(name);
      if (!DuckDbSchemas.readableAs(type, column.type())) {
        problems.add(new ColumnProblem(tableName, name, column, mapped, type,
            "table " + tableName + " column " + name
                + (mapped ? " (mapped to " + schema.name() + "." + column.name() + ")" : "")
                + ": expected " + expected + ", found " + type
                + (DuckDbSchemas.accepted(column.type()).equals(expected) ? ""
                    : " (accepted: " + DuckDbSchemas.accepted(column.type()) + ")")));
      }
    }
    return problems;
  }

  /** The key of {@code found} equal to {@code name}, else the one equal ignoring case, else null. */
  private static String lookup(Map<String, String> found, String name) {
    if (found.containsKey(name)) {
      return name;
    }
    return found.keySet().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst().orElse(null);
  }

  /**
   * Records a run as running in {@code model_runs} and creates its empty staging tables (dropping
   * leftovers of an earlier attempt with the same id). Call before the pipeline starts: the job's
   * write steps append to the staging tables.
   *
   * @param runId the run id; a re-run with the same id replaces that run's rows at commit
   * @param startedAt UTC start time
   * @param optionsJson the run's options as JSON, without credentials
   * @param codeVersion demandcast's version
   */
  @Override
  public void beginRun(String runId, LocalDateTime startedAt, String optionsJson, String codeVersion) {
    Objects.requireNonNull(runId, "runId");
    try (Connection connection = connect()) {
      dsl(connection)
          .transaction(
              config -> {
                DSLContext tx = config.dsl();
                tx.deleteFrom(DuckDbSchemas.table(CanonicalTables.MODEL_RUNS.name()))
                    .where(DSL.field(DSL.name("run_id")).eq(runId))
                    .execute();
                tx.insertInto(
                        DuckDbSchemas.table(CanonicalTables.MODEL_RUNS.name()),
                        DSL.field(DSL.name("run_id")),
                        DSL.field(DSL.name("started_at")),
                        DSL.field(DSL.name("status")),
                        DSL.field(DSL.name("options")),
                        DSL.field(DSL.name("code_version")))
                    .values(runId, startedAt, RunStatus.RUNNING.sql(), optionsJson, codeVersion)
                    .execute();
                for (TableSchema table : stagedOutputs()) {
                  String staging = stagingTable(runId, table);
                  tx.dropTableIfExists(DuckDbSchemas.table(staging)).execute();
                  tx.createTable(DuckDbSchemas.table(staging))
                      .columns(DuckDbSchemas.fields(table))
                      .execute();
                }
              });
      ActiveRuns.add(location(), runId);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot begin run " + runId + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String location() {
    return "duckdb:" + file;
  }

  @Override
  public PTransform<PCollection<Row>, PDone> writeStaged(TableSchema table, String runId) {
    return DuckDbIO.writeStaged(file, table, runId);
  }

  /**
   * Appends rows to a run's staging table.
   *
   * @param rows values in the table's column order
   * @return rows written
   */
  public long appendStaged(String runId, TableSchema table, Iterable<Object[]> rows) {
    try (Connection connection = connect()) {
      return appendRows(connection, table, stagingTable(runId, table), rows.iterator());
    } catch (SQLException e) {
      throw new IllegalStateException(
          "writing " + table.name() + " for run " + runId + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Publishes a run: in one transaction, replaces the run's rows in every output table by its staged
   * rows (exact duplicates, as a retried bundle may write, are kept once), drops the staging tables
   * and marks the run complete with its counts.
   *
   * @param runId the run
   * @param finishedAt UTC finish time
   * @param sourceSnapshotJson the source tables read, as JSON
   * @param rowsRead source rows read
   * @return rows written per output table
   */
  @Override
  public OptionalLong stagedRows(String runId, TableSchema table) {
    try (Connection connection = connect()) {
      return OptionalLong.of(dsl(connection).fetchCount(DuckDbSchemas.table(stagingTable(runId, table))));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count the staged rows of " + table.name()
          + " for run " + runId + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Map<String, Long> commitRun(
      String runId, LocalDateTime finishedAt, String sourceSnapshotJson, long rowsRead) {
    try (Connection connection = connect()) {
      Map<String, Long> published = dsl(connection)
          .transactionResult(
              config -> {
                DSLContext tx = config.dsl();
                Map<String, Long> written = new LinkedHashMap<>();
                for (TableSchema table : stagedOutputs()) {
                  String staging = stagingTable(runId, table);
                  tx.deleteFrom(DuckDbSchemas.table(table.name()))
                      .where(DSL.field(DSL.name("run_id")).eq(runId))
                      .execute();
                  // by name: a table of an older version has the newer columns at its end
                  long count =
                      tx.execute(
                          "insert into " + table.name() + " by name select distinct * from "
                              + staging);
                  tx.dropTable(DuckDbSchemas.table(staging)).execute();
                  written.put(table.name(), count);
                }
                long rejected = written.getOrDefault(CanonicalTables.REJECTED_RECORDS.name(), 0L);
                long total = written.values().stream().mapToLong(Long::longValue).sum();
                tx.update(DuckDbSchemas.table(CanonicalTables.MODEL_RUNS.name()))
                    .set(DSL.field(DSL.name("status")), RunStatus.COMPLETE.sql())
                    .set(DSL.field(DSL.name("finished_at")), finishedAt)
                    .set(DSL.field(DSL.name("source_snapshot")), sourceSnapshotJson)
                    .set(DSL.field(DSL.name("rows_read")), rowsRead)
                    .set(DSL.field(DSL.name("rows_rejected")), rejected)
                    .set(DSL.field(DSL.name("rows_written")), total)
                    .set(DSL.field(DSL.name("message")), (String) null)
                    .where(DSL.field(DSL.name("run_id")).eq(runId))
                    .execute();
                return written;
              });
      ActiveRuns.remove(location(), runId);
      return published;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot commit run " + runId + ": " + e.getMessage(), e);
    }
  }

  /**
   * Marks a run failed and drops its staging tables; the output tables keep none of its rows from
   * this attempt.
   */
  @Override
  public void failRun(String runId, LocalDateTime finishedAt, String message) {
    ActiveRuns.remove(location(), runId);
    try (Connection connection = connect()) {
      dsl(connection)
          .transaction(
              config -> {
                DSLContext tx = config.dsl();
                for (TableSchema table : stagedOutputs()) {
                  tx.dropTableIfExists(DuckDbSchemas.table(stagingTable(runId, table))).execute();
                }
                tx.update(DuckDbSchemas.table(CanonicalTables.MODEL_RUNS.name()))
                    .set(DSL.field(DSL.name("status")), RunStatus.FAILED.sql())
                    .set(DSL.field(DSL.name("finished_at")), finishedAt)
                    .set(DSL.field(DSL.name("message")), Redaction.redact(message))
                    .where(DSL.field(DSL.name("run_id")).eq(runId))
                    .execute();
              });
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record run " + runId + " as failed: " + e.getMessage(), e);
    }
  }

  /**
   * Marks failed every run {@code model_runs} holds as running but this process is not running,
   * and drops its staging tables (under {@link OutputWarehouse#stagingTable} and {@link
   * OutputWarehouse#legacyStagingTable} names), in one transaction. The file lock is the proof:
   * DuckDB lets one process open the file for writing, this process has it open (every method
   * here opens it so, and keeps it open until {@link DuckDbConnections#close}), so a run of another
   * process still marked running belongs to a process that is gone. Runs this process has begun
   * ({@link ActiveRuns}) are kept.
   */
  @Override
  public List<String> recoverAbandonedRuns(LocalDateTime now) {
    try (Connection connection = connect()) {
      return dsl(connection)
          .transactionResult(
              config -> {
                DSLContext tx = config.dsl();
                List<String> running =
                    tx.select(DSL.field(DSL.name("run_id"), String.class))
                        .from(DuckDbSchemas.table(CanonicalTables.MODEL_RUNS.name()))
                        .where(DSL.field(DSL.name("status")).eq(RunStatus.RUNNING.sql()))
                        .orderBy(DSL.field(DSL.name("started_at")), DSL.field(DSL.name("run_id")))
                        .fetch(DSL.field(DSL.name("run_id"), String.class));
                List<String> recovered = new ArrayList<>();
                for (String runId : running) {
                  if (ActiveRuns.contains(location(), runId)) {
                    continue;
                  }
                  for (TableSchema table : stagedOutputs()) {
                    tx.dropTableIfExists(DuckDbSchemas.table(stagingTable(runId, table))).execute();
                    tx.dropTableIfExists(
                        DuckDbSchemas.table(OutputWarehouse.legacyStagingTable(runId, table)))
                        .execute();
                  }
                  tx.update(DuckDbSchemas.table(CanonicalTables.MODEL_RUNS.name()))
                      .set(DSL.field(DSL.name("status")), RunStatus.FAILED.sql())
                      .set(DSL.field(DSL.name("finished_at")), now)
                      .set(DSL.field(DSL.name("message")), OutputWarehouse.abandonedMessage(now,
                          "while that run held the warehouse file, which DuckDB lets one process"
                              + " at a time open for writing"))
                      .where(DSL.field(DSL.name("run_id")).eq(runId))
                      .and(DSL.field(DSL.name("status")).eq(RunStatus.RUNNING.sql()))
                      .execute();
                  recovered.add(runId);
                }
                return recovered;
              });
    } catch (SQLException | org.jooq.exception.DataAccessException e) {
      throw new IllegalStateException(
          "cannot recover abandoned runs in " + file + ": " + e.getMessage(), e);
    }
  }

  /** The states of a run in {@code model_runs.status}. */
  public enum RunStatus {
    RUNNING,
    COMPLETE,
    FAILED;

    /** The value stored in {@code model_runs.status}. */
    public String sql() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
