package io.demandcast.pipelines.cli;

import io.demandcast.pipelines.cli.CliRun.Outcome;
import static io.demandcast.pipelines.cli.CliRun.execute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.connectors.schema.CanonicalTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demandcast run --map / --mapping}: source tables whose column names differ. */
class RunColumnMappingCliTest {
  @TempDir Path dir;



  @AfterEach
  void closeWarehouses() {
    DuckDbConnections.closeAll();
  }

  /** Runs with a bad mapping; checks the exit, the first error line and that no warehouse exists. */
  private void assertRejectedBeforeAnyWork(List<String> args, String... fragments) {
    Path warehouse = dir.resolve("w.duckdb");
    List<String> all = new ArrayList<>(List.of("run", "--warehouse=" + warehouse,
        "--reports=" + dir.resolve("reports"),
        "--source", "erp_sales=duckdb:" + dir.resolve("erp.duckdb") + "#sales_history"));
    all.addAll(args);
    Outcome r = execute(all);
    assertThat(r.exitCode()).as(args.toString()).isEqualTo(2);
    assertThat(r.errFirstLine()).as(args.toString()).startsWith("demandcast: ").contains(fragments);
    assertThat(warehouse).as(args + ": checked before the warehouse is touched").doesNotExist();
    assertThat(r.out()).as(args.toString()).isEmpty();
  }

  @Test
  void givenRunHelp_whenExecuted_thenListsMapAndMappingAndWhichWins() {
    Outcome r = execute(List.of("run", "--help"));
    assertThat(r.exitCode()).isZero();
    String help = r.out().replaceAll("\\s+", " ");
    assertThat(help).contains("--map=TABLE.COLUMN=SOURCE_COLUMN").contains("--mapping=FILE")
        .contains("overrides --mapping for the same column")
        .contains("--map wins for the same column")
        .contains("--map erp_sales.sku=item_code");
  }

  @Test
  void givenMapOfUnknownTable_whenRun_thenNonZeroExitNamingTheEntry() {
    assertRejectedBeforeAnyWork(List.of("--map", "erp_salez.sku=item_code"),
        "--map: erp_salez.sku=item_code: unknown table 'erp_salez'", "erp_sales");
  }

  @Test
  void givenMapOfUnknownColumn_whenRun_thenNonZeroExitNamingTheEntryAndTheColumns() {
    assertRejectedBeforeAnyWork(List.of("--map", "erp_sales.item=item_code"),
        "--map: erp_sales.item=item_code: erp_sales has no column 'item'", "[sku, location,");
  }

  @Test
  void givenMapWithoutEquals_whenRun_thenNonZeroExitShowingTheSyntax() {
    assertRejectedBeforeAnyWork(List.of("--map", "erp_sales.sku"),
        "--map: 'erp_sales.sku' is not TABLE.COLUMN=SOURCE_COLUMN");
  }

  @Test
  void givenMapOfAnOutputTable_whenRun_thenNonZeroExitSayingOnlySourcesMap() {
    assertRejectedBeforeAnyWork(List.of("--map", "demand_forecasts.sku=item"),
        "demand_forecasts is an output table");
  }

  @Test
  void givenMappingFileWithUnknownColumn_whenRun_thenNonZeroExitNamingFileAndEntry()
      throws Exception {
    Path file = Files.writeString(dir.resolve("map.json"),
        "{\"erp_sales\": {\"sku\": \"item_code\", \"day\": \"sale_day\"}}");
    assertRejectedBeforeAnyWork(List.of("--mapping", file.toString()),
        "--mapping: column mapping file " + file, "erp_sales.day=sale_day",
        "erp_sales has no column 'day'");
  }

  @Test
  void givenMissingMappingFile_whenRun_thenNonZeroExitNamingTheFile() {
    Path file = dir.resolve("none.yaml");
    assertRejectedBeforeAnyWork(List.of("--mapping", file.toString()),
        "--mapping: column mapping file " + file + " does not exist");
  }

  @Test
  void givenFileAndMapReadingOneColumnTwice_whenRun_thenNonZeroExitNamingBothColumns()
      throws Exception {
    Path file = Files.writeString(dir.resolve("map.yml"), "erp_sales:\n  sku: code\n");
    assertRejectedBeforeAnyWork(List.of("--mapping", file.toString(),
            "--map", "erp_sales.location=code"),
        "--mapping with --map: erp_sales.sku and erp_sales.location are both mapped to source"
            + " column 'code'");
  }

  // ------------------------------------------------------------------ a run on a renamed table

  /** 2 SKUs x 1 location x 30 months, columns named otherwise, in {@code erp.duckdb}. */
  private Path renamedSalesTable() throws Exception {
    Path erp = dir.resolve("erp.duckdb");
    StringBuilder values = new StringBuilder();
    for (int m = 0; m < 30; m++) {
      for (String sku : List.of("A-1", "B-2")) {
        double quantity = (sku.equals("A-1") ? 20 : 5) + (m % 12) + (m % 3);
        values.append(values.length() == 0 ? "" : ", ")
            .append(String.format("('%s', 'DC1', date '2022-01-01' + interval %d month, %s)",
                sku, m, quantity));
      }
    }
    try (Connection c = DuckDbConnections.open(erp)) {
      var dsl = DuckDbWarehouse.dsl(c);
      dsl.execute("create table sales_history (item_code varchar, location varchar,"
          + " sale_day date, qty double, unit_price double, promo boolean)");
      dsl.execute("insert into sales_history (item_code, location, sale_day, qty) values "
          + values);
    }
    return erp;
  }

  /** The warehouse with the two items in erp_items (the job rejects sales of unknown SKUs). */
  private Path warehouseWithItems() {
    Path warehouse = dir.resolve("w.duckdb");
    List<Object[]> items = new ArrayList<>();
    for (String sku : List.of("A-1", "B-2")) {
      items.add(new Object[] {sku, "part " + sku, "P1", 2.0, 0.2, 20.0, 1, 1.0, "S1", "Truck",
          null, null, null, "test"});
    }
    DuckDbWarehouse.open(warehouse).replaceSourceTable(CanonicalTables.ERP_ITEMS, items);
    DuckDbConnections.closeAll();
    return warehouse;
  }

  @Test
  void givenSalesTableWithOtherColumnNames_whenRunWithMapAndMapping_thenForecastsItsSkusAndRecordsTheMapping()
      throws Exception {
    Path erp = renamedSalesTable();
    Path warehouse = warehouseWithItems();
    Path mapping = Files.writeString(dir.resolve("map.json"),
        "{\"erp_sales\": {\"sku\": \"wrong_column\", \"date\": \"sale_day\"}}");

    Outcome r = execute(List.of("run", "--warehouse", warehouse.toString(),
        "--source", "erp_sales=duckdb:" + erp + "#sales_history",
        "--mapping", mapping.toString(),
        // overrides the file's erp_sales.sku
        "--map", "erp_sales.sku=item_code", "--map", "erp_sales.quantity=qty",
        "--run-id", "mapped", "--horizon", "3", "--backtest-windows", "1",
        "--simulation-periods", "0", "--sku-shards", "2",
        "--reports", dir.resolve("reports").toString()));

    assertThat(r.exitCode()).as(r.err()).isZero();
    try (Connection c = DuckDbConnections.open(warehouse)) {
      var dsl = DuckDbWarehouse.dsl(c);
      assertThat(dsl.fetch("select distinct sku from demand_forecasts where run_id = 'mapped'"
              + " order by sku").getValues(0, String.class))
          .containsExactly("A-1", "B-2");
      assertThat(dsl.fetchValue("select count(*) from rejected_records where run_id = 'mapped'"))
          .isEqualTo(0L);
      JsonNode options = new ObjectMapper().readTree(
          (String) dsl.fetchValue("select options from model_runs where run_id = 'mapped'"));
      assertThat(options.get("column_mapping")).isEqualTo(new ObjectMapper().readTree(
          "{\"erp_sales\": {\"sku\": \"item_code\", \"date\": \"sale_day\", \"quantity\": \"qty\"}}"));
    }
  }

  @Test
  void givenMappedColumnMissingFromTheTable_whenRun_thenNonZeroExitNamingTableColumnAndMapping()
      throws Exception {
    Path erp = renamedSalesTable();
    Path warehouse = dir.resolve("w.duckdb");

    Outcome r = execute(List.of("run", "--warehouse", warehouse.toString(),
        "--source", "erp_sales=duckdb:" + erp + "#sales_history",
        "--map", "erp_sales.sku=item_code", "--map", "erp_sales.date=sold_on",
        "--reports", dir.resolve("reports").toString()));

    // the check's report, of every problem (erp_items is missing too), and nothing written
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).contains("BLOCKS  erp_sales.date: the mapped column sold_on is not in"
        + " sales_history (columns: item_code, location, sale_day, qty, unit_price, promo);"
        + " expected DATE, or TIMESTAMP (its day is used); fix the --map/--mapping entry")
        .contains("BLOCKS  erp_sales.quantity: no column quantity in sales_history")
        .containsPattern("BLOCKS +erp_items +missing, and a run needs it")
        .contains("3 problems block a run");
    assertThat(warehouse).doesNotExist();
  }
}
