package io.demandcast.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandcast.connectors.TableUri;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.inventory.PolicyType;
import io.demandcast.inventory.ServiceTarget;
import io.demandcast.pipelines.model.DataRules;
import io.demandcast.pipelines.model.GlobalModel;
import io.demandcast.pipelines.model.InventorySettings;
import io.demandcast.pipelines.model.JobSettings;
import io.demandcast.pipelines.model.PeriodType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code model_runs.options} holds every setting that changes an output: the test walks every
 * component of the settings records, nested records included, so that a component added to {@link
 * JobSettings}, {@link InventorySettings} or {@link DataRules} and left out of the record fails here.
 */
class RunRecordTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Settings with no value at its default, so a component recorded as a default would show. */
  private static JobSettings unusual() {
    DataRules rules = new DataRules(LocalDate.of(2024, 3, 31), LocalDate.of(1999, 1, 2), 5e6, 4e5,
        400, 55, DataRules.OutlierAction.FLAG, 11, 0.3, 12.5, 21);
    InventorySettings inventory = new InventorySettings(ServiceTarget.Measure.CYCLE_SERVICE,
        "A=0.99,B=0.9", PolicyType.S_Q, "empirical", 9, 7, Map.of("PLANT01", 5000.0));
    return new JobSettings("run-7", LocalDateTime.of(2024, 4, 2, 6, 30, 15), PeriodType.WEEK, 8,
        0.97, 4, 2, 6, 3.5, 9.5, 14, 5, 16, inventory, GlobalModel.LASSO, 321, rules);
  }

  @Test
  void givenEverySettingsComponent_whenRecorded_thenEachIsInTheOptionsWithItsValue()
      throws Exception {
    JobSettings settings = unusual();
    JsonNode options = JSON.readTree(RunRecord.optionsJson(
        settings, "DirectRunner", "w.duckdb", false, ColumnMapping.IDENTITY));

    List<String> checked = new ArrayList<>();
    walk(settings, options, "", checked);

    // JobSettings' 17 components, 7 inventory settings and 11 rules, less the two nested records
    assertThat(checked).hasSize(17 + 7 + 11 - 2).contains("inventory.distribution",
        "inventory.location_capacity", "rules.as_of", "rules.default_lead_time_days", "period");
  }

  /** Every component of {@code record} at {@code node}, by its snake_case name, recursively. */
  private static void walk(Record record, JsonNode node, String prefix, List<String> checked)
      throws Exception {
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      String key = snakeCase(c.getName());
      Object value = c.getAccessor().invoke(record);
      JsonNode recorded = node.get(key);
      assertThat(recorded).as("model_runs.options lacks %s%s", prefix, key).isNotNull();
      if (value instanceof Record nested) {
        walk(nested, recorded, prefix + key + ".", checked);
        continue;
      }
      checked.add(prefix + key);
      String where = prefix + key;
      if (value instanceof Number n) {
        assertThat(recorded.asDouble()).as(where).isEqualTo(n.doubleValue());
      } else if (value instanceof Enum<?> e) {
        assertThat(recorded.asText()).as(where).isEqualTo(e.name());
      } else if (value instanceof Temporal t) {
        assertThat(recorded.asText()).as(where).isEqualTo(t.toString());
      } else if (value instanceof Map<?, ?> m) {
        assertThat(JSON.convertValue(recorded, Map.class)).as(where).isEqualTo(m);
      } else {
        assertThat(recorded.asText()).as(where).isEqualTo(String.valueOf(value));
      }
    }
  }

  private static String snakeCase(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }

  @Test
  void givenARun_whenRecorded_thenRunnerWarehouseDemoAndMappingAreThere() throws Exception {
    ColumnMapping mapping = ColumnMapping.of(Map.of("erp_sales", Map.of("sku", "item")));
    JsonNode options = JSON.readTree(RunRecord.optionsJson(
        unusual(), "FlinkRunner", "hive://h:10000/erp;password=hunter2", true, mapping));

    assertThat(options.get("runner").asText()).isEqualTo("FlinkRunner");
    assertThat(options.get("load_demo").asBoolean()).isTrue();
    assertThat(options.at("/column_mapping/erp_sales/sku").asText()).isEqualTo("item");
    assertThat(options.get("warehouse").asText()).startsWith("hive://h:10000/erp")
        .doesNotContain("hunter2");
  }

  @Test
  void givenSources_whenSnapshotted_thenUrisAndRowsReadPerTable() throws Exception {
    JsonNode snapshot = JSON.readTree(RunRecord.snapshotJson(
        Map.of("erp_sales", TableUri.duckDb(Path.of("w.duckdb"), "sales")),
        Map.of("erp_sales", 42L)));

    assertThat(snapshot.at("/erp_sales/rows_read").asLong()).isEqualTo(42);
    assertThat(snapshot.at("/erp_sales/uri").asText()).contains("w.duckdb").contains("sales");
  }
}
