package io.demandcast.connectors.hive;

import static io.demandcast.connectors.schema.ViewsParser.outputColumns;
import static io.demandcast.connectors.schema.ViewsParser.relations;
import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.connectors.schema.ViewsParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code sql/hive/views.sql} against {@code sql/duckdb/views.sql}, read with the
 * tests' own {@link ViewsParser}: the same views, in the same order, each with the same output
 * columns over the same tables and views, every one of them unqualified (Hive resolves them in the
 * output database) and a canonical output table or an earlier view. That Hive accepts the views is
 * {@code HiveWarehouseIT}'s part: {@link HiveWarehouse} creates them in a real HiveServer2.
 */
class HiveViewsTest {
  private static Map<String, String> duckDb;
  private static Map<String, String> hive;

  @BeforeAll
  static void readBothFiles() throws IOException {
    duckDb = ViewsParser.views(Path.of("../sql/duckdb/views.sql"));
    hive = ViewsParser.views(Path.of("../sql/hive/views.sql"));
  }

  @Test
  void givenBothFiles_whenParsed_thenTheSameViewsInTheSameOrder() {
    assertThat(duckDb).hasSize(12)
        .containsKeys("accuracy_trend", "reorder_now", "latest_order_explanations",
            "latest_explanations");
    assertThat(hive.keySet()).containsExactlyElementsOf(duckDb.keySet());
  }

  @Test
  void givenEachView_whenParsed_thenSameOutputColumnsOverTheSameRelations() {
    for (String view : duckDb.keySet()) {
      assertThat(outputColumns(hive.get(view))).as(view)
          .containsExactlyElementsOf(outputColumns(duckDb.get(view)));
      assertThat(relations(hive.get(view))).as(view)
          .containsExactlyInAnyOrderElementsOf(relations(duckDb.get(view)));
    }
  }

  @Test
  void givenHiveViews_whenParsed_thenEveryRelationUnqualifiedAndACanonicalTableOrEarlierView() {
    Set<String> known = new LinkedHashSet<>(
        CanonicalTables.OUTPUTS.stream().map(TableSchema::name).toList());
    for (Map.Entry<String, String> view : hive.entrySet()) {
      for (String name : relations(view.getValue())) {
        assertThat(name).as(view.getKey()).matches("\\w+");
        assertThat(known).as(view.getKey()).contains(name);
      }
      known.add(view.getKey());
    }
  }
}
