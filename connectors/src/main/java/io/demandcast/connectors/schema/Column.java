package io.demandcast.connectors.schema;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One column of a canonical table.
 *
 * @param name snake_case column name, unique within its table
 * @param type the column type
 * @param nullable whether the warehouse column accepts NULL; key columns of source tables and the
 *     always-computed columns of output tables do not
 * @param description what the column holds, with its unit; it becomes the column comment
 */
public record Column(String name, ColumnType type, boolean nullable, String description)
    implements java.io.Serializable {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("column name must be snake_case, was '" + name + "'");
    }
  }

  /** A NOT NULL column. */
  public static Column required(String name, ColumnType type, String description) {
    return new Column(name, type, false, description);
  }

  /** A nullable column. */
  public static Column optional(String name, ColumnType type, String description) {
    return new Column(name, type, true, description);
  }
}
