package io.demandcast.connectors.s3;

import io.demandcast.connectors.UnreadableRecords;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.TableSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionRowTuple;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reads a table stored as CSV, JSON-lines or Parquet objects in S3 as Beam rows of a canonical
 * schema.
 *
 * <p><b>Which objects:</b> see {@link S3Location}; every object is read in the {@link S3Format}
 * given, a CSV or JSON-lines object decompressed by its name's suffix.
 *
 * <p><b>Columns:</b> the CSV header, the JSON keys or the Parquet schema name the columns; each
 * canonical column is read from the column {@link ColumnMapping} names (its canonical name when
 * unmapped), matched exactly, else ignoring case; other columns are ignored. Text values (CSV,
 * JSON) convert as {@code CanonicalValues} documents (DATE {@code yyyy-MM-dd}, TIMESTAMP ISO-8601,
 * decimal numbers, {@code true/false}; an empty CSV cell, a JSON null or a missing JSON key is
 * NULL). Parquet columns keep their types, which must suit the canonical ones (e.g. INTEGER,
 * DECIMAL or FLOAT for DOUBLE; a TIMESTAMP WITH TIME ZONE is read as its UTC date-time; the table
 * is in {@code ParquetObjects}); a Parquet NULL is NULL. When the objects have no {@code lineage}
 * column, each row's lineage is {@code s3://bucket/key line N} (text; N counts lines from 1, the
 * header included) or {@code s3://bucket/key row N} (Parquet; N counts rows from 1).
 *
 * <p><b>Checked before the pipeline runs</b> (when the transform is applied), with the AWS SDK v2
 * S3 client: the location holds objects; every object has every canonical column (the CSV header;
 * the keys of its first {@value S3TableCheck#SAMPLE_RECORDS} JSON lines; the Parquet schema, read
 * from the file's footer alone by two ranged GETs); no column's values in those first text records
 * all fail to convert; every Parquet column's type suits its canonical column. Each failure throws
 * {@link IllegalArgumentException} naming the object, the column (and the canonical column it is
 * mapped to), the expected and the found type, e.g. {@code s3://b/sales/2024.csv: column sale_day
 * (mapped to erp_sales.date): expected DATE (yyyy-MM-dd), found text '05/01/2024': ...} or {@code
 * s3://b/sales/part-0.parquet: column 'sale_day' (mapped to erp_sales.date): expected DATE (Parquet
 * DATE), found VARCHAR; ...}; an object of a Parquet table that is not a Parquet file (or an
 * encrypted one) is named too. S3 errors (no access, no endpoint) throw {@link
 * IllegalStateException} with the S3 error, never with credentials.
 *
 * <p><b>Bad values</b> are data, not a failure: a record with a value that does not convert to
 * its column's type (or a malformed line: invalid JSON, a CSV line with too few or too many
 * fields; in Parquet, e.g. a BIGINT outside INT32's range or a DOUBLE NaN) is not turned into a
 * row; it goes to the {@link UnreadableRecords#UNREADABLE} output with the object and line (row,
 * for Parquet), the record as read and the reason naming the column and the value. The job writes
 * those to {@code rejected_records}. Values that convert but break a rule (a negative quantity, a
 * blank SKU) are rows, rejected later by the job's record rules, as for every other source.
 *
 * <p><b>Reading</b> uses Beam's S3 filesystem ({@code FileIO.matchAll} and {@code readMatches}):
 * the objects found by the check are distributed over the workers, one object per call, so any
 * runner reads them in parallel. A text object is read as a stream, never whole in memory. A
 * Parquet object is copied whole to a temporary file of the worker (so the worker's temporary
 * directory must hold the largest object; the file is deleted after) and read from there by
 * DuckDB's Parquet decoder in a throwaway in-memory database, one thread, the canonical columns
 * only, streaming its rows. An object whose header or schema changed since the check fails the
 * pipeline with the same message.
 *
 * <p><b>Connection, credentials, retries:</b> from Beam's {@link S3Options} of the pipeline:
 * {@code --awsRegion}, {@code --endpoint}, {@code --awsCredentialsProvider} (default: the AWS
 * default provider chain: environment, system properties, profile, web identity, container and
 * instance credentials), {@code --s3ClientFactoryClass} ({@link PathStyleS3ClientBuilderFactory}
 * for path-style endpoints). Transient faults are retried by the AWS SDK's default retry policy
 * (SDK 2.20, legacy mode: up to 3 retries with exponential back-off and jitter, 100 ms base, 500
 * ms for throttling, at most 20 s, on 5xx, throttling, I/O errors and timeouts; {@code
 * AWS_RETRY_MODE} and {@code AWS_MAX_ATTEMPTS} change it); a failure after the retries fails the
 * work item, which the runner retries as it retries any failed bundle.
 */
public final class S3Source {
  private S3Source() {}

  /**
   * Reads a table of S3 objects as rows of a canonical schema.
   *
   * @param location the bucket and prefix of the table's objects
   * @param format how every object is written: CSV, JSON lines or Parquet
   * @param schema the canonical schema the rows take
   * @param mapping source column names of canonical columns; {@link ColumnMapping#IDENTITY} for none
   * @return a transform whose output has the rows under {@link UnreadableRecords#ROWS} (schema
   *     {@code schema.beamSchema()}) and the records that could not be converted under {@link
   *     UnreadableRecords#UNREADABLE} (schema {@link UnreadableRecords#SCHEMA}); applying it
   *     checks the objects, see the class comment
   */
  public static Read read(
      S3Location location, S3Format format, TableSchema schema, ColumnMapping mapping) {
    return new Read(location, format, schema, mapping);
  }

  /**
   * The check {@link #read} does when it is applied (see the class comment), without reading.
   *
   * @return the keys of the objects the table is read from
   * @throws IllegalArgumentException for a table that cannot be read as {@code schema}
   * @throws IllegalStateException when S3 cannot be asked
   */
  public static List<String> check(
      S3Location location, S3Format format, TableSchema schema, ColumnMapping mapping,
      PipelineOptions options) {
    S3Client client;
    try {
      client = S3TableCheck.client(options.as(S3Options.class));
    } catch (SdkException e) {
      throw S3TableCheck.failure(location.toString(), "create an S3 client", e);
    }
    try (client) {
      return S3TableCheck.check(client, location, format, schema, mapping);
    }
  }

  /** The transform of {@link #read}. */
  public static final class Read extends PTransform<PBegin, PCollectionRowTuple> {
    private final S3Location location;
    private final S3Format format;
    private final TableSchema schema;
    private final ColumnMapping mapping;

    Read(S3Location location, S3Format format, TableSchema schema, ColumnMapping mapping) {
      super("Read " + schema.name() + " from S3");
      this.location = Objects.requireNonNull(location, "location");
      this.format = Objects.requireNonNull(format, "format");
      this.schema = Objects.requireNonNull(schema, "schema");
      this.mapping = mapping == null ? ColumnMapping.IDENTITY : mapping;
    }

    @Override
    public PCollectionRowTuple expand(PBegin input) {
      List<String> keys = check(location, format, schema, mapping, input.getPipeline().getOptions());
      List<String> uris = new ArrayList<>();
      keys.forEach(key -> uris.add(location.objectUri(key)));
      PCollection<FileIO.ReadableFile> files =
          input
              .apply("Objects", Create.of(uris).withCoder(StringUtf8Coder.of()))
              .apply("Match", FileIO.matchAll())
              .apply(
                  "Open",
                  format == S3Format.PARQUET
                      // a Parquet file is read as stored; only text is decompressed by its name
                      ? FileIO.readMatches().withCompression(Compression.UNCOMPRESSED)
                      : FileIO.readMatches());
      DoFn<FileIO.ReadableFile, Row> parse = format == S3Format.PARQUET
          ? new ReadParquetFn(schema, mapping)
          : new ParseObjectFn(format, schema, mapping);
      PCollectionTuple parsed =
          files.apply(
              "Parse",
              ParDo.of(parse)
                  .withOutputTags(ParseObjectFn.ROWS, TupleTagList.of(ParseObjectFn.UNREADABLE)));
      return PCollectionRowTuple.of(
              UnreadableRecords.ROWS,
              parsed.get(ParseObjectFn.ROWS).setRowSchema(schema.beamSchema()))
          .and(
              UnreadableRecords.UNREADABLE,
              parsed.get(ParseObjectFn.UNREADABLE).setRowSchema(UnreadableRecords.SCHEMA));
    }
  }

  /** Parses one object into rows and unreadable records. */
  static final class ParseObjectFn extends DoFn<FileIO.ReadableFile, Row> {
    static final TupleTag<Row> ROWS = new TupleTag<>("rows") {};
    static final TupleTag<Row> UNREADABLE = new TupleTag<>("unreadable") {};

    private final S3Format format;
    private final TableSchema schema;
    private final ColumnMapping mapping;

    ParseObjectFn(S3Format format, TableSchema schema, ColumnMapping mapping) {
      this.format = format;
      this.schema = schema;
      this.mapping = mapping;
    }

    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, MultiOutputReceiver out)
        throws IOException {
      String uri = file.getMetadata().resourceId().toString();
      String source = schema.name() + " (" + uri + ")";
      ObjectRecords records;
      try {
        records = ObjectRecords.open(
            format,
            uri,
            new BufferedReader(
                new InputStreamReader(Channels.newInputStream(file.open()), StandardCharsets.UTF_8)),
            schema,
            mapping);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(
            e.getMessage() + " (the object changed after the check before the pipeline ran)", e);
      }
      try (records) {
        for (ObjectRecords.Raw raw = records.next(); raw != null; raw = records.next()) {
          ObjectRecords.Converted converted = records.convert(raw);
          if (converted.row() != null) {
            out.get(ROWS).output(converted.row());
          } else {
            out.get(UNREADABLE)
                .output(UnreadableRecords.row(source, raw.payload().toString(), converted.reason()));
          }
        }
      }
    }
  }

  /**
   * Reads one Parquet object into rows and unreadable records: copies it from Beam's filesystem to
   * a local temporary file (deleted after), reads its schema and the canonical columns with DuckDB
   * ({@link ParquetObjects}) in an in-memory database of its own.
   */
  static final class ReadParquetFn extends DoFn<FileIO.ReadableFile, Row> {
    private final TableSchema schema;
    private final ColumnMapping mapping;

    ReadParquetFn(TableSchema schema, ColumnMapping mapping) {
      this.schema = schema;
      this.mapping = mapping;
    }

    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, MultiOutputReceiver out)
        throws IOException {
      String uri = file.getMetadata().resourceId().toString();
      String source = schema.name() + " (" + uri + ")";
      Path local = Files.createTempFile("demandcast-", ".parquet");
      try {
        try (var in = Channels.newInputStream(file.open())) {
          Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
        }
        try (Connection duckDb = ParquetObjects.openDuckDb()) {
          ParquetObjects.Columns columns;
          try {
            columns = ParquetObjects.resolve(
                uri, ParquetObjects.describe(duckDb, local, uri), schema, mapping);
          } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                e.getMessage() + " (the object changed after the check before the pipeline ran)",
                e);
          }
          ParquetObjects.read(duckDb, local, uri, schema, mapping, columns,
              new ParquetObjects.Sink() {
                @Override
                public void row(Row row) {
                  out.get(ParseObjectFn.ROWS).output(row);
                }

                @Override
                public void unreadable(String payload, String reason) {
                  out.get(ParseObjectFn.UNREADABLE)
                      .output(UnreadableRecords.row(source, payload, reason));
                }
              });
        } catch (SQLException e) {
          throw new IOException(
              uri + ": DuckDB cannot read the Parquet file: "
                  + ParquetObjects.duckDbMessage(e, local, uri), e);
        }
      } finally {
        Files.deleteIfExists(local);
      }
    }
  }
}
