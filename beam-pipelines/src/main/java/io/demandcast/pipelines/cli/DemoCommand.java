package io.demandcast.pipelines.cli;

import io.demandcast.connectors.schema.ColumnMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
          + " replacing what they held, runs the job and writes the planner report. Beam pipeline"
          + " options (--runner=..., ...) are passed on as --name=value."
    },
    footer = {
      "",
      "Example:",
      "  ./demandcast demo",
      "  ./demandcast sql \"select * from latest_recommendations limit 5\""
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JobOptions options;

  /** Beam pipeline options, --name=value; checked by {@link JobOptions#beamArgs}. */
  @Unmatched List<String> beamArgs = new ArrayList<>();

  @Override
  public Integer call() {
    return JobCommand.execute(
        options, beamArgs, Map.of(), ColumnMapping.IDENTITY, true, null, spec.commandLine().getOut());
  }
}
