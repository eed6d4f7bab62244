package io.demandcast.connectors;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.TableSchema;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;

/**
 * Where a run's output tables go, and how a run is published there: nothing of a run is visible in
 * the analysts' {@code latest_*} views until {@link #commitRun} has replaced the run's rows in every
 * output table and marked it complete in {@code model_runs}; a failed run ({@link #failRun}) and a
 * run still going stay hidden; a re-run of a {@code run_id} replaces that run's rows, never adds to
 * them.
 *
 * <p>The protocol: {@link #beginRun} before the pipeline runs (creates missing output tables and
 * views, records the run as running, prepares empty staging for it); the pipeline's {@link
 * #writeStaged} steps append rows to the staging; then {@link #commitRun} or {@link #failRun}.
 */
public interface OutputWarehouse {
  /** The output tables a run stages: every output but {@code model_runs}, in canonical order. */
  static List<TableSchema> stagedOutputs() {
    return CanonicalTables.OUTPUTS.stream().filter(t -> t != CanonicalTables.MODEL_RUNS).toList();
  }

  /**
   * Name of the staging table of one output table in one run, without database or dataset: {@code
   * stage_<run>_<table>}, the run id's characters other than letters and digits replaced by {@code
   * _}, in lower case (Hive's metastore keeps names in lower case; DuckDB's are case-insensitive).
   */
  static String stagingTable(String runId, TableSchema table) {
    return ("stage_" + runId.replaceAll("[^A-Za-z0-9]", "_") + "_" + table.name())
        .toLowerCase(Locale.ROOT);
  }
  /** Where the outputs go, for messages and {@code model_runs.options}: no credentials. */
  String location();

  /**
   * Creates missing output tables and views, records the run as running and prepares its empty
   * staging (dropping leftovers of an earlier attempt with the same id).
   *
   * @param runId the run id
   * @param startedAt UTC start time
   * @param optionsJson the run's options as JSON, without credentials
   * @param codeVersion demandcast's version
   */
  void beginRun(String runId, LocalDateTime startedAt, String optionsJson, String codeVersion);

  /** A pipeline step appending rows of {@code table} (its canonical schema) to the run's staging. */
  PTransform<PCollection<Row>, PDone> writeStaged(TableSchema table, String runId);

  /**
   * Rows the run's staging of {@code table} holds now (after the pipeline, before {@link
   * #commitRun}), counted by the warehouse itself, so the job can refuse to publish a run whose
   * staging lost rows; empty where the warehouse does not count them (the default).
   *
   * @param runId the run
   * @param table a staged output table ({@link #stagedOutputs()})
   * @throws IllegalStateException when the warehouse cannot be asked
   */
  default OptionalLong stagedRows(String runId, TableSchema table) {
    return OptionalLong.empty();
  }

  /**
   * Publishes a run: replaces its rows in every output table by the staged ones (exact duplicates,
   * as a retried bundle may write, kept once), drops the staging and marks the run complete with
   * its counts.
   *
   * @param runId the run
   * @param finishedAt UTC finish time
   * @param sourceSnapshotJson the source tables read, as JSON
   * @param rowsRead source rows read
   * @return rows written per output table, in {@link
   *     io.demandcast.connectors.schema.CanonicalTables#OUTPUTS} order without {@code model_runs}
   */
  Map<String, Long> commitRun(
      String runId, LocalDateTime finishedAt, String sourceSnapshotJson, long rowsRead);

  /**
   * Marks a run failed with {@code message} and drops its staging; no row of it is published. The
   * message is stored as {@link Redaction#redact} leaves it: no secret reaches {@code model_runs}.
   */
  void failRun(String runId, LocalDateTime finishedAt, String message);
}
