package io.demandcast.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandcast.connectors.TableUri;
import io.demandcast.connectors.UnreadableRecords;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.Column;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.ColumnType;
import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.connectors.testing.LocalS3;
import io.demandcast.connectors.testing.ParquetFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
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
 * Reading Parquet objects from a real S3 endpoint (S3Proxy on loopback) through Beam's S3
 * filesystem and DuckDB's Parquet reader. The Parquet files are written by DuckDB ({@code COPY ...
 * TO 'x.parquet' (FORMAT parquet)}) in the test: every canonical type, NULLs, columns in another
 * order and case, wider types (integers and DECIMAL for DOUBLE, SMALLINT for INT32), a TIMESTAMP
 * WITH TIME ZONE, nanosecond timestamps. Schema problems fail when the transform is applied;
 * values that do not convert reach the unreadable output with the object and row. Row numbers
 * across row groups are {@link ParquetObjectsTest}'s (thousands of rows are slow on the
 * DirectRunner).
 */
class S3ParquetSourceTest {
  private static final String BUCKET = "demandcast-parquet-test";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A source table with one column of every canonical type (not one of the canonical tables). */
  static final TableSchema ALL_TYPES =
      new TableSchema(
          "all_types",
          TableSchema.Role.SOURCE,
          "test row",
          List.of(
              Column.optional("s", ColumnType.STRING, "a string"),
              Column.optional("i32", ColumnType.INT32, "a 32-bit integer"),
              Column.optional("i64", ColumnType.INT64, "a 64-bit integer"),
              Column.optional("d", ColumnType.DOUBLE, "a double"),
              Column.optional("b", ColumnType.BOOLEAN, "a boolean"),
              Column.optional("day", ColumnType.DATE, "a date"),
              Column.optional("ts", ColumnType.TIMESTAMP, "a timestamp"),
              Column.optional("lineage", ColumnType.STRING, "where the row came from")));

  @TempDir static Path dir;
  private static LocalS3 s3;

  @RegisterExtension
  final TestPipelineExtension pipelines = TestPipelineExtension.fromOptions(s3.pipelineOptions());

  @BeforeAll
  static void startS3() throws Exception {
    s3 = LocalS3.start();
    s3.createBucket(BUCKET);
    // types/: every canonical type as DuckDB writes it, and a row of NULLs; columns the table
    // does not have (a list, a struct) are not read
    put("types/part-0.parquet",
        "SELECT * FROM (VALUES"
            + " ('a', 7::INTEGER, 9000000000::BIGINT, 1.5::DOUBLE, true, DATE '2024-02-29',"
            + "   TIMESTAMP '2024-01-02 03:04:05.123456', [1, 2], {'k': 1}),"
            + " (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL))"
            + " t(s, i32, i64, d, b, day, ts, extra_list, extra_struct)");
    // other column order and case, wider types, a timestamp with time zone (+02:00)
    put("types/2024/part-1.parquet",
        "SELECT TIMESTAMPTZ '2024-01-02 03:04:05+02' AS \"TS\", 12.345::DECIMAL(10,3) AS d,"
            + " 'b' AS \"S\", 5::SMALLINT AS i32, 4000000000::UINTEGER AS i64, false AS b,"
            + " DATE '1999-12-31' AS day");
    // DECIMAL(9,0) for INT32, TINYINT for INT64, FLOAT for DOUBLE, nanoseconds; a lineage of its own
    put("types/part-2.snappy.parquet",
        "SELECT 'c' AS s, 3::DECIMAL(9,0) AS i32, 42::TINYINT AS i64, 0.1::FLOAT AS d, true AS b,"
            + " DATE '2024-01-01' AS day, TIMESTAMP_NS '2024-01-01 00:00:00.123456789' AS ts,"
            + " 'gateway 7' AS lineage");
    // what a Spark folder also holds, which is not read
    s3.put(BUCKET, "types/_SUCCESS", "");
    s3.put(BUCKET, "types/.part-0.parquet.crc", "crc");
  }

  @AfterAll
  static void stopS3() {
    if (s3 != null) {
      s3.close();
    }
  }

  // ------------------------------------------------------------ reading

  @Test
  void givenParquetObjectsWithEveryType_whenRead_thenCanonicalRowsWithTypesNullsAndLineage(
      TestPipeline pipeline) {
    PCollectionRowTuple read = read(pipeline, "types", ALL_TYPES, ColumnMapping.IDENTITY);

    PAssert.that(read.get(UnreadableRecords.ROWS)).satisfies(rows -> {
      Map<String, Row> byLineage = byKey(rows, r -> r.getString("lineage"));
      assertThat(byLineage).containsOnlyKeys(
          "s3://demandcast-parquet-test/types/part-0.parquet row 1",
          "s3://demandcast-parquet-test/types/part-0.parquet row 2",
          "s3://demandcast-parquet-test/types/2024/part-1.parquet row 1",
          "gateway 7");
      Row first = byLineage.get("s3://demandcast-parquet-test/types/part-0.parquet row 1");
      assertThat(first.getSchema()).isEqualTo(ALL_TYPES.beamSchema());
      assertThat(first.getString("s")).isEqualTo("a");
      assertThat(first.getInt32("i32")).isEqualTo(7);
      assertThat(first.getInt64("i64")).isEqualTo(9_000_000_000L);
      assertThat(first.getDouble("d")).isEqualTo(1.5);
      assertThat(first.getBoolean("b")).isTrue();
      assertThat(first.<LocalDate>getLogicalTypeValue("day", LocalDate.class))
          .isEqualTo(LocalDate.of(2024, 2, 29));
      assertThat(first.<LocalDateTime>getLogicalTypeValue("ts", LocalDateTime.class))
          .isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000));
      Row nulls = byLineage.get("s3://demandcast-parquet-test/types/part-0.parquet row 2");
      for (String column : List.of("s", "i32", "i64", "d", "b", "day", "ts")) {
        assertThat((Object) nulls.getValue(column)).as(column).isNull();
      }
      Row wider = byLineage.get("s3://demandcast-parquet-test/types/2024/part-1.parquet row 1");
      assertThat(wider.getString("s")).isEqualTo("b");
      assertThat(wider.getInt32("i32")).isEqualTo(5);
      assertThat(wider.getInt64("i64")).isEqualTo(4_000_000_000L);
      assertThat(wider.getDouble("d")).isEqualTo(12.345);
      assertThat(wider.getBoolean("b")).isFalse();
      assertThat(wider.<LocalDate>getLogicalTypeValue("day", LocalDate.class))
          .isEqualTo(LocalDate.of(1999, 12, 31));
      // 03:04:05+02:00 is 01:04:05 UTC
      assertThat(wider.<LocalDateTime>getLogicalTypeValue("ts", LocalDateTime.class))
          .isEqualTo(LocalDateTime.of(2024, 1, 2, 1, 4, 5));
      Row own = byLineage.get("gateway 7");
      assertThat(own.getInt32("i32")).isEqualTo(3);
      assertThat(own.getInt64("i64")).isEqualTo(42L);
      assertThat(own.getDouble("d")).isEqualTo(0.1); // the FLOAT's decimal form, not 0.10000000149
      assertThat(own.<LocalDateTime>getLogicalTypeValue("ts", LocalDateTime.class))
          .isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 123_456_000));
      return null;
    });
    PAssert.that(read.get(UnreadableRecords.UNREADABLE)).empty();
    pipeline.run().waitUntilFinish();
  }

  @Test
  void givenParquetObjectWithOtherColumnNames_whenReadWithMapping_thenMappedColumnsFillCanonicalOnes(
      TestPipeline pipeline) {
    // INTEGER and DECIMAL(10,2) for DOUBLE, a TIMESTAMP for the DATE (its day); "sku" holds the
    // location here: the mapping decides
    put("mapped/sales.parquet",
        "SELECT 'A-1' AS \"Item Code\", 'DC1' AS sku, TIMESTAMP '2024-01-01 17:45:00' AS sale_day,"
            + " 3::INTEGER AS qty, 9.50::DECIMAL(10,2) AS price, true AS on_promo,"
            + " 'store 7' AS store");
    ColumnMapping mapping = ColumnMapping.parseEntries(List.of("erp_sales.sku=item code",
        "erp_sales.location=sku", "erp_sales.date=sale_day", "erp_sales.quantity=qty",
        "erp_sales.unit_price=price", "erp_sales.promo=on_promo"));
    // the format is said by the object's name
    TableUri uri = TableUri.parse("s3://" + BUCKET + "/mapped/sales.parquet");
    assertThat(uri.format()).isEqualTo(S3Format.PARQUET);

    PCollectionRowTuple sales = pipeline.apply(
        S3Source.read(uri.s3(), uri.format(), CanonicalTables.ERP_SALES, mapping));

    PAssert.that(sales.get(UnreadableRecords.ROWS)).satisfies(rows -> {
      List<Row> list = StreamSupport.stream(rows.spliterator(), false).toList();
      assertThat(list).hasSize(1);
      Row row = list.get(0);
      assertThat(row.getSchema()).isEqualTo(CanonicalTables.ERP_SALES.beamSchema());
      assertThat(row.getString("sku")).isEqualTo("A-1");
      assertThat(row.getString("location")).isEqualTo("DC1");
      assertThat(row.<LocalDate>getLogicalTypeValue("date", LocalDate.class))
          .isEqualTo(LocalDate.of(2024, 1, 1));
      assertThat(row.getDouble("quantity")).isEqualTo(3.0);
      assertThat(row.getDouble("unit_price")).isEqualTo(9.5);
      assertThat(row.getBoolean("promo")).isTrue();
      assertThat(row.getString("lineage"))
          .isEqualTo("s3://demandcast-parquet-test/mapped/sales.parquet row 1");
      return null;
    });
    PAssert.that(sales.get(UnreadableRecords.UNREADABLE)).empty();
    pipeline.run().waitUntilFinish();
  }

  @Test
  void givenValuesThatDoNotConvert_whenRead_thenTheirRowsAreUnreadableWithObjectRowAndReason(
      TestPipeline pipeline) {
    put("bad/types.parquet",
        "SELECT s, i32, i64, d, true AS b, day, TIMESTAMP '2024-01-01' AS ts FROM (VALUES"
            + " ('ok', 1::BIGINT, 1::UBIGINT, 1.0::DOUBLE, DATE '2024-01-01'),"
            + " ('too big', 3000000000::BIGINT, 2::UBIGINT, 2.0::DOUBLE, DATE '2024-01-02'),"
            + " ('nan', 3::BIGINT, 18446744073709551615::UBIGINT, 'NaN'::DOUBLE,"
            + "   DATE '2024-01-03'),"
            + " ('infinite date', 4::BIGINT, 4::UBIGINT, '-Infinity'::DOUBLE, 'infinity'::DATE))"
            + " t(s, i32, i64, d, day)");
    put("bad/items.parquet",
        "SELECT 'SKU-1' AS sku, 'd' AS description, 'c' AS category, 1.0 AS unit_cost,"
            + " 0.2 AS holding_cost_rate, 10.0 AS order_cost, 3000000000::BIGINT AS pack_size,"
            + " 1.0 AS moq, 's' AS supplier, 'Air' AS ship_mode, 30 AS shelf_life_days");
    ColumnMapping mapping = ColumnMapping.parseEntries(List.of("erp_items.case_pack=pack_size"));

    PCollectionRowTuple types = read(pipeline, "bad/types.parquet", ALL_TYPES, ColumnMapping.IDENTITY);
    PCollectionRowTuple items = read(pipeline, "bad/items.parquet", CanonicalTables.ERP_ITEMS, mapping);

    PAssert.that(types.get(UnreadableRecords.ROWS)).satisfies(rows -> {
      assertThat(StreamSupport.stream(rows.spliterator(), false).map(r -> r.getString("s")))
          .containsExactly("ok");
      return null;
    });
    PAssert.that(types.get(UnreadableRecords.UNREADABLE)).satisfies(records -> {
      Map<Long, Row> byRow = byKey(records, r -> json(r).get("_row").asLong());
      assertThat(byRow).containsOnlyKeys(2L, 3L, 4L);
      Row tooBig = byRow.get(2L);
      assertThat(tooBig.getString("source"))
          .isEqualTo("all_types (s3://demandcast-parquet-test/bad/types.parquet)");
      assertThat(tooBig.getString("reason"))
          .isEqualTo("row 2: column i32: BIGINT 3000000000 is out of the range of INT32");
      JsonNode payload = json(tooBig);
      assertThat(payload.get("_file").asText())
          .isEqualTo("s3://demandcast-parquet-test/bad/types.parquet");
      assertThat(payload.get("s").asText()).isEqualTo("too big");
      assertThat(payload.get("i32").asLong()).isEqualTo(3_000_000_000L);
      assertThat(payload.get("day").asText()).isEqualTo("2024-01-02");
      assertThat(payload.get("ts").asText()).isEqualTo("2024-01-01T00:00");
      // every column that fails is named, in one reason
      assertThat(byRow.get(3L).getString("reason"))
          .isEqualTo("row 3: column i64: UBIGINT 18446744073709551615 is out of the range of"
              + " INT64; column d: DOUBLE NaN is not a finite number (DOUBLE)");
      assertThat(json(byRow.get(3L)).get("d").asText()).isEqualTo("NaN");
      assertThat(byRow.get(4L).getString("reason"))
          .isEqualTo("row 4: column d: DOUBLE -Infinity is not a finite number (DOUBLE); column"
              + " day: DATE +5881580-07-11 is outside the years 0001 to 9999 (DATE)");
      return null;
    });
    PAssert.that(items.get(UnreadableRecords.ROWS)).empty();
    PAssert.that(items.get(UnreadableRecords.UNREADABLE)).satisfies(records -> {
      List<Row> list = StreamSupport.stream(records.spliterator(), false).toList();
      assertThat(list).hasSize(1);
      assertThat(list.get(0).getString("reason")).isEqualTo(
          "row 1: column pack_size (erp_items.case_pack): BIGINT 3000000000 is out of the range"
              + " of INT32");
      assertThat(json(list.get(0)).get("pack_size").asLong()).isEqualTo(3_000_000_000L);
      return null;
    });
    pipeline.run().waitUntilFinish();
  }

  // ------------------------------------------------------------ fails before the pipeline runs

  @Test
  void givenColumnOfTheWrongType_whenApplied_thenFailsNamingObjectColumnExpectedAndFound(
      TestPipeline pipeline) {
    // the second object is the bad one: every object's schema is checked, not only the first
    String sales = "SELECT 'A' AS sku, 'DC1' AS location, %s AS sale_day, 1.0 AS quantity,"
        + " 2.0 AS unit_price, true AS promo";
    put("wrongtype/1.parquet", sales.formatted("DATE '2024-01-05'"));
    put("wrongtype/2.parquet", sales.formatted("'05/01/2024'"));
    ColumnMapping mapping = ColumnMapping.parseEntries(List.of("erp_sales.date=sale_day"));

    assertThatThrownBy(() -> read(pipeline, "wrongtype", CanonicalTables.ERP_SALES, mapping))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("s3://demandcast-parquet-test/wrongtype/2.parquet: column 'sale_day' (mapped"
            + " to erp_sales.date): expected DATE (Parquet DATE or TIMESTAMP), found VARCHAR; fix the column"
            + " mapping, or write the column as DATE (Parquet DATE or TIMESTAMP)");
    pipeline.enableAbandonedNodeEnforcement(false);
  }

  @Test
  void givenDecimalWithAFractionForAnInteger_whenApplied_thenFailsAsAWrongType(
      TestPipeline pipeline) {
    put("fraction/a.parquet",
        "SELECT 'x' AS s, 1.50::DECIMAL(10,2) AS i32, 1 AS i64, 1.0 AS d, true AS b,"
            + " DATE '2024-01-01' AS day, TIMESTAMP '2024-01-01' AS ts");

    assertThatThrownBy(() -> read(pipeline, "fraction", ALL_TYPES, ColumnMapping.IDENTITY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("s3://demandcast-parquet-test/fraction/a.parquet: column 'i32'"
            + " (all_types.i32): expected INT32 (Parquet integer: TINYINT, SMALLINT, INTEGER,"
            + " BIGINT, unsigned, or DECIMAL(p,0)), found DECIMAL(10,2); fix the column mapping,"
            + " or write the column as INT32 (Parquet integer: TINYINT, SMALLINT, INTEGER, BIGINT,"
            + " unsigned, or DECIMAL(p,0))");
    pipeline.enableAbandonedNodeEnforcement(false);
  }

  @Test
  void givenSchemaWithoutAColumn_whenApplied_thenFailsListingTheColumnsFound(
      TestPipeline pipeline) {
    put("noquantity/a.parquet",
        "SELECT 'A' AS sku, 'DC1' AS location, DATE '2024-01-05' AS date, 2.0 AS unit_price,"
            + " true AS promo");

    assertThatThrownBy(() -> read(pipeline, "noquantity/a.parquet", CanonicalTables.ERP_SALES,
            ColumnMapping.IDENTITY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("s3://demandcast-parquet-test/noquantity/a.parquet: no column 'quantity'"
            + " (erp_sales.quantity, expected DOUBLE) in the Parquet schema [sku, location, date,"
            + " unit_price, promo]; if the objects hold it under another name, map"
            + " erp_sales.quantity to that column");
    pipeline.enableAbandonedNodeEnforcement(false);
  }

  @Test
  void givenObjectsThatAreNoParquetFiles_whenApplied_thenFailsNamingTheObject(
      TestPipeline pipeline) {
    byte[] lengthBeyondTheObject = {'P', 'A', 'R', '1', 0x40, 0x42, 0x0F, 0x00, 'P', 'A', 'R', '1'};
    Map<String, String> expected = Map.of(
        "notparquet/sales.csv", "not a Parquet file: it does not end in the Parquet magic bytes"
            + " PAR1; every object of a format=parquet location must be a Parquet file",
        "encrypted/part-0.parquet", "an encrypted Parquet file (Parquet modular encryption,"
            + " footer magic PARE); demandcast reads unencrypted Parquet files only",
        "truncated/part-0.parquet", "not a valid Parquet file: its footer length (1000000 bytes)"
            + " is more than the object holds (12 bytes); is it truncated?");
    s3.put(BUCKET, "notparquet/sales.csv", "sku,location\nA,B\n");
    s3.put(BUCKET, "encrypted/part-0.parquet", "PAR1 encrypted footer \0\0\0\0PARE");
    s3.put(BUCKET, "truncated/part-0.parquet", lengthBeyondTheObject);

    expected.forEach((key, message) ->
        assertThatThrownBy(() -> read(pipeline, key, CanonicalTables.ERP_SALES,
                ColumnMapping.IDENTITY))
            .as(key)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("s3://demandcast-parquet-test/" + key + ": " + message));
    pipeline.enableAbandonedNodeEnforcement(false);
  }

  // ------------------------------------------------------------ helpers

  private static PCollectionRowTuple read(
      TestPipeline pipeline, String prefix, TableSchema table, ColumnMapping mapping) {
    return pipeline.apply(
        "Read " + prefix,
        S3Source.read(new S3Location(BUCKET, prefix), S3Format.PARQUET, table, mapping));
  }

  /** Writes the result of a DuckDB query as a Parquet object. */
  private static void put(String key, String select) {
    put(key, select, "");
  }

  private static void put(String key, String select, String copyOptions) {
    s3.put(BUCKET, key, ParquetFiles.write(dir, select, copyOptions));
  }

  private static <K> Map<K, Row> byKey(Iterable<Row> rows, Function<Row, K> key) {
    return StreamSupport.stream(rows.spliterator(), false)
        .collect(Collectors.toMap(key, r -> r));
  }

  private static JsonNode json(Row unreadable) {
    try {
      return JSON.readTree(unreadable.getString("payload").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
