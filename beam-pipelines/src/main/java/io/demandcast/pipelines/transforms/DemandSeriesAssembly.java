package io.demandcast.pipelines.transforms;

import io.demandcast.pipelines.model.DataRules;
import io.demandcast.pipelines.model.DemandSeries;
import io.demandcast.pipelines.model.ItemInfo;
import io.demandcast.pipelines.model.PeriodType;
import io.demandcast.pipelines.model.SalesHistory;
import io.demandcast.pipelines.model.StockSnapshot;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.values.Row;

/**
 * Turns one SKU's validated ERP rows into its demand series, stock snapshots and open orders, per
 * location. Plain functions over the rows of one SKU, called after the job has grouped by SKU.
 */
public final class DemandSeriesAssembly {
  private DemandSeriesAssembly() {}

  /**
   * One demand series per location of the SKU: units per period, from the location's first
   * recorded period to {@code lastPeriod} (the last period any sale of any SKU falls in, so that
   * every series ends at the same forecast origin). A period without sales is 0; several sales in a
   * period are summed; a period with a sales row whose quantity was not recorded is NaN (missing),
   * whatever else was sold in it.
   *
   * @param sku the SKU
   * @param sales its validated {@code erp_sales} rows
   * @param missing its {@code erp_sales} rows whose quantity was not recorded
   * @param period the demand calendar
   * @param lastPeriod start of the last period of history
   * @return the series, ordered by location
   */
  public static List<DemandSeries> series(
      String sku, Iterable<Row> sales, Iterable<Row> missing, PeriodType period, LocalDate lastPeriod) {
    Map<String, SalesHistory> byLocation = new TreeMap<>();
    for (Row sale : sales) {
      byLocation
          .computeIfAbsent(
              sale.getString("location"), l -> new SalesHistory(sale.getString("sku"), l))
          .add(sale);
    }
    return fromHistories(sku, byLocation.values(), missing, period, lastPeriod);
  }

  /**
   * {@link #series(String, Iterable, Iterable, PeriodType, LocalDate)} from the SKU's sales
   * histories (one or more per location) instead of its rows.
   */
  public static List<DemandSeries> fromHistories(
      String sku,
      Iterable<SalesHistory> sales,
      Iterable<Row> missing,
      PeriodType period,
      LocalDate lastPeriod) {
    Map<String, TreeMap<LocalDate, Double>> byLocation = new TreeMap<>();
    for (SalesHistory history : sales) {
      TreeMap<LocalDate, Double> byPeriod =
          byLocation.computeIfAbsent(history.location(), l -> new TreeMap<>());
      for (int i = 0; i < history.size(); i++) {
        byPeriod.merge(period.start(history.date(i)), history.quantity(i), Double::sum);
      }
    }
    for (Row sale : missing) {
      byLocation
          .computeIfAbsent(sale.getString("location"), l -> new TreeMap<>())
          .put(periodOf(sale, period), Double.NaN);
    }
    List<DemandSeries> series = new ArrayList<>();
    for (var entry : byLocation.entrySet()) {
      TreeMap<LocalDate, Double> byPeriod = entry.getValue();
      LocalDate first =
          byPeriod.entrySet().stream()
              .filter(e -> !Double.isNaN(e.getValue()))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElse(byPeriod.firstKey());
      LocalDate last = lastPeriod.isBefore(byPeriod.lastKey()) ? byPeriod.lastKey() : lastPeriod;
      int length = (int) period.between(first, last) + 1;
      double[] history = new double[length];
      for (int i = 0; i < length; i++) {
        history[i] = byPeriod.getOrDefault(period.plus(first, i), 0.0);
      }
      series.add(new DemandSeries(sku, entry.getKey(), first, history));
    }
    return series;
  }

  private static LocalDate periodOf(Row sale, PeriodType period) {
    return period.start(sale.getLogicalTypeValue("date", LocalDate.class));
  }

  /**
   * Converts a validated {@code erp_items} row, applying the documented defaults: case pack 1, MOQ
   * 0, and the run's default holding cost rate and order cost where the row has none.
   */
  public static ItemInfo itemInfo(Row row, DataRules rules) {
    Integer casePack = row.getInt32("case_pack");
    Double moq = row.getDouble("moq");
    Double holding = row.getDouble("holding_cost_rate");
    Double orderCost = row.getDouble("order_cost");
    return new ItemInfo(
        row.getString("sku"),
        row.getDouble("unit_cost"),
        holding == null ? rules.defaultHoldingCostRate() : holding,
        orderCost == null ? rules.defaultOrderCost() : orderCost,
        casePack == null ? 1 : casePack,
        moq == null ? 0 : moq,
        row.getString("supplier"),
        row.getString("ship_mode"),
        row.getInt32("shelf_life_days"),
        row.getInt32("review_period_days"),
        row.getDouble("service_level"));
  }

  /**
   * The latest snapshot per location: a later {@code snapshot_date} wins; on the same day the
   * larger on-hand, then the larger quarantined quantity (the cautious reading), so that the result
   * does not depend on input order.
   *
   * @param inventory validated {@code erp_inventory} rows of one SKU
   */
  public static Map<String, StockSnapshot> latestSnapshots(Iterable<Row> inventory) {
    Map<String, StockSnapshot> latest = new TreeMap<>();
    for (Row row : inventory) {
      Double quarantined = row.getDouble("quarantined");
      StockSnapshot snapshot =
          new StockSnapshot(
              row.getLogicalTypeValue("snapshot_date", LocalDate.class),
              row.getDouble("on_hand"),
              quarantined == null ? 0 : quarantined);
      latest.merge(row.getString("location"), snapshot, DemandSeriesAssembly::later);
    }
    return latest;
  }

  private static StockSnapshot later(StockSnapshot a, StockSnapshot b) {
    int byDate = a.snapshotDate().compareTo(b.snapshotDate());
    if (byDate != 0) {
      return byDate > 0 ? a : b;
    }
    if (a.onHand() != b.onHand()) {
      return a.onHand() > b.onHand() ? a : b;
    }
    return a.quarantined() >= b.quarantined() ? a : b;
  }

  /**
   * Units on open purchase orders per location (status {@code open}, case-insensitive; received
   * and cancelled lines are not on order).
   *
   * @param purchaseOrders validated {@code erp_purchase_orders} rows of one SKU
   */
  public static Map<String, Double> onOrder(Iterable<Row> purchaseOrders) {
    Map<String, Double> onOrder = new TreeMap<>();
    for (Row row : purchaseOrders) {
      if (row.getString("status").strip().toLowerCase(Locale.ROOT).equals("open")) {
        onOrder.merge(row.getString("location"), row.getDouble("quantity"), Double::sum);
      }
    }
    return onOrder;
  }
}
