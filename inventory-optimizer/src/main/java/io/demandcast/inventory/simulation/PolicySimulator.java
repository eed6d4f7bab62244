package io.demandcast.inventory.simulation;

import io.demandcast.inventory.InventoryFormulas;
import io.demandcast.inventory.PolicyParameters;
import io.demandcast.inventory.PolicyType;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Replays a demand history of one SKU at one location, day by day, under a replenishment policy,
 * and reports the service and cost it achieved ({@link SimulationResult}). This Javadoc is the
 * contract of the simulation; quantities are in units, times in days, costs in currency.
 *
 * <h2>Time</h2>
 *
 * Whole days, numbered from 0 at the start of the first warm-up period. Period t (warm-up periods
 * first, then the measured ones) covers the days [round(t · periodDays), round((t + 1) ·
 * periodDays)), rounded half up, so periods tile the days even for a fractional {@code periodDays}
 * (30.4375: months of 30 and 31 days). A period's demand is spread evenly over its days (fractional
 * units allowed). The measured window is the days of the {@code demand} periods.
 *
 * <h2>State</h2>
 *
 * On hand (≥ 0), backorders (≥ 0) and the outstanding orders, each with its quantity and its
 * arrival day. Net inventory = on hand − backorders; inventory position IP = net inventory + the
 * quantity on order.
 *
 * <h2>One day</h2>
 *
 * <ol>
 *   <li><b>Receipts.</b> Every outstanding order whose arrival day is today is received (before
 *       today's demand): it fills backorders first, the rest goes on hand.
 *   <li><b>Demand.</b> Today's demand is filled from on hand as far as on hand goes; the rest is
 *       backordered (complete backordering) and counts as not filled from stock, even if a later
 *       receipt fills it.
 *   <li><b>Review.</b> Continuous review ({@link PolicyType#S_Q}, {@link PolicyType#S_S}) reviews
 *       every day; {@link PolicyType#R_S} reviews on the days d with d mod R = 0, where R is {@code
 *       reviewPeriodDays} rounded half up to whole days, at least 1.
 *   <li><b>Order</b> (on a review day, from the IP after today's demand). Let c be the case pack,
 *       the minimum order m = max(1, ⌈moq / c⌉) · c and the maximum order M = max(m, ⌊maxOrder / c⌋
 *       · c) (none when {@code maxOrder} is infinite).
 *       <ul>
 *         <li>(s, Q): if IP ≤ s, order n lots of q = min(M, max(m, max(1, ⌈Q / c⌉) · c)) units,
 *             with n the smallest integer making IP + n · q > s, but no more lots than fit in M (at
 *             least one): if IP is still ≤ s, the next day's review orders again.
 *         <li>(s, S): if IP ≤ s, order S − IP; (R, S): if IP &lt; S, order S − IP. The quantity is
 *             raised to at least {@code moq}, rounded up to whole cases, then capped at M (which is
 *             never below m).
 *       </ul>
 *       The lead time L is drawn from the {@link LeadTimeSampler}, rounded half up to whole days
 *       (at least 0); the order placed at the end of day d is received at the start of day d + L +
 *       1, before that day's demand. Orders may cross; orders due after the horizon are never
 *       received.
 *   <li><b>End of day.</b> On hand and backorders are recorded for the averages.
 * </ol>
 *
 * <p>Comparisons with s and S, and the rounding to cases, allow a relative tolerance of
 * 10<sup>−9</sup> so that the floating-point rounding of fractional daily demand does not trigger
 * an order or an extra case at an exact tie; a day's shortfall below that tolerance is not a
 * stock-out.
 *
 * <h2>Start and warm-up</h2>
 *
 * The simulation starts with on hand = the order-up-to level (S; s + Q for (s, Q); at least 0),
 * nothing on order and no backorders. The {@code warmUpDemand} periods are replayed first under the
 * same policy and not measured, so that the measured window starts from a state the policy itself
 * produced.
 *
 * <h2>Replenishment cycles and the cycle service level α</h2>
 *
 * The cycle service level P<sub>1</sub> (α) is the share of replenishment cycles without a
 * stock-out (E. A. Silver, D. F. Pyke, D. J. Thomas, <i>Inventory and Production Management in
 * Supply Chains</i>, 4th ed., CRC Press, 2017, ch. 6). A cycle runs from one receipt day r₀ to the
 * next, r₁ &gt; r₀, and holds the demand of the days r₀ … r₁ − 1; orders received on the same day
 * form one receipt, and the initial stock opens the first cycle on day 0. A cycle is counted when
 * its closing receipt falls in the measured window, and had a stock-out when demand of one of its
 * days was not filled from stock; the cycle still open at the end is not counted.
 *
 * <p>Why cycles end at receipts, and how daily review and whole-day lead times compare with the
 * textbook's continuous-time formulas: docs/inventory.md, "How the simulator counts".
 *
 * <h2>Costs</h2>
 *
 * Holding cost = {@code holdingCostPerUnitYear} × average end-of-day on hand × measured days / 365;
 * ordering cost = {@code orderCost} × orders placed on measured days; total = holding + ordering.
 * Backorders carry no cost here; they are reported as {@code averageBackorders}.
 *
 * <h2>Randomness</h2>
 *
 * Lead times are drawn from a SplitMix64 generator (commons-rng) seeded with {@code seed}, in the
 * order the orders are placed, so a result is a function of its input. A fixed lead time consumes
 * no randomness. The class is stateless and thread-safe.
 */
public final class PolicySimulator {
  private static final double RELATIVE_TOLERANCE = 1e-9;

  private PolicySimulator() {}

  /** Receives every order the simulation places, warm-up included, for traces and tests. */
  @FunctionalInterface
  public interface OrderListener {
    /**
     * Called when an order is placed.
     *
     * @param day the day the order is placed (at its end), numbered from the start of the warm-up
     * @param quantity the order quantity, units
     * @param arrivalDay the day it will be received (at its start)
     * @param measured whether {@code day} is in the measured window
     */
    void onOrder(int day, double quantity, int arrivalDay, boolean measured);
  }

  /**
   * Replays the input as described on the class.
   *
   * @param input the SKU's demand, policy, lead times, costs and seed; not null
   * @return what the measured window achieved
   * @throws NullPointerException when {@code input} is null
   * @throws IllegalStateException naming the value when the lead-time sampler returns a negative,
   *     NaN or infinite lead time
   */
  public static SimulationResult simulate(SimulationInput input) {
    return simulate(input, null);
  }

  /**
   * Replays the input as described on the class and reports every order placed.
   *
   * @param input the SKU's demand, policy, lead times, costs and seed; not null
   * @param listener told of each order as it is placed; may be null
   * @return what the measured window achieved
   * @throws NullPointerException when {@code input} is null
   * @throws IllegalStateException naming the value when the lead-time sampler returns a negative,
   *     NaN or infinite lead time
   */
  public static SimulationResult simulate(SimulationInput input, OrderListener listener) {
    Objects.requireNonNull(input, "input");
    PolicyParameters policy = input.policy();
    PolicyType type = policy.type();
    double[] warmUp = input.warmUpDemandArray();
    double[] demand = input.demandArray();
    double periodDays = input.periodDays();
    int warmUpPeriods = warmUp.length;
    int allPeriods = warmUpPeriods + demand.length;
    int measuredStart = dayOf(warmUpPeriods, periodDays);
    int horizon = dayOf(allPeriods, periodDays);
    int reviewEvery =
        type == PolicyType.R_S
            ? (int) Math.min(Integer.MAX_VALUE, Math.max(1, Math.round(policy.reviewPeriodDays())))
            : 1;

    double s = policy.reorderPoint();
    double bigS = policy.orderUpTo();
    double tol =
        RELATIVE_TOLERANCE
            * Math.max(
                1.0,
                Math.max(Math.max(Math.abs(s), Math.abs(bigS)), policy.orderQuantity())
                    + policy.casePack());
    double casePack = policy.casePack();
    double minOrder = casePack * Math.max(1.0, Math.ceil((policy.moq() - tol) / casePack));
    double maxOrder =
        Math.max(minOrder, casePack * Math.floor((policy.maxOrder() + tol) / casePack));
    double lot =
        Math.min(
            maxOrder,
            Math.max(
                minOrder,
                casePack * Math.max(1.0, Math.ceil((policy.orderQuantity() - tol) / casePack))));
    double maxLots = Math.max(1.0, Math.floor((maxOrder + tol) / lot));

    UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(input.seed());
    DoubleSupplier leadTimes = input.leadTimes().bind(rng);

    double onHand = Math.max(0.0, type == PolicyType.S_Q ? s + policy.orderQuantity() : bigS);
    double backorders = 0;
    double onOrder = 0;
    double[] orderQuantity = new double[8];
    int[] orderArrival = new int[8];
    int outstanding = 0;
    boolean cycleHadStockout = false;

    double totalDemand = 0;
    double filledFromStock = 0;
    int cycles = 0;
    int cyclesWithoutStockout = 0;
    int stockoutPeriods = 0;
    double sumOnHand = 0;
    double sumBackorders = 0;
    int ordersPlaced = 0;
    double unitsOrdered = 0;

    int periodStart = 0;
    for (int t = 0; t < allPeriods; t++) {
      boolean measured = t >= warmUpPeriods;
      int periodEnd = dayOf(t + 1, periodDays);
      double dailyDemand =
          (measured ? demand[t - warmUpPeriods] : warmUp[t]) / (periodEnd - periodStart);
      boolean periodHadStockout = false;
      for (int day = periodStart; day < periodEnd; day++) {
        // 1. Receipts, backorders first.
        if (outstanding > 0) {
          boolean received = false;
          int i = 0;
          while (i < outstanding) {
            if (orderArrival[i] == day) {
              double quantity = orderQuantity[i];
              double toBackorders = Math.min(backorders, quantity);
              backorders -= toBackorders;
              onHand += quantity - toBackorders;
              onOrder -= quantity;
              outstanding--;
              orderQuantity[i] = orderQuantity[outstanding];
              orderArrival[i] = orderArrival[outstanding];
              received = true;
            } else {
              i++;
            }
          }
          if (received) {
            if (outstanding == 0) {
              onOrder = 0; // drop the rounding residue of the running sum
            }
            if (day >= measuredStart) {
              cycles++;
              if (!cycleHadStockout) {
                cyclesWithoutStockout++;
              }
            }
            cycleHadStockout = false;
          }
        }

        // 2. Demand: from stock as far as it goes, the rest backordered.
        double filled = Math.min(onHand, dailyDemand);
        double shortfall = dailyDemand - filled;
        onHand -= filled;
        backorders += shortfall;
        if (shortfall > tol) {
          cycleHadStockout = true;
          periodHadStockout = true;
        }
        if (measured) {
          totalDemand += dailyDemand;
          filledFromStock += filled;
        }

        // 3.-4. Review and order.
        if (day % reviewEvery == 0) {
          double position = onHand - backorders + onOrder;
          double quantity = 0;
          switch (type) {
            case S_Q -> {
              if (position <= s + tol) {
                double lots = Math.max(1.0, Math.floor((s - position) / lot) + 1.0);
                quantity = Math.min(lots, maxLots) * lot;
              }
            }
            case S_S -> {
              if (position <= s + tol) {
                quantity = roundOrder(bigS - position, policy.moq(), casePack, maxOrder, tol);
              }
            }
            case R_S -> {
              if (position < bigS - tol) {
                quantity = roundOrder(bigS - position, policy.moq(), casePack, maxOrder, tol);
              }
            }
          }
          if (quantity > 0) {
            double leadTime = leadTimes.getAsDouble();
            if (!(leadTime >= 0 && leadTime < Double.POSITIVE_INFINITY)) {
              throw new IllegalStateException(
                  "lead-time sampler "
                      + input.leadTimes()
                      + " returned "
                      + leadTime
                      + " days; lead times must be finite and >= 0");
            }
            long arrival = (long) day + Math.round(leadTime) + 1;
            int arrivalDay = (int) Math.min(arrival, Integer.MAX_VALUE);
            if (outstanding == orderQuantity.length) {
              orderQuantity = Arrays.copyOf(orderQuantity, 2 * outstanding);
              orderArrival = Arrays.copyOf(orderArrival, 2 * outstanding);
            }
            orderQuantity[outstanding] = quantity;
            orderArrival[outstanding] = arrivalDay;
            outstanding++;
            onOrder += quantity;
            if (measured) {
              ordersPlaced++;
              unitsOrdered += quantity;
            }
            if (listener != null) {
              listener.onOrder(day, quantity, arrivalDay, measured);
            }
          }
        }

        // 5. End of day.
        if (measured) {
          sumOnHand += onHand;
          sumBackorders += backorders;
        }
      }
      if (periodHadStockout && measured) {
        stockoutPeriods++;
      }
      periodStart = periodEnd;
    }

    int measuredDays = horizon - measuredStart;
    double averageOnHand = sumOnHand / measuredDays;
    double averageBackorders = sumBackorders / measuredDays;
    double holdingCost =
        input.holdingCostPerUnitYear()
            * averageOnHand
            * measuredDays
            / InventoryFormulas.DAYS_PER_YEAR;
    double orderingCost = input.orderCost() * ordersPlaced;
    return new SimulationResult(
        demand.length,
        measuredDays,
        totalDemand,
        filledFromStock,
        totalDemand > 0 ? filledFromStock / totalDemand : Double.NaN,
        cycles,
        cyclesWithoutStockout,
        cycles > 0 ? (double) cyclesWithoutStockout / cycles : Double.NaN,
        stockoutPeriods,
        averageOnHand,
        averageBackorders,
        ordersPlaced,
        unitsOrdered,
        holdingCost,
        orderingCost,
        holdingCost + orderingCost);
  }

  /** The first day of period t: round(t · periodDays), half up. */
  static int dayOf(int period, double periodDays) {
    return (int) Math.round(period * periodDays);
  }

  /**
   * An order-up-to quantity raised to the MOQ, rounded up to whole cases and capped at the maximum
   * order (itself at least the minimum order).
   */
  private static double roundOrder(
      double wanted, double moq, double casePack, double maxOrder, double tol) {
    double quantity = Math.max(wanted, moq);
    double cases = Math.max(1.0, Math.ceil((quantity - tol) / casePack));
    return Math.min(cases * casePack, maxOrder);
  }
}
