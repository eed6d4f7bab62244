package io.demandcast.forecasting.models;

/**
 * Friedman's super smoother of a series against time, with the automatic (cross-validated) span
 * and no bass enhancement: R's {@code stats::supsmu(seq_along(y), y)}, which R's {@code
 * forecast::mstl} uses as the trend of a series without seasonal periods.
 *
 * <p>The algorithm of J. H. Friedman, "A variable span smoother", Technical Report LCS 5,
 * Department of Statistics, Stanford University, 1984:
 *
 * <ul>
 *   <li>Three running-line smoothers (local least-squares lines over a symmetric window, updated
 *       as the window slides) with spans of 5 %, 20 % and 50 % of the observations (the tweeter,
 *       midrange and woofer); a window of {@code span} holds {@code 2 k + 1} points, {@code k =
 *       max(2, floor(span n / 2 + 1/2))}, and stops sliding at the ends.
 *   <li>Each smoother's absolute leave-one-out residuals {@code |y_j - s_j| / (1 - h_j)} (h the
 *       leverage of point j in its window) are smoothed by the midrange smoother; at each point
 *       the span with the smallest smoothed residual is chosen.
 *   <li>The chosen spans are smoothed by the midrange smoother, clipped to [5 %, 50 %], and the
 *       smooth at each point is interpolated linearly in the span between the two neighbouring
 *       smoothers' values; the result is smoothed once more by the tweeter.
 * </ul>
 *
 * <p>Details as in R's implementation: the spans and the slope-stabilising constant (a line's
 * slope is taken as 0 when the window's sum of squared abscissa deviations is not above {@code
 * (0.001 scale)²}, scale the interquartile distance of the abscissae) are single-precision
 * constants widened to double ({@code 0.05f}, {@code 0.2f}, {@code 0.001f}). Below 5 points, where
 * R's windows would reach past the data, the window is the whole series (R's results there are
 * the least-squares line, which this reproduces).
 *
 * <p>Stateless and thread-safe.
 */
final class SuperSmoother {
  private static final double TWEETER = 0.05f;
  private static final double MIDRANGE = 0.2f;
  private static final double WOOFER = 0.5;
  private static final double[] SPANS = {TWEETER, MIDRANGE, WOOFER};
  private static final double BIG = 1.0e20f;
  private static final double EPS = 1.0e-3f;

  private SuperSmoother() {}

  /**
   * Smooths a series observed at times 1, 2, ..., n.
   *
   * @param y the series, oldest first, finite, at least one value; not mutated
   * @return the smooth, one value per observation, in the units of {@code y}
   * @throws IllegalArgumentException if {@code y} is empty
   */
  static double[] smooth(double[] y) {
    int n = y.length;
    if (n == 0) {
      throw new IllegalArgumentException("supsmu: empty series");
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i + 1.0;
    }
    if (n == 1) {
      return y.clone();
    }
    // scale: the distance between the first and third quartile positions, widened until positive
    int lo = Math.max(1, n / 4);
    int hi = Math.max(3 * (n / 4), lo);
    double scale = x[hi - 1] - x[lo - 1];
    while (scale <= 0.0) {
      if (hi < n) {
        hi++;
      }
      if (lo > 1) {
        lo--;
      }
      scale = x[hi - 1] - x[lo - 1];
    }
    double minVariance = (EPS * scale) * (EPS * scale);

    double[][] smooths = new double[3][];
    double[][] residuals = new double[3][];
    for (int k = 0; k < 3; k++) {
      double[] cv = new double[n];
      smooths[k] = runningLines(x, y, SPANS[k], minVariance, cv);
      residuals[k] = runningLines(x, cv, MIDRANGE, minVariance, null);
    }
    double[] bestSpan = new double[n];
    for (int j = 0; j < n; j++) {
      double least = BIG;
      for (int k = 0; k < 3; k++) {
        if (residuals[k][j] < least) {
          least = residuals[k][j];
          bestSpan[j] = SPANS[k];
        }
      }
    }
    double[] span = runningLines(x, bestSpan, MIDRANGE, minVariance, null);
    double[] blended = new double[n];
    for (int j = 0; j < n; j++) {
      double s = Math.min(Math.max(span[j], TWEETER), WOOFER);
      double f = s - MIDRANGE;
      if (f >= 0.0) {
        f = f / (WOOFER - MIDRANGE);
        blended[j] = (1.0 - f) * smooths[1][j] + f * smooths[2][j];
      } else {
        f = -f / (MIDRANGE - TWEETER);
        blended[j] = (1.0 - f) * smooths[1][j] + f * smooths[0][j];
      }
    }
    return runningLines(x, blended, TWEETER, minVariance, null);
  }

  /**
   * One running-lines smoother: at each point the least-squares line of the points in a window of
   * {@code 2 k + 1} around it (shifted inwards at the ends), evaluated at the point.
   *
   * @param x abscissae, strictly increasing
   * @param y ordinates
   * @param span fraction of the points in a window
   * @param minVariance a window's sum of squared abscissa deviations at or below which its slope
   *     is taken as 0
   * @param crossValidated if not null, receives each point's absolute leave-one-out residual
   * @return the smooth
   */
  private static double[] runningLines(
      double[] x, double[] y, double span, double minVariance, double[] crossValidated) {
    int n = x.length;
    int half = Math.max(2, (int) (0.5 * span * n + 0.5));
    int initial = Math.min(2 * half + 1, n);
    Window w = new Window();
    for (int i = 0; i < initial; i++) {
      w.add(x[i], y[i]);
    }
    double[] smooth = new double[n];
    for (int j = 0; j < n; j++) {
      int leaving = j - half - 1;
      int entering = j + half;
      if (leaving >= 0 && entering < n) {
        w.remove(x[leaving], y[leaving]);
        w.add(x[entering], y[entering]);
      }
      double slope = w.sxx > minVariance ? w.sxy / w.sxx : 0.0;
      double dx = x[j] - w.meanX;
      smooth[j] = slope * dx + w.meanY;
      if (crossValidated != null) {
        double leverage = w.count > 0 ? 1.0 / w.count : 0.0;
        if (w.sxx > minVariance) {
          leverage += dx * dx / w.sxx;
        }
        double denominator = 1.0 - leverage;
        if (denominator > 0.0) {
          crossValidated[j] = Math.abs(y[j] - smooth[j]) / denominator;
        } else {
          crossValidated[j] = j > 0 ? crossValidated[j - 1] : 0.0;
        }
      }
    }
    return smooth;
  }

  /** Means and centred sums of squares and products of the points in a window, updated. */
  private static final class Window {
    double count;
    double meanX;
    double meanY;
    double sxx;
    double sxy;

    void add(double x, double y) {
      double before = count;
      count = before + 1.0;
      meanX = (before * meanX + x) / count;
      meanY = (before * meanY + y) / count;
      if (before > 0.0) {
        double t = count * (x - meanX) / before;
        sxx += t * (x - meanX);
        sxy += t * (y - meanY);
      }
    }

    void remove(double x, double y) {
      double before = count;
      count = before - 1.0;
      if (count > 0.0) {
        double t = before * (x - meanX) / count;
        sxx -= t * (x - meanX);
        sxy -= t * (y - meanY);
        meanX = (before * meanX - x) / count;
        meanY = (before * meanY - y) / count;
      }
    }
  }
}
