package io.demandcast.pipelines.cli;

import io.demandcast.pipelines.RunRecord;
import io.demandcast.pipelines.WarehouseCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code demandcast check}: what stands between a warehouse and a run, all of it in one report
 * ({@link WarehouseCheck#full}), without running the job or writing anything.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Check a warehouse for a run, without running the job or writing anything.",
      "%nLists in one report every problem at once: missing source tables (a run needs erp_sales"
          + " and erp_items; the other four may be absent, and the report says what a run then"
          + " assumes), every missing or mistyped column of every table, the rows a run would"
          + " reject per reason with examples (the job's own rules, with --as-of and the other"
          + " plausibility options), sales of SKUs without an item row, items without stock,"
          + " suppliers without shipments, and the defaults a run would assume.",
      "%nTakes every option run takes (--source, --map, --mapping, --as-of, ...): the same command"
          + " line with check instead of run checks what that run would read. Values are checked"
          + " for DuckDB tables; tables in Hive, S3, Glue or BigQuery get the table and column"
          + " check of their connectors.",
      "%nExit code 0 when a run can proceed (warnings allowed), 2 when something blocks it."
    },
    footer = {
      "",
      "Examples:",
      "  ./demandcast check --warehouse mine.duckdb",
      "  ./demandcast check --warehouse mine.duckdb --as-of 2024-06-30 \\",
      "      --source erp_sales=duckdb:erp.duckdb#sales_history --map erp_sales.sku=item_code"
    })
final class CheckCommand implements Callable<Integer> {
  @CommandLine.ParentCommand DemandcastCli parent;

  @Spec CommandSpec spec;
  @Mixin JobOptions options;

  /** Beam pipeline options, --name=value, for the connectors of non-DuckDB sources. */
  @Unmatched List<String> beamArgs = new ArrayList<>();

  @Mixin SourceOptions sourceOptions;

  @Override
  public Integer call() {
    WarehouseCheck.Report report = WarehouseCheck.full(new WarehouseCheck.Request(
        options.warehouse, sourceOptions.uris(JobCommand.connectors(parent)), sourceOptions.mapping(), null,
        options.settings(RunRecord.now()), JobOptions.beamArgs(beamArgs),
        JobCommand.connectors(parent)));
    spec.commandLine().getOut().print(report.render());
    spec.commandLine().getOut().flush();
    return report.exitCode();
  }
}
