package io.demandcast.connectors.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.services.bigquery.model.TableFieldSchema;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.ColumnType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BigQueryTableCheckTest {
  private static final String URI = "bigquery://acme-prod/erp.sales";

  private static TableFieldSchema field(String name, String type, String mode) {
    return new TableFieldSchema().setName(name).setType(type).setMode(mode);
  }

  @Test
  void givenLegacyTypeNamesAndOtherCase_whenChecked_thenAcceptedAndSourceNamesReturned() {
    List<TableFieldSchema> fields = List.of(field("SKU", "STRING", "REQUIRED"),
        field("Location", "STRING", null), field("date", "DATE", "NULLABLE"),
        field("qty", "FLOAT", null), field("unit_price", "BIGNUMERIC", null),
        field("promo", "BOOLEAN", null));

    Map<String, String> sources = BigQueryTableCheck.check(URI, fields, CanonicalTables.ERP_SALES,
        ColumnMapping.of(Map.of("erp_sales", Map.of("quantity", "qty"))));

    // lineage may be absent; the others are read under the table's own spelling
    assertThat(sources).containsExactly(Map.entry("sku", "SKU"), Map.entry("location", "Location"),
        Map.entry("date", "date"), Map.entry("quantity", "qty"),
        Map.entry("unit_price", "unit_price"), Map.entry("promo", "promo"));
  }

  @Test
  void givenTypesOfTheTable_whenAskedPerCanonicalType_thenOnlyTheDocumentedOnesMatch() {
    assertThat(BigQueryTableCheck.isCompatible(ColumnType.INT32, field("n", "INTEGER", null))).isTrue();
    assertThat(BigQueryTableCheck.isCompatible(ColumnType.DOUBLE, field("n", "INT64", null))).isTrue();
    assertThat(BigQueryTableCheck.isCompatible(ColumnType.INT64, field("n", "FLOAT64", null))).isFalse();
    assertThat(BigQueryTableCheck.isCompatible(ColumnType.DATE, field("t", "STRING", null))).isFalse();
    assertThat(BigQueryTableCheck.isCompatible(ColumnType.TIMESTAMP, field("t", "DATETIME", null))).isTrue();
    assertThat(BigQueryTableCheck.isCompatible(ColumnType.TIMESTAMP, field("t", "DATE", null))).isTrue();
    assertThat(BigQueryTableCheck.isCompatible(ColumnType.DATE, field("t", "TIMESTAMP", null))).isTrue();
    assertThat(BigQueryTableCheck.isCompatible(ColumnType.DATE, field("t", "DATETIME", null))).isTrue();
    assertThat(BigQueryTableCheck.isCompatible(ColumnType.STRING, field("s", "STRING", "REPEATED"))).isFalse();
    assertThat(BigQueryTableCheck.isCompatible(ColumnType.STRING, field("s", "BYTES", null))).isFalse();
  }

  @Test
  void givenRepeatedColumn_whenChecked_thenRefusedAsArray() {
    List<TableFieldSchema> fields = List.of(field("sku", "STRING", "REPEATED"));

    assertThatThrownBy(() -> BigQueryTableCheck.check(URI, fields, CanonicalTables.ERP_SALES,
            ColumnMapping.IDENTITY))
        .hasMessageStartingWith(URI + " column sku: expected STRING (BigQuery STRING), found"
            + " ARRAY<STRING>;");
  }

  @Test
  void givenMappedColumnMissing_whenChecked_thenMessageNamesBothSidesAndTheColumnsFound() {
    List<TableFieldSchema> fields = List.of(field("sku", "STRING", null),
        field("location", "STRING", null), field("date", "DATE", null));

    assertThatThrownBy(() -> BigQueryTableCheck.check(URI, fields, CanonicalTables.ERP_SALES,
            ColumnMapping.of(Map.of("erp_sales", Map.of("quantity", "qty")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(URI + " has no column qty (mapped to erp_sales.quantity, expected DOUBLE"
            + " (BigQuery FLOAT64, NUMERIC, BIGNUMERIC or INT64)); found columns [sku, location, date];"
            + " fix the column mapping or the BigQuery table");
  }
}
