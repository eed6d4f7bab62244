package io.demandcast.pipelines.cli;

import io.demandcast.connectors.TableUri;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code demandcast run}: the job on the warehouse's own source tables, or on tables by URI. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run the job on the warehouse's source tables (or on tables given by URI).",
      "%nReads erp_sales, erp_items, erp_inventory, erp_purchase_orders, iot_readings and"
          + " logistics_shipments, validates every record, forecasts each SKU x location, recommends"
          + " orders, and publishes demand_forecasts, forecast_accuracy, inventory_recommendations,"
          + " rejected_records and model_runs in the warehouse under a new run id. Beam pipeline"
          + " options (--runner=DirectRunner, ...) are passed on as --name=value."
    },
    footer = {
      "",
      "Examples:",
      "  ./demandcast run --warehouse=erp.duckdb --horizon=6 --service-level=0.98",
      "  ./demandcast run --source erp_sales=duckdb:other.duckdb#sales_history"
    })
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JobOptions options;

  /** Beam pipeline options, --name=value; checked by {@link JobOptions#beamArgs}. */
  @Unmatched List<String> beamArgs = new ArrayList<>();

  @Option(
      names = "--source",
      paramLabel = "TABLE=URI",
      description = "Where a source table is read from, e.g. erp_sales=duckdb:other.duckdb#sales. "
          + "Repeatable. Default: the table of the same name in --warehouse.")
  Map<String, String> sources = new LinkedHashMap<>();

  @Override
  public Integer call() {
    Map<String, TableUri> uris = new LinkedHashMap<>();
    sources.forEach((table, uri) -> uris.put(table, TableUri.parse(uri)));
    return JobCommand.execute(options, beamArgs, uris, false, spec.commandLine().getOut());
  }
}
