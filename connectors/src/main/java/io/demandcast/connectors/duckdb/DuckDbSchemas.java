package io.demandcast.connectors.duckdb;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.Column;
import io.demandcast.connectors.schema.ColumnType;
import io.demandcast.connectors.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The canonical tables as jOOQ objects for DuckDB ({@link SQLDialect#DUCKDB}), and their DDL.
 */
public final class DuckDbSchemas {
  private DuckDbSchemas() {}

  /** A jOOQ context for rendering DuckDB SQL without a connection. */
  public static DSLContext renderer() {
    return DSL.using(SQLDialect.DUCKDB, settings());
  }

  /** The settings demandcast uses for every DuckDB jOOQ context: quote names only when needed. */
  public static Settings settings() {
    return new Settings().withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED);
  }

  /** The jOOQ data type of a column, with its nullability. */
  public static DataType<?> dataType(Column column) {
    DataType<?> type =
        switch (column.type()) {
          case STRING -> SQLDataType.VARCHAR;
          case INT32 -> SQLDataType.INTEGER;
          case INT64 -> SQLDataType.BIGINT;
          case DOUBLE -> SQLDataType.DOUBLE;
          case BOOLEAN -> SQLDataType.BOOLEAN;
          case DATE -> SQLDataType.LOCALDATE;
          case TIMESTAMP -> SQLDataType.LOCALDATETIME;
        };
    return type.nullable(column.nullable());
  }

  /** The table by name, unqualified. */
  public static Table<Record> table(String name) {
    return DSL.table(DSL.name(name));
  }

  /** The fields of a table, in column order, unqualified. */
  public static List<Field<?>> fields(TableSchema schema) {
    List<Field<?>> fields = new ArrayList<>();
    for (Column column : schema.columns()) {
      fields.add(DSL.field(DSL.name(column.name()), dataType(column)));
    }
    return fields;
  }

  private static final java.util.Set<String> SMALL_INTEGERS =
      java.util.Set.of("TINYINT", "SMALLINT", "UTINYINT", "USMALLINT");
  private static final java.util.Set<String> INTEGERS = java.util.Set.of(
      "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
      "UBIGINT");

  /**
   * Whether a column of DuckDB type {@code found} (as {@code information_schema.columns} spells
   * it, e.g. {@code DECIMAL(18,3)}) is read as {@code type} without losing what it means: the type
   * itself; for DOUBLE any integer, FLOAT or DECIMAL; for INT32 a smaller integer, for INT64 any
   * integer up to 32 bits; for DATE a TIMESTAMP (the day of it); for TIMESTAMP a DATE (midnight).
   * The read casts such a column ({@link DuckDbIO}).
   */
  public static boolean readableAs(String found, ColumnType type) {
    String t = found.toUpperCase(java.util.Locale.ROOT).strip();
    if (t.startsWith(type.duckDbType())) {
      return true;
    }
    return switch (type) {
      case DOUBLE -> INTEGERS.contains(t) || t.equals("FLOAT") || t.equals("REAL")
          || t.startsWith("DECIMAL") || t.startsWith("NUMERIC");
      case INT32 -> SMALL_INTEGERS.contains(t);
      case INT64 -> SMALL_INTEGERS.contains(t) || t.equals("INTEGER") || t.equals("UINTEGER");
      case DATE -> t.startsWith("TIMESTAMP") && !t.contains("TIME ZONE");
      case TIMESTAMP -> t.equals("DATE");
      default -> false;
    };
  }

  /** The types {@link #readableAs} accepts for {@code type}, for error messages. */
  public static String accepted(ColumnType type) {
    return switch (type) {
      case DOUBLE -> "DOUBLE, or any integer, FLOAT or DECIMAL type";
      case INT32 -> "INTEGER, or TINYINT or SMALLINT";
      case INT64 -> "BIGINT, or any integer of up to 32 bits";
      case DATE -> "DATE, or TIMESTAMP (its day is used)";
      case TIMESTAMP -> "TIMESTAMP, or DATE (midnight)";
      default -> type.duckDbType();
    };
  }

  /** {@code CREATE TABLE IF NOT EXISTS} for one table, with table and column comments. */
  public static List<String> createTable(TableSchema schema) {
    DSLContext dsl = renderer();
    List<String> statements = new ArrayList<>();
    statements.add(
        dsl.createTableIfNotExists(table(schema.name())).columns(fields(schema)).getSQL() + ";");
    statements.add(
        dsl.commentOnTable(table(schema.name())).is(schema.role().name().toLowerCase()
            + " table, one row per " + schema.grain()).getSQL() + ";");
    for (Column column : schema.columns()) {
      statements.add(
          dsl.commentOnColumn(DSL.field(DSL.name(schema.name(), column.name())))
                  .is(column.description())
                  .getSQL()
              + ";");
    }
    return statements;
  }

  /**
   * Statements that add the nullable columns a warehouse created by an older demandcast lacks
   * ({@code alter table ... add column if not exists}), so that upgrading never needs a manual
   * migration; required columns are never added this way.
   */
  public static List<String> addMissingColumns(TableSchema schema) {
    DSLContext dsl = renderer();
    List<String> statements = new ArrayList<>();
    for (Column column : schema.columns()) {
      if (column.nullable()) {
        statements.add(
            dsl.alterTable(table(schema.name()))
                .addColumnIfNotExists(DSL.field(DSL.name(column.name()), dataType(column)))
                .getSQL());
      }
    }
    return statements;
  }

  /**
   * The DDL of every canonical table, as committed in {@code sql/duckdb/tables.sql}; print it with
   * {@code ./demandcast ddl}.
   */
  public static String ddlScript() {
    StringBuilder sql = new StringBuilder();
    sql.append("-- demandcast canonical tables, DuckDB dialect.\n")
        .append("-- Generated from io.demandcast.connectors.schema.CanonicalTables: do not edit;\n")
        .append("-- regenerate with: ./demandcast ddl > sql/duckdb/tables.sql\n");
    for (TableSchema schema : CanonicalTables.ALL) {
      sql.append('\n');
      for (String statement : createTable(schema)) {
        sql.append(statement).append('\n');
      }
    }
    return sql.toString();
  }
}
