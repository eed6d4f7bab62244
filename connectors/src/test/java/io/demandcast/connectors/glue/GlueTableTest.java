package io.demandcast.connectors.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.ColumnType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlueTableTest {

  /** A CSV table glue://erp.sales with these columns (name, type, name, type, ...). */
  private static GlueTable sales(Map<String, String> partitionKeys, String... columns) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < columns.length; i += 2) {
      map.put(columns[i], columns[i + 1]);
    }
    return new GlueTable(
        "erp", "sales", "lake", "erp/sales/", FileFormat.CSV, map, partitionKeys,
        new GlueTable.Csv(',', 1));
  }

  private static GlueTable sales(String... columns) {
    return sales(Map.of(), columns);
  }

  @ParameterizedTest(name = "{0} accepts {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "STRING|string|true",
        "STRING|varchar(20)|true",
        "STRING|char(3)|true",
        "STRING|VARCHAR(20)|true",
        "STRING|int|false",
        "STRING|array<string>|false",
        "DOUBLE|double|true",
        "DOUBLE|float|true",
        "DOUBLE|decimal(10,2)|true",
        "DOUBLE|decimal(38, 18)|true",
        "DOUBLE|decimal|true",
        "DOUBLE|bigint|false",
        "DOUBLE|string|false",
        "INT32|int|true",
        "INT32|integer|true",
        "INT32|smallint|true",
        "INT32|tinyint|true",
        "INT32|bigint|false",
        "INT32|double|false",
        "INT64|bigint|true",
        "INT64|int|true",
        "INT64|smallint|true",
        "INT64|decimal(18,0)|false",
        "DATE|date|true",
        "DATE|timestamp|false",
        "DATE|string|false",
        "TIMESTAMP|timestamp|true",
        "TIMESTAMP|date|false",
        "BOOLEAN|boolean|true",
        "BOOLEAN|tinyint|false",
        "BOOLEAN|struct<a:boolean>|false",
      })
  void givenHiveType_whenCheckedAgainstCanonicalType_thenCompatiblePerTable(
      ColumnType canonical, String hiveType, boolean compatible) {
    assertThat(GlueTable.isCompatible(canonical, hiveType)).isEqualTo(compatible);
  }

  @Test
  void givenMatchingColumnsInOtherCase_whenChecked_thenSourcesAsGlueSpellsThem() {
    GlueTable table =
        sales("SKU", "string", "Location", "varchar(10)", "date", "date", "quantity", "double",
            "unit_price", "decimal(9,2)", "promo", "boolean", "lineage", "string");

    Map<String, String> sources = table.check(CanonicalTables.ERP_SALES, ColumnMapping.IDENTITY);

    assertThat(sources)
        .containsExactlyEntriesOf(
            linked("sku", "SKU", "location", "Location", "date", "date", "quantity", "quantity",
                "unit_price", "unit_price", "promo", "promo", "lineage", "lineage"));
  }

  @Test
  void givenWrongType_whenChecked_thenErrorNamesUriColumnExpectedAndFound() {
    GlueTable table =
        sales("sku", "string", "location", "string", "date", "date", "quantity", "string",
            "unit_price", "double", "promo", "boolean");

    assertThatThrownBy(() -> table.check(CanonicalTables.ERP_SALES, ColumnMapping.IDENTITY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "glue://erp.sales column quantity: expected DOUBLE (Hive double, float or decimal),"
                + " found string");
  }

  @Test
  void givenBigintForInt32Column_whenChecked_thenRefused() {
    GlueTable complete = new GlueTable(
        "erp", "items", "lake", "", FileFormat.PARQUET,
        linked("sku", "string", "description", "string", "category", "string",
            "unit_cost", "double", "holding_cost_rate", "double", "order_cost", "double",
            "case_pack", "bigint"),
        Map.of(), null);
    assertThatThrownBy(() -> complete.check(CanonicalTables.ERP_ITEMS, ColumnMapping.IDENTITY))
        .hasMessageContaining(
            "column case_pack: expected INT32 (Hive int, smallint or tinyint), found bigint");
  }

  @Test
  void givenMappedColumnWithWrongType_whenChecked_thenErrorNamesSourceAndCanonicalColumn() {
    GlueTable table =
        sales("item_code", "string", "location", "string", "sale_day", "string",
            "quantity", "double", "unit_price", "double", "promo", "boolean");
    ColumnMapping mapping =
        ColumnMapping.parseEntries(List.of("erp_sales.sku=item_code", "erp_sales.date=sale_day"));

    assertThatThrownBy(() -> table.check(CanonicalTables.ERP_SALES, mapping))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "glue://erp.sales column sale_day (mapped to erp_sales.date): expected DATE (Hive"
                + " date), found string");
  }

  @Test
  void givenMappedColumns_whenChecked_thenCanonicalToSourceNames() {
    GlueTable table =
        sales("item_code", "string", "location", "string", "sale_day", "date",
            "quantity", "double", "unit_price", "double", "promo", "boolean");
    ColumnMapping mapping =
        ColumnMapping.parseEntries(List.of("erp_sales.sku=item_code", "erp_sales.date=sale_day"));

    assertThat(table.check(CanonicalTables.ERP_SALES, mapping))
        .containsEntry("sku", "item_code")
        .containsEntry("date", "sale_day")
        .containsEntry("quantity", "quantity")
        .doesNotContainKey("lineage");
  }

  @Test
  void givenMissingRequiredColumn_whenChecked_thenErrorListsColumnsAndSuggestsMapping() {
    GlueTable table =
        sales("item", "string", "location", "string", "date", "date", "quantity", "double",
            "unit_price", "double", "promo", "boolean");

    assertThatThrownBy(() -> table.check(CanonicalTables.ERP_SALES, ColumnMapping.IDENTITY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("glue://erp.sales has no column sku (expected STRING (Hive string,")
        .hasMessageContaining("found columns [item, location, date, quantity, unit_price, promo]")
        .hasMessageContaining("map erp_sales.sku to that column");
  }

  @Test
  void givenMappedColumnAbsentThoughMayBeAbsent_whenChecked_thenError() {
    GlueTable table =
        sales("sku", "string", "location", "string", "date", "date", "quantity", "double",
            "unit_price", "double", "promo", "boolean");
    ColumnMapping mapping = ColumnMapping.parseEntries(List.of("erp_sales.lineage=source_file"));

    assertThatThrownBy(() -> table.check(CanonicalTables.ERP_SALES, mapping))
        .hasMessageContaining("glue://erp.sales has no column source_file (mapped to"
            + " erp_sales.lineage")
        .hasMessageContaining("fix the column mapping or the Glue table");
  }

  @Test
  void givenNullableColumnThatMayNotBeAbsent_whenMissing_thenError() {
    // quantity is nullable (not recorded) but a run cannot do without it, so it must be there
    GlueTable table =
        sales("sku", "string", "location", "string", "date", "date", "unit_price", "double",
            "promo", "boolean");

    assertThatThrownBy(() -> table.check(CanonicalTables.ERP_SALES, ColumnMapping.IDENTITY))
        .hasMessageContaining("has no column quantity");
  }

  @Test
  void givenCanonicalColumnAsPartitionKey_whenChecked_thenReadFromPartitionKey() {
    GlueTable table =
        sales(Map.of("date", "date"), "sku", "string", "location", "string",
            "quantity", "double", "unit_price", "double", "promo", "boolean");

    assertThat(table.check(CanonicalTables.ERP_SALES, ColumnMapping.IDENTITY))
        .containsEntry("date", "date");
    GlueTable stringPartition =
        sales(Map.of("date", "string"), "sku", "string", "location", "string",
            "quantity", "double", "unit_price", "double", "promo", "boolean");
    assertThatThrownBy(
            () -> stringPartition.check(CanonicalTables.ERP_SALES, ColumnMapping.IDENTITY))
        .hasMessageContaining("column date: expected DATE (Hive date), found string");
  }

  @Test
  void givenPrefixWithoutTrailingSlash_whenConstructed_thenRejected() {
    assertThatThrownBy(
            () -> new GlueTable("erp", "sales", "lake", "erp/sales", FileFormat.PARQUET,
                Map.of(), Map.of(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'erp/sales'");
  }

  @Test
  void givenCsvLayoutOnParquetTable_whenConstructed_thenRejected() {
    assertThatThrownBy(
            () -> new GlueTable("erp", "sales", "lake", "", FileFormat.PARQUET,
                Map.of(), Map.of(), new GlueTable.Csv(',', 0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenColumnsMap_whenConstructed_thenOrderKeptAndCopied() {
    Map<String, String> columns = linked("b", "string", "a", "int");
    GlueTable table =
        new GlueTable("erp", "t", "lake", "", FileFormat.JSONL, columns, Map.of(), null);
    columns.put("c", "double");

    assertThat(table.columns().keySet()).containsExactly("b", "a");
    assertThatThrownBy(() -> table.columns().put("d", "int"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  private static Map<String, String> linked(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
