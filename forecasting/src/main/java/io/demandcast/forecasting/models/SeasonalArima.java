package io.demandcast.forecasting.models;

import io.demandcast.forecasting.FittedForecaster;
import io.demandcast.forecasting.Forecaster;
import io.demandcast.forecasting.Histories;
import io.demandcast.forecasting.ModelFitException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Seasonal ARIMA(p, d, q)(P, D, Q)_m with automatic order selection in the manner of R's {@code
 * forecast::auto.arima}.
 *
 * <p><b>Model</b> (Box, Jenkins, Reinsel and Ljung 2015, chapter 9). With {@code w = (1 - B)^d (1 -
 * B^m)^D y} the differenced series, {@code phi(B) Phi(B^m) w[t] = c + theta(B) Theta(B^m) e[t]},
 * where {@code phi(B) = 1 - phi_1 B - ... - phi_p B^p}, {@code Phi(B^m) = 1 - Phi_1 B^m - ... -
 * Phi_P B^(Pm)}, {@code theta(B) = 1 + theta_1 B + ... + theta_q B^q}, {@code Theta(B^m) = 1 +
 * Theta_1 B^m + ... + Theta_Q B^(Qm)} (R's sign conventions) and e is white noise of variance
 * sigma². The constant c is {@code phi(1) Phi(1)} times the mean of w: the mean of y when d + D =
 * 0, the drift per period (times m when D = 1) when d + D = 1; it is not used when d + D &ge; 2.
 *
 * <p><b>Estimation.</b> Conditional sum of squares, as R's {@code arima(method = "CSS")}: the
 * residuals follow the recursion above from {@code t = p + Pm} of the differenced series, earlier
 * residuals being 0, and their sum of squares is minimised by Levenberg-Marquardt (Gauss-Newton
 * steps on the exact Jacobian, which is obtained by differentiating the recursion; damped when a
 * step does not lower the sum or leaves the admissible region) from zero coefficients (R's BFGS
 * also starts from zero). Every accepted estimate has stationary phi and Phi and invertible theta
 * and Theta (Levinson-Durbin step-down test of each factor, {@link Arima}'s); R's CSS is
 * unconstrained. The automatic search fits every candidate, as auto.arima does (to a relative
 * decrease of the CSS per step of 1e-8, the chosen model then to 1e-10); {@link Arima} instead
 * compares candidates at their Hannan-Rissanen estimates, which have no simple multiplicative
 * analogue.
 *
 * <p><b>Automatic procedure</b> ({@link #SeasonalArima(int)}), after Hyndman and Khandakar (2008)
 * and auto.arima's defaults in forecast 8.20:
 *
 * <ol>
 *   <li>The seasonal machinery is used when {@code 2 <= m <= }{@value #MAX_PERIOD} and the history
 *       is longer than 2m (auto.arima: D = 0 for {@code n <= 2m}; STL needs more than two periods).
 *       Otherwise the search below runs with m = 1, P = D = Q = 0: a plain ARIMA(p, d, q) on the
 *       unadjusted series (unlike {@link Arima}, which seasonally adjusts first). 24 is the limit
 *       R's {@code ets} sets; R's ARIMA has none below 350: {@code stats::arima} stops with
 *       "maximum supported lag is 350" when {@code max(p + Pm, q + Qm + 1) > 350} (for CSS too,
 *       since it builds the state space model for the forecasts), auto.arima switches to CSS
 *       comparisons when m &gt; 12, and in practice R "will usually run out of memory whenever the
 *       seasonal period is more than about 200" (Hyndman 2010, who advises Fourier terms with ARMA
 *       errors for long seasons instead).
 *   <li>D in {0, 1} by nsdiffs' default "seas" test: D = 1 when the seasonal strength {@code max(0,
 *       1 - var(R) / var(S + R))} of an STL decomposition ({@link Stl#forStlf(int)}, which is R's
 *       {@code mstl} default) exceeds {@value #SEASONAL_STRENGTH_THRESHOLD} (Wang, Smith and
 *       Hyndman 2006).
 *   <li>d in 0..2 by repeated KPSS tests on the seasonally differenced series ({@link
 *       Kpss#differences(double[], int)}, as ndiffs).
 *   <li>Stepwise search by AICc over p &le; min(5, n/3), q &le; min(5, n/3), P &le; min(2, n/(3m)),
 *       Q &le; min(2, n/(3m)), with p, q &le; m - 1 when a seasonal AR or MA term is allowed; a
 *       constant only when d + D &le; 1. Start from (2, 2)(1, 1), (0, 0)(0, 0), (1, 0)(1, 0), (0,
 *       1)(0, 1) with the constant and (0, 0)(0, 0) without it; then, in auto.arima's order, try P
 *       &plusmn; 1, Q &plusmn; 1, both, p &plusmn; 1, q &plusmn; 1, both, moving to the first that
 *       lowers AICc and starting again, and toggle the constant when none does; stop when nothing
 *       improves or after {@value #MAX_MODELS} models. As in auto.arima, choosing the constant-free
 *       (0, 0)(0, 0) start does not switch the constant off for the neighbours explored next.
 *   <li>AICc as auto.arima computes it for CSS fits: {@code N* (log(2 pi CSS / N) + 1) + 2(k + 1) +
 *       2(k + 1)(k + 2) / (N* - k - 2)}, with N the residuals summed, {@code N* = n - d - Dm} and k
 *       the coefficients. Candidates with a root of phi(B)Phi(B^m) or theta(B)Theta(B^m) within
 *       1.01 of the unit circle are rejected, as auto.arima does.
 * </ol>
 *
 * <p><b>Forecasts and variance.</b> Given the CSS coefficients, the future of w is predicted by the
 * Kalman filter of the stationary ARMA part started from its stationary covariance (Harvey 1989):
 * the exact linear predictor given all of w, as R's {@code predict.Arima} computes (its diffuse
 * prior on the differenced states amounts to filtering w). The conditional recursion with the CSS
 * residuals would differ by the effect of the zero initial residuals: up to 2.5e-3 relative on
 * USAccDeaths' 72 months. The forecasts of w are summed back through {@code (1 - B)^d (1 - B^m)^D}.
 * The h-step variance is {@code sigma² (psi_0² + ... + psi_{h-1}²)} with the psi weights of the
 * whole model (Box et al. 2015, section 5.2) and {@code sigma² = CSS / (N - k)}, as {@link Arima};
 * R's forecast package divides by {@code N* - k} and adds the filter's state uncertainty.
 *
 * <p>Sources: G. E. P. Box, G. M. Jenkins, G. C. Reinsel and G. M. Ljung, <i>Time Series Analysis:
 * Forecasting and Control</i>, 5th ed., Wiley, 2015; R. J. Hyndman and Y. Khandakar, "Automatic
 * time series forecasting: the forecast package for R", Journal of Statistical Software 27(3),
 * 2008; X. Wang, K. A. Smith and R. J. Hyndman, "Characteristic-based clustering for time series
 * data", Data Mining and Knowledge Discovery 13(3), 2006, pp. 335-364 (seasonal strength); A. C.
 * Harvey, <i>Forecasting, Structural Time Series Models and the Kalman Filter</i>, Cambridge
 * University Press, 1989 (ARMA models in state space form); R. J. Hyndman, "Forecasting with long
 * seasonal periods", Hyndsight blog, 2010, robjhyndman.com/hyndsight/longseasonality; C. M. Hurvich
 * and C.-L. Tsai, "Regression and time series model selection in small samples", Biometrika 76(2),
 * 1989, pp. 297-307 (AICc).
 */
public final class SeasonalArima implements Forecaster {
  private static final long serialVersionUID = 1L;

  /** The {@link #name()} of this method. */
  public static final String NAME = "sarima";

  /** Largest AR order of the automatic search. */
  public static final int MAX_P = 5;

  /** Largest MA order of the automatic search. */
  public static final int MAX_Q = 5;

  /** Largest seasonal AR order of the automatic search. */
  public static final int MAX_SEASONAL_P = 2;

  /** Largest seasonal MA order of the automatic search. */
  public static final int MAX_SEASONAL_Q = 2;

  /** Largest number of differences of the automatic search. */
  public static final int MAX_D = 2;

  /** Longest season the automatic search models with seasonal terms; longer ones fall back. */
  public static final int MAX_PERIOD = 24;

  /** nsdiffs' threshold: seasonal strength above it means one seasonal difference. */
  public static final double SEASONAL_STRENGTH_THRESHOLD = 0.64;

  /** auto.arima's {@code nmodels}: the stepwise search fits at most this many models. */
  private static final int MAX_MODELS = 94;

  /** auto.arima rejects models with a characteristic root of modulus below this. */
  private static final double ROOT_MARGIN = 1.01;

  /** Levenberg-Marquardt stops when an accepted step lowers the CSS by less than this fraction. */
  private static final double RELATIVE_TOLERANCE = 1e-10;

  /**
   * The search stops a candidate's optimisation when a step lowers the CSS by less than this
   * fraction, and continues only the chosen model's down to {@link #RELATIVE_TOLERANCE} (on NN5, a
   * third faster than fitting every candidate to the tighter tolerance).
   */
  private static final double SEARCH_TOLERANCE = 1e-8;

  /** Levenberg-Marquardt gives up after this many steps. */
  private static final int MAX_ITERATIONS = 200;

  /** Largest non-seasonal order of a fixed-order model. */
  private static final int MAX_FIXED_ORDER = 10;

  /** Season length m. */
  private final int period;

  /** True for the automatic procedure, false for a fixed order. */
  private final boolean automatic;

  private final int fixedP;
  private final int fixedD;
  private final int fixedQ;
  private final int fixedSeasonalP;
  private final int fixedSeasonalD;
  private final int fixedSeasonalQ;
  private final boolean fixedConstant;

  /**
   * Creates the automatic method: seasonal-strength and KPSS differencing, stepwise AICc search.
   *
   * @param period the season length m in periods (12 for monthly, 4 for quarterly, 7 for daily
   *     data), at least 1; 1, or more than {@value #MAX_PERIOD}, gives a non-seasonal search
   * @throws IllegalArgumentException if {@code period < 1}
   */
  public SeasonalArima(int period) {
    if (period < 1) {
      throw new IllegalArgumentException("period must be at least 1, got " + period);
    }
    this.period = period;
    this.automatic = true;
    this.fixedP = -1;
    this.fixedD = -1;
    this.fixedQ = -1;
    this.fixedSeasonalP = -1;
    this.fixedSeasonalD = -1;
    this.fixedSeasonalQ = -1;
    this.fixedConstant = false;
  }

  private SeasonalArima(
      int period, int p, int d, int q, int seasonalP, int seasonalD, int seasonalQ, boolean c) {
    this.period = period;
    this.automatic = false;
    this.fixedP = p;
    this.fixedD = d;
    this.fixedQ = q;
    this.fixedSeasonalP = seasonalP;
    this.fixedSeasonalD = seasonalD;
    this.fixedSeasonalQ = seasonalQ;
    this.fixedConstant = c;
  }

  /**
   * Creates a fixed-order ARIMA(p, d, q)(P, D, Q)_m fitted by CSS, for comparison with R's {@code
   * Arima(y, order = c(p, d, q), seasonal = c(P, D, Q), method = "CSS")}.
   *
   * @param p the AR order, 0 to 10
   * @param d the number of differences, 0 to 2
   * @param q the MA order, 0 to 10
   * @param seasonalP the seasonal AR order P, 0 to 2
   * @param seasonalD the number of seasonal differences D, 0 or 1
   * @param seasonalQ the seasonal MA order Q, 0 to 2
   * @param period the season length m in periods, at least 1; at least 2 when P, D or Q is not 0
   * @param includeConstant whether to estimate the constant (the mean for d + D = 0, the drift for
   *     d + D = 1); must be false when d + D &ge; 2
   * @return the method
   * @throws IllegalArgumentException if an order or the period is out of range, or a constant is
   *     asked with d + D &ge; 2
   */
  public static SeasonalArima withOrder(
      int p,
      int d,
      int q,
      int seasonalP,
      int seasonalD,
      int seasonalQ,
      int period,
      boolean includeConstant) {
    if (p < 0
        || p > MAX_FIXED_ORDER
        || q < 0
        || q > MAX_FIXED_ORDER
        || d < 0
        || d > MAX_D
        || seasonalP < 0
        || seasonalP > MAX_SEASONAL_P
        || seasonalQ < 0
        || seasonalQ > MAX_SEASONAL_Q
        || seasonalD < 0
        || seasonalD > 1) {
      throw new IllegalArgumentException(
          String.format(
              "order (%d, %d, %d)(%d, %d, %d) outside p, q in 0..10, d in 0..2, P, Q in 0..2 and"
                  + " D in 0..1",
              p, d, q, seasonalP, seasonalD, seasonalQ));
    }
    if (period < 1 || (period == 1 && seasonalP + seasonalD + seasonalQ > 0)) {
      throw new IllegalArgumentException(
          "period must be at least 1, and at least 2 with seasonal terms, got " + period);
    }
    if (includeConstant && d + seasonalD >= 2) {
      throw new IllegalArgumentException(
          "a constant with d + D >= 2 (a polynomial trend) is not allowed");
    }
    return new SeasonalArima(period, p, d, q, seasonalP, seasonalD, seasonalQ, includeConstant);
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
   * Returns 6 for the automatic method; for a fixed order {@code d + Dm + p + Pm + k + 2} with
   * {@code k = p + q + P + Q + (1 if constant)}, which leaves at least two residual degrees of
   * freedom.
   */
  @Override
  public int minHistory() {
    if (automatic) {
      return 6;
    }
    int k = fixedP + fixedQ + fixedSeasonalP + fixedSeasonalQ + (fixedConstant ? 1 : 0);
    return fixedD + fixedSeasonalD * period + fixedP + fixedSeasonalP * period + k + 2;
  }

  /**
   * Returns the settings, e.g. {@code "sarima(m=12, auto: D<=1 seas>0.64, d<=2 kpss, p<=5, q<=5,
   * P<=2, Q<=2, stepwise aicc, css)"} or {@code "sarima(m=12, order=(0,1,1)(0,1,1), constant=false,
   * css)"}.
   */
  @Override
  public String spec() {
    if (automatic) {
      return String.format(
          "%s(m=%d, auto: D<=1 seas>%s, d<=%d kpss, p<=%d, q<=%d, P<=%d, Q<=%d, stepwise aicc,"
              + " css)",
          NAME,
          period,
          SEASONAL_STRENGTH_THRESHOLD,
          MAX_D,
          MAX_P,
          MAX_Q,
          MAX_SEASONAL_P,
          MAX_SEASONAL_Q);
    }
    return String.format(
        "%s(m=%d, order=(%d,%d,%d)(%d,%d,%d), constant=%s, css)",
        NAME,
        period,
        fixedP,
        fixedD,
        fixedQ,
        fixedSeasonalP,
        fixedSeasonalD,
        fixedSeasonalQ,
        fixedConstant);
  }

  /**
   * Returns, for a fit of the automatic method, the chosen orders (p, d, q)(P, D, Q), season length
   * and constant as a fixed-order method, so that backtest windows re-estimate only the
   * coefficients; a fixed-order method returns itself.
   */
  @Override
  public Forecaster forBacktest(FittedForecaster fitted) {
    if (automatic && fitted instanceof Fitted f) {
      Candidate c = f.model;
      return new SeasonalArima(
          f.m, c.p, f.d, c.q, c.seasonalP, f.seasonalD, c.seasonalQ, c.hasConstant);
    }
    return this;
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
   * @return a model whose parameters are {@code m} (the season length used, 1 when the automatic
   *     method fell back to a non-seasonal search), {@code p}, {@code d}, {@code q}, {@code
   *     seasonal_p}, {@code seasonal_d}, {@code seasonal_q}, {@code constant} (c, 0 when not
   *     estimated), {@code mean} (d + D = 0) or {@code drift} (per period, d + D = 1) when a
   *     constant is estimated, {@code ar1..arp}, {@code sar1..sarP}, {@code ma1..maq}, {@code
   *     sma1..smaQ}, {@code sigma2}, {@code aicc} (NaN when undefined), {@code seasonal_strength}
   *     (NaN when not tested), {@code iterations} (Levenberg-Marquardt steps of the chosen model)
   *     and {@code models} (models fitted by the search, 1 for a fixed order). A history whose
   *     differenced series is constant is extrapolated exactly with sigma2 = 0.
   * @throws IllegalArgumentException for a null, too short or non-finite history
   * @throws ModelFitException if no candidate model gives a finite, stationary and invertible fit
   */
  @Override
  public FittedForecaster fit(double[] history) {
    double[] y = Histories.validatedCopy(NAME, history, minHistory());
    int n = y.length;
    int m;
    int seasonalD;
    double strength = Double.NaN;
    if (automatic) {
      m = period >= 2 && period <= MAX_PERIOD && n > 2 * period ? period : 1;
      seasonalD = 0;
      if (m > 1 && !Kpss.isConstant(y)) {
        strength = seasonalStrength(y, m);
        seasonalD = strength > SEASONAL_STRENGTH_THRESHOLD ? 1 : 0;
      }
    } else {
      m = period;
      seasonalD = fixedSeasonalD;
    }
    double[] dx = seasonalD == 1 ? difference(y, m) : y;
    int d = automatic ? Kpss.differences(dx, MAX_D) : fixedD;
    double[] w = dx;
    for (int k = 0; k < d; k++) {
      w = difference(w, 1);
    }
    Candidate model;
    int models = 1;
    if (Kpss.isConstant(w)) {
      // A constant, an exact line or an exactly repeating pattern: w is reproduced without error.
      model = Candidate.exact(w[0], w.length);
    } else if (automatic) {
      Search search = new Search(w, n, m, d, seasonalD);
      model = search.run();
      models = search.fittedCount;
    } else {
      Estimator estimator =
          new Estimator(w, m, 1 + fixedP + fixedQ + fixedSeasonalP + fixedSeasonalQ);
      model = estimator.fit(fixedP, fixedQ, fixedSeasonalP, fixedSeasonalQ, fixedConstant, false);
      if (model == null) {
        throw new ModelFitException(
            String.format(
                "%s: ARIMA(%d,%d,%d)(%d,%d,%d)[%d] has no stationary, invertible CSS fit"
                    + " (length %d)",
                NAME,
                fixedP,
                fixedD,
                fixedQ,
                fixedSeasonalP,
                fixedSeasonalD,
                fixedSeasonalQ,
                m,
                n));
      }
    }
    return new Fitted(model, y, w, m, d, seasonalD, strength, models);
  }

  /**
   * The seasonal strength of nsdiffs' "seas" test: {@code max(0, min(1, 1 - var(R) / var(S + R)))}
   * with S and R the seasonal and remainder components of {@link Stl#forStlf(int)}; NaN when {@code
   * S + R} is constant.
   *
   * @param y the series, length above 2m
   * @param m the season length, at least 2
   */
  static double seasonalStrength(double[] y, int m) {
    Stl.Decomposition decomposition = Stl.forStlf(m).decompose(y);
    double[] seasonal = decomposition.seasonal();
    double[] remainder = decomposition.remainder();
    double[] detrended = new double[y.length];
    for (int t = 0; t < y.length; t++) {
      detrended[t] = seasonal[t] + remainder[t];
    }
    double ratio = variance(remainder) / variance(detrended);
    return Double.isNaN(ratio) ? Double.NaN : Math.max(0.0, Math.min(1.0, 1.0 - ratio));
  }

  private static double variance(double[] x) {
    double mean = 0.0;
    for (double v : x) {
      mean += v;
    }
    mean /= x.length;
    double s = 0.0;
    for (double v : x) {
      s += (v - mean) * (v - mean);
    }
    return s / (x.length - 1);
  }

  /** {@code x[t] - x[t - lag]} for t = lag..n-1. */
  private static double[] difference(double[] x, int lag) {
    double[] out = new double[x.length - lag];
    for (int t = 0; t < out.length; t++) {
      out[t] = x[t + lag] - x[t];
    }
    return out;
  }

  /**
   * AICc of a CSS fit as auto.arima computes it: {@code nstar (log(2 pi sse / count) + 1) + 2(k +
   * 1) + 2(k + 1)(k + 2) / (nstar - k - 2)}; NaN when undefined, -infinity for a perfect fit.
   */
  static double aicc(double sse, int count, int nstar, int k) {
    int npar = k + 1;
    int denominator = nstar - npar - 1;
    if (denominator <= 0 || count - k < 1) {
      return Double.NaN;
    }
    if (!(sse > 0.0)) {
      return sse == 0.0 ? Double.NEGATIVE_INFINITY : Double.NaN;
    }
    double minus2LogLik = nstar * (Math.log(2.0 * Math.PI * sse / count) + 1.0);
    return minus2LogLik + 2.0 * npar + 2.0 * npar * (npar + 1) / denominator;
  }

  /** One fitted model: orders, coefficients in original units, residuals and criteria. */
  static final class Candidate {
    final int p;
    final int q;
    final int seasonalP;
    final int seasonalQ;
    final boolean hasConstant;
    final double constant;
    final double[] ar;
    final double[] seasonalAr;
    final double[] ma;
    final double[] seasonalMa;
    final double sse;

    /** Residuals summed (N). */
    final int residualCount;

    final double aicc;
    final int iterations;

    /** The residuals of every period of the differenced series (0 before p + Pm). */
    final double[] residuals;

    Candidate(
        int p,
        int q,
        int seasonalP,
        int seasonalQ,
        boolean hasConstant,
        double constant,
        double[] ar,
        double[] seasonalAr,
        double[] ma,
        double[] seasonalMa,
        double sse,
        int residualCount,
        double aicc,
        int iterations,
        double[] residuals) {
      this.p = p;
      this.q = q;
      this.seasonalP = seasonalP;
      this.seasonalQ = seasonalQ;
      this.hasConstant = hasConstant;
      this.constant = constant;
      this.ar = ar;
      this.seasonalAr = seasonalAr;
      this.ma = ma;
      this.seasonalMa = seasonalMa;
      this.sse = sse;
      this.residualCount = residualCount;
      this.aicc = aicc;
      this.iterations = iterations;
      this.residuals = residuals;
    }

    static Candidate exact(double constant, int length) {
      return new Candidate(
          0,
          0,
          0,
          0,
          constant != 0.0,
          constant,
          new double[0],
          new double[0],
          new double[0],
          new double[0],
          0.0,
          0,
          Double.NaN,
          0,
          new double[length]);
    }

    /** The criterion to minimise: AICc, +infinity when undefined. */
    double criterion() {
      return Double.isNaN(aicc) ? Double.POSITIVE_INFINITY : aicc;
    }
  }

  /**
   * auto.arima's stepwise search over (p, q)(P, Q) and the constant; each model is fitted at most
   * once.
   */
  private static final class Search {
    /** Moves (dP, dQ, dp, dq) in auto.arima's order. */
    private static final int[][] MOVES = {
      {-1, 0, 0, 0}, {0, -1, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0},
      {-1, -1, 0, 0}, {-1, 1, 0, 0}, {1, -1, 0, 0}, {1, 1, 0, 0},
      {0, 0, -1, 0}, {0, 0, 0, -1}, {0, 0, 1, 0}, {0, 0, 0, 1},
      {0, 0, -1, -1}, {0, 0, -1, 1}, {0, 0, 1, -1}, {0, 0, 1, 1},
    };

    private final int historyLength;
    private final int maxP;
    private final int maxQ;
    private final int maxSeasonalP;
    private final int maxSeasonalQ;
    private final boolean allowConstant;
    private final Estimator estimator;
    private final Candidate[][][][][] fitted;
    private final boolean[][][][][] tried;
    int fittedCount;

    Search(double[] w, int n, int m, int d, int seasonalD) {
      this.historyLength = n;
      int p = Math.min(MAX_P, n / 3);
      int q = Math.min(MAX_Q, n / 3);
      int sp = m > 1 ? Math.min(MAX_SEASONAL_P, n / 3 / m) : 0;
      int sq = m > 1 ? Math.min(MAX_SEASONAL_Q, n / 3 / m) : 0;
      if (m > 1) {
        if (sp > 0) {
          p = Math.min(p, m - 1);
        }
        if (sq > 0) {
          q = Math.min(q, m - 1);
        }
      }
      this.maxP = p;
      this.maxQ = q;
      this.maxSeasonalP = sp;
      this.maxSeasonalQ = sq;
      this.allowConstant = d + seasonalD <= 1;
      this.estimator = new Estimator(w, m, 1 + p + q + sp + sq);
      this.fitted = new Candidate[p + 1][q + 1][sp + 1][sq + 1][2];
      this.tried = new boolean[p + 1][q + 1][sp + 1][sq + 1][2];
    }

    Candidate run() {
      int p = Math.min(2, maxP);
      int q = Math.min(2, maxQ);
      int sp = Math.min(1, maxSeasonalP);
      int sq = Math.min(1, maxSeasonalQ);
      if (historyLength < 10) {
        p = Math.min(p, 1);
        q = Math.min(q, 1);
        sp = 0;
        sq = 0;
      }
      boolean constant = allowConstant;
      Candidate best = candidate(p, q, sp, sq, constant);
      Candidate next = candidate(0, 0, 0, 0, constant);
      if (criterion(next) < criterion(best)) {
        best = next;
        p = q = sp = sq = 0;
      }
      if (maxP > 0 || maxSeasonalP > 0) {
        int a = maxP > 0 ? 1 : 0;
        int b = maxSeasonalP > 0 ? 1 : 0;
        next = candidate(a, 0, b, 0, constant);
        if (criterion(next) < criterion(best)) {
          best = next;
          p = a;
          sp = b;
          q = sq = 0;
        }
      }
      if (maxQ > 0 || maxSeasonalQ > 0) {
        int a = maxQ > 0 ? 1 : 0;
        int b = maxSeasonalQ > 0 ? 1 : 0;
        next = candidate(0, a, 0, b, constant);
        if (criterion(next) < criterion(best)) {
          best = next;
          q = a;
          sq = b;
          p = sp = 0;
        }
      }
      if (constant) {
        next = candidate(0, 0, 0, 0, false);
        if (criterion(next) < criterion(best)) {
          best = next;
          p = q = sp = sq = 0; // auto.arima leaves its constant flag on here
        }
      }
      boolean improved = true;
      while (improved && fittedCount < MAX_MODELS) {
        improved = false;
        for (int[] move : MOVES) {
          int np = p + move[2];
          int nq = q + move[3];
          int nsp = sp + move[0];
          int nsq = sq + move[1];
          if (!inRange(np, nq, nsp, nsq) || isTried(np, nq, nsp, nsq, constant)) {
            continue;
          }
          if (fittedCount >= MAX_MODELS) {
            break;
          }
          next = candidate(np, nq, nsp, nsq, constant);
          if (criterion(next) < criterion(best)) {
            best = next;
            p = np;
            q = nq;
            sp = nsp;
            sq = nsq;
            improved = true;
            break;
          }
        }
        if (!improved
            && allowConstant
            && fittedCount < MAX_MODELS
            && !isTried(p, q, sp, sq, !constant)) {
          next = candidate(p, q, sp, sq, !constant);
          if (criterion(next) < criterion(best)) {
            best = next;
            constant = !constant;
            improved = true;
          }
        }
      }
      if (best != null && Double.isNaN(best.aicc)) {
        best = null;
      }
      if (best != null) {
        best = estimator.refine(best);
      }
      if (best == null) {
        // Too short for any criterion: the differences alone, with the constant if allowed.
        best = estimator.fit(0, 0, 0, 0, allowConstant, false);
      }
      if (best == null) {
        throw new ModelFitException(
            String.format(
                "%s: no ARIMA candidate could be fitted to %d differenced values",
                NAME, estimator.n));
      }
      return best;
    }

    private static double criterion(Candidate c) {
      return c == null ? Double.POSITIVE_INFINITY : c.criterion();
    }

    private boolean inRange(int p, int q, int sp, int sq) {
      return p >= 0
          && q >= 0
          && sp >= 0
          && sq >= 0
          && p <= maxP
          && q <= maxQ
          && sp <= maxSeasonalP
          && sq <= maxSeasonalQ;
    }

    private boolean isTried(int p, int q, int sp, int sq, boolean constant) {
      return tried[p][q][sp][sq][constant ? 1 : 0];
    }

    /** Fits a model once; null when it cannot be fitted or is rejected. */
    private Candidate candidate(int p, int q, int sp, int sq, boolean constant) {
      int c = constant ? 1 : 0;
      if (!tried[p][q][sp][sq][c]) {
        tried[p][q][sp][sq][c] = true;
        fittedCount++;
        Candidate result = estimator.fit(p, q, sp, sq, constant, true, SEARCH_TOLERANCE, null);
        fitted[p][q][sp][sq][c] = result;
      }
      return fitted[p][q][sp][sq][c];
    }
  }

  /**
   * CSS fits of multiplicative seasonal ARMA models to one differenced series, with buffers reused
   * by every candidate. Parameters are laid out as {@code [c?, phi_1..p, Phi_1..P, theta_1..q,
   * Theta_1..Q]}.
   */
  static final class Estimator {
    /** The differenced series divided by {@link #scale} (models without constant). */
    private final double[] scaled;

    /** The differenced series minus its mean, divided by {@link #scale} (with constant). */
    private final double[] centered;

    private final double mean;
    private final double scale;
    final int n;
    private final int m;
    private double[] w;

    // Current layout.
    private int c;
    private int p;
    private int q;
    private int sp;
    private int sq;
    private int k;
    private int start;

    private final double[] residuals;
    private final double[] trialResiduals;

    /** phi(B) w, Phi(B^m) w, Theta(B^m) e and theta(B) e. */
    private final double[] arFiltered;

    private final double[] seasonalArFiltered;
    private final double[] seasonalMaFiltered;
    private final double[] maFiltered;
    private final double[][] jacobian;
    private final double[] normal;
    private final double[] gradient;
    private final double[] step;
    private final double[] trial;
    private final double[] factor;
    private final double[] buffer;

    /** Lags and values of theta(B) Theta(B^m) - 1. */
    private int[] maLags = new int[0];

    private double[] maValues = new double[0];

    Estimator(double[] series, int m, int maxParameters) {
      this.n = series.length;
      this.m = m;
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
      this.scale = sd > 0.0 ? sd : 1.0;
      this.scaled = new double[n];
      this.centered = new double[n];
      for (int t = 0; t < n; t++) {
        scaled[t] = series[t] / scale;
        centered[t] = (series[t] - mean) / scale;
      }
      this.residuals = new double[n];
      this.trialResiduals = new double[n];
      this.arFiltered = new double[n];
      this.seasonalArFiltered = new double[n];
      this.seasonalMaFiltered = new double[n];
      this.maFiltered = new double[n];
      this.jacobian = new double[maxParameters][n];
      this.normal = new double[maxParameters * maxParameters];
      this.gradient = new double[maxParameters];
      this.step = new double[maxParameters];
      this.trial = new double[maxParameters];
      this.factor = new double[maxParameters * maxParameters];
      this.buffer = new double[2 * Math.max(MAX_FIXED_ORDER, MAX_SEASONAL_P + MAX_SEASONAL_Q)];
    }

    /**
     * Fits ARMA(p, q)(P, Q)_m with or without constant from zero coefficients; null when the data
     * are too few, the fit is not finite or not admissible, or (with {@code margin}) a root lies
     * within {@value #ROOT_MARGIN} of the unit circle.
     */
    Candidate fit(int p, int q, int sp, int sq, boolean constant, boolean margin) {
      return fit(p, q, sp, sq, constant, margin, RELATIVE_TOLERANCE, null);
    }

    /**
     * Continues the minimisation of a candidate fitted with a looser tolerance down to {@link
     * #RELATIVE_TOLERANCE}; the candidate itself if that fails.
     */
    Candidate refine(Candidate candidate) {
      int constant = candidate.hasConstant ? 1 : 0;
      double[] beta =
          new double
              [constant + candidate.p + candidate.seasonalP + candidate.q + candidate.seasonalQ];
      int i = 0;
      if (candidate.hasConstant) {
        beta[i++] =
            (candidate.constant
                    - mean * oneMinusSum(candidate.ar) * oneMinusSum(candidate.seasonalAr))
                / scale;
      }
      for (double[] part :
          new double[][] {candidate.ar, candidate.seasonalAr, candidate.ma, candidate.seasonalMa}) {
        for (double v : part) {
          beta[i++] = v;
        }
      }
      Candidate refined =
          fit(
              candidate.p,
              candidate.q,
              candidate.seasonalP,
              candidate.seasonalQ,
              candidate.hasConstant,
              true,
              RELATIVE_TOLERANCE,
              beta);
      if (refined == null || refined.sse > candidate.sse) {
        return candidate;
      }
      return new Candidate(
          refined.p,
          refined.q,
          refined.seasonalP,
          refined.seasonalQ,
          refined.hasConstant,
          refined.constant,
          refined.ar,
          refined.seasonalAr,
          refined.ma,
          refined.seasonalMa,
          refined.sse,
          refined.residualCount,
          refined.aicc,
          candidate.iterations + refined.iterations,
          refined.residuals);
    }

    /**
     * As {@link #fit(int, int, int, int, boolean, boolean)}, stopping when a step lowers the CSS by
     * less than {@code tolerance} (relative), from {@code initial} (scaled parameters) or zero
     * coefficients when null.
     */
    Candidate fit(
        int p,
        int q,
        int sp,
        int sq,
        boolean constant,
        boolean margin,
        double tolerance,
        double[] initial) {
      this.c = constant ? 1 : 0;
      this.p = p;
      this.q = q;
      this.sp = sp;
      this.sq = sq;
      this.k = c + p + sp + q + sq;
      this.start = p + sp * m;
      int count = n - start;
      if (count - k < 1) {
        return null;
      }
      w = constant ? centered : scaled;
      double[] beta = initial == null ? new double[k] : initial.clone();
      double sse = minimise(beta, tolerance);
      int iterations = lastIterations;
      if (!Double.isFinite(sse) || !admissible(beta, 1.0)) {
        return null;
      }
      if (margin && !admissible(beta, ROOT_MARGIN)) {
        return null;
      }
      sse = sumOfSquares(beta, residuals) * scale * scale;
      double aicc = aicc(sse, count, n, k);
      double[] ar = Arrays.copyOfRange(beta, c, c + p);
      double[] sar = Arrays.copyOfRange(beta, c + p, c + p + sp);
      double[] ma = Arrays.copyOfRange(beta, c + p + sp, c + p + sp + q);
      double[] sma = Arrays.copyOfRange(beta, c + p + sp + q, k);
      double[] e = new double[n];
      for (int t = 0; t < n; t++) {
        e[t] = residuals[t] * scale;
      }
      double originalConstant = 0.0;
      if (constant) {
        originalConstant = scale * beta[0] + mean * oneMinusSum(ar) * oneMinusSum(sar);
      }
      return new Candidate(
          p,
          q,
          sp,
          sq,
          constant,
          originalConstant,
          ar,
          sar,
          ma,
          sma,
          sse,
          count,
          aicc,
          iterations,
          e);
    }

    private static double oneMinusSum(double[] a) {
      double s = 1.0;
      for (double v : a) {
        s -= v;
      }
      return s;
    }

    /** Iterations used by the last {@link #minimise} call. */
    private int lastIterations;

    /**
     * Minimises the CSS from {@code beta} in place by Levenberg-Marquardt; every accepted point is
     * admissible.
     *
     * @return the CSS (on the scaled series) at the final {@code beta}
     */
    private double minimise(double[] beta, double tolerance) {
      double sse = sumOfSquares(beta, residuals);
      int iterations = 0;
      // Linear in the parameters without MA terms unless both AR polynomials are present.
      boolean linear = q == 0 && sq == 0 && (p == 0 || sp == 0);
      if (k > 0 && Double.isFinite(sse) && sse > 0.0) {
        double lambda = 0.0;
        while (iterations < MAX_ITERATIONS) {
          iterations++;
          jacobian(beta);
          normalEquations();
          boolean accepted = false;
          double trialSse = Double.NaN;
          double usedLambda = lambda;
          while (!accepted && lambda <= 1e10) {
            usedLambda = lambda;
            if (solveDamped(lambda)) {
              for (int i = 0; i < k; i++) {
                trial[i] = beta[i] + step[i];
              }
              if (admissible(trial, 1.0)) {
                trialSse = sumOfSquares(trial, trialResiduals);
                accepted = trialSse <= sse;
              }
            }
            if (!accepted) {
              lambda = lambda == 0.0 ? 1e-4 : lambda * 10.0;
            }
          }
          if (!accepted) {
            break; // no damped step lowers the CSS: at a minimum (or at the boundary)
          }
          System.arraycopy(trial, 0, beta, 0, k);
          System.arraycopy(trialResiduals, 0, residuals, 0, n);
          double previous = sse;
          sse = trialSse;
          lambda = lambda < 1e-6 ? 0.0 : lambda / 10.0;
          if ((linear && usedLambda == 0.0)
              || previous - sse <= tolerance * previous
              || sse == 0.0) {
            break;
          }
        }
      }
      lastIterations = iterations;
      return sse;
    }

    /** Sets {@link #maLags} and {@link #maValues} to theta(B) Theta(B^m) - 1 for {@code beta}. */
    private void expandMa(double[] beta) {
      int degree = q + sq * m;
      double[] dense = new double[degree + 1];
      boolean[] present = new boolean[degree + 1];
      int maOffset = c + p + sp;
      int smaOffset = maOffset + q;
      for (int j = 0; j <= sq; j++) {
        double big = j == 0 ? 1.0 : beta[smaOffset + j - 1];
        for (int i = 0; i <= q; i++) {
          if (i == 0 && j == 0) {
            continue;
          }
          double small = i == 0 ? 1.0 : beta[maOffset + i - 1];
          dense[i + j * m] += small * big;
          present[i + j * m] = true;
        }
      }
      int count = 0;
      for (boolean b : present) {
        count += b ? 1 : 0;
      }
      if (maLags.length != count) {
        maLags = new int[count];
        maValues = new double[count];
      }
      int index = 0;
      for (int lag = 1; lag <= degree; lag++) {
        if (present[lag]) {
          maLags[index] = lag;
          maValues[index] = dense[lag];
          index++;
        }
      }
    }

    /**
     * Fills e[t] (0 for t &lt; start) and returns the sum of squares; also leaves phi(B) w in
     * {@link #arFiltered} and Phi(B^m) w in {@link #seasonalArFiltered}.
     */
    double sumOfSquares(double[] beta, double[] e) {
      double constant = c == 1 ? beta[0] : 0.0;
      // z = phi(B) w (t >= p), v = Phi(B^m) w (t >= Pm), x = Phi(B^m) z (t >= p + Pm).
      for (int t = p; t < n; t++) {
        double z = w[t];
        for (int i = 1; i <= p; i++) {
          z -= beta[c + i - 1] * w[t - i];
        }
        arFiltered[t] = z;
      }
      for (int t = sp * m; t < n; t++) {
        double v = w[t];
        for (int j = 1; j <= sp; j++) {
          v -= beta[c + p + j - 1] * w[t - j * m];
        }
        seasonalArFiltered[t] = v;
      }
      expandMa(beta);
      Arrays.fill(e, 0, start, 0.0);
      double sse = 0.0;
      int lags = maLags.length;
      for (int t = start; t < n; t++) {
        double x = arFiltered[t];
        for (int j = 1; j <= sp; j++) {
          x -= beta[c + p + j - 1] * arFiltered[t - j * m];
        }
        double v = x - constant;
        for (int l = 0; l < lags; l++) {
          int s = t - maLags[l];
          if (s < start) {
            break;
          }
          v -= maValues[l] * e[s];
        }
        e[t] = v;
        sse += v * v;
      }
      return Double.isFinite(sse) ? sse : Double.POSITIVE_INFINITY;
    }

    /** Derivatives of the residuals with respect to each parameter, by the same recursion. */
    private void jacobian(double[] beta) {
      // sumOfSquares(beta, residuals) is current: arFiltered, seasonalArFiltered, maLags valid.
      int maOffset = c + p + sp;
      int smaOffset = maOffset + q;
      for (int t = start; t < n; t++) {
        double big = residuals[t];
        for (int j = 1; j <= sq; j++) {
          int s = t - j * m;
          if (s >= start) {
            big += beta[smaOffset + j - 1] * residuals[s];
          }
        }
        seasonalMaFiltered[t] = big;
        double small = residuals[t];
        for (int i = 1; i <= q; i++) {
          int s = t - i;
          if (s >= start) {
            small += beta[maOffset + i - 1] * residuals[s];
          }
        }
        maFiltered[t] = small;
      }
      int lags = maLags.length;
      for (int a = 0; a < k; a++) {
        double[] g = jacobian[a];
        int kind;
        int lag;
        if (a < c) {
          kind = 0;
          lag = 0;
        } else if (a < c + p) {
          kind = 1;
          lag = a - c + 1;
        } else if (a < maOffset) {
          kind = 2;
          lag = (a - c - p + 1) * m;
        } else if (a < smaOffset) {
          kind = 3;
          lag = a - maOffset + 1;
        } else {
          kind = 4;
          lag = (a - smaOffset + 1) * m;
        }
        for (int t = start; t < n; t++) {
          double direct;
          int s = t - lag;
          switch (kind) {
            case 0 -> direct = -1.0;
            case 1 -> direct = -seasonalArFiltered[s];
            case 2 -> direct = -arFiltered[s];
            case 3 -> direct = s >= start ? -seasonalMaFiltered[s] : 0.0;
            default -> direct = s >= start ? -maFiltered[s] : 0.0;
          }
          for (int l = 0; l < lags; l++) {
            int r = t - maLags[l];
            if (r < start) {
              break;
            }
            direct -= maValues[l] * g[r];
          }
          g[t] = direct;
        }
      }
    }

    /** normal = J'J and gradient = J'e over t >= start. */
    private void normalEquations() {
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

    /** Solves (J'J + lambda diag(J'J)) step = -J'e by Cholesky; false if not positive definite. */
    private boolean solveDamped(double lambda) {
      return DampedNormalEquations.solve(normal, normal, gradient, factor, step, k, lambda);
    }

    /**
     * Whether every root of phi(B) Phi(B^m) and theta(B) Theta(B^m) has modulus above {@code
     * radius}: each factor tested by {@link Arima#isStationary} on coefficients scaled by {@code
     * radius^i} (the roots of the seasonal factor in B are the m-th roots of its roots in B^m).
     */
    private boolean admissible(double[] beta, double radius) {
      return factorAdmissible(beta, c, p, 1.0, radius)
          && factorAdmissible(beta, c + p, sp, 1.0, Math.pow(radius, m))
          && factorAdmissible(beta, c + p + sp, q, -1.0, radius)
          && factorAdmissible(beta, c + p + sp + q, sq, -1.0, Math.pow(radius, m));
    }

    private boolean factorAdmissible(
        double[] beta, int offset, int order, double sign, double radius) {
      if (order == 0) {
        return true;
      }
      if (radius == 1.0) {
        return Arima.isStationary(beta, offset, order, sign, buffer);
      }
      double[] scaledCoefficients = new double[order];
      double power = 1.0;
      for (int i = 0; i < order; i++) {
        power *= radius;
        scaledCoefficients[i] = beta[offset + i] * power;
      }
      return Arima.isStationary(scaledCoefficients, 0, order, sign, buffer);
    }
  }

  /** Coefficients of the product of two polynomials in B, each {@code [1, a_1, a_2, ...]}. */
  static double[] multiply(double[] a, double[] b) {
    double[] out = new double[a.length + b.length - 1];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < b.length; j++) {
        out[i + j] += a[i] * b[j];
      }
    }
    return out;
  }

  /** {@code [1, sign a_1, ..., sign a_k]} placed at lags 0, lag, 2 lag, ... */
  private static double[] polynomial(double[] a, double sign, int lag) {
    double[] out = new double[a.length * lag + 1];
    out[0] = 1.0;
    for (int i = 0; i < a.length; i++) {
      out[(i + 1) * lag] = sign * a[i];
    }
    return out;
  }

  /** The fitted model with the end of the history, ready to forecast. */
  private static final class Fitted implements FittedForecaster {
    private final Candidate model;
    private final int m;
    private final int d;
    private final int seasonalD;
    private final int historyLength;

    /** phi(B) Phi(B^m) as AR coefficients: {@code w[t] = sum_i ar_i w[t-i] + ...}. */
    private final double[] arCoefficients;

    /** phi(B) Phi(B^m) (1 - B^m)^D as AR coefficients (for the psi weights with d). */
    private final double[] psiAr;

    /** theta(B) Theta(B^m) - 1 as MA coefficients. */
    private final double[] maCoefficients;

    /** (1 - B)^d (1 - B^m)^D as [1, delta_1, ...]. */
    private final double[] differencing;

    /** The last d + Dm values of y, oldest first. */
    private final double[] lastValues;

    /** The mean of w: {@code c / (phi(1) Phi(1))}. */
    private final double wMean;

    /** The Kalman predicted state of the ARMA part for the first future period. */
    private final double[] state;

    private final double sigma2;
    private final Map<String, Double> parameters;

    Fitted(
        Candidate model,
        double[] y,
        double[] w,
        int m,
        int d,
        int seasonalD,
        double strength,
        int models) {
      this.model = model;
      this.m = m;
      this.d = d;
      this.seasonalD = seasonalD;
      this.historyLength = y.length;
      double[] ar = multiply(polynomial(model.ar, -1.0, 1), polynomial(model.seasonalAr, -1.0, m));
      this.arCoefficients = new double[ar.length - 1];
      for (int i = 0; i < arCoefficients.length; i++) {
        arCoefficients[i] = -ar[i + 1];
      }
      double[] seasonalDifferencing = new double[] {1.0};
      for (int i = 0; i < seasonalD; i++) {
        seasonalDifferencing =
            multiply(seasonalDifferencing, polynomial(new double[] {1.0}, -1.0, m));
      }
      double[] withSeasonalDifferences = multiply(ar, seasonalDifferencing);
      this.psiAr = new double[withSeasonalDifferences.length - 1];
      for (int i = 0; i < psiAr.length; i++) {
        psiAr[i] = -withSeasonalDifferences[i + 1];
      }
      double[] diff = seasonalDifferencing;
      for (int i = 0; i < d; i++) {
        diff = multiply(diff, new double[] {1.0, -1.0});
      }
      this.differencing = diff;
      this.lastValues = Arrays.copyOfRange(y, y.length - (diff.length - 1), y.length);
      double[] ma = multiply(polynomial(model.ma, 1.0, 1), polynomial(model.seasonalMa, 1.0, m));
      this.maCoefficients = Arrays.copyOfRange(ma, 1, ma.length);
      this.wMean =
          model.constant
              / (Estimator.oneMinusSum(model.ar) * Estimator.oneMinusSum(model.seasonalAr));
      this.state = predictedState(w, wMean, arCoefficients, maCoefficients);
      int k = model.p + model.q + model.seasonalP + model.seasonalQ + (model.hasConstant ? 1 : 0);
      int degreesOfFreedom = model.residualCount - k;
      this.sigma2 = degreesOfFreedom <= 0 ? 0.0 : model.sse / degreesOfFreedom;
      Map<String, Double> params = new LinkedHashMap<>();
      params.put("m", (double) m);
      params.put("p", (double) model.p);
      params.put("d", (double) d);
      params.put("q", (double) model.q);
      params.put("seasonal_p", (double) model.seasonalP);
      params.put("seasonal_d", (double) seasonalD);
      params.put("seasonal_q", (double) model.seasonalQ);
      params.put("constant", model.constant);
      if (model.hasConstant && d + seasonalD == 0) {
        params.put("mean", wMean);
      } else if (model.hasConstant && d + seasonalD == 1) {
        params.put("drift", seasonalD == 1 ? wMean / m : wMean);
      }
      putAll(params, "ar", model.ar);
      putAll(params, "sar", model.seasonalAr);
      putAll(params, "ma", model.ma);
      putAll(params, "sma", model.seasonalMa);
      params.put("sigma2", sigma2);
      params.put("aicc", model.aicc);
      params.put("seasonal_strength", strength);
      params.put("iterations", (double) model.iterations);
      params.put("models", (double) models);
      this.parameters = Histories.frozen(params);
    }

    private static void putAll(Map<String, Double> params, String prefix, double[] values) {
      for (int i = 0; i < values.length; i++) {
        params.put(prefix + (i + 1), values[i]);
      }
    }

    @Override
    public String model() {
      return NAME;
    }

    @Override
    public double[] forecast(int horizon) {
      Histories.requireHorizon(horizon);
      // w[n + h] = mean + first element of T^h a, a the predicted state of the first future period
      int r = state.length;
      double[] a = state.clone();
      int lags = differencing.length - 1;
      double[] values = new double[lags + horizon];
      System.arraycopy(lastValues, 0, values, 0, lags);
      double[] forecast = new double[horizon];
      for (int h = 0; h < horizon; h++) {
        double v = wMean + a[0];
        // (1 - B)^d (1 - B^m)^D y = w
        for (int i = 1; i <= lags; i++) {
          v -= differencing[i] * values[lags + h - i];
        }
        values[lags + h] = v;
        forecast[h] = v;
        double first = a[0];
        for (int i = 0; i < r; i++) {
          a[i] =
              (i < arCoefficients.length ? arCoefficients[i] * first : 0.0)
                  + (i + 1 < r ? a[i + 1] : 0.0);
        }
      }
      for (double f : forecast) {
        if (!Double.isFinite(f)) {
          throw new ModelFitException(
              String.format(
                  "%s: ARIMA(%d,%d,%d)(%d,%d,%d)[%d] produced a non-finite forecast (length %d)",
                  NAME,
                  model.p,
                  d,
                  model.q,
                  model.seasonalP,
                  seasonalD,
                  model.seasonalQ,
                  m,
                  historyLength));
        }
      }
      return forecast;
    }

    @Override
    public Optional<double[]> forecastVariance(int horizon) {
      Histories.requireHorizon(horizon);
      double[] psi = Arima.psiWeights(psiAr, maCoefficients, d, horizon);
      double[] variance = new double[horizon];
      double cumulative = 0.0;
      for (int h = 0; h < horizon; h++) {
        cumulative += psi[h] * psi[h];
        variance[h] = sigma2 * cumulative;
      }
      return Optional.of(variance);
    }

    @Override
    public Map<String, Double> parameters() {
      return parameters;
    }
  }

  /**
   * The Kalman filter's predicted state {@code a[n | n-1]} after the last value of {@code w}, for
   * the stationary ARMA {@code w[t] - mean = sum ar_i (w[t-i] - mean) + e[t] + sum ma_j e[t-j]} in
   * the state space form of Harvey (1989): state dimension {@code r = max(#ar, #ma + 1)},
   * transition T with the AR coefficients in its first column and ones on the superdiagonal,
   * disturbance loading {@code (1, ma_1, ..., ma_{r-1})}, observation the first state element, and
   * the initial covariance the stationary one (the solution of {@code P = T P T' + R R'}, by the
   * doubling algorithm). This is the exact linear predictor of the future given every observed w,
   * where the CSS residuals condition on zero initial errors; R's {@code predict.Arima} filters the
   * same way (with a diffuse prior on the differenced states, which is equivalent to filtering w).
   *
   * <p>The one-step prediction variance {@code P[0][0]} is at least 1 (the innovation variance,
   * sigma² = 1 in these units), so the update never divides by zero.
   *
   * @param w the differenced series, oldest first
   * @param mean the mean of w
   * @param ar the AR coefficients of phi(B) Phi(B^m), stationary
   * @param ma the MA coefficients of theta(B) Theta(B^m)
   * @return the predicted state for the first period after w (index n), whose first element is the
   *     one-step prediction of w minus its mean
   */
  static double[] predictedState(double[] w, double mean, double[] ar, double[] ma) {
    int r = Math.max(ar.length, ma.length + 1);
    double[] loading = new double[r];
    loading[0] = 1.0;
    for (int j = 0; j < ma.length; j++) {
      loading[j + 1] = ma[j];
    }
    double[][] covariance = stationaryCovariance(ar, loading);
    double[] a = new double[r];
    double[] next = new double[r];
    double[] gain = new double[r];
    double[][] scratch = new double[r][r];
    for (double value : w) {
      // update with w[t]
      double f = covariance[0][0];
      if (f > 0.0) {
        double v = value - mean - a[0];
        for (int i = 0; i < r; i++) {
          gain[i] = covariance[i][0] / f;
        }
        for (int i = 0; i < r; i++) {
          a[i] += gain[i] * v;
        }
        for (int i = 0; i < r; i++) {
          for (int j = 0; j < r; j++) {
            scratch[i][j] = covariance[i][j] - gain[i] * covariance[0][j];
          }
        }
      } else {
        for (int i = 0; i < r; i++) {
          System.arraycopy(covariance[i], 0, scratch[i], 0, r);
        }
      }
      // predict: a = T a, P = T P T' + R R'
      for (int i = 0; i < r; i++) {
        next[i] = (i < ar.length ? ar[i] * a[0] : 0.0) + (i + 1 < r ? a[i + 1] : 0.0);
      }
      System.arraycopy(next, 0, a, 0, r);
      transitionSandwich(ar, scratch, covariance);
      for (int i = 0; i < r; i++) {
        for (int j = 0; j < r; j++) {
          covariance[i][j] += loading[i] * loading[j];
        }
      }
    }
    return a;
  }

  /** out = T P T' for the companion transition T with the AR coefficients in its first column. */
  private static void transitionSandwich(double[] ar, double[][] p, double[][] out) {
    int r = p.length;
    // M = T P: M[i][j] = ar_i P[0][j] + P[i+1][j]; out = M T': out[i][j] = ar_j M[i][0] + M[i][j+1]
    double[][] left = new double[r][r];
    for (int i = 0; i < r; i++) {
      double coefficient = i < ar.length ? ar[i] : 0.0;
      for (int j = 0; j < r; j++) {
        left[i][j] = coefficient * p[0][j] + (i + 1 < r ? p[i + 1][j] : 0.0);
      }
    }
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < r; j++) {
        out[i][j] = (j < ar.length ? ar[j] * left[i][0] : 0.0) + (j + 1 < r ? left[i][j + 1] : 0.0);
      }
    }
  }

  /**
   * The stationary state covariance {@code P = sum_k T^k R R' T'^k} by the doubling algorithm
   * ({@code P <- P + A P A'}, {@code A <- A²}), stopping when the added term is negligible.
   */
  private static double[][] stationaryCovariance(double[] ar, double[] loading) {
    int r = loading.length;
    double[][] p = new double[r][r];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < r; j++) {
        p[i][j] = loading[i] * loading[j];
      }
    }
    double[][] a = new double[r][r];
    for (int i = 0; i < r; i++) {
      if (i < ar.length) {
        a[i][0] = ar[i];
      }
      if (i + 1 < r) {
        a[i][i + 1] = 1.0;
      }
    }
    for (int iteration = 0; iteration < 100; iteration++) {
      double[][] added = product(product(a, p), transpose(a));
      double change = 0.0;
      double size = 0.0;
      for (int i = 0; i < r; i++) {
        for (int j = 0; j < r; j++) {
          p[i][j] += added[i][j];
          change = Math.max(change, Math.abs(added[i][j]));
          size = Math.max(size, Math.abs(p[i][j]));
        }
      }
      if (!(change > 1e-15 * size)) {
        break;
      }
      a = product(a, a);
    }
    return p;
  }

  private static double[][] product(double[][] x, double[][] y) {
    int r = x.length;
    double[][] out = new double[r][r];
    for (int i = 0; i < r; i++) {
      for (int l = 0; l < r; l++) {
        double v = x[i][l];
        if (v != 0.0) {
          for (int j = 0; j < r; j++) {
            out[i][j] += v * y[l][j];
          }
        }
      }
    }
    return out;
  }

  private static double[][] transpose(double[][] x) {
    int r = x.length;
    double[][] out = new double[r][r];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < r; j++) {
        out[j][i] = x[i][j];
      }
    }
    return out;
  }
}
