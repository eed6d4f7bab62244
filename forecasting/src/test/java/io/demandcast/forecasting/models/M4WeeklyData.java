package io.demandcast.forecasting.models;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The M4 Weekly series from the test resources {@code /m4/*.csv.gz} (see {@code
 * src/test/resources/m4/README.md}), by id in file order.
 */
final class M4WeeklyData {
  private M4WeeklyData() {}

  /** Whether the gzipped M4 Weekly files are on the test class path. */
  static boolean available() {
    return M4WeeklyData.class.getResource("/m4/Weekly-train.csv.gz") != null
        && M4WeeklyData.class.getResource("/m4/Weekly-test.csv.gz") != null
        && M4WeeklyData.class.getResource("/m4/Naive2-Weekly.csv.gz") != null;
  }

  /** Rows of {@code /m4/<file>}: id to values, skipping the header, quotes and NA cells. */
  static Map<String, double[]> read(String file) {
    Map<String, double[]> rows = new LinkedHashMap<>();
    try (InputStream raw = M4WeeklyData.class.getResourceAsStream("/m4/" + file);
        BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8))) {
      reader.readLine();
      String line;
      while ((line = reader.readLine()) != null) {
        String[] f = line.replace("\"", "").split(",");
        List<Double> values = new ArrayList<>();
        for (String cell : Arrays.asList(f).subList(1, f.length)) {
          if (!cell.isEmpty() && !cell.equals("NA")) {
            values.add(Double.parseDouble(cell));
          }
        }
        rows.put(f[0], values.stream().mapToDouble(Double::doubleValue).toArray());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** Mean over series of the M4 sMAPE (percent) of the forecasts against the test values. */
  static double meanSmape(Map<String, double[]> actual, Map<String, double[]> forecasts) {
    double total = 0.0;
    for (Map.Entry<String, double[]> entry : actual.entrySet()) {
      double[] a = entry.getValue();
      double[] f = forecasts.get(entry.getKey());
      double sum = 0.0;
      for (int h = 0; h < a.length; h++) {
        sum += 200.0 * Math.abs(a[h] - f[h]) / (Math.abs(a[h]) + Math.abs(f[h]));
      }
      total += sum / a.length;
    }
    return total / actual.size();
  }
}
