package io.demandcast.connectors.hive;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.Column;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.ColumnType;
import io.demandcast.connectors.schema.TableSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a Hive table against a canonical schema before a job reads it: every canonical column
 * must be there, under the name the column mapping gives it, in a Hive type that holds the
 * canonical type without loss.
 *
 * <p>Accepted Hive types per canonical type: {@code STRING} from {@code string}, {@code
 * varchar(n)}, {@code char(n)}; {@code INT32} from {@code int}, {@code smallint}, {@code tinyint};
 * {@code INT64} from those and {@code bigint}; {@code DOUBLE} from {@code double}, {@code float},
 * {@code decimal(p,s)} and the integer types; {@code BOOLEAN}, {@code DATE}, {@code TIMESTAMP} from
 * the same Hive type. Hive column names are case-insensitive (the metastore keeps them in lower
 * case), so names match ignoring case. Partition columns count as columns.
 */
public final class HiveTableCheck {
  private HiveTableCheck() {}

  /**
   * The columns a canonical table is read from.
   *
   * @param sources per canonical column, in schema order, the Hive column it is read from, or
   *     null when it is missing and reads as NULL ({@link CanonicalTables#mayBeAbsent})
   * @param found the table's columns with their Hive types, in table order; empty when the table
   *     is {@link #absent()}
   */
  public record Inspection(List<String> sources, Map<String, String> found) {
    /**
     * Whether the table does not exist and is read as a table without rows: it has its canonical
     * name and {@link CanonicalTables#mayBeAbsent(TableSchema)} allows it (a run without stock,
     * orders, readings or shipments), as in a DuckDB warehouse.
     */
    public boolean absent() {
      return found.isEmpty();
    }
  }

  /**
   * Checks {@code table} on the connection's server.
   *
   * @return the columns read, or an {@link Inspection#absent()} one for a missing optional table
   * @throws IllegalArgumentException when another table does not exist, or naming the table, the
   *     column (and the canonical column it is mapped to), the expected and the found type
   * @throws SQLException when the server cannot be asked
   */
  public static Inspection inspect(
      Connection connection, HiveTableName table, TableSchema schema, ColumnMapping mapping)
      throws SQLException {
    Map<String, String> found = new LinkedHashMap<>();
    try (ResultSet columns =
        connection.getMetaData().getColumns(null, table.database(), table.table(), null)) {
      while (columns.next()) {
        // the name is a pattern, in which '_' matches any character: keep this table's rows only
        if (!columns.getString("TABLE_NAME").equalsIgnoreCase(table.table())) {
          continue;
        }
        found.putIfAbsent(
            columns.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
            columns.getString("TYPE_NAME").toLowerCase(Locale.ROOT));
      }
    }
    if (found.isEmpty()) {
      if (table.table().equalsIgnoreCase(schema.name()) && CanonicalTables.mayBeAbsent(schema)) {
        return new Inspection(List.of(), Map.of());
      }
      throw new IllegalArgumentException(
          "Hive table " + table + " does not exist (or has no columns); create it, or fix the URI");
    }
    List<String> sources = new ArrayList<>();
    for (Column column : schema.columns()) {
      String wanted = mapping.sourceColumn(schema, column.name()).toLowerCase(Locale.ROOT);
      boolean mapped = mapping.isMapped(schema, column.name());
      String expected = HiveSchemas.type(column.type());
      String type = found.get(wanted);
      if (type == null) {
        if (!mapped && CanonicalTables.mayBeAbsent(schema, column)) {
          sources.add(null);
          continue;
        }
        throw new IllegalArgumentException(
            "Hive table " + table + " has no column " + wanted
                + (mapped
                    ? " (mapped to " + schema.name() + "." + column.name() + ", expected "
                        + expected + "); found columns " + found.keySet()
                        + "; fix the column mapping or the table"
                    : " (expected " + expected + "); found columns " + found.keySet()
                        + "; if the table holds it under another name, map "
                        + schema.name() + "." + column.name() + " to that column"));
      }
      if (!accepts(column.type(), type)) {
        throw new IllegalArgumentException(
            "Hive table " + table + " column " + wanted
                + (mapped ? " (mapped to " + schema.name() + "." + column.name() + ")" : "")
                + ": expected " + expected + ", found " + type.toUpperCase(Locale.ROOT));
      }
      sources.add(wanted);
    }
    return new Inspection(Collections.unmodifiableList(sources), Collections.unmodifiableMap(found));
  }

  /** Whether a Hive column of type {@code hiveType} (lower case) can be read as {@code type}. */
  static boolean accepts(ColumnType type, String hiveType) {
    String base = hiveType.replaceAll("\\(.*", "").trim();
    return switch (type) {
      case STRING -> base.equals("string") || base.equals("varchar") || base.equals("char");
      case INT32 -> base.equals("int") || base.equals("smallint") || base.equals("tinyint");
      case INT64 -> accepts(ColumnType.INT32, base) || base.equals("bigint");
      case DOUBLE -> accepts(ColumnType.INT64, base) || base.equals("double")
          || base.equals("float") || base.equals("decimal");
      case BOOLEAN -> base.equals("boolean");
      // a timestamp's day for a date, a date's midnight for a timestamp
      case DATE, TIMESTAMP -> base.equals("date") || base.equals("timestamp");
    };
  }
}
