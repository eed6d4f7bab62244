package io.demandcast.connectors.schema;

import io.demandcast.connectors.bigquery.BigQuerySchemas;
import io.demandcast.connectors.duckdb.DuckDbSchemas;
import io.demandcast.connectors.hive.HiveSchemas;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The SQL dialects demandcast writes the canonical tables' DDL in, each with its committed file
 * {@code sql/<name>/tables.sql} (generated from {@link CanonicalTables}; tests check the committed
 * files equal the generated text).
 */
public enum Dialect {
  /** The embedded warehouse; tables unqualified. See {@link DuckDbSchemas}. */
  DUCKDB("duckdb", DuckDbSchemas::ddlScript),
  /** Hive 3.0 or later; tables in the {@code ${database}} Hive variable. See {@link HiveSchemas}. */
  HIVE("hive", HiveSchemas::ddlScript),
  /** BigQuery; tables in the {@code ${dataset}} placeholder. See {@link BigQuerySchemas}. */
  BIGQUERY("bigquery", BigQuerySchemas::ddlScript);

  private final String id;
  private final Supplier<String> ddlScript;

  Dialect(String id, Supplier<String> ddlScript) {
    this.id = id;
    this.ddlScript = ddlScript;
  }

  /** The lower-case name used on the command line and as the folder under {@code sql/}. */
  public String id() {
    return id;
  }

  /** The DDL of every canonical table in this dialect: the text of {@link #tablesFile()}. */
  public String ddlScript() {
    return ddlScript.get();
  }

  /** The committed DDL file, relative to the repository root, e.g. {@code sql/hive/tables.sql}. */
  public String tablesFile() {
    return "sql/" + id + "/tables.sql";
  }

  /** The command that regenerates {@link #tablesFile()} from the repository root. */
  public String regenerateCommand() {
    return "./demandcast ddl" + (this == DUCKDB ? "" : " --dialect " + id) + " > " + tablesFile();
  }

  /**
   * The dialect called {@code name}, ignoring case.
   *
   * @throws IllegalArgumentException naming the value and the known dialects when there is none
   */
  public static Dialect of(String name) {
    String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(d -> d.id.equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown SQL dialect '"
                        + name
                        + "'; known: "
                        + String.join(", ", Arrays.stream(values()).map(Dialect::id).toList())));
  }
}
