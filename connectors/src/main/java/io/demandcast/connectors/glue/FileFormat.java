package io.demandcast.connectors.glue;

import java.util.Locale;

/**
 * The file formats demandcast reads from S3, as a Glue table declares them. The names are the values
 * of the {@code format} parameter of an {@code s3://<bucket>/<prefix>?format=...} URI.
 *
 * <p>To be unified with the S3 reader's format enum ({@code io.demandcast.connectors.s3.S3Format},
 * written at the same time as this package, with CSV and JSONL only): until then the two meet
 * through the URI names, e.g. {@code TableUri.parse(glueTable.s3Uri())} (see {@link
 * GlueTable#s3Uri()}), which refuses {@code format=parquet} as long as the S3 reader does not read
 * Parquet.
 */
public enum FileFormat {
  /** Delimited text, one record per line; the delimiter and header lines come with the table. */
  CSV,
  /** JSON lines: one JSON object per line. */
  JSONL,
  /** Apache Parquet files. */
  PARQUET;

  /** The value of an S3 URI's {@code format} parameter: {@code csv}, {@code jsonl} or {@code parquet}. */
  public String uriName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
