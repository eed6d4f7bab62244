package io.demandcast.connectors.hive;

import io.demandcast.connectors.schema.Column;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.apache.beam.sdk.values.Row;

/**
 * Canonical values as typed HiveQL expressions, for {@code INSERT ... VALUES} and constant
 * {@code SELECT}s. Every value is typed explicitly ({@code CAST(2.5 AS DOUBLE)}, {@code CAST(NULL
 * AS STRING)}, {@code DATE '2024-01-31'}), because Hive turns a multi-row {@code VALUES} into an
 * array of structs whose fields must have one type in every row.
 */
final class HiveValues {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS", Locale.ROOT);

  private HiveValues() {}

  /**
   * The expression of one value of {@code column}: a Java value of the column's canonical type
   * ({@code String}, {@code Integer}, {@code Long}, {@code Double}, {@code Boolean}, {@code
   * LocalDate}, {@code LocalDateTime}) or null.
   *
   * @throws IllegalArgumentException naming the column when the value has another type
   */
  static String literal(Column column, Object value) {
    String type = HiveSchemas.type(column.type());
    if (value == null) {
      return "CAST(NULL AS " + type + ")";
    }
    try {
      return switch (column.type()) {
        case STRING -> HiveSchemas.stringLiteral((String) value);
        case INT32 -> "CAST(" + (Integer) value + " AS INT)";
        case INT64 -> "CAST(" + ((Number) value).longValue() + " AS BIGINT)";
        case DOUBLE -> {
          double d = ((Number) value).doubleValue();
          // NaN and the infinities have no numeric literal; Hive casts their Java spellings
          yield Double.isFinite(d)
              ? "CAST(" + d + " AS DOUBLE)"
              : "CAST('" + d + "' AS DOUBLE)";
        }
        case BOOLEAN -> (Boolean) value ? "TRUE" : "FALSE";
        case DATE -> "DATE '" + (LocalDate) value + "'";
        case TIMESTAMP -> "TIMESTAMP '" + TIMESTAMP.format((LocalDateTime) value) + "'";
      };
    } catch (ClassCastException e) {
      throw new IllegalArgumentException(
          column.name() + " expects " + column.type() + ", got "
              + value.getClass().getSimpleName() + " " + value, e);
    }
  }

  /**
   * {@code INSERT INTO <table> PARTITION (<partition>) VALUES (...), (...)}: one tuple per row,
   * holding {@code columns} (by name) in order.
   *
   * @param table the qualified, quoted table name
   * @param partition the static partition spec, e.g. {@code `writer` = 'w1'}
   * @param columns the table's data columns, in table order
   * @param rows at least one row with those columns
   */
  static String insertValues(String table, String partition, List<Column> columns, List<Row> rows) {
    StringBuilder sql = new StringBuilder(rows.size() * 64 * columns.size());
    sql.append("INSERT INTO ").append(table).append(" PARTITION (").append(partition)
        .append(") VALUES ");
    for (int r = 0; r < rows.size(); r++) {
      Row row = rows.get(r);
      StringJoiner tuple = new StringJoiner(", ", "(", ")");
      for (Column column : columns) {
        tuple.add(literal(column, row.getValue(column.name())));
      }
      sql.append(r == 0 ? "" : ", ").append(tuple);
    }
    return sql.toString();
  }
}
