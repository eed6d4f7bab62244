package io.demandcast.pipelines.transforms;

import io.demandcast.pipelines.model.JobSettings;
import io.demandcast.pipelines.model.SalesHistory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The job's rules across one SKU's rows ({@link SkuScreen}: item master, rows after the forecast
 * origin, duplicates, sales far outside their history, stock and orders with nothing to plan),
 * applied outside a pipeline to rows that passed {@link RecordRules}: for {@code demandcast check},
 * which reports what a run would reject without running it.
 */
public final class CrossTableScreen {
  private CrossTableScreen() {}

  /** A row the run would reject, with the source table and the reason. */
  public record Rejection(String table, Row row, String reason) {}

  /**
   * The rows of one SKU, each list holding the rows of one table that passed {@link
   * RecordRules#check}.
   *
   * @param sku the SKU
   * @param sales its valid sales rows
   * @param missing its sales rows rejected only because their quantity was not recorded ({@link
   *     RecordRules#isMissingQuantity}): they mark periods of unknown demand
   * @param items its valid {@code erp_items} rows
   * @param stock its valid {@code erp_inventory} rows
   * @param orders its valid {@code erp_purchase_orders} rows
   */
  public record SkuRows(
      String sku, List<Row> sales, List<Row> missing, List<Row> items, List<Row> stock,
      List<Row> orders) {}

  /**
   * What the run would reject of one SKU's rows, and whether the SKU would be planned.
   *
   * @param rejected the rows rejected across rows, with their reasons
   * @param salesUsed sales rows that would enter a demand series
   * @param hasItem whether the SKU's item row would be used
   * @param series locations with sales that would be used: the SKU's demand series
   */
  public record Outcome(List<Rejection> rejected, long salesUsed, boolean hasItem, int series) {}

  /**
   * Screens one SKU's rows as the job does.
   *
   * @param rows the SKU's valid rows per table
   * @param settings the run's settings (calendar, plausibility rules)
   * @param origin the run's forecast origin, from {@link #origin}
   */
  public static Outcome screen(SkuRows rows, JobSettings settings, ForecastOrigin origin) {
    Map<String, List<Row>> byLocation = new LinkedHashMap<>();
    for (Row sale : rows.sales()) {
      byLocation.computeIfAbsent(sale.getString("location"), k -> new ArrayList<>()).add(sale);
    }
    List<SalesHistory> histories = new ArrayList<>();
    byLocation.values().forEach(r -> histories.add(SalesHistory.of(r)));
    Map<TupleTag<Row>, List<Row>> tagged = new HashMap<>();
    tagged.put(ForecastShardFn.MISSING, rows.missing());
    tagged.put(ForecastShardFn.ITEMS, rows.items());
    tagged.put(ForecastShardFn.STOCK, rows.stock());
    tagged.put(ForecastShardFn.ORDERS, rows.orders());
    SkuScreen.Screened screened =
        SkuScreen.screen(new ShardRows.Sku(rows.sku(), histories, tagged), settings, origin);
    List<Rejection> rejected = new ArrayList<>();
    for (SkuScreen.Rejected r : screened.rejected()) {
      rejected.add(new Rejection(r.table(), r.row(), r.reason()));
    }
    return new Outcome(rejected, screened.used().getOrDefault("erp_sales", 0L),
        screened.item() != null, screened.sales().size());
  }

  /**
   * The run's forecast origin from the number of valid sales rows per period.
   *
   * @param rowsPerPeriod start of the period (epoch day, in the run's calendar) to valid sales rows
   */
  public static ForecastOrigin origin(Map<Long, Long> rowsPerPeriod, JobSettings settings) {
    return ForecastOrigin.choose(rowsPerPeriod, settings.period(), settings.rules().asOf());
  }
}
