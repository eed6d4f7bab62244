package io.demandcast.pipelines;

import io.demandcast.inventory.classification.AllocatedOrder;
import io.demandcast.inventory.classification.CapacityAllocation;
import io.demandcast.inventory.classification.CapacityAllocator;
import io.demandcast.inventory.classification.CapacityRequest;
import io.demandcast.inventory.classification.LocationCapacity;
import io.demandcast.inventory.distribution.DemandDistribution;
import io.demandcast.inventory.distribution.DemandDistributions;
import io.demandcast.inventory.distribution.NormalDemand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Recomputes every recommended order from the columns of its {@code inventory_recommendations}
 * row alone (and, for a location's capacity, from the rows of that location), with the rules the
 * columns' comments and docs/inventory.md state, and lists every value that differs from the one the
 * row holds:
 *
 * <ol>
 *   <li>inventory position = on hand − quarantined + on order − backorders; protection interval =
 *       mean lead time + review period; safety stock = reorder point − protection-interval demand
 *       (for R_S the reorder point is the order-up-to level);
 *   <li>the minimum order m = MOQ rounded up to whole cases (at least one case); the shelf-life
 *       cap M = max(demand per day × shelf life rounded down to cases, m), none without a shelf life
 *       or without demand;
 *   <li>the lot: s_S and s_Q: Q = min(max(EOQ, m) rounded up to cases, M) and S = s + Q; R_S: Q =
 *       demand per day × review period;
 *   <li>an order is due when there is demand and the position is at or below s (R_S: below S);
 *       the policy's order is, for s_Q, n · Q with n = ⌊(s − IP) / Q⌋ + 1, else S − IP; then
 *       max(·, MOQ), rounded up to whole cases, min(·, M);
 *   <li>the location's capacity: with none, the order is that last value; with one, the capacity
 *       allocator run again over the location's rows (stock after order = on hand + on order +
 *       order, the protection-interval demand rebuilt from the distribution, mean and standard
 *       deviation) gives each row's order.
 * </ol>
 *
 * <p>Values compare equal within 10<sup>−9</sup> relative (the row holds what the planner computed
 * with the same operations, so they are in fact equal).
 */
public final class OrderRecomputation {
  private static final double CASE_TOLERANCE = 1e-9;
  private static final double EQUAL = 1e-9;

  private OrderRecomputation() {}

  /**
   * Every difference between the rows and their recomputation, e.g. {@code "A@DC1
   * order_after_case_pack: row 12.0, recomputed 18.0"}; empty when every order recomputes.
   *
   * @param rows {@code inventory_recommendations} rows of one run, as column name to value (NULL as
   *     null); every location's rows together
   */
  public static List<String> differences(List<Map<String, Object>> rows) {
    List<String> out = new ArrayList<>();
    Map<String, List<Map<String, Object>>> capped = new LinkedHashMap<>();
    for (Map<String, Object> row : rows) {
      Check check = new Check(row, out);
      double afterShelfLife = check.order();
      if (row.get("location_capacity") == null) {
        check.equal("recommended_order_qty", () -> afterShelfLife);
      } else {
        capped.computeIfAbsent((String) row.get("location"), l -> new ArrayList<>()).add(row);
      }
    }
    capped.forEach((location, locationRows) -> capacity(location, locationRows, out));
    return out;
  }

  /** The checks of one row, in the order of the chain. */
  private static final class Check {
    private final Map<String, Object> row;
    private final List<String> out;
    private final String key;

    Check(Map<String, Object> row, List<String> out) {
      this.row = row;
      this.out = out;
      this.key = row.get("sku") + "@" + row.get("location");
    }

    /** Recomputes up to the order before any capacity cut, and returns that order. */
    double order() {
      String policy = text("policy");
      double position = number("on_hand") - number("quarantined") + number("on_order")
          - number("backorders");
      equal("inventory_position", () -> position);
      double review = number("review_period_days");
      equal("protection_days", () -> number("lead_time_mean_days") + review);
      double mean = number("protection_demand_mean");
      double s = number("reorder_point");
      double bigS = number("order_up_to");
      equal("safety_stock", () -> (policy.equals("R_S") ? bigS : s) - mean);
      if (policy.equals("R_S")) {
        equal("reorder_point", () -> bigS);
      }
      boolean lane = "lane".equals(row.get("lead_time_source"));
      if (lane && (row.get("supplier") == null || row.get("ship_mode") == null)) {
        out.add(key + " lead_time_source lane without a supplier and ship_mode");
      }
      if ("default".equals(row.get("lead_time_source")) != (row.get("lead_time_shipments") == null)) {
        out.add(key + " lead_time_shipments " + row.get("lead_time_shipments") + " with source "
            + row.get("lead_time_source"));
      }

      int casePack = ((Number) row.get("case_pack")).intValue();
      double moq = number("moq");
      double perDay = number("demand_per_day");
      double minimumOrder = up(Math.max(moq, casePack), casePack);
      Object shelfLife = row.get("shelf_life_days");
      double maxOrder = shelfLife == null || perDay == 0
          ? Double.POSITIVE_INFINITY
          : Math.max(down(perDay * ((Number) shelfLife).doubleValue(), casePack), minimumOrder);
      if (Double.isInfinite(maxOrder)) {
        isNull("shelf_life_max_order");
      } else {
        equal("shelf_life_max_order", () -> maxOrder);
      }
      if (perDay > 0) {
        if (policy.equals("R_S")) {
          equal("order_quantity", () -> perDay * review);
        } else {
          double lot = Math.min(up(Math.max(number("eoq"), minimumOrder), casePack), maxOrder);
          equal("order_quantity", () -> lot);
          equal("order_up_to", () -> s + lot);
        }
      }

      boolean due = perDay > 0 && (policy.equals("R_S") ? position < bigS : position <= s);
      double q = number("order_quantity");
      double byPolicy = !due ? 0
          : policy.equals("s_Q") ? (Math.floor((s - position) / q) + 1) * q
          : bigS - position;
      double afterMoq = due ? Math.max(byPolicy, moq) : 0;
      double afterCasePack = due ? up(afterMoq, casePack) : 0;
      double afterShelfLife = Math.min(afterCasePack, maxOrder);
      equal("order_by_policy", () -> byPolicy);
      equal("order_after_moq", () -> afterMoq);
      equal("order_after_case_pack", () -> afterCasePack);
      equal("order_after_shelf_life", () -> afterShelfLife);
      return afterShelfLife;
    }

    void equal(String column, DoubleSupplier recomputed) {
      Object value = row.get(column);
      double expected = recomputed.getAsDouble();
      if (value == null) {
        out.add(key + " " + column + ": row NULL, recomputed " + expected);
        return;
      }
      double actual = ((Number) value).doubleValue();
      if (!(Math.abs(actual - expected) <= EQUAL * Math.max(1.0, Math.abs(expected)))) {
        out.add(String.format(Locale.ROOT, "%s %s: row %s, recomputed %s", key, column, actual,
            expected));
      }
    }

    void isNull(String column) {
      if (row.get(column) != null) {
        out.add(key + " " + column + ": row " + row.get(column) + ", recomputed NULL");
      }
    }

    double number(String column) {
      Object value = Objects.requireNonNull(row.get(column), () -> key + " " + column + " is NULL");
      return ((Number) value).doubleValue();
    }

    String text(String column) {
      return (String) Objects.requireNonNull(row.get(column), () -> key + " " + column + " is NULL");
    }
  }

  /** The capacity allocator again, over the rows of one location with a capacity. */
  private static void capacity(String location, List<Map<String, Object>> rows, List<String> out) {
    double capacity = ((Number) rows.get(0).get("location_capacity")).doubleValue();
    List<CapacityRequest> requests = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      double order = number(row, "order_after_shelf_life");
      requests.add(new CapacityRequest(
          (String) row.get("sku"),
          number(row, "on_hand") + number(row, "on_order") + order,
          order,
          ((Number) row.get("case_pack")).intValue(),
          number(row, "moq"),
          1.0,
          number(row, "unit_cost"),
          protectionDemand(row)));
    }
    CapacityAllocation allocation =
        CapacityAllocator.allocate(LocationCapacity.units(location, capacity), requests);
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> row = rows.get(i);
      AllocatedOrder allocated = allocation.orders().get(i);
      double actual = number(row, "recommended_order_qty");
      if (Math.abs(actual - allocated.order()) > EQUAL * Math.max(1.0, allocated.order())) {
        out.add(String.format(Locale.ROOT, "%s@%s recommended_order_qty: row %s, recomputed %s"
            + " (capacity %s)", row.get("sku"), location, actual, allocated.order(), capacity));
      }
    }
  }

  /** The protection-interval demand of a row, as the capacity allocator is given it. */
  private static DemandDistribution protectionDemand(Map<String, Object> row) {
    double mean = number(row, "protection_demand_mean");
    double sd = number(row, "protection_demand_sd");
    return "normal".equals(row.get("distribution"))
        ? NormalDemand.of(mean, sd)
        : DemandDistributions.fromMoments(mean, sd * sd, DemandDistributions.Family.DISCRETE);
  }

  private static double number(Map<String, Object> row, String column) {
    return ((Number) Objects.requireNonNull(row.get(column), column)).doubleValue();
  }

  private static double up(double units, int casePack) {
    return Math.ceil(units / casePack - CASE_TOLERANCE) * casePack;
  }

  private static double down(double units, int casePack) {
    return Math.floor(units / casePack + CASE_TOLERANCE) * casePack;
  }
}
