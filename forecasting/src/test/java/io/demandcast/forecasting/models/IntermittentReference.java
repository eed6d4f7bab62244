package io.demandcast.forecasting.models;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the test resources {@code reference/carparts-3.csv} (three carparts series) and {@code
 * reference/intermittent.csv} (the values printed by {@code src/test/r/intermittent.R}).
 */
final class IntermittentReference {

  private IntermittentReference() {}

  /** The carparts series by part number, in file order. */
  static Map<String, double[]> carparts() {
    Map<String, double[]> series = new LinkedHashMap<>();
    boolean header = true;
    for (String line : lines("/reference/carparts-3.csv")) {
      if (line.startsWith("#")) {
        continue;
      }
      if (header) {
        header = false;
        continue;
      }
      String[] cells = line.split(",");
      double[] values = new double[cells.length - 1];
      for (int i = 1; i < cells.length; i++) {
        values[i - 1] = Double.parseDouble(cells[i]);
      }
      series.put(cells[0], values);
    }
    return series;
  }

  /** The R reference value of one series and key. */
  static double value(String series, String key) {
    for (String line : lines("/reference/intermittent.csv")) {
      String[] cells = line.split(",");
      if (cells[0].equals(series) && cells[1].equals(key)) {
        return Double.parseDouble(cells[2]);
      }
    }
    throw new IllegalArgumentException("no reference value " + series + "/" + key);
  }

  private static List<String> lines(String resource) {
    InputStream in =
        Objects.requireNonNull(
            IntermittentReference.class.getResourceAsStream(resource), "missing " + resource);
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader.lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
