package io.demandcast.pipelines.cli;

import io.demandcast.pipelines.cli.CliRun.Outcome;
import static io.demandcast.pipelines.cli.CliRun.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.connectors.bigquery.BigQuerySchemas;
import io.demandcast.connectors.duckdb.DuckDbSchemas;
import io.demandcast.connectors.hive.HiveSchemas;
import org.junit.jupiter.api.Test;

/** {@code demandcast ddl --dialect ...}: what it prints, its help, and its error. */
class DdlCommandTest {


  @Test
  void givenNoDialect_whenDdl_thenDuckDbAsBefore() {
    Outcome r = execute("ddl");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo(DuckDbSchemas.ddlScript());
  }

  @Test
  void givenEachDialect_whenDdl_thenPrintsThatDialectsScript() {
    assertThat(execute("ddl", "--dialect", "hive").out()).isEqualTo(HiveSchemas.ddlScript())
        .contains("CREATE TABLE IF NOT EXISTS `${database}`.`erp_sales` (");
    assertThat(execute("ddl", "--dialect=bigquery").out()).isEqualTo(BigQuerySchemas.ddlScript())
        .contains("CREATE TABLE IF NOT EXISTS `${dataset}.erp_sales` (");
    assertThat(execute("ddl", "--dialect", "DuckDB").out()).isEqualTo(DuckDbSchemas.ddlScript());
  }

  @Test
  void givenUnknownDialect_whenDdl_thenNonZeroExitNamingItAndTheKnownOnes() {
    Outcome r = execute("ddl", "--dialect", "oracle");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("'oracle'").contains("duckdb, hive, bigquery");
  }

  @Test
  void givenDdlHelp_whenShown_thenListsTheDialectsAndHowToRegenerateEachFile() {
    Outcome r = execute("ddl", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("--dialect=NAME").contains("duckdb, hive, bigquery")
        .contains("Default: duckdb")
        .contains("./demandcast ddl > sql/duckdb/tables.sql")
        .contains("./demandcast ddl --dialect hive > sql/hive/tables.sql")
        .contains("./demandcast ddl --dialect bigquery > sql/bigquery/tables.sql");
  }
}
