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
      "Loads the demo input shipped with demandcast (car-parts sales, USAID SCMS shipments,",
      "a NAB temperature sensor, Brunel warehouse costs; see data/demo/README.md) into the",
      "warehouse's source tables, replacing what they held, then runs the job on them and",
      "writes the planner report. Beam options (--runner=..., ...) go after the others."
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
