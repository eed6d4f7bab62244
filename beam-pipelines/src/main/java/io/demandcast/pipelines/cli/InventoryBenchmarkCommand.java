package io.demandcast.pipelines.cli;

import io.demandcast.inventory.DemandForecast;
import io.demandcast.inventory.ItemEconomics;
import io.demandcast.inventory.LeadTime;
import io.demandcast.inventory.PlanningRequest;
import io.demandcast.inventory.PolicyType;
import io.demandcast.inventory.Recommendation;
import io.demandcast.inventory.ReplenishmentPlanner;
import io.demandcast.inventory.ServiceTarget;
import io.demandcast.inventory.StockPosition;
import io.demandcast.inventory.distribution.DemandDistributions;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times the inventory optimizer alone: {@link ReplenishmentPlanner#plan} for a seeded population of
 * SKUs on one thread, several runs, and prints and writes the figures.
 */
@Command(
    name = "inventory-benchmark",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Time the inventory optimizer: recommendations for N synthetic SKUs on one thread.",
      "%nThe SKUs are seeded and mixed like a real assortment: a third (R, S), a third (s, S),"
          + " a third (s, Q); half fill-rate and half cycle-service targets between 0.80 and 0.995;"
          + " 40% intermittent (Poisson or negative binomial lead-time demand), 60% normal;"
          + " 12-period forecasts, lead times of 5-120 days with a spread, MOQ, case packs and"
          + " shelf lives. Prints wall time, SKUs per second and peak heap per run and their"
          + " median, and writes one CSV row per run."
    })
final class InventoryBenchmarkCommand implements Callable<Integer> {
  @Option(names = "--skus", paramLabel = "N", defaultValue = "100000",
      description = "SKUs per run. Default: ${DEFAULT-VALUE}")
  int skus;

  @Option(names = "--runs", paramLabel = "N", defaultValue = "5",
      description = "Timed runs (after one warm-up run). Default: ${DEFAULT-VALUE}")
  int runs;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "20261121",
      description = "Seed of the synthetic SKUs. Default: ${DEFAULT-VALUE}")
  long seed;

  @Option(names = "--out", paramLabel = "FILE", defaultValue = "inventory-benchmark.csv",
      description = "CSV written with one row per run. Default: ${DEFAULT-VALUE}")
  Path out;

  @Override
  public Integer call() throws IOException {
    if (skus < 1 || runs < 1) {
      throw new IllegalArgumentException("--skus and --runs must be >= 1, were " + skus + " and " + runs);
    }
    System.out.printf(Locale.ROOT, "generating %,d SKUs (seed %d)%n", skus, seed);
    PlanningRequest[] requests = requests(skus, seed);
    double[] seconds = new double[runs];
    double checksum = 0;
    checksum += time(requests); // warm-up: JIT
    try (Writer writer = Files.newBufferedWriter(out);
        CSVPrinter csv = CSVFormat.DEFAULT.builder()
            .setHeader("run", "skus", "threads", "wall_s", "skus_per_s", "peak_heap_mb")
            .get()
            .print(writer)) {
      for (int run = 0; run < runs; run++) {
        long start = System.nanoTime();
        checksum += time(requests);
        seconds[run] = (System.nanoTime() - start) / 1e9;
        double peak = peakHeapMb();
        System.out.printf(Locale.ROOT, "run %d: %,d recommendations in %.2f s, %,.0f SKUs/s, peak heap %.0f MB%n",
            run + 1, skus, seconds[run], skus / seconds[run], peak);
        csv.printRecord(run + 1, skus, 1, String.format(Locale.ROOT, "%.3f", seconds[run]),
            String.format(Locale.ROOT, "%.0f", skus / seconds[run]),
            String.format(Locale.ROOT, "%.0f", peak));
      }
    }
    double[] sorted = seconds.clone();
    Arrays.sort(sorted);
    double median = sorted.length % 2 == 1
        ? sorted[sorted.length / 2]
        : 0.5 * (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]);
    System.out.printf(Locale.ROOT, "median of %d runs: %.2f s for %,d SKUs, %,.0f SKUs/s on one thread "
            + "(checksum %.6g); CSV: %s%n",
        runs, median, skus, skus / median, checksum, out.toAbsolutePath());
    return 0;
  }

  /** Plans every request; returns the sum of the reorder points so the work cannot be elided. */
  private static double time(PlanningRequest[] requests) {
    double sum = 0;
    for (PlanningRequest request : requests) {
      Recommendation r = ReplenishmentPlanner.plan(request);
      sum += r.reorderPoint();
    }
    return sum;
  }

  /** The seeded synthetic population described in the command's help. */
  static PlanningRequest[] requests(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    PlanningRequest[] requests = new PlanningRequest[n];
    for (int i = 0; i < n; i++) {
      boolean intermittent = random.nextDouble() < 0.4;
      double level = intermittent ? random.nextDouble(0.05, 5) : random.nextDouble(5, 2000);
      double[] mean = new double[12];
      double[] sd = new double[12];
      for (int h = 0; h < 12; h++) {
        mean[h] = level * random.nextDouble(0.7, 1.3);
        sd[h] = (intermittent ? Math.sqrt(level) * random.nextDouble(1, 3) : level * random.nextDouble(0.1, 0.6))
            * (1 + 0.03 * h);
      }
      double periodDays = random.nextBoolean() ? 7 : 30.4375;
      PolicyType policy = PolicyType.values()[random.nextInt(3)];
      ServiceTarget target = new ServiceTarget(
          random.nextBoolean() ? ServiceTarget.Measure.FILL_RATE : ServiceTarget.Measure.CYCLE_SERVICE,
          random.nextDouble(0.80, 0.995));
      int casePack = new int[] {1, 1, 2, 6, 12}[random.nextInt(5)];
      requests[i] = new PlanningRequest(
          new DemandForecast(periodDays, mean, sd),
          new LeadTime(random.nextDouble(5, 120), random.nextDouble(0, 30), "synthetic"),
          new ItemEconomics(random.nextDouble(1, 200), 0.25, random.nextDouble(10, 100), casePack,
              casePack * random.nextInt(1, 4), random.nextDouble() < 0.1 ? 365 : null),
          new StockPosition(random.nextDouble(0, 3 * level), 0, 0, 0),
          target,
          policy,
          policy == PolicyType.R_S ? 7 * random.nextInt(1, 5) : 0,
          intermittent ? DemandDistributions.Family.DISCRETE : DemandDistributions.Family.NORMAL);
    }
    return requests;
  }

  private static double peakHeapMb() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes / 1e6;
  }
}
