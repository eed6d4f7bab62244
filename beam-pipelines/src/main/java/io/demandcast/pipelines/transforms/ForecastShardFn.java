package io.demandcast.pipelines.transforms;

import io.demandcast.forecasting.ModelSelection;
import io.demandcast.inventory.ContinuousReviewPolicy;
import io.demandcast.pipelines.model.DemandSeries;
import io.demandcast.pipelines.model.ExcursionLog;
import io.demandcast.pipelines.model.ItemInfo;
import io.demandcast.pipelines.model.JobSettings;
import io.demandcast.pipelines.model.LeadTimeStats;
import io.demandcast.pipelines.model.StockSnapshot;
import java.time.LocalDate;
import java.util.ArrayList;
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
 * Forecasts and optimizes every SKU of one shard, SKU by SKU, from the shard's grouped ERP rows:
 * sales whose SKU is not in the item master are rejected; each location's demand series is forecast
 * ({@link ForecastSeries}) and, when it has a forecast, gets a recommendation ({@link
 * RecommendInventory}).
 *
 * <p>Counters (namespace {@code demandcast}): {@code series_forecast}, {@code series_skipped},
 * {@code recommendations}.
 */
final class ForecastShardFn extends DoFn<KV<Integer, CoGbkResult>, Row> {
  static final TupleTag<Row> SALES = new TupleTag<>("sales") {};
  static final TupleTag<Row> MISSING = new TupleTag<>("missing") {};
  static final TupleTag<Row> ITEMS = new TupleTag<>("items") {};
  static final TupleTag<Row> STOCK = new TupleTag<>("stock") {};
  static final TupleTag<Row> ORDERS = new TupleTag<>("orders") {};

  static final TupleTag<Row> FORECASTS = new TupleTag<>("demand_forecasts") {};
  static final TupleTag<Row> ACCURACY = new TupleTag<>("forecast_accuracy") {};
  static final TupleTag<Row> RECOMMENDATIONS = new TupleTag<>("inventory_recommendations") {};
  static final TupleTag<Row> UNKNOWN_SKU = new TupleTag<>("unknown_sku") {};

  private final JobSettings settings;
  private final PCollectionView<Long> lastPeriodView;
  private final PCollectionView<Map<String, LeadTimeStats>> leadTimesView;
  private final PCollectionView<Map<String, ExcursionLog>> excursionsView;
  private final Counter forecast = Metrics.counter(ValidateRecords.METRICS_NAMESPACE, "series_forecast");
  private final Counter skipped = Metrics.counter(ValidateRecords.METRICS_NAMESPACE, "series_skipped");
  private final Counter recommendations =
      Metrics.counter(ValidateRecords.METRICS_NAMESPACE, "recommendations");
  private transient ModelSelection selection;
  private transient ContinuousReviewPolicy policy;

  ForecastShardFn(
      JobSettings settings,
      PCollectionView<Long> lastPeriodView,
      PCollectionView<Map<String, LeadTimeStats>> leadTimesView,
      PCollectionView<Map<String, ExcursionLog>> excursionsView) {
    this.settings = settings;
    this.lastPeriodView = lastPeriodView;
    this.leadTimesView = leadTimesView;
    this.excursionsView = excursionsView;
  }

  @Setup
  public void setup() {
    selection = ForecastSeries.selection(settings);
    policy = new ContinuousReviewPolicy(settings.serviceLevel());
  }

  @ProcessElement
  public void process(ProcessContext context, MultiOutputReceiver out) {
    CoGbkResult rows = context.element().getValue();
    Map<String, Map<TupleTag<Row>, List<Row>>> bySku = new TreeMap<>();
    for (TupleTag<Row> tag : List.of(SALES, MISSING, ITEMS, STOCK, ORDERS)) {
      for (Row row : rows.getAll(tag)) {
        bySku.computeIfAbsent(row.getString("sku"), k -> new HashMap<>())
            .computeIfAbsent(tag, k -> new ArrayList<>())
            .add(row);
      }
    }
    long lastPeriod = context.sideInput(lastPeriodView);
    Map<String, LeadTimeStats> leadTimes = context.sideInput(leadTimesView);
    Map<String, ExcursionLog> excursions = context.sideInput(excursionsView);
    for (var sku : bySku.entrySet()) {
      processSku(sku.getKey(), sku.getValue(), lastPeriod, leadTimes, excursions, out);
    }
  }

  private void processSku(
      String sku,
      Map<TupleTag<Row>, List<Row>> rows,
      long lastPeriod,
      Map<String, LeadTimeStats> leadTimes,
      Map<String, ExcursionLog> excursions,
      MultiOutputReceiver out) {
    List<Row> items = rows.getOrDefault(ITEMS, List.of());
    List<Row> sales = rows.getOrDefault(SALES, List.of());
    if (items.isEmpty()) {
      for (Row sale : sales) {
        out.get(UNKNOWN_SKU).output(Rejections.row(settings.runId(), "erp_sales",
            RowPayload.toJson(sale), "sku " + sku + " is not in erp_items", settings.startedAt()));
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
        DemandSeriesAssembly.series(sku, sales, rows.getOrDefault(MISSING, List.of()),
            settings.period(), LocalDate.ofEpochDay(lastPeriod))) {
      ForecastSeries.Outcome outcome = ForecastSeries.forecast(selection, series, settings.period());
      ForecastSeries.forecastRows(outcome, settings).forEach(out.get(FORECASTS)::output);
      ForecastSeries.accuracyRows(outcome, settings).forEach(out.get(ACCURACY)::output);
      if (outcome.forecast() == null) {
        skipped.inc();
        continue;
      }
      forecast.inc();
      out.get(RECOMMENDATIONS).output(RecommendInventory.recommend(policy, outcome, item,
          stock.get(series.location()), onOrder.getOrDefault(series.location(), 0.0),
          leadTimes, excursions, settings));
      recommendations.inc();
    }
  }
}
