package io.demandcast.pipelines;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandcast.connectors.OutputWarehouse;
import io.demandcast.connectors.Redaction;
import io.demandcast.connectors.TableUri;
import io.demandcast.connectors.UnreadableRecords;
import io.demandcast.connectors.bigquery.BigQueryDatasetName;
import io.demandcast.connectors.bigquery.BigQuerySource;
import io.demandcast.connectors.bigquery.BigQueryTableName;
import io.demandcast.connectors.bigquery.BigQueryWarehouse;
import io.demandcast.connectors.demo.DemoDataset;
import io.demandcast.connectors.duckdb.DuckDbIO;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.connectors.glue.GlueSource;
import io.demandcast.connectors.hive.HiveJdbc;
import io.demandcast.connectors.hive.HiveSource;
import io.demandcast.connectors.hive.HiveTableName;
import io.demandcast.connectors.hive.HiveWarehouse;
import io.demandcast.connectors.s3.S3Source;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.pipelines.model.JobSettings;
import io.demandcast.pipelines.transforms.CountOutputRows;
import io.demandcast.pipelines.transforms.ForecastAndRecommend;
import io.demandcast.pipelines.transforms.ValidateRecords;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionRowTuple;
import org.joda.time.Duration;
import org.jooq.impl.DSL;

/**
 * Runs one demandcast job: records the run in the output warehouse (the embedded DuckDB file, a
 * Hive database or a BigQuery dataset), optionally loads the demo input, runs the Beam pipeline ({@link
 * ForecastAndRecommend} between the source reads, each from DuckDB, S3, a Glue catalog table,
 * BigQuery or Hive as its URI says, and staged writes), and publishes the run's outputs ({@link
 * OutputWarehouse}), or records it as failed.
 */
public final class DemandcastJob {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DemandcastJob() {}

  /**
   * For tests only: the BigQuery services that {@code bigquery://} sources and the staged writes of
   * a {@code --output bigquery://} warehouse use instead of Google's (Beam's in-memory {@code
   * FakeBigQueryServices}); null, the default, for Google's.
   */
  static volatile BigQueryServices bigQueryTestServices;

  /**
   * For tests only: sets {@link #bigQueryTestServices}; null restores Google's services. Not an
   * option of the CLI: the fakes live in the tests' class path.
   */
  public static void useBigQueryTestServices(BigQueryServices services) {
    bigQueryTestServices = services;
  }

  /**
   * What to run.
   *
   * @param warehouse the DuckDB warehouse file the outputs go to, unless {@code output} is given
   * @param sources where each canonical source table is read from, by canonical table name; a table
   *     not listed is read from the warehouse under its canonical name
   * @param mapping the source column names of canonical columns, applied wherever the table is read
   *     from; {@link ColumnMapping#IDENTITY} for none; recorded in {@code model_runs.options}
   * @param settings the job settings (run id, horizon, service level, ...)
   * @param beamArgs Beam pipeline options, e.g. {@code --runner=DirectRunner}
   * @param loadDemo whether to (re)load the demo input into the warehouse's source tables first
   * @param progress receives progress lines, or null for none
   * @param output the warehouse the outputs go to instead of {@code warehouse}, whose tables are
   *     then also the default sources: {@code hive://<host>:<port>/<database>} or {@code
   *     bigquery://<project>/<dataset>}; null for the DuckDB warehouse
   */
  public record Request(
      Path warehouse,
      Map<String, TableUri> sources,
      ColumnMapping mapping,
      JobSettings settings,
      List<String> beamArgs,
      boolean loadDemo,
      Consumer<String> progress,
      String output) {
    public Request {
      mapping = mapping == null ? ColumnMapping.IDENTITY : mapping;
      if (output != null) {
        outputKind(output); // checks the URI
      }
      if (output != null && loadDemo) {
        throw new IllegalArgumentException(
            "the demo loads its input into the DuckDB warehouse; it cannot write to " + output);
      }
    }

    /** A request whose outputs go to the DuckDB warehouse. */
    public Request(
        Path warehouse,
        Map<String, TableUri> sources,
        ColumnMapping mapping,
        JobSettings settings,
        List<String> beamArgs,
        boolean loadDemo,
        Consumer<String> progress) {
      this(warehouse, sources, mapping, settings, beamArgs, loadDemo, progress, null);
    }

    /** A request that reads every column under its canonical name. */
    public Request(
        Path warehouse,
        Map<String, TableUri> sources,
        JobSettings settings,
        List<String> beamArgs,
        boolean loadDemo,
        Consumer<String> progress) {
      this(warehouse, sources, ColumnMapping.IDENTITY, settings, beamArgs, loadDemo, progress);
    }
  }

  /**
   * A finished run.
   *
   * @param runId the run id
   * @param rowsRead source rows read per canonical source table (demo files' rejected rows
   *     included)
   * @param rowsWritten output rows published per output table
   * @param seconds wall time of the whole run, seconds
   * @param accounts per canonical source table, rows read, used and rejected (read = used +
   *     rejected, or the run fails)
   * @param asOf the run's as-of date
   * @param origin start of the forecast origin period, or null when no sale qualified
   * @param flaggedSales sales far outside their series' history that were kept ({@code
   *     --outliers=flag})
   * @param assumptions what the run assumed for lack of data, by counter name ({@code
   *     assumed_lead_time}, {@code assumed_no_stock}, {@code assumed_holding_cost_rate}, {@code
   *     assumed_order_cost}), with the count of series or items
   * @param seriesForecast series with a forecast
   */
  public record Result(
      String runId,
      Map<String, Long> rowsRead,
      Map<String, Long> rowsWritten,
      double seconds,
      Map<String, RowAccount> accounts,
      java.time.LocalDate asOf,
      java.time.LocalDate origin,
      long flaggedSales,
      Map<String, Long> assumptions,
      long seriesForecast) {}

  /**
   * What became of one source table's rows.
   *
   * @param read rows read (for the demo, rows of its files, including those that could not be
   *     converted)
   * @param used rows that passed every check and went into the merge step
   * @param rejected rows written to {@code rejected_records}
   */
  public record RowAccount(long read, long used, long rejected) {
    /** Whether every row read was used or rejected. */
    public boolean balanced() {
      return read == used + rejected;
    }
  }

  /**
   * Runs the job.
   *
   * @throws IllegalArgumentException for a bad source, option or table
   * @throws RuntimeException when the pipeline fails; the run is then recorded as failed and its
   *     outputs are not published
   */
  public static Result run(Request request) {
    long start = System.nanoTime();
    JobSettings settings = request.settings();
    String runId = settings.runId();
    PipelineOptions options = pipelineOptions(request.beamArgs());
    Map<String, TableUri> sources = resolveSources(request);
    // the runner's checks of its options first, then that every DuckDB file read exists: a typo
    // must not create an empty warehouse and "complete" a run over nothing
    Pipeline pipeline = createPipeline(options);
    requireDuckDbFiles(request, sources);
    // recovers abandoned runs at beginRun; heartbeat and shutdown hook until commit or failure
    RunGuard warehouse = RunGuard.around(outputWarehouse(request, options), request.progress());
    // Building the pipeline checks every source table's columns (DuckDbIO.read), so a bad table
    // stops the job here, before the run is recorded.
    PCollectionRowTuple input = PCollectionRowTuple.empty(pipeline);
    for (TableSchema table : CanonicalTables.SOURCES) {
      input = readSource(pipeline, input, table, sources.get(table.name()), request.mapping());
    }
    PCollectionRowTuple outputs = input.apply(new ForecastAndRecommend(settings));
    for (TableSchema table : ForecastAndRecommend.OUTPUTS) {
      outputs
          .get(table.name())
          .apply(new CountOutputRows(table.name()))
          .apply("Write" + table.name(), warehouse.writeStaged(table, runId));
    }
    warehouse.beginRun(runId, settings.startedAt(), optionsJson(request, options), version());
    try {
      log(request.progress(), "  run " + runId + " recorded as running in " + warehouse.location());
      Map<String, Long> rowsRead = new LinkedHashMap<>();
      Map<String, Long> demoRejected = new LinkedHashMap<>();
      if (request.loadDemo()) {
        demoRejected.putAll(
            loadDemo(warehouse.unwrap(DuckDbWarehouse.class), settings, request.progress()));
        rowsRead.putAll(demoRejected);
      }
      PipelineResult result = pipeline.run();
      warehouse.watch(result);
      waitWithProgress(result, expectedSeries(sources, request.mapping()), request.progress());
      for (TableSchema table : CanonicalTables.SOURCES) {
        rowsRead.merge(table.name(), counter(result, "read_" + table.name()), Long::sum);
      }
      long totalRead = rowsRead.values().stream().mapToLong(Long::longValue).sum();
      Map<String, RowAccount> accounts = accounts(result, rowsRead, demoRejected);
      checkAccounts(accounts, runId);
      checkForecasts(accounts, counter(result, "series_forecast"),
          counter(result, "series_skipped"), runId);
      checkStaged(warehouse, runId, result);
      Map<String, Long> written =
          warehouse.commitRun(runId, now(), snapshotJson(sources, rowsRead), totalRead);
      long originDay = distributionMax(result, ForecastAndRecommend.ORIGIN_METRIC);
      return new Result(runId, rowsRead, written, (System.nanoTime() - start) / 1e9, accounts,
          settings.rules().asOf(),
          originDay == Long.MIN_VALUE ? null : java.time.LocalDate.ofEpochDay(originDay),
          counter(result, "flagged_erp_sales"), assumptions(result),
          counter(result, "series_forecast"));
    } catch (RuntimeException | Error e) {
      // model_runs.message: the message without secrets (the warehouses redact it too)
      warehouse.failRun(runId, now(),
          Redaction.redact(String.valueOf(e.getMessage()),
              Redaction.secretOptionValues(request.beamArgs())));
      throw e;
    }
  }

  /**
   * Adds the rows of one source table to {@code input}, read from where {@code uri} says, under the
   * table's name; for a connector that reports records it could not convert (S3, Glue, BigQuery),
   * those too,
   * under {@link ForecastAndRecommend#unreadableTag}. Applying the read checks the table (columns,
   * types; for Glue, the catalog's table and then its files; for BigQuery, the table's schema) and
   * throws before anything runs.
   */
  static PCollectionRowTuple readSource(
      Pipeline pipeline, PCollectionRowTuple input, TableSchema table, TableUri uri,
      ColumnMapping mapping) {
    String step = "Read" + table.name();
    return switch (uri.scheme()) {
      case TableUri.DUCKDB ->
          input.and(
              table.name(),
              PBegin.in(pipeline)
                  .apply(step, DuckDbIO.read(uri.file(), uri.table(), table, mapping)));
      case TableUri.S3, TableUri.GLUE, TableUri.BIGQUERY -> {
        PCollectionRowTuple read =
            PBegin.in(pipeline).apply(step, switch (uri.scheme()) {
              case TableUri.S3 -> S3Source.read(uri.s3(), uri.format(), table, mapping);
              case TableUri.GLUE -> GlueSource.read(uri.glue(), table, mapping);
              default -> {
                BigQuerySource.Read bq = BigQuerySource.read(uri.bigQuery(), table, mapping);
                BigQueryServices services = bigQueryTestServices;
                yield services == null ? bq : bq.withTestServices(services);
              }
            });
        yield input
            .and(table.name(), read.get(UnreadableRecords.ROWS))
            .and(
                ForecastAndRecommend.unreadableTag(table),
                read.get(UnreadableRecords.UNREADABLE));
      }
      case TableUri.HIVE ->
          input.and(
              table.name(),
              PBegin.in(pipeline).apply(step, HiveSource.read(uri.hive(), table, mapping)));
      default -> throw new IllegalArgumentException(
          table.name() + " = " + uri + ": the job cannot read " + uri.scheme() + " tables");
    };
  }

  /**
   * Refuses a run that would read a DuckDB file that does not exist (the demo's warehouse, which
   * the demo loads, excepted), before anything creates it.
   *
   * @throws IllegalArgumentException naming the file and how to make one
   */
  static void requireDuckDbFiles(Request request, Map<String, TableUri> sources) {
    Path warehouseFile = request.warehouse() == null ? null
        : request.warehouse().toAbsolutePath().normalize();
    for (var entry : sources.entrySet()) {
      TableUri uri = entry.getValue();
      if (!uri.scheme().equals(TableUri.DUCKDB)) {
        continue;
      }
      Path file = uri.file().toAbsolutePath().normalize();
      if (java.nio.file.Files.exists(file)) {
        continue;
      }
      if (file.equals(warehouseFile)) {
        if (request.loadDemo()) {
          continue;
        }
        throw new IllegalArgumentException("no warehouse at " + file + ": load your tables into"
            + " one with ./demandcast import, point --warehouse at an existing file, or try"
            + " ./demandcast demo");
      }
      throw new IllegalArgumentException("source " + entry.getKey() + " = " + uri
          + ": no DuckDB file at " + file);
    }
  }

  /** The warehouse systems an output URI may name. */
  private enum OutputKind { HIVE, BIGQUERY }

  private static final String OUTPUT_FORMS =
      "hive://<host>:<port>/<database> or bigquery://<project>/<dataset>";

  /**
   * What an output URI names.
   *
   * @throws IllegalArgumentException naming the URI and the accepted forms
   */
  private static OutputKind outputKind(String uri) {
    try {
      if (uri.startsWith(HiveTableName.SCHEME + "://")) {
        HiveTableName.parseDatabase(uri);
        return OutputKind.HIVE;
      }
      if (uri.startsWith(BigQueryTableName.SCHEME + "://")) {
        BigQueryDatasetName.parse(uri);
        return OutputKind.BIGQUERY;
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--output: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(
        "--output " + uri + ": outputs go to a DuckDB warehouse (--warehouse FILE), a Hive database"
            + " or a BigQuery dataset: " + OUTPUT_FORMS);
  }

  private static OutputWarehouse outputWarehouse(Request request, PipelineOptions options) {
    if (request.output() == null) {
      // the demo loads all six source tables after the pipeline is built: they must exist
      return request.loadDemo()
          ? DuckDbWarehouse.openWithSourceTables(request.warehouse())
          : DuckDbWarehouse.open(request.warehouse());
    }
    return switch (outputKind(request.output())) {
      case HIVE -> new HiveWarehouse(
          HiveJdbc.of(HiveTableName.parseDatabase(request.output()), options));
      case BIGQUERY -> {
        BigQueryWarehouse bq =
            BigQueryWarehouse.open(BigQueryDatasetName.parse(request.output()), options);
        BigQueryServices services = bigQueryTestServices;
        yield services == null ? bq : bq.withTestServices(services);
      }
    };
  }

  /** The default URI of a source table: the table of its name in the output warehouse. */
  private static TableUri defaultSource(Request request, String table) {
    if (request.output() == null) {
      return TableUri.duckDb(request.warehouse(), table);
    }
    return switch (outputKind(request.output())) {
      case HIVE -> TableUri.hive(HiveTableName.parseDatabase(request.output()).withTable(table));
      case BIGQUERY -> TableUri.bigQuery(BigQueryDatasetName.parse(request.output()).table(table));
    };
  }

  /** UTC now, to the microsecond (DuckDB's timestamp precision). */
  public static LocalDateTime now() {
    return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * The job's pipeline options from its Beam arguments ({@code --name=value}), as {@link #run} uses
   * them: validated, job name {@code demandcast} unless {@code --jobName} is given; for the DirectRunner, non-blocking and without
   * the immutability and encodability checks unless asked for. The runner's own checks (for
   * {@code --runner=DataflowRunner}: project, region, a gs:// temp location) run when the pipeline
   * is created, before the run is recorded.
   *
   * @throws IllegalArgumentException for an unknown option or runner, or a bad or missing value
   */
  static PipelineOptions pipelineOptions(List<String> beamArgs) {
    PipelineOptions options;
    try {
      options =
          PipelineOptionsFactory.fromArgs(beamArgs.toArray(String[]::new)).withValidation().create();
    } catch (RuntimeException e) {
      throw withoutSecrets(e, beamArgs);
    }
    if (beamArgs.stream().noneMatch(a -> a.startsWith("--jobName="))) {
      // Dataflow refuses a second active job of the same name: --jobName=... to run two at once
      options.setJobName("demandcast");
    }
    if (options.getRunner() == DirectRunner.class) {
      DirectOptions direct = options.as(DirectOptions.class);
      // run() returns at once so that progress can be reported while the pipeline runs
      direct.setBlockOnRun(false);
      // The DirectRunner's immutability and encodability checks re-encode every element and walk
      // the whole pipeline for every bundle; they are for testing DoFns (the tests keep them on).
      // A user can turn them back on with --enforceImmutability=true --enforceEncodability=true.
      if (beamArgs.stream().noneMatch(a -> a.startsWith("--enforceImmutability"))) {
        direct.setEnforceImmutability(false);
      }
      if (beamArgs.stream().noneMatch(a -> a.startsWith("--enforceEncodability"))) {
        direct.setEnforceEncodability(false);
      }
    }
    return options;
  }

  /**
   * {@code e} from parsing the pipeline options, or, when its message or a cause's holds the value
   * of a secret option (Beam echoes a malformed {@code --awsCredentialsProvider} JSON, keys and
   * all: "Unable to parse JSON value {...}"), an IllegalArgumentException whose message and causes
   * are redacted copies ({@link Redaction#scrub}): the original, which carries the value, is
   * dropped.
   */
  static RuntimeException withoutSecrets(RuntimeException e, List<String> beamArgs) {
    List<String> secrets = Redaction.secretOptionValues(beamArgs);
    boolean carries = false;
    for (Throwable t = e; t != null && !carries; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage();
      carries = m != null && !Redaction.redact(m, secrets).equals(m);
    }
    if (!carries) {
      return e;
    }
    StringBuilder message = new StringBuilder(Redaction.redact(String.valueOf(e.getMessage()),
        secrets));
    for (String arg : beamArgs) {
      if (arg.startsWith("--awsCredentialsProvider=")) {
        message.append("; check --awsCredentialsProvider (value not shown): a JSON object such as"
            + " {\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\"...\","
            + "\"secretAccessKey\":\"...\"} or {\"@type\":\"DefaultCredentialsProvider\"}");
      }
    }
    return new IllegalArgumentException(message.toString(),
        Redaction.scrub(e.getCause() == e ? null : e.getCause(), secrets));
  }

  /**
   * {@link Pipeline#create}, which creates the runner and so runs its checks of the options (for
   * the DataflowRunner: project, region, gs:// temp and staging locations).
   *
   * @throws IllegalArgumentException when the runner rejects the options; the message carries its
   *     causes' messages, where Beam names the option at fault (a non-gs:// {@code --tempLocation}
   *     surfaces as "DataflowRunner requires gcpTempLocation, ..." with the reason below it)
   */
  static Pipeline createPipeline(PipelineOptions options) {
    try {
      return Pipeline.create(options);
    } catch (IllegalArgumentException e) {
      if (e.getCause() == null) {
        throw e;
      }
      StringBuilder message = new StringBuilder();
      for (Throwable t = e; t != null; t = t.getCause()) {
        String m = t.getMessage() == null ? "" : t.getMessage().strip();
        if (!m.isEmpty() && message.indexOf(m) < 0) {
          message.append(message.length() == 0 ? "" : ": ").append(m);
        }
      }
      throw new IllegalArgumentException(message.toString(), e);
    }
  }

  private static Map<String, TableUri> resolveSources(Request request) {
    Map<String, TableUri> resolved = new LinkedHashMap<>();
    for (TableSchema table : CanonicalTables.SOURCES) {
      TableUri uri = request.sources().get(table.name());
      if (uri == null) {
        uri = defaultSource(request, table.name());
      }
      resolved.put(table.name(), uri);
    }
    for (String name : request.sources().keySet()) {
      if (!resolved.containsKey(name)) {
        throw new IllegalArgumentException(
            "unknown source table '" + name + "'; the sources are "
                + CanonicalTables.SOURCES.stream().map(TableSchema::name).toList());
      }
    }
    return resolved;
  }

  private static Map<String, Long> loadDemo(
      DuckDbWarehouse warehouse, JobSettings settings, Consumer<String> progress) {
    log(progress, "loading the demo input into " + warehouse.file());
    DemoDataset.Result demo = DemoDataset.read();
    Map<String, Long> rejectedPerTable = new LinkedHashMap<>();
    List<Object[]> rejected = new ArrayList<>();
    Map<String, Integer> occurrences = new java.util.HashMap<>();
    for (DemoDataset.Rejected r : demo.rejected()) {
      int occurrence = occurrences.merge(
          r.source() + '\u0000' + r.payload() + '\u0000' + r.reason(), 1, Integer::sum);
      rejected.add(new Object[] {
          settings.runId(), r.source(), r.payload(), r.reason(), settings.startedAt(), occurrence});
      String table = r.source().split(" ", 2)[0];
      rejectedPerTable.merge(table, 1L, Long::sum);
    }
    for (var entry : demo.tables().entrySet()) {
      long rows = warehouse.replaceSourceTable(entry.getKey(), entry.getValue());
      log(progress, String.format("  %-22s %,9d rows", entry.getKey().name(), rows));
    }
    warehouse.appendStaged(settings.runId(), CanonicalTables.REJECTED_RECORDS, rejected);
    if (!rejected.isEmpty()) {
      log(progress, String.format("  %,d demo file records could not be converted:"
          + " see rejected_records", rejected.size()));
    }
    return rejectedPerTable;
  }

  private static long expectedSeries(Map<String, TableUri> sources, ColumnMapping mapping) {
    TableSchema salesTable = CanonicalTables.ERP_SALES;
    TableUri sales = sources.get(salesTable.name());
    if (!sales.scheme().equals(TableUri.DUCKDB)) {
      return -1; // counting the series would read the objects twice: show counts without a total
    }
    try (Connection connection = DuckDbWarehouse.attach(sales.file()).connect()) {
      var dsl = DuckDbWarehouse.dsl(connection);
      Object count =
          dsl.fetchValue(
              dsl.selectCount()
                  .from(
                      dsl.selectDistinct(
                              DSL.field(DSL.quotedName(mapping.sourceColumn(salesTable, "sku"))),
                              DSL.field(
                                  DSL.quotedName(mapping.sourceColumn(salesTable, "location"))))
                          .from(DSL.table(DSL.name(sales.table())))));
      return count == null ? -1 : ((Number) count).longValue();
    } catch (SQLException | RuntimeException e) {
      return -1; // progress then shows counts without a total
    }
  }

  private static void waitWithProgress(PipelineResult result, long expected, Consumer<String> progress) {
    long started = System.nanoTime();
    long reported = 0;
    while (true) {
      PipelineResult.State state = result.waitUntilFinish(Duration.standardSeconds(2));
      if (state != null && state.isTerminal()) {
        if (state != PipelineResult.State.DONE) {
          throw new IllegalStateException("the pipeline ended in state " + state);
        }
        break;
      }
      long done = counter(result, "series_forecast") + counter(result, "series_skipped");
      if (done > reported) {
        double seconds = (System.nanoTime() - started) / 1e9;
        log(progress, expected > 0
            ? String.format("  forecasting: %,d of %,d series (%.0f s)", done, expected, seconds)
            : String.format("  forecasting: %,d series (%.0f s)", done, seconds));
        reported = done;
      }
    }
  }

  /**
   * Refuses to publish a run whose staging holds fewer rows of an output table than the pipeline
   * handed to the staged write ({@link CountOutputRows}): rows were lost on the way, and publishing
   * would silently drop them. More rows are fine (a retried bundle's exact duplicates, which the
   * commit keeps once).
   *
   * @throws IllegalStateException naming the table and both counts
   */
  static void checkStaged(OutputWarehouse warehouse, String runId, PipelineResult result) {
    for (TableSchema table : OutputWarehouse.stagedOutputs()) {
      long produced = counter(result, CountOutputRows.counterName(table.name()));
      OptionalLong staged = warehouse.stagedRows(runId, table);
      if (staged.isPresent() && staged.getAsLong() < produced) {
        throw new IllegalStateException(String.format(Locale.ROOT,
            "%s: the pipeline wrote %,d rows but the staging in %s holds %,d; rows were lost on"
                + " the way to the warehouse, so run %s is not published. Re-run it with the"
                + " same --run-id (its rows are replaced, not added to)",
            table.name(), produced, warehouse.location(), staged.getAsLong(), runId));
      }
    }
  }

  /**
   * Per source table, rows read, used and rejected, from the pipeline's counters ({@code read_},
   * {@code used_}, {@code rejected_}) plus the demo files' records that could not be converted
   * (read and rejected before the pipeline).
   */
  static Map<String, RowAccount> accounts(
      PipelineResult result, Map<String, Long> rowsRead, Map<String, Long> demoRejected) {
    Map<String, RowAccount> accounts = new LinkedHashMap<>();
    for (TableSchema table : CanonicalTables.SOURCES) {
      String name = table.name();
      accounts.put(name, new RowAccount(
          rowsRead.getOrDefault(name, 0L),
          counter(result, ValidateRecords.usedCounter(name)),
          counter(result, "rejected_" + name) + demoRejected.getOrDefault(name, 0L)));
    }
    return accounts;
  }

  /**
   * Refuses to publish a run that lost a source row: one neither used nor rejected.
   *
   * @throws IllegalStateException naming each table whose rows do not add up
   */
  static void checkAccounts(Map<String, RowAccount> accounts, String runId) {
    List<String> unbalanced = new ArrayList<>();
    accounts.forEach((table, a) -> {
      if (!a.balanced()) {
        unbalanced.add(String.format(Locale.ROOT, "%s: %,d read but %,d used + %,d rejected",
            table, a.read(), a.used(), a.rejected()));
      }
    });
    if (!unbalanced.isEmpty()) {
      throw new IllegalStateException("source rows were neither used nor rejected, so run "
          + runId + " is not published: " + String.join("; ", unbalanced)
          + ". This is a demandcast bug: please report it with the run's model_runs row");
    }
  }

  /** The counters of what the run assumed for lack of data ({@link Result#assumptions()}). */
  public static final List<String> ASSUMPTIONS = List.of("assumed_lead_time", "assumed_no_stock",
      "assumed_holding_cost_rate", "assumed_order_cost");

  private static Map<String, Long> assumptions(PipelineResult result) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String name : ASSUMPTIONS) {
      counts.put(name, counter(result, name));
    }
    return counts;
  }

  /**
   * Refuses to publish a run that forecast no series: its outputs would be empty and the latest
   * views would switch to it.
   *
   * @throws IllegalStateException saying what became of the sales and items, and where to look
   */
  static void checkForecasts(
      Map<String, RowAccount> accounts, long forecast, long skipped, String runId) {
    if (forecast > 0) {
      return;
    }
    RowAccount sales = accounts.get(CanonicalTables.ERP_SALES.name());
    RowAccount items = accounts.get(CanonicalTables.ERP_ITEMS.name());
    String why;
    if (sales.read() == 0) {
      why = "erp_sales has no rows";
    } else if (sales.used() == 0) {
      why = String.format(Locale.ROOT, "all %,d erp_sales rows were rejected%s", sales.read(),
          items.used() == 0 ? " (and no erp_items row was used: a sale needs its SKU's item row)"
              : "");
    } else {
      why = String.format(Locale.ROOT, "%,d series were assembled from %,d sales, but none could be"
          + " forecast (too short, or with demand not recorded)", skipped, sales.used());
    }
    throw new IllegalStateException("no series was forecast, so run " + runId
        + " is not published: " + why + ". The run's rejected records name each row's reason;"
        + " ./demandcast check lists the problems of the sources without running the job");
  }

  /** The largest value of a demandcast distribution metric, or {@link Long#MIN_VALUE} if none. */
  static long distributionMax(PipelineResult result, String name) {
    MetricQueryResults metrics =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(ValidateRecords.METRICS_NAMESPACE, name))
                    .build());
    long max = Long.MIN_VALUE;
    for (var d : metrics.getDistributions()) {
      org.apache.beam.sdk.metrics.DistributionResult value;
      try {
        value = d.getCommitted();
      } catch (UnsupportedOperationException e) {
        value = d.getAttempted();
      }
      if (value != null && value.getCount() > 0) {
        max = Math.max(max, value.getMax());
      }
    }
    return max;
  }

  /** A demandcast counter's value: committed where the runner supports it, else attempted. */
  static long counter(PipelineResult result, String name) {
    MetricQueryResults metrics =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(ValidateRecords.METRICS_NAMESPACE, name))
                    .build());
    long total = 0;
    for (MetricResult<Long> c : metrics.getCounters()) {
      Long value;
      try {
        value = c.getCommitted();
      } catch (UnsupportedOperationException e) {
        value = c.getAttempted();
      }
      total += value == null ? 0 : value;
    }
    return total;
  }

  private static String optionsJson(Request request, PipelineOptions options) {
    JobSettings s = request.settings();
    ObjectNode node = JSON.createObjectNode();
    node.put("run_id", s.runId());
    node.put("started_at", s.startedAt().toString());
    node.put("period", s.period().name());
    node.put("horizon", s.horizon());
    node.put("service_level", s.serviceLevel());
    node.put("backtest_windows", s.backtestWindows());
    node.put("backtest_step", s.backtestStep());
    node.put("min_lane_shipments", s.minLaneShipments());
    node.put("storage_min_c", s.storageMinC());
    node.put("storage_max_c", s.storageMaxC());
    node.put("quarantine_lookback_days", s.quarantineLookbackDays());
    node.put("quarantine_min_readings", s.quarantineMinReadings());
    node.put("sku_shards", s.skuShards());
    node.put("global_model", s.globalModel().id());
    node.put("max_segment_series", s.maxSegmentSeries());
    node.put("as_of", s.rules().asOf().toString());
    node.put("min_date", s.rules().minDate().toString());
    node.put("max_quantity", s.rules().maxQuantity());
    node.put("max_price", s.rules().maxPrice());
    node.put("max_lead_time_days", s.rules().maxLeadTimeDays());
    node.put("outlier_mads", s.rules().outlierMads());
    node.put("outliers", s.rules().outliers().id());
    node.put("min_outlier_history", s.rules().minOutlierHistory());
    node.put("runner", options.getRunner().getSimpleName());
    if (request.output() == null) {
      node.put("warehouse", request.warehouse().toAbsolutePath().normalize().toString());
    } else {
      node.put("warehouse", Redaction.redact(request.output()));
    }
    node.put("load_demo", request.loadDemo());
    // how the sources were read: canonical table -> canonical column -> source column
    node.set("column_mapping", JSON.valueToTree(request.mapping().asMap()));
    return node.toString();
  }

  private static String snapshotJson(Map<String, TableUri> sources, Map<String, Long> rowsRead) {
    ObjectNode node = JSON.createObjectNode();
    sources.forEach(
        (name, uri) -> {
          ObjectNode table = node.putObject(name);
          table.put("uri", Redaction.redact(uri.toString()));
          table.put("rows_read", rowsRead.getOrDefault(name, 0L));
        });
    return node.toString();
  }

  /** demandcast's version, from the jar's build. */
  public static String version() {
    try (InputStream in = DemandcastJob.class.getResourceAsStream("/demandcast/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void log(Consumer<String> progress, String line) {
    if (progress != null) {
      progress.accept(line);
    }
  }

}
