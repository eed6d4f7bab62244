package io.demandcast.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TableUriTest {

  @Test
  void givenDuckDbUri_whenParsed_thenFileAndTable() {
    TableUri uri = TableUri.parse("duckdb:data/erp.duckdb#sales_2024");
    assertThat(uri.scheme()).isEqualTo("duckdb");
    assertThat(uri.file()).isEqualTo(Path.of("data/erp.duckdb"));
    assertThat(uri.table()).isEqualTo("sales_2024");
  }

  @Test
  void givenUriWithoutTable_whenParsed_thenErrorShowsExpectedForm() {
    assertThatThrownBy(() -> TableUri.parse("duckdb:erp.duckdb"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duckdb:<file>#<table>");
  }

  @Test
  void givenOtherSystemScheme_whenParsed_thenErrorSaysNotInThisBuild() {
    assertThatThrownBy(() -> TableUri.parse("hive://localhost:10000/erp.sales"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hive connector is not part of this build");
  }

  @Test
  void givenInjectionInTableName_whenParsed_thenRejected() {
    assertThatThrownBy(() -> TableUri.parse("duckdb:x.duckdb#sales; drop table t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("letters, digits and underscores");
  }
}
