package io.demandcast.connectors.glue;

import java.util.Locale;

/**
 * The file formats demandcast reads from S3, as a Glue table declares them. The names are the values
 * of the {@code format} parameter of an {@code s3://<bucket>/<prefix>?format=...} URI.
 *
 * <p>Kept apart from the S3 reader's {@link io.demandcast.connectors.s3.S3Format}: a Glue table's
 * format is what its SerDe, input format and classification say, the reader's what it reads. The
 * two meet through the URI names in {@link GlueSource#plan}, which maps each of CSV, JSONL and
 * Parquet onto the reader's format of the same name, and would refuse a format the reader lacks
 * with the reader's message.
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
