package io.demandcast.pipelines.cli;

import io.demandcast.connectors.Connectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs the CLI in-process, as the tests do, and keeps what it printed and returned. */
public final class CliRun {
  private CliRun() {}

  /**
   * What one invocation printed and returned.
   *
   * @param exitCode the exit code
   * @param out standard output
   * @param err standard error
   */
  public record Outcome(int exitCode, String out, String err) {
    /** The first line of the error output: the message, before any usage text. */
    public String errFirstLine() {
      return err.lines().findFirst().orElse("");
    }
  }

  /** Runs {@code demandcast args...}. */
  public static Outcome execute(String... args) {
    return executeWith(Connectors.loaded(), args);
  }

  /**
   * Runs {@code demandcast args...} reaching sources and warehouses through {@code connectors}
   * (e.g. {@code Connectors.loaded().with(BigQueryConnector.withServices(fake))} with Beam's
   * in-memory BigQuery fakes).
   */
  public static Outcome executeWith(Connectors connectors, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = DemandcastCli.execute(connectors, System.in, o, e, args);
    }
    return new Outcome(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs {@code demandcast args...} with {@code stdin} (UTF-8) as standard input. */
  public static Outcome executeWithInput(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = DemandcastCli.execute(
          new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), o, e, args);
    }
    return new Outcome(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs {@code demandcast args...}. */
  public static Outcome execute(List<String> args) {
    return execute(args.toArray(String[]::new));
  }
}
