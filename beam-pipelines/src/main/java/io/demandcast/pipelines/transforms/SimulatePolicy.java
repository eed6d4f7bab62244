package io.demandcast.pipelines.transforms;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.inventory.Recommendation;
import io.demandcast.inventory.ReplenishmentPlanner;
import io.demandcast.inventory.StockPosition;
import io.demandcast.inventory.simulation.LeadTimeSampler;
import io.demandcast.inventory.simulation.PolicySimulator;
import io.demandcast.inventory.simulation.SimulationInput;
import io.demandcast.inventory.simulation.SimulationResult;
import io.demandcast.pipelines.model.JobSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * The {@code policy_simulation} rows of one series: for each forecast made before the held-out
 * periods (the run's selection and the seasonal-naive baseline), the policy the planner sets from
 * it — same item, lead time, target and policy type as the recommendation — replayed by the
 * inventory optimizer's {@link PolicySimulator} over the held-out actual demand, after a warm-up
 * over the periods just before them. Orders arrive after lead times drawn from a gamma distribution
 * with the lane's mean and standard deviation, seeded by SKU and location so that a re-run gives the
 * same rows.
 *
 * <p>The item's class, and so a class target, is the run's, computed from the whole history and the
 * latest forecast: a mild look-ahead into the held-out periods, which matters only with
 * {@code --class-service-levels}.
 */
final class SimulatePolicy {
  private static final Schema SCHEMA = CanonicalTables.POLICY_SIMULATION.beamSchema();
  private static final StockPosition NO_STOCK = new StockPosition(0, 0, 0, 0);

  private SimulatePolicy() {}

  /**
   * The simulation rows of a series; none when it has no simulation cases.
   *
   * @param context the series' planning context
   * @param settings the run's settings
   */
  static List<Row> rows(RecommendInventory.Context context, JobSettings settings) {
    PlanInput input = context.input();
    List<Row> rows = new ArrayList<>();
    double[] history = input.history();
    int warmUpPeriods = settings.inventory().warmUpPeriods();
    for (PlanInput.SimulationCase c : input.simulations()) {
      int training = c.trainingPeriods();
      Recommendation r =
          ReplenishmentPlanner.plan(
              context.request(settings, c.mean(), c.sd(), NO_STOCK, c.trainingIntermittent(),
                  Arrays.copyOf(history, training)));
      double[] warmUp = Arrays.copyOfRange(history, Math.max(0, training - warmUpPeriods), training);
      double[] heldOut = Arrays.copyOfRange(history, training, history.length);
      SimulationResult s =
          PolicySimulator.simulate(
              new SimulationInput(
                  r.parameters(),
                  settings.period().days(),
                  warmUp,
                  heldOut,
                  LeadTimeSampler.of(context.lead()),
                  context.economics().holdingCostPerUnitYear(),
                  context.economics().orderCost(),
                  seed(input.outcome().sku(), input.outcome().location())));
      rows.add(
          Row.withSchema(SCHEMA)
              .withFieldValue("run_id", settings.runId())
              .withFieldValue("sku", input.outcome().sku())
              .withFieldValue("location", input.outcome().location())
              .withFieldValue("model", c.model())
              .withFieldValue("selected", c.selected())
              .withFieldValue("abc_class", context.itemClass().abc().name())
              .withFieldValue("xyz_class", context.itemClass().xyz().name())
              .withFieldValue("policy", r.parameters().type().code())
              .withFieldValue("service_measure", r.target().measure().code())
              .withFieldValue("service_target", r.target().level())
              .withFieldValue("periods", s.periods())
              .withFieldValue("history_periods", training)
              .withFieldValue("demand", s.totalDemand())
              .withFieldValue("forecast_demand", forecastOver(c.mean(), heldOut.length))
              .withFieldValue("achieved_cycle_service", finiteOrNull(s.achievedCycleService()))
              .withFieldValue("achieved_fill_rate", finiteOrNull(s.achievedFillRate()))
              .withFieldValue("expected_fill_rate", r.expectedFillRate())
              .withFieldValue("avg_inventory", s.averageOnHand())
              .withFieldValue("stockout_periods", s.stockoutPeriods())
              .withFieldValue("orders", s.ordersPlaced())
              .withFieldValue("holding_cost", s.holdingCost())
              .withFieldValue("ordering_cost", s.orderingCost())
              .withFieldValue("total_cost", s.totalCost())
              .withFieldValue("reorder_point", r.reorderPoint())
              .withFieldValue("order_up_to", r.orderUpTo())
              .build());
    }
    return rows;
  }

  /**
   * The forecast summed over the first {@code periods} periods, the last forecast period repeated
   * beyond the forecast's length (units).
   */
  static double forecastOver(double[] mean, int periods) {
    double sum = 0;
    for (int h = 0; h < periods; h++) {
      sum += mean[Math.min(h, mean.length - 1)];
    }
    return sum;
  }

  /** A seed that depends on the series only (not on the run), so re-runs replay identically. */
  static long seed(String sku, String location) {
    long h = 1125899906842597L;
    for (char ch : (sku + '\u0000' + location).toCharArray()) {
      h = 31 * h + ch;
    }
    return h ^ (h >>> 29);
  }

  private static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
