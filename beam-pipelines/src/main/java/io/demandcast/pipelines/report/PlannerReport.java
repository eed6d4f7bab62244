package io.demandcast.pipelines.report;

import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;

/**
 * The report planners open offline after a run: the run's inventory recommendations as CSV, the
 * same as an Excel workbook with a summary and charts of the largest orders, and an HTML page
 * planners work in: every recommendation to sort, filter and search, a panel per SKU with its
 * charts, and a glossary.
 */
public final class PlannerReport {
  private static final String CSV_FILE = "recommendations.csv";
  private static final String HTML_FILE = "index.html";
  private static final String XLSX_FILE = "recommendations.xlsx";

  /** CSV columns written with 4 decimals; every other number gets 2. */
  private static final Set<String> FOUR_DECIMALS = Set.of("service_level", "expected_fill_rate");

  private PlannerReport() {}

  /**
   * Result of an export. csv, xlsx and html are absolute paths; charts = number of SKU charts drawn.
   *
   * @param directory the run's report directory, {@code reportsRoot/<runId>}, absolute
   * @param csv the recommendations CSV in it
   * @param xlsx the Excel workbook in it
   * @param html the HTML page in it
   * @param charts how many series charts the page embeds
   * @param summary the run's headline figures the page shows
   */
  public record Written(
      Path directory, Path csv, Path xlsx, Path html, int charts, RunSummary summary) {}

  /**
   * Writes {@code reportsRoot/<runId>/recommendations.csv}, {@code
   * reportsRoot/<runId>/recommendations.xlsx} and {@code reportsRoot/<runId>/index.html} for a
   * complete run in the warehouse, replacing an earlier report of the same run.
   *
   * <p>The CSV has a header and one row per {@code inventory_recommendations} row of the run: every
   * column in table order plus {@code order_value} (recommended_order_qty x unit_cost, currency),
   * largest order value first, then by SKU and location. Numbers are plain decimals rounded half up
   * to 2 decimals ({@code service_level} and {@code expected_fill_rate} to 4); NULL is an empty
   * field. Text a spreadsheet could take for a formula (starting with = + - @, tab or carriage
   * return) gets a {@code '} in front ({@link SpreadsheetText#forCsv}).
   *
   * <p>The workbook (Office Open XML, opens in Excel and LibreOffice) has a "Summary" sheet with the
   * run's headline figures and the policy simulation's target against achieved service, a
   * "Recommendations" sheet with the CSV's header and rows as typed cells (numbers unrounded, shown
   * with 2 decimals or as a percentage; NULL an empty cell; an auto-filter over the header, the
   * header row and the run id, SKU and location columns frozen) and a "Top orders" sheet with the 20
   * orders to place now of the largest value and two bar charts of them: order value, and safety
   * stock against reorder point. A run of more recommendations than Excel's 1,048,575 rows gets the
   * first ones and a note on the summary sheet; the CSV has them all. Text cells hold their text
   * unchanged, quote-prefixed when a spreadsheet could take it for a formula.
   *
   * <p>The HTML page is self-contained (its table and chart libraries, script, styles and data
   * inlined; nothing loaded from the network): a run summary, the policy simulation, every
   * recommendation in a table to sort, filter and search, a panel per SKU with its sales history,
   * forecast band and projected stock, charts of the {@code topN} SKU x location with the largest
   * forecast value (forecast mean summed over the horizon times the unit cost), and a glossary
   * ({@link ReportHtml}, {@link PlannerPage}).
   *
   * <p>The files are written to a new directory in {@code reportsRoot} and moved into place, so a
   * failed export leaves no half-written report. Directories and files get the user's default
   * permissions (the umask), as any file the user creates.
   *
   * @param warehouse the warehouse holding the run
   * @param runId the run; also the name of the report directory
   * @param reportsRoot the directory holding one report directory per run; created if missing
   * @param topN how many series to chart, {@code >= 0}
   * @param currency the currency amounts are shown in (the run's {@code --currency}), or null for
   *     plain numbers
   * @return where the report was written and how many charts it has
   * @throws IllegalArgumentException naming the run when {@code model_runs} has no complete run
   *     with that id, or when the id is not a plain directory name; or when {@code topN < 0}, or
   *     the currency is not 1 to 8 characters without spaces
   * @throws UncheckedIOException when the files cannot be written
   * @throws IllegalStateException when the warehouse cannot be read
   */
  public static Written write(
      DuckDbWarehouse warehouse, String runId, Path reportsRoot, int topN, String currency) {
    ReportFormat format = new ReportFormat(currency);
    Objects.requireNonNull(warehouse, "warehouse");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(reportsRoot, "reportsRoot");
    if (topN < 0) {
      throw new IllegalArgumentException("topN must be >= 0, was " + topN);
    }
    Path root = reportsRoot.toAbsolutePath().normalize();
    Path target = root.resolve(runId).normalize();
    if (runId.isBlank() || !root.equals(target.getParent())) {
      throw new IllegalArgumentException(
          "run id '" + runId + "' cannot name a report directory in " + root);
    }
    ReportAssets assets = ReportAssets.get();
    Read read = read(warehouse, runId, topN, format);
    ReportData data = read.data();
    RunSummary summary = RunSummary.of(warehouse, runId);
    String html = ReportHtml.render(data, summary, read.page(), format, assets);
    try {
      Files.createDirectories(root);
      // not Files.createTempDirectory, which makes it (and so the report) readable by its owner only
      Path staging = Files.createDirectory(root.resolve(".report-" + UUID.randomUUID()));
      try {
        writeCsv(staging.resolve(CSV_FILE), data.recommendations());
        ReportWorkbook.write(data, summary, staging.resolve(XLSX_FILE));
        Files.writeString(staging.resolve(HTML_FILE), html, StandardCharsets.UTF_8);
        moveIntoPlace(staging, target);
      } catch (IOException | RuntimeException e) {
        deleteQuietly(staging, e);
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the planner report of run '" + runId + "' to " + target + ": " + e, e);
    }
    return new Written(
        target,
        target.resolve(CSV_FILE),
        target.resolve(XLSX_FILE),
        target.resolve(HTML_FILE),
        read.page().top().size(),
        summary);
  }

  /**
   * Checks a currency for {@link #write(DuckDbWarehouse, String, Path, int, String)}.
   *
   * @param currency a code (EUR) or a symbol (€), or null for none
   * @return {@code currency}
   * @throws IllegalArgumentException when it is not 1 to 8 characters without spaces
   */
  public static String checkCurrency(String currency) {
    new ReportFormat(currency);
    return currency;
  }

  /** {@link #write(DuckDbWarehouse, String, Path, int, String)} without a currency. */
  public static Written write(DuckDbWarehouse warehouse, String runId, Path reportsRoot, int topN) {
    return write(warehouse, runId, reportsRoot, topN, null);
  }

  private record Read(ReportData data, PlannerPage page) {}

  private static Read read(
      DuckDbWarehouse warehouse, String runId, int topN, ReportFormat format) {
    try (Connection connection = warehouse.connect()) {
      return DuckDbWarehouse.dsl(connection)
          .transactionResult(
              config -> {
                ReportData data = ReportData.read(config.dsl(), runId);
                return new Read(
                    data, PlannerPage.read(config.dsl(), runId, data.period(), format, topN));
              });
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read run '" + runId + "' from " + warehouse.file() + ": " + e.getMessage(), e);
    }
  }

  private static void writeCsv(Path file, Result<Record> rows) throws IOException {
    Field<?>[] fields = rows.fields();
    String[] header = Stream.of(fields).map(Field::getName).toArray(String[]::new);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(header).get().print(out)) {
      for (Record row : rows) {
        for (Field<?> field : fields) {
          csv.print(csvValue(field.getName(), row.get(field)));
        }
        csv.println();
      }
    }
  }

  /**
   * A CSV field: doubles as plain decimals rounded half up, null as empty, other numbers as they
   * are; anything else as text no spreadsheet evaluates ({@link SpreadsheetText#forCsv}).
   */
  private static Object csvValue(String column, Object value) {
    if (value instanceof Double d && Double.isFinite(d)) {
      int scale = FOUR_DECIMALS.contains(column) ? 4 : 2;
      return BigDecimal.valueOf(d).setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }
    if (value == null || value instanceof Number) {
      return value;
    }
    return SpreadsheetText.forCsv(value.toString());
  }

  /** Moves {@code staging} to {@code target}; an existing {@code target} is replaced. */
  private static void moveIntoPlace(Path staging, Path target) throws IOException {
    if (!Files.exists(target)) {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    Path previous = staging.resolveSibling(staging.getFileName() + "-previous");
    Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.move(previous, target, StandardCopyOption.ATOMIC_MOVE);
      throw e;
    }
    deleteRecursively(previous);
  }

  private static void deleteQuietly(Path directory, Exception failure) {
    try {
      deleteRecursively(directory);
    } catch (IOException | UncheckedIOException e) {
      failure.addSuppressed(e);
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
