package io.demandcast.pipelines.transforms;

import static io.demandcast.connectors.schema.CanonicalTables.ERP_INVENTORY;
import static io.demandcast.connectors.schema.CanonicalTables.ERP_ITEMS;
import static io.demandcast.connectors.schema.CanonicalTables.ERP_PURCHASE_ORDERS;
import static io.demandcast.connectors.schema.CanonicalTables.ERP_SALES;
import static io.demandcast.pipelines.transforms.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.pipelines.model.DemandSeries;
import io.demandcast.pipelines.model.ItemInfo;
import io.demandcast.pipelines.model.PeriodType;
import io.demandcast.pipelines.model.StockSnapshot;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

/** Demand series, stock snapshots, open orders and item defaults from one SKU's rows. */
class DemandSeriesAssemblyTest {

  private static Row sale(String location, LocalDate date, Double quantity) {
    return row(ERP_SALES, "sku", "A", "location", location, "date", date, "quantity", quantity);
  }

  private static Row snapshot(String location, LocalDate date, double onHand, Double quarantined) {
    return row(ERP_INVENTORY, "sku", "A", "location", location, "snapshot_date", date,
        "on_hand", onHand, "quarantined", quarantined);
  }

  private static Row po(String id, String location, double quantity, String status) {
    return row(ERP_PURCHASE_ORDERS, "po_id", id, "sku", "A", "location", location,
        "quantity", quantity, "order_date", LocalDate.of(2026, 1, 2), "status", status);
  }

  private static List<DemandSeries> monthly(List<Row> sales, List<Row> missing, LocalDate last) {
    return DemandSeriesAssembly.series("A", sales, missing, PeriodType.MONTH, last);
  }

  // ------------------------------------------------------------------ series

  @Test
  void givenTwoSalesInOneMonthAndAGapMonth_whenSeries_thenSummedAndZeroFilled() {
    List<Row> sales = List.of(
        sale("DC1", LocalDate.of(2026, 1, 5), 3.0),
        sale("DC1", LocalDate.of(2026, 1, 20), 4.0),
        sale("DC1", LocalDate.of(2026, 3, 10), 5.0));

    List<DemandSeries> series = monthly(sales, List.of(), LocalDate.of(2026, 4, 1));

    // Jan 3 + 4 = 7, Feb none = 0, Mar 5, Apr (up to lastPeriod) 0
    assertThat(series).singleElement().satisfies(s -> {
      assertThat(s.sku()).isEqualTo("A");
      assertThat(s.location()).isEqualTo("DC1");
      assertThat(s.firstPeriod()).isEqualTo(LocalDate.of(2026, 1, 1));
      assertThat(s.history()).containsExactly(7.0, 0.0, 5.0, 0.0);
      assertThat(s.missingPeriods()).isZero();
    });
  }

  @Test
  void givenMissingQuantityRowInAMonthWithSales_whenSeries_thenThatMonthIsNaN() {
    List<Row> sales = List.of(
        sale("DC1", LocalDate.of(2026, 1, 5), 3.0),
        sale("DC1", LocalDate.of(2026, 2, 3), 2.0));
    List<Row> missing = List.of(sale("DC1", LocalDate.of(2026, 2, 17), null));

    List<DemandSeries> series = monthly(sales, missing, LocalDate.of(2026, 3, 1));

    // Jan 3, Feb NaN whatever else sold in it, Mar 0
    assertThat(series).singleElement().satisfies(s -> {
      double[] h = s.history();
      assertThat(h).hasSize(3);
      assertThat(h[0]).isEqualTo(3.0);
      assertThat(h[1]).isNaN();
      assertThat(h[2]).isEqualTo(0.0);
      assertThat(s.missingPeriods()).isEqualTo(1);
    });
  }

  @Test
  void givenMissingQuantityRowBeforeLaterSalesInTheSameMonth_whenSeries_thenStillNaN() {
    // the order of the rows does not matter: missing wins over a later-listed sale of the month
    List<Row> sales = List.of(
        sale("DC1", LocalDate.of(2026, 1, 5), 3.0),
        sale("DC1", LocalDate.of(2026, 2, 28), 9.0));
    List<Row> missing = List.of(sale("DC1", LocalDate.of(2026, 2, 1), null));

    List<DemandSeries> series = monthly(sales, missing, LocalDate.of(2026, 2, 1));

    assertThat(series).singleElement().satisfies(s -> {
      assertThat(s.history()[0]).isEqualTo(3.0);
      assertThat(s.history()[1]).isNaN();
    });
  }

  @Test
  void givenMissingQuantityBeforeTheFirstRecordedSale_whenSeries_thenStartsAtFirstRecordedMonth() {
    // December's quantity was not recorded and nothing was recorded before it: the series starts
    // at the first month with a recorded quantity, January
    List<Row> sales = List.of(sale("DC1", LocalDate.of(2026, 1, 9), 4.0));
    List<Row> missing = List.of(sale("DC1", LocalDate.of(2025, 12, 9), null));

    List<DemandSeries> series = monthly(sales, missing, LocalDate.of(2026, 2, 1));

    assertThat(series).singleElement().satisfies(s -> {
      assertThat(s.firstPeriod()).isEqualTo(LocalDate.of(2026, 1, 1));
      assertThat(s.history()).containsExactly(4.0, 0.0);
    });
  }

  @Test
  void givenFirstSaleInNovember_whenSeries_thenStartsThereAndRunsToLastPeriod() {
    List<Row> sales = List.of(sale("DC1", LocalDate.of(2025, 11, 15), 6.0));

    List<DemandSeries> series = monthly(sales, List.of(), LocalDate.of(2026, 2, 1));

    // Nov, Dec, Jan, Feb: 4 months, the last three zero-filled
    assertThat(series).singleElement().satisfies(s -> {
      assertThat(s.firstPeriod()).isEqualTo(LocalDate.of(2025, 11, 1));
      assertThat(s.history()).containsExactly(6.0, 0.0, 0.0, 0.0);
    });
  }

  @Test
  void givenTwoLocations_whenSeries_thenOneSeriesEachOrderedByLocation() {
    List<Row> sales = List.of(
        sale("DC2", LocalDate.of(2026, 2, 1), 1.0),
        sale("DC1", LocalDate.of(2026, 1, 1), 2.0),
        sale("DC2", LocalDate.of(2026, 3, 1), 3.0));

    List<DemandSeries> series = monthly(sales, List.of(), LocalDate.of(2026, 3, 1));

    assertThat(series).extracting(DemandSeries::location).containsExactly("DC1", "DC2");
    // DC1: Jan 2, Feb 0, Mar 0; DC2 starts at its own first month: Feb 1, Mar 3
    assertThat(series.get(0).firstPeriod()).isEqualTo(LocalDate.of(2026, 1, 1));
    assertThat(series.get(0).history()).containsExactly(2.0, 0.0, 0.0);
    assertThat(series.get(1).firstPeriod()).isEqualTo(LocalDate.of(2026, 2, 1));
    assertThat(series.get(1).history()).containsExactly(1.0, 3.0);
  }

  @Test
  void givenWeeklyPeriods_whenSeries_thenPeriodsStartOnMonday() {
    // 2026-01-01 is a Thursday: its ISO week starts Monday 2025-12-29
    List<Row> sales = List.of(
        sale("DC1", LocalDate.of(2026, 1, 1), 1.0), // Thu, week of Mon 2025-12-29
        sale("DC1", LocalDate.of(2026, 1, 4), 2.0), // Sun, same week
        sale("DC1", LocalDate.of(2026, 1, 5), 4.0), // Mon, next week
        sale("DC1", LocalDate.of(2026, 1, 11), 8.0)); // Sun, week of Mon 2026-01-05

    List<DemandSeries> series = DemandSeriesAssembly.series(
        "A", sales, List.of(), PeriodType.WEEK, LocalDate.of(2026, 1, 19));

    // weeks of 12-29, 01-05, 01-12, 01-19: 1 + 2 = 3, 4 + 8 = 12, 0, 0
    assertThat(series).singleElement().satisfies(s -> {
      assertThat(s.firstPeriod()).isEqualTo(LocalDate.of(2025, 12, 29));
      assertThat(s.firstPeriod().getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
      assertThat(s.history()).containsExactly(3.0, 12.0, 0.0, 0.0);
    });
  }

  @Test
  void givenDailyPeriods_whenSeries_thenOneValuePerDayAcrossYearEnd_gapsZero_missingDayNaN() {
    List<Row> sales = List.of(
        sale("DC1", LocalDate.of(2025, 12, 30), 2.0),
        sale("DC1", LocalDate.of(2025, 12, 30), 3.0), // the same day: summed
        sale("DC1", LocalDate.of(2026, 1, 2), 4.0)); // 12-31 and 01-01 without a sale
    List<Row> missing = List.of(sale("DC1", LocalDate.of(2026, 1, 3), null));

    List<DemandSeries> series = DemandSeriesAssembly.series(
        "A", sales, missing, PeriodType.DAY, LocalDate.of(2026, 1, 5));

    // 12-30 .. 01-05: 5, 0, 0, 4, NaN (not recorded), 0, 0
    assertThat(series).singleElement().satisfies(s -> {
      assertThat(s.firstPeriod()).isEqualTo(LocalDate.of(2025, 12, 30));
      assertThat(s.history()).hasSize(7);
      assertThat(s.history()[0]).isEqualTo(5.0);
      assertThat(s.history()[1]).isZero();
      assertThat(s.history()[2]).isZero();
      assertThat(s.history()[3]).isEqualTo(4.0);
      assertThat(s.history()[4]).isNaN();
      assertThat(s.history()[5]).isZero();
      assertThat(s.history()[6]).isZero();
      assertThat(s.missingPeriods()).isEqualTo(1);
    });
  }

  @Test
  void givenSalesInAnyOrder_whenSeries_thenTotalEqualsSumOfQuantities() {
    // invariant: zero-filling and bucketing neither lose nor invent units
    List<Row> sales = new ArrayList<>();
    double total = 0;
    for (int i = 0; i < 40; i++) {
      double q = (i * 7) % 5;
      total += q;
      sales.add(sale(i % 2 == 0 ? "DC1" : "DC2", LocalDate.of(2024, 1, 1).plusDays(17L * i), q));
    }
    // the last sale is on 2024-01-01 + 663 days = 2025-10-25
    List<DemandSeries> series = monthly(sales, List.of(), LocalDate.of(2025, 12, 1));
    double sum = series.stream().flatMapToDouble(s -> java.util.Arrays.stream(s.history())).sum();
    assertThat(sum).isEqualTo(total);
    assertThat(series).allSatisfy(s -> assertThat(
        PeriodType.MONTH.plus(s.firstPeriod(), s.history().length - 1))
        .isEqualTo(LocalDate.of(2025, 12, 1)));
  }

  // ------------------------------------------------------------------ latestSnapshots

  @Test
  void givenSnapshotsOnTwoDates_whenLatest_thenLaterDateWinsWhicheverComesFirst() {
    Row older = snapshot("DC1", LocalDate.of(2026, 1, 1), 500, null);
    Row newer = snapshot("DC1", LocalDate.of(2026, 1, 31), 2, 1.0);

    for (List<Row> rows : List.of(List.of(older, newer), List.of(newer, older))) {
      Map<String, StockSnapshot> latest = DemandSeriesAssembly.latestSnapshots(rows);
      assertThat(latest).containsOnlyKeys("DC1");
      assertThat(latest.get("DC1"))
          .isEqualTo(new StockSnapshot(LocalDate.of(2026, 1, 31), 2, 1.0));
    }
  }

  @Test
  void givenTwoSnapshotsOnTheSameDate_whenLatest_thenLargerOnHandWhicheverComesFirst() {
    LocalDate day = LocalDate.of(2026, 1, 31);
    Row small = snapshot("DC1", day, 3, 0.0);
    Row large = snapshot("DC1", day, 8, 0.0);

    for (List<Row> rows : List.of(List.of(small, large), List.of(large, small))) {
      assertThat(DemandSeriesAssembly.latestSnapshots(rows).get("DC1").onHand()).isEqualTo(8.0);
    }
  }

  /**
   * Regression test: on the same day with the same on-hand, {@code later()} keeps whichever
   * snapshot came first ({@code a.onHand() >= b.onHand() ? a : b}), so the quarantined units, and
   * with them the inventory position and the order, depend on the input order that the
   * CoGroupByKey does not fix. The javadoc promises that the result does not depend on it.
   */
  @Test
  void givenSameDateAndOnHandButDifferentQuarantined_whenLatest_thenSameWhicheverComesFirst() {
    LocalDate day = LocalDate.of(2026, 1, 31);
    Row two = snapshot("DC1", day, 10, 2.0);
    Row five = snapshot("DC1", day, 10, 5.0);

    StockSnapshot ab = DemandSeriesAssembly.latestSnapshots(List.of(two, five)).get("DC1");
    StockSnapshot ba = DemandSeriesAssembly.latestSnapshots(List.of(five, two)).get("DC1");

    assertThat(ab).isEqualTo(ba);
  }

  @Test
  void givenSnapshotsAtTwoLocationsAndNullQuarantined_whenLatest_thenOnePerLocationQuarantined0() {
    Map<String, StockSnapshot> latest = DemandSeriesAssembly.latestSnapshots(List.of(
        snapshot("DC2", LocalDate.of(2026, 1, 31), 7, null),
        snapshot("DC1", LocalDate.of(2026, 1, 30), 4, 2.0)));
    assertThat(latest).containsOnlyKeys("DC1", "DC2");
    assertThat(latest.get("DC2")).isEqualTo(new StockSnapshot(LocalDate.of(2026, 1, 31), 7, 0));
    assertThat(latest.get("DC1")).isEqualTo(new StockSnapshot(LocalDate.of(2026, 1, 30), 4, 2));
  }

  // ------------------------------------------------------------------ onOrder

  @Test
  void givenOrdersOfEveryStatus_whenOnOrder_thenOnlyOpenSummedPerLocation() {
    Map<String, Double> onOrder = DemandSeriesAssembly.onOrder(List.of(
        po("P1", "DC1", 10, "open"),
        po("P2", "DC1", 5, "OPEN"),
        po("P3", "DC1", 99, "received"),
        po("P4", "DC1", 77, "cancelled"),
        po("P5", "DC2", 3, " Open "),
        po("P6", "DC3", 40, "Cancelled")));
    // DC1: 10 + 5 (99 received and 77 cancelled are not on order); DC2: 3; DC3: nothing open
    assertThat(onOrder).containsExactlyInAnyOrderEntriesOf(Map.of("DC1", 15.0, "DC2", 3.0));
  }

  // ------------------------------------------------------------------ itemInfo

  private static final io.demandcast.pipelines.model.DataRules RULES =
      io.demandcast.pipelines.model.DataRules.defaults(java.time.LocalDate.of(2026, 1, 1));

  @Test
  void givenItemWithNullCasePackAndMoq_whenItemInfo_thenDefaults1And0() {
    ItemInfo info = DemandSeriesAssembly.itemInfo(row(ERP_ITEMS, "sku", "A", "unit_cost", 10.0,
        "holding_cost_rate", 0.25, "order_cost", 50.0), RULES);
    assertThat(info).isEqualTo(new ItemInfo("A", 10.0, 0.25, 50.0, 1, 0.0, null, null, null, null, null));
  }

  @Test
  void givenItemWithoutCosts_whenItemInfo_thenTheRunsDefaults() {
    ItemInfo info = DemandSeriesAssembly.itemInfo(row(ERP_ITEMS, "sku", "A", "unit_cost", 10.0),
        RULES);
    // DataRules' documented defaults: 25 % a year, no fixed order cost
    assertThat(info.holdingCostRate()).isEqualTo(0.25);
    assertThat(info.orderCost()).isEqualTo(0.0);
  }

  @Test
  void givenItemWithEveryField_whenItemInfo_thenCopied() {
    ItemInfo info = DemandSeriesAssembly.itemInfo(row(ERP_ITEMS, "sku", "A", "unit_cost", 10.0,
        "holding_cost_rate", 0.25, "order_cost", 50.0, "case_pack", 6, "moq", 12.0,
        "supplier", "S1", "ship_mode", "Air", "shelf_life_days", 365, "review_period_days", 14,
        "service_level", 0.97), RULES);
    assertThat(info)
        .isEqualTo(new ItemInfo("A", 10.0, 0.25, 50.0, 6, 12.0, "S1", "Air", 365, 14, 0.97));
  }
}
