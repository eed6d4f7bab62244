package io.demandcast.inventory.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.inventory.PolicyParameters;
import io.demandcast.inventory.PolicyType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Properties of {@link PolicySimulator} that must hold for any demand, seed and parameters. */
class PolicySimulatorInvariantTest {
  private static final double NO_CAP = Double.POSITIVE_INFINITY;

  private static double[] normalDays(long seed, int days, double mean, double sd) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] demand = new double[days];
    for (int i = 0; i < days; i++) {
      demand[i] = Math.max(0.0, mean + sd * random.nextGaussian());
    }
    return demand;
  }

  private static SimulationInput daily(
      PolicyParameters policy, double[] demand, LeadTimeSampler leadTimes, long seed) {
    return new SimulationInput(
        policy, 1, Arrays.copyOf(demand, 60), demand, leadTimes, 2.0, 15.0, seed);
  }

  @Test
  void givenSameDemandAndSeed_whenRaisingReorderPoint_thenServiceNeverFalls() {
    // For (s, Q) the path of IP − s does not depend on s (start s + Q, order when IP − s <= 0), so
    // the orders, their times and their lead-time draws are the same for every s and the net
    // inventory is shifted up by the change in s: day by day, less or equal demand goes unfilled.
    // Holds with random lead times; the same for (R, S) in S and (s, S) in s with S − s fixed,
    // when the levels move by whole cases.
    double[] demand = normalDays(11L, 3_000, 20, 8);
    LeadTimeSampler leadTimes = LeadTimeSampler.gamma(6, 3);
    List<SimulationResult> sq = new ArrayList<>();
    List<SimulationResult> ss = new ArrayList<>();
    List<SimulationResult> rs = new ArrayList<>();
    for (int level = 0; level <= 300; level += 12) {
      sq.add(
          PolicySimulator.simulate(
              daily(
                  new PolicyParameters(PolicyType.S_Q, level, 120, level + 120, 0, 6, 0, NO_CAP),
                  demand,
                  leadTimes,
                  5L)));
      ss.add(
          PolicySimulator.simulate(
              daily(
                  new PolicyParameters(PolicyType.S_S, level, 150, level + 150, 0, 6, 0, NO_CAP),
                  demand,
                  leadTimes,
                  5L)));
      rs.add(
          PolicySimulator.simulate(
              daily(
                  new PolicyParameters(
                      PolicyType.R_S, level + 100, level + 100, level + 100, 7, 6, 0, NO_CAP),
                  demand,
                  leadTimes,
                  5L)));
    }
    for (List<SimulationResult> sweep : List.of(sq, ss, rs)) {
      for (int i = 1; i < sweep.size(); i++) {
        SimulationResult lower = sweep.get(i - 1);
        SimulationResult higher = sweep.get(i);
        assertThat(higher.achievedFillRate())
            .isGreaterThanOrEqualTo(lower.achievedFillRate() - 1e-12);
        assertThat(higher.cyclesWithoutStockout())
            .isGreaterThanOrEqualTo(lower.cyclesWithoutStockout());
        assertThat(higher.stockoutPeriods()).isLessThanOrEqualTo(lower.stockoutPeriods());
        assertThat(higher.ordersPlaced()).isEqualTo(lower.ordersPlaced());
      }
      // Not a flat sweep: from frequent stock-outs to almost none.
      assertThat(sweep.get(0).achievedFillRate()).isLessThan(0.8);
      assertThat(sweep.get(sweep.size() - 1).achievedFillRate()).isGreaterThan(0.99);
    }
  }

  private static List<Double> orders(PolicyParameters policy, double[] demand) {
    List<Double> quantities = new ArrayList<>();
    PolicySimulator.simulate(
        daily(policy, demand, LeadTimeSampler.gamma(5, 2), 3L),
        (day, quantity, arrival, measured) -> quantities.add(quantity));
    return quantities;
  }

  @Test
  void givenCasePackMoqAndCap_whenOrdering_thenEveryOrderIsWholeCasesWithinMoqAndCap() {
    // Case pack 12, MOQ 30 -> minimum order 36; maxOrder 250 -> at most 240 (20 cases).
    double[] demand = normalDays(17L, 2_000, 20, 8);
    // (s, Q): Q = 50 rounds up to a lot of 60; every order is a whole number of lots.
    List<Double> sq =
        orders(new PolicyParameters(PolicyType.S_Q, 120, 50, 170, 0, 12, 30, 250), demand);
    // (s, S) with S − s = 400: the wanted quantity exceeds the cap, which binds.
    List<Double> ss =
        orders(new PolicyParameters(PolicyType.S_S, 100, 400, 500, 0, 12, 30, 250), demand);
    // (R, S) reviewed daily: the deficit (about one day's demand, 20) is below the MOQ, which
    // binds.
    List<Double> rs =
        orders(new PolicyParameters(PolicyType.R_S, 200, 200, 200, 1, 12, 30, 250), demand);
    for (List<Double> quantities : List.of(sq, ss, rs)) {
      assertThat(quantities).hasSizeGreaterThan(50);
      for (double quantity : quantities) {
        assertThat(quantity / 12).isCloseTo(Math.rint(quantity / 12), within(1e-9));
        assertThat(quantity).isBetween(36.0, 240.0);
      }
    }
    for (double quantity : sq) {
      assertThat(quantity / 60).isCloseTo(Math.rint(quantity / 60), within(1e-9));
    }
    assertThat(ss).contains(240.0);
    assertThat(rs).contains(36.0);
  }

  @ParameterizedTest
  @CsvSource({
    // periodDays, demand per period, lead time days, review period days
    "1, 10, 0, 1",
    "1, 10, 3, 7",
    "7, 70, 4, 7",
    "7, 33, 10, 3",
    "30.4375, 300, 3, 7",
    "30.4375, 1000, 12, 14",
  })
  void givenNoVariability_whenLevelsCoverTheProtectionInterval_thenNeverAStockout(
      double periodDays, double perPeriod, double leadDays, double reviewDays) {
    // Constant demand per period, fixed lead time. Days per period are floor or ceil of
    // periodDays, so no day demands more than dMax = perPeriod / floor(periodDays). Continuous
    // review (daily) needs s >= (L + 1) dMax (the lead time plus the day of undershoot), periodic
    // review S >= (R + L) dMax. The levels sit exactly on those bounds; no warm-up, so the start
    // is covered too. Case pack 5 and MOQ 20 only add stock.
    double dailyMax = perPeriod / Math.floor(periodDays);
    int periods = (int) Math.ceil(600 / periodDays);
    double[] demand = new double[periods];
    Arrays.fill(demand, perPeriod);
    double s = (leadDays + 1) * dailyMax;
    double bigS = (reviewDays + leadDays) * dailyMax;
    List<PolicyParameters> policies =
        List.of(
            new PolicyParameters(PolicyType.S_Q, s, 37, s + 37, 0, 5, 20, NO_CAP),
            new PolicyParameters(PolicyType.S_S, s, 50, s + 50, 0, 5, 20, NO_CAP),
            new PolicyParameters(PolicyType.R_S, bigS, bigS, bigS, reviewDays, 5, 20, NO_CAP));
    for (PolicyParameters policy : policies) {
      SimulationResult r =
          PolicySimulator.simulate(
              new SimulationInput(
                  policy,
                  periodDays,
                  new double[0],
                  demand,
                  LeadTimeSampler.fixed(leadDays),
                  1,
                  1,
                  9L));
      assertThat(r.stockoutPeriods()).as(policy.toString()).isZero();
      // Fractional daily demand (33 / 7) can leave a shortfall of a few ulps: not a stock-out.
      assertThat(r.achievedFillRate()).as(policy.toString()).isCloseTo(1.0, within(1e-12));
      assertThat(r.cycles()).as(policy.toString()).isPositive();
      assertThat(r.achievedCycleService()).as(policy.toString()).isEqualTo(1.0);
    }
  }

  @Test
  void givenZeroDemand_whenSimulating_thenRatesUndefinedAndOnlyHoldingCost() {
    // Nothing is demanded: IP stays at s + Q = 150 > s, no order, no receipt, no cycle.
    PolicyParameters policy = new PolicyParameters(PolicyType.S_Q, 50, 100, 150, 0, 1, 0, NO_CAP);
    SimulationResult r =
        PolicySimulator.simulate(
            new SimulationInput(
                policy, 7, new double[4], new double[52], LeadTimeSampler.fixed(3), 7.3, 25, 1L));
    assertThat(r.achievedFillRate()).isNaN();
    assertThat(r.achievedCycleService()).isNaN();
    assertThat(r.cycles()).isZero();
    assertThat(r.ordersPlaced()).isZero();
    assertThat(r.averageOnHand()).isEqualTo(150.0);
    // 7.3 per unit-year * 150 units * 364 days / 365 = 1092.
    assertThat(r.holdingCost()).isCloseTo(1092.0, within(1e-9));
    assertThat(r.totalCost()).isCloseTo(1092.0, within(1e-9));
  }

  @Test
  void givenSeed_whenSimulatingTwice_thenIdenticalAndOtherSeedsDifferWithRandomLeadTimes() {
    double[] demand = normalDays(23L, 1_000, 20, 8);
    PolicyParameters policy = new PolicyParameters(PolicyType.S_Q, 130, 100, 230, 0, 1, 0, NO_CAP);
    LeadTimeSampler gamma = LeadTimeSampler.gamma(5, 2);
    SimulationResult first = PolicySimulator.simulate(daily(policy, demand, gamma, 42L));
    SimulationResult again = PolicySimulator.simulate(daily(policy, demand, gamma, 42L));
    assertThat(again).isEqualTo(first);
    for (long seed = 43; seed < 48; seed++) {
      SimulationResult other = PolicySimulator.simulate(daily(policy, demand, gamma, seed));
      assertThat(other.averageOnHand()).isNotEqualTo(first.averageOnHand());
    }
    LeadTimeSampler empirical = LeadTimeSampler.empirical(new double[] {2, 4, 9});
    assertThat(PolicySimulator.simulate(daily(policy, demand, empirical, 1L)))
        .isNotEqualTo(PolicySimulator.simulate(daily(policy, demand, empirical, 2L)));
    // A fixed lead time draws nothing: the seed does not matter.
    LeadTimeSampler fixed = LeadTimeSampler.fixed(5);
    assertThat(PolicySimulator.simulate(daily(policy, demand, fixed, 1L)))
        .isEqualTo(PolicySimulator.simulate(daily(policy, demand, fixed, 2L)));
  }

  @Test
  void givenLeadTimesThatCross_whenSimulating_thenEachOrderKeepsItsOwnArrival() {
    // Lead times of 1 or 15 days: an order placed later can arrive earlier. Every order is due
    // exactly its own rounded lead time + 1 days after it is placed, and is received then.
    double[] demand = normalDays(29L, 1_000, 20, 8);
    PolicyParameters policy = new PolicyParameters(PolicyType.R_S, 300, 300, 300, 3, 1, 0, NO_CAP);
    List<int[]> orders = new ArrayList<>();
    SimulationResult r =
        PolicySimulator.simulate(
            daily(policy, demand, LeadTimeSampler.empirical(new double[] {1, 15}), 8L),
            (day, quantity, arrival, measured) -> orders.add(new int[] {day, arrival}));
    int crossings = 0;
    for (int i = 0; i < orders.size(); i++) {
      assertThat(orders.get(i)[1] - orders.get(i)[0]).isIn(2, 16);
      if (i > 0 && orders.get(i)[1] < orders.get(i - 1)[1]) {
        crossings++;
      }
    }
    assertThat(crossings).isGreaterThan(10);
    // Every receipt day closes a cycle: measured cycles = distinct arrival days in the measured
    // window (days 60 to 1059; 60 warm-up days).
    long receiptDays =
        orders.stream().mapToInt(o -> o[1]).filter(d -> d >= 60 && d < 1060).distinct().count();
    assertThat(r.cycles()).isEqualTo((int) receiptDays);
  }
}
