package io.demandcast.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.connectors.schema.CanonicalTables;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;

/**
 * The small data set the tests with sources in other systems (S3, Glue, BigQuery) share: two SKUs
 * at DC1, the rows each test puts in the other system, and the rows that stay in DuckDB. Rows are
 * in the canonical column order of their table.
 */
public final class MixedSourceFixture {
  /** The day of the stock snapshot; sales run up to its month. */
  public static final LocalDate SNAPSHOT = LocalDate.of(2024, 6, 30);

  private MixedSourceFixture() {}

  /** 2 SKUs x DC1 x 30 months, 2022-01 to 2024-06; B-2 sells in cases of 4 in summer. */
  public static List<Object[]> sales() {
    List<Object[]> rows = new ArrayList<>();
    for (int m = 0; m < 30; m++) {
      LocalDate month = LocalDate.of(2022, 1, 1).plusMonths(m);
      rows.add(new Object[] {"A-1", "DC1", month, 20.0 + (m % 12) + (m % 3), null, null, null});
      rows.add(new Object[] {"B-2", "DC1", month, 5.0 + (m % 12 >= 5 && m % 12 <= 7 ? 4 : 0),
          2.5, m % 4 == 0, null});
    }
    return rows;
  }

  /**
   * Readings at DC1: hourly normal temperatures, and three readings above the 27 C storage maximum
   * ten days before the stock snapshot, which quarantine the perishable A-1's stock.
   */
  public static List<Object[]> readings() {
    List<Object[]> rows = new ArrayList<>();
    LocalDateTime start = SNAPSHOT.minusDays(12).atStartOfDay();
    for (int h = 0; h < 6; h++) {
      rows.add(new Object[] {"T-1", "DC1", null, start.plusHours(h), "temperature_c", 19.5, null});
    }
    LocalDateTime hot = SNAPSHOT.minusDays(10).atTime(14, 0);
    for (int i = 0; i < 3; i++) {
      rows.add(new Object[] {"T-1", "DC1", null, hot.plusMinutes(20L * i), "temperature_c",
          31.0 + i, null});
    }
    rows.add(new Object[] {"S-9", "DC1", "B-2", start, "shelf_units", 12.0, null});
    return rows;
  }

  /** Loads the items (A-1 perishable), the stock snapshot and one open purchase order into DuckDB. */
  public static void loadItemsStockAndOrders(Path warehouse) {
    DuckDbWarehouse w = DuckDbWarehouse.open(warehouse);
    w.replaceSourceTable(CanonicalTables.ERP_ITEMS, List.of(
        new Object[] {"A-1", "yoghurt", "P1", 2.0, 0.2, 20.0, 6, 12.0, "S1", "Truck", 30, null,
            null, "test"},
        new Object[] {"B-2", "bolt", "P2", 1.0, 0.2, 20.0, 4, 1.0, "S1", "Truck", null, null,
            null, "test"}));
    w.replaceSourceTable(CanonicalTables.ERP_INVENTORY, List.of(
        new Object[] {"A-1", "DC1", SNAPSHOT, 40.0, null, "test"},
        new Object[] {"B-2", "DC1", SNAPSHOT, 30.0, null, "test"}));
    w.replaceSourceTable(CanonicalTables.ERP_PURCHASE_ORDERS, List.<Object[]>of(
        new Object[] {"PO-1", "B-2", "DC1", 8.0, SNAPSHOT.minusDays(3), SNAPSHOT.plusDays(4), null,
            "open", "test"}));
  }

  /**
   * Checks that a run reading some sources from another system wrote the same forecasts (both SKUs,
   * 3 periods each) and recommendations (one per SKU) as the all-DuckDB run of the same rows.
   *
   * @param fromDuck the all-DuckDB run's warehouse
   * @param fromOther the other run's warehouse
   */
  public static void assertSameForecastsAndRecommendations(DSLContext fromDuck, DSLContext fromOther) {
    String forecasts = "select sku, location, period_start, horizon, mean, p10, p50, p90, model"
        + " from demand_forecasts order by sku, location, period_start";
    List<List<Object>> otherForecasts = values(fromOther.fetch(forecasts));
    assertThat(otherForecasts).hasSize(2 * 3);
    assertThat(otherForecasts).isEqualTo(values(fromDuck.fetch(forecasts)));
    String recommendations = "select * exclude (run_id) from inventory_recommendations"
        + " order by sku, location";
    List<List<Object>> otherRecommendations = values(fromOther.fetch(recommendations));
    assertThat(otherRecommendations).hasSize(2);
    assertThat(otherRecommendations).isEqualTo(values(fromDuck.fetch(recommendations)));
  }

  /** The rows of a result as lists of values; NULL values (columns a row leaves empty) kept. */
  public static List<List<Object>> values(Result<Record> result) {
    return result.stream().map(r -> java.util.Arrays.asList(r.intoArray())).toList();
  }
}
