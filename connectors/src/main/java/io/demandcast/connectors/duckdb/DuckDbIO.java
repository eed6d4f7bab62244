package io.demandcast.connectors.duckdb;

import io.demandcast.connectors.JdbcConnections;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.Column;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.TableSchema;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;
import org.jooq.Cursor;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Beam reads and writes of the embedded DuckDB warehouse. DuckDB is a file in the process, so these
 * run where the file is: the DirectRunner, or an embedded Flink cluster in the same JVM.
 */
public final class DuckDbIO {
  private DuckDbIO() {}

  /**
   * Reads a table as rows of a canonical schema. The table is checked when the pipeline is built: a
   * missing column or a wrong type fails with a message naming the table, the column, the expected
   * and the found type. A missing column that {@link
   * io.demandcast.connectors.schema.CanonicalTables#mayBeAbsent} allows reads as NULL.
   *
   * @param warehouse the warehouse file
   * @param table the table name in the warehouse
   * @param schema the canonical schema the rows take
   */
  public static PTransform<PBegin, PCollection<Row>> read(Path warehouse, String table, TableSchema schema) {
    return read(warehouse, table, schema, ColumnMapping.IDENTITY);
  }

  /**
   * Reads a table whose columns may be named otherwise as rows of a canonical schema: each canonical
   * column is selected from the column {@code mapping} names ({@code select "item_code" as sku}),
   * so the rows carry canonical names. The table is checked when the pipeline is built, as {@link
   * DuckDbWarehouse#checkTable(String, TableSchema, ColumnMapping)} says: a missing or mistyped
   * column fails naming the table, the source column, the canonical column it is mapped to, the
   * expected and the found type; a mapped column must exist.
   *
   * @param warehouse the warehouse file
   * @param table the table name in the warehouse
   * @param schema the canonical schema the rows take
   * @param mapping source column names of canonical columns; {@link ColumnMapping#IDENTITY} for none
   */
  public static PTransform<PBegin, PCollection<Row>> read(
      Path warehouse, String table, TableSchema schema, ColumnMapping mapping) {
    return new Read(warehouse.toAbsolutePath().toString(), table, schema, mapping, ROWS_PER_RANGE);
  }

  /** {@link #read(Path, String, TableSchema, ColumnMapping)} in ranges of {@code rowsPerRange} rows. */
  static PTransform<PBegin, PCollection<Row>> read(
      Path warehouse, String table, TableSchema schema, long rowsPerRange) {
    return new Read(
        warehouse.toAbsolutePath().toString(), table, schema, ColumnMapping.IDENTITY, rowsPerRange);
  }

  /**
   * Appends rows to the staging table of {@code schema} for {@code runId}, which {@link
   * DuckDbWarehouse#beginRun} created; {@link DuckDbWarehouse#commitRun} publishes them.
   */
  public static PTransform<PCollection<Row>, PDone> writeStaged(
      Path warehouse, TableSchema schema, String runId) {
    return new WriteStaged(warehouse.toAbsolutePath().toString(), schema, runId);
  }

  /**
   * Rows per read range: a table is read as ranges of about this many row ids, each its own
   * element (and bundle), so that no single worker or bundle holds a whole large table.
   */
  static final long ROWS_PER_RANGE = 200_000;

  /** Distinct values per string column a range read shares instances of before starting afresh. */
  private static final int DISTINCT_STRINGS = 50_000;

  /** A range as the list of its two bounds, or empty for the whole relation. */
  private static final Coder<List<Long>> RANGE_CODER = ListCoder.of(VarLongCoder.of());

  /**
   * Reads a table with Beam's {@link JdbcIO#readAll()}: the table is checked and its row-id ranges
   * are found when the transform is applied, the ranges are spread over the workers by a {@link
   * Reshuffle} (Create's few elements would otherwise stay on one), and each range is one query,
   * {@code select <columns cast to the canonical types> from <table> where rowid >= ? and rowid <
   * ?} (no {@code where} for a view, which has no row ids, or a table of one range). JdbcIO's own
   * reshuffle of the rows read is off: the ranges are already spread, and a second shuffle would
   * hold every row of the table at once on runners without back-pressure.
   */
  private static final class Read extends PTransform<PBegin, PCollection<Row>> {
    private final String file;
    private final String table;
    private final TableSchema schema;
    private final ColumnMapping mapping;
    private final long rowsPerRange;

    Read(String file, String table, TableSchema schema, ColumnMapping mapping, long rowsPerRange) {
      super("Read " + table);
      this.file = file;
      this.table = table;
      this.schema = schema;
      this.mapping = mapping;
      this.rowsPerRange = rowsPerRange;
    }

    @Override
    public PCollection<Row> expand(PBegin input) {
      DuckDbWarehouse warehouse = DuckDbWarehouse.attach(Paths.get(file));
      if (readsAsEmpty(warehouse, table, schema)) {
        return input
            .apply("Absent", Create.empty(RowCoder.of(schema.beamSchema())))
            .setRowSchema(schema.beamSchema());
      }
      List<String> sources = warehouse.inspect(table, schema, mapping).sources();
      List<long[]> ranges = warehouse.rowidRanges(table, rowsPerRange);
      boolean whole = ranges.size() == 1 && ranges.get(0).length == 0;
      String path = file;
      return input
          .apply(
              "Ranges",
              Create.of(ranges.stream().map(r -> Arrays.stream(r).boxed().toList()).toList())
                  .withCoder(RANGE_CODER))
          .apply("Spread", Reshuffle.viaRandomKey())
          .apply(
              "Query",
              JdbcIO.<List<Long>, Row>readAll()
                  .withDataSourceProviderFn(
                      JdbcConnections.provider(() -> DuckDbConnections.open(Paths.get(path))))
                  .withQuery(JdbcConnections.unparsedForLineage(
                      query(table, schema, sources, whole)))
                  .withParameterSetter(
                      (range, statement) -> {
                        if (!range.isEmpty()) {
                          statement.setLong(1, range.get(0));
                          statement.setLong(2, range.get(1));
                        }
                      })
                  .withRowMapper(new RowMapper(schema))
                  .withCoder(RowCoder.of(schema.beamSchema()))
                  .withOutputParallelization(false)
                  // DuckDB streams a result in auto-commit mode; nothing to turn off
                  .withDisableAutoCommit(false))
          .setRowSchema(schema.beamSchema());
    }
  }

  /**
   * The query of one range of {@code table}, with two parameters (the range's first row id and
   * the one after its last), or of the whole relation when {@code whole}: per canonical column
   * its source column cast to the canonical type, or NULL ({@link #fields}).
   */
  static String query(String table, TableSchema schema, List<String> sources, boolean whole) {
    // the table's name quoted, so that JdbcConnections.unparsedForLineage can join it to FROM
    // (DuckDB matches quoted names ignoring case, as unquoted ones)
    var select = DuckDbSchemas.renderer().select(fields(schema, sources))
        .from(DSL.table(DSL.quotedName(table)));
    var rowid = DSL.field(DSL.name("rowid"), Long.class);
    return DuckDbSchemas.renderer().render(whole ? select
        : select.where(rowid.ge(DSL.param("from", Long.class))
            .and(rowid.lt(DSL.param("to", Long.class)))));
  }

  /**
   * Whether {@code table} is read as a table without rows: it is absent, it has its canonical
   * name, and {@link CanonicalTables#mayBeAbsent(TableSchema)} allows the table to be absent
   * (a run without stock, orders, readings or shipments).
   */
  static boolean readsAsEmpty(DuckDbWarehouse warehouse, String table, TableSchema schema) {
    return table.equalsIgnoreCase(schema.name())
        && CanonicalTables.mayBeAbsent(schema)
        && !warehouse.hasTable(table);
  }

  /**
   * Reads every row of a table as a row of a canonical schema, in this process (no pipeline), as
   * {@link #read(Path, String, TableSchema, ColumnMapping)} reads them: the table is checked
   * first, absent columns {@link CanonicalTables#mayBeAbsent} allows read as NULL and narrower
   * types are widened.
   *
   * @param warehouse the warehouse file
   * @param table the table name in the warehouse
   * @param schema the canonical schema the rows take
   * @param mapping source column names of canonical columns
   * @param orderBy canonical columns to order the rows by; empty for the table's order
   * @param sink receives each row
   * @return the number of rows read
   * @throws IllegalArgumentException when the table does not exist or a column does not fit
   */
  public static long forEachRow(
      Path warehouse, String table, TableSchema schema, ColumnMapping mapping,
      List<String> orderBy, java.util.function.Consumer<Row> sink) {
    DuckDbWarehouse w = DuckDbWarehouse.attach(warehouse);
    List<String> sources = w.inspect(table, schema, mapping).sources();
    org.apache.beam.sdk.schemas.Schema beamSchema = schema.beamSchema();
    try (Connection connection = w.connect()) {
      var dsl = DuckDbWarehouse.dsl(connection);
      List<Field<?>> fields = fields(schema, sources);
      var query = dsl.select(fields).from(DuckDbSchemas.table(table))
          .orderBy(orderBy.stream().map(c -> DSL.field(DSL.quotedName(c))).toList());
      long rows = 0;
      try (Cursor<Record> cursor = query.fetchLazy()) {
        for (Record record : cursor) {
          Row.Builder row = Row.withSchema(beamSchema);
          for (int i = 0; i < fields.size(); i++) {
            row.addValue(record.get(i));
          }
          sink.accept(row.build());
          rows++;
        }
      }
      return rows;
    } catch (SQLException | org.jooq.exception.DataAccessException e) {
      throw new IllegalStateException(
          "cannot read " + table + " in " + warehouse + ": " + e.getMessage(), e);
    }
  }

  /**
   * The selected fields of a read: per canonical column, its source column cast to the canonical
   * type (a narrower numeric type, or a TIMESTAMP read as DATE, widens here; {@link
   * DuckDbSchemas#readableAs}), or NULL where the column is absent.
   */
  private static List<Field<?>> fields(TableSchema schema, List<String> sources) {
    List<Field<?>> fields = new ArrayList<>();
    for (int i = 0; i < schema.columns().size(); i++) {
      Column column = schema.columns().get(i);
      String source = sources.get(i);
      // quoted: a source column may be spelled with capitals or spaces ("Item Code")
      fields.add(
          source == null
              ? DSL.inline(null, DuckDbSchemas.dataType(column)).as(column.name())
              : DSL.cast(DSL.field(DSL.quotedName(source)), DuckDbSchemas.dataType(column))
                  .as(DSL.quotedName(column.name())));
    }
    return fields;
  }

  /**
   * A row of a range query ({@link #query}) as a canonical row: the columns are already of the
   * canonical types (the query casts them), read with the JDBC getter of each type. One String
   * instance per distinct value of a column (SKU, location, lineage repeat over many rows), up to
   * {@value #DISTINCT_STRINGS} per column before starting afresh: a large table's rows then take a
   * fraction of the memory while runners without back-pressure (the DirectRunner) hold them.
   */
  static final class RowMapper implements JdbcIO.RowMapper<Row> {
    private final TableSchema schema;
    private transient List<Map<String, String>> distinct;

    RowMapper(TableSchema schema) {
      this.schema = schema;
    }

    @Override
    public Row mapRow(ResultSet rs) throws SQLException {
      List<Column> columns = schema.columns();
      if (distinct == null) {
        distinct = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
          distinct.add(new HashMap<>());
        }
      }
      Row.Builder row = Row.withSchema(schema.beamSchema());
      for (int i = 0; i < columns.size(); i++) {
        int index = i + 1;
        Object value = switch (columns.get(i).type()) {
          case STRING -> rs.getString(index);
          case INT32 -> rs.getInt(index);
          case INT64 -> rs.getLong(index);
          case DOUBLE -> rs.getDouble(index);
          case BOOLEAN -> rs.getBoolean(index);
          case DATE -> rs.getObject(index, LocalDate.class);
          case TIMESTAMP -> rs.getObject(index, LocalDateTime.class);
        };
        if (rs.wasNull()) {
          value = null;
        } else if (value instanceof String text) {
          Map<String, String> seen = distinct.get(i);
          if (seen.size() >= DISTINCT_STRINGS) {
            seen.clear();
          }
          value = seen.computeIfAbsent(text, t -> t);
        }
        row.addValue(value);
      }
      return row.build();
    }
  }

  private static final class WriteStaged extends PTransform<PCollection<Row>, PDone> {
    private final String file;
    private final TableSchema schema;
    private final String runId;

    WriteStaged(String file, TableSchema schema, String runId) {
      super("Write " + schema.name());
      this.file = file;
      this.schema = schema;
      this.runId = runId;
    }

    @Override
    public PDone expand(PCollection<Row> rows) {
      rows.apply("AppendStaged", ParDo.of(new AppendFn(file, schema, runId)));
      return PDone.in(rows.getPipeline());
    }
  }

  private static final class AppendFn extends DoFn<Row, Void> {
    private static final int BATCH = 2000;
    private final String file;
    private final TableSchema schema;
    private final String runId;
    private transient List<Object[]> buffer;
    private transient DuckDbWarehouse warehouse;

    AppendFn(String file, TableSchema schema, String runId) {
      this.file = file;
      this.schema = schema;
      this.runId = runId;
    }

    @Setup
    public void setup() {
      warehouse = DuckDbWarehouse.attach(Paths.get(file));
    }

    @StartBundle
    public void startBundle() {
      buffer = new ArrayList<>();
    }

    @ProcessElement
    public void process(@Element Row row) {
      Object[] values = new Object[schema.columns().size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = row.getValue(schema.columns().get(i).name());
      }
      buffer.add(values);
      if (buffer.size() >= BATCH) {
        flush();
      }
    }

    @FinishBundle
    public void finishBundle() {
      flush();
    }

    private void flush() {
      if (!buffer.isEmpty()) {
        warehouse.appendStaged(runId, schema, buffer);
        buffer.clear();
      }
    }
  }
}
