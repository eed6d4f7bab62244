package io.demandcast.forecasting.models;

/**
 * STL: Seasonal-Trend decomposition by Loess, {@code y = seasonal + trend + remainder}.
 *
 * <p>The algorithm of R. B. Cleveland, W. S. Cleveland, J. E. McRae and I. Terpenning, "STL: A
 * Seasonal-Trend Decomposition Procedure Based on Loess", Journal of Official Statistics 6(1),
 * 1990, pp. 3-73, with the defaults and the details of R's {@code stats::stl}:
 *
 * <ul>
 *   <li><b>Inner loop</b>, {@code n_i} passes: detrend ({@code y - trend}); smooth each
 *       cycle-subseries by loess of span {@code n_s} and degree {@code s.degree}, extended by one
 *       value at each end; low-pass filter the result by moving averages of length m, m and 3
 *       followed by a loess of span {@code n_l}; the seasonal component is the smoothed
 *       cycle-subseries minus the low-pass; deseasonalise and smooth by loess of span {@code n_t}
 *       to get the trend.
 *   <li><b>Outer loop</b>, {@code n_o} passes after the first: robustness weights {@code B(|r| /
 *       (6 median|r|))} with the bisquare {@code B(u) = (1 - u²)²} on the remainder, used by the
 *       next inner loop.
 *   <li>Loess fits are evaluated every {@code jump} points and linearly interpolated between, as
 *       R does; the tricube weights and the degree-1 correction follow R's {@code stl.f}.
 *   <li>Defaults (R): {@code n_l} = the smallest odd integer {@code >= m}; {@code n_t} = the
 *       smallest odd integer {@code >= 1.5 m / (1 - 1.5 / n_s)}; jumps {@code ceil(span / 10)};
 *       {@code n_i = 2, n_o = 0} without robustness, {@code n_i = 1, n_o = 15} with it; even spans
 *       are increased by one, spans below 3 are raised to 3.
 *   <li><b>Periodic</b> ({@code s.window = "periodic"} in R): the subseries span is {@code 10 n +
 *       1} with degree 0, and the seasonal component is replaced by its mean at each position of
 *       the cycle, so it repeats exactly.
 * </ul>
 *
 * <p>Checked against R: {@code s.window = 11} without robustness (what R's {@code stlf} uses)
 * agrees with R's {@code stl} within 1e-6 of the series' scale ({@code StlTest}, reference values
 * in {@code stl.csv}, which also holds R's periodic robust decomposition). Periodic with robustness
 * does not agree yet: on USAccDeaths it agrees through four robustness passes and then
 * drifts (a trend value of 9871.6 against R's 9823.2); R's median of the absolute remainders uses a
 * partial sort whose order for an even length is not yet reproduced here.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Stl implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final int period;
  private final double frequency;
  private final boolean periodic;
  private final int seasonalWindow;
  private final int seasonalDegree;
  private final Integer trendWindow;
  private final int trendDegree;
  private final boolean robust;

  private Stl(
      double frequency,
      boolean periodic,
      int seasonalWindow,
      int seasonalDegree,
      Integer trendWindow,
      int trendDegree,
      boolean robust) {
    if (!(frequency >= 2) || Double.isInfinite(frequency)) {
      throw new IllegalArgumentException("STL: period must be at least 2, got " + frequency);
    }
    if (!periodic && seasonalWindow < 1) {
      throw new IllegalArgumentException(
          "STL: seasonal window must be at least 1, got " + seasonalWindow);
    }
    if (trendWindow != null && trendWindow < 1) {
      throw new IllegalArgumentException("STL: trend window must be at least 1, got " + trendWindow);
    }
    this.period = (int) frequency;
    this.frequency = frequency;
    this.periodic = periodic;
    this.seasonalWindow = seasonalWindow;
    this.seasonalDegree = seasonalDegree;
    this.trendWindow = trendWindow;
    this.trendDegree = trendDegree;
    this.robust = robust;
  }

  /**
   * STL with a periodic seasonal component, as R's {@code stl(x, s.window = "periodic", robust =
   * robust)}.
   *
   * @param period the season length m in periods, at least 2
   * @param robust whether to run the outer robustness loop (R's {@code robust})
   * @return the decomposition method
   * @throws IllegalArgumentException if {@code period < 2}
   */
  public static Stl periodic(int period, boolean robust) {
    return new Stl(period, true, 0, 0, null, 1, robust);
  }

  /**
   * STL with a seasonal loess span, degree 0, and R's default trend span, as R's {@code stl(x,
   * s.window = seasonalWindow, robust = robust)}.
   *
   * @param period the season length m in periods, at least 2
   * @param seasonalWindow the span n_s of the cycle-subseries loess in cycles (odd; an even value
   *     is increased by one), at least 1
   * @param robust whether to run the outer robustness loop (R's {@code robust})
   * @return the decomposition method
   * @throws IllegalArgumentException if {@code period < 2} or {@code seasonalWindow < 1}
   */
  public static Stl withSeasonalWindow(int period, int seasonalWindow, boolean robust) {
    return new Stl(period, false, seasonalWindow, 0, null, 1, robust);
  }

  /**
   * The decomposition {@code stlf} uses: R's {@code forecast::mstl} default {@code s.window = 11}
   * (the first of {@code 7 + 4 * seq(6)}), not robust.
   *
   * @param period the season length m in periods, at least 2
   * @return the decomposition method
   * @throws IllegalArgumentException if {@code period < 2}
   */
  public static Stl forStlf(int period) {
    return withSeasonalWindow(period, 11, false);
  }

  /**
   * STL of a series with a possibly fractional number of periods per cycle, as R's {@code
   * stl(ts(x, frequency = frequency), s.window = seasonalWindow)}, which is what R's {@code
   * forecast::mstl} runs for each period of an {@code msts} series (365.25 for days in a year).
   * As in R, the cycle-subseries are those of the whole part of the frequency ({@code
   * as.integer}: 365 for 365.25), while the default trend span {@code nextodd(ceiling(1.5 f / (1
   * - 1.5 / n_s)))} and low-pass span {@code nextodd(f)} use the frequency f itself, and a series
   * needs more than {@code 2 f} values. A whole frequency gives {@link #withSeasonalWindow}.
   *
   * @param frequency periods per seasonal cycle f, finite, at least 2 (for example 7, 168 or
   *     365.25)
   * @param seasonalWindow the span n_s of the cycle-subseries loess in cycles, at least 1
   * @param robust whether to run the outer robustness loop (R's {@code robust})
   * @return the decomposition method
   * @throws IllegalArgumentException if {@code frequency} is below 2 or not finite, or {@code
   *     seasonalWindow < 1}
   */
  public static Stl withFrequency(double frequency, int seasonalWindow, boolean robust) {
    return new Stl(frequency, false, seasonalWindow, 0, null, 1, robust);
  }

  /**
   * Returns the season length: the number of cycle-subseries.
   *
   * @return m, at least 2; the whole part of the frequency of {@link #withFrequency}
   */
  public int period() {
    return period;
  }

  /** The three components, each of the series' length, in the series' units. */
  public static final class Decomposition {
    private final double[] seasonal;
    private final double[] trend;
    private final double[] remainder;

    Decomposition(double[] seasonal, double[] trend, double[] remainder) {
      this.seasonal = seasonal;
      this.trend = trend;
      this.remainder = remainder;
    }

    /**
     * Returns the seasonal component.
     *
     * @return a new array, one value per period of the series, oldest first
     */
    public double[] seasonal() {
      return seasonal.clone();
    }

    /**
     * Returns the trend(-cycle) component.
     *
     * @return a new array, one value per period of the series, oldest first
     */
    public double[] trend() {
      return trend.clone();
    }

    /**
     * Returns the remainder {@code y - seasonal - trend}.
     *
     * @return a new array, one value per period of the series, oldest first
     */
    public double[] remainder() {
      return remainder.clone();
    }

    /**
     * Returns the seasonally adjusted series {@code y - seasonal}.
     *
     * @return a new array, one value per period of the series, oldest first
     */
    public double[] seasonallyAdjusted() {
      double[] out = new double[trend.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = trend[i] + remainder[i];
      }
      return out;
    }
  }

  /**
   * Decomposes a series.
   *
   * @param series one value per period (any units), oldest first, all finite, longer than two
   *     periods ({@code length > 2 m}, as R requires); not mutated
   * @return seasonal, trend and remainder arrays of the series' length, in the series' units
   * @throws IllegalArgumentException if {@code series} is null, has {@code 2 m} values or fewer, or
   *     contains a NaN or infinite value
   */
  public Decomposition decompose(double[] series) {
    if (series == null) {
      throw new IllegalArgumentException("STL: series is null");
    }
    int n = series.length;
    if (n <= 2 * frequency) {
      throw new IllegalArgumentException(
          String.format(
              "STL: series of length %d has not more than two periods (m = %s)",
              n, frequencyText()));
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(series[i])) {
        throw new IllegalArgumentException(
            String.format("STL: non-finite value %s at index %d (length %d)", series[i], i, n));
      }
    }
    double[] y = series.clone();
    int ns = periodic ? 10 * n + 1 : seasonalWindow;
    int sDeg = periodic ? 0 : seasonalDegree;
    int nt =
        trendWindow != null ? trendWindow : nextOdd(Math.ceil(1.5 * frequency / (1 - 1.5 / ns)));
    int nl = nextOdd(frequency);
    int ni = robust ? 1 : 2;
    int no = robust ? 15 : 0;
    int sJump = (int) Math.ceil(ns / 10.0);
    int tJump = (int) Math.ceil(nt / 10.0);
    int lJump = (int) Math.ceil(nl / 10.0);
    double[] seasonal = new double[n];
    double[] trend = new double[n];
    run(y, period, ns, nt, nl, sDeg, trendDegree, trendDegree, sJump, tJump, lJump, ni, no,
        seasonal, trend);
    if (periodic) {
      double[] mean = new double[period];
      int[] count = new int[period];
      for (int i = 0; i < n; i++) {
        mean[i % period] += seasonal[i];
        count[i % period]++;
      }
      for (int i = 0; i < n; i++) {
        seasonal[i] = mean[i % period] / count[i % period];
      }
    }
    double[] remainder = new double[n];
    for (int i = 0; i < n; i++) {
      remainder[i] = y[i] - seasonal[i] - trend[i];
    }
    return new Decomposition(seasonal, trend, remainder);
  }

  /** R's {@code nextodd}: round, then add one if even. */
  static int nextOdd(double x) {
    long r = Math.round(x);
    if (r % 2 == 0) {
      r++;
    }
    return (int) r;
  }

  @Override
  public String toString() {
    return "stl(m=" + frequencyText() + ", s.window=" + (periodic ? "periodic" : seasonalWindow)
        + ", robust=" + robust + ")";
  }

  /** The frequency as R prints it: {@code 7}, {@code 365.25}. */
  private String frequencyText() {
    return frequency == period ? Integer.toString(period) : Double.toString(frequency);
  }

  // ---------------------------------------------------------------------------------------------
  // The algorithm. Arrays are 0-based; loess abscissae are 1-based positions as in the paper.

  private static void run(
      double[] y, int np, int ns, int nt, int nl, int isdeg, int itdeg, int ildeg,
      int nsjump, int ntjump, int nljump, int ni, int no, double[] season, double[] trend) {
    int n = y.length;
    ns = Math.max(3, ns);
    nt = Math.max(3, nt);
    nl = Math.max(3, nl);
    if (ns % 2 == 0) {
      ns++;
    }
    if (nt % 2 == 0) {
      nt++;
    }
    if (nl % 2 == 0) {
      nl++;
    }
    double[] rw = new double[n];
    boolean userw = false;
    java.util.Arrays.fill(trend, 0.0);
    int k = 0;
    while (true) {
      innerLoop(y, np, ns, nt, nl, isdeg, itdeg, ildeg, nsjump, ntjump, nljump, ni, userw, rw,
          season, trend);
      k++;
      if (k > no) {
        break;
      }
      double[] fit = new double[n];
      for (int i = 0; i < n; i++) {
        fit[i] = trend[i] + season[i];
      }
      robustnessWeights(y, fit, rw);
      userw = true;
    }
  }

  private static void innerLoop(
      double[] y, int np, int ns, int nt, int nl, int isdeg, int itdeg, int ildeg,
      int nsjump, int ntjump, int nljump, int ni, boolean userw, double[] rw,
      double[] season, double[] trend) {
    int n = y.length;
    double[] detrended = new double[n];
    double[] cycle = new double[n + 2 * np];
    for (int j = 0; j < ni; j++) {
      for (int i = 0; i < n; i++) {
        detrended[i] = y[i] - trend[i];
      }
      subseriesSmooth(detrended, np, ns, isdeg, nsjump, userw, rw, cycle);
      double[] filtered = lowPassFilter(cycle, np);
      double[] lp = new double[n];
      loess(filtered, n, nl, ildeg, nljump, false, null, lp);
      for (int i = 0; i < n; i++) {
        season[i] = cycle[np + i] - lp[i];
      }
      double[] deseasonalized = new double[n];
      for (int i = 0; i < n; i++) {
        deseasonalized[i] = y[i] - season[i];
      }
      loess(deseasonalized, n, nt, itdeg, ntjump, userw, rw, trend);
    }
  }

  /** Bisquare robustness weights on |y - fit| scaled by 6 median |y - fit| (R's stlrwt). */
  private static void robustnessWeights(double[] y, double[] fit, double[] rw) {
    int n = y.length;
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = Math.abs(y[i] - fit[i]);
    }
    double[] sorted = r.clone();
    java.util.Arrays.sort(sorted);
    int mid1 = n / 2; // 1-based n/2+1
    int mid2 = n - (n / 2 + 1); // 1-based n - mid1 + 1
    double cmad = 3.0 * (sorted[mid1] + sorted[mid2]);
    double c9 = 0.999 * cmad;
    double c1 = 0.001 * cmad;
    for (int i = 0; i < n; i++) {
      if (r[i] <= c1) {
        rw[i] = 1.0;
      } else if (r[i] <= c9) {
        double u = r[i] / cmad;
        rw[i] = (1.0 - u * u) * (1.0 - u * u);
      } else {
        rw[i] = 0.0;
      }
    }
  }

  /**
   * Smooths each cycle-subseries by loess and extends it by one value at each end (R's stlss).
   * Output {@code season} has length n + 2 np: position {@code (m) * np + j} holds the m-th
   * (0-based, the first being the backcast) value of subseries j.
   */
  private static void subseriesSmooth(
      double[] y, int np, int ns, int isdeg, int nsjump, boolean userw, double[] rw,
      double[] season) {
    int n = y.length;
    for (int j = 0; j < np; j++) {
      int k = (n - j - 1) / np + 1;
      double[] sub = new double[k];
      double[] subW = new double[k];
      for (int i = 0; i < k; i++) {
        sub[i] = y[i * np + j];
        if (userw) {
          subW[i] = rw[i * np + j];
        }
      }
      double[] smooth = new double[k + 2];
      double[] inner = new double[k];
      loess(sub, k, ns, isdeg, nsjump, userw, subW, inner);
      System.arraycopy(inner, 0, smooth, 1, k);
      int nright = Math.min(ns, k);
      double[] w = new double[k];
      double v = estimate(sub, k, ns, isdeg, 0.0, 1, nright, w, userw, subW);
      smooth[0] = Double.isNaN(v) ? smooth[1] : v;
      int nleft = Math.max(1, k - ns + 1);
      v = estimate(sub, k, ns, isdeg, k + 1.0, nleft, k, w, userw, subW);
      smooth[k + 1] = Double.isNaN(v) ? smooth[k] : v;
      for (int m = 0; m < k + 2; m++) {
        season[m * np + j] = smooth[m];
      }
    }
  }

  /** Moving averages of length np, np and 3 (R's stlfts): n + 2 np values in, n out. */
  private static double[] lowPassFilter(double[] x, int np) {
    double[] a = movingAverage(x, x.length, np);
    double[] b = movingAverage(a, a.length, np);
    return movingAverage(b, b.length, 3);
  }

  private static double[] movingAverage(double[] x, int n, int len) {
    int newn = n - len + 1;
    double[] ave = new double[newn];
    double flen = len;
    double v = 0.0;
    for (int i = 0; i < len; i++) {
      v += x[i];
    }
    ave[0] = v / flen;
    if (newn > 1) {
      int k = len;
      int m = 0;
      for (int j = 1; j < newn; j++) {
        v = v - x[m] + x[k];
        ave[j] = v / flen;
        k++;
        m++;
      }
    }
    return ave;
  }

  /**
   * Loess of {@code y[0..n-1]} at positions 1..n with span {@code len}, evaluated every {@code
   * njump} positions and interpolated linearly between (R's stless).
   */
  private static void loess(
      double[] y, int n, int len, int ideg, int njump, boolean userw, double[] rw, double[] ys) {
    if (n < 2) {
      ys[0] = y[0];
      return;
    }
    double[] w = new double[n];
    int newnj = Math.min(njump, n - 1);
    int nleft = 0;
    int nright = 0;
    if (len >= n) {
      nleft = 1;
      nright = n;
      for (int i = 1; i <= n; i += newnj) {
        fitAt(y, n, len, ideg, i, nleft, nright, w, userw, rw, ys);
      }
    } else if (newnj == 1) {
      int nsh = (len + 1) / 2;
      nleft = 1;
      nright = len;
      for (int i = 1; i <= n; i++) {
        if (i > nsh && nright != n) {
          nleft++;
          nright++;
        }
        fitAt(y, n, len, ideg, i, nleft, nright, w, userw, rw, ys);
      }
    } else {
      int nsh = (len + 1) / 2;
      for (int i = 1; i <= n; i += newnj) {
        if (i < nsh) {
          nleft = 1;
          nright = len;
        } else if (i >= n - nsh + 1) {
          nleft = n - len + 1;
          nright = n;
        } else {
          nleft = i - nsh + 1;
          nright = len + i - nsh;
        }
        fitAt(y, n, len, ideg, i, nleft, nright, w, userw, rw, ys);
      }
    }
    if (newnj != 1) {
      for (int i = 1; i <= n - newnj; i += newnj) {
        double delta = (ys[i + newnj - 1] - ys[i - 1]) / newnj;
        for (int j = i + 1; j <= i + newnj - 1; j++) {
          ys[j - 1] = ys[i - 1] + delta * (j - i);
        }
      }
      int k = ((n - 1) / newnj) * newnj + 1;
      if (k != n) {
        fitAt(y, n, len, ideg, n, nleft, nright, w, userw, rw, ys);
        if (k != n - 1) {
          double delta = (ys[n - 1] - ys[k - 1]) / (n - k);
          for (int j = k + 1; j <= n - 1; j++) {
            ys[j - 1] = ys[k - 1] + delta * (j - k);
          }
        }
      }
    }
  }

  private static void fitAt(
      double[] y, int n, int len, int ideg, int i, int nleft, int nright, double[] w,
      boolean userw, double[] rw, double[] ys) {
    double v = estimate(y, n, len, ideg, i, nleft, nright, w, userw, rw);
    ys[i - 1] = Double.isNaN(v) ? y[i - 1] : v;
  }

  /**
   * One loess value at abscissa {@code xs} from the points nleft..nright (1-based) with tricube
   * weights, times the robustness weights if used; degree 0 or 1 (R's stlest).
   *
   * @return the fitted value, or NaN when all weights are zero
   */
  private static double estimate(
      double[] y, int n, int len, int ideg, double xs, int nleft, int nright, double[] w,
      boolean userw, double[] rw) {
    double range = n - 1.0;
    double h = Math.max(xs - nleft, nright - xs);
    if (len > n) {
      h += (len - n) / 2; // integer division, as in stl.f
    }
    double h9 = 0.999 * h;
    double h1 = 0.001 * h;
    double a = 0.0;
    for (int j = nleft; j <= nright; j++) {
      w[j - 1] = 0.0;
      double r = Math.abs(j - xs);
      if (r <= h9) {
        if (r <= h1) {
          w[j - 1] = 1.0;
        } else {
          double q = r / h;
          q = 1.0 - q * q * q;
          w[j - 1] = q * q * q;
        }
        if (userw) {
          w[j - 1] = rw[j - 1] * w[j - 1];
        }
        a += w[j - 1];
      }
    }
    if (a <= 0.0) {
      return Double.NaN;
    }
    for (int j = nleft; j <= nright; j++) {
      w[j - 1] /= a;
    }
    if (h > 0.0 && ideg > 0) {
      a = 0.0;
      for (int j = nleft; j <= nright; j++) {
        a += w[j - 1] * j;
      }
      double b = xs - a;
      double c = 0.0;
      for (int j = nleft; j <= nright; j++) {
        c += w[j - 1] * (j - a) * (j - a);
      }
      if (Math.sqrt(c) > 0.001 * range) {
        b /= c;
        for (int j = nleft; j <= nright; j++) {
          w[j - 1] = w[j - 1] * (b * (j - a) + 1.0);
        }
      }
    }
    double ys = 0.0;
    for (int j = nleft; j <= nright; j++) {
      ys += w[j - 1] * y[j - 1];
    }
    return ys;
  }
}
