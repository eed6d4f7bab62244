package io.demandcast.pipelines.transforms;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.inventory.ContinuousReviewPolicy;
import io.demandcast.inventory.DemandForecast;
import io.demandcast.inventory.ItemEconomics;
import io.demandcast.inventory.LeadTime;
import io.demandcast.inventory.Recommendation;
import io.demandcast.inventory.StockPosition;
import io.demandcast.pipelines.model.ExcursionLog;
import io.demandcast.pipelines.model.ItemInfo;
import io.demandcast.pipelines.model.JobSettings;
import io.demandcast.pipelines.model.LeadTimeStats;
import io.demandcast.pipelines.model.StockSnapshot;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Turns each series' forecast into an inventory recommendation with the inventory optimizer's
 * {@link ContinuousReviewPolicy}: joins the forecast with its item, the latest stock snapshot, the
 * units on open purchase orders, the lead time of the item's supplier lane and the location's
 * temperature excursions.
 *
 * <p>Stock rules: a series without an inventory snapshot has 0 on hand; the on-hand stock of a
 * perishable item (one with a shelf life) is quarantined when the location had at least {@link
 * JobSettings#quarantineMinReadings()} temperature readings outside the storage range in the {@link
 * JobSettings#quarantineLookbackDays()} days up to the snapshot.
 *
 * <p>Counter (namespace {@code demandcast}): {@code recommendations}.
 */
public final class RecommendInventory {
  private static final TupleTag<ForecastSeries.Outcome> FORECASTS = new TupleTag<>("forecasts") {};
  private static final TupleTag<ItemInfo> ITEMS = new TupleTag<>("items") {};
  private static final TupleTag<StockSnapshot> STOCK = new TupleTag<>("stock") {};
  private static final TupleTag<Double> ON_ORDER = new TupleTag<>("onOrder") {};

  private RecommendInventory() {}

  /**
   * One {@code inventory_recommendations} row per forecast series.
   *
   * @param outcomes forecast outcomes; skipped series get no recommendation
   * @param items item per series key
   * @param stock latest snapshot per series key
   * @param onOrder units on open orders per series key
   * @param leadTimes lead-time statistics, see {@link LeadTimes}
   * @param excursions temperature excursion logs per location
   */
  public static PCollection<Row> apply(
      PCollection<ForecastSeries.Outcome> outcomes,
      PCollection<KV<String, ItemInfo>> items,
      PCollection<KV<String, StockSnapshot>> stock,
      PCollection<KV<String, Double>> onOrder,
      PCollectionView<Map<String, LeadTimeStats>> leadTimes,
      PCollectionView<Map<String, ExcursionLog>> excursions,
      JobSettings settings) {
    PCollection<KV<String, ForecastSeries.Outcome>> forecastsByKey =
        outcomes
            .apply(
                "KeyForecastsBySeries",
                MapElements.into(
                        TypeDescriptors.kvs(
                            TypeDescriptors.strings(), TypeDescriptor.of(ForecastSeries.Outcome.class)))
                    .via(o -> KV.of(io.demandcast.pipelines.model.SeriesKey.of(o.sku(), o.location()), o)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), outcomes.getCoder()));
    return KeyedPCollectionTuple.of(FORECASTS, forecastsByKey)
        .and(ITEMS, items)
        .and(STOCK, stock)
        .and(ON_ORDER, onOrder)
        .apply("JoinForecastItemStock", CoGroupByKey.create())
        .apply(
            "Recommend",
            ParDo.of(new RecommendFn(settings, leadTimes, excursions))
                .withSideInputs(leadTimes, excursions))
        .setRowSchema(CanonicalTables.INVENTORY_RECOMMENDATIONS.beamSchema());
  }

  private static <T> T first(Iterable<T> values) {
    Iterator<T> it = values.iterator();
    return it.hasNext() ? it.next() : null;
  }

  private static final class RecommendFn extends DoFn<KV<String, CoGbkResult>, Row> {
    private final JobSettings settings;
    private final PCollectionView<Map<String, LeadTimeStats>> leadTimesView;
    private final PCollectionView<Map<String, ExcursionLog>> excursionsView;
    private final ContinuousReviewPolicy policy;
    private final Counter recommendations = Metrics.counter("demandcast", "recommendations");

    RecommendFn(
        JobSettings settings,
        PCollectionView<Map<String, LeadTimeStats>> leadTimesView,
        PCollectionView<Map<String, ExcursionLog>> excursionsView) {
      this.settings = settings;
      this.leadTimesView = leadTimesView;
      this.excursionsView = excursionsView;
      this.policy = new ContinuousReviewPolicy(settings.serviceLevel());
    }

    @ProcessElement
    public void process(ProcessContext context) {
      CoGbkResult joined = context.element().getValue();
      ForecastSeries.Outcome outcome = first(joined.getAll(FORECASTS));
      ItemInfo item = first(joined.getAll(ITEMS));
      if (outcome == null || outcome.forecast() == null || item == null) {
        return; // skipped series (its reason is in forecast_accuracy) or stock of an unsold item
      }
      StockSnapshot snapshot = first(joined.getAll(STOCK));
      double onOrder = 0;
      for (Double units : joined.getAll(ON_ORDER)) {
        onOrder += units;
      }
      StringBuilder notes = new StringBuilder();
      double onHand = 0;
      double quarantined = 0;
      LocalDate asOf = settings.period().plus(outcome.lastPeriod(), 1).minusDays(1);
      if (snapshot == null) {
        notes.append("no inventory snapshot: on hand taken as 0; ");
      } else {
        onHand = snapshot.onHand();
        quarantined = snapshot.quarantined();
        asOf = snapshot.snapshotDate();
      }
      ExcursionLog log = context.sideInput(excursionsView).get(outcome.location());
      if (item.shelfLifeDays() != null && log != null && onHand > quarantined) {
        LocalDate from = asOf.minusDays(settings.quarantineLookbackDays() - 1L);
        int outside = log.outsideBetween(from, asOf);
        if (outside >= settings.quarantineMinReadings()) {
          quarantined = onHand;
          notes.append(String.format(
              "on hand quarantined: %d temperature readings outside %.0f-%.0f C at %s from %s to %s; ",
              outside, settings.storageMinC(), settings.storageMaxC(), outcome.location(), from, asOf));
        }
      }
      LeadTimes.Choice leadTime =
          LeadTimes.forItem(context.sideInput(leadTimesView), item, settings.minLaneShipments());
      LeadTime lead =
          leadTime == null
              ? new LeadTime(0, 0, "no shipment with both dates: lead time unknown, taken as 0 days")
              : new LeadTime(leadTime.stats().meanDays(), leadTime.stats().sdDays(), leadTime.basis());
      if (leadTime == null) {
        notes.append("lead time unknown, taken as 0 days; ");
      }
      Recommendation r =
          policy.recommend(
              new DemandForecast(
                  settings.period().days(),
                  outcome.forecast().mean(),
                  outcome.forecast().sd()),
              lead,
              new ItemEconomics(
                  item.unitCost(),
                  item.holdingCostRate(),
                  item.orderCost(),
                  item.casePack(),
                  item.moq(),
                  item.shelfLifeDays()),
              new StockPosition(onHand, quarantined, onOrder, 0));
      recommendations.inc();
      Schema schema = CanonicalTables.INVENTORY_RECOMMENDATIONS.beamSchema();
      context.output(
          Row.withSchema(schema)
              .withFieldValue("run_id", settings.runId())
              .withFieldValue("sku", outcome.sku())
              .withFieldValue("location", outcome.location())
              .withFieldValue("on_hand", onHand)
              .withFieldValue("quarantined", quarantined)
              .withFieldValue("on_order", onOrder)
              .withFieldValue("inventory_position", r.inventoryPosition())
              .withFieldValue("lead_time_mean_days", lead.meanDays())
              .withFieldValue("lead_time_sd_days", lead.sdDays())
              .withFieldValue("lead_time_basis", lead.basis())
              .withFieldValue("service_level", settings.serviceLevel())
              .withFieldValue("safety_stock", r.safetyStock())
              .withFieldValue("reorder_point", r.reorderPoint())
              .withFieldValue("order_up_to", r.orderUpTo())
              .withFieldValue("eoq", r.eoq())
              .withFieldValue("recommended_order_qty", r.recommendedOrderQty())
              .withFieldValue("unit_cost", item.unitCost())
              .withFieldValue("expected_fill_rate", r.expectedFillRate())
              .withFieldValue("days_of_cover", r.daysOfCover())
              .withFieldValue("model", outcome.forecast().model())
              .withFieldValue("reason", notes + r.reason())
              .build());
    }
  }
}
