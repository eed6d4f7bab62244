package io.demandcast.pipelines.report;

import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The headline figures of one published run, read back from the warehouse's output tables, so that
 * the CLI's summary and the planner report say what analysts will find in SQL.
 *
 * @param runId the run
 * @param rejectedBySource rows in {@code rejected_records} per source
 * @param seriesForecast SKU x location series with a forecast
 * @param seriesSkipped series without a forecast (a {@code forecast_accuracy} row of model {@code
 *     none} says why)
 * @param skippedByReason skipped series per kind of reason (the reason up to its colon, e.g.
 *     "demand not recorded")
 * @param maseSeries series where both the chosen model's and seasonal naive's backtest MASE are
 *     defined
 * @param meanMaseSelected mean backtest MASE of the chosen models over those series (NaN if none)
 * @param meanMaseSeasonalNaive mean backtest MASE of seasonal naive over the same series
 * @param modelsChosen series per chosen model
 * @param recommendations rows in {@code inventory_recommendations}
 * @param ordersNow recommendations with an order to place now
 * @param orderValue value of those orders, currency (quantity x unit cost)
 * @param quarantinedSeries recommendations whose on-hand stock is quarantined
 * @param simulation the policy simulation per forecast model over all items ({@code abcClass} null)
 *     and per ABC class, the run's own forecast first; empty when the simulation was off
 */
public record RunSummary(
    String runId,
    Map<String, Long> rejectedBySource,
    long seriesForecast,
    long seriesSkipped,
    Map<String, Long> skippedByReason,
    long maseSeries,
    double meanMaseSelected,
    double meanMaseSeasonalNaive,
    Map<String, Long> modelsChosen,
    long recommendations,
    long ordersNow,
    double orderValue,
    long quarantinedSeries,
    java.util.List<SimulatedService> simulation) {

  /**
   * What the policies set from one model's forecasts achieved over the held-out periods.
   *
   * @param model the forecast model ({@code combination} or the run's chosen model, or the {@code
   *     seasonal_naive} baseline)
   * @param selected whether it is the run's own forecast
   * @param abcClass the ABC class, or null for all items
   * @param measure the service measure of the targets
   * @param target the mean target over the items
   * @param items series simulated
   * @param fillRate units met from stock over units demanded, all items together
   * @param meanItemFillRate the mean of the items' fill rates (items with demand)
   * @param cycleService the mean of the items' cycle service levels (items that completed a cycle)
   * @param averageInventory the sum over items of the average units on hand
   * @param totalCost the sum over items of holding plus ordering cost, currency
   */
  public record SimulatedService(
      String model,
      boolean selected,
      String abcClass,
      String measure,
      double target,
      long items,
      double fillRate,
      double meanItemFillRate,
      double cycleService,
      double averageInventory,
      double totalCost) {}

  /** Total rejected rows. */
  public long rejected() {
    return rejectedBySource.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Reads the summary of {@code runId}.
   *
   * @throws IllegalStateException when the warehouse cannot be queried
   */
  public static RunSummary of(DuckDbWarehouse warehouse, String runId) {
    try (Connection connection = warehouse.connect()) {
      DSLContext dsl = DuckDbWarehouse.dsl(connection);
      Map<String, Long> rejected =
          counts(dsl, "select source, count(*) from rejected_records where run_id = ? "
              + "group by source order by count(*) desc, source", runId);
      long forecast = number(dsl, "select count(*) from (select distinct sku, location "
          + "from demand_forecasts where run_id = ?)", runId).longValue();
      Map<String, Long> skippedByReason =
          counts(dsl, "select regexp_extract(failure, '^skipped: ([^:]*)', 1) as kind, count(*) "
              + "from forecast_accuracy where run_id = ? and model = 'none' "
              + "group by kind order by count(*) desc, kind", runId);
      long skipped = skippedByReason.values().stream().mapToLong(Long::longValue).sum();
      Record mase = dsl.fetchOne(
          "select count(*), avg(s.mase), avg(n.mase) from forecast_accuracy s "
              + "join forecast_accuracy n on n.run_id = s.run_id and n.sku = s.sku "
              + "and n.location = s.location and n.model = 'seasonal_naive' "
              + "where s.run_id = ? and s.selected and s.mase is not null and n.mase is not null",
          runId);
      Map<String, Long> chosen =
          counts(dsl, "select model, count(*) from forecast_accuracy where run_id = ? and selected "
              + "group by model order by count(*) desc, model", runId);
      Record recs = dsl.fetchOne(
          "select count(*), count(*) filter (where recommended_order_qty > 0), "
              + "coalesce(sum(recommended_order_qty * unit_cost), 0), "
              + "count(*) filter (where quarantined > 0) "
              + "from inventory_recommendations where run_id = ?",
          runId);
      java.util.List<SimulatedService> simulation = new java.util.ArrayList<>();
      for (Record r :
          dsl.fetch(
              "select model, bool_or(selected), abc_class, min(service_measure), "
                  + "avg(service_target), count(*), "
                  + "sum(demand * achieved_fill_rate) / nullif(sum(demand), 0), "
                  + "avg(achieved_fill_rate), avg(achieved_cycle_service), sum(avg_inventory), "
                  + "sum(total_cost) from policy_simulation where run_id = ? "
                  + "group by grouping sets ((model), (model, abc_class)) "
                  + "order by bool_or(selected) desc, model, abc_class nulls first",
              runId)) {
        simulation.add(
            new SimulatedService(
                r.get(0, String.class),
                Boolean.TRUE.equals(r.get(1, Boolean.class)),
                r.get(2, String.class),
                r.get(3, String.class),
                doubleOrNaN(r.get(4)),
                ((Number) r.get(5)).longValue(),
                doubleOrNaN(r.get(6)),
                doubleOrNaN(r.get(7)),
                doubleOrNaN(r.get(8)),
                doubleOrNaN(r.get(9)),
                doubleOrNaN(r.get(10))));
      }
      return new RunSummary(
          runId,
          rejected,
          forecast,
          skipped,
          skippedByReason,
          ((Number) mase.get(0)).longValue(),
          doubleOrNaN(mase.get(1)),
          doubleOrNaN(mase.get(2)),
          chosen,
          ((Number) recs.get(0)).longValue(),
          ((Number) recs.get(1)).longValue(),
          ((Number) recs.get(2)).doubleValue(),
          ((Number) recs.get(3)).longValue(),
          java.util.List.copyOf(simulation));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the summary of run " + runId + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, Long> counts(DSLContext dsl, String sql, String runId) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Record r : dsl.fetch(sql, runId)) {
      counts.put(String.valueOf(r.get(0)).strip(), ((Number) r.get(1)).longValue());
    }
    return counts;
  }

  private static Number number(DSLContext dsl, String sql, String runId) {
    return (Number) dsl.fetchValue(sql, runId);
  }

  private static double doubleOrNaN(Object value) {
    return value == null ? Double.NaN : ((Number) value).doubleValue();
  }
}
