package io.demandcast.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.inventory.distribution.DemandDistributions;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The {@link OrderExplanation} a plan carries: the values of the worked examples, and for random
 * requests the order recomputed from the explanation and the policy parameters alone, with the
 * rules {@link OrderExplanation} documents, equal to the planner's.
 */
class OrderExplanationTest {
  private static final double CASE_TOLERANCE = 1e-9;

  @Test
  void givenWorkedExample_whenPlanned_thenEveryStepOfTheOrderIsKept() {
    // as ReplenishmentPlannerTest's worked example: IP = 190, S = 487.9774 -> S - IP = 297.9774,
    // no MOQ, 25 cases of 12 = 300, no shelf life; D = 106.6667 per 30 days = 3.5556 per day.
    DemandForecast forecast =
        new DemandForecast(30, new double[] {100, 120, 140}, new double[] {20, 30, 40});
    StockPosition stock = new StockPosition(150, 10, 50, 0);
    Recommendation r = ReplenishmentPlannerTest.plan(0.95, forecast, new LeadTime(45, 15, "test"),
        new ItemEconomics(10, 0.25, 50, 12, 0, null), stock);

    OrderExplanation e = r.explanation();
    assertThat(e.stock()).isEqualTo(stock);
    assertThat(e.protectionDays()).isEqualTo(45.0);
    assertThat(e.demandPerDay()).isCloseTo(160.0 / 45, within(1e-12));
    assertThat(e.policyOrder()).isCloseTo(297.9774, within(1e-4));
    assertThat(e.afterMoq()).isEqualTo(e.policyOrder());
    assertThat(e.afterCasePack()).isEqualTo(300.0);
    assertThat(e.afterShelfLife()).isEqualTo(300.0);
    assertThat(r.recommendedOrderQty()).isEqualTo(300.0);
  }

  @Test
  void givenMoqAboveShelfLifeDemand_whenPlanned_thenTheStepsShowTheMoqWinning() {
    // 10/day; shelf life 4 days: 40 -> 3 cases = 36, below the minimum order (MOQ 100 in cases of
    // 12 = 108), so the largest order is 108. (s, S): S = s + 108, IP = 0.
    DemandForecast forecast = new DemandForecast(30, new double[] {300, 300, 300}, new double[3]);
    Recommendation r = ReplenishmentPlannerTest.plan(0.9, forecast, new LeadTime(30, 0, "test"),
        new ItemEconomics(1, 0.1, 1000, 12, 100, 4), new StockPosition(0, 0, 0, 0));

    OrderExplanation e = r.explanation();
    assertThat(r.parameters().maxOrder()).isEqualTo(108.0);
    assertThat(e.demandPerDay()).isCloseTo(10.0, within(1e-12));
    assertThat(e.policyOrder()).isCloseTo(r.orderUpTo(), within(1e-9));
    assertThat(e.afterMoq()).isEqualTo(e.policyOrder());
    assertThat(e.afterCasePack()).isEqualTo(Math.ceil(r.orderUpTo() / 12) * 12);
    assertThat(e.afterShelfLife()).isEqualTo(108.0);
    assertThat(r.recommendedOrderQty()).isEqualTo(108.0);
  }

  @Test
  void givenPeriodicReviewBelowMoq_whenPlanned_thenTheMoqStepRaisesTheOrder() {
    // (R, S) without variance: S = 10/day * (20 + 10) days = 300; IP 250 -> 50, MOQ 120.
    Recommendation r = ReplenishmentPlanner.plan(new PlanningRequest(
        new DemandForecast(1, new double[] {10}, new double[] {0}), new LeadTime(20, 0, "test"),
        new ItemEconomics(10, 0.2, 1, 1, 120, null), new StockPosition(250, 0, 0, 0),
        ServiceTarget.fillRate(0.9), PolicyType.R_S, 10, DemandDistributions.Family.NORMAL));

    OrderExplanation e = r.explanation();
    assertThat(e.protectionDays()).isEqualTo(30.0);
    assertThat(e.policyOrder()).isCloseTo(50.0, within(1e-9));
    assertThat(e.afterMoq()).isEqualTo(120.0);
    assertThat(e.afterCasePack()).isEqualTo(120.0);
    assertThat(e.afterShelfLife()).isEqualTo(120.0);
  }

  @Test
  void givenNoDemand_whenPlanned_thenNothingAtAnyStep() {
    Recommendation r = ReplenishmentPlannerTest.plan(0.9,
        new DemandForecast(30, new double[] {0, 0}, new double[] {0, 0}),
        new LeadTime(30, 0, "test"), new ItemEconomics(10, 0.25, 50, 6, 10, null),
        new StockPosition(0, 0, 0, 20));

    OrderExplanation e = r.explanation();
    assertThat(e.stock().backorders()).isEqualTo(20.0);
    assertThat(e.protectionDays()).isEqualTo(30.0);
    assertThat(new double[] {e.demandPerDay(), e.policyOrder(), e.afterMoq(), e.afterCasePack(),
        e.afterShelfLife()}).containsOnly(0.0);
  }

  @Test
  void givenCapacityCut_whenOrderReplaced_thenTheExplanationKeepsTheOrderBeforeTheCut() {
    Recommendation r = ReplenishmentPlannerTest.plan(0.95,
        new DemandForecast(30, new double[] {100, 120, 140}, new double[] {20, 30, 40}),
        new LeadTime(45, 15, "test"), new ItemEconomics(10, 0.25, 50, 12, 0, null),
        new StockPosition(150, 10, 50, 0));

    Recommendation cut = ReplenishmentPlanner.withOrder(r, 288);

    assertThat(cut.recommendedOrderQty()).isEqualTo(288.0);
    assertThat(cut.explanation()).isEqualTo(r.explanation());
    assertThat(cut.explanation().afterShelfLife()).isEqualTo(300.0);
  }

  @Test
  void givenNegativeStep_whenConstructed_thenRejectedNamingIt() {
    StockPosition stock = new StockPosition(0, 0, 0, 0);
    assertThatThrownBy(() -> new OrderExplanation(stock, 30, 1, -1, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("policyOrder");
    assertThatThrownBy(() -> new OrderExplanation(null, 30, 1, 0, 0, 0, 0))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("stock");
  }

  /**
   * For 5,000 random requests (every policy, family, target measure, case pack, MOQ and shelf life),
   * the order and the lot recomputed from the explanation, the policy parameters and the EOQ alone
   * equal the planner's.
   */
  @Test
  void givenRandomRequests_whenOrderRecomputedFromTheExplanation_thenItEqualsThePlannersOrder() {
    SplittableRandom random = new SplittableRandom(20_260_611L);
    int orders = 0;
    for (int i = 0; i < 5_000; i++) {
      ItemEconomics economics = ReplenishmentPlannerTest.randomEconomics(random);
      PolicyType policy = PolicyType.values()[random.nextInt(3)];
      DemandDistributions.Family[] families = DemandDistributions.Family.values();
      LeadTime lead = ReplenishmentPlannerTest.randomLeadTime(random);
      double review = policy == PolicyType.R_S ? random.nextInt(1, 30) : 0;
      Recommendation r = ReplenishmentPlanner.plan(new PlanningRequest(
          ReplenishmentPlannerTest.randomForecast(random), lead, economics,
          ReplenishmentPlannerTest.randomStock(random),
          new ServiceTarget(ServiceTarget.Measure.values()[random.nextInt(2)],
              random.nextDouble(0.01, 0.995)),
          policy, review, families[random.nextInt(families.length)],
          ReplenishmentPlannerTest.randomHistory(random)));
      OrderExplanation e = r.explanation();
      PolicyParameters p = r.parameters();
      String as = "case " + i + ": " + r;

      StockPosition stock = e.stock();
      double position =
          stock.onHand() - stock.quarantined() + stock.onOrder() - stock.backorders();
      assertThat(r.inventoryPosition()).as(as).isEqualTo(position);
      assertThat(e.protectionDays()).as(as).isEqualTo(lead.meanDays() + review);

      int c = economics.casePack();
      double minimumOrder = up(Math.max(economics.moq(), c), c);
      double maxOrder = economics.shelfLifeDays() == null || e.demandPerDay() == 0
          ? Double.POSITIVE_INFINITY
          : Math.max(down(e.demandPerDay() * economics.shelfLifeDays(), c), minimumOrder);
      assertThat(p.maxOrder()).as(as).isEqualTo(maxOrder);
      if (e.demandPerDay() > 0 && policy != PolicyType.R_S) {
        double lot = Math.min(up(Math.max(r.eoq(), minimumOrder), c), maxOrder);
        assertThat(p.orderQuantity()).as(as).isEqualTo(lot);
        assertThat(p.orderUpTo()).as(as).isEqualTo(p.reorderPoint() + lot);
      }

      boolean due = e.demandPerDay() > 0
          && (policy == PolicyType.R_S ? position < p.orderUpTo() : position <= p.reorderPoint());
      double byPolicy = !due ? 0
          : policy == PolicyType.S_Q
              ? (Math.floor((p.reorderPoint() - position) / p.orderQuantity()) + 1)
                  * p.orderQuantity()
              : p.orderUpTo() - position;
      double afterMoq = due ? Math.max(byPolicy, economics.moq()) : 0;
      double afterCasePack = due ? up(afterMoq, c) : 0;
      double afterShelfLife = Math.min(afterCasePack, maxOrder);
      assertThat(e.policyOrder()).as(as).isEqualTo(byPolicy);
      assertThat(e.afterMoq()).as(as).isEqualTo(afterMoq);
      assertThat(e.afterCasePack()).as(as).isEqualTo(afterCasePack);
      assertThat(e.afterShelfLife()).as(as).isEqualTo(afterShelfLife);
      assertThat(r.recommendedOrderQty()).as(as).isEqualTo(afterShelfLife);
      if (afterShelfLife > 0) {
        orders++;
      }
    }
    assertThat(orders).as("the random inputs must exercise ordering").isGreaterThan(500);
  }

  private static double up(double units, int casePack) {
    return Math.ceil(units / casePack - CASE_TOLERANCE) * casePack;
  }

  private static double down(double units, int casePack) {
    return Math.floor(units / casePack + CASE_TOLERANCE) * casePack;
  }
}
