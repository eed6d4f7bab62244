package io.demandcast.pipelines.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.HorizontalAlign;
import com.github.freva.asciitable.OverflowBehaviour;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.Blob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Struct;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.duckdb.DuckDBStruct;

/**
 * How {@code demandcast sql} prints a result set.
 *
 * <ul>
 *   <li>{@link #table}: an aligned text table for reading; doubles rounded to 4 decimals (half
 *       even), NULL as {@code NULL}, cells cut at {@code --max-width}, rows at {@code --max-rows},
 *       then a row count line.
 *   <li>{@link #csv}: RFC 4180 (comma, double quotes, CRLF line ends), a header row of the column
 *       names, every row; NULL as an empty field (as is an empty string: use json to tell them apart).
 *   <li>{@link #json}: one JSON array of objects, one per row, keyed by column name, every row;
 *       numbers as JSON numbers, booleans as booleans, NULL as null.
 * </ul>
 *
 * <p>csv and json keep every value's full precision: a double prints the shortest decimal that
 * reads back as the same double (csv without an exponent), a DECIMAL or HUGEINT all its digits.
 * Both print DATE, TIME and TIMESTAMP as ISO 8601 ({@code 2024-03-01}, {@code 10:11:12}, {@code
 * 2024-03-01T10:00:00}, with the offset for TIMESTAMPTZ), BLOB as base64, LIST, STRUCT and MAP as
 * JSON (in csv, the JSON text in the field), anything else (UUID, INTERVAL) as its text. json
 * writes a non-finite double as the string {@code "NaN"}, {@code "Infinity"} or {@code
 * "-Infinity"}.
 */
enum ResultFormat {
  table,
  csv,
  json;

  /**
   * Prints every row of {@code rs} (the table at most {@code maxRows}) to {@code out}.
   *
   * @param maxRows table only: rows printed at most
   * @param maxWidth table only: characters shown per cell at most
   * @throws SQLException when reading the result fails
   */
  void print(ResultSet rs, PrintWriter out, int maxRows, int maxWidth) throws SQLException {
    try {
      switch (this) {
        case table -> printTable(rs, out, maxRows, maxWidth);
        case csv -> printCsv(rs, out);
        case json -> printJson(rs, out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot print the result: " + e.getMessage(), e);
    }
    out.flush();
  }

  // ------------------------------------------------------------------ table

  private static void printTable(ResultSet rs, PrintWriter out, int maxRows, int maxWidth)
      throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    Column[] header = new Column[meta.getColumnCount()];
    for (int i = 0; i < header.length; i++) {
      boolean numeric = isNumeric(meta.getColumnType(i + 1));
      header[i] =
          new Column()
              .header(meta.getColumnLabel(i + 1))
              .headerAlign(HorizontalAlign.LEFT)
              .dataAlign(numeric ? HorizontalAlign.RIGHT : HorizontalAlign.LEFT)
              .maxWidth(maxWidth, OverflowBehaviour.ELLIPSIS_RIGHT);
    }
    List<Object[]> rows = new ArrayList<>();
    int total = 0;
    while (rs.next()) {
      total++;
      if (rows.size() < maxRows) {
        Object[] row = new Object[header.length];
        for (int i = 0; i < header.length; i++) {
          row[i] = tableText(rs.getObject(i + 1));
        }
        rows.add(row);
      }
    }
    out.println(AsciiTable.getTable(AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS, header,
        rows.toArray(Object[][]::new)));
    if (total > rows.size()) {
      out.printf("(%,d rows, %,d shown; --max-rows to see more)%n", total, rows.size());
    } else {
      out.printf(total == 1 ? "(1 row)%n" : "(%,d rows)%n", total);
    }
  }

  private static boolean isNumeric(int sqlType) {
    return switch (sqlType) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.FLOAT, Types.REAL,
          Types.DOUBLE, Types.NUMERIC, Types.DECIMAL -> true;
      default -> false;
    };
  }

  /** A table cell: doubles to at most 4 decimals (half even), NULL as "NULL", the rest as text. */
  static String tableText(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        return String.valueOf(d);
      }
      return BigDecimal.valueOf(d).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros()
          .toPlainString();
    }
    if (value instanceof java.sql.Timestamp ts) {
      return ts.toLocalDateTime().toString().replace('T', ' ');
    }
    if (value instanceof Blob blob) {
      return base64(blob);
    }
    return value.toString();
  }

  // ------------------------------------------------------------------ csv

  private static void printCsv(ResultSet rs, PrintWriter out) throws SQLException, IOException {
    String[] labels = labels(rs.getMetaData());
    CSVPrinter printer = CSVFormat.RFC4180.builder().setHeader(labels).get().print(out);
    List<String> record = new ArrayList<>(labels.length);
    while (rs.next()) {
      record.clear();
      for (int i = 0; i < labels.length; i++) {
        record.add(csvText(rs.getObject(i + 1)));
      }
      printer.printRecord(record);
    }
    printer.flush(); // not close: that would close out
  }

  /** A csv field: full precision, no exponent; null for NULL. */
  static String csvText(Object value) throws SQLException {
    Object plain = plain(value);
    if (plain == null) {
      return null;
    }
    if (plain instanceof Double d) {
      return Double.isFinite(d) ? withoutExponent(Double.toString(d)) : d.toString();
    }
    if (plain instanceof Float f) {
      return Float.isFinite(f) ? withoutExponent(Float.toString(f)) : f.toString();
    }
    if (plain instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (plain instanceof Map<?, ?> || plain instanceof List<?>) {
      StringWriter json = new StringWriter();
      try (JsonGenerator g = JSON.createGenerator(json)) {
        writeJson(g, plain);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return json.toString();
    }
    if (plain instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    return isoOrText(plain);
  }

  /**
   * Java's shortest round-trip decimal ({@code 1.0E-10}, {@code 42.0}) without the exponent and
   * without trailing zeros beyond one decimal: {@code 0.0000000001}, {@code 42.0}.
   */
  private static String withoutExponent(String shortest) {
    String plain = new BigDecimal(shortest).toPlainString();
    int dot = plain.indexOf('.');
    if (dot < 0) {
      return plain;
    }
    int end = plain.length();
    while (end > dot + 2 && plain.charAt(end - 1) == '0') {
      end--;
    }
    return plain.substring(0, end);
  }

  // ------------------------------------------------------------------ json

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .build();

  private static void printJson(ResultSet rs, PrintWriter out) throws SQLException, IOException {
    String[] keys = uniqueKeys(labels(rs.getMetaData()));
    // one row per line: "[", then {"a":1,"b":"x"}, each row a root value, then "]"
    boolean any = false;
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.setRootValueSeparator(new SerializedString(",\n"));
      while (rs.next()) {
        if (!any) {
          g.flush();
          out.print("[\n");
          any = true;
        }
        g.writeStartObject();
        for (int i = 0; i < keys.length; i++) {
          g.writeFieldName(keys[i]);
          writeJson(g, plain(rs.getObject(i + 1)));
        }
        g.writeEndObject();
      }
    }
    out.println(any ? "\n]" : "[]");
  }

  private static void writeJson(JsonGenerator g, Object plain) throws IOException {
    if (plain == null) {
      g.writeNull();
    } else if (plain instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (plain instanceof Byte || plain instanceof Short || plain instanceof Integer
        || plain instanceof Long) {
      g.writeNumber(((Number) plain).longValue());
    } else if (plain instanceof BigInteger i) {
      g.writeNumber(i);
    } else if (plain instanceof BigDecimal d) {
      g.writeNumber(d);
    } else if (plain instanceof Float f) {
      g.writeNumber(f);
    } else if (plain instanceof Double d) {
      g.writeNumber(d);
    } else if (plain instanceof byte[] bytes) {
      g.writeBinary(bytes);
    } else if (plain instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        writeJson(g, e.getValue());
      }
      g.writeEndObject();
    } else if (plain instanceof List<?> list) {
      g.writeStartArray();
      for (Object o : list) {
        writeJson(g, o);
      }
      g.writeEndArray();
    } else {
      g.writeString(isoOrText(plain));
    }
  }

  /** Column labels made unique for JSON keys: a repeated {@code x} becomes {@code x_1}, {@code x_2}. */
  private static String[] uniqueKeys(String[] labels) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    String[] keys = new String[labels.length];
    for (int i = 0; i < labels.length; i++) {
      String key = labels[i];
      for (int k = 1; !seen.add(key); k++) {
        key = labels[i] + "_" + k;
      }
      keys[i] = key;
    }
    return keys;
  }

  // ------------------------------------------------------------------ values

  private static String[] labels(ResultSetMetaData meta) throws SQLException {
    String[] labels = new String[meta.getColumnCount()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = meta.getColumnLabel(i + 1);
    }
    return labels;
  }

  /**
   * The JDBC value as plain Java: java.sql dates and times as java.time, BLOB as bytes, STRUCT and
   * MAP as a map, LIST and ARRAY as a list (recursively); other values unchanged.
   */
  private static Object plain(Object value) throws SQLException {
    if (value instanceof java.sql.Timestamp ts) {
      return ts.toLocalDateTime();
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (value instanceof java.sql.Time t) {
      return t.toLocalTime();
    }
    if (value instanceof Blob blob) {
      return blob.getBytes(1, (int) blob.length());
    }
    if (value instanceof DuckDBStruct struct) {
      return plainMap(struct.getMap());
    }
    if (value instanceof Struct struct) {
      Object[] attributes = struct.getAttributes();
      Map<String, Object> map = new LinkedHashMap<>();
      for (int i = 0; i < attributes.length; i++) {
        map.put(String.valueOf(i + 1), plain(attributes[i]));
      }
      return map;
    }
    if (value instanceof Map<?, ?> map) {
      return plainMap(map);
    }
    if (value instanceof Array array) {
      return plain(array.getArray());
    }
    if (value instanceof Object[] items) {
      List<Object> list = new ArrayList<>(items.length);
      for (Object item : items) {
        list.add(plain(item));
      }
      return list;
    }
    if (value instanceof List<?> items) {
      return plain(items.toArray());
    }
    return value;
  }

  private static Map<String, Object> plainMap(Map<?, ?> map) throws SQLException {
    Map<String, Object> plain = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      plain.put(String.valueOf(e.getKey()), plain(e.getValue()));
    }
    return plain;
  }

  private static String isoOrText(Object plain) {
    if (plain instanceof LocalDateTime t) {
      return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
    }
    if (plain instanceof OffsetDateTime t) {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    }
    if (plain instanceof LocalTime t) {
      return DateTimeFormatter.ISO_LOCAL_TIME.format(t);
    }
    if (plain instanceof OffsetTime t) {
      return DateTimeFormatter.ISO_OFFSET_TIME.format(t);
    }
    if (plain instanceof LocalDate d) {
      return DateTimeFormatter.ISO_LOCAL_DATE.format(d);
    }
    return plain.toString();
  }

  private static String base64(Blob blob) {
    try {
      return Base64.getEncoder().encodeToString(blob.getBytes(1, (int) blob.length()));
    } catch (SQLException e) {
      return "<blob: " + e.getMessage() + ">";
    }
  }
}
