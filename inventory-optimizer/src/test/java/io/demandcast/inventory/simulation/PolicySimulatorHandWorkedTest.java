package io.demandcast.inventory.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.inventory.PolicyParameters;
import io.demandcast.inventory.PolicyType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deterministic cases worked out by hand from the day semantics of {@link PolicySimulator}:
 * constant demand of 10 units per day and a fixed lead time, so every number below follows from a
 * short day-by-day trace written out in the test's comment.
 */
class PolicySimulatorHandWorkedTest {
  private static final double NO_CAP = Double.POSITIVE_INFINITY;

  private static double[] constant(int periods, double perPeriod) {
    double[] demand = new double[periods];
    Arrays.fill(demand, perPeriod);
    return demand;
  }

  private static SimulationInput input(
      PolicyParameters policy,
      double periodDays,
      int warmUpPeriods,
      int periods,
      double perPeriod,
      double leadTimeDays) {
    return new SimulationInput(
        policy,
        periodDays,
        constant(warmUpPeriods, perPeriod),
        constant(periods, perPeriod),
        LeadTimeSampler.fixed(leadTimeDays),
        36.5,
        20,
        1L);
  }

  @Test
  void givenReorderPointEqualToLeadTimeDemand_whenSimulatingSq_thenNoStockoutAndSawToothAverage() {
    // d = 10/day, L = 4 days, s = L * d = 40, Q = 100. Start: on hand s + Q = 140.
    // End-of-day IP = 140 - 10 (day + 1) reaches s = 40 exactly on day 9: order 100, received at
    // the start of day 9 + 4 + 1 = 14. Days 10..13 use the last 40 units (on hand 0 at the end of
    // day 13, nothing short). From day 14 every 10 days: receive 100, on hand at the end of the
    // days 90, 80, ..., 10, 0 (average 45), order on the 6th day of the cycle (IP = 40).
    // Warm-up 14 days, measured days 14..113: receipts on 14, 24, ..., 104 -> 10 cycles; orders on
    // days 19, 29, ..., 109 -> 10 orders of 100.
    PolicyParameters policy = new PolicyParameters(PolicyType.S_Q, 40, 100, 140, 0, 1, 0, NO_CAP);
    List<double[]> orders = new ArrayList<>();
    SimulationResult r =
        PolicySimulator.simulate(
            input(policy, 1, 14, 100, 10, 4),
            (day, quantity, arrival, measured) ->
                orders.add(new double[] {day, quantity, arrival}));

    assertThat(orders.get(0)).containsExactly(9, 100, 14);
    assertThat(r.measuredDays()).isEqualTo(100);
    assertThat(r.totalDemand()).isCloseTo(1000, within(1e-9));
    assertThat(r.achievedFillRate()).isEqualTo(1.0);
    assertThat(r.stockoutPeriods()).isZero();
    assertThat(r.cycles()).isEqualTo(10);
    assertThat(r.achievedCycleService()).isEqualTo(1.0);
    assertThat(r.averageOnHand()).isCloseTo(45, within(1e-9));
    assertThat(r.averageBackorders()).isZero();
    assertThat(r.ordersPlaced()).isEqualTo(10);
    assertThat(r.unitsOrdered()).isCloseTo(1000, within(1e-9));
    // 36.5 per unit-year * 45 units * 100 days / 365 = 450; 20 per order * 10 orders = 200.
    assertThat(r.holdingCost()).isCloseTo(450, within(1e-9));
    assertThat(r.orderingCost()).isCloseTo(200, within(1e-9));
    assertThat(r.totalCost()).isCloseTo(650, within(1e-9));
  }

  @Test
  void givenReorderPointBelowLeadTimeDemand_whenSimulatingSq_thenShortByTheGapEveryCycle() {
    // s = 30, lead-time demand 40: each cycle is short by 40 - 30 = 10 units on its last day.
    // Start 130; IP = 30 at the end of day 9 -> order 100, due day 14. On hand 20, 10, 0 at the
    // end of days 10..12; day 13: 10 short (backordered). Day 14: 100 received, 10 to the
    // backorders, 90 on hand, 80 after the demand. Next order at the end of day 19 (IP 30), due 24;
    // day 23 short 10. Per 10-day cycle the end-of-day on hand is 80, 70, ..., 10, 0, 0 (sum 360)
    // and the backorders 10 on one day.
    PolicyParameters policy = new PolicyParameters(PolicyType.S_Q, 30, 100, 130, 0, 1, 0, NO_CAP);
    SimulationResult r = PolicySimulator.simulate(input(policy, 1, 14, 100, 10, 4));

    assertThat(r.filledFromStock()).isCloseTo(900, within(1e-9));
    assertThat(r.achievedFillRate()).isCloseTo(0.9, within(1e-12));
    assertThat(r.stockoutPeriods()).isEqualTo(10); // days 23, 33, ..., 113
    assertThat(r.cycles()).isEqualTo(10);
    assertThat(r.cyclesWithoutStockout()).isZero();
    assertThat(r.achievedCycleService()).isZero();
    assertThat(r.averageOnHand()).isCloseTo(36, within(1e-9));
    assertThat(r.averageBackorders()).isCloseTo(1, within(1e-9));
  }

  @Test
  void givenWeeklyPeriods_whenSimulating_thenDemandIsSpreadOverTheDays() {
    // 70 units per 7-day week is 10 per day: the same trace as the daily case above, over
    // 2 warm-up weeks (14 days) and 70 measured weeks (490 days, 49 cycles). Stock-out days 23,
    // 33, ..., 503 are 10 days apart, so each falls in a different week: 49 stock-out weeks.
    PolicyParameters policy = new PolicyParameters(PolicyType.S_Q, 30, 100, 130, 0, 1, 0, NO_CAP);
    SimulationResult weekly = PolicySimulator.simulate(input(policy, 7, 2, 70, 70, 4));
    SimulationResult daily = PolicySimulator.simulate(input(policy, 1, 14, 490, 10, 4));

    assertThat(weekly.periods()).isEqualTo(70);
    assertThat(weekly.measuredDays()).isEqualTo(490);
    assertThat(weekly.stockoutPeriods()).isEqualTo(49);
    assertThat(daily.stockoutPeriods()).isEqualTo(49);
    assertThat(weekly.cycles()).isEqualTo(49);
    assertThat(weekly.achievedFillRate()).isCloseTo(0.9, within(1e-12));
    assertThat(weekly.averageOnHand()).isCloseTo(daily.averageOnHand(), within(1e-9));
    assertThat(weekly.totalCost()).isCloseTo(daily.totalCost(), within(1e-9));
  }

  @Test
  void givenFractionalMonths_whenSimulating_thenPeriodsTileTheDaysAndDemandIsKept() {
    // 30.4375 days per period: 12 periods end on day round(365.25) = 365, 48 on day 1461 (4 years).
    PolicyParameters policy =
        new PolicyParameters(PolicyType.R_S, 2000, 2000, 2000, 7, 1, 0, NO_CAP);
    SimulationResult year = PolicySimulator.simulate(input(policy, 30.4375, 0, 12, 300, 3));
    SimulationResult fourYears = PolicySimulator.simulate(input(policy, 30.4375, 12, 48, 300, 3));

    assertThat(year.measuredDays()).isEqualTo(365);
    assertThat(fourYears.measuredDays()).isEqualTo(1461);
    assertThat(fourYears.totalDemand()).isCloseTo(48 * 300, within(1e-6));
    assertThat(fourYears.achievedFillRate()).isEqualTo(1.0);
  }

  @Test
  void givenSsReorderPointAboveLeadTimeDemand_whenReviewUndershootsIt_thenShortByTheUndershoot() {
    // (s, S) = (42, 137), d = 10, L = 4. Start 137: end-of-day IP 127, ..., 47, then 37 on day 9,
    // 5 units below s (the daily review's undershoot): order 137 - 37 = 100, due day 14. On hand
    // 27, 17, 7 at the end of days 10..12; day 13 needs 10 and finds 7: 3 short although s = 42
    // exceeds the lead-time demand of 40. Day 14: 100 in, 3 to the backorders, 97 on hand, 87
    // after the demand; the cycle repeats every 10 days: IP 37 at each order, 3 short each cycle,
    // end-of-day on hand 87, 77, ..., 7, 0 (sum 423).
    PolicyParameters policy = new PolicyParameters(PolicyType.S_S, 42, 95, 137, 0, 1, 0, NO_CAP);
    SimulationResult r = PolicySimulator.simulate(input(policy, 1, 14, 100, 10, 4));

    assertThat(r.achievedFillRate()).isCloseTo(0.97, within(1e-12));
    assertThat(r.cycles()).isEqualTo(10);
    assertThat(r.achievedCycleService()).isZero();
    assertThat(r.averageOnHand()).isCloseTo(42.3, within(1e-9));
    assertThat(r.averageBackorders()).isCloseTo(0.3, within(1e-9));
    assertThat(r.unitsOrdered()).isCloseTo(1000, within(1e-9));
  }

  @Test
  void givenRsAtDemandOverReviewPlusLeadTime_whenSimulating_thenNoStockoutAndSawToothAverage() {
    // R = 7, L = 2, S = (R + L) d = 90. Start 90; day 0 is a review day: IP 80 -> order 10, due
    // day 3. On hand 70, 60 (days 1, 2); day 3: 10 in -> 70, 60 after the demand; 50, 40, 30, 20
    // on days 4..7. From day 7 every 7 days: IP 20 -> order 70, due 3 days later; end-of-day on
    // hand 20, 10, 0, 60, 50, 40, 30 (average 30). Warm-up 7 days, measured days 7..76: orders on
    // days 7, 14, ..., 70 (10 x 70 units), receipts on 10, 17, ..., 73 (10 cycles).
    PolicyParameters policy = new PolicyParameters(PolicyType.R_S, 90, 90, 90, 7, 1, 0, NO_CAP);
    List<double[]> orders = new ArrayList<>();
    SimulationResult r =
        PolicySimulator.simulate(
            input(policy, 1, 7, 70, 10, 2),
            (day, quantity, arrival, measured) ->
                orders.add(new double[] {day, quantity, arrival}));

    assertThat(orders.get(0)).containsExactly(0, 10, 3);
    assertThat(orders.get(1)).containsExactly(7, 70, 10);
    assertThat(r.achievedFillRate()).isEqualTo(1.0);
    assertThat(r.cycles()).isEqualTo(10);
    assertThat(r.achievedCycleService()).isEqualTo(1.0);
    assertThat(r.averageOnHand()).isCloseTo(30, within(1e-9));
    assertThat(r.ordersPlaced()).isEqualTo(10);
    assertThat(r.unitsOrdered()).isCloseTo(700, within(1e-9));
  }

  @Test
  void givenRsOneDayShort_whenSimulating_thenShortOneDayOfDemandPerCycle() {
    // S = 80 = (R + L) d - 10 with R = 7, L = 2: the last day before each receipt finds no stock.
    // Steady cycle from day 7: IP 10 at the review -> order 70; end-of-day on hand 10, 0, 0
    // (10 short on the day before the receipt), then 60, 50, 40, 30, 20 ... -> 10 short per 70.
    PolicyParameters policy = new PolicyParameters(PolicyType.R_S, 80, 80, 80, 7, 1, 0, NO_CAP);
    SimulationResult r = PolicySimulator.simulate(input(policy, 1, 14, 70, 10, 2));

    assertThat(r.achievedFillRate()).isCloseTo(1 - 10.0 / 70, within(1e-12));
    assertThat(r.stockoutPeriods()).isEqualTo(10);
    assertThat(r.cycles()).isEqualTo(10);
    assertThat(r.achievedCycleService()).isZero();
  }

  @Test
  void givenLeadTimeZeroOrFractional_whenOrdering_thenArrivalIsDayPlusRoundedLeadTimePlusOne() {
    PolicyParameters policy = new PolicyParameters(PolicyType.S_Q, 40, 100, 140, 0, 1, 0, NO_CAP);
    for (double[] leadAndArrival : new double[][] {{0, 10}, {2.5, 13}, {2.49, 12}, {4, 14}}) {
      List<double[]> orders = new ArrayList<>();
      PolicySimulator.simulate(
          input(policy, 1, 0, 30, 10, leadAndArrival[0]),
          (day, quantity, arrival, measured) -> orders.add(new double[] {day, arrival}));
      // The first order is placed at the end of day 9 (IP = 40).
      assertThat(orders.get(0)).containsExactly(9, leadAndArrival[1]);
    }
  }

  @Test
  void givenFractionalReviewPeriod_whenSimulatingRs_thenReviewsEveryRoundedDays() {
    PolicyParameters policy =
        new PolicyParameters(PolicyType.R_S, 200, 200, 200, 6.6, 1, 0, NO_CAP);
    List<Integer> days = new ArrayList<>();
    PolicySimulator.simulate(
        input(policy, 1, 0, 100, 10, 1), (day, quantity, arrival, measured) -> days.add(day));
    assertThat(days).containsExactly(0, 7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77, 84, 91, 98);
  }
}
