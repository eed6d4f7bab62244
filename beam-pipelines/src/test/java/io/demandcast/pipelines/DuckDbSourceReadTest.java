package io.demandcast.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbIO;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.connectors.schema.CanonicalTables;
import java.nio.file.Path;
import java.sql.Connection;
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
 * Reading a user's item master written before {@code review_period_days} and {@code service_level}
 * existed: the table passes the check and its rows read with those columns NULL.
 */
@ExtendWith(TestPipelineExtension.class)
class DuckDbSourceReadTest {
  @TempDir Path dir;

  @AfterEach
  void close() {
    DuckDbConnections.closeAll();
  }

  @Test
  void givenItemTableWithoutTheNewColumns_whenRead_thenTheyAreNullAndTheRestIsRead(
      TestPipeline pipeline) throws Exception {
    Path file = dir.resolve("erp.duckdb");
    try (Connection c = DuckDbConnections.open(file)) {
      var dsl = DuckDbWarehouse.dsl(c);
      dsl.execute("create table item_master (sku varchar, description varchar, category varchar,"
          + " unit_cost double, holding_cost_rate double, order_cost double, case_pack int,"
          + " moq double, supplier varchar, ship_mode varchar, shelf_life_days int)");
      dsl.execute("insert into item_master values ('A', 'bolt', 'P1', 2.5, 0.2, 50, 6, 12, 'S1',"
          + " 'Air', 365), ('B', 'nut', 'P1', 1.0, 0.2, 25, null, null, null, null, null)");
    }

    var rows = pipeline.apply(DuckDbIO.read(file, "item_master", CanonicalTables.ERP_ITEMS));

    PAssert.that(rows).satisfies(read -> {
      List<Row> items = StreamSupport.stream(read.spliterator(), false).toList();
      assertThat(items).extracting(r -> r.getString("sku")).containsExactlyInAnyOrder("A", "B");
      assertThat(items).allSatisfy(r -> {
        assertThat(r.getInt32("review_period_days")).isNull();
        assertThat(r.getDouble("service_level")).isNull();
        assertThat(r.getString("lineage")).isNull();
      });
      Row a = items.stream().filter(r -> r.getString("sku").equals("A")).findFirst().orElseThrow();
      assertThat(a.getDouble("unit_cost")).isEqualTo(2.5);
      assertThat(a.getInt32("case_pack")).isEqualTo(6);
      assertThat(a.getInt32("shelf_life_days")).isEqualTo(365);
      assertThat(a.getString("ship_mode")).isEqualTo("Air");
      return null;
    });
    pipeline.run().waitUntilFinish();
  }
}
