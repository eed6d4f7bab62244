package io.demandcast.pipelines.cli;

import io.demandcast.connectors.Connectors;
import io.demandcast.connectors.Redaction;
import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.pipelines.RunRecord;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code demandcast} command line. */
@Command(
    name = "demandcast",
    mixinStandardHelpOptions = true,
    versionProvider = DemandcastCli.Version.class,
    description = {
      "Demand forecasting and inventory recommendations inside the data warehouse.",
      "%nReads ERP, IoT and logistics tables, forecasts demand per SKU x location, and writes"
          + " forecasts, backtest accuracy, safety stock, reorder points and order quantities back"
          + " to tables analysts query in SQL, with a report planners open offline."
    },
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      CheckCommand.class,
      ImportCommand.class,
      SqlCommand.class,
      ExportCommand.class,
      DdlCommand.class,
      BenchmarkCommand.class,
      InventoryBenchmarkCommand.class,
      GenerateCommand.class,
      ScaleBenchmarkCommand.class,
      FlexTemplateMetadataCommand.class,
      OptionsReferenceCommand.class,
      CommandLine.HelpCommand.class
    })
public final class DemandcastCli implements Runnable {
  @Spec CommandSpec spec;

  /** Standard input for the commands that read it ({@code sql} without a query). */
  InputStream in = System.in;

  /**
   * The source connectors the commands read and write through, by URI scheme (tests pass in one
   * with fakes of cloud services).
   */
  Connectors connectors;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs the command line and returns its exit code. */
  public static int execute(PrintStream out, PrintStream err, String... args) {
    return execute(System.in, out, err, args);
  }

  /**
   * Runs the command line with {@code in} as standard input and returns its exit code. Standard
   * input other than {@link System#in} is never an interactive terminal: {@code sql} without a
   * query reads its statements from it.
   */
  public static int execute(InputStream in, PrintStream out, PrintStream err, String... args) {
    return execute(Connectors.loaded(), in, out, err, args);
  }

  /**
   * As {@link #execute(InputStream, PrintStream, PrintStream, String...)}, through {@code
   * connectors}.
   */
  public static int execute(Connectors connectors, InputStream in, PrintStream out,
      PrintStream err, String... args) {
    DemandcastCli command = new DemandcastCli();
    command.in = in;
    command.connectors = connectors;
    CommandLine cli = new CommandLine(command);
    // --period=week as well as --period=WEEK
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    // Every error printed is redacted (io.demandcast.connectors.Redaction): no password, key or
    // token of a message, a cause or an argument reaches standard error.
    List<String> secrets = Redaction.secretOptionValues(Arrays.asList(args));
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("demandcast: " + Redaction.redact(message(e), secrets));
          if (debug()) {
            commandLine.getErr().print(Redaction.redact(Redaction.stackTrace(e), secrets));
            commandLine.getErr().flush();
          } else {
            commandLine.getErr().println("(set DEMANDCAST_DEBUG=1 for the stack trace)");
          }
          return e instanceof IllegalArgumentException ? 2 : 1;
        });
    cli.setParameterExceptionHandler(
        (e, arguments) -> {
          // the error (redacted), the help of the one option at fault, and where to read on:
          // not the whole usage, which buries the one line that matters
          CommandLine commandLine = e.getCommandLine();
          PrintWriter w = commandLine.getErr();
          w.println(
              commandLine.getColorScheme().errorText(Redaction.redact(e.getMessage(), secrets)));
          CommandLine.UnmatchedArgumentException.printSuggestions(e, w);
          if (e.getArgSpec() instanceof CommandLine.Model.OptionSpec option) {
            w.print(commandLine.getHelp().optionListExcludingGroups(List.of(option)));
          }
          w.println("Run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for every"
              + " option.");
          w.flush();
          CommandSpec spec = commandLine.getCommandSpec();
          return commandLine.getExitCodeExceptionMapper() != null
              ? commandLine.getExitCodeExceptionMapper().getExitCode(e)
              : spec.exitCodeOnInvalidInput();
        });
    try {
      return cli.execute(args);
    } finally {
      DuckDbConnections.closeAll();
    }
  }

  /**
   * Whether errors are printed with their stack traces: environment variable {@code
   * DEMANDCAST_DEBUG} set, or system property {@code demandcast.debug=true} (tests, in process).
   */
  static boolean debug() {
    return System.getenv("DEMANDCAST_DEBUG") != null || Boolean.getBoolean("demandcast.debug");
  }

  /** The exception's own message (demandcast's messages carry their cause's), else its cause's. */
  private static String message(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return e.toString();
  }

  public static void main(String[] args) {
    System.exit(execute(System.out, System.err, args));
  }

  /** The version from the jar's build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"demandcast " + RunRecord.version()};
    }
  }
}
