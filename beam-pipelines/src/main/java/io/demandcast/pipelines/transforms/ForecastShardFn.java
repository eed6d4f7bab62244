package io.demandcast.pipelines.transforms;

import io.demandcast.forecasting.Forecaster;
import io.demandcast.forecasting.ModelFitException;
import io.demandcast.forecasting.ModelSelection;
import io.demandcast.forecasting.SeriesForecast;
import io.demandcast.forecasting.models.DemandClassification;
import io.demandcast.pipelines.model.DemandSeries;
import io.demandcast.pipelines.model.ItemInfo;
import io.demandcast.pipelines.model.JobSettings;
import io.demandcast.pipelines.model.SalesHistory;
import io.demandcast.pipelines.model.StockSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Forecasts every SKU of one shard, SKU by SKU, from the shard's grouped ERP rows: the rows are
 * first screened across the SKU ({@link SkuScreen}: item master, forecast origin, duplicates,
 * sales far outside their history, stock and orders with nothing to plan), the rejected ones
 * going to {@link #REJECTED}; each location's demand series is forecast ({@link
 * ForecastSeries}) and, when it has a forecast, handed to planning as a {@link PlanInput} with its
 * item, stock and history. For the policy simulation the same selection, and the seasonal-naive
 * baseline alone, also forecast from the history without its last {@link
 * io.demandcast.pipelines.model.InventorySettings#simulationPeriods()} periods.
 *
 * <p>With a global model ({@link JobSettings#globalModel()}), the series' segment model ({@link
 * GlobalSegments}, a side input) is one more general candidate of its selection when the segment
 * has one and the series is long enough ({@link SegmentModels#fits}). The policy simulation's
 * forecasts use the local candidates only: the segment models were trained on the held-out
 * periods.
 *
 * <p>Counters (namespace {@code demandcast}): {@code used_<table>} and {@code rejected_<table>} of
 * the screening, {@code flagged_erp_sales}, {@code series_forecast}, {@code series_skipped},
 * {@code series_with_global_model}, {@code series_without_global_model} (the last two only with a
 * global model).
 */
final class ForecastShardFn extends DoFn<KV<Integer, CoGbkResult>, Row> {
  static final TupleTag<SalesHistory> SALES = new TupleTag<>("sales") {};
  static final TupleTag<Row> MISSING = new TupleTag<>("missing") {};
  static final TupleTag<Row> ITEMS = new TupleTag<>("items") {};
  static final TupleTag<Row> STOCK = new TupleTag<>("stock") {};
  static final TupleTag<Row> ORDERS = new TupleTag<>("orders") {};

  static final TupleTag<Row> FORECASTS = new TupleTag<>("demand_forecasts") {};
  static final TupleTag<Row> EXPLANATIONS = new TupleTag<>("forecast_explanations") {};
  static final TupleTag<Row> ACCURACY = new TupleTag<>("forecast_accuracy") {};
  static final TupleTag<PlanInput> PLANS = new TupleTag<>("plans") {};
  /** {@code rejected_records} rows of the checks across a SKU's rows ({@link SkuScreen}). */
  static final TupleTag<Row> REJECTED = new TupleTag<>("screened_out") {};

  private final JobSettings settings;
  /** Counter of items that took the run's default holding cost rate. */
  static final String ASSUMED_HOLDING_COST_RATE = "assumed_holding_cost_rate";

  /** Counter of items that took the run's default order cost. */
  static final String ASSUMED_ORDER_COST = "assumed_order_cost";

  private final PCollectionView<ForecastOrigin> originView;
  private final Counter forecast = Metrics.counter(ValidateRecords.METRICS_NAMESPACE, "series_forecast");
  private final Counter skipped = Metrics.counter(ValidateRecords.METRICS_NAMESPACE, "series_skipped");
  /** Fewest periods of history before the held-out ones for a series to be simulated. */
  static final int MIN_SIMULATION_HISTORY = 12;

  private final GlobalSegments.Views globalViews;
  private final Counter withGlobal =
      Metrics.counter(ValidateRecords.METRICS_NAMESPACE, "series_with_global_model");
  private final Counter withoutGlobal =
      Metrics.counter(ValidateRecords.METRICS_NAMESPACE, "series_without_global_model");

  private final Counter flagged =
      Metrics.counter(ValidateRecords.METRICS_NAMESPACE, "flagged_erp_sales");
  private transient Map<String, Counter> counters;
  private final org.apache.beam.sdk.metrics.Distribution originMetric =
      Metrics.distribution(ValidateRecords.METRICS_NAMESPACE, ForecastAndRecommend.ORIGIN_METRIC);

  private transient ModelSelection selection;
  private transient ModelSelection baseline;

  ForecastShardFn(JobSettings settings, PCollectionView<ForecastOrigin> originView) {
    this(settings, originView, null);
  }

  /**
   * @param globalViews the segment sizes and models ({@link GlobalSegments}), or null for a run
   *     without a global model
   */
  ForecastShardFn(
      JobSettings settings,
      PCollectionView<ForecastOrigin> originView,
      GlobalSegments.Views globalViews) {
    this.settings = settings;
    this.originView = originView;
    this.globalViews = globalViews;
  }

  @Setup
  public void setup() {
    selection = ForecastSeries.selection(settings);
    baseline = ForecastSeries.baselineSelection(settings);
  }

  @ProcessElement
  public void process(ProcessContext context, MultiOutputReceiver out) {
    ForecastOrigin origin = context.sideInput(originView);
    if (origin.hasHistory()) {
      originMetric.update(origin.lastPeriod());
    }
    Global global =
        globalViews == null
            ? null
            : new Global(
                context.sideInput(globalViews.sizes()), context.sideInput(globalViews.models()));
    for (ShardRows.Sku sku : ShardRows.bySku(context.element().getValue())) {
      processSku(sku, origin, global, out);
    }
  }

  private Counter rejected(String table) {
    return counter("rejected_" + table);
  }

  private Counter used(String table) {
    return counter(ValidateRecords.usedCounter(table));
  }

  private Counter counter(String name) {
    if (counters == null) {
      counters = new java.util.HashMap<>();
    }
    return counters.computeIfAbsent(
        name, n -> Metrics.counter(ValidateRecords.METRICS_NAMESPACE, n));
  }

  /** The global side inputs of one call. */
  private record Global(Map<String, Long> sizes, Map<String, SegmentModels> models) {}

  private void processSku(
      ShardRows.Sku skuRows, ForecastOrigin origin, Global global, MultiOutputReceiver out) {
    String sku = skuRows.sku();
    SkuScreen.Screened screened = SkuScreen.screen(skuRows, settings, origin);
    for (SkuScreen.Rejected r : screened.rejected()) {
      rejected(r.table()).inc();
      out.get(REJECTED).output(Rejections.row(settings.runId(), r.table(),
          RowPayload.toJson(r.row()), r.reason(), settings.startedAt()));
    }
    screened.used().forEach((table, n) -> used(table).inc(n));
    flagged.inc(screened.flagged());
    Row itemRow = screened.item();
    if (itemRow == null || !origin.hasHistory()) {
      return; // no item: every row rejected; no origin: no sale to forecast from
    }
    ItemInfo item = DemandSeriesAssembly.itemInfo(itemRow, settings.rules());
    if (itemRow.getDouble("holding_cost_rate") == null) {
      counter(ASSUMED_HOLDING_COST_RATE).inc();
    }
    if (itemRow.getDouble("order_cost") == null) {
      counter(ASSUMED_ORDER_COST).inc();
    }
    Map<String, StockSnapshot> stock = DemandSeriesAssembly.latestSnapshots(screened.stock());
    Map<String, Double> onOrder = DemandSeriesAssembly.onOrder(screened.orders());
    for (DemandSeries series : screened.series(sku, settings.period(), origin)) {
      ModelSelection seriesSelection =
          global == null ? selection : withGlobal(GlobalSegments.category(itemRow), series, global);
      ForecastSeries.Outcome outcome =
          ForecastSeries.forecast(seriesSelection, series, settings.period());
      ForecastSeries.forecastRows(outcome, settings).forEach(out.get(FORECASTS)::output);
      ForecastSeries.explanationRows(outcome, settings).forEach(out.get(EXPLANATIONS)::output);
      ForecastSeries.accuracyRows(outcome, settings).forEach(out.get(ACCURACY)::output);
      if (outcome.forecast() == null) {
        skipped.inc();
        continue;
      }
      forecast.inc();
      double[] history = series.history();
      out.get(PLANS).output(new PlanInput(outcome, item, stock.get(series.location()),
          onOrder.getOrDefault(series.location(), 0.0), history,
          DemandClassification.isIntermittent(history), simulations(history)));
    }
  }

  /**
   * The run's selection with the series' segment model as one more general candidate (the last, so
   * that a tie goes to a local model); the run's selection when the segment has no model or the
   * series is too short for the global candidate's backtest.
   */
  private ModelSelection withGlobal(String category, DemandSeries series, Global global) {
    String segment = GlobalSegments.segmentKey(category, series.location());
    String key =
        GlobalSegments.segmentKey(
            segment,
            series.sku(),
            global.sizes().getOrDefault(segment, 0L),
            settings.maxSegmentSeries());
    SegmentModels models = global.models().get(key);
    int trim = GlobalSegments.trim(settings.period(), series.firstPeriod());
    int length = series.history().length;
    if (models == null || !models.fits(length, trim)) {
      withoutGlobal.inc();
      return selection;
    }
    withGlobal.inc();
    List<Forecaster> candidates = new ArrayList<>(selection.candidates());
    candidates.add(models.candidate(length, trim));
    return new ModelSelection(
        candidates, selection.intermittentCandidates(), selection.baselines(), selection.options());
  }

  /**
   * The forecasts from before the held-out periods: the run's selection and the seasonal-naive
   * baseline; none when the simulation is off or the history without the held-out periods is
   * shorter than {@value #MIN_SIMULATION_HISTORY} periods or than the selection needs. A model that
   * cannot be fitted is left out.
   */
  private List<PlanInput.SimulationCase> simulations(double[] history) {
    int held = settings.inventory().simulationPeriods();
    List<PlanInput.SimulationCase> cases = new ArrayList<>();
    int training = history.length - held;
    if (held == 0 || training < Math.max(MIN_SIMULATION_HISTORY, selection.minHistory())) {
      return cases;
    }
    double[] train = Arrays.copyOf(history, training);
    boolean intermittent = DemandClassification.isIntermittent(train);
    for (ModelSelection s : List.of(selection, baseline)) {
      try {
        SeriesForecast f = s.forecast(train);
        cases.add(new PlanInput.SimulationCase(
            f.model(), s == selection, training, f.mean(), f.sd(), intermittent));
      } catch (ModelFitException | IllegalArgumentException e) {
        // left out: the simulation compares the forecasts that exist
      }
    }
    return cases;
  }
}
