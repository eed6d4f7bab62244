package io.demandcast.pipelines.cli;

import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.pipelines.DemandcastJob;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
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
      SqlCommand.class,
      ExportCommand.class,
      DdlCommand.class,
      BenchmarkCommand.class,
      InventoryBenchmarkCommand.class,
      GenerateCommand.class,
      ScaleBenchmarkCommand.class,
      FlexTemplateMetadataCommand.class,
      CommandLine.HelpCommand.class
    })
public final class DemandcastCli implements Runnable {
  @Spec CommandSpec spec;

  /** Standard input for the commands that read it ({@code sql} without a query). */
  InputStream in = System.in;

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
    DemandcastCli command = new DemandcastCli();
    command.in = in;
    CommandLine cli = new CommandLine(command);
    // --period=week as well as --period=WEEK
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("demandcast: " + message(e));
          if (System.getenv("DEMANDCAST_DEBUG") != null) {
            e.printStackTrace(commandLine.getErr());
          } else {
            commandLine.getErr().println("(set DEMANDCAST_DEBUG=1 for the stack trace)");
          }
          return e instanceof IllegalArgumentException ? 2 : 1;
        });
    try {
      return cli.execute(args);
    } finally {
      DuckDbConnections.closeAll();
    }
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
      return new String[] {"demandcast " + DemandcastJob.version()};
    }
  }
}
