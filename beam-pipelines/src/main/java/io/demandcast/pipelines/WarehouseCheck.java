package io.demandcast.pipelines;

import io.demandcast.connectors.Connectors;
import io.demandcast.connectors.SourceConnector;
import io.demandcast.connectors.TableCheck;
import io.demandcast.connectors.TableUri;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.Column;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.pipelines.model.JobSettings;
import io.demandcast.pipelines.transforms.CrossTableScreen;
import io.demandcast.pipelines.transforms.ForecastOrigin;
import io.demandcast.pipelines.transforms.RecordRules;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.values.Row;

/**
 * What stands between a warehouse and a run, found without running the job and reported all at
 * once: the source tables that are missing, every column that is missing or of a type the read
 * does not accept, the values a run would reject (per reason, with examples), facts across tables
 * (sales of SKUs without an item row, items without stock, suppliers without shipments), and the
 * defaults a run would assume.
 *
 * <p>Every table is checked by its connector ({@link SourceConnector#check}, looked up by the URI's
 * scheme in the request's {@link Connectors}). {@link #structure} checks the tables of the
 * connectors that read in this process (DuckDB) only: from their metadata and row counts, never
 * their rows, so {@code run} calls it first ({@link #beforeRun}) at no noticeable cost. {@link
 * #full} checks every table, and also reads every row of the in-process tables and holds each to
 * the rules the job applies, the same code: {@link RecordRules#check} with the run's {@link
 * io.demandcast.pipelines.model.DataRules}, then the rules across one SKU's rows ({@link
 * CrossTableScreen}) from the forecast origin the run would choose. Tables read from Hive, S3,
 * Glue or BigQuery get the table and column check their connectors do when a run starts (the
 * first problem per table); their values are not checked.
 */
public final class WarehouseCheck {
  private WarehouseCheck() {}

  /** How much a finding matters. */
  public enum Level {
    /** Fine. */
    OK("ok"),
    /** A run cannot proceed, or would publish nothing of use. */
    BLOCKS("BLOCKS"),
    /** A run proceeds, but rows are rejected or something is assumed the user should know. */
    WARN("warn"),
    /** What a run assumes; nothing to fix. */
    NOTE("note");

    private final String marker;

    Level(String marker) {
      this.marker = marker;
    }
  }

  /**
   * One line of the report, with examples below it.
   *
   * @param level how much it matters
   * @param text what was found
   * @param examples up to a few examples, one a line
   */
  public record Finding(Level level, String text, List<String> examples) {
    public Finding {
      examples = List.copyOf(examples);
    }

    static Finding of(Level level, String text) {
      return new Finding(level, text, List.of());
    }
  }

  /**
   * What to check.
   *
   * @param warehouse the DuckDB warehouse file the source tables not given in {@code sources} are
   *     read from (unless {@code output} is given)
   * @param sources where source tables are read from instead, by canonical name
   * @param mapping source column names of canonical columns
   * @param output the output URI of a run writing to Hive or BigQuery, whose tables are then the
   *     default sources (not checked here: the run's connectors check them); null for DuckDB
   * @param settings the run's settings: calendar and plausibility rules ({@code --as-of}, ...)
   * @param beamArgs Beam pipeline options, for the connectors of non-DuckDB sources
   * @param connectors the source connectors, by scheme; null for {@link Connectors#loaded()}
   */
  public record Request(
      Path warehouse,
      Map<String, TableUri> sources,
      ColumnMapping mapping,
      String output,
      JobSettings settings,
      List<String> beamArgs,
      Connectors connectors) {
    public Request {
      connectors = connectors == null ? Connectors.loaded() : connectors;
      Objects.requireNonNull(warehouse, "warehouse");
      sources = sources == null ? Map.of() : Map.copyOf(sources);
      mapping = mapping == null ? ColumnMapping.IDENTITY : mapping;
      Objects.requireNonNull(settings, "settings");
      beamArgs = beamArgs == null ? List.of() : List.copyOf(beamArgs);
      for (String name : sources.keySet()) {
        if (CanonicalTables.SOURCES.stream().noneMatch(t -> t.name().equals(name))) {
          throw new IllegalArgumentException(
              "unknown source table '" + name + "'; the sources are "
                  + CanonicalTables.SOURCES.stream().map(TableSchema::name).toList());
        }
      }
    }

    /** A request that reads through the connectors on the class path ({@link Connectors#loaded()}). */
    public Request(Path warehouse, Map<String, TableUri> sources, ColumnMapping mapping,
        String output, JobSettings settings, List<String> beamArgs) {
      this(warehouse, sources, mapping, output, settings, beamArgs, null);
    }
  }

  /**
   * The report: four sections and a verdict.
   *
   * @param title what was checked, one line
   * @param tables one line per source table
   * @param columns the columns that do not fit, or one line saying all fit
   * @param values what a run would reject, per table and reason, and the facts across tables
   * @param assumptions what a run would assume
   * @param valuesChecked whether values were checked ({@link #full})
   */
  public record Report(
      String title,
      List<Finding> tables,
      List<Finding> columns,
      List<Finding> values,
      List<Finding> assumptions,
      boolean valuesChecked) {

    /** Every finding of the four sections, in order. */
    public List<Finding> findings() {
      List<Finding> all = new ArrayList<>(tables);
      all.addAll(columns);
      all.addAll(values);
      all.addAll(assumptions);
      return all;
    }

    /** The findings that block a run. */
    public List<Finding> blocking() {
      return findings().stream().filter(f -> f.level() == Level.BLOCKS).toList();
    }

    /** Whether a run can proceed (warnings allowed). */
    public boolean ready() {
      return blocking().isEmpty();
    }

    /** 0 when a run can proceed, {@link #BLOCKED} otherwise. */
    public int exitCode() {
      return ready() ? 0 : BLOCKED;
    }

    /** The last line: {@code ready to run}, or how many problems block a run. */
    public String verdict() {
      int n = blocking().size();
      return n == 0 ? "ready to run" : n + (n == 1 ? " problem blocks" : " problems block") + " a run";
    }

    /** The report as a person reads it, lines ending in {@code \n}. */
    public String render() {
      StringBuilder out = new StringBuilder();
      out.append(title).append('\n');
      section(out, "Tables", tables);
      section(out, "Columns", columns);
      section(out, "Values", values);
      section(out, "Assumptions", assumptions);
      out.append('\n').append(verdict()).append('\n');
      return out.toString();
    }

    private static void section(StringBuilder out, String name, List<Finding> findings) {
      out.append('\n').append(name).append('\n');
      for (Finding f : findings) {
        String marker = f.level().marker;
        out.append("  ").append(marker).append(" ".repeat(Math.max(1, 8 - marker.length())))
            .append(f.text()).append('\n');
        for (String example : f.examples()) {
          out.append("            ").append(example).append('\n');
        }
      }
    }
  }

  /** How a table line says that an optional table is absent. */
  private static final String ABSENT = " absent: a run reads it as empty";

  /** The exit code of a check, or a run, that found problems blocking a run. */
  public static final int BLOCKED = 2;

  /** Examples shown per reason. */
  static final int EXAMPLES = 3;

  /** The columns that identify a row of each source table in the examples. */
  private static final Map<String, List<String>> KEYS = Map.of(
      "erp_sales", List.of("sku", "location", "date"),
      "erp_items", List.of("sku"),
      "erp_inventory", List.of("sku", "location", "snapshot_date"),
      "erp_purchase_orders", List.of("po_id", "sku", "location"),
      "iot_readings", List.of("sensor_id", "ts", "metric"),
      "logistics_shipments", List.of("shipment_id", "supplier"));

  /**
   * What {@code run} checks before it starts: the tables and columns of the DuckDB sources, from
   * their metadata and row counts (no rows read). Tables of other systems are left to their
   * connectors, which check them as the run builds its pipeline (not twice); empty tables are
   * left to {@link #full}.
   */
  public static Report structure(Request request) {
    return new Check(request, false).structure().report(false);
  }

  /** Tables, columns and every value of the DuckDB source tables: {@code demandcast check}. */
  public static Report full(Request request) {
    Check check = new Check(request, true).structure();
    check.values();
    return check.report(true);
  }

  /**
   * For {@code run}: checks the Beam options and the runner's checks of them first (as the run
   * does, so that an option error reads the same), then the structure of the DuckDB tables (tables
   * of other systems are checked by their connectors as the run builds its pipeline: not twice);
   * when something blocks, prints the report to {@code out} and returns false; otherwise prints
   * what is assumed about absent tables, if anything, and returns true.
   *
   * @throws IllegalArgumentException for a bad Beam option, with the run's message
   */
  public static boolean beforeRun(Request request, Consumer<String> out) {
    BeamOptions.createPipeline(BeamOptions.pipelineOptions(request.beamArgs()));
    Report report = structure(request);
    if (!report.ready()) {
      report.render().lines().forEach(out);
      return false;
    }
    for (Finding f : report.tables()) {
      if (f.level() == Level.NOTE && f.text().contains(ABSENT)) {
        out.accept("  " + f.text());
      }
    }
    return true;
  }

  // ------------------------------------------------------------------ the check

  /** The state of one source table after the structure check. */
  private static final class Source {
    final TableSchema schema;
    final TableUri uri;
    /** Whether the table exists with every column fitting, so its rows can be read. */
    boolean readable;
    /** Whether the table is absent and read as empty. */
    boolean absent;
    /** Whether the table does not exist (absent, or required and missing). */
    boolean missing;
    long rows = -1;
    /** The table's columns, where its connector lists them; empty otherwise. */
    List<String> columns = List.of();
    /** The connector of {@link #uri}; null when the URI is left to the output's connector. */
    final SourceConnector connector;

    Source(TableSchema schema, TableUri uri, Connectors connectors) {
      this.schema = schema;
      this.uri = uri;
      this.connector = uri == null ? null : connectors.forTable(uri);
    }

    /** Whether the table is read in this process by {@code check} ({@link #values}). */
    boolean inProcess() {
      return connector != null && connector.readsInProcess();
    }
  }

  private static final class Check {
    final Request request;
    final Map<String, Source> sources = new LinkedHashMap<>();
    final List<Finding> tables = new ArrayList<>();
    final List<Finding> columns = new ArrayList<>();
    final List<Finding> values = new ArrayList<>();
    final List<Finding> assumptions = new ArrayList<>();

    /** The full check: tables of other systems asked through their connectors, empty tables. */
    final boolean full;

    Check(Request request, boolean full) {
      this.request = request;
      this.full = full;
      for (TableSchema table : CanonicalTables.SOURCES) {
        TableUri uri = request.sources().get(table.name());
        if (uri == null && request.output() == null) {
          uri = TableUri.duckDb(request.warehouse(), table.name());
        }
        sources.put(table.name(), new Source(table, uri, request.connectors()));
      }
    }

    Report report(boolean valuesChecked) {
      String title = "demandcast check: "
          + (request.output() != null ? request.output()
              : request.warehouse().toAbsolutePath().normalize())
          + String.format(Locale.ROOT, " (as of %s, %s periods)",
              request.settings().rules().asOf(),
              request.settings().period().name().toLowerCase(Locale.ROOT));
      if (!valuesChecked) {
        values.add(Finding.of(Level.NOTE, "not checked before a run (the tables are not read"
            + " here): ./demandcast check with the same options lists the rows a run would"
            + " reject, and why"));
      }
      if (assumptions.isEmpty()) {
        assumptions.add(Finding.of(Level.NOTE, "none besides the options' defaults"));
      }
      if (columns.stream().noneMatch(f -> f.level() == Level.BLOCKS)) {
        columns.add(0, Finding.of(Level.OK, "every column of every table present fits"));
      }
      return new Report(title, List.copyOf(tables), List.copyOf(columns), List.copyOf(values),
          List.copyOf(assumptions), valuesChecked);
    }

    // -------------------------------------------------------------- tables and columns

    Check structure() {
      Path warehouseFile = request.warehouse().toAbsolutePath().normalize();
      if (request.output() == null && !java.nio.file.Files.isRegularFile(warehouseFile)
          && sources.values().stream().anyMatch(s -> s.connector != null
              && s.connector.requiredFile(s.uri).filter(warehouseFile::equals).isPresent())) {
        tables.add(Finding.of(Level.NOTE, "the warehouse " + request.warehouse()
            + " does not exist yet: ./demandcast import --warehouse " + request.warehouse()
            + " --table TABLE --file FILE loads a CSV, Parquet or JSON file into it"));
      }
      for (Source source : sources.values()) {
        if (source.uri == null) {
          tables.add(Finding.of(Level.NOTE, String.format(Locale.ROOT, "%-20s in %s: checked"
              + " by the run's connector when it starts", source.schema.name(),
              request.output())));
        } else if (full || source.inProcess()) {
          checkTable(source);
        } else {
          tables.add(Finding.of(Level.NOTE, String.format(Locale.ROOT, "%-20s %s: checked by its"
              + " connector as the run starts", source.schema.name(), source.uri)));
        }
      }
      Source sales = sources.get(CanonicalTables.ERP_SALES.name());
      Source items = sources.get(CanonicalTables.ERP_ITEMS.name());
      // empty tables are values: the full check's (a run stops on tables and columns only)
      if (!full) {
        absentColumns();
        return this;
      }
      if (sales.readable && sales.rows == 0) {
        tables.add(Finding.of(Level.BLOCKS, "erp_sales has no rows: "
            + CanonicalTables.whenAbsent(sales.schema)));
      }
      if (items.readable && items.rows == 0 && sales.rows > 0) {
        tables.add(Finding.of(Level.BLOCKS, "erp_items has no rows: "
            + CanonicalTables.whenAbsent(items.schema)));
      }
      absentColumns();
      return this;
    }

    /**
     * A table as its connector checks it ({@link SourceConnector#check}): every column problem
     * where the connector lists them all (with the row count, where it counts), else the first
     * problem it throws.
     */
    private void checkTable(Source source) {
      TableSchema schema = source.schema;
      String name = schema.name();
      boolean given = request.sources().containsKey(name);
      boolean required = !CanonicalTables.mayBeAbsent(schema);
      TableCheck found;
      try {
        found = source.connector.check(source.uri, schema, request.mapping(), options());
      } catch (RuntimeException e) {
        tables.add(Finding.of(Level.BLOCKS, String.format(Locale.ROOT, "%-20s %s", name,
            source.uri)));
        columns.add(Finding.of(Level.BLOCKS, name + ": " + e.getMessage()));
        return;
      }
      if (!found.found()) {
        missing(source, given, required, found.missing(), found.readsAsEmpty());
        return;
      }
      source.columns = found.columns();
      for (String problem : found.problems()) {
        columns.add(Finding.of(Level.BLOCKS, problem));
      }
      List<String> problems = found.problems();
      source.readable = problems.isEmpty();
      if (found.rows().isEmpty()) {
        tables.add(problems.isEmpty()
            ? Finding.of(Level.OK, String.format(Locale.ROOT, "%-20s %s: table and columns fit"
                + " (values are checked for %s tables only)", name, source.uri, inProcessSystems()))
            : Finding.of(Level.BLOCKS, String.format(Locale.ROOT, "%-20s %s", name,
                source.uri)));
        return;
      }
      source.rows = found.rows().getAsLong();
      boolean emptyOptional = problems.isEmpty() && source.rows == 0 && !required;
      tables.add(Finding.of(problems.isEmpty() && !emptyOptional ? Level.OK : Level.NOTE,
          String.format(Locale.ROOT, "%-20s %s%s%s", name, count(source.rows, "row", "rows"),
              given ? " (" + source.uri + ")" : "",
              !problems.isEmpty()
                  ? ": " + problems.size() + (problems.size() == 1 ? " column does" : " columns do")
                      + " not fit (see Columns)"
                  : emptyOptional ? ": " + CanonicalTables.whenAbsent(schema) : "")));
    }

    private PipelineOptions options;

    /** The run's pipeline options, parsed when a connector first needs them. */
    private PipelineOptions options() {
      if (options == null) {
        options = BeamOptions.pipelineOptions(request.beamArgs());
      }
      return options;
    }

    /** The schemes whose tables {@code check} reads in this process, e.g. {@code duckdb}. */
    private String inProcessSystems() {
      return String.join(" and ", request.connectors().schemes().stream()
          .filter(scheme -> request.connectors().forScheme(scheme).readsInProcess()).toList());
    }

    /**
     * A source table that does not exist.
     *
     * @param what what is missing, as the connector says
     * @param readsAsEmpty whether a run reads it as a table without rows (an optional table under
     *     its canonical name)
     */
    private void missing(
        Source source, boolean given, boolean required, String what, boolean readsAsEmpty) {
      String name = source.schema.name();
      source.missing = true;
      if (given && !readsAsEmpty) {
        tables.add(Finding.of(Level.BLOCKS, String.format(Locale.ROOT,
            "%-20s missing: --source %s=%s names %s; fix the URI, or leave the --source out",
            name, name, source.uri, what)));
      } else if (required) {
        tables.add(Finding.of(Level.BLOCKS, String.format(Locale.ROOT,
            "%-20s missing, and a run needs it: %s. Load it with ./demandcast import --table %s"
                + " --file FILE, or read it from elsewhere with --source %s=URI",
            name, CanonicalTables.whenAbsent(source.schema), name, name)));
      } else {
        source.absent = true;
        tables.add(Finding.of(Level.NOTE, String.format(Locale.ROOT, "%-20s%s (%s)", name,
            ABSENT, CanonicalTables.whenAbsent(source.schema))));
      }
    }

    /** The assumptions of the nullable columns a present table lacks (where its columns are listed). */
    private void absentColumns() {
      List<String> others = new ArrayList<>();
      for (Source source : sources.values()) {
        if (!source.readable || source.columns.isEmpty()) {
          continue;
        }
        for (Column column : source.schema.columns()) {
          String wanted = request.mapping().sourceColumn(source.schema, column.name());
          boolean present = source.columns.stream().anyMatch(wanted::equalsIgnoreCase);
          String means = CanonicalTables.nullMeans(source.schema, column.name());
          String name = source.schema.name() + "." + column.name();
          if (present || column.name().equals("lineage")) {
            continue;
          }
          if (means != null) {
            assumptions.add(Finding.of(Level.NOTE, name + " absent: read as NULL: " + means));
          } else {
            others.add(name);
          }
        }
      }
      if (!others.isEmpty()) {
        assumptions.add(Finding.of(Level.NOTE, "also absent, read as NULL (not recorded): "
            + String.join(", ", others)));
      }
    }

    // -------------------------------------------------------------- values

    // rows that passed RecordRules, per table and SKU, for the rules across one SKU's rows
    final Map<String, Tally> tallies = new LinkedHashMap<>();
    final Map<String, List<Row>> items = new HashMap<>();
    final Map<String, List<Row>> stock = new HashMap<>();
    final Map<String, List<Row>> orders = new HashMap<>();
    final Map<String, List<Row>> missingQuantity = new HashMap<>();
    final Set<String> suppliersWithLeadTimes = new HashSet<>();
    final Map<String, Long> nullDefaults = new LinkedHashMap<>();
    /** Rows that passed {@link RecordRules}, per table. */
    final Map<String, Long> validRows = new HashMap<>();
    final Facts facts = new Facts();
    /** Whether erp_items cannot be read: SKUs are then screened as if each had its item row. */
    boolean itemsUnknown;
    ForecastOrigin origin;

    void values() {
      for (Source source : sources.values()) {
        String name = source.schema.name();
        if (source.readable && source.inProcess()) {
          tallies.put(name, new Tally(name));
        } else if (source.uri != null && !source.inProcess()) {
          values.add(Finding.of(Level.NOTE, name + ": values not checked (" + source.uri.scheme()
              + " table; values are checked for " + inProcessSystems() + " tables only)"));
        } else if (!source.missing && source.uri != null) {
          values.add(Finding.of(Level.NOTE, name + ": values not checked: the table cannot be"
              + " read as it is (see Columns)"));
        }
      }
      JobSettings settings = request.settings();
      readValid("erp_items", row -> {
        items.computeIfAbsent(row.getString("sku"), k -> new ArrayList<>()).add(row);
        countNulls("erp_items", row, "case_pack", "moq", "supplier", "ship_mode",
            "shelf_life_days", "review_period_days", "service_level");
      });
      readValid("erp_inventory", row -> {
        stock.computeIfAbsent(row.getString("sku"), k -> new ArrayList<>()).add(row);
        countNulls("erp_inventory", row, "quarantined");
      });
      readValid("erp_purchase_orders",
          row -> orders.computeIfAbsent(row.getString("sku"), k -> new ArrayList<>()).add(row));
      readValid("iot_readings", row -> { });
      readValid("logistics_shipments", row -> {
        if (row.getValue("ship_date") != null && row.getValue("delivered_date") != null) {
          suppliersWithLeadTimes.add(row.getString("supplier"));
        }
      });
      Tally salesTally = tallies.get("erp_sales");
      if (salesTally != null) {
        Map<Long, Long> perPeriod = new TreeMap<>();
        read(sources.get("erp_sales"), List.of(), row -> {
          String reason = salesTally.check(row, settings);
          if (reason == null) {
            LocalDate day = row.getLogicalTypeValue("date", LocalDate.class);
            perPeriod.merge(settings.period().start(day).toEpochDay(), 1L, Long::sum);
            validRows.merge("erp_sales", 1L, Long::sum);
            countNulls("erp_sales", row, "unit_price", "promo");
          } else if (RecordRules.isMissingQuantity(row)) {
            missingQuantity.computeIfAbsent(row.getString("sku"), k -> new ArrayList<>())
                .add(row);
          }
        });
        origin = CrossTableScreen.origin(perPeriod, settings);
        itemsUnknown = !sources.get("erp_items").readable;
        screenSkus();
      }
      List<Finding> perTable = new ArrayList<>();
      for (Tally tally : tallies.values()) {
        perTable.addAll(tally.findings());
      }
      values.addAll(0, perTable);
      if (origin != null) {
        assumptions.add(0, Finding.of(Level.NOTE, origin.hasHistory()
            ? "forecast origin: "
                + settings.period().describe(LocalDate.ofEpochDay(origin.lastPeriod()))
                + " (the last period"
                + " complete on the as-of date " + origin.asOf() + " with sales in a volume like"
                + " the periods before it)"
                + (origin.sparse() == null ? "" : "; " + origin.sparse())
            : "no sale qualifies for a forecast origin on the as-of date " + origin.asOf()
                + " (--as-of)"));
      }
      assumptions.add(0, Finding.of(Level.NOTE, "as-of date " + settings.rules().asOf()
          + ": later records are rejected (--as-of; default today), as are records before "
          + settings.rules().minDate() + " (--min-date)"));
      for (var entry : nullDefaults.entrySet()) {
        String[] tc = entry.getKey().split("\\.");
        TableSchema schema = CanonicalTables.byName(tc[0]);
        String means = CanonicalTables.nullMeans(schema, tc[1]);
        Source source = sources.get(tc[0]);
        boolean absentColumn = source.columns.stream().noneMatch(
            request.mapping().sourceColumn(schema, tc[1])::equalsIgnoreCase);
        if (means != null && !absentColumn) {
          assumptions.add(Finding.of(Level.NOTE, String.format(Locale.ROOT,
              "%s is NULL in %,d of %,d valid rows: %s", entry.getKey(), entry.getValue(),
              validRows.getOrDefault(tc[0], 0L), means)));
        }
      }
    }

    private void countNulls(String table, Row row, String... columns) {
      for (String c : columns) {
        if (row.getValue(c) == null) {
          nullDefaults.merge(table + "." + c, 1L, Long::sum);
        }
      }
    }

    /** Reads a readable in-process table, checks each row and hands the valid ones to {@code valid}. */
    private void readValid(String table, Consumer<Row> valid) {
      Tally tally = tallies.get(table);
      if (tally == null) {
        return;
      }
      read(sources.get(table), List.of(), row -> {
        if (tally.check(row, request.settings()) == null) {
          validRows.merge(table, 1L, Long::sum);
          valid.accept(row);
        }
      });
    }

    private void read(Source source, List<String> orderBy, Consumer<Row> sink) {
      source.connector.forEachRow(source.uri, source.schema, request.mapping(), orderBy, sink);
    }

    /**
     * The rules across one SKU's rows, SKU by SKU (the sales read again, in SKU order, so that
     * one SKU's sales are in memory at a time), and the facts they show.
     */
    private void screenSkus() {
      List<Row> current = new ArrayList<>();
      String[] sku = {null};
      read(sources.get("erp_sales"), List.of("sku", "location"), row -> {
        if (RecordRules.check("erp_sales", row, request.settings().rules()) != null) {
          return;
        }
        String s = row.getString("sku");
        if (!s.equals(sku[0])) {
          if (sku[0] != null) {
            screenOne(sku[0], current);
          }
          current.clear();
          sku[0] = s;
        }
        current.add(row);
      });
      if (sku[0] != null) {
        screenOne(sku[0], current);
      }
      Set<String> rest = new TreeSet<>(items.keySet());
      rest.addAll(stock.keySet());
      rest.addAll(orders.keySet());
      rest.addAll(missingQuantity.keySet());
      for (String s : rest) {
        screenOne(s, List.of());
      }
      List<Finding> cross = new ArrayList<>();
      Source itemsSource = sources.get("erp_items");
      if (itemsUnknown) {
        cross.add(Finding.of(Level.NOTE, "erp_items " + (itemsSource.missing ? "is missing"
            : "cannot be read as it is") + ": the rows above are checked as if every SKU had its"
            + " item row; until it is fixed a run would reject every sale (\"not in"
            + " erp_items\")"));
      }
      if (!facts.unknownSkus.isEmpty()) {
        int n = facts.unknownSkus.size();
        cross.add(new Finding(Level.WARN, String.format(Locale.ROOT,
            "%s with sales %s not in erp_items: %s %,d sales rows would be rejected",
            count(n, "SKU", "SKUs"), n == 1 ? "is" : "are", n == 1 ? "its" : "their",
            facts.unknownSkuSales),
            List.of("e.g. " + String.join(", ", first(facts.unknownSkus)))));
      }
      if (sources.get("erp_inventory").readable && !facts.withoutStock.isEmpty()) {
        int n = facts.withoutStock.size();
        cross.add(new Finding(Level.WARN, String.format(Locale.ROOT,
            "%s %s no stock snapshot: on hand taken as 0",
            count(n, "planned item", "planned items"), n == 1 ? "has" : "have"),
            List.of("e.g. " + String.join(", ", first(facts.withoutStock)))));
      }
      Source shipments = sources.get("logistics_shipments");
      if ((shipments.readable || shipments.absent) && !facts.supplierWithoutShipments.isEmpty()) {
        int n = facts.supplierWithoutShipments.size();
        cross.add(new Finding(Level.WARN, String.format(Locale.ROOT,
            "%s %s a supplier without a delivered shipment in"
                + " logistics_shipments: lead time from all suppliers' shipments%s",
            count(n, "planned item", "planned items"), n == 1 ? "has" : "have",
            suppliersWithLeadTimes.isEmpty()
                ? " (there are none: --default-lead-time-days assumed)" : ""),
            List.of("e.g. " + String.join(", ", first(facts.supplierWithoutShipments)))));
      }
      if (facts.planned > 0) {
        cross.add(Finding.of(Level.OK, String.format(Locale.ROOT,
            "%s would be planned (%s) from %,d sales rows" + (itemsUnknown
                ? ", once erp_items holds their rows" : ""), count(facts.planned, "SKU", "SKUs"),
            count(facts.series, "SKU x location series", "SKU x location series"),
            facts.salesUsed)));
      }
      if (facts.salesUsed == 0 && sources.get("erp_sales").rows > 0) {
        cross.add(Finding.of(itemsUnknown ? Level.WARN : Level.BLOCKS,
            "no sale would be used: every erp_sales row would be rejected (see above), so a run"
                + " would forecast nothing"));
      }
      if (!cross.isEmpty()) {
        cross.add(0, Finding.of(Level.NOTE, "across tables:"));
      }
      values.addAll(cross);
    }

    private void screenOne(String sku, List<Row> sales) {
      List<Row> itemRows = orEmpty(items.remove(sku));
      if (itemsUnknown) {
        itemRows = List.of(placeholderItem(sku));
      }
      List<Row> stockRows = orEmpty(stock.remove(sku));
      CrossTableScreen.Outcome outcome = CrossTableScreen.screen(
          new CrossTableScreen.SkuRows(sku, List.copyOf(sales),
              orEmpty(missingQuantity.remove(sku)), itemRows, stockRows,
              orEmpty(orders.remove(sku))),
          request.settings(), origin);
      for (CrossTableScreen.Rejection r : outcome.rejected()) {
        Tally tally = tallies.get(r.table());
        if (tally != null) {
          tally.reject(r.row(), r.reason());
        }
      }
      facts.salesUsed += outcome.salesUsed();
      if (!itemsUnknown && itemRows.isEmpty() && !sales.isEmpty()) {
        facts.unknownSkus.add(sku);
        facts.unknownSkuSales += sales.size();
      }
      if (outcome.hasItem() && outcome.salesUsed() > 0) {
        facts.planned++;
        facts.series += outcome.series();
        if (stockRows.isEmpty()) {
          facts.withoutStock.add(sku);
        }
        String supplier = itemRows.get(0).getString("supplier");
        if (supplier != null && !suppliersWithLeadTimes.contains(supplier)) {
          facts.supplierWithoutShipments.add(sku + " (supplier " + supplier + ")");
        }
      }
    }
  }

  /** An item row with the SKU only, for screening a SKU when erp_items cannot be read. */
  private static Row placeholderItem(String sku) {
    Row.Builder row = Row.withSchema(CanonicalTables.ERP_ITEMS.beamSchema());
    for (Column column : CanonicalTables.ERP_ITEMS.columns()) {
      row.addValue(column.name().equals("sku") ? sku : null);
    }
    return row.build();
  }

  /** {@code 1 SKU}, {@code 2 SKUs}. */
  private static String count(long n, String singular, String plural) {
    return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? singular : plural);
  }

  private static List<Row> orEmpty(List<Row> rows) {
    return rows == null ? List.of() : rows;
  }

  private static List<String> first(Set<String> values) {
    return values.stream().limit(EXAMPLES * 2L).toList();
  }

  /** What the screen of all SKUs found across tables. */
  private static final class Facts {
    final Set<String> unknownSkus = new TreeSet<>();
    long unknownSkuSales;
    final Set<String> withoutStock = new TreeSet<>();
    final Set<String> supplierWithoutShipments = new TreeSet<>();
    long salesUsed;
    long planned;
    long series;
  }

  /** The rows of one table read and rejected, per reason. */
  private static final class Tally {
    final String table;
    long read;
    long rejected;
    final Map<String, Reason> reasons = new LinkedHashMap<>();

    Tally(String table) {
      this.table = table;
    }

    /** Counts the row as read, checks it, and returns the reason it is rejected, or null. */
    String check(Row row, JobSettings settings) {
      read++;
      String reason = RecordRules.check(table, row, settings.rules());
      if (reason != null) {
        reject(row, reason);
      }
      return reason;
    }

    void reject(Row row, String reason) {
      rejected++;
      Reason r = reasons.computeIfAbsent(kind(row, reason), Reason::new);
      r.count++;
      if (r.examples.size() < EXAMPLES) {
        r.examples.add(keys(table, row) + ": " + reason);
      }
    }

    List<Finding> findings() {
      List<Finding> findings = new ArrayList<>();
      findings.add(Finding.of(rejected == 0 ? Level.OK : Level.WARN, String.format(Locale.ROOT,
          "%s: %s; %s", table, count(read, "row", "rows"), rejected == 0 ? "none would be rejected"
              : String.format(Locale.ROOT, "%,d would be rejected (to rejected_records):",
                  rejected))));
      reasons.values().stream()
          .sorted((a, b) -> Long.compare(b.count, a.count))
          .forEach(r -> findings.add(new Finding(Level.WARN,
              String.format(Locale.ROOT, "  %,d x %s", r.count, r.kind), r.examples)));
      return findings;
    }
  }

  /** One kind of reason, with its count and examples. */
  private static final class Reason {
    final String kind;
    long count;
    final List<String> examples = new ArrayList<>();

    Reason(String kind) {
      this.kind = kind;
    }
  }

  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(T[\\d:.]+)?");
  private static final Pattern NUMBER =
      Pattern.compile("(?<!\\w)(?<!\\w\\.)-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?(?!\\w)");
  private static final Pattern QUOTED = Pattern.compile("'[^']*'");

  /**
   * The kind of a reason, for counting: the reason with the row's SKU and location and every
   * date, number and quoted value replaced by {@code …}.
   */
  static String kind(Row row, String reason) {
    String kind = reason;
    for (String column : List.of("sku", "location", "supplier")) {
      if (row.getSchema().hasField(column) && row.getValue(column) instanceof String value
          && !value.isBlank()) {
        kind = kind.replaceAll("(?<![\\w-])" + Pattern.quote(value) + "(?![\\w-])",
            Matcher.quoteReplacement("…"));
      }
    }
    kind = DATE.matcher(kind).replaceAll("…");
    kind = NUMBER.matcher(kind).replaceAll("…");
    return QUOTED.matcher(kind).replaceAll("'…'");
  }

  /** The key columns of a row, e.g. {@code sku=A location=S1 date=2024-01-03}. */
  static String keys(String table, Row row) {
    StringBuilder out = new StringBuilder();
    for (String column : KEYS.getOrDefault(table, List.of())) {
      Object value = row.getValue(column);
      if (value instanceof LocalDateTime ts) {
        value = ts.toString().replace('T', ' ');
      }
      out.append(out.length() == 0 ? "" : " ").append(column).append('=').append(value);
    }
    return out.toString();
  }
}
