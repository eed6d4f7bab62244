package io.demandcast.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.pipelines.cli.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./demandcast demo} as a user types it: two runs (as of the end of the month before the
 * data's last, then as of today), after which every analyst's example query in {@code
 * sql/examples/} returns rows — among them the drift between the last two runs and last month's
 * forecast error, which need a run whose forecast covers a month with actual sales.
 */
class DemoCommandIT {
  private static final Path EXAMPLES = Path.of("..", "sql", "examples");

  @TempDir static Path dir;
  private static Path warehouse;
  private static CliRun.Outcome demo;

  @BeforeAll
  static void runTheDemo() {
    warehouse = dir.resolve("demo.duckdb");
    demo = CliRun.execute("demo", "--warehouse", warehouse.toString(), "--run-id", "demo",
        "--reports", dir.resolve("reports").toString());
  }

  @AfterAll
  static void close() {
    DuckDbConnections.closeAll();
  }

  @Test
  void demoRunsTwiceFirstAsOfTheMonthBeforeTheLast() throws Exception {
    assertThat(demo.exitCode()).as(demo.err()).isZero();
    assertThat(demo.out())
        .contains("run demo-prev as of 2002-02-28")
        .contains("from the period starting 2002-02-01")
        .contains("forecast origin: the period starting 2002-03-01");
    try (Connection c = DuckDbWarehouse.attach(warehouse).connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "select run_id, status from model_runs order by run_id")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1) + " " + rs.getString(2)).isEqualTo("demo complete");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1) + " " + rs.getString(2)).isEqualTo("demo-prev complete");
      assertThat(rs.next()).isFalse();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyExampleQueryReturnsRows() throws Exception {
    List<Path> files;
    try (Stream<Path> list = Files.list(EXAMPLES)) {
      files = list.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(10);
    return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      assertThat(demo.exitCode()).as(demo.err()).isZero();
      String sql = Files.readString(file, StandardCharsets.UTF_8).strip();
      sql = sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
      try (Connection c = DuckDbWarehouse.attach(warehouse).connect();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(sql)) {
        assertThat(rs.next()).as("%s returns rows on the demo warehouse", file).isTrue();
      }
    }));
  }
}
