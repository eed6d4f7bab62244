package io.demandcast.pipelines.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code demandcast flex-template-metadata} (hidden): prints the Dataflow Flex Template metadata of
 * {@code run}, {@link FlexTemplateMetadata#generateText}.
 */
@Command(
    name = "flex-template-metadata",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = "Prints the Dataflow Flex Template metadata (metadata.json) of the run command.")
final class FlexTemplateMetadataCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(FlexTemplateMetadata.generateText());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
