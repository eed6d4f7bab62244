package io.demandcast.pipelines.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The main class of the Dataflow Flex Template ({@code dataflow/flex-template/Dockerfile}): the
 * launcher calls {@code main} with the template's parameters as {@code --name=value} (names as in
 * {@code metadata.json}, e.g. {@code --serviceLevel=0.98}) and Dataflow's own pipeline options
 * ({@code --runner}, {@code --project}, {@code --region}, {@code --tempLocation}, ...). This runs
 * {@code demandcast run} with the parameters turned back into the CLI's options and everything else
 * passed on to Beam, as the CLI does with unknown {@code --name=value} arguments.
 */
public final class FlexTemplateMain {
  private FlexTemplateMain() {}

  /** Runs {@code demandcast run} with the template's arguments and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(DemandcastCli.execute(System.out, System.err, cliArgs(args)));
  }

  /**
   * The {@code demandcast} arguments for the template's: {@code run} first; each template
   * parameter {@code --camelName=value} as the option {@code --kebab-name=value}, a list parameter
   * ({@code source}, {@code map}) as one option per comma-separated item; an empty value (a
   * parameter left blank) dropped; every other argument as is, in order.
   *
   * @param templateArgs the arguments the Flex Template launcher passes to {@code main}
   * @return the arguments of {@code ./demandcast run ...}
   */
  static String[] cliArgs(String... templateArgs) {
    Map<String, OptionSpec> parameters = FlexTemplateMetadata.exposedOptions();
    List<String> out = new ArrayList<>();
    out.add("run");
    for (String arg : templateArgs) {
      int eq = arg.indexOf('=');
      OptionSpec option = arg.startsWith("--") && eq > 2 ? parameters.get(arg.substring(2, eq)) : null;
      if (option == null) {
        out.add(arg);
        continue;
      }
      String value = arg.substring(eq + 1).trim();
      if (value.isEmpty()) {
        continue;
      }
      if (FlexTemplateMetadata.LISTS.contains(option.longestName())) {
        for (String item : value.split(",")) {
          if (!item.isBlank()) {
            out.add(option.longestName() + "=" + item.trim());
          }
        }
      } else {
        out.add(option.longestName() + "=" + value);
      }
    }
    return out.toArray(String[]::new);
  }
}
