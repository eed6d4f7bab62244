package io.demandcast.pipelines.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.pipelines.report.InventoryProjection.Arrival;
import io.demandcast.pipelines.report.InventoryProjection.Point;
import io.demandcast.pipelines.report.InventoryProjection.Projection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lead-time demand, days of cover and the projected stock, against hand computations. */
class InventoryProjectionTest {
  private static final double MONTH = 30.4375;

  @Test
  void givenMonthlyForecast_whenDemandOverDays_thenWholePeriodsPlusTheShareOfTheLast() {
    double[] means = {10, 20, 30};
    assertThat(InventoryProjection.demandOver(means, MONTH, 0)).isZero();
    assertThat(InventoryProjection.demandOver(means, MONTH, MONTH)).isEqualTo(10.0);
    // 1.5 months: 10 + half of 20
    assertThat(InventoryProjection.demandOver(means, MONTH, 1.5 * MONTH)).isCloseTo(20.0, within(1e-9));
    // beyond the horizon the mean of the means (20) a month: 60 + 20 + 0.25 x 20
    assertThat(InventoryProjection.demandOver(means, MONTH, 4.25 * MONTH)).isCloseTo(85.0, within(1e-9));
    assertThat(InventoryProjection.demandOver(new double[0], MONTH, 40)).isZero();
    // weeks: 10 days are a week and 3/7 of the next
    assertThat(InventoryProjection.demandOver(new double[] {7, 14}, 7, 10)).isCloseTo(13.0, within(1e-9));
  }

  @Test
  void givenStock_whenDaysOfCover_thenAvailableOverDailyDemandOfTheProtectionInterval() {
    double[] flat = {1.5, 1.5, 1.5, 1.5, 1.5, 1.5};
    // 9 units at 1.5 a month (0.04928 a day) last 182.6 days, whatever the interval
    assertThat(InventoryProjection.daysOfCover(9, flat, MONTH, 117.19)).isCloseTo(182.625, within(1e-9));
    // the demo's SKU 90513081 (as inventory_recommendations.days_of_cover says: 177.2889)
    double[] demo = {1.6052, 1.5142, 1.5308, 1.5278, 1.5283, 1.5282, 1.5282, 1.5282, 1.5282,
      1.5282, 1.5282, 1.5282};
    assertThat(InventoryProjection.daysOfCover(9, demo, MONTH, 103.1863 + 14))
        .isCloseTo(177.2889, within(1e-3));
    // no interval: the first period's daily demand
    assertThat(InventoryProjection.daysOfCover(10, new double[] {7}, 7, 0)).isEqualTo(10.0);
    assertThat(InventoryProjection.daysOfCover(10, new double[] {0, 0}, 7, 14)).isNull();
    assertThat(InventoryProjection.daysOfCover(10, new double[0], 7, 14)).isNull();
  }

  @Test
  void givenDatedOpenOrders_whenProjected_thenOnHandRisesOnTheirDaysAndTheOrderAfterTheLeadTime() {
    // 7 a week (1 a day), 20 available, 30 on order (10 on day 3, 20 on day 5), order 12 now,
    // lead time 6 days, no review
    Projection p =
        InventoryProjection.project(
            20, 50, 12, List.of(new Arrival(3, 10), new Arrival(5, 20)), new double[] {7, 7}, 7,
            6, 0);

    assertThat(p.days()).isEqualTo(6.0);
    assertThat(p.position()).containsExactly(new Point(0, 50), new Point(3, 47), new Point(5, 45),
        new Point(6, 44));
    assertThat(p.positionWithOrder()).extracting(Point::units).containsExactly(62.0, 59.0, 57.0, 56.0);
    assertThat(p.onHand())
        .containsExactly(
            new Point(0, 20), new Point(3, 17), new Point(3, 27), new Point(5, 25),
            new Point(5, 45), new Point(6, 44), new Point(6, 56));
  }

  @Test
  void givenReviewPeriodAndUndatedOrders_whenProjected_thenOverLeadTimePlusReviewFromDayZero() {
    // 30.4375 days a month, 1 unit a day; 14-day review; on order 5 arrived (overdue) on day 0
    Projection p =
        InventoryProjection.project(
            10, 15, 0, List.of(new Arrival(0, 5)), new double[] {MONTH, MONTH}, MONTH, 40, 14);

    assertThat(p.days()).isEqualTo(54.0);
    assertThat(p.leadTimeDays()).isEqualTo(40.0);
    assertThat(p.onHand().get(0)).isEqualTo(new Point(0, 15));
    assertThat(p.onHand()).extracting(Point::day).containsExactly(0.0, MONTH, 54.0);
    assertThat(p.onHand().get(2).units()).isCloseTo(15 - 54, within(1e-9));
    // no order, no jump at the lead time; with nothing on order the position is the on-hand line
    assertThat(p.position()).isEqualTo(p.onHand());
  }

  @Test
  void givenNoLeadTime_whenProjected_thenOnePeriodWithTheOrderThere() {
    Projection p = InventoryProjection.project(0, 0, 8, List.of(), new double[] {7}, 7, 0, 0);
    assertThat(p.days()).isEqualTo(7.0);
    assertThat(p.onHand()).containsExactly(new Point(0, 8), new Point(7, 1));
  }
}
