package io.demandcast.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.connectors.OutputWarehouse;
import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.pipelines.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar run the way {@code ./demandcast} runs it ({@code java -XX:+ExitOnOutOfMemoryError
 * -jar target/demandcast.jar run ...}, its own JVM) and stopped mid-run: with SIGTERM its shutdown
 * hook records the run as failed and drops its staging; with SIGKILL (as with an OutOfMemoryError
 * under {@code -XX:+ExitOnOutOfMemoryError}, which exits without running hooks) the run stays
 * {@code running} with its staging until the next run's start recovers it.
 */
class RunTerminationIT {
  /** Synthetic series of the warehouse the killed runs read: enough to keep a run going. */
  private static final int SERIES = 2000;

  @TempDir static Path shared;
  @TempDir Path dir;

  /** A warehouse with SERIES synthetic series, and a file with 20 series' sales. */
  @BeforeAll
  static void generate() {
    CliRun.Outcome big = CliRun.execute("generate", "--series", String.valueOf(SERIES),
        "--weeks", "104", "--warehouse", shared.resolve("big.duckdb").toString());
    assertThat(big.exitCode()).as(big.err()).isZero();
    CliRun.Outcome small = CliRun.execute("generate", "--series", "20", "--weeks", "104",
        "--warehouse", shared.resolve("small.duckdb").toString());
    assertThat(small.exitCode()).as(small.err()).isZero();
  }

  @AfterEach
  void close() {
    DuckDbConnections.closeAll();
  }

  /**
   * A child JVM running the job jar, its output in a file (Process.destroy closes the child's
   * pipes, so what the hook prints would be lost on one).
   */
  private record Child(Process process, Path log) {
    String output() {
      try {
        return Files.readString(log, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "(cannot read " + log + ": " + e + ")";
      }
    }
  }

  private Child start(Path warehouse, String runId) throws IOException {
    Path jar = Paths.get("target", "demandcast.jar").toAbsolutePath();
    assertThat(jar).as("the package phase builds the job jar before the integration tests").exists();
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(List.of(java.toString(), "-XX:+ExitOnOutOfMemoryError",
            "-Daws.disableEc2Metadata=true", "-jar", jar.toString(), "run",
            "--warehouse", warehouse.toString(), "--reports", dir.resolve("reports").toString(),
            "--run-id", runId, "--period=WEEK", "--horizon=13"))
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(runId + ".log").toFile())
        .start();
    return new Child(process, dir.resolve(runId + ".log"));
  }

  /** Waits until the child says its run is recorded as running, and then a second more. */
  private static void awaitRunning(Child child, String runId) throws InterruptedException {
    String marker = "run " + runId + " recorded as running";
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (!child.output().contains(marker)) {
      assertThat(child.process().isAlive())
          .as("the child ended before its run began; output:%n%s", child.output()).isTrue();
      assertThat(System.nanoTime()).as("no '%s' within 3 minutes; output:%n%s", marker,
          child.output()).isLessThan(deadline);
      Thread.sleep(100);
    }
    Thread.sleep(1000);
    assertThat(child.process().isAlive())
        .as("the run is still going when it is stopped; output:%n%s", child.output()).isTrue();
  }

  /** Waits until the child's output contains {@code marker}, the child still alive. */
  private static void awaitOutput(Child child, String marker) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (!child.output().contains(marker)) {
      assertThat(child.process().isAlive())
          .as("the child ended before '%s'; output:%n%s", marker, child.output()).isTrue();
      assertThat(System.nanoTime()).as("no '%s' within 3 minutes; output:%n%s", marker,
          child.output()).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static int awaitExit(Child child) throws InterruptedException {
    boolean ended = child.process().waitFor(2, TimeUnit.MINUTES);
    if (!ended) {
      child.process().destroyForcibly();
    }
    assertThat(ended).as("ended within 2 minutes; output:%n%s", child.output()).isTrue();
    return child.process().exitValue();
  }

  private static List<String> strings(Path warehouse, String sql) throws Exception {
    try (Connection c = DuckDbWarehouse.attach(warehouse).connect()) {
      List<String> rows = new ArrayList<>();
      for (var r : DuckDbWarehouse.dsl(c).fetch(sql)) {
        rows.add(r.intoList().toString());
      }
      return rows;
    } finally {
      DuckDbConnections.close(warehouse);
    }
  }

  private static List<String> stagingTables(Path warehouse) throws Exception {
    return strings(warehouse, "select table_name from information_schema.tables"
        + " where table_name like 'stage\\_%' escape '\\' order by table_name");
  }

  @Test
  void givenARunningJob_whenSigterm_thenItsHookMarksTheRunFailedAndDropsItsStaging()
      throws Exception {
    Path warehouse = dir.resolve("w.duckdb");
    Files.copy(shared.resolve("big.duckdb"), warehouse);
    Child child = start(warehouse, "termed");
    awaitRunning(child, "termed");

    child.process().destroy(); // SIGTERM
    int exit = awaitExit(child);

    assertThat(exit).as("exit code; output:%n%s", child.output()).isEqualTo(143);
    assertThat(child.output()).contains("run termed terminated before it finished")
        .contains("marked failed, its staging dropped");
    assertThat(strings(warehouse, "select run_id, status, finished_at is not null, message"
        + " from model_runs")).containsExactly("[termed, failed, true, terminated before it"
            + " finished: the process was asked to stop (SIGTERM, SIGINT) or exited while the run"
            + " was going; its outputs were not published]");
    assertThat(stagingTables(warehouse)).isEmpty();
    assertThat(strings(warehouse, "select count(*) from demand_forecasts")).containsExactly("[0]");
    assertThat(strings(warehouse, "select count(*) from forecast_explanations"))
        .containsExactly("[0]");
  }

  @Test
  void givenARunningJob_whenKilled_thenItStaysRunningUntilTheNextRunsStartRecoversIt()
      throws Exception {
    Path warehouse = dir.resolve("w.duckdb");
    Files.copy(shared.resolve("big.duckdb"), warehouse);
    Child child = start(warehouse, "killed");
    awaitRunning(child, "killed");

    child.process().destroyForcibly(); // SIGKILL: no hook runs
    int exit = awaitExit(child);

    assertThat(exit).as("exit code; output:%n%s", child.output()).isEqualTo(137);
    assertThat(strings(warehouse, "select run_id, status from model_runs"))
        .containsExactly("[killed, running]");
    List<String> killedStaging = new ArrayList<>();
    for (TableSchema table : OutputWarehouse.stagedOutputs()) {
      killedStaging.add("[" + OutputWarehouse.stagingTable("killed", table) + "]");
    }
    assertThat(stagingTables(warehouse)).containsExactlyInAnyOrderElementsOf(killedStaging);

    // the next run (its sales from 20 series, to be quick) starts in the same warehouse
    CliRun.Outcome next = CliRun.execute("run", "--warehouse", warehouse.toString(),
        "--reports", dir.resolve("reports").toString(), "--run-id", "next",
        "--source", "erp_sales=duckdb:" + shared.resolve("small.duckdb") + "#erp_sales",
        "--period=WEEK", "--horizon=4", "--backtest-windows=1");
    DuckDbConnections.closeAll();

    assertThat(next.exitCode()).as(next.out() + next.err()).isZero();
    assertThat(next.out()).contains("  recovered run killed: it was still 'running' but its"
        + " process is gone; marked failed, its staging dropped, nothing of it published");
    assertThat(strings(warehouse, "select run_id, status from model_runs order by run_id"))
        .containsExactly("[killed, failed]", "[next, complete]");
    assertThat(strings(warehouse, "select message from model_runs where run_id = 'killed'").get(0))
        .startsWith("[abandoned: found still running at ")
        .endsWith("its outputs were never published]");
    assertThat(stagingTables(warehouse)).isEmpty();
    assertThat(strings(warehouse, "select distinct run_id from demand_forecasts"))
        .containsExactly("[next]");
    assertThat(strings(warehouse, "select distinct run_id from forecast_explanations"))
        .containsExactly("[next]");
  }

  @Test
  void givenAJobKilledWhileForecasting_whenTheNextRunStarts_thenRecoveredAndTheViewsShowOnlyCompleteRuns()
      throws Exception {
    Path warehouse = dir.resolve("w.duckdb");
    Files.copy(shared.resolve("big.duckdb"), warehouse);
    Child child = start(warehouse, "midway");
    // a later stage than the run's start: the pipeline is forecasting
    awaitOutput(child, "  forecasting: ");
    child.process().destroyForcibly(); // SIGKILL
    assertThat(awaitExit(child)).isEqualTo(137);

    CliRun.Outcome next = CliRun.execute("run", "--warehouse", warehouse.toString(),
        "--reports", dir.resolve("reports").toString(), "--run-id", "after",
        "--source", "erp_sales=duckdb:" + shared.resolve("small.duckdb") + "#erp_sales",
        "--period=WEEK", "--horizon=4", "--backtest-windows=1");
    DuckDbConnections.closeAll();

    assertThat(next.exitCode()).as(next.out() + next.err()).isZero();
    assertThat(next.out()).contains("  recovered run midway:");
    assertThat(strings(warehouse, "select run_id, status from model_runs order by run_id"))
        .containsExactly("[after, complete]", "[midway, failed]");
    assertThat(stagingTables(warehouse)).isEmpty();
    assertThat(strings(warehouse, "select distinct run_id from latest_forecasts"))
        .containsExactly("[after]");
  }

  @Test
  void givenARunningJob_whenASecondRunStartsOnTheSameFile_thenItIsRefusedAndRecordsNothing()
      throws Exception {
    Path warehouse = dir.resolve("w.duckdb");
    Files.copy(shared.resolve("big.duckdb"), warehouse);
    Child first = start(warehouse, "first");
    awaitRunning(first, "first");

    Child second = start(warehouse, "second");
    int secondExit = awaitExit(second);
    assertThat(first.process().isAlive()).as("the first run goes on").isTrue();
    first.process().destroy(); // SIGTERM: the first run's hook marks it failed
    awaitExit(first);

    assertThat(secondExit).as(second.output()).isNotZero();
    assertThat(second.output()).containsIgnoringCase("lock");
    assertThat(strings(warehouse, "select run_id, status from model_runs"))
        .containsExactly("[first, failed]");
  }
}
