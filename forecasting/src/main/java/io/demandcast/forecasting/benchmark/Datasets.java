package io.demandcast.forecasting.benchmark;

import io.demandcast.forecasting.Seasonality;
import io.demandcast.forecasting.drivers.PeriodDates;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
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
 *       M3 publications. The seasonality is that one period (none for yearly and other).
 *   <li>{@code m4-weekly}: the 359 weekly series of M4, horizon 13; seasonality 52.18 weeks a year
 *       (single-season models see m = 52), MASE uses lag 1 as in the M4 Competitors' Guide.
 *   <li>{@code carparts}: 2,674 monthly spare-part demand series (Hyndman et al. 2008, R package
 *       {@code expsmooth}); the last 12 months are the test part; a series with any blank cell is
 *       skipped and counted; seasonality and m 12, MASE lag 1.
 *   <li>{@code nn5}: the 111 daily cash-machine series of the NN5 competition (2008, dataset A,
 *       {@code nn5/NN5_FINAL_DATASET_WITH_TEST_DATA.csv}); the last 56 days are the test part (the
 *       competition's split: 735 training days), seasonality 7 and 365.25 days (a week and a year;
 *       single-season models see m = 7), MASE lag 7; a blank day takes the value of the same
 *       weekday one week before ({@link #nn5(Path)}).
 * </ul>
 *
 * <p>A user's own history in long format is read by {@link #longFormat(Path, int, Seasonality)}
 * ({@code --dataset file:PATH}).
 */
public final class Datasets {

  /** The dataset ids {@link #load} accepts. */
  public static final List<String> NAMES = List.of("m3", "m4-weekly", "carparts", "nn5");

  /** The prefix of {@code --dataset file:PATH}, and of the name of a dataset read from a file. */
  public static final String FILE_PREFIX = "file:";

  /** NN5's horizon and test part in days (the competition's). */
  public static final int NN5_HORIZON = 56;

  /** NN5's season length in days: the weekly cycle, the primary period and the MASE lag. */
  public static final int NN5_PERIOD = 7;

  /** NN5's seasonal periods in days: a week and a year. */
  public static final Seasonality NN5_SEASONALITY = Seasonality.of(NN5_PERIOD, 365.25);

  /** M4 weekly's seasonal period in weeks: 365.25 / 7, rounded to 52.18 as is usual in R. */
  public static final Seasonality M4_WEEKLY_SEASONALITY = Seasonality.of(52.18);

  private static final int M4_WEEKLY_HORIZON = 13;
  private static final int CARPARTS_HORIZON = 12;

  /** Fewest training values a long-format series needs to be scored; shorter ones are skipped. */
  public static final int MIN_TRAINING = 3;

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
      case "nn5" -> nn5(dataDir.resolve("nn5").resolve("NN5_FINAL_DATASET_WITH_TEST_DATA.csv"));
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
      series.add(
          split(
              String.format(Locale.ROOT, "N%04d", number),
              Seasonality.single(frequency),
              frequency,
              values,
              nf));
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
      series.add(
          new SeriesSplit(id, M4_WEEKLY_SEASONALITY, 1, values(trainFile, row, 1), test));
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
      series.add(split(row.get(0), Seasonality.single(12), 1, all, CARPARTS_HORIZON));
    }
    return new Dataset("carparts", series, skipped, "missing values");
  }

  /**
   * Reads the NN5 competition file: semicolon-separated, optionally starting with a UTF-8 byte
   * order mark, a header {@code Date;N101;...;N211;} (a trailing empty column is ignored), then one
   * row per day, the dates ({@code yyyy-mm-dd}) consecutive. A blank cell is a missing day: it
   * takes the value of the same weekday one week before (itself filled if it was blank); a blank in
   * the first week takes the first value of the same weekday in a later week. The test part is
   * filled the same way (4 cells in the competition file). This is the protocol of
   * benchmarks/r/forecast_peer.R, so both sides score the same values.
   *
   * @param file the NN5 file, or a smaller file of the same format with more than 63 days (the 56
   *     test days and at least a week of training)
   * @return one series per column, seasonality {@link #NN5_SEASONALITY} (m = 7 for
   *     single-season models) and MASE lag 7, the last {@value #NN5_HORIZON} days held out
   * @throws IllegalArgumentException if the file is missing, has no series column or too few
   *     days, a date is not the day after the previous one, a cell is not a number (file, line and
   *     column named), or a weekday column is blank throughout
   * @throws UncheckedIOException if the file cannot be read
   */
  public static Dataset nn5(Path file) {
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setDelimiter(';')
            .setHeader()
            .setSkipHeaderRecord(true)
            .setAllowMissingColumnNames(true) // the trailing empty column
            .get();
    List<Line> lines = lines(file, format);
    List<String> header = lines.isEmpty() ? List.of() : lines.get(0).record.getParser().getHeaderNames();
    List<Integer> columns = new ArrayList<>();
    for (int c = 1; c < header.size(); c++) {
      if (!header.get(c).isBlank()) {
        columns.add(c);
      }
    }
    if (columns.isEmpty() || lines.size() <= NN5_HORIZON + NN5_PERIOD) {
      throw new IllegalArgumentException(
          String.format(
              "%s: expected a Date column, series columns and more than %d days, found %d"
                  + " columns and %d days",
              file, NN5_HORIZON + NN5_PERIOD, header.size(), lines.size()));
    }
    int days = lines.size();
    double[][] values = new double[columns.size()][days];
    LocalDate previous = null;
    LocalDate first = null;
    for (int t = 0; t < days; t++) {
      Line line = lines.get(t);
      LocalDate date = parseDate(file, line, 0);
      if (previous != null && !date.equals(previous.plusDays(1))) {
        throw new IllegalArgumentException(
            String.format(
                "%s line %d column 1: date %s does not follow %s by one day",
                file, line.number, date, previous));
      }
      previous = date;
      if (first == null) {
        first = date;
      }
      for (int k = 0; k < columns.size(); k++) {
        int c = columns.get(k);
        String cell = c < line.record.size() ? line.record.get(c).trim() : "";
        values[k][t] = cell.isEmpty() ? Double.NaN : parseDouble(file, line, c, header);
      }
    }
    List<SeriesSplit> series = new ArrayList<>();
    for (int k = 0; k < columns.size(); k++) {
      String id = header.get(columns.get(k)).trim();
      fillFromWeekBefore(file, id, values[k]);
      series.add(
          split(
              id, NN5_SEASONALITY, NN5_PERIOD, values[k], NN5_HORIZON, PeriodDates.daily(first)));
    }
    return new Dataset("nn5", series, 0, "");
  }

  /** NN5's fill: a NaN day takes the (filled) value 7 days before, or in the first week after. */
  private static void fillFromWeekBefore(Path file, String id, double[] v) {
    for (int t = 0; t < v.length; t++) {
      if (!Double.isNaN(v[t])) {
        continue;
      }
      if (t >= NN5_PERIOD) {
        v[t] = v[t - NN5_PERIOD];
        continue;
      }
      for (int u = t + NN5_PERIOD; u < v.length && Double.isNaN(v[t]); u += NN5_PERIOD) {
        v[t] = v[u];
      }
      if (Double.isNaN(v[t])) {
        throw new IllegalArgumentException(
            String.format(
                "%s: series %s has no value on any day of the weekday of day %d", file, id, t + 1));
      }
    }
  }

  /**
   * Reads a user's history in long format for {@code demandcast benchmark --dataset file:PATH}.
   *
   * <p>A comma-separated file (RFC 4180, parsed with Apache Commons CSV; a UTF-8 byte order mark
   * is skipped) whose first line is a header; its first three columns are, whatever their names,
   * the series id, the period and the value (units per period), any further columns are ignored.
   * The period is either an integer index or a date {@code yyyy-mm-dd}, the same kind in every row.
   * Rows may come in any order: each series is sorted by period, and its periods must then be
   * consecutive integers, or dates one step apart, the step being that of its first two dates: a
   * number of days (daily, weekly data) or, when both fall on the same day of the month or both
   * on the last day of their month, a number of months (monthly, quarterly, yearly data). The last
   * {@code horizon} values of each series are held out as its test part.
   *
   * @param file the CSV
   * @param horizon the number of periods to hold out and forecast, at least 1
   * @param seasonality the seasonal periods of the data in periods ({@code [7]} or {@code [7,
   *     365.25]} for daily data, {@code [24, 168]} for hourly, {@code [12]} for monthly, none); its
   *     {@link Seasonality#primary() primary} period is the season length m of single-season models
   *     and the lag of the MASE scale
   * @return the series in order of first appearance; series with fewer than {@code horizon +}
   *     {@value #MIN_TRAINING} values are left out and counted as skipped
   * @throws NullPointerException if {@code seasonality} is null
   * @throws IllegalArgumentException if the file is missing or empty, a column is missing, a
   *     value is blank or not a finite number, a period is neither an integer nor a date, a
   *     period repeats or leaves a gap in its series, or {@code horizon} is below 1; the message
   *     names the file, the line and, for a cell, the column
   * @throws UncheckedIOException if the file cannot be read
   */
  public static Dataset longFormat(Path file, int horizon, Seasonality seasonality) {
    java.util.Objects.requireNonNull(seasonality, "seasonality");
    if (horizon < 1) {
      throw new IllegalArgumentException(
          String.format("horizon (%d) must be at least 1", horizon));
    }
    int seasonalPeriod = seasonality.primary();
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setAllowMissingColumnNames(true) // columns are taken by position
            .get();
    List<Line> lines = lines(file, format);
    List<String> header =
        lines.isEmpty() ? headerOf(file, format) : lines.get(0).record.getParser().getHeaderNames();
    if (header.size() < 3) {
      throw new IllegalArgumentException(
          String.format(
              "%s line 1: expected a header with three columns (series id, date or period,"
                  + " value), found %d: %s",
              file, header.size(), header));
    }
    Map<String, List<Observation>> bySeries = new LinkedHashMap<>();
    Boolean dates = null;
    for (Line line : lines) {
      if (line.record.size() < 3) {
        int missing = line.record.size() + 1;
        throw new IllegalArgumentException(
            String.format(
                "%s line %d column %d (%s): missing; each row needs a series id, a date or"
                    + " period and a value",
                file, line.number, missing, header.get(missing - 1)));
      }
      String id = line.record.get(0).trim();
      if (id.isEmpty()) {
        throw new IllegalArgumentException(
            String.format("%s line %d column 1 (%s): the series id is blank", file, line.number,
                header.get(0)));
      }
      String period = line.record.get(1).trim();
      boolean isIndex = period.matches("[+-]?\\d+");
      if (dates == null) {
        dates = !isIndex;
      }
      long key;
      if (isIndex && !dates) {
        key = parseLong(file, line, period, header);
      } else if (!isIndex && dates) {
        key = parseDate(file, line, 1).toEpochDay();
      } else {
        throw new IllegalArgumentException(
            String.format(
                "%s line %d column 2 (%s): '%s' is %s but the first row has %s; use one kind",
                file, line.number, header.get(1), period,
                isIndex ? "a period number" : "not a period number",
                dates ? "a date" : "a period number"));
      }
      double value = parseDouble(file, line, 2, header);
      bySeries.computeIfAbsent(id, k -> new ArrayList<>()).add(new Observation(key, value, line.number));
    }
    if (bySeries.isEmpty()) {
      throw new IllegalArgumentException(file + ": no data rows after the header");
    }
    List<SeriesSplit> series = new ArrayList<>();
    int skipped = 0;
    for (Map.Entry<String, List<Observation>> entry : bySeries.entrySet()) {
      List<Observation> obs = entry.getValue();
      obs.sort(java.util.Comparator.comparingLong(Observation::key));
      PeriodDates periods = checkRegular(file, entry.getKey(), obs, dates);
      if (obs.size() < horizon + MIN_TRAINING) {
        skipped++;
        continue;
      }
      double[] values = new double[obs.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = obs.get(i).value();
      }
      series.add(split(entry.getKey(), seasonality, seasonalPeriod, values, horizon, periods));
    }
    return new Dataset(
        FILE_PREFIX + file.getFileName(),
        series,
        skipped,
        skipped == 0 ? "" : "fewer than horizon + " + MIN_TRAINING + " values");
  }

  /**
   * Reads a user's history in long format with one seasonal period, as {@link #longFormat(Path,
   * int, Seasonality)} with {@link Seasonality#single(int) Seasonality.single(seasonalPeriod)}.
   *
   * @param file the CSV
   * @param horizon the number of periods to hold out and forecast, at least 1
   * @param seasonalPeriod the season length m in periods (7 for daily data with a weekly pattern,
   *     12 for monthly, 1 for none), also the lag of the MASE scale
   * @return the series, as {@link #longFormat(Path, int, Seasonality)}
   * @throws IllegalArgumentException if {@code seasonalPeriod} is below 1, or as {@link
   *     #longFormat(Path, int, Seasonality)}
   * @throws UncheckedIOException if the file cannot be read
   */
  public static Dataset longFormat(Path file, int horizon, int seasonalPeriod) {
    if (seasonalPeriod < 1) {
      throw new IllegalArgumentException(
          String.format(
              "horizon (%d) and seasonal period (%d) must be at least 1", horizon, seasonalPeriod));
    }
    return longFormat(file, horizon, Seasonality.single(seasonalPeriod));
  }

  private record Observation(long key, double value, long line) {}

  /** One parsed record and its physical line number in the file (1 = the header). */
  private record Line(CSVRecord record, long number) {}

  /**
   * Sorted observations: no repeats, no gaps (consecutive indices or one date step apart).
   *
   * @return the periods' dates (a series of one date: daily), or null for period numbers
   */
  private static PeriodDates checkRegular(
      Path file, String id, List<Observation> obs, boolean dates) {
    for (int i = 1; i < obs.size(); i++) {
      Observation prev = obs.get(i - 1);
      Observation cur = obs.get(i);
      if (prev.key() == cur.key()) {
        throw new IllegalArgumentException(
            String.format(
                "%s line %d: series %s has period %s twice (also line %d)",
                file, cur.line(), id, periodText(cur.key(), dates), prev.line()));
      }
    }
    if (obs.size() < 2) {
      return dates ? PeriodDates.daily(LocalDate.ofEpochDay(obs.get(0).key())) : null;
    }
    if (!dates) {
      for (int i = 1; i < obs.size(); i++) {
        if (obs.get(i).key() != obs.get(i - 1).key() + 1) {
          throw gap(file, id, obs.get(i - 1), obs.get(i), "consecutive period numbers", false);
        }
      }
      return null;
    }
    LocalDate first = LocalDate.ofEpochDay(obs.get(0).key());
    LocalDate second = LocalDate.ofEpochDay(obs.get(1).key());
    boolean monthEnd = isMonthEnd(first) && isMonthEnd(second);
    long months = java.time.temporal.ChronoUnit.MONTHS.between(
        java.time.YearMonth.from(first), java.time.YearMonth.from(second));
    boolean monthly = months >= 1 && (first.getDayOfMonth() == second.getDayOfMonth() || monthEnd);
    long days = second.toEpochDay() - first.toEpochDay();
    String step = monthly ? months + " month(s)" : days + " day(s)";
    for (int i = 1; i < obs.size(); i++) {
      LocalDate prev = LocalDate.ofEpochDay(obs.get(i - 1).key());
      LocalDate expected = monthly ? prev.plusMonths(months) : prev.plusDays(days);
      if (monthly && monthEnd) {
        expected = expected.withDayOfMonth(expected.lengthOfMonth());
      }
      if (obs.get(i).key() != expected.toEpochDay()) {
        throw gap(file, id, obs.get(i - 1), obs.get(i), "dates " + step + " apart", true);
      }
    }
    return new PeriodDates(
        first, monthly ? java.time.Period.ofMonths((int) months) : java.time.Period.ofDays((int) days));
  }

  private static boolean isMonthEnd(LocalDate d) {
    return d.getDayOfMonth() == d.lengthOfMonth();
  }

  private static IllegalArgumentException gap(
      Path file, String id, Observation prev, Observation cur, String rule, boolean dates) {
    return new IllegalArgumentException(
        String.format(
            "%s line %d: series %s jumps from %s (line %d) to %s; its periods must be %s, without"
                + " gaps",
            file, cur.line(), id, periodText(prev.key(), dates), prev.line(),
            periodText(cur.key(), dates), rule));
  }

  private static String periodText(long key, boolean dates) {
    return dates ? LocalDate.ofEpochDay(key).toString() : Long.toString(key);
  }

  /** Parses a header-first CSV, skipping a UTF-8 BOM, keeping each record's line number. */
  private static List<Line> lines(Path file, CSVFormat format) {
    try (Reader reader = withoutBom(file);
        CSVParser parser = format.parse(reader)) {
      List<Line> lines = new ArrayList<>();
      long previousEnd = parser.getCurrentLineNumber(); // lines consumed by the header
      for (CSVRecord record : parser) {
        long end = parser.getCurrentLineNumber();
        // the record ends on line `end` (counting its terminator), or on the last line of a file
        // without a final line break; blank lines before it are skipped by the parser
        lines.add(new Line(record, Math.max(end, previousEnd + 1)));
        previousEnd = end;
      }
      return lines;
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          "benchmark data file " + file + " does not exist; check --data-dir or the file: path",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static List<String> headerOf(Path file, CSVFormat format) {
    try (Reader reader = withoutBom(file);
        CSVParser parser = format.parse(reader)) {
      return parser.getHeaderNames();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static Reader withoutBom(Path file) throws IOException {
    java.io.BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    reader.mark(1);
    if (reader.read() != '\uFEFF') {
      reader.reset();
    }
    return reader;
  }

  private static LocalDate parseDate(Path file, Line line, int column) {
    String text = line.record.get(column).trim();
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          String.format(
              "%s line %d column %d: '%s' is not a date (yyyy-mm-dd)%s",
              file, line.number, column + 1, text,
              column == 1 ? " nor a period number" : ""),
          e);
    }
  }

  private static long parseLong(Path file, Line line, String text, List<String> header) {
    try {
      return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          String.format(
              "%s line %d column 2 (%s): '%s' is not a period number", file, line.number,
              header.get(1), text),
          e);
    }
  }

  private static double parseDouble(Path file, Line line, int column, List<String> header) {
    String text = line.record.get(column).trim();
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      value = Double.NaN;
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s line %d column %d (%s): '%s' is not a number",
              file, line.number, column + 1, header.get(column).trim(), text));
    }
    return value;
  }

  private static SeriesSplit split(
      String id, Seasonality seasonality, int scaleLag, double[] values, int horizon) {
    return split(id, seasonality, scaleLag, values, horizon, null);
  }

  private static SeriesSplit split(
      String id,
      Seasonality seasonality,
      int scaleLag,
      double[] values,
      int horizon,
      PeriodDates dates) {
    int n = values.length - horizon;
    double[] train = new double[n];
    double[] test = new double[horizon];
    System.arraycopy(values, 0, train, 0, n);
    System.arraycopy(values, n, test, 0, horizon);
    return new SeriesSplit(id, seasonality, scaleLag, train, test, dates);
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
