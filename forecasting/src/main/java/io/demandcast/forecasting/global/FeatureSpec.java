package io.demandcast.forecasting.global;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The features of one regression row of a {@link GlobalRegression}: what is known at a forecast
 * origin {@code t} (the values {@code y[0..t-1]} of one series) to predict {@code y[t]}.
 *
 * <p>Columns, in this order:
 *
 * <ol>
 *   <li>{@code lag<l>} for each lag {@code l}: {@code y[t - l] / s};
 *   <li>{@code mean<w>} and {@code sd<w>} for each rolling window {@code w}: the mean and the
 *       population standard deviation of {@code y[t-w..t-1]}, divided by {@code s}; the mean is
 *       left out for a window as long as the scale window, where it is the scale itself (exactly 1
 *       for non-negative data);
 *   <li>{@code season_sin}, {@code season_cos} when the season position is on and {@code m >= 2}:
 *       {@code sin} and {@code cos} of {@code 2 pi (t mod m) / m}, with {@code t} counted from the
 *       first value of each history, so histories should start at the same point of the season
 *       (for example the same week of the year) for this feature to carry information;
 *   <li>{@code exo<j>} for each exogenous column {@code j}: the caller's value for period {@code t}
 *       itself (a regressor known in advance, such as a planned promotion), not scaled.
 * </ol>
 *
 * <p>Scaling: {@code s} is the mean of {@code |y|} over the scale window {@code y[t-W..t-1]} just
 * before the origin; when that is 0 (no demand in the window) the mean of {@code |y[0..t-1]|}, and
 * when that is 0 too, 1. The regression target {@code y[t]} is divided by the same {@code s} and
 * predictions are multiplied by it, so that series of different levels share one model (the
 * per-series scaling of global models, e.g. Montero-Manso and Hyndman 2021). Scaling each row by
 * the window before its own origin, rather than by one scale per series, treats a training origin
 * and a forecast origin in exactly the same way and uses no value after the origin.
 *
 * <p>Source: P. Montero-Manso and R. J. Hyndman, "Principles and algorithms for forecasting groups
 * of time series: locality and globality", International Journal of Forecasting 37(4), 1632-1653,
 * 2021.
 *
 * <p>Instances are immutable and {@link Serializable}.
 */
public final class FeatureSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int period;
  private final int[] lags;
  private final int[] windows;
  private final boolean seasonPosition;
  private final int scaleWindow;
  private final int exogenous;

  /**
   * Creates a feature specification.
   *
   * @param period the season length m in periods, at least 1
   * @param lags distinct lags in periods, each at least 1; copied and sorted
   * @param windows distinct rolling-window lengths in periods, each at least 2; copied and sorted;
   *     may be empty
   * @param seasonPosition whether to add the sin/cos season position (ignored when {@code m = 1})
   * @param scaleWindow the length W of the scale window in periods, at least 1
   * @param exogenous the number of exogenous columns, at least 0
   * @throws IllegalArgumentException if a value is out of range or a lag or window repeats
   */
  public FeatureSpec(
      int period,
      int[] lags,
      int[] windows,
      boolean seasonPosition,
      int scaleWindow,
      int exogenous) {
    if (period < 1) {
      throw new IllegalArgumentException("period must be at least 1, got " + period);
    }
    this.lags = sortedDistinct("lags", lags, 1);
    if (this.lags.length == 0) {
      throw new IllegalArgumentException("at least one lag is needed");
    }
    this.windows = sortedDistinct("windows", windows, 2);
    if (scaleWindow < 1) {
      throw new IllegalArgumentException("scaleWindow must be at least 1, got " + scaleWindow);
    }
    if (exogenous < 0) {
      throw new IllegalArgumentException("exogenous must be at least 0, got " + exogenous);
    }
    this.period = period;
    this.seasonPosition = seasonPosition && period >= 2;
    this.scaleWindow = scaleWindow;
    this.exogenous = exogenous;
  }

  /**
   * Returns the default features for season length m: lags 1 to {@code L = min(24, max(8, 2m))}
   * plus the seasonal lag m when {@code m > L}; rolling windows {4, 13, m} (those of at least 2);
   * the season position when {@code m >= 2}; scale window {@code max(m, 8)}; no exogenous column.
   * For weekly data ({@code m = 52}) that is lags 1..24 and 52, windows 4, 13 and 52, scale window
   * 52, 32 columns and a look-back of 52 periods.
   *
   * @param period the season length m in periods, at least 1
   * @return the specification
   * @throws IllegalArgumentException if {@code period < 1}
   */
  public static FeatureSpec defaults(int period) {
    if (period < 1) {
      throw new IllegalArgumentException("period must be at least 1, got " + period);
    }
    int maxLag = Math.min(24, Math.max(8, 2 * period));
    TreeSet<Integer> lags = new TreeSet<>();
    for (int l = 1; l <= maxLag; l++) {
      lags.add(l);
    }
    lags.add(period);
    TreeSet<Integer> windows = new TreeSet<>(List.of(4, 13));
    if (period >= 2) {
      windows.add(period);
    }
    return new FeatureSpec(
        period,
        lags.stream().mapToInt(Integer::intValue).toArray(),
        windows.stream().mapToInt(Integer::intValue).toArray(),
        true,
        Math.max(period, 8),
        0);
  }

  /**
   * Returns a copy with another number of exogenous columns.
   *
   * @param columns the number of exogenous columns, at least 0
   * @return the specification
   * @throws IllegalArgumentException if {@code columns < 0}
   */
  public FeatureSpec withExogenous(int columns) {
    return new FeatureSpec(period, lags, windows, seasonPosition, scaleWindow, columns);
  }

  /**
   * Returns the season length.
   *
   * @return m, at least 1
   */
  public int period() {
    return period;
  }

  /**
   * Returns the lags.
   *
   * @return a copy, ascending
   */
  public int[] lags() {
    return lags.clone();
  }

  /**
   * Returns the rolling-window lengths.
   *
   * @return a copy, ascending, possibly empty
   */
  public int[] windows() {
    return windows.clone();
  }

  /**
   * Returns whether the sin/cos season position is a feature.
   *
   * @return true only when it was asked for and {@code m >= 2}
   */
  public boolean seasonPosition() {
    return seasonPosition;
  }

  /**
   * Returns the scale window length W.
   *
   * @return W in periods, at least 1
   */
  public int scaleWindow() {
    return scaleWindow;
  }

  /**
   * Returns the number of exogenous columns.
   *
   * @return at least 0
   */
  public int exogenous() {
    return exogenous;
  }

  /**
   * Returns how many values before an origin the features read: the largest lag, window and scale
   * window.
   *
   * @return the look-back in periods, at least 1
   */
  public int lookback() {
    int lookback = Math.max(lags[lags.length - 1], scaleWindow);
    if (windows.length > 0) {
      lookback = Math.max(lookback, windows[windows.length - 1]);
    }
    return lookback;
  }

  /**
   * Returns the number of feature columns.
   *
   * @return lags + 2 x windows (1 for a window as long as the scale window) + (2 for the season
   *     position) + exogenous
   */
  public int width() {
    int width = lags.length + 2 * windows.length + (seasonPosition ? 2 : 0) + exogenous;
    for (int w : windows) {
      if (w == scaleWindow) {
        width--;
      }
    }
    return width;
  }

  /**
   * Returns the column names, in column order.
   *
   * @return a new array of length {@link #width()}
   */
  public String[] names() {
    List<String> names = new ArrayList<>();
    for (int lag : lags) {
      names.add("lag" + lag);
    }
    for (int w : windows) {
      if (w != scaleWindow) {
        names.add("mean" + w);
      }
      names.add("sd" + w);
    }
    if (seasonPosition) {
      names.add("season_sin");
      names.add("season_cos");
    }
    for (int j = 0; j < exogenous; j++) {
      names.add("exo" + j);
    }
    return names.toArray(new String[0]);
  }

  /**
   * Writes the features of origin {@code t} into {@code row} and returns the scale.
   *
   * @param y values, of which {@code y[t - lookback()..t-1]} (and, for the scale fallback, {@code
   *     y[0..t-1]}) are read
   * @param t the origin, at least {@link #lookback()}
   * @param exogenous rows of exogenous values, row {@code t} read; null when there are none
   * @param row output of length at least {@link #width()}
   * @return the scale s, positive
   */
  double fill(double[] y, int t, double[][] exogenous, double[] row) {
    double s = scale(y, t);
    double inverse = 1.0 / s;
    int c = 0;
    for (int lag : lags) {
      row[c++] = y[t - lag] * inverse;
    }
    for (int w : windows) {
      double sum = 0.0;
      for (int i = t - w; i < t; i++) {
        sum += y[i];
      }
      double mean = sum / w;
      double squares = 0.0;
      for (int i = t - w; i < t; i++) {
        double d = y[i] - mean;
        squares += d * d;
      }
      if (w != scaleWindow) {
        row[c++] = mean * inverse;
      }
      row[c++] = Math.sqrt(squares / w) * inverse;
    }
    if (seasonPosition) {
      double angle = 2.0 * Math.PI * (t % period) / period;
      row[c++] = Math.sin(angle);
      row[c++] = Math.cos(angle);
    }
    for (int j = 0; j < this.exogenous; j++) {
      row[c++] = exogenous[t][j];
    }
    return s;
  }

  /** The scale of origin t: mean |y| over the scale window, else over y[0..t-1], else 1. */
  double scale(double[] y, int t) {
    double sum = 0.0;
    for (int i = t - scaleWindow; i < t; i++) {
      sum += Math.abs(y[i]);
    }
    if (sum > 0.0) {
      return sum / scaleWindow;
    }
    for (int i = 0; i < t - scaleWindow; i++) {
      sum += Math.abs(y[i]);
    }
    return sum > 0.0 ? sum / t : 1.0;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "m=%d, lags=%s, windows=%s, season=%s, scale_window=%d, exogenous=%d",
        period,
        compact(lags),
        Arrays.toString(windows),
        seasonPosition ? "sin/cos" : "none",
        scaleWindow,
        exogenous);
  }

  /** "1..24+52" style list of lags. */
  private static String compact(int[] values) {
    List<String> parts = new ArrayList<>();
    int i = 0;
    while (i < values.length) {
      int j = i;
      while (j + 1 < values.length && values[j + 1] == values[j] + 1) {
        j++;
      }
      parts.add(j > i + 1 ? values[i] + ".." + values[j] : joinRange(values, i, j));
      i = j + 1;
    }
    return String.join("+", parts);
  }

  private static String joinRange(int[] values, int from, int to) {
    return Arrays.stream(values, from, to + 1)
        .mapToObj(Integer::toString)
        .collect(Collectors.joining("+"));
  }

  private static int[] sortedDistinct(String what, int[] values, int min) {
    if (values == null) {
      throw new IllegalArgumentException(what + " is null");
    }
    int[] sorted = values.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      if (sorted[i] < min) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "every element of %s must be at least %d, got %d", what, min, sorted[i]));
      }
      if (i > 0 && sorted[i] == sorted[i - 1]) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "%s repeats %d: %s", what, sorted[i], Arrays.toString(values)));
      }
    }
    return sorted;
  }
}
