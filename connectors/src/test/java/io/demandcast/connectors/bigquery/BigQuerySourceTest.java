package io.demandcast.connectors.bigquery;

import static io.demandcast.connectors.testing.FakeBigQuery.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableRow;
import io.demandcast.connectors.UnreadableRecords;
import io.demandcast.connectors.testing.FakeBigQuery;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.Column;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.ColumnType;
import io.demandcast.connectors.schema.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.values.PCollectionRowTuple;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link BigQuerySource} against {@code FakeBigQueryServices}, Beam's in-memory stand-in for
 * BigQuery (no local BigQuery server exists): its dataset service holds the tables, its job service
 * runs the export the read starts, writing Avro files under the pipeline's temp location as BigQuery
 * would. What is tested is therefore our check and conversion on Beam's real read path, not
 * BigQuery's own behaviour ({@code BigQueryCloudIT} reads a real table).
 */
class BigQuerySourceTest {
  private static final String PROJECT = "acme-prod";
  private static final Path TEMP = tempDir();

  @RegisterExtension
  final TestPipelineExtension pipelines = TestPipelineExtension.fromOptions(options());

  private FakeBigQuery bigQuery;
  private FakeBigQueryServices services;

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("bq-export");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static PipelineOptions options() {
    return PipelineOptionsFactory.fromArgs(
            "--project=" + PROJECT, "--tempLocation=" + TEMP.toAbsolutePath())
        .create();
  }

  @BeforeEach
  void fakeBigQuery() throws Exception {
    bigQuery = FakeBigQuery.start(PROJECT, "erp");
    services = bigQuery.services();
  }

  private TableReference table(String name, List<TableFieldSchema> fields, List<TableRow> rows)
      throws Exception {
    TableReference ref = new BigQueryTableName(PROJECT, "erp", name).reference();
    bigQuery.table(ref, fields, rows);
    return ref;
  }

  /**
   * A NUMERIC value as the fake's export writes it to Avro: the unscaled bytes of scale 9 (a real
   * export does the same; Beam reads it back as decimal text).
   */
  private static java.nio.ByteBuffer numeric(String value) {
    return java.nio.ByteBuffer.wrap(
        new java.math.BigDecimal(value).setScale(9).unscaledValue().toByteArray());
  }

  // The fake's export writes the inserted values to Avro as they are, so they are given in the Avro
  // types of a BigQuery export (INT64 as long, TIMESTAMP as epoch microseconds, DATE and DATETIME
  // as text); Beam turns them back into the TableRow values a real export gives.

  /** The row with every other field of ALL_TYPES set to NULL, as an export holds them. */
  private static TableRow nulls(TableRow row) {
    for (TableFieldSchema f : ALL_TYPES_FIELDS) {
      if (!row.containsKey(f.getName())) {
        row.set(f.getName(), null);
      }
    }
    return row;
  }

  /** A table of every canonical type (no canonical table has them all). */
  private static final TableSchema ALL_TYPES = new TableSchema("all_types", TableSchema.Role.SOURCE,
      "one row per s", List.of(
          Column.required("s", ColumnType.STRING, "text"),
          Column.optional("fl", ColumnType.DOUBLE, "from FLOAT64"),
          Column.optional("n", ColumnType.DOUBLE, "from NUMERIC"),
          Column.optional("i", ColumnType.INT32, "from INT64"),
          Column.optional("l", ColumnType.INT64, "from INT64"),
          Column.optional("d", ColumnType.DATE, "from DATE"),
          Column.optional("dt", ColumnType.TIMESTAMP, "from DATETIME"),
          Column.optional("ts", ColumnType.TIMESTAMP, "from TIMESTAMP"),
          Column.optional("b", ColumnType.BOOLEAN, "from BOOL")));

  private static final List<TableFieldSchema> ALL_TYPES_FIELDS = List.of(
      field("s", "STRING"), field("fl", "FLOAT64"), field("n", "NUMERIC"), field("i", "INT64"),
      field("l", "INTEGER"), field("d", "DATE"), field("dt", "DATETIME"),
      field("ts", "TIMESTAMP"), field("b", "BOOL"));

  @Test
  void givenEveryBigQueryType_whenRead_thenCanonicalValuesNullsKeptAndOutOfRangeRejected(
      TestPipeline pipeline) throws Exception {
    table("all_types", ALL_TYPES_FIELDS, List.of(
        new TableRow().set("s", "x").set("fl", 2.5).set("n", numeric("12.25")).set("i", -7L)
            .set("l", 9007199254740993L).set("d", "2024-02-29").set("dt", "2024-03-01T10:15:30.5")
            .set("ts", java.time.Instant.parse("2024-03-01T23:30:00.000001Z").toEpochMilli() * 1000 + 1).set("b", true),
        nulls(new TableRow().set("s", "nulls")),
        // 3e9 is an INT64 but not an INT32: rejected, the other rows still read
        nulls(new TableRow().set("s", "big").set("i", 3_000_000_000L))));

    PCollectionRowTuple read = pipeline.apply(BigQuerySource
        .read(BigQueryTableName.parse("bigquery://acme-prod/erp.all_types"), ALL_TYPES,
            ColumnMapping.IDENTITY)
        .withTestServices(services));

    PAssert.that(read.get(UnreadableRecords.ROWS)).containsInAnyOrder(
        Row.withSchema(ALL_TYPES.beamSchema()).addValues("x", 2.5, 12.25, -7, 9007199254740993L,
            LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 3, 1, 10, 15, 30, 500_000_000),
            LocalDateTime.of(2024, 3, 1, 23, 30, 0, 1_000), true).build(),
        Row.withSchema(ALL_TYPES.beamSchema())
            .addValues("nulls", null, null, null, null, null, null, null, null).build());
    PAssert.that(read.get(UnreadableRecords.UNREADABLE)).satisfies(rows -> {
      List<Row> list = new ArrayList<>();
      rows.forEach(list::add);
      assertThat(list).hasSize(1);
      Row bad = list.get(0);
      assertThat(bad.getString("source")).isEqualTo("all_types (bigquery://acme-prod/erp.all_types)");
      assertThat(bad.getString("reason")).isEqualTo("column i: '3000000000' is out of the range of INT32");
      assertThat(bad.getString("payload")).contains("\"s\":\"big\"").contains("3000000000");
      return null;
    });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void givenWiderOwnTypes_whenReadAsSales_thenIntegersAreQuantitiesAndTimestampsTheirDay(
      TestPipeline pipeline) throws Exception {
    // a user's own table: INT64 units, a TIMESTAMP of the sale (late in the UTC day) for the date
    table("pos", List.of(field("sku", "STRING"), field("location", "STRING"),
        field("sold_at", "TIMESTAMP"), field("units", "INT64")), List.of(
            new TableRow().set("sku", "A-1").set("location", "DC1")
                .set("sold_at", java.time.Instant.parse("2024-01-31T23:59:59Z").toEpochMilli() * 1000)
                .set("units", 4L),
            new TableRow().set("sku", "A-1").set("location", "DC1")
                .set("sold_at", java.time.Instant.parse("2024-02-01T00:00:00Z").toEpochMilli() * 1000)
                .set("units", 9007199254740993L)));
    ColumnMapping mapping = ColumnMapping.of(Map.of(
        "erp_sales", Map.of("date", "sold_at", "quantity", "units")));

    PCollectionRowTuple read = pipeline.apply(BigQuerySource
        .read(BigQueryTableName.parse("bigquery://acme-prod/erp.pos"), CanonicalTables.ERP_SALES,
            mapping)
        .withTestServices(services));

    var schema = CanonicalTables.ERP_SALES.beamSchema();
    PAssert.that(read.get(UnreadableRecords.ROWS)).containsInAnyOrder(
        Row.withSchema(schema).addValues("A-1", "DC1", LocalDate.of(2024, 1, 31), 4.0, null, null,
            "bigquery://acme-prod/erp.pos").build(),
        // above 2^53 an INT64 rounds to the nearest double (the plausibility ceiling rejects it)
        Row.withSchema(schema).addValues("A-1", "DC1", LocalDate.of(2024, 2, 1),
            9007199254740992.0, null, null, "bigquery://acme-prod/erp.pos").build());
    PAssert.that(read.get(UnreadableRecords.UNREADABLE)).empty();
    pipeline.run().waitUntilFinish();
  }

  @Test
  void givenADateColumn_whenReadAsATimestamp_thenMidnight() throws Exception {
    assertThat(BigQueryValues.convert("2024-02-29", ColumnType.TIMESTAMP))
        .isEqualTo(LocalDateTime.of(2024, 2, 29, 0, 0));
    assertThat(BigQueryValues.convert("2024-02-29 18:30:00", ColumnType.DATE))
        .isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(BigQueryValues.convert("2024-02-29 23:30:00-02:00", ColumnType.DATE))
        .as("a TIMESTAMP's day is its UTC day").isEqualTo(LocalDate.of(2024, 3, 1));
    assertThatThrownBy(() -> BigQueryValues.convert("29/02/2024", ColumnType.DATE))
        .hasMessageContaining("'29/02/2024' is not a DATE yyyy-MM-dd");
  }

  @Test
  void givenMappedColumnsAndNoLineage_whenRead_thenSalesRowsWithTheUriAsLineage(
      TestPipeline pipeline) throws Exception {
    table("sales", List.of(field("item", "STRING"), field("location", "STRING"),
        field("date", "DATE"), field("qty", "NUMERIC"), field("unit_price", "FLOAT64"),
        field("promo", "BOOLEAN")), List.of(
            new TableRow().set("item", "A-1").set("location", "DC1").set("date", "2024-01-01")
                .set("qty", numeric("3.5")).set("unit_price", 2.0).set("promo", false)));
    ColumnMapping mapping = ColumnMapping.of(Map.of(
        "erp_sales", Map.of("sku", "item", "quantity", "qty")));

    PCollectionRowTuple read = pipeline.apply(BigQuerySource
        .read(BigQueryTableName.parse("bigquery://acme-prod/erp.sales"), CanonicalTables.ERP_SALES,
            mapping)
        .withTestServices(services));

    PAssert.that(read.get(UnreadableRecords.ROWS)).containsInAnyOrder(
        Row.withSchema(CanonicalTables.ERP_SALES.beamSchema()).addValues("A-1", "DC1",
            LocalDate.of(2024, 1, 1), 3.5, 2.0, false, "bigquery://acme-prod/erp.sales").build());
    PAssert.that(read.get(UnreadableRecords.UNREADABLE)).empty();
    pipeline.run().waitUntilFinish();
  }

  @Test
  void givenColumnOfTheWrongType_whenApplied_thenRefusedNamingUriColumnExpectedAndFound()
      throws Exception {
    table("sales_text", List.of(field("sku", "STRING"), field("location", "STRING"),
        field("date", "DATE"), field("qty", "STRING")), List.of());
    ColumnMapping mapping = ColumnMapping.of(Map.of("erp_sales", Map.of("quantity", "qty")));
    TestPipeline pipeline = TestPipeline.fromOptions(options()).enableAbandonedNodeEnforcement(false);

    assertThatThrownBy(() -> pipeline.apply(BigQuerySource
            .read(BigQueryTableName.parse("bigquery://acme-prod/erp.sales_text"),
                CanonicalTables.ERP_SALES, mapping)
            .withTestServices(services)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bigquery://acme-prod/erp.sales_text column qty (mapped to erp_sales.quantity):"
            + " expected DOUBLE (BigQuery FLOAT64, NUMERIC, BIGNUMERIC or INT64), found STRING;"
            + " change the"
            + " column's type in BigQuery (or read it through a view that casts it) or map another"
            + " column");
  }

  @Test
  void givenMissingTable_whenApplied_thenRefusedNamingTheUri() {
    TestPipeline pipeline = TestPipeline.fromOptions(options()).enableAbandonedNodeEnforcement(false);

    assertThatThrownBy(() -> pipeline.apply(BigQuerySource
            .read(BigQueryTableName.parse("bigquery://acme-prod/erp.nope"),
                CanonicalTables.ERP_SALES, ColumnMapping.IDENTITY)
            .withTestServices(services)))
        .hasMessageStartingWith("bigquery://acme-prod/erp.nope: ");
  }

  @Test
  void givenAbsentOptionalTableUnderItsCanonicalName_whenRead_thenNoRowsAndCheckSaysSo(
      TestPipeline pipeline) {
    BigQueryTableName stock = BigQueryTableName.parse("bigquery://acme-prod/erp.erp_inventory");

    PCollectionRowTuple read = pipeline.apply(BigQuerySource
        .read(stock, CanonicalTables.ERP_INVENTORY, ColumnMapping.IDENTITY)
        .withTestServices(services));

    PAssert.that(read.get(UnreadableRecords.ROWS)).empty();
    PAssert.that(read.get(UnreadableRecords.UNREADABLE)).empty();
    pipeline.run().waitUntilFinish();
    assertThat(BigQueryConnector.withServices(services).check(
        io.demandcast.connectors.TableUri.bigQuery(stock), CanonicalTables.ERP_INVENTORY,
        ColumnMapping.IDENTITY, options()).readsAsEmpty()).isTrue();
    // a required table must be there
    TestPipeline other = TestPipeline.fromOptions(options()).enableAbandonedNodeEnforcement(false);
    assertThatThrownBy(() -> other.apply(BigQuerySource
            .read(BigQueryTableName.parse("bigquery://acme-prod/erp.erp_items"),
                CanonicalTables.ERP_ITEMS, ColumnMapping.IDENTITY)
            .withTestServices(services)))
        .hasMessageContaining("no such table");
  }
}
