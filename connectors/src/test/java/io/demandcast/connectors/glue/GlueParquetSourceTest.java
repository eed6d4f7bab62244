package io.demandcast.connectors.glue;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.demandcast.connectors.UnreadableRecords;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.testing.LocalS3;
import io.demandcast.connectors.testing.ParquetFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.values.PCollectionRowTuple;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Glue table of Parquet files read end to end: the AWS SDK's Glue client asks WireMock for the
 * table (the {@code GetTable} response is written by hand in the shape the Glue API returns, in
 * {@code get-table-parquet-s3proxy.json}: ParquetHiveSerDe, MapredParquetInputFormat,
 * classification parquet, a partition key, the parameters a crawler sets; not captured from an AWS
 * account), and {@link GlueSource} reads the table's location, written by DuckDB into S3Proxy,
 * through Beam's S3 filesystem and DuckDB's Parquet reader.
 */
class GlueParquetSourceTest {
  private static final String BUCKET = "demandcast-glue-parquet";

  @RegisterExtension
  static final WireMockExtension GLUE =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  @TempDir static Path dir;
  private static LocalS3 s3;

  @RegisterExtension
  final TestPipelineExtension pipelines = TestPipelineExtension.fromOptions(options());

  /** LocalS3's options, and WireMock as the Glue endpoint. */
  private static PipelineOptions options() {
    List<String> args = new ArrayList<>(s3.pipelineArgs());
    args.add("--glueEndpoint=http://127.0.0.1:" + GLUE.getPort());
    return PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).withValidation().create();
  }

  @BeforeAll
  static void startS3() throws Exception {
    s3 = LocalS3.start();
    s3.createBucket(BUCKET);
    // two partitions, as Spark writes them; the reading column is spelled "Reading" in the files
    // and "reading" in Glue, FLOAT in both; one file's timestamps are adjusted to UTC
    s3.put(BUCKET, "iot/readings/dt=2024-01-01/part-00000.snappy.parquet",
        ParquetFiles.write(dir,
            "SELECT * FROM (VALUES"
                + " ('S1', 'DC1', NULL, TIMESTAMP '2024-01-01 10:15:30', 'temperature_c', 4.5::FLOAT),"
                + " ('S2', 'DC2', 'A-1', TIMESTAMP '2024-01-01 11:00:00', 'shelf_units', 12))"
                + " t(sensor_id, location, sku, ts, metric, \"Reading\")",
            "COMPRESSION snappy"));
    s3.put(BUCKET, "iot/readings/dt=2024-01-02/part-00000.snappy.parquet",
        ParquetFiles.write(dir,
            "SELECT 'S1' AS sensor_id, 'DC1' AS location, NULL::VARCHAR AS sku,"
                + " TIMESTAMPTZ '2024-01-02 09:00:00+01' AS ts, 'temperature_c' AS metric,"
                + " NULL::FLOAT AS \"Reading\"",
            "COMPRESSION snappy"));
    s3.put(BUCKET, "iot/readings/_SUCCESS", "");
  }

  @AfterAll
  static void stopS3() {
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void givenGlueParquetTable_whenRead_thenRowsFromItsParquetFilesWithTheMapping(
      TestPipeline pipeline) throws IOException {
    String getTable;
    try (InputStream in = getClass().getResourceAsStream("get-table-parquet-s3proxy.json")) {
      getTable = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    GLUE.stubFor(post("/").willReturn(aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody(getTable)));
    ColumnMapping mapping = ColumnMapping.parseEntries(List.of("iot_readings.value=reading"));

    PCollectionRowTuple read = pipeline.apply(GlueSource.read(
        GlueTableName.parse("glue://iot.readings"), CanonicalTables.IOT_READINGS, mapping));

    PAssert.that(read.get(UnreadableRecords.ROWS)).satisfies(rows -> {
      Map<String, Row> byLineage = StreamSupport.stream(rows.spliterator(), false)
          .collect(Collectors.toMap(r -> r.getString("lineage"), r -> r));
      String folder = "s3://demandcast-glue-parquet/iot/readings/";
      assertThat(byLineage).containsOnlyKeys(
          folder + "dt=2024-01-01/part-00000.snappy.parquet row 1",
          folder + "dt=2024-01-01/part-00000.snappy.parquet row 2",
          folder + "dt=2024-01-02/part-00000.snappy.parquet row 1");
      Row first = byLineage.get(folder + "dt=2024-01-01/part-00000.snappy.parquet row 1");
      assertThat(first.getSchema()).isEqualTo(CanonicalTables.IOT_READINGS.beamSchema());
      assertThat(first.getString("sensor_id")).isEqualTo("S1");
      assertThat(first.getString("sku")).isNull();
      assertThat(first.<LocalDateTime>getLogicalTypeValue("ts", LocalDateTime.class))
          .isEqualTo(LocalDateTime.of(2024, 1, 1, 10, 15, 30));
      assertThat(first.getDouble("value")).isEqualTo(4.5);
      Row second = byLineage.get(folder + "dt=2024-01-01/part-00000.snappy.parquet row 2");
      assertThat(second.getString("sku")).isEqualTo("A-1");
      assertThat(second.getDouble("value")).isEqualTo(12.0);
      Row utc = byLineage.get(folder + "dt=2024-01-02/part-00000.snappy.parquet row 1");
      assertThat(utc.<LocalDateTime>getLogicalTypeValue("ts", LocalDateTime.class))
          .isEqualTo(LocalDateTime.of(2024, 1, 2, 8, 0));
      assertThat(utc.getDouble("value")).isNull();
      return null;
    });
    PAssert.that(read.get(UnreadableRecords.UNREADABLE)).empty();
    pipeline.run().waitUntilFinish();
    GLUE.verify(1, postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("AWSGlue.GetTable")));
  }
}
