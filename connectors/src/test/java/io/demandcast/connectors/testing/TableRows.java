package io.demandcast.connectors.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Query results as comparable rows, for tests that check two runs wrote the same output rows
 * (in two warehouses, or with two runners): values normalised across JDBC drivers (dates and
 * timestamps as {@code java.time}, every floating or decimal number as a double, every integer as a
 * long), rows sorted by all their values, and a row-by-row comparison with a relative tolerance on
 * doubles.
 */
public final class TableRows {
  private TableRows() {}

  /** The rows {@code sql} returns, each value {@linkplain #normal normalised}, in result order. */
  public static List<List<Object>> rows(Connection connection, String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(normal(rs.getObject(i)));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** The rows {@code sql} returns, {@linkplain #sorted sorted}. */
  public static List<List<Object>> sortedRows(Connection connection, String sql)
      throws SQLException {
    return sorted(rows(connection, sql));
  }

  /** A JDBC value as a driver-independent Java value. */
  public static Object normal(Object v) {
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (v instanceof java.sql.Timestamp ts) {
      return ts.toLocalDateTime();
    }
    if (v instanceof Float || v instanceof Double || v instanceof BigDecimal) {
      return ((Number) v).doubleValue();
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    return v;
  }

  /** Sorted by every value, doubles rounded to 6 significant digits, so equal sides line up. */
  public static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(r -> {
      StringJoiner key = new StringJoiner("|");
      for (Object v : r) {
        key.add(v instanceof Double d ? String.format(Locale.ROOT, "%.6g", d) : String.valueOf(v));
      }
      return key.toString();
    }));
    return copy;
  }

  /**
   * Asserts {@code actual} holds the rows of {@code expected}, row by row in that order: doubles
   * within {@code relativeTolerance} of the expected value (relative to its magnitude, at least 1;
   * NaN must be NaN), every other value equal.
   *
   * @param label what the rows are, for the failure message
   */
  public static void assertSameRows(String label, List<List<Object>> expected,
      List<List<Object>> actual, double relativeTolerance) {
    assertThat(actual).as(label).hasSameSizeAs(expected);
    for (int r = 0; r < expected.size(); r++) {
      List<Object> x = expected.get(r);
      List<Object> y = actual.get(r);
      for (int c = 0; c < x.size(); c++) {
        if (x.get(c) instanceof Double a && y.get(c) instanceof Double b && !a.isNaN()) {
          assertThat(b).as(label + " column " + c + " of " + x)
              .isCloseTo(a, within(relativeTolerance * Math.max(1, Math.abs(a))));
        } else {
          assertThat(y.get(c)).as(label + " column " + c + " of " + x).isEqualTo(x.get(c));
        }
      }
    }
  }
}
