package io.demandcast.pipelines;

import io.demandcast.connectors.OutputWarehouse;
import io.demandcast.connectors.TableUri;
import io.demandcast.connectors.UnreadableRecords;
import io.demandcast.connectors.bigquery.BigQueryDatasetName;
import io.demandcast.connectors.bigquery.BigQuerySource;
import io.demandcast.connectors.bigquery.BigQueryTableName;
import io.demandcast.connectors.bigquery.BigQueryWarehouse;
import io.demandcast.connectors.duckdb.DuckDbIO;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.connectors.glue.GlueSource;
import io.demandcast.connectors.hive.HiveJdbc;
import io.demandcast.connectors.hive.HiveSource;
import io.demandcast.connectors.hive.HiveTableName;
import io.demandcast.connectors.hive.HiveWarehouse;
import io.demandcast.connectors.s3.S3Source;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionRowTuple;
import org.jooq.impl.DSL;

/**
 * The source and warehouse systems a run reaches, by URI scheme: how a source table is read, which
 * warehouse an output URI opens, where a source table lives by default. The one place that knows
 * the systems apart; the pipeline and the run protocol see only a {@link
 * DemandcastPipeline.SourceReader} and an {@link OutputWarehouse}.
 */
public final class SourceSystems implements DemandcastPipeline.SourceReader {
  private static final String OUTPUT_FORMS =
      "hive://<host>:<port>/<database> or bigquery://<project>/<dataset>";

  private final BigQueryServices bigQueryServices;

  private SourceSystems(BigQueryServices bigQueryServices) {
    this.bigQueryServices = bigQueryServices;
  }

  /** The systems as they are: Google's BigQuery services. */
  public static SourceSystems standard() {
    return new SourceSystems(null);
  }

  /**
   * For tests: BigQuery sources and a {@code bigquery://} output warehouse use {@code services}
   * (Beam's in-memory {@code FakeBigQueryServices}) instead of Google's.
   */
  public static SourceSystems withBigQueryServices(BigQueryServices services) {
    return new SourceSystems(services);
  }

  /**
   * Reads one source table as its URI says, under {@link UnreadableRecords#ROWS}, and for a
   * connector that reports records it could not convert (S3, Glue, BigQuery), those under {@link
   * UnreadableRecords#UNREADABLE}. Applying the read checks the table (columns, types; for Glue,
   * the catalog's table and then its files; for BigQuery, the table's schema) and throws before
   * anything runs.
   *
   * @throws IllegalArgumentException for a scheme the job cannot read, or a bad table
   */
  @Override
  public PCollectionRowTuple read(
      PBegin begin, String step, TableSchema table, TableUri uri, ColumnMapping mapping) {
    return switch (uri.scheme()) {
      case TableUri.DUCKDB -> PCollectionRowTuple.of(UnreadableRecords.ROWS,
          begin.apply(step, DuckDbIO.read(uri.file(), uri.table(), table, mapping)));
      case TableUri.HIVE -> PCollectionRowTuple.of(UnreadableRecords.ROWS,
          begin.apply(step, HiveSource.read(uri.hive(), table, mapping)));
      case TableUri.S3 -> begin.apply(step, S3Source.read(uri.s3(), uri.format(), table, mapping));
      case TableUri.GLUE -> begin.apply(step, GlueSource.read(uri.glue(), table, mapping));
      case TableUri.BIGQUERY -> {
        BigQuerySource.Read bq = BigQuerySource.read(uri.bigQuery(), table, mapping);
        yield begin.apply(step, bigQueryServices == null ? bq : bq.withTestServices(bigQueryServices));
      }
      default -> throw new IllegalArgumentException(
          table.name() + " = " + uri + ": the job cannot read " + uri.scheme() + " tables");
    };
  }

  /** The warehouse systems an output URI may name. */
  private enum OutputKind { HIVE, BIGQUERY }

  /**
   * Checks an output URI: a Hive database or a BigQuery dataset.
   *
   * @throws IllegalArgumentException naming the URI and the accepted forms
   */
  public static void checkOutput(String uri) {
    outputKind(uri);
  }

  private static OutputKind outputKind(String uri) {
    try {
      if (uri.startsWith(HiveTableName.SCHEME + "://")) {
        HiveTableName.parseDatabase(uri);
        return OutputKind.HIVE;
      }
      if (uri.startsWith(BigQueryTableName.SCHEME + "://")) {
        BigQueryDatasetName.parse(uri);
        return OutputKind.BIGQUERY;
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--output: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(
        "--output " + uri + ": outputs go to a DuckDB warehouse (--warehouse FILE), a Hive database"
            + " or a BigQuery dataset: " + OUTPUT_FORMS);
  }

  /**
   * The warehouse the outputs go to: {@code output} (Hive or BigQuery) or, when it is null, the
   * DuckDB file {@code warehouse} (with all six source tables when {@code withSourceTables}, as the
   * demo loads them after the pipeline is built).
   */
  OutputWarehouse outputWarehouse(
      Path warehouse, String output, boolean withSourceTables, PipelineOptions options) {
    if (output == null) {
      return withSourceTables
          ? DuckDbWarehouse.openWithSourceTables(warehouse)
          : DuckDbWarehouse.open(warehouse);
    }
    return switch (outputKind(output)) {
      case HIVE -> new HiveWarehouse(HiveJdbc.of(HiveTableName.parseDatabase(output), options));
      case BIGQUERY -> {
        BigQueryWarehouse bq = BigQueryWarehouse.open(BigQueryDatasetName.parse(output), options);
        yield bigQueryServices == null ? bq : bq.withTestServices(bigQueryServices);
      }
    };
  }

  /**
   * Where each canonical source table is read from: {@code sources}' URI, or the table of its name
   * in the output warehouse ({@code output}, or the DuckDB file {@code warehouse}).
   *
   * @throws IllegalArgumentException for a name in {@code sources} that is not a source table
   */
  static Map<String, TableUri> resolve(Map<String, TableUri> sources, Path warehouse, String output) {
    Map<String, TableUri> resolved = new LinkedHashMap<>();
    for (TableSchema table : CanonicalTables.SOURCES) {
      TableUri uri = sources.get(table.name());
      resolved.put(table.name(), uri != null ? uri : defaultSource(warehouse, output, table.name()));
    }
    for (String name : sources.keySet()) {
      if (!resolved.containsKey(name)) {
        throw new IllegalArgumentException("unknown source table '" + name + "'; the sources are "
            + CanonicalTables.SOURCES.stream().map(TableSchema::name).toList());
      }
    }
    return resolved;
  }

  private static TableUri defaultSource(Path warehouse, String output, String table) {
    if (output == null) {
      return TableUri.duckDb(warehouse, table);
    }
    return switch (outputKind(output)) {
      case HIVE -> TableUri.hive(HiveTableName.parseDatabase(output).withTable(table));
      case BIGQUERY -> TableUri.bigQuery(BigQueryDatasetName.parse(output).table(table));
    };
  }

  /**
   * Refuses a run that would read a DuckDB file that does not exist (the demo's warehouse, which
   * the demo loads, excepted), before anything creates it.
   *
   * @throws IllegalArgumentException naming the file and how to make one
   */
  static void requireDuckDbFiles(Map<String, TableUri> sources, Path warehouse, boolean loadDemo) {
    Path warehouseFile = warehouse == null ? null : warehouse.toAbsolutePath().normalize();
    for (var entry : sources.entrySet()) {
      TableUri uri = entry.getValue();
      if (!uri.scheme().equals(TableUri.DUCKDB)) {
        continue;
      }
      Path file = uri.file().toAbsolutePath().normalize();
      if (Files.exists(file) || (file.equals(warehouseFile) && loadDemo)) {
        continue;
      }
      if (file.equals(warehouseFile)) {
        throw new IllegalArgumentException("no warehouse at " + file + ": load your tables into"
            + " one with ./demandcast import, point --warehouse at an existing file, or try"
            + " ./demandcast demo");
      }
      throw new IllegalArgumentException("source " + entry.getKey() + " = " + uri
          + ": no DuckDB file at " + file);
    }
  }

  /**
   * The number of SKU × location series in the sales table, for progress, when it is cheap to
   * count (a DuckDB table); -1 otherwise (counting would read S3 objects twice).
   */
  static long expectedSeries(Map<String, TableUri> sources, ColumnMapping mapping) {
    TableSchema salesTable = CanonicalTables.ERP_SALES;
    TableUri sales = sources.get(salesTable.name());
    if (!sales.scheme().equals(TableUri.DUCKDB)) {
      return -1;
    }
    try (Connection connection = DuckDbWarehouse.attach(sales.file()).connect()) {
      var dsl = DuckDbWarehouse.dsl(connection);
      Object count = dsl.fetchValue(dsl.selectCount().from(
          dsl.selectDistinct(
                  DSL.field(DSL.quotedName(mapping.sourceColumn(salesTable, "sku"))),
                  DSL.field(DSL.quotedName(mapping.sourceColumn(salesTable, "location"))))
              .from(DSL.table(DSL.name(sales.table())))));
      return count == null ? -1 : ((Number) count).longValue();
    } catch (SQLException | RuntimeException e) {
      return -1; // progress then shows counts without a total
    }
  }
}
