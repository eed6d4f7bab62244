package io.demandcast.pipelines.transforms;

import io.demandcast.forecasting.ModelFitException;
import io.demandcast.forecasting.ModelSelection;
import io.demandcast.forecasting.SeriesForecast;
import io.demandcast.forecasting.models.DemandClassification;
import io.demandcast.pipelines.model.DemandSeries;
import io.demandcast.pipelines.model.ItemInfo;
import io.demandcast.pipelines.model.JobSettings;
import io.demandcast.pipelines.model.SalesHistory;
import io.demandcast.pipelines.model.StockSnapshot;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Forecasts every SKU of one shard, SKU by SKU, from the shard's grouped ERP rows: sales whose SKU
 * is not in the item master are rejected; each location's demand series is forecast ({@link
 * ForecastSeries}) and, when it has a forecast, handed to planning as a {@link PlanInput} with its
 * item, stock and history. For the policy simulation the same selection, and the seasonal-naive
 * baseline alone, also forecast from the history without its last {@link
 * io.demandcast.pipelines.model.InventorySettings#simulationPeriods()} periods.
 *
 * <p>Counters (namespace {@code demandcast}): {@code series_forecast}, {@code series_skipped}.
 */
final class ForecastShardFn extends DoFn<KV<Integer, CoGbkResult>, Row> {
  static final TupleTag<SalesHistory> SALES = new TupleTag<>("sales") {};
  static final TupleTag<Row> MISSING = new TupleTag<>("missing") {};
  static final TupleTag<Row> ITEMS = new TupleTag<>("items") {};
  static final TupleTag<Row> STOCK = new TupleTag<>("stock") {};
  static final TupleTag<Row> ORDERS = new TupleTag<>("orders") {};

  static final TupleTag<Row> FORECASTS = new TupleTag<>("demand_forecasts") {};
  static final TupleTag<Row> ACCURACY = new TupleTag<>("forecast_accuracy") {};
  static final TupleTag<PlanInput> PLANS = new TupleTag<>("plans") {};
  static final TupleTag<Row> UNKNOWN_SKU = new TupleTag<>("unknown_sku") {};

  private final JobSettings settings;
  private final PCollectionView<Long> lastPeriodView;
  private final Counter forecast = Metrics.counter(ValidateRecords.METRICS_NAMESPACE, "series_forecast");
  private final Counter skipped = Metrics.counter(ValidateRecords.METRICS_NAMESPACE, "series_skipped");
  /** Fewest periods of history before the held-out ones for a series to be simulated. */
  static final int MIN_SIMULATION_HISTORY = 12;

  private transient ModelSelection selection;
  private transient ModelSelection baseline;

  ForecastShardFn(JobSettings settings, PCollectionView<Long> lastPeriodView) {
    this.settings = settings;
    this.lastPeriodView = lastPeriodView;
  }

  @Setup
  public void setup() {
    selection = ForecastSeries.selection(settings);
    baseline = ForecastSeries.baselineSelection(settings);
  }

  @ProcessElement
  public void process(ProcessContext context, MultiOutputReceiver out) {
    CoGbkResult rows = context.element().getValue();
    Map<String, Map<TupleTag<Row>, List<Row>>> bySku = new TreeMap<>();
    Map<String, List<SalesHistory>> salesBySku = new HashMap<>();
    for (SalesHistory history : rows.getAll(SALES)) {
      salesBySku.computeIfAbsent(history.sku(), k -> new ArrayList<>()).add(history);
      bySku.computeIfAbsent(history.sku(), k -> new HashMap<>());
    }
    for (TupleTag<Row> tag : List.of(MISSING, ITEMS, STOCK, ORDERS)) {
      for (Row row : rows.getAll(tag)) {
        bySku.computeIfAbsent(row.getString("sku"), k -> new HashMap<>())
            .computeIfAbsent(tag, k -> new ArrayList<>())
            .add(row);
      }
    }
    long lastPeriod = context.sideInput(lastPeriodView);
    for (var sku : bySku.entrySet()) {
      processSku(
          sku.getKey(), salesBySku.getOrDefault(sku.getKey(), List.of()), sku.getValue(),
          lastPeriod, out);
    }
  }

  private void processSku(
      String sku,
      List<SalesHistory> sales,
      Map<TupleTag<Row>, List<Row>> rows,
      long lastPeriod,
      MultiOutputReceiver out) {
    List<Row> items = rows.getOrDefault(ITEMS, List.of());
    if (items.isEmpty()) {
      for (SalesHistory history : sales) {
        for (Row sale : history.rows()) {
          out.get(UNKNOWN_SKU).output(Rejections.row(settings.runId(), "erp_sales",
              RowPayload.toJson(sale), "sku " + sku + " is not in erp_items", settings.startedAt()));
        }
      }
      return; // stock and orders of an item that neither sells nor exists are not planned
    }
    if (lastPeriod == Long.MIN_VALUE) {
      return; // no valid sale at all: nothing to forecast
    }
    // erp_items has one row per SKU; of duplicates the last one read is taken
    ItemInfo item = DemandSeriesAssembly.itemInfo(items.get(items.size() - 1));
    Map<String, StockSnapshot> stock =
        DemandSeriesAssembly.latestSnapshots(rows.getOrDefault(STOCK, List.of()));
    Map<String, Double> onOrder = DemandSeriesAssembly.onOrder(rows.getOrDefault(ORDERS, List.of()));
    for (DemandSeries series :
        DemandSeriesAssembly.fromHistories(sku, sales, rows.getOrDefault(MISSING, List.of()),
            settings.period(), LocalDate.ofEpochDay(lastPeriod))) {
      ForecastSeries.Outcome outcome = ForecastSeries.forecast(selection, series, settings.period());
      ForecastSeries.forecastRows(outcome, settings).forEach(out.get(FORECASTS)::output);
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
