package io.demandcast.connectors.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GlueTableNameTest {

  @Test
  void givenGlueUri_whenParsed_thenDatabaseAndTable() {
    GlueTableName name = GlueTableName.parse("glue://erp_lake.sales-2024");

    assertThat(name.database()).isEqualTo("erp_lake");
    assertThat(name.table()).isEqualTo("sales-2024");
    assertThat(name).hasToString("glue://erp_lake.sales-2024");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "glue://sales", "glue://erp.sales.2024", "glue://.sales", "glue://erp.", "glue:erp.sales",
      "s3://erp.sales", "glue://erp.sales;drop", "glue://erp/sales", "glue://erp.sales "})
  void givenMalformedUri_whenParsed_thenErrorQuotesItAndShowsForm(String uri) {
    assertThatThrownBy(() -> GlueTableName.parse(uri))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + uri + "'")
        .hasMessageContaining("glue://<database>.<table>");
  }
}
