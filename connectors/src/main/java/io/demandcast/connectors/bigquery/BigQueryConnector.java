package io.demandcast.connectors.bigquery;

import io.demandcast.connectors.OutputWarehouse;
import io.demandcast.connectors.SourceConnector;
import io.demandcast.connectors.TableCheck;
import io.demandcast.connectors.TableUri;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.TableSchema;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionRowTuple;

/**
 * {@code bigquery://<project>/<dataset>.<table>}: a BigQuery table read by {@link BigQuerySource}
 * (values that do not convert as unreadable records); a dataset {@code
 * bigquery://<project>/<dataset>} can hold a run's outputs ({@link BigQueryWarehouse}).
 *
 * <p>Registered with Google's BigQuery services; {@link #withServices} gives one whose reads,
 * checks and staged writes use others instead, e.g. Beam's in-memory {@code FakeBigQueryServices}
 * in tests: {@code Connectors.loaded().with(BigQueryConnector.withServices(fake))}.
 */
public final class BigQueryConnector implements SourceConnector {
  private final BigQueryServices services;

  /** The connector with Google's BigQuery services. */
  public BigQueryConnector() {
    this.services = null;
  }

  private BigQueryConnector(BigQueryServices services) {
    this.services = Objects.requireNonNull(services, "services");
  }

  /**
   * A connector whose table checks, reads and staged writes go to {@code services} instead of
   * Google's. The output warehouse's DDL and queries still go through the BigQuery client ({@link
   * BigQueryWarehouse#withTestServices}).
   */
  public static BigQueryConnector withServices(BigQueryServices services) {
    return new BigQueryConnector(services);
  }

  @Override
  public String scheme() {
    return BigQueryTableName.SCHEME;
  }

  @Override
  public PTransform<PBegin, PCollectionRowTuple> read(
      TableUri uri, TableSchema table, ColumnMapping mapping) {
    BigQuerySource.Read read = BigQuerySource.read(uri.bigQuery(), table, mapping);
    return services == null ? read : read.withTestServices(services);
  }

  @Override
  public TableCheck check(
      TableUri uri, TableSchema table, ColumnMapping mapping, PipelineOptions options) {
    if (BigQuerySource.check(uri.bigQuery(), table, mapping, options, services).isEmpty()) {
      return TableCheck.missing(uri.bigQuery() + ": no such table", true);
    }
    return TableCheck.fits(List.of(), OptionalLong.empty());
  }

  @Override
  public Optional<String> warehouseForm() {
    return Optional.of("bigquery://<project>/<dataset>");
  }

  @Override
  public OutputWarehouse openWarehouse(String base, PipelineOptions options) {
    BigQueryWarehouse warehouse = BigQueryWarehouse.open(BigQueryDatasetName.parse(base), options);
    return services == null ? warehouse : warehouse.withTestServices(services);
  }

  @Override
  public TableUri tableIn(String base, String table) {
    return TableUri.bigQuery(BigQueryDatasetName.parse(base).table(table));
  }
}
