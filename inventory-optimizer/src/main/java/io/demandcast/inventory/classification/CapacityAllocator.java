package io.demandcast.inventory.classification;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Scales planned orders back to a location's capacity, lowest service-value loss first.
 *
 * <p>Load: Σ max(0, y<sub>i</sub>) · v<sub>i</sub> over the requests, y<sub>i</sub> the stock after
 * order and v<sub>i</sub> the unit volume (negative positions take no room). When the load is
 * within the capacity (up to a rounding tolerance of 10<sup>−9</sup> · (capacity + 1)) nothing
 * changes.
 *
 * <p>Otherwise orders are cut greedily, one step at a time. The expected value short of an item at
 * inventory position y is p · L(y), p its unit value and L(y) = E[(X − y)<sup>+</sup>] the loss
 * function of its protection-interval demand X (the expected shortage per replenishment cycle;
 * Silver, Pyke &amp; Thomas, 4th ed. (2017), ch. 6 for the loss function). A step removes one case
 * pack c from an order, at cost p · (L(y − c) − L(y)); when the order left would be positive but
 * below the MOQ, the step removes the whole remaining order q, at cost p · (L(y − q) − L(y)). Each
 * step taken is the one with the least cost per unit of volume freed, v · (max(0, y) − max(0, y −
 * cut)); ties go to the smaller key. Steps that free no volume (position already {@code <= 0}) are
 * never taken. Cutting stops as soon as the load fits (so the last step may free up to one case, or
 * one MOQ remainder, more than needed) or when no order can be cut further; the load then still
 * above capacity is reported as overflow. This is a greedy marginal-analysis heuristic, not an
 * exact optimisation: with case packs and MOQs it need not minimise the total value short.
 *
 * <p>Cost: one loss evaluation and one priority-queue operation per step, O(n + steps · log n) for
 * n requests; steps is the number of cases cut, which is large when case packs are small and the
 * overflow large.
 */
public final class CapacityAllocator {
  private CapacityAllocator() {}

  private static final double RELATIVE_TOLERANCE = 1e-9;

  /** The fixed end of every reason, the rule applied. */
  public static final String RULE = "lowest service-value loss first";

  /** One candidate cut: the next step of one request. */
  private record Step(
      int index, String key, double cut, double newLoss, double cost, double freed) {
    double costPerVolume() {
      return cost / freed;
    }
  }

  private static final Comparator<Step> CHEAPEST =
      Comparator.comparingDouble(Step::costPerVolume)
          .thenComparing(Step::key)
          .thenComparingInt(Step::index);

  /**
   * Cuts orders until the location's load fits its capacity.
   *
   * @param capacity the location and its capacity
   * @param requests the planned orders at the location, keys unique; may be empty
   * @return one {@link AllocatedOrder} per request in request order, and the location summary
   * @throws IllegalArgumentException naming the key when two requests share one
   * @throws IllegalStateException naming the key, the position and the distribution when a loss
   *     function returns NaN
   * @throws NullPointerException when an argument or a request is null
   */
  public static CapacityAllocation allocate(
      LocationCapacity capacity, List<CapacityRequest> requests) {
    Objects.requireNonNull(capacity, "capacity");
    int n = requests.size();
    CapacityRequest[] req = requests.toArray(new CapacityRequest[0]);
    Set<String> keys = new HashSet<>();
    double loadBefore = 0;
    for (CapacityRequest r : req) {
      Objects.requireNonNull(r, "request");
      if (!keys.add(r.key())) {
        throw new IllegalArgumentException(
            "duplicate request key '" + r.key() + "' at " + capacity.location());
      }
      loadBefore += Math.max(0, r.stockAfterOrder()) * r.unitVolume();
    }
    double limit = capacity.capacity() * (1 + RELATIVE_TOLERANCE) + RELATIVE_TOLERANCE;

    double[] position = new double[n];
    double[] order = new double[n];
    double[] loss = new double[n];
    for (int i = 0; i < n; i++) {
      position[i] = req[i].stockAfterOrder();
      order[i] = req[i].order();
    }
    double load = loadBefore;
    if (load > limit) {
      PriorityQueue<Step> queue = new PriorityQueue<>(Math.max(1, n), CHEAPEST);
      for (int i = 0; i < n; i++) {
        if (order[i] > 0) {
          loss[i] = loss(req[i], position[i]);
          offer(queue, req[i], i, position[i], order[i], loss[i]);
        }
      }
      while (load > limit && !queue.isEmpty()) {
        Step step = queue.poll();
        int i = step.index();
        order[i] -= step.cut();
        position[i] -= step.cut();
        loss[i] = step.newLoss();
        load -= step.freed();
        if (order[i] > 0) {
          offer(queue, req[i], i, position[i], order[i], loss[i]);
        }
      }
    }

    List<AllocatedOrder> out = new ArrayList<>(n);
    double loadAfter = 0;
    double unitsCut = 0;
    double valueShort = 0;
    int changed = 0;
    for (int i = 0; i < n; i++) {
      CapacityRequest r = req[i];
      loadAfter += Math.max(0, position[i]) * r.unitVolume();
      double cut = r.order() - order[i];
      if (cut > 0) {
        double added = r.unitValue() * Math.max(0, loss[i] - loss(r, r.stockAfterOrder()));
        unitsCut += cut;
        valueShort += added;
        changed++;
        out.add(
            new AllocatedOrder(
                r.key(), r.order(), order[i], cut, added, reason(cut, order[i] == 0, capacity)));
      } else {
        out.add(new AllocatedOrder(r.key(), r.order(), r.order(), 0, 0, ""));
      }
    }
    double overflow = loadAfter > limit ? loadAfter - capacity.capacity() : 0;
    CapacityAllocation.Summary summary =
        new CapacityAllocation.Summary(
            capacity.location(),
            capacity.capacity(),
            capacity.unit(),
            loadBefore,
            loadAfter,
            unitsCut,
            changed,
            valueShort,
            overflow);
    return new CapacityAllocation(summary, out);
  }

  /** Queues the next step of request i, unless it would free no volume. */
  private static void offer(
      PriorityQueue<Step> queue,
      CapacityRequest r,
      int i,
      double position,
      double order,
      double currentLoss) {
    double cut = r.casePack();
    if (order - cut > 0 && order - cut < r.moq()) {
      cut = order;
    }
    double freed = r.unitVolume() * (Math.max(0, position) - Math.max(0, position - cut));
    if (!(freed > 0)) {
      return;
    }
    double newLoss = loss(r, position - cut);
    double cost = r.unitValue() * Math.max(0, newLoss - currentLoss);
    queue.add(new Step(i, r.key(), cut, newLoss, cost, freed));
  }

  private static double loss(CapacityRequest r, double y) {
    double l = r.protectionDemand().loss(y);
    if (Double.isNaN(l)) {
      throw new IllegalStateException(
          "loss of "
              + r.key()
              + " at position "
              + y
              + " is NaN (distribution "
              + r.protectionDemand().name()
              + ")");
    }
    return l;
  }

  private static String reason(double cut, boolean cancelled, LocationCapacity capacity) {
    return "scaled back by "
        + number(cut)
        + " units"
        + (cancelled ? " (order cancelled)" : "")
        + " to fit "
        + capacity.location()
        + " capacity of "
        + number(capacity.capacity())
        + " "
        + capacity.unit()
        + " ("
        + RULE
        + ")";
  }

  /** Whole numbers without a decimal point, others with up to three decimals. */
  static String number(double x) {
    if (x == Math.rint(x) && Math.abs(x) < 1e15) {
      return Long.toString((long) x);
    }
    String s = String.format(Locale.ROOT, "%.3f", x);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
