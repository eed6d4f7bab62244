package io.demandcast.forecasting.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.forecasting.ModelFitException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hipparchus.analysis.solvers.LaguerreSolver;
import org.hipparchus.complex.Complex;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link Ets}, {@link EtsFit} and {@link EtsModel} against R's {@code forecast::ets}.
 *
 * <p>Reference values: {@code src/test/resources/reference/ets.csv}, written by {@code
 * src/test/r/ets.R} with R 4.2.2 and forecast 8.20 from R's datasets WWWusage, LakeHuron,
 * AirPassengers and USAccDeaths and the training parts of the M3 monthly series N1760, N1902,
 * N1912, N2065 and N2094 (International Institute of Forecasters).
 *
 * <p>Two kinds of checks. With R's own fitted parameters and initial states, the recursions,
 * likelihood, forecast means and variances must reproduce R's numbers to rounding: that pins the
 * model definitions. The fits themselves can only be compared loosely, because the likelihood has
 * several local optima and our optimiser follows a different path than R's Nelder-Mead (see {@link
 * Ets}): our optimum must be at least as good as R's (log-likelihood, AICc) and the forecasts of
 * the same form must stay within 3% of R's.
 */
class EtsTest {

  private static final Map<String, Map<String, String[]>> REFERENCE = load();

  private static Map<String, Map<String, String[]>> load() {
    Map<String, Map<String, String[]>> out = new LinkedHashMap<>();
    InputStream in = EtsTest.class.getResourceAsStream("/reference/ets.csv");
    if (in == null) {
      throw new IllegalStateException("missing test resource /reference/ets.csv");
    }
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        String[] cells = line.split(",");
        out.computeIfAbsent(cells[0], k -> new LinkedHashMap<>())
            .put(cells[1], Arrays.copyOfRange(cells, 2, cells.length));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static double[] doubles(String series, String quantity) {
    String[] cells = REFERENCE.get(series).get(quantity);
    assertThat(cells).as(series + " " + quantity).isNotNull();
    return Arrays.stream(cells)
        .mapToDouble(c -> c.equals("NA") ? Double.NaN : Double.parseDouble(c))
        .toArray();
  }

  private static double number(String series, String quantity) {
    return doubles(series, quantity)[0];
  }

  private static int period(String series) {
    return (int) number(series, "m");
  }

  private static int horizon(String series) {
    return (int) number(series, "horizon");
  }

  private static double[] values(String series) {
    return doubles(series, "values");
  }

  /** The fixed forms R was fitted with for one series, e.g. ["ANN", "AAdN"]. */
  private static List<String> forms(String series) {
    List<String> forms = new ArrayList<>();
    for (String quantity : REFERENCE.get(series).keySet()) {
      if (quantity.endsWith("_par")) {
        forms.add(quantity.substring(0, quantity.length() - 4));
      }
    }
    return forms;
  }

  private static void assertAllFinite(double[] values) {
    for (int i = 0; i < values.length; i++) {
      assertThat(Double.isFinite(values[i])).as("element %d = %s", i, values[i]).isTrue();
    }
  }

  private static double orDefault(double value, double otherwise) {
    return Double.isNaN(value) ? otherwise : value;
  }

  // ---------------------------------------------------------------------------------------------
  // The model definitions, with R's parameters

  @Test
  void givenRsParametersAndInitialState_whenRunRecursions_thenLogLikelihoodAndFinalStateAreRs() {
    for (String series : REFERENCE.keySet()) {
      double[] y = values(series);
      for (String form : forms(series)) {
        EtsModel model = EtsModel.parse(form, period(series));
        double[] par = doubles(series, form + "_par");
        double[] initial = doubles(series, form + "_initial");
        double[] expectedFinal = doubles(series, form + "_final");
        double alpha = par[0];
        double beta = orDefault(par[1], 0.0);
        double gamma = orDefault(par[2], 0.0);
        double phi = orDefault(par[3], 1.0);
        double[] finalState = new double[model.stateLength()];
        double[] residuals = new double[y.length];
        double withOutputs =
            model.run(y, alpha, beta, gamma, phi, initial, new double[model.m], residuals, null,
                finalState);
        double fastPath =
            model.run(y, alpha, beta, gamma, phi, initial, new double[model.m], null, null, null);
        String label = series + " ETS(" + form + ")";

        // R: loglik = -0.5 * (n log(SSE) + 2 sum log|yhat|), the latter for multiplicative errors.
        assertThat(-0.5 * withOutputs).as(label).isCloseTo(number(series, form + "_loglik"),
            within(1e-6));
        assertThat(fastPath).as(label + " fast path").isCloseTo(withOutputs, within(1e-7));
        for (int i = 0; i < finalState.length; i++) {
          assertThat(finalState[i])
              .as(label + " final state " + i)
              .isCloseTo(expectedFinal[i],
                  within(1e-7 * Math.max(1.0, Math.abs(expectedFinal[i]))));
        }
        // R: sigma2 = sum(residuals^2) / (n - number of parameters and free initial states).
        int k = (int) Arrays.stream(par).filter(v -> !Double.isNaN(v)).count() + initial.length
            - (model.season == EtsModel.NONE ? 0 : 1);
        double sse = Arrays.stream(residuals).map(e -> e * e).sum();
        assertThat(sse / (y.length - k)).as(label + " sigma2")
            .isCloseTo(number(series, form + "_sigma2"),
                within(1e-7 * number(series, form + "_sigma2")));
      }
    }
  }

  @Test
  void givenRsLogLikelihood_whenAiccByRsDefinition_thenEqualsRsAicc() {
    // AICc = -2 loglik + 2k + 2k(k+1)/(n-k-1), k = smoothing parameters + free states + 1.
    for (String series : REFERENCE.keySet()) {
      int n = values(series).length;
      for (String form : forms(series)) {
        EtsModel model = EtsModel.parse(form, period(series));
        long smoothing = Arrays.stream(doubles(series, form + "_par"))
            .filter(v -> !Double.isNaN(v)).count();
        int k = (int) smoothing + model.stateLength()
            - (model.season == EtsModel.NONE ? 0 : 1) + 1;
        double aicc = -2.0 * number(series, form + "_loglik") + 2.0 * k
            + 2.0 * k * (k + 1) / (n - k - 1);
        assertThat(aicc).as(series + " " + form)
            .isCloseTo(number(series, form + "_aicc"), within(1e-6));
      }
    }
  }

  @Test
  void givenRsFinalState_whenMeanAndVariance_thenEqualRsForecast() {
    for (String series : REFERENCE.keySet()) {
      int h = horizon(series);
      for (String form : forms(series)) {
        EtsModel model = EtsModel.parse(form, period(series));
        double[] par = doubles(series, form + "_par");
        double[] state = doubles(series, form + "_final");
        double sigma2 = number(series, form + "_sigma2");
        double alpha = par[0];
        double beta = orDefault(par[1], 0.0);
        double gamma = orDefault(par[2], 0.0);
        double phi = orDefault(par[3], 1.0);
        double[] mean = model.mean(state, alpha, beta, gamma, phi, sigma2, h);
        double[] variance = model.variance(state, alpha, beta, gamma, phi, sigma2, h);
        double[] expectedMean = doubles(series, form + "_mean");
        double[] expectedVariance = doubles(series, form + "_variance");
        // R's class3 damps the trend one step late for ETS(M,Ad,M) (see EtsModel.class3); there
        // our mean and variance follow the model's own damping and stay within 0.5% and 2%.
        boolean dampedClass3 = model.isClass3() && model.damped;
        // R's class1 puts gamma on the second seasonal state when there is no trend (G[3, 1]),
        // so for ETS(A,N,A) and ETS(M,N,A) its c_j has gamma at j = m - 1 (mod m) instead of
        // Table 6.1's j = 0 (mod m): the variances agree exactly up to h = m - 1 only.
        boolean seasonalNoTrend =
            model.trend == EtsModel.NONE && model.season == EtsModel.ADDITIVE;
        String label = series + " ETS(" + form + ")";
        for (int i = 0; i < h; i++) {
          assertThat(mean[i]).as(label + " mean h=" + (i + 1))
              .isCloseTo(expectedMean[i],
                  within((dampedClass3 ? 5e-3 : 1e-9) * Math.abs(expectedMean[i])));
          double tolerance =
              dampedClass3 ? 2e-2 : seasonalNoTrend && i + 1 >= model.m ? 1e-2 : 1e-8;
          assertThat(variance[i]).as(label + " variance h=" + (i + 1))
              .isCloseTo(expectedVariance[i], within(tolerance * expectedVariance[i]));
        }
      }
    }
  }

  @Test
  void givenAnn_whenForecastVariance_thenSigma2TimesOnePlusHMinusOneAlphaSquared() {
    EtsFit fit = Ets.of(1, "ANN").fit(values("LakeHuron"));
    double[] variance = fit.forecastVariance(12).orElseThrow();
    for (int h = 1; h <= 12; h++) {
      double expected = fit.sigma2() * (1.0 + (h - 1) * fit.alpha() * fit.alpha());
      assertThat(variance[h - 1]).isCloseTo(expected, within(1e-9 * expected));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Fitting and selection, compared with R's fits

  @Test
  void givenReferenceSeries_whenAuto_thenAiccAtMostRsAndMostlyRsForm() {
    int sameForm = 0;
    for (String series : REFERENCE.keySet()) {
      EtsFit fit = Ets.auto(period(series)).fit(values(series));
      double rAicc = number(series, "auto_aicc");
      assertThat(fit.aicc()).as(series + " ETS(" + fit.form() + ") AICc").isLessThan(rAicc + 0.01);
      if (fit.form().equals(REFERENCE.get(series).get("auto_form")[0])) {
        sameForm++;
      } else {
        // AirPassengers: R stops in a local optimum of ETS(M,Ad,M) with AICc 1400.6; ETS(M,A,M)
        // fitted here reaches 1391.0.
        assertThat(fit.aicc()).as(series).isLessThan(rAicc - 1.0);
      }
    }
    assertThat(sameForm).isGreaterThanOrEqualTo(REFERENCE.size() - 1);
  }

  @Test
  void givenFixedForm_whenFit_thenLogLikelihoodAtLeastRs() {
    for (String series : REFERENCE.keySet()) {
      for (String form : forms(series)) {
        EtsFit fit = Ets.of(period(series), form).fit(values(series));
        assertThat(fit.form()).isEqualTo(form);
        assertThat(fit.logLikelihood()).as(series + " ETS(" + form + ")")
            .isGreaterThan(number(series, form + "_loglik") - 0.01);
      }
    }
  }

  @Test
  void givenFixedFormWithOptimumNearRs_whenFit_thenForecastsWithinTwoPercentOfRs() {
    // Forms where R's optimum is within 3 log-likelihood units of ours. Elsewhere R stops well
    // below (AirPassengers ETS(M,A,M) by 6.3, ETS(M,N,M) by 31.5, USAccDeaths ETS(A,A,A) by 3.8,
    // WWWusage ETS(M,Ad,N) by 3.9) and the forecasts of the better optimum differ by up to 11%.
    String[][] cases = {
      {"WWWusage", "ANN"}, {"WWWusage", "AAdN"}, {"LakeHuron", "ANN"}, {"LakeHuron", "AAN"},
      {"AirPassengers", "MAdM"}, {"USAccDeaths", "ANA"}, {"N1902", "MAdM"}, {"N2065", "ANA"},
      {"N1912", "MNA"}, {"N1760", "MNM"}, {"N2094", "AAdN"}
    };
    for (String[] c : cases) {
      String series = c[0];
      String form = c[1];
      int h = horizon(series);
      EtsFit fit = Ets.of(period(series), form).fit(values(series));
      assertThat(fit.logLikelihood()).as(series + " " + form)
          .isLessThan(number(series, form + "_loglik") + 3.0);
      double[] expected = doubles(series, form + "_mean");
      double[] forecast = fit.forecast(h);
      for (int i = 0; i < h; i++) {
        assertThat(forecast[i]).as(series + " ETS(" + form + ") h=" + (i + 1))
            .isCloseTo(expected[i], within(0.02 * Math.abs(expected[i])));
      }
    }
  }

  @Test
  void givenFormsWhereROptimumIsReached_whenFit_thenLogLikelihoodWithinAHundredth() {
    // For these forms R's simplex and ours end at the same optimum.
    String[][] cases = {{"WWWusage", "ANN"}, {"LakeHuron", "ANN"}, {"LakeHuron", "AAN"}};
    for (String[] c : cases) {
      EtsFit fit = Ets.of(period(c[0]), c[1]).fit(values(c[0]));
      assertThat(fit.logLikelihood()).as(c[0] + " " + c[1])
          .isCloseTo(number(c[0], c[1] + "_loglik"), within(0.01));
    }
  }

  @Test
  void givenFit_whenParameters_thenRsDefinitionsAndFormCodes() {
    double[] y = values("USAccDeaths");
    EtsFit fit = Ets.of(12, "ANA").fit(y);
    Map<String, Double> p = fit.parameters();
    assertThat(p.keySet())
        .containsExactly("alpha", "gamma", "sigma2", "loglik", "aicc", "error", "trend", "damped",
            "season", "m");
    int k = 2 + 1 + 11 + 1; // alpha, gamma, level, 11 free seasonal states, sigma
    int n = y.length;
    assertThat(p.get("aicc")).isCloseTo(
        -2.0 * p.get("loglik") + 2.0 * k + 2.0 * k * (k + 1) / (n - k - 1), within(1e-9));
    assertThat(p.get("error")).isEqualTo(1.0);
    assertThat(p.get("trend")).isEqualTo(0.0);
    assertThat(p.get("season")).isEqualTo(1.0);
    assertThat(p.get("m")).isEqualTo(12.0);
    assertThat(fit.beta()).isNaN();
    assertThat(fit.phi()).isNaN();
    assertThat(fit.model()).isEqualTo("ets_ana");
    assertThat(fit.state()).hasSize(13);
  }

  @Test
  void givenFittedParameters_whenChecked_thenWithinRsUsualBounds() {
    for (String series : REFERENCE.keySet()) {
      EtsFit fit = Ets.auto(period(series)).fit(values(series));
      assertThat(fit.alpha()).isBetween(1e-4, 0.9999);
      if (!Double.isNaN(fit.beta())) {
        assertThat(fit.beta()).isBetween(1e-4, fit.alpha());
      }
      if (!Double.isNaN(fit.gamma())) {
        assertThat(fit.gamma()).isBetween(1e-4, 1.0 - fit.alpha());
      }
      if (!Double.isNaN(fit.phi())) {
        assertThat(fit.phi()).isBetween(0.8, 0.98);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Selection rules

  @Test
  void givenSeriesWithZeros_whenAuto_thenOnlyAdditiveForms() {
    double[] y = values("USAccDeaths").clone();
    y[5] = 0.0;
    EtsFit fit = Ets.auto(12).fit(y);
    assertThat(fit.form()).doesNotContain("M");
    double[] negative = Arrays.stream(values("WWWusage")).map(v -> v - 150.0).toArray();
    assertThat(Ets.auto(1).fit(negative).form()).startsWith("A").doesNotContain("M");
  }

  @Test
  void givenNonSeasonalPeriodOrTooHigh_whenAuto_thenNoSeasonalForm() {
    double[] y = values("AirPassengers");
    assertThat(Ets.auto(1).fit(y).form()).endsWith("N");
    assertThat(Ets.auto(25).fit(y).form()).endsWith("N");
    assertThat(Ets.auto(12).fit(Arrays.copyOf(y, 12)).form()).endsWith("N");
  }

  @Test
  void givenMultiplicativeTrendAllowed_whenAuto_thenAiccNoWorse() {
    double[] y = values("N1902");
    EtsFit plain = Ets.auto(12).fit(y);
    EtsFit wider = Ets.auto(12, true).fit(y);
    assertThat(wider.aicc()).isLessThanOrEqualTo(plain.aicc());
    assertThat(Ets.auto(12, true).spec()).contains("trend=N|A|Ad|M|Md");
  }

  @Test
  void givenMultiplicativeTrendForm_whenFit_thenFiniteForecastsAndSimulatedVariance() {
    EtsFit fit = Ets.of(12, "MMN").fit(values("N1902"));
    assertThat(fit.form()).isEqualTo("MMN");
    assertAllFinite(fit.forecast(12));
    double[] variance = fit.forecastVariance(12).orElseThrow();
    assertAllFinite(variance);
    assertThat(Arrays.stream(variance).min().orElseThrow()).isPositive();
    assertThat(variance[11]).isGreaterThan(variance[0]);
    // Seeded: the same every time.
    assertThat(fit.forecastVariance(12).orElseThrow()).containsExactly(variance);
  }

  // ---------------------------------------------------------------------------------------------
  // Degenerate and short series

  @Test
  void givenConstantSeries_whenFit_thenForecastsTheConstant() {
    double[] y = new double[40];
    Arrays.fill(y, 7.25);
    for (Ets ets : new Ets[] {Ets.auto(12), Ets.of(12, "MAM"), Ets.of(1, "AAdN")}) {
      EtsFit fit = ets.fit(y);
      assertThat(fit.form()).isEqualTo("ANN");
      assertThat(fit.forecast(15)).containsOnly(7.25);
      assertThat(fit.forecastVariance(15).orElseThrow()).containsOnly(0.0);
      assertThat(fit.logLikelihood()).isNaN();
    }
    assertThat(Ets.auto(1).fit(new double[10]).forecast(3)).containsOnly(0.0);
  }

  @Test
  void givenVeryShortSeries_whenAuto_thenHoltWintersFallbackWithFiniteForecasts() {
    double[] y = {12.0, 15.0, 14.0, 18.0, 17.0, 21.0, 22.0, 25.0};
    for (int n = 1; n <= y.length; n++) {
      EtsFit fit = Ets.auto(4).fit(Arrays.copyOf(y, n));
      assertAllFinite(fit.forecast(8));
      assertThat(fit.forecastVariance(8)).as("n=" + n).isPresent();
      if (n <= 6) {
        // R fits Holt-Winters by least squares: no likelihood, simple or Holt's linear trend.
        assertThat(fit.logLikelihood()).as("n=" + n).isNaN();
        assertThat(fit.form()).as("n=" + n).isIn("ANN", "AAN");
      } else {
        assertThat(fit.aicc()).as("n=" + n).isFinite();
      }
    }
    assertThat(Ets.auto(1).fit(new double[] {5.0}).forecast(2)).containsExactly(5.0, 5.0);
  }

  @Test
  void givenShortSeriesForFixedForms_whenFit_thenFallbacksAsR() {
    double[] quarterly = {30, 21, 29, 31, 40, 48, 53, 47, 37, 39, 31, 29};
    // 12 <= k + 4 with k = 2 + 2 + 4: Holt-Winters with trend and additive season.
    EtsFit hw = Ets.of(4, "AAA").fit(quarterly);
    assertThat(hw.form()).isEqualTo("AAA");
    assertThat(hw.logLikelihood()).isNaN();
    assertAllFinite(hw.forecast(8));
    // Shorter than two seasons: R's seasonal start values fail; Holt's linear trend is kept.
    EtsFit holt = Ets.of(4, "AAdA").fit(Arrays.copyOf(quarterly, 7));
    assertThat(holt.form()).isEqualTo("AAN");
    // At most m observations: the season is dropped, as R does.
    assertThat(Ets.of(4, "ANA").fit(Arrays.copyOf(quarterly, 4)).form()).isEqualTo("ANN");
  }

  @Test
  void givenHugeAndTinyValues_whenFit_thenSameFormAndScaledForecasts() {
    double[] y = values("USAccDeaths");
    EtsFit base = Ets.auto(12).fit(y);
    for (double factor : new double[] {0x1p900, 0x1p-900}) {
      double[] scaled = Arrays.stream(y).map(v -> v * factor).toArray();
      EtsFit fit = Ets.auto(12).fit(scaled);
      assertThat(fit.form()).isEqualTo(base.form());
      double[] expected = base.forecast(24);
      double[] forecast = fit.forecast(24);
      for (int i = 0; i < 24; i++) {
        assertThat(forecast[i] / factor).isCloseTo(expected[i], within(1e-9 * expected[i]));
      }
      assertThat(fit.logLikelihood())
          .isCloseTo(base.logLikelihood() - y.length * Math.log(factor), within(1e-6));
    }
    double[] huge = Arrays.stream(y).map(v -> v * 1e300).toArray();
    EtsFit fit = Ets.auto(12).fit(huge);
    assertAllFinite(fit.forecast(24));
    assertThat(fit.forecastVariance(24)).isEmpty(); // (1e300)^2 overflows
  }

  @Test
  void givenAssortedSeries_whenAuto_thenForecastsAndVariancesFinite() {
    Random random = new Random(20020301L);
    for (int trial = 0; trial < 40; trial++) {
      int n = 5 + random.nextInt(80);
      int m = 1 + random.nextInt(12);
      double[] y = new double[n];
      double level = random.nextDouble() * 100.0;
      for (int t = 0; t < n; t++) {
        level += random.nextGaussian();
        y[t] = trial % 3 == 0 ? Math.max(0.0, level + 5.0 * random.nextGaussian())
            : level + 10.0 * Math.sin(2.0 * Math.PI * t / m) + random.nextGaussian();
      }
      EtsFit fit = Ets.auto(m).fit(y);
      assertAllFinite(fit.forecast(2 * m + 1));
      double[] variance = fit.forecastVariance(2 * m + 1).orElseThrow();
      assertAllFinite(variance);
      assertThat(Arrays.stream(variance).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Arguments

  @Test
  void givenBadArguments_whenCreateOrFit_thenIllegalArgumentExceptionNamingTheValue() {
    assertThatThrownBy(() -> Ets.auto(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
    assertThatThrownBy(() -> Ets.of(-3, "ANN")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-3");
    assertThatThrownBy(() -> Ets.of(12, "XYZ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("XYZ");
    assertThatThrownBy(() -> Ets.of(12, null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("null");
    assertThatThrownBy(() -> Ets.of(12, "ANdN")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ANdN");
    assertThatThrownBy(() -> Ets.of(1, "ANA")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ANA");
    assertThatThrownBy(() -> Ets.of(52, "MAM")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("52");
    assertThatThrownBy(() -> Ets.of(12, "AAM")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AAM");
    assertThatThrownBy(() -> Ets.of(12, "MMA")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MMA");

    Ets ets = Ets.auto(12);
    assertThatThrownBy(() -> ets.fit(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("null");
    assertThatThrownBy(() -> ets.fit(new double[0])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length 0");
    assertThatThrownBy(() -> ets.fit(new double[] {1.0, Double.NaN, 2.0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    EtsFit fit = ets.fit(values("USAccDeaths"));
    assertThatThrownBy(() -> fit.forecast(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
    assertThatThrownBy(() -> fit.forecastVariance(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void givenMultiplicativeFormAndZeros_whenFit_thenModelFitException() {
    double[] y = values("AirPassengers").clone();
    y[10] = 0.0;
    assertThatThrownBy(() -> Ets.of(12, "MAM").fit(y)).isInstanceOf(ModelFitException.class)
        .hasMessageContaining("positive");
  }

  @Test
  void givenMethods_whenNameAndSpec_thenDescribeTheChoices() {
    assertThat(Ets.auto(12).name()).isEqualTo("ets");
    assertThat(Ets.auto(12).spec())
        .isEqualTo("ets(auto, m=12, error=A|M, trend=N|A|Ad, season=N|A|M, ic=aicc)");
    assertThat(Ets.auto(1).spec()).contains("season=N,");
    assertThat(Ets.auto(52).spec()).contains("season=N,");
    assertThat(Ets.of(12, "AAdN").name()).isEqualTo("ets_aadn");
    assertThat(Ets.of(12, "AAdN").spec()).isEqualTo("ets(form=AAdN, m=12)");
    assertThat(Ets.of(12, "MAM").form()).contains("MAM");
    assertThat(Ets.auto(12).form()).isEmpty();
    assertThat(Ets.auto(12).minHistory()).isEqualTo(1);
  }

  @Test
  void givenCallerMutatesHistoryAfterFit_whenForecast_thenUnaffected() {
    double[] history = values("WWWusage").clone();
    EtsFit fit = Ets.auto(1).fit(history);
    double[] before = fit.forecast(5);
    Arrays.fill(history, 1e6);
    assertThat(fit.forecast(5)).containsExactly(before);
  }

  // ---------------------------------------------------------------------------------------------
  // The admissibility check

  @Test
  void givenRandomPolynomials_whenRootsWithin_thenAgreesWithLaguerreRoots() {
    Random random = new Random(2008L);
    LaguerreSolver solver = new LaguerreSolver(1e-14, 1e-14);
    int agreed = 0;
    for (int trial = 0; trial < 300; trial++) {
      int degree = 1 + random.nextInt(13);
      double[] c = new double[degree + 1];
      for (int i = 0; i < degree; i++) {
        c[i] = random.nextGaussian() * (trial % 2 == 0 ? 0.3 : 1.0);
      }
      c[degree] = 1.0;
      double largest = 0.0;
      for (Complex root : solver.solveAllComplex(c.clone(), 0.0)) {
        largest = Math.max(largest, root.norm());
      }
      if (Math.abs(largest - 1.0) < 1e-4) {
        continue; // too close to the boundary for either method to be trusted
      }
      boolean within = Ets.rootsWithin(c.clone(), new double[degree + 1], 1.0 + 1e-6);
      assertThat(within).as("trial %d, largest root modulus %s", trial, largest)
          .isEqualTo(largest < 1.0);
      agreed++;
    }
    assertThat(agreed).isGreaterThan(250);
    // z - 1 (a unit root, as ETS(A,N,A) always has) passes with the tolerance.
    assertThat(Ets.rootsWithin(new double[] {-1.0, 1.0}, new double[2], 1.0 + 1e-6)).isTrue();
  }
}
