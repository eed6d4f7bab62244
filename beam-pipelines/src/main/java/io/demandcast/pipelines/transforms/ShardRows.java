package io.demandcast.pipelines.transforms;

import static io.demandcast.pipelines.transforms.ForecastShardFn.ITEMS;
import static io.demandcast.pipelines.transforms.ForecastShardFn.MISSING;
import static io.demandcast.pipelines.transforms.ForecastShardFn.ORDERS;
import static io.demandcast.pipelines.transforms.ForecastShardFn.SALES;
import static io.demandcast.pipelines.transforms.ForecastShardFn.STOCK;

import io.demandcast.pipelines.model.SalesHistory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The grouped ERP rows of one SKU shard (the output of the job's CoGroupByKey), split by SKU: the
 * one place both the forecasting step ({@link ForecastShardFn}) and the global-model training
 * ({@link GlobalSegments}) read a shard from; {@link SkuScreen} then decides what of a SKU is used.
 */
final class ShardRows {
  private ShardRows() {}

  /**
   * The rows of one SKU: its sales histories ({@link ForecastShardFn#SALES}, one or more per
   * location) and its other rows by source tag ({@code MISSING}, {@code ITEMS}, {@code STOCK},
   * {@code ORDERS}).
   *
   * @param sku the SKU
   * @param sales its sales histories
   * @param rows its rows per tag; a tag without rows is absent
   */
  record Sku(String sku, List<SalesHistory> sales, Map<TupleTag<Row>, List<Row>> rows) {
    List<Row> get(TupleTag<Row> tag) {
      return rows.getOrDefault(tag, List.of());
    }
  }

  /**
   * Splits a shard's rows by SKU.
   *
   * @param rows the CoGroupByKey result of one shard
   * @return the SKUs in SKU order
   */
  static List<Sku> bySku(CoGbkResult rows) {
    Map<String, Map<TupleTag<Row>, List<Row>>> bySku = new TreeMap<>();
    Map<String, List<SalesHistory>> sales = new HashMap<>();
    for (SalesHistory history : rows.getAll(SALES)) {
      sales.computeIfAbsent(history.sku(), k -> new ArrayList<>()).add(history);
      bySku.computeIfAbsent(history.sku(), k -> new HashMap<>());
    }
    for (TupleTag<Row> tag : List.of(MISSING, ITEMS, STOCK, ORDERS)) {
      for (Row row : rows.getAll(tag)) {
        bySku.computeIfAbsent(row.getString("sku"), k -> new HashMap<>())
            .computeIfAbsent(tag, k -> new ArrayList<>())
            .add(row);
      }
    }
    List<Sku> skus = new ArrayList<>();
    bySku.forEach(
        (sku, tagged) -> skus.add(new Sku(sku, sales.getOrDefault(sku, List.of()), tagged)));
    return skus;
  }
}
