package io.demandcast.forecasting.models;

import static io.demandcast.forecasting.models.EtsModel.ADDITIVE;
import static io.demandcast.forecasting.models.EtsModel.NONE;

/**
 * Starting values of the initial ETS states, as R's {@code forecast:::initstate} (Hyndman et al.
 * 2008, section 2.6.1, with R's choices): seasonal components from a classical decomposition of the
 * whole series ({@code decompose}) when there are at least three seasons, otherwise from a
 * regression on a linear trend and one Fourier pair; level and trend from the first {@code max(10,
 * 2m)} seasonally adjusted observations. The optimiser then moves them jointly with the smoothing
 * parameters.
 */
final class EtsInitialStates {

  private EtsInitialStates() {}

  /**
   * Returns the starting values of the free initial states {@code (l, [b], [s_0..s_{m-2}])}, or
   * null when a seasonal form has fewer than 4 observations.
   */
  static double[] of(EtsModel model, double[] y) {
    int n = y.length;
    int m = model.m;
    double[] adjusted = y;
    double[] seasonStates = new double[0];
    if (model.season != NONE) {
      if (n < 4) {
        return null;
      }
      boolean additive = model.season == ADDITIVE;
      double[] seasonal = n < 3 * m ? fourierSeasonal(y, m, additive) : decompose(y, m, additive);
      if (seasonal == null) {
        return null;
      }
      seasonStates = new double[m - 1];
      for (int k = 0; k < m - 1; k++) {
        seasonStates[k] = seasonal[m - 1 - k];
      }
      adjusted = new double[n];
      if (additive) {
        for (int t = 0; t < n; t++) {
          adjusted[t] = y[t] - seasonal[t];
        }
      } else {
        double sum = 0.0;
        for (int k = 0; k < m - 1; k++) {
          seasonStates[k] = Math.max(seasonStates[k], 0.01);
          sum += seasonStates[k];
        }
        if (sum > m) {
          double divisor = sum + 0.01 * (m - 1);
          for (int k = 0; k < m - 1; k++) {
            seasonStates[k] /= divisor;
          }
        }
        for (int t = 0; t < n; t++) {
          adjusted[t] = y[t] / Math.max(seasonal[t], 0.01);
        }
      }
    }
    int maxn = Math.min(Math.max(10, 2 * m), n);
    double[] levelTrend;
    if (model.trend == NONE) {
      double sum = 0.0;
      for (int t = 0; t < maxn; t++) {
        sum += adjusted[t];
      }
      levelTrend = new double[] {sum / maxn};
    } else {
      double[] line = lineOnIndex(adjusted, maxn);
      double a = line[0];
      double b = line[1];
      double l0;
      double b0;
      if (model.trend == ADDITIVE) {
        l0 = a;
        b0 = b;
        if (Math.abs(l0 + b0) < 1.0e-8) {
          l0 *= 1.001;
          b0 *= 0.999;
        }
      } else {
        l0 = a + b;
        if (Math.abs(l0) < 1.0e-8) {
          l0 = 1.0e-7;
        }
        b0 = (a + 2.0 * b) / l0;
        l0 = l0 / b0;
        if (Math.abs(b0) > 1.0e10) {
          b0 = Math.signum(b0) * 1.0e10;
        }
        if (l0 < 1.0e-8 || b0 < 1.0e-8) {
          l0 = Math.max(adjusted[0], 1.0e-3);
          b0 = Math.max(adjusted[1] / adjusted[0], 1.0e-3);
        }
      }
      levelTrend = new double[] {l0, b0};
    }
    double[] out = new double[levelTrend.length + seasonStates.length];
    System.arraycopy(levelTrend, 0, out, 0, levelTrend.length);
    System.arraycopy(seasonStates, 0, out, levelTrend.length, seasonStates.length);
    return out;
  }

  /** Intercept and slope of the least-squares line through {@code (t, y[t-1])}, t = 1..count. */
  private static double[] lineOnIndex(double[] y, int count) {
    double meanT = (count + 1) / 2.0;
    double meanY = 0.0;
    for (int t = 0; t < count; t++) {
      meanY += y[t];
    }
    meanY /= count;
    double sxy = 0.0;
    double sxx = 0.0;
    for (int t = 0; t < count; t++) {
      double dt = t + 1 - meanT;
      sxy += dt * (y[t] - meanY);
      sxx += dt * dt;
    }
    double slope = sxx == 0.0 ? 0.0 : sxy / sxx;
    return new double[] {meanY - slope * meanT, slope};
  }

  /**
   * R's {@code decompose}: seasonal component of a classical decomposition, {@code figure[t mod
   * m]}, from a centred moving average of order m (2 x m when m is even).
   */
  static double[] decompose(double[] y, int m, boolean additive) {
    int n = y.length;
    int half = m / 2;
    double[] figureSum = new double[m];
    int[] figureCount = new int[m];
    for (int t = half; t < n - half; t++) {
      double trend;
      if (m % 2 == 0) {
        double sum = 0.5 * (y[t - half] + y[t + half]);
        for (int j = t - half + 1; j < t + half; j++) {
          sum += y[j];
        }
        trend = sum / m;
      } else {
        double sum = 0.0;
        for (int j = t - half; j <= t + half; j++) {
          sum += y[j];
        }
        trend = sum / m;
      }
      double detrended = additive ? y[t] - trend : y[t] / trend;
      figureSum[t % m] += detrended;
      figureCount[t % m]++;
    }
    double[] figure = new double[m];
    double mean = 0.0;
    for (int i = 0; i < m; i++) {
      figure[i] = figureSum[i] / figureCount[i];
      mean += figure[i] / m;
    }
    double[] seasonal = new double[n];
    for (int t = 0; t < n; t++) {
      seasonal[t] = additive ? figure[t % m] - mean : figure[t % m] / mean;
    }
    for (double s : seasonal) {
      if (!Double.isFinite(s)) {
        return null;
      }
    }
    return seasonal;
  }

  /**
   * R's start values for fewer than three seasons: the series less (or divided by) the trend line
   * of a regression on {@code t}, {@code sin(2 pi t / m)} and {@code cos(2 pi t / m)}, t = 1..n
   * (no sine when m = 2).
   */
  private static double[] fourierSeasonal(double[] y, int m, boolean additive) {
    int n = y.length;
    int columns = m == 2 ? 3 : 4;
    double[][] x = new double[n][columns];
    for (int t = 0; t < n; t++) {
      double angle = 2.0 * Math.PI * (t + 1) / m;
      x[t][0] = 1.0;
      x[t][1] = t + 1;
      if (m == 2) {
        x[t][2] = Math.cos(angle);
      } else {
        x[t][2] = Math.sin(angle);
        x[t][3] = Math.cos(angle);
      }
    }
    double[] coef = leastSquares(x, y);
    if (coef == null) {
      return null;
    }
    double[] seasonal = new double[n];
    for (int t = 0; t < n; t++) {
      double trend = coef[0] + coef[1] * (t + 1);
      seasonal[t] = additive ? y[t] - trend : y[t] / trend;
    }
    return seasonal;
  }

  /** Ordinary least squares by the normal equations (at most 4 columns); null if singular. */
  private static double[] leastSquares(double[][] x, double[] y) {
    int p = x[0].length;
    double[][] a = new double[p][p + 1];
    for (int t = 0; t < y.length; t++) {
      for (int i = 0; i < p; i++) {
        for (int j = 0; j < p; j++) {
          a[i][j] += x[t][i] * x[t][j];
        }
        a[i][p] += x[t][i] * y[t];
      }
    }
    for (int col = 0; col < p; col++) {
      int pivot = col;
      for (int r = col + 1; r < p; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      double[] tmp = a[col];
      a[col] = a[pivot];
      a[pivot] = tmp;
      if (Math.abs(a[col][col]) < 1.0e-12 * Math.max(1.0, Math.abs(a[0][0]))) {
        return null;
      }
      for (int r = 0; r < p; r++) {
        if (r != col) {
          double factor = a[r][col] / a[col][col];
          for (int c = col; c <= p; c++) {
            a[r][c] -= factor * a[col][c];
          }
        }
      }
    }
    double[] coef = new double[p];
    for (int i = 0; i < p; i++) {
      coef[i] = a[i][p] / a[i][i];
    }
    return coef;
  }
}
