package io.demandcast.pipelines.cli;

import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code demandcast sql}: runs SQL against the DuckDB warehouse, one statement given on the command
 * line, a script read from standard input, or statements typed at a prompt.
 */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "Run SQL against the warehouse (DuckDB dialect) and print the results.",
      "%nBy default the warehouse is opened read-only and without file access: queries, the"
          + " views, .tables and .schema, and temporary tables work; statements that would change"
          + " the file (insert, update, delete, create, drop, alter ...) or read or write other"
          + " files (read_csv, COPY ... TO, ATTACH, INSTALL, LOAD) are refused, and nothing is"
          + " written into the file. --read-write allows them.",
      "%nWith QUERY: run it and print its result. Without QUERY on a terminal: open a prompt"
          + " with line editing and history; statements end with ; and may span lines; .tables,"
          + " .schema TABLE, .help, .quit (or Ctrl-D). Without QUERY and with standard input"
          + " redirected: run the statements read from it, stopping at the first that fails.",
      "%nViews for analysts: latest_run, latest_forecasts, latest_explanations, latest_accuracy,"
          + " latest_recommendations, latest_rejected_records, forecast_accuracy_by_model,"
          + " latest_policy_simulation, service_by_class, accuracy_trend, reorder_now,"
          + " latest_order_explanations."
          + " Example queries: sql/examples/ (./demandcast sql < sql/examples/FILE.sql).",
      "%nFormats: table rounds doubles to 4 decimals for display and stops at --max-rows;"
          + " csv (RFC 4180, header row, NULL as an empty field) and json (an array of objects;"
          + " numbers as numbers, NULL as null) print every row at full precision, dates and"
          + " timestamps as ISO 8601. In csv and json, the 'ok (N rows changed)' of statements"
          + " without a result goes to standard error.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  ./demandcast sql \"select * from latest_recommendations limit 5\"",
      "  ./demandcast sql --format csv \"select * from latest_forecasts\" > fc.csv",
      "  ./demandcast sql --format json \"select * from forecast_accuracy_by_model\"",
      "  ./demandcast sql              the prompt: try .tables, .schema latest_run",
      "  echo \"select count(*) from latest_run;\" | ./demandcast sql --format csv",
      "  ./demandcast sql < checks.sql",
      "  ./demandcast sql --read-write \"create table mine as select ...\""
    })
final class SqlCommand implements Callable<Integer> {
  /** The history file when neither --history nor DEMANDCAST_HISTORY names one. */
  static final String HISTORY_FILE_NAME = ".demandcast_history";

  @Spec CommandSpec spec;

  @ParentCommand DemandcastCli parent;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "QUERY",
      description = "The SQL statement, or a file of statements ending in .sql (run as a script)."
          + " Without it: the prompt, or the statements of standard input.")
  String query;

  @Mixin ExistingWarehouse warehouse;

  @Option(
      names = "--read-write",
      description = "Open the warehouse read-write, with file access: statements may change and"
          + " drop tables and read and write files. On a demandcast warehouse (one with"
          + " model_runs), this version's tables and views are created first if missing."
          + " Default: read-only, no file access")
  boolean readWrite;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "How results print: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}")
  ResultFormat format;

  @Option(
      names = "--max-rows",
      paramLabel = "N",
      defaultValue = "100",
      description = "Table format: rows printed at most (csv and json print all). "
          + "Default: ${DEFAULT-VALUE}")
  int maxRows;

  @Option(
      names = "--max-width",
      paramLabel = "CHARS",
      defaultValue = "48",
      description = "Table format: characters shown per cell at most; longer values end in an "
          + "ellipsis. Default: ${DEFAULT-VALUE}")
  int maxWidth;

  @Option(
      names = "--history",
      paramLabel = "FILE",
      defaultValue = "${env:DEMANDCAST_HISTORY:-${sys:user.home}/" + HISTORY_FILE_NAME + "}",
      description = "The prompt's history file. Default: $DEMANDCAST_HISTORY, else "
          + "~/" + HISTORY_FILE_NAME)
  Path history;

  @Override
  public Integer call() throws IOException {
    if (maxRows < 1 || maxWidth < 4) {
      throw new IllegalArgumentException(
          "--max-rows must be at least 1 and --max-width at least 4; got " + maxRows + " and "
              + maxWidth);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    InputStream in = parent == null ? System.in : parent.in;
    DuckDbWarehouse opened = readWrite ? warehouse.openReadWrite() : warehouse.openReadOnly(false);
    try (Connection connection = opened.connect()) {
      SqlSession session = new SqlSession(connection, format, maxRows, maxWidth, !readWrite);
      Path script = query == null ? null : scriptFile(query);
      if (script != null) {
        runScript(session, Files.newBufferedReader(script, StandardCharsets.UTF_8), out, err);
      } else if (query != null) {
        try {
          session.execute(query, out, err);
        } catch (SqlSession.Refused e) {
          throw new IllegalArgumentException(e.getMessage(), e);
        } catch (SQLException e) {
          throw new IllegalArgumentException("the query failed: " + e.getMessage(), e);
        }
      } else if (in == System.in && stdinIsTerminal()) {
        prompt(session);
      } else {
        runScript(session, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)),
            out, err);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot close the warehouse: " + e.getMessage(), e);
    }
    return 0;
  }

  /**
   * The script file {@code query} names: a single word ending in {@code .sql}, which is no SQL
   * statement; null for a statement.
   *
   * @throws IllegalArgumentException when it names a file that does not exist
   */
  static Path scriptFile(String query) {
    String q = query.strip();
    if (!q.toLowerCase(java.util.Locale.ROOT).endsWith(".sql") || q.matches("(?s).*\\s.*")) {
      return null;
    }
    Path file = Path.of(q);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no SQL file " + file.toAbsolutePath().normalize()
          + "; give a statement in quotes, a .sql file that exists, or statements on standard"
          + " input (./demandcast sql < FILE)");
    }
    return file;
  }

  private void prompt(SqlSession session) throws IOException {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      // Ctrl-C while a statement runs cancels it (at the prompt JLine reads it as a key)
      terminal.handle(Terminal.Signal.INT, signal -> session.cancel());
      new SqlPrompt(session, terminal, history)
          .run("demandcast sql on " + warehouse.path.toAbsolutePath().normalize()
              + (readWrite ? " (read-write)" : " (read-only; --read-write to change it)")
              + ", results as " + format + "\nStatements end with ;  .help lists the commands, .quit or Ctrl-D"
              + " leaves.");
    }
  }

  /**
   * Runs the statements and dot commands of a script: statements end with {@code ;} and may span
   * lines, a dot command is a line of its own between statements; the text after the last {@code
   * ;} runs as one more statement. Stops at {@code .quit} or {@code .exit}.
   *
   * @throws IllegalArgumentException at the first statement or command that fails, naming its line
   *     and the database's message; the results of the statements before it are printed
   */
  static void runScript(SqlSession session, BufferedReader in, PrintWriter out, PrintWriter err)
      throws IOException {
    StringBuilder buffer = new StringBuilder();
    int bufferLine = 1; // the script line the buffer starts at
    int lineNumber = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      lineNumber++;
      if (line.strip().startsWith(".")
          && !SqlStatements.split(buffer.toString()).hasIncompleteStatement()) {
        try {
          if (!session.dotCommand(line, out)) {
            return;
          }
        } catch (SQLException | RuntimeException e) {
          throw new IllegalArgumentException(
              "line " + lineNumber + ": " + SqlPrompt.messageOf(e), e);
        }
        buffer.setLength(0);
        bufferLine = lineNumber + 1;
        continue;
      }
      buffer.append(line).append('\n');
      SqlStatements.Split split = SqlStatements.split(buffer.toString());
      for (SqlStatements.Statement statement : split.statements()) {
        run(session, statement.sql(), bufferLine + statement.line() - 1, out, err);
      }
      if (!split.statements().isEmpty()) {
        int consumedLines = (int) buffer.substring(0, buffer.length() - split.rest().length())
            .chars().filter(c -> c == '\n').count();
        buffer = new StringBuilder(split.rest());
        bufferLine += consumedLines;
      }
    }
    SqlStatements.Split last = SqlStatements.split(buffer.toString());
    if (last.hasIncompleteStatement()) {
      run(session, last.rest().strip(), bufferLine + last.restLine() - 1, out, err);
    }
  }

  private static void run(SqlSession session, String sql, int line, PrintWriter out,
      PrintWriter err) {
    try {
      session.execute(sql, out, err);
    } catch (SQLException | RuntimeException e) {
      throw new IllegalArgumentException(
          "the statement at line " + line + " failed: " + SqlPrompt.messageOf(e), e);
    }
  }

  /**
   * Whether standard input and output are a terminal: {@link System#console()} is null otherwise
   * up to Java 21; from Java 22 it may be a console anyway, which {@code Console.isTerminal()}
   * (22+) tells.
   */
  static boolean stdinIsTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // before Java 22: a console is a terminal
    }
  }
}
