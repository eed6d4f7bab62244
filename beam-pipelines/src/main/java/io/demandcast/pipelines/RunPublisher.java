package io.demandcast.pipelines;

import io.demandcast.connectors.OutputWarehouse;
import io.demandcast.connectors.Redaction;
import io.demandcast.connectors.TableUri;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.pipelines.transforms.CountOutputRows;
import io.demandcast.pipelines.transforms.ValidateRecords;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.beam.sdk.PipelineResult;

/**
 * The run protocol around a pipeline: the run is recorded as {@code running} in {@code model_runs}
 * before the pipeline starts ({@link #begin}); after it, every source row must be accounted for,
 * at least one series forecast and every output row staged, and only then are the staged outputs
 * published at once ({@link #publish}); anything else records the run as failed with a message
 * free of secrets ({@link #fail}), and its outputs never become visible.
 */
public final class RunPublisher {
  private final OutputWarehouse warehouse;
  private final String runId;
  private final List<String> secrets;

  /**
   * @param warehouse the output warehouse (a {@link RunGuard}, so that an abandoned run is failed)
   * @param runId the run's id
   * @param beamArgs the Beam arguments, whose secret values are kept out of stored messages
   */
  public RunPublisher(OutputWarehouse warehouse, String runId, List<String> beamArgs) {
    this.warehouse = warehouse;
    this.runId = runId;
    this.secrets = Redaction.secretOptionValues(beamArgs);
  }

  /**
   * A published run.
   *
   * @param rowsRead source rows read per canonical source table (demo files' rejected rows
   *     included)
   * @param accounts per source table, rows read, used and rejected
   * @param rowsWritten output rows published per output table
   */
  public record Published(
      Map<String, Long> rowsRead, Map<String, RowAccount> accounts, Map<String, Long> rowsWritten) {}

  /** Records the run as running, with its options ({@link RunRecord#optionsJson}). */
  public void begin(LocalDateTime startedAt, String optionsJson) {
    warehouse.beginRun(runId, startedAt, optionsJson, RunRecord.version());
  }

  /**
   * Checks the finished pipeline's run and publishes it.
   *
   * @param demoRejected demo file records that could not be converted, per table (read and
   *     rejected before the pipeline); empty for other runs
   * @param sources where each source table was read from, for {@code model_runs.source_snapshot}
   * @throws IllegalStateException when a source row was lost, no series was forecast or an output
   *     row did not reach the staging: the run is then not published
   */
  public Published publish(PipelineResult result, Map<String, Long> demoRejected,
      Map<String, TableUri> sources) {
    Map<String, Long> rowsRead = new LinkedHashMap<>(demoRejected);
    for (TableSchema table : CanonicalTables.SOURCES) {
      rowsRead.merge(table.name(), RunMetrics.counter(result, "read_" + table.name()), Long::sum);
    }
    Map<String, RowAccount> accounts = accounts(result, rowsRead, demoRejected);
    checkAccounts(accounts, runId);
    checkForecasts(accounts, RunMetrics.counter(result, "series_forecast"),
        RunMetrics.counter(result, "series_skipped"), runId);
    checkStaged(warehouse, runId, result);
    long totalRead = rowsRead.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Long> written = warehouse.commitRun(
        runId, RunRecord.now(), RunRecord.snapshotJson(sources, rowsRead), totalRead);
    return new Published(rowsRead, accounts, written);
  }

  /** Records the run as failed with {@code e}'s message, secrets redacted. */
  public void fail(Throwable e) {
    warehouse.failRun(runId, RunRecord.now(), Redaction.redact(String.valueOf(e.getMessage()),
        secrets));
  }


  /**
   * Refuses to publish a run whose staging holds fewer rows of an output table than the pipeline
   * handed to the staged write ({@link CountOutputRows}): rows were lost on the way, and publishing
   * would silently drop them. More rows are fine (a retried bundle's exact duplicates, which the
   * commit keeps once).
   *
   * @throws IllegalStateException naming the table and both counts
   */
  public static void checkStaged(OutputWarehouse warehouse, String runId, PipelineResult result) {
    for (TableSchema table : OutputWarehouse.stagedOutputs()) {
      long produced = RunMetrics.counter(result, CountOutputRows.counterName(table.name()));
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
  public static Map<String, RowAccount> accounts(
      PipelineResult result, Map<String, Long> rowsRead, Map<String, Long> demoRejected) {
    Map<String, RowAccount> accounts = new LinkedHashMap<>();
    for (TableSchema table : CanonicalTables.SOURCES) {
      String name = table.name();
      accounts.put(name, new RowAccount(
          rowsRead.getOrDefault(name, 0L),
          RunMetrics.counter(result, ValidateRecords.usedCounter(name)),
          RunMetrics.counter(result, "rejected_" + name) + demoRejected.getOrDefault(name, 0L)));
    }
    return accounts;
  }

  /**
   * Refuses to publish a run that lost a source row: one neither used nor rejected.
   *
   * @throws IllegalStateException naming each table whose rows do not add up
   */
  public static void checkAccounts(Map<String, RowAccount> accounts, String runId) {
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

  /**
   * Refuses to publish a run that forecast no series: its outputs would be empty and the latest
   * views would switch to it.
   *
   * @throws IllegalStateException saying what became of the sales and items, and where to look
   */
  public static void checkForecasts(
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
}
