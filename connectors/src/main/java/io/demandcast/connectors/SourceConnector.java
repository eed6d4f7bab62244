package io.demandcast.connectors;

import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.TableSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionRowTuple;
import org.apache.beam.sdk.values.Row;

/**
 * One source system (DuckDB, S3, Glue, BigQuery, Hive, ...): how the job reads a canonical table
 * whose {@link TableUri} has this connector's {@link #scheme()}, how {@code check} checks it, and,
 * where the system can hold a run's outputs, how its warehouse is opened.
 *
 * <p>Implementations are found by {@link java.util.ServiceLoader} (a line in {@code
 * META-INF/services/io.demandcast.connectors.SourceConnector}) and looked up by scheme in {@link
 * Connectors}; they need a public no-argument constructor and must be stateless or immutable, as
 * one instance serves every table of its scheme. {@code docs/connectors-adding.md} says what a new
 * one needs.
 */
public interface SourceConnector {
  /** The URI scheme this connector reads, e.g. {@code hive}; lower case, unique in a registry. */
  String scheme();

  /**
   * Parses a table URI of this connector's scheme. The default parses the built-in systems' forms
   * ({@link TableUri#parse}) and, for any other scheme, takes the text after {@code <scheme>:} as
   * the table's {@link TableUri#location()}, which {@link #read} and {@link #check} then read; a
   * connector with a form of its own overrides this to check it.
   *
   * @throws IllegalArgumentException naming the URI and the expected form
   */
  default TableUri parse(String uri) {
    return TableUri.PARSED.contains(scheme()) ? TableUri.parse(uri) : TableUri.of(scheme(), uri);
  }

  /**
   * Reads {@code uri} as rows of the canonical table {@code table}, each canonical column from
   * the source column {@code mapping} names.
   *
   * <p>The output has the rows under {@link UnreadableRecords#ROWS} (schema {@code
   * table.beamSchema()}) and the records that could not be converted to the canonical types under
   * {@link UnreadableRecords#UNREADABLE} (schema {@link UnreadableRecords#SCHEMA}); a system whose
   * types always convert gives an empty collection there ({@link UnreadableRecords#none}).
   * Applying the transform checks the table (it exists, every canonical column is there in a type
   * that can be read) and throws before anything runs: {@link IllegalArgumentException} for a
   * table that does not fit, naming it and the column; {@link IllegalStateException} when the
   * system cannot be asked.
   *
   * @param uri a table URI of this connector's scheme
   */
  PTransform<PBegin, PCollectionRowTuple> read(
      TableUri uri, TableSchema table, ColumnMapping mapping);

  /**
   * Checks {@code uri} as {@link #read} would before reading, without reading its rows: for
   * {@code demandcast check}.
   *
   * @param options the pipeline options a run would have (endpoints, credentials, ...)
   * @return what was found; a system that stops at the first problem throws it instead
   * @throws IllegalArgumentException the first problem found, naming the table and the column
   * @throws IllegalStateException when the system cannot be asked
   */
  TableCheck check(
      TableUri uri, TableSchema table, ColumnMapping mapping, PipelineOptions options);

  /**
   * Whether this system's tables are local and quick to check and read in this process (an
   * embedded database file): {@code run} then checks their tables and columns before it starts,
   * and {@code check} checks their values ({@link #forEachRow}). False by default: the tables are
   * checked when the run builds its pipeline, and their values are not checked beforehand.
   */
  default boolean readsInProcess() {
    return false;
  }

  /**
   * Reads every row in this process, without a pipeline, as {@link #read} reads them; only where
   * {@link #readsInProcess()}.
   *
   * @param orderBy canonical columns to order the rows by; empty for the table's order
   * @param sink receives each row
   * @return the number of rows read
   * @throws UnsupportedOperationException where {@link #readsInProcess()} is false
   */
  default long forEachRow(
      TableUri uri, TableSchema table, ColumnMapping mapping, List<String> orderBy,
      Consumer<Row> sink) {
    throw new UnsupportedOperationException(scheme() + " tables are not read in this process");
  }

  /**
   * The local file {@code uri}'s table lives in, when reading it would create that file if it
   * were missing (an embedded database): the job refuses to read a file that does not exist,
   * rather than create an empty one. Empty by default.
   */
  default Optional<Path> requiredFile(TableUri uri) {
    return Optional.empty();
  }

  /**
   * The form of the URI of a warehouse of this system that can hold a run's outputs, for
   * messages, e.g. {@code hive://<host>:<port>/<database>}; empty (the default) when it cannot.
   */
  default Optional<String> warehouseForm() {
    return Optional.empty();
  }

  /**
   * Opens the output warehouse at {@code base} (a URI of {@link #warehouseForm()}): the run's
   * outputs go there.
   *
   * @throws IllegalArgumentException when {@code base} is not of the form
   * @throws UnsupportedOperationException when this system cannot hold outputs (the default)
   */
  default OutputWarehouse openWarehouse(String base, PipelineOptions options) {
    throw new UnsupportedOperationException(scheme() + " cannot hold a run's outputs");
  }

  /**
   * The URI of the table {@code table} of the warehouse {@code base}: where a run writing there
   * reads a source table no {@code --source} names. Checks {@code base} without connecting.
   *
   * @throws IllegalArgumentException when {@code base} is not of {@link #warehouseForm()}
   * @throws UnsupportedOperationException when this system cannot hold outputs (the default)
   */
  default TableUri tableIn(String base, String table) {
    throw new UnsupportedOperationException(scheme() + " cannot hold a run's outputs");
  }
}
