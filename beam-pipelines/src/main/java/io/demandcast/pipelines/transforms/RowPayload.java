package io.demandcast.pipelines.transforms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * A Beam row as the JSON object stored in {@code rejected_records.payload}: field name to value,
 * dates and times in ISO-8601, NULL as JSON null.
 */
public final class RowPayload {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RowPayload() {}

  /** The row as a JSON object string. */
  public static String toJson(Row row) {
    ObjectNode node = JSON.createObjectNode();
    Schema schema = row.getSchema();
    for (int i = 0; i < schema.getFieldCount(); i++) {
      String name = schema.getField(i).getName();
      Object value = row.getValue(i);
      if (value == null) {
        node.putNull(name);
      } else if (value instanceof Double d) {
        node.put(name, d);
      } else if (value instanceof Integer n) {
        node.put(name, n);
      } else if (value instanceof Long n) {
        node.put(name, n);
      } else if (value instanceof Boolean b) {
        node.put(name, b);
      } else {
        node.put(name, value.toString());
      }
    }
    return node.toString();
  }
}
