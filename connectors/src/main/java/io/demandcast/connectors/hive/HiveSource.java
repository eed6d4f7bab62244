package io.demandcast.connectors.hive;

import io.demandcast.connectors.JdbcConnections;
import io.demandcast.connectors.schema.Column;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.TableSchema;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Reads a Hive table through HiveServer2 (Hive JDBC) as rows of a canonical schema: {@code select
 * <source column> as <canonical column>, ... from <db>.<table>}, through the column mapping. The
 * table is checked when the pipeline is built ({@link HiveTableCheck}), so a missing or mistyped
 * column stops the job before it runs. Hive's types are the canonical types (or wider integer and
 * decimal types, converted exactly or to the nearest double), so no record is unreadable.
 *
 * <p>The table is read by {@code --hiveReadSplits} queries ({@link HiveOptions}, default {@value
 * #DEFAULT_SPLITS}) spread over the workers by a {@link Reshuffle}: query {@code i} of {@code n}
 * reads the rows whose {@code pmod(hash(<every source column>), n)} is {@code i}, so each row is
 * read by exactly one query whatever the table's layout, and no worker reads the whole table.
 * HiveServer2 (or the engine behind it) does each query's scan. The queries run in Beam's {@link
 * JdbcIO#readAll()}, the split number as the query's parameter, on connections {@link
 * HiveJdbc#connectForJdbcIO()} opens: user and password as connection properties, read from
 * {@code --hiveJdbcProperties} where the connection is opened, and a connection whose metadata
 * does not give JdbcIO the URL with the session variables (JdbcIO logs that URL, or reports it as
 * lineage).
 */
public final class HiveSource {
  /** Queries per table when {@code --hiveReadSplits} is not given. */
  public static final int DEFAULT_SPLITS = 4;

  private HiveSource() {}

  /**
   * Reads {@code table} as {@code schema}'s rows.
   *
   * @param table the Hive table
   * @param schema the canonical schema
   * @param mapping source column names of canonical columns; {@link ColumnMapping#IDENTITY} for none
   */
  public static PTransform<PBegin, PCollection<Row>> read(
      HiveTableName table, TableSchema schema, ColumnMapping mapping) {
    return new Read(table, schema, mapping);
  }

  private static final class Read extends PTransform<PBegin, PCollection<Row>> {
    private final HiveTableName table;
    private final TableSchema schema;
    private final ColumnMapping mapping;

    Read(HiveTableName table, TableSchema schema, ColumnMapping mapping) {
      super("Read " + table);
      this.table = table;
      this.schema = schema;
      this.mapping = mapping;
    }

    @Override
    public PCollection<Row> expand(PBegin input) {
      HiveJdbc jdbc = HiveJdbc.of(table, input.getPipeline().getOptions());
      int splits = splits(input.getPipeline().getOptions());
      HiveTableCheck.Inspection inspection;
      try (Connection connection = jdbc.connect()) {
        inspection = HiveTableCheck.inspect(connection, table, schema, mapping);
      } catch (SQLException e) {
        throw new IllegalStateException(
            "cannot check Hive table " + table + ": " + e.getMessage(), e);
      }
      if (inspection.absent()) {
        return input.apply("Absent", Create.empty(RowCoder.of(schema.beamSchema())))
            .setRowSchema(schema.beamSchema());
      }
      List<String> sources = inspection.sources();
      List<Integer> splitNumbers = new ArrayList<>();
      for (int split = 0; split < splits; split++) {
        splitNumbers.add(split);
      }
      return input
          .apply("Splits", Create.of(splitNumbers))
          .apply("Spread", Reshuffle.viaRandomKey())
          .apply(
              "Query",
              JdbcIO.<Integer, Row>readAll()
                  .withDataSourceProviderFn(JdbcConnections.provider(jdbc::connectForJdbcIO))
                  .withQuery(JdbcConnections.unparsedForLineage(
                      parameterizedQuery(table, schema, sources, splits)))
                  .withParameterSetter(
                      (split, statement) -> {
                        if (splits > 1) {
                          statement.setInt(1, split);
                        }
                      })
                  .withRowMapper(new RowMapper(schema))
                  .withCoder(RowCoder.of(schema.beamSchema()))
                  .withFetchSize(FETCH_SIZE)
                  .withOutputParallelization(false)
                  // Hive has no transactions to turn auto-commit off for (it warns if asked)
                  .withDisableAutoCommit(false))
          .setRowSchema(schema.beamSchema());
    }
  }

  /**
   * {@code --hiveReadSplits}.
   *
   * @throws IllegalArgumentException when it is below 1
   */
  static int splits(org.apache.beam.sdk.options.PipelineOptions options) {
    int splits = options.as(HiveOptions.class).getHiveReadSplits();
    if (splits < 1) {
      throw new IllegalArgumentException(
          "--hiveReadSplits must be at least 1 (one query per table), got " + splits);
    }
    return splits;
  }

  /** Rows per fetch from HiveServer2. */
  private static final int FETCH_SIZE = 10_000;

  /**
   * {@link #query} with the split number as its one parameter ({@code ... = ?}); without a
   * parameter when {@code splits} is 1.
   */
  static String parameterizedQuery(
      HiveTableName table, TableSchema schema, List<String> sources, int splits) {
    String first = query(table, schema, sources, 0, splits);
    return splits == 1 ? first : first.substring(0, first.lastIndexOf("= 0")) + "= ?";
  }

  /**
   * The query reading split {@code split} of {@code splits} of {@code sources} (per canonical
   * column, its Hive column or null): the whole table when {@code splits} is 1, else the rows
   * whose {@code pmod(hash(<source columns>), splits)} is {@code split}.
   */
  static String query(
      HiveTableName table, TableSchema schema, List<String> sources, int split, int splits) {
    StringJoiner select = new StringJoiner(", ", "SELECT ", " FROM " + table.qualified());
    StringJoiner hashed = new StringJoiner(", ", "hash(", ")");
    for (int i = 0; i < schema.columns().size(); i++) {
      Column column = schema.columns().get(i);
      String source = sources.get(i);
      select.add(
          (source == null
                  ? "CAST(NULL AS " + HiveSchemas.type(column.type()) + ")"
                  : "`" + source + "`")
              + " AS `" + column.name() + "`");
      if (source != null) {
        hashed.add("`" + source + "`");
      }
    }
    return splits == 1
        ? select.toString()
        : select + " WHERE pmod(" + hashed + ", " + splits + ") = " + split;
  }

  /**
   * A Hive JDBC value as the canonical column's Java value: a TIMESTAMP read into a DATE column
   * gives its day, a DATE read into a TIMESTAMP column its midnight, any integer or decimal into a
   * DOUBLE column its value.
   */
  static Object value(Column column, Object value) {
    if (value == null) {
      return null;
    }
    return switch (column.type()) {
      case STRING -> value.toString();
      case INT32 -> ((Number) value).intValue();
      case INT64 -> ((Number) value).longValue();
      case DOUBLE -> value instanceof BigDecimal d ? d.doubleValue() : ((Number) value).doubleValue();
      case BOOLEAN -> (Boolean) value;
      case DATE -> value instanceof java.sql.Date d ? d.toLocalDate()
          : value instanceof Timestamp t ? t.toLocalDateTime().toLocalDate()
          : value.toString().length() > 10 ? Timestamp.valueOf(value.toString()).toLocalDateTime()
              .toLocalDate()
          : java.time.LocalDate.parse(value.toString());
      case TIMESTAMP -> value instanceof Timestamp t ? t.toLocalDateTime()
          : value instanceof java.sql.Date d ? d.toLocalDate().atStartOfDay()
          : value.toString().length() == 10
              ? java.time.LocalDate.parse(value.toString()).atStartOfDay()
          : Timestamp.valueOf(value.toString()).toLocalDateTime();
    };
  }

  /** A row of a split's query as a canonical row ({@link #value} per column). */
  static final class RowMapper implements JdbcIO.RowMapper<Row> {
    private final TableSchema schema;

    RowMapper(TableSchema schema) {
      this.schema = schema;
    }

    @Override
    public Row mapRow(ResultSet rs) throws SQLException {
      List<Column> columns = schema.columns();
      Row.Builder row = Row.withSchema(schema.beamSchema());
      for (int i = 0; i < columns.size(); i++) {
        row.addValue(value(columns.get(i), rs.getObject(i + 1)));
      }
      return row.build();
    }
  }
}
