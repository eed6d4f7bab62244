package io.demandcast.forecasting.models;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the reference CSVs written by the R scripts under {@code src/test/r} (rows {@code
 * series,quantity,value1,value2,...}) from {@code src/test/resources/reference}.
 */
final class RReference {
  private final Map<String, double[]> rows = new LinkedHashMap<>();

  private RReference(String resource) {
    InputStream in = RReference.class.getResourceAsStream("/reference/" + resource);
    if (in == null) {
      throw new IllegalStateException("missing test resource /reference/" + resource);
    }
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] fields = line.split(",");
        double[] values = new double[fields.length - 2];
        for (int i = 0; i < values.length; i++) {
          values[i] = Double.parseDouble(fields[i + 2]);
        }
        rows.put(fields[0] + "/" + fields[1], values);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads {@code /reference/<resource>}. */
  static RReference load(String resource) {
    return new RReference(resource);
  }

  /** The values of one row; fails if it is missing. */
  double[] get(String series, String quantity) {
    double[] values = rows.get(series + "/" + quantity);
    if (values == null) {
      throw new IllegalArgumentException("no reference row " + series + "/" + quantity);
    }
    return values.clone();
  }

  /** The single value of one row. */
  double scalar(String series, String quantity) {
    return get(series, quantity)[0];
  }

  /** Whether a row exists. */
  boolean has(String series, String quantity) {
    return rows.containsKey(series + "/" + quantity);
  }

  /** The series names, in file order, that have the given quantity. */
  java.util.List<String> seriesWith(String quantity) {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (String key : rows.keySet()) {
      int slash = key.lastIndexOf('/');
      if (key.substring(slash + 1).equals(quantity)) {
        names.add(key.substring(0, slash));
      }
    }
    return names;
  }
}
