package io.demandcast.forecasting.benchmark;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The benchmark's files: the results CSV it writes, and the forecasts and timings a peer (R's
 * {@code forecast} package, {@code benchmarks/r/forecast_peer.R}) writes for it to score.
 */
public final class BenchmarkCsv {

  /** The results CSV header, one row per dataset × method. */
  public static final List<String> HEADER =
      List.of(
          "dataset",
          "method",
          "source",
          "series",
          "failures",
          "smape",
          "mase",
          "owa",
          "rmsse",
          "wall_s",
          "series_per_s",
          "threads",
          "peak_heap_mb");

  private BenchmarkCsv() {}

  /**
   * Writes results; NaN figures are written as empty cells.
   *
   * @param file the CSV to create or replace
   * @param results one row each
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void write(Path file, List<MethodResult> results) {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter csv =
            CSVFormat.DEFAULT.builder().setHeader(HEADER.toArray(String[]::new)).get().print(out)) {
      for (MethodResult r : results) {
        csv.printRecord(
            r.dataset(),
            r.method(),
            r.source(),
            r.series(),
            r.failures(),
            number(r.smape()),
            number(r.mase()),
            number(r.owa()),
            number(r.rmsse()),
            number(r.wallSeconds()),
            number(r.seriesPerSecond()),
            r.threads(),
            number(r.peakHeapMb()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * Reads a peer's forecasts, long format {@code dataset,method,series,step,forecast}.
   *
   * @param file the peer's forecasts CSV
   * @param dataset only rows of this dataset are kept
   * @return method id → series id → forecast by step (step 1 at index 0), in file order
   * @throws IllegalArgumentException if the file is missing or a row is malformed (line named)
   */
  public static Map<String, Map<String, double[]>> readPeerForecasts(Path file, String dataset) {
    Map<String, Map<String, List<double[]>>> steps = new LinkedHashMap<>();
    for (CSVRecord row : records(file)) {
      if (!dataset.equals(row.get("dataset"))) {
        continue;
      }
      int step = (int) parse(file, row, "step");
      double value = parse(file, row, "forecast");
      steps
          .computeIfAbsent(row.get("method"), k -> new LinkedHashMap<>())
          .computeIfAbsent(row.get("series"), k -> new ArrayList<>())
          .add(new double[] {step, value});
    }
    Map<String, Map<String, double[]>> result = new LinkedHashMap<>();
    steps.forEach(
        (method, bySeries) -> {
          Map<String, double[]> forecasts = new LinkedHashMap<>();
          bySeries.forEach(
              (series, pairs) -> {
                double[] f = new double[pairs.size()];
                for (double[] pair : pairs) {
                  int step = (int) pair[0];
                  if (step < 1 || step > f.length) {
                    throw new IllegalArgumentException(
                        String.format(
                            "%s: %s forecast of series %s has step %d out of 1..%d",
                            file, method, series, step, f.length));
                  }
                  f[step - 1] = pair[1];
                }
                forecasts.put(series, f);
              });
          result.put(method, forecasts);
        });
    return result;
  }

  /**
   * Reads a peer's timings, {@code dataset,method,...,wall_s,...}.
   *
   * @param file the peer's timings CSV
   * @param dataset only rows of this dataset are kept
   * @return method id → wall seconds
   * @throws IllegalArgumentException if the file is missing or a row is malformed
   */
  public static Map<String, Double> readPeerTimes(Path file, String dataset) {
    Map<String, Double> times = new LinkedHashMap<>();
    for (CSVRecord row : records(file)) {
      if (dataset.equals(row.get("dataset"))) {
        times.put(row.get("method"), parse(file, row, "wall_s"));
      }
    }
    return times;
  }

  private static List<CSVRecord> records(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return CSVFormat.DEFAULT
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .get()
          .parse(reader)
          .getRecords();
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("peer file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static double parse(Path file, CSVRecord row, String column) {
    String text;
    try {
      text = row.get(column).trim();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + " has no column '" + column + "'", e);
    }
    try {
      return text.equals("NA") ? Double.NaN : Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          String.format(
              "%s line %d: %s '%s' is not a number", file, row.getRecordNumber() + 1, column, text),
          e);
    }
  }

  private static String number(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "";
  }
}
