package io.demandcast.connectors.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColumnMappingTest {
  private static final TableSchema SALES = CanonicalTables.ERP_SALES;

  @TempDir Path dir;

  // ------------------------------------------------------------------ entries

  @Test
  void givenEntries_whenParsed_thenMappedColumnsReadTheirSourceAndOthersKeepTheirName() {
    ColumnMapping m = ColumnMapping.parseEntries(
        List.of("erp_sales.date=sale_day", " erp_sales . sku = item_code ", "erp_items.sku=ITEM"));

    assertThat(m.sourceColumn(SALES, "sku")).isEqualTo("item_code");
    assertThat(m.sourceColumn(SALES, "date")).isEqualTo("sale_day");
    assertThat(m.sourceColumn(SALES, "location")).isEqualTo("location");
    assertThat(m.sourceColumn(CanonicalTables.ERP_ITEMS, "sku")).isEqualTo("ITEM");
    assertThat(m.sourceColumn(CanonicalTables.ERP_INVENTORY, "sku")).isEqualTo("sku");
    assertThat(m.isMapped(SALES, "sku")).isTrue();
    assertThat(m.isMapped(SALES, "location")).isFalse();
    // canonical table order (erp_items before erp_sales) and column order (sku before date)
    assertThat(m.asMap().keySet()).containsExactly("erp_items", "erp_sales");
    assertThat(m.entries(SALES)).containsExactly(Map.entry("sku", "item_code"),
        Map.entry("date", "sale_day"));
    assertThat(m).hasToString("erp_items.sku=ITEM, erp_sales.sku=item_code, erp_sales.date=sale_day");
  }

  @Test
  void givenNoEntries_whenParsed_thenIdentity() {
    ColumnMapping m = ColumnMapping.parseEntries(List.of());
    assertThat(m).isEqualTo(ColumnMapping.IDENTITY);
    assertThat(m.isEmpty()).isTrue();
    assertThat(m.sourceColumn(SALES, "quantity")).isEqualTo("quantity");
    assertThat(m).hasToString("(none)");
  }

  @Test
  void givenSwappedColumns_whenParsed_thenValid() {
    // each canonical column reads a different source column: a swap is not a conflict
    ColumnMapping m = ColumnMapping.parseEntries(
        List.of("erp_sales.sku=location", "erp_sales.location=sku"));
    assertThat(m.sourceColumn(SALES, "sku")).isEqualTo("location");
    assertThat(m.sourceColumn(SALES, "location")).isEqualTo("sku");
  }

  @Test
  void givenMalformedEntries_whenParsed_thenMessageQuotesTheEntryAndTheSyntax() {
    assertThatThrownBy(() -> ColumnMapping.parseEntries(List.of("erp_sales.sku"), "--map"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--map: 'erp_sales.sku' is not TABLE.COLUMN=SOURCE_COLUMN,"
            + " e.g. erp_sales.sku=item_code");
    assertThatThrownBy(() -> ColumnMapping.parseEntries(List.of("sku=item.code"), "--map"))
        .hasMessageStartingWith("--map: 'sku=item.code' is not TABLE.COLUMN=SOURCE_COLUMN");
    assertThatThrownBy(() -> ColumnMapping.parseEntries(List.of("erp_sales.sku="), "--map"))
        .hasMessageStartingWith("--map: 'erp_sales.sku=' leaves the table, the column or the"
            + " source column empty");
    assertThatThrownBy(() -> ColumnMapping.parseEntries(List.of(".sku=x"), "--map"))
        .hasMessageContaining("'.sku=x'");
  }

  @Test
  void givenColumnMappedTwiceDifferently_whenParsed_thenMessageNamesBothSources() {
    assertThatThrownBy(() -> ColumnMapping.parseEntries(
            List.of("erp_sales.sku=a", "erp_sales.sku=b"), "--map"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--map: erp_sales.sku is mapped twice, to 'a' and to 'b'; give it once");
    // the same entry twice says the same thing twice: accepted
    assertThat(ColumnMapping.parseEntries(List.of("erp_sales.sku=a", "erp_sales.sku=a"))
        .sourceColumn(SALES, "sku")).isEqualTo("a");
  }

  @Test
  void givenUnknownTable_whenParsed_thenMessageNamesEntryAndListsSourceTables() {
    assertThatThrownBy(() -> ColumnMapping.parseEntries(List.of("erp_salez.sku=item_code")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("column mapping: erp_salez.sku=item_code: unknown table"
            + " 'erp_salez'; the source tables are [erp_items, erp_sales,")
        .hasMessageContaining("logistics_shipments");
  }

  @Test
  void givenOutputTable_whenParsed_thenMessageSaysOnlySourcesCanBeMapped() {
    assertThatThrownBy(() -> ColumnMapping.parseEntries(List.of("model_runs.options=opts")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model_runs.options=opts: model_runs is an output table")
        .hasMessageContaining("only source tables can be mapped");
  }

  @Test
  void givenUnknownColumn_whenParsed_thenMessageNamesEntryAndListsTheColumns() {
    assertThatThrownBy(() -> ColumnMapping.parseEntries(List.of("erp_sales.SKU=item_code")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("column mapping: erp_sales.SKU=item_code: erp_sales has no column 'SKU'; map"
            + " one of its columns [sku, location, date, quantity, unit_price, promo, lineage]");
  }

  @Test
  void givenTwoColumnsMappedToOneSourceColumn_whenParsed_thenMessageNamesBoth() {
    // compared ignoring case, as DuckDB, Hive and BigQuery compare column names
    assertThatThrownBy(() -> ColumnMapping.parseEntries(
            List.of("erp_sales.sku=code", "erp_sales.location=CODE")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("erp_sales.sku and erp_sales.location are both mapped to source"
            + " column 'CODE'; map each canonical column to a different source column");
  }

  @Test
  void givenColumnMappedToAnUnmappedColumnsName_whenParsed_thenMessageSaysToMapThatOneToo() {
    assertThatThrownBy(() -> ColumnMapping.parseEntries(List.of("erp_sales.sku=location")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("erp_sales.sku=location: erp_sales.location is not mapped, so it"
            + " also reads source column 'location'; map erp_sales.location to the source column"
            + " that holds it, or map erp_sales.sku to another column");
  }

  @Test
  void givenSourceNameWithControlCharacter_whenBuilt_thenRejected() {
    assertThatThrownBy(() -> ColumnMapping.of(Map.of("erp_sales", Map.of("sku", "item\ncode"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("erp_sales.sku=item\ncode: source column name");
    assertThatThrownBy(() -> ColumnMapping.of(Map.of("erp_sales", Map.of("sku", " "))))
        .hasMessageContaining("erp_sales.sku: no source column given");
  }

  @Test
  void givenSourceNameWithSpaceAndCapitals_whenBuilt_thenKeptAsSpelled() {
    ColumnMapping m = ColumnMapping.of(Map.of("erp_sales", Map.of("sku", "Item Code")));
    assertThat(m.sourceColumn(SALES, "sku")).isEqualTo("Item Code");
  }

  // ------------------------------------------------------------------ files

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void givenJsonAndYamlFiles_whenRead_thenSameMappingAsTheEntries() throws Exception {
    ColumnMapping expected =
        ColumnMapping.parseEntries(List.of("erp_sales.sku=item_code", "erp_sales.date=sale_day",
            "iot_readings.ts=read_at"));
    Path json = write("m.json", """
        {"erp_sales": {"sku": "item_code", "date": "sale_day"},
         "iot_readings": {"ts": "read_at"}}
        """);
    Path yaml = write("m.yaml", """
        # sales history export
        erp_sales:
          sku: item_code
          date: sale_day
        iot_readings:
          ts: "read_at"
        """);
    Path yml = write("M.YML", "erp_sales: {sku: item_code, date: sale_day}\n"
        + "iot_readings: {ts: read_at}\n");

    assertThat(ColumnMapping.read(json)).isEqualTo(expected);
    assertThat(ColumnMapping.read(yaml)).isEqualTo(expected);
    assertThat(ColumnMapping.read(yml)).isEqualTo(expected);
  }

  @Test
  void givenEmptyObjectOrEmptyYaml_whenRead_thenIdentity() throws Exception {
    assertThat(ColumnMapping.read(write("e.json", "{}"))).isEqualTo(ColumnMapping.IDENTITY);
    assertThat(ColumnMapping.read(write("e.yaml", "# nothing mapped\n")))
        .isEqualTo(ColumnMapping.IDENTITY);
  }

  @Test
  void givenJsonSyntaxError_whenRead_thenMessageNamesFileLineAndColumn() throws Exception {
    Path f = write("bad.json", "{\"erp_sales\": {\"sku\": \"item_code\",}\n}");
    assertThatThrownBy(() -> ColumnMapping.read(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("column mapping file " + f + ": not valid JSON at line 1, column ");
  }

  @Test
  void givenTrailingContent_whenReadAsJson_thenRejected() throws Exception {
    Path f = write("two.json", "{\"erp_sales\": {\"sku\": \"a\"}} {}");
    assertThatThrownBy(() -> ColumnMapping.read(f))
        .hasMessage("column mapping file " + f + ": not valid JSON at line 1, column 29: content"
            + " after the mapping's object; the file holds one object");
  }

  @Test
  void givenDuplicateKey_whenRead_thenRejectedNamingTheKey() throws Exception {
    Path json = write("dup.json", "{\"erp_sales\": {\"sku\": \"a\", \"sku\": \"b\"}}");
    assertThatThrownBy(() -> ColumnMapping.read(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("column mapping file " + json + ": not valid JSON")
        .hasMessageContaining("'sku'");
    Path yaml = write("dup.yaml", "erp_sales:\n  sku: a\n  sku: b\n");
    assertThatThrownBy(() -> ColumnMapping.read(yaml))
        .hasMessageStartingWith("column mapping file " + yaml + ": not valid YAML")
        .hasMessageContaining("'sku'");
  }

  @Test
  void givenNonStringSource_whenRead_thenMessageNamesTheEntryAndWhatWasFound() throws Exception {
    Path json = write("n.json", "{\"erp_sales\": {\"sku\": 12}}");
    assertThatThrownBy(() -> ColumnMapping.read(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("column mapping file " + json + ": erp_sales.sku: expected the source"
            + " column's name as a string, found number 12");
    // YAML reads an unquoted on/true as a boolean: the message says to quote it
    Path yaml = write("b.yaml", "erp_sales:\n  promo: true\n");
    assertThatThrownBy(() -> ColumnMapping.read(yaml))
        .hasMessageContaining("erp_sales.promo: expected the source column's name as a string,"
            + " found boolean true (quote it)");
  }

  @Test
  void givenWrongShape_whenRead_thenMessageShowsTheExpectedShape() throws Exception {
    Path list = write("l.json", "[\"erp_sales.sku=item_code\"]");
    assertThatThrownBy(() -> ColumnMapping.read(list))
        .hasMessageStartingWith("column mapping file " + list + ": expected an object of source"
            + " tables, e.g. {\"erp_sales\": {\"sku\": \"item_code\"}}, found array");
    Path flat = write("f.json", "{\"erp_sales\": \"sales_history\"}");
    assertThatThrownBy(() -> ColumnMapping.read(flat))
        .hasMessageContaining(": erp_sales: expected an object of canonical column to source"
            + " column");
  }

  @Test
  void givenUnknownColumnInFile_whenRead_thenMessageNamesFileAndEntry() throws Exception {
    Path f = write("u.json", "{\"erp_sales\": {\"sku\": \"item_code\", \"day\": \"sale_day\"}}");
    assertThatThrownBy(() -> ColumnMapping.read(f))
        .hasMessageStartingWith("column mapping file " + f + ": erp_sales.day=sale_day:"
            + " erp_sales has no column 'day'");
  }

  @Test
  void givenMissingFileOrUnknownExtension_whenRead_thenMessageSaysWhatToFix() throws Exception {
    Path missing = dir.resolve("none.json");
    assertThatThrownBy(() -> ColumnMapping.read(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("column mapping file " + missing + " does not exist");
    Path txt = write("m.txt", "{}");
    assertThatThrownBy(() -> ColumnMapping.read(txt))
        .hasMessage("column mapping file " + txt + ": name it .json, .yaml or .yml to say its"
            + " format");
  }

  // ------------------------------------------------------------------ combining, serializing

  @Test
  void givenFileAndOptions_whenCombined_thenOptionWinsForTheSameColumnAndTheRestIsKept() {
    ColumnMapping file = ColumnMapping.parseEntries(
        List.of("erp_sales.sku=item_code", "erp_sales.date=sale_day", "erp_items.sku=item"));
    ColumnMapping options = ColumnMapping.parseEntries(List.of("erp_sales.sku=article"));

    ColumnMapping combined = file.overriddenBy(options);

    assertThat(combined.sourceColumn(SALES, "sku")).isEqualTo("article");
    assertThat(combined.sourceColumn(SALES, "date")).isEqualTo("sale_day");
    assertThat(combined.sourceColumn(CanonicalTables.ERP_ITEMS, "sku")).isEqualTo("item");
    assertThat(file.sourceColumn(SALES, "sku")).as("unchanged").isEqualTo("item_code");
  }

  @Test
  void givenCombinationThatReadsOneColumnTwice_whenCombined_thenRejectedWithTheOrigin() {
    ColumnMapping file = ColumnMapping.parseEntries(List.of("erp_sales.sku=code"));
    ColumnMapping options = ColumnMapping.parseEntries(List.of("erp_sales.location=code"));
    assertThatThrownBy(() -> file.overriddenBy(options, "--mapping with --map"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--mapping with --map: erp_sales.sku and erp_sales.location are"
            + " both mapped to source column 'code'");
  }

  @Test
  void givenMapping_whenSerialized_thenEqualCopy() throws Exception {
    ColumnMapping m = ColumnMapping.parseEntries(
        List.of("erp_sales.sku=item_code", "erp_sales.date=sale_day"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(m);
    }
    Object copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = in.readObject();
    }
    assertThat(copy).isEqualTo(m).isNotSameAs(m);
    assertThat(((ColumnMapping) copy).sourceColumn(SALES, "date")).isEqualTo("sale_day");
  }
}
