package io.demandcast.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.inventory.distribution.DemandDistributions;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * The planner against a worked textbook example: S. Chopra and P. Meindl, <i>Supply Chain
 * Management: Strategy, Planning, and Operation</i> (Pearson), chapter "Managing Uncertainty in a
 * Supply Chain: Safety Inventory", the Lego-at-Wal-Mart examples for continuous review: weekly
 * demand normal with mean 2 500 boxes and sd 500, replenishment lead time 2 weeks (lead-time demand
 * N(5 000, 707)), lot 10 000 boxes. The examples work out (rounded as in the book):
 *
 * <ul>
 *   <li>reorder point 6 000: safety inventory 1 000, cycle service level 0.92, expected shortage
 *       per replenishment cycle ESC = 25.13, fill rate 1 − ESC / Q = 0.9975;
 *   <li>cycle service level 0.90: safety inventory 906;
 *   <li>fill rate 0.975 with the lot of 10 000: safety inventory 67.
 * </ul>
 *
 * <p>Not checked against a copy: the edition, the example numbers and the pages are not given
 * because they were not verified, and the figures above were recalled, not read off a page. Each
 * was recomputed in R (pnorm, qnorm, the closed-form normal loss, uniroot) and agrees with the
 * value quoted to the digits quoted (ESC 25.127, fill rate 0.99749, safety inventory 906.19 and
 * 66.70). The book's ESC is the normal loss σ · G(ss / σ); the planner also subtracts σ · G((ss +
 * Q) / σ), below 10⁻⁵⁰ units here.
 *
 * <p>Tolerances follow the printed rounding: half a unit in the last printed digit.
 */
class ReplenishmentPlannerTextbookTest {
  private static final double LOT = 10_000;

  /** Weeks of 7 days, 2 500 ± 500 a week, lead time 14 days; lot 10 000 (MOQ, no holding cost). */
  private static Recommendation lego(ServiceTarget target) {
    DemandForecast weekly = new DemandForecast(7, new double[] {2_500}, new double[] {500});
    ItemEconomics economics = new ItemEconomics(1, 0, 0, 1, LOT, null);
    return ReplenishmentPlanner.plan(
        new PlanningRequest(
            weekly,
            new LeadTime(14, 0, "textbook example"),
            economics,
            new StockPosition(0, 0, 0, 0),
            target,
            PolicyType.S_Q,
            0,
            DemandDistributions.Family.NORMAL));
  }

  @Test
  void givenReorderPoint6000AndLot10000_whenPlanning_thenCycleServiceAndFillRateAsInTheBook() {
    // The cycle service level of s = 6 000 under N(5 000, 500 * sqrt(2)), from Commons Statistics,
    // makes the planner put the reorder point at 6 000.
    double alpha = NormalDistribution.of(5_000, 500 * Math.sqrt(2)).cumulativeProbability(6_000);

    Recommendation r = lego(ServiceTarget.cycleService(alpha));

    assertThat(r.leadTimeDemandMean()).isEqualTo(5_000.0);
    assertThat(r.leadTimeDemandSd()).isCloseTo(707.0, within(0.5));
    assertThat(r.orderQuantity()).isEqualTo(LOT);
    assertThat(r.reorderPoint()).isCloseTo(6_000.0, within(1e-3));
    assertThat(r.safetyStock()).isCloseTo(1_000.0, within(1e-3));
    assertThat(r.expectedCycleService()).isCloseTo(0.92, within(0.005));
    assertThat((1 - r.expectedFillRate()) * LOT).as("ESC").isCloseTo(25.13, within(0.005));
    assertThat(r.expectedFillRate()).isCloseTo(0.9975, within(0.00005));
  }

  @Test
  void givenCycleServiceLevel90Percent_whenPlanning_thenSafetyInventoryIs906() {
    Recommendation r = lego(ServiceTarget.cycleService(0.90));

    assertThat(r.safetyStock()).isCloseTo(906.0, within(0.5));
  }

  @Test
  void givenFillRate97Point5PercentAndLot10000_whenPlanning_thenSafetyInventoryIs67() {
    Recommendation r = lego(ServiceTarget.fillRate(0.975));

    assertThat(r.safetyStock()).isCloseTo(67.0, within(0.5));
    assertThat(r.expectedFillRate()).isCloseTo(0.975, within(1e-9));
  }
}
