package io.demandcast.connectors;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.TableSchema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HexFormat;
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
 * A process that dies before either (killed, out of memory) leaves its run {@code running}: {@link
 * #recoverAbandonedRuns}, at the start of the next run, marks such runs failed and drops their
 * staging; the {@link #heartbeat} tells a live run from a dead one where nothing else does.
 */
public interface OutputWarehouse {
  /** The output tables a run stages: every output but {@code model_runs}, in canonical order. */
  static List<TableSchema> stagedOutputs() {
    return CanonicalTables.OUTPUTS.stream().filter(t -> t != CanonicalTables.MODEL_RUNS).toList();
  }

  /**
   * Name of the staging table of one output table in one run, without database or dataset: {@code
   * stage_<hash>_<table>}, where {@code <hash>} is the first 16 hex digits (lower case) of the
   * SHA-256 of the run id's UTF-8 bytes. Different run ids get different names (ids such as {@code
   * a-b} and {@code a_b} no longer share one), a re-run of an id gets its own earlier names, and
   * the name is a plain lower-case identifier whatever the id holds (Hive's metastore keeps names
   * in lower case; DuckDB's are case-insensitive).
   */
  static String stagingTable(String runId, TableSchema table) {
    return "stage_" + runHash(runId) + "_" + table.name();
  }

  /**
   * The staging table name of versions before {@link #stagingTable} hashed the run id: {@code
   * stage_<run>_<table>}, the run id's characters other than letters and digits replaced by {@code
   * _}, in lower case. {@link #recoverAbandonedRuns} drops these too, so that leftovers of an
   * older version do not stay.
   */
  static String legacyStagingTable(String runId, TableSchema table) {
    return ("stage_" + runId.replaceAll("[^A-Za-z0-9]", "_") + "_" + table.name())
        .toLowerCase(Locale.ROOT);
  }

  /** The first 16 hex digits of the SHA-256 of {@code runId}'s UTF-8 bytes. */
  private static String runHash(String runId) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(runId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  /**
   * How long a running run of a warehouse without a process lock (Hive, BigQuery) may go without a
   * heartbeat ({@code model_runs.heartbeat_at}, else its {@code started_at}) before the next run's
   * start takes it as abandoned ({@link #recoverAbandonedRuns}): ten times {@link
   * #HEARTBEAT_INTERVAL}, so that a few missed beats (a slow or unreachable server) do not count.
   */
  Duration LEASE = Duration.ofMinutes(10);

  /** How often a running job records its heartbeat ({@link #heartbeat}). */
  Duration HEARTBEAT_INTERVAL = Duration.ofMinutes(1);

  /**
   * The lease rule: whether a run recorded as running, with its last sign of life ({@code
   * heartbeatAt}, else {@code startedAt}), is abandoned at {@code now}: its last sign is more than
   * {@code lease} ago. A run without either time is abandoned.
   */
  static boolean isAbandoned(
      LocalDateTime startedAt, LocalDateTime heartbeatAt, LocalDateTime now, Duration lease) {
    LocalDateTime last = heartbeatAt != null ? heartbeatAt : startedAt;
    return last == null || last.plus(lease).isBefore(now);
  }

  /**
   * The {@code model_runs.message} of a run {@link #recoverAbandonedRuns} marks failed.
   *
   * @param now when it was found, UTC
   * @param evidence why its process is taken as gone, e.g. {@code with no heartbeat since ...}
   */
  static String abandonedMessage(LocalDateTime now, String evidence) {
    return "abandoned: found still running at " + now + " UTC by the start of a later run, "
        + evidence + ", so its process was gone (killed, out of memory, or its machine stopped);"
        + " its outputs were never published";
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

  /**
   * Records that the running run {@code runId} is alive, at {@code now} ({@code
   * model_runs.heartbeat_at}), while it is still running; the job calls it every {@link
   * #HEARTBEAT_INTERVAL} between {@link #beginRun} and {@link #commitRun} or {@link #failRun}. Does
   * nothing by default: a warehouse whose lock proves a run's process alive (DuckDB) needs none.
   *
   * @throws IllegalStateException when the warehouse cannot be written
   */
  default void heartbeat(String runId, LocalDateTime now) {}

  /**
   * Marks failed every run recorded as running whose process is gone, and drops its staging (also
   * under the {@link #legacyStagingTable} names); its rows were never published, so the {@code
   * latest_*} views do not change. Called at the start of a run, before {@link #beginRun}. How a
   * gone process is recognised is the warehouse's: DuckDB's file lock (a process that opened the
   * warehouse for writing is the only one using it, so every other run still running is dead);
   * elsewhere the {@link #LEASE} on the heartbeat ({@link #isAbandoned}). Never the runs this
   * process is running.
   *
   * @param now UTC now
   * @return the ids of the runs marked failed, in {@code started_at} order
   * @throws IllegalStateException when the warehouse cannot be read or written
   */
  List<String> recoverAbandonedRuns(LocalDateTime now);
}
