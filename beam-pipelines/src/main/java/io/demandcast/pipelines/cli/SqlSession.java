package io.demandcast.pipelines.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One connection to the warehouse and how its results print: runs SQL statements and the prompt's
 * dot commands for the single-query, script and prompt modes of {@code demandcast sql}.
 */
final class SqlSession {
  /** The dot commands, as {@code .help} lists them. */
  static final String HELP =
      """
      Statements end with ; and may span lines. Commands (one line, no ;):
        .tables          tables and views of the warehouse, with their comments
        .schema TABLE    columns of a table or view: name, type, nullable, comment
        .help            this text
        .quit, .exit     leave (so does Ctrl-D at an empty prompt)
      Ctrl-C drops the statement being typed, or cancels the one running.""";

  private static final String TABLES_SQL =
      """
      select table_name as name, 'table' as type, comment from duckdb_tables()
      where database_name = current_database() and schema_name = current_schema() and not internal
      union all
      select view_name, 'view', comment from duckdb_views()
      where database_name = current_database() and schema_name = current_schema() and not internal
      order by type, name""";

  private static final String SCHEMA_SQL =
      """
      select column_name as name, data_type as type, is_nullable as nullable, comment
      from duckdb_columns()
      where database_name = current_database() and lower(schema_name) = lower(?)
        and lower(table_name) = lower(?)
      order by column_index""";

  /** DuckDB's errors for a write to a database attached read-only. */
  private static final Pattern READ_ONLY_ERROR = Pattern.compile("(?i)read-only mode");

  /** DuckDB's errors for file access with {@code enable_external_access=false}. */
  private static final Pattern NO_FILES_ERROR = Pattern.compile(
      "(?i)disabled (by|through) configuration|cannot enable external access");

  /** DuckDB's error for a setting changed after {@code lock_configuration=true}. */
  private static final Pattern LOCKED_ERROR = Pattern.compile("(?i)configuration has been locked");

  private final Connection connection;
  private final ResultFormat format;
  private final int maxRows;
  private final int maxWidth;
  private final boolean readOnly;
  private volatile Statement running;

  /** A session on a read-write connection. */
  SqlSession(Connection connection, ResultFormat format, int maxRows, int maxWidth) {
    this(connection, format, maxRows, maxWidth, false);
  }

  /**
   * @param connection the warehouse connection; the caller closes it
   * @param format how results print
   * @param maxRows table format: rows printed at most
   * @param maxWidth table format: characters per cell at most
   * @param readOnly whether the connection is read-only without file access, as {@code sql} opens
   *     it by default: DuckDB's refusals then become {@link Refused}, naming {@code --read-write}
   */
  SqlSession(Connection connection, ResultFormat format, int maxRows, int maxWidth,
      boolean readOnly) {
    this.connection = connection;
    this.format = format;
    this.maxRows = maxRows;
    this.maxWidth = maxWidth;
    this.readOnly = readOnly;
  }

  /** A statement the read-only session refused; its message is one line naming the fix. */
  static final class Refused extends SQLException {
    private static final long serialVersionUID = 1L;

    Refused(String message, SQLException cause) {
      super(message, cause.getSQLState(), cause);
    }
  }

  /**
   * The refusal of a read-only session for DuckDB's error {@code e}, or {@code e} itself when it
   * is not a refusal (or the session is read-write).
   */
  SQLException refusalOf(SQLException e) {
    if (!readOnly) {
      return e;
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    String what;
    if (READ_ONLY_ERROR.matcher(message).find()) {
      what = "the warehouse is open read-only; pass --read-write to change it";
    } else if (NO_FILES_ERROR.matcher(message).find()) {
      what = "sql reads no other files and writes none by default; pass --read-write to use files"
          + " (read_csv, COPY ... TO, ATTACH, extensions)";
    } else if (LOCKED_ERROR.matcher(message).find()) {
      what = "settings are locked in read-only mode; pass --read-write to change them";
    } else {
      return e;
    }
    return new Refused("refused: " + what + " (DuckDB: " + message.strip().lines().findFirst()
        .orElse("").strip() + ")", e);
  }

  ResultFormat format() {
    return format;
  }

  /**
   * Runs one SQL statement. A result set prints to {@code out} in the session's format; a statement
   * without one prints {@code ok (N rows changed)} to {@code out} for the table format and to
   * {@code status} for csv and json, so that their output stays parseable.
   *
   * @throws SQLException DuckDB's error, naming what is wrong with the statement; {@link Refused}
   *     when a read-only session refused it
   */
  void execute(String sql, PrintWriter out, PrintWriter status) throws SQLException {
    try {
      run(sql, out, status);
    } catch (SQLException e) {
      throw refusalOf(e);
    }
  }

  private void run(String sql, PrintWriter out, PrintWriter status) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      running = statement;
      try {
        if (statement.execute(sql)) {
          try (ResultSet rs = statement.getResultSet()) {
            format.print(rs, out, maxRows, maxWidth);
          }
        } else {
          PrintWriter to = format == ResultFormat.table ? out : status;
          to.printf("ok (%d rows changed)%n", Math.max(0, statement.getUpdateCount()));
          to.flush();
        }
      } finally {
        running = null;
      }
    }
  }

  /** Cancels the statement running now, if any (from another thread, e.g. on Ctrl-C). */
  void cancel() {
    Statement statement = running;
    if (statement != null) {
      try {
        statement.cancel();
      } catch (SQLException e) {
        // it finished meanwhile, or cannot be cancelled: nothing to do
      }
    }
  }

  /**
   * Runs a dot command ({@code .tables}, {@code .schema TABLE}, {@code .help}, {@code .quit},
   * {@code .exit}), printing to {@code out}.
   *
   * @param line the command line, starting with {@code .}
   * @return false for {@code .quit} and {@code .exit}, true otherwise
   * @throws IllegalArgumentException for an unknown command, {@code .schema} without a table or
   *     with one the warehouse lacks, each naming the fix
   */
  boolean dotCommand(String line, PrintWriter out) throws SQLException {
    String commandLine = line.strip();
    if (commandLine.endsWith(";")) { // a habit from SQL: .tables; is .tables
      commandLine = commandLine.substring(0, commandLine.length() - 1).strip();
    }
    String[] words = commandLine.split("\\s+");
    String command = words[0].toLowerCase(Locale.ROOT);
    switch (command) {
      case ".quit", ".exit" -> {
        return false;
      }
      case ".help" -> out.println(HELP);
      case ".tables" -> {
        try (Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery(TABLES_SQL)) {
          format.print(rs, out, Integer.MAX_VALUE, maxWidth);
        }
      }
      case ".schema" -> {
        if (words.length != 2) {
          throw new IllegalArgumentException(
              "usage: .schema TABLE (one table or view; .tables lists them)");
        }
        schema(words[1], out);
      }
      default -> throw new IllegalArgumentException(
          "unknown command " + words[0] + "; .help lists the commands");
    }
    out.flush();
    return true;
  }

  private void schema(String name, PrintWriter out) throws SQLException {
    String table = unquote(name);
    String schema;
    int dot = table.lastIndexOf('.');
    if (dot > 0) {
      schema = table.substring(0, dot);
      table = table.substring(dot + 1);
    } else {
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("select current_schema()")) {
        rs.next();
        schema = rs.getString(1);
      }
    }
    try (PreparedStatement statement = connection.prepareStatement(
        "select count(*) from (" + SCHEMA_SQL + ")")) {
      statement.setString(1, schema);
      statement.setString(2, table);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        if (rs.getLong(1) == 0) {
          throw new IllegalArgumentException(
              "no table or view named " + name + "; .tables lists them");
        }
      }
    }
    try (PreparedStatement statement = connection.prepareStatement(SCHEMA_SQL)) {
      statement.setString(1, schema);
      statement.setString(2, table);
      try (ResultSet rs = statement.executeQuery()) {
        format.print(rs, out, Integer.MAX_VALUE, maxWidth);
      }
    }
  }

  private static String unquote(String name) {
    return name.replace("\"", "");
  }

  /** Table, view and column names of the warehouse, for the prompt's completion. */
  List<String> completionWords() {
    List<String> names = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(
            "select name from (" + TABLES_SQL + ") union select distinct column_name"
                + " from duckdb_columns() where database_name = current_database()"
                + " and schema_name = current_schema()")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    } catch (SQLException e) {
      // completion is a convenience: without the names the prompt still works
    }
    return names;
  }
}
