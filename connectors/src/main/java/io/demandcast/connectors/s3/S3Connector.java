package io.demandcast.connectors.s3;

import io.demandcast.connectors.SourceConnector;
import io.demandcast.connectors.TableCheck;
import io.demandcast.connectors.TableUri;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.TableSchema;
import java.util.List;
import java.util.OptionalLong;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionRowTuple;

/**
 * {@code s3://<bucket>/<prefix>?format=csv|jsonl|parquet}: CSV, JSON-lines or Parquet objects read
 * by {@link S3Source}, with the records that do not convert as unreadable records.
 */
public final class S3Connector implements SourceConnector {
  @Override
  public String scheme() {
    return TableUri.S3;
  }

  @Override
  public PTransform<PBegin, PCollectionRowTuple> read(
      TableUri uri, TableSchema table, ColumnMapping mapping) {
    return S3Source.read(uri.s3(), uri.format(), table, mapping);
  }

  /** {@link S3Source#check}: the objects, their columns and a sample of their values. */
  @Override
  public TableCheck check(
      TableUri uri, TableSchema table, ColumnMapping mapping, PipelineOptions options) {
    S3Source.check(uri.s3(), uri.format(), table, mapping, options);
    return TableCheck.fits(List.of(), OptionalLong.empty());
  }
}
