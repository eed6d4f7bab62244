package io.demandcast.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.demandcast.connectors.UnreadableRecords;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.testing.ParquetFiles;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.PCollectionRowTuple;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link S3Source} against the real Amazon S3: Parquet and CSV objects written to a scratch prefix,
 * checked (the Parquet footer fetched by ranged GETs) and read through Beam's S3 filesystem on the
 * DirectRunner. Runs (with {@code mvn verify}, by the failsafe plugin) only when both are present,
 * and is reported as skipped otherwise (JUnit assumptions):
 *
 * <ul>
 *   <li>{@code DEMANDCAST_S3_TEST_URI}: a scratch location the test may write to and delete from,
 *       {@code s3://<bucket>/<prefix>}, e.g. {@code s3://my-scratch/demandcast-it}; the test writes
 *       under {@code <prefix>/demandcast-it-<random id>/} only, and deletes what it wrote;
 *   <li>AWS credentials the SDK's default provider chain finds ({@code AWS_PROFILE}, {@code
 *       AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, web identity, an instance role), allowed
 *       {@code s3:PutObject}, {@code s3:GetObject}, {@code s3:DeleteObject} on that prefix and
 *       {@code s3:ListBucket} on the bucket; the region from {@code AWS_REGION} or the profile.
 * </ul>
 */
class S3SourceCloudIT {
  @TempDir Path dir;

  @Test
  void givenParquetAndCsvObjectsInS3_whenChecked_thenRead_thenCanonicalRows() {
    String configured = System.getenv("DEMANDCAST_S3_TEST_URI");
    assumeTrue(configured != null && !configured.isBlank(),
        "DEMANDCAST_S3_TEST_URI is not set (e.g. s3://my-scratch-bucket/demandcast-it): skipping"
            + " the Amazon S3 test");
    assumeTrue(hasCredentials(),
        "the AWS default credentials provider chain finds no credentials: skipping the Amazon S3"
            + " test");
    S3Location scratch = S3Location.parse(configured.strip().replaceAll("/+$", ""));
    try (S3Client client = S3Client.create()) {
      Region region = client.serviceClientConfiguration().region();
      writeCheckAndRead(client, scratch,
          PipelineOptionsFactory.fromArgs("--awsRegion=" + region.id()).create(), dir);
    }
  }

  /**
   * Writes the objects under a new folder of {@code scratch}, checks and reads them, and deletes
   * them.
   *
   * @param client a client of the S3 the pipeline options point at
   */
  static void writeCheckAndRead(
      S3Client client, S3Location scratch, PipelineOptions options, Path dir) {
    String folder = (scratch.prefix().isEmpty() ? "" : scratch.prefix() + "/")
        + "demandcast-it-" + UUID.randomUUID() + "/";
    List<String> written = new ArrayList<>();
    try {
      put(client, scratch.bucket(), folder + "parquet/part-0.snappy.parquet", written,
          ParquetFiles.write(dir,
              "SELECT 'A-' || i AS sku, 'DC1' AS location, DATE '2024-01-01' + i::INTEGER AS"
                  + " date, i::INTEGER AS quantity, 9.50::DECIMAL(10,2) AS unit_price,"
                  + " i % 2 = 0 AS promo FROM range(3000) t(i)",
              "COMPRESSION snappy"));
      put(client, scratch.bucket(), folder + "wrong/part-0.parquet", written,
          ParquetFiles.write(dir,
              "SELECT 'A' AS sku, 'DC1' AS location, '2024-01-01' AS date, 1.0 AS quantity,"
                  + " 1.0 AS unit_price, true AS promo", ""));
      put(client, scratch.bucket(), folder + "csv/sales.csv", written,
          "sku,location,date,quantity,unit_price,promo\nA-1,DC1,2024-01-01,3,9.5,true\n"
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      // a plain pipeline: TestPipeline needs its JUnit extension, whose options would be made
      // before the assumptions; PAssert fails the run all the same
      Pipeline pipeline = Pipeline.create(options);

      PCollectionRowTuple parquet = pipeline.apply("Parquet", S3Source.read(
          new S3Location(scratch.bucket(), folder + "parquet/"), S3Format.PARQUET,
          CanonicalTables.ERP_SALES, ColumnMapping.IDENTITY));
      PCollectionRowTuple csv = pipeline.apply("CSV", S3Source.read(
          new S3Location(scratch.bucket(), folder + "csv/sales.csv"), S3Format.CSV,
          CanonicalTables.ERP_SALES, ColumnMapping.IDENTITY));
      // a transform that fails to apply leaves the pipeline unusable: another pipeline for it
      assertThatThrownBy(() -> Pipeline.create(options).apply("Wrong", S3Source.read(
              new S3Location(scratch.bucket(), folder + "wrong/"), S3Format.PARQUET,
              CanonicalTables.ERP_SALES, ColumnMapping.IDENTITY)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("s3://" + scratch.bucket() + "/" + folder
              + "wrong/part-0.parquet: column 'date' (erp_sales.date): expected DATE (Parquet"
              + " DATE), found VARCHAR");

      PAssert.that(parquet.get(UnreadableRecords.ROWS)).satisfies(rows -> {
        Map<String, Row> bySku = StreamSupport.stream(rows.spliterator(), false)
            .collect(Collectors.toMap(r -> r.getString("sku"), r -> r));
        assertThat(bySku).hasSize(3000);
        Row last = bySku.get("A-2999");
        assertThat(last.<LocalDate>getLogicalTypeValue("date", LocalDate.class))
            .isEqualTo(LocalDate.of(2024, 1, 1).plusDays(2999));
        assertThat(last.getDouble("quantity")).isEqualTo(2999.0);
        assertThat(last.getDouble("unit_price")).isEqualTo(9.5);
        assertThat(last.getBoolean("promo")).isFalse();
        assertThat(last.getString("lineage")).isEqualTo(
            "s3://" + scratch.bucket() + "/" + folder + "parquet/part-0.snappy.parquet row 3000");
        return null;
      });
      PAssert.that(parquet.get(UnreadableRecords.UNREADABLE)).empty();
      PAssert.that(csv.get(UnreadableRecords.ROWS)).satisfies(rows -> {
        assertThat(rows).hasSize(1);
        return null;
      });
      pipeline.run().waitUntilFinish();
    } finally {
      for (String key : written) {
        client.deleteObject(b -> b.bucket(scratch.bucket()).key(key));
      }
    }
  }

  private static void put(
      S3Client client, String bucket, String key, List<String> written, byte[] bytes) {
    client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    written.add(key);
  }

  private static boolean hasCredentials() {
    try (DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build()) {
      chain.resolveCredentials();
      return true;
    } catch (SdkClientException e) {
      return false;
    }
  }
}
