package io.demandcast.connectors.glue;

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
 * A table of the AWS Glue Data Catalog, resolved to what an S3 reader needs: where its files are,
 * their format and the table's columns. Made by {@link GlueCatalog#resolve}; the rows themselves are
 * read by the S3 source from {@link #location()} in {@link #format()}.
 *
 * <p>Partitioned tables: the partition keys are listed apart from the columns, as Glue keeps them.
 * Their values are not in the files but in the object keys ({@code <prefix>key=value/...}, Hive's
 * layout); partitions registered at locations outside the table's prefix are not covered.
 *
 * @param database the Glue database, as the URI gave it
 * @param table the table name, as the URI gave it
 * @param bucket the S3 bucket of the table's location
 * @param prefix the key prefix of the table's location: empty (the whole bucket) or ending in
 *     {@code /}, so that it names a folder and not every key that starts alike
 * @param format the format of the table's files
 * @param columns the data columns in table order, name → Hive type as Glue stores it (lower case,
 *     e.g. {@code string}, {@code decimal(10,2)}, {@code array<string>}); maybe empty
 * @param partitionKeys the partition keys in order, name → Hive type; empty when not partitioned
 * @param csv for {@link FileFormat#CSV}, the delimiter and header lines; null for other formats
 */
public record GlueTable(
    String database,
    String table,
    String bucket,
    String prefix,
    FileFormat format,
    Map<String, String> columns,
    Map<String, String> partitionKeys,
    Csv csv) {

  /**
   * How a CSV table's files are laid out.
   *
   * @param delimiter the field delimiter, e.g. {@code ','} or {@code '\t'}
   * @param headerLines lines to skip at the top of every file ({@code skip.header.line.count}), 0 or
   *     more
   */
  public record Csv(char delimiter, int headerLines) {
    public Csv {
      if (headerLines < 0) {
        throw new IllegalArgumentException("headerLines must be 0 or more, was " + headerLines);
      }
    }
  }

  public GlueTable {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(format, "format");
    if (bucket.isBlank()) {
      throw new IllegalArgumentException("glue://" + database + "." + table + ": empty bucket");
    }
    if (!prefix.isEmpty() && (!prefix.endsWith("/") || prefix.startsWith("/"))) {
      throw new IllegalArgumentException(
          "prefix must be empty or a key prefix ending in '/' without a leading '/', was '"
              + prefix + "'");
    }
    if ((format == FileFormat.CSV) != (csv != null)) {
      throw new IllegalArgumentException(
          "the CSV layout is given for CSV tables and only for them; format " + format
              + ", csv " + csv);
    }
    columns = ordered(columns, "columns");
    partitionKeys = ordered(partitionKeys, "partitionKeys");
  }

  private static Map<String, String> ordered(Map<String, String> map, String what) {
    Objects.requireNonNull(map, what);
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** The table's URI, {@code glue://<database>.<table>}. */
  public String uri() {
    return "glue://" + database + "." + table;
  }

  /** The table's location, {@code s3://<bucket>/<prefix>}. */
  public String location() {
    return "s3://" + bucket + "/" + prefix;
  }

  /**
   * The S3 table URI of this table's files, {@code s3://<bucket>/<prefix>?format=<format>}, e.g.
   * {@code s3://lake/erp/sales/?format=csv}: what the S3 source reads. It carries neither the CSV
   * layout ({@link #csv()}) nor the columns: check those with {@link #csv()} and {@link #check}.
   */
  public String s3Uri() {
    return location() + "?format=" + format.uriName();
  }

  /**
   * Checks that this table holds every column of {@code canonical} under the name {@code mapping}
   * gives it, in a compatible Hive type (see {@link #isCompatible}). Names match ignoring case, as
   * Glue and Hive do (Glue stores them in lower case). Partition keys count as columns, as Athena and
   * Hive show them. A column that {@link CanonicalTables#mayBeAbsent} allows may be missing unless it
   * is mapped: a mapped column must exist.
   *
   * @param canonical the canonical schema the table's rows are read as
   * @param mapping source column names of canonical columns; {@link ColumnMapping#IDENTITY} for none
   * @return canonical column name → the Glue column (or partition key) it is read from, as Glue
   *     spells it, in canonical column order; columns missing as allowed are left out
   * @throws IllegalArgumentException naming {@link #uri()}, the column (and the canonical column it
   *     is mapped to), the expected and the found type, e.g. {@code glue://erp.sales column qty
   *     (mapped to erp_sales.quantity): expected DOUBLE (Hive double, float or decimal), found
   *     string}; or, for a missing column, the columns the table has
   */
  public Map<String, String> check(TableSchema canonical, ColumnMapping mapping) {
    Objects.requireNonNull(canonical, "canonical");
    Objects.requireNonNull(mapping, "mapping");
    Map<String, String> all = new LinkedHashMap<>(columns);
    partitionKeys.forEach(all::putIfAbsent);
    Map<String, String> sources = new LinkedHashMap<>();
    for (Column column : canonical.columns()) {
      String wanted = mapping.sourceColumn(canonical, column.name());
      boolean mapped = mapping.isMapped(canonical, column.name());
      String expected = expected(column.type());
      String name = lookup(all, wanted);
      if (name == null) {
        if (!mapped && CanonicalTables.mayBeAbsent(canonical, column)) {
          continue;
        }
        throw new IllegalArgumentException(
            uri() + " has no column " + wanted
                + (mapped
                    ? " (mapped to " + canonical.name() + "." + column.name() + ", expected "
                        + expected + "); found columns " + all.keySet()
                        + "; fix the column mapping or the Glue table"
                    : " (expected " + expected + "); found columns " + all.keySet()
                        + (canonical.role() == TableSchema.Role.SOURCE
                            ? "; if the table holds it under another name, map "
                                + canonical.name() + "." + column.name() + " to that column"
                            : "")));
      }
      String found = all.get(name);
      if (!isCompatible(column.type(), found)) {
        throw new IllegalArgumentException(
            uri() + " column " + name
                + (mapped ? " (mapped to " + canonical.name() + "." + column.name() + ")" : "")
                + ": expected " + expected + ", found " + found
                + "; change the column's type in the Glue table or map another column");
      }
      sources.put(column.name(), name);
    }
    return Collections.unmodifiableMap(sources);
  }

  /** The key of {@code found} equal to {@code name}, else the one equal ignoring case, else null. */
  private static String lookup(Map<String, String> found, String name) {
    if (found.containsKey(name)) {
      return name;
    }
    return found.keySet().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst().orElse(null);
  }

  /**
   * Whether a Glue (Hive) column type can be read as a canonical column type:
   *
   * <table>
   *   <caption>Hive types accepted per canonical type</caption>
   *   <tr><th>canonical</th><th>Hive types</th></tr>
   *   <tr><td>STRING</td><td>string, varchar(n), char(n)</td></tr>
   *   <tr><td>DOUBLE</td><td>double, float, decimal(p,s)</td></tr>
   *   <tr><td>INT32</td><td>int (integer), smallint, tinyint</td></tr>
   *   <tr><td>INT64</td><td>bigint, int (integer), smallint, tinyint</td></tr>
   *   <tr><td>DATE</td><td>date</td></tr>
   *   <tr><td>TIMESTAMP</td><td>timestamp</td></tr>
   *   <tr><td>BOOLEAN</td><td>boolean</td></tr>
   * </table>
   *
   * <p>Every value of an accepted type fits the canonical type, except that a decimal with more
   * than 15 significant digits is rounded to a double. A {@code bigint} is refused for INT32, and
   * integers are refused for DOUBLE, strings for dates: change the table's type, or map another
   * column. Case and spaces in the type are ignored; complex types ({@code array<...>}, {@code
   * struct<...>}, {@code map<...>}) match nothing.
   *
   * @param canonical the canonical column type
   * @param hiveType the column's type as Glue stores it, e.g. {@code varchar(20)}
   */
  public static boolean isCompatible(ColumnType canonical, String hiveType) {
    return accepted(canonical).contains(baseType(hiveType));
  }

  /** {@code decimal(10, 2)} → {@code decimal}; {@code array<int>} → {@code array}. */
  private static String baseType(String hiveType) {
    String type = hiveType.strip().toLowerCase(Locale.ROOT);
    int end = type.length();
    for (char c : new char[] {'(', '<'}) {
      int at = type.indexOf(c);
      if (at >= 0) {
        end = Math.min(end, at);
      }
    }
    return type.substring(0, end).strip();
  }

  private static Set<String> accepted(ColumnType canonical) {
    return switch (canonical) {
      case STRING -> Set.of("string", "varchar", "char");
      case DOUBLE -> Set.of("double", "float", "decimal");
      case INT32 -> Set.of("int", "integer", "smallint", "tinyint");
      case INT64 -> Set.of("bigint", "int", "integer", "smallint", "tinyint");
      case DATE -> Set.of("date");
      case TIMESTAMP -> Set.of("timestamp");
      case BOOLEAN -> Set.of("boolean");
    };
  }

  /** E.g. {@code DOUBLE (Hive double, float or decimal)}. */
  private static String expected(ColumnType canonical) {
    List<String> hive = switch (canonical) {
      case STRING -> List.of("string", "varchar", "char");
      case DOUBLE -> List.of("double", "float", "decimal");
      case INT32 -> List.of("int", "smallint", "tinyint");
      case INT64 -> List.of("bigint", "int", "smallint", "tinyint");
      case DATE -> List.of("date");
      case TIMESTAMP -> List.of("timestamp");
      case BOOLEAN -> List.of("boolean");
    };
    String names = hive.size() == 1
        ? hive.get(0)
        : String.join(", ", hive.subList(0, hive.size() - 1)) + " or " + hive.get(hive.size() - 1);
    return canonical + " (Hive " + names + ")";
  }
}
