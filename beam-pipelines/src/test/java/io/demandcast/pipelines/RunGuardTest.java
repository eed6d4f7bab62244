package io.demandcast.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.connectors.OutputWarehouse;
import io.demandcast.connectors.schema.TableSchema;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

/**
 * {@link RunGuard}'s part of the run protocol against a recording warehouse: recovery before the
 * run, the heartbeat while it runs, the shutdown hook, and that the hook and the job never both
 * record the run.
 */
class RunGuardTest {
  private static final LocalDateTime T0 = LocalDateTime.of(2026, 3, 1, 6, 0);

  /** Records the protocol calls; heartbeats counted apart. */
  private static final class Recording implements OutputWarehouse {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger beats = new AtomicInteger();
    List<String> abandoned = List.of();
    RuntimeException recoveryFailure;
    CountDownLatch commitEntered = new CountDownLatch(1);
    CountDownLatch commitMayEnd = new CountDownLatch(0);

    @Override
    public String location() {
      return "test:warehouse";
    }

    @Override
    public List<String> recoverAbandonedRuns(LocalDateTime now) {
      calls.add("recover");
      if (recoveryFailure != null) {
        throw recoveryFailure;
      }
      return abandoned;
    }

    @Override
    public void beginRun(String runId, LocalDateTime startedAt, String optionsJson, String v) {
      calls.add("begin " + runId);
    }

    @Override
    public void heartbeat(String runId, LocalDateTime now) {
      beats.incrementAndGet();
    }

    @Override
    public PTransform<PCollection<Row>, PDone> writeStaged(TableSchema table, String runId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, Long> commitRun(
        String runId, LocalDateTime finishedAt, String sourceSnapshotJson, long rowsRead) {
      commitEntered.countDown();
      try {
        commitMayEnd.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      calls.add("commit " + runId);
      return Map.of("demand_forecasts", 1L);
    }

    @Override
    public void failRun(String runId, LocalDateTime finishedAt, String message) {
      calls.add("fail " + runId + ": " + message);
    }
  }

  private final Recording recording = new Recording();
  private final List<String> progress = new CopyOnWriteArrayList<>();
  private final RunGuard guard = RunGuard.around(recording, progress::add, Duration.ofMillis(20));

  private void awaitBeats(int beats) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (recording.beats.get() < beats && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(recording.beats.get()).isGreaterThanOrEqualTo(beats);
  }

  @Test
  void givenAbandonedRuns_whenRunBegins_thenRecoveredFirstAndReported() {
    recording.abandoned = List.of("killed-1", "oom-2");

    guard.beginRun("r1", T0, "{}", "test");

    assertThat(recording.calls).containsExactly("recover", "begin r1");
    assertThat(progress).hasSize(2);
    assertThat(progress.get(0)).startsWith("  recovered run killed-1: it was still 'running' but"
        + " its process is gone; marked failed, its staging dropped");
    assertThat(progress.get(1)).startsWith("  recovered run oom-2:");
    guard.failRun("r1", T0, "done with the test");
  }

  @Test
  void givenRecoveryFails_whenRunBegins_thenReportedAndTheRunGoesOn() {
    recording.recoveryFailure = new IllegalStateException("server gone");

    guard.beginRun("r1", T0, "{}", "test");

    assertThat(recording.calls).containsExactly("recover", "begin r1");
    assertThat(progress.get(0))
        .isEqualTo("  could not look for abandoned runs in test:warehouse: server gone");
    guard.failRun("r1", T0, "done with the test");
  }

  @Test
  void givenARun_whileRunning_thenHeartbeatAndHookUntilCommitted() throws Exception {
    guard.beginRun("r1", T0, "{}", "test");
    assertThat(guard.hooked()).isTrue();
    awaitBeats(3);

    assertThat(guard.commitRun("r1", T0.plusMinutes(1), "{}", 5))
        .containsEntry("demand_forecasts", 1L);

    assertThat(guard.hooked()).isFalse();
    int beats = recording.beats.get();
    Thread.sleep(100);
    assertThat(recording.beats.get()).as("no beat after the commit").isEqualTo(beats);
    // a later shutdown finds nothing to do
    guard.onShutdown();
    assertThat(recording.calls).containsExactly("recover", "begin r1", "commit r1");
  }

  @Test
  void givenARun_whenTheJobFails_thenHeartbeatAndHookRemovedAndFailureRecordedOnce() throws Exception {
    guard.beginRun("r1", T0, "{}", "test");
    awaitBeats(1);

    guard.failRun("r1", T0.plusMinutes(1), "source unreadable");
    guard.failRun("r1", T0.plusMinutes(2), "again");
    guard.onShutdown();

    assertThat(guard.hooked()).isFalse();
    assertThat(recording.calls)
        .containsExactly("recover", "begin r1", "fail r1: source unreadable");
  }

  @Test
  void givenARunStillGoing_whenTheJvmShutsDown_thenTheHookRecordsItFailedAndTheJobCannotPublish() {
    guard.beginRun("r1", T0, "{}", "test");

    guard.onShutdown(); // what the JVM runs on SIGTERM, SIGINT or exit

    assertThat(recording.calls).hasSize(3);
    assertThat(recording.calls.get(2)).isEqualTo("fail r1: terminated before it finished: the"
        + " process was asked to stop (SIGTERM, SIGINT) or exited while the run was going; its"
        + " outputs were not published");
    assertThat(progress.get(progress.size() - 1)).startsWith("run r1 terminated before it"
        + " finished").endsWith(": marked failed, its staging dropped");
    assertThat(guard.hooked()).isFalse();
    // the job's own failure (its pipeline cancelled) does not record the run again
    guard.failRun("r1", T0, "the pipeline ended in state CANCELLED");
    assertThatThrownBy(() -> guard.commitRun("r1", T0, "{}", 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("run r1 was recorded as failed (terminated before it finished");
    assertThat(recording.calls).hasSize(3);
  }

  @Test
  void givenACommitUnderWay_whenTheJvmShutsDown_thenTheHookWaitsForItAndLeavesTheRunComplete()
      throws Exception {
    guard.beginRun("r1", T0, "{}", "test");
    recording.commitMayEnd = new CountDownLatch(1);
    Thread job = new Thread(() -> guard.commitRun("r1", T0, "{}", 1));
    job.start();
    assertThat(recording.commitEntered.await(10, TimeUnit.SECONDS)).isTrue();

    Thread hook = new Thread(guard::onShutdown);
    hook.start();
    hook.join(200);
    assertThat(hook.isAlive()).as("the hook waits for the commit").isTrue();
    recording.commitMayEnd.countDown();
    job.join(10_000);
    hook.join(10_000);

    assertThat(recording.calls).containsExactly("recover", "begin r1", "commit r1");
  }
}
