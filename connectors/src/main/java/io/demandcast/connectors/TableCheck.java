package io.demandcast.connectors;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What {@link SourceConnector#check} found about a table, without reading its rows.
 *
 * @param found whether the table exists
 * @param readsAsEmpty when not found: whether a run reads it as a table without rows (an optional
 *     table under its canonical name, {@link
 *     io.demandcast.connectors.schema.CanonicalTables#mayBeAbsent}) rather than failing
 * @param missing when not found: what is missing, e.g. {@code no table sales in /data/w.duckdb};
 *     null otherwise
 * @param problems when found: one message per column that does not fit (missing, or of a type
 *     the read does not accept); empty when the table can be read
 * @param columns when found: the table's columns as the system spells them, in table order;
 *     empty where the connector does not list them
 * @param rows when found: its number of rows, where the system counts them cheaply
 */
public record TableCheck(
    boolean found,
    boolean readsAsEmpty,
    String missing,
    List<String> problems,
    List<String> columns,
    OptionalLong rows) {
  public TableCheck {
    problems = List.copyOf(problems);
    columns = List.copyOf(columns);
    Objects.requireNonNull(rows, "rows");
    if (!found) {
      Objects.requireNonNull(missing, "missing");
    }
  }

  /** A table that exists with every column fitting. */
  public static TableCheck fits(List<String> columns, OptionalLong rows) {
    return new TableCheck(true, false, null, List.of(), columns, rows);
  }

  /** A table that exists; {@code problems} lists the columns that do not fit. */
  public static TableCheck found(List<String> problems, List<String> columns, OptionalLong rows) {
    return new TableCheck(true, false, null, problems, columns, rows);
  }

  /** A table that does not exist: {@code what} is missing. */
  public static TableCheck missing(String what, boolean readsAsEmpty) {
    return new TableCheck(false, readsAsEmpty, what, List.of(), List.of(), OptionalLong.empty());
  }

  /** Whether the table exists and every column fits, so its rows can be read. */
  public boolean readable() {
    return found && problems.isEmpty();
  }
}
