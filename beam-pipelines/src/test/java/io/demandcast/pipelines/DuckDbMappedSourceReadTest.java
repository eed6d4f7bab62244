package io.demandcast.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbIO;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.ColumnMapping;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a user's sales table whose columns are named otherwise, through a column mapping: the
 * rows carry the canonical names and the values of the mapped columns.
 */
@ExtendWith(TestPipelineExtension.class)
class DuckDbMappedSourceReadTest {
  @TempDir Path dir;

  @AfterEach
  void close() {
    DuckDbConnections.closeAll();
  }

  @Test
  void givenSalesTableWithOtherColumnNames_whenReadWithMapping_thenRowsHaveCanonicalNamesAndValues(
      TestPipeline pipeline) throws Exception {
    Path file = dir.resolve("erp.duckdb");
    try (Connection c = DuckDbConnections.open(file)) {
      var dsl = DuckDbWarehouse.dsl(c);
      // a column with a space, one the canonical schema also uses for something else ("location"
      // holds the store here, "sku" the location), and an extra column the job does not read
      dsl.execute("create table sales_history (\"Item Code\" varchar, sku varchar,"
          + " sale_day date, qty double, price double, on_promo boolean, location varchar,"
          + " note varchar)");
      dsl.execute("insert into sales_history values"
          + " ('A-1', 'DC1', date '2024-01-01', 3, 9.5, true, 'store 7', 'x'),"
          + " ('B-2', 'DC2', date '2024-02-01', null, null, null, 'store 8', 'y')");
    }
    ColumnMapping mapping = ColumnMapping.parseEntries(List.of("erp_sales.sku=Item Code",
        "erp_sales.location=sku", "erp_sales.date=sale_day", "erp_sales.quantity=qty",
        "erp_sales.unit_price=price", "erp_sales.promo=on_promo"));

    var rows = pipeline.apply(
        DuckDbIO.read(file, "sales_history", CanonicalTables.ERP_SALES, mapping));

    PAssert.that(rows).satisfies(read -> {
      List<Row> sales = StreamSupport.stream(read.spliterator(), false).toList();
      assertThat(sales).hasSize(2);
      assertThat(sales.get(0).getSchema().getFieldNames())
          .containsExactlyElementsOf(CanonicalTables.ERP_SALES.columnNames());
      Row a = sales.stream().filter(r -> "A-1".equals(r.getString("sku"))).findFirst().orElseThrow();
      assertThat(a.getString("location")).isEqualTo("DC1");
      assertThat(a.<LocalDate>getLogicalTypeValue("date", LocalDate.class))
          .isEqualTo(LocalDate.of(2024, 1, 1));
      assertThat(a.getDouble("quantity")).isEqualTo(3.0);
      assertThat(a.getDouble("unit_price")).isEqualTo(9.5);
      assertThat(a.getBoolean("promo")).isTrue();
      assertThat(a.getString("lineage")).isNull();
      Row b = sales.stream().filter(r -> "B-2".equals(r.getString("sku"))).findFirst().orElseThrow();
      assertThat(b.getString("location")).isEqualTo("DC2");
      assertThat(b.getDouble("quantity")).isNull();
      assertThat(b.getBoolean("promo")).isNull();
      return null;
    });
    pipeline.run().waitUntilFinish();
  }
}
