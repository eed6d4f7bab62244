package io.demandcast.connectors.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.beam.sdk.schemas.Schema;

/**
 * The definition of one canonical table: its name, its role, its grain and its columns in order.
 * {@link CanonicalTables} holds the one definition of every table; the DDL in {@code sql/} is
 * generated from it and tested against it.
 *
 * @param name table name, snake_case
 * @param role whether demandcast reads the table (a source) or writes it (an output)
 * @param grain one line saying what one row is
 * @param columns the columns in table order; names unique
 */
public record TableSchema(String name, Role role, String grain, List<Column> columns)
    implements java.io.Serializable {

  /** Whether a table is read or written by demandcast. */
  public enum Role {
    /** Read by the job; owned by the ERP, IoT or logistics system. */
    SOURCE,
    /** Written by the job under a {@code run_id}. */
    OUTPUT
  }

  public TableSchema {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(grain, "grain");
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("table " + name + " has no columns");
    }
    long distinct = columns.stream().map(Column::name).distinct().count();
    if (distinct != columns.size()) {
      throw new IllegalArgumentException("table " + name + " has duplicate column names");
    }
  }

  /** The column called {@code columnName}, if any. */
  public Optional<Column> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  /** The column names in table order. */
  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  /**
   * The Beam schema of this table's rows. Every field is nullable, also where the warehouse column
   * is NOT NULL: rows read from a source are checked by the job's validation step, which rejects a
   * missing value with a reason instead of failing while the row is built.
   */
  public Schema beamSchema() {
    Schema.Builder builder = Schema.builder();
    for (Column column : columns) {
      builder.addNullableField(column.name(), column.type().beamType());
    }
    return builder.build();
  }
}
