package io.demandcast.connectors.glue;

import java.net.URI;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.GlueClientBuilder;
import software.amazon.awssdk.services.glue.model.AccessDeniedException;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetTableRequest;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Looks tables up in the AWS Glue Data Catalog ({@code GetTable}) and resolves them to a {@link
 * GlueTable}: the S3 location, the file format and the columns an S3 reader needs.
 *
 * <p><b>Client.</b> The AWS SDK v2 {@link GlueClient} with the Apache HTTP client. The region and
 * the endpoint can be overridden (the endpoint for a VPC endpoint or a test server); by default the
 * SDK's region chain ({@code AWS_REGION}, the profile's region, instance metadata) picks the region.
 * Credentials come from the SDK's default provider chain (environment variables, system properties,
 * web identity, the {@code ~/.aws} profile, container and instance credentials); they are never
 * logged, nor put in messages.
 *
 * <p><b>Retries.</b> The SDK's <em>standard</em> retry mode, set explicitly so that {@code
 * AWS_RETRY_MODE} or a profile's {@code retry_mode} do not change it: up to {@value
 * #DEFAULT_MAX_ATTEMPTS} attempts in all by default ({@link Builder#maxAttempts}), retrying
 * throttling errors (e.g. {@code ThrottlingException}, HTTP 429), HTTP 500, 502, 503 and 504
 * ({@code InternalServiceException}) and I/O errors, with exponential backoff and jitter (SDK
 * 2.20: base delay 100 ms, 1 s after throttling, at most 20 s), drawing on a client-wide retry
 * token bucket that stops retries when most calls fail. Other errors, such as a table not found or
 * access denied, are permanent and not retried.
 *
 * <p><b>Errors</b> of {@link #resolve}: {@link IllegalArgumentException} for what the user can fix
 * in the URI or the table (not found, not on S3, a view, an unsupported format); {@link
 * IllegalStateException} for access denied (permanent: the credentials lack a permission) and for
 * a call that failed after the retries. Each names the table and keeps the SDK exception as cause.
 *
 * <p>Thread-safe (the Glue client is). Close it to release the HTTP connection pool.
 */
public final class GlueCatalog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GlueCatalog.class);

  /** Attempts per call, the first included, of the standard retry mode. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  private final GlueClient client;
  private final String catalogId;
  /** The default credentials chain this catalog made for its client, closed with it; or null. */
  private final DefaultCredentialsProvider ownCredentials;

  /**
   * Wraps a Glue client made elsewhere, e.g. with other client settings; {@link #close()} closes it.
   *
   * @param client the client
   * @param catalogId the catalog (AWS account id) to look tables up in; null for the caller's own
   */
  public GlueCatalog(GlueClient client, String catalogId) {
    this(client, catalogId, null);
  }

  private GlueCatalog(
      GlueClient client, String catalogId, DefaultCredentialsProvider ownCredentials) {
    this.client = Objects.requireNonNull(client, "client");
    this.catalogId = catalogId;
    this.ownCredentials = ownCredentials;
  }

  /** A builder of a catalog with its own Glue client. */
  public static Builder builder() {
    return new Builder();
  }

  /** Settings of the Glue client; every one optional. */
  public static final class Builder {
    private String region;
    private URI endpoint;
    private String catalogId;
    private AwsCredentialsProvider credentials;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;

    private Builder() {}

    /** The AWS region, e.g. {@code eu-west-1}; null for the SDK's region chain. */
    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /**
     * The endpoint to call instead of the region's Glue endpoint, e.g. a VPC endpoint, or {@code
     * http://127.0.0.1:8080} for a test server; null for the region's.
     */
    public Builder endpoint(URI endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    /** The catalog to read, an AWS account id (cross-account catalogs); null for the caller's. */
    public Builder catalogId(String catalogId) {
      this.catalogId = catalogId;
      return this;
    }

    /**
     * Where credentials come from; null (the default) for the SDK's default provider chain. Tests
     * give static credentials here.
     */
    public Builder credentialsProvider(AwsCredentialsProvider credentials) {
      this.credentials = credentials;
      return this;
    }

    /**
     * Attempts per call in the standard retry mode, the first included; {@value
     * #DEFAULT_MAX_ATTEMPTS} by default, 1 for no retries.
     *
     * @throws IllegalArgumentException when below 1
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException(
            "Glue maxAttempts must be 1 or more (1 = no retries), was " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Builds the client.
     *
     * @throws IllegalArgumentException when no region is given and the SDK's chain finds none
     */
    @SuppressWarnings("deprecation") // RetryPolicy: the retry API of SDK 2.20, kept in later 2.x
    public GlueCatalog build() {
      // a chain of its own, not the shared one of DefaultCredentialsProvider.create(), which
      // closing one client would break for every other
      DefaultCredentialsProvider ownCredentials =
          credentials == null ? DefaultCredentialsProvider.builder().build() : null;
      GlueClientBuilder builder =
          GlueClient.builder()
              // explicit, since another HTTP client on the classpath would make the SDK refuse
              // to pick one
              .httpClientBuilder(ApacheHttpClient.builder())
              .credentialsProvider(credentials != null ? credentials : ownCredentials)
              .overrideConfiguration(
                  ClientOverrideConfiguration.builder()
                      .retryPolicy(
                          RetryPolicy.builder(RetryMode.STANDARD)
                              .numRetries(maxAttempts - 1)
                              .build())
                      .build());
      if (region != null) {
        builder.region(Region.of(region));
      }
      if (endpoint != null) {
        builder.endpointOverride(endpoint);
      }
      try {
        return new GlueCatalog(builder.build(), catalogId, ownCredentials);
      } catch (SdkClientException e) {
        if (ownCredentials != null) {
          ownCredentials.close();
        }
        throw new IllegalArgumentException(
            "cannot make the Glue client: " + e.getMessage()
                + (region == null
                    ? "; set AWS_REGION (or the profile's region), or give the region"
                    : ""),
            e);
      }
    }
  }

  /**
   * {@link #resolve(String, String)} of a parsed URI.
   *
   * @param name e.g. {@link GlueTableName#parse GlueTableName.parse("glue://erp.sales")}
   */
  public GlueTable resolve(GlueTableName name) {
    return resolve(name.database(), name.table());
  }

  /**
   * Looks a table up ({@code GetTable}) and resolves where and how its files are.
   *
   * <p>The format comes from three properties of the table, each of which, when set, must allow it:
   * the SerDe ({@code StorageDescriptor.SerdeInfo.SerializationLibrary}), the input format ({@code
   * StorageDescriptor.InputFormat}) and the classification ({@code Parameters.classification} of
   * the table, else of the storage descriptor, as Glue crawlers set it). They must leave exactly one
   * of:
   *
   * <ul>
   *   <li>CSV: SerDe {@code org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe} or {@code
   *       org.apache.hadoop.hive.serde2.OpenCSVSerde}; input format {@code
   *       org.apache.hadoop.mapred.TextInputFormat}; classification {@code csv};
   *   <li>JSON lines: SerDe {@code org.openx.data.jsonserde.JsonSerDe}, {@code
   *       org.apache.hive.hcatalog.data.JsonSerDe} or {@code org.apache.hadoop.hive.serde2.JsonSerDe};
   *       input format {@code org.apache.hadoop.mapred.TextInputFormat}; classification {@code
   *       json};
   *   <li>Parquet: SerDe {@code org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe}; input
   *       format {@code org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat}; classification
   *       {@code parquet}.
   * </ul>
   *
   * Any other value of any of the three (ORC, Avro, Hudi, LZO text, ...) is refused, as are
   * properties that disagree and tables that set none or only the text input format. Iceberg tables
   * ({@code table_type=ICEBERG}) and views are refused.
   *
   * <p>For CSV, the delimiter is, with LazySimpleSerDe, {@code field.delim}, else {@code
   * serialization.format}, else Hive's default Ctrl-A (code 1), a value of digits meaning the
   * character of that code as Hive reads it ({@code 9} is a tab); with OpenCSVSerde {@code
   * separatorChar}, else {@code ,}. The header lines are the table's {@code skip.header.line.count}
   * (else the storage descriptor's), else 0.
   *
   * <p>The location must be {@code s3://bucket/prefix} ({@code s3a://} and {@code s3n://} are read
   * as {@code s3://}).
   *
   * @param database the Glue database
   * @param table the table
   * @return the resolved table
   * @throws IllegalArgumentException naming {@code glue://database.table} when the table or
   *     database does not exist (with the {@code aws glue get-table} command to check it), when its
   *     location is not on S3, or its format is not supported (naming the SerDe, input format or
   *     classification)
   * @throws IllegalStateException when access is denied (not retried) or the call still fails after
   *     the retries
   */
  public GlueTable resolve(String database, String table) {
    GlueTableName name = new GlueTableName(database, table);
    Table found;
    try {
      found =
          client
              .getTable(
                  GetTableRequest.builder()
                      .catalogId(catalogId)
                      .databaseName(database)
                      .name(table)
                      .build())
              .table();
    } catch (EntityNotFoundException e) {
      throw new IllegalArgumentException(
          name + ": Glue has no such table (" + e.awsErrorDetails().errorMessage() + "); check"
              + " the database and table names with `aws glue get-table --database-name "
              + database + " --name " + table + regionOption()
              + (catalogId == null ? "" : " --catalog-id " + catalogId)
              + "`, or list the tables with `aws glue get-tables --database-name " + database
              + regionOption() + " --query 'TableList[].Name'`",
          e);
    } catch (AccessDeniedException e) {
      throw accessDenied(name, e);
    } catch (AwsServiceException e) {
      if (e.statusCode() == 403
          || "AccessDeniedException".equals(e.awsErrorDetails().errorCode())) {
        throw accessDenied(name, e);
      }
      throw new IllegalStateException(
          name + ": Glue GetTable failed"
              + (retried(e) ? " after the standard retry mode's attempts" : " (not retried)")
              + ": " + e.getMessage(),
          e);
    } catch (SdkException e) {
      throw new IllegalStateException(
          name + ": could not call Glue GetTable: " + e.getMessage() + "; check the network"
              + " path to Glue (I/O errors were retried) and that the default credentials"
              + " provider chain finds credentials",
          e);
    }
    GlueTable resolved = toGlueTable(name, found);
    LOG.info("{} is {} {} with {} columns", name, resolved.format().uriName(),
        resolved.location(), resolved.columns().size());
    return resolved;
  }

  /** {@code " --region <region>"} of the client, for the CLI commands in messages; or empty. */
  private String regionOption() {
    Region region = client.serviceClientConfiguration().region();
    return region == null ? "" : " --region " + region.id();
  }

  private static boolean retried(AwsServiceException e) {
    return e.isThrottlingException() || List.of(500, 502, 503, 504).contains(e.statusCode());
  }

  private IllegalStateException accessDenied(GlueTableName name, AwsServiceException e) {
    return new IllegalStateException(
        name + ": access denied by Glue (a permanent error, not retried): "
            + e.awsErrorDetails().errorMessage() + "; the job's AWS credentials (the default"
            + " provider chain: AWS_PROFILE, AWS_ACCESS_KEY_ID, web identity or instance role)"
            + " need glue:GetTable on the catalog, database " + name.database() + " and table "
            + name.table() + (catalogId == null ? "" : " of catalog " + catalogId)
            + ", and Lake Formation DESCRIBE on the table if Lake Formation governs it",
        e);
  }

  /** The retry policy the client runs with, for tests; null when it has none of its own. */
  @SuppressWarnings("deprecation")
  RetryPolicy retryPolicy() {
    return client.serviceClientConfiguration().overrideConfiguration().retryPolicy().orElse(null);
  }

  /** Closes the Glue client (its HTTP connection pool) and the credentials chain it made. */
  @Override
  public void close() {
    try {
      client.close();
    } finally {
      if (ownCredentials != null) {
        ownCredentials.close();
      }
    }
  }

  // ---- from Glue's Table to GlueTable -------------------------------------------------------

  private static final Pattern S3_LOCATION = Pattern.compile("(?i)s3[an]?://([^/]*)/*(.*)");
  private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9._-]+");

  private static final String TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
  private static final String LAZY_SIMPLE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
  private static final String OPEN_CSV = "org.apache.hadoop.hive.serde2.OpenCSVSerde";

  private static final Map<String, Set<FileFormat>> SERDES = Map.of(
      LAZY_SIMPLE, EnumSet.of(FileFormat.CSV),
      OPEN_CSV, EnumSet.of(FileFormat.CSV),
      "org.openx.data.jsonserde.JsonSerDe", EnumSet.of(FileFormat.JSONL),
      "org.apache.hive.hcatalog.data.JsonSerDe", EnumSet.of(FileFormat.JSONL),
      "org.apache.hadoop.hive.serde2.JsonSerDe", EnumSet.of(FileFormat.JSONL),
      "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", EnumSet.of(FileFormat.PARQUET));

  private static final Map<String, Set<FileFormat>> INPUT_FORMATS = Map.of(
      TEXT_INPUT, EnumSet.of(FileFormat.CSV, FileFormat.JSONL),
      "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
      EnumSet.of(FileFormat.PARQUET));

  private static final Map<String, Set<FileFormat>> CLASSIFICATIONS = Map.of(
      "csv", EnumSet.of(FileFormat.CSV),
      "json", EnumSet.of(FileFormat.JSONL),
      "parquet", EnumSet.of(FileFormat.PARQUET));

  private static final String SUPPORTED =
      "demandcast reads CSV (SerDe LazySimpleSerDe or OpenCSVSerde, classification csv), JSON"
          + " lines (a JsonSerDe, classification json) and Parquet (ParquetHiveSerDe,"
          + " classification parquet) tables";

  /** One property of a table that says something about its format. */
  private record Clue(String property, String value, Set<FileFormat> allows) {
    @Override
    public String toString() {
      return property + " " + value;
    }
  }

  /**
   * The {@link GlueTable} of a table Glue returned, by the rules of {@link #resolve(String,
   * String)}.
   *
   * @throws IllegalArgumentException naming the table and the property that makes it unreadable
   */
  static GlueTable toGlueTable(GlueTableName name, Table table) {
    if ("VIRTUAL_VIEW".equalsIgnoreCase(table.tableType())) {
      throw new IllegalArgumentException(
          name + " is a view, which has no files of its own; give the table it reads (or"
              + " materialise the view as a table)");
    }
    String tableType = table.parameters().get("table_type");
    if (tableType != null && tableType.equalsIgnoreCase("ICEBERG")) {
      throw new IllegalArgumentException(
          name + " is an Apache Iceberg table (table_type=ICEBERG), whose data files cannot be"
              + " read as a plain folder; " + SUPPORTED);
    }
    StorageDescriptor sd = table.storageDescriptor();
    if (sd == null || blank(sd.location())) {
      throw new IllegalArgumentException(
          name + " has no storage location (StorageDescriptor.Location); demandcast reads a"
              + " table's files from its s3:// location");
    }
    var location = S3_LOCATION.matcher(sd.location().strip());
    if (!location.matches() || !BUCKET.matcher(location.group(1)).matches()) {
      throw new IllegalArgumentException(
          name + " is stored at '" + sd.location() + "', not in S3; demandcast reads Glue tables"
              + " whose location is s3://<bucket>/<prefix>");
    }
    String bucket = location.group(1);
    String prefix = location.group(2);
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix = prefix + "/";
    }
    SerDeInfo serde = sd.serdeInfo();
    String serdeLibrary = serde == null ? null : serde.serializationLibrary();
    String classification = parameter(table, sd, "classification");
    FileFormat format = format(name, Arrays.asList( // a clue is null when its property is unset
        clue("SerDe", serdeLibrary, SERDES),
        clue("input format", sd.inputFormat(), INPUT_FORMATS),
        clue("classification",
            classification == null ? null : classification.strip().toLowerCase(Locale.ROOT),
            CLASSIFICATIONS)));
    GlueTable.Csv csv = format == FileFormat.CSV
        ? new GlueTable.Csv(
            delimiter(name, serdeLibrary, serde == null ? Map.of() : serde.parameters()),
            headerLines(name, parameter(table, sd, "skip.header.line.count")))
        : null;
    return new GlueTable(
        name.database(),
        name.table(),
        bucket,
        prefix,
        format,
        columns(sd.columns()),
        columns(table.partitionKeys()),
        csv);
  }

  private static Clue clue(String property, String value, Map<String, Set<FileFormat>> known) {
    if (blank(value)) {
      return null;
    }
    String v = value.strip();
    return new Clue(property, v, known.getOrDefault(v, EnumSet.noneOf(FileFormat.class)));
  }

  private static FileFormat format(GlueTableName name, List<Clue> clues) {
    Set<FileFormat> possible = EnumSet.allOf(FileFormat.class);
    List<Clue> given = clues.stream().filter(Objects::nonNull).toList();
    for (Clue clue : given) {
      if (clue.allows().isEmpty()) {
        throw new IllegalArgumentException(
            name + ": unsupported format: " + clue + "; " + SUPPORTED);
      }
      possible.retainAll(clue.allows());
    }
    if (possible.size() == 1) {
      return possible.iterator().next();
    }
    if (possible.isEmpty()) {
      throw new IllegalArgumentException(
          name + ": the table's format properties disagree (" + given + "); fix the table's"
              + " SerDe or classification so that they name one format; " + SUPPORTED);
    }
    throw new IllegalArgumentException(
        name + ": cannot tell the table's format from "
            + (given.isEmpty() ? "no SerDe, input format or classification" : given.toString())
            + "; set its SerDe or its classification parameter; " + SUPPORTED);
  }

  /** A parameter of the table, else of its storage descriptor, else null. */
  private static String parameter(Table table, StorageDescriptor sd, String key) {
    String value = table.parameters().get(key);
    return !blank(value) ? value : sd.parameters().get(key);
  }

  private static char delimiter(GlueTableName name, String serdeLibrary, Map<String, String> p) {
    if (OPEN_CSV.equals(serdeLibrary)) {
      String separator = p.get("separatorChar");
      return separator == null || separator.isEmpty() ? ',' : separator.charAt(0);
    }
    String delim = p.get("field.delim");
    if (delim == null || delim.isEmpty()) {
      delim = p.get("serialization.format");
    }
    if (delim == null || delim.isEmpty()) {
      return '\u0001'; // Hive's default field delimiter
    }
    if (delim.chars().allMatch(c -> c >= '0' && c <= '9')) {
      // Hive reads a delimiter of digits as a byte value: "9" is a tab, "1" is Ctrl-A
      try {
        return (char) Byte.parseByte(delim);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            name + ": field delimiter '" + delim + "' is neither one character nor a byte value;"
                + " set the SerDe's field.delim to the delimiter character", e);
      }
    }
    return delim.charAt(0);
  }

  private static int headerLines(GlueTableName name, String value) {
    if (blank(value)) {
      return 0;
    }
    try {
      int lines = Integer.parseInt(value.strip());
      if (lines >= 0) {
        return lines;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        name + ": skip.header.line.count is '" + value + "', expected a whole number 0 or more");
  }

  private static Map<String, String> columns(List<Column> columns) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Column c : columns) {
      out.put(c.name(), c.type() == null ? "" : c.type());
    }
    return out;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  @Override
  public String toString() {
    return "GlueCatalog[" + (catalogId == null ? "own catalog" : "catalog " + catalogId) + "]";
  }
}
