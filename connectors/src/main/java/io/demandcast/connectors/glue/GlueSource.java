package io.demandcast.connectors.glue;

import io.demandcast.connectors.UnreadableRecords;
import io.demandcast.connectors.s3.S3Format;
import io.demandcast.connectors.s3.S3Location;
import io.demandcast.connectors.s3.S3Source;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.TableSchema;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionRowTuple;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Reads a table of the AWS Glue Data Catalog ({@code glue://<database>.<table>}) as Beam rows of a
 * canonical schema: looks the table up ({@link GlueCatalog#resolve}), checks it against the
 * canonical schema ({@link GlueTable#check}) and reads its files with {@link S3Source}.
 *
 * <p><b>What can be read</b> (see {@link #plan}): tables of CSV, JSON-lines or Parquet files on
 * S3; a CSV table must be comma-separated with one header line ({@code skip.header.line.count=1}),
 * because the S3 reader finds the columns by the header's names, not by position as Glue and Athena
 * do. A Parquet table (SerDe {@code ParquetHiveSerDe}, input format {@code
 * MapredParquetInputFormat} or classification {@code parquet}) is read as {@code
 * s3://<location>?format=parquet}: with DuckDB's Parquet reader, its files' own schemas checked
 * before the run. Columns that are partition keys are refused: their values are in the object keys
 * ({@code dt=2024-06-01/}), which the S3 reader does not read.
 *
 * <p><b>Columns:</b> each canonical column is read from the Glue column {@link GlueTable#check}
 * found for it: the column {@link ColumnMapping} names (the canonical name when unmapped), as Glue
 * spells it. The files' header (CSV), keys (JSON lines) or schema (Parquet) must hold the same
 * names, matched ignoring case; the S3 reader checks them, and the Parquet columns' types, before
 * the pipeline runs.
 *
 * <p><b>Connection:</b> the Glue client takes the region and the credentials from Beam's {@link
 * AwsOptions} ({@code --awsRegion}, {@code --awsCredentialsProvider}; by default the SDK's region
 * chain and the AWS default credentials chain), the same as the S3 reader; the endpoint and the
 * catalog from {@link GlueOptions} ({@code --glueEndpoint}, {@code --glueCatalogId}). Beam's
 * {@code --endpoint} is the S3 endpoint only.
 *
 * <p><b>Errors</b>, all when the transform is applied, before the pipeline runs: {@link
 * IllegalArgumentException} naming {@code glue://<database>.<table>} for a table that does not
 * exist, is not on S3, has an unsupported format or CSV layout, lacks a canonical column or has
 * one of an incompatible type, or a partition-key column; then the S3 reader's errors (see {@link
 * S3Source}). {@link IllegalStateException} for Glue access denied or a Glue call that failed
 * after the retries.
 */
public final class GlueSource {
  private GlueSource() {}

  /**
   * How a Glue table is read by the S3 reader.
   *
   * @param location the bucket and prefix of the table's files
   * @param format their format
   * @param mapping the column mapping to read them with: the given one, with each canonical
   *     column of this table whose Glue column is spelled otherwise mapped to the Glue spelling
   */
  public record Plan(S3Location location, S3Format format, ColumnMapping mapping) {}

  /**
   * Reads a Glue table as rows of a canonical schema.
   *
   * @param table the table, e.g. {@code GlueTableName.parse("glue://erp.sales")}
   * @param schema the canonical schema the rows take
   * @param mapping source column names of canonical columns; {@link ColumnMapping#IDENTITY} for none
   * @return a transform with the same outputs as {@link S3Source#read}: rows under {@link
   *     UnreadableRecords#ROWS}, records that do not convert under {@link
   *     UnreadableRecords#UNREADABLE}; applying it looks the table up and checks it (see the class
   *     comment)
   */
  public static Read read(GlueTableName table, TableSchema schema, ColumnMapping mapping) {
    return new Read(table, schema, mapping);
  }

  /** The transform of {@link #read}. */
  public static final class Read extends PTransform<PBegin, PCollectionRowTuple> {
    private final GlueTableName table;
    private final TableSchema schema;
    private final ColumnMapping mapping;

    Read(GlueTableName table, TableSchema schema, ColumnMapping mapping) {
      super("Read " + schema.name() + " from Glue");
      this.table = Objects.requireNonNull(table, "table");
      this.schema = Objects.requireNonNull(schema, "schema");
      this.mapping = mapping == null ? ColumnMapping.IDENTITY : mapping;
    }

    @Override
    public PCollectionRowTuple expand(PBegin input) {
      GlueTable resolved;
      try (GlueCatalog catalog = catalog(input.getPipeline().getOptions())) {
        resolved = catalog.resolve(table);
      }
      Plan plan = plan(resolved, schema, mapping);
      return input.apply(
          "Read " + resolved.location(),
          S3Source.read(plan.location(), plan.format(), schema, plan.mapping()));
    }
  }

  /**
   * The Glue catalog of a pipeline's options: region and credentials from {@link AwsOptions},
   * endpoint and catalog id from {@link GlueOptions}; the default retries. Close it after use.
   *
   * @throws IllegalArgumentException when {@code --glueEndpoint} is not an http(s) URI, or no
   *     region is given and the SDK's region chain finds none
   */
  public static GlueCatalog catalog(PipelineOptions options) {
    AwsOptions aws = options.as(AwsOptions.class);
    GlueOptions glue = options.as(GlueOptions.class);
    Region region = aws.getAwsRegion();
    AwsCredentialsProvider credentials = aws.getAwsCredentialsProvider();
    return GlueCatalog.builder()
        .region(region == null ? null : region.id())
        .endpoint(endpoint(glue.getGlueEndpoint()))
        .catalogId(glue.getGlueCatalogId())
        // not the options' provider itself: closing the Glue client closes its provider, and
        // the options' one (the shared default chain) serves the S3 clients too
        .credentialsProvider(credentials::resolveCredentials)
        .build();
  }

  private static URI endpoint(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      URI uri = new URI(text.strip());
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "--glueEndpoint='" + text + "' is not an http(s) URI; expected e.g."
            + " https://glue.eu-west-1.amazonaws.com, or leave it out for --awsRegion's");
  }

  /**
   * Checks that the S3 reader can read a resolved Glue table as {@code schema} and says how.
   *
   * @param table the table, from {@link GlueCatalog#resolve}
   * @param schema the canonical schema its rows take
   * @param mapping the column mapping of the run
   * @return where, in which format and with which mapping to read the files
   * @throws IllegalArgumentException naming {@link GlueTable#uri()}: a CSV table that is not
   *     comma-separated with one header line; a bucket S3 does not allow; a missing canonical column
   *     or one of an incompatible type ({@link GlueTable#check}); a canonical column held by a
   *     partition key
   */
  public static Plan plan(GlueTable table, TableSchema schema, ColumnMapping mapping) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(mapping, "mapping");
    S3Format format =
        S3Format.parse(
            table.format().uriName(),
            table.uri() + " (" + table.format() + " files at " + table.location() + ")");
    if (format == S3Format.CSV
        && (table.csv().delimiter() != ',' || table.csv().headerLines() != 1)) {
      throw new IllegalArgumentException(
          table.uri() + " is CSV with the field delimiter " + describe(table.csv().delimiter())
              + " and " + table.csv().headerLines() + " header line"
              + (table.csv().headerLines() == 1 ? "" : "s")
              + " (skip.header.line.count); this build reads a Glue CSV table by the names in"
              + " its files' header row, so it reads comma-separated files with one header line:"
              + " write the files with a header row naming the columns and set the table's"
              + " field.delim to ',' and skip.header.line.count to 1, or store the table as JSON"
              + " lines");
    }
    S3Location location;
    try {
      location = new S3Location(table.bucket(), table.prefix());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(table.uri() + " at " + table.location() + ": "
          + e.getMessage(), e);
    }
    Map<String, String> glueColumns = table.check(schema, mapping);
    Map<String, String> respelled = new LinkedHashMap<>();
    glueColumns.forEach(
        (canonical, glue) -> {
          if (!table.columns().containsKey(glue) && table.partitionKeys().containsKey(glue)) {
            throw new IllegalArgumentException(
                table.uri() + ": " + schema.name() + "." + canonical + " would be read from the"
                    + " partition key " + glue + ", whose values are in the object keys ("
                    + glue + "=.../), not in the files; this build reads columns from the files"
                    + " only: map " + schema.name() + "." + canonical + " to a data column of"
                    + " the table, or write the value into the files");
          }
          if (!glue.equals(mapping.sourceColumn(schema, canonical))) {
            respelled.put(canonical, glue);
          }
        });
    ColumnMapping readMapping = respelled.isEmpty()
        ? mapping
        : mapping.overriddenBy(
            ColumnMapping.of(Map.of(schema.name(), respelled)), table.uri() + " column names");
    return new Plan(location, format, readMapping);
  }

  /** {@code ','} or {@code tab (code 9)}, for messages. */
  private static String describe(char c) {
    if (c == '\t') {
      return "tab (code 9)";
    }
    if (Character.isISOControl(c) || Character.isWhitespace(c)) {
      return "code " + (int) c;
    }
    return "'" + c + "'";
  }
}
