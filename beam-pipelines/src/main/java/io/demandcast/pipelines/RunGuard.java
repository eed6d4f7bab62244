package io.demandcast.pipelines;

import io.demandcast.connectors.OutputWarehouse;
import io.demandcast.connectors.schema.TableSchema;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;

/**
 * An {@link OutputWarehouse} that leaves no run of its own hanging in {@code running}: around the
 * job's warehouse, it adds to the run protocol
 *
 * <ul>
 *   <li>at {@link #beginRun}, first the recovery of earlier runs whose process is gone ({@link
 *       OutputWarehouse#recoverAbandonedRuns}), reported as progress lines;
 *   <li>between {@link #beginRun} and {@link #commitRun} or {@link #failRun}, a heartbeat every
 *       {@link OutputWarehouse#HEARTBEAT_INTERVAL} ({@link OutputWarehouse#heartbeat}), and a JVM
 *       shutdown hook that, when the process is asked to stop (SIGTERM, SIGINT) or exits while the
 *       run is going, cancels the pipeline and marks the run failed (dropping its staging) before
 *       the JVM ends. Both are removed when the run is committed or failed.
 * </ul>
 *
 * <p>What no hook can catch: {@code kill -9}, a crash of the JVM, and an OutOfMemoryError under the
 * launcher's {@code -XX:+ExitOnOutOfMemoryError} (the JVM then exits at once, without running
 * shutdown hooks). Those runs stay {@code running} until the next run's start recovers them.
 *
 * <p>The hook and the job's own commit or failure never both record the run: whichever comes first
 * wins, and a hook that fires during the commit waits for it (and then has nothing to do).
 */
final class RunGuard implements OutputWarehouse {
  /** How long the shutdown hook tries to record its run as failed. */
  private static final int HOOK_ATTEMPTS = 3;

  private final OutputWarehouse warehouse;
  private final Consumer<String> progress;
  private final Duration heartbeatInterval;
  private final Object lock = new Object();

  /** Where the guarded run is. */
  private enum State { IDLE, RUNNING, COMMITTED, FAILED, TERMINATED }

  private static final String TERMINATED_MESSAGE =
      "terminated before it finished: the process was asked to stop (SIGTERM, SIGINT) or exited"
          + " while the run was going";

  private String runId;
  private State state = State.IDLE;
  private Thread hook;
  private ScheduledExecutorService heartbeats;
  private volatile boolean beating;
  private volatile PipelineResult pipeline;
  /** Counted down when the shutdown hook has recorded (or given up recording) the failure. */
  private final CountDownLatch hookDone = new CountDownLatch(1);

  private RunGuard(OutputWarehouse warehouse, Consumer<String> progress, Duration heartbeatInterval) {
    this.warehouse = warehouse;
    this.progress = progress;
    this.heartbeatInterval = heartbeatInterval;
  }

  /** {@code warehouse} guarded; {@code progress} receives the progress lines, or is null. */
  static RunGuard around(OutputWarehouse warehouse, Consumer<String> progress) {
    return new RunGuard(warehouse, progress, HEARTBEAT_INTERVAL);
  }

  /** For tests: {@link #around} with another heartbeat interval. */
  static RunGuard around(
      OutputWarehouse warehouse, Consumer<String> progress, Duration heartbeatInterval) {
    return new RunGuard(warehouse, progress, heartbeatInterval);
  }

  /**
   * The guarded warehouse as {@code type}.
   *
   * @throws ClassCastException when it is not one
   */
  <T extends OutputWarehouse> T unwrap(Class<T> type) {
    return type.cast(warehouse);
  }

  /** The running pipeline, which the shutdown hook cancels before it records the run as failed. */
  void watch(PipelineResult result) {
    pipeline = result;
  }

  /** Whether the shutdown hook of a run is registered (for tests). */
  boolean hooked() {
    synchronized (lock) {
      return hook != null;
    }
  }

  @Override
  public String location() {
    return warehouse.location();
  }

  /**
   * Recovers abandoned runs (a failure to do so is reported, and the run goes on), then begins the
   * run, and starts its heartbeat and shutdown hook.
   */
  @Override
  public void beginRun(String runId, LocalDateTime startedAt, String optionsJson, String codeVersion) {
    try {
      for (String abandoned : warehouse.recoverAbandonedRuns(RunRecord.now())) {
        log("  recovered run " + abandoned + ": it was still 'running' but its process is gone;"
            + " marked failed, its staging dropped, nothing of it published");
      }
    } catch (RuntimeException e) {
      log("  could not look for abandoned runs in " + warehouse.location() + ": " + e.getMessage());
    }
    warehouse.beginRun(runId, startedAt, optionsJson, codeVersion);
    synchronized (lock) {
      this.runId = runId;
      this.state = State.RUNNING;
      this.hook = new Thread(this::onShutdown, "demandcast-run-" + runId + "-shutdown");
      try {
        Runtime.getRuntime().addShutdownHook(hook);
      } catch (IllegalStateException e) {
        hook = null; // the JVM is already shutting down: the recovery of the next run does it
      }
      startHeartbeat();
    }
    // no progress line here: a consumer that throws would leave the run 'running' outside the
    // job's failure handling
  }

  @Override
  public PTransform<PCollection<Row>, PDone> writeStaged(TableSchema table, String runId) {
    return warehouse.writeStaged(table, runId);
  }

  @Override
  public OptionalLong stagedRows(String runId, TableSchema table) {
    return warehouse.stagedRows(runId, table);
  }

  /**
   * Stops the heartbeat and commits; holds the guard meanwhile, so that a shutdown hook firing
   * during the commit waits for it.
   *
   * @throws IllegalStateException when the shutdown hook recorded the run as failed already
   */
  @Override
  public Map<String, Long> commitRun(
      String runId, LocalDateTime finishedAt, String sourceSnapshotJson, long rowsRead) {
    Map<String, Long> written;
    synchronized (lock) {
      if (state != State.TERMINATED) {
        stopHeartbeat();
        written = warehouse.commitRun(runId, finishedAt, sourceSnapshotJson, rowsRead);
        state = State.COMMITTED;
      } else {
        written = null;
      }
    }
    if (written == null) {
      awaitHook(); // outside the guard, which the hook takes
      throw new IllegalStateException("run " + runId + " was recorded as failed ("
          + TERMINATED_MESSAGE + "); it is not published");
    }
    removeHook();
    return written;
  }

  /**
   * Stops the heartbeat and records the failure, unless the shutdown hook does (this then waits
   * for it, so that the caller does not close the warehouse under it) or the run was committed.
   */
  @Override
  public void failRun(String runId, LocalDateTime finishedAt, String message) {
    State before;
    synchronized (lock) {
      before = state;
      if (state == State.RUNNING || state == State.IDLE) {
        state = State.FAILED;
        stopHeartbeat();
      }
    }
    if (before == State.TERMINATED) {
      awaitHook(); // outside the guard, which the hook takes
      return;
    }
    if (before == State.COMMITTED || before == State.FAILED) {
      return;
    }
    removeHook();
    warehouse.failRun(runId, finishedAt, message);
  }

  @Override
  public void heartbeat(String runId, LocalDateTime now) {
    warehouse.heartbeat(runId, now);
  }

  @Override
  public List<String> recoverAbandonedRuns(LocalDateTime now) {
    return warehouse.recoverAbandonedRuns(now);
  }

  /** Waits (up to a minute) for the shutdown hook to record the failure. */
  private void awaitHook() {
    try {
      hookDone.await(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The shutdown hook: records a run still going as failed (package-private for tests). */
  void onShutdown() {
    try {
      terminate();
    } finally {
      hookDone.countDown();
    }
  }

  private void terminate() {
    String id;
    synchronized (lock) {
      if (state != State.RUNNING) {
        return;
      }
      state = State.TERMINATED;
      id = runId;
    }
    removeHook(); // refused while the JVM runs it; done when called otherwise (tests)
    stopHeartbeat();
    PipelineResult running = pipeline;
    if (running != null) {
      try {
        running.cancel();
      } catch (Exception | LinkageError e) {
        // best effort: the staged writes may then still be going when the staging is dropped
      }
    }
    String message = TERMINATED_MESSAGE + "; its outputs were not published";
    for (int attempt = 1; attempt <= HOOK_ATTEMPTS; attempt++) {
      try {
        warehouse.failRun(id, RunRecord.now(), message);
        log("run " + id + " " + TERMINATED_MESSAGE + ": marked failed, its staging dropped");
        return;
      } catch (RuntimeException e) {
        // a staged write still finishing may hold the staging a moment (DuckDB: a conflict)
        if (attempt == HOOK_ATTEMPTS) {
          log("run " + id + " " + TERMINATED_MESSAGE + ", and recording it as failed failed too: "
              + e.getMessage() + "; the next run's start will");
          return;
        }
        try {
          Thread.sleep(500L * attempt);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void startHeartbeat() {
    String id = runId;
    beating = true;
    heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "demandcast-run-" + id + "-heartbeat");
      t.setDaemon(true);
      return t;
    });
    long period = heartbeatInterval.toMillis();
    heartbeats.scheduleAtFixedRate(new Runnable() {
      private boolean failing;

      @Override
      public void run() {
        if (!beating) {
          return;
        }
        try {
          warehouse.heartbeat(id, RunRecord.now());
          if (failing) {
            log("  heartbeat of run " + id + " recorded again");
          }
          failing = false;
        } catch (RuntimeException e) {
          if (!failing) {
            log("  heartbeat of run " + id + " failed: " + e.getMessage() + " (retried every "
                + heartbeatInterval.toSeconds() + " s; a run without one for "
                + LEASE.toMinutes() + " minutes is taken as abandoned by the next run's start)");
          }
          failing = true;
        }
      }
    }, period, period, TimeUnit.MILLISECONDS);
  }

  /**
   * Stops the heartbeat and waits for a beat in flight (up to a minute): a beat landing after the
   * commit or the failure could otherwise rewrite the run's row as running (Hive).
   */
  private void stopHeartbeat() {
    beating = false;
    ScheduledExecutorService executor;
    synchronized (lock) {
      executor = heartbeats;
      heartbeats = null;
    }
    if (executor == null) {
      return;
    }
    executor.shutdown();
    try {
      executor.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void removeHook() {
    Thread registered;
    synchronized (lock) {
      registered = hook;
      hook = null;
    }
    if (registered != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(registered);
      } catch (IllegalStateException e) {
        // the JVM is shutting down; the hook finds the run finished and does nothing
      }
    }
  }

  private void log(String line) {
    if (progress != null) {
      progress.accept(line);
    }
  }
}
