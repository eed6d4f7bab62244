package io.demandcast.pipelines.cli;

import io.demandcast.connectors.Redaction;
import io.demandcast.connectors.demo.DemoDataset;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.pipelines.DemandcastJob;
import io.demandcast.pipelines.RunRecord;
import io.demandcast.pipelines.model.JobSettings;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code demandcast demo}: load the shipped demo input and run the job on it. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Load the shipped demo data into the warehouse and run the job on it.",
      "%nLoads the demo input (car-parts sales, USAID SCMS shipments, a NAB temperature sensor,"
          + " Brunel warehouse costs; see data/demo/README.md) into the warehouse's source tables,"
          + " replacing what they held, and runs the job twice: first as of the end of the period"
          + " before the data's last one (run id <ID>-prev), then as of today, so that the"
          + " warehouse holds a forecast the last period's sales can be compared with (accuracy"
          + " over time, forecast error, drift). The planner report is written for the second run."
          + " With --as-of, one run as of that day. Beam pipeline options (--runner=..., ...) are"
          + " passed on as --name=value."
    },
    footer = {
      "",
      "Example:",
      "  ./demandcast demo",
      "  ./demandcast sql \"select * from latest_recommendations limit 5\""
    })
final class DemoCommand implements Callable<Integer> {
  @CommandLine.ParentCommand DemandcastCli parent;

  @Spec CommandSpec spec;
  @Mixin JobOptions options;

  /** Beam pipeline options, --name=value; checked by {@link JobOptions#beamArgs}. */
  @Unmatched List<String> beamArgs = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (options.asOf == null) {
      // first: as of the end of the period before the data's last one
      JobSettings main = options.settings(RunRecord.now());
      LocalDate previous = main.period().start(DemoDataset.SNAPSHOT_DATE).minusDays(1);
      String mainId = main.runId();
      options.asOf = previous;
      options.runId = mainId + "-prev";
      JobSettings settings = options.settings(RunRecord.now());
      out.printf("demandcast %s: run %s as of %s (the period before the demo's last) -> %s%n",
          RunRecord.version(), settings.runId(), previous,
          options.warehouse.toAbsolutePath().normalize());
      DemandcastJob.Result result = DemandcastJob.run(new DemandcastJob.Request(
          options.warehouse, Map.of(), ColumnMapping.IDENTITY, settings,
          JobOptions.beamArgs(beamArgs), true, line -> out.println(Redaction.redact(line)), null,
          JobCommand.connectors(parent)));
      out.printf("run %s complete in %.1f s: %,d series forecast from the period starting %s%n%n",
          result.runId(), result.seconds(), result.seriesForecast(), result.origin());
      options.asOf = null;
      options.runId = mainId;
    }
    return JobCommand.execute(
        options, beamArgs, Map.of(), ColumnMapping.IDENTITY, true, null, JobCommand.connectors(parent), out);
  }
}
