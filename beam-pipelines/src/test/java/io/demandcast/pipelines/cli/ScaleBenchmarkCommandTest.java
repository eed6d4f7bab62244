package io.demandcast.pipelines.cli;

import static io.demandcast.pipelines.cli.CliRun.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.connectors.demo.SyntheticDataset;
import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.pipelines.cli.ScaleBenchmarkCommand.Measurement;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scale benchmark's and the generator's own logic; the timed runs are the benchmark's. */
class ScaleBenchmarkCommandTest {
  @TempDir Path dir;

  @AfterEach
  void close() {
    DuckDbConnections.closeAll();
  }

  private static Measurement run(String runner, int series, double wall, double rss, int exit) {
    return new Measurement(runner, series, 1, wall, rss, series, series, exit);
  }

  @Test
  void givenRunsOfTwoSizes_whenSummarised_thenMediansAndTheRatioOfSeriesPerSecond() {
    String text = ScaleBenchmarkCommand.summary(List.of(
        run("direct", 1000, 10, 500, 0),
        run("direct", 1000, 30, 700, 0),
        run("direct", 1000, 20, 900, 0),
        run("direct", 10000, 80, 2000, 0),
        run("flink", 10000, 50, 1500, 0),
        run("flink", 100000, 600, 3000, 0)));
    // direct 1k: median 20 s -> 50 series/s; 10k: 125 series/s, 2.50 times as many
    assertThat(text).containsPattern("direct\\s+1,000\\s+3\\s+20\\.0\\s+50\\.0\\s+700");
    assertThat(text).containsPattern("direct\\s+10,000\\s+1\\s+80\\.0\\s+125\\.0\\s+2,000\\s+2\\.50");
    // flink 10k: 200 series/s; 100k: 166.7 series/s, 0.83 of it
    assertThat(text).containsPattern("flink\\s+100,000\\s+1\\s+600\\.0\\s+166\\.7\\s+3,000\\s+0\\.83");
  }

  @Test
  void givenAFailedRun_whenSummarised_thenItIsListedAsFailedAndLeftOutOfTheMedians() {
    String text = ScaleBenchmarkCommand.summary(List.of(
        run("direct", 1000, 10, 500, 0),
        run("direct", 1000, 900, 5000, 143),
        run("direct", 100000, 900, 5700, 143)));
    assertThat(text).containsPattern("direct\\s+1,000\\s+1\\s+10\\.0\\s+100\\.0\\s+500");
    assertThat(text).containsPattern("direct\\s+100,000\\s+0\\s+FAILED");
  }

  @Test
  void givenValues_whenMedianTaken_thenMiddleOrMeanOfTheTwoMiddles() {
    assertThat(ScaleBenchmarkCommand.median(new double[] {3, 1, 2})).isEqualTo(2);
    assertThat(ScaleBenchmarkCommand.median(new double[] {4, 1, 2, 3})).isCloseTo(2.5, within(1e-12));
  }

  @Test
  void givenThisProcess_whenItsHighWaterMarkIsRead_thenAtLeastItsHeapInUse_andZeroForNoProcess() {
    long used = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    long kb = ScaleBenchmarkCommand.highWaterMarkKb(ProcessHandle.current().pid());
    assertThat(kb * 1024).isGreaterThan(used);
    assertThat(ScaleBenchmarkCommand.highWaterMarkKb(Long.MAX_VALUE)).isZero();
  }

  @Test
  void givenBadOptions_whenRun_thenTheErrorNamesTheOption() {
    CliRun.Outcome runner = execute("scale-benchmark", "--runners", "direct,spark",
        "--work-dir", dir.toString());
    assertThat(runner.exitCode()).isEqualTo(2);
    assertThat(runner.err()).contains("--runners takes direct and flink, was 'spark'");
    CliRun.Outcome sizes = execute("scale-benchmark", "--series", "1000,0",
        "--work-dir", dir.toString());
    assertThat(sizes.exitCode()).isEqualTo(2);
    assertThat(sizes.err()).contains("--series must list sizes >= 1");
  }

  @Test
  void givenGenerate_whenRun_thenTheWarehouseHoldsTheSyntheticSources() throws Exception {
    Path warehouse = dir.resolve("s.duckdb");
    CliRun.Outcome r = execute("generate", "--series", "40", "--weeks", "30", "--seed", "5",
        "--warehouse", warehouse.toString());
    // an intermittent SKU may sell nothing in 30 weeks: it has no sales rows
    SyntheticDataset data = new SyntheticDataset(40, 30, 5);
    long selling = java.util.stream.IntStream.range(0, 40)
        .filter(i -> java.util.Arrays.stream(data.sku(i).demand()).sum() > 0)
        .count();
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("generating 40 series x 30 weeks").contains("generated in");
    try (Connection c = DuckDbWarehouse.attach(warehouse).connect()) {
      var dsl = DuckDbWarehouse.dsl(c);
      assertThat(((Number) dsl.fetchValue("select count(*) from erp_items")).longValue()).isEqualTo(40);
      assertThat(((Number) dsl.fetchValue("select count(distinct sku) from erp_sales")).longValue())
          .isEqualTo(selling);
      assertThat(((Number) dsl.fetchValue("select count(*) from erp_inventory")).longValue())
          .isEqualTo(40);
      assertThat(((Number) dsl.fetchValue("select count(distinct date) from erp_sales")).longValue())
          .isEqualTo(30);
    }
    CliRun.Outcome bad = execute("generate", "--series", "0", "--warehouse", warehouse.toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--series must be >= 1, was 0");
  }
}
