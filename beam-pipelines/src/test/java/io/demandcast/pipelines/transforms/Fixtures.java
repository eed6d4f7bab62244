package io.demandcast.pipelines.transforms;

import io.demandcast.connectors.schema.TableSchema;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.values.Row;

/** Builds canonical rows from name-value pairs; columns not given are NULL. */
final class Fixtures {
  private Fixtures() {}

  static Row row(TableSchema table, Object... nameValuePairs) {
    Map<String, Object> values = new HashMap<>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      String name = (String) nameValuePairs[i];
      if (table.column(name).isEmpty()) {
        throw new IllegalArgumentException(table.name() + " has no column " + name);
      }
      values.put(name, nameValuePairs[i + 1]);
    }
    Row.Builder builder = Row.withSchema(table.beamSchema());
    for (String column : table.columnNames()) {
      builder.addValue(values.get(column));
    }
    return builder.build();
  }
}
