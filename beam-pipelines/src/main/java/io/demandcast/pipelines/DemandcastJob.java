package io.demandcast.pipelines;

import io.demandcast.connectors.Connectors;
import io.demandcast.connectors.TableUri;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.pipelines.model.JobSettings;
import io.demandcast.pipelines.transforms.ForecastAndRecommend;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Runs one demandcast job from a {@link Request}: builds the {@link DemandcastPipeline} over the
 * sources and output warehouse that {@link RunSources} resolve through the {@link Connectors}
 * passed in, and runs it inside the {@link
 * RunPublisher}'s protocol (recorded as running, checked, published or failed) under a {@link
 * RunGuard}.
 */
public final class DemandcastJob {
  private DemandcastJob() {}

  /**
   * What to run.
   *
   * @param warehouse the DuckDB warehouse file the outputs go to, unless {@code output} is given
   * @param sources where canonical source tables are read from, by name; a table not listed is
   *     read from the output warehouse under its canonical name
   * @param mapping the source column names of canonical columns; null for {@link
   *     ColumnMapping#IDENTITY}
   * @param settings the job settings (run id, horizon, service level, rules, ...)
   * @param beamArgs Beam pipeline options, e.g. {@code --runner=DirectRunner}
   * @param loadDemo whether to (re)load the demo input into the warehouse's source tables first
   * @param progress receives progress lines; null for none
   * @param output {@code hive://<host>:<port>/<database>} or {@code bigquery://<project>/<dataset>}
   *     to write there instead of {@code warehouse}; null for the DuckDB warehouse
   * @param connectors how sources are read and warehouses opened, by URI scheme; null for {@link
   *     Connectors#loaded()}
   */
  public record Request(Path warehouse, Map<String, TableUri> sources, ColumnMapping mapping,
      JobSettings settings, List<String> beamArgs, boolean loadDemo, Consumer<String> progress,
      String output, Connectors connectors) {
    public Request {
      mapping = mapping == null ? ColumnMapping.IDENTITY : mapping;
      progress = progress == null ? line -> { } : progress;
      connectors = connectors == null ? Connectors.loaded() : connectors;
      if (output != null) {
        RunSources.checkOutput(connectors, output);
        if (loadDemo) {
          throw new IllegalArgumentException(
              "the demo loads its input into the DuckDB warehouse; it cannot write to " + output);
        }
      }
    }

    /** A request whose outputs go to the DuckDB warehouse, read through the connectors on the class path. */
    public Request(Path warehouse, Map<String, TableUri> sources, ColumnMapping mapping,
        JobSettings settings, List<String> beamArgs, boolean loadDemo, Consumer<String> progress) {
      this(warehouse, sources, mapping, settings, beamArgs, loadDemo, progress, null, null);
    }

    /** A request that reads every column under its canonical name. */
    public Request(Path warehouse, Map<String, TableUri> sources, JobSettings settings,
        List<String> beamArgs, boolean loadDemo, Consumer<String> progress) {
      this(warehouse, sources, null, settings, beamArgs, loadDemo, progress);
    }
  }

  /**
   * A published run.
   *
   * @param rowsRead source rows read per canonical source table (demo files' rejected rows in)
   * @param rowsWritten output rows published per output table
   * @param seconds wall time of the whole run, seconds
   * @param accounts per source table, rows read, used and rejected (read = used + rejected)
   * @param origin start of the forecast origin period, or null when no sale qualified
   * @param flaggedSales sales far outside their series' history kept by {@code --outliers=flag}
   * @param assumptions count of series or items per {@link RunMetrics#ASSUMPTIONS} counter
   * @param seriesForecast series with a forecast
   */
  public record Result(String runId, Map<String, Long> rowsRead, Map<String, Long> rowsWritten,
      double seconds, Map<String, RowAccount> accounts, LocalDate asOf, LocalDate origin,
      long flaggedSales, Map<String, Long> assumptions, long seriesForecast) {}

  /**
   * Runs the job.
   *
   * @throws IllegalArgumentException for a bad source, option or table (before the run is
   *     recorded)
   * @throws RuntimeException when the pipeline or a check after it fails; the run is then recorded
   *     as failed and its outputs are not published
   */
  public static Result run(Request request) {
    long start = System.nanoTime();
    JobSettings settings = request.settings();
    Connectors connectors = request.connectors();
    PipelineOptions options = BeamOptions.pipelineOptions(request.beamArgs());
    Map<String, TableUri> sources =
        RunSources.resolve(connectors, request.sources(), request.warehouse(), request.output());
    // the runner's checks of its options first, then that every DuckDB file read exists: a typo
    // must not create an empty warehouse and "complete" a run over nothing
    Pipeline pipeline = BeamOptions.createPipeline(options);
    RunSources.requireFiles(connectors, sources, request.warehouse(), request.loadDemo());
    // recovers abandoned runs; heartbeat and shutdown hook until commit or failure
    RunGuard warehouse = RunGuard.around(RunSources.outputWarehouse(connectors, request.warehouse(),
        request.output(), request.loadDemo(), options), request.progress());
    // building the graph checks every source table's columns: a bad table stops the job here
    DemandcastPipeline.build(
        pipeline, settings, sources, request.mapping(), connectors, warehouse);
    RunPublisher publisher =
        new RunPublisher(warehouse, settings.runId(), request.beamArgs());
    publisher.begin(settings.startedAt(), RunRecord.optionsJson(settings,
        options.getRunner().getSimpleName(), request.output() != null ? request.output()
            : request.warehouse().toAbsolutePath().normalize().toString(),
        request.loadDemo(), request.mapping()));
    try {
      request.progress().accept(
          "  run " + settings.runId() + " recorded as running in " + warehouse.location());
      Map<String, Long> demoRejected = request.loadDemo()
          ? DemoLoad.into(warehouse.unwrap(DuckDbWarehouse.class), settings, request.progress())
          : Map.of();
      PipelineResult result = pipeline.run();
      warehouse.watch(result);
      RunMetrics.awaitWithProgress(result,
          RunSources.expectedSeries(sources, request.mapping()), request.progress());
      RunPublisher.Published published = publisher.publish(result, demoRejected, sources);
      long originDay = RunMetrics.distributionMax(result, ForecastAndRecommend.ORIGIN_METRIC);
      return new Result(settings.runId(), published.rowsRead(), published.rowsWritten(),
          (System.nanoTime() - start) / 1e9, published.accounts(), settings.rules().asOf(),
          originDay == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(originDay),
          RunMetrics.counter(result, "flagged_erp_sales"), RunMetrics.assumptions(result),
          RunMetrics.counter(result, "series_forecast"));
    } catch (RuntimeException | Error e) {
      publisher.fail(e);
      throw e;
    }
  }
}
