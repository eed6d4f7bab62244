package io.demandcast.forecasting.benchmark;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the public competition datasets that the benchmark scores, in the layout of the project's
 * shared data folder ({@code m3/M3data.csv}, {@code m4/Weekly-train.csv} and {@code
 * m4/Weekly-test.csv}, {@code carparts/carparts.csv}).
 *
 * <ul>
 *   <li>{@code m3}: all 3,003 series of the M3 competition (Makridakis and Hibon, "The M3-Competition:
 *       results, conclusions and implications", IJF 16(4), 2000). Columns {@code Series, N, NF,
 *       Category, start year, start period}, then N values whose last NF are the test part.
 *       Frequency from the id: N1–N645 yearly (1), N646–N1401 quarterly (4), N1402–N2829 monthly
 *       (12), N2830–N3003 other (1). Ids are written {@code N0001} to {@code N3003}, as in the
 *       M3 publications.
 *   <li>{@code m4-weekly}: the 359 weekly series of M4, horizon 13; the models see m = 52, MASE uses
 *       lag 1 as in the M4 Competitors' Guide.
 *   <li>{@code carparts}: 2,674 monthly spare-part demand series (Hyndman et al. 2008, R package
 *       {@code expsmooth}); the last 12 months are the test part; a series with any blank cell is
 *       skipped and counted; m = 12 and MASE lag 1.
 * </ul>
 */
public final class Datasets {

  /** The dataset ids {@link #load} accepts. */
  public static final List<String> NAMES = List.of("m3", "m4-weekly", "carparts");

  private static final int M4_WEEKLY_HORIZON = 13;
  private static final int CARPARTS_HORIZON = 12;

  private Datasets() {}

  /**
   * Loads a dataset by id.
   *
   * @param name one of {@link #NAMES}
   * @param dataDir the shared data folder holding {@code m3/}, {@code m4/} and {@code carparts/}
   * @return the dataset
   * @throws IllegalArgumentException for an unknown name, a missing file (the message names the
   *     file and the {@code --data-dir} option), or a malformed row (file and line named)
   * @throws UncheckedIOException if a file cannot be read
   */
  public static Dataset load(String name, Path dataDir) {
    return switch (name) {
      case "m3" -> m3(dataDir.resolve("m3").resolve("M3data.csv"));
      case "m4-weekly" ->
          m4Weekly(
              dataDir.resolve("m4").resolve("Weekly-train.csv"),
              dataDir.resolve("m4").resolve("Weekly-test.csv"));
      case "carparts" -> carparts(dataDir.resolve("carparts").resolve("carparts.csv"));
      default ->
          throw new IllegalArgumentException(
              "unknown dataset '" + name + "'; choose one of " + String.join(", ", NAMES));
    };
  }

  /**
   * Reads the M3 competition file.
   *
   * @param file {@code M3data.csv}
   * @return the 3,003 series (fewer if the file has fewer rows)
   * @throws IllegalArgumentException if the file is missing or a row is malformed
   */
  public static Dataset m3(Path file) {
    List<SeriesSplit> series = new ArrayList<>();
    for (CSVRecord row : records(file, true)) {
      String rawId = row.get(0).replace(" ", "");
      int number = parseInt(file, row, rawId.substring(1));
      int n = parseInt(file, row, row.get(1).trim());
      int nf = parseInt(file, row, row.get(2).trim());
      int frequency = number <= 645 ? 1 : number <= 1401 ? 4 : number <= 2829 ? 12 : 1;
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        values[i] = parseDouble(file, row, 6 + i);
      }
      series.add(split(String.format(Locale.ROOT, "N%04d", number), frequency, frequency, values, nf));
    }
    return new Dataset("m3", series, 0, "");
  }

  /**
   * Reads the M4 weekly training and test files.
   *
   * @param trainFile {@code Weekly-train.csv}, wide, first column the id
   * @param testFile {@code Weekly-test.csv}, same ids, 13 values each
   * @return the series in training-file order
   * @throws IllegalArgumentException if a file is missing, an id has no test row or a row is
   *     malformed
   */
  public static Dataset m4Weekly(Path trainFile, Path testFile) {
    Map<String, double[]> tests = new HashMap<>();
    for (CSVRecord row : records(testFile, false)) {
      tests.put(row.get(0), values(testFile, row, 1));
    }
    List<SeriesSplit> series = new ArrayList<>();
    for (CSVRecord row : records(trainFile, false)) {
      String id = row.get(0);
      double[] test = tests.get(id);
      if (test == null || test.length != M4_WEEKLY_HORIZON) {
        throw new IllegalArgumentException(
            String.format(
                "%s: series %s has %s test values, expected %d",
                testFile, id, test == null ? "no" : String.valueOf(test.length), M4_WEEKLY_HORIZON));
      }
      series.add(new SeriesSplit(id, 52, 1, values(trainFile, row, 1), test));
    }
    return new Dataset("m4-weekly", series, 0, "");
  }

  /**
   * Reads the carparts file.
   *
   * @param file {@code carparts.csv}, wide: {@code Part} then 51 monthly columns
   * @return the series without blank cells; the rest are counted as skipped
   * @throws IllegalArgumentException if the file is missing or a cell is not a number
   */
  public static Dataset carparts(Path file) {
    List<SeriesSplit> series = new ArrayList<>();
    int skipped = 0;
    for (CSVRecord row : records(file, false)) {
      boolean blank = false;
      for (int i = 1; i < row.size(); i++) {
        String cell = row.get(i).trim();
        blank |= cell.isEmpty() || cell.equalsIgnoreCase("NA");
      }
      if (blank || row.size() <= CARPARTS_HORIZON + 1) {
        skipped++;
        continue;
      }
      double[] all = values(file, row, 1);
      series.add(split(row.get(0), 12, 1, all, CARPARTS_HORIZON));
    }
    return new Dataset("carparts", series, skipped, "missing values");
  }

  private static SeriesSplit split(String id, int m, int scaleLag, double[] values, int horizon) {
    int n = values.length - horizon;
    double[] train = new double[n];
    double[] test = new double[horizon];
    System.arraycopy(values, 0, train, 0, n);
    System.arraycopy(values, n, test, 0, horizon);
    return new SeriesSplit(id, m, scaleLag, train, test);
  }

  /** The values from column {@code from} to the last non-empty cell. */
  private static double[] values(Path file, CSVRecord row, int from) {
    int end = row.size();
    while (end > from && row.get(end - 1).trim().isEmpty()) {
      end--;
    }
    double[] values = new double[end - from];
    for (int i = from; i < end; i++) {
      values[i - from] = parseDouble(file, row, i);
    }
    return values;
  }

  private static List<CSVRecord> records(Path file, boolean headerIsComment) {
    CSVFormat.Builder format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true);
    if (headerIsComment) {
      format.setCommentMarker('#');
    } else {
      format.setHeader().setSkipHeaderRecord(true);
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return format.get().parse(reader).getRecords();
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          "benchmark data file "
              + file
              + " does not exist; point --data-dir at the folder that holds m3/, m4/ and"
              + " carparts/",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static int parseInt(Path file, CSVRecord row, String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          String.format(
              "%s line %d: '%s' is not an integer", file, row.getRecordNumber(), text),
          e);
    }
  }

  private static double parseDouble(Path file, CSVRecord row, int column) {
    String text = column < row.size() ? row.get(column).trim() : "";
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s line %d column %d: '%s' is not a number",
              file,
              row.getRecordNumber(),
              column + 1,
              text),
          e);
    }
  }
}
