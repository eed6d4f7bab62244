package io.demandcast.forecasting.drivers;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Each driver column's effect on a series, estimated robustly against a seasonal baseline.
 *
 * <p><b>Baseline</b> {@code b_t}, what period t would have been without its drivers, from the
 * periods no driver touches only. For season lengths up to {@value #NEIGHBOUR_PERIOD} (daily data
 * with its weekly cycle, or no season) it is the median of the same position's values in the
 * {@value #CYCLES} cycles before and after (a Monday from the three Mondays either side; at the
 * end of the history the three before): local, seasonal, and a median of few values, so the rush
 * before Christmas, which no holiday column marks, moves it little. For longer seasons (weeks,
 * months) it is a level, the median of a centred window of {@code 2w + 1} periods with {@code w =
 * clamp(m, 3, 26)}, times the position's seasonal index, the median of {@code y_t / level_t} over
 * its periods.
 *
 * <p><b>Effects.</b> Relative to the baseline: on a period with {@code b_t > 0} the relative
 * deviation is {@code r_t = y_t / b_t − 1}, and the effects {@code e_j} solve {@code r_t ≈ sum_j
 * x_tj e_j} in the least-absolute-deviations sense by backfitting (each column's effect is the
 * median of its periods' partial residuals {@code (r_t − sum_(k≠j) x_tk e_k) / x_tj}, repeated
 * until the effects settle): a median, so that one odd holiday does not set the effect of all.
 * Effects are at least −1 (a holiday does not make demand negative). Columns that are zero over
 * the history get no effect (0).
 *
 * <p>The driver-adjusted series is {@code y_t − b_t sum_j x_tj e_j} (the effect taken out in
 * units, which does not inflate the noise of a day whose demand nearly vanishes as a division
 * would); a forecast of it is multiplied by {@code 1 + sum_j x_tj e_j} on the future periods.
 * This is the "adjust, forecast, put back" use of known drivers (R. J. Hyndman and G.
 * Athanasopoulos, <i>Forecasting: Principles and Practice</i>, 3rd ed., sections 3.2 and 7.4 on
 * adjustments and dummy regressors; the robust medians follow the spirit of STL's robustness
 * weights, Cleveland et al. 1990).
 *
 * @param names the driver columns, in the regressors' order
 * @param effects the relative effect of each column, 0 where it has none
 * @param occurrences the number of history periods each column is non-zero in
 * @param baseline the baseline {@code b_t} over the history
 */
public record DriverEffects(
    List<String> names, double[] effects, int[] occurrences, double[] baseline)
    implements Serializable {

  private static final int SWEEPS = 20;

  /** Up to this season length the baseline is the median of same-position neighbours. */
  static final int NEIGHBOUR_PERIOD = 7;

  /** The cycles before and after a period whose same-position values make its baseline. */
  static final int CYCLES = 3;

  /**
   * Copies the arrays.
   *
   * @param names the {@code names} component, described on the record
   * @param effects the {@code effects} component, described on the record
   * @param occurrences the {@code occurrences} component, described on the record
   * @param baseline the {@code baseline} component, described on the record
   */
  public DriverEffects {
    names = List.copyOf(names);
    effects = effects.clone();
    occurrences = occurrences.clone();
    baseline = baseline.clone();
  }

  /**
   * Estimates the effects on a history.
   *
   * @param y the history, finite, oldest first, period 0 aligned with the regressors' period 0
   * @param x the drivers, covering at least the history
   * @param seasonalPeriod the season length m, at least 1
   * @return the effects
   * @throws IllegalArgumentException if the regressors are shorter than the history or {@code
   *     seasonalPeriod < 1}
   */
  public static DriverEffects estimate(double[] y, Regressors x, int seasonalPeriod) {
    Objects.requireNonNull(y, "y");
    Objects.requireNonNull(x, "x");
    if (seasonalPeriod < 1) {
      throw new IllegalArgumentException("seasonal period must be at least 1, got " + seasonalPeriod);
    }
    int n = y.length;
    x.requireLength("driver effects", n);
    boolean[] touched = new boolean[n];
    for (int t = 0; t < n; t++) {
      touched[t] = x.any(t);
    }
    double[] b = baseline(y, touched, seasonalPeriod);
    int width = x.width();
    double[] e = new double[width];
    int[] count = new int[width];
    // the non-zero periods of each column: the backfitting touches only those
    int[][] rows = new int[width][];
    for (int j = 0; j < width; j++) {
      int[] nz = new int[n];
      for (int t = 0; t < n; t++) {
        if (x.value(j, t) != 0.0) {
          nz[count[j]++] = t;
        }
      }
      rows[j] = Arrays.copyOf(nz, count[j]);
    }
    double[] r = new double[n];
    for (int t = 0; t < n; t++) {
      r[t] = touched[t] && b[t] > 0.0 ? y[t] / b[t] - 1.0 : Double.NaN;
    }
    double[] fitted = new double[n]; // sum_j x_tj e_j
    double[] partial = new double[n];
    for (int sweep = 0; sweep < SWEEPS; sweep++) {
      double change = 0.0;
      for (int j = 0; j < width; j++) {
        if (rows[j].length == 0) {
          continue;
        }
        int k = 0;
        for (int t : rows[j]) {
          double v = x.value(j, t);
          if (!Double.isNaN(r[t])) {
            partial[k++] = (r[t] - (fitted[t] - v * e[j])) / v;
          }
        }
        double updated = k == 0 ? 0.0 : Math.max(-1.0, median(partial, k));
        double delta = updated - e[j];
        if (delta != 0.0) {
          for (int t : rows[j]) {
            fitted[t] += x.value(j, t) * delta;
          }
          e[j] = updated;
          change = Math.max(change, Math.abs(delta));
        }
      }
      if (change < 1e-9) {
        break;
      }
    }
    return new DriverEffects(x.names(), e, count, b);
  }

  /**
   * Returns the series with the drivers' effects taken out: {@code y_t − b_t sum_j x_tj e_j}.
   *
   * @param y the history the effects were estimated on
   * @param x the same drivers
   * @return a new array
   */
  public double[] adjust(double[] y, Regressors x) {
    double[] adjusted = y.clone();
    for (int t = 0; t < y.length; t++) {
      double m = multiplier(x, t) - 1.0;
      if (m != 0.0) {
        adjusted[t] = y[t] - baseline[t] * m;
      }
    }
    return adjusted;
  }

  /**
   * Returns the factor of period t: {@code max(0, 1 + sum_j x_tj e_j)}.
   *
   * @param x the drivers
   * @param t a period index below {@code x.length()}
   * @return the factor, 1 when no driver with an effect touches the period
   */
  public double multiplier(Regressors x, int t) {
    double sum = 0.0;
    for (int j = 0; j < effects.length; j++) {
      if (effects[j] != 0.0) {
        sum += x.value(j, t) * effects[j];
      }
    }
    return Math.max(0.0, 1.0 + sum);
  }

  /**
   * Returns the effects by column name, leaving out the columns without one.
   *
   * @return an insertion-ordered map of relative effects (−0.2 is 20 % below the baseline)
   */
  public Map<String, Double> byName() {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int j = 0; j < effects.length; j++) {
      if (occurrences[j] > 0) {
        m.put(names.get(j), effects[j]);
      }
    }
    return m;
  }

  /** The robust baseline described on the class: same-position neighbours, or level × index. */
  static double[] baseline(double[] y, boolean[] touched, int m) {
    return m <= NEIGHBOUR_PERIOD ? neighbours(y, touched, m) : levelTimesIndex(y, touched, m);
  }

  /** The median of the untouched values {@code y_(t ± k m)}, k = 1 to {@value #CYCLES}. */
  static double[] neighbours(double[] y, boolean[] touched, int m) {
    int n = y.length;
    double[] b = new double[n];
    double[] values = new double[2 * CYCLES];
    for (int t = 0; t < n; t++) {
      int k = 0;
      for (int c = 1; c <= CYCLES; c++) {
        int before = t - c * m;
        int after = t + c * m;
        if (before >= 0 && !touched[before]) {
          values[k++] = y[before];
        }
        if (after < n && !touched[after]) {
          values[k++] = y[after];
        }
      }
      b[t] = k > 0 ? median(values, k) : Double.NaN;
    }
    fillGaps(b, y);
    return b;
  }

  /** The level (a centred moving median) times the seasonal index of the position. */
  static double[] levelTimesIndex(double[] y, boolean[] touched, int m) {
    int n = y.length;
    int w = Math.max(3, Math.min(m, 26));
    double[] level = new double[n];
    double[] window = new double[2 * w + 1];
    for (int t = 0; t < n; t++) {
      int k = 0;
      for (int s = Math.max(0, t - w); s <= Math.min(n - 1, t + w); s++) {
        if (!touched[s]) {
          window[k++] = y[s];
        }
      }
      level[t] = k > 0 ? median(window, k) : Double.NaN;
    }
    fillGaps(level, y);
    double[] index = new double[m];
    Arrays.fill(index, 1.0);
    if (m > 1) {
      double[] ratios = new double[n / m + 1];
      for (int p = 0; p < m; p++) {
        int k = 0;
        for (int t = p; t < n; t += m) {
          if (!touched[t] && level[t] > 0.0) {
            ratios[k++] = y[t] / level[t];
          }
        }
        index[p] = k > 0 ? median(ratios, k) : 1.0;
      }
    }
    double[] b = new double[n];
    for (int t = 0; t < n; t++) {
      b[t] = level[t] * index[t % m];
    }
    return b;
  }

  /** A level without any untouched neighbour takes the nearest defined one, or the median of y. */
  private static void fillGaps(double[] level, double[] y) {
    int n = level.length;
    double fallback = median(y.clone(), n);
    for (int t = 0; t < n; t++) {
      if (Double.isNaN(level[t])) {
        double v = Double.NaN;
        for (int d = 1; d < n && Double.isNaN(v); d++) {
          if (t - d >= 0 && !Double.isNaN(level[t - d])) {
            v = level[t - d];
          } else if (t + d < n && !Double.isNaN(level[t + d])) {
            v = level[t + d];
          }
        }
        level[t] = Double.isNaN(v) ? fallback : v;
      }
    }
  }

  /** The median of the first k values (reordered). */
  static double median(double[] values, int k) {
    Arrays.sort(values, 0, k);
    return k % 2 == 1 ? values[k / 2] : 0.5 * (values[k / 2 - 1] + values[k / 2]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DriverEffects d
        && d.names.equals(names)
        && Arrays.equals(d.effects, effects)
        && Arrays.equals(d.occurrences, occurrences)
        && Arrays.equals(d.baseline, baseline);
  }

  @Override
  public int hashCode() {
    return Objects.hash(names, Arrays.hashCode(effects), Arrays.hashCode(occurrences));
  }

  @Override
  public String toString() {
    return "DriverEffects" + byName();
  }
}
