package io.demandcast.forecasting.models;

import io.demandcast.forecasting.FittedForecaster;
import io.demandcast.forecasting.Forecaster;
import io.demandcast.forecasting.Histories;
import io.demandcast.forecasting.ModelFitException;
import io.demandcast.forecasting.drivers.DriverEffects;
import io.demandcast.forecasting.drivers.Regressors;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A base forecaster on the driver-adjusted series, with the drivers' effects put back over the
 * horizon: each driver column's effect is estimated on the seasonally adjusted series, robustly
 * ({@link DriverEffects}), taken out of the history, the adjusted history is forecast by the base
 * method (ETS, Theta, ARIMA, MSTL + ETS, any {@link Forecaster}), and the forecast is multiplied
 * by {@code 1 + sum_j x_tj e_j} on the future periods the drivers touch.
 *
 * <p>The regressors are aligned with the history by index: period 0 of the regressors is the
 * history's first period, and they must run at least {@code horizon} periods past its end (their
 * future part, known in advance as holidays are). A history that is a prefix of the series (the
 * rolling-origin backtest) therefore lines up with the same regressors, and its effects are
 * estimated again on the prefix alone: the backtest sees no effect estimated on its test periods.
 *
 * <p>The forecast variance, where the base method has one, is the base variance times the squared
 * factor (the adjusted series' uncertainty scaled like its mean). Immutable and thread-safe.
 */
public final class DriverAdjusted implements Forecaster {
  private static final long serialVersionUID = 1L;

  private final Forecaster base;
  private final Regressors regressors;
  private final int seasonalPeriod;
  private final String suffix;

  /**
   * Creates the method.
   *
   * @param base the forecaster of the adjusted series
   * @param regressors the drivers over the history and the horizon, period 0 the history's first
   * @param seasonalPeriod the season length m of the effects' baseline, at least 1
   * @param suffix appended to the base's name with an underscore, for example {@code holidays}
   *     ({@code ets_holidays})
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code seasonalPeriod < 1} or the suffix is blank
   */
  public DriverAdjusted(
      Forecaster base, Regressors regressors, int seasonalPeriod, String suffix) {
    this.base = Objects.requireNonNull(base, "base");
    this.regressors = Objects.requireNonNull(regressors, "regressors");
    this.suffix = Objects.requireNonNull(suffix, "suffix");
    if (seasonalPeriod < 1) {
      throw new IllegalArgumentException("seasonal period must be at least 1, got " + seasonalPeriod);
    }
    if (suffix.isBlank()) {
      throw new IllegalArgumentException("the name suffix is blank");
    }
    this.seasonalPeriod = seasonalPeriod;
  }

  /**
   * Returns the base method.
   *
   * @return the forecaster of the adjusted series
   */
  public Forecaster base() {
    return base;
  }

  /**
   * Returns the drivers.
   *
   * @return the regressors
   */
  public Regressors regressors() {
    return regressors;
  }

  /** Returns the base's name and the suffix, for example {@code ets_holidays}. */
  @Override
  public String name() {
    return base.name() + "_" + suffix;
  }

  @Override
  public int minHistory() {
    return base.minHistory();
  }

  /** Returns for example {@code "ets_holidays(ets(auto, m=7), drivers=9, baseline m=7)"}. */
  @Override
  public String spec() {
    return name()
        + "("
        + base.spec()
        + ", drivers="
        + regressors.width()
        + " columns over "
        + regressors.length()
        + " periods, robust relative effects, baseline m="
        + seasonalPeriod
        + ")";
  }

  @Override
  public String toString() {
    return spec();
  }

  /**
   * Estimates the drivers' effects, adjusts the history and fits the base method to it.
   *
   * @param history one value per period, aligned with the regressors' period 0, finite, at least
   *     {@link #minHistory()} values; not mutated
   * @return the model; its parameters are the base fit's followed by {@code effect_<column>} for
   *     each column with history (relative: −0.2 is 20 % below the baseline)
   * @throws IllegalArgumentException for an invalid history or regressors shorter than it
   * @throws ModelFitException if the base method fails on the adjusted series
   */
  @Override
  public FittedForecaster fit(double[] history) {
    double[] y = Histories.validatedCopy(name(), history, minHistory());
    regressors.requireLength(name(), y.length);
    DriverEffects effects = DriverEffects.estimate(y, regressors, seasonalPeriod);
    FittedForecaster fitted = base.fit(effects.adjust(y, regressors));
    return new Fitted(name(), fitted, effects, regressors, y.length);
  }

  /** The base method's backtest forecaster, wrapped the same way. */
  @Override
  public Forecaster forBacktest(FittedForecaster fitted) {
    return fitted instanceof Fitted f
        ? new DriverAdjusted(base.forBacktest(f.base), regressors, seasonalPeriod, suffix)
        : this;
  }

  /** The base method's refiltered forecaster, wrapped; the effects are estimated per window. */
  @Override
  public Forecaster refiltered(FittedForecaster fitted) {
    return fitted instanceof Fitted f
        ? new DriverAdjusted(base.refiltered(f.base), regressors, seasonalPeriod, suffix)
        : forBacktest(fitted);
  }

  private static final class Fitted implements FittedForecaster, java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final String model;
    private final FittedForecaster base;
    private final DriverEffects effects;
    private final Regressors regressors;
    private final int historyLength;
    private final Map<String, Double> parameters;

    Fitted(
        String model,
        FittedForecaster base,
        DriverEffects effects,
        Regressors regressors,
        int historyLength) {
      this.model = model;
      this.base = base;
      this.effects = effects;
      this.regressors = regressors;
      this.historyLength = historyLength;
      Map<String, Double> params = new LinkedHashMap<>(base.parameters());
      effects.byName().forEach((name, e) -> params.put("effect_" + name, e));
      this.parameters = Histories.frozen(params);
    }

    @Override
    public String model() {
      return model;
    }

    @Override
    public double[] forecast(int horizon) {
      Histories.requireHorizon(horizon);
      regressors.requireLength(model, historyLength + horizon);
      double[] f = base.forecast(horizon);
      for (int h = 0; h < horizon; h++) {
        f[h] *= effects.multiplier(regressors, historyLength + h);
        if (!Double.isFinite(f[h])) {
          throw new ModelFitException(
              String.format(
                  "%s: non-finite forecast (length %d, horizon %d)", model, historyLength, horizon));
        }
      }
      return f;
    }

    @Override
    public Optional<double[]> forecastVariance(int horizon) {
      Histories.requireHorizon(horizon);
      regressors.requireLength(model, historyLength + horizon);
      return base.forecastVariance(horizon)
          .map(
              v -> {
                double[] scaled = v.clone();
                for (int h = 0; h < horizon; h++) {
                  double m = effects.multiplier(regressors, historyLength + h);
                  scaled[h] *= m * m;
                }
                return scaled;
              });
    }

    @Override
    public Map<String, Double> parameters() {
      return parameters;
    }
  }
}
