package io.demandcast.connectors.bigquery;

import static io.demandcast.connectors.schema.ViewsParser.outputColumns;
import static io.demandcast.connectors.schema.ViewsParser.relations;
import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.connectors.schema.ViewsParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code sql/bigquery/views.sql} against {@code sql/duckdb/views.sql}, read with the
 * tests' own {@link ViewsParser} (not the warehouse's code): the same views, in the same order,
 * each with the same output columns (names, or {@code alias.*}) over the same tables and views; and
 * every table a BigQuery view reads named {@code `${dataset}.<name>`}. Whether BigQuery accepts the
 * SQL is not checked here (no BigQuery runs in the tests).
 */
class BigQueryViewsTest {
  private static Map<String, String> duckDb;
  private static Map<String, String> bigQuery;

  @BeforeAll
  static void readBothFiles() throws IOException {
    duckDb = ViewsParser.views(Path.of("../sql/duckdb/views.sql"));
    bigQuery = ViewsParser.views(Path.of("../sql/bigquery/views.sql"));
  }

  @Test
  void givenBothFiles_whenParsed_thenTheSameViewsInTheSameOrder() {
    assertThat(duckDb.keySet()).containsExactly("latest_run", "latest_forecasts",
        "latest_explanations", "latest_accuracy", "latest_recommendations", "latest_rejected_records",
        "forecast_accuracy_by_model", "latest_policy_simulation", "service_by_class",
        "accuracy_trend", "reorder_now", "latest_order_explanations");
    assertThat(bigQuery.keySet()).containsExactlyElementsOf(duckDb.keySet());
  }

  @Test
  void givenEachView_whenParsed_thenSameOutputColumnsOverTheSameRelations() {
    for (String view : duckDb.keySet()) {
      assertThat(outputColumns(bigQuery.get(view))).as(view)
          .containsExactlyElementsOf(outputColumns(duckDb.get(view)));
      assertThat(relations(bigQuery.get(view))).as(view)
          .containsExactlyInAnyOrderElementsOf(relations(duckDb.get(view)));
    }
    // the parser sees what is there
    assertThat(outputColumns(duckDb.get("forecast_accuracy_by_model"))).containsExactly(
        "model", "series", "times_selected", "mean_mase", "median_mase", "mean_rmsse",
        "mean_smape", "mean_coverage", "failures");
    assertThat(outputColumns(duckDb.get("latest_recommendations")))
        .containsExactly("i.*", "order_value");
    assertThat(outputColumns(duckDb.get("accuracy_trend"))).containsExactly("run_id",
        "finished_at", "sku", "location", "model", "selected", "mase", "rmsse", "smape",
        "previous_run_id", "mase_change", "rmsse_change", "smape_change");
    assertThat(relations(duckDb.get("accuracy_trend")))
        .containsExactlyInAnyOrder("forecast_accuracy", "model_runs");
    assertThat(outputColumns(duckDb.get("reorder_now"))).containsExactly("run_id", "sku",
        "location", "abc_class", "policy", "inventory_position", "reorder_point", "order_up_to",
        "recommended_order_qty", "unit_cost", "order_value", "days_of_cover",
        "lead_time_mean_days");
    // every column of the order's chain, and nothing that is not a recommendation's column
    List<String> explanation = outputColumns(duckDb.get("latest_order_explanations"));
    assertThat(explanation).startsWith("run_id", "sku", "location").endsWith("order_value", "reason")
        .contains("lead_time_source", "lead_time_shipments", "protection_demand_mean",
            "protection_demand_sd", "distribution", "service_level_source", "backorders",
            "order_by_policy", "order_after_moq", "order_after_case_pack",
            "order_after_shelf_life", "location_capacity", "recommended_order_qty")
        .doesNotHaveDuplicates();
    assertThat(CanonicalTables.INVENTORY_RECOMMENDATIONS.columnNames())
        .containsAll(explanation.stream().filter(c -> !c.equals("order_value")).toList());
  }

  @Test
  void givenBigQueryViews_whenParsed_thenEveryRelationInTheDatasetAndACanonicalTableOrEarlierView() {
    Set<String> known = new LinkedHashSet<>(
        CanonicalTables.OUTPUTS.stream().map(TableSchema::name).toList());
    for (Map.Entry<String, String> view : bigQuery.entrySet()) {
      Set<String> ctes = ViewsParser.cteNames(view.getValue());
      Matcher m = ViewsParser.RELATION.matcher(view.getValue());
      while (m.find()) {
        String name = m.group(1);
        if (!ctes.contains(name)) {
          assertThat(name).as(view.getKey()).matches("`\\$\\{dataset}\\.\\w+`");
          assertThat(known).as(view.getKey()).contains(ViewsParser.unquote(name));
        }
      }
      known.add(view.getKey());
    }
  }
}
