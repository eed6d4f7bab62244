package io.demandcast.pipelines.cli;

import io.demandcast.connectors.demo.SyntheticDataset;
import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The scaling benchmark: the whole job (read, validate, forecast, optimize, simulate, write, the
 * planner report) on synthetic warehouses of growing size, each run in its own JVM through the
 * {@code demandcast} launcher, with its wall time and peak resident memory.
 */
@Command(
    name = "scale-benchmark",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Time the whole job on 1k, 10k and 100k synthetic series, on each runner.",
      "%nFor each size, generates a synthetic warehouse (see 'generate --help'; weekly sales),"
          + " then for each runner and repeat runs the job on a fresh copy of it as a separate"
          + " process ('demandcast run --period=WEEK --horizon=13', DirectRunner or FlinkRunner"
          + " [local] with --parallelism=2), and measures its wall time (process start to exit)"
          + " and peak resident memory (the process's VmHWM from /proc, read every 100 ms, so"
          + " Linux only). Prints a line per run, the median per runner and size, and the"
          + " series per second at each size relative to the size before it (1.00 = linear"
          + " cost), and writes one CSV row per run.",
      "%nThe jars must be built first (./demandcast --version builds the job jar; a run with"
          + " --runner=FlinkRunner builds the Flink jar): a build would be timed otherwise."
    },
    footer = {
      "",
      "Example:",
      "  ./demandcast scale-benchmark --series 1000,10000,100000 --runners direct,flink"
    })
final class ScaleBenchmarkCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--series", paramLabel = "N,N,...", split = ",", defaultValue = "1000,10000,100000",
      description = "Sizes to run, in series (SKUs). Default: ${DEFAULT-VALUE}")
  int[] sizes;

  @Option(names = "--runners", paramLabel = "RUNNER,...", split = ",", defaultValue = "direct,flink",
      description = "Runners: direct (DirectRunner) and flink (FlinkRunner, embedded cluster)."
          + " Default: ${DEFAULT-VALUE}")
  List<String> runners;

  @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
      description = "Runs per runner and size; the summary gives their median. Default: ${DEFAULT-VALUE}")
  int repeat;

  @Option(names = "--weeks", paramLabel = "N", defaultValue = "156",
      description = "Weeks of sales history per series. Default: ${DEFAULT-VALUE}")
  int weeks;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "20261122",
      description = "Seed of the synthetic data. Default: ${DEFAULT-VALUE}")
  long seed;

  @Option(names = "--parallelism", paramLabel = "N", defaultValue = "2",
      description = "Flink parallelism. Default: ${DEFAULT-VALUE}")
  int parallelism;

  @Option(names = "--java-opts", paramLabel = "OPTS", defaultValue = "-Xmx5g",
      description = "JVM options of each job process (DEMANDCAST_JAVA_OPTS). Default: ${DEFAULT-VALUE}")
  String javaOpts;

  @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "scale-benchmark",
      description = "Where the synthetic warehouses, the runs' copies, logs and reports go."
          + " Default: ${DEFAULT-VALUE}")
  Path workDir;

  @Option(names = "--out", paramLabel = "FILE", defaultValue = "scale-benchmark.csv",
      description = "CSV written with one row per run. Default: ${DEFAULT-VALUE}")
  Path out;

  @Option(names = "--launcher", paramLabel = "FILE",
      description = "The demandcast launcher script. Default: the one of the project whose jar runs"
          + " this command")
  Path launcher;

  /** One timed run. */
  record Measurement(
      String runner, int series, int run, double wallSeconds, double peakRssMb, long forecast,
      long recommendations, int exitCode) {
    double seriesPerSecond() {
      return series / wallSeconds;
    }
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter console = spec.commandLine().getOut();
    validate();
    Path script = launcher != null ? launcher : defaultLauncher();
    Files.createDirectories(workDir);
    List<Measurement> all = new ArrayList<>();
    try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        CSVPrinter csv =
            CSVFormat.DEFAULT.builder()
                .setHeader("runner", "series", "run", "wall_s", "series_per_s", "peak_rss_mb",
                    "series_forecast", "recommendations", "weeks", "exit_code")
                .get()
                .print(writer)) {
      for (int size : sizes) {
        Path source = workDir.resolve("synthetic-" + size + ".duckdb");
        Files.deleteIfExists(source);
        console.printf(Locale.ROOT, "== %,d series: generating %s%n", size, source);
        console.flush();
        GenerateCommand.load(new SyntheticDataset(size, weeks, seed), DuckDbWarehouse.open(source),
            console);
        for (String runner : runners) {
          for (int run = 1; run <= repeat; run++) {
            Measurement m = runOnce(script, source, runner, size, run, console);
            all.add(m);
            csv.printRecord(m.runner(), m.series(), m.run(), fixed(m.wallSeconds(), 2),
                fixed(m.seriesPerSecond(), 1), fixed(m.peakRssMb(), 0), m.forecast(),
                m.recommendations(), weeks, m.exitCode());
            csv.flush();
          }
        }
        Files.deleteIfExists(source);
      }
    }
    console.println(summary(all));
    console.printf("CSV: %s%n", out.toAbsolutePath().normalize());
    return all.stream().allMatch(m -> m.exitCode() == 0) ? 0 : 1;
  }

  private void validate() {
    if (sizes.length == 0 || Arrays.stream(sizes).anyMatch(n -> n < 1)) {
      throw new ParameterException(spec.commandLine(),
          "--series must list sizes >= 1, was " + Arrays.toString(sizes));
    }
    for (String r : runners) {
      if (!r.equals("direct") && !r.equals("flink")) {
        throw new ParameterException(spec.commandLine(),
            "--runners takes direct and flink, was '" + r + "'");
      }
    }
    if (repeat < 1 || weeks < 1 || parallelism < 1) {
      throw new ParameterException(spec.commandLine(),
          "--repeat, --weeks and --parallelism must be >= 1");
    }
    if (!Files.isDirectory(Path.of("/proc/self"))) {
      throw new ParameterException(spec.commandLine(),
          "scale-benchmark reads peak memory from /proc and runs on Linux only");
    }
  }

  private Path defaultLauncher() {
    try {
      Path jar = Path.of(ScaleBenchmarkCommand.class.getProtectionDomain().getCodeSource()
          .getLocation().toURI());
      // <project>/beam-pipelines/target/demandcast.jar or <project>/flink-runner/target/...
      Path project = jar.getParent() == null || jar.getParent().getParent() == null
          ? null : jar.getParent().getParent().getParent();
      Path script = project == null ? null : project.resolve("demandcast");
      if (script != null && Files.isExecutable(script)) {
        return script;
      }
    } catch (URISyntaxException | SecurityException e) {
      // fall through to the error below
    }
    throw new ParameterException(spec.commandLine(),
        "cannot find the demandcast launcher beside this jar's project; give it with --launcher");
  }

  private Measurement runOnce(
      Path script, Path source, String runner, int size, int run, PrintWriter console)
      throws IOException, InterruptedException {
    String name = runner + "-" + size + "-" + run;
    Path warehouse = workDir.resolve("run-" + name + ".duckdb");
    Files.copy(source, warehouse, StandardCopyOption.REPLACE_EXISTING);
    String runId = "scale-" + name;
    List<String> command = new ArrayList<>(List.of(script.toString(), "run",
        "--warehouse=" + warehouse, "--period=WEEK", "--horizon=13", "--run-id=" + runId,
        "--reports=" + workDir.resolve("reports")));
    if (runner.equals("flink")) {
      command.addAll(List.of("--runner=FlinkRunner", "--flinkMaster=[local]",
          "--parallelism=" + parallelism));
    }
    Path log = workDir.resolve("run-" + name + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("DEMANDCAST_JAVA_OPTS", javaOpts);
    console.printf(Locale.ROOT, "   %s, run %d: %s%n", runner, run, String.join(" ", command));
    console.flush();
    long start = System.nanoTime();
    Process process = builder.start();
    long peakKb = 0;
    while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
      peakKb = Math.max(peakKb, highWaterMarkKb(process.pid()));
    }
    double wall = (System.nanoTime() - start) / 1e9;
    int exit = process.exitValue();
    long[] counts = exit == 0 ? counts(warehouse, runId) : new long[] {0, 0};
    if (exit == 0 && counts[0] == 0) {
      console.printf(Locale.ROOT, "   %s, run %d: no series was forecast%n", runner, run);
      exit = -1;
    }
    Measurement m = new Measurement(runner, size, run, wall, peakKb / 1024.0, counts[0], counts[1], exit);
    if (exit == 0) {
      console.printf(Locale.ROOT,
          "   %s, run %d: done in %.1f s, %,.1f series/s, peak RSS %,.0f MB, %,d series forecast,"
              + " %,d recommendations (log: %s)%n",
          runner, run, wall, m.seriesPerSecond(), m.peakRssMb(), m.forecast(), m.recommendations(),
          log);
    } else {
      console.printf(Locale.ROOT,
          "   %s, run %d: FAILED (exit %d) after %.1f s, peak RSS %,.0f MB (log: %s)%n",
          runner, run, exit, wall, m.peakRssMb(), log);
    }
    console.flush();
    Files.deleteIfExists(warehouse);
    return m;
  }

  /** VmHWM of a live process in kB, 0 once it is gone. */
  static long highWaterMarkKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | UncheckedIOException | NumberFormatException e) {
      // the process ended between two reads
    }
    return 0;
  }

  private static long[] counts(Path warehouse, String runId) {
    try (Connection c = DuckDbWarehouse.attach(warehouse).connect()) {
      var dsl = DuckDbWarehouse.dsl(c);
      long forecast = dsl.fetchValue(
          "select count(distinct sku || '|' || location) from demand_forecasts where run_id = ?",
          runId) instanceof Number n ? n.longValue() : 0;
      long recs = dsl.fetchValue(
          "select count(*) from inventory_recommendations where run_id = ?", runId)
          instanceof Number n ? n.longValue() : 0;
      return new long[] {forecast, recs};
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count the outputs in " + warehouse + ": " + e.getMessage(), e);
    } finally {
      DuckDbConnections.close(warehouse);
    }
  }

  /**
   * Medians per runner and size over the runs that succeeded, and each size's series per second
   * relative to the size before; a size whose every run failed is listed as failed.
   */
  static String summary(List<Measurement> all) {
    Map<String, Map<Integer, List<Measurement>>> byRunner = new LinkedHashMap<>();
    for (Measurement m : all) {
      byRunner.computeIfAbsent(m.runner(), r -> new LinkedHashMap<>())
          .computeIfAbsent(m.series(), s -> new ArrayList<>())
          .add(m);
    }
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
        "%n%-8s %10s %5s %10s %10s %12s %18s%n", "runner", "series", "runs", "wall s", "series/s",
        "peak RSS MB", "vs previous size"));
    byRunner.forEach((runner, bySize) -> {
      double previous = Double.NaN;
      for (var entry : bySize.entrySet()) {
        List<Measurement> runs = entry.getValue().stream().filter(m -> m.exitCode() == 0).toList();
        if (runs.isEmpty()) {
          text.append(String.format(Locale.ROOT, "%-8s %,10d %5d %s%n", runner, entry.getKey(), 0,
              "    FAILED (every run; see its log)"));
          previous = Double.NaN;
          continue;
        }
        double wall = median(runs.stream().mapToDouble(Measurement::wallSeconds).toArray());
        double rss = median(runs.stream().mapToDouble(Measurement::peakRssMb).toArray());
        double perSecond = entry.getKey() / wall;
        text.append(String.format(Locale.ROOT, "%-8s %,10d %5d %10.1f %10.1f %,12.0f %18s%n",
            runner, entry.getKey(), runs.size(), wall, perSecond, rss,
            Double.isNaN(previous) ? "" : String.format(Locale.ROOT, "%.2f", perSecond / previous)));
        previous = perSecond;
      }
    });
    return text.toString();
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
  }

  private static String fixed(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
