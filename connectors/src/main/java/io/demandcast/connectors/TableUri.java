package io.demandcast.connectors;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;

/**
 * Where a table lives, as a URI (see DESIGN.md, "Connectors and URIs"). This build reads and writes
 * the embedded DuckDB warehouse: {@code duckdb:<file>#<table>}. The other systems' schemes ({@code
 * hive://}, {@code bigquery://}, {@code s3://}, {@code glue://}) are recognised and refused with a
 * message saying so.
 *
 * @param scheme the system, e.g. {@code duckdb}
 * @param file the database file, for {@code duckdb}
 * @param table the table name in that system
 */
public record TableUri(String scheme, Path file, String table) {
  /** The scheme of the embedded DuckDB warehouse. */
  public static final String DUCKDB = "duckdb";

  public TableUri {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(table, "table");
  }

  /** A table of a DuckDB warehouse file. */
  public static TableUri duckDb(Path file, String table) {
    return new TableUri(DUCKDB, file, table);
  }

  /**
   * Parses a table URI.
   *
   * @throws IllegalArgumentException naming the URI and the expected form when it cannot be parsed,
   *     or when its system is not supported by this build
   */
  public static TableUri parse(String uri) {
    Objects.requireNonNull(uri, "uri");
    int colon = uri.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "'" + uri + "' is not a table URI; expected duckdb:<file>#<table>");
    }
    String scheme = uri.substring(0, colon);
    if (!scheme.equals(DUCKDB)) {
      if (java.util.List.of("hive", "bigquery", "s3", "glue").contains(scheme)) {
        throw new IllegalArgumentException(
            "'" + uri + "': the " + scheme + " connector is not part of this build yet;"
                + " supported: duckdb:<file>#<table>");
      }
      throw new IllegalArgumentException(
          "'" + uri + "': unknown scheme '" + scheme + "'; expected duckdb:<file>#<table>");
    }
    String rest = uri.substring(colon + 1);
    int hash = rest.lastIndexOf('#');
    if (hash <= 0 || hash == rest.length() - 1) {
      throw new IllegalArgumentException(
          "'" + uri + "' names no file or no table; expected duckdb:<file>#<table>");
    }
    String table = rest.substring(hash + 1);
    if (!table.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException(
          "'" + uri + "': table name '" + table + "' must be letters, digits and underscores");
    }
    return duckDb(Paths.get(rest.substring(0, hash)), table);
  }

  @Override
  public String toString() {
    return scheme + ":" + file + "#" + table;
  }
}
