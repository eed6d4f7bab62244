package io.demandcast.connectors.glue;

import io.demandcast.connectors.SourceConnector;
import io.demandcast.connectors.TableCheck;
import io.demandcast.connectors.TableUri;
import io.demandcast.connectors.s3.S3Source;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.TableSchema;
import java.util.List;
import java.util.OptionalLong;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionRowTuple;

/**
 * {@code glue://<database>.<table>}: a table of the AWS Glue Data Catalog, looked up and read from
 * S3 by {@link GlueSource}, with the records that do not convert as unreadable records.
 */
public final class GlueConnector implements SourceConnector {
  @Override
  public String scheme() {
    return TableUri.GLUE;
  }

  @Override
  public PTransform<PBegin, PCollectionRowTuple> read(
      TableUri uri, TableSchema table, ColumnMapping mapping) {
    return GlueSource.read(uri.glue(), table, mapping);
  }

  /** The catalog's table ({@link GlueSource#plan}), then its files ({@link S3Source#check}). */
  @Override
  public TableCheck check(
      TableUri uri, TableSchema table, ColumnMapping mapping, PipelineOptions options) {
    GlueTable resolved;
    try (GlueCatalog catalog = GlueSource.catalog(options)) {
      resolved = catalog.resolve(uri.glue());
    }
    GlueSource.Plan plan = GlueSource.plan(resolved, table, mapping);
    S3Source.check(plan.location(), plan.format(), table, plan.mapping(), options);
    return TableCheck.fits(List.copyOf(resolved.columns().keySet()), OptionalLong.empty());
  }
}
