package io.demandcast.pipelines.cli;

import io.demandcast.connectors.Connectors;
import io.demandcast.connectors.Redaction;
import io.demandcast.connectors.TableUri;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.pipelines.DemandcastJob;
import io.demandcast.pipelines.RunRecord;
import io.demandcast.pipelines.WarehouseCheck;
import io.demandcast.pipelines.model.JobSettings;
import io.demandcast.pipelines.report.PlannerReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** Runs the job, exports the report and prints the summary; shared by {@code demo} and {@code run}. */
final class JobCommand {
  private JobCommand() {}

  /** The connectors of the command line {@code parent}; those on the class path without one. */
  static Connectors connectors(DemandcastCli parent) {
    return parent == null || parent.connectors == null ? Connectors.loaded() : parent.connectors;
  }

  static int execute(
      JobOptions options,
      List<String> unmatched,
      Map<String, TableUri> sources,
      ColumnMapping mapping,
      boolean loadDemo,
      String output,
      Connectors connectors,
      PrintWriter out) {
    List<String> beamArgs = JobOptions.beamArgs(unmatched);
    JobSettings settings = options.settings(RunRecord.now());
    // what is printed is redacted (Redaction): an output URI or a progress line could hold a secret
    out.printf("demandcast %s: run %s -> %s%n", RunRecord.version(), settings.runId(),
        output != null ? Redaction.redact(output) : options.warehouse.toAbsolutePath().normalize());
    // tables and columns first (no rows read): a run that cannot work stops here, all of its
    // problems listed, before anything is written
    if (!loadDemo && !WarehouseCheck.beforeRun(new WarehouseCheck.Request(options.warehouse,
        sources, mapping, output, settings, beamArgs, connectors), line -> out.println(Redaction.redact(line)))) {
      return WarehouseCheck.BLOCKED;
    }
    DemandcastJob.Result result =
        DemandcastJob.run(
            new DemandcastJob.Request(
                options.warehouse, sources, mapping, settings, beamArgs, loadDemo,
                line -> out.println(Redaction.redact(line)), output, connectors));
    if (output != null) {
      SummaryPrinter.printWithoutReport(out, result, output);
      return 0;
    }
    DuckDbWarehouse warehouse = DuckDbWarehouse.attach(options.warehouse);
    out.println("  writing the planner report");
    PlannerReport.Written report =
        PlannerReport.write(
            warehouse, result.runId(), options.reports, options.reportTop, options.currency);
    SummaryPrinter.print(out, result, report.summary(), report, options.warehouse);
    return 0;
  }
}
