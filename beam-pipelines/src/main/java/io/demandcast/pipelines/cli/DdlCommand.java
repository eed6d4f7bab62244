package io.demandcast.pipelines.cli;

import io.demandcast.connectors.duckdb.DuckDbSchemas;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code demandcast ddl}: prints the DDL of the canonical tables. */
@Command(
    name = "ddl",
    mixinStandardHelpOptions = true,
    description = {
      "Print the DDL of every canonical table (DuckDB dialect).",
      "%nGenerated from the one schema definition in code; sql/duckdb/tables.sql is this output."
    })
final class DdlCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(DuckDbSchemas.ddlScript());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
