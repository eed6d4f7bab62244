package io.demandcast.pipelines.transforms;

import static io.demandcast.connectors.schema.CanonicalTables.ERP_INVENTORY;
import static io.demandcast.connectors.schema.CanonicalTables.ERP_ITEMS;
import static io.demandcast.connectors.schema.CanonicalTables.ERP_PURCHASE_ORDERS;
import static io.demandcast.connectors.schema.CanonicalTables.ERP_SALES;
import static io.demandcast.pipelines.transforms.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.pipelines.model.DataRules;
import io.demandcast.pipelines.model.DemandSeries;
import io.demandcast.pipelines.model.JobSettings;
import io.demandcast.pipelines.model.SalesHistory;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.junit.jupiter.api.Test;

/**
 * The checks across one SKU's rows: every row handed in is either used (counted) or rejected with
 * a reason, and the documented rules decide which.
 */
class SkuScreenTest {
  private static final LocalDate JAN = LocalDate.of(2024, 1, 1);
  private static final JobSettings SETTINGS =
      JobSettings.defaults("run-1", LocalDateTime.of(2025, 6, 30, 12, 0));
  /** Origin: December 2024, as of 2025-06-30. */
  private static final ForecastOrigin ORIGIN = new ForecastOrigin(
      JAN.plusMonths(11).toEpochDay(), LocalDate.of(2025, 5, 1).toEpochDay(),
      LocalDate.of(2025, 6, 30), null);

  private static Row item(double unitCost) {
    return row(ERP_ITEMS, "sku", "A", "unit_cost", unitCost, "holding_cost_rate", 0.2,
        "order_cost", 50.0);
  }

  private static Row sale(String location, LocalDate date, double quantity) {
    return row(ERP_SALES, "sku", "A", "location", location, "date", date, "quantity", quantity);
  }

  /** One sale a month at DC1, January to December 2024, quantities 4, 5, 6, 4, 5, 6, ... */
  private static List<Row> yearOfSales() {
    List<Row> sales = new ArrayList<>();
    for (int m = 0; m < 12; m++) {
      sales.add(sale("DC1", JAN.plusMonths(m).plusDays(9), 4 + m % 3));
    }
    return sales;
  }

  private static ShardRows.Sku sku(List<Row> sales, List<Row> items, List<Row> stock,
      List<Row> orders) {
    Map<String, SalesHistory> histories = new HashMap<>();
    for (Row sale : sales) {
      histories.computeIfAbsent(sale.getString("location"), l -> new SalesHistory()).add(sale);
    }
    Map<TupleTag<Row>, List<Row>> rows = new HashMap<>();
    rows.put(ForecastShardFn.ITEMS, items);
    rows.put(ForecastShardFn.STOCK, stock);
    rows.put(ForecastShardFn.ORDERS, orders);
    return new ShardRows.Sku("A", new ArrayList<>(histories.values()), rows);
  }

  /** Rows handed in = rows used + rows rejected, per table. */
  private static void assertBalanced(SkuScreen.Screened s, Map<String, Integer> handedIn) {
    handedIn.forEach((table, n) -> {
      long rejected = s.rejected().stream().filter(r -> r.table().equals(table)).count();
      assertThat(s.used().getOrDefault(table, 0L) + rejected).as(table).isEqualTo((long) n);
    });
  }

  private static List<String> reasons(SkuScreen.Screened s, String table) {
    return s.rejected().stream().filter(r -> r.table().equals(table))
        .map(SkuScreen.Rejected::reason).toList();
  }

  @Test
  void givenCleanRows_whenScreened_thenEverythingIsUsed() {
    Row stock = row(ERP_INVENTORY, "sku", "A", "location", "DC1",
        "snapshot_date", LocalDate.of(2025, 1, 1), "on_hand", 8.0);
    Row po = row(ERP_PURCHASE_ORDERS, "po_id", "P1", "sku", "A", "location", "DC1",
        "quantity", 10.0, "order_date", LocalDate.of(2025, 1, 2), "status", "open");
    SkuScreen.Screened s = SkuScreen.screen(
        sku(yearOfSales(), List.of(item(10)), List.of(stock), List.of(po)), SETTINGS, ORIGIN);
    assertThat(s.rejected()).isEmpty();
    assertThat(s.used()).containsEntry("erp_sales", 12L).containsEntry("erp_items", 1L)
        .containsEntry("erp_inventory", 1L).containsEntry("erp_purchase_orders", 1L);
    List<DemandSeries> series = s.series("A", SETTINGS.period(), ORIGIN);
    assertThat(series).singleElement().satisfies(d ->
        assertThat(d.history()).containsExactly(4, 5, 6, 4, 5, 6, 4, 5, 6, 4, 5, 6));
  }

  @Test
  void givenNoItemRow_whenScreened_thenSalesStockAndOrdersAreAllRejected() {
    Row stock = row(ERP_INVENTORY, "sku", "A", "location", "DC1",
        "snapshot_date", LocalDate.of(2025, 1, 1), "on_hand", 8.0);
    Row po = row(ERP_PURCHASE_ORDERS, "po_id", "P1", "sku", "A", "location", "DC9",
        "quantity", 10.0, "order_date", LocalDate.of(2025, 1, 2), "status", "open");
    SkuScreen.Screened s =
        SkuScreen.screen(sku(yearOfSales(), List.of(), List.of(stock), List.of(po)), SETTINGS, ORIGIN);
    assertThat(s.item()).isNull();
    assertBalanced(s, Map.of("erp_sales", 12, "erp_inventory", 1, "erp_purchase_orders", 1));
    assertThat(reasons(s, "erp_inventory")).singleElement().asString()
        .contains("sku A is not in erp_items");
    assertThat(reasons(s, "erp_purchase_orders")).singleElement().asString()
        .contains("sku A is not in erp_items");
  }

  @Test
  void givenTwoIdenticalItemRows_whenScreened_thenOneIsUsedAndOneRejected() {
    SkuScreen.Screened s = SkuScreen.screen(
        sku(yearOfSales(), List.of(item(10), item(10)), List.of(), List.of()), SETTINGS, ORIGIN);
    assertThat(s.item()).isEqualTo(item(10));
    assertBalanced(s, Map.of("erp_items", 2, "erp_sales", 12));
    assertThat(reasons(s, "erp_items")).singleElement().asString().contains("loaded twice");
  }

  @Test
  void givenTwoConflictingItemRows_whenScreened_thenNeitherWinsAndTheSkuIsNotPlanned() {
    SkuScreen.Screened s = SkuScreen.screen(
        sku(yearOfSales(), List.of(item(10), item(999999)), List.of(), List.of()), SETTINGS,
        ORIGIN);
    assertThat(s.item()).isNull();
    assertThat(s.used()).doesNotContainKey("erp_items");
    assertBalanced(s, Map.of("erp_items", 2, "erp_sales", 12));
    assertThat(reasons(s, "erp_items")).hasSize(2)
        .allSatisfy(r -> assertThat(r).contains("differ in [unit_cost]"));
    assertThat(reasons(s, "erp_sales")).allSatisfy(r ->
        assertThat(r).contains("conflicting erp_items rows"));
  }

  @Test
  void givenASaleLoadedTwice_whenScreened_thenTheCopyIsRejectedAndNotSummed() {
    List<Row> sales = yearOfSales();
    sales.add(sales.get(3));
    SkuScreen.Screened s =
        SkuScreen.screen(sku(sales, List.of(item(10)), List.of(), List.of()), SETTINGS, ORIGIN);
    assertBalanced(s, Map.of("erp_sales", 13));
    assertThat(reasons(s, "erp_sales")).singleElement().asString().contains("loaded twice");
    assertThat(s.series("A", SETTINGS.period(), ORIGIN).get(0).history()[3]).isEqualTo(4);
  }

  @Test
  void givenTwoDifferentSalesOnOneDay_whenScreened_thenBothAreUsedAndSummed() {
    List<Row> sales = yearOfSales();
    sales.add(sale("DC1", JAN.plusMonths(3).plusDays(9), 2));
    SkuScreen.Screened s =
        SkuScreen.screen(sku(sales, List.of(item(10)), List.of(), List.of()), SETTINGS, ORIGIN);
    assertThat(s.rejected()).isEmpty();
    assertThat(s.series("A", SETTINGS.period(), ORIGIN).get(0).history()[3]).isEqualTo(6);
  }

  @Test
  void givenASaleAfterTheOrigin_whenScreened_thenItIsRejectedAndTheSeriesEndsAtTheOrigin() {
    List<Row> sales = yearOfSales();
    sales.add(sale("DC1", LocalDate.of(2025, 3, 4), 5));
    SkuScreen.Screened s =
        SkuScreen.screen(sku(sales, List.of(item(10)), List.of(), List.of()), SETTINGS, ORIGIN);
    assertBalanced(s, Map.of("erp_sales", 13));
    assertThat(reasons(s, "erp_sales")).singleElement().asString()
        .contains("date 2025-03-04").contains("after the forecast origin");
    assertThat(s.series("A", SETTINGS.period(), ORIGIN).get(0).history()).hasSize(12);
  }

  @Test
  void givenOneSaleAThousandTimesTheOthers_whenScreened_thenRejectedFlaggedOrKeptByOption() {
    List<Row> sales = yearOfSales();
    // median of the positive quantities 5, MAD 1 -> scale max(1.48, 5) = 5, ceiling 5 + 100 * 5
    sales.set(6, sale("DC1", JAN.plusMonths(6).plusDays(9), 5000));
    SkuScreen.Screened rejected =
        SkuScreen.screen(sku(sales, List.of(item(10)), List.of(), List.of()), SETTINGS, ORIGIN);
    assertBalanced(rejected, Map.of("erp_sales", 12));
    assertThat(reasons(rejected, "erp_sales")).singleElement().asString()
        .contains("quantity 5000.0 is far outside the history of sku A at DC1")
        .contains("above 505");
    assertThat(rejected.series("A", SETTINGS.period(), ORIGIN).get(0).history()[6]).isZero();

    DataRules flag = SETTINGS.rules().withOutliers(DataRules.OutlierAction.FLAG);
    SkuScreen.Screened flagged = SkuScreen.screen(
        sku(sales, List.of(item(10)), List.of(), List.of()), SETTINGS.withRules(flag), ORIGIN);
    assertThat(flagged.rejected()).isEmpty();
    assertThat(flagged.flagged()).isEqualTo(1);
    assertThat(flagged.series("A", SETTINGS.period(), ORIGIN).get(0).history()[6]).isEqualTo(5000);

    // a spike of 500 (100 x the median) stays: below the ceiling of 505
    sales.set(6, sale("DC1", JAN.plusMonths(6).plusDays(9), 500));
    assertThat(SkuScreen.screen(sku(sales, List.of(item(10)), List.of(), List.of()), SETTINGS,
        ORIGIN).rejected()).isEmpty();
  }

  @Test
  void givenAShortSeries_whenScreened_thenTheOutlierRuleDoesNotApply() {
    List<Row> sales = new ArrayList<>(yearOfSales().subList(0, 5));
    sales.add(sale("DC1", JAN.plusMonths(6), 5000));
    SkuScreen.Screened s =
        SkuScreen.screen(sku(sales, List.of(item(10)), List.of(), List.of()), SETTINGS, ORIGIN);
    assertThat(s.rejected()).isEmpty();
  }

  @Test
  void givenStockAndOrdersWhereTheSkuDoesNotSell_whenScreened_thenRejectedAsNothingToPlan() {
    Row stockDc9 = row(ERP_INVENTORY, "sku", "A", "location", "DC9",
        "snapshot_date", LocalDate.of(2025, 1, 1), "on_hand", 8.0);
    Row poDc9 = row(ERP_PURCHASE_ORDERS, "po_id", "P1", "sku", "A", "location", "DC9",
        "quantity", 10.0, "order_date", LocalDate.of(2025, 1, 2), "status", "open");
    SkuScreen.Screened s = SkuScreen.screen(
        sku(yearOfSales(), List.of(item(10)), List.of(stockDc9), List.of(poDc9, poDc9)), SETTINGS,
        ORIGIN);
    assertBalanced(s, Map.of("erp_inventory", 1, "erp_purchase_orders", 2));
    assertThat(reasons(s, "erp_inventory")).singleElement().asString()
        .contains("no sales at location DC9");
  }

  @Test
  void givenTwoSnapshotsOfOneDay_whenScreened_thenTheLargerIsUsedAndTheOtherRejected() {
    LocalDate day = LocalDate.of(2025, 1, 1);
    Row small = row(ERP_INVENTORY, "sku", "A", "location", "DC1", "snapshot_date", day,
        "on_hand", 3.0);
    Row large = row(ERP_INVENTORY, "sku", "A", "location", "DC1", "snapshot_date", day,
        "on_hand", 9.0);
    Row older = row(ERP_INVENTORY, "sku", "A", "location", "DC1",
        "snapshot_date", day.minusDays(7), "on_hand", 1.0);
    SkuScreen.Screened s = SkuScreen.screen(
        sku(yearOfSales(), List.of(item(10)), List.of(small, large, older), List.of()), SETTINGS,
        ORIGIN);
    assertThat(s.stock()).containsExactlyInAnyOrder(large, older);
    assertThat(reasons(s, "erp_inventory")).singleElement().asString()
        .contains("has on_hand 9.0");
  }
}
