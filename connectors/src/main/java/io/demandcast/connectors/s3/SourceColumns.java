package io.demandcast.connectors.s3;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.Column;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.TableSchema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Which column of an object holds each canonical column: the name {@link ColumnMapping} gives it
 * (its canonical name when unmapped), matched exactly, else ignoring case, as DuckDB, Hive and
 * BigQuery match names. A column {@link CanonicalTables#mayBeAbsent} allows may be missing unless
 * it is mapped; it then reads as NULL, except {@code lineage}, which is filled with the object and
 * line each row came from.
 */
final class SourceColumns {
  private SourceColumns() {}

  /**
   * Resolves the columns of one object.
   *
   * @param objectUri the object, for messages
   * @param found the object's column names: the CSV header in order, or the JSON keys seen
   * @param where how the names were found, for messages, e.g. {@code "header"} or {@code "keys of
   *     the first 100 records"}
   * @return per canonical column in schema order, the object's column name, or null when it is
   *     missing and allowed to be
   * @throws IllegalArgumentException naming the object, the column (and the canonical column it is
   *     mapped to), the expected type and the columns found, when a column is missing or two
   *     columns match it only ignoring case
   */
  static List<String> resolve(
      String objectUri, Collection<String> found, TableSchema schema, ColumnMapping mapping,
      String where, String missingHint) {
    List<String> resolved = new ArrayList<>();
    for (Column column : schema.columns()) {
      String wanted = mapping.sourceColumn(schema, column.name());
      boolean mapped = mapping.isMapped(schema, column.name());
      String name = lookup(objectUri, found, wanted, schema, column, mapped);
      if (name == null) {
        if (!mapped && CanonicalTables.mayBeAbsent(schema, column)) {
          resolved.add(null);
          continue;
        }
        throw new IllegalArgumentException(
            objectUri + ": no column '" + wanted + "' "
                + describe(schema, column, mapped) + " in the " + where + " " + found
                + (mapped
                    ? "; fix the column mapping or the objects"
                    : "; if the objects hold it under another name, map " + schema.name() + "."
                        + column.name() + " to that column")
                + missingHint);
      }
      resolved.add(name);
    }
    return Collections.unmodifiableList(resolved);
  }

  /** {@code (mapped to erp_sales.date, expected DATE)} or {@code (erp_sales.date, expected DATE)}. */
  static String describe(TableSchema schema, Column column, boolean mapped) {
    return "(" + (mapped ? "mapped to " : "") + schema.name() + "." + column.name()
        + ", expected " + column.type() + ")";
  }

  private static String lookup(
      String objectUri, Collection<String> found, String wanted, TableSchema schema, Column column,
      boolean mapped) {
    if (found.contains(wanted)) {
      return wanted;
    }
    String match = null;
    for (String name : found) {
      if (name.equalsIgnoreCase(wanted)) {
        if (match != null && !match.equals(name)) {
          throw new IllegalArgumentException(
              objectUri + ": columns '" + match + "' and '" + name + "' both match '" + wanted
                  + "' " + describe(schema, column, mapped) + " ignoring case; map "
                  + schema.name() + "." + column.name() + " to the one that holds it, spelled"
                  + " exactly");
        }
        match = name;
      }
    }
    return match;
  }
}
