package io.demandcast.pipelines.transforms;

import static io.demandcast.pipelines.transforms.ForecastShardFn.ITEMS;
import static io.demandcast.pipelines.transforms.ForecastShardFn.MISSING;
import static io.demandcast.pipelines.transforms.ForecastShardFn.ORDERS;
import static io.demandcast.pipelines.transforms.ForecastShardFn.STOCK;

import io.demandcast.pipelines.model.DataRules;
import io.demandcast.pipelines.model.DemandSeries;
import io.demandcast.pipelines.model.JobSettings;
import io.demandcast.pipelines.model.PeriodType;
import io.demandcast.pipelines.model.SalesHistory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.values.Row;

/**
 * The checks of one SKU's rows that need the SKU's other rows, after each row passed its own
 * ({@link RecordRules}): what of the SKU is used and what is rejected, with the reason. Both the
 * forecasting step and the global-model training screen a SKU the same way, so that they see the
 * same series.
 *
 * <p>The rules, in order:
 *
 * <ol>
 *   <li><b>Item master</b>: a SKU needs exactly one {@code erp_items} row. Identical rows are one
 *       row loaded more than once: the first is used and the others are rejected as duplicates.
 *       Rows that differ cannot be told apart (there is no version column): all are rejected, and
 *       so is every other row of the SKU. A SKU without an item row has every row rejected.
 *   <li><b>After the forecast origin</b>: a sale in a period after the run's {@link
 *       ForecastOrigin} is rejected.
 *   <li><b>Duplicates</b>: a sale identical in every column (SKU, location, date, quantity, price,
 *       promo, lineage) to an earlier one is taken as loaded twice and rejected; sales of one SKU,
 *       location and day that differ are summed (several order lines of one day). Of stock
 *       snapshots of one location and day, the one with the largest on-hand (then quarantined)
 *       quantity is used, the others are rejected; an identical purchase-order line is rejected.
 *   <li><b>Far outside the series' history</b> ({@link DataRules#outlierMads()}): a sale above the
 *       median of its series' positive quantities plus that many robust scale units is rejected
 *       or flagged.
 *   <li><b>Nothing to plan</b>: stock and purchase orders at a location where the SKU has no
 *       demand series are rejected (nothing is planned there).
 * </ol>
 *
 * An item with no sales at all is used (it is reference data) but not planned.
 */
final class SkuScreen {
  private SkuScreen() {}

  /** One rejected source row. */
  record Rejected(String table, Row row, String reason) {}

  /**
   * A screened SKU.
   *
   * @param item the item row used, or null when the SKU has none (then nothing else is used)
   * @param sales the sales used, one history per location that has any
   * @param missing the sales rows without a quantity, up to the origin (already rejected by
   *     {@link RecordRules}; they mark missing periods)
   * @param stock the stock snapshots used
   * @param orders the purchase-order lines used
   * @param rejected the rows rejected here
   * @param used rows used per source table
   * @param flagged sales far outside their history that were kept ({@link
   *     DataRules.OutlierAction#FLAG})
   */
  record Screened(
      Row item,
      List<SalesHistory> sales,
      List<Row> missing,
      List<Row> stock,
      List<Row> orders,
      List<Rejected> rejected,
      Map<String, Long> used,
      long flagged) {

    /** The demand series per location, ending at the origin ({@link DemandSeriesAssembly}). */
    List<DemandSeries> series(String sku, PeriodType period, ForecastOrigin origin) {
      if (!origin.hasHistory() || (sales.isEmpty() && missing.isEmpty())) {
        return List.of();
      }
      return DemandSeriesAssembly.fromHistories(
          sku, sales, missing, period, LocalDate.ofEpochDay(origin.lastPeriod()));
    }
  }

  /** Screens one SKU's rows as the class comment says. */
  static Screened screen(ShardRows.Sku sku, JobSettings settings, ForecastOrigin origin) {
    List<Rejected> rejected = new ArrayList<>();
    Map<String, Long> used = new LinkedHashMap<>();
    Row item = item(sku, rejected);
    if (item == null) {
      String why = rejected.isEmpty()
          ? "sku " + sku.sku() + " is not in erp_items (or its row there was rejected)"
          : "sku " + sku.sku() + " has conflicting erp_items rows (see the erp_items rejections)";
      for (SalesHistory history : sku.sales()) {
        for (Row sale : history.rows()) {
          rejected.add(new Rejected("erp_sales", sale, why));
        }
      }
      sku.get(STOCK).forEach(r -> rejected.add(new Rejected("erp_inventory", r, why)));
      sku.get(ORDERS).forEach(r -> rejected.add(new Rejected("erp_purchase_orders", r, why)));
      return new Screened(null, List.of(), List.of(), List.of(), List.of(), rejected, used, 0);
    }
    used.put("erp_items", 1L);
    PeriodType period = settings.period();
    DataRules rules = settings.rules();
    List<SalesHistory> sales = new ArrayList<>();
    long salesUsed = 0;
    long flagged = 0;
    Set<String> locations = new TreeSet<>();
    for (SalesHistory history : sku.sales()) {
      // compact identities, not Rows: a Row is built only for a sale that is rejected
      int size = history.size();
      boolean[] keep = new boolean[size];
      Set<Object> seen = new HashSet<>();
      for (int i = 0; i < size; i++) {
        LocalDate day = history.date(i);
        LocalDate start = period.start(day);
        if (origin.isAfter(start.toEpochDay())) {
          rejected.add(new Rejected("erp_sales", history.row(i), origin.reasonAfter(day, start)));
        } else if (!seen.add(history.identity(i))) {
          rejected.add(new Rejected("erp_sales", history.row(i), "identical to another erp_sales row"
              + " (same sku, location, date, quantity, unit_price, promo and lineage): taken as"
              + " loaded twice"));
        } else {
          keep[i] = true;
        }
      }
      double ceiling = outlierCeiling(history, keep, rules);
      SalesHistory kept = null;
      for (int i = 0; i < size; i++) {
        if (!keep[i]) {
          continue;
        }
        double q = history.quantity(i);
        if (q > ceiling) {
          if (rules.outliers() == DataRules.OutlierAction.REJECT) {
            rejected.add(new Rejected("erp_sales", history.row(i), String.format(
                java.util.Locale.ROOT, "quantity %s is far outside the history of sku %s at %s:"
                    + " above %.6g, its median positive sale plus %s robust scale units"
                    + " (--outlier-mads; --outliers=flag keeps such sales)",
                q, history.sku(), history.location(), ceiling, trim(rules.outlierMads()))));
            continue;
          }
          flagged++;
        }
        kept = kept == null ? new SalesHistory(history.sku(), history.location()) : kept;
        kept.addFrom(history, i);
        salesUsed++;
      }
      if (kept != null) {
        sales.add(kept);
        locations.add(history.location());
      }
    }
    used.put("erp_sales", salesUsed);
    List<Row> missing = new ArrayList<>();
    for (Row row : sku.get(MISSING)) {
      LocalDate start = period.start(row.getLogicalTypeValue("date", LocalDate.class));
      if (!origin.isAfter(start.toEpochDay())) {
        missing.add(row);
        locations.add(row.getString("location"));
      }
    }
    List<Row> stock = stock(sku.sku(), sku.get(STOCK), locations, rejected);
    used.put("erp_inventory", (long) stock.size());
    List<Row> orders = new ArrayList<>();
    Set<Row> seenOrders = new HashSet<>();
    for (Row order : sku.get(ORDERS)) {
      if (!locations.contains(order.getString("location"))) {
        rejected.add(new Rejected("erp_purchase_orders", order,
            nothingPlanned(sku.sku(), order.getString("location"))));
      } else if (!seenOrders.add(order)) {
        rejected.add(new Rejected("erp_purchase_orders", order,
            "identical to another erp_purchase_orders row: taken as loaded twice"));
      } else {
        orders.add(order);
      }
    }
    used.put("erp_purchase_orders", (long) orders.size());
    return new Screened(item, sales, missing, stock, orders, rejected, used, flagged);
  }

  /** The SKU's item row, rejecting duplicates and conflicts into {@code rejected}; or null. */
  private static Row item(ShardRows.Sku sku, List<Rejected> rejected) {
    List<Row> items = sku.get(ITEMS);
    if (items.isEmpty()) {
      return null;
    }
    List<Row> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(items));
    if (distinct.size() == 1) {
      for (int i = 1; i < items.size(); i++) {
        rejected.add(new Rejected("erp_items", items.get(i), "identical to another erp_items"
            + " row of sku " + sku.sku() + ": taken as loaded twice; the first is used"));
      }
      return items.get(0);
    }
    String reason = "erp_items holds " + items.size() + " rows for sku " + sku.sku()
        + " that differ in " + differing(distinct) + ": which one is right cannot be told, so"
        + " none is used and the SKU is not planned; keep one row per SKU";
    items.forEach(r -> rejected.add(new Rejected("erp_items", r, reason)));
    return null;
  }

  private static List<String> differing(List<Row> rows) {
    List<String> columns = new ArrayList<>();
    for (String name : rows.get(0).getSchema().getFieldNames()) {
      Object first = rows.get(0).getValue(name);
      if (rows.stream().anyMatch(r -> !java.util.Objects.equals(r.getValue(name), first))) {
        columns.add(name);
      }
    }
    return columns;
  }

  /**
   * The latest snapshots are chosen later ({@link DemandSeriesAssembly#latestSnapshots}); here,
   * of several snapshots of one location and day, all but the one with the largest on-hand (then
   * quarantined) quantity are rejected, and snapshots of locations without a series.
   */
  private static List<Row> stock(
      String sku, List<Row> rows, Set<String> locations, List<Rejected> rejected) {
    Map<String, List<Row>> byDay = new LinkedHashMap<>();
    for (Row row : rows) {
      if (!locations.contains(row.getString("location"))) {
        rejected.add(new Rejected("erp_inventory", row,
            nothingPlanned(sku, row.getString("location"))));
        continue;
      }
      byDay.computeIfAbsent(row.getString("location") + '\u0000'
          + row.getLogicalTypeValue("snapshot_date", LocalDate.class), k -> new ArrayList<>())
          .add(row);
    }
    Comparator<Row> larger = Comparator.comparing((Row r) -> r.getDouble("on_hand"))
        .thenComparing(r -> r.getDouble("quarantined") == null ? 0 : r.getDouble("quarantined"));
    List<Row> used = new ArrayList<>();
    for (List<Row> day : byDay.values()) {
      Row winner = day.stream().max(larger).orElseThrow();
      used.add(winner);
      boolean skipped = false;
      for (Row row : day) {
        if (row == winner && !skipped) {
          skipped = true;
          continue;
        }
        rejected.add(new Rejected("erp_inventory", row, row.equals(winner)
            ? "identical to another erp_inventory row: taken as loaded twice"
            : "another snapshot of sku " + sku + " at " + row.getString("location") + " on "
                + row.getLogicalTypeValue("snapshot_date", LocalDate.class) + " has on_hand "
                + winner.getDouble("on_hand") + "; of one day's snapshots the largest on_hand"
                + " is used"));
      }
    }
    return used;
  }

  private static String nothingPlanned(String sku, String location) {
    return "sku " + sku + " has no sales at location " + location
        + " up to the forecast origin: nothing is planned there";
  }

  /**
   * The quantity above which a sale of this history is far outside it: the median of the kept
   * positive quantities plus {@link DataRules#outlierMads()} times max(1.4826 MAD, median);
   * infinite when the rule is off or the series has fewer than {@link
   * DataRules#minOutlierHistory()} positive sales.
   */
  static double outlierCeiling(SalesHistory history, boolean[] keep, DataRules rules) {
    if (rules.outliers() == DataRules.OutlierAction.OFF) {
      return Double.POSITIVE_INFINITY;
    }
    double[] positive = new double[history.size()];
    int n = 0;
    for (int i = 0; i < history.size(); i++) {
      if (keep[i] && history.quantity(i) > 0) {
        positive[n++] = history.quantity(i);
      }
    }
    if (n < rules.minOutlierHistory()) {
      return Double.POSITIVE_INFINITY;
    }
    double[] values = Arrays.copyOf(positive, n);
    double median = median(values);
    double[] deviations = new double[n];
    for (int i = 0; i < n; i++) {
      deviations[i] = Math.abs(values[i] - median);
    }
    double scale = Math.max(1.4826 * median(deviations), median);
    return median + rules.outlierMads() * scale;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
