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
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * Turns a series' forecast into an inventory recommendation with the inventory optimizer's {@link
 * ContinuousReviewPolicy}, from the forecast, the item, the latest stock snapshot, the units on open
 * purchase orders, the lead time of the item's supplier lane and the location's temperature
 * excursions.
 *
 * <p>Stock rules: a series without an inventory snapshot has 0 on hand (and the reason says so);
 * the on-hand stock of a perishable item (one with a shelf life) is quarantined when the location had
 * at least {@link JobSettings#quarantineMinReadings()} temperature readings outside the storage range
 * in the {@link JobSettings#quarantineLookbackDays()} days up to the snapshot.
 */
public final class RecommendInventory {
  private static final Schema SCHEMA = CanonicalTables.INVENTORY_RECOMMENDATIONS.beamSchema();

  private RecommendInventory() {}

  /**
   * The {@code inventory_recommendations} row of one forecast series.
   *
   * @param policy the run's replenishment policy
   * @param outcome a series' forecast outcome with a forecast
   * @param item the series' item
   * @param snapshot the latest stock snapshot, or null when there is none
   * @param onOrder units on open purchase orders
   * @param leadTimes lead-time statistics, see {@link LeadTimes}
   * @param excursions temperature excursion logs by location
   * @param settings the run's settings
   * @throws IllegalArgumentException when the outcome has no forecast
   */
  public static Row recommend(
      ContinuousReviewPolicy policy,
      ForecastSeries.Outcome outcome,
      ItemInfo item,
      StockSnapshot snapshot,
      double onOrder,
      Map<String, LeadTimeStats> leadTimes,
      Map<String, ExcursionLog> excursions,
      JobSettings settings) {
    if (outcome.forecast() == null) {
      throw new IllegalArgumentException(
          "series " + outcome.sku() + " at " + outcome.location() + " has no forecast");
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
    ExcursionLog log = excursions.get(outcome.location());
    if (item.shelfLifeDays() != null && log != null && onHand > quarantined) {
      LocalDate from = asOf.minusDays(settings.quarantineLookbackDays() - 1L);
      int outside = log.outsideBetween(from, asOf);
      if (outside >= settings.quarantineMinReadings()) {
        quarantined = onHand;
        notes.append(String.format(Locale.ROOT,
            "on hand quarantined: %d temperature readings outside %.0f-%.0f C at %s from %s to %s; ",
            outside, settings.storageMinC(), settings.storageMaxC(), outcome.location(), from, asOf));
      }
    }
    LeadTimes.Choice choice = LeadTimes.forItem(leadTimes, item, settings.minLaneShipments());
    LeadTime lead =
        choice == null
            ? new LeadTime(0, 0, "no shipment with both dates: lead time unknown, taken as 0 days")
            : new LeadTime(choice.stats().meanDays(), choice.stats().sdDays(), choice.basis());
    if (choice == null) {
      notes.append("lead time unknown, taken as 0 days; ");
    }
    Recommendation r =
        policy.recommend(
            new DemandForecast(
                settings.period().days(), outcome.forecast().mean(), outcome.forecast().sd()),
            lead,
            new ItemEconomics(
                item.unitCost(),
                item.holdingCostRate(),
                item.orderCost(),
                item.casePack(),
                item.moq(),
                item.shelfLifeDays()),
            new StockPosition(onHand, quarantined, onOrder, 0));
    return Row.withSchema(SCHEMA)
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
        .build();
  }
}
