package io.demandcast.forecasting.global;

import io.demandcast.forecasting.FittedForecaster;
import io.demandcast.forecasting.ForecastComponents;
import io.demandcast.forecasting.Forecaster;
import io.demandcast.forecasting.Histories;
import io.demandcast.forecasting.ModelFitException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.DoubleVector;
import smile.regression.LASSO;
import smile.regression.LinearModel;

/**
 * A global (pooled, cross-learning) regression forecaster: one regression model trained on the
 * rows of many series at once and applied to each series, after Montero-Manso and Hyndman (2021).
 *
 * <p>Rows: for every series {@code i} with training part {@code y[0..n_i-1]}, where {@code n_i =
 * length - holdOut}, an origin {@code t} (from {@link FeatureSpec#lookback()} on) gives a row of
 * the {@link FeatureSpec} features of {@code y[0..t-1]} with the target {@code y[t + k - 1] / s_t}
 * for step {@code k}, where {@code s_t} is the row's scale, as long as {@code t + k - 1 < n_i}.
 * Only the latest {@link #maxRowsPerSeries()} origins of each series are used for each step,
 * which also keeps long series from dominating the pool. No value at or after {@code length -
 * holdOut} is read, so a model trained with {@code holdOut = k} can be evaluated honestly at any
 * origin at or after {@code length - k} of the training series.
 *
 * <p>Multi-step strategy (Ben Taieb et al. 2012): {@link Strategy#DIRECT}, the default, trains one
 * model per step {@code k = 1..horizon}, each predicting {@code y[t + k - 1]} from the same origin;
 * {@link Strategy#RECURSIVE} trains one model of the one-step target and feeds its predictions
 * back as the most recent values. Beyond the trained horizon the direct models are applied again
 * from the end of their own forecasts. Direct against recursive accuracy and training time on M4
 * Weekly: docs/benchmarks.md. Forecasts are clamped at 0 when every training value was
 * non-negative.
 *
 * <p>Models, with fixed hyper-parameters chosen for speed ({@link #of} gives the defaults, the
 * {@code with...} methods change them):
 *
 * <ul>
 *   <li>{@link Kind#GRADIENT_TREE_BOOST}: least-squares gradient boosting of histogram trees
 *       (Friedman 2001, 2002), per step 50 trees (150 for a recursive model) of at most 16 leaves
 *       and depth 8, at least 20 rows per leaf, shrinkage 0.2 (0.1 recursive), each tree on 70% of
 *       the rows;
 *   <li>{@link Kind#RANDOM_FOREST}: a random forest of histogram trees (Breiman 2001), per step 30
 *       trees (100 recursive) of at most 256 leaves and depth 16, at least 10 rows per leaf, a
 *       third of the features tried per node, each tree on 50% of the rows drawn without
 *       replacement;
 *   <li>{@link Kind#LASSO}: Smile 3.1.1's {@link LASSO} (Tibshirani 1996) on standardised features
 *       with penalty {@code lambda = 0.001 n} for n rows (Smile penalises the residual sum of
 *       squares, not its mean); constant columns are dropped.
 * </ul>
 *
 * <p>The tree models are this package's histogram trees rather than Smile's {@code
 * GradientTreeBoost} and {@code RandomForest}, which are much slower on pooled rows (see {@code
 * HistogramTrees}). The models of the steps are trained in parallel.
 *
 * <p>Randomness (row subsamples and the forest's feature draws) comes from {@link
 * java.util.SplittableRandom} generators seeded from {@link #seed()} ({@value #DEFAULT_SEED} by
 * default, plus the step index); the same data and settings give the same model, whatever the
 * thread schedule.
 *
 * <p>Sources: P. Montero-Manso and R. J. Hyndman, "Principles and algorithms for forecasting groups
 * of time series: locality and globality", International Journal of Forecasting 37(4), 1632-1653,
 * 2021; S. Ben Taieb, G. Bontempi, A. F. Atiya and A. Sorjamaa, "A review and comparison of
 * strategies for multi-step ahead time series forecasting based on the NN5 forecasting
 * competition", Expert Systems with Applications 39(8), 7067-7083, 2012; J. H. Friedman, "Greedy
 * function approximation: a gradient boosting machine", Annals of Statistics 29(5), 1189-1232,
 * 2001; L. Breiman, "Random forests", Machine Learning 45(1), 5-32, 2001; R. Tibshirani,
 * "Regression shrinkage and selection via the lasso", Journal of the Royal Statistical Society B
 * 58(1), 267-288, 1996.
 *
 * <p>Instances are immutable and {@link Serializable}.
 */
public final class GlobalRegression implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The seed used unless {@link #withSeed} says otherwise. */
  public static final long DEFAULT_SEED = 20_240_601L;

  /** Rows per series and step used unless {@link #withMaxRowsPerSeries} says otherwise. */
  public static final int DEFAULT_MAX_ROWS_PER_SERIES = 150;

  private static final String TARGET = "target";

  /** The regression model. */
  public enum Kind {
    /** Gradient-boosted histogram trees; forecaster name {@code "global_gbt"}. */
    GRADIENT_TREE_BOOST("global_gbt"),
    /** Random forest of histogram trees; forecaster name {@code "global_rf"}. */
    RANDOM_FOREST("global_rf"),
    /** Smile {@link LASSO}; forecaster name {@code "global_lasso"}. */
    LASSO("global_lasso");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    /**
     * Returns the {@link Forecaster#name()} of the trained forecaster.
     *
     * @return for example {@code "global_gbt"}
     */
    public String id() {
      return id;
    }
  }

  /** How multi-step forecasts are made. */
  public enum Strategy {
    /** One model of the one-step target, applied recursively. */
    RECURSIVE,
    /** One model per step of the horizon, all from the same origin. */
    DIRECT
  }

  /** Every setting; {@code trees}, {@code shrinkage} NaN-or-0 where the kind has none. */
  private record Settings(
      Kind kind,
      Strategy strategy,
      FeatureSpec features,
      int trees,
      double shrinkage,
      int maxLeaves,
      int maxDepth,
      int minLeaf,
      double subsample,
      double lambdaPerRow,
      int maxRowsPerSeries,
      long seed)
      implements Serializable {}

  private final Settings settings;

  private GlobalRegression(Settings settings) {
    this.settings = settings;
  }

  /**
   * Returns the model kind with its default hyper-parameters for the {@link Strategy#DIRECT}
   * strategy (see the class description), the default features of the season length given to
   * {@link #train}, {@value #DEFAULT_MAX_ROWS_PER_SERIES} rows per series and step, and seed
   * {@value #DEFAULT_SEED}.
   *
   * @param kind the regression model
   * @return the untrained model
   * @throws NullPointerException if {@code kind} is null
   */
  public static GlobalRegression of(Kind kind) {
    return of(kind, Strategy.DIRECT);
  }

  /**
   * Returns the model kind with the default hyper-parameters of a strategy (see the class
   * description).
   *
   * @param kind the regression model
   * @param strategy recursive or direct
   * @return the untrained model
   * @throws NullPointerException if an argument is null
   */
  public static GlobalRegression of(Kind kind, Strategy strategy) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(strategy, "strategy");
    boolean direct = strategy == Strategy.DIRECT;
    int rows = DEFAULT_MAX_ROWS_PER_SERIES;
    return new GlobalRegression(
        switch (kind) {
          case GRADIENT_TREE_BOOST -> new Settings(
              kind, strategy, null, direct ? 50 : 150, direct ? 0.2 : 0.1, 16, 8, 20, 0.7,
              Double.NaN, rows, DEFAULT_SEED);
          case RANDOM_FOREST -> new Settings(
              kind, strategy, null, direct ? 30 : 100, Double.NaN, 256, 16, 10, 0.5, Double.NaN,
              rows, DEFAULT_SEED);
          case LASSO -> new Settings(
              kind, strategy, null, 0, Double.NaN, 0, 0, 0, Double.NaN, 1e-3, rows,
              DEFAULT_SEED);
        });
  }

  /**
   * Returns a copy with another random seed.
   *
   * @param seed the seed
   * @return the copy
   */
  public GlobalRegression withSeed(long seed) {
    Settings s = settings;
    return new GlobalRegression(
        new Settings(
            s.kind, s.strategy, s.features, s.trees, s.shrinkage, s.maxLeaves, s.maxDepth,
            s.minLeaf, s.subsample, s.lambdaPerRow, s.maxRowsPerSeries, seed));
  }

  /**
   * Returns a copy with other features; their period must then equal the {@code m} given to
   * {@link #train}.
   *
   * @param features the features
   * @return the copy
   * @throws NullPointerException if {@code features} is null
   */
  public GlobalRegression withFeatures(FeatureSpec features) {
    Objects.requireNonNull(features, "features");
    Settings s = settings;
    return new GlobalRegression(
        new Settings(
            s.kind, s.strategy, features, s.trees, s.shrinkage, s.maxLeaves, s.maxDepth,
            s.minLeaf, s.subsample, s.lambdaPerRow, s.maxRowsPerSeries, s.seed));
  }

  /**
   * Returns a copy that uses at most this many latest origins of each series per step.
   *
   * @param rows rows per series and step, at least 1
   * @return the copy
   * @throws IllegalArgumentException if {@code rows < 1}
   */
  public GlobalRegression withMaxRowsPerSeries(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("rows must be at least 1, got " + rows);
    }
    Settings s = settings;
    return new GlobalRegression(
        new Settings(
            s.kind, s.strategy, s.features, s.trees, s.shrinkage, s.maxLeaves, s.maxDepth,
            s.minLeaf, s.subsample, s.lambdaPerRow, rows, s.seed));
  }

  /**
   * Returns a copy with another number of trees per step (tree models only).
   *
   * @param count the number of trees, at least 1
   * @return the copy
   * @throws IllegalArgumentException if {@code count < 1} or the kind is {@link Kind#LASSO}
   */
  public GlobalRegression withTrees(int count) {
    requireTrees();
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
    Settings s = settings;
    return new GlobalRegression(
        new Settings(
            s.kind, s.strategy, s.features, count, s.shrinkage, s.maxLeaves, s.maxDepth,
            s.minLeaf, s.subsample, s.lambdaPerRow, s.maxRowsPerSeries, s.seed));
  }

  /**
   * Returns a copy with another tree shape (tree models only).
   *
   * @param leaves the largest number of leaves per tree, at least 2
   * @param depth the largest depth per tree, at least 1
   * @param minLeaf the fewest rows in a leaf, at least 1
   * @return the copy
   * @throws IllegalArgumentException if a value is out of range or the kind is {@link Kind#LASSO}
   */
  public GlobalRegression withTreeShape(int leaves, int depth, int minLeaf) {
    requireTrees();
    if (leaves < 2 || depth < 1 || minLeaf < 1) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "need leaves >= 2, depth >= 1, minLeaf >= 1; got %d, %d, %d",
              leaves,
              depth,
              minLeaf));
    }
    Settings s = settings;
    return new GlobalRegression(
        new Settings(
            s.kind, s.strategy, s.features, s.trees, s.shrinkage, leaves, depth, minLeaf,
            s.subsample, s.lambdaPerRow, s.maxRowsPerSeries, s.seed));
  }

  /**
   * Returns a copy with another boosting shrinkage (gradient tree boosting only).
   *
   * @param rate the learning rate, in (0, 1]
   * @return the copy
   * @throws IllegalArgumentException if {@code rate} is out of range or the kind is not {@link
   *     Kind#GRADIENT_TREE_BOOST}
   */
  public GlobalRegression withShrinkage(double rate) {
    if (settings.kind != Kind.GRADIENT_TREE_BOOST) {
      throw new IllegalArgumentException("only gradient tree boosting has a shrinkage");
    }
    if (!(rate > 0.0 && rate <= 1.0)) {
      throw new IllegalArgumentException("rate must be in (0, 1], got " + rate);
    }
    Settings s = settings;
    return new GlobalRegression(
        new Settings(
            s.kind, s.strategy, s.features, s.trees, rate, s.maxLeaves, s.maxDepth, s.minLeaf,
            s.subsample, s.lambdaPerRow, s.maxRowsPerSeries, s.seed));
  }

  /**
   * Returns a copy with another row sampling rate per tree (tree models only): boosting draws that
   * fraction without replacement, the forest likewise (1.0 means a bootstrap sample for the
   * forest).
   *
   * @param fraction the fraction of rows per tree, in (0, 1]
   * @return the copy
   * @throws IllegalArgumentException if {@code fraction} is out of range or the kind is {@link
   *     Kind#LASSO}
   */
  public GlobalRegression withSubsample(double fraction) {
    requireTrees();
    if (!(fraction > 0.0 && fraction <= 1.0)) {
      throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
    }
    Settings s = settings;
    return new GlobalRegression(
        new Settings(
            s.kind, s.strategy, s.features, s.trees, s.shrinkage, s.maxLeaves, s.maxDepth,
            s.minLeaf, fraction, s.lambdaPerRow, s.maxRowsPerSeries, s.seed));
  }

  /**
   * Returns a copy with another LASSO penalty per training row (LASSO only): the penalty is {@code
   * lambdaPerRow * n} for n rows.
   *
   * @param lambdaPerRow the penalty per row, finite and positive
   * @return the copy
   * @throws IllegalArgumentException if the value is out of range or the kind is not {@link
   *     Kind#LASSO}
   */
  public GlobalRegression withLambdaPerRow(double lambdaPerRow) {
    if (settings.kind != Kind.LASSO) {
      throw new IllegalArgumentException("only LASSO has a penalty");
    }
    if (!(lambdaPerRow > 0.0) || !Double.isFinite(lambdaPerRow)) {
      throw new IllegalArgumentException(
          "lambdaPerRow must be finite and positive, got " + lambdaPerRow);
    }
    Settings s = settings;
    return new GlobalRegression(
        new Settings(
            s.kind, s.strategy, s.features, s.trees, s.shrinkage, s.maxLeaves, s.maxDepth,
            s.minLeaf, s.subsample, lambdaPerRow, s.maxRowsPerSeries, s.seed));
  }

  private void requireTrees() {
    if (settings.kind == Kind.LASSO) {
      throw new IllegalArgumentException("LASSO has no trees");
    }
  }

  /**
   * Returns the model kind.
   *
   * @return the kind
   */
  public Kind kind() {
    return settings.kind;
  }

  /**
   * Returns the multi-step strategy.
   *
   * @return recursive or direct
   */
  public Strategy strategy() {
    return settings.strategy;
  }

  /**
   * Returns the random seed.
   *
   * @return the seed
   */
  public long seed() {
    return settings.seed;
  }

  /**
   * Returns the cap on training rows per series and step.
   *
   * @return at least 1
   */
  public int maxRowsPerSeries() {
    return settings.maxRowsPerSeries;
  }

  /**
   * Trains on the given series without exogenous regressors.
   *
   * @param histories one array per series, values in units per period, oldest first, finite; each
   *     at least {@code lookback + steps + holdOut} long, where {@code steps} is {@code horizon}
   *     for {@link Strategy#DIRECT} and 1 for {@link Strategy#RECURSIVE}; not mutated or retained
   * @param m the season length in periods, at least 1 (the features' period when set)
   * @param horizon the number of periods to forecast, at least 1: the number of direct models
   * @param holdOut the number of final values of each series left out of training, at least 0
   * @return the trained model
   * @throws IllegalArgumentException if {@code histories} is null or empty, {@code m < 1}, {@code
   *     horizon < 1}, {@code holdOut < 0}, the features' period differs from {@code m}, they
   *     expect exogenous columns, or a series is null, too short or non-finite (the message names
   *     the series index and its length)
   * @throws ModelFitException if Smile's LASSO cannot fit these rows
   */
  public Trained train(List<double[]> histories, int m, int horizon, int holdOut) {
    return train(histories, null, m, horizon, holdOut);
  }

  /**
   * Trains on the given series with exogenous regressors ({@link Strategy#RECURSIVE} only).
   *
   * @param histories one array per series as for {@link #train(List, int, int, int)}
   * @param exogenous null or empty for none; otherwise one {@code double[length][k]} per series,
   *     row {@code t} holding the k regressor values of period {@code t}, where k is the features'
   *     {@link FeatureSpec#exogenous()}
   * @param m the season length in periods, at least 1
   * @param horizon the number of periods to forecast, at least 1
   * @param holdOut the number of final values of each series left out of training, at least 0
   * @return the trained model
   * @throws IllegalArgumentException as for {@link #train(List, int, int, int)}, if the exogenous
   *     arrays do not match the series and the features, or if they are given to a direct model
   * @throws ModelFitException if Smile's LASSO cannot fit these rows
   */
  public Trained train(
      List<double[]> histories, List<double[][]> exogenous, int m, int horizon, int holdOut) {
    if (histories == null || histories.isEmpty()) {
      throw new IllegalArgumentException("at least one series is needed");
    }
    if (m < 1) {
      throw new IllegalArgumentException("m must be at least 1, got " + m);
    }
    Histories.requireHorizon(horizon);
    if (holdOut < 0) {
      throw new IllegalArgumentException("holdOut must be at least 0, got " + holdOut);
    }
    FeatureSpec spec = settings.features != null ? settings.features : FeatureSpec.defaults(m);
    if (spec.period() != m) {
      throw new IllegalArgumentException(
          "the features have period " + spec.period() + " but m is " + m);
    }
    boolean hasExogenous = exogenous != null && !exogenous.isEmpty();
    if (!hasExogenous && spec.exogenous() > 0) {
      throw new IllegalArgumentException(
          "the features expect " + spec.exogenous() + " exogenous columns but none were given");
    }
    if (hasExogenous && spec.exogenous() == 0) {
      throw new IllegalArgumentException(
          "exogenous arrays were given but the features have no exogenous column");
    }
    if (hasExogenous && settings.strategy == Strategy.DIRECT) {
      throw new IllegalArgumentException(
          "exogenous regressors need the recursive strategy (their value differs per step)");
    }
    if (hasExogenous && exogenous.size() != histories.size()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%d exogenous arrays for %d series",
              exogenous.size(),
              histories.size()));
    }
    int steps = settings.strategy == Strategy.DIRECT ? horizon : 1;
    int lookback = spec.lookback();
    int cap = settings.maxRowsPerSeries;

    // Origins of series i: first[i] .. trainLength - 1 (the union over the steps).
    int[] first = new int[histories.size()];
    int totalRows = 0;
    boolean nonNegative = true;
    long fingerprint = 1125899906842597L;
    for (int i = 0; i < histories.size(); i++) {
      double[] y = histories.get(i);
      if (y == null) {
        throw new IllegalArgumentException("series " + i + " is null");
      }
      int trainLength = y.length - holdOut;
      if (trainLength < lookback + steps) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "series %d has length %d but at least %d values are needed (look-back %d +"
                    + " steps %d + hold-out %d)",
                i,
                y.length,
                lookback + steps + holdOut,
                lookback,
                steps,
                holdOut));
      }
      for (int t = 0; t < trainLength; t++) {
        if (!Double.isFinite(y[t])) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "series %d: value[%d] = %s is not finite (length %d)",
                  i,
                  t,
                  y[t],
                  y.length));
        }
        nonNegative &= y[t] >= 0.0;
        fingerprint = 31 * fingerprint + Double.hashCode(y[t]);
      }
      fingerprint = 31 * fingerprint + trainLength;
      if (hasExogenous) {
        requireExogenous(i, exogenous.get(i), y.length, spec.exogenous());
      }
      first[i] = Math.max(lookback, trainLength - steps + 1 - cap);
      totalRows += trainLength - first[i];
    }

    // One feature row per origin; targets[k][r] for step k + 1 where it exists.
    int width = spec.width();
    double[][] columns = new double[width][totalRows];
    double[][] targets = new double[steps][totalRows];
    int[][] eligible = new int[steps][];
    int[] eligibleCount = new int[steps];
    for (int k = 0; k < steps; k++) {
      eligible[k] = new int[totalRows];
    }
    double[] row = new double[width];
    int r = 0;
    for (int i = 0; i < histories.size(); i++) {
      double[] y = histories.get(i);
      double[][] exo = hasExogenous ? exogenous.get(i) : null;
      int trainLength = y.length - holdOut;
      for (int t = first[i]; t < trainLength; t++) {
        double s = spec.fill(y, t, exo, row);
        for (int c = 0; c < width; c++) {
          columns[c][r] = row[c];
        }
        for (int k = 0; k < steps; k++) {
          // Step k + 1 uses the origins t with t + k < trainLength, the latest `cap` of them.
          if (t + k < trainLength && t >= trainLength - k - cap) {
            targets[k][r] = y[t + k] / s;
            eligible[k][eligibleCount[k]++] = r;
          }
        }
        r++;
      }
    }
    for (int k = 0; k < steps; k++) {
      eligible[k] = Arrays.copyOf(eligible[k], eligibleCount[k]);
    }

    Predictor[] models = fit(spec, columns, targets, eligible);
    int rowsStepOne = eligibleCount[0];
    Map<String, Double> parameters = new LinkedHashMap<>();
    parameters.put("seed", (double) settings.seed);
    parameters.put("training_series", (double) histories.size());
    parameters.put("training_rows", (double) rowsStepOne);
    parameters.put("hold_out", (double) holdOut);
    parameters.put("horizon", (double) horizon);
    parameters.put("models", (double) steps);
    parameters.put("features", (double) width);
    parameters.put("max_rows_per_series", (double) cap);
    switch (settings.kind) {
      case GRADIENT_TREE_BOOST -> {
        parameters.put("trees", (double) settings.trees);
        parameters.put("shrinkage", settings.shrinkage);
        parameters.put("max_leaves", (double) settings.maxLeaves);
        parameters.put("max_depth", (double) settings.maxDepth);
        parameters.put("min_leaf", (double) settings.minLeaf);
        parameters.put("subsample", settings.subsample);
      }
      case RANDOM_FOREST -> {
        parameters.put("trees", (double) settings.trees);
        parameters.put("max_leaves", (double) settings.maxLeaves);
        parameters.put("max_depth", (double) settings.maxDepth);
        parameters.put("min_leaf", (double) settings.minLeaf);
        parameters.put("subsample", settings.subsample);
      }
      case LASSO -> {
        parameters.put("lambda", settings.lambdaPerRow * rowsStepOne);
        parameters.put("nonzero_coefficients", (double) models[0].nonZero());
      }
    }
    String description =
        String.format(
            Locale.ROOT,
            "%s(%s, %s, %s, max_rows_per_series=%d, seed=%d, trained on %d series / %d rows,"
                + " horizon=%d, hold_out=%d, data=%016x)",
            settings.kind.id(),
            settings.strategy.name().toLowerCase(Locale.ROOT),
            spec,
            hyperParameters(),
            cap,
            settings.seed,
            histories.size(),
            rowsStepOne,
            horizon,
            holdOut,
            fingerprint);
    return new Trained(
        settings.kind, spec, models, nonNegative, Histories.frozen(parameters), description);
  }

  private String hyperParameters() {
    Settings s = settings;
    return switch (s.kind) {
      case GRADIENT_TREE_BOOST -> String.format(
          Locale.ROOT,
          "trees=%d, shrinkage=%s, max_leaves=%d, max_depth=%d, min_leaf=%d, subsample=%s",
          s.trees, s.shrinkage, s.maxLeaves, s.maxDepth, s.minLeaf, s.subsample);
      case RANDOM_FOREST -> String.format(
          Locale.ROOT,
          "trees=%d, max_leaves=%d, max_depth=%d, min_leaf=%d, subsample=%s, mtry=1/3",
          s.trees, s.maxLeaves, s.maxDepth, s.minLeaf, s.subsample);
      case LASSO -> String.format(Locale.ROOT, "lambda_per_row=%s", s.lambdaPerRow);
    };
  }

  /**
   * Checks the exogenous rows of one series ({@code series >= 0}) or of a forecast ({@code series <
   * 0}, then {@code length} is the history length plus the horizon).
   */
  private static void requireExogenous(int series, double[][] exo, int length, int columns) {
    String what = series >= 0 ? "series " + series : "forecast";
    if (exo == null || exo.length < length) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s needs %d exogenous rows but has %s",
              what,
              length,
              exo == null ? "none" : Integer.toString(exo.length)));
    }
    for (int t = 0; t < length; t++) {
      if (exo[t] == null || exo[t].length != columns) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "%s: exogenous row %d must have %d values (length %d)",
                what,
                t,
                columns,
                length));
      }
      for (double v : exo[t]) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "%s: exogenous row %d has a non-finite value (length %d)",
                  what,
                  t,
                  length));
        }
      }
    }
  }

  /** Fits one model per step, in parallel, on column-major features. */
  private Predictor[] fit(
      FeatureSpec spec, double[][] columns, double[][] targets, int[][] eligible) {
    int steps = targets.length;
    Settings s = settings;
    if (s.kind == Kind.LASSO) {
      String[] names = spec.names();
      return IntStream.range(0, steps)
          .parallel()
          .mapToObj(k -> fitLasso(names, columns, targets[k], eligible[k]))
          .toArray(Predictor[]::new);
    }
    HistogramTrees.Binned binned = HistogramTrees.bin(columns);
    int width = columns.length;
    return IntStream.range(0, steps)
        .parallel()
        .mapToObj(
            k -> {
              long seed = s.seed + k;
              if (s.kind == Kind.GRADIENT_TREE_BOOST) {
                HistogramTrees.Shape shape =
                    new HistogramTrees.Shape(s.maxLeaves, s.maxDepth, s.minLeaf, width);
                return new Predictor(
                    HistogramTrees.boost(
                        binned, targets[k], eligible[k], s.trees, s.shrinkage, s.subsample,
                        shape, seed),
                    null,
                    0.0);
              }
              HistogramTrees.Shape shape =
                  new HistogramTrees.Shape(
                      s.maxLeaves, s.maxDepth, s.minLeaf, Math.max(1, width / 3));
              return new Predictor(
                  HistogramTrees.forest(
                      binned, targets[k], eligible[k], s.trees, s.subsample, shape, seed),
                  null,
                  0.0);
            })
        .toArray(Predictor[]::new);
  }

  private Predictor fitLasso(String[] names, double[][] columns, double[] target, int[] rows) {
    int width = columns.length;
    int n = rows.length;
    double[][] subset = new double[width][n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = target[rows[i]];
      for (int c = 0; c < width; c++) {
        subset[c][i] = columns[c][rows[i]];
      }
    }
    int[] kept = new int[width];
    int count = 0;
    for (int c = 0; c < width; c++) {
      if (!isNearlyConstant(subset[c])) {
        kept[count++] = c;
      }
    }
    double[] weights = new double[width];
    if (count == 0) {
      return new Predictor(null, weights, mean(y));
    }
    DoubleVector[] vectors = new DoubleVector[count + 1];
    for (int k = 0; k < count; k++) {
      vectors[k] = DoubleVector.of(names[kept[k]], subset[kept[k]]);
    }
    vectors[count] = DoubleVector.of(TARGET, y);
    LinearModel model;
    try {
      model =
          LASSO.fit(Formula.lhs(TARGET), DataFrame.of(vectors), settings.lambdaPerRow * n);
    } catch (IllegalArgumentException | ArithmeticException | IllegalStateException e) {
      throw new ModelFitException(
          String.format(
              Locale.ROOT,
              "%s: Smile could not fit %d rows: %s",
              settings.kind.id(),
              n,
              e.getMessage()),
          e);
    }
    double[] coefficients = model.coefficients();
    for (int k = 0; k < count; k++) {
      weights[kept[k]] = coefficients[k];
    }
    double intercept = model.intercept();
    if (!Double.isFinite(intercept) || Arrays.stream(weights).anyMatch(w -> !Double.isFinite(w))) {
      throw new ModelFitException(
          String.format(
              Locale.ROOT, "%s: non-finite coefficients (%d rows)", settings.kind.id(), n));
    }
    return new Predictor(null, weights, intercept);
  }

  /**
   * Whether a column has (nearly) no spread, which Smile's LASSO cannot standardise: its standard
   * deviation is below 1e-10 of its mean absolute value (or exactly 0).
   */
  private static boolean isNearlyConstant(double[] column) {
    double mean = mean(column);
    double squares = 0.0;
    double absolute = 0.0;
    for (double v : column) {
      squares += (v - mean) * (v - mean);
      absolute += Math.abs(v);
    }
    double sd = Math.sqrt(squares / column.length);
    return sd == 0.0 || sd <= 1e-10 * absolute / column.length;
  }

  private static double mean(double[] values) {
    double sum = 0.0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  /** The fitted regression of one step: a tree ensemble, or {@code intercept + weights . x}. */
  static final class Predictor implements Serializable {
    private static final long serialVersionUID = 1L;

    private final HistogramTrees.Ensemble ensemble;
    private final double[] weights;
    private final double intercept;

    Predictor(HistogramTrees.Ensemble ensemble, double[] weights, double intercept) {
      this.ensemble = ensemble;
      this.weights = weights;
      this.intercept = intercept;
    }

    /** Predicts the scaled target from one feature row; thread-safe. */
    double predict(double[] row) {
      if (ensemble != null) {
        return ensemble.predict(row);
      }
      double y = intercept;
      for (int c = 0; c < weights.length; c++) {
        y += weights[c] * row[c];
      }
      return y;
    }

    /**
     * Splits the prediction of one feature row into the base value and each feature's
     * contribution: for LASSO the intercept and {@code weight_c x_c}; for a tree ensemble the
     * expected output and the exact TreeSHAP values ({@link HistogramTrees.Ensemble#contributions}).
     *
     * @return {@code [base, contribution of column 0, ...]}, summing to {@link #predict}
     */
    double[] contributions(double[] row) {
      if (ensemble != null) {
        return ensemble.contributions(row);
      }
      double[] parts = new double[weights.length + 1];
      parts[0] = intercept;
      for (int c = 0; c < weights.length; c++) {
        parts[c + 1] = weights[c] * row[c];
      }
      return parts;
    }

    int nonZero() {
      int count = 0;
      if (weights != null) {
        for (double w : weights) {
          if (w != 0.0) {
            count++;
          }
        }
      }
      return count;
    }
  }

  /** A trained global model. Immutable, thread-safe and {@link Serializable}. */
  public static final class Trained implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Kind kind;
    private final FeatureSpec spec;
    private final Predictor[] models;
    private final boolean nonNegative;
    private final Map<String, Double> parameters;
    private final String description;

    Trained(
        Kind kind,
        FeatureSpec spec,
        Predictor[] models,
        boolean nonNegative,
        Map<String, Double> parameters,
        String description) {
      this.kind = kind;
      this.spec = spec;
      this.models = models;
      this.nonNegative = nonNegative;
      this.parameters = parameters;
      this.description = description;
    }

    /**
     * Returns the features the model reads.
     *
     * @return the feature specification
     */
    public FeatureSpec features() {
      return spec;
    }

    /**
     * Returns the training settings and sizes: {@code seed}, {@code training_series}, {@code
     * training_rows} (of the first step), {@code hold_out}, {@code horizon}, {@code models} (1 for
     * recursive), {@code features}, {@code max_rows_per_series}, then per kind {@code trees},
     * {@code shrinkage}, {@code max_leaves}, {@code max_depth}, {@code min_leaf}, {@code
     * subsample}, or {@code lambda} and {@code nonzero_coefficients} (of the first step).
     *
     * @return an unmodifiable, insertion-ordered map
     */
    public Map<String, Double> parameters() {
      return parameters;
    }

    /**
     * Returns the full description: kind, strategy, features, hyper-parameters, seed, training size
     * and a fingerprint of the training values.
     *
     * @return one line, used as the forecaster's {@link Forecaster#spec()}
     */
    public String description() {
      return description;
    }

    /**
     * Returns whether forecasts are clamped at 0.
     *
     * @return true if every training value was non-negative
     */
    public boolean clampsAtZero() {
      return nonNegative;
    }

    /**
     * Forecasts one series from the end of its history.
     *
     * @param history one value per period (units per period), oldest first, finite, at least
     *     {@link FeatureSpec#lookback()} long; index 0 must be the same season position as in
     *     training
     * @param exogenous null when the features have no exogenous column; otherwise {@code
     *     history.length + horizon} rows of {@link FeatureSpec#exogenous()} values
     * @param horizon periods to forecast, at least 1
     * @return a new array of {@code horizon} forecasts in units per period
     * @throws IllegalArgumentException for a null, too short or non-finite history, {@code
     *     horizon < 1} or exogenous values that do not match
     * @throws ModelFitException if a forecast is not finite
     */
    public double[] forecast(double[] history, double[][] exogenous, int horizon) {
      double[] y = Histories.validatedCopy(kind.id(), history, spec.lookback());
      Histories.requireHorizon(horizon);
      if (spec.exogenous() > 0) {
        requireExogenous(-1, exogenous, y.length + horizon, spec.exogenous());
      }
      return predict(y, exogenous, horizon);
    }

    /**
     * Splits the forecast of one series into additive components, in units per period (the
     * model's output times the row's scale): the base and one component per feature column whose
     * contribution is not 0 at some step (named as {@link FeatureSpec#names()}: {@code lag1},
     * {@code mean12}, {@code season_sin}, ...), with {@code floor_at_zero} when a forecast was
     * clamped at 0. For LASSO the base is {@code intercept} and a feature's contribution its
     * coefficient times its value at that step's origin; for the tree models the base is {@code
     * base_value}, the ensemble's expected output over its training rows, and the contributions
     * are the exact TreeSHAP values of the features (Lundberg et al. 2020, Nature Machine
     * Intelligence 2(1); {@link HistogramTrees.Tree#shap}). A recursive model's later steps read
     * earlier forecasts as lags, and their contributions are those of the values read.
     *
     * @param history as for {@link #forecast}
     * @param exogenous as for {@link #forecast}
     * @param horizon periods, at least 1
     * @return the components, summing to {@link #forecast} step by step
     * @throws IllegalArgumentException as {@link #forecast}
     * @throws ModelFitException if a forecast is not finite
     */
    public Optional<ForecastComponents> components(
        double[] history, double[][] exogenous, int horizon) {
      double[] y = Histories.validatedCopy(kind.id(), history, spec.lookback());
      Histories.requireHorizon(horizon);
      if (spec.exogenous() > 0) {
        requireExogenous(-1, exogenous, y.length + horizon, spec.exogenous());
      }
      int width = spec.width();
      double[][] parts = new double[width + 1][horizon];
      double[] floor = new double[horizon];
      predict(y, exogenous, horizon, parts, floor);
      String[] names = spec.names();
      ForecastComponents.Builder b = ForecastComponents.builder(horizon)
          .add(kind == Kind.LASSO ? "intercept" : "base_value", parts[0]);
      for (int c = 0; c < width; c++) {
        if (Arrays.stream(parts[c + 1]).anyMatch(v -> v != 0.0)) {
          b.add(names[c], parts[c + 1]);
        }
      }
      if (Arrays.stream(floor).anyMatch(v -> v != 0.0)) {
        b.add(ForecastComponents.FLOOR_AT_ZERO, floor);
      }
      return Optional.of(b.build());
    }

    private double[] predict(double[] history, double[][] exogenous, int horizon) {
      return predict(history, exogenous, horizon, null, null);
    }

    /**
     * Step j uses model {@code j mod steps} from the origin {@code n + steps * floor(j / steps)},
     * earlier forecasts taking the place of observations. With {@code parts}, also writes each
     * step's contributions ({@link Predictor#contributions}, times the scale) into {@code
     * parts[c][j]} and the clamp at 0 into {@code floor[j]}.
     */
    private double[] predict(
        double[] history, double[][] exogenous, int horizon, double[][] parts, double[] floor) {
      int n = history.length;
      int steps = models.length;
      double[] y = Arrays.copyOf(history, n + horizon);
      double[] row = new double[spec.width()];
      double[] forecast = new double[horizon];
      double s = 1.0;
      for (int j = 0; j < horizon; j++) {
        int k = j % steps;
        if (k == 0) {
          s = spec.fill(y, n + j, exogenous, row);
        }
        double value = models[k].predict(row) * s;
        if (parts != null) {
          double[] c = models[k].contributions(row);
          for (int i = 0; i < c.length; i++) {
            parts[i][j] = c[i] * s;
          }
        }
        if (!Double.isFinite(value)) {
          throw new ModelFitException(
              String.format(
                  Locale.ROOT,
                  "%s: non-finite forecast at step %d (length %d)",
                  kind.id(),
                  j + 1,
                  n));
        }
        if (nonNegative && value < 0.0) {
          if (floor != null) {
            floor[j] = -value;
          }
          value = 0.0;
        }
        y[n + j] = value;
        forecast[j] = value;
      }
      return forecast;
    }

    /**
     * Returns this model as a {@link Forecaster} for series without exogenous regressors: {@code
     * fit(history)} keeps the history and {@code forecast(h)} predicts from its end. Evaluate it
     * on a training series only at origins at or after {@code length - holdOut}.
     *
     * @return the forecaster, named after the kind (e.g. {@code "global_gbt"}), {@link
     *     Serializable}
     * @throws IllegalStateException if the features have exogenous columns
     */
    public Forecaster asForecaster() {
      if (spec.exogenous() > 0) {
        throw new IllegalStateException(
            "the model needs " + spec.exogenous() + " exogenous columns; use forecast(...)");
      }
      return new GlobalForecaster(this);
    }
  }

  /** {@link Trained} seen as a per-series {@link Forecaster}. */
  private static final class GlobalForecaster implements Forecaster {
    private static final long serialVersionUID = 1L;

    private final Trained model;

    GlobalForecaster(Trained model) {
      this.model = model;
    }

    @Override
    public String name() {
      return model.kind.id();
    }

    @Override
    public int minHistory() {
      return model.spec.lookback();
    }

    @Override
    public String spec() {
      return model.description;
    }

    @Override
    public FittedForecaster fit(double[] history) {
      double[] y = Histories.validatedCopy(name(), history, minHistory());
      return new FittedForecaster() {
        @Override
        public String model() {
          return model.kind.id();
        }

        @Override
        public double[] forecast(int horizon) {
          Histories.requireHorizon(horizon);
          return model.predict(y, null, horizon);
        }

        @Override
        public Optional<ForecastComponents> components(int horizon) {
          return model.components(y, null, horizon);
        }

        @Override
        public Map<String, Double> parameters() {
          return model.parameters;
        }
      };
    }

    @Override
    public String toString() {
      return model.description;
    }
  }
}
