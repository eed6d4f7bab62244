package io.demandcast.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.connectors.testing.LocalS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demandcast import}: files into source tables, in one transaction, then the check. */
class ImportCommandTest {
  @TempDir Path dir;

  @AfterEach
  void close() {
    DuckDbConnections.closeAll();
  }

  private Path file(String name, String... lines) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  private List<String> rows(Path warehouse, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = DuckDbWarehouse.attach(warehouse).connect()) {
      for (Record r : DuckDbWarehouse.dsl(c).fetch(sql)) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < r.size(); i++) {
          values.add(String.valueOf(r.get(i)));
        }
        rows.add(String.join(" ", values));
      }
    }
    return rows;
  }

  private Path salesCsv() throws Exception {
    return file("sales.csv",
        "item,store,day,units,comment",
        "00123,STORE-N,2024-01-05,3,first",
        "00123,STORE-N,2024-01-12,0,",
        "B-7,STORE-S,2024-01-05,12,x");
  }

  private static final String[] SALES_MAP = {
    "--map", "sku=item", "--map", "location=store", "--map", "erp_sales.date=day",
    "--map", "quantity=units"};

  private CliRun.Outcome importSales(Path warehouse, Path file, String... more) {
    List<String> args = new ArrayList<>(List.of("import", "--warehouse", warehouse.toString(),
        "--table", "erp_sales", "--file", file.toString(), "--as-of", "2024-12-31"));
    args.addAll(List.of(SALES_MAP));
    args.addAll(List.of(more));
    return CliRun.execute(args);
  }

  @Test
  void givenCsvInOwnColumnNamesWithIntegerQuantities_whenImported_thenCanonicalRowsAndReport()
      throws Exception {
    Path warehouse = dir.resolve("new/w.duckdb"); // created, with its folder

    CliRun.Outcome outcome = importSales(warehouse, salesCsv());

    assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
    assertThat(rows(warehouse, "select sku, location, date, quantity, unit_price from erp_sales"
        + " order by sku, date"))
        // the code keeps its leading zeros; the integer units are DOUBLE quantities
        .containsExactly("00123 STORE-N 2024-01-05 3.0 null", "00123 STORE-N 2024-01-12 0.0 null",
            "B-7 STORE-S 2024-01-05 12.0 null");
    assertThat(rows(warehouse, "select data_type from information_schema.columns"
        + " where table_name = 'erp_sales' and column_name = 'quantity'"))
        .containsExactly("DOUBLE");
    assertThat(outcome.out())
        .contains("erp_sales: 3 rows loaded")
        .contains("columns not loaded (not in erp_sales): comment")
        .contains("loaded as NULL (not in the file): unit_price, promo, lineage")
        // then the check: what a run still lacks
        .containsPattern("BLOCKS +erp_items +missing, and a run needs it")
        .contains("1 problem blocks a run");
    // the other source tables are not created
    assertThat(rows(warehouse, "select count(*) from information_schema.tables"
        + " where table_name in ('erp_items', 'erp_inventory', 'iot_readings')"))
        .containsExactly("0");
  }

  @Test
  void givenParquetAndJson_whenImported_thenTypesWidenedAndRowsAppended() throws Exception {
    Path warehouse = dir.resolve("w.duckdb");
    Path parquet = dir.resolve("stock.parquet");
    Path json = dir.resolve("stock.jsonl");
    try (Connection c = DuckDbConnections.open(dir.resolve("scratch.duckdb"))) {
      // INTEGER on hand, TIMESTAMP snapshot day, a BIGINT sku code
      DuckDbWarehouse.dsl(c).execute("copy (select 1001::bigint as sku, 'DC1' as location,"
          + " timestamp '2024-06-30 23:59:00' as snapshot_date, 40::integer as on_hand"
          + " union all select 1002, 'DC1', timestamp '2024-06-30 00:00:00', 0)"
          + " to '" + parquet + "' (format parquet)");
    }
    Files.writeString(json, "{\"sku\": \"1003\", \"location\": \"DC2\", \"snapshot_date\":"
        + " \"2024-07-31\", \"on_hand\": 5.5, \"quarantined\": 1}\n");

    CliRun.Outcome first = CliRun.execute("import", "--warehouse", warehouse.toString(),
        "--table", "erp_inventory", "--file", parquet.toString());
    CliRun.Outcome second = CliRun.execute("import", "--warehouse", warehouse.toString(),
        "--table", "erp_inventory", "--file", json.toString(), "--append");

    assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
    assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
    assertThat(second.out()).contains("erp_inventory: 1 row loaded (appended)");
    assertThat(rows(warehouse, "select sku, location, snapshot_date, on_hand, quarantined"
        + " from erp_inventory order by sku"))
        .containsExactly("1001 DC1 2024-06-30 40.0 null", "1002 DC1 2024-06-30 0.0 null",
            "1003 DC2 2024-07-31 5.5 1.0");
  }

  @Test
  void givenTextThatIsNoNumber_whenImported_thenFailsNamingFileColumnAndValue_andTableUnchanged()
      throws Exception {
    Path warehouse = dir.resolve("w.duckdb");
    assertThat(importSales(warehouse, salesCsv()).exitCode()).isZero();
    Path bad = file("bad.csv",
        "item,store,day,units",
        "A,S1,2024-02-01,4",
        "A,S1,2024-02-02,n/a",
        "A,S1,2024-02-03,1.5e1",
        "A,S1,2024-02-04,seven");

    CliRun.Outcome outcome = importSales(warehouse, bad);

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.errFirstLine())
        .contains(bad.toString())
        .contains("column units (erp_sales.quantity): 'n/a' is not a number (2 such values)")
        .contains("nothing was loaded");
    assertThat(rows(warehouse, "select count(*) from erp_sales")).containsExactly("3");
  }

  @Test
  void givenADateInAnotherFormat_whenImported_thenFailsNamingTheValue() throws Exception {
    Path warehouse = dir.resolve("w.duckdb");
    Path bad = file("dates.csv", "item,store,day,units", "A,S1,31/01/2024,4");

    CliRun.Outcome outcome = importSales(warehouse, bad);

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.errFirstLine())
        .contains("column day (erp_sales.date): '31/01/2024' is not a date (yyyy-mm-dd)");
  }

  @Test
  void givenASecondFileThatFails_whenImported_thenNeitherFileIsLoadedAndTheTableIsAsItWas()
      throws Exception {
    Path warehouse = dir.resolve("w.duckdb");
    assertThat(importSales(warehouse, salesCsv()).exitCode()).isZero();
    Path good = file("good.csv", "item,store,day,units", "C,S1,2024-03-01,2");
    Path noKey = file("nokey.csv", "item,store,day,units", "D,,2024-03-01,2");

    CliRun.Outcome replace = importSales(warehouse, good, "--file", noKey.toString());
    CliRun.Outcome append = importSales(warehouse, good, "--file", noKey.toString(), "--append");

    for (CliRun.Outcome outcome : List.of(replace, append)) {
      assertThat(outcome.exitCode()).isEqualTo(2);
      assertThat(outcome.errFirstLine()).contains(noKey.toString())
          .contains("column store (erp_sales.location) is empty in 1 row");
    }
    assertThat(rows(warehouse, "select sku from erp_sales order by sku"))
        .containsExactly("00123", "00123", "B-7");
  }

  @Test
  void givenAFileWithoutRequiredColumns_whenImported_thenEveryMissingColumnIsNamed()
      throws Exception {
    Path items = file("items.csv", "code,cost", "A,2.5");

    CliRun.Outcome outcome = CliRun.execute("import", "--warehouse",
        dir.resolve("w.duckdb").toString(), "--table", "erp_items", "--file", items.toString(),
        "--map", "unit_cost=cost");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.errFirstLine())
        .contains("no column sku (erp_items.sku, VARCHAR; if the file holds it under another"
            + " name: --map erp_items.sku=NAME)")
        // holding_cost_rate and order_cost may be absent: the run's defaults apply
        .doesNotContain("no column holding_cost_rate")
        .doesNotContain("no column order_cost")
        .contains("The file's columns: code VARCHAR, cost VARCHAR");
  }

  @Test
  void givenATableOfOtherColumns_whenReplaced_thenRecreatedCanonically() throws Exception {
    Path warehouse = dir.resolve("w.duckdb");
    try (Connection c = DuckDbConnections.open(warehouse)) {
      DuckDbWarehouse.dsl(c).execute("create table erp_sales (sku varchar, qty varchar)");
      DuckDbWarehouse.dsl(c).execute("insert into erp_sales values ('old', 'x')");
    }
    Path sales = salesCsv();

    CliRun.Outcome append = importSales(warehouse, sales, "--append");
    CliRun.Outcome replace = importSales(warehouse, sales);

    assertThat(append.exitCode()).isEqualTo(2);
    assertThat(append.errFirstLine()).contains("cannot append to erp_sales: its columns do not"
        + " fit").contains("import without --append to replace the table");
    assertThat(replace.exitCode()).as(replace.out() + replace.err()).isZero();
    assertThat(replace.out()).contains("erp_sales: 3 rows loaded, replacing 1");
    assertThat(rows(warehouse, "select count(*) from erp_sales where sku = 'old'"))
        .containsExactly("0");
  }

  @Test
  void givenFilesInS3_whenImported_thenEveryObjectUnderThePrefixIsLoaded() throws Exception {
    try (LocalS3 s3 = LocalS3.start()) {
      s3.createBucket("acme-erp");
      s3.put("acme-erp", "exports/sales/2024-01.csv",
          "item,store,day,units\nA,S1,2024-01-05,3\nA,S1,2024-01-12,4\n");
      s3.put("acme-erp", "exports/sales/2024-02.csv", "item,store,day,units\nA,S1,2024-02-02,5\n");
      s3.put("acme-erp", "exports/sales/_SUCCESS", "");
      Path warehouse = dir.resolve("w.duckdb");
      List<String> args = new ArrayList<>(List.of("import", "--warehouse", warehouse.toString(),
          "--table", "erp_sales", "--file", "s3://acme-erp/exports/sales/"));
      args.addAll(List.of(SALES_MAP));
      args.addAll(s3.pipelineArgs());

      CliRun.Outcome outcome = CliRun.execute(args);

      assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
      assertThat(outcome.out()).contains("s3://acme-erp/exports/sales/2024-01.csv")
          .contains("s3://acme-erp/exports/sales/2024-02.csv")
          .contains("erp_sales: 3 rows loaded");
      assertThat(rows(warehouse, "select date, quantity from erp_sales order by date"))
          .containsExactly("2024-01-05 3.0", "2024-01-12 4.0", "2024-02-02 5.0");
    }
  }
}
