package io.demandcast.connectors.hive;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.Column;
import io.demandcast.connectors.schema.ColumnType;
import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.connectors.schema.TableSchema.Role;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The DDL of the canonical tables in Hive's dialect (HiveQL, Hive 3.0 or later), rendered from
 * {@link CanonicalTables}; {@code sql/hive/tables.sql} is {@link #ddlScript()}.
 *
 * <p>The choices, also stated in the script's header:
 *
 * <ul>
 *   <li>Types: {@code STRING}, {@code INT}, {@code BIGINT}, {@code DOUBLE}, {@code BOOLEAN}, {@code
 *       DATE}, {@code TIMESTAMP}. Hive's {@code TIMESTAMP} has no zone, like the canonical {@link
 *       ColumnType#TIMESTAMP} (a local date-time).
 *   <li>Output tables are {@code PARTITIONED BY (run_id STRING)}: a run writes one partition and a
 *       re-run replaces it ({@code INSERT OVERWRITE ... PARTITION (run_id=...)}); {@code
 *       model_runs} too, so that a run's state changes by replacing its one-row partition. Hive lists a partition column after the data columns, so {@code run_id} is
 *       not in the column list and comes last in {@code SELECT *}: write by name, or with a static
 *       partition spec.
 *   <li>Every table is {@code STORED AS ORC}: Hive's own columnar format, the one its ACID
 *       (transactional) managed tables require, with vectorized reads and predicate push-down.
 *   <li>Required columns are {@code NOT NULL}. On output tables the constraint is enforced (Hive's
 *       default {@code ENABLE NOVALIDATE} for a bare {@code NOT NULL}: an {@code INSERT} of a NULL
 *       fails). On source tables it is {@code NOT NULL DISABLE NOVALIDATE}: declared, neither
 *       enforced nor relied on by the optimizer, so that the job's validation sees a NULL key and
 *       rejects the row with a reason, and so that the same definition is accepted for an {@code
 *       EXTERNAL} table (Hive refuses an enabled NOT NULL there).
 *   <li>Comments: the column descriptions, and a table comment with the role and grain.
 *   <li>Names are quoted with backticks (e.g. {@code date} is a Hive keyword).
 * </ul>
 */
public final class HiveSchemas {
  private HiveSchemas() {}

  /** The placeholder for the database in {@link #ddlScript()}, a Hive variable. */
  public static final String DATABASE_PLACEHOLDER = "${database}";

  /** The partition column of the partitioned output tables. */
  public static final String PARTITION_COLUMN = "run_id";

  private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_]+");

  /**
   * The Hive type of a column type.
   *
   * @param type a canonical column type
   * @return the Hive type name, e.g. {@code INT} for {@link ColumnType#INT32}
   */
  public static String type(ColumnType type) {
    return switch (type) {
      case STRING -> "STRING";
      case INT32 -> "INT";
      case INT64 -> "BIGINT";
      case DOUBLE -> "DOUBLE";
      case BOOLEAN -> "BOOLEAN";
      case DATE -> "DATE";
      case TIMESTAMP -> "TIMESTAMP";
    };
  }

  /**
   * The partition column of a table in Hive: {@code run_id} for every output table, {@code
   * model_runs} too (Hive cannot update a row of a plain table, so a run's state changes by
   * replacing its one-row partition); none for source tables.
   */
  public static Optional<Column> partitionColumn(TableSchema table) {
    if (table.role() == Role.OUTPUT) {
      return table.column(PARTITION_COLUMN);
    }
    return Optional.empty();
  }

  /** The columns in Hive's column list, in canonical order: all but the partition column. */
  public static List<Column> dataColumns(TableSchema table) {
    Optional<Column> partition = partitionColumn(table);
    return table.columns().stream().filter(c -> partition.map(p -> p != c).orElse(true)).toList();
  }

  /**
   * {@code CREATE TABLE IF NOT EXISTS} for one table in a database, without a trailing semicolon
   * (HiveServer2's JDBC driver takes one statement without it).
   *
   * @param table a canonical table
   * @param database the Hive database: letters, digits and underscores
   * @throws IllegalArgumentException naming the database when it is not such a name
   */
  public static String createTable(TableSchema table, String database) {
    Objects.requireNonNull(database, "database");
    if (!DATABASE.matcher(database).matches()) {
      throw new IllegalArgumentException(
          "Hive database '" + database + "' must be letters, digits and underscores");
    }
    return render(table, database);
  }

  /**
   * The DDL of every canonical table, as committed in {@code sql/hive/tables.sql}: one statement
   * per table, ending with a semicolon, qualified with the {@value #DATABASE_PLACEHOLDER} Hive
   * variable. Print it with {@code ./demandcast ddl --dialect hive}.
   */
  public static String ddlScript() {
    StringBuilder sql = new StringBuilder();
    sql.append(
        """
        -- demandcast canonical tables, Hive dialect (HiveQL, Hive 3.0 or later).
        -- Generated from io.demandcast.connectors.schema.CanonicalTables: do not edit;
        -- regenerate with: ./demandcast ddl --dialect hive > sql/hive/tables.sql
        --
        -- Run with Beeline into an existing database, which the ${database} variable names:
        --   beeline -u jdbc:hive2://HOST:PORT --hivevar database=demandcast -f sql/hive/tables.sql
        --
        -- Output tables are PARTITIONED BY (run_id STRING): a run writes one partition, a re-run
        -- replaces it (INSERT OVERWRITE ... PARTITION (run_id='...')); model_runs too, so that a
        -- run's state (running, complete, failed) changes by replacing its one-row partition. Hive
        -- puts a partition column after the data columns, so run_id is not in their column list
        -- and comes last in SELECT *.
        -- Storage: ORC (Hive's own columnar format; its ACID managed tables require it).
        -- Types: TIMESTAMP has no time zone, as in the canonical schema; UTC columns say so.
        -- NOT NULL: enforced on output tables (a bare NOT NULL is ENABLE NOVALIDATE: an INSERT of
        -- NULL fails); declared only on source tables (DISABLE NOVALIDATE: not enforced and not
        -- relied on, so the job's validation sees and rejects a NULL key, and the same definition
        -- works for an EXTERNAL table).
        -- Not here: the analysts' views, in sql/hive/views.sql (demandcast creates them).
        """);
    for (TableSchema table : CanonicalTables.ALL) {
      sql.append('\n').append(render(table, DATABASE_PLACEHOLDER)).append(";\n");
    }
    return sql.toString();
  }

  private static String render(TableSchema table, String database) {
    StringBuilder sql = new StringBuilder();
    sql.append("CREATE TABLE IF NOT EXISTS ")
        .append(identifier(database))
        .append('.')
        .append(identifier(table.name()))
        .append(" (\n");
    List<Column> columns = dataColumns(table);
    for (int i = 0; i < columns.size(); i++) {
      Column column = columns.get(i);
      sql.append("  ").append(identifier(column.name())).append(' ').append(type(column.type()));
      if (!column.nullable()) {
        sql.append(table.role() == Role.OUTPUT ? " NOT NULL" : " NOT NULL DISABLE NOVALIDATE");
      }
      sql.append(" COMMENT ").append(stringLiteral(column.description()));
      sql.append(i < columns.size() - 1 ? ",\n" : "\n");
    }
    sql.append(")\n");
    sql.append("COMMENT ")
        .append(
            stringLiteral(
                table.role().name().toLowerCase(java.util.Locale.ROOT)
                    + " table, one row per "
                    + table.grain()))
        .append('\n');
    partitionColumn(table)
        .ifPresent(
            p ->
                sql.append("PARTITIONED BY (")
                    .append(identifier(p.name()))
                    .append(' ')
                    .append(type(p.type()))
                    .append(" COMMENT ")
                    .append(stringLiteral(p.description()))
                    .append(")\n"));
    sql.append("STORED AS ORC");
    return sql.toString();
  }

  /** A backtick-quoted Hive identifier; a backtick inside is doubled. */
  static String identifier(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /**
   * A single-quoted Hive string literal. Hive unescapes backslash sequences and does not read a
   * doubled quote as a quote (it joins adjacent literals), so a quote becomes {@code \'}, a
   * backslash {@code \\}, line breaks and tabs {@code \n}, {@code \r}, {@code \t}, and other control
   * characters {@code \}{@code uXXXX}.
   */
  public static String stringLiteral(String text) {
    return io.demandcast.connectors.schema.SqlLiterals.backslashEscaped(text);
  }
}
