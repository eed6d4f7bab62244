package io.demandcast.connectors.s3;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandcast.connectors.schema.Column;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.TableSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.util.InstanceBuilder;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The check of an S3 table before its pipeline runs, with the AWS SDK v2 S3 client: lists the
 * objects of the location (see {@link S3Location}) and reads the start of each, at most {@value
 * #SAMPLE_RECORDS} records, to check that
 *
 * <ul>
 *   <li>every canonical column is there under the name the column mapping gives it (the CSV header;
 *       for JSON lines, the keys of the sampled records, so a column whose values are all omitted
 *       there counts as missing);
 *   <li>no column's sampled values all fail to convert to the column's type (e.g. dates written
 *       {@code 05/01/2024} for a DATE): that is the column's type, not a bad value.
 * </ul>
 *
 * Each object is read only as far as the sample; up to {@value #THREADS} objects are checked at
 * once.
 *
 * <p>A Parquet object is not sampled: its columns have types. Only its footer (the file's schema)
 * is fetched, with two ranged GETs (the last 8 bytes, giving the footer's length, then the footer),
 * and read by DuckDB from a local stub file of the footer alone; each canonical column must be
 * there with a type {@link ParquetObjects#accepts} reads as the canonical type.
 */
final class S3TableCheck {
  /** Records read from the start of each object to check the columns' types. */
  static final int SAMPLE_RECORDS = 100;

  private static final int THREADS = 8;

  private S3TableCheck() {}

  /**
   * An S3 client configured from Beam's options, as Beam's S3 filesystem configures its own: the
   * factory of {@code --s3ClientFactoryClass}, {@code --awsRegion}, {@code --endpoint}, {@code
   * --awsCredentialsProvider} (default: the AWS default provider chain) and the HTTP settings.
   */
  static S3Client client(S3Options options) {
    S3ClientBuilderFactory factory =
        InstanceBuilder.ofType(S3ClientBuilderFactory.class)
            .fromClass(options.getS3ClientFactoryClass())
            .build();
    return factory.createBuilder(options).build();
  }

  /**
   * Checks the table.
   *
   * @return the keys of the objects to read, in key order; never empty
   * @throws IllegalArgumentException naming the location, when it holds no object to read, or the
   *     object, the column, the expected and the found type, when a column is missing or its type
   *     is wrong
   * @throws IllegalStateException when S3 cannot be reached or refuses access, with the S3 error
   */
  static List<String> check(
      S3Client client, S3Location location, S3Format format, TableSchema schema,
      ColumnMapping mapping) {
    List<String> keys = list(client, location, format);
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, keys.size()), r -> {
      Thread t = new Thread(r, "s3-table-check");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> checks = new ArrayList<>();
      for (String key : keys) {
        checks.add(pool.submit(() -> checkObject(client, location, key, format, schema, mapping)));
      }
      for (Future<?> check : checks) {
        try {
          check.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking " + location, e);
    } finally {
      pool.shutdownNow();
    }
    return keys;
  }

  /** The keys to read: see {@link S3Location}. */
  static List<String> list(S3Client client, S3Location location, S3Format format) {
    String prefix = location.prefix();
    List<S3Object> objects = new ArrayList<>();
    try {
      client.listObjectsV2Paginator(
              ListObjectsV2Request.builder().bucket(location.bucket()).prefix(prefix).build())
          .contents()
          .forEach(objects::add);
    } catch (NoSuchBucketException e) {
      throw new IllegalArgumentException(
          location + ": there is no bucket '" + location.bucket() + "'; check the URI (and"
              + " --endpoint / --awsRegion)", e);
    } catch (SdkException e) {
      throw failure(location.toString(), "list the objects", e);
    }
    boolean exact = !prefix.isEmpty() && objects.stream().anyMatch(o -> o.key().equals(prefix));
    String folder = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    List<String> keys = new ArrayList<>();
    for (S3Object object : objects) {
      String key = object.key();
      if (exact) {
        if (key.equals(prefix)) {
          keys.add(key);
        }
        continue;
      }
      if (!key.startsWith(folder) || key.endsWith("/") || object.size() == 0) {
        continue;
      }
      String name = key.substring(key.lastIndexOf('/') + 1);
      if (name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      if (key.chars().anyMatch(c -> "*?[]{}".indexOf(c) >= 0)) {
        throw new IllegalArgumentException(
            location.objectUri(key) + ": the key holds a glob character (* ? [ ] { }), which"
                + " Beam's file matching would not read literally; rename the object");
      }
      keys.add(key);
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(
          location + ": no " + format.uriName() + " object to read (found " + objects.size()
              + " key" + (objects.size() == 1 ? "" : "s") + " starting with '" + prefix
              + "', none of them the object '" + prefix + "' or a non-empty object under '"
              + folder + "'); check the bucket and the prefix");
    }
    keys.sort(null);
    return keys;
  }

  private static void checkObject(
      S3Client client, S3Location location, String key, S3Format format, TableSchema schema,
      ColumnMapping mapping) {
    if (format == S3Format.PARQUET) {
      checkParquetObject(client, location, key, schema, mapping);
      return;
    }
    String uri = location.objectUri(key);
    ResponseInputStream<GetObjectResponse> stream;
    try {
      stream = client.getObject(
          GetObjectRequest.builder().bucket(location.bucket()).key(key).build());
    } catch (SdkException e) {
      throw failure(uri, "read the object", e);
    }
    ObjectRecords records = null;
    try {
      records = ObjectRecords.open(
          format,
          uri,
          new BufferedReader(
              new InputStreamReader(
                  Channels.newInputStream(
                      Compression.detect(key).readDecompressed(Channels.newChannel(stream))),
                  StandardCharsets.UTF_8)),
          schema,
          mapping);
      checkSample(records, format);
    } catch (IOException e) {
      throw new UncheckedIOException(uri + ": cannot read the object: " + e.getMessage(), e);
    } catch (SdkException e) {
      throw failure(uri, "read the object", e);
    } finally {
      // abort before closing: closing a partly read response would download the rest to reuse
      // the connection, and only the start of the object is needed
      stream.abort();
      closeQuietly(records);
    }
  }

  /** The Parquet magic bytes that start and end a Parquet file. */
  private static final byte[] PARQUET_MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

  /** Checks the schema of one Parquet object, fetching only its footer. */
  private static void checkParquetObject(
      S3Client client, S3Location location, String key, TableSchema schema,
      ColumnMapping mapping) {
    String uri = location.objectUri(key);
    byte[] tail = lastBytes(client, location, key, 8);
    String magic = tail.length < 8 ? "" : new String(tail, 4, 4, StandardCharsets.US_ASCII);
    if (magic.equals("PARE")) {
      throw new IllegalArgumentException(
          uri + ": an encrypted Parquet file (Parquet modular encryption, footer magic PARE);"
              + " demandcast reads unencrypted Parquet files only");
    }
    if (!magic.equals("PAR1")) {
      throw new IllegalArgumentException(
          uri + ": not a Parquet file: it does not end in the Parquet magic bytes PAR1; every"
              + " object of a format=parquet location must be a Parquet file (name other files"
              + " with a leading _ or . to have them skipped, or move them)");
    }
    long footer = ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()
        & 0xFFFFFFFFL;
    if (footer == 0 || footer > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException(
          uri + ": not a valid Parquet file: its footer length is " + footer + " bytes");
    }
    byte[] end = lastBytes(client, location, key, (int) footer + 8);
    if (end.length != footer + 8) {
      throw new IllegalArgumentException(
          uri + ": not a valid Parquet file: its footer length (" + footer + " bytes) is more"
              + " than the object holds (" + end.length + " bytes); is it truncated?");
    }
    Path stub = null;
    try {
      // the footer alone, between the magic bytes, is a file whose schema DuckDB reads
      stub = Files.createTempFile("demandcast-parquet-footer-", ".parquet");
      try (OutputStream out = Files.newOutputStream(stub)) {
        out.write(PARQUET_MAGIC);
        out.write(end);
      }
      List<ParquetObjects.Field> fields;
      try (Connection duckDb = ParquetObjects.openDuckDb()) {
        fields = ParquetObjects.describe(duckDb, stub, uri);
      }
      ParquetObjects.resolve(uri, fields, schema, mapping);
    } catch (IOException e) {
      throw new UncheckedIOException(
          uri + ": cannot write its Parquet footer to a local file: " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new IllegalStateException(
          uri + ": cannot open an in-memory DuckDB to read its Parquet schema: " + e.getMessage(),
          e);
    } finally {
      if (stub != null) {
        try {
          Files.deleteIfExists(stub);
        } catch (IOException e) {
          // a temporary file; nothing else to do
        }
      }
    }
  }

  /** The last {@code n} bytes of an object, or the whole object when it is shorter. */
  private static byte[] lastBytes(S3Client client, S3Location location, String key, int n) {
    try {
      return client
          .getObjectAsBytes(
              GetObjectRequest.builder()
                  .bucket(location.bucket())
                  .key(key)
                  .range("bytes=-" + n)
                  .build())
          .asByteArray();
    } catch (SdkException e) {
      throw failure(location.objectUri(key), "read the object's Parquet footer", e);
    }
  }

  private static void closeQuietly(ObjectRecords records) {
    if (records != null) {
      try {
        records.close();
      } catch (IOException | RuntimeException e) {
        // the stream was aborted; nothing to release
      }
    }
  }

  /** Checks the columns of the first records of one object. */
  private static void checkSample(ObjectRecords records, S3Format format) throws IOException {
    TableSchema schema = records.schema;
    int columns = schema.columns().size();
    int[] nonEmpty = new int[columns];
    int[] converted = new int[columns];
    String[] example = new String[columns];
    Set<String> keys = new LinkedHashSet<>();
    int sampled = 0;
    while (sampled < SAMPLE_RECORDS) {
      ObjectRecords.Raw record = records.next();
      if (record == null) {
        break;
      }
      sampled++;
      if (record.malformed() != null) {
        continue;
      }
      keys.addAll(record.keys());
      for (int i = 0; i < columns; i++) {
        Object raw = record.raw()[i];
        if (isEmpty(raw)) {
          continue;
        }
        nonEmpty[i]++;
        Column column = schema.columns().get(i);
        try {
          if (raw instanceof String text) {
            CanonicalValues.fromText(text, column.type());
          } else {
            CanonicalValues.fromJson((JsonNode) raw, column.type());
          }
          converted[i]++;
        } catch (CanonicalValues.Unconvertible e) {
          if (example[i] == null) {
            example[i] = raw instanceof String text
                ? CanonicalValues.describeText(text)
                : CanonicalValues.describe((JsonNode) raw);
          }
        }
      }
    }
    if (format == S3Format.JSONL && sampled > 0) {
      SourceColumns.resolve(records.objectUri, keys, schema, records.mapping,
          "keys of its first " + sampled + " record" + (sampled == 1 ? "" : "s"),
          "; a JSON line may leave out a key (NULL), but each column must appear in the first "
              + SAMPLE_RECORDS + " records of every object: write null values as null (e.g."
              + " Spark's ignoreNullFields=false)");
    }
    for (int i = 0; i < columns; i++) {
      if (nonEmpty[i] > 0 && converted[i] == 0) {
        Column column = schema.columns().get(i);
        boolean mapped = records.mapping.isMapped(schema, column.name());
        throw new IllegalArgumentException(
            records.objectUri + ": column '" + records.mapping.sourceColumn(schema, column.name())
                + "' " + (mapped ? "(mapped to " + schema.name() + "." + column.name() + ")"
                    : "(" + schema.name() + "." + column.name() + ")")
                + ": expected " + column.type() + expectedForm(column) + ", found "
                + example[i] + ": none of its " + nonEmpty[i] + " non-empty value"
                + (nonEmpty[i] == 1 ? "" : "s") + " in the first " + sampled + " records"
                + " converts; fix the column mapping, or write the column as "
                + column.type() + expectedForm(column));
      }
    }
  }

  private static boolean isEmpty(Object raw) {
    if (raw == null) {
      return true;
    }
    if (raw instanceof String text) {
      return text.isBlank();
    }
    JsonNode node = (JsonNode) raw;
    return node.isNull() || (node.isTextual() && node.textValue().isBlank());
  }

  private static String expectedForm(Column column) {
    return switch (column.type()) {
      case DATE -> " (yyyy-MM-dd)";
      case TIMESTAMP -> " (ISO-8601, yyyy-MM-ddTHH:mm:ss)";
      case BOOLEAN -> " (true/false)";
      case INT32, INT64 -> " (a whole number)";
      case DOUBLE -> " (a number like -12.5)";
      case STRING -> "";
    };
  }

  /** An S3 error as an exception naming what was tried; never includes credentials. */
  static RuntimeException failure(String where, String what, SdkException e) {
    if (e instanceof S3Exception s3 && (s3.statusCode() == 403 || s3.statusCode() == 401)) {
      return new IllegalStateException(
          where + ": access denied trying to " + what + " (HTTP " + s3.statusCode() + ", "
              + errorCode(s3) + "); check the credentials (the AWS default provider chain, or"
              + " --awsCredentialsProvider) and the bucket's policy", e);
    }
    if (e instanceof S3Exception s3) {
      return new IllegalStateException(
          where + ": S3 refused to " + what + " (HTTP " + s3.statusCode() + ", " + errorCode(s3)
              + ")", e);
    }
    if (e instanceof SdkClientException) {
      return new IllegalStateException(
          where + ": cannot " + what + ": " + e.getMessage()
              + " (S3 settings: --awsRegion, --endpoint, --awsCredentialsProvider;"
              + " --s3ClientFactoryClass=" + PathStyleS3ClientBuilderFactory.class.getName()
              + " for path-style endpoints)", e);
    }
    return new IllegalStateException(where + ": cannot " + what + ": " + e.getMessage(), e);
  }

  private static String errorCode(S3Exception e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
        ? "no error code"
        : e.awsErrorDetails().errorCode();
  }
}
