package io.demandcast.pipelines.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.inventory.PolicyType;
import io.demandcast.inventory.ServiceTarget;
import io.demandcast.inventory.classification.AbcClass;
import io.demandcast.inventory.classification.CapacityAllocator;
import io.demandcast.inventory.classification.ItemClass;
import io.demandcast.inventory.classification.XyzClass;
import io.demandcast.pipelines.model.DemandSeries;
import io.demandcast.pipelines.model.InventorySettings;
import io.demandcast.pipelines.model.ItemInfo;
import io.demandcast.pipelines.model.JobSettings;
import io.demandcast.pipelines.model.LeadTimeStats;
import io.demandcast.pipelines.model.PeriodType;
import io.demandcast.pipelines.model.StockSnapshot;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Capacity per location: {@link ApplyCapacity#rows} cuts orders until the location's stock after
 * ordering fits, in whole cases and never below the MOQ, lowest service-value loss first, and says
 * so in the reason; rows of uncut orders and of locations without a capacity are unchanged.
 */
class ApplyCapacityTest {
  private static final LocalDateTime STARTED = LocalDateTime.of(2026, 11, 21, 9, 0);
  private static final LocalDate SNAPSHOT = LocalDate.of(2002, 12, 31);
  private static final String PLANT = "PLANT01";

  /** Cycle service (the reorder point is a normal quantile), (s, S), normal lead-time demand. */
  private static InventorySettings inventory(Map<String, Double> capacity) {
    return new InventorySettings(ServiceTarget.Measure.CYCLE_SERVICE, "", PolicyType.S_S, "normal",
        12, 12, capacity);
  }

  private static final JobSettings UNCAPPED =
      JobSettings.defaults("cap-run", STARTED).withInventory(inventory(Map.of()));

  private static JobSettings capped(double capacity) {
    return UNCAPPED.withInventory(inventory(Map.of(PLANT, capacity)));
  }

  /** Lane S1 x Air: 20 shipments, mean 30 days, sd 5 days. */
  private static final Map<String, LeadTimeStats> LEAD_TIMES =
      Map.of(LeadTimes.laneKey("S1", "Air"), new LeadTimeStats(20, 30, 5));

  /** 36 months of about 100 units a month, from 70 to 130 in a pattern of 11 months. */
  private static final double[] HISTORY = new double[36];

  /** The forecast of {@link #HISTORY}, shared by every series so that they differ only as set. */
  private static ForecastSeries.Outcome forecast;

  @BeforeAll
  static void forecastOnce() {
    for (int m = 0; m < HISTORY.length; m++) {
      HISTORY[m] = 100 + 6 * ((m * 37) % 11 - 5);
    }
    forecast = ForecastSeries.forecast(ForecastSeries.selection(UNCAPPED),
        new DemandSeries("X", PLANT, LocalDate.of(2000, 1, 1), HISTORY), PeriodType.MONTH);
    assertThat(forecast.forecast()).as(forecast.skipped()).isNotNull();
  }

  /** A series at a location, planned as the job plans it. */
  private static PlanInventoryFn.Planned planned(String sku, String location, double unitCost,
      double holdingCostRate, double orderCost, int casePack, double moq, double onHand,
      double onOrder) {
    ForecastSeries.Outcome outcome = new ForecastSeries.Outcome(sku, location,
        forecast.lastPeriod(), forecast.historyLength(), forecast.forecast(), null);
    ItemInfo item = new ItemInfo(sku, unitCost, holdingCostRate, orderCost, casePack, moq, "S1",
        "Air", null, null, null);
    PlanInput input = new PlanInput(outcome, item, new StockSnapshot(SNAPSHOT, onHand, 0), onOrder,
        HISTORY, false, List.of());
    RecommendInventory.Context context = RecommendInventory.context(input,
        new ItemClass(AbcClass.A, XyzClass.X), 0.95, LEAD_TIMES, Map.of(), UNCAPPED);
    return new PlanInventoryFn.Planned(context, RecommendInventory.recommend(context, UNCAPPED));
  }

  private static double order(PlanInventoryFn.Planned p) {
    return p.recommendation().recommendedOrderQty();
  }

  /** Units the location holds after ordering: on hand + on order + order, over its rows. */
  private static double load(List<Row> rows) {
    return rows.stream().mapToDouble(r -> r.getDouble("on_hand") + r.getDouble("on_order")
        + r.getDouble("recommended_order_qty")).sum();
  }

  private static Row uncut(PlanInventoryFn.Planned p) {
    return uncut(p, UNCAPPED);
  }

  /** The row of a plan as planned, under settings that may name the location's capacity. */
  private static Row uncut(PlanInventoryFn.Planned p, JobSettings settings) {
    return RecommendInventory.row(p.context(), p.recommendation(), null, settings);
  }

  @Test
  void givenTwoEqualOrdersOfCheapAndDearItems_whenCapacityShort_thenOnlyTheCheapOneIsCut() {
    // same demand, lead time and holding cost per unit (h = 2.5 a year); no order cost, so the
    // lot is one unit and S = s + 1 with s the 95% quantile of lead-time demand
    PlanInventoryFn.Planned cheap = planned("CHEAP", PLANT, 1.0, 2.5, 0, 1, 0, 0, 0);
    PlanInventoryFn.Planned dear = planned("DEAR", PLANT, 100.0, 0.025, 0, 1, 0, 0, 0);
    PlanInventoryFn.Planned full = planned("FULL", PLANT, 10.0, 0.25, 50, 1, 0, 5000, 0);
    double o = order(cheap);
    assertThat(o).isPositive().isEqualTo(order(dear));
    assertThat(order(full)).isZero();
    // Why DEAR keeps its order: cutting a unit of CHEAP costs at most 1 x 1 (the loss function
    // falls by at most one unit per unit of stock); the first unit of DEAR costs 100 x P(X > s),
    // about 100 x 0.05, while sigma is well above 1 unit
    assertThat(dear.recommendation().leadTimeDemandSd()).isGreaterThan(5);
    double cut = Math.floor(o / 2);
    assertThat(cut).isPositive();
    double capacity = 5000 + 2 * o - cut;

    List<Row> rows = ApplyCapacity.rows(PLANT, List.of(cheap, dear, full), capped(capacity));

    assertThat(rows).hasSize(3);
    Row cheapRow = rows.get(0);
    assertThat(cheapRow.getString("sku")).isEqualTo("CHEAP");
    assertThat(cheapRow.getDouble("recommended_order_qty")).isEqualTo(o - cut);
    assertThat(cheapRow.getString("reason"))
        .startsWith(uncut(cheap).getString("reason"))
        .endsWith("scaled back by " + (long) cut + " units to fit PLANT01 capacity of "
            + (long) capacity + " units (" + CapacityAllocator.RULE + ")");
    assertThat(rows.get(1)).isEqualTo(uncut(dear, capped(capacity)));
    assertThat(rows.get(2)).isEqualTo(uncut(full, capped(capacity)));
    assertThat(load(rows)).isEqualTo(capacity);
    // the explanation: the location's capacity on every row, the order before the cut kept
    assertThat(rows).extracting(r -> r.getDouble("location_capacity")).containsOnly(capacity);
    assertThat(cheapRow.getDouble("order_after_shelf_life")).isEqualTo(o);
    assertThat(uncut(cheap).getDouble("location_capacity")).isNull();
  }

  @Test
  void givenCasePacksAndMoqs_whenCapacityTight_thenOrdersFitInWholeCasesAtOrAboveMoq() {
    List<PlanInventoryFn.Planned> plans = List.of(
        planned("P6", PLANT, 10, 0.25, 50, 6, 24, 0, 0),
        planned("P4", PLANT, 20, 0.25, 50, 4, 0, 30, 12),
        planned("P1", PLANT, 5, 0.25, 50, 1, 10, 5, 0),
        planned("P12", PLANT, 2, 0.25, 50, 12, 36, 0, 0));
    double stock = 0;
    double orders = 0;
    for (PlanInventoryFn.Planned p : plans) {
      stock += p.context().onHand() + p.context().input().onOrder();
      orders += order(p);
      assertThat(order(p)).as(p.context().input().outcome().sku()).isPositive();
    }
    double capacity = Math.floor(stock + 0.3 * orders);

    List<Row> rows = ApplyCapacity.rows(PLANT, plans, capped(capacity));

    assertThat(load(rows)).isLessThanOrEqualTo(capacity);
    int cut = 0;
    for (int i = 0; i < plans.size(); i++) {
      PlanInventoryFn.Planned p = plans.get(i);
      Row r = rows.get(i);
      String sku = p.context().input().outcome().sku();
      double q = r.getDouble("recommended_order_qty");
      assertThat(r.getString("sku")).isEqualTo(sku);
      assertThat(q % p.context().economics().casePack()).as(sku + " whole cases").isZero();
      assertThat(q == 0 || q >= p.context().economics().moq())
          .as(sku + " >= MOQ or 0: " + q).isTrue();
      assertThat(q).as(sku).isLessThanOrEqualTo(order(p));
      if (q < order(p)) {
        cut++;
        assertThat(r.getString("reason")).as(sku)
            .contains("scaled back by " + (long) (order(p) - q) + " units")
            .contains("to fit PLANT01 capacity of " + (long) capacity + " units");
        // the policy itself is not changed by the cut
        assertThat(r.getDouble("reorder_point")).isEqualTo(uncut(p).getDouble("reorder_point"));
        assertThat(r.getDouble("order_up_to")).isEqualTo(uncut(p).getDouble("order_up_to"));
        assertThat(r.getDouble("order_after_shelf_life")).isEqualTo(order(p));
      } else {
        assertThat(r).as(sku).isEqualTo(uncut(p, capped(capacity)));
      }
    }
    assertThat(cut).isPositive();
  }

  @Test
  void givenMoreOnHandThanCapacity_whenRows_thenEveryOrderCancelledAndSaysSo() {
    List<PlanInventoryFn.Planned> plans = List.of(
        planned("P6", PLANT, 10, 0.25, 50, 6, 24, 0, 0),
        planned("P1", PLANT, 5, 0.25, 50, 1, 10, 0, 0),
        planned("BIG", PLANT, 5, 0.25, 50, 1, 0, 900, 0));

    List<Row> rows = ApplyCapacity.rows(PLANT, plans, capped(800));

    assertThat(rows).extracting(r -> r.getDouble("recommended_order_qty")).containsOnly(0.0);
    for (int i = 0; i < 2; i++) {
      assertThat(rows.get(i).getString("reason"))
          .contains("scaled back by " + (long) order(plans.get(i)) + " units (order cancelled)")
          .contains("PLANT01 capacity of 800 units");
    }
    assertThat(rows.get(2)).isEqualTo(uncut(plans.get(2), capped(800)));
  }

  @Test
  void givenLocationWithoutCapacity_whenRows_thenRowsAsPlanned() {
    List<PlanInventoryFn.Planned> plans = List.of(
        planned("P6", "DC9", 10, 0.25, 50, 6, 24, 0, 0),
        planned("P1", "DC9", 5, 0.25, 50, 1, 10, 0, 0));
    List<Row> expected = new ArrayList<>();
    plans.forEach(p -> expected.add(uncut(p)));

    // PLANT01 has a capacity far below the orders; DC9 has none
    assertThat(ApplyCapacity.rows("DC9", plans, capped(1))).isEqualTo(expected);
    assertThat(ApplyCapacity.rows("DC9", plans, UNCAPPED)).isEqualTo(expected);
  }

  @Test
  void givenCapacityAboveTheLoad_whenRows_thenRowsAsPlanned() {
    List<PlanInventoryFn.Planned> plans = List.of(
        planned("P6", PLANT, 10, 0.25, 50, 6, 24, 0, 0),
        planned("P1", PLANT, 5, 0.25, 50, 1, 10, 3, 4));
    List<Row> planned = new ArrayList<>();
    plans.forEach(p -> planned.add(uncut(p)));
    double exactFit = load(planned);
    List<Row> expected = new ArrayList<>();
    plans.forEach(p -> expected.add(uncut(p, capped(exactFit))));

    assertThat(ApplyCapacity.rows(PLANT, plans, capped(exactFit))).isEqualTo(expected);
  }
}
