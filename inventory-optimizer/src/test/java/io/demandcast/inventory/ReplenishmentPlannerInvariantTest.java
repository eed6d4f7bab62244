package io.demandcast.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.inventory.distribution.DemandDistributions;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Invariants of {@link ReplenishmentPlanner#plan} over seeded random inputs, for each policy ×
 * service measure × distribution family (normal, discrete), and the rejection of bad settings with
 * a message naming the value.
 *
 * <ul>
 *   <li>no demand or lead-time variability: safety stock exactly 0, whatever the target;
 *   <li>reorder point (order-up-to level for (R, S)) non-decreasing as the target rises from 0.50
 *       to 0.995;
 *   <li>expected fill rate and cycle service non-decreasing in that level;
 *   <li>order quantity and lot a whole number of case packs and at least the MOQ.
 * </ul>
 */
class ReplenishmentPlannerInvariantTest {
  private static final int CASES = 200;

  /** 0.50, 0.51, …, 0.99, 0.995. */
  private static final double[] RISING_TARGETS = risingTargets();

  /**
   * Slack for the fill-rate monotonicity: the normal fill rate is a difference of loss functions,
   * good to about 10⁻¹⁵; levels a bisection tolerance apart may differ in it only by that noise.
   */
  private static final double ROUNDING = 1e-12;

  static Stream<Arguments> policiesMeasuresFamilies() {
    List<Arguments> combinations = new ArrayList<>();
    for (PolicyType policy : PolicyType.values()) {
      for (ServiceTarget.Measure measure : ServiceTarget.Measure.values()) {
        for (DemandDistributions.Family family :
            new DemandDistributions.Family[] {
              DemandDistributions.Family.NORMAL, DemandDistributions.Family.DISCRETE
            }) {
          combinations.add(Arguments.of(policy, measure, family));
        }
      }
    }
    return combinations.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("policiesMeasuresFamilies")
  void givenNoDemandOrLeadTimeVariability_whenPlanning_thenSafetyStockIsExactlyZero(
      PolicyType policy, ServiceTarget.Measure measure, DemandDistributions.Family family) {
    SplittableRandom random = new SplittableRandom(seed(1, policy, measure, family));
    for (int i = 0; i < CASES; i++) {
      DemandForecast forecast = randomForecast(random, false);
      LeadTime leadTime = new LeadTime(random.nextDouble(0, 90), 0, "fixed");
      // Any target, including extreme ones.
      double level =
          i % 4 == 0
              ? new double[] {1e-6, 0.5, 0.999999}[i / 4 % 3]
              : random.nextDouble(0.001, 0.999);
      PlanningRequest request =
          new PlanningRequest(
              forecast,
              leadTime,
              randomEconomics(random),
              randomStock(random),
              new ServiceTarget(measure, level),
              policy,
              reviewPeriod(random, policy),
              family);

      Recommendation r = ReplenishmentPlanner.plan(request);

      assertThat(r.leadTimeDemandSd()).as("case %d: %s", i, request).isZero();
      assertThat(r.safetyStock()).as("case %d: %s", i, r).isZero();
      assertThat(r.reorderPoint()).as("case %d: %s", i, r).isEqualTo(r.leadTimeDemandMean());
      assertThat(r.expectedFillRate()).as("case %d: %s", i, r).isEqualTo(1.0);
      assertThat(r.expectedCycleService()).as("case %d: %s", i, r).isEqualTo(1.0);
    }
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("policiesMeasuresFamilies")
  void givenRisingTarget_whenPlanning_thenLevelNonDecreasingAndServiceNonDecreasingInLevel(
      PolicyType policy, ServiceTarget.Measure measure, DemandDistributions.Family family) {
    SplittableRandom random = new SplittableRandom(seed(2, policy, measure, family));
    int risingCases = 0;
    for (int i = 0; i < CASES; i++) {
      DemandForecast forecast = randomForecast(random, true);
      LeadTime leadTime = randomLeadTime(random);
      ItemEconomics economics = randomEconomics(random);
      StockPosition stock = randomStock(random);
      double review = reviewPeriod(random, policy);

      Recommendation first = null;
      Recommendation previous = null;
      for (double level : RISING_TARGETS) {
        PlanningRequest request =
            new PlanningRequest(
                forecast,
                leadTime,
                economics,
                stock,
                new ServiceTarget(measure, level),
                policy,
                review,
                family);
        Recommendation r = ReplenishmentPlanner.plan(request);
        // For (R, S) reorderPoint() is the order-up-to level S (and equals orderUpTo()).
        assertThat(r.orderUpTo())
            .as("case %d: %s", i, r)
            .isEqualTo(
                policy == PolicyType.R_S ? r.reorderPoint() : r.reorderPoint() + r.orderQuantity());
        if (previous != null) {
          String context = String.format("case %d, target %s: %s after %s", i, level, r, previous);
          assertThat(r.reorderPoint()).as(context).isGreaterThanOrEqualTo(previous.reorderPoint());
          assertThat(r.expectedFillRate())
              .as(context)
              .isGreaterThanOrEqualTo(previous.expectedFillRate() - ROUNDING);
          assertThat(r.expectedCycleService())
              .as(context)
              .isGreaterThanOrEqualTo(previous.expectedCycleService() - ROUNDING);
          if (r.reorderPoint() == previous.reorderPoint()) {
            assertThat(r.expectedFillRate()).as(context).isEqualTo(previous.expectedFillRate());
          }
        }
        if (first == null) {
          first = r;
        }
        previous = r;
      }
      if (previous.reorderPoint() > first.reorderPoint()) {
        risingCases++;
      }
    }
    assertThat(risingCases).as("cases whose level rises with the target").isGreaterThan(CASES / 2);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("policiesMeasuresFamilies")
  void givenRandomInputs_whenPlanning_thenOrdersAndLotsAreWholeCasesAtLeastMoq(
      PolicyType policy, ServiceTarget.Measure measure, DemandDistributions.Family family) {
    SplittableRandom random = new SplittableRandom(seed(3, policy, measure, family));
    int orders = 0;
    for (int i = 0; i < CASES; i++) {
      ItemEconomics economics = randomEconomics(random);
      PlanningRequest request =
          new PlanningRequest(
              randomForecast(random, random.nextInt(3) != 0),
              randomLeadTime(random),
              economics,
              randomStock(random),
              new ServiceTarget(measure, random.nextDouble(0.5, 0.999)),
              policy,
              reviewPeriod(random, policy),
              family);

      Recommendation r = ReplenishmentPlanner.plan(request);

      int casePack = economics.casePack();
      if (r.recommendedOrderQty() > 0) {
        orders++;
        assertThat(r.recommendedOrderQty() % casePack).as("case %d: %s", i, r).isZero();
        assertThat(r.recommendedOrderQty())
            .as("case %d: %s", i, r)
            .isGreaterThanOrEqualTo(economics.moq());
      }
      // The lot Q of the continuous policies (for (R, S) orderQuantity() is the demand per review).
      if (policy != PolicyType.R_S && r.orderQuantity() > 0) {
        assertThat(r.orderQuantity() % casePack).as("case %d: %s", i, r).isZero();
        assertThat(r.orderQuantity())
            .as("case %d: %s", i, r)
            .isGreaterThanOrEqualTo(economics.moq());
      }
    }
    assertThat(orders).as("the random inputs must exercise ordering").isGreaterThan(CASES / 4);
  }

  // ---- bad settings ----

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 1.0, -0.5, 1.000001, 37.0, Double.NaN, Double.POSITIVE_INFINITY})
  void givenServiceLevelOutsideOpenUnitInterval_whenCreatingTarget_thenRejectedNamingValue(
      double level) {
    for (ServiceTarget.Measure measure : ServiceTarget.Measure.values()) {
      assertThatThrownBy(() -> new ServiceTarget(measure, level))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(measure.code())
          .hasMessageEndingWith("was " + level);
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.01, -250.0, Double.NEGATIVE_INFINITY, Double.NaN})
  void givenNegativeOrNonFiniteCost_whenCreatingEconomics_thenRejectedNamingFieldAndValue(
      double bad) {
    assertThatThrownBy(() -> new ItemEconomics(bad, 0.2, 10, 1, 0, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unitCost must be finite and > 0, was " + bad);
    assertThatThrownBy(() -> new ItemEconomics(5, bad, 10, 1, 0, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("holdingCostRate must be finite and >= 0, was " + bad);
    assertThatThrownBy(() -> new ItemEconomics(5, 0.2, bad, 1, 0, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("orderCost must be finite and >= 0, was " + bad);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.5, -14.0, Double.NaN, Double.POSITIVE_INFINITY})
  void givenNegativeOrNonFiniteLeadTime_whenCreatingLeadTime_thenRejectedNamingFieldAndValue(
      double bad) {
    assertThatThrownBy(() -> new LeadTime(bad, 2, "supplier X"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("meanDays must be finite and >= 0, was " + bad);
    assertThatThrownBy(() -> new LeadTime(10, bad, "supplier X"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sdDays must be finite and >= 0, was " + bad);
  }

  @ParameterizedTest
  @EnumSource(PolicyType.class)
  void givenNegativeReviewPeriod_whenCreatingRequest_thenRejectedNamingValue(PolicyType policy) {
    assertThatThrownBy(() -> request(policy, -7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reviewPeriodDays must be finite and >= 0, was -7.0");
  }

  @ParameterizedTest
  @EnumSource(
      value = PolicyType.class,
      names = {"S_Q", "S_S"})
  void givenReviewPeriodOnContinuousPolicy_whenCreatingRequest_thenRejectedNamingValue(
      PolicyType policy) {
    assertThatThrownBy(() -> request(policy, 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "reviewPeriodDays must be 0 for continuous review " + policy.label() + ", was 7.0");
  }

  @Test
  void givenNoReviewPeriodOnPeriodicPolicy_whenCreatingRequest_thenRejectedNamingValue() {
    assertThatThrownBy(() -> request(PolicyType.R_S, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reviewPeriodDays must be > 0 for an (R, S) policy, was 0.0");
  }

  private static PlanningRequest request(PolicyType policy, double reviewPeriodDays) {
    return new PlanningRequest(
        new DemandForecast(7, new double[] {10}, new double[] {3}),
        new LeadTime(7, 1, "test"),
        new ItemEconomics(5, 0.2, 10, 1, 0, null),
        new StockPosition(0, 0, 0, 0),
        ServiceTarget.fillRate(0.95),
        policy,
        reviewPeriodDays,
        DemandDistributions.Family.NORMAL);
  }

  // ---- random inputs ----

  private static long seed(
      int test,
      PolicyType policy,
      ServiceTarget.Measure measure,
      DemandDistributions.Family family) {
    return 20_250_000L
        + 1_000L * test
        + 100L * policy.ordinal()
        + 10L * measure.ordinal()
        + family.ordinal();
  }

  private static double[] risingTargets() {
    double[] targets = new double[51];
    for (int i = 0; i < 50; i++) {
      targets[i] = (50 + i) / 100.0;
    }
    targets[50] = 0.995;
    return targets;
  }

  /**
   * 1 to 12 periods of 1, 7 or 30.4375 days; means log-uniform from 0.05 to 500 units per period
   * (slow to fast movers; none 0, so there is demand), each period's sd a coefficient of variation
   * of 0.05 to 1.5 times its mean when {@code variable}, else 0.
   */
  private static DemandForecast randomForecast(SplittableRandom random, boolean variable) {
    double[] periodDays = {1, 7, 30.4375};
    int horizon = random.nextInt(1, 13);
    double[] mean = new double[horizon];
    double[] sd = new double[horizon];
    double scale = Math.exp(random.nextDouble(Math.log(0.05), Math.log(500)));
    for (int i = 0; i < horizon; i++) {
      mean[i] = scale * random.nextDouble(0.5, 1.5);
      sd[i] = variable ? mean[i] * random.nextDouble(0.05, 1.5) : 0;
    }
    return new DemandForecast(periodDays[random.nextInt(periodDays.length)], mean, sd);
  }

  private static LeadTime randomLeadTime(SplittableRandom random) {
    return new LeadTime(
        random.nextDouble(1, 90), random.nextInt(3) == 0 ? 0 : random.nextDouble(0, 15), "random");
  }

  private static double reviewPeriod(SplittableRandom random, PolicyType policy) {
    return policy == PolicyType.R_S ? random.nextInt(1, 29) : 0;
  }

  private static ItemEconomics randomEconomics(SplittableRandom random) {
    return new ItemEconomics(
        random.nextDouble(0.05, 200),
        random.nextInt(5) == 0 ? 0 : random.nextDouble(0.05, 0.4),
        random.nextInt(5) == 0 ? 0 : random.nextDouble(1, 300),
        random.nextInt(4) == 0 ? 1 : random.nextInt(2, 49),
        random.nextInt(3) == 0 ? 0 : random.nextDouble(0, 400),
        random.nextInt(4) == 0 ? random.nextInt(1, 366) : null);
  }

  /** Often empty or backordered, so that orders are due. */
  private static StockPosition randomStock(SplittableRandom random) {
    double onHand = random.nextBoolean() ? 0 : random.nextDouble(0, 2_000);
    return new StockPosition(
        onHand,
        random.nextInt(4) == 0 ? onHand * random.nextDouble() : 0,
        random.nextInt(2) == 0 ? 0 : random.nextDouble(0, 1_000),
        random.nextInt(3) == 0 ? random.nextDouble(0, 500) : 0);
  }
}
