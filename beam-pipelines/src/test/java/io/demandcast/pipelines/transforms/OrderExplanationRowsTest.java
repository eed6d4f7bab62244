package io.demandcast.pipelines.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.inventory.OrderExplanation;
import io.demandcast.inventory.PolicyType;
import io.demandcast.inventory.Recommendation;
import io.demandcast.inventory.ServiceTarget;
import io.demandcast.inventory.classification.AbcClass;
import io.demandcast.inventory.classification.ClassServiceTargets;
import io.demandcast.inventory.classification.ItemClass;
import io.demandcast.inventory.classification.XyzClass;
import io.demandcast.pipelines.OrderRecomputation;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The order's explanation in {@code inventory_recommendations}: {@link RecommendInventory#row}
 * writes what the planner computed (the {@link OrderExplanation}, the policy parameters, where the
 * lead time and the target come from), and on a small fixture of every policy, MOQ, case pack,
 * shelf life, lead-time fallback, target source and a location's capacity, {@link
 * OrderRecomputation} recomputes every order from the rows alone.
 */
class OrderExplanationRowsTest {
  private static final LocalDateTime STARTED = LocalDateTime.of(2026, 11, 21, 9, 0);
  private static final LocalDate SNAPSHOT = LocalDate.of(2002, 12, 31);
  private static final String PLANT = "PLANT01";
  private static final String DC = "DC1";

  /** Lane S1 x Air (20 shipments), supplier S1 in all modes (26), all shipments (40). */
  private static final Map<String, LeadTimeStats> LEAD_TIMES = Map.of(
      LeadTimes.laneKey("S1", "Air"), new LeadTimeStats(20, 30, 5),
      LeadTimes.supplierKey("S1"), new LeadTimeStats(26, 35, 9),
      LeadTimes.ALL, new LeadTimeStats(40, 50, 20));

  /** About 100 units a month over 36 months, and an intermittent history. */
  private static final double[] SMOOTH = new double[36];
  private static final double[] INTERMITTENT = new double[36];
  private static ForecastSeries.Outcome smooth;
  private static ForecastSeries.Outcome intermittent;

  private static InventorySettings inventory(PolicyType continuous, Map<String, Double> capacity) {
    return new InventorySettings(ServiceTarget.Measure.FILL_RATE, "A=0.98", continuous, "auto", 12,
        12, capacity);
  }

  private static final JobSettings S_S = JobSettings.defaults("explain-run", STARTED)
      .withInventory(inventory(PolicyType.S_S, Map.of(PLANT, 700.0)));
  private static final JobSettings S_Q =
      S_S.withInventory(inventory(PolicyType.S_Q, Map.of(PLANT, 700.0)));

  @BeforeAll
  static void forecastOnce() {
    for (int m = 0; m < SMOOTH.length; m++) {
      SMOOTH[m] = 100 + 6 * ((m * 37) % 11 - 5);
      INTERMITTENT[m] = m % 3 == 0 ? 4 + m % 5 : 0;
    }
    smooth = forecast(SMOOTH);
    intermittent = forecast(INTERMITTENT);
  }

  private static ForecastSeries.Outcome forecast(double[] history) {
    ForecastSeries.Outcome outcome = ForecastSeries.forecast(ForecastSeries.selection(S_S),
        new DemandSeries("X", PLANT, LocalDate.of(2000, 1, 1), history), PeriodType.MONTH);
    assertThat(outcome.forecast()).as(outcome.skipped()).isNotNull();
    return outcome;
  }

  /** One series as the job plans it: class AX (target 0.98 unless the item has its own). */
  private static PlanInventoryFn.Planned planned(JobSettings settings, String sku, String location,
      ItemInfo item, double onHand, double onOrder, boolean intermittentDemand,
      Map<String, LeadTimeStats> leadTimes, ItemClass itemClass) {
    ForecastSeries.Outcome f = intermittentDemand ? intermittent : smooth;
    ForecastSeries.Outcome outcome = new ForecastSeries.Outcome(sku, location, f.lastPeriod(),
        f.historyLength(), f.forecast(), null);
    PlanInput input = new PlanInput(outcome, item, new StockSnapshot(SNAPSHOT, onHand, 0), onOrder,
        intermittentDemand ? INTERMITTENT : SMOOTH, intermittentDemand, List.of());
    RecommendInventory.Context context = RecommendInventory.context(input, itemClass,
        ClassServiceTargets.parse(settings.inventory().classTargets(), settings.serviceLevel()),
        leadTimes, Map.of(), settings);
    return new PlanInventoryFn.Planned(context, RecommendInventory.recommend(context, settings));
  }

  private static PlanInventoryFn.Planned planned(JobSettings settings, String sku, String location,
      ItemInfo item, double onHand) {
    return planned(settings, sku, location, item, onHand, 0, false, LEAD_TIMES,
        new ItemClass(AbcClass.A, XyzClass.X));
  }

  private static ItemInfo item(String sku, int casePack, double moq, String supplier, String mode,
      Integer shelfLife, Integer review, Double serviceLevel) {
    return new ItemInfo(sku, 10, 0.25, 50, casePack, moq, supplier, mode, shelfLife, review,
        serviceLevel);
  }

  /** Rows of every plan, by location as the job writes them ({@link ApplyCapacity#rows}). */
  private static List<Row> rows(JobSettings settings, List<PlanInventoryFn.Planned> plans) {
    Map<String, List<PlanInventoryFn.Planned>> byLocation = new LinkedHashMap<>();
    for (PlanInventoryFn.Planned p : plans) {
      byLocation.computeIfAbsent(p.context().input().outcome().location(), l -> new ArrayList<>())
          .add(p);
    }
    List<Row> rows = new ArrayList<>();
    byLocation.forEach((location, list) -> rows.addAll(ApplyCapacity.rows(location, list, settings)));
    return rows;
  }

  private static Map<String, Object> values(Row row) {
    Map<String, Object> values = new HashMap<>();
    for (String name : row.getSchema().getFieldNames()) {
      values.put(name, row.getValue(name));
    }
    return values;
  }

  /** The fixture: every policy, fallback and adjustment; PLANT01 short of capacity. */
  private static List<Row> fixtureRows() {
    List<Row> rows = new ArrayList<>();
    rows.addAll(rows(S_S, List.of(
        // s_S, lane, MOQ and case pack, class target
        planned(S_S, "CASES", DC, item("CASES", 6, 24, "S1", "Air", null, null, null), 0),
        // R_S with the item's own target, the MOQ raising a small order
        planned(S_S, "REVIEW", DC, item("REVIEW", 1, 400, "S1", "Air", null, 14, 0.9), 150),
        // perishable: the shelf life caps the order, the MOQ over it
        planned(S_S, "FRESH", DC, item("FRESH", 12, 100, "S1", "Air", 10, null, null), 0),
        // enough stock: no order
        planned(S_S, "FULL", DC, item("FULL", 1, 0, "S1", "Air", null, null, null), 5000),
        // the supplier's shipments of every mode; a class without a target of its own (run's)
        planned(S_S, "OCEAN", DC, item("OCEAN", 1, 0, "S1", "Ocean", null, null, null), 0, 30,
            false, LEAD_TIMES, new ItemClass(AbcClass.B, XyzClass.Y)),
        // all shipments; intermittent demand (a discrete distribution)
        planned(S_S, "NOBODY", DC, item("NOBODY", 1, 0, null, null, null, null, null), 0, 0,
            true, LEAD_TIMES, new ItemClass(AbcClass.C, XyzClass.Z)),
        // no shipment at all: the run's default lead time
        planned(S_S, "GUESS", DC, item("GUESS", 1, 0, "S9", "Air", null, null, null), 0, 0,
            false, Map.of(), new ItemClass(AbcClass.A, XyzClass.X)),
        // PLANT01: 700 units of room for about 400 on hand and orders of about 500
        planned(S_S, "P6", PLANT, item("P6", 6, 24, "S1", "Air", null, null, null), 100),
        planned(S_S, "P1", PLANT, item("P1", 1, 10, "S1", "Air", null, null, null), 300),
        planned(S_S, "P12", PLANT, item("P12", 12, 36, "S1", "Air", null, null, null), 0))));
    rows.addAll(rows(S_Q, List.of(
        planned(S_Q, "LOTS", DC, item("LOTS", 6, 24, "S1", "Air", null, null, null), 0),
        planned(S_Q, "LOTS_FRESH", DC, item("LOTS_FRESH", 4, 0, "S1", "Air", 40, null, null), 0))));
    return rows;
  }

  @Test
  void givenFixture_whenEveryOrderRecomputedFromItsRow_thenNoneDiffers() {
    List<Row> rows = fixtureRows();
    Map<String, Row> bySku = new HashMap<>();
    rows.forEach(r -> bySku.put(r.getString("sku"), r));

    assertThat(OrderRecomputation.differences(rows.stream().map(OrderExplanationRowsTest::values)
        .toList())).isEmpty();

    // the fixture exercises what it says it does
    assertThat(rows).extracting(r -> r.getString("policy")).contains("s_S", "s_Q", "R_S");
    assertThat(rows).extracting(r -> r.getString("lead_time_source"))
        .contains("lane", "supplier", "all_shipments", "default");
    assertThat(rows).extracting(r -> r.getString("service_level_source"))
        .contains("item", "class A", "run");
    assertThat(rows).extracting(r -> r.getString("distribution")).contains("normal")
        .anyMatch(d -> !d.equals("normal"));
    Row review = bySku.get("REVIEW");
    assertThat(review.getDouble("order_after_moq")).isEqualTo(400.0)
        .isGreaterThan(review.getDouble("order_by_policy"));
    Row cases = bySku.get("CASES");
    assertThat(cases.getDouble("order_after_case_pack"))
        .isGreaterThan(cases.getDouble("order_after_moq"));
    Row fresh = bySku.get("FRESH");
    assertThat(fresh.getDouble("order_after_shelf_life"))
        .isLessThan(fresh.getDouble("order_after_case_pack"));
    assertThat(bySku.get("FULL").getDouble("order_by_policy")).isZero();
    assertThat(rows.stream().filter(r -> r.getString("location").equals(PLANT))
        .anyMatch(r -> r.getDouble("recommended_order_qty") < r.getDouble("order_after_shelf_life")))
        .as("PLANT01's capacity cuts an order").isTrue();
  }

  @Test
  void givenAnyColumnOfTheChainChanged_whenRecomputed_thenTheDifferenceIsFound() {
    List<Map<String, Object>> rows =
        fixtureRows().stream().map(OrderExplanationRowsTest::values).toList();
    for (String column : List.of("on_hand", "backorders", "moq", "case_pack", "reorder_point",
        "order_up_to", "order_by_policy", "order_after_moq", "order_after_case_pack",
        "order_after_shelf_life", "shelf_life_max_order", "recommended_order_qty",
        "protection_demand_mean")) {
      List<Map<String, Object>> changed = new ArrayList<>();
      for (Map<String, Object> row : rows) {
        Map<String, Object> copy = new HashMap<>(row);
        Object value = copy.get(column);
        if (row.get("sku").equals("FRESH")) {
          // a change no rule could absorb (a MOQ one unit higher may round to the same cases)
          copy.put(column, value instanceof Integer i ? (Object) (i + 1)
              : (Object) (2 * ((Number) value).doubleValue() + 7));
        }
        changed.add(copy);
      }
      assertThat(OrderRecomputation.differences(changed)).as(column)
          .anyMatch(d -> d.startsWith("FRESH@" + DC));
    }
  }

  @Test
  void givenPlannedSeries_whenRowWritten_thenTheExplanationIsTheOneThePlannerComputed() {
    PlanInventoryFn.Planned p =
        planned(S_S, "REVIEW", DC, item("REVIEW", 1, 400, "S1", "Air", 60, 14, 0.9), 150);
    Recommendation r = p.recommendation();
    OrderExplanation e = r.explanation();

    Row row = RecommendInventory.row(p.context(), r, null, S_S);

    assertThat(row.getString("supplier")).isEqualTo("S1");
    assertThat(row.getString("ship_mode")).isEqualTo("Air");
    assertThat(row.getString("lead_time_source")).isEqualTo("lane");
    assertThat(row.getInt64("lead_time_shipments")).isEqualTo(20L);
    assertThat(row.getDouble("lead_time_mean_days")).isEqualTo(30.0);
    assertThat(row.getDouble("protection_days")).isEqualTo(44.0).isEqualTo(e.protectionDays());
    assertThat(row.getDouble("demand_per_day")).isEqualTo(e.demandPerDay()).isPositive();
    assertThat(row.getDouble("protection_demand_mean")).isEqualTo(r.leadTimeDemandMean());
    assertThat(row.getDouble("protection_demand_sd")).isEqualTo(r.leadTimeDemandSd());
    assertThat(row.getString("service_level_source")).isEqualTo("item");
    assertThat(row.getDouble("service_level")).isEqualTo(0.9);
    assertThat(row.getDouble("backorders")).isZero();
    assertThat(row.getDouble("moq")).isEqualTo(400.0);
    assertThat(row.getInt32("case_pack")).isEqualTo(1);
    assertThat(row.getInt32("shelf_life_days")).isEqualTo(60);
    assertThat(row.getDouble("shelf_life_max_order")).isEqualTo(r.parameters().maxOrder());
    assertThat(row.getDouble("order_by_policy")).isEqualTo(e.policyOrder());
    assertThat(row.getDouble("order_after_moq")).isEqualTo(e.afterMoq());
    assertThat(row.getDouble("order_after_case_pack")).isEqualTo(e.afterCasePack());
    assertThat(row.getDouble("order_after_shelf_life")).isEqualTo(e.afterShelfLife())
        .isEqualTo(r.recommendedOrderQty());
    assertThat(row.getDouble("location_capacity")).isNull();
    assertThat(RecommendInventory.row(p.context(), r, null, S_S.withInventory(
        inventory(PolicyType.S_S, Map.of(DC, 123.0)))).getDouble("location_capacity"))
        .isEqualTo(123.0);

    // without any shipment: the default lead time, no shipment count, no supplier or mode
    PlanInventoryFn.Planned guess = planned(S_S, "GUESS", DC,
        item("GUESS", 1, 0, null, null, null, null, null), 0, 0, false, Map.of(),
        new ItemClass(AbcClass.B, XyzClass.X));
    Row guessed = RecommendInventory.row(guess.context(), guess.recommendation(), null, S_S);
    assertThat(guessed.getString("lead_time_source")).isEqualTo("default");
    assertThat(guessed.getInt64("lead_time_shipments")).isNull();
    assertThat(guessed.getDouble("lead_time_mean_days"))
        .isEqualTo(S_S.rules().defaultLeadTimeDays());
    assertThat(guessed.getString("supplier")).isNull();
    assertThat(guessed.getString("service_level_source")).isEqualTo("run");
    assertThat(guessed.getDouble("shelf_life_max_order")).isNull();
  }
}
