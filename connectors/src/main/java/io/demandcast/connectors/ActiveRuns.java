package io.demandcast.connectors;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs this process has begun and not yet committed or failed, per warehouse location ({@link
 * OutputWarehouse#location()}), so that {@link OutputWarehouse#recoverAbandonedRuns} never takes a
 * run of its own process (tests, or a command running several jobs in one JVM) for an abandoned
 * one. The warehouses register a run in {@code beginRun} and remove it in {@code commitRun} and
 * {@code failRun}.
 */
public final class ActiveRuns {
  private static final Set<String> RUNS = ConcurrentHashMap.newKeySet();

  private ActiveRuns() {}

  /** Records that this process runs {@code runId} in the warehouse at {@code location}. */
  public static void add(String location, String runId) {
    RUNS.add(key(location, runId));
  }

  /** Records that this process no longer runs {@code runId} in the warehouse at {@code location}. */
  public static void remove(String location, String runId) {
    RUNS.remove(key(location, runId));
  }

  /** Whether this process runs {@code runId} in the warehouse at {@code location}. */
  public static boolean contains(String location, String runId) {
    return RUNS.contains(key(location, runId));
  }

  private static String key(String location, String runId) {
    return location + "\n" + runId;
  }
}
