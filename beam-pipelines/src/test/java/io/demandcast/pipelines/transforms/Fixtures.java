package io.demandcast.pipelines.transforms;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.TableSchema;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.values.Row;

/** Builds canonical rows from name-value pairs (columns not given are NULL), and shared rows. */
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

  /**
   * Twelve shipments on lane S1 x Air, shipped a week apart from 2001-01-01, with lead times 20,
   * 22, ..., 42 days: mean 31, sample sd sqrt(52) = 7.2111.
   */
  static List<Row> laneShipments() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      LocalDate shipped = LocalDate.of(2001, 1, 1).plusDays(7L * i);
      rows.add(row(CanonicalTables.LOGISTICS_SHIPMENTS, "shipment_id", "SH" + i, "supplier", "S1",
          "mode", "Air", "ship_date", shipped, "delivered_date", shipped.plusDays(20 + 2L * i),
          "quantity", 10.0));
    }
    return rows;
  }
}
