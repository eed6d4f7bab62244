package io.demandcast.forecasting.drivers;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Demand drivers of one series as named columns over its periods: period 0 is the series' first
 * period, and the columns run past the end of its history over the forecast horizon (their future
 * part). A forecaster given regressors of length N fits a history of n periods on rows {@code
 * [0, n)} and forecasts with rows {@code [n, n + h)}, so the backtest's prefixes of the same
 * history line up by index without any further bookkeeping.
 *
 * <p>Holiday columns ({@link HolidayRegressors}) hold 1 on a holiday (or, for weeks and months,
 * the number of holiday days in the period) and 0 elsewhere. Immutable and {@link Serializable}.
 */
public final class Regressors implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> names;
  private final double[][] columns;
  private final int length;

  private Regressors(List<String> names, double[][] columns, int length) {
    this.names = names;
    this.columns = columns;
    this.length = length;
  }

  /**
   * Creates regressors from columns.
   *
   * @param length the number of periods every column covers, at least 1
   * @param columns by name, in order; each of length {@code length}, finite; copied
   * @return the regressors
   * @throws NullPointerException if an argument, name or column is null
   * @throws IllegalArgumentException if a column's length differs, a value is not finite, a name
   *     is blank or {@code length < 1}
   */
  public static Regressors of(int length, Map<String, double[]> columns) {
    Objects.requireNonNull(columns, "columns");
    if (length < 1) {
      throw new IllegalArgumentException("regressors need at least one period, got " + length);
    }
    List<String> names = new ArrayList<>();
    double[][] values = new double[columns.size()][];
    int j = 0;
    for (Map.Entry<String, double[]> e : columns.entrySet()) {
      String name = Objects.requireNonNull(e.getKey(), "column name");
      double[] column = Objects.requireNonNull(e.getValue(), "column " + name);
      if (name.isBlank()) {
        throw new IllegalArgumentException("a regressor column has a blank name");
      }
      if (column.length != length) {
        throw new IllegalArgumentException(
            String.format(
                "regressor %s has %d values, expected %d", name, column.length, length));
      }
      for (int t = 0; t < length; t++) {
        if (!Double.isFinite(column[t])) {
          throw new IllegalArgumentException(
              String.format("regressor %s: value %d is %s", name, t + 1, column[t]));
        }
      }
      names.add(name);
      values[j++] = column.clone();
    }
    return new Regressors(List.copyOf(names), values, length);
  }

  /**
   * Returns the column names.
   *
   * @return an unmodifiable list in column order
   */
  public List<String> names() {
    return names;
  }

  /**
   * Returns the number of columns.
   *
   * @return the width, possibly 0
   */
  public int width() {
    return columns.length;
  }

  /**
   * Returns the number of periods the columns cover, history and future.
   *
   * @return the length
   */
  public int length() {
    return length;
  }

  /**
   * Returns one value.
   *
   * @param column the column index
   * @param t the period index
   * @return the value
   */
  public double value(int column, int t) {
    return columns[column][t];
  }

  /**
   * Returns a copy of one column.
   *
   * @param column the column index
   * @return its values, length {@link #length()}
   */
  public double[] column(int column) {
    return columns[column].clone();
  }

  /**
   * Returns whether a column is non-zero anywhere in periods {@code [from, to)}.
   *
   * @param column the column index
   * @param from the first period, inclusive
   * @param to the last period, exclusive, at most {@link #length()}
   * @return true if some value is not 0
   */
  public boolean active(int column, int from, int to) {
    for (int t = from; t < to; t++) {
      if (columns[column][t] != 0.0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns whether any column is non-zero in period t.
   *
   * @param t the period index
   * @return true if some column's value is not 0
   */
  public boolean any(int t) {
    for (double[] c : columns) {
      if (c[t] != 0.0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Checks that the columns cover a history and its horizon.
   *
   * @param model the forecaster asking, for the message
   * @param periods the periods needed, history and horizon
   * @throws IllegalArgumentException if {@link #length()} is shorter, naming both lengths
   */
  public void requireLength(String model, int periods) {
    if (periods > length) {
      throw new IllegalArgumentException(
          String.format(
              "%s: the regressors cover %d periods, the history and horizon need %d; build them"
                  + " over the forecast horizon too",
              model, length, periods));
    }
  }

  /**
   * Returns these columns and others side by side.
   *
   * @param other regressors of the same length with other names
   * @return the union, these columns first
   * @throws IllegalArgumentException if the lengths differ or a name repeats
   */
  public Regressors and(Regressors other) {
    if (other.length != length) {
      throw new IllegalArgumentException(
          String.format("regressors of %d and %d periods cannot be joined", length, other.length));
    }
    Set<String> seen = new HashSet<>(names);
    Map<String, double[]> all = new LinkedHashMap<>();
    for (int j = 0; j < width(); j++) {
      all.put(names.get(j), columns[j]);
    }
    for (int j = 0; j < other.width(); j++) {
      if (!seen.add(other.names.get(j))) {
        throw new IllegalArgumentException("two regressor columns are named " + other.names.get(j));
      }
      all.put(other.names.get(j), other.columns[j]);
    }
    return of(length, all);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Regressors r
        && r.length == length
        && r.names.equals(names)
        && Arrays.deepEquals(r.columns, columns);
  }

  @Override
  public int hashCode() {
    return 31 * names.hashCode() + Arrays.deepHashCode(columns);
  }

  @Override
  public String toString() {
    return "Regressors[" + length + " periods, " + names + "]";
  }
}
