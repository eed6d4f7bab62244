package io.demandcast.forecasting.models;

import static io.demandcast.forecasting.models.EtsModel.ADDITIVE;
import static io.demandcast.forecasting.models.EtsModel.MULTIPLICATIVE;
import static io.demandcast.forecasting.models.EtsModel.NONE;

import io.demandcast.forecasting.FittedForecaster;
import io.demandcast.forecasting.Forecaster;
import io.demandcast.forecasting.Histories;
import io.demandcast.forecasting.ModelFitException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.hipparchus.analysis.MultivariateFunction;
import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.optim.ConvergenceChecker;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.hipparchus.optim.univariate.BrentOptimizer;
import org.hipparchus.optim.univariate.SearchInterval;
import org.hipparchus.optim.univariate.UnivariateObjectiveFunction;
import org.hipparchus.optim.univariate.UnivariatePointValuePair;

/**
 * Exponential smoothing in its innovations state-space form, ETS(error, trend, season), fitted by
 * maximum likelihood and selected by AICc the way R's {@code forecast::ets} (version 8.20) does
 * with its defaults.
 *
 * <p>Sources: R. J. Hyndman, A. B. Koehler, J. K. Ord and R. D. Snyder, <i>Forecasting with
 * Exponential Smoothing: The State Space Approach</i>, Springer, 2008 (recursions Table 2.3,
 * initial states section 2.6.1, likelihood section 5.2, admissible parameters chapter 10, forecast
 * variances chapter 6); R. J. Hyndman, A. B. Koehler, R. D. Snyder and S. Grose, "A state space
 * framework for automatic forecasting using exponential smoothing methods", International Journal
 * of Forecasting 18(3), 439-454, 2002.
 *
 * <p><b>Forms.</b> Errors A (additive) or M (multiplicative); trend N, A, Ad (damped) and, only
 * when allowed, M and Md; season N, A or M. As in R, ETS(A,*,M), ETS(A,M,*) and ETS(M,M,A) are not
 * used (numerically unstable, "restricted" in R); multiplicative errors are tried only for strictly
 * positive series; seasonal forms only when {@code 1 < m <= 24} and there are more than {@code m}
 * observations.
 *
 * <p><b>Fitting one form.</b> Initial states follow R: for seasonal forms a classical
 * decomposition ({@code decompose}: centred moving average, seasonal means over the whole series)
 * when there are at least three seasons, otherwise a regression on a linear trend and one Fourier
 * pair; the level (and trend) from the mean (or a least-squares line) of the first {@code max(10,
 * 2m)} seasonally adjusted observations. The smoothing parameters and the initial states (all but
 * one seasonal state; the last makes the seasonal states sum to 0, or to m when multiplicative) are
 * then optimised jointly by Hipparchus' Nelder-Mead simplex, minimising R's criterion {@code n
 * log(SSE) + 2 sum log|yhat_t|} (the last term for multiplicative errors), within R's default
 * bounds "both": the usual region {@code 1e-4 <= beta <= alpha <= 0.9999}, {@code 1e-4 <= gamma <=
 * 1 - alpha}, {@code 0.8 <= phi <= 0.98} and the admissible region of Hyndman et al. 2008, chapter
 * 10 (for seasonal forms the characteristic roots, checked by the Schur-Cohn recursion).
 *
 * <p>The optimiser differs from R's {@code nmmin} in its path, not in the problem: the smoothing
 * parameters are searched on a logit scale inside the usual bounds (which then hold by
 * construction), from the best of R's starting values and a three-level grid; seasonal forms are
 * searched first without their seasonal states, then over everything for at most {@value
 * #POLISH_EVALUATIONS} evaluations; every search stops when all vertices are within {@value
 * #CONVERGENCE} (in -2 log-likelihood) of the best value or after {@value #MAX_EVALUATIONS}
 * evaluations. Why, and how its AICc and likelihoods compare with R's: docs/benchmarks.md.
 *
 * <p><b>Selection.</b> {@link #auto(int)} fits every allowed form and keeps the lowest AICc, with
 * R's log-likelihood and parameter count (smoothing parameters, free initial states and the
 * variance), so AICc values are comparable with R's. Before fitting, the series is divided by a
 * power of two near its largest absolute value, which is exact and keeps huge or tiny series in
 * range; likelihoods and AICc are reported in the original units.
 *
 * <p><b>Short and degenerate series</b>, as R: a constant series (relative mean deviation at most
 * 1.5e-8, R's {@code is.constant}) gets simple exponential smoothing with {@code alpha = 0.99999}
 * from the first value, whichever form was asked for; when {@code n <= k + 4}, {@code k = 2 +
 * 2[trend] + m[season] + [damped]} (for automatic selection {@code k = 2}), R's {@code
 * HoltWintersZZ} is fitted instead: fixed start values from the first one or two seasons,
 * smoothing parameters in [0, 1] by least squares (here with Brent or BOBYQA instead of R's
 * L-BFGS-B). For a fixed form that is the seasonal Holt-Winters (with a trend, as R) when the form
 * is seasonal and two seasons are there, otherwise Holt's linear trend when the form has a trend,
 * simple smoothing for ETS(.,N,N), and otherwise (and for automatic selection) whichever of Holt's
 * linear trend and simple smoothing has the lower variance. Such fits report no log-likelihood or
 * AICc. A seasonal form asked for on a series of at most {@code m} observations is fitted without
 * its season (R does the same).
 *
 * <p>Immutable, thread-safe and serializable.
 */
public final class Ets implements Forecaster {
  private static final long serialVersionUID = 1L;

  /** The {@link #name()} of automatic selection; fixed forms are named {@code ets_<form>}. */
  public static final String NAME = "ets";

  /** Largest seasonal period for seasonal forms, as R's {@code ets}. */
  public static final int MAX_SEASONAL_PERIOD = 24;

  /** R's default bounds for alpha, beta, gamma and phi. */
  private static final double[] LOWER = {1.0e-4, 1.0e-4, 1.0e-4, 0.8};

  private static final double[] UPPER = {0.9999, 0.9999, 0.9999, 0.98};

  /** R's {@code nmmin} value for an infeasible point. */
  private static final double PENALTY = 1.0e35;

  /** Spread of the simplex values, in units of -2 log-likelihood, at which Nelder-Mead stops. */
  static final double CONVERGENCE = 1.0e-3;

  /** R's {@code maxit} for {@code ets}. */
  static final int MAX_EVALUATIONS = 2000;

  /** Evaluation budget of the second simplex search of seasonal forms. */
  static final int POLISH_EVALUATIONS = 300;


  /** Initial simplex step of the smoothing parameters on the logit scale. */
  private static final double LOGIT_STEP = 2.0;

  /** Logit-scale values tried for each smoothing parameter besides R's starting value. */
  private static final double[] GRID = {-1.0, 2.0};

  /** Roots of the characteristic polynomial may lie up to this radius (R: 1 + 1e-10). */
  private static final double ROOT_RADIUS = 1.0 + 1.0e-6;

  private final int period;

  /** The fixed form, normalised (e.g. "AAdN"), or null for automatic selection. */
  private final String form;

  private final boolean allowMultiplicativeTrend;

  private Ets(int period, String form, boolean allowMultiplicativeTrend) {
    this.period = period;
    this.form = form;
    this.allowMultiplicativeTrend = allowMultiplicativeTrend;
  }

  /**
   * Returns automatic selection over every form R's {@code ets} tries by default (no
   * multiplicative trend).
   *
   * @param m seasonal period (12 for monthly data with a yearly cycle), at least 1; seasonal forms
   *     are tried only when {@code 1 < m <= 24}
   * @return the method, named {@value #NAME}
   * @throws IllegalArgumentException if {@code m < 1}
   */
  public static Ets auto(int m) {
    return auto(m, false);
  }

  /**
   * Returns automatic selection, optionally also over multiplicative trends (R's {@code
   * allow.multiplicative.trend}).
   *
   * @param m seasonal period, at least 1
   * @param allowMultiplicativeTrend whether ETS(M,M,*) and ETS(M,Md,*) are candidates
   * @return the method, named {@value #NAME}
   * @throws IllegalArgumentException if {@code m < 1}
   */
  public static Ets auto(int m, boolean allowMultiplicativeTrend) {
    requirePeriod(m);
    return new Ets(m, null, allowMultiplicativeTrend);
  }

  /**
   * Returns one fixed form, fitted by maximum likelihood without selection (R's {@code ets(y,
   * model = "AAN", damped = FALSE)} for {@code "AAN"}).
   *
   * @param m seasonal period, at least 1
   * @param form error letter A or M, trend letter N, A or M optionally followed by {@code d} for a
   *     damped trend, season letter N, A or M: for example {@code "ANN"}, {@code "AAdN"}, {@code
   *     "MAM"}
   * @return the method, named {@code ets_} followed by the form in lower case
   * @throws IllegalArgumentException if {@code m < 1}, {@code form} is not such a form, is seasonal
   *     with {@code m == 1} or {@code m > 24}, or is one of the restricted forms R refuses
   *     (ETS(A,M,*), ETS(A,*,M), ETS(M,M,A))
   */
  public static Ets of(int m, String form) {
    requirePeriod(m);
    EtsModel model = EtsModel.parse(form, m);
    if (model == null) {
      throw new IllegalArgumentException(
          String.format(
              "ets: unknown form \"%s\"; expected an error letter (A, M), a trend (N, A, Ad, M,"
                  + " Md) and a season letter (N, A, M), for example ANN, AAdN or MAM",
              form));
    }
    if (model.season != NONE && m == 1) {
      throw new IllegalArgumentException(
          String.format("ets: seasonal form %s needs a seasonal period m > 1, got m = 1", form));
    }
    if (model.season != NONE && m > MAX_SEASONAL_PERIOD) {
      throw new IllegalArgumentException(
          String.format(
              "ets: seasonal form %s needs m <= %d (as R's ets), got m = %d",
              form, MAX_SEASONAL_PERIOD, m));
    }
    if (model.isRestricted()) {
      throw new IllegalArgumentException(
          String.format(
              "ets: form %s is one of the restricted forms R's ets refuses (additive error with a"
                  + " multiplicative trend or season, or M,M,A)",
              form));
    }
    return new Ets(m, model.form(), false);
  }
  /**
   * Returns, for a fit of the automatic selection, the chosen form alone ({@link #of}), so that
   * backtest windows re-estimate the parameters of that form instead of searching every form again;
   * a fixed form, or a fit {@link #of} cannot express, returns this method.
   */
  @Override
  public Forecaster forBacktest(FittedForecaster fitted) {
    if (form == null && fitted instanceof EtsFit fit) {
      try {
        return of(period, fit.form());
      } catch (IllegalArgumentException e) {
        return this;
      }
    }
    return this;
  }

  /**
   * Returns, for an {@link EtsFit}, a forecaster that keeps its form, smoothing parameters,
   * initial state and scale and only re-runs the recursions over each training prefix ({@link
   * EtsFit#refiltered}): one pass over the data per window instead of a likelihood search. The
   * windows' forecasts are in-sample: the estimates have seen the windows' test periods. Any other
   * fit gets {@link #forBacktest}.
   */
  @Override
  public Forecaster refiltered(FittedForecaster fitted) {
    if (fitted instanceof EtsFit fit) {
      return new Refiltered(name(), spec(), fit);
    }
    return forBacktest(fitted);
  }

  /**
   * The forecaster of {@link #refiltered}: fits a history by {@link EtsFit#refiltered} of the
   * whole-history fit. Named as the method that produced the fit.
   */
  private record Refiltered(String name, String methodSpec, EtsFit whole) implements Forecaster {
    /** Returns 1: the recursions run over any non-empty prefix. */
    @Override
    public int minHistory() {
      return 1;
    }

    /** Returns for example {@code "ets(auto, m=1, ...) refiltered: ETS(AAdN){alpha=..., ...}"}. */
    @Override
    public String spec() {
      return methodSpec + " refiltered: " + whole;
    }

    @Override
    public EtsFit fit(double[] history) {
      return whole.refiltered(history);
    }
  }

  private static void requirePeriod(int m) {
    if (m < 1) {
      throw new IllegalArgumentException("ets: seasonal period m must be at least 1, got " + m);
    }
  }

  /**
   * Returns the seasonal period.
   *
   * @return m, at least 1
   */
  public int seasonalPeriod() {
    return period;
  }

  /**
   * Returns the fixed form.
   *
   * @return the form such as {@code "AAdN"}, or empty for automatic selection
   */
  public Optional<String> form() {
    return Optional.ofNullable(form);
  }

  /** Returns {@value #NAME} for automatic selection, {@code ets_<form>} (e.g. {@code ets_aadn}). */
  @Override
  public String name() {
    return form == null ? NAME : NAME + "_" + form.toLowerCase(java.util.Locale.ROOT);
  }

  /** Returns 1: very short series get R's fallbacks. */
  @Override
  public int minHistory() {
    return 1;
  }

  /**
   * Returns for example {@code "ets(auto, m=12, error=A|M, trend=N|A|Ad, season=N|A|M, ic=aicc)"}
   * or {@code "ets(form=AAdN, m=1)"}.
   */
  @Override
  public String spec() {
    if (form != null) {
      return String.format("ets(form=%s, m=%d)", form, period);
    }
    boolean seasonal = period > 1 && period <= MAX_SEASONAL_PERIOD;
    return String.format(
        "ets(auto, m=%d, error=A|M, trend=N|A|Ad%s, season=%s, ic=aicc)",
        period, allowMultiplicativeTrend ? "|M|Md" : "", seasonal ? "N|A|M" : "N");
  }

  @Override
  public String toString() {
    return spec();
  }

  /**
   * Fits the form, or selects one by AICc.
   *
   * @param history one value per period, oldest first, finite, length at least 1; not mutated
   * @return the fitted model; {@link EtsFit#form()} tells which form
   * @throws IllegalArgumentException for a null, empty or non-finite history
   * @throws ModelFitException if a fixed multiplicative-error form is asked for on a series with
   *     zeros or negative values, or no form can be fitted
   */
  @Override
  public EtsFit fit(double[] history) {
    double[] y = Histories.validatedCopy(name(), history, minHistory());
    int n = y.length;
    double maxAbs = 0.0;
    double min = Double.POSITIVE_INFINITY;
    for (double v : y) {
      maxAbs = Math.max(maxAbs, Math.abs(v));
      min = Math.min(min, v);
    }
    // A power of two, so that y / scale and every scaling back are exact.
    double scale = maxAbs == 0.0 ? 1.0 : Math.scalb(1.0, Math.getExponent(maxAbs));
    double[] ys = new double[n];
    for (int t = 0; t < n; t++) {
      ys[t] = y[t] / scale;
    }
    if (isConstant(ys)) {
      EtsFit fit = holtWinters(ys, scale, false, false, NONE, 0.99999);
      if (fit == null) {
        throw new ModelFitException(name() + ": constant series of length " + n);
      }
      return fit;
    }
    boolean positive = min > 0.0;
    return form == null ? fitAuto(ys, scale, positive) : fitFixed(ys, scale, positive);
  }

  private EtsFit fitAuto(double[] ys, double scale, boolean positive) {
    int n = ys.length;
    if (n <= 2 + 4) {
      return holtOrSimple(ys, scale, false);
    }
    boolean seasonal = period > 1 && period <= MAX_SEASONAL_PERIOD && n > period;
    int[] errors = positive ? new int[] {ADDITIVE, MULTIPLICATIVE} : new int[] {ADDITIVE};
    int[] trends =
        allowMultiplicativeTrend
            ? new int[] {NONE, ADDITIVE, MULTIPLICATIVE}
            : new int[] {NONE, ADDITIVE};
    int[] seasons =
        seasonal ? new int[] {NONE, ADDITIVE, MULTIPLICATIVE} : new int[] {NONE};
    List<Candidate> candidates = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (int error : errors) {
      for (int trend : trends) {
        for (int season : seasons) {
          for (boolean damped : new boolean[] {true, false}) {
            if (trend == NONE && damped) {
              continue;
            }
            EtsModel model = new EtsModel(error, trend, damped, season, period);
            if (model.isRestricted()) {
              continue;
            }
            Candidate candidate = Candidate.search(model, ys);
            if (candidate == null) {
              failures.add(model.form());
            } else {
              candidate.polish();
              candidates.add(candidate);
            }
          }
        }
      }
    }
    EtsFit fit = null;
    double bestAicc = Double.POSITIVE_INFINITY;
    for (Candidate candidate : candidates) { // the first of equal AICc, as R
      if (candidate.aicc() < bestAicc) {
        EtsFit candidateFit = candidate.toFit(name(), scale);
        if (candidateFit != null) {
          fit = candidateFit;
          bestAicc = candidate.aicc();
        }
      }
    }
    if (fit == null) {
      throw new ModelFitException(
          String.format(
              "%s: no ETS form could be fitted to a series of length %d (tried %s)",
              name(), n, String.join(", ", failures)));
    }
    return fit;
  }

  private EtsFit fitFixed(double[] ys, double scale, boolean positive) {
    int n = ys.length;
    EtsModel model = EtsModel.parse(form, period);
    if (n <= period) {
      model = model.withoutSeason();
    }
    if (model.error == MULTIPLICATIVE && !positive) {
      throw new ModelFitException(
          String.format(
              "%s: multiplicative errors need a strictly positive series; this one (length %d)"
                  + " has zeros or negative values",
              name(), n));
    }
    int k =
        2
            + (model.trend != NONE ? 2 : 0)
            + (model.season != NONE ? model.m : 0)
            + (model.damped ? 1 : 0);
    EtsFit fit;
    if (n <= k + 4) {
      fit = shortSeriesFit(model, ys, scale);
    } else {
      Candidate candidate = Candidate.search(model, ys);
      if (candidate != null) {
        candidate.polish();
      }
      fit = candidate == null ? null : candidate.toFit(name(), scale);
    }
    if (fit == null || fit.aicc() == Double.POSITIVE_INFINITY) {
      throw new ModelFitException(
          String.format("%s: ETS(%s) could not be fitted to a series of length %d",
              name(), model.form(), n));
    }
    return fit;
  }

  // ---------------------------------------------------------------------------------------------
  // Maximum likelihood for one form (R's etsmodel)

  /**
   * One form being fitted by maximum likelihood: the smoothing parameters and initial states
   * searched so far (see {@link #search} and {@link #polish}).
   */
  private static final class Candidate {
    private final EtsModel model;
    private final double[] y;
    private final Likelihood likelihood;
    private final double[] steps;
    private boolean polished;

    private Candidate(EtsModel model, double[] y, Likelihood likelihood, double[] steps) {
      this.model = model;
      this.y = y;
      this.likelihood = likelihood;
      this.steps = steps;
      this.polished = model.season == NONE;
    }

    /**
     * Starts from R's initial states and the best grid point, then runs the simplex: over
     * everything for non-seasonal forms, without the seasonal states for seasonal ones (then
     * {@link #polish} them). Returns null where R's {@code ets} would skip the form (too many
     * parameters for the series, no usable initial state, no finite likelihood).
     */
    static Candidate search(EtsModel model, double[] y) {
      double[] states = EtsInitialStates.of(model, y);
      if (states == null) {
        return null;
      }
      Likelihood likelihood = new Likelihood(model, y);
      int k = likelihood.smoothingCount;
      int np = k + states.length;
      if (np >= y.length - 1) {
        return null;
      }
      double[] start = new double[np];
      System.arraycopy(likelihood.toCoordinates(startingParameters(model)), 0, start, 0, k);
      System.arraycopy(states, 0, start, k, states.length);
      gridStart(likelihood, start);

      double largestState = 0.0;
      for (int i = k; i < np; i++) {
        largestState = Math.max(largestState, Math.abs(start[i]));
      }
      double[] steps = new double[np];
      for (int i = 0; i < np; i++) {
        steps[i] = i < k ? LOGIT_STEP : (largestState == 0.0 ? 0.1 : 0.1 * largestState);
      }
      int free = model.season == NONE ? np : k + model.seasonOffset();
      simplexSearch(likelihood, start, firstIndices(free), steps, MAX_EVALUATIONS);
      if (!(likelihood.bestValue < PENALTY)) {
        return null;
      }
      return new Candidate(model, y, likelihood, steps);
    }

    /**
     * For seasonal forms, a second simplex over every coordinate from the best point, at most
     * {@value #POLISH_EVALUATIONS} evaluations; in 15 or more dimensions the two searches reach
     * better optima in a fraction of the evaluations of a single one. Does nothing the second
     * time and for non-seasonal forms.
     */
    void polish() {
      if (!polished) {
        polished = true;
        int np = steps.length;
        simplexSearch(
            likelihood, likelihood.bestPoint.clone(), firstIndices(np), steps, POLISH_EVALUATIONS);
      }
    }

    private static int[] firstIndices(int count) {
      int[] out = new int[count];
      for (int i = 0; i < count; i++) {
        out[i] = i;
      }
      return out;
    }

    /** R's AICc of the best point so far, in the units of the scaled series. */
    double aicc() {
      int n = y.length;
      int k = steps.length + 1;
      return likelihood.bestValue + 2.0 * k + 2.0 * k * (k + 1) / (n - k - 1);
    }

    /** The fitted model at the best point, or null if its likelihood is not finite. */
    EtsFit toFit(String producer, double scale) {
      int n = y.length;
      double[] z = likelihood.bestPoint;
      double[] x0 = likelihood.initialState(z);
      double[] par = likelihood.smoothing(z);
      double alpha = par[0];
      double beta = par[1];
      double gamma = par[2];
      double phi = par[3];
      double[] residuals = new double[n];
      double[] finalState = new double[model.stateLength()];
      double criterion =
          model.run(y, alpha, beta, gamma, phi, x0, new double[model.m], residuals, null,
              finalState);
      if (!Double.isFinite(criterion)) {
        return null;
      }
      double sse = 0.0;
      for (double e : residuals) {
        sse += e * e;
      }
      // -2 log-likelihood in original units: both error types shift by 2 n log(scale).
      double lik = criterion + 2.0 * n * Math.log(scale);
      int np = steps.length;
      int k = np + 1;
      double aic = lik + 2.0 * k;
      double aicc = aic + 2.0 * k * (k + 1) / (n - k - 1);
      return new EtsFit(
          producer, model, alpha, beta, gamma, phi, finalState, x0, scale, sse / (n - np),
          -0.5 * lik, aicc);
    }
  }

  /** R's {@code initparam} with the default bounds: alpha, then beta, gamma, phi when present. */
  private static double[] startingParameters(EtsModel model) {
    double alpha = LOWER[0] + 0.2 * (UPPER[0] - LOWER[0]) / model.m;
    return new double[] {
      alpha,
      LOWER[1] + 0.1 * (Math.min(UPPER[1], alpha) - LOWER[1]),
      LOWER[2] + 0.05 * (Math.min(UPPER[2], 1.0 - alpha) - LOWER[2]),
      LOWER[3] + 0.99 * (UPPER[3] - LOWER[3])
    };
  }

  /**
   * Replaces the smoothing coordinates of {@code start} by the best combination of R's starting
   * value and the {@link #GRID} values on the logit scale (initial states held at the heuristic),
   * so that the simplex does not start in the basin of a poor local optimum (for example beta at
   * its lower bound when the likelihood is higher near beta = alpha).
   */
  private static void gridStart(Likelihood likelihood, double[] start) {
    int k = likelihood.smoothingCount;
    int levels = GRID.length + 1;
    double[] trial = start.clone();
    double best = likelihood.value(start);
    double[] bestSmoothing = Arrays.copyOf(start, k);
    int combinations = (int) Math.round(Math.pow(levels, k));
    for (int code = 1; code < combinations; code++) {
      int rest = code;
      for (int i = 0; i < k; i++) {
        int level = rest % levels;
        rest /= levels;
        trial[i] = level == 0 ? start[i] : GRID[level - 1];
      }
      double value = likelihood.value(trial);
      if (value < best) {
        best = value;
        System.arraycopy(trial, 0, bestSmoothing, 0, k);
      }
    }
    System.arraycopy(bestSmoothing, 0, start, 0, k);
  }

  /**
   * Nelder-Mead (Hipparchus, standard coefficients) over the coordinates {@code free} of {@code
   * base}, the others held, from a simplex with one step along each free axis; stops when every
   * vertex is within {@link #CONVERGENCE} of the best value seen (R's {@code nmmin} criterion) or
   * after {@code maxEvaluations}, keeping the best point in the likelihood either way.
   */
  private static void simplexSearch(
      Likelihood likelihood, double[] base, int[] free, double[] steps, int maxEvaluations) {
    int k = free.length;
    double[] full = base.clone();
    MultivariateFunction reduced =
        z -> {
          for (int i = 0; i < k; i++) {
            full[free[i]] = z[i];
          }
          return likelihood.value(full);
        };
    double[] start = new double[k];
    double[][] simplex = new double[k + 1][k];
    for (int i = 0; i < k; i++) {
      start[i] = base[free[i]];
      simplex[i + 1][i] = steps[free[i]];
    }
    ConvergenceChecker<PointValuePair> spread =
        (iteration, previous, current) ->
            current.getValue() - likelihood.bestValue <= CONVERGENCE;
    try {
      new SimplexOptimizer(spread)
          .optimize(
              new MaxEval(maxEvaluations),
              new ObjectiveFunction(reduced),
              GoalType.MINIMIZE,
              new InitialGuess(start),
              new NelderMeadSimplex(simplex));
    } catch (MathRuntimeException tooManyEvaluations) {
      // As R's nmmin after maxit: keep the best point evaluated so far.
    }
  }

  /**
   * R's criterion as a function of the optimiser's coordinates: the smoothing parameters on a
   * logit scale inside R's usual bounds (alpha in [1e-4, 0.9999], beta in [1e-4, alpha], gamma in
   * [1e-4, 1 - alpha], phi in [0.8, 0.98]), so that these bounds hold by construction, followed by
   * the free initial states.
   */
  private static final class Likelihood implements MultivariateFunction {
    final EtsModel model;
    final int smoothingCount;
    private final double[] y;
    private final boolean hasBeta;
    private final boolean hasGamma;
    private final boolean hasPhi;
    private final double[] x0;
    private final double[] ring;
    private final double[] params = new double[4];
    private final double[] polynomial;
    private final double[] work;
    double bestValue = Double.POSITIVE_INFINITY;
    double[] bestPoint;

    Likelihood(EtsModel model, double[] y) {
      this.model = model;
      this.y = y;
      this.hasBeta = model.trend != NONE;
      this.hasGamma = model.season != NONE;
      this.hasPhi = model.damped;
      this.smoothingCount = 1 + (hasBeta ? 1 : 0) + (hasGamma ? 1 : 0) + (hasPhi ? 1 : 0);
      this.x0 = new double[model.stateLength()];
      this.ring = new double[model.m];
      this.polynomial = new double[model.m + 2];
      this.work = new double[model.m + 2];
    }

    @Override
    public double value(double[] z) {
      double value = evaluate(z);
      if (value < bestValue) {
        bestValue = value;
        bestPoint = z.clone();
      }
      return value;
    }

    private double evaluate(double[] z) {
      fillSmoothing(z, params);
      double alpha = params[0];
      double beta = params[1];
      double gamma = params[2];
      double phi = params[3];
      if (!admissible(alpha, beta, gamma, phi) || fillState(z, x0)) {
        return PENALTY;
      }
      double lik = model.run(y, alpha, beta, gamma, phi, x0, ring, null, null, null);
      if (Double.isNaN(lik) || lik == Double.POSITIVE_INFINITY) {
        return PENALTY;
      }
      return Math.max(lik, -1.0e10);
    }

    /** Returns alpha, beta (0 without trend), gamma (0 without season), phi (1 undamped). */
    double[] smoothing(double[] z) {
      double[] out = new double[4];
      fillSmoothing(z, out);
      return out;
    }

    private void fillSmoothing(double[] z, double[] out) {
      int i = 0;
      double alpha = LOWER[0] + (UPPER[0] - LOWER[0]) * logistic(z[i++]);
      out[0] = alpha;
      out[1] = hasBeta ? LOWER[1] + (Math.min(UPPER[1], alpha) - LOWER[1]) * logistic(z[i++]) : 0.0;
      out[2] =
          hasGamma
              ? LOWER[2] + (Math.min(UPPER[2], 1.0 - alpha) - LOWER[2]) * logistic(z[i++])
              : 0.0;
      out[3] = hasPhi ? LOWER[3] + (UPPER[3] - LOWER[3]) * logistic(z[i]) : 1.0;
    }

    /** The inverse of {@link #smoothing}: coordinates of {alpha, beta, gamma, phi}. */
    double[] toCoordinates(double[] smoothing) {
      double alpha = smoothing[0];
      double[] z = new double[smoothingCount];
      int i = 0;
      z[i++] = logit((alpha - LOWER[0]) / (UPPER[0] - LOWER[0]));
      if (hasBeta) {
        z[i++] = logit((smoothing[1] - LOWER[1]) / (Math.min(UPPER[1], alpha) - LOWER[1]));
      }
      if (hasGamma) {
        z[i++] = logit((smoothing[2] - LOWER[2]) / (Math.min(UPPER[2], 1.0 - alpha) - LOWER[2]));
      }
      if (hasPhi) {
        z[i] = logit((smoothing[3] - LOWER[3]) / (UPPER[3] - LOWER[3]));
      }
      return z;
    }

    private static double logistic(double u) {
      return 1.0 / (1.0 + Math.exp(-u));
    }

    private static double logit(double p) {
      return Math.log(p / (1.0 - p));
    }

    /** The full initial state (with the seasonal state implied by normalisation). */
    double[] initialState(double[] z) {
      double[] out = new double[model.stateLength()];
      fillState(z, out);
      return out;
    }

    /** Fills the initial state; returns true when a multiplicative seasonal state is negative. */
    private boolean fillState(double[] par, double[] state) {
      int free = state.length - (hasGamma ? 1 : 0);
      System.arraycopy(par, smoothingCount, state, 0, free);
      if (!hasGamma) {
        return false;
      }
      int so = model.seasonOffset();
      double sum = 0.0;
      for (int k = so; k < free; k++) {
        sum += state[k];
      }
      state[free] = (model.season == MULTIPLICATIVE ? model.m : 0.0) - sum;
      if (model.season == MULTIPLICATIVE) {
        for (int k = so; k <= free; k++) {
          if (state[k] < 0.0) {
            return true;
          }
        }
      }
      return false;
    }

    /** Hyndman et al. 2008, chapter 10, as R's {@code admissible}. */
    private boolean admissible(double alpha, double beta, double gamma, double phi) {
      if (phi < 0.0 || phi > 1.0 + 1.0e-8) {
        return false;
      }
      if (!hasGamma) {
        if (alpha < 1.0 - 1.0 / phi || alpha > 1.0 + 1.0 / phi) {
          return false;
        }
        return !hasBeta || (beta >= alpha * (phi - 1.0) && beta <= (1.0 + phi) * (2.0 - alpha));
      }
      int m = model.m;
      if (gamma < Math.max(1.0 - 1.0 / phi - alpha, 0.0) || gamma > 1.0 + 1.0 / phi - alpha) {
        return false;
      }
      if (alpha < 1.0 - 1.0 / phi - gamma * (1.0 - m + phi + phi * m) / (2.0 * phi * m)) {
        return false;
      }
      if (beta < -(1.0 - phi) * (gamma / m + alpha)) {
        return false;
      }
      // Characteristic polynomial, ascending powers:
      // phi(1-a-g), a+b-a phi+g-1, (a+b-a phi) x (m-2), a+b-phi, 1.
      double[] c = polynomial;
      c[0] = phi * (1.0 - alpha - gamma);
      c[1] = alpha + beta - alpha * phi + gamma - 1.0;
      for (int j = 2; j < m; j++) {
        c[j] = alpha + beta - alpha * phi;
      }
      c[m] = alpha + beta - phi;
      c[m + 1] = 1.0;
      return rootsWithin(c, work, ROOT_RADIUS);
    }
  }

  /**
   * Returns whether every root of the polynomial {@code sum c[i] z^i} has modulus below {@code
   * radius}, by the Schur-Cohn recursion on {@code p(radius z)}: with {@code k = c_0 / c_n}, p is
   * stable iff {@code |k| < 1} and {@code (p(z) - k z^n p(1/z)) / z} is stable. Overwrites {@code
   * c} and {@code work} (at least as long as {@code c}).
   */
  static boolean rootsWithin(double[] c, double[] work, double radius) {
    int degree = c.length - 1;
    double power = 1.0;
    for (int i = 0; i <= degree; i++) {
      c[i] *= power;
      power *= radius;
    }
    double[] from = c;
    double[] to = work;
    while (degree > 0) {
      double k = from[0] / from[degree];
      if (!(Math.abs(k) < 1.0)) {
        return false;
      }
      for (int j = 0; j < degree; j++) {
        to[j] = from[j + 1] - k * from[degree - 1 - j];
      }
      degree--;
      double[] swap = from;
      from = to;
      to = swap;
    }
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // Very short series (R's HoltWintersZZ)

  /** R's fallback for a fixed form on a short series: seasonal, then trend, then level only. */
  private EtsFit shortSeriesFit(EtsModel model, double[] ys, double scale) {
    boolean exponential = model.trend == MULTIPLICATIVE;
    if (model.season != NONE) {
      EtsFit fit = holtWinters(ys, scale, true, exponential, model.season, Double.NaN);
      if (fit != null) {
        return fit;
      }
    }
    if (model.trend != NONE) {
      EtsFit fit = holtWinters(ys, scale, true, exponential, NONE, Double.NaN);
      if (fit != null) {
        return fit;
      }
    }
    if (model.trend == NONE && model.season == NONE) {
      return holtWinters(ys, scale, false, false, NONE, Double.NaN);
    }
    return holtOrSimple(ys, scale, exponential);
  }

  /** Holt's linear trend or simple exponential smoothing, whichever has the lower variance. */
  private EtsFit holtOrSimple(double[] ys, double scale, boolean exponential) {
    EtsFit holt = holtWinters(ys, scale, true, exponential, NONE, Double.NaN);
    EtsFit simple = holtWinters(ys, scale, false, exponential, NONE, Double.NaN);
    return holt != null && holt.sigma2() < simple.sigma2() ? holt : simple;
  }

  /**
   * R's {@code HoltWintersZZ}: start values from the first one or two seasons (level {@code
   * y[0]}, trend {@code y[1] - y[0]} or {@code y[1] / y[0]} without season), smoothing parameters
   * in [0, 1] minimising the sum of squared one-step errors, then expressed as an ETS model (the
   * Holt-Winters trend parameter is {@code beta / alpha}).
   *
   * @param withTrend whether a trend is estimated
   * @param exponential multiplicative trend (and, without season, multiplicative error)
   * @param season NONE, ADDITIVE or MULTIPLICATIVE (ignored when m is 1)
   * @param fixedAlpha alpha to use, or NaN to estimate it
   * @return the fit, or null when the series is too short for the start values
   */
  private EtsFit holtWinters(
      double[] ys,
      double scale,
      boolean withTrend,
      boolean exponential,
      int season,
      double fixedAlpha) {
    int n = ys.length;
    int m = period;
    boolean seasonal = season != NONE && m > 1;
    int trend = withTrend ? (exponential ? MULTIPLICATIVE : ADDITIVE) : NONE;
    int error =
        seasonal
            ? (season == MULTIPLICATIVE ? MULTIPLICATIVE : ADDITIVE)
            : (exponential ? MULTIPLICATIVE : ADDITIVE);
    EtsModel model = new EtsModel(error, trend, false, seasonal ? season : NONE, m);
    double[] x0 = new double[model.stateLength()];
    if (seasonal) {
      if (n < 2 * m) {
        return null;
      }
      double first = 0.0;
      double second = 0.0;
      for (int i = 0; i < m; i++) {
        first += ys[i] / m;
        second += ys[m + i] / m;
      }
      x0[0] = first;
      if (withTrend) {
        x0[1] = (second - first) / m;
      }
      int so = model.seasonOffset();
      for (int i = 0; i < m; i++) {
        x0[so + m - 1 - i] = season == ADDITIVE ? ys[i] - first : ys[i] / first;
      }
    } else {
      x0[0] = ys[0];
      if (withTrend) {
        if (n < 2) {
          return null;
        }
        x0[1] = exponential ? ys[1] / ys[0] : ys[1] - ys[0];
      }
    }

    boolean estimateAlpha = Double.isNaN(fixedAlpha);
    int count = (estimateAlpha ? 1 : 0) + (withTrend ? 1 : 0) + (seasonal ? 1 : 0);
    double alpha0 = estimateAlpha ? 0.2 / m : fixedAlpha;
    double[] start = new double[count];
    int i = 0;
    if (estimateAlpha) {
      start[i++] = alpha0;
    }
    if (withTrend) {
      start[i++] = 0.1 * alpha0;
    }
    if (seasonal) {
      start[i] = 0.05 * (1.0 - alpha0);
    }
    // Least squares: the additive-error criterion n log(SSE) of the same recursions.
    EtsModel squares = new EtsModel(ADDITIVE, trend, false, model.season, m);
    double[] ring = new double[m];
    MultivariateFunction sse =
        p -> {
          int j = 0;
          double a = estimateAlpha ? p[j++] : fixedAlpha;
          double b = withTrend ? p[j++] : 0.0;
          double g = seasonal ? p[j] : 0.0;
          double value = squares.run(ys, a, a * b, g, 1.0, x0, ring, null, null, null);
          return Double.isNaN(value) ? Double.POSITIVE_INFINITY : value;
        };
    double[] par = count == 0 ? start : leastSquaresInUnitBox(sse, start);
    int j = 0;
    double alpha = estimateAlpha ? par[j++] : fixedAlpha;
    double betaStar = withTrend ? par[j++] : 0.0;
    double gamma = seasonal ? par[j] : 0.0;

    double[] residuals = new double[n];
    double[] finalState = new double[model.stateLength()];
    model.run(ys, alpha, alpha * betaStar, gamma, 1.0, x0, ring, residuals, null, finalState);
    double sum = 0.0;
    for (double e : residuals) {
      sum += e * e;
    }
    return new EtsFit(
        name(), model, alpha, alpha * betaStar, gamma, 1.0, finalState, x0, scale, sum / n,
        Double.NaN, Double.NaN);
  }

  /** Minimises over [0, 1]^k: Brent for one parameter, BOBYQA for more; the best point seen. */
  private static double[] leastSquaresInUnitBox(MultivariateFunction f, double[] start) {
    int k = start.length;
    double[] best = start.clone();
    double[] bestValue = {f.value(start)};
    MultivariateFunction tracked =
        p -> {
          double v = f.value(p);
          if (v < bestValue[0]) {
            bestValue[0] = v;
            System.arraycopy(p, 0, best, 0, k);
          }
          return v;
        };
    try {
      if (k == 1) {
        UnivariateFunction g = a -> tracked.value(new double[] {a});
        UnivariatePointValuePair result =
            new BrentOptimizer(1.0e-10, 1.0e-12)
                .optimize(
                    new MaxEval(1000),
                    new UnivariateObjectiveFunction(g),
                    GoalType.MINIMIZE,
                    new SearchInterval(0.0, 1.0, start[0]));
        tracked.value(new double[] {result.getPoint()});
      } else {
        double[] lower = new double[k];
        double[] upper = new double[k];
        Arrays.fill(upper, 1.0);
        new BOBYQAOptimizer(2 * k + 1, 0.1, 1.0e-8)
            .optimize(
                new MaxEval(2000),
                new ObjectiveFunction(tracked),
                GoalType.MINIMIZE,
                new InitialGuess(start),
                new SimpleBounds(lower, upper));
      }
    } catch (MathRuntimeException notConverged) {
      // keep the best point seen
    }
    return best;
  }

  /** R's {@code is.constant}: mean absolute deviation from y[0] at most 1.5e-8 of mean |y|. */
  private static boolean isConstant(double[] y) {
    double deviation = 0.0;
    double size = 0.0;
    for (double v : y) {
      deviation += Math.abs(v - y[0]);
      size += Math.abs(v);
    }
    double tolerance = 1.5e-8;
    return size / y.length > tolerance
        ? deviation <= tolerance * size
        : deviation / y.length <= tolerance;
  }
}
