package io.demandcast.pipelines.transforms;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.inventory.DemandForecast;
import io.demandcast.inventory.ItemEconomics;
import io.demandcast.inventory.LeadTime;
import io.demandcast.inventory.OrderExplanation;
import io.demandcast.inventory.PlanningRequest;
import io.demandcast.inventory.PolicyType;
import io.demandcast.inventory.Recommendation;
import io.demandcast.inventory.ReplenishmentPlanner;
import io.demandcast.inventory.ServiceTarget;
import io.demandcast.inventory.StockPosition;
import io.demandcast.inventory.classification.ClassServiceTargets;
import io.demandcast.inventory.classification.ItemClass;
import io.demandcast.inventory.distribution.DemandDistributions;
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
 * ReplenishmentPlanner}, from the forecast, the item, the latest stock snapshot, the units on open
 * purchase orders, the lead time of the item's supplier lane and the location's temperature
 * excursions.
 *
 * <p>Per item: the policy is (R, S) when {@code erp_items.review_period_days} is set, else the run's
 * continuous policy; the target is the item's own {@code service_level}, else its ABC/XYZ class's,
 * else the run's; the lead-time demand distribution is normal for smooth demand and Poisson or
 * negative binomial for intermittent demand ({@code --lead-time-distribution auto}; {@code
 * empirical} bootstraps intermittent items' lead-time demand from their history instead).
 *
 * <p>Stock rules: a series without an inventory snapshot has 0 on hand (and the reason says so);
 * the on-hand stock of a perishable item (one with a shelf life) is quarantined when the location had
 * at least {@link JobSettings#quarantineMinReadings()} temperature readings outside the storage range
 * in the {@link JobSettings#quarantineLookbackDays()} days up to the snapshot.
 */
public final class RecommendInventory {
  private static final Schema SCHEMA = CanonicalTables.INVENTORY_RECOMMENDATIONS.beamSchema();

  /** {@link Context#targetSource()} of an item's own {@code erp_items.service_level}. */
  public static final String TARGET_ITEM = "item";

  /** {@link Context#targetSource()} prefix of an entry of {@code --class-service-levels}. */
  public static final String TARGET_CLASS = "class";

  /** {@link Context#targetSource()} of the run's {@code --service-level}. */
  public static final String TARGET_RUN = "run";

  private RecommendInventory() {}

  /**
   * Everything about one series the recommendation and the simulation share.
   *
   * @param input the series' plan input
   * @param itemClass its ABC/XYZ class
   * @param target its service target
   * @param policy its policy
   * @param reviewPeriodDays R for (R, S), else 0
   * @param lead its lead time
   * @param economics its economics
   * @param onHand units on hand (0 without a snapshot)
   * @param quarantined units quarantined
   * @param notes reason notes on the stock and lead time, ending in "; " or empty
   * @param targetSource where the target comes from: {@link #TARGET_ITEM}, {@link #TARGET_RUN} or
   *     {@link #TARGET_CLASS} followed by a space and the class entry, e.g. {@code "class A"}
   * @param leadTimeSource where the lead time comes from: a {@link LeadTimes.Choice#source()}, or
   *     {@link LeadTimes#SOURCE_DEFAULT}
   * @param leadTimeShipments the shipments behind the lead time; 0 for the default
   */
  public record Context(
      PlanInput input,
      ItemClass itemClass,
      ServiceTarget target,
      PolicyType policy,
      double reviewPeriodDays,
      LeadTime lead,
      ItemEconomics economics,
      double onHand,
      double quarantined,
      String notes,
      String targetSource,
      String leadTimeSource,
      long leadTimeShipments) {

    /** The distribution family for a history that is, or is not, intermittent. */
    DemandDistributions.Family family(JobSettings settings, boolean intermittent) {
      return switch (settings.inventory().distribution()) {
        case "normal" -> DemandDistributions.Family.NORMAL;
        case "discrete" -> DemandDistributions.Family.DISCRETE;
        case "empirical" -> intermittent
            ? DemandDistributions.Family.EMPIRICAL
            : DemandDistributions.Family.NORMAL;
        default -> intermittent
            ? DemandDistributions.Family.DISCRETE
            : DemandDistributions.Family.NORMAL;
      };
    }

    /**
     * The planning request for a forecast and stock position; {@code history} is the demand
     * history the forecast was made from (used by the empirical bootstrap).
     */
    PlanningRequest request(
        JobSettings settings, double[] mean, double[] sd, StockPosition stock,
        boolean intermittent, double[] history) {
      return new PlanningRequest(
          new DemandForecast(settings.period().days(), mean, sd), lead, economics, stock, target,
          policy, reviewPeriodDays, family(settings, intermittent), history);
    }
  }

  /**
   * The context of one series, with one service level for every class (the run's): as {@link
   * #context(PlanInput, ItemClass, ClassServiceTargets, Map, Map, JobSettings)} with targets that
   * have no class entry.
   *
   * @param runTarget the run's service level, in (0, 1)
   */
  public static Context context(
      PlanInput input,
      ItemClass itemClass,
      double runTarget,
      Map<String, LeadTimeStats> leadTimes,
      Map<String, ExcursionLog> excursions,
      JobSettings settings) {
    return context(input, itemClass, ClassServiceTargets.parse("", runTarget), leadTimes,
        excursions, settings);
  }

  /**
   * The context of one series: stock after quarantine, lead time, economics, policy and target.
   *
   * @param input a series with a forecast
   * @param itemClass the series' ABC/XYZ class
   * @param classTargets the service levels per class, and the run's for the classes without one
   * @param leadTimes lead-time statistics, see {@link LeadTimes}
   * @param excursions temperature excursion logs by location
   * @param settings the run's settings
   */
  public static Context context(
      PlanInput input,
      ItemClass itemClass,
      ClassServiceTargets classTargets,
      Map<String, LeadTimeStats> leadTimes,
      Map<String, ExcursionLog> excursions,
      JobSettings settings) {
    ForecastSeries.Outcome outcome = input.outcome();
    ItemInfo item = input.item();
    StockSnapshot snapshot = input.snapshot();
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
    double assumedDays = settings.rules().defaultLeadTimeDays();
    String assumed = String.format(Locale.ROOT,
        "lead time unknown, %s days assumed (--default-lead-time-days)", days(assumedDays));
    LeadTime lead =
        choice == null
            ? new LeadTime(assumedDays, 0, "no shipment with both dates: " + assumed)
            : new LeadTime(choice.stats().meanDays(), choice.stats().sdDays(), choice.basis());
    if (choice == null) {
      notes.append(assumed).append("; ");
    }
    String classKey = classTargets.matchedKey(itemClass);
    double level = item.serviceLevel() != null ? item.serviceLevel() : classTargets.lookup(itemClass);
    String targetSource = item.serviceLevel() != null ? TARGET_ITEM
        : classKey != null ? TARGET_CLASS + " " + classKey
        : TARGET_RUN;
    boolean periodic = item.reviewPeriodDays() != null;
    return new Context(
        input,
        itemClass,
        new ServiceTarget(settings.inventory().measure(), level),
        periodic ? PolicyType.R_S : settings.inventory().continuousPolicy(),
        periodic ? item.reviewPeriodDays() : 0,
        lead,
        new ItemEconomics(item.unitCost(), item.holdingCostRate(), item.orderCost(),
            item.casePack(), item.moq(), item.shelfLifeDays()),
        onHand,
        quarantined,
        notes.toString(),
        targetSource,
        choice == null ? LeadTimes.SOURCE_DEFAULT : choice.source(),
        choice == null ? 0 : choice.stats().shipments());
  }

  private static String days(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  /**
   * The units owed to customers that the inventory position is net of: 0, as no source table
   * records backorders yet (the column {@code backorders} says so on every row).
   */
  static final double BACKORDERS = 0;

  /**
   * The recommendation of a series from its whole-history forecast.
   *
   * @param context the series' context
   * @param settings the run's settings
   */
  public static Recommendation recommend(Context context, JobSettings settings) {
    PlanInput input = context.input();
    return ReplenishmentPlanner.plan(
        context.request(
            settings,
            input.outcome().forecast().mean(),
            input.outcome().forecast().sd(),
            new StockPosition(context.onHand(), context.quarantined(), input.onOrder(), BACKORDERS),
            input.intermittent(),
            input.history()));
  }

  /**
   * The {@code inventory_recommendations} row of a recommendation, with the explanation of its
   * order: the values the planner computed it from ({@link Recommendation#explanation()}, the
   * policy parameters, the context), written as they were computed, not recomputed.
   *
   * @param context the series' context
   * @param r its recommendation, possibly scaled back for capacity
   * @param capacityNote a note on a capacity cut to add to the reason, or null
   * @param settings the run's settings
   */
  public static Row row(Context context, Recommendation r, String capacityNote, JobSettings settings) {
    PlanInput input = context.input();
    ForecastSeries.Outcome outcome = input.outcome();
    OrderExplanation e = r.explanation();
    String reason = context.notes() + r.reason()
        + (capacityNote == null ? "" : io.demandcast.inventory.ReasonCode.SEPARATOR + capacityNote);
    return Row.withSchema(SCHEMA)
        .withFieldValue("run_id", settings.runId())
        .withFieldValue("sku", outcome.sku())
        .withFieldValue("location", outcome.location())
        .withFieldValue("on_hand", e.stock().onHand())
        .withFieldValue("quarantined", e.stock().quarantined())
        .withFieldValue("on_order", e.stock().onOrder())
        .withFieldValue("inventory_position", r.inventoryPosition())
        .withFieldValue("lead_time_mean_days", context.lead().meanDays())
        .withFieldValue("lead_time_sd_days", context.lead().sdDays())
        .withFieldValue("lead_time_basis", context.lead().basis())
        .withFieldValue("service_level", r.target().level())
        .withFieldValue("service_measure", r.target().measure().code())
        .withFieldValue("policy", r.parameters().type().code())
        .withFieldValue("review_period_days", r.parameters().reviewPeriodDays())
        .withFieldValue("abc_class", context.itemClass().abc().name())
        .withFieldValue("xyz_class", context.itemClass().xyz().name())
        .withFieldValue("distribution", r.distribution())
        .withFieldValue("safety_stock", r.safetyStock())
        .withFieldValue("reorder_point", r.reorderPoint())
        .withFieldValue("order_up_to", r.orderUpTo())
        .withFieldValue("order_quantity", r.orderQuantity())
        .withFieldValue("eoq", r.eoq())
        .withFieldValue("recommended_order_qty", r.recommendedOrderQty())
        .withFieldValue("unit_cost", input.item().unitCost())
        .withFieldValue("expected_fill_rate", r.expectedFillRate())
        .withFieldValue("expected_cycle_service", r.expectedCycleService())
        .withFieldValue("expected_holding_cost", r.expectedHoldingCost())
        .withFieldValue("days_of_cover", r.daysOfCover())
        .withFieldValue("model", outcome.forecast().model())
        .withFieldValue("reason", reason)
        .withFieldValue("supplier", input.item().supplier())
        .withFieldValue("ship_mode", input.item().shipMode())
        .withFieldValue("lead_time_source", context.leadTimeSource())
        .withFieldValue("lead_time_shipments",
            LeadTimes.SOURCE_DEFAULT.equals(context.leadTimeSource())
                ? null : context.leadTimeShipments())
        .withFieldValue("protection_days", e.protectionDays())
        .withFieldValue("demand_per_day", e.demandPerDay())
        .withFieldValue("protection_demand_mean", r.leadTimeDemandMean())
        .withFieldValue("protection_demand_sd", r.leadTimeDemandSd())
        .withFieldValue("service_level_source", context.targetSource())
        .withFieldValue("backorders", e.stock().backorders())
        .withFieldValue("moq", r.parameters().moq())
        .withFieldValue("case_pack", r.parameters().casePack())
        .withFieldValue("shelf_life_days", context.economics().shelfLifeDays())
        .withFieldValue("shelf_life_max_order",
            Double.isInfinite(r.parameters().maxOrder()) ? null : r.parameters().maxOrder())
        .withFieldValue("order_by_policy", e.policyOrder())
        .withFieldValue("order_after_moq", e.afterMoq())
        .withFieldValue("order_after_case_pack", e.afterCasePack())
        .withFieldValue("order_after_shelf_life", e.afterShelfLife())
        .withFieldValue("location_capacity",
            settings.inventory().locationCapacity().get(outcome.location()))
        .build();
  }
}
