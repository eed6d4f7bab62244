package io.demandcast.connectors.hive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.connectors.schema.SqlLiterals;
import io.demandcast.connectors.testing.HiveServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Smoke test of the Hive test server ({@link HiveServerProcess}: a real HiveServer2 4.0.1 in a
 * child JVM) through the Hive JDBC 4.1.0 standalone driver the connector ships: every statement
 * shape the Hive connector uses, with the driver's value types and the JDBC features it lacks.
 *
 * <p>One server for the class, its state under {@code target/hive-it/HiveServerIT}, wiped first.
 * Each test uses its own tables in database {@code d}, so the tests do not depend on each other's
 * order. How long each statement took is printed at the end (the failsafe report's output).
 */
class HiveServerIT {
  private static final String DB = "d";
  private static final String COLUMNS =
      "a STRING, b DOUBLE, c DATE, e TIMESTAMP, f BOOLEAN, g INT, h BIGINT";

  private static final Map<String, Duration> TIMINGS = new LinkedHashMap<>();
  private static HiveServerProcess server;
  private static Path workDir;

  @BeforeAll
  static void startServer() throws Exception {
    workDir = Path.of("target", "hive-it", HiveServerIT.class.getSimpleName()).toAbsolutePath();
    deleteRecursively(workDir);
    server = HiveServerProcess.start(workDir);
    TIMINGS.put("server start (child JVM launch to READY)", server.startupTime());
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      timed(s, "CREATE DATABASE IF NOT EXISTS " + DB);
    }
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      long t0 = System.nanoTime();
      server.close();
      TIMINGS.put("server close", Duration.ofNanos(System.nanoTime() - t0));
      assertThat(server.isAlive()).isFalse();
    }
    System.out.println("HiveServerIT timings:");
    TIMINGS.forEach(
        (what, took) -> System.out.printf("  %7.2f s  %s%n", took.toMillis() / 1000.0, what));
  }

  @Test
  void createDatabaseIfNotExists_isIdempotentAndListed() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      timed(s, "CREATE DATABASE IF NOT EXISTS " + DB);
      assertThat(strings(s, "SHOW DATABASES", 1)).contains("default", DB);
      assertThat(strings(c.getMetaData().getSchemas(), "TABLE_SCHEM")).contains(DB);
    }
  }

  @Test
  void createPartitionedOrcTable_columnsFromMetadataAndDescribe() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      timed(
          s,
          "CREATE TABLE d.meta (" + COLUMNS + ") PARTITIONED BY (run_id STRING) STORED AS ORC");

      List<String> columns = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getColumns(null, DB, "meta", null)) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME"));
        }
      }
      // the data columns in order, then the partition column
      assertThat(columns)
          .containsExactly(
              "a STRING",
              "b DOUBLE",
              "c DATE",
              "e TIMESTAMP",
              "f BOOLEAN",
              "g INT",
              "h BIGINT",
              "run_id STRING");

      // DESCRIBE: col_name, data_type, comment; the partition column again under a
      // "# Partition Information" header
      List<String> described = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("DESCRIBE d.meta")) {
        while (rs.next()) {
          described.add(trim(rs.getString(1)) + "|" + trim(rs.getString(2)));
        }
      }
      assertThat(described)
          .startsWith(
              "a|string",
              "b|double",
              "c|date",
              "e|timestamp",
              "f|boolean",
              "g|int",
              "h|bigint",
              "run_id|string");
      assertThat(described).anyMatch(line -> line.startsWith("# Partition Information"));

      // a plain managed ORC table: not turned into an EXTERNAL one, not transactional
      String formatted = String.join("\n", strings(s, "DESCRIBE FORMATTED d.meta", 1, 2));
      assertThat(formatted).contains("MANAGED_TABLE").contains("OrcInputFormat");
      assertThat(formatted).doesNotContain("transactional");
    }
  }

  @Test
  void multiRowInsert_keepsQuotesBackslashesNullsDatesAndTimestamps() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      timed(
          s,
          "CREATE TABLE d.stage_literals (" + COLUMNS + ") PARTITIONED BY (writer STRING)"
              + " STORED AS ORC");
      timed(
          s,
          "INSERT INTO d.stage_literals PARTITION (writer='w1') VALUES "
              + "("
              + SqlLiterals.backslashEscaped("it's")
              + ", 1.5, DATE '2024-01-01', TIMESTAMP '2024-01-01 12:34:56.789', true, 7,"
              + " 9000000000),"
              + "("
              + SqlLiterals.backslashEscaped("C:\\dir\\file")
              + ", NULL, NULL, NULL, NULL, NULL, NULL),"
              + "("
              + SqlLiterals.backslashEscaped("Zürich \"q\" ' \\")
              + ", -0.25, DATE '1999-12-31', TIMESTAMP '2024-02-29 00:00:00', false, -1, -2)");

      try (ResultSet rs =
          s.executeQuery(
              "SELECT a, b, c, e, f, g, h, writer FROM d.stage_literals ORDER BY g NULLS FIRST")) {
        // (Hive 4 sorts NULLs last in ascending order unless told: hive.default.nulls.last)
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("a")).isEqualTo("C:\\dir\\file");
        assertThat(rs.getObject("b")).isNull();
        assertThat(rs.getObject("c")).isNull();
        assertThat(rs.getObject("e")).isNull();
        assertThat(rs.getObject("f")).isNull();
        assertThat(rs.getObject("g")).isNull();
        assertThat(rs.getObject("h")).isNull();
        assertThat(rs.getString("writer")).isEqualTo("w1");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("a")).isEqualTo("Zürich \"q\" ' \\");
        assertThat(rs.getDouble("b")).isEqualTo(-0.25);
        assertThat(rs.getDate("c").toLocalDate()).isEqualTo(LocalDate.of(1999, 12, 31));
        assertThat(rs.getTimestamp("e").toLocalDateTime())
            .isEqualTo(LocalDateTime.of(2024, 2, 29, 0, 0));
        assertThat(rs.getBoolean("f")).isFalse();
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("a")).isEqualTo("it's");
        assertThat(rs.getDouble("b")).isEqualTo(1.5);
        assertThat(rs.getDate("c").toLocalDate()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(rs.getTimestamp("e").toLocalDateTime())
            .isEqualTo(LocalDateTime.of(2024, 1, 1, 12, 34, 56, 789_000_000));
        assertThat(rs.getBoolean("f")).isTrue();
        assertThat(rs.getInt("g")).isEqualTo(7);
        assertThat(rs.getLong("h")).isEqualTo(9_000_000_000L);
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @Test
  void concurrentInsertsIntoTwoPartitions_loseNoRows() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      timed(
          s,
          "CREATE TABLE d.stage_concurrent (" + COLUMNS + ") PARTITIONED BY (writer STRING)"
              + " STORED AS ORC");
    }
    int rowsPerWriter = 50;
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Duration>> writers = new ArrayList<>();
      for (String writer : List.of("wA", "wB")) {
        Callable<Duration> insert =
            () -> {
              try (Connection c = connect();
                  Statement s = c.createStatement()) {
                String sql =
                    "INSERT INTO d.stage_concurrent PARTITION (writer='"
                        + writer
                        + "') VALUES "
                        + IntStream.range(0, rowsPerWriter)
                            .mapToObj(
                                i ->
                                    "('"
                                        + writer
                                        + "-"
                                        + i
                                        + "', "
                                        + i
                                        + ".5, DATE '2024-01-01', TIMESTAMP '2024-01-01"
                                        + " 00:00:00', true, "
                                        + i
                                        + ", "
                                        + i
                                        + ")")
                            .collect(Collectors.joining(","));
                together.await(30, TimeUnit.SECONDS);
                long t0 = System.nanoTime();
                s.execute(sql);
                return Duration.ofNanos(System.nanoTime() - t0);
              }
            };
        writers.add(pool.submit(insert));
      }
      for (int i = 0; i < writers.size(); i++) {
        TIMINGS.put(
            "concurrent INSERT INTO ... VALUES (" + rowsPerWriter + " rows), writer " + (i + 1),
            writers.get(i).get(5, TimeUnit.MINUTES));
      }
    } finally {
      pool.shutdownNow();
    }
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      assertThat(
              strings(
                  s,
                  "SELECT writer, count(*), count(DISTINCT a) FROM d.stage_concurrent"
                      + " GROUP BY writer ORDER BY writer",
                  1,
                  2,
                  3))
          .containsExactly("wA", "50", "50", "wB", "50", "50");
      assertThat(strings(s, "SHOW PARTITIONS d.stage_concurrent", 1))
          .containsExactly("writer=wA", "writer=wB");
    }
  }

  @Test
  void insertOverwritePartitionSelectDistinct_twice_leavesNoDuplicates() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      timed(
          s,
          "CREATE TABLE d.stage_ow (" + COLUMNS + ") PARTITIONED BY (writer STRING) STORED AS ORC");
      // the same rows from two writers: DISTINCT folds them
      for (String writer : List.of("w1", "w2")) {
        timed(
            s,
            "INSERT INTO d.stage_ow PARTITION (writer='"
                + writer
                + "') VALUES ('x', 1.0, DATE '2024-01-01', TIMESTAMP '2024-01-01 00:00:00', true,"
                + " 1, 10), ('y', 2.0, DATE '2024-01-02', NULL, false, 2, 20)");
      }
      timed(
          s,
          "CREATE TABLE d.t_ow (" + COLUMNS + ") PARTITIONED BY (run_id STRING) STORED AS ORC");
      String overwrite =
          "INSERT OVERWRITE TABLE d.t_ow PARTITION (run_id='r1')"
              + " SELECT DISTINCT a, b, c, e, f, g, h FROM d.stage_ow";
      timed(s, overwrite);
      assertThat(count(s, "d.t_ow")).isEqualTo(2);
      timedAgain(s, overwrite);
      assertThat(count(s, "d.t_ow")).isEqualTo(2);
      assertThat(strings(s, "SELECT a, run_id FROM d.t_ow ORDER BY a", 1, 2))
          .containsExactly("x", "r1", "y", "r1");
    }
  }

  @Test
  void insertOverwriteSelectWithoutFrom_replacesThePartition() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      timed(
          s,
          "CREATE TABLE d.runs_nofrom (status STRING, started_at TIMESTAMP)"
              + " PARTITIONED BY (run_id STRING) STORED AS ORC");
      timed(
          s,
          "INSERT OVERWRITE TABLE d.runs_nofrom PARTITION (run_id='r1')"
              + " SELECT 'complete', CAST('2024-01-01 00:00:00' AS TIMESTAMP)");
      assertThat(strings(s, "SELECT status, run_id FROM d.runs_nofrom", 1, 2))
          .containsExactly("complete", "r1");
      timed(
          s,
          "INSERT OVERWRITE TABLE d.runs_nofrom PARTITION (run_id='r1')"
              + " SELECT 'failed', CAST('2024-01-02 00:00:00' AS TIMESTAMP)");
      assertThat(strings(s, "SELECT status, CAST(started_at AS STRING) FROM d.runs_nofrom", 1, 2))
          .containsExactly("failed", "2024-01-02 00:00:00");
    }
  }

  @Test
  void viewJoiningTheLatestCompleteRun_showsOnlyThatRun() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      timed(
          s,
          "CREATE TABLE d.runs_v (status STRING, started_at TIMESTAMP)"
              + " PARTITIONED BY (run_id STRING) STORED AS ORC");
      timed(
          s,
          "CREATE TABLE d.t_v (a STRING, g INT) PARTITIONED BY (run_id STRING) STORED AS ORC");
      timed(
          s,
          "INSERT OVERWRITE TABLE d.runs_v PARTITION (run_id='r1')"
              + " SELECT 'complete', CAST('2024-01-01 00:00:00' AS TIMESTAMP)");
      timed(
          s,
          "INSERT OVERWRITE TABLE d.runs_v PARTITION (run_id='r2')"
              + " SELECT 'complete', CAST('2024-01-02 00:00:00' AS TIMESTAMP)");
      timed(
          s,
          "INSERT OVERWRITE TABLE d.runs_v PARTITION (run_id='r3')"
              + " SELECT 'running', CAST('2024-01-03 00:00:00' AS TIMESTAMP)");
      timed(s, "INSERT INTO d.t_v PARTITION (run_id='r1') VALUES ('old', 1)");
      timed(s, "INSERT INTO d.t_v PARTITION (run_id='r2') VALUES ('new', 2), ('new2', 3)");
      timed(s, "INSERT INTO d.t_v PARTITION (run_id='r3') VALUES ('unfinished', 4)");

      timed(s, "CREATE VIEW IF NOT EXISTS d.v AS SELECT a, g, run_id FROM d.t_v");
      timedAgain(s, "CREATE VIEW IF NOT EXISTS d.v AS SELECT a, g, run_id FROM d.t_v");
      assertThat(count(s, "d.v")).isEqualTo(4);
      timed(
          s,
          "CREATE OR REPLACE VIEW d.v AS SELECT t.a, t.g, t.run_id FROM d.t_v t JOIN"
              + " (SELECT run_id FROM d.runs_v WHERE status = 'complete'"
              + " ORDER BY started_at DESC LIMIT 1) latest ON t.run_id = latest.run_id");
      assertThat(timedStrings(s, "SELECT a, run_id FROM d.v ORDER BY a", 1, 2))
          .containsExactly("new", "r2", "new2", "r2");
      assertThat(strings(c.getMetaData().getTables(null, DB, "v", null), "TABLE_TYPE"))
          .containsExactly("VIEW");
    }
  }

  @Test
  void dropPartitionAndDropTable_removeMetadataAndFiles() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      timed(
          s,
          "CREATE TABLE d.t_drop (a STRING) PARTITIONED BY (run_id STRING) STORED AS ORC");
      timed(s, "INSERT INTO d.t_drop PARTITION (run_id='r1') VALUES ('x')");
      timed(s, "INSERT INTO d.t_drop PARTITION (run_id='r2') VALUES ('y')");
      Path table = workDir.resolve("warehouse/d.db/t_drop");
      assertThat(table.resolve("run_id=r1")).isDirectory();

      timed(s, "ALTER TABLE d.t_drop DROP IF EXISTS PARTITION (run_id='r1')");
      timedAgain(s, "ALTER TABLE d.t_drop DROP IF EXISTS PARTITION (run_id='r1')");
      assertThat(strings(s, "SHOW PARTITIONS d.t_drop", 1)).containsExactly("run_id=r2");
      assertThat(strings(s, "SELECT a FROM d.t_drop", 1)).containsExactly("y");
      assertThat(table.resolve("run_id=r1")).doesNotExist();

      timed(s, "DROP TABLE IF EXISTS d.t_drop");
      timedAgain(s, "DROP TABLE IF EXISTS d.t_drop");
      assertThat(strings(c.getMetaData().getTables(null, DB, "t_drop", null), "TABLE_NAME"))
          .isEmpty();
      assertThat(table).doesNotExist();
    }
  }

  @Test
  void externalTextfileTableOverCsvFiles_skipsEachFilesHeader() throws Exception {
    Path data = Files.createDirectories(workDir.resolve("csv/ext"));
    Files.writeString(
        data.resolve("part-1.csv"),
        "a,b,c,e,f,g,h\n"
            + "x,1.5,2024-01-01,2024-01-01 10:00:00,true,1,10\n"
            + "y,,2024-01-02,,false,,\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        data.resolve("part-2.csv"),
        "a,b,c,e,f,g,h\n" + "z,-2.0,2024-01-03,2024-01-03 00:00:00.5,TRUE,3,30\n",
        StandardCharsets.UTF_8);
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      timed(
          s,
          "CREATE EXTERNAL TABLE d.ext ("
              + COLUMNS
              + ") ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' STORED AS TEXTFILE LOCATION '"
              + data.toUri()
              + "' TBLPROPERTIES ('skip.header.line.count'='1')");
      assertThat(timedStrings(s, "SELECT count(*) FROM d.ext", 1)).containsExactly("3");
      try (ResultSet rs = s.executeQuery("SELECT a, b, c, e, f, g, h FROM d.ext ORDER BY a")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("a")).isEqualTo("x");
        assertThat(rs.getDouble("b")).isEqualTo(1.5);
        assertThat(rs.getDate("c").toLocalDate()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(rs.getTimestamp("e").toLocalDateTime())
            .isEqualTo(LocalDateTime.of(2024, 1, 1, 10, 0));
        assertThat(rs.getBoolean("f")).isTrue();
        assertThat(rs.getInt("g")).isEqualTo(1);
        assertThat(rs.getLong("h")).isEqualTo(10L);
        // empty fields: NULL for the non-string types
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("a")).isEqualTo("y");
        assertThat(rs.getObject("b")).isNull();
        assertThat(rs.getObject("e")).isNull();
        assertThat(rs.getObject("g")).isNull();
        assertThat(rs.getObject("h")).isNull();
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("a")).isEqualTo("z");
        assertThat(rs.getBoolean("f")).isTrue();
        assertThat(rs.getTimestamp("e").toLocalDateTime())
            .isEqualTo(LocalDateTime.of(2024, 1, 3, 0, 0, 0, 500_000_000));
        assertThat(rs.next()).isFalse();
      }
      // and loads a managed table in one statement, the way tests fill source tables
      timed(s, "CREATE TABLE d.ext_copy (" + COLUMNS + ") STORED AS ORC");
      timed(s, "INSERT OVERWRITE TABLE d.ext_copy SELECT * FROM d.ext");
      assertThat(count(s, "d.ext_copy")).isEqualTo(3);
    }
  }

  @Test
  void resultSetGetters_javaTypesOfEachHiveType() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      timed(s, "CREATE TABLE d.typed (" + COLUMNS + ") STORED AS ORC");
      timed(
          s,
          "INSERT INTO d.typed VALUES ('s', 2.25, DATE '2024-03-04',"
              + " TIMESTAMP '2024-03-04 05:06:07.123456789', true, 2147483647, 9223372036854775807)");
      try (ResultSet rs = s.executeQuery("SELECT a, b, c, e, f, g, h FROM d.typed")) {
        ResultSetMetaData md = rs.getMetaData();
        assertThat(
                IntStream.rangeClosed(1, md.getColumnCount())
                    .mapToObj(i -> uncheckedTypeName(md, i))
                    .collect(Collectors.toList()))
            .containsExactly("string", "double", "date", "timestamp", "boolean", "int", "bigint");
        assertThat(rs.next()).isTrue();
        Map<String, String> classes = new LinkedHashMap<>();
        for (String column : List.of("a", "b", "c", "e", "f", "g", "h")) {
          classes.put(column, rs.getObject(column).getClass().getName());
        }
        System.out.println("HiveServerIT getObject classes: " + classes);
        assertThat(classes)
            .containsExactly(
                Map.entry("a", "java.lang.String"),
                Map.entry("b", "java.lang.Double"),
                Map.entry("c", "java.sql.Date"),
                Map.entry("e", "java.sql.Timestamp"),
                Map.entry("f", "java.lang.Boolean"),
                Map.entry("g", "java.lang.Integer"),
                Map.entry("h", "java.lang.Long"));
        assertThat(rs.getDate("c").toLocalDate()).isEqualTo(LocalDate.of(2024, 3, 4));
        assertThat(rs.getTimestamp("e").toLocalDateTime())
            .isEqualTo(LocalDateTime.of(2024, 3, 4, 5, 6, 7, 123_456_789));
        assertThat(rs.getBoolean("f")).isTrue();
        assertThat(rs.getDouble("b")).isEqualTo(2.25);
        assertThat(rs.getInt("g")).isEqualTo(Integer.MAX_VALUE);
        assertThat(rs.getLong("h")).isEqualTo(Long.MAX_VALUE);
        assertThat(rs.getString("c")).isEqualTo("2024-03-04");
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @Test
  void driverFeatures_fetchSizeYes_autoCommitFalseIgnored_noBatchesNoCommit() throws Exception {
    try (Connection c = connect()) {
      try (Statement s = c.createStatement()) {
        s.setFetchSize(2);
        assertThat(s.getFetchSize()).isEqualTo(2);
        try (ResultSet rs = s.executeQuery("SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3")) {
          int rows = 0;
          while (rs.next()) {
            rows++;
          }
          assertThat(rows).isEqualTo(3);
        }
      }
      // setAutoCommit(false) is accepted and ignored: a SQLWarning on the connection, auto-commit
      // stays on; commit() and rollback() are not supported
      assertThat(c.getAutoCommit()).isTrue();
      c.setAutoCommit(false);
      assertThat(c.getAutoCommit()).isTrue();
      SQLWarning warning = c.getWarnings();
      assertThat(warning == null ? null : warning.getMessage()).contains("autoCommit=false");
      assertThatThrownBy(c::commit).isInstanceOf(SQLFeatureNotSupportedException.class);
      assertThatThrownBy(c::rollback).isInstanceOf(SQLFeatureNotSupportedException.class);

      try (Statement s = c.createStatement()) {
        timed(s, "CREATE TABLE d.batch (a STRING, g INT) STORED AS ORC");
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO d.batch VALUES (?, ?)")) {
        ps.setString(1, "it's");
        ps.setInt(2, 1);
        assertThatThrownBy(ps::addBatch).isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThatThrownBy(ps::executeBatch).isInstanceOf(SQLFeatureNotSupportedException.class);
        // a prepared INSERT runs one row at a time (the driver substitutes the parameters)
        long t0 = System.nanoTime();
        assertThat(ps.executeUpdate()).isGreaterThanOrEqualTo(0);
        TIMINGS.put(
            "PreparedStatement INSERT INTO d.batch VALUES (?, ?) (1 row)",
            Duration.ofNanos(System.nanoTime() - t0));
      }
      try (Statement s = c.createStatement()) {
        assertThat(strings(s, "SELECT a, g FROM d.batch", 1, 2)).containsExactly("it's", "1");
      }
    }
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(), "test", "");
  }

  private static void timed(Statement s, String sql) throws SQLException {
    long t0 = System.nanoTime();
    s.execute(sql);
    record(sql, t0);
  }

  /** {@link #timed}, for a statement run a second time (recorded as such). */
  private static void timedAgain(Statement s, String sql) throws SQLException {
    long t0 = System.nanoTime();
    s.execute(sql);
    record("(again) " + sql, t0);
  }

  private static List<String> timedStrings(Statement s, String sql, int... columns)
      throws SQLException {
    long t0 = System.nanoTime();
    List<String> values = strings(s, sql, columns);
    record(sql, t0);
    return values;
  }

  private static void record(String sql, long t0) {
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    String key = sql.length() > 110 ? sql.substring(0, 107) + "..." : sql;
    synchronized (TIMINGS) {
      for (int n = 2; TIMINGS.containsKey(key); n++) {
        key = key.replaceFirst(" #\\d+$", "") + " #" + n;
      }
      TIMINGS.put(key, took);
    }
  }

  /** The given columns of every row, row after row, as strings. */
  private static List<String> strings(Statement s, String sql, int... columns)
      throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        for (int column : columns) {
          values.add(trim(rs.getString(column)));
        }
      }
      return values;
    }
  }

  private static List<String> strings(ResultSet rs, String column) throws SQLException {
    try (rs) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(column));
      }
      return values;
    }
  }

  private static long count(Statement s, String table) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1);
    }
  }

  private static String trim(String value) {
    return value == null ? null : value.trim();
  }

  private static String uncheckedTypeName(ResultSetMetaData md, int column) {
    try {
      return md.getColumnTypeName(column).toLowerCase(java.util.Locale.ROOT);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
  }
}
