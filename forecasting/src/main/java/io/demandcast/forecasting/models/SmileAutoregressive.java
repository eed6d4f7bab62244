package io.demandcast.forecasting.models;

import io.demandcast.forecasting.FittedForecaster;
import io.demandcast.forecasting.Forecaster;
import io.demandcast.forecasting.Histories;
import io.demandcast.forecasting.ModelFitException;
import java.util.LinkedHashMap;
import java.util.Map;
import smile.timeseries.AR;

/**
 * Autoregressive model AR(p) fitted with Smile's Yule-Walker estimator ({@link AR#fit(double[],
 * int)}), with the order chosen by Akaike's information criterion.
 *
 * <p>For a history of length n, every order p in {@code 1..min(maxOrder, n / 3)} is fitted and the
 * one minimising {@code AIC(p) = n ln(sigma2) + 2p} is kept, where {@code sigma2} is Smile's
 * Yule-Walker innovation variance {@link AR#variance()}. Orders whose fit is degenerate (non-finite
 * coefficients, or a variance that is not a positive finite number) are skipped. Forecasts are
 * Smile's recursive multi-step forecasts {@code y[t] = intercept + sum_i ar_i y[t-i]}.
 *
 * <p>Sources: G. U. Yule (1927) and G. T. Walker (1931) for the estimator; H. Akaike, "A new look
 * at the statistical model identification", IEEE Trans. Automatic Control 19(6), 1974, for AIC; see
 * also P. J. Brockwell and R. A. Davis, <i>Introduction to Time Series and Forecasting</i>, 3rd
 * ed., Springer, 2016, sections 5.1 and 5.5.
 */
public final class SmileAutoregressive implements Forecaster {
  private static final long serialVersionUID = 1L;

  /** The {@link #name()} of this method. */
  public static final String NAME = "ar";

  /** Largest order considered. */
  private final int maxOrder;

  /**
   * Creates the method.
   *
   * @param maxOrder the largest order p considered, at least 1
   * @throws IllegalArgumentException if {@code maxOrder < 1}
   */
  public SmileAutoregressive(int maxOrder) {
    if (maxOrder < 1) {
      throw new IllegalArgumentException("maxOrder must be at least 1, got " + maxOrder);
    }
    this.maxOrder = maxOrder;
  }

  /**
   * Returns the largest order considered.
   *
   * @return the maximum order p, at least 1
   */
  public int maxOrder() {
    return maxOrder;
  }

  /** Returns {@value #NAME}. */
  @Override
  public String name() {
    return NAME;
  }

  /** Returns 3: order 1 needs {@code n / 3 >= 1}. */
  @Override
  public int minHistory() {
    return 3;
  }

  /**
   * Fits AR(p) for each candidate order and keeps the one with the lowest AIC.
   *
   * @param history one value per period (units per period), oldest first, length at least 3; not
   *     mutated
   * @return a model whose parameters are {@code order}, {@code intercept}, {@code ar1..arp} and
   *     {@code sigma2}
   * @throws IllegalArgumentException for a null, too short or non-finite history
   * @throws ModelFitException if the series is constant or no order gives a usable fit
   */
  @Override
  public FittedForecaster fit(double[] history) {
    double[] y = Histories.validatedCopy(NAME, history, minHistory());
    int n = y.length;
    if (isConstant(y)) {
      throw new ModelFitException(
          String.format("%s: constant series (length %d) has no autocorrelation", NAME, n));
    }
    AR best = null;
    double bestAic = Double.POSITIVE_INFINITY;
    RuntimeException lastFailure = null;
    for (int p = 1; p <= Math.min(maxOrder, n / 3); p++) {
      AR candidate;
      try {
        candidate = AR.fit(y, p);
      } catch (ArithmeticException e) { // LAPACK failed on the Toeplitz system
        lastFailure = e;
        continue;
      }
      double variance = candidate.variance();
      if (!allFinite(candidate.ar())
          || !Double.isFinite(candidate.intercept())
          || !(variance > 0.0)
          || !Double.isFinite(variance)) {
        continue;
      }
      double aic = n * Math.log(variance) + 2.0 * p;
      if (aic < bestAic) {
        bestAic = aic;
        best = candidate;
      }
    }
    if (best == null) {
      String message =
          String.format(
              "%s: no order in 1..%d gives a finite fit with positive variance (length %d)",
              NAME, Math.min(maxOrder, n / 3), n);
      throw lastFailure == null
          ? new ModelFitException(message)
          : new ModelFitException(message, lastFailure);
    }
    return new Fitted(best);
  }

  @Override
  public String toString() {
    return NAME + "(maxOrder=" + maxOrder + ")";
  }

  private static boolean isConstant(double[] y) {
    for (double v : y) {
      if (v != y[0]) {
        return false;
      }
    }
    return true;
  }

  private static boolean allFinite(double[] values) {
    for (double v : values) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /** Wraps the selected Smile model; the series it holds is a private copy never exposed. */
  private static final class Fitted implements FittedForecaster {
    private final AR model;
    private final Map<String, Double> parameters;

    Fitted(AR model) {
      this.model = model;
      double[] ar = model.ar().clone();
      Map<String, Double> params = new LinkedHashMap<>();
      params.put("order", (double) ar.length);
      params.put("intercept", model.intercept());
      for (int i = 0; i < ar.length; i++) {
        params.put("ar" + (i + 1), ar[i]);
      }
      params.put("sigma2", model.variance());
      this.parameters = Histories.frozen(params);
    }

    @Override
    public String model() {
      return NAME;
    }

    @Override
    public double[] forecast(int horizon) {
      Histories.requireHorizon(horizon);
      double[] forecast = model.forecast(horizon);
      if (!allFinite(forecast)) {
        throw new ModelFitException(
            String.format("%s: AR(%d) produced a non-finite forecast", NAME, model.p()));
      }
      return forecast;
    }

    @Override
    public Map<String, Double> parameters() {
      return parameters;
    }
  }
}
