package io.demandcast.connectors.bigquery;

import com.google.api.services.bigquery.model.TableFieldSchema;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.Column;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.ColumnType;
import io.demandcast.connectors.schema.TableSchema;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a BigQuery table's schema against a canonical table before anything is read.
 *
 * <table>
 *   <caption>BigQuery types accepted per canonical type</caption>
 *   <tr><th>canonical</th><th>BigQuery types (legacy SQL names too)</th></tr>
 *   <tr><td>STRING</td><td>STRING</td></tr>
 *   <tr><td>DOUBLE</td><td>FLOAT64 (FLOAT), NUMERIC, BIGNUMERIC, INT64 (INTEGER)</td></tr>
 *   <tr><td>INT32</td><td>INT64 (INTEGER); a value outside the INT32 range is rejected</td></tr>
 *   <tr><td>INT64</td><td>INT64 (INTEGER)</td></tr>
 *   <tr><td>DATE</td><td>DATE, DATETIME (its day), TIMESTAMP (its day in UTC)</td></tr>
 *   <tr><td>TIMESTAMP</td><td>DATETIME (taken as is), TIMESTAMP (as UTC), DATE (midnight)</td></tr>
 *   <tr><td>BOOLEAN</td><td>BOOL (BOOLEAN)</td></tr>
 * </table>
 *
 * A NUMERIC, BIGNUMERIC or INT64 with more than 15 significant digits is rounded to a double
 * (quantities and prices of that size are rejected as implausible anyway). REPEATED
 * fields and RECORD, BYTES, TIME, GEOGRAPHY, JSON, INTERVAL and RANGE columns match nothing.
 * Column names match ignoring case, as in BigQuery.
 */
public final class BigQueryTableCheck {
  private BigQueryTableCheck() {}

  /**
   * The BigQuery field read for each canonical column.
   *
   * @param uri the table, for messages
   * @param fields the table's top-level fields
   * @param canonical the canonical table
   * @param mapping source column names of canonical columns
   * @return canonical column name to BigQuery field name, for the columns the table has; a column
   *     that {@link CanonicalTables#mayBeAbsent} allows and that is not mapped may be missing
   * @throws IllegalArgumentException naming the URI, the column (and the canonical column it is
   *     mapped to), the expected and the found type, e.g. {@code bigquery://acme-prod/erp.sales
   *     column qty (mapped to erp_sales.quantity): expected DOUBLE (BigQuery FLOAT64, NUMERIC or
   *     BIGNUMERIC), found STRING}; or, for a missing column, the columns the table has
   */
  public static Map<String, String> check(
      String uri, List<TableFieldSchema> fields, TableSchema canonical, ColumnMapping mapping) {
    Objects.requireNonNull(canonical, "canonical");
    Objects.requireNonNull(mapping, "mapping");
    Map<String, TableFieldSchema> byName = new LinkedHashMap<>();
    for (TableFieldSchema field : fields == null ? List.<TableFieldSchema>of() : fields) {
      byName.put(field.getName(), field);
    }
    Map<String, String> sources = new LinkedHashMap<>();
    for (Column column : canonical.columns()) {
      String wanted = mapping.sourceColumn(canonical, column.name());
      boolean mapped = mapping.isMapped(canonical, column.name());
      String expected = expected(column.type());
      String name = byName.containsKey(wanted)
          ? wanted
          : byName.keySet().stream().filter(k -> k.equalsIgnoreCase(wanted)).findFirst().orElse(null);
      if (name == null) {
        if (!mapped && CanonicalTables.mayBeAbsent(canonical, column)) {
          continue;
        }
        throw new IllegalArgumentException(
            uri + " has no column " + wanted
                + (mapped
                    ? " (mapped to " + canonical.name() + "." + column.name() + ", expected "
                        + expected + "); found columns " + byName.keySet()
                        + "; fix the column mapping or the BigQuery table"
                    : " (expected " + expected + "); found columns " + byName.keySet()
                        + (canonical.role() == TableSchema.Role.SOURCE
                            ? "; if the table holds it under another name, map "
                                + canonical.name() + "." + column.name() + " to that column"
                            : "")));
      }
      TableFieldSchema field = byName.get(name);
      String found = describe(field);
      if (!isCompatible(column.type(), field)) {
        throw new IllegalArgumentException(
            uri + " column " + name
                + (mapped ? " (mapped to " + canonical.name() + "." + column.name() + ")" : "")
                + ": expected " + expected + ", found " + found
                + "; change the column's type in BigQuery (or read it through a view that casts"
                + " it) or map another column");
      }
      sources.put(column.name(), name);
    }
    return Collections.unmodifiableMap(sources);
  }

  /**
   * Whether a BigQuery field can be read as a canonical column type; see the class comment.
   *
   * @param canonical the canonical column type
   * @param field the field as the BigQuery API describes it (type and mode)
   */
  public static boolean isCompatible(ColumnType canonical, TableFieldSchema field) {
    if ("REPEATED".equalsIgnoreCase(field.getMode())) {
      return false;
    }
    return accepted(canonical).contains(standardName(field.getType()));
  }

  /** The standard SQL name of a type the API may give in legacy form: INTEGER → INT64. */
  static String standardName(String type) {
    String t = type == null ? "" : type.strip().toUpperCase(Locale.ROOT);
    return switch (t) {
      case "INTEGER" -> "INT64";
      case "FLOAT" -> "FLOAT64";
      case "BOOLEAN" -> "BOOL";
      case "RECORD" -> "STRUCT";
      default -> t;
    };
  }

  private static Set<String> accepted(ColumnType canonical) {
    return switch (canonical) {
      case STRING -> Set.of("STRING");
      case DOUBLE -> Set.of("FLOAT64", "NUMERIC", "BIGNUMERIC", "INT64");
      case INT32, INT64 -> Set.of("INT64");
      case DATE -> Set.of("DATE", "DATETIME", "TIMESTAMP");
      case TIMESTAMP -> Set.of("DATETIME", "TIMESTAMP", "DATE");
      case BOOLEAN -> Set.of("BOOL");
    };
  }

  /** E.g. {@code DOUBLE (BigQuery FLOAT64, NUMERIC, BIGNUMERIC or INT64)}. */
  private static String expected(ColumnType canonical) {
    List<String> names = switch (canonical) {
      case STRING -> List.of("STRING");
      case DOUBLE -> List.of("FLOAT64", "NUMERIC", "BIGNUMERIC", "INT64");
      case INT32, INT64 -> List.of("INT64");
      case DATE -> List.of("DATE", "DATETIME", "TIMESTAMP (its day, UTC)");
      case TIMESTAMP -> List.of("DATETIME", "TIMESTAMP", "DATE (midnight)");
      case BOOLEAN -> List.of("BOOL");
    };
    String joined = names.size() == 1
        ? names.get(0)
        : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    return canonical + " (BigQuery " + joined + ")";
  }

  private static String describe(TableFieldSchema field) {
    String type = standardName(field.getType());
    return "REPEATED".equalsIgnoreCase(field.getMode()) ? "ARRAY<" + type + ">" : type;
  }
}
