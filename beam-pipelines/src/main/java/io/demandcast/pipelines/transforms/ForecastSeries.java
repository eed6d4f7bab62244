package io.demandcast.pipelines.transforms;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.forecasting.ModelAccuracy;
import io.demandcast.forecasting.ModelFitException;
import io.demandcast.forecasting.ModelSelection;
import io.demandcast.forecasting.SelectionOptions;
import io.demandcast.forecasting.SeriesForecast;
import io.demandcast.forecasting.backtest.RollingOrigin;
import io.demandcast.pipelines.model.DemandSeries;
import io.demandcast.pipelines.model.JobSettings;
import io.demandcast.pipelines.model.PeriodType;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Fits the candidate forecasters to every demand series, picks one per series by the lowest
 * rolling-origin backtest MASE, and forecasts the horizon with p10/p50/p90 (the forecasting module's
 * {@link ModelSelection}). A series is skipped, with the reason kept in its outcome, when a period's
 * demand was not recorded, when it is shorter than the backtest needs, or when no candidate fits.
 *
 * <p>Counters (namespace {@code demandcast}): {@code series_forecast}, {@code series_skipped}.
 */
public final class ForecastSeries {
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
  @DefaultCoder(SerializableCoder.class)
  public record Outcome(
      String sku,
      String location,
      LocalDate lastPeriod,
      int historyLength,
      SeriesForecast forecast,
      String skipped)
      implements Serializable {}

  /** Forecasts every series. */
  public static PCollection<Outcome> apply(PCollection<DemandSeries> series, JobSettings settings) {
    return series.apply("FitSelectForecast", ParDo.of(new ForecastFn(settings)));
  }

  /** The model selection a run uses: the default candidates, the run's horizon and backtest. */
  public static ModelSelection selection(JobSettings settings) {
    int m = settings.period().seasonalPeriod();
    int h = settings.horizon();
    return new ModelSelection(
        ModelSelection.defaults(m, h).candidates(),
        new SelectionOptions(
            m, h, new RollingOrigin(settings.backtestWindows(), h, settings.backtestStep())));
  }

  private static final class ForecastFn extends DoFn<DemandSeries, Outcome> {
    private final JobSettings settings;
    private final Counter forecast = Metrics.counter("demandcast", "series_forecast");
    private final Counter skipped = Metrics.counter("demandcast", "series_skipped");
    private transient ModelSelection selection;

    ForecastFn(JobSettings settings) {
      this.settings = settings;
    }

    @Setup
    public void setup() {
      selection = selection(settings);
    }

    @ProcessElement
    public void process(@Element DemandSeries series, OutputReceiver<Outcome> out) {
      double[] history = series.history();
      PeriodType period = settings.period();
      LocalDate last = period.plus(series.firstPeriod(), history.length - 1L);
      String reason = null;
      SeriesForecast result = null;
      int missing = series.missingPeriods();
      if (missing > 0) {
        reason = "demand not recorded in " + missing + " of " + history.length
            + " periods (first: " + firstMissing(series) + ")";
      } else if (history.length < selection.minHistory()) {
        reason = history.length + " periods of history; the backtest needs "
            + selection.minHistory();
      } else {
        try {
          result = selection.forecast(history);
        } catch (ModelFitException e) {
          reason = "no candidate model could be fitted: " + e.getMessage();
        }
      }
      (result == null ? skipped : forecast).inc();
      out.output(new Outcome(series.sku(), series.location(), last, history.length, result, reason));
    }

    private LocalDate firstMissing(DemandSeries series) {
      double[] history = series.history();
      for (int i = 0; i < history.length; i++) {
        if (Double.isNaN(history[i])) {
          return settings.period().plus(series.firstPeriod(), i);
        }
      }
      return null;
    }
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
    for (ModelAccuracy a : outcome.forecast().accuracy()) {
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
              .build());
    }
    return rows;
  }

  private static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
