package io.demandcast.pipelines;

import io.demandcast.connectors.demo.DemoDataset;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.pipelines.model.JobSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Loads the demo input ({@link DemoDataset}) into a DuckDB warehouse's source tables. */
final class DemoLoad {
  private DemoLoad() {}

  /**
   * Replaces the warehouse's six source tables with the demo's, and stages the demo file records
   * that could not be converted as the run's rejected records.
   *
   * @return per source table, the demo file records that could not be converted
   */
  static Map<String, Long> into(
      DuckDbWarehouse warehouse, JobSettings settings, Consumer<String> progress) {
    progress.accept("loading the demo input into " + warehouse.file());
    DemoDataset.Result demo = DemoDataset.read();
    Map<String, Long> rejectedPerTable = new LinkedHashMap<>();
    List<Object[]> rejected = new ArrayList<>();
    Map<String, Integer> occurrences = new HashMap<>();
    for (DemoDataset.Rejected r : demo.rejected()) {
      int occurrence = occurrences.merge(
          r.source() + '\u0000' + r.payload() + '\u0000' + r.reason(), 1, Integer::sum);
      rejected.add(new Object[] {
          settings.runId(), r.source(), r.payload(), r.reason(), settings.startedAt(), occurrence});
      rejectedPerTable.merge(r.source().split(" ", 2)[0], 1L, Long::sum);
    }
    for (var entry : demo.tables().entrySet()) {
      long rows = warehouse.replaceSourceTable(entry.getKey(), entry.getValue());
      progress.accept(String.format("  %-22s %,9d rows", entry.getKey().name(), rows));
    }
    warehouse.appendStaged(settings.runId(), CanonicalTables.REJECTED_RECORDS, rejected);
    if (!rejected.isEmpty()) {
      progress.accept(String.format(
          "  %,d demo file records could not be converted: see rejected_records", rejected.size()));
    }
    return rejectedPerTable;
  }
}
