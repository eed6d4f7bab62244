package io.demandcast.forecasting.benchmark;

import io.demandcast.forecasting.metrics.Metrics;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Runs benchmark methods over a dataset on a fixed number of worker threads and scores them with
 * the competitions' own measures ({@link Metrics}): mean sMAPE and MASE (M4), OWA relative to
 * Naive2 on the same series, and mean RMSSE (M5).
 *
 * <p>A method that throws on a series is scored with the naive forecast (last training value) for
 * that series and the failure is counted, as the M4 organisers did for missing submissions.
 */
public final class BenchmarkRunner {

  private final int threads;
  private final Consumer<String> progress;

  /**
   * Creates a runner.
   *
   * @param threads worker threads, at least 1 (the benchmark's reference setting is 2)
   * @param progress receives one line per method started and finished; not null
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public BenchmarkRunner(int threads, Consumer<String> progress) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.threads = threads;
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /**
   * Forecasts every series of {@code dataset} with {@code method}.
   *
   * @param dataset the series
   * @param method the method
   * @return the forecasts in series order (each of the series' horizon) and the run's figures
   */
  public Run forecast(Dataset dataset, BenchmarkMethod method) {
    List<SeriesSplit> series = dataset.series();
    double[][] forecasts = new double[series.size()][];
    AtomicInteger failures = new AtomicInteger();
    List<String> firstFailures = java.util.Collections.synchronizedList(new ArrayList<>());
    progress.accept(String.format("%s: %s on %d series ...", dataset.name(), method.name(), series.size()));
    System.gc();
    resetPeakHeap();
    long start = System.nanoTime();
    method.prepare(dataset);
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      pool.submit(
              () ->
                  IntStream.range(0, series.size())
                      .parallel()
                      .forEach(
                          i -> {
                            SeriesSplit s = series.get(i);
                            double[] f;
                            try {
                              f = method.forecast(s);
                              if (f.length != s.horizon()
                                  || !Arrays.stream(f).allMatch(Double::isFinite)) {
                                throw new IllegalStateException(
                                    "returned " + f.length + " values or a non-finite one");
                              }
                            } catch (RuntimeException e) {
                              if (failures.incrementAndGet() <= 3) {
                                firstFailures.add(s.id() + ": " + e.getMessage());
                              }
                              f = new double[s.horizon()];
                              Arrays.fill(f, s.train()[s.train().length - 1]);
                            }
                            forecasts[i] = f;
                          }))
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("benchmark interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(method.name() + " failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdown();
    }
    double wall = (System.nanoTime() - start) / 1e9;
    double peak = peakHeapMb();
    for (String f : firstFailures) {
      progress.accept("  failed on " + f);
    }
    return new Run(method.name(), forecasts, failures.get(), wall, peak);
  }

  /**
   * Scores forecasts against the test parts.
   *
   * @param dataset the dataset the forecasts belong to
   * @param run the forecasts and figures of one method
   * @param source who produced the forecasts
   * @param naive2 Naive2's scores on the same dataset, or null when OWA is not to be computed
   * @return the method's scores
   */
  public MethodResult score(Dataset dataset, Run run, String source, MethodResult naive2) {
    List<SeriesSplit> series = dataset.series();
    double smape = 0.0;
    double mase = 0.0;
    double rmsse = 0.0;
    int maseCount = 0;
    int rmsseCount = 0;
    for (int i = 0; i < series.size(); i++) {
      SeriesSplit s = series.get(i);
      double[] f = run.forecasts()[i];
      smape += Metrics.smape(s.test(), f);
      double m = Metrics.mase(s.test(), f, s.train(), s.scaleLag());
      if (Double.isFinite(m)) {
        mase += m;
        maseCount++;
      }
      double r = Metrics.rmsse(s.test(), f, s.train());
      if (Double.isFinite(r)) {
        rmsse += r;
        rmsseCount++;
      }
    }
    smape /= series.size();
    mase = maseCount > 0 ? mase / maseCount : Double.NaN;
    rmsse = rmsseCount > 0 ? rmsse / rmsseCount : Double.NaN;
    double owa =
        naive2 == null ? Double.NaN : Metrics.owa(smape, mase, naive2.smape(), naive2.mase());
    MethodResult result =
        new MethodResult(
            dataset.name(),
            run.method(),
            source,
            series.size(),
            run.failures(),
            smape,
            mase,
            owa,
            rmsse,
            run.wallSeconds(),
            threads,
            run.peakHeapMb());
    progress.accept(
        String.format(
            "%s: %-14s sMAPE %.3f  MASE %.3f  OWA %.3f  RMSSE %.3f  %.1f s  %.1f series/s%s",
            dataset.name(),
            run.method(),
            smape,
            mase,
            owa,
            rmsse,
            run.wallSeconds(),
            result.seriesPerSecond(),
            run.failures() > 0 ? "  (" + run.failures() + " failures)" : ""));
    return result;
  }

  /**
   * Looks up peer forecasts (for example R's) by series id, in the dataset's series order.
   *
   * @param dataset the dataset
   * @param method the peer's method id
   * @param bySeries the peer's forecasts keyed by series id
   * @param wallSeconds the peer's own wall time for all series
   * @return a run holding the peer's forecasts; a series the peer did not forecast counts as a
   *     failure and is scored with the naive forecast
   */
  public static Run peerRun(
      Dataset dataset, String method, Map<String, double[]> bySeries, double wallSeconds) {
    List<SeriesSplit> series = dataset.series();
    double[][] forecasts = new double[series.size()][];
    int missing = 0;
    for (int i = 0; i < series.size(); i++) {
      SeriesSplit s = series.get(i);
      double[] f = bySeries.get(s.id());
      if (f == null || f.length != s.horizon() || !Arrays.stream(f).allMatch(Double::isFinite)) {
        missing++;
        f = new double[s.horizon()];
        Arrays.fill(f, s.train()[s.train().length - 1]);
      }
      forecasts[i] = f;
    }
    return new Run(method, forecasts, missing, wallSeconds, Double.NaN);
  }

  private static void resetPeakHeap() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static double peakHeapMb() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes / (1024.0 * 1024.0);
  }

  /**
   * The forecasts of one method on one dataset.
   *
   * @param method the method id
   * @param forecasts one forecast per series in dataset order
   * @param failures series scored with the naive fallback
   * @param wallSeconds wall-clock seconds
   * @param peakHeapMb peak heap in MiB (sum of the heap pools' peaks), NaN when not measured
   */
  public record Run(
      String method, double[][] forecasts, int failures, double wallSeconds, double peakHeapMb) {}
}
