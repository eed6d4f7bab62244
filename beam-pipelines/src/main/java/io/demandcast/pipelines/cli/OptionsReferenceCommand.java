package io.demandcast.pipelines.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code demandcast options-reference} (hidden): prints the command-line reference, {@link
 * OptionsReference#generate}, which is committed as {@code docs/options.md}.
 */
@Command(
    name = "options-reference",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = {
      "Prints the reference of every command and option (docs/options.md) as Markdown.",
      "%nGenerated from the commands' own definitions; the committed file is this output (a test"
          + " fails when they differ). Regenerate it from the repository root with:",
      "  " + OptionsReference.REGENERATE
    })
final class OptionsReferenceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(OptionsReference.generate());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
