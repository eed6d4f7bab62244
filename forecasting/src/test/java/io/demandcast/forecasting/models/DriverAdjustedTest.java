package io.demandcast.forecasting.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.forecasting.FittedForecaster;
import io.demandcast.forecasting.Forecaster;
import io.demandcast.forecasting.ModelSelection;
import io.demandcast.forecasting.Seasonality;
import io.demandcast.forecasting.SeriesForecast;
import io.demandcast.forecasting.backtest.Backtest;
import io.demandcast.forecasting.backtest.BacktestResult;
import io.demandcast.forecasting.backtest.RollingOrigin;
import io.demandcast.forecasting.drivers.DriverEffects;
import io.demandcast.forecasting.drivers.HolidayRegressors;
import io.demandcast.forecasting.drivers.Holidays;
import io.demandcast.forecasting.drivers.PeriodDates;
import io.demandcast.forecasting.drivers.Regressors;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link DriverEffects} and {@link DriverAdjusted} on a synthetic daily series with planted
 * holiday effects: English bank holidays (GB-ENG) from Monday 2015-01-05, a weekly pattern, a
 * slow trend and 5 % multiplicative noise; demand 40 % below normal on each bank holiday and 25 %
 * above it the day before.
 */
class DriverAdjustedTest {
  private static final LocalDate FIRST = LocalDate.of(2015, 1, 5);
  private static final double[] WEEK = {1.0, 1.1, 1.05, 1.0, 1.2, 1.4, 0.6};
  private static final double HOLIDAY = -0.40;
  private static final double DAY_BEFORE = 0.25;
  private static final Holidays ENGLAND = Holidays.of("GB-ENG");

  /** Days of demand with the planted effects, and the pooled holiday columns over them. */
  private record Planted(double[] y, Regressors pooled, double[] clean) {}

  private static Planted planted(int days) {
    Regressors pooled =
        new HolidayRegressors(false, 1, 0).build(ENGLAND, PeriodDates.daily(FIRST), days);
    double[] before = pooled.column(pooled.names().indexOf("holiday-1"));
    double[] on = pooled.column(pooled.names().indexOf("holiday"));
    Random random = new Random(19);
    double[] y = new double[days];
    double[] clean = new double[days];
    for (int t = 0; t < days; t++) {
      clean[t] = (100.0 + 0.02 * t) * WEEK[t % 7] * (1.0 + 0.05 * random.nextGaussian());
      y[t] = clean[t] * (1.0 + HOLIDAY * on[t] + DAY_BEFORE * before[t]);
    }
    return new Planted(y, pooled, clean);
  }

  @Test
  void givenPlantedEffects_whenEstimate_thenRecoveredWithinTenPercent() {
    Planted p = planted(3 * 365);

    DriverEffects effects = DriverEffects.estimate(p.y(), p.pooled(), 7);

    Map<String, Double> byName = effects.byName();
    assertThat(byName.get("holiday")).isCloseTo(HOLIDAY, Offset.offset(0.1 * Math.abs(HOLIDAY)));
    assertThat(byName.get("holiday-1"))
        .isCloseTo(DAY_BEFORE, Offset.offset(0.1 * Math.abs(DAY_BEFORE)));
    // in units: the effect times the baseline against the planted change, over all holidays
    double estimated = 0.0;
    double planted = 0.0;
    double[] on = p.pooled().column(p.pooled().names().indexOf("holiday"));
    for (int t = 0; t < p.y().length; t++) {
      if (on[t] != 0.0) {
        estimated += effects.baseline()[t] * byName.get("holiday");
        planted += p.clean()[t] * HOLIDAY;
      }
    }
    assertThat(estimated / planted).isCloseTo(1.0, Offset.offset(0.1));
    assertThat(effects.occurrences()[p.pooled().names().indexOf("holiday")])
        .isEqualTo((int) Arrays.stream(on).sum())
        .isGreaterThanOrEqualTo(24);
  }

  @Test
  void givenOneColumnPerHoliday_whenEstimate_thenEachNearThePlantedEffect() {
    int days = 3 * 365;
    Planted p = planted(days);
    Regressors each = new HolidayRegressors(true, 0, 0).build(ENGLAND, PeriodDates.daily(FIRST), days);

    DriverEffects effects = DriverEffects.estimate(p.y(), each, 7);

    assertThat(effects.byName()).containsKeys("christmas", "easter_monday", "good_friday");
    effects
        .byName()
        .forEach(
            (name, e) ->
                assertThat(e).as(name).isCloseTo(HOLIDAY, Offset.offset(0.1 * Math.abs(HOLIDAY))));
  }

  @Test
  void givenAHorizonWithChristmas_whenForecast_thenHolidayDaysFarCloserThanWithoutDrivers() {
    int n = 1060; // to 2017-11-30; the 56 days after hold Christmas, Boxing Day and New Year
    int h = 56;
    Planted p = planted(n + h);
    double[] history = Arrays.copyOf(p.y(), n);
    Forecaster adjusted = new DriverAdjusted(Ets.auto(7), p.pooled(), 7, "holidays");

    FittedForecaster fitted = adjusted.fit(history);
    double[] with = fitted.forecast(h);
    double[] without = Ets.auto(7).fit(history).forecast(h);

    assertThat(adjusted.name()).isEqualTo("ets_holidays");
    assertThat(fitted.parameters()).containsKeys("effect_holiday", "effect_holiday-1", "alpha");
    double errorWith = 0.0;
    double errorWithout = 0.0;
    int touched = 0;
    for (int k = 0; k < h; k++) {
      if (p.pooled().any(n + k)) {
        errorWith += Math.abs(p.y()[n + k] - with[k]);
        errorWithout += Math.abs(p.y()[n + k] - without[k]);
        touched++;
      }
    }
    assertThat(touched).isEqualTo(5); // 24 (the day before), 25, 26 December, 31 December, 1 January
    assertThat(errorWith).isLessThan(0.35 * errorWithout);
    assertThat(fitted.forecastVariance(h)).isPresent();
  }

  @Test
  void givenPrefixes_whenBacktest_thenEachWindowAlignedWithTheSameRegressors() {
    int n = 800;
    Planted p = planted(n + 28);
    double[] y = Arrays.copyOf(p.y(), n);
    DriverAdjusted adjusted = new DriverAdjusted(new Theta(7), p.pooled(), 7, "holidays");
    RollingOrigin design = new RollingOrigin(3, 28, 14);

    BacktestResult backtest =
        Backtest.run(adjusted.forBacktest(adjusted.fit(y)), y, design, 7);

    assertThat(backtest.failed()).isFalse();
    int[] origins = backtest.origins();
    for (int w = 0; w < origins.length; w++) {
      double[] direct = adjusted.fit(Arrays.copyOf(y, origins[w])).forecast(28);
      assertThat(backtest.forecasts()[w]).containsExactly(direct, Offset.offset(1e-9));
    }
  }

  @Test
  void givenRegressorsWithoutTheHorizon_whenForecast_thenTheMessageSaysSo() {
    Planted p = planted(400);
    DriverAdjusted adjusted = new DriverAdjusted(new Theta(7), p.pooled(), 7, "holidays");

    FittedForecaster fitted = adjusted.fit(p.y());

    assertThatThrownBy(() -> fitted.forecast(7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("theta_holidays: the regressors cover 400 periods")
        .hasMessageContaining("need 407");
    assertThatThrownBy(() -> adjusted.fit(new double[401]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cover 400 periods");
  }

  @Test
  void givenRegressors_whenDefaults_thenDriverCandidatesJoinAndWithoutColumnsNothingChanges() {
    int n = 500;
    int h = 28;
    Planted p = planted(n + h);
    double[] y = Arrays.copyOf(p.y(), n);
    var options =
        ModelSelection.defaults(Seasonality.of(7, 365.25), h).options();

    ModelSelection plain = ModelSelection.defaults(options);
    ModelSelection none = ModelSelection.defaults(options, Regressors.of(n + h, Map.of()));
    ModelSelection drivers = ModelSelection.defaults(options, p.pooled());

    assertThat(none.forecast(y).mean()).containsExactly(plain.forecast(y).mean());
    assertThat(drivers.candidates())
        .extracting(Forecaster::name)
        .containsExactly(
            "ets", "theta", "arima", "mstlf",
            "ets_drivers", "theta_drivers", "arima_drivers", "mstlf_drivers");
    SeriesForecast forecast = drivers.forecast(y);
    assertThat(forecast.parameters()).containsKeys("weight_ets", "weight_ets_drivers");
    assertThat(forecast.parameters().get("weight_theta_drivers"))
        .isGreaterThan(forecast.parameters().get("weight_theta"));
  }
}
