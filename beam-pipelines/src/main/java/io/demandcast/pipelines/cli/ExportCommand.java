package io.demandcast.pipelines.cli;

import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.TableSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demandcast export}: writes the warehouse's output tables and analysts' views to CSV or
 * Parquet files, one file per table, through DuckDB's own {@code COPY ... TO}.
 *
 * <p>Every file is first written under a temporary name in the output directory; only when every
 * table has been written are they renamed to {@code <table>.csv} or {@code <table>.parquet}, so a
 * failed export leaves no half-written file and replaces none of the files an earlier export left.
 *
 * <p>The warehouse is opened read-only with file access: DuckDB writes the export's files, but
 * nothing is written into the warehouse. The files hold the values as they are, for analysts'
 * tools: text is not escaped for spreadsheets (the planner report's files are).
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Export the output tables and the analysts' views of a DuckDB warehouse to CSV or Parquet"
          + " files, one file per table (DIR/<table>.csv or DIR/<table>.parquet), for notebooks"
          + " and other analysts' tools.",
      "%nThe files are written by DuckDB (COPY ... TO); CSV has a header row, dates as"
          + " yyyy-mm-dd, timestamps as yyyy-mm-dd hh:mm:ss (UTC) and NULL as an empty cell."
          + " Files of the same name in DIR are replaced, and only once every table has been"
          + " written: a failed export leaves no partial file.",
      "%nThe warehouse is opened read-only: nothing is written into it. Values are written as"
          + " they are: a text cell starting with = + - or @ is not escaped, so a spreadsheet may"
          + " take it for a formula; planners open the report's recommendations.csv and .xlsx,"
          + " which are escaped."
    },
    footer = {
      "",
      "Examples:",
      "  ./demandcast export --out exports",
      "  ./demandcast export --out exports --format parquet --tables demand_forecasts,latest_recommendations",
      "  ./demandcast export --out exports --runs latest"
    })
final class ExportCommand implements Callable<Integer> {
  /** The file format of an export. */
  enum Format {
    csv("(FORMAT csv, HEADER true)"),
    parquet("(FORMAT parquet)");

    private final String copyOptions;

    Format(String copyOptions) {
      this.copyOptions = copyOptions;
    }
  }

  /** Which runs' rows the output tables' files hold. */
  enum Runs {
    latest,
    all
  }

  @Spec CommandSpec spec;

  @Mixin ExistingWarehouse warehouse;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "exports",
      description = "Directory the files go to, created if missing. Default: ${DEFAULT-VALUE}")
  Path out;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "csv",
      description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}")
  Format format;

  @Option(
      names = "--tables",
      paramLabel = "NAME",
      split = ",",
      description = "Tables and views to export, comma-separated. Default: every output table"
          + " (model_runs, demand_forecasts, forecast_explanations, forecast_accuracy,"
          + " inventory_recommendations, policy_simulation, rejected_records) and every view"
          + " (latest_run, latest_forecasts, latest_explanations, latest_accuracy,"
          + " latest_recommendations, latest_rejected_records,"
          + " forecast_accuracy_by_model, latest_policy_simulation, service_by_class,"
          + " accuracy_trend, reorder_now, latest_order_explanations).")
  List<String> tables;

  @Option(
      names = "--runs",
      paramLabel = "WHICH",
      defaultValue = "all",
      description = "${COMPLETION-CANDIDATES}: the output tables' rows of every run, or of the"
          + " latest complete run only (the views always show the latest complete run)."
          + " Default: ${DEFAULT-VALUE}")
  Runs runs;

  /** One table exported: its name, rows and final file. */
  record Exported(String table, long rows, Path file) {}

  @Override
  public Integer call() {
    warehouse.checkExists();
    List<Source> sources = selectedTables().stream().map(this::source).toList();
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--out " + out + ": cannot create the directory (" + e + "); pass another --out DIR", e);
    }
    List<Exported> exported;
    String latestRun;
    try (Connection connection = warehouse.openReadOnly(true).connect()) {
      checkHasTables(connection, sources);
      latestRun = latestRun(connection);
      exported = writeFiles(connection, out, format, sources);
    } catch (SQLException e) {
      throw new IllegalStateException("reading " + warehouse.path + " failed: " + e.getMessage(), e);
    }

    PrintWriter w = spec.commandLine().getOut();
    w.printf("exported %d %s of %s (%s, %s) to %s%n", exported.size(),
        exported.size() == 1 ? "table or view" : "tables and views", warehouse.path,
        runs == Runs.all ? "all runs" : "latest complete run", format, out);
    int width = exported.stream().mapToInt(e -> e.table().length()).max().orElse(0);
    for (Exported e : exported) {
      w.printf("  %-" + width + "s %,10d %s  %s%n", e.table(), e.rows(),
          e.rows() == 1 ? "row " : "rows", e.file());
    }
    w.println(latestRun == null
        ? "the warehouse has no complete run yet: the latest_* views and files are empty"
            + " (run ./demandcast demo or ./demandcast run first)"
        : "latest complete run: " + latestRun);
    w.flush();
    return 0;
  }

  /** The tables and views --tables names (all when none), lower case, in the order given. */
  private List<String> selectedTables() {
    List<String> outputs = CanonicalTables.OUTPUTS.stream().map(TableSchema::name).toList();
    List<String> views = DuckDbWarehouse.viewNames();
    if (tables == null || tables.isEmpty()) {
      List<String> all = new ArrayList<>(outputs);
      all.addAll(views);
      return all;
    }
    Set<String> chosen = new LinkedHashSet<>();
    for (String name : tables) {
      String table = name.strip().toLowerCase(Locale.ROOT);
      if (!outputs.contains(table) && !views.contains(table)) {
        throw new IllegalArgumentException(
            "--tables: unknown table '" + name.strip() + "'; the output tables are "
                + String.join(", ", outputs) + "; the views are " + String.join(", ", views));
      }
      chosen.add(table);
    }
    return List.copyOf(chosen);
  }

  /** The rows of one table or view to export. */
  private Source source(String table) {
    boolean outputTable = CanonicalTables.OUTPUTS.stream().anyMatch(t -> t.name().equals(table));
    if (outputTable && runs == Runs.latest) {
      return new Source(table,
          "select * from " + table + " where run_id in (select run_id from latest_run)");
    }
    return new Source(table, "select * from " + table);
  }

  /**
   * Checks the warehouse is a demandcast one and has the tables and views to export.
   *
   * @throws IllegalArgumentException naming the file and what it lacks
   */
  private void checkHasTables(Connection connection, List<Source> sources) throws SQLException {
    if (!DuckDbWarehouse.isDemandcastWarehouse(connection)) {
      throw new IllegalArgumentException(
          warehouse.path + " is not a demandcast warehouse (it has no model_runs table);"
              + " pass --warehouse=FILE");
    }
    Set<String> present = new HashSet<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(
            "select table_name from duckdb_tables() where database_name = current_database()"
                + " and schema_name = 'main' union select view_name from duckdb_views()"
                + " where database_name = current_database() and schema_name = 'main'")) {
      while (rs.next()) {
        present.add(rs.getString(1).toLowerCase(Locale.ROOT));
      }
    }
    Set<String> needed = new LinkedHashSet<>();
    needed.add("latest_run"); // the summary line reads it
    sources.forEach(source -> needed.add(source.name()));
    List<String> missing = needed.stream().filter(name -> !present.contains(name)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          warehouse.path + " lacks " + String.join(", ", missing) + " (made by an older"
              + " demandcast?); ./demandcast sql --read-write \"select 1\" adds this version's"
              + " tables and views, or pass --tables with the ones it has");
    }
  }

  private static String latestRun(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select run_id from latest_run")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /**
   * One file to export.
   *
   * @param name the file's base name, the table's or view's name
   * @param query the SELECT whose rows the file holds
   */
  record Source(String name, String query) {}

  /**
   * Writes each source to {@code dir/<name>.<format>}: every one first to a hidden temporary file
   * in {@code dir}, then, when all are written, each renamed over its final name.
   *
   * @return the files written, in the order of {@code sources}
   * @throws IllegalArgumentException naming the path when a final name is taken by a directory
   * @throws IllegalStateException naming the source when DuckDB cannot write it; then every
   *     temporary file is deleted and no file in {@code dir} is written or replaced
   */
  static List<Exported> writeFiles(
      Connection connection, Path dir, Format format, List<Source> sources) {
    for (Source source : sources) {
      Path file = dir.resolve(source.name() + "." + format.name());
      if (Files.isDirectory(file)) {
        throw new IllegalArgumentException(
            file + " is a directory; remove it or pass another --out DIR");
      }
    }
    List<Path> temporary = new ArrayList<>();
    List<Exported> written = new ArrayList<>();
    try (Statement statement = connection.createStatement()) {
      for (Source source : sources) {
        String extension = "." + format.name();
        // not created here: the file DuckDB creates gets the usual permissions
        Path tmp = dir.resolve("." + source.name() + extension + "." + UUID.randomUUID() + ".tmp");
        temporary.add(tmp);
        long rows;
        try {
          rows = copy(statement, source.query(), tmp, format);
        } catch (SQLException e) {
          throw new IllegalStateException(
              "exporting " + source.name() + " to " + dir + " failed: " + e.getMessage()
                  + "; no file was written or replaced", e);
        }
        written.add(new Exported(source.name(), rows, dir.resolve(source.name() + extension)));
      }
      for (int i = 0; i < written.size(); i++) {
        Path file = written.get(i).file();
        try {
          move(temporary.get(i), file);
        } catch (IOException e) {
          throw new IllegalStateException("cannot rename the exported " + written.get(i).table()
              + " to " + file + ": " + e + (i == 0 ? "; no file was replaced"
                  : "; the files of " + sources.subList(0, i).stream().map(Source::name).toList()
                      + " were replaced"), e);
        }
      }
      return written;
    } catch (SQLException e) {
      throw new IllegalStateException("exporting to " + dir + " failed: " + e.getMessage(), e);
    } finally {
      for (Path tmp : temporary) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a leftover temporary file is hidden (leading dot) and never read as an export
        }
      }
    }
  }

  /** {@code COPY (query) TO file}; returns the rows DuckDB wrote. */
  private static long copy(Statement statement, String query, Path file, Format format)
      throws SQLException {
    String sql = "COPY (" + query + ") TO " + literal(file) + " " + format.copyOptions;
    if (!statement.execute(sql)) {
      return statement.getUpdateCount();
    }
    try (ResultSet rs = statement.getResultSet()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** A SQL string literal of the path. */
  private static String literal(Path path) {
    return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
