package io.demandcast.pipelines.cli;

import io.demandcast.connectors.Redaction;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.jline.reader.Completer;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.completer.AggregateCompleter;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;

/**
 * The interactive prompt of {@code demandcast sql}: JLine line editing, history kept in a file,
 * statements that span lines until their {@code ;}, the dot commands of {@link SqlSession}, and
 * errors printed without leaving the prompt.
 */
final class SqlPrompt {
  static final String PROMPT = "demandcast> ";

  private final SqlSession session;
  private final Terminal terminal;
  private final Path historyFile;

  /**
   * @param session the warehouse session the statements run in
   * @param terminal the terminal to read and print on; the caller closes it
   * @param historyFile where the history is read from and appended to; its parent directories are
   *     created when missing
   */
  SqlPrompt(SqlSession session, Terminal terminal, Path historyFile) {
    this.session = session;
    this.terminal = terminal;
    this.historyFile = historyFile;
  }

  /** Reads and runs statements and commands until {@code .quit}, {@code .exit} or end of input (Ctrl-D). */
  void run(String greeting) {
    createParentDirectories(historyFile);
    LineReader reader =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("demandcast")
            .parser(new StatementParser())
            .completer(completer())
            .variable(LineReader.HISTORY_FILE, historyFile)
            .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P ...> ")
            // "!=" is SQL, not a history event
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
            .option(LineReader.Option.CASE_INSENSITIVE, true)
            .build();
    PrintWriter out = terminal.writer();
    out.println(greeting);
    out.flush();
    try {
      while (true) {
        String input;
        try {
          input = reader.readLine(PROMPT);
        } catch (UserInterruptException e) {
          continue; // Ctrl-C: drop what was typed
        } catch (EndOfFileException e) {
          break; // Ctrl-D
        }
        if (!runInput(input, out)) {
          break;
        }
      }
    } finally {
      try {
        reader.getHistory().save();
      } catch (IOException e) {
        out.println("warning: cannot save the history to " + historyFile + ": " + e.getMessage());
      }
      out.flush();
    }
  }

  /** Runs one accepted input: a dot command or one or more statements; false to leave. */
  private boolean runInput(String input, PrintWriter out) {
    try {
      if (input.isBlank()) {
        return true;
      }
      if (input.strip().startsWith(".")) {
        return session.dotCommand(input, out);
      }
      SqlStatements.Split split = SqlStatements.split(input);
      for (SqlStatements.Statement statement : split.statements()) {
        session.execute(statement.sql(), out, out);
      }
      if (split.hasIncompleteStatement()) { // not reached: the parser asks for the ;
        session.execute(split.rest().strip(), out, out);
      }
    } catch (SQLException | RuntimeException e) {
      out.println("error: " + messageOf(e));
    }
    out.flush();
    return true;
  }

  static String messageOf(Throwable e) {
    String message = e.getMessage();
    // printed: redacted, as every error the CLI prints (a statement may hold a secret's value)
    return Redaction.redact(message == null || message.isBlank() ? e.toString() : message.strip());
  }

  private Completer completer() {
    List<String> commands = List.of(".tables", ".schema", ".help", ".quit", ".exit");
    return new AggregateCompleter(
        new StringsCompleter(commands), new StringsCompleter(session.completionWords()));
  }

  private static void createParentDirectories(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the directory of the history file " + file
              + "; pass --history=FILE with a writable place", e);
    }
  }

  /**
   * Accepts a line when it is blank, a dot command, or ends (but for whitespace and comments) with
   * the {@code ;} of a statement or holds only comments; otherwise asks for another line. Words for completion come from
   * JLine's default parser, without backslash escapes (SQL has none outside E'' strings).
   */
  static final class StatementParser implements Parser {
    private final DefaultParser words = new DefaultParser().escapeChars(new char[0]);

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
      if (context == ParseContext.ACCEPT_LINE
          && !line.isBlank()
          && !line.strip().startsWith(".")
          && SqlStatements.split(line).hasIncompleteStatement()) {
        throw new EOFError(-1, -1, "the statement goes on until ;", ";");
      }
      return words.parse(line, cursor, context);
    }

    @Override
    public boolean isEscapeChar(char ch) {
      return false;
    }
  }
}
