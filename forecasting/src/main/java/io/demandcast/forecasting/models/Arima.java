package io.demandcast.forecasting.models;

import io.demandcast.forecasting.FittedForecaster;
import io.demandcast.forecasting.ForecastComponents;
import io.demandcast.forecasting.Forecaster;
import io.demandcast.forecasting.Histories;
import io.demandcast.forecasting.ModelFitException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import smile.timeseries.AR;

/**
 * Non-seasonal ARIMA(p, d, q) on the seasonally adjusted series, with automatic order selection.
 *
 * <p><b>Model.</b> With {@code w} the d-th difference of the (adjusted) series {@code x}, {@code
 * w[t] = c + phi_1 w[t-1] + ... + phi_p w[t-p] + e[t] + theta_1 e[t-1] + ... + theta_q e[t-q]},
 * {@code e} white noise of variance sigma². The constant c is the mean times {@code (1 - sum phi)}
 * when d = 0 and the drift when d = 1; it is never used with d = 2.
 *
 * <p><b>Automatic procedure</b> ({@link #Arima(int)}), adapted from Hyndman and Khandakar (2008):
 *
 * <ol>
 *   <li>Seasonal adjustment: when m &gt; 1 and the M4 seasonality test says seasonal ({@link
 *       SeasonalDecomposition#isSeasonal(double[], int)}), divide by the multiplicative classical
 *       indices if every value is positive, otherwise subtract the additive components.
 *   <li>d in 0..2 by repeated KPSS tests at 5% ({@link Kpss#differences(double[], int)}), as
 *       auto.arima's {@code ndiffs}.
 *   <li>(p, q) with p &le; 5, q &le; 2 (fewer for short series) and, for d = 1, with or without
 *       drift, by the stepwise search of Hyndman and Khandakar (start from (2,2), (0,0), (1,0),
 *       (0,1); move to the first neighbour p&plusmn;1, q&plusmn;1, both, or the constant toggled,
 *       that lowers AICc; stop when none does). d = 0 always has a mean. AICc = {@code -2 log L +
 *       2(k+1) + 2(k+1)(k+2)/(N-k-2)} with k = p + q + (1 if constant), the conditional Gaussian
 *       log-likelihood L over the same N residuals for every candidate (conditioning on the first
 *       P = min(5, (n_w - 4)/3) of the n_w differenced values, which also caps p), and candidates
 *       with {@code N - k - 2 <= 0} skipped.
 * </ol>
 *
 * <p><b>Estimation.</b> Conditional sum of squares (CSS; Box, Jenkins, Reinsel and Ljung 2015,
 * section 7.1.2): the residuals are computed by the recursion above from {@code t = p} with
 * earlier residuals set to 0, and their sum of squares over {@code t >= P} is minimised by Newton
 * steps with the exact Hessian (first and second derivatives of the residuals by differentiating
 * the recursion), falling back to Levenberg-Marquardt steps when the Hessian is not positive
 * definite or the Newton step does not lower the CSS. Pure AR models are linear in their
 * parameters and are solved exactly by one least squares step. Models with an MA part start from
 * the Hannan-Rissanen estimate (Hannan and Rissanen 1982): a long autoregression AR(L), L =
 * min(20 + max q, (n_w - 1) / 3), fitted once per series with Smile's Yule-Walker estimator
 * ({@link AR#fit(double[], int)}) gives innovation estimates, then least squares of {@code w[t]}
 * on the constant, {@code w[t-1..t-p]} and the innovations {@code a[t-1..t-q]}. (Smile's own
 * {@code ARMA.fit} is not used: it needs p, q &ge; 1, fails unless {@code n_w > 2(p + q + 20 +
 * max(p, q))}, refits the long autoregression for every model, and in Smile 3.1.1 its stored
 * residuals and multi-step forecasts are misaligned.) To keep the search fast, candidate models
 * are compared at their Hannan-Rissanen estimates and only the chosen one is optimised; when no
 * usable (stationary, invertible) estimate exists the optimisation starts from zero coefficients.
 * Every accepted estimate has a stationary AR and an invertible MA polynomial (Levinson-Durbin
 * step-down test: all partial autocorrelations of modulus below 1).
 *
 * <p><b>Forecasts and variance.</b> The ARMA recursion is run forward with future errors 0, the
 * differences are summed back and the seasonal indices reapplied. The h-step variance is {@code
 * sigma² (psi_0² + ... + psi_{h-1}²)} with the psi weights of {@code theta(B) / (phi(B)
 * (1-B)^d)} (Box et al. 2015, section 5.2) and sigma² = CSS / (N - k), N the residuals summed
 * and k the estimated coefficients; it is multiplied by the squared seasonal index when adjusted
 * multiplicatively.
 *
 * <p>Sources: G. E. P. Box, G. M. Jenkins, G. C. Reinsel and G. M. Ljung, <i>Time Series Analysis:
 * Forecasting and Control</i>, 5th ed., Wiley, 2015; R. J. Hyndman and Y. Khandakar, "Automatic
 * time series forecasting: the forecast package for R", Journal of Statistical Software 27(3),
 * 2008; E. J. Hannan and J. Rissanen, "Recursive estimation of mixed autoregressive-moving average
 * order", Biometrika 69(1), 1982, pp. 81-94; C. M. Hurvich and C.-L. Tsai, "Regression and time
 * series model selection in small samples", Biometrika 76(2), 1989, pp. 297-307 (AICc).
 */
public final class Arima implements Forecaster {
  private static final long serialVersionUID = 1L;

  /** The {@link #name()} of this method. */
  public static final String NAME = "arima";

  /** Largest AR order of the automatic search. */
  public static final int MAX_P = 5;

  /** Largest MA order of the automatic search. */
  public static final int MAX_Q = 2;

  /** Largest number of differences of the automatic search. */
  public static final int MAX_D = 2;

  /** Levenberg-Marquardt stops when an accepted step lowers the CSS by less than this fraction. */
  private static final double RELATIVE_TOLERANCE = 1e-10;

  /** Levenberg-Marquardt gives up after this many steps (accepted or not). */
  private static final int MAX_ITERATIONS = 100;

  /**
   * Optimisation steps from the Hannan-Rissanen estimate for each mixed or MA model visited by the
   * search: none, the search compares models at their Hannan-Rissanen estimates and only the
   * chosen model is optimised (as accurate on M3 and M4 Weekly as optimising every candidate, and
   * faster: docs/benchmarks.md).
   */
  private static final int SEARCH_ITERATIONS = 0;

  /** Season length; 1 disables the seasonal adjustment. */
  private final int period;

  /** True for the automatic procedure, false for a fixed order. */
  private final boolean automatic;

  /** Whether the M4 seasonality test and adjustment run (the automatic method and its refits). */
  private final boolean adjust;

  private final int fixedP;
  private final int fixedD;
  private final int fixedQ;
  private final boolean fixedConstant;

  /**
   * Creates the automatic method: seasonal adjustment, KPSS differencing and stepwise AICc search.
   *
   * @param period the season length m in periods (12 for monthly, 4 for quarterly data), at least
   *     1; 1 disables the seasonal adjustment
   * @throws IllegalArgumentException if {@code period < 1}
   */
  public Arima(int period) {
    if (period < 1) {
      throw new IllegalArgumentException("period must be at least 1, got " + period);
    }
    this.period = period;
    this.automatic = true;
    this.adjust = true;
    this.fixedP = -1;
    this.fixedD = -1;
    this.fixedQ = -1;
    this.fixedConstant = false;
  }

  private Arima(int p, int d, int q, boolean constant) {
    this(1, p, d, q, constant, false);
  }

  private Arima(int period, int p, int d, int q, boolean constant, boolean adjust) {
    this.period = period;
    this.automatic = false;
    this.adjust = adjust;
    this.fixedP = p;
    this.fixedD = d;
    this.fixedQ = q;
    this.fixedConstant = constant;
  }

  /**
   * Creates a fixed-order ARIMA(p, d, q) without seasonal adjustment, fitted by CSS (for
   * comparison with R's {@code Arima(y, order = c(p, d, q))}).
   *
   * @param p the AR order, 0 to 10
   * @param d the number of differences, 0 to 2
   * @param q the MA order, 0 to 10
   * @param includeConstant whether to estimate the constant (the mean for d = 0, the drift for d =
   *     1); must be false for d = 2
   * @return the method
   * @throws IllegalArgumentException if an order is out of range or a constant is asked with d = 2
   */
  public static Arima withOrder(int p, int d, int q, boolean includeConstant) {
    if (p < 0 || p > 10 || q < 0 || q > 10 || d < 0 || d > MAX_D) {
      throw new IllegalArgumentException(
          String.format("order (%d, %d, %d) outside p, q in 0..10 and d in 0..2", p, d, q));
    }
    if (includeConstant && d == 2) {
      throw new IllegalArgumentException(
          "a constant with d = 2 (a quadratic trend) is not allowed");
    }
    return new Arima(p, d, q, includeConstant);
  }

  /**
   * Returns the season length.
   *
   * @return the period m, at least 1
   */
  public int period() {
    return period;
  }

  /** Returns {@value #NAME}. */
  @Override
  public String name() {
    return NAME;
  }

  /**
   * Returns 6 for the automatic method; for a fixed order {@code d + 2p + q + (1 if constant) +
   * 2}, which leaves at least two residual degrees of freedom.
   */
  @Override
  public int minHistory() {
    if (automatic) {
      return 6;
    }
    return fixedD + 2 * fixedP + fixedQ + (fixedConstant ? 1 : 0) + 2;
  }

  /**
   * Returns the settings, e.g. {@code "arima(m=12, auto: d<=2 kpss, p<=5, q<=2, stepwise aicc,
   * css)"} or {@code "arima(order=(1,1,1), constant=false, css)"}.
   */
  @Override
  public String spec() {
    if (automatic) {
      return String.format(
          "%s(m=%d, auto: d<=%d kpss, p<=%d, q<=%d, stepwise aicc, css)",
          NAME, period, MAX_D, MAX_P, MAX_Q);
    }
    if (adjust) {
      return String.format(
          "%s(m=%d, order=(%d,%d,%d), constant=%s, css)",
          NAME, period, fixedP, fixedD, fixedQ, fixedConstant);
    }
    return String.format(
        "%s(order=(%d,%d,%d), constant=%s, css)", NAME, fixedP, fixedD, fixedQ, fixedConstant);
  }

  /**
   * Returns, for a fit of the automatic method, the same seasonal adjustment rule with the chosen
   * orders (p, d, q) and constant fixed, so that backtest windows re-estimate only the
   * coefficients; a fixed-order method returns itself.
   */
  @Override
  public Forecaster forBacktest(FittedForecaster fitted) {
    if (automatic && fitted instanceof Fitted f) {
      return new Arima(period, f.model.p, f.d, f.model.q, f.model.hasConstant, true);
    }
    return this;
  }

  /**
   * Returns, for a fit of this class, a forecaster that keeps its seasonal adjustment (kind and
   * indices or components, aligned by period index), differences d, constant and AR/MA
   * coefficients, and only recomputes the CSS residuals over each training prefix before
   * forecasting as the fit does: one pass over the data per window instead of a CSS estimation.
   * The windows' forecasts are in-sample: the estimates have seen the windows' test periods. Any
   * other fit gets {@link #forBacktest}.
   */
  @Override
  public Forecaster refiltered(FittedForecaster fitted) {
    if (fitted instanceof Fitted f) {
      return new Refiltered(spec(), f);
    }
    return forBacktest(fitted);
  }

  @Override
  public String toString() {
    return spec();
  }

  /**
   * Fits the model.
   *
   * @param history one value per period (units per period), oldest first, length at least {@link
   *     #minHistory()}; not mutated
   * @return a model whose parameters are {@code seasonal} (0 none, 1 multiplicative, 2 additive),
   *     {@code p}, {@code d}, {@code q}, {@code constant} (c, 0 when not estimated), {@code
   *     ar1..arp}, {@code ma1..maq}, {@code sigma2}, {@code aicc} (NaN for a fixed order without
   *     enough data for it), {@code hannan_rissanen_start} (1 when the CSS minimum was
   *     reached from the Hannan-Rissanen estimate built on Smile's long autoregression, 0 when
   *     from zero coefficients or for a pure AR model), {@code iterations} (optimisation steps)
   *     and, when adjusted, the indices or components {@code s1..sm}. A history whose d-th
   *     difference is constant (a constant or an exact line) is extrapolated exactly with
   *     sigma2 = 0.
   * @throws IllegalArgumentException for a null, too short or non-finite history
   * @throws ModelFitException if no candidate model gives a finite, stationary and invertible fit
   */
  @Override
  public FittedForecaster fit(double[] history) {
    double[] y = Histories.validatedCopy(NAME, history, minHistory());
    int n = y.length;
    int seasonalKind = 0;
    double[] seasonal = null;
    double[] x = y;
    if (adjust && SeasonalDecomposition.isSeasonal(y, period)) {
      if (SeasonalDecomposition.allPositive(y)) {
        seasonalKind = 1;
        seasonal = SeasonalDecomposition.seasonalIndices(y, period);
        x = SeasonalDecomposition.deseasonalize(y, seasonal);
      } else {
        seasonalKind = 2;
        seasonal = SeasonalDecomposition.additiveSeasonalComponents(y, period);
        x = SeasonalDecomposition.deseasonalizeAdditive(y, seasonal);
      }
    }
    int d = automatic ? Kpss.differences(x, MAX_D) : fixedD;
    double[] lastLevels = new double[d];
    double[] w = x;
    for (int k = 0; k < d; k++) {
      lastLevels[k] = w[w.length - 1];
      double[] next = new double[w.length - 1];
      for (int t = 0; t < next.length; t++) {
        next[t] = w[t + 1] - w[t];
      }
      w = next;
    }
    Candidate model;
    if (Kpss.isConstant(w)) {
      // An exact line (d >= 1) or a constant: w is reproduced without error.
      model = Candidate.exact(w[0], d == 0 || w[0] != 0.0);
    } else if (automatic) {
      model = new Search(w, d).run();
    } else {
      // a backtest refit of an automatic fit starts from the Hannan-Rissanen estimates only
      Workspace workspace = new Workspace(w, fixedP, 1 + fixedP + fixedQ, fixedQ, !adjust);
      model = workspace.fit(fixedP, fixedQ, fixedConstant, true);
      if (model == null) {
        throw new ModelFitException(
            String.format(
                "%s: ARIMA(%d,%d,%d) has no stationary, invertible CSS fit (length %d)",
                NAME, fixedP, fixedD, fixedQ, n));
      }
    }
    return new Fitted(model, w, d, lastLevels, seasonalKind, seasonal, n);
  }

  /** One fitted candidate: coefficients, residuals at the end of the sample and criteria. */
  static final class Candidate implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    final int p;
    final int q;
    final boolean hasConstant;
    final double constant;
    final double[] ar;
    final double[] ma;
    final double sse;
    final int residualCount;
    final double aicc;
    final boolean fromHannanRissanen;
    final int iterations;
    /** The last q residuals, oldest first (empty when q = 0). */
    final double[] lastResiduals;

    Candidate(
        int p,
        int q,
        boolean hasConstant,
        double constant,
        double[] ar,
        double[] ma,
        double sse,
        int residualCount,
        double aicc,
        boolean fromHannanRissanen,
        int iterations,
        double[] lastResiduals) {
      this.p = p;
      this.q = q;
      this.hasConstant = hasConstant;
      this.constant = constant;
      this.ar = ar;
      this.ma = ma;
      this.sse = sse;
      this.residualCount = residualCount;
      this.aicc = aicc;
      this.fromHannanRissanen = fromHannanRissanen;
      this.iterations = iterations;
      this.lastResiduals = lastResiduals;
    }

    static Candidate exact(double constant, boolean hasConstant) {
      return new Candidate(
          0,
          0,
          hasConstant,
          hasConstant ? constant : 0.0,
          new double[0],
          new double[0],
          0.0,
          0,
          Double.NaN,
          false,
          0,
          new double[0]);
    }
  }

  /**
   * The stepwise search of Hyndman and Khandakar (2008) over p in 0..pMax, q in 0..qMax and, for
   * d = 1, with or without drift; every model is fitted at most once.
   */
  private static final class Search {
    private final int d;
    private final int pMax;
    private final int qMax;
    private final Workspace workspace;
    private final Candidate[][][] fitted;
    private final boolean[][][] tried;

    Search(double[] w, int d) {
      this.d = d;
      int conditioning = Math.max(0, Math.min(MAX_P, (w.length - 4) / 3));
      this.pMax = conditioning;
      this.qMax = MAX_Q;
      this.workspace = new Workspace(w, conditioning, 1 + pMax + qMax, qMax, false);
      this.fitted = new Candidate[pMax + 1][qMax + 1][2];
      this.tried = new boolean[pMax + 1][qMax + 1][2];
    }

    Candidate run() {
      boolean defaultConstant = d <= 1;
      Candidate best = null;
      int[][] starts = {{2, 2}, {0, 0}, {1, 0}, {0, 1}};
      for (int[] start : starts) {
        best = better(best, candidate(start[0], start[1], defaultConstant));
      }
      if (d == 1) {
        best = better(best, candidate(0, 0, false));
      }
      if (best == null) {
        // Very short series: fall back to the smallest models.
        best = better(best, candidate(0, 0, d == 0));
      }
      if (best == null) {
        throw new ModelFitException(
            String.format(
                "%s: no ARIMA(p,%d,q) candidate could be fitted to %d differenced values",
                NAME, d, workspace.n));
      }
      int[][] moves = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}, {-1, -1}, {1, 1}, {-1, 1}, {1, -1}};
      boolean improved = true;
      while (improved) {
        improved = false;
        for (int[] move : moves) {
          Candidate next = candidate(best.p + move[0], best.q + move[1], best.hasConstant);
          if (next != null && next.aicc < best.aicc) {
            best = next;
            improved = true;
            break;
          }
        }
        if (!improved && d == 1) {
          Candidate toggled = candidate(best.p, best.q, !best.hasConstant);
          if (toggled != null && toggled.aicc < best.aicc) {
            best = toggled;
            improved = true;
          }
        }
      }
      if (best.q == 0) {
        return best; // pure AR fits are already exact
      }
      Candidate refined = workspace.fit(best.p, best.q, best.hasConstant, true);
      return refined != null && refined.sse <= best.sse ? refined : best;
    }

    private static Candidate better(Candidate a, Candidate b) {
      if (a == null) {
        return b;
      }
      if (b == null) {
        return a;
      }
      return b.aicc < a.aicc ? b : a;
    }

    /** Fits (p, q, constant) once; null when out of range, too large for the data or rejected. */
    private Candidate candidate(int p, int q, boolean constant) {
      if (p < 0 || q < 0 || p > pMax || q > qMax || (constant && d == 2)) {
        return null;
      }
      int c = constant ? 1 : 0;
      if (!tried[p][q][c]) {
        tried[p][q][c] = true;
        Candidate result = workspace.fit(p, q, constant, false);
        fitted[p][q][c] = result != null && !Double.isNaN(result.aicc) ? result : null;
      }
      return fitted[p][q][c];
    }
  }

  /**
   * Buffers for CSS fits on one differenced series, reused by every candidate: residuals, their
   * derivatives with respect to each parameter, and the normal equations.
   */
  static final class Workspace {
    /** The differenced series divided by {@link #scale} (models without constant). */
    private final double[] scaled;
    /** The differenced series minus its mean, divided by {@link #scale} (models with constant). */
    private final double[] centered;
    private final double mean;
    private final double scale;
    /** The series the current fit works on: {@link #scaled} or {@link #centered}. */
    private double[] w;
    final int n;
    /** Residuals enter the sum of squares from this index on, for every candidate. */
    final int conditioning;
    private final double[] residuals;
    private final double[] trialResiduals;
    private final double[][] jacobian;
    /** second[l][b][t] = d² e[t] / d theta_l d beta_b (zero when neither is an MA parameter). */
    private final double[][][] second;
    private final double[] hessian;
    private final double[] normal;
    private final double[] gradient;
    private final double[] step;
    private final double[] trial;
    private final double[] factor;
    private final double[] reflection;
    private final int maxMa;
    /** Whether {@link #fit} with refine also optimises from zero coefficients. */
    private final boolean bothStarts;

    Workspace(
        double[] series, int conditioning, int maxParameters, int maxMa, boolean bothStarts) {
      this.bothStarts = bothStarts;
      this.n = series.length;
      double sum = 0.0;
      for (double v : series) {
        sum += v;
      }
      this.mean = sum / n;
      double squares = 0.0;
      for (double v : series) {
        squares += (v - mean) * (v - mean);
      }
      double sd = Math.sqrt(squares / n);
      // Centring and scaling keep the normal equations well conditioned (e.g. a level of 579
      // with a standard deviation of 1.3); the coefficients are unchanged by them.
      this.scale = sd > 0.0 ? sd : 1.0;
      this.scaled = new double[n];
      this.centered = new double[n];
      for (int t = 0; t < n; t++) {
        scaled[t] = series[t] / scale;
        centered[t] = (series[t] - mean) / scale;
      }
      this.conditioning = conditioning;
      this.residuals = new double[n];
      this.trialResiduals = new double[n];
      this.jacobian = new double[maxParameters][n];
      this.second = new double[maxMa][maxParameters][n];
      this.hessian = new double[maxParameters * maxParameters];
      this.normal = new double[maxParameters * maxParameters];
      this.gradient = new double[maxParameters];
      this.step = new double[maxParameters];
      this.trial = new double[maxParameters];
      this.factor = new double[maxParameters * maxParameters];
      this.reflection = new double[2 * maxParameters];
      this.maxMa = maxMa;
    }

    /**
     * Fits ARMA(p, q) with or without constant; null if the data are too few, the fit is not
     * finite, or the result is non-stationary or non-invertible.
     *
     * @param refine false for the quick fit used while searching (pure AR: exact least squares;
     *     otherwise the Hannan-Rissanen estimate, improved by at most {@link #SEARCH_ITERATIONS}
     *     Newton / Levenberg-Marquardt steps); true to minimise the CSS to convergence from the
     *     Hannan-Rissanen estimate (or zero coefficients when there is none) and, if {@link
     *     #bothStarts}, from both, keeping the lower minimum (CSS surfaces of mixed models can
     *     have several)
     */
    Candidate fit(int p, int q, boolean constant, boolean refine) {
      int c = constant ? 1 : 0;
      int k = c + p + q;
      int start = Math.max(p, conditioning);
      int count = n - start;
      if (count - k < 1) {
        return null;
      }
      w = constant ? centered : scaled;
      double[] beta = new double[k];
      double sse;
      int iterations;
      boolean fromHannanRissanen = false;
      if (q == 0) {
        // Linear in the parameters: one Gauss-Newton step from zero is the least squares fit.
        sse = minimise(beta, p, q, c, start, MAX_ITERATIONS);
        iterations = lastIterations;
      } else {
        double[] hr = new double[k];
        boolean hrUsable = hannanRissanen(p, q, c, hr);
        if (!refine) {
          if (hrUsable) {
            System.arraycopy(hr, 0, beta, 0, k);
            fromHannanRissanen = true;
          }
          // Without a Hannan-Rissanen estimate (too short, or not invertible) the model is judged
          // at zero MA coefficients, which in effect leaves it to the simpler models.
          sse = minimise(beta, p, q, c, start, SEARCH_ITERATIONS);
          iterations = lastIterations;
        } else {
          sse = Double.POSITIVE_INFINITY;
          iterations = 0;
          if (!hrUsable || bothStarts) {
            sse = minimise(beta, p, q, c, start, MAX_ITERATIONS);
            iterations = lastIterations;
          }
          if (hrUsable) {
            double hrSse = minimise(hr, p, q, c, start, MAX_ITERATIONS);
            if (hrSse < sse) {
              sse = hrSse;
              beta = hr;
              iterations = lastIterations;
              fromHannanRissanen = true;
            }
          }
        }
      }
      if (!Double.isFinite(sse) || !admissible(beta, p, q, c)) {
        return null;
      }
      sse = sumOfSquares(beta, p, q, c, start, residuals) * scale * scale;
      double aicc = aicc(sse, count, k);
      double[] ar = Arrays.copyOfRange(beta, c, c + p);
      double[] ma = Arrays.copyOfRange(beta, c + p, k);
      double[] last = Arrays.copyOfRange(residuals, n - q, n);
      for (int i = 0; i < q; i++) {
        last[i] *= scale;
      }
      double originalConstant = 0.0;
      if (constant) {
        // z = (w - mean) / scale: w[t] = scale c_z + mean (1 - sum phi) + sum phi w[t-i] + ...
        double arSum = 0.0;
        for (double a : ar) {
          arSum += a;
        }
        originalConstant = scale * beta[0] + mean * (1.0 - arSum);
      }
      return new Candidate(
          p,
          q,
          constant,
          originalConstant,
          ar,
          ma,
          sse,
          count,
          aicc,
          fromHannanRissanen,
          iterations,
          last);
    }

    /** Iterations used by the last {@link #minimise} call. */
    private int lastIterations;

    /**
     * Minimises the CSS from {@code beta} in place: a Newton step with the exact Hessian when it
     * is positive definite and lowers the CSS, otherwise Levenberg-Marquardt steps on the
     * Gauss-Newton matrix; every accepted point is stationary and invertible.
     *
     * @return the CSS (on the scaled series) at the final {@code beta}
     */
    private double minimise(double[] beta, int p, int q, int c, int start, int maxIterations) {
      int k = beta.length;
      double sse = residualsAndJacobian(beta, p, q, c, start, false);
      int iterations = 0;
      if (Double.isFinite(sse) && sse > 0.0) {
        double lambda = 0.0;
        while (iterations < maxIterations) {
          iterations++;
          residualsAndJacobian(beta, p, q, c, start, true);
          normalEquations(k, start);
          boolean accepted = false;
          double trialSse = Double.NaN;
          double usedLambda = lambda;
          if (q > 0) {
            // Newton step with the exact Hessian J'J + sum e H(e); used when it is positive
            // definite and lowers the CSS (near the minimum: quadratic convergence, where
            // Gauss-Newton alone converges only linearly for these large-residual problems).
            secondDerivatives(beta, p, q, c, start);
            if (solveDamped(hessian, k, 0.0)) {
              for (int i = 0; i < k; i++) {
                trial[i] = beta[i] + step[i];
              }
              if (admissible(trial, p, q, c)) {
                trialSse = sumOfSquares(trial, p, q, c, start, trialResiduals);
                accepted = trialSse <= sse;
              }
            }
          }
          while (!accepted && lambda <= 1e10) {
            usedLambda = lambda;
            if (solveDamped(normal, k, lambda)) {
              for (int i = 0; i < k; i++) {
                trial[i] = beta[i] + step[i];
              }
              if (admissible(trial, p, q, c)) {
                trialSse = sumOfSquares(trial, p, q, c, start, trialResiduals);
                accepted = trialSse <= sse;
              }
            }
            if (!accepted) {
              lambda = lambda == 0.0 ? 1e-4 : lambda * 10.0;
            }
          }
          if (!accepted) {
            break; // no damped step lowers the CSS: at a minimum (or stuck at the boundary)
          }
          System.arraycopy(trial, 0, beta, 0, k);
          double previous = sse;
          sse = trialSse;
          lambda = lambda < 1e-6 ? 0.0 : lambda / 10.0;
          if ((q == 0 && usedLambda == 0.0)
              || previous - sse <= RELATIVE_TOLERANCE * previous
              || sse == 0.0) {
            // Pure AR: the model is linear in its parameters, one undamped Gauss-Newton step is
            // the least squares solution.
            break;
          }
        }
      }
      lastIterations = iterations;
      return sse;
    }

    /**
     * Hannan-Rissanen estimate (Hannan and Rissanen 1982): least squares of {@code w[t]} on a
     * constant (if c = 1), {@code w[t-1..t-p]} and the long-autoregression residuals {@code
     * a[t-1..t-q]} from {@link #longAutoregression()}. Writes the estimate into {@code beta};
     * false (beta untouched) if the series is too short, the regression singular or the estimate
     * non-stationary or non-invertible.
     */
    private boolean hannanRissanen(int p, int q, int c, double[] beta) {
      double[] a = longAutoregression();
      if (a == null) {
        return false;
      }
      int k = c + p + q;
      int first = longArOrder + Math.max(p, q);
      if (n - first < k + 2) {
        return false;
      }
      double[] row = trial; // scratch of length >= k
      Arrays.fill(normal, 0, k * k, 0.0);
      Arrays.fill(gradient, 0, k, 0.0);
      for (int t = first; t < n; t++) {
        if (c == 1) {
          row[0] = 1.0;
        }
        for (int i = 0; i < p; i++) {
          row[c + i] = w[t - 1 - i];
        }
        for (int j = 0; j < q; j++) {
          row[c + p + j] = a[t - 1 - j];
        }
        double target = w[t];
        for (int i = 0; i < k; i++) {
          double ri = row[i];
          gradient[i] -= ri * target;
          for (int j = 0; j <= i; j++) {
            normal[i * k + j] += ri * row[j];
          }
        }
      }
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < i; j++) {
          normal[j * k + i] = normal[i * k + j];
        }
      }
      if (!solveDamped(normal, k, 0.0) || !admissible(step, p, q, c)) {
        return false;
      }
      System.arraycopy(step, 0, beta, 0, k);
      return true;
    }

    /** Order of the long autoregression; 0 when the series is too short for it. */
    private int longArOrder = -1;

    private double[] longResiduals;

    /**
     * Residuals of a long AR(L) fitted by Smile's Yule-Walker estimator ({@link AR#fit(double[],
     * int)}) to the centred series, computed once per series: index t holds the residual of
     * period t (0 for t &lt; L). L = min(20 + the largest MA order, (n - 1) / 3), as Smile's own
     * Hannan-Rissanen uses p + q + 20. Null when L &lt; 1 or Smile fails.
     */
    private double[] longAutoregression() {
      if (longArOrder >= 0) {
        return longResiduals;
      }
      longArOrder = Math.min(20 + maxMa, (n - 1) / 3);
      if (longArOrder < 1) {
        return null;
      }
      AR model;
      try {
        model = AR.fit(centered, longArOrder);
      } catch (RuntimeException e) { // singular Toeplitz system on degenerate series
        longArOrder = 0;
        return null;
      }
      double[] fitted = model.residuals();
      double[] full = new double[n];
      System.arraycopy(fitted, 0, full, longArOrder, n - longArOrder);
      for (double v : full) {
        if (!Double.isFinite(v)) {
          longArOrder = 0;
          return null;
        }
      }
      // The innovations are the same whether or not the model has a constant.
      longResiduals = full;
      return longResiduals;
    }

    /**
     * CSS residuals e[t] for t >= p (e[t] = 0 before) and, if asked, their derivatives; returns
     * the sum of squares over t >= start.
     */
    private double residualsAndJacobian(
        double[] beta, int p, int q, int c, int start, boolean withJacobian) {
      double sse = sumOfSquares(beta, p, q, c, start, residuals);
      if (!withJacobian) {
        return sse;
      }
      int k = c + p + q;
      for (int j = 0; j < k; j++) {
        Arrays.fill(jacobian[j], 0, p, 0.0);
      }
      for (int t = p; t < n; t++) {
        for (int j = 0; j < k; j++) {
          double direct;
          if (j < c) {
            direct = -1.0;
          } else if (j < c + p) {
            direct = -w[t - 1 - (j - c)];
          } else {
            int lag = j - c - p + 1;
            direct = t - lag >= 0 ? -residuals[t - lag] : 0.0;
          }
          double[] column = jacobian[j];
          for (int i = 0; i < q; i++) {
            int s = t - 1 - i;
            if (s >= p) {
              direct -= beta[c + p + i] * column[s];
            }
          }
          column[t] = direct;
        }
      }
      return sse;
    }

    /** Fills e[t] for the given parameters and returns the sum of squares over t >= start. */
    double sumOfSquares(double[] beta, int p, int q, int c, int start, double[] e) {
      double constant = c == 1 ? beta[0] : 0.0;
      Arrays.fill(e, 0, p, 0.0);
      double sse = 0.0;
      for (int t = p; t < n; t++) {
        double v = w[t] - constant;
        for (int i = 0; i < p; i++) {
          v -= beta[c + i] * w[t - 1 - i];
        }
        for (int i = 0; i < q; i++) {
          int s = t - 1 - i;
          if (s >= p) {
            v -= beta[c + p + i] * e[s];
          }
        }
        e[t] = v;
        if (t >= start) {
          sse += v * v;
        }
      }
      return Double.isFinite(sse) ? sse : Double.POSITIVE_INFINITY;
    }

    /** normal = J'J and gradient = J'e over t >= start. */
    private void normalEquations(int k, int start) {
      for (int a = 0; a < k; a++) {
        double[] ja = jacobian[a];
        double g = 0.0;
        for (int t = start; t < n; t++) {
          g += ja[t] * residuals[t];
        }
        gradient[a] = g;
        for (int b = 0; b <= a; b++) {
          double[] jb = jacobian[b];
          double s = 0.0;
          for (int t = start; t < n; t++) {
            s += ja[t] * jb[t];
          }
          normal[a * k + b] = s;
          normal[b * k + a] = s;
        }
      }
    }

    /**
     * Second derivatives of the residuals with respect to (theta_l, beta_b), by differentiating
     * the recursion of the first derivatives, and hessian = J'J + sum_t e[t] d²e[t] over t >=
     * start. Only pairs involving an MA coefficient are non-zero.
     */
    private void secondDerivatives(double[] beta, int p, int q, int c, int start) {
      int k = c + p + q;
      System.arraycopy(normal, 0, hessian, 0, k * k);
      for (int l = 0; l < q; l++) {
        double[] ownColumn = jacobian[c + p + l];
        for (int b = 0; b < k; b++) {
          double[] column = second[l][b];
          double[] jb = jacobian[b];
          int maOfB = b - c - p; // index of b among the MA coefficients, or negative
          Arrays.fill(column, 0, p, 0.0);
          double curvature = 0.0;
          for (int t = p; t < n; t++) {
            double v = 0.0;
            int s = t - 1 - l;
            if (s >= p) {
              v -= jb[s];
            }
            if (maOfB >= 0) {
              int r = t - 1 - maOfB;
              if (r >= p) {
                v -= ownColumn[r];
              }
            }
            for (int j = 0; j < q; j++) {
              int r = t - 1 - j;
              if (r >= p) {
                v -= beta[c + p + j] * column[r];
              }
            }
            column[t] = v;
            if (t >= start) {
              curvature += residuals[t] * v;
            }
          }
          int a = c + p + l;
          if (b < c + p) {
            hessian[a * k + b] += curvature;
            hessian[b * k + a] += curvature;
          } else {
            // MA-MA pairs are computed from both sides; each side adds half.
            hessian[a * k + b] += 0.5 * curvature;
            hessian[b * k + a] += 0.5 * curvature;
          }
        }
      }
    }

    /**
     * Solves (matrix + lambda diag(J'J)) step = -J'e by Cholesky; false if not positive definite.
     */
    private boolean solveDamped(double[] matrix, int k, double lambda) {
      return DampedNormalEquations.solve(matrix, normal, gradient, factor, step, k, lambda);
    }

    /** AR part stationary and MA part invertible. */
    private boolean admissible(double[] beta, int p, int q, int c) {
      return Arima.isStationary(beta, c, p, 1.0, reflection)
          && Arima.isStationary(beta, c + p, q, -1.0, reflection);
    }
  }

  /**
   * Tests whether {@code 1 - sign * (a_1 z + ... + a_k z^k)}, with {@code a_i = coefficients[offset
   * + i - 1]}, has all roots outside the unit circle, by the Levinson-Durbin step-down recursion:
   * true iff every partial autocorrelation has modulus below 1 (sign 1 for an AR polynomial, -1 for
   * the MA polynomial {@code 1 + theta_1 z + ...}).
   */
  static boolean isStationary(
      double[] coefficients, int offset, int k, double sign, double[] buffer) {
    if (k == 0) {
      return true;
    }
    double[] a = buffer.length >= 2 * k ? buffer : new double[2 * k];
    for (int i = 0; i < k; i++) {
      a[i] = sign * coefficients[offset + i];
    }
    for (int order = k; order >= 1; order--) {
      double r = a[order - 1];
      if (!(Math.abs(r) < 1.0)) {
        return false;
      }
      double scale = 1.0 - r * r;
      for (int j = 0; j < order - 1; j++) {
        a[k + j] = (a[j] + r * a[order - 2 - j]) / scale;
      }
      System.arraycopy(a, k, a, 0, order - 1);
    }
    return true;
  }

  /** AICc from the conditional Gaussian log-likelihood of {@code count} residuals. */
  static double aicc(double sse, int count, int parameters) {
    int denominator = count - parameters - 2;
    if (denominator <= 0 || !(sse > 0.0)) {
      return sse == 0.0 && denominator > 0 ? Double.NEGATIVE_INFINITY : Double.NaN;
    }
    double sigma2 = sse / count;
    double minus2LogLik = count * (Math.log(2.0 * Math.PI * sigma2) + 1.0);
    int kk = parameters + 1;
    return minus2LogLik + 2.0 * kk + 2.0 * kk * (kk + 1) / denominator;
  }

  /** The selected model with the end of the differenced series, ready to forecast. */
  private static final class Fitted implements FittedForecaster, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final Candidate model;
    private final int d;
    private final double[] lastW;
    private final double[] lastLevels;
    private final int seasonalKind;
    private final double[] seasonal;
    private final int historyLength;
    private final double sigma2;
    private final Map<String, Double> parameters;

    Fitted(
        Candidate model,
        double[] w,
        int d,
        double[] lastLevels,
        int seasonalKind,
        double[] seasonal,
        int historyLength) {
      this.model = model;
      this.d = d;
      this.lastW = Arrays.copyOfRange(w, w.length - model.p, w.length);
      this.lastLevels = lastLevels;
      this.seasonalKind = seasonalKind;
      this.seasonal = seasonal;
      this.historyLength = historyLength;
      int parameters = model.p + model.q + (model.hasConstant ? 1 : 0);
      int degreesOfFreedom = model.residualCount - parameters;
      this.sigma2 = degreesOfFreedom <= 0 ? 0.0 : model.sse / degreesOfFreedom;
      Map<String, Double> params = new LinkedHashMap<>();
      params.put("seasonal", (double) seasonalKind);
      params.put("p", (double) model.p);
      params.put("d", (double) d);
      params.put("q", (double) model.q);
      params.put("constant", model.constant);
      for (int i = 0; i < model.p; i++) {
        params.put("ar" + (i + 1), model.ar[i]);
      }
      for (int i = 0; i < model.q; i++) {
        params.put("ma" + (i + 1), model.ma[i]);
      }
      params.put("sigma2", sigma2);
      params.put("aicc", model.aicc);
      params.put("hannan_rissanen_start", model.fromHannanRissanen ? 1.0 : 0.0);
      params.put("iterations", (double) model.iterations);
      if (seasonal != null) {
        for (int i = 0; i < seasonal.length; i++) {
          params.put("s" + (i + 1), seasonal[i]);
        }
      }
      this.parameters = Histories.frozen(params);
    }

    /** {@code whole} with the end of another history: every estimate and parameter shared. */
    private Fitted(
        Fitted whole, double[] lastW, double[] lastResiduals, double[] lastLevels, int length) {
      Candidate m = whole.model;
      this.model =
          new Candidate(
              m.p,
              m.q,
              m.hasConstant,
              m.constant,
              m.ar,
              m.ma,
              m.sse,
              m.residualCount,
              m.aicc,
              m.fromHannanRissanen,
              m.iterations,
              lastResiduals);
      this.d = whole.d;
      this.lastW = lastW;
      this.lastLevels = lastLevels;
      this.seasonalKind = whole.seasonalKind;
      this.seasonal = whole.seasonal;
      this.historyLength = length;
      this.sigma2 = whole.sigma2;
      this.parameters = whole.parameters;
    }

    /**
     * Re-runs this model's filter over another history, keeping every estimate: the same seasonal
     * adjustment (by period index, so the history must start at the period the fitted one started
     * at), d differences, then the CSS residuals {@code e[t] = w[t] - c - sum phi_i w[t-i] - sum
     * theta_j e[t-j]} from {@code t = p} with earlier residuals 0, as in the fit. Run over the
     * fitted history it reproduces this model's forecasts to rounding (the fit computes its
     * residuals on the centred and scaled series).
     *
     * @param history one value per period (units per period), oldest first, finite, length at
     *     least {@code d + p + q + 1}; not mutated
     * @return a model with this model's coefficients, {@link #parameters()} (those of the
     *     whole-history fit) and variance, forecasting from the end of {@code history}
     * @throws IllegalArgumentException for a null, too short or non-finite history
     */
    Fitted refiltered(double[] history) {
      int p = model.p;
      int q = model.q;
      double[] y = Histories.validatedCopy(NAME, history, d + p + q + 1);
      double[] w = y;
      if (seasonalKind == 1) {
        w = SeasonalDecomposition.deseasonalize(y, seasonal);
      } else if (seasonalKind == 2) {
        w = SeasonalDecomposition.deseasonalizeAdditive(y, seasonal);
      }
      // Differences in place (w is a copy): w[0..n) holds the d-th difference.
      int n = w.length;
      double[] levels = new double[d];
      for (int k = 0; k < d; k++) {
        levels[k] = w[n - 1];
        for (int t = 0; t < n - 1; t++) {
          w[t] = w[t + 1] - w[t];
        }
        n--;
      }
      double[] residuals = new double[q == 0 ? 0 : n];
      for (int t = q == 0 ? n : p; t < n; t++) {
        double v = w[t] - model.constant;
        for (int i = 0; i < p; i++) {
          v -= model.ar[i] * w[t - 1 - i];
        }
        for (int i = 0; i < q; i++) {
          int s = t - 1 - i;
          if (s >= p) {
            v -= model.ma[i] * residuals[s];
          }
        }
        residuals[t] = v;
      }
      return new Fitted(
          this,
          Arrays.copyOfRange(w, n - p, n),
          Arrays.copyOfRange(residuals, residuals.length - q, residuals.length),
          levels,
          y.length);
    }

    @Override
    public String model() {
      return NAME;
    }

    @Override
    public double[] forecast(int horizon) {
      return forecasts(horizon)[1];
    }

    /**
     * Splits the forecast into {@code adjusted}, the ARIMA forecast of the seasonally adjusted
     * series, and, when the series was adjusted, {@code season}: the seasonal adjustment put back,
     * {@code adjusted (s - 1)} for a multiplicative index s of the target period, or the additive
     * component.
     */
    @Override
    public Optional<ForecastComponents> components(int horizon) {
      double[][] forecasts = forecasts(horizon);
      ForecastComponents.Builder b =
          ForecastComponents.builder(horizon).add("adjusted", forecasts[0]);
      if (seasonalKind != 0) {
        double[] season = new double[horizon];
        for (int h = 0; h < horizon; h++) {
          season[h] = forecasts[1][h] - forecasts[0][h];
        }
        b.add("season", season);
      }
      return Optional.of(b.build());
    }

    /** {the forecast of the adjusted series, the forecast}. */
    private double[][] forecasts(int horizon) {
      Histories.requireHorizon(horizon);
      int p = model.p;
      int q = model.q;
      // history[0..p-1] = last p values of w; errors[0..q-1] = last q residuals; then forecasts.
      double[] values = new double[p + horizon];
      System.arraycopy(lastW, 0, values, 0, p);
      double[] forecast = new double[horizon];
      for (int h = 0; h < horizon; h++) {
        double v = model.constant;
        for (int i = 0; i < p; i++) {
          v += model.ar[i] * values[p + h - 1 - i];
        }
        for (int j = h; j < q; j++) {
          // e[n + h - 1 - j] is a past residual when h - 1 - j < 0.
          v += model.ma[j] * model.lastResiduals[q - 1 - (j - h)];
        }
        values[p + h] = v;
        forecast[h] = v;
      }
      for (int level = d - 1; level >= 0; level--) {
        double running = lastLevels[level];
        for (int h = 0; h < horizon; h++) {
          running += forecast[h];
          forecast[h] = running;
        }
      }
      double[] adjusted = forecast.clone();
      if (seasonalKind == 1) {
        SeasonalDecomposition.reseasonalizeInPlace(forecast, seasonal, historyLength);
      } else if (seasonalKind == 2) {
        SeasonalDecomposition.reseasonalizeAdditiveInPlace(forecast, seasonal, historyLength);
      }
      for (double f : forecast) {
        if (!Double.isFinite(f)) {
          throw new ModelFitException(
              String.format(
                  "%s: ARIMA(%d,%d,%d) produced a non-finite forecast (length %d)",
                  NAME, p, d, q, historyLength));
        }
      }
      return new double[][] {adjusted, forecast};
    }

    @Override
    public Optional<double[]> forecastVariance(int horizon) {
      Histories.requireHorizon(horizon);
      double[] psi = psiWeights(model.ar, model.ma, d, horizon);
      double[] variance = new double[horizon];
      double cumulative = 0.0;
      for (int h = 0; h < horizon; h++) {
        cumulative += psi[h] * psi[h];
        double v = sigma2 * cumulative;
        if (seasonalKind == 1) {
          double index = seasonal[(historyLength + h) % seasonal.length];
          v *= index * index;
        }
        variance[h] = v;
      }
      return Optional.of(variance);
    }

    @Override
    public Map<String, Double> parameters() {
      return parameters;
    }
  }

  /**
   * The forecaster of {@link #refiltered}: fits a history by {@link Fitted#refiltered} of the
   * whole-history fit (serializable, as {@link Fitted} and {@link Candidate} are for it).
   */
  private record Refiltered(String methodSpec, Fitted whole) implements Forecaster {
    @Override
    public String name() {
      return NAME;
    }

    /** Returns {@code d + p + q + 1}: q + 1 residuals after the p conditioning values. */
    @Override
    public int minHistory() {
      return whole.d + whole.model.p + whole.model.q + 1;
    }

    /** Returns the method's spec, then {@code " refiltered: "} and the fit's parameters. */
    @Override
    public String spec() {
      return methodSpec + " refiltered: " + whole.parameters();
    }

    @Override
    public FittedForecaster fit(double[] history) {
      return whole.refiltered(history);
    }
  }

  /**
   * The first {@code count} psi weights of {@code theta(B) / (phi(B) (1 - B)^d)}: psi_0 = 1 and
   * {@code psi_j = theta_j + sum_{i=1}^{min(j, p+d)} Phi_i psi_{j-i}}, where {@code 1 - Phi_1 B -
   * ... = phi(B) (1 - B)^d}.
   */
  static double[] psiWeights(double[] ar, double[] ma, int d, int count) {
    // Coefficients of phi(B)(1-B)^d as a polynomial 1 + a_1 B + ... (a_i = -Phi_i).
    double[] poly = new double[ar.length + d + 1];
    poly[0] = 1.0;
    for (int i = 0; i < ar.length; i++) {
      poly[i + 1] = -ar[i];
    }
    int degree = ar.length;
    for (int k = 0; k < d; k++) {
      for (int i = degree + 1; i >= 1; i--) {
        poly[i] -= poly[i - 1];
      }
      degree++;
    }
    double[] psi = new double[count];
    psi[0] = 1.0;
    for (int j = 1; j < count; j++) {
      double v = j <= ma.length ? ma[j - 1] : 0.0;
      for (int i = 1; i <= Math.min(j, degree); i++) {
        v -= poly[i] * psi[j - i];
      }
      psi[j] = v;
    }
    return psi;
  }
}
