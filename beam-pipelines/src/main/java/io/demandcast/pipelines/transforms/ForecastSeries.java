package io.demandcast.pipelines.transforms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.forecasting.ForecastComponents;
import io.demandcast.forecasting.ModelAccuracy;
import io.demandcast.forecasting.ModelFitException;
import io.demandcast.forecasting.ModelSelection;
import io.demandcast.forecasting.SelectionOptions;
import io.demandcast.forecasting.SeriesForecast;
import io.demandcast.forecasting.backtest.RollingOrigin;
import io.demandcast.forecasting.models.SeasonalNaive;
import io.demandcast.pipelines.model.DemandSeries;
import io.demandcast.pipelines.model.JobSettings;
import io.demandcast.pipelines.coders.Encoding;
import io.demandcast.pipelines.coders.FieldCoder;
import io.demandcast.pipelines.coders.ForecastingEncoding;
import io.demandcast.pipelines.model.PeriodType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Fits the candidate forecasters to a demand series, picks one by the lowest rolling-origin
 * backtest MASE, and forecasts the horizon with p10/p50/p90 (the forecasting module's {@link
 * ModelSelection}); and the output rows of that forecast. A series is skipped, with the reason kept
 * in its outcome, when a period's demand was not recorded, when it is shorter than the backtest
 * needs, or when no candidate fits.
 */
public final class ForecastSeries {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The {@code model} value of the accuracy row that records a skipped series. */
  public static final String NO_MODEL = "none";

  private ForecastSeries() {}

  /**
   * The forecast of one series, or why there is none.
   *
   * @param sku stock keeping unit
   * @param location location
   * @param lastPeriod start of the last period of history; horizon h targets the h-th period after
   * @param historyLength periods of history
   * @param forecast the forecast, or null when skipped
   * @param skipped why the series has no forecast, or null
   */
  @DefaultCoder(Outcome.Coder.class)
  public record Outcome(
      String sku,
      String location,
      LocalDate lastPeriod,
      int historyLength,
      SeriesForecast forecast,
      String skipped) {

    /**
     * Writes every component, the forecast with {@link ForecastingEncoding#writeForecast}; not
     * deterministic for that reason (the forecast's parameters in their insertion order).
     */
    public static final class Coder extends FieldCoder<Outcome> {
      private static final long serialVersionUID = 1L;
      private static final Coder INSTANCE = new Coder();

      public static Coder of() {
        return INSTANCE;
      }

      public static CoderProvider getCoderProvider() {
        return CoderProviders.forCoder(TypeDescriptor.of(Outcome.class), INSTANCE);
      }

      @Override
      public void write(DataOutputStream out, Outcome value) throws IOException {
        Encoding.writeString(out, value.sku);
        Encoding.writeString(out, value.location);
        Encoding.writeDate(out, value.lastPeriod);
        out.writeInt(value.historyLength);
        ForecastingEncoding.writeForecast(out, value.forecast);
        Encoding.writeString(out, value.skipped);
      }

      @Override
      public Outcome read(DataInputStream in) throws IOException {
        return new Outcome(
            Encoding.readString(in),
            Encoding.readString(in),
            Encoding.readDate(in),
            in.readInt(),
            ForecastingEncoding.readForecast(in),
            Encoding.readString(in));
      }
    }
  }

  /**
   * The model selection a run uses: the default candidates for the demand calendar's seasonal
   * periods (MSTL + ETS joins for weeks and days, see {@link ModelSelection#defaults(
   * SelectionOptions)}), the run's horizon and backtest, and their inverse-error weighted mean as
   * the forecast (an intermittent series: the mean of the five best; see {@link
   * ModelSelection}).
   */
  public static ModelSelection selection(JobSettings settings) {
    int m = settings.period().seasonalPeriod();
    int h = settings.horizon();
    return ModelSelection.defaults(
        new SelectionOptions(
                m, h, new RollingOrigin(settings.backtestWindows(), h, settings.backtestStep()))
            .withCombination(SelectionOptions.Combination.WEIGHTED, 5)
            .withSeasonality(settings.period().seasonality()));
  }

  /**
   * The seasonal-naive baseline alone, with the run's horizon and backtest: the yardstick of the
   * policy simulation ({@code policy_simulation} rows of model {@code seasonal_naive}), its
   * quantiles from its own backtest errors.
   */
  public static ModelSelection baselineSelection(JobSettings settings) {
    int m = settings.period().seasonalPeriod();
    int h = settings.horizon();
    return new ModelSelection(
        List.of(new SeasonalNaive(m)),
        new SelectionOptions(
                m, h, new RollingOrigin(settings.backtestWindows(), h, settings.backtestStep()))
            .withCombination(SelectionOptions.Combination.NONE, 2));
  }

  /**
   * Forecasts one series, or says why it cannot be: a period's demand was not recorded, the
   * history is shorter than the backtest needs, or no candidate model could be fitted.
   *
   * @param selection the run's model selection, see {@link #selection}
   * @param series the demand history
   * @param period the demand calendar
   */
  public static Outcome forecast(ModelSelection selection, DemandSeries series, PeriodType period) {
    double[] history = series.history();
    LocalDate last = period.plus(series.firstPeriod(), history.length - 1L);
    String reason = null;
    SeriesForecast result = null;
    int missing = series.missingPeriods();
    if (missing > 0) {
      reason = "demand not recorded: " + missing + " of " + history.length
          + " periods missing (first: " + firstMissing(series, period) + ")";
    } else if (history.length < selection.minHistory()) {
      reason = "history too short: " + history.length + " periods, the backtest needs "
          + selection.minHistory();
    } else {
      try {
        result = selection.forecast(history);
      } catch (ModelFitException e) {
        reason = "no model fits: " + e.getMessage();
      }
    }
    return new Outcome(series.sku(), series.location(), last, history.length, result, reason);
  }

  private static LocalDate firstMissing(DemandSeries series, PeriodType period) {
    double[] history = series.history();
    for (int i = 0; i < history.length; i++) {
      if (Double.isNaN(history[i])) {
        return period.plus(series.firstPeriod(), i);
      }
    }
    return null;
  }

  /** {@code demand_forecasts} rows of an outcome: one per horizon, none when skipped. */
  public static List<Row> forecastRows(Outcome outcome, JobSettings settings) {
    List<Row> rows = new ArrayList<>();
    SeriesForecast f = outcome.forecast();
    if (f == null) {
      return rows;
    }
    Schema schema = CanonicalTables.DEMAND_FORECASTS.beamSchema();
    double[] mean = f.mean();
    double[] p10 = f.p10();
    double[] p50 = f.p50();
    double[] p90 = f.p90();
    for (int h = 0; h < mean.length; h++) {
      rows.add(
          Row.withSchema(schema)
              .withFieldValue("run_id", settings.runId())
              .withFieldValue("sku", outcome.sku())
              .withFieldValue("location", outcome.location())
              .withFieldValue("period_start", settings.period().plus(outcome.lastPeriod(), h + 1L))
              .withFieldValue("horizon", h + 1)
              .withFieldValue("mean", mean[h])
              .withFieldValue("p10", p10[h])
              .withFieldValue("p50", p50[h])
              .withFieldValue("p90", p90[h])
              .withFieldValue("model", f.model())
              .build());
    }
    return rows;
  }

  /**
   * {@code forecast_explanations} rows of an outcome, none when skipped: per horizon, one row per
   * component of the forecast's mean ({@link SeriesForecast#components()}), in their order, with
   * the model it belongs to (the member of the combination, or the forecast's model for {@link
   * ForecastComponents#FLOOR_AT_ZERO}), the component's name within that model, its value (the
   * member's own component times its weight, units per period) and the member's weight at that
   * period (null for {@link ForecastComponents#FLOOR_AT_ZERO}). The values of a horizon add up to
   * its {@code demand_forecasts.mean}. A forecast without components (not one of {@link
   * ModelSelection}'s) has one row per horizon: component {@link ForecastComponents#FORECAST},
   * its mean, weight 1.
   */
  public static List<Row> explanationRows(Outcome outcome, JobSettings settings) {
    List<Row> rows = new ArrayList<>();
    SeriesForecast f = outcome.forecast();
    if (f == null) {
      return rows;
    }
    Schema schema = CanonicalTables.FORECAST_EXPLANATIONS.beamSchema();
    double[] mean = f.mean();
    ForecastComponents components = f.components();
    Map<String, double[]> values;
    Map<String, double[]> weights;
    if (components.isEmpty()) {
      values = Map.of(f.model() + ForecastComponents.SEPARATOR + ForecastComponents.FORECAST, mean);
      double[] one = new double[mean.length];
      java.util.Arrays.fill(one, 1.0);
      weights = Map.of(f.model(), one);
    } else {
      values = components.values();
      weights = components.weights();
    }
    for (int h = 0; h < mean.length; h++) {
      LocalDate periodStart = settings.period().plus(outcome.lastPeriod(), h + 1L);
      for (Map.Entry<String, double[]> e : values.entrySet()) {
        String member = ForecastComponents.member(e.getKey());
        double[] weight = member == null ? null : weights.get(member);
        rows.add(
            Row.withSchema(schema)
                .withFieldValue("run_id", settings.runId())
                .withFieldValue("sku", outcome.sku())
                .withFieldValue("location", outcome.location())
                .withFieldValue("period_start", periodStart)
                .withFieldValue("horizon", h + 1)
                .withFieldValue("model", member == null ? f.model() : member)
                .withFieldValue("component", ForecastComponents.component(e.getKey()))
                .withFieldValue("value", e.getValue()[h])
                .withFieldValue("weight", weight == null ? null : weight[h])
                .build());
      }
    }
    return rows;
  }

  /**
   * {@code forecast_accuracy} rows of an outcome: one per candidate model, or one row of model
   * {@value #NO_MODEL} whose {@code failure} says why a skipped series has no forecast.
   */
  public static List<Row> accuracyRows(Outcome outcome, JobSettings settings) {
    Schema schema = CanonicalTables.FORECAST_ACCURACY.beamSchema();
    List<Row> rows = new ArrayList<>();
    if (outcome.forecast() == null) {
      rows.add(
          Row.withSchema(schema)
              .withFieldValue("run_id", settings.runId())
              .withFieldValue("sku", outcome.sku())
              .withFieldValue("location", outcome.location())
              .withFieldValue("model", NO_MODEL)
              .withFieldValue("windows", 0)
              .withFieldValue("selected", false)
              .withFieldValue("failure", "skipped: " + outcome.skipped())
              .build());
      return rows;
    }
    SeriesForecast.Provenance provenance = outcome.forecast().provenance();
    for (ModelAccuracy a : outcome.forecast().accuracy()) {
      boolean selected = a.selected();
      rows.add(
          Row.withSchema(schema)
              .withFieldValue("run_id", settings.runId())
              .withFieldValue("sku", outcome.sku())
              .withFieldValue("location", outcome.location())
              .withFieldValue("model", a.model())
              .withFieldValue("mase", finiteOrNull(a.mase()))
              .withFieldValue("rmsse", finiteOrNull(a.rmsse()))
              .withFieldValue("smape", finiteOrNull(a.smape()))
              .withFieldValue("bias", finiteOrNull(a.bias()))
              .withFieldValue("coverage", finiteOrNull(a.coverage()))
              .withFieldValue("windows", a.windows())
              .withFieldValue("selected", a.selected())
              .withFieldValue("failure", a.failure())
              .withFieldValue("spec", selected ? provenance.spec() : null)
              .withFieldValue(
                  "parameters", selected ? json(outcome.forecast().parameters()) : null)
              .withFieldValue("training_periods", selected ? provenance.trainingLength() : null)
              .withFieldValue("intervals", selected ? provenance.intervals() : null)
              .build());
    }
    return rows;
  }

  /** A JSON object of the parameters; non-finite values are written as null. */
  private static String json(Map<String, Double> parameters) {
    ObjectNode node = JSON.createObjectNode();
    parameters.forEach(
        (name, value) -> {
          if (Double.isFinite(value)) {
            node.put(name, value);
          } else {
            node.putNull(name);
          }
        });
    return node.toString();
  }

  private static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
