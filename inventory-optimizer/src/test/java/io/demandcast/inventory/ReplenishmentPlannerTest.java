package io.demandcast.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReplenishmentPlannerTest {
  private static final LeadTime FIXED_30_DAYS = new LeadTime(30, 0, "test");
  private static final StockPosition EMPTY = new StockPosition(0, 0, 0, 0);

  /** An (s, S) plan with a normal distribution and a cycle-service-level target. */
  static Recommendation plan(
      double alpha, DemandForecast forecast, LeadTime leadTime, ItemEconomics economics,
      StockPosition stock) {
    return ReplenishmentPlanner.plan(
        PlanningRequest.continuous(
            forecast, leadTime, economics, stock, ServiceTarget.cycleService(alpha)));
  }

  @Test
  void givenWorkedExample_whenRecommend_thenEveryFieldMatchesHandCalculation() {
    // periodDays 30, lead time 45 ± 15 days -> L = 1.5 periods, sigma_L = 0.5 periods.
    // mu_L = 100 + 0.5 * 120 = 160; D = 160 / 1.5 = 106.6667 units/period.
    // sum w*sd^2 = 20^2 + 0.5 * 30^2 = 850 = L * sigma_d^2.
    // sigma^2 = 850 + 106.6667^2 * 0.5^2 = 850 + 2844.444 = 3694.444; sigma = 60.78194.
    // z(0.95) = 1.644854; SS = 99.97740; s = 259.97740.
    // A = 106.6667 * 365 / 30 = 1297.778/yr; h = 10 * 0.25 = 2.5; EOQ = sqrt(2*1297.778*50/2.5)
    //   = sqrt(51911.11) = 227.8401; Q = 19 cases of 12 = 228; S = 487.9774.
    // IP = 150 - 10 + 50 - 0 = 190 <= s: S - IP = 297.9774 -> 25 cases = 300.
    // beta = 1 - 60.78194 * G(1.644854) / 228 = 1 - 60.78194 * 0.0208930 / 228 = 0.994430.
    // days of cover = 140 / (106.6667 / 30) = 39.375.
    DemandForecast forecast =
        new DemandForecast(30, new double[] {100, 120, 140}, new double[] {20, 30, 40});
    ItemEconomics economics = new ItemEconomics(10, 0.25, 50, 12, 0, null);
    StockPosition stock = new StockPosition(150, 10, 50, 0);

    Recommendation r =
        plan(0.95, forecast, new LeadTime(45, 15, "test"), economics, stock);

    assertThat(r.inventoryPosition()).isEqualTo(190.0);
    assertThat(r.leadTimeDemandMean()).isCloseTo(160.0, within(1e-9));
    assertThat(r.leadTimeDemandSd()).isCloseTo(60.78194, within(1e-5));
    assertThat(r.safetyStock()).isCloseTo(99.97740, within(1e-4));
    assertThat(r.reorderPoint()).isCloseTo(259.97740, within(1e-4));
    assertThat(r.eoq()).isCloseTo(227.8401, within(1e-4));
    assertThat(r.orderUpTo()).isCloseTo(487.9774, within(1e-4));
    assertThat(r.recommendedOrderQty()).isEqualTo(300.0);
    assertThat(r.expectedFillRate()).isCloseTo(0.994430, within(1e-6));
    assertThat(r.daysOfCover()).isCloseTo(39.375, within(1e-9));
    assertThat(r.reason()).isEqualTo("below reorder point: order 300 units; rounded up to case pack of 12");
  }

  @Test
  void givenWorkedExample_whenLeadTimeDemand_thenPerPeriodFiguresMatchHandCalculation() {
    // D = 160 / 1.5 = 106.6667; sigma_d = sqrt(850 / 1.5) = sqrt(566.6667) = 23.80476.
    LeadTimeDemand d =
        LeadTimeDemand.of(
            new DemandForecast(30, new double[] {100, 120, 140}, new double[] {20, 30, 40}),
            new LeadTime(45, 15, "test"));

    assertThat(d.perPeriodDemand()).isCloseTo(106.66667, within(1e-5));
    assertThat(d.perPeriodSd()).isCloseTo(23.80476, within(1e-5));
  }

  @Test
  void givenLeadTimeBeyondForecast_whenRecommend_thenLaterPeriodsRepeatTheAverage() {
    // periodDays 10, lead time 35 days -> L = 3.5; periods 2 and 3 use the average (100+200)/2 = 150:
    // mu_L = 100 + 200 + 150 + 0.5 * 150 = 525.
    // sd: periods beyond use mean(sd^2) = (10^2 + 20^2)/2 = 250: sigma^2 = 100 + 400 + 250 + 125 = 875.
    DemandForecast forecast = new DemandForecast(10, new double[] {100, 200}, new double[] {10, 20});

    Recommendation r =
        plan(0.9, forecast, new LeadTime(35, 0, "test"), economics(1, 0), EMPTY);

    assertThat(r.leadTimeDemandMean()).isCloseTo(525.0, within(1e-9));
    assertThat(r.leadTimeDemandSd()).isCloseTo(Math.sqrt(875.0), within(1e-9));
  }

  @Test
  void givenZeroLeadTime_whenRecommend_thenOnlyLeadTimeVariabilityCountsAndNextPeriodSetsDemand() {
    // L = 0: mu_L = 0, D = mean[0] = 90; sigma_L = 6 / 30 = 0.2 periods; sigma = 90 * 0.2 = 18.
    // days of cover = 45 / (90 / 30) = 15.
    DemandForecast forecast = new DemandForecast(30, new double[] {90, 500}, new double[] {40, 40});

    Recommendation r =
        plan(0.95, forecast, new LeadTime(0, 6, "test"), economics(1, 0),
                new StockPosition(45, 0, 0, 0));

    assertThat(r.leadTimeDemandMean()).isZero();
    assertThat(r.leadTimeDemandSd()).isCloseTo(18.0, within(1e-9));
    assertThat(r.daysOfCover()).isCloseTo(15.0, within(1e-9));
  }

  @Test
  void givenTextbookEoqNumbers_whenRecommend_thenLotIs200() {
    // periodDays 36.5 and 120 units/period -> A = 120 * 365 / 36.5 = 1200 units/yr;
    // h = 30 * 0.2 = 6 per unit per year; K = 100: EOQ = sqrt(2 * 1200 * 100 / 6) = 200; Q = S - s.
    DemandForecast forecast = new DemandForecast(36.5, new double[] {120}, new double[] {0});
    ItemEconomics economics = new ItemEconomics(30, 0.2, 100, 1, 0, null);

    Recommendation r =
        plan(0.95, forecast, FIXED_30_DAYS, economics, EMPTY);

    assertThat(r.eoq()).isCloseTo(200.0, within(1e-9));
    assertThat(r.orderUpTo() - r.reorderPoint()).isCloseTo(200.0, within(1e-9));
  }

  @Test
  void givenZeroHoldingCost_whenRecommend_thenEoqIsMoqOrCasePack() {
    Recommendation withMoq =
        plan(0.9, steady(100, 10), FIXED_30_DAYS, new ItemEconomics(5, 0, 50, 12, 40, null), EMPTY);
    Recommendation withCase =
        plan(0.9, steady(100, 10), FIXED_30_DAYS, new ItemEconomics(5, 0, 50, 12, 5, null), EMPTY);

    assertThat(withMoq.eoq()).isEqualTo(40.0);
    assertThat(withCase.eoq()).isEqualTo(12.0);
  }

  @Test
  void givenMoqAboveEoq_whenBelowReorderPoint_thenMoqRaisesTheOrderAndSaysSo() {
    // D = 100/period of 30 days -> A = 1216.7/yr; K = 10, h = 2.5 -> EOQ = 98.7; MOQ = 500.
    Recommendation r =
        plan(0.9, steady(100, 0), FIXED_30_DAYS, new ItemEconomics(10, 0.25, 10, 1, 500, null), EMPTY);

    assertThat(r.eoq()).isLessThan(100.0);
    assertThat(r.orderUpTo() - r.reorderPoint()).isCloseTo(500.0, within(1e-9));
    assertThat(r.recommendedOrderQty()).isGreaterThanOrEqualTo(500.0);
    assertThat(r.reason()).contains(ReasonCode.MOQ_RAISED.text());
  }

  @Test
  void givenShortShelfLife_whenBelowReorderPoint_thenOrderCappedAtShelfLifeDemandInWholeCases() {
    // D = 300 per 30 days = 10/day; shelf life 31 days -> 310 units -> 25 cases of 12 = 300.
    // EOQ with K = 1000, h = 0.1: sqrt(2 * 3650 * 1000 / 0.1) = 8544 -> capped at 300.
    Recommendation r =
        plan(0.9, steady(300, 0), FIXED_30_DAYS, new ItemEconomics(1, 0.1, 1000, 12, 0, 31), EMPTY);

    assertThat(r.orderUpTo() - r.reorderPoint()).isCloseTo(300.0, within(1e-9));
    assertThat(r.recommendedOrderQty()).isEqualTo(300.0);
    assertThat(r.reason())
        .isEqualTo("below reorder point: order 300 units; capped by shelf life of 31 days");
  }

  @Test
  void givenMoqAboveShelfLifeDemand_whenBelowReorderPoint_thenMoqWinsAndReasonSaysSo() {
    // 10/day over 4 days = 40 -> 3 cases = 36 < MOQ 100 -> MOQ in whole cases = 9 cases = 108.
    Recommendation r =
        plan(0.9, steady(300, 0), FIXED_30_DAYS, new ItemEconomics(1, 0.1, 1000, 12, 100, 4), EMPTY);

    assertThat(r.recommendedOrderQty()).isEqualTo(108.0);
    assertThat(r.reason())
        .isEqualTo(
            "below reorder point: order 108 units; capped by shelf life of 4 days; "
                + ReasonCode.MOQ_OVER_SHELF_LIFE.text());
  }

  @Test
  void givenStockAboveReorderPoint_whenRecommend_thenNoOrder() {
    Recommendation r =
        plan(0.9, steady(100, 20), FIXED_30_DAYS, economics(1, 0), new StockPosition(500, 0, 0, 0));

    assertThat(r.recommendedOrderQty()).isZero();
    assertThat(r.reason()).isEqualTo("above reorder point: no order");
  }

  @Test
  void givenZeroForecast_whenRecommend_thenNoOrderFullFillRateAndNoDaysOfCover() {
    Recommendation r =
        plan(0.9, steady(0, 0), FIXED_30_DAYS, economics(6, 10), new StockPosition(0, 0, 0, 20));

    assertThat(r.recommendedOrderQty()).isZero();
    assertThat(r.eoq()).isZero();
    assertThat(r.expectedFillRate()).isEqualTo(1.0);
    assertThat(r.daysOfCover()).isNull();
    assertThat(r.reason()).isEqualTo("no demand forecast: no order");
  }

  @Test
  void givenNoDemandOrLeadTimeVariability_whenRecommend_thenSafetyStockIsZero() {
    DemandForecast forecast =
        new DemandForecast(7, new double[] {50, 60, 70}, new double[] {0, 0, 0});

    Recommendation r =
        plan(0.99, forecast, new LeadTime(10, 0, "test"), economics(1, 0), EMPTY);

    assertThat(r.safetyStock()).isZero();
    assertThat(r.reorderPoint()).isEqualTo(r.leadTimeDemandMean());
    assertThat(r.expectedFillRate()).isEqualTo(1.0);
  }

  @Test
  void givenServiceLevelBelowHalf_whenRecommend_thenSafetyStockIsNegativeAndFillRateFollows() {
    // alpha = 0.3 -> z = qnorm(0.3) = -0.524401; sigma = 30 (one period of sd 30), so SS = z * sigma
    // = -15.732015 and s = 84.267985. Q = 300 (MOQ; EOQ = 0 as K = 0). Fill rate with the loss
    // function of X ~ N(100, 30): 1 - (30 G(z) - 30 G(z + 300/30)) / 300 = 0.928523 (values from R:
    // qnorm, dnorm, pnorm).
    Recommendation r =
        plan(0.3, steady(100, 30), FIXED_30_DAYS, new ItemEconomics(10, 0.2, 0, 1, 300, null), EMPTY);

    assertThat(r.safetyStock()).isCloseTo(-15.732015, within(1e-6));
    assertThat(r.reorderPoint()).isCloseTo(84.267985, within(1e-6));
    assertThat(r.expectedFillRate()).isCloseTo(0.928523, within(1e-6));
    assertThat(r.expectedCycleService()).isCloseTo(0.3, within(1e-9));
  }

  @Test
  void givenServiceLevelsFrom50To99Percent_whenRecommend_thenReorderPointNonDecreasing() {
    double previous = Double.NEGATIVE_INFINITY;
    for (int percent = 50; percent <= 99; percent++) {
      Recommendation r =
          plan(percent / 100.0, steady(100, 30), new LeadTime(20, 5, "test"), economics(1, 0), EMPTY);
      assertThat(r.reorderPoint()).as("service level %d%%", percent).isGreaterThanOrEqualTo(previous);
      previous = r.reorderPoint();
    }
    Recommendation atHalf =
        plan(0.5, steady(100, 30), new LeadTime(20, 5, "test"), economics(1, 0), EMPTY);
    assertThat(previous).isGreaterThan(atHalf.reorderPoint());
  }

  @Test
  void givenGrowingOrderCost_whenRecommend_thenLotAndFillRateNonDecreasing() {
    double previousLot = 0;
    double previousFillRate = 0;
    for (int orderCost = 0; orderCost <= 2000; orderCost += 20) {
      Recommendation r =
          plan(0.8, steady(100, 40), FIXED_30_DAYS, new ItemEconomics(10, 0.2, orderCost, 6, 0, null),
                  EMPTY);
      double lot = r.orderUpTo() - r.reorderPoint();
      assertThat(lot).as("K = %d", orderCost).isGreaterThanOrEqualTo(previousLot - 1e-9);
      assertThat(r.expectedFillRate()).as("K = %d", orderCost).isGreaterThanOrEqualTo(previousFillRate);
      previousLot = lot;
      previousFillRate = r.expectedFillRate();
    }
    assertThat(previousLot).isGreaterThan(100);
  }

  @Test
  void givenRandomValidInputs_whenRecommend_thenOrderIsWholeCasesAtLeastMoqAndNothingNegative() {
    SplittableRandom random = new SplittableRandom(20_240_611L);
    int orders = 0;
    for (int i = 0; i < 5_000; i++) {
      ItemEconomics economics = randomEconomics(random);
      PolicyType policy = PolicyType.values()[random.nextInt(3)];
      ServiceTarget target =
          new ServiceTarget(
              ServiceTarget.Measure.values()[random.nextInt(2)], random.nextDouble(0.01, 0.995));
      Recommendation r =
          ReplenishmentPlanner.plan(
              new PlanningRequest(randomForecast(random), randomLeadTime(random), economics,
                  randomStock(random), target, policy,
                  policy == PolicyType.R_S ? random.nextInt(1, 30) : 0,
                  io.demandcast.inventory.distribution.DemandDistributions.Family.values()[
                      random.nextInt(
                          io.demandcast.inventory.distribution.DemandDistributions.Family.values()
                              .length)],
                  randomHistory(random)));

      if (r.recommendedOrderQty() > 0) {
        orders++;
        assertThat(r.recommendedOrderQty() % economics.casePack()).as("case %d: %s", i, r).isZero();
        assertThat(r.recommendedOrderQty()).as("case %d: %s", i, r).isGreaterThanOrEqualTo(economics.moq());
      }
      // inventoryPosition is excluded: it is legitimately negative when backorders exceed stock;
      // so is safetyStock, negative when the lot alone meets a low target (checked against s - mu).
      if (r.leadTimeDemandMean() > 0 || r.reason().startsWith("no demand")) {
        assertThat(r.safetyStock())
            .as("case %d: %s", i, r)
            .isCloseTo(r.reorderPoint() - r.leadTimeDemandMean(), within(1e-6));
      }
      Map<String, Double> fields =
          Map.of(
              "leadTimeDemandMean", r.leadTimeDemandMean(),
              "leadTimeDemandSd", r.leadTimeDemandSd(),
              "reorderPoint", r.reorderPoint(),
              "orderUpTo", r.orderUpTo(),
              "eoq", r.eoq(),
              "recommendedOrderQty", r.recommendedOrderQty(),
              "expectedFillRate", r.expectedFillRate(),
              "expectedCycleService", r.expectedCycleService(),
              "expectedHoldingCost", r.expectedHoldingCost());
      for (Map.Entry<String, Double> field : fields.entrySet()) {
        assertThat(field.getValue())
            .as("%s in case %d: %s", field.getKey(), i, r)
            .isFinite()
            .isGreaterThanOrEqualTo(0.0);
      }
      assertThat(r.expectedFillRate()).as("case %d: %s", i, r).isLessThanOrEqualTo(1.0);
      if (r.daysOfCover() != null) {
        assertThat(r.daysOfCover()).as("case %d: %s", i, r).isGreaterThanOrEqualTo(0.0);
      }
    }
    assertThat(orders).as("the random inputs must exercise ordering").isGreaterThan(500);
  }

  @Test
  void givenEmpiricalFamily_whenPlanned_thenTheBootstrapOfTheHistorySetsMeanAndLevel() {
    // history mean 38 / 24 = 1.5833 per 30-day period (population sd 2.515); lead time 60 days
    // fixed -> L = 2 periods, so the bootstrap of lead-time demand has mean 2 * 1.5833 = 3.1667
    // (one draw has sd sqrt(2) * 2.515 = 3.557; over 2,000 draws the standard error is 0.080, and
    // the tolerance 0.4 is 5 of them).
    double[] history = {0, 0, 6, 0, 4, 0, 0, 2, 0, 6, 0, 0, 0, 8, 0, 2, 0, 0, 4, 0, 0, 6, 0, 0};
    PlanningRequest request =
        new PlanningRequest(steady(2, 1), new LeadTime(60, 0, "test"),
            new ItemEconomics(10, 0.2, 50, 1, 0, null), EMPTY, ServiceTarget.cycleService(0.9),
            PolicyType.S_S, 0, io.demandcast.inventory.distribution.DemandDistributions.Family.EMPIRICAL,
            history);

    Recommendation r = ReplenishmentPlanner.plan(request);

    assertThat(r.distribution()).isEqualTo("empirical");
    assertThat(r.leadTimeDemandMean()).isCloseTo(3.1667, within(0.4));
    // alpha = 0.9: the 90% quantile of the bootstrap, which is a sum of two history values here
    assertThat(r.reorderPoint()).isBetween(8.0, 12.0);
    assertThat(r.expectedCycleService()).isGreaterThanOrEqualTo(0.9);
    assertThat(ReplenishmentPlanner.plan(request)).as("seeded by the history").isEqualTo(r);
    assertThatThrownBy(
            () -> new PlanningRequest(steady(2, 1), new LeadTime(60, 0, "test"),
                new ItemEconomics(10, 0.2, 50, 1, 0, null), EMPTY, ServiceTarget.cycleService(0.9),
                PolicyType.S_S, 0,
                io.demandcast.inventory.distribution.DemandDistributions.Family.EMPIRICAL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EMPIRICAL needs a non-empty demand history, was null");
  }

  @Test
  void givenPeriodicReview_whenOrderBelowMoq_thenMoqReasonOnlyWhenTheMoqRaisedThisOrder() {
    // (R, S), no variance: S = demand over L + R = 10/day * (20 + 10) days = 300 units.
    // EOQ = sqrt(2 * 3650 * 1 / 2) = 60.4, below the MOQ of 120.
    DemandForecast forecast = new DemandForecast(1, new double[] {10}, new double[] {0});
    ItemEconomics economics = new ItemEconomics(10, 0.2, 1, 1, 120, null);
    Recommendation small =
        ReplenishmentPlanner.plan(
            new PlanningRequest(forecast, new LeadTime(20, 0, "test"), economics,
                new StockPosition(250, 0, 0, 0), ServiceTarget.fillRate(0.9), PolicyType.R_S, 10,
                io.demandcast.inventory.distribution.DemandDistributions.Family.NORMAL));
    Recommendation large =
        ReplenishmentPlanner.plan(
            new PlanningRequest(forecast, new LeadTime(20, 0, "test"), economics,
                new StockPosition(100, 0, 0, 0), ServiceTarget.fillRate(0.9), PolicyType.R_S, 10,
                io.demandcast.inventory.distribution.DemandDistributions.Family.NORMAL));

    assertThat(small.orderUpTo()).isCloseTo(300.0, within(1e-9));
    // S - IP = 50 < MOQ 120: the MOQ raised this order
    assertThat(small.recommendedOrderQty()).isEqualTo(120.0);
    assertThat(small.reason())
        .isEqualTo("below order-up-to level at review: order 120 units; MOQ raised the order");
    // S - IP = 200 >= MOQ: no MOQ reason, although the EOQ of this item is below its MOQ
    assertThat(large.recommendedOrderQty()).isEqualTo(200.0);
    assertThat(large.reason()).isEqualTo("below order-up-to level at review: order 200 units");
  }

  /** 12 to 36 periods of demand, about half of them zero (what the empirical family resamples). */
  static double[] randomHistory(SplittableRandom random) {
    double[] history = new double[random.nextInt(12, 37)];
    for (int i = 0; i < history.length; i++) {
      history[i] = random.nextBoolean() ? 0 : random.nextInt(1, 200);
    }
    return history;
  }

  private static DemandForecast steady(double mean, double sd) {
    return new DemandForecast(30, new double[] {mean, mean, mean}, new double[] {sd, sd, sd});
  }

  private static ItemEconomics economics(int casePack, double moq) {
    return new ItemEconomics(10, 0.25, 50, casePack, moq, null);
  }

  static DemandForecast randomForecast(SplittableRandom random) {
    double[] periodDays = {1, 7, 30.4375};
    int horizon = random.nextInt(1, 13);
    boolean noDemand = random.nextInt(10) == 0;
    double[] mean = new double[horizon];
    double[] sd = new double[horizon];
    for (int i = 0; i < horizon; i++) {
      mean[i] = noDemand || random.nextInt(8) == 0 ? 0 : random.nextDouble(0, 500);
      sd[i] = random.nextInt(5) == 0 ? 0 : random.nextDouble(0, 1.5 * mean[i] + 10);
    }
    return new DemandForecast(periodDays[random.nextInt(periodDays.length)], mean, sd);
  }

  static LeadTime randomLeadTime(SplittableRandom random) {
    double meanDays = random.nextInt(8) == 0 ? 0 : random.nextDouble(0, 120);
    double sdDays = random.nextInt(3) == 0 ? 0 : random.nextDouble(0, 20);
    return new LeadTime(meanDays, sdDays, "random");
  }

  static ItemEconomics randomEconomics(SplittableRandom random) {
    return new ItemEconomics(
        random.nextDouble(0.01, 100),
        random.nextInt(6) == 0 ? 0 : random.nextDouble(0, 0.5),
        random.nextInt(6) == 0 ? 0 : random.nextDouble(0, 300),
        random.nextInt(1, 49),
        random.nextInt(3) == 0 ? 0 : random.nextDouble(0, 400),
        random.nextInt(3) == 0 ? random.nextInt(1, 366) : null);
  }

  static StockPosition randomStock(SplittableRandom random) {
    double onHand = random.nextInt(4) == 0 ? 0 : random.nextDouble(0, 3000);
    return new StockPosition(
        onHand,
        random.nextInt(4) == 0 ? onHand * random.nextDouble() : 0,
        random.nextInt(2) == 0 ? 0 : random.nextDouble(0, 1000),
        random.nextInt(3) == 0 ? random.nextDouble(0, 500) : 0);
  }
}
