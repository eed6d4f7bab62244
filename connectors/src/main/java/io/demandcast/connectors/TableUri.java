package io.demandcast.connectors;

import io.demandcast.connectors.bigquery.BigQueryTableName;
import io.demandcast.connectors.glue.GlueTableName;
import io.demandcast.connectors.hive.HiveTableName;
import io.demandcast.connectors.s3.S3Format;
import io.demandcast.connectors.s3.S3Location;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;

/**
 * Where a table lives, as a URI (see DESIGN.md, "Connectors and URIs"). This build reads:
 *
 * <ul>
 *   <li>{@code duckdb:<file>#<table>}: a table of an embedded DuckDB warehouse file;
 *   <li>{@code s3://<bucket>/<prefix>?format=csv|jsonl|parquet}: the CSV (with a header row),
 *       JSON-lines or Parquet objects at an S3 prefix, read by {@link
 *       io.demandcast.connectors.s3.S3Source}; see {@link S3Location} for which objects a prefix
 *       holds. {@code format} may be left out when the prefix names one object whose name says it
 *       ({@code .csv}, {@code .jsonl}, {@code .ndjson}, optionally followed by {@code .gz}, {@code
 *       .bz2}, {@code .zip} or {@code .deflate}; or {@code .parquet}); otherwise it is required,
 *       because a prefix says nothing about its objects' format. {@code format=orc} and {@code
 *       avro} are refused with what to do instead. The prefix is taken as written: no
 *       percent-decoding, and it cannot hold {@code ?}.
 *   <li>{@code glue://<database>.<table>}: a table of the AWS Glue Data Catalog whose files (CSV
 *       with a header row, JSON lines or Parquet) are on S3, read by {@link
 *       io.demandcast.connectors.glue.GlueSource}; the catalog is looked up when the job reads the
 *       table, not here.
 *   <li>{@code bigquery://<project>/<dataset>.<table>}: a BigQuery table, read by {@link
 *       io.demandcast.connectors.bigquery.BigQuerySource}; see {@link BigQueryTableName} for the
 *       names accepted. The table is looked up when the job reads it, not here.
 *   <li>{@code hive://<host>:<port>/<database>.<table>}: a table of a Hive database, read through
 *       HiveServer2 by {@link io.demandcast.connectors.hive.HiveSource}; see {@link HiveTableName}.
 *       The server is asked when the job reads the table, not here.
 * </ul>
 *
 * @param scheme the system: {@link #DUCKDB}, {@link #S3}, {@link #GLUE}, {@link #BIGQUERY} or
 *     {@link #HIVE}
 * @param file the database file, for {@code duckdb}; null otherwise
 * @param table the table name in that system, for {@code duckdb}; null otherwise
 * @param s3 the bucket and prefix, for {@code s3}; null otherwise
 * @param format the objects' format, for {@code s3}; null otherwise
 * @param glue the database and table, for {@code glue}; null otherwise
 * @param bigQuery the project, dataset and table, for {@code bigquery}; null otherwise
 * @param hive the server, database and table, for {@code hive}; null otherwise
 * @param location for a system this class does not parse (a connector added to the registry,
 *     {@link SourceConnector#parse}), the text after {@code <scheme>:}, which its connector reads;
 *     null otherwise
 */
public record TableUri(
    String scheme, Path file, String table, S3Location s3, S3Format format, GlueTableName glue,
    BigQueryTableName bigQuery, HiveTableName hive, String location) {
  /** The scheme of the embedded DuckDB warehouse. */
  public static final String DUCKDB = "duckdb";

  /** The scheme of tables stored as objects in S3. */
  public static final String S3 = "s3";

  /** The scheme of tables of the AWS Glue Data Catalog. */
  public static final String GLUE = GlueTableName.SCHEME;

  /** The scheme of BigQuery tables. */
  public static final String BIGQUERY = BigQueryTableName.SCHEME;

  /** The scheme of Hive tables. */
  public static final String HIVE = HiveTableName.SCHEME;

  private static final String SUPPORTED =
      "duckdb:<file>#<table>, s3://<bucket>/<prefix>?format=csv|jsonl|parquet,"
          + " glue://<database>.<table>,"
          + " bigquery://<project>/<dataset>.<table>, hive://<host>:<port>/<database>.<table>";

  public TableUri {
    Objects.requireNonNull(scheme, "scheme");
    if (scheme.equals(S3)) {
      Objects.requireNonNull(s3, "s3");
      Objects.requireNonNull(format, "format");
    } else if (scheme.equals(GLUE)) {
      Objects.requireNonNull(glue, "glue");
    } else if (scheme.equals(BIGQUERY)) {
      Objects.requireNonNull(bigQuery, "bigQuery");
    } else if (scheme.equals(HIVE)) {
      Objects.requireNonNull(hive, "hive");
    } else if (scheme.equals(DUCKDB)) {
      Objects.requireNonNull(table, "table");
    } else if (location == null) {
      Objects.requireNonNull(table, "table");
    }
  }

  /** The schemes {@link #parse} knows; a URI of another scheme is its connector's to parse. */
  public static final java.util.Set<String> PARSED = java.util.Set.of(DUCKDB, S3, GLUE, BIGQUERY,
      HIVE);

  /**
   * A table of a system this class does not parse: {@code uri} is {@code <scheme>:<location>},
   * and the location is the connector's to read.
   *
   * @throws IllegalArgumentException when {@code uri} does not start with {@code scheme:} or has
   *     nothing after it
   */
  public static TableUri of(String scheme, String uri) {
    String prefix = scheme + ":";
    if (!uri.startsWith(prefix) || uri.length() == prefix.length()) {
      throw new IllegalArgumentException("'" + uri + "' is not a " + scheme + " table URI; expected "
          + scheme + ":<location>");
    }
    return new TableUri(scheme, null, null, null, null, null, null, null,
        uri.substring(prefix.length()));
  }

  /**
   * A table of another system than S3, Glue, BigQuery and Hive: {@code scheme}, {@code file} and
   * {@code table}.
   */
  public TableUri(String scheme, Path file, String table) {
    this(scheme, file, table, null, null, null, null, null, null);
  }

  /** A table of a DuckDB warehouse file. */
  public static TableUri duckDb(Path file, String table) {
    return new TableUri(DUCKDB, file, table);
  }

  /** A table of S3 objects. */
  public static TableUri s3(S3Location location, S3Format format) {
    return new TableUri(S3, null, null, location, format, null, null, null, null);
  }

  /** A table of the Glue Data Catalog. */
  public static TableUri glue(GlueTableName name) {
    return new TableUri(GLUE, null, null, null, null, name, null, null, null);
  }

  /** A BigQuery table. */
  public static TableUri bigQuery(BigQueryTableName name) {
    return new TableUri(BIGQUERY, null, null, null, null, null, name, null, null);
  }

  /** A Hive table. */
  public static TableUri hive(HiveTableName name) {
    return new TableUri(HIVE, null, null, null, null, null, null, name, null);
  }

  /**
   * Parses a table URI.
   *
   * @throws IllegalArgumentException naming the URI and the expected form when it cannot be parsed,
   *     or when its system is not supported by this build
   */
  public static TableUri parse(String uri) {
    Objects.requireNonNull(uri, "uri");
    int colon = uri.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "'" + uri + "' is not a table URI; expected " + SUPPORTED);
    }
    String scheme = uri.substring(0, colon);
    if (scheme.equals(S3)) {
      return parseS3(uri);
    }
    if (scheme.equals(GLUE)) {
      return glue(GlueTableName.parse(uri));
    }
    if (scheme.equals(BIGQUERY)) {
      return bigQuery(BigQueryTableName.parse(uri));
    }
    if (scheme.equals(HIVE)) {
      return hive(HiveTableName.parseTable(uri));
    }
    if (!scheme.equals(DUCKDB)) {
      throw new IllegalArgumentException(
          "'" + uri + "': unknown scheme '" + scheme + "'; expected " + SUPPORTED);
    }
    String rest = uri.substring(colon + 1);
    int hash = rest.lastIndexOf('#');
    if (hash <= 0 || hash == rest.length() - 1) {
      throw new IllegalArgumentException(
          "'" + uri + "' names no file or no table; expected duckdb:<file>#<table>");
    }
    String table = rest.substring(hash + 1);
    if (!table.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException(
          "'" + uri + "': table name '" + table + "' must be letters, digits and underscores");
    }
    return duckDb(Paths.get(rest.substring(0, hash)), table);
  }

  private static TableUri parseS3(String uri) {
    String expected = "; expected s3://<bucket>/<prefix>?format=csv|jsonl|parquet";
    if (!uri.startsWith("s3://")) {
      throw new IllegalArgumentException("'" + uri + "' is not an S3 URI" + expected);
    }
    int question = uri.indexOf('?');
    String path = question < 0 ? uri : uri.substring(0, question);
    S3Location location;
    try {
      location = S3Location.parse(path);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + uri + "': " + e.getMessage(), e);
    }
    S3Format format = null;
    if (question >= 0) {
      for (String parameter : uri.substring(question + 1).split("&", -1)) {
        int eq = parameter.indexOf('=');
        String name = eq < 0 ? parameter : parameter.substring(0, eq);
        if (!name.equals("format") || eq < 0) {
          throw new IllegalArgumentException(
              "'" + uri + "': unknown parameter '" + parameter + "'; the only one is"
                  + " format=csv|jsonl|parquet");
        }
        if (format != null) {
          throw new IllegalArgumentException("'" + uri + "' gives format twice; give it once");
        }
        format = S3Format.parse(parameter.substring(eq + 1), "'" + uri + "'");
      }
    }
    if (format == null) {
      format = S3Format.fromName(location.prefix());
      if (format == null) {
        throw new IllegalArgumentException(
            "'" + uri + "' does not say the objects' format; add ?format=csv (with a header row),"
                + " ?format=jsonl (one JSON object per line) or ?format=parquet, e.g. " + path
                + "?format=csv");
      }
    }
    return s3(location, format);
  }

  @Override
  public String toString() {
    if (scheme.equals(S3)) {
      return s3 + "?format=" + format.uriName();
    }
    if (scheme.equals(GLUE)) {
      return glue.toString();
    }
    if (scheme.equals(BIGQUERY)) {
      return bigQuery.toString();
    }
    if (scheme.equals(HIVE)) {
      return hive.toString();
    }
    if (location != null) {
      return scheme + ":" + location;
    }
    return scheme + ":" + file + "#" + table;
  }
}
