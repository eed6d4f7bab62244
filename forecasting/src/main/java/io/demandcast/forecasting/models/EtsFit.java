package io.demandcast.forecasting.models;

import io.demandcast.forecasting.FittedForecaster;
import io.demandcast.forecasting.ForecastComponents;
import io.demandcast.forecasting.Histories;
import io.demandcast.forecasting.ModelFitException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An exponential smoothing state-space model fitted by {@link Ets}: its form, smoothing parameters
 * and the state after the last observation. Immutable and thread-safe.
 *
 * <p>Internally the series was divided by a power of two ({@link #scale}) before fitting, which is
 * exact in floating point; the state is kept in those units and every output is multiplied back.
 * Serializable, so that the forecaster {@link Ets#refiltered} builds around it is.
 */
public final class EtsFit implements FittedForecaster, java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final String producer;
  private final EtsModel model;
  private final double alpha;
  private final double beta;
  private final double gamma;
  private final double phi;
  private final double[] state;

  /** The state before the first observation, in scaled units (the estimated initial state). */
  private final double[] initialState;

  private final double scale;
  private final double sigma2Scaled;
  private final double logLikelihood;
  private final double aicc;
  private final Map<String, Double> parameters;

  /**
   * Creates the fitted model.
   *
   * @param producer the producing {@link Ets#name()}
   * @param model the form
   * @param alpha level smoothing
   * @param beta trend smoothing in the state-space scale (0 &lt; beta &lt; alpha), ignored without
   *     trend
   * @param gamma seasonal smoothing, ignored without season
   * @param phi damping, ignored unless damped
   * @param state state after the last observation, in scaled units
   * @param initialState state before the first observation (the estimated or heuristic initial
   *     state the recursions started from), in scaled units, same layout and length as {@code
   *     state}
   * @param scale the power of two the series was divided by
   * @param sigma2Scaled innovation variance in scaled units (relative for multiplicative errors)
   * @param logLikelihood R's log-likelihood in original units, NaN when not fitted by likelihood
   * @param aicc R's AICc in original units, NaN when not fitted by likelihood
   */
  EtsFit(
      String producer,
      EtsModel model,
      double alpha,
      double beta,
      double gamma,
      double phi,
      double[] state,
      double[] initialState,
      double scale,
      double sigma2Scaled,
      double logLikelihood,
      double aicc) {
    this.producer = producer;
    this.model = model;
    this.alpha = alpha;
    this.beta = model.trend == EtsModel.NONE ? Double.NaN : beta;
    this.gamma = model.season == EtsModel.NONE ? Double.NaN : gamma;
    this.phi = model.damped ? phi : Double.NaN;
    this.state = state.clone();
    this.initialState = initialState.clone();
    this.scale = scale;
    this.sigma2Scaled = sigma2Scaled;
    this.logLikelihood = logLikelihood;
    this.aicc = aicc;

    Map<String, Double> params = new LinkedHashMap<>();
    params.put("alpha", alpha);
    if (model.trend != EtsModel.NONE) {
      params.put("beta", this.beta);
    }
    if (model.season != EtsModel.NONE) {
      params.put("gamma", this.gamma);
    }
    if (model.damped) {
      params.put("phi", this.phi);
    }
    params.put("sigma2", sigma2());
    if (!Double.isNaN(logLikelihood)) {
      params.put("loglik", logLikelihood);
      params.put("aicc", aicc);
    }
    params.put("error", (double) model.error);
    params.put("trend", (double) model.trend);
    params.put("damped", model.damped ? 1.0 : 0.0);
    params.put("season", (double) model.season);
    params.put("m", (double) model.m);
    this.parameters = Histories.frozen(params);
  }

  /** {@code whole} with another final state: every estimate and the parameters map shared. */
  private EtsFit(EtsFit whole, double[] state) {
    this.producer = whole.producer;
    this.model = whole.model;
    this.alpha = whole.alpha;
    this.beta = whole.beta;
    this.gamma = whole.gamma;
    this.phi = whole.phi;
    this.state = state;
    this.initialState = whole.initialState;
    this.scale = whole.scale;
    this.sigma2Scaled = whole.sigma2Scaled;
    this.logLikelihood = whole.logLikelihood;
    this.aicc = whole.aicc;
    this.parameters = whole.parameters;
  }

  /**
   * Re-runs this model's filter over another history, keeping every estimate: the history is
   * divided by the same power of two, the recursions start from the same initial state with the
   * same smoothing parameters, and the result forecasts from the state after the last value of
   * {@code history}. Run over the history this model was fitted to, it reproduces this model
   * exactly. Meant for a prefix of that history ({@link Ets#refiltered}).
   *
   * @param history one value per period (units per period), oldest first, finite, length at least
   *     1, starting at the same period as the fitted history; not mutated
   * @return a model with this model's form, parameters, {@link #parameters()} (they describe the
   *     whole-history fit: sigma2, loglik and aicc included) and forecast variance, and the state
   *     after {@code history}
   * @throws IllegalArgumentException for a null, empty or non-finite history
   * @throws ModelFitException if the form has multiplicative errors and {@code history} has a zero
   *     or negative value (as {@link Ets#fit} refuses), or the state becomes non-finite (a
   *     multiplicative trend turning negative, overflow)
   */
  EtsFit refiltered(double[] history) {
    double[] y = Histories.validatedCopy(producer, history, 1);
    int n = y.length;
    boolean positive = true;
    for (int t = 0; t < n; t++) {
      positive &= y[t] > 0.0;
      y[t] /= scale;
    }
    if (model.error == EtsModel.MULTIPLICATIVE && !positive) {
      throw new ModelFitException(
          String.format(
              "%s: ETS(%s) has multiplicative errors, which need a strictly positive series; this"
                  + " one (length %d) has zeros or negative values",
              producer, form(), n));
    }
    double[] finalState = new double[state.length];
    // run returns early, leaving the state untouched, when a multiplicative trend turns negative.
    Arrays.fill(finalState, Double.NaN);
    model.run(
        y, alpha, betaOrZero(), gammaOrZero(), phiOrOne(), initialState, new double[model.m],
        null, null, finalState);
    for (double v : finalState) {
      if (!Double.isFinite(v)) {
        throw new ModelFitException(
            String.format(
                "%s: ETS(%s) refiltered over %d periods has a non-finite state (a multiplicative"
                    + " trend turned negative or the recursions overflowed)",
                producer, form(), n));
      }
    }
    return new EtsFit(this, finalState);
  }

  @Override
  public String model() {
    return producer;
  }

  /**
   * Returns the fitted form in R's notation without commas.
   *
   * @return for example {@code "ANN"}, {@code "AAdN"} or {@code "MAM"}; the error letter, the
   *     trend letter (followed by {@code d} when damped) and the season letter
   */
  public String form() {
    return model.form();
  }

  /**
   * Returns the level smoothing parameter.
   *
   * @return alpha in [0, 1]
   */
  public double alpha() {
    return alpha;
  }

  /**
   * Returns the trend smoothing parameter in the state-space parameterisation ({@code beta <=
   * alpha}).
   *
   * @return beta, or NaN when the form has no trend
   */
  public double beta() {
    return beta;
  }

  /**
   * Returns the seasonal smoothing parameter.
   *
   * @return gamma, or NaN when the form has no season
   */
  public double gamma() {
    return gamma;
  }

  /**
   * Returns the damping parameter.
   *
   * @return phi in [0.8, 0.98], or NaN when the trend is not damped
   */
  public double phi() {
    return phi;
  }

  /**
   * Returns the innovation variance as R's {@code ets} reports it: the sum of squared residuals
   * divided by {@code n - k}, {@code k} the number of estimated parameters and initial states
   * (divided by {@code n} for the Holt-Winters fits of very short series).
   *
   * @return sigma2 in (units per period)² for additive errors, dimensionless (relative errors) for
   *     multiplicative errors
   */
  public double sigma2() {
    return model.error == EtsModel.ADDITIVE ? sigma2Scaled * scale * scale : sigma2Scaled;
  }

  /**
   * Returns the log-likelihood as R's {@code ets} defines it: {@code -0.5 * (n log(SSE) + 2 sum
   * log|yhat_t|)}, the last sum only for multiplicative errors (the Gaussian log-likelihood without
   * its constants).
   *
   * @return the log-likelihood, or NaN when the series was too short for likelihood fitting (R then
   *     fits Holt-Winters by least squares) or constant
   */
  public double logLikelihood() {
    return logLikelihood;
  }

  /**
   * Returns the corrected Akaike information criterion, as R's {@code ets}: {@code -2 loglik + 2k +
   * 2k(k+1)/(n-k-1)}, {@code k} counting the smoothing parameters, the free initial states and the
   * variance.
   *
   * @return the AICc, or NaN where {@link #logLikelihood()} is NaN
   */
  public double aicc() {
    return aicc;
  }

  /**
   * Returns the state after the last observation, in the layout of R's {@code ets}: level, trend
   * (when present), then seasonal components {@code s_1..s_m} with {@code s_1} the most recent.
   *
   * @return a copy in units per period (multiplicative components dimensionless)
   */
  public double[] state() {
    double[] out = state.clone();
    out[0] *= scale;
    if (model.trend == EtsModel.ADDITIVE) {
      out[1] *= scale;
    }
    if (model.season == EtsModel.ADDITIVE) {
      for (int i = model.seasonOffset(); i < out.length; i++) {
        out[i] *= scale;
      }
    }
    return out;
  }

  /**
   * Forecasts the mean: the state recursions without errors, except for ETS(M,N/A/Ad,M) where it
   * is the exact mean of Hyndman et al. 2008, section 6.3 (as R's {@code forecast.ets}).
   *
   * @throws ModelFitException if a forecast is not finite (for example an exploding multiplicative
   *     trend)
   */
  @Override
  public double[] forecast(int horizon) {
    Histories.requireHorizon(horizon);
    double[] mean = model.mean(state, alpha, betaOrZero(), gammaOrZero(), phiOrOne(), sigma2Scaled,
        horizon);
    for (int h = 0; h < horizon; h++) {
      mean[h] *= scale;
      if (!Double.isFinite(mean[h])) {
        throw new ModelFitException(
            String.format(
                "%s: ETS(%s) forecast %d steps ahead is not finite (%s)",
                producer, form(), h + 1, mean[h]));
      }
    }
    return mean;
  }

  /** The name of the level component. */
  public static final String LEVEL = "level";

  /** The name of the trend component (damped when the form is). */
  public static final String TREND = "trend";

  /** The name of the seasonal component. */
  public static final String SEASON = "season";

  /**
   * The name of the component of ETS(M,N/A/Ad,M) that takes the exact mean of Hyndman et al. 2008,
   * section 6.3, from the point forecast to the mean: the expected product of the level-trend and
   * seasonal states' errors under multiplicative errors.
   */
  public static final String INTERACTION = "interaction";

  /**
   * Splits the mean forecast into {@value #LEVEL} (the last level {@code l}), {@value #TREND} when
   * the form has a trend ({@code (phi + ... + phi^h) b}, or {@code l (b^(phi + ... + phi^h) - 1)}
   * for a multiplicative one), {@value #SEASON} when it has a season (the seasonal state {@code s}
   * of the target period, or {@code (l + trend)(s - 1)} for a multiplicative season) and, for
   * ETS(M,N/A/Ad,M) only, {@value #INTERACTION}: the exact mean minus the point forecast.
   *
   * @throws ModelFitException if the forecast is not finite
   */
  @Override
  public Optional<ForecastComponents> components(int horizon) {
    double[] mean = forecast(horizon);
    double[][] parts = model.pointComponents(state, phiOrOne(), horizon);
    ForecastComponents.Builder b = ForecastComponents.builder(horizon);
    double[] level = scaled(parts[0]);
    b.add(LEVEL, level);
    double[] sum = level.clone();
    if (model.trend != EtsModel.NONE) {
      double[] trend = scaled(parts[1]);
      b.add(TREND, trend);
      addInto(sum, trend);
    }
    if (model.season != EtsModel.NONE) {
      double[] season = scaled(parts[2]);
      b.add(SEASON, season);
      addInto(sum, season);
    }
    if (model.isClass3()) {
      double[] interaction = new double[horizon];
      for (int h = 0; h < horizon; h++) {
        interaction[h] = mean[h] - sum[h];
      }
      b.add(INTERACTION, interaction);
    }
    return Optional.of(b.build());
  }

  private double[] scaled(double[] values) {
    double[] out = new double[values.length];
    for (int h = 0; h < values.length; h++) {
      out[h] = values[h] * scale;
    }
    return out;
  }

  private static void addInto(double[] sum, double[] values) {
    for (int h = 0; h < sum.length; h++) {
      sum[h] += values[h];
    }
  }

  /**
   * Returns the forecast-error variances. Exact (Hyndman et al. 2008, chapter 6) for the linear
   * forms with additive errors (class 1, Table 6.1: {@code sigma2 (1 + sum_{j<h} c_j²)}), for
   * multiplicative errors with additive or no trend and season (class 2) and for multiplicative
   * errors and season (class 3); for forms with a multiplicative trend it is the sample variance of
   * 5000 simulated paths with a fixed seed, where R's {@code forecast.ets} simulates too.
   *
   * @return the variances, or empty when they are not finite (overflow for huge series)
   */
  @Override
  public Optional<double[]> forecastVariance(int horizon) {
    Histories.requireHorizon(horizon);
    double[] v =
        model.variance(state, alpha, betaOrZero(), gammaOrZero(), phiOrOne(), sigma2Scaled,
            horizon);
    for (int h = 0; h < horizon; h++) {
      v[h] *= scale * scale;
      if (!Double.isFinite(v[h])) {
        return Optional.empty();
      }
      v[h] = Math.max(0.0, v[h]);
    }
    return Optional.of(v);
  }

  /**
   * Returns {@code alpha}, then {@code beta}, {@code gamma} and {@code phi} when in the form,
   * {@code sigma2}, {@code loglik} and {@code aicc} (absent for non-likelihood fits), and the form
   * as codes: {@code error} (1 additive, 2 multiplicative), {@code trend} (0 none, 1 additive, 2
   * multiplicative), {@code damped} (0 or 1), {@code season} (0, 1, 2) and {@code m}.
   */
  @Override
  public Map<String, Double> parameters() {
    return parameters;
  }

  @Override
  public String toString() {
    return "ETS(" + form() + ")" + parameters;
  }

  private double betaOrZero() {
    return Double.isNaN(beta) ? 0.0 : beta;
  }

  private double gammaOrZero() {
    return Double.isNaN(gamma) ? 0.0 : gamma;
  }

  private double phiOrOne() {
    return Double.isNaN(phi) ? 1.0 : phi;
  }
}
