package io.demandcast.pipelines.cli;

import static io.demandcast.pipelines.cli.CliRun.execute;
import static io.demandcast.pipelines.cli.CliRun.executeWithInput;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.pipelines.cli.CliRun.Outcome;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code demandcast sql --format csv|json|table} read back with commons-csv and Jackson against the
 * values put in the warehouse, and the script mode on standard input.
 */
class SqlCommandTest {
  /** Set up once (its tables and views take seconds), copied for each test, which may change it. */
  @TempDir static Path shared;

  private static Path template;

  @TempDir Path dir;

  private Path warehouse;

  /** The rows of table {@code v}, as Java values: what csv and json must give back. */
  private static final String TRICKY = "comma, \"quote\" and\nnew line\r\nand CRLF";
  private static final double THIRD = 1.0 / 3;
  private static final double POINT3 = 0.1 + 0.2; // 0.30000000000000004
  private static final BigDecimal PRICE = new BigDecimal("123456789012.123456");
  private static final BigInteger HUGE = new BigInteger("170141183460469231731687303715884105727");
  private static final long ODD_LONG = 9_007_199_254_740_993L; // 2^53 + 1: no double holds it
  private static final LocalDate DAY = LocalDate.of(2024, 2, 29);
  private static final LocalDateTime AT = LocalDateTime.of(2024, 3, 1, 10, 15, 30, 123_456_000);
  private static final LocalDateTime MIDNIGHT = LocalDateTime.of(2024, 3, 2, 0, 0);

  @BeforeAll
  static void createWarehouse() throws Exception {
    template = shared.resolve("template.duckdb");
    try (Connection c = DuckDbWarehouse.open(template).connect();
        Statement s = c.createStatement()) {
      s.execute("create table v (id int, label varchar, amount double, price decimal(18,6),"
          + " huge hugeint, n bigint, day date, ts timestamp, flag boolean, tags varchar[])");
      try (PreparedStatement p =
          c.prepareStatement("insert into v values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        insert(p, 1, "plain", POINT3, PRICE, HUGE, ODD_LONG, DAY, AT, true);
        insert(p, 2, TRICKY, THIRD, null, null, null, null, MIDNIGHT, false);
        insert(p, 3, "", 1e-10, null, null, -1L, null, null, null);
        insert(p, 4, null, null, null, null, null, null, null, null);
      }
      s.execute("update v set tags = ['a', 'b,c'] where id = 1");
    }
    DuckDbConnections.closeAll();
  }

  @BeforeEach
  void copyWarehouse() throws Exception {
    warehouse = Files.copy(template, dir.resolve("w.duckdb"));
  }

  private static void insert(PreparedStatement p, int id, String label, Double amount,
      BigDecimal price, BigInteger huge, Long n, LocalDate day, LocalDateTime ts, Boolean flag)
      throws Exception {
    p.setInt(1, id);
    p.setObject(2, label);
    p.setObject(3, amount);
    p.setObject(4, price);
    p.setObject(5, huge == null ? null : huge.toString()); // DuckDB casts the text to HUGEINT
    p.setObject(6, n);
    p.setObject(7, day);
    p.setObject(8, ts);
    p.setObject(9, flag);
    p.setObject(10, null);
    p.executeUpdate();
  }

  @AfterEach
  void closeWarehouses() {
    DuckDbConnections.closeAll();
  }

  // ------------------------------------------------------------------ csv

  @Test
  void givenCsvFormat_whenSelect_thenCommonsCsvReadsBackEveryValueAtFullPrecision()
      throws Exception {
    Outcome r = execute("sql", "--warehouse=" + warehouse, "--format", "csv",
        "select * from v order by id");

    assertThat(r.exitCode()).as(r.err()).isZero();
    // RFC 4180: CRLF after every record, the header first
    assertThat(r.out()).startsWith("id,label,amount,price,huge,n,day,ts,flag,tags\r\n");
    List<CSVRecord> rows;
    try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
        .get().parse(new StringReader(r.out()))) {
      assertThat(parser.getHeaderNames())
          .containsExactly("id", "label", "amount", "price", "huge", "n", "day", "ts", "flag", "tags");
      rows = parser.getRecords();
    }
    assertThat(rows).hasSize(4);

    CSVRecord one = rows.get(0);
    assertThat(one.get("label")).isEqualTo("plain");
    assertThat(Double.parseDouble(one.get("amount"))).isEqualTo(POINT3);
    assertThat(one.get("amount")).isEqualTo("0.30000000000000004");
    assertThat(new BigDecimal(one.get("price"))).isEqualByComparingTo(PRICE);
    assertThat(new BigInteger(one.get("huge"))).isEqualTo(HUGE);
    assertThat(Long.parseLong(one.get("n"))).isEqualTo(ODD_LONG);
    assertThat(LocalDate.parse(one.get("day"))).isEqualTo(DAY);
    assertThat(LocalDateTime.parse(one.get("ts"))).isEqualTo(AT);
    assertThat(one.get("flag")).isEqualTo("true");
    // a list is its JSON text, a comma inside an element quoted by the CSV
    assertThat(new ObjectMapper().readTree(one.get("tags")))
        .isEqualTo(new ObjectMapper().readTree("[\"a\",\"b,c\"]"));

    CSVRecord two = rows.get(1);
    assertThat(two.get("label")).isEqualTo(TRICKY); // commas, quotes, LF and CRLF survive
    assertThat(Double.parseDouble(two.get("amount"))).isEqualTo(THIRD);
    assertThat(two.get("price")).isEmpty(); // NULL
    assertThat(two.get("ts")).isEqualTo("2024-03-02T00:00:00"); // seconds even when zero
    assertThat(two.get("flag")).isEqualTo("false");

    CSVRecord three = rows.get(2);
    assertThat(three.get("amount")).isEqualTo("0.0000000001"); // no exponent
    assertThat(Long.parseLong(three.get("n"))).isEqualTo(-1L);

    CSVRecord four = rows.get(3);
    for (int i = 1; i < four.size(); i++) {
      assertThat(four.get(i)).as("column %d of the all-NULL row", i).isEmpty();
    }
  }

  @Test
  void givenCsvFormatAndManyRows_whenSelect_thenEveryRowDespiteMaxRows() {
    Outcome r = execute("sql", "--warehouse=" + warehouse, "--format=csv", "--max-rows=5",
        "select range as i from range(250)");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().split("\r\n")).hasSize(251).endsWith("249");
  }

  // ------------------------------------------------------------------ json

  @Test
  void givenJsonFormat_whenSelect_thenJacksonReadsBackTypedValues() throws Exception {
    Outcome r = execute("sql", "--warehouse=" + warehouse, "--format", "json",
        "select * from v order by id");

    assertThat(r.exitCode()).as(r.err()).isZero();
    // the reader keeps decimals exact too (Jackson's default reads them as doubles)
    JsonNode root = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(r.out());
    assertThat(root.isArray()).isTrue();
    assertThat(root).hasSize(4);

    JsonNode one = root.get(0);
    assertThat(one.get("id").isIntegralNumber()).isTrue();
    assertThat(one.get("id").intValue()).isEqualTo(1);
    assertThat(one.get("label").textValue()).isEqualTo("plain");
    assertThat(one.get("amount").isFloatingPointNumber()).isTrue();
    assertThat(one.get("amount").doubleValue()).isEqualTo(POINT3);
    assertThat(r.out()).contains("\"amount\":0.30000000000000004,")
        .contains("\"price\":123456789012.123456,");
    assertThat(one.get("price").isNumber()).isTrue();
    assertThat(one.get("price").decimalValue()).isEqualByComparingTo(PRICE);
    assertThat(one.get("huge").isBigInteger()).isTrue();
    assertThat(one.get("huge").bigIntegerValue()).isEqualTo(HUGE);
    assertThat(one.get("n").isIntegralNumber()).isTrue();
    assertThat(one.get("n").longValue()).isEqualTo(ODD_LONG); // not rounded through a double
    assertThat(one.get("day").textValue()).isEqualTo("2024-02-29");
    assertThat(LocalDateTime.parse(one.get("ts").textValue())).isEqualTo(AT);
    assertThat(one.get("flag").isBoolean()).isTrue();
    assertThat(one.get("flag").booleanValue()).isTrue();
    assertThat(one.get("tags")).isEqualTo(new ObjectMapper().readTree("[\"a\",\"b,c\"]"));

    JsonNode two = root.get(1);
    assertThat(two.get("label").textValue()).isEqualTo(TRICKY);
    assertThat(two.get("amount").doubleValue()).isEqualTo(THIRD);
    assertThat(two.get("price").isNull()).isTrue();
    assertThat(two.get("flag").booleanValue()).isFalse();

    JsonNode three = root.get(2);
    assertThat(three.get("label").textValue()).isEmpty(); // '' is not NULL in json
    assertThat(three.get("amount").doubleValue()).isEqualTo(1e-10);

    JsonNode four = root.get(3);
    assertThat(four.size()).isEqualTo(10);
    four.fieldNames().forEachRemaining(name -> {
      if (!name.equals("id")) {
        assertThat(four.get(name).isNull()).as(name).isTrue();
      }
    });
  }

  @Test
  void givenJsonFormat_whenNoRowsOrRepeatedColumnNames_thenValidJsonWithUniqueKeys()
      throws Exception {
    Outcome empty = execute("sql", "--warehouse=" + warehouse, "--format=json",
        "select * from v where false");
    Outcome repeated = execute("sql", "--warehouse=" + warehouse, "--format=json",
        "select 1 as x, 2 as x");

    assertThat(new ObjectMapper().readTree(empty.out())).isEqualTo(new ArrayNode(null));
    JsonNode row = new ObjectMapper().readTree(repeated.out()).get(0);
    assertThat(row.get("x").intValue()).isEqualTo(1);
    assertThat(row.get("x_1").intValue()).isEqualTo(2);
  }

  // ------------------------------------------------------------------ table and errors

  @Test
  void givenTableFormat_whenDouble_thenRoundedTo4DecimalsForDisplayOnly() {
    Outcome table = execute("sql", "--warehouse=" + warehouse, "select amount from v where id = 2");
    Outcome csv = execute("sql", "--warehouse=" + warehouse, "--format=csv",
        "select amount from v where id = 2");

    assertThat(table.out()).contains("| 0.3333 |").doesNotContain("0.33333");
    assertThat(csv.out()).contains(Double.toString(THIRD));
  }

  @Test
  void givenBadFormat_whenSql_thenNonZeroExitNamingTheValidFormats() {
    Outcome r = execute("sql", "--warehouse=" + warehouse, "--format=xml", "select 1");

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.errFirstLine()).contains("--format").contains("xml")
        .contains("table").contains("csv").contains("json");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void givenCsvFormat_whenStatementWithoutResult_thenOkOnStandardErrorAndNothingOnOutput()
      throws Exception {
    Outcome r = execute("sql", "--warehouse=" + warehouse, "--read-write", "--format=csv",
        "delete from v where id >= 3");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("ok (2 rows changed)");
    assertThat(count("select count(*) from v")).isEqualTo(2);
  }

  // ------------------------------------------------------------------ statements on standard input

  @Test
  void givenScriptOnStandardInput_whenSql_thenRunsEachStatementAndDotCommandInOrder() {
    String script = String.join("\n",
        "-- a script as an analyst pipes it in",
        "create table w as",
        "  select 'a;b' as s, 2 as n;  select n * 21 as answer",
        "  from w;",
        ".schema w",
        ".tables",
        "select 'last' as tail  -- no ; at the end");

    Outcome r = executeWithInput(script, "sql", "--warehouse=" + warehouse, "--read-write");

    assertThat(r.exitCode()).as(r.err()).isZero();
    String out = r.out();
    assertThat(out).contains("ok (1 rows changed)");
    assertThat(out).contains("| answer |").contains("|     42 |");
    assertThat(out).containsPattern("\\| s +\\| VARCHAR +\\|").containsPattern("\\| n +\\| INTEGER +\\|");
    assertThat(out).containsPattern("\\| w +\\| table +\\|").containsPattern("\\| latest_run +\\| view +\\|");
    assertThat(out).contains("| last |");
    // in order: the create's ok, the answer, the schema, the tables, the tail
    assertThat(out.indexOf("ok (1 rows")).isLessThan(out.indexOf("answer"));
    assertThat(out.indexOf("answer")).isLessThan(out.indexOf("VARCHAR"));
    assertThat(out.indexOf("VARCHAR")).isLessThan(out.indexOf("latest_run"));
    assertThat(out.indexOf("latest_run")).isLessThan(out.indexOf("| last |"));
  }

  @Test
  void givenScriptWithFailingStatement_whenSql_thenStopsThereNamingItsLineWithExitCode2()
      throws Exception {
    String script = "select 1 as first;\n\nselect *\n  from no_such_table;\ncreate table after_error as select 1;\n";

    Outcome r = executeWithInput(script, "sql", "--warehouse=" + warehouse, "--read-write");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).contains("first");
    assertThat(r.errFirstLine()).contains("the statement at line 3 failed").contains("no_such_table");
    DuckDbConnections.closeAll();
    assertThat(count("select count(*) from duckdb_tables() where table_name = 'after_error'"))
        .isZero();
  }

  @Test
  void givenScriptInJsonFormat_whenTwoSelects_thenTwoJsonArraysAndQuitStops() throws Exception {
    String script = "select 1 as a;\nselect 'x' as b;\n.quit\nselect 'not run' as c;\n";

    Outcome r = executeWithInput(script, "sql", "--warehouse=" + warehouse, "--format=json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    List<JsonNode> documents = new ArrayList<>();
    try (JsonParser parser = new ObjectMapper().createParser(r.out())) {
      for (JsonNode document = parser.readValueAsTree(); document != null;
          document = parser.readValueAsTree()) {
        documents.add(document);
      }
    }
    assertThat(documents).hasSize(2);
    assertThat(documents.get(0).get(0).get("a").intValue()).isEqualTo(1);
    assertThat(documents.get(1).get(0).get("b").textValue()).isEqualTo("x");
    assertThat(r.out()).doesNotContain("not run");
  }

  @Test
  void givenUnknownDotCommandOrSchemaOfMissingTable_whenScript_thenErrorNamesTheFix() {
    Outcome unknown = executeWithInput(".frobnicate\n", "sql", "--warehouse=" + warehouse);
    Outcome missing = executeWithInput(".schema nope\n", "sql", "--warehouse=" + warehouse);
    Outcome bare = executeWithInput(".schema\n", "sql", "--warehouse=" + warehouse);

    assertThat(unknown.errFirstLine()).contains("unknown command .frobnicate").contains(".help");
    assertThat(missing.errFirstLine()).contains("no table or view named nope").contains(".tables");
    assertThat(bare.errFirstLine()).contains("usage: .schema TABLE");
    assertThat(List.of(unknown.exitCode(), missing.exitCode(), bare.exitCode()))
        .containsOnly(2);
  }

  @Test
  void givenHelp_whenSql_thenNamesFormatsPromptAndExamples() {
    Outcome r = execute("sql", "--help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("--format=FORMAT").contains("table, csv, json")
        .contains("read-only").contains("without file access").contains("--read-write")
        .contains("--history=FILE").contains(".schema TABLE").contains("4 decimals")
        .contains("./demandcast sql --format csv");
    assertThat(r.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
  }

  // ------------------------------------------------------------------ read-only by default

  /** Statements that would change the file or use other files: OUTSIDE, COPY, OTHER are paths. */
  @ParameterizedTest
  @ValueSource(strings = {
      "drop table v",
      "delete from v",
      "create table x as select 1 as one",
      "insert into v (id) values (9)",
      "update v set label = 'changed'",
      "alter table v add column z int",
      "drop view latest_run",
      "create or replace view latest_run as select 1 as one",
      "checkpoint; drop table model_runs",
      "select * from read_csv('OUTSIDE')",
      "select * from read_text('OUTSIDE')",
      "copy v to 'COPY'",
      "copy (select * from v) to 'COPY' (format csv)",
      "attach 'OTHER' as other",
      "set enable_external_access = true",
      "reset lock_configuration",
      "load httpfs"})
  void givenDefaultMode_whenStatementWritesOrUsesFiles_thenRefusedNamingReadWriteAndFileUnchanged(
      String statement) throws Exception {
    Path outside = Files.writeString(dir.resolve("outside.csv"), "secret,1\n");
    Path copy = dir.resolve("copy.csv");
    Path other = dir.resolve("other.duckdb");
    String sql = statement.replace("OUTSIDE", outside.toString())
        .replace("COPY", copy.toString()).replace("OTHER", other.toString());
    byte[] before = Files.readAllBytes(warehouse);
    List<String> objectsBefore = objects();

    Outcome r = execute("sql", "--warehouse=" + warehouse, sql);
    Outcome script = executeWithInput("select 1 as fine;\n" + sql + ";\n", "sql",
        "--warehouse=" + warehouse);

    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.errFirstLine()).startsWith("demandcast: refused: ").contains("--read-write");
    assertThat(r.err().lines().count()).as("a one-line message, and the debug hint").isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(script.exitCode()).isEqualTo(2);
    assertThat(script.out()).contains("fine");
    assertThat(script.errFirstLine()).contains("the statement at line 2 failed: refused: ")
        .contains("--read-write");
    assertThat(r.out() + r.err() + script.out() + script.err()).doesNotContain("secret");
    assertThat(copy).doesNotExist();
    assertThat(other).doesNotExist();
    assertThat(Files.readAllBytes(warehouse)).as("the warehouse file, byte for byte").isEqualTo(before);
    assertThat(objects()).isEqualTo(objectsBefore);
  }

  @Test
  void givenDefaultMode_whenQueriesViewsDotCommandsAndTemporaryTable_thenAllWorkAndFileUnchanged()
      throws Exception {
    byte[] before = Files.readAllBytes(warehouse);
    String script = String.join("\n",
        "select count(*) as runs from latest_run;",
        "create temp table scratch as select id * 2 as twice from v;",
        "select sum(twice) as total from scratch;",
        ".tables",
        ".schema v");

    Outcome r = executeWithInput(script, "sql", "--warehouse=" + warehouse);

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("| runs |").contains("| total |").contains("20")
        .containsPattern("\\| latest_run +\\| view +\\|")
        .containsPattern("\\| label +\\| VARCHAR +\\|");
    assertThat(Files.readAllBytes(warehouse)).isEqualTo(before);
  }

  @Test
  void givenPlainDuckDbFile_whenSqlWithAndWithoutReadWrite_thenNoDemandcastTablesOrViewsWritten()
      throws Exception {
    Path plain = dir.resolve("plain.duckdb");
    try (Connection c = DuckDbConnections.open(plain); Statement s = c.createStatement()) {
      s.execute("create table t as select 42 as answer");
    }
    DuckDbConnections.closeAll();
    byte[] before = Files.readAllBytes(plain);

    Outcome read = execute("sql", "--warehouse=" + plain, "select answer from t");
    Outcome tables = executeWithInput(".tables\n", "sql", "--warehouse=" + plain);

    assertThat(read.exitCode()).as(read.err()).isZero();
    assertThat(read.out()).contains("42");
    assertThat(tables.out()).containsPattern("\\| t +\\| table +\\|").doesNotContain("model_runs")
        .doesNotContain("latest_run");
    assertThat(Files.readAllBytes(plain)).as("byte for byte").isEqualTo(before);

    // --read-write runs no setup on a file that is not a demandcast warehouse: only what is asked
    Outcome write = execute("sql", "--warehouse=" + plain, "--read-write",
        "create table mine as select answer + 1 as next from t");

    assertThat(write.exitCode()).as(write.err()).isZero();
    try (Connection c = DuckDbConnections.open(plain); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select string_agg(name, ',' order by name) from"
            + " (select table_name as name from duckdb_tables() union all"
            + " select view_name from duckdb_views() where not internal)")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("mine,t");
    }
  }

  @Test
  void givenReadWrite_whenWriteAndFiles_thenAllowedAndAnOlderWarehouseGetsItsViewsBack()
      throws Exception {
    Path outside = Files.writeString(dir.resolve("outside.csv"), "a,b\n1,2\n");
    Path copy = dir.resolve("copy.csv");
    // a warehouse of an older version: without one of the views
    try (Connection c = DuckDbConnections.open(warehouse); Statement s = c.createStatement()) {
      s.execute("drop view reorder_now");
    }
    DuckDbConnections.closeAll();

    Outcome missing = execute("sql", "--warehouse=" + warehouse, "select * from reorder_now");
    Outcome r = executeWithInput(String.join("\n",
            "select count(*) as views from duckdb_views() where view_name = 'reorder_now';",
            "delete from v where id = 4;",
            "select b from read_csv('" + outside + "');",
            "copy (select id from v order by id) to '" + copy + "' (header false);"),
        "sql", "--warehouse=" + warehouse, "--read-write", "--format=csv");

    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.errFirstLine()).contains("reorder_now").doesNotContain("refused");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("views\r\n1\r\n").contains("b\r\n2\r\n");
    assertThat(copy).hasContent("1\n2\n3");
    assertThat(count("select count(*) from v")).isEqualTo(3);
  }

  private List<String> objects() throws Exception {
    List<String> objects = new ArrayList<>();
    try (Connection c = DuckDbConnections.open(warehouse,
            DuckDbConnections.Access.READ_ONLY_NO_FILES);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select table_name || ' ' || estimated_size from"
            + " duckdb_tables() union all select view_name || ' ' || sql from duckdb_views()"
            + " where not internal order by 1")) {
      while (rs.next()) {
        objects.add(rs.getString(1));
      }
    } finally {
      DuckDbConnections.closeAll();
    }
    return objects;
  }

  private long count(String sql) throws Exception {
    try (Connection c = DuckDbConnections.open(warehouse);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
