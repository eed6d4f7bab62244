package io.demandcast.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.pipelines.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README, "Your own data in five minutes": the commands of its code block, as written there, run
 * through the CLI in process, one after the other, on the two CSVs of {@code
 * data/examples/own-data/}. Only where the files go changes: the warehouse and the report are put
 * in a temporary folder, and the paths of the example files are taken from the repository root.
 */
class OwnDataIT {
  private static final Path ROOT = Path.of("..");
  private static final String SECTION = "## Your own data in five minutes";

  @TempDir Path dir;

  @AfterEach
  void close() {
    DuckDbConnections.closeAll();
  }

  /** The commands of the section's first code block, continuation lines joined, split in words. */
  static List<List<String>> readmeCommands() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int section = readme.indexOf(SECTION);
    assertThat(section).as("README section " + SECTION).isNotNegative();
    Matcher block = Pattern.compile("```bash\n(.*?)```", Pattern.DOTALL)
        .matcher(readme.substring(section));
    assertThat(block.find()).as("a bash block in " + SECTION).isTrue();
    List<List<String>> commands = new ArrayList<>();
    for (String line : block.group(1).replace("\\\n", " ").split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      List<String> words = List.of(line.strip().split("\\s+"));
      assertThat(words.get(0)).isEqualTo("./demandcast");
      commands.add(words.subList(1, words.size()));
    }
    return commands;
  }

  @Test
  void givenTheReadmeSteps_whenRun_thenAReportWithRecommendations() throws Exception {
    List<List<String>> commands = readmeCommands();
    assertThat(commands).extracting(c -> c.get(0))
        .containsExactly("import", "import", "check", "run");
    Path warehouse = dir.resolve("mine.duckdb");
    Path reports = dir.resolve("reports");
    List<CliRun.Outcome> outcomes = new ArrayList<>();
    for (List<String> command : commands) {
      List<String> args = new ArrayList<>();
      for (String word : command) {
        args.add(word.equals("mine.duckdb") ? warehouse.toString()
            : word.startsWith("data/") ? ROOT.resolve(word).toString() : word);
      }
      if (command.get(0).equals("run")) {
        args.addAll(List.of("--reports", reports.toString()));
      }
      CliRun.Outcome outcome = CliRun.execute(args);
      assertThat(outcome.exitCode()).as(String.join(" ", args) + "\n" + outcome.out()
          + outcome.err()).isZero();
      outcomes.add(outcome);
    }

    // what the README says each step prints
    assertThat(outcomes.get(0).out()).contains("erp_sales: 1,248 rows loaded")
        .containsPattern("BLOCKS +erp_items +missing, and a run needs it")
        .contains("1 problem blocks a run");
    assertThat(outcomes.get(1).out()).contains("erp_items: 4 rows loaded")
        .endsWith("ready to run\n");
    assertThat(outcomes.get(2).out())
        .contains("ok      erp_sales: 1,248 rows; none would be rejected")
        .contains("4 SKUs would be planned (8 SKU x location series) from 1,248 sales rows")
        .containsPattern("note +erp_inventory +absent: a run reads it as empty")
        .endsWith("ready to run\n");
    String run = outcomes.get(3).out();
    assertThat(run).contains("series forecast    8 of 8");

    // a report, and recommendations in it and in the warehouse
    Path report;
    try (Stream<Path> runs = Files.list(reports)) {
      report = runs.findFirst().orElseThrow();
    }
    assertThat(report.resolve("index.html")).isNotEmptyFile();
    List<String> csv = Files.readAllLines(report.resolve("recommendations.csv"));
    assertThat(csv).hasSize(1 + 8);
    try (Connection c = DuckDbWarehouse.attach(warehouse).connect()) {
      var dsl = DuckDbWarehouse.dsl(c);
      assertThat(dsl.fetchValue("select count(*) from latest_recommendations"))
          .isEqualTo(8L);
      assertThat(dsl.fetchValue("select count(*) from latest_recommendations"
          + " where sku = 'BOLT-M8' and location = 'STORE-N' and recommended_order_qty > 0"))
          .isEqualTo(1L);
      // the optional source tables a run did without are still not there
      assertThat(dsl.fetchValue("select count(*) from information_schema.tables where"
          + " table_name in ('erp_inventory', 'erp_purchase_orders', 'iot_readings',"
          + " 'logistics_shipments')")).isEqualTo(0L);
    }
  }
}
