package io.demandcast.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandcast.connectors.UnreadableRecords;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.connectors.testing.LocalS3;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.values.PCollectionRowTuple;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reading CSV and JSON-lines objects from a real S3 endpoint (S3Proxy on loopback) through Beam's
 * S3 filesystem: values, types, NULLs, column mapping; header and type problems failing when the
 * transform is applied, before anything runs; values that do not convert reaching the unreadable
 * output with their object, line, payload and reason.
 */
class S3SourceTest {
  private static final String BUCKET = "demandcast-test";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalS3 s3;

  @RegisterExtension
  final TestPipelineExtension pipelines = TestPipelineExtension.fromOptions(s3.pipelineOptions());

  @BeforeAll
  static void startS3() throws Exception {
    s3 = LocalS3.start();
    s3.createBucket(BUCKET);
    // sales/: two CSV objects (one gzipped, columns in another order, with a byte order mark),
    // and what a folder of a Spark or Hive table also holds, which is not read
    s3.put(BUCKET, "sales/part-1.csv",
        "sku,location,date,quantity,unit_price,promo,note\r\n"
            + "A-1,DC1,2024-01-01,3,9.5,true,x\r\n"
            + "A-1,DC1,2024-01-02,,,,\r\n"
            + "\"B,2\",DC2,2024-02-01,4.5,10,0,\"two\nlines\"\r\n");
    s3.put(BUCKET, "sales/2024/part-2.csv.gz",
        gzip("\uFEFFlocation,sku,promo,unit_price,quantity,date\n"
            + "DC3,C-3,yes,,1e1,2024-03-01\n"));
    s3.put(BUCKET, "sales/_SUCCESS", "ok");
    s3.put(BUCKET, "sales/.part-1.csv.crc", "crc");
    s3.put(BUCKET, "sales/empty.csv", "");
    s3.put(BUCKET, "sales_old.csv", "not,read\n1,2\n");
    // iot/: JSON lines; a key left out, a timestamp with a space and nanoseconds, one with an
    // offset, a number written as a string, keys in other case, a blank line, a lineage of its own
    s3.put(BUCKET, "iot/readings.jsonl",
        "{\"sensor_id\":\"S1\",\"location\":\"DC1\",\"sku\":null,\"ts\":\"2024-01-01T10:15:30\","
            + "\"metric\":\"temperature_c\",\"value\":4.5}\n"
            + "{\"sensor_id\":\"S1\",\"location\":\"DC1\",\"ts\":\"2024-01-01 11:00:00.1234567\","
            + "\"metric\":\"temperature_c\",\"value\":\"5\"}\n"
            + "\n"
            + "{\"Sensor_ID\":\"S2\",\"LOCATION\":\"DC2\",\"sku\":\"A-1\",\"ts\":\"2024-01-01T12:00:00Z\","
            + "\"metric\":\"shelf_units\",\"value\":12,\"lineage\":\"gateway 7\"}\n");
  }

  @AfterAll
  static void stopS3() {
    if (s3 != null) {
      s3.close();
    }
  }

  private static PCollectionRowTuple read(
      TestPipeline pipeline, String prefix, S3Format format, TableSchema table, ColumnMapping mapping) {
    return pipeline.apply(
        "Read " + prefix, S3Source.read(new S3Location(BUCKET, prefix), format, table, mapping));
  }

  @Test
  void givenCsvAndJsonLinesObjects_whenRead_thenCanonicalRowsWithTypesNullsAndLineage(
      TestPipeline pipeline) {
    PCollectionRowTuple sales =
        read(pipeline, "sales", S3Format.CSV, CanonicalTables.ERP_SALES, ColumnMapping.IDENTITY);
    PCollectionRowTuple iot =
        read(pipeline, "iot/", S3Format.JSONL, CanonicalTables.IOT_READINGS, ColumnMapping.IDENTITY);

    PAssert.that(sales.get(UnreadableRecords.ROWS)).satisfies(rows -> {
      Map<String, Row> byLineage = byKey(rows, r -> r.getString("lineage"));
      assertThat(byLineage).containsOnlyKeys(
          "s3://demandcast-test/sales/part-1.csv line 2",
          "s3://demandcast-test/sales/part-1.csv line 3",
          "s3://demandcast-test/sales/part-1.csv line 4",
          "s3://demandcast-test/sales/2024/part-2.csv.gz line 2");
      Row first = byLineage.get("s3://demandcast-test/sales/part-1.csv line 2");
      assertThat(first.getSchema()).isEqualTo(CanonicalTables.ERP_SALES.beamSchema());
      assertThat(first.getString("sku")).isEqualTo("A-1");
      assertThat(first.getString("location")).isEqualTo("DC1");
      assertThat(first.<LocalDate>getLogicalTypeValue("date", LocalDate.class))
          .isEqualTo(LocalDate.of(2024, 1, 1));
      assertThat(first.getDouble("quantity")).isEqualTo(3.0);
      assertThat(first.getDouble("unit_price")).isEqualTo(9.5);
      assertThat(first.getBoolean("promo")).isTrue();
      Row empty = byLineage.get("s3://demandcast-test/sales/part-1.csv line 3");
      assertThat(empty.getDouble("quantity")).isNull();
      assertThat(empty.getDouble("unit_price")).isNull();
      assertThat(empty.getBoolean("promo")).isNull();
      Row quoted = byLineage.get("s3://demandcast-test/sales/part-1.csv line 4");
      assertThat(quoted.getString("sku")).isEqualTo("B,2");
      assertThat(quoted.getDouble("quantity")).isEqualTo(4.5);
      assertThat(quoted.getBoolean("promo")).isFalse();
      Row gzipped = byLineage.get("s3://demandcast-test/sales/2024/part-2.csv.gz line 2");
      assertThat(gzipped.getString("sku")).isEqualTo("C-3");
      assertThat(gzipped.getString("location")).isEqualTo("DC3");
      assertThat(gzipped.getDouble("quantity")).isEqualTo(10.0);
      assertThat(gzipped.getBoolean("promo")).isTrue();
      assertThat(gzipped.<LocalDate>getLogicalTypeValue("date", LocalDate.class))
          .isEqualTo(LocalDate.of(2024, 3, 1));
      return null;
    });
    PAssert.that(sales.get(UnreadableRecords.UNREADABLE)).empty();

    PAssert.that(iot.get(UnreadableRecords.ROWS)).satisfies(rows -> {
      Map<String, Row> byLineage = byKey(rows, r -> r.getString("lineage"));
      assertThat(byLineage).containsOnlyKeys(
          "s3://demandcast-test/iot/readings.jsonl line 1",
          "s3://demandcast-test/iot/readings.jsonl line 2",
          "gateway 7");
      Row first = byLineage.get("s3://demandcast-test/iot/readings.jsonl line 1");
      assertThat(first.getSchema()).isEqualTo(CanonicalTables.IOT_READINGS.beamSchema());
      assertThat(first.getString("sku")).isNull();
      assertThat(first.<LocalDateTime>getLogicalTypeValue("ts", LocalDateTime.class))
          .isEqualTo(LocalDateTime.of(2024, 1, 1, 10, 15, 30));
      assertThat(first.getDouble("value")).isEqualTo(4.5);
      Row second = byLineage.get("s3://demandcast-test/iot/readings.jsonl line 2");
      assertThat(second.getString("sku")).isNull();
      assertThat(second.<LocalDateTime>getLogicalTypeValue("ts", LocalDateTime.class))
          .isEqualTo(LocalDateTime.of(2024, 1, 1, 11, 0, 0, 123_456_000));
      assertThat(second.getDouble("value")).isEqualTo(5.0);
      Row third = byLineage.get("gateway 7");
      assertThat(third.getString("sensor_id")).isEqualTo("S2");
      assertThat(third.getString("location")).isEqualTo("DC2");
      assertThat(third.getString("sku")).isEqualTo("A-1");
      assertThat(third.<LocalDateTime>getLogicalTypeValue("ts", LocalDateTime.class))
          .isEqualTo(LocalDateTime.of(2024, 1, 1, 12, 0));
      assertThat(third.getDouble("value")).isEqualTo(12.0);
      return null;
    });
    PAssert.that(iot.get(UnreadableRecords.UNREADABLE)).empty();
    pipeline.run().waitUntilFinish();
  }

  @Test
  void givenObjectWithOtherColumnNames_whenReadWithMapping_thenMappedColumnsFillCanonicalOnes(
      TestPipeline pipeline) {
    // "sku" holds the location here, as in the DuckDB mapping test: the mapping decides
    s3.put(BUCKET, "mapped/sales.csv",
        "Item Code,sku,sale_day,qty,price,on_promo,store\n"
            + "A-1,DC1,2024-01-01,3,9.5,Y,store 7\n");
    ColumnMapping mapping = ColumnMapping.parseEntries(List.of("erp_sales.sku=item code",
        "erp_sales.location=sku", "erp_sales.date=sale_day", "erp_sales.quantity=qty",
        "erp_sales.unit_price=price", "erp_sales.promo=on_promo"));

    PCollectionRowTuple sales =
        read(pipeline, "mapped/sales.csv", S3Format.CSV, CanonicalTables.ERP_SALES, mapping);

    PAssert.that(sales.get(UnreadableRecords.ROWS)).satisfies(rows -> {
      List<Row> list = StreamSupport.stream(rows.spliterator(), false).toList();
      assertThat(list).hasSize(1);
      Row row = list.get(0);
      assertThat(row.getSchema().getFieldNames())
          .containsExactlyElementsOf(CanonicalTables.ERP_SALES.columnNames());
      assertThat(row.getString("sku")).isEqualTo("A-1");
      assertThat(row.getString("location")).isEqualTo("DC1");
      assertThat(row.<LocalDate>getLogicalTypeValue("date", LocalDate.class))
          .isEqualTo(LocalDate.of(2024, 1, 1));
      assertThat(row.getDouble("quantity")).isEqualTo(3.0);
      assertThat(row.getDouble("unit_price")).isEqualTo(9.5);
      assertThat(row.getBoolean("promo")).isTrue();
      return null;
    });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void givenValuesThatDoNotConvert_whenRead_thenTheirRecordsAreUnreadableWithReasonAndPayload(
      TestPipeline pipeline) {
    s3.put(BUCKET, "bad/sales.csv",
        "sku,location,date,quantity,unit_price,promo\n"
            + "A-1,DC1,2024-01-01,3,9.5,true\n"
            + "A-1,DC1,2024-01-02,abc,9.5,true\n"
            + "A-1,DC1,2024-13-45,2,1.234,maybe\n"
            + "A-1,DC1,2024-01-04\n"
            + "A-1,DC1,2024-01-05,-4,,\n");
    s3.put(BUCKET, "bad/iot.jsonl",
        "{\"sensor_id\":\"S1\",\"location\":\"DC1\",\"sku\":null,\"ts\":\"2024-01-01T10:00:00\","
            + "\"metric\":\"temperature_c\",\"value\":4.5}\n"
            + "{\"sensor_id\":\"S1\",\"location\":\"DC1\",\"ts\":\"2024-01-01T11:00:00\","
            + "\"metric\":\"temperature_c\",\"value\":\"hot\"}\n"
            + "{\"sensor_id\":\"S1\",\n"
            + "[1,2]\n"
            + "{\"sensor_id\":\"S1\",\"location\":\"DC1\",\"ts\":20240101,"
            + "\"metric\":\"temperature_c\",\"value\":{\"c\":4}}\n");

    PCollectionRowTuple sales = read(pipeline, "bad/sales.csv", S3Format.CSV,
        CanonicalTables.ERP_SALES, ColumnMapping.IDENTITY);
    PCollectionRowTuple iot = read(pipeline, "bad/iot.jsonl", S3Format.JSONL,
        CanonicalTables.IOT_READINGS, ColumnMapping.IDENTITY);

    // a negative quantity converts: the job's record rules reject it, not the reader
    PAssert.that(sales.get(UnreadableRecords.ROWS)).satisfies(rows -> {
      assertThat(StreamSupport.stream(rows.spliterator(), false).map(r -> r.getDouble("quantity")))
          .containsExactlyInAnyOrder(3.0, -4.0);
      return null;
    });
    PAssert.that(sales.get(UnreadableRecords.UNREADABLE)).satisfies(records -> {
      Map<Long, Row> byLine = byKey(records, r -> line(r));
      assertThat(byLine).containsOnlyKeys(3L, 4L, 5L);
      Row abc = byLine.get(3L);
      assertThat(abc.getString("source")).isEqualTo("erp_sales (s3://demandcast-test/bad/sales.csv)");
      assertThat(abc.getString("reason"))
          .isEqualTo("line 3: column quantity: 'abc' is not a number (DOUBLE)");
      JsonNode payload = json(abc);
      assertThat(payload.get("_file").asText()).isEqualTo("s3://demandcast-test/bad/sales.csv");
      assertThat(payload.get("quantity").asText()).isEqualTo("abc");
      assertThat(payload.get("date").asText()).isEqualTo("2024-01-02");
      // every column that fails is named, in one reason
      assertThat(byLine.get(4L).getString("reason"))
          .isEqualTo("line 4: column date: '2024-13-45' is not a DATE yyyy-MM-dd; column promo:"
              + " 'maybe' is not a BOOLEAN (true/false, t/f, yes/no, y/n, 1/0)");
      assertThat(byLine.get(5L).getString("reason")).isEqualTo("line 5: has 3 fields, the header has 6");
      assertThat(json(byLine.get(5L)).get("date").asText()).isEqualTo("2024-01-04");
      return null;
    });
    PAssert.that(iot.get(UnreadableRecords.ROWS)).satisfies(rows -> {
      assertThat(rows).hasSize(1);
      return null;
    });
    PAssert.that(iot.get(UnreadableRecords.UNREADABLE)).satisfies(records -> {
      Map<Long, Row> byLine = byKey(records, r -> line(r));
      assertThat(byLine).containsOnlyKeys(2L, 3L, 4L, 5L);
      assertThat(byLine.get(2L).getString("reason"))
          .isEqualTo("line 2: column value: 'hot' is not a number (DOUBLE)");
      assertThat(json(byLine.get(2L)).get("value").asText()).isEqualTo("hot");
      assertThat(byLine.get(3L).getString("reason")).startsWith("line 3: not valid JSON: ");
      assertThat(json(byLine.get(3L)).get("_text").asText()).isEqualTo("{\"sensor_id\":\"S1\",");
      assertThat(byLine.get(4L).getString("reason"))
          .isEqualTo("line 4: expected a JSON object, found array [1,2]");
      assertThat(byLine.get(5L).getString("reason"))
          .isEqualTo("line 5: column ts: number 20240101 is not a TIMESTAMP (an ISO-8601 string);"
              + " column value: object {\"c\":4} is not a DOUBLE value");
      return null;
    });
    pipeline.run().waitUntilFinish();
  }

  // ------------------------------------------------------------ fails before the pipeline runs

  @Test
  void givenHeaderWithoutAColumn_whenApplied_thenFailsNamingObjectColumnExpectedAndFound(
      TestPipeline pipeline) {
    s3.put(BUCKET, "nodate/a.csv", "sku,location,quantity,unit_price,promo\nA,B,1,2,true\n");

    assertThatThrownBy(() -> read(pipeline, "nodate", S3Format.CSV, CanonicalTables.ERP_SALES,
            ColumnMapping.IDENTITY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("s3://demandcast-test/nodate/a.csv: no column 'date' (erp_sales.date,"
            + " expected DATE) in the header [sku, location, quantity, unit_price, promo]; if the"
            + " objects hold it under another name, map erp_sales.date to that column");
    pipeline.enableAbandonedNodeEnforcement(false);
  }

  @Test
  void givenMappedColumnMissing_whenApplied_thenFailsNamingTheMapping(TestPipeline pipeline) {
    s3.put(BUCKET, "noqty/a.csv", "sku,location,date,quantity,unit_price,promo\nA,B,2024-01-01,1,2,true\n");
    ColumnMapping mapping = ColumnMapping.parseEntries(List.of("erp_sales.quantity=qty"));

    assertThatThrownBy(() -> read(pipeline, "noqty/", S3Format.CSV, CanonicalTables.ERP_SALES, mapping))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("s3://demandcast-test/noqty/a.csv: no column 'qty' (mapped to"
            + " erp_sales.quantity, expected DOUBLE) in the header [sku, location, date,"
            + " quantity, unit_price, promo]; fix the column mapping or the objects");
    pipeline.enableAbandonedNodeEnforcement(false);
  }

  @Test
  void givenColumnWhoseValuesAllFailToConvert_whenApplied_thenFailsAsAWrongType(
      TestPipeline pipeline) {
    // the second object is the bad one: every object is checked, not only the first
    s3.put(BUCKET, "usdates/1.csv", "sku,location,date,quantity,unit_price,promo\nA,B,2024-01-05,1,,\n");
    s3.put(BUCKET, "usdates/2.csv",
        "sku,location,date,quantity,unit_price,promo\nA,B,05/01/2024,1,,\nA,B,06/01/2024,1,,\n");

    assertThatThrownBy(() -> read(pipeline, "usdates", S3Format.CSV, CanonicalTables.ERP_SALES,
            ColumnMapping.IDENTITY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("s3://demandcast-test/usdates/2.csv: column 'date' (erp_sales.date): expected"
            + " DATE (yyyy-MM-dd), found text '05/01/2024': none of its 2 non-empty values in the"
            + " first 2 records converts; fix the column mapping, or write the column as DATE"
            + " (yyyy-MM-dd)");
    pipeline.enableAbandonedNodeEnforcement(false);
  }

  @Test
  void givenJsonLinesWithoutAKey_whenApplied_thenFailsSayingHowToWriteNulls(TestPipeline pipeline) {
    s3.put(BUCKET, "nometric/a.jsonl",
        "{\"sensor_id\":\"S1\",\"location\":\"DC1\",\"sku\":null,\"ts\":\"2024-01-01T10:00:00\","
            + "\"value\":1}\n");

    assertThatThrownBy(() -> read(pipeline, "nometric", S3Format.JSONL,
            CanonicalTables.IOT_READINGS, ColumnMapping.IDENTITY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("s3://demandcast-test/nometric/a.jsonl: no column 'metric'"
            + " (iot_readings.metric, expected STRING) in the keys of its first 1 record"
            + " [sensor_id, location, sku, ts, value]")
        .hasMessageContaining("write null values as null");
    pipeline.enableAbandonedNodeEnforcement(false);
  }

  @Test
  void givenPrefixWithoutObjects_whenApplied_thenFailsNamingTheLocation(TestPipeline pipeline) {
    assertThatThrownBy(() -> read(pipeline, "nothing/here", S3Format.CSV,
            CanonicalTables.ERP_SALES, ColumnMapping.IDENTITY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("s3://demandcast-test/nothing/here: no csv object to read");
    pipeline.enableAbandonedNodeEnforcement(false);
  }

  @Test
  void givenWrongSecret_whenApplied_thenAccessDeniedWithoutTheSecret() {
    TestPipeline pipeline = TestPipeline.fromOptions(
        org.apache.beam.sdk.options.PipelineOptionsFactory.fromArgs(
                "--awsRegion=" + LocalS3.REGION,
                "--endpoint=" + s3.endpoint(),
                PathStyleS3ClientBuilderFactory.OPTION,
                "--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\","
                    + "\"accessKeyId\":\"" + LocalS3.ACCESS_KEY + "\","
                    + "\"secretAccessKey\":\"wrong-secret-1234\"}")
            .create());

    assertThatThrownBy(() -> pipeline.apply(S3Source.read(new S3Location(BUCKET, "sales"),
            S3Format.CSV, CanonicalTables.ERP_SALES, ColumnMapping.IDENTITY)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("s3://demandcast-test/sales: access denied trying to list the"
            + " objects (HTTP 403")
        .hasMessageNotContaining("wrong-secret-1234");
  }

  // ------------------------------------------------------------ helpers

  private static <K> Map<K, Row> byKey(Iterable<Row> rows, Function<Row, K> key) {
    return StreamSupport.stream(rows.spliterator(), false)
        .collect(Collectors.toMap(key, r -> r));
  }

  private static long line(Row unreadable) {
    return json(unreadable).get("_line").asLong();
  }

  private static JsonNode json(Row unreadable) {
    try {
      return JSON.readTree(unreadable.getString("payload"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] gzip(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
