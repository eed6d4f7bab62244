package io.demandcast.connectors.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class DialectTest {

  /** A committed DDL file, read from the repository root (tests run in the module folder). */
  static String committed(Dialect dialect) throws IOException {
    return Files.readString(Path.of("..").resolve(dialect.tablesFile()), StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void givenCommittedDdl_whenComparedWithTheSchemaInCode_thenTheyAreEqual(Dialect dialect)
      throws IOException {
    assertThat(committed(dialect))
        .as(dialect.tablesFile() + " is stale: regenerate it with " + dialect.regenerateCommand())
        .isEqualTo(dialect.ddlScript());
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void givenScript_whenRead_thenItsHeaderGivesTheRegenerateCommand(Dialect dialect) {
    assertThat(dialect.ddlScript()).contains("-- regenerate with: " + dialect.regenerateCommand() + "\n");
  }

  @Test
  void givenDialects_whenNamed_thenFoldersAndCommandsAreThoseOfTheCli() {
    assertThat(Dialect.HIVE.tablesFile()).isEqualTo("sql/hive/tables.sql");
    assertThat(Dialect.BIGQUERY.regenerateCommand())
        .isEqualTo("./demandcast ddl --dialect bigquery > sql/bigquery/tables.sql");
    assertThat(Dialect.DUCKDB.regenerateCommand()).isEqualTo("./demandcast ddl > sql/duckdb/tables.sql");
    assertThat(Dialect.of("BigQuery")).isEqualTo(Dialect.BIGQUERY);
    assertThat(Dialect.of(" hive ")).isEqualTo(Dialect.HIVE);
  }

  @Test
  void givenUnknownDialect_whenLookedUp_thenErrorNamesItAndTheKnownOnes() {
    assertThatThrownBy(() -> Dialect.of("oracle"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'oracle'")
        .hasMessageContaining("duckdb, hive, bigquery");
  }
}
