package io.demandcast.connectors.bigquery;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.Column;
import io.demandcast.connectors.schema.ColumnType;
import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.connectors.schema.TableSchema.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The DDL of the canonical tables in BigQuery's dialect (GoogleSQL), rendered from {@link
 * CanonicalTables}; {@code sql/bigquery/tables.sql} is {@link #ddlScript()}.
 *
 * <p>The choices, also stated in the script's header:
 *
 * <ul>
 *   <li>Types: {@code STRING}, {@code INT64} (for both integer widths), {@code FLOAT64}, {@code
 *       BOOL}, {@code DATE}, and {@code DATETIME} for {@link ColumnType#TIMESTAMP}: the canonical
 *       timestamp is a local date-time without zone (Beam's {@code SqlTypes.DATETIME}, a {@code
 *       LocalDateTime}), which is BigQuery's {@code DATETIME}; BigQuery's {@code TIMESTAMP} is an
 *       instant and would read a local time as UTC. Beam's BigQueryIO maps {@code SqlTypes.DATETIME}
 *       to {@code DATETIME} too. The columns documented as UTC hold UTC wall-clock times.
 *   <li>Required columns are {@code NOT NULL} (mode REQUIRED).
 *   <li>Partitioning ({@link #partitioning}) by a DATE or DATETIME column where queries filter by
 *       it: sales and stock snapshots by month of their day, sensor readings by day, forecasts and
 *       their explanations by month of their target period, rejected records by day of rejection. The other tables have
 *       no such column (or are small) and are not partitioned.
 *   <li>Clustering ({@link #clustering}): output tables other than {@code model_runs} by {@code
 *       run_id} first, then {@code sku, location} where the table has both. {@code run_id} first
 *       because every run-scoped statement filters on it: a re-run deletes its earlier rows ({@code
 *       WHERE run_id = ...}) and the latest-run views select one run, and clustering lets both
 *       read only that run's blocks. Source tables with both {@code sku} and {@code location} are
 *       clustered by them. At most four columns, as BigQuery allows.
 *   <li>Descriptions: column and table {@code OPTIONS(description=...)}.
 *   <li>Names are quoted with backticks; the table path is {@code `<dataset>.<table>`}, where the
 *       dataset may carry its project ({@code project.dataset}).
 * </ul>
 */
public final class BigQuerySchemas {
  private BigQuerySchemas() {}

  /** The placeholder for the dataset (optionally {@code project.dataset}) in {@link #ddlScript()}. */
  public static final String DATASET_PLACEHOLDER = "${dataset}";

  /** The most clustering columns BigQuery accepts. */
  public static final int MAX_CLUSTERING_COLUMNS = 4;

  /** The run column the output tables are clustered by first. */
  public static final String RUN_ID = "run_id";

  /** Dataset id, optionally preceded by a (possibly domain-scoped) project id and a dot. */
  private static final Pattern DATASET =
      Pattern.compile("((([a-z][a-z0-9.-]*):)?[a-z][a-z0-9-]*[a-z0-9]\\.)?[A-Za-z0-9_]{1,1024}");

  /** The time unit of a partition. */
  public enum Granularity {
    /** One partition per day. */
    DAY,
    /** One partition per calendar month. */
    MONTH
  }

  /**
   * How a table is partitioned: by a DATE or (canonical) TIMESTAMP column, per day or month.
   *
   * @param column the partitioning column's name
   * @param granularity the partition's time unit
   */
  public record Partitioning(String column, Granularity granularity) {
    public Partitioning {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(granularity, "granularity");
    }
  }

  /** The partitioned tables: see the class comment for why these. */
  private static final Map<String, Partitioning> PARTITIONING =
      Map.of(
          CanonicalTables.ERP_SALES.name(), new Partitioning("date", Granularity.MONTH),
          CanonicalTables.ERP_INVENTORY.name(), new Partitioning("snapshot_date", Granularity.MONTH),
          CanonicalTables.IOT_READINGS.name(), new Partitioning("ts", Granularity.DAY),
          CanonicalTables.DEMAND_FORECASTS.name(), new Partitioning("period_start", Granularity.MONTH),
          CanonicalTables.FORECAST_EXPLANATIONS.name(),
          new Partitioning("period_start", Granularity.MONTH),
          CanonicalTables.REJECTED_RECORDS.name(), new Partitioning("ts", Granularity.DAY));

  static {
    // fail at class load, naming the table, when the schema and this choice drift apart
    PARTITIONING.forEach(
        (tableName, p) -> {
          Column column =
              CanonicalTables.byName(tableName)
                  .column(p.column())
                  .orElseThrow(
                      () ->
                          new IllegalStateException(
                              "BigQuery partitioning of " + tableName + " names no column "
                                  + p.column()));
          if (column.type() != ColumnType.DATE && column.type() != ColumnType.TIMESTAMP) {
            throw new IllegalStateException(
                "BigQuery partitioning of " + tableName + " by " + p.column()
                    + " needs a DATE or TIMESTAMP column, found " + column.type());
          }
        });
  }

  /**
   * The BigQuery type of a column type.
   *
   * @param type a canonical column type
   * @return the GoogleSQL type name, e.g. {@code FLOAT64} for {@link ColumnType#DOUBLE}, {@code
   *     DATETIME} for {@link ColumnType#TIMESTAMP}
   */
  public static String type(ColumnType type) {
    return switch (type) {
      case STRING -> "STRING";
      case INT32, INT64 -> "INT64";
      case DOUBLE -> "FLOAT64";
      case BOOLEAN -> "BOOL";
      case DATE -> "DATE";
      case TIMESTAMP -> "DATETIME";
    };
  }

  /** How a table is partitioned in BigQuery, if it is. */
  public static Optional<Partitioning> partitioning(TableSchema table) {
    return Optional.ofNullable(PARTITIONING.get(table.name()));
  }

  /**
   * The clustering columns of a table in BigQuery, in order; empty when it is not clustered.
   * Output tables other than {@code model_runs}: {@code run_id}, then {@code sku, location} when
   * the table has both. Source tables: {@code sku, location} when the table has both.
   */
  public static List<String> clustering(TableSchema table) {
    List<String> columns = new ArrayList<>();
    if (table.role() == Role.OUTPUT) {
      if (table.name().equals(CanonicalTables.MODEL_RUNS.name())) {
        return List.of();
      }
      columns.add(RUN_ID);
    }
    if (table.column("sku").isPresent() && table.column("location").isPresent()) {
      columns.add("sku");
      columns.add("location");
    }
    return List.copyOf(columns);
  }

  /**
   * {@code CREATE TABLE IF NOT EXISTS} for one table in a dataset, without a trailing semicolon.
   *
   * @param table a canonical table
   * @param dataset the dataset id, optionally {@code project.dataset}
   * @throws IllegalArgumentException naming the dataset when it is not of that form
   */
  public static String createTable(TableSchema table, String dataset) {
    Objects.requireNonNull(dataset, "dataset");
    if (!DATASET.matcher(dataset).matches()) {
      throw new IllegalArgumentException(
          "BigQuery dataset '" + dataset + "' must be a dataset id (letters, digits, underscores),"
              + " optionally preceded by its project id and a dot, e.g. my-project.demandcast");
    }
    return render(table, dataset);
  }

  /**
   * The DDL of every canonical table, as committed in {@code sql/bigquery/tables.sql}: one statement
   * per table, ending with a semicolon, in the dataset {@value #DATASET_PLACEHOLDER}. Print it with
   * {@code ./demandcast ddl --dialect bigquery}.
   */
  public static String ddlScript() {
    StringBuilder sql = new StringBuilder();
    sql.append(
        """
        -- demandcast canonical tables, BigQuery dialect (GoogleSQL).
        -- Generated from io.demandcast.connectors.schema.CanonicalTables: do not edit;
        -- regenerate with: ./demandcast ddl --dialect bigquery > sql/bigquery/tables.sql
        --
        -- Tables go to the dataset ${dataset} (dataset id, or project.dataset), which must exist.
        -- Substitute it and run the script, e.g.:
        --   dataset=my-project.demandcast envsubst '${dataset}' < sql/bigquery/tables.sql \\
        --     | bq query --use_legacy_sql=false
        --
        -- Types: the canonical timestamp is a date-time without zone, so it is DATETIME here (as in
        -- Beam's BigQueryIO); the columns documented as UTC hold UTC wall-clock times.
        -- Partitioning: by month of erp_sales.date, erp_inventory.snapshot_date,
        -- demand_forecasts.period_start and forecast_explanations.period_start; by day of
        -- iot_readings.ts and rejected_records.ts.
        -- Clustering: output tables (not model_runs) by run_id first, so that a re-run's delete of
        -- its earlier rows and the latest-run views read one run's blocks, then by sku, location
        -- where the table has both; source tables by sku, location where they have both.
        -- The analysts' views are in sql/bigquery/views.sql; a BigQuery output warehouse
        -- (--output bigquery://<project>/<dataset>) creates these output tables and the views.
        """);
    for (TableSchema table : CanonicalTables.ALL) {
      sql.append('\n').append(render(table, DATASET_PLACEHOLDER)).append(";\n");
    }
    return sql.toString();
  }

  private static String render(TableSchema table, String dataset) {
    StringBuilder sql = new StringBuilder();
    sql.append("CREATE TABLE IF NOT EXISTS ")
        .append(identifier(dataset + "." + table.name()))
        .append(" (\n");
    List<Column> columns = table.columns();
    for (int i = 0; i < columns.size(); i++) {
      Column column = columns.get(i);
      sql.append("  ").append(identifier(column.name())).append(' ').append(type(column.type()));
      if (!column.nullable()) {
        sql.append(" NOT NULL");
      }
      sql.append(" OPTIONS(description=").append(stringLiteral(column.description())).append(')');
      sql.append(i < columns.size() - 1 ? ",\n" : "\n");
    }
    sql.append(")\n");
    partitioning(table)
        .ifPresent(
            p ->
                sql.append("PARTITION BY ")
                    .append(partitionExpression(table.column(p.column()).orElseThrow().type(), p))
                    .append('\n'));
    List<String> clustering = clustering(table);
    if (!clustering.isEmpty()) {
      sql.append("CLUSTER BY ")
          .append(String.join(", ", clustering.stream().map(BigQuerySchemas::identifier).toList()))
          .append('\n');
    }
    sql.append("OPTIONS(description=")
        .append(
            stringLiteral(
                table.role().name().toLowerCase(Locale.ROOT)
                    + " table, one row per "
                    + table.grain()))
        .append(')');
    return sql.toString();
  }

  /**
   * The partition expression over a DATE column (the column itself per day, {@code DATE_TRUNC} per
   * month) or a canonical TIMESTAMP column, a {@code DATETIME} ({@code DATE(...)} per day, {@code
   * DATETIME_TRUNC} per month).
   *
   * @param type the type of the partitioning column: DATE or TIMESTAMP
   */
  static String partitionExpression(ColumnType type, Partitioning p) {
    if (type != ColumnType.DATE && type != ColumnType.TIMESTAMP) {
      throw new IllegalArgumentException(
          "BigQuery partitions by a DATE or TIMESTAMP column; " + p.column() + " is " + type);
    }
    String column = identifier(p.column());
    if (type == ColumnType.DATE) {
      return p.granularity() == Granularity.DAY ? column : "DATE_TRUNC(" + column + ", MONTH)";
    }
    // DATETIME
    return p.granularity() == Granularity.DAY
        ? "DATE(" + column + ")"
        : "DATETIME_TRUNC(" + column + ", MONTH)";
  }

  /** A backtick-quoted GoogleSQL identifier or table path; a backtick inside is escaped. */
  static String identifier(String name) {
    return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
  }

  /**
   * A single-quoted GoogleSQL string literal: a quote becomes {@code \'}, a backslash {@code \\},
   * line breaks and tabs {@code \n}, {@code \r}, {@code \t}, other control characters {@code
   * \}{@code uXXXX} (GoogleSQL rejects unknown escapes, so nothing else is escaped).
   */
  public static String stringLiteral(String text) {
    return io.demandcast.connectors.schema.SqlLiterals.backslashEscaped(text);
  }
}
