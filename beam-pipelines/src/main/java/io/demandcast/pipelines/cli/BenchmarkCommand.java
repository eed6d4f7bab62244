package io.demandcast.pipelines.cli;

import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.HorizontalAlign;
import io.demandcast.forecasting.Seasonality;
import io.demandcast.forecasting.benchmark.BenchmarkCsv;
import io.demandcast.forecasting.benchmark.BenchmarkMethod;
import io.demandcast.forecasting.benchmark.BenchmarkRunner;
import io.demandcast.forecasting.benchmark.Dataset;
import io.demandcast.forecasting.benchmark.Datasets;
import io.demandcast.forecasting.benchmark.MethodResult;
import io.demandcast.forecasting.benchmark.Methods;
import io.demandcast.forecasting.drivers.HolidayRegressors;
import io.demandcast.forecasting.drivers.Holidays;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demandcast benchmark}: scores the forecasters on public competition data. */
@Command(
    name = "benchmark",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Score the forecasting methods and the automatic selection on public competition data.",
      "%nDatasets: m3 (3,003 series, horizons as in M3), m4-weekly (359 series, h = 13),"
          + " carparts (2,674 monthly spare parts, last 12 months held out, series with blank"
          + " cells skipped), nn5 (111 daily cash machines, last 56 days held out, seasonal"
          + " periods 7 and 365.25 days, a blank day filled with the same weekday a week before),"
          + " or file:PATH, your own history"
          + " in long format (a CSV with a header; columns series id, date (yyyy-mm-dd) or"
          + " period number, value) with --horizon and --seasonal-periods: the last horizon"
          + " periods of each series are held out. Prints sMAPE, MASE, OWA (relative to Naive2"
          + " on the same series), RMSSE, wall time and series per second per method, and writes"
          + " them to a CSV.",
      "%nTo compare with R's forecast package on the same series, run"
          + " benchmarks/compare-with-r.sh (see docs/benchmarks.md)."
    })
final class BenchmarkCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--dataset",
      required = true,
      paramLabel = "NAME",
      description = "m3, m4-weekly, carparts, nn5, or file:PATH for a long-format CSV of your"
          + " own (series id, date or period number, value).")
  String dataset;

  @Option(
      names = "--horizon",
      paramLabel = "H",
      description = "With --dataset file:PATH: periods to hold out at the end of each series and"
          + " forecast.")
  Integer horizon;

  @Option(
      names = "--seasonal-periods",
      paramLabel = "M[,M...]",
      description = "With --dataset file:PATH: the seasonal periods in periods, ascending and"
          + " comma-separated (7 for daily data with a weekly pattern, 7,365.25 daily with a"
          + " weekly and a yearly one, 24,168 hourly, 52 weekly, 12 monthly, 4 quarterly, 1"
          + " none). The first, rounded, is the season length of the single-season methods and"
          + " the lag of the MASE scale; mstlf uses them all.")
  String seasonalPeriods;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "../shared/data",
      description = "Folder holding m3/M3data.csv, m4/Weekly-train.csv + Weekly-test.csv,"
          + " carparts/carparts.csv and nn5/NN5_FINAL_DATASET_WITH_TEST_DATA.csv. The competition data is not in the repository (only the"
          + " benchmark reads it; the tests do not): download it, or point here at a copy."
          + " Default: ${DEFAULT-VALUE}, a data folder beside the project checkout")
  Path dataDir;

  @Option(
      names = "--methods",
      paramLabel = "LIST",
      split = ",",
      description = "Comma-separated methods to run. Default: all of them. Known: ${COMPLETION-CANDIDATES}",
      completionCandidates = MethodNames.class)
  List<String> methods;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Results CSV. Default: benchmark-<dataset>.csv")
  Path out;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "2",
      description = "Worker threads. Default: ${DEFAULT-VALUE}")
  int threads;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Use only the first N series (for a quick try).")
  Integer limit;

  @Option(
      names = "--holidays",
      paramLabel = "REGION",
      description = "Also score each method that has a holiday-aware variant (auto, ets, theta,"
          + " arima, mstlf) with the public holidays of REGION as regressors, as a row of its own"
          + " (auto_holidays, ...) beside the same method without them: an ISO code such as GB,"
          + " GB-ENG, US-CA or DE-BY (Jollyday's calendars; GB alone lacks England's Easter Monday"
          + " and summer bank holiday). Needs dates: nn5, or file:PATH with yyyy-mm-dd periods.")
  String holidays;

  @Option(
      names = "--holiday-days-before",
      paramLabel = "N",
      defaultValue = "2",
      description = "With --holidays: the days before each holiday that get columns of their own."
          + " Default: ${DEFAULT-VALUE}")
  int holidayDaysBefore;

  @Option(
      names = "--holiday-days-after",
      paramLabel = "N",
      defaultValue = "2",
      description = "With --holidays: the days after each holiday that get columns of their own."
          + " Default: ${DEFAULT-VALUE}")
  int holidayDaysAfter;

  @Option(
      names = "--holiday-columns",
      paramLabel = "KIND",
      defaultValue = "per-holiday",
      description = "With --holidays: per-holiday (a column per holiday, its own effect) or pooled"
          + " (one column for every holiday). Default: ${DEFAULT-VALUE}")
  String holidayColumns;

  @Option(
      names = "--peer-forecasts",
      paramLabel = "FILE",
      description = "Forecasts of a peer (benchmarks/r/forecast_peer.R) to score on the same series.")
  Path peerForecasts;

  @Option(
      names = "--peer-times",
      paramLabel = "FILE",
      description = "The peer's timings CSV, for its wall time and series per second.")
  Path peerTimes;

  @Override
  public Integer call() {
    boolean ownFile = dataset.startsWith(Datasets.FILE_PREFIX);
    if (!ownFile && !Datasets.NAMES.contains(dataset)) {
      throw new IllegalArgumentException(
          "unknown --dataset '"
              + dataset
              + "'; choose one of "
              + String.join(", ", Datasets.NAMES)
              + ", or file:PATH");
    }
    if (ownFile && (horizon == null || seasonalPeriods == null)) {
      throw new IllegalArgumentException(
          "--dataset file:PATH needs --horizon H and --seasonal-periods M (or M1,M2 for"
              + " several, such as 7,365.25)");
    }
    if (!ownFile && (horizon != null || seasonalPeriods != null)) {
      throw new IllegalArgumentException(
          "--horizon and --seasonal-periods apply only to --dataset file:PATH; " + dataset
              + " has its own");
    }
    Seasonality seasonality = ownFile ? Seasonality.parse(seasonalPeriods) : null;
    PrintWriter err = spec.commandLine().getErr();
    Set<String> chosen = new LinkedHashSet<>(methods == null ? Methods.names() : methods);
    List<BenchmarkMethod> toRun = new ArrayList<>();
    for (String name : chosen) {
      toRun.add(Methods.create(name.trim()));
    }
    Path ownPath = ownFile ? Path.of(dataset.substring(Datasets.FILE_PREFIX.length())) : null;
    Dataset data =
        ownFile
            ? Datasets.longFormat(ownPath, horizon, seasonality)
            : Datasets.load(dataset, dataDir);
    if (limit != null) {
      data = data.limit(limit);
    }
    if (holidays != null) {
      toRun = withHolidays(toRun, data);
    }
    err.printf(
        "benchmark %s: %d series%s, %d threads%n",
        dataset,
        data.series().size(),
        data.skipped() > 0 ? " (" + data.skipped() + " skipped: " + data.skippedReason() + ")" : "",
        threads);
    BenchmarkRunner runner = new BenchmarkRunner(threads, err::println);
    // Naive2 first: every other method's OWA is relative to it on the same series
    MethodResult reference =
        runner.score(data, runner.forecast(data, Methods.create(Methods.NAIVE2)), "demandcast", null);
    MethodResult naive2 =
        new MethodResult(
            reference.dataset(), reference.method(), reference.source(), reference.series(),
            reference.failures(), reference.smape(), reference.mase(), 1.0, reference.rmsse(),
            reference.wallSeconds(), reference.threads(), reference.peakHeapMb());
    List<MethodResult> results = new ArrayList<>(List.of(naive2));
    toRun.removeIf(m -> m.name().equals(Methods.NAIVE2));
    for (BenchmarkMethod method : toRun) {
      results.add(runner.score(data, runner.forecast(data, method), "demandcast", naive2));
    }
    if (peerForecasts != null) {
      Map<String, Double> times =
          peerTimes == null ? Map.of() : BenchmarkCsv.readPeerTimes(peerTimes, data.name());
      for (var peer : BenchmarkCsv.readPeerForecasts(peerForecasts, data.name()).entrySet()) {
        BenchmarkRunner.Run run =
            BenchmarkRunner.peerRun(
                data,
                "r_" + peer.getKey().replace('.', '_'),
                peer.getValue(),
                times.getOrDefault(peer.getKey(), Double.NaN));
        results.add(runner.score(data, run, "r-forecast", naive2));
      }
    }
    Path csv =
        out != null
            ? out
            : Path.of("benchmark-" + (ownFile ? "file-" + baseName(ownPath) : dataset) + ".csv");
    BenchmarkCsv.write(csv, results);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println(table(results));
    results.stream()
        .filter(r -> r.method().equals(Methods.AUTO))
        .findFirst()
        .ifPresent(
            auto ->
                results.stream()
                    .filter(r -> !r.source().equals("demandcast") && r.seriesPerSecond() > 0)
                    .forEach(
                        peer ->
                            stdout.printf(
                                Locale.ROOT,
                                "speed: auto forecasts %.1fx the series per second of %s"
                                    + " (%.1f vs %.1f)%n",
                                auto.seriesPerSecond() / peer.seriesPerSecond(),
                                peer.method(),
                                auto.seriesPerSecond(),
                                peer.seriesPerSecond())));
    stdout.printf("written to %s%n", csv);
    stdout.flush();
    return 0;
  }

  /**
   * The methods to run with each one's holiday-aware variant after it.
   *
   * @throws IllegalArgumentException for an unknown region, a dataset without dates or no method
   *     with a variant
   */
  private List<BenchmarkMethod> withHolidays(List<BenchmarkMethod> toRun, Dataset data) {
    Holidays calendar = Holidays.of(holidays);
    HolidayRegressors columns =
        new HolidayRegressors(
            switch (holidayColumns) {
              case "per-holiday" -> true;
              case "pooled" -> false;
              default ->
                  throw new IllegalArgumentException(
                      "--holiday-columns is per-holiday or pooled, not '" + holidayColumns + "'");
            },
            holidayDaysBefore,
            holidayDaysAfter);
    data.series().stream()
        .filter(s -> s.periodDates().isEmpty())
        .findFirst()
        .ifPresent(
            s -> {
              throw new IllegalArgumentException(
                  "--holidays needs dates, and "
                      + dataset
                      + " has none (series "
                      + s.id()
                      + "): use nn5, or file:PATH whose periods are yyyy-mm-dd dates");
            });
    List<BenchmarkMethod> all = new ArrayList<>();
    boolean any = false;
    for (BenchmarkMethod method : toRun) {
      all.add(method);
      if (Methods.WITH_HOLIDAYS.contains(method.name())) {
        all.add(Methods.withHolidays(method.name(), calendar, columns));
        any = true;
      }
    }
    if (!any) {
      throw new IllegalArgumentException(
          "--holidays adds a holiday-aware row to "
              + String.join(", ", Methods.WITH_HOLIDAYS)
              + "; --methods names none of them");
    }
    return all;
  }

  private static String table(List<MethodResult> results) {
    String[] names = {
      "method", "series", "fail", "sMAPE", "MASE", "OWA", "RMSSE", "wall s", "series/s", "heap MB"
    };
    Column[] columns = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      columns[i] =
          new Column()
              .header(names[i])
              .headerAlign(HorizontalAlign.LEFT)
              .dataAlign(i == 0 ? HorizontalAlign.LEFT : HorizontalAlign.RIGHT);
    }
    List<Object[]> rows = new ArrayList<>();
    for (MethodResult r : results) {
      rows.add(
          new Object[] {
            r.method(),
            r.series(),
            r.failures(),
            fixed(r.smape(), 3),
            fixed(r.mase(), 3),
            fixed(r.owa(), 3),
            fixed(r.rmsse(), 3),
            fixed(r.wallSeconds(), 2),
            fixed(r.seriesPerSecond(), 1),
            fixed(r.peakHeapMb(), 0)
          });
    }
    return AsciiTable.getTable(
        AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS, columns, rows.toArray(Object[][]::new));
  }

  /** The file name without its extension, for the default results file. */
  private static String baseName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static String fixed(double value, int decimals) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "";
  }

  /** The method ids, for the help text. */
  static final class MethodNames extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    MethodNames() {
      super(Methods.names());
    }
  }
}
