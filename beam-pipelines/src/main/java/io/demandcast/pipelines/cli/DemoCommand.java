package io.demandcast.pipelines.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

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

  @Override
  public Integer call() {
    return JobCommand.execute(options, Map.of(), true, spec.commandLine().getOut());
  }
}
