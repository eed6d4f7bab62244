package io.demandcast.connectors.s3;

import java.util.Locale;

/**
 * How the objects of an S3 table are written. Every object of a table has the same format. A CSV or
 * JSON-lines object may be compressed, which is detected from its name ({@code .gz}, {@code .bz2},
 * {@code .zip}, {@code .deflate}), as Beam's {@code Compression.AUTO} does; a Parquet object is read
 * as it is (Parquet compresses its pages itself: Snappy, gzip, ZSTD, ... are read).
 */
public enum S3Format {
  /**
   * CSV (RFC 4180: comma-separated, double quotes, CRLF or LF) in UTF-8, with a header row naming
   * the columns; an empty cell is NULL.
   */
  CSV("csv"),
  /** JSON lines: one JSON object per line, keys naming the columns, in UTF-8; a blank line is skipped. */
  JSONL("jsonl"),
  /**
   * Apache Parquet files, read with DuckDB's Parquet reader: the columns are found by name in the
   * file's schema and keep their Parquet types; a Parquet NULL is NULL. Encrypted Parquet files are
   * not read.
   */
  PARQUET("parquet");

  /** What the formats that are not supported say, and what to do instead. */
  static final String ALTERNATIVES =
      "supported: format=csv (with a header row), format=jsonl (one JSON object per line) and"
          + " format=parquet; convert the objects to one of them (e.g. write them as Parquet"
          + " with Spark or Hive), or load the table into the DuckDB warehouse and read it as"
          + " duckdb:<file>#<table>";

  private final String name;

  S3Format(String name) {
    this.name = name;
  }

  /** The format's name in a URI, e.g. {@code csv}. */
  public String uriName() {
    return name;
  }

  /**
   * The format called {@code name} ({@code csv}, {@code jsonl} or {@code parquet}, any case).
   *
   * @param name the format's name, e.g. from {@code ?format=csv}
   * @param where what the name belongs to, for the message, e.g. the URI
   * @throws IllegalArgumentException naming the format and the supported ones; {@code orc} and
   *     {@code avro} are known and refused with what to do instead
   */
  public static S3Format parse(String name, String where) {
    String lower = name.strip().toLowerCase(Locale.ROOT);
    for (S3Format format : values()) {
      if (format.name.equals(lower)) {
        return format;
      }
    }
    if (lower.equals("orc") || lower.equals("avro")) {
      throw new IllegalArgumentException(
          where + ": format=" + lower + " is not supported by this build's S3 reader; "
              + ALTERNATIVES);
    }
    throw new IllegalArgumentException(
        where + ": unknown format '" + name + "'; " + ALTERNATIVES);
  }

  /**
   * The format an object name says: {@code .csv} is CSV, {@code .jsonl} and {@code .ndjson} are
   * JSON lines, each optionally followed by a compression suffix; {@code .parquet} (as the last
   * suffix: a Parquet file is not compressed as a whole) is Parquet; null for any other name
   * ({@code .json} is left out on purpose: it may hold one document rather than lines).
   *
   * @param key an object key or file name, e.g. {@code sales/2024.csv.gz} or {@code
   *     sales/part-0.snappy.parquet}
   */
  public static S3Format fromName(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".parquet")) {
      return PARQUET;
    }
    for (String compression : new String[] {".gz", ".bz2", ".zip", ".deflate"}) {
      if (lower.endsWith(compression)) {
        lower = lower.substring(0, lower.length() - compression.length());
        break;
      }
    }
    if (lower.endsWith(".csv")) {
      return CSV;
    }
    if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
      return JSONL;
    }
    return null;
  }
}
