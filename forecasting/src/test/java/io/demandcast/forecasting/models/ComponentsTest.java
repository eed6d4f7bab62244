package io.demandcast.forecasting.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.forecasting.FittedForecaster;
import io.demandcast.forecasting.ForecastComponents;
import io.demandcast.forecasting.Forecaster;
import io.demandcast.forecasting.ModelSelection;
import io.demandcast.forecasting.SeriesForecast;
import io.demandcast.forecasting.Seasonality;
import io.demandcast.forecasting.global.GlobalRegression;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link FittedForecaster#components}: for every model that has them, on the real series of
 * {@code src/test/resources/reference} (R's datasets, M3, NN5, carparts), the components add up to
 * the forecast within 1e-9 at every step, and carry the names the model documents.
 */
class ComponentsTest {
  private static final double TOLERANCE = 1e-9;
  private static final RReference SERIES = RReference.load("series.csv");
  private static final RReference MSTL = RReference.load("mstl.csv");

  /** The {@code values} and {@code m} rows of {@code reference/ets.csv} (its other rows vary). */
  private static final Map<String, double[]> ETS_SERIES = new LinkedHashMap<>();

  private static final Map<String, Integer> ETS_PERIODS = new LinkedHashMap<>();

  static {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                Objects.requireNonNull(
                    ComponentsTest.class.getResourceAsStream("/reference/ets.csv")),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        String[] cells = line.split(",");
        if (cells.length > 2 && cells[1].equals("values")) {
          double[] values = new double[cells.length - 2];
          for (int i = 0; i < values.length; i++) {
            values[i] = Double.parseDouble(cells[i + 2]);
          }
          ETS_SERIES.put(cells[0], values);
        } else if (cells.length == 3 && cells[1].equals("m")) {
          ETS_PERIODS.put(cells[0], (int) Double.parseDouble(cells[2]));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts that the components add up to the forecast and returns them. */
  private static ForecastComponents assertAddsUp(FittedForecaster fit, int horizon, String what) {
    double[] forecast = fit.forecast(horizon);
    Optional<ForecastComponents> components = fit.components(horizon);
    assertThat(components).as(what).isPresent();
    ForecastComponents c = components.get();
    assertThat(c.horizon()).isEqualTo(horizon);
    assertThat(c.weights()).isEmpty();
    double[] total = c.total();
    for (int h = 0; h < horizon; h++) {
      assertThat(total[h]).as("%s step %d", what, h + 1).isCloseTo(forecast[h], within(TOLERANCE));
    }
    return c;
  }

  @Test
  void etsEveryFormOnRealSeries_componentsAddUpToTheMean() {
    List<String> seasonal =
        List.of("ANA", "AAA", "AAdA", "MNA", "MAA", "MAdA", "MNM", "MAM", "MAdM", "MMM", "MMdM");
    List<String> plain = List.of("ANN", "AAN", "AAdN", "MNN", "MAN", "MAdN", "MMN", "MMdN");
    int checked = 0;
    for (Map.Entry<String, double[]> e : ETS_SERIES.entrySet()) {
      int m = ETS_PERIODS.get(e.getKey());
      boolean positive = java.util.Arrays.stream(e.getValue()).allMatch(v -> v > 0);
      List<String> forms = new ArrayList<>(plain);
      if (m > 1) {
        forms.addAll(seasonal);
      }
      for (String form : forms) {
        if (!positive && form.contains("M")) {
          continue;
        }
        EtsFit fit = Ets.of(m, form).fit(e.getValue());
        ForecastComponents c = assertAddsUp(fit, 2 * m + 3, e.getKey() + " " + form);
        List<String> names = new ArrayList<>(List.of(EtsFit.LEVEL));
        if (form.charAt(1) != 'N') {
          names.add(EtsFit.TREND);
        }
        if (form.endsWith("A") || form.endsWith("M")) {
          names.add(EtsFit.SEASON);
        }
        if (form.startsWith("M") && form.endsWith("M") && form.charAt(1) != 'M') {
          names.add(EtsFit.INTERACTION);
        }
        assertThat(c.names()).as(e.getKey() + " " + form).isEqualTo(names);
        checked++;
      }
      ForecastComponents auto = assertAddsUp(Ets.auto(m).fit(e.getValue()), 18, e.getKey());
      assertThat(auto.names()).startsWith(EtsFit.LEVEL);
    }
    assertThat(checked).isGreaterThan(60);
  }

  /**
   * ETS(M,Ad,M) on AirPassengers split by hand from the final state: level l, damped trend phi b,
   * season (l + phi b)(s - 1) with s the state's seasonal component of the next month, and the
   * exact class-3 mean's excess over their sum as the interaction.
   */
  @Test
  void multiplicativeDampedSeasonalEts_splitsExactlyAsTheStateSays() {
    double[] y = SERIES.get("AirPassengers", "values");
    EtsFit fit = Ets.of(12, "MAdM").fit(y);
    double[] state = fit.state();
    double l = state[0];
    double b = state[1];
    double phi = fit.phi();
    double s = state[2 + 11];
    ForecastComponents c = assertAddsUp(fit, 24, "AirPassengers MAdM");
    assertThat(c.get(EtsFit.LEVEL)[0]).isCloseTo(l, within(1e-9));
    assertThat(c.get(EtsFit.TREND)[0]).isCloseTo(phi * b, within(1e-9));
    assertThat(c.get(EtsFit.SEASON)[0]).isCloseTo((l + phi * b) * (s - 1.0), within(1e-9));
    assertThat(c.get(EtsFit.TREND)[1]).isCloseTo((phi + phi * phi) * b, within(1e-9));
    // the interaction is the small excess of the exact mean over the point forecast
    double[] interaction = c.get(EtsFit.INTERACTION);
    assertThat(interaction[0]).isCloseTo(0.0, within(1e-6 * fit.forecast(1)[0]));
    assertThat(Math.abs(interaction[23])).isLessThan(0.01 * fit.forecast(24)[23]);
  }

  @Test
  void multiplicativeTrendEts_trendIsLevelTimesGrowthMinusLevel() {
    double[] y = ETS_SERIES.get("N1902");
    EtsFit fit = Ets.of(12, "MMN").fit(y);
    double[] state = fit.state();
    ForecastComponents c = assertAddsUp(fit, 12, "N1902 MMN");
    assertThat(c.get(EtsFit.TREND)[2])
        .isCloseTo(state[0] * Math.pow(state[1], 3) - state[0], within(1e-9));
  }

  @Test
  void thetaArimaStlfNaive2OnRealSeries_componentsAddUp() {
    for (String name : SERIES.seriesWith("values")) {
      double[] y = SERIES.get(name, "values");
      int m = (int) SERIES.scalar(name, "m");
      int h = (int) SERIES.scalar(name, "horizon");
      ForecastComponents theta = assertAddsUp(new Theta(m).fit(y), h, name + " theta");
      assertThat(theta.names()).startsWith("level", "drift");
      ForecastComponents arima = assertAddsUp(new Arima(m).fit(y), h, name + " arima");
      assertThat(arima.names()).startsWith("adjusted");
      if (m > 1) {
        ForecastComponents stlf = assertAddsUp(new Stlf(m).fit(y), h, name + " stlf");
        assertThat(stlf.names()).contains("level").endsWith(EtsFit.SEASON);
      }
      assertAddsUp(new Naive2(m).fit(y), h, name + " naive2");
      assertAddsUp(new Naive().fit(y), h, name + " naive");
      assertAddsUp(new SeasonalNaive(m).fit(y), h, name + " seasonal naive");
    }
  }

  /** AirPassengers is seasonal: Theta, ARIMA and Naive2 adjust it and put the season back. */
  @Test
  void seasonalSeries_hasASeasonComponentThatChangesSignOverTheYear() {
    double[] y = SERIES.get("AirPassengers", "values");
    for (Forecaster method : List.<Forecaster>of(new Theta(12), new Arima(12), new Naive2(12))) {
      ForecastComponents c = assertAddsUp(method.fit(y), 24, method.name());
      double[] season = c.get("season");
      assertThat(season).as(method.name()).isNotNull();
      assertThat(java.util.Arrays.stream(season).min().orElseThrow()).isNegative();
      assertThat(java.util.Arrays.stream(season).max().orElseThrow()).isPositive();
    }
  }

  @Test
  void mstlfOnNn5Days_oneComponentPerSeasonalPeriod() {
    int checked = 0;
    for (String name : MSTL.seriesWith("stlf_mean")) {
      double[] y = MSTL.get(name, "values");
      double[] periods = MSTL.get(name, "periods");
      Seasonality seasonality = MstlTest.seasonality(name);
      FittedForecaster fit = new Mstlf(seasonality).fit(y);
      ForecastComponents c = assertAddsUp(fit, (int) MSTL.scalar(name, "horizon"), name);
      assertThat(c.names()).contains(EtsFit.LEVEL);
      for (double p : periods) {
        if (y.length > 2 * p) {
          assertThat(c.names()).contains(ForecastComponents.seasonName(p));
        }
      }
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(2);
    assertThat(ForecastComponents.seasonName(365.25)).isEqualTo("season_365.25");
    assertThat(ForecastComponents.seasonName(7)).isEqualTo("season_7");
    assertThat(ForecastComponents.seasonName(52.18)).isEqualTo("season_52.18");
  }

  @Test
  void intermittentMethodsOnCarparts_oneLevelComponent() {
    for (Map.Entry<String, double[]> part : IntermittentReference.carparts().entrySet()) {
      double[] y = part.getValue();
      for (Forecaster method :
          List.<Forecaster>of(
              Croston.optimized(Croston.Variant.SBA), Tsb.optimized(), new MovingAverage(12))) {
        ForecastComponents c = assertAddsUp(method.fit(y), 12, part.getKey() + " " + method);
        assertThat(c.names()).containsExactly("level");
      }
      assertThat(assertAddsUp(new SeasonalNaive(12).fit(y), 12, part.getKey()).names())
          .containsExactly("last_season");
    }
  }

  /**
   * The default selection (inverse-error weighted ETS, Theta, ARIMA and seasonal naive; the mean
   * of the best five for the intermittent carparts; MSTL + ETS for NN5's days) on every real
   * series: the components of the published mean, each member's times its weight, add up to it
   * within 1e-6, and the weights are those of {@code parameters}.
   */
  @Test
  void defaultSelectionOnRealSeries_componentsAddUpToThePublishedMean() {
    Map<String, SeriesForecast> forecasts = new LinkedHashMap<>();
    for (String name : SERIES.seriesWith("values")) {
      forecasts.put(name, ModelSelection.defaults((int) SERIES.scalar(name, "m"),
          (int) SERIES.scalar(name, "horizon")).forecast(SERIES.get(name, "values")));
    }
    for (Map.Entry<String, double[]> e : ETS_SERIES.entrySet()) {
      forecasts.put(e.getKey(), ModelSelection.defaults(ETS_PERIODS.get(e.getKey()), 18)
          .forecast(e.getValue()));
    }
    IntermittentReference.carparts().forEach((part, y) ->
        forecasts.put(part, ModelSelection.defaults(12, 12).forecast(y)));
    for (String name : MSTL.seriesWith("stlf_mean")) {
      if (MSTL.has(name, "periods")) {
        forecasts.put(name, ModelSelection.defaults(MstlTest.seasonality(name), 28)
            .forecast(MSTL.get(name, "values")));
      }
    }
    int combinations = 0;
    for (Map.Entry<String, SeriesForecast> e : forecasts.entrySet()) {
      SeriesForecast f = e.getValue();
      ForecastComponents c = f.components();
      double[] total = c.total();
      double[] mean = f.mean();
      for (int h = 0; h < mean.length; h++) {
        assertThat(total[h]).as("%s step %d", e.getKey(), h + 1).isCloseTo(mean[h], within(1e-6));
      }
      for (String name : c.names()) {
        String member = ForecastComponents.member(name);
        if (member == null) {
          assertThat(name).isEqualTo(ForecastComponents.FLOOR_AT_ZERO);
        } else {
          assertThat(c.weights()).as(e.getKey()).containsKey(member);
        }
      }
      if (f.model().equals(ModelSelection.COMBINATION)) {
        combinations++;
        c.weights().forEach((member, w) -> assertThat(w[0]).as(e.getKey() + " " + member)
            .isCloseTo(f.parameters().get("weight_" + member), within(1e-12)));
      }
    }
    assertThat(combinations).isGreaterThan(10);
    assertThat(forecasts.get("NN5_N101_735").components().names())
        .contains("mstlf.season_7", "mstlf.level");
  }

  /**
   * Global LASSO, trained on the carparts and M3 monthly series: the intercept plus coefficient
   * times feature value per feature (and the clamp at 0) add up to each series' forecast, direct
   * and recursive.
   */
  @Test
  void globalLasso_coefficientTimesFeaturePerFeature() {
    List<double[]> panel = new ArrayList<>(IntermittentReference.carparts().values());
    for (String name : List.of("M3_N1402", "M3_N1712", "AirPassengers", "USAccDeaths")) {
      panel.add(SERIES.get(name, "values"));
    }
    for (GlobalRegression.Strategy strategy : GlobalRegression.Strategy.values()) {
      Forecaster lasso =
          GlobalRegression.of(GlobalRegression.Kind.LASSO, strategy)
              .train(panel, 12, 6, 0)
              .asForecaster();
      for (double[] y : panel) {
        ForecastComponents c = assertAddsUp(lasso.fit(y), 9, "lasso " + strategy);
        assertThat(c.names()).startsWith("intercept").hasSizeGreaterThan(1);
      }
    }
  }

  /**
   * The global tree models, direct and recursive: the ensemble's expected output ({@code
   * base_value}) plus each feature's exact TreeSHAP value add up to each series' forecast.
   */
  @Test
  void globalTrees_baseValuePlusTreeShapPerFeature() {
    List<double[]> panel = new ArrayList<>(IntermittentReference.carparts().values());
    for (String name : List.of("M3_N1402", "M3_N1712", "AirPassengers", "USAccDeaths")) {
      panel.add(SERIES.get(name, "values"));
    }
    for (GlobalRegression.Kind kind :
        List.of(GlobalRegression.Kind.GRADIENT_TREE_BOOST, GlobalRegression.Kind.RANDOM_FOREST)) {
      for (GlobalRegression.Strategy strategy : GlobalRegression.Strategy.values()) {
        Forecaster trees =
            GlobalRegression.of(kind, strategy).withTrees(10).train(panel, 12, 4, 0).asForecaster();
        for (double[] y : panel) {
          ForecastComponents c = assertAddsUp(trees.fit(y), 6, kind + " " + strategy);
          assertThat(c.names()).startsWith("base_value").hasSizeGreaterThan(1);
        }
      }
    }
  }
}
