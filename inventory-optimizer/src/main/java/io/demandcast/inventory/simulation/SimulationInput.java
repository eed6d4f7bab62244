package io.demandcast.inventory.simulation;

import io.demandcast.inventory.Checks;
import io.demandcast.inventory.PolicyParameters;
import java.util.Arrays;
import java.util.Objects;

/**
 * What {@link PolicySimulator#simulate} replays: one SKU at one location under one policy.
 *
 * @param policy the policy and its parameters (units, days); not null
 * @param periodDays the length of a demand period in days, e.g. 1, 7 or 30.4375; finite and {@code
 *     >= 1} (the simulation runs in whole days, and every period must cover at least one day)
 * @param warmUpDemand demand in units per period replayed before the measured window and not
 *     measured; may be empty, each element finite and {@code >= 0}; copied
 * @param demand the demand to measure, in units per period, at least one period, each element
 *     finite and {@code >= 0}; copied
 * @param leadTimes draws the lead time of each order in days; not null
 * @param holdingCostPerUnitYear the cost of holding one unit on hand for a year, in currency per
 *     unit per year; finite and {@code >= 0}
 * @param orderCost the fixed cost of placing one order, in currency per order; finite and {@code >=
 *     0}
 * @param seed the seed of the random lead times; the same input gives the same result
 */
public record SimulationInput(
    PolicyParameters policy,
    double periodDays,
    double[] warmUpDemand,
    double[] demand,
    LeadTimeSampler leadTimes,
    double holdingCostPerUnitYear,
    double orderCost,
    long seed) {

  /**
   * Validates and copies the input. Components as described on the record.
   *
   * @throws IllegalArgumentException naming the component (and for demand the array and index) and
   *     the bad value: {@code periodDays} below 1, NaN or infinite; a demand element negative, NaN
   *     or infinite; {@code demand} empty; a cost negative, NaN or infinite; a horizon longer than
   *     {@link Integer#MAX_VALUE} days
   * @throws NullPointerException naming the component when {@code policy}, {@code warmUpDemand},
   *     {@code demand} or {@code leadTimes} is null
   */
  public SimulationInput {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(warmUpDemand, "warmUpDemand");
    Objects.requireNonNull(demand, "demand");
    Objects.requireNonNull(leadTimes, "leadTimes");
    if (!(Double.isFinite(periodDays) && periodDays >= 1)) {
      throw new IllegalArgumentException(
          "periodDays must be finite and >= 1 (the simulation runs in whole days), was "
              + periodDays);
    }
    if (demand.length == 0) {
      throw new IllegalArgumentException("demand must hold at least one period, was empty");
    }
    warmUpDemand = checkedCopy("warmUpDemand", warmUpDemand);
    demand = checkedCopy("demand", demand);
    double horizonDays = (double) (warmUpDemand.length + (long) demand.length) * periodDays;
    if (horizonDays > Integer.MAX_VALUE - 1) {
      throw new IllegalArgumentException(
          "the horizon of "
              + horizonDays
              + " days (warm-up and demand periods × periodDays) is"
              + " longer than "
              + (Integer.MAX_VALUE - 1)
              + " days");
    }
    Checks.nonNegative("holdingCostPerUnitYear", holdingCostPerUnitYear);
    Checks.nonNegative("orderCost", orderCost);
  }

  private static double[] checkedCopy(String name, double[] values) {
    double[] copy = values.clone();
    for (int i = 0; i < copy.length; i++) {
      double v = copy[i];
      if (!(Double.isFinite(v) && v >= 0)) {
        throw new IllegalArgumentException(
            name + "[" + i + "] must be finite and >= 0 units, was " + v);
      }
    }
    return copy;
  }

  /**
   * The warm-up demand.
   *
   * @return a copy, units per period
   */
  @Override
  public double[] warmUpDemand() {
    return warmUpDemand.clone();
  }

  /**
   * The measured demand.
   *
   * @return a copy, units per period
   */
  @Override
  public double[] demand() {
    return demand.clone();
  }

  /** The warm-up demand without a copy, for the simulator; must not be modified. */
  double[] warmUpDemandArray() {
    return warmUpDemand;
  }

  /** The measured demand without a copy, for the simulator; must not be modified. */
  double[] demandArray() {
    return demand;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SimulationInput o
        && policy.equals(o.policy)
        && Double.compare(periodDays, o.periodDays) == 0
        && Arrays.equals(warmUpDemand, o.warmUpDemand)
        && Arrays.equals(demand, o.demand)
        && leadTimes.equals(o.leadTimes)
        && Double.compare(holdingCostPerUnitYear, o.holdingCostPerUnitYear) == 0
        && Double.compare(orderCost, o.orderCost) == 0
        && seed == o.seed;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        policy,
        periodDays,
        Arrays.hashCode(warmUpDemand),
        Arrays.hashCode(demand),
        leadTimes,
        holdingCostPerUnitYear,
        orderCost,
        seed);
  }

  @Override
  public String toString() {
    return "SimulationInput[policy="
        + policy
        + ", periodDays="
        + periodDays
        + ", warmUpDemand="
        + warmUpDemand.length
        + " periods, demand="
        + demand.length
        + " periods, leadTimes="
        + leadTimes
        + ", holdingCostPerUnitYear="
        + holdingCostPerUnitYear
        + ", orderCost="
        + orderCost
        + ", seed="
        + seed
        + "]";
  }
}
