package io.demandcast.connectors.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandcast.connectors.schema.Column;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.ColumnType;
import io.demandcast.connectors.schema.TableSchema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * Parquet objects of an S3 table, read from a local copy with DuckDB's built-in Parquet reader
 * ({@code read_parquet}) in a throwaway in-memory DuckDB database: one per object, one thread, no
 * extension loading (nothing is downloaded), UTC as its time zone. Never the warehouse's database.
 *
 * <p><b>Columns</b> are found by name in the file's schema as DuckDB reads it ({@code DESCRIBE
 * SELECT * FROM read_parquet(...)}), through {@link SourceColumns} as for CSV headers, and only the
 * canonical columns are read. Types are named as DuckDB names them. A column's type must be one
 * {@link #accepts} allows for its canonical type:
 *
 * <table>
 *   <caption>Parquet columns (DuckDB types) read per canonical type</caption>
 *   <tr><th>canonical</th><th>DuckDB types of the Parquet column</th></tr>
 *   <tr><td>STRING</td><td>VARCHAR, UUID</td></tr>
 *   <tr><td>INT32, INT64</td><td>TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT, their unsigned
 *       forms, DECIMAL(p,0)</td></tr>
 *   <tr><td>DOUBLE</td><td>DOUBLE, FLOAT, DECIMAL(p,s), every integer type</td></tr>
 *   <tr><td>BOOLEAN</td><td>BOOLEAN</td></tr>
 *   <tr><td>DATE</td><td>DATE, or any TIMESTAMP type (its day)</td></tr>
 *   <tr><td>TIMESTAMP</td><td>TIMESTAMP (also _S, _MS, _NS), TIMESTAMP WITH TIME ZONE, DATE
 *       (midnight)</td></tr>
 * </table>
 *
 * <p><b>Values</b> ({@link #convert}): integers must fit the canonical type (a BIGINT of 3000000000
 * is not an INT32); a FLOAT converts as its shortest decimal form ({@code 0.1f} is 0.1), a DECIMAL
 * to the nearest double; NaN and infinities are not numbers; dates and timestamps must lie in the
 * years 1 to 9999 (DuckDB writes {@code infinity} as a date far outside them); timestamps are
 * truncated to the microsecond; a TIMESTAMP WITH TIME ZONE (a Parquet timestamp adjusted to UTC)
 * becomes its UTC date-time. A value that does not convert makes its row unreadable.
 */
final class ParquetObjects {
  private ParquetObjects() {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LINEAGE = "lineage";

  private static final Set<String> INTEGERS = Set.of(
      "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
      "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT");
  private static final Set<String> TIMESTAMPS = Set.of(
      "TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS", "TIMESTAMP WITH TIME ZONE");
  private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),\\s*(\\d+)\\)");

  /**
   * One column of a Parquet file.
   *
   * @param name the name in the file's schema
   * @param type its type as DuckDB reads it, e.g. {@code BIGINT}, {@code DECIMAL(10,2)}, {@code
   *     TIMESTAMP WITH TIME ZONE}, {@code VARCHAR[]}
   */
  record Field(String name, String type) {}

  /**
   * Where each canonical column is in one file.
   *
   * @param fields the file's columns, in order
   * @param index per canonical column in schema order, its index in {@code fields}, or -1 when the
   *     file lacks it and may ({@link SourceColumns#resolve})
   */
  record Columns(List<Field> fields, int[] index) {}

  /**
   * A throwaway in-memory DuckDB database: one thread, UTC, no extension installed or loaded on
   * demand. Close it after use.
   */
  static Connection openDuckDb() throws SQLException {
    Connection connection = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = connection.createStatement()) {
      s.execute("SET autoinstall_known_extensions = false");
      s.execute("SET autoload_known_extensions = false");
      s.execute("SET threads = 1");
      s.execute("SET TimeZone = 'UTC'");
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  /**
   * The columns of a local Parquet file.
   *
   * @param objectUri the object the file is a copy of, for messages
   * @throws IllegalArgumentException naming the object when DuckDB cannot read the file's schema
   *     (not Parquet, truncated, encrypted)
   */
  static List<Field> describe(Connection duckDb, Path file, String objectUri) {
    List<Field> fields = new ArrayList<>();
    try (Statement s = duckDb.createStatement();
        ResultSet r = s.executeQuery(
            "DESCRIBE SELECT * FROM read_parquet(" + literal(file) + ")")) {
      while (r.next()) {
        fields.add(new Field(r.getString("column_name"), r.getString("column_type")));
      }
    } catch (SQLException e) {
      throw new IllegalArgumentException(
          objectUri + ": cannot read its Parquet schema: " + duckDbMessage(e, file, objectUri)
              + "; every object of a format=parquet table must be an (unencrypted) Parquet"
              + " file",
          e);
    }
    return List.copyOf(fields);
  }

  /**
   * Finds each canonical column in a file's columns and checks its type.
   *
   * @throws IllegalArgumentException naming the object, the column (and the canonical column it is
   *     mapped to), the expected and the found type; or, from {@link SourceColumns#resolve}, a
   *     missing column with the columns found
   */
  static Columns resolve(
      String objectUri, List<Field> fields, TableSchema schema, ColumnMapping mapping) {
    List<String> names = fields.stream().map(Field::name).toList();
    List<String> resolved =
        SourceColumns.resolve(objectUri, names, schema, mapping, "Parquet schema", "");
    int[] index = new int[resolved.size()];
    for (int i = 0; i < index.length; i++) {
      String name = resolved.get(i);
      index[i] = name == null ? -1 : names.indexOf(name);
      if (index[i] < 0) {
        continue;
      }
      Column column = schema.columns().get(i);
      Field field = fields.get(index[i]);
      if (!accepts(column.type(), field.type())) {
        boolean mapped = mapping.isMapped(schema, column.name());
        throw new IllegalArgumentException(
            objectUri + ": column '" + field.name() + "' "
                + (mapped ? "(mapped to " + schema.name() + "." + column.name() + ")"
                    : "(" + schema.name() + "." + column.name() + ")")
                + ": expected " + expected(column.type()) + ", found " + field.type()
                + (column.type() == ColumnType.STRING && field.type().equalsIgnoreCase("BLOB")
                    ? " (binary without the Parquet STRING annotation, as some old writers leave"
                        + " text)"
                    : "")
                + "; fix the column mapping, or write the column as " + expected(column.type()));
      }
    }
    return new Columns(fields, index);
  }

  /**
   * Whether a Parquet column of DuckDB type {@code duckDbType} is read as {@code canonical}; see the
   * class comment.
   */
  static boolean accepts(ColumnType canonical, String duckDbType) {
    String t = duckDbType.strip().toUpperCase(Locale.ROOT);
    Matcher decimal = DECIMAL.matcher(t);
    boolean isDecimal = decimal.matches();
    return switch (canonical) {
      case STRING -> t.equals("VARCHAR") || t.equals("UUID");
      case INT32, INT64 -> INTEGERS.contains(t) || (isDecimal && decimal.group(2).equals("0"));
      case DOUBLE -> INTEGERS.contains(t) || isDecimal || t.equals("DOUBLE") || t.equals("FLOAT");
      case BOOLEAN -> t.equals("BOOLEAN");
      // a timestamp's day for a date, a date's midnight for a timestamp
      case DATE, TIMESTAMP -> t.equals("DATE") || TIMESTAMPS.contains(t);
    };
  }

  /** E.g. {@code DOUBLE (Parquet DOUBLE, FLOAT, DECIMAL or an integer)}, for messages. */
  static String expected(ColumnType canonical) {
    return canonical + switch (canonical) {
      case STRING -> " (Parquet string: VARCHAR)";
      case INT32, INT64 -> " (Parquet integer: TINYINT, SMALLINT, INTEGER, BIGINT, unsigned, or"
          + " DECIMAL(p,0))";
      case DOUBLE -> " (Parquet DOUBLE, FLOAT, DECIMAL or an integer)";
      case BOOLEAN -> " (Parquet BOOLEAN)";
      case DATE -> " (Parquet DATE or TIMESTAMP)";
      case TIMESTAMP -> " (Parquet TIMESTAMP, TIMESTAMP WITH TIME ZONE read as UTC, or DATE)";
    };
  }

  /** What {@link #read} hands on for each row of the file. */
  interface Sink {
    /** A row of the canonical schema. */
    void row(Row row);

    /**
     * A row that did not convert.
     *
     * @param payload the row as read: {@code _file}, {@code _row} and the canonical columns'
     *     values under their names in the file
     * @param reason {@code row N: column c: ...}, every column that failed
     */
    void unreadable(String payload, String reason);
  }

  /**
   * Reads the canonical columns of every row of a local Parquet file, in file order.
   *
   * @param objectUri the object the file is a copy of: the lineage ({@code <uri> row N}, N from 1)
   *     of rows when the file has no lineage column, and the {@code _file} of unreadable rows
   * @param columns where the canonical columns are, from {@link #resolve} on this file
   * @return the number of rows read
   * @throws SQLException when DuckDB fails to read the file
   */
  static long read(
      Connection duckDb, Path file, String objectUri, TableSchema schema, ColumnMapping mapping,
      Columns columns, Sink sink) throws SQLException {
    int n = schema.columns().size();
    StringBuilder select = new StringBuilder("SELECT file_row_number");
    int[] resultColumn = new int[n];
    int next = 2;
    for (int i = 0; i < n; i++) {
      if (columns.index()[i] < 0) {
        resultColumn[i] = -1;
      } else {
        select.append(", #").append(columns.index()[i] + 1); // positional: no quoting, exact
        resultColumn[i] = next++;
      }
    }
    // no ORDER BY, which would hold the whole file: each row carries its number
    select.append(" FROM read_parquet(").append(literal(file)).append(", file_row_number = true)");
    Schema beamSchema = schema.beamSchema();
    long rows = 0;
    try (Statement s = duckDb.createStatement(); ResultSet r = s.executeQuery(select.toString())) {
      while (r.next()) {
        rows++;
        long row = r.getLong(1) + 1;
        Object[] values = new Object[n];
        StringBuilder reasons = null;
        for (int i = 0; i < n; i++) {
          Column column = schema.columns().get(i);
          if (resultColumn[i] < 0) {
            values[i] = column.name().equals(LINEAGE) ? objectUri + " row " + row : null;
            continue;
          }
          String type = columns.fields().get(columns.index()[i]).type();
          try {
            values[i] = convert(r, resultColumn[i], type, column.type());
          } catch (CanonicalValues.Unconvertible e) {
            if (reasons == null) {
              reasons = new StringBuilder("row " + row + ": ");
            } else {
              reasons.append("; ");
            }
            String source = mapping.sourceColumn(schema, column.name());
            reasons.append("column ").append(source);
            if (!source.equals(column.name())) {
              reasons.append(" (").append(schema.name()).append('.').append(column.name())
                  .append(')');
            }
            reasons.append(": ").append(e.getMessage());
          }
        }
        if (reasons == null) {
          sink.row(Row.withSchema(beamSchema).addValues(values).build());
        } else {
          sink.unreadable(payload(r, row, objectUri, columns, resultColumn), reasons.toString());
        }
      }
    }
    return rows;
  }

  /** A TIMESTAMP column's value; one WITH TIME ZONE as its UTC date-time. */
  private static LocalDateTime timestamp(ResultSet r, int at, String type) throws SQLException {
    return type.toUpperCase(Locale.ROOT).endsWith("WITH TIME ZONE")
        ? r.getObject(at, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC)
            .toLocalDateTime()
        : r.getObject(at, LocalDateTime.class);
  }

  /**
   * The canonical value of column {@code at} of the current row: see the class comment.
   *
   * @param type the column's DuckDB type, accepted by {@link #accepts} for {@code canonical}
   * @return the value as Beam rows hold it, or null for NULL
   * @throws CanonicalValues.Unconvertible naming the value, its type and the canonical type
   */
  static Object convert(ResultSet r, int at, String type, ColumnType canonical)
      throws SQLException, CanonicalValues.Unconvertible {
    Object value = r.getObject(at);
    if (value == null) {
      return null;
    }
    return switch (canonical) {
      case STRING -> value.toString();
      case INT32, INT64 -> {
        BigInteger integer = value instanceof BigDecimal d
            ? d.toBigInteger()
            : value instanceof BigInteger b ? b : BigInteger.valueOf(((Number) value).longValue());
        long min = canonical == ColumnType.INT32 ? Integer.MIN_VALUE : Long.MIN_VALUE;
        long max = canonical == ColumnType.INT32 ? Integer.MAX_VALUE : Long.MAX_VALUE;
        if (integer.compareTo(BigInteger.valueOf(min)) < 0
            || integer.compareTo(BigInteger.valueOf(max)) > 0) {
          throw new CanonicalValues.Unconvertible(
              type + " " + value + " is out of the range of " + canonical);
        }
        yield canonical == ColumnType.INT32 ? (Object) integer.intValue() : integer.longValue();
      }
      case DOUBLE -> {
        double d = value instanceof Float f
            ? Double.parseDouble(Float.toString(f))
            : ((Number) value).doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          throw new CanonicalValues.Unconvertible(
              type + " " + value + " is not a finite number (DOUBLE)");
        }
        yield d;
      }
      case BOOLEAN -> (Boolean) value;
      case DATE -> {
        LocalDate date = type.equalsIgnoreCase("DATE") ? r.getObject(at, LocalDate.class)
            : timestamp(r, at, type).toLocalDate();
        if (date.getYear() < 1 || date.getYear() > 9999) {
          throw new CanonicalValues.Unconvertible(
              type + " " + date + " is outside the years 0001 to 9999 (DATE)");
        }
        yield date;
      }
      case TIMESTAMP -> {
        LocalDateTime time = type.equalsIgnoreCase("DATE")
            ? r.getObject(at, LocalDate.class).atStartOfDay()
            : timestamp(r, at, type);
        if (time.getYear() < 1 || time.getYear() > 9999) {
          throw new CanonicalValues.Unconvertible(
              type + " " + time + " is outside the years 0001 to 9999 (TIMESTAMP)");
        }
        yield time.truncatedTo(ChronoUnit.MICROS);
      }
    };
  }

  /** {@code {"_file": ..., "_row": N, <column>: <value>, ...}} of the canonical columns read. */
  private static String payload(
      ResultSet r, long row, String objectUri, Columns columns, int[] resultColumn)
      throws SQLException {
    ObjectNode node = JSON.createObjectNode();
    node.put("_file", objectUri);
    node.put("_row", row);
    for (int i = 0; i < resultColumn.length; i++) {
      if (resultColumn[i] < 0) {
        continue;
      }
      String name = columns.fields().get(columns.index()[i]).name();
      Object value = r.getObject(resultColumn[i]);
      if (value == null) {
        node.putNull(name);
      } else if (value instanceof Boolean b) {
        node.put(name, b);
      } else if (value instanceof BigDecimal d) {
        node.put(name, d);
      } else if (value instanceof BigInteger b) {
        node.put(name, b);
      } else if (value instanceof Float || value instanceof Double) {
        double d = ((Number) value).doubleValue();
        if (Double.isFinite(d)) {
          node.put(name, d);
        } else {
          node.put(name, value.toString());
        }
      } else if (value instanceof Number number) {
        node.put(name, number.longValue());
      } else if (value instanceof java.sql.Timestamp) {
        node.put(name, r.getObject(resultColumn[i], LocalDateTime.class).toString());
      } else {
        node.put(name, value.toString());
      }
    }
    return node.toString();
  }

  /** A file name as a DuckDB string literal. */
  private static String literal(Path file) {
    return "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
  }

  /** DuckDB's message: its first line, with the local copy's path replaced by the object. */
  static String duckDbMessage(SQLException e, Path file, String objectUri) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage().strip();
    int newline = message.indexOf('\n');
    if (newline > 0) {
      message = message.substring(0, newline).strip();
    }
    return message.replace(file.toAbsolutePath().toString(), objectUri);
  }
}
