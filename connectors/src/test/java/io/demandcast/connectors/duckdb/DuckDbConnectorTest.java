package io.demandcast.connectors.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.connectors.Connectors;
import io.demandcast.connectors.SourceConnector;
import io.demandcast.connectors.TableCheck;
import io.demandcast.connectors.TableUri;
import io.demandcast.connectors.UnreadableRecords;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.ColumnMapping;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionRowTuple;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The DuckDB connector as the registry hands it out: read, check, the file rule. */
class DuckDbConnectorTest {
  @RegisterExtension final TestPipelineExtension pipelines = TestPipelineExtension.create();

  @TempDir Path dir;
  private Path file;
  private final SourceConnector connector = Connectors.loaded().forScheme("duckdb");

  @BeforeEach
  void load() throws Exception {
    file = dir.resolve("w.duckdb");
    DuckDbWarehouse warehouse = DuckDbWarehouse.open(file);
    warehouse.replaceSourceTable(CanonicalTables.ERP_SALES, List.<Object[]>of(
        new Object[] {"A", "DC1", LocalDate.of(2025, 1, 6), 2.0, null, null, null},
        new Object[] {"B", "DC1", LocalDate.of(2025, 1, 6), 3.0, null, null, null}));
    try (Connection c = warehouse.connect()) {
      // quantity as text: does not fit DOUBLE; no unit_price and promo: nullable, read as NULL
      DuckDbWarehouse.dsl(c).execute("create table own_sales (item varchar, location varchar,"
          + " \"date\" date, quantity varchar)");
    }
  }

  @AfterEach
  void close() {
    DuckDbConnections.closeAll();
  }

  @Test
  void givenTable_whenReadThroughTheConnector_thenRowsAndAnEmptyUnreadableOutput(TestPipeline p) {
    PCollectionRowTuple read = PBegin.in(p).apply(connector.read(
        TableUri.duckDb(file, "erp_sales"), CanonicalTables.ERP_SALES, ColumnMapping.IDENTITY));

    PAssert.that(read.get(UnreadableRecords.ROWS)).satisfies(rows -> {
      List<String> skus = new ArrayList<>();
      rows.forEach(r -> skus.add(r.getString("sku")));
      assertThat(skus).containsExactlyInAnyOrder("A", "B");
      return null;
    });
    PAssert.that(read.get(UnreadableRecords.UNREADABLE)).empty();
    assertThat(read.get(UnreadableRecords.UNREADABLE).getSchema())
        .isEqualTo(UnreadableRecords.SCHEMA);
    p.run().waitUntilFinish();
  }

  @Test
  void givenTables_whenChecked_thenRowsColumnsAndEveryProblemWithoutReading() {
    var options = PipelineOptionsFactory.create();
    TableCheck fits = connector.check(TableUri.duckDb(file, "erp_sales"),
        CanonicalTables.ERP_SALES, ColumnMapping.IDENTITY, options);
    assertThat(fits.readable()).isTrue();
    assertThat(fits.rows()).isEqualTo(OptionalLong.of(2));
    assertThat(fits.columns()).contains("sku", "quantity");

    TableCheck own = connector.check(TableUri.duckDb(file, "own_sales"),
        CanonicalTables.ERP_SALES, ColumnMapping.IDENTITY, options);
    assertThat(own.found()).isTrue();
    assertThat(own.readable()).isFalse();
    assertThat(own.problems()).hasSize(2);
    assertThat(own.problems().get(0)).startsWith("erp_sales.sku: no column sku in own_sales")
        .contains("--map erp_sales.sku=NAME");
    assertThat(own.problems().get(1))
        .startsWith("erp_sales.quantity: column quantity of own_sales is VARCHAR; accepted:");

    TableCheck absentOptional = connector.check(TableUri.duckDb(file, "erp_inventory"),
        CanonicalTables.ERP_INVENTORY, ColumnMapping.IDENTITY, options);
    assertThat(absentOptional.found()).isFalse();
    assertThat(absentOptional.readsAsEmpty()).isTrue();
    TableCheck absentRequired = connector.check(TableUri.duckDb(file, "erp_items"),
        CanonicalTables.ERP_ITEMS, ColumnMapping.IDENTITY, options);
    assertThat(absentRequired.readsAsEmpty()).isFalse();
    assertThat(absentRequired.missing()).isEqualTo("no table erp_items in " + file);
    Path none = dir.resolve("none.duckdb");
    assertThat(connector.check(TableUri.duckDb(none, "erp_inventory"),
            CanonicalTables.ERP_INVENTORY, ColumnMapping.IDENTITY, options).missing())
        .isEqualTo("no file " + none);
    assertThat(none).doesNotExist();
  }

  @Test
  void givenFile_whenAskedWhatMustExist_thenTheNormalizedFileAndItsRowsInProcess() {
    TableUri uri = TableUri.duckDb(dir.resolve("sub/../w.duckdb"), "erp_sales");

    assertThat(connector.requiredFile(uri)).contains(file.toAbsolutePath().normalize());
    assertThat(connector.readsInProcess()).isTrue();
    List<Row> rows = new ArrayList<>();
    assertThat(connector.forEachRow(uri, CanonicalTables.ERP_SALES, ColumnMapping.IDENTITY,
        List.of("sku"), rows::add)).isEqualTo(2);
    assertThat(rows).extracting(r -> r.getString("sku")).containsExactly("A", "B");
    assertThat(Connectors.loaded().forScheme("hive").requiredFile(
        TableUri.parse("hive://h:10000/erp.sales"))).isEmpty();
  }
}
