package io.demandcast.forecasting.models;

import io.demandcast.forecasting.FittedForecaster;
import io.demandcast.forecasting.Forecaster;
import io.demandcast.forecasting.Histories;
import io.demandcast.forecasting.ModelFitException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;

/**
 * Ridge regression of demand on its own lagged values, solved in closed form (a Cholesky solve of
 * the k × k normal equations with Hipparchus), with recursive multi-step forecasting.
 *
 * <p>For a history {@code y} of length n and lags {@code l_1..l_k} with maximum {@code L}, the
 * training rows are {@code t = L..n-1} with features {@code y[t - l_j]} and target {@code y[t]}.
 * Each feature is centred and scaled to unit (population) standard deviation, the convention of
 * Smile's {@code RidgeRegression}, and the squared
 * coefficients on that scale by {@code lambda}; the intercept is not penalised. A feature whose
 * training column is constant is dropped (coefficient 0), because it cannot be scaled; when no
 * feature is left the forecast is the mean of the training targets {@code y[L..n-1]}. Forecasts
 * beyond one period feed earlier forecasts back in as lag values (the recursive strategy).
 *
 * <p>Sources: A. E. Hoerl and R. W. Kennard, "Ridge regression: biased estimation for nonorthogonal
 * problems", Technometrics 12(1), 55-67, 1970; S. Ben Taieb, G. Bontempi, A. F. Atiya and A.
 * Sorjamaa, "A review and comparison of strategies for multi-step ahead time series forecasting
 * based on the NN5 forecasting competition", Expert Systems with Applications 39(8), 7067-7083,
 * 2012, for the recursive strategy.
 */
public final class LagRidgeRegression implements Forecaster {
  private static final long serialVersionUID = 1L;

  /** The {@link #name()} of this method. */
  public static final String NAME = "ridge_lags";

  private static final String TARGET = "demand";

  /** Lags in periods, distinct, in constructor order; never exposed. */
  private final int[] lags;

  /** Ridge penalty on standardised coefficients. */
  private final double lambda;

  /**
   * Creates the method.
   *
   * @param lags distinct lags in periods, each at least 1, in the order the coefficients are
   *     reported; copied
   * @param lambda the ridge penalty on standardised coefficients, finite and at least 0 (0 is
   *     ordinary least squares)
   * @throws IllegalArgumentException if {@code lags} is null, empty, has a lag below 1 or a
   *     duplicate, or {@code lambda} is negative or not finite
   */
  public LagRidgeRegression(int[] lags, double lambda) {
    if (lags == null || lags.length == 0) {
      throw new IllegalArgumentException(
          "lags must hold at least one lag, got " + Arrays.toString(lags));
    }
    TreeSet<Integer> seen = new TreeSet<>();
    for (int lag : lags) {
      if (lag < 1) {
        throw new IllegalArgumentException("every lag must be at least 1, got " + lag);
      }
      if (!seen.add(lag)) {
        throw new IllegalArgumentException("duplicate lag " + lag + " in " + Arrays.toString(lags));
      }
    }
    if (!(lambda >= 0.0) || !Double.isFinite(lambda)) {
      throw new IllegalArgumentException("lambda must be finite and at least 0, got " + lambda);
    }
    this.lags = lags.clone();
    this.lambda = lambda;
  }

  /**
   * Returns the method with lags {1, 2, 3, seasonalPeriod} (deduplicated, ascending) and lambda 1.
   *
   * @param seasonalPeriod the season length in periods, at least 1
   * @return the method
   * @throws IllegalArgumentException if {@code seasonalPeriod < 1}
   */
  public static LagRidgeRegression forPeriod(int seasonalPeriod) {
    if (seasonalPeriod < 1) {
      throw new IllegalArgumentException(
          "seasonalPeriod must be at least 1, got " + seasonalPeriod);
    }
    TreeSet<Integer> lags = new TreeSet<>(List.of(1, 2, 3, seasonalPeriod));
    return new LagRidgeRegression(lags.stream().mapToInt(Integer::intValue).toArray(), 1.0);
  }

  /**
   * Returns the lags.
   *
   * @return a copy of the lags in periods, in constructor order
   */
  public int[] lags() {
    return lags.clone();
  }

  /**
   * Returns the ridge penalty.
   *
   * @return lambda, at least 0
   */
  public double lambda() {
    return lambda;
  }

  /** Returns {@value #NAME}. */
  @Override
  public String name() {
    return NAME;
  }

  /**
   * Returns {@code maxLag + lags.length + 2}, so that there are at least {@code lags.length + 2}
   * training rows.
   */
  @Override
  public int minHistory() {
    return maxLag() + lags.length + 2;
  }

  /**
   * Fits the ridge regression on the lag features.
   *
   * @param history one value per period (units per period), oldest first, length at least {@link
   *     #minHistory()}; not mutated
   * @return a model whose parameters are {@code lambda}, {@code intercept} (on the original scale)
   *     and {@code lag<l>} for each lag in constructor order (0 for a dropped feature)
   * @throws IllegalArgumentException for a null, too short or non-finite history
   * @throws ModelFitException if the system is singular or the coefficients are not finite
   */
  @Override
  public FittedForecaster fit(double[] history) {
    double[] y = Histories.validatedCopy(NAME, history, minHistory());
    int maxLag = maxLag();
    int rows = y.length - maxLag;
    double[] target = Arrays.copyOfRange(y, maxLag, y.length);
    double[] weights = new double[lags.length];
    double intercept;

    // Standardise every non-constant lag column (population sd, as Smile's RidgeRegression does),
    // then solve (Xs'Xs + lambda I) w = Xs'y by Cholesky; the intercept is not penalised.
    int[] kept = new int[lags.length];
    int k = 0;
    double[][] columns = new double[lags.length][];
    double[] centers = new double[lags.length];
    double[] scales = new double[lags.length];
    for (int j = 0; j < lags.length; j++) {
      double[] column = Arrays.copyOfRange(y, maxLag - lags[j], maxLag - lags[j] + rows);
      if (isConstant(column)) {
        continue;
      }
      double center = mean(column);
      double sumSquares = 0.0;
      for (int r = 0; r < rows; r++) {
        column[r] -= center;
        sumSquares += column[r] * column[r];
      }
      double scale = Math.sqrt(sumSquares / rows);
      for (int r = 0; r < rows; r++) {
        column[r] /= scale;
      }
      centers[j] = center;
      scales[j] = scale;
      columns[k] = column;
      kept[k++] = j;
    }

    if (k == 0) {
      intercept = mean(target);
    } else {
      double[][] gram = new double[k][k];
      double[] rhs = new double[k];
      for (int a = 0; a < k; a++) {
        for (int b = 0; b <= a; b++) {
          double dot = 0.0;
          for (int r = 0; r < rows; r++) {
            dot += columns[a][r] * columns[b][r];
          }
          gram[a][b] = dot;
          gram[b][a] = dot;
        }
        gram[a][a] += lambda;
        double dot = 0.0;
        for (int r = 0; r < rows; r++) {
          dot += columns[a][r] * target[r];
        }
        rhs[a] = dot;
      }
      double[] solution;
      try {
        solution =
            new CholeskyDecomposition(MatrixUtils.createRealMatrix(gram))
                .getSolver()
                .solve(MatrixUtils.createRealVector(rhs))
                .toArray();
      } catch (MathRuntimeException e) {
        throw new ModelFitException(
            String.format(
                "%s: the ridge system is singular (length %d): %s",
                NAME, y.length, e.getMessage()),
            e);
      }
      intercept = mean(target);
      for (int a = 0; a < k; a++) {
        int j = kept[a];
        weights[j] = solution[a] / scales[j];
        intercept -= weights[j] * centers[j];
      }
    }
    if (!Double.isFinite(intercept) || Arrays.stream(weights).anyMatch(w -> !Double.isFinite(w))) {
      throw new ModelFitException(
          String.format("%s: non-finite coefficients (length %d)", NAME, y.length));
    }

    Map<String, Double> params = new LinkedHashMap<>();
    params.put("lambda", lambda);
    params.put("intercept", intercept);
    for (int j = 0; j < lags.length; j++) {
      params.put(featureName(lags[j]), weights[j]);
    }
    return new Fitted(
        lags.clone(),
        weights,
        intercept,
        Arrays.copyOfRange(y, y.length - maxLag, y.length),
        params);
  }

  @Override
  public String toString() {
    return NAME + "(lags=" + Arrays.toString(lags) + ", lambda=" + lambda + ")";
  }

  private int maxLag() {
    return Arrays.stream(lags).max().orElseThrow();
  }

  private static String featureName(int lag) {
    return "lag" + lag;
  }

  private static boolean isConstant(double[] values) {
    for (double v : values) {
      if (v != values[0]) {
        return false;
      }
    }
    return true;
  }

  private static double mean(double[] values) {
    double sum = 0.0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  /** Linear recursion {@code y[t] = intercept + sum_j weights[j] * y[t - lags[j]]}. */
  private static final class Fitted implements FittedForecaster {
    private final int[] lags;
    private final double[] weights;
    private final double intercept;

    /** The last maxLag observations, oldest first. */
    private final double[] tail;

    private final Map<String, Double> parameters;

    Fitted(
        int[] lags, double[] weights, double intercept, double[] tail, Map<String, Double> params) {
      this.lags = lags;
      this.weights = weights;
      this.intercept = intercept;
      this.tail = tail;
      this.parameters = Histories.frozen(params);
    }

    @Override
    public String model() {
      return NAME;
    }

    @Override
    public double[] forecast(int horizon) {
      Histories.requireHorizon(horizon);
      int offset = tail.length;
      double[] path = Arrays.copyOf(tail, offset + horizon);
      for (int t = offset; t < path.length; t++) {
        double value = intercept;
        for (int j = 0; j < lags.length; j++) {
          value += weights[j] * path[t - lags[j]];
        }
        if (!Double.isFinite(value)) {
          throw new ModelFitException(
              String.format("%s: non-finite forecast at step %d", NAME, t - offset + 1));
        }
        path[t] = value;
      }
      return Arrays.copyOfRange(path, offset, path.length);
    }

    @Override
    public Map<String, Double> parameters() {
      return parameters;
    }
  }
}
