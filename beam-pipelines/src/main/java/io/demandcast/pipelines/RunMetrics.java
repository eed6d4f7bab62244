package io.demandcast.pipelines;

import io.demandcast.pipelines.transforms.ValidateRecords;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.joda.time.Duration;

/** What a running or finished pipeline's demandcast metrics say, and progress while it runs. */
public final class RunMetrics {
  private RunMetrics() {}

  /** The counters of what the run assumed for lack of data ({@link DemandcastJob.Result#assumptions()}). */
  public static final List<String> ASSUMPTIONS = List.of("assumed_lead_time", "assumed_no_stock",
      "assumed_holding_cost_rate", "assumed_order_cost");

  /** The {@link #ASSUMPTIONS} counters' values, in that order. */
  static Map<String, Long> assumptions(PipelineResult result) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String name : ASSUMPTIONS) {
      counts.put(name, counter(result, name));
    }
    return counts;
  }

  /**
   * Waits for the pipeline to finish, printing the series forecast so far every few seconds
   * (against {@code expected}, when it is positive).
   *
   * @throws IllegalStateException when the pipeline ends in another state than DONE
   */
  static void awaitWithProgress(PipelineResult result, long expected, Consumer<String> progress) {
    long started = System.nanoTime();
    long reported = 0;
    while (true) {
      PipelineResult.State state = result.waitUntilFinish(Duration.standardSeconds(2));
      if (state != null && state.isTerminal()) {
        if (state != PipelineResult.State.DONE) {
          throw new IllegalStateException("the pipeline ended in state " + state);
        }
        return;
      }
      long done = counter(result, "series_forecast") + counter(result, "series_skipped");
      if (done > reported && progress != null) {
        double seconds = (System.nanoTime() - started) / 1e9;
        progress.accept(expected > 0
            ? String.format("  forecasting: %,d of %,d series (%.0f s)", done, expected, seconds)
            : String.format("  forecasting: %,d series (%.0f s)", done, seconds));
        reported = done;
      }
    }
  }

  /** The largest value of a demandcast distribution metric, or {@link Long#MIN_VALUE} if none. */
  public static long distributionMax(PipelineResult result, String name) {
    MetricQueryResults metrics =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(ValidateRecords.METRICS_NAMESPACE, name))
                    .build());
    long max = Long.MIN_VALUE;
    for (var d : metrics.getDistributions()) {
      DistributionResult value;
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
  public static long counter(PipelineResult result, String name) {
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
}
