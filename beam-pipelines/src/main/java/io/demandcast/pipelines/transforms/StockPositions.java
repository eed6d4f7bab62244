package io.demandcast.pipelines.transforms;

import io.demandcast.pipelines.model.SeriesKey;
import io.demandcast.pipelines.model.StockSnapshot;
import java.time.LocalDate;
import java.util.Locale;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableBiFunction;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/** On hand and on order per SKU x location, from validated ERP rows. */
public final class StockPositions {
  private StockPositions() {}

  /**
   * The latest snapshot per SKU x location (a later {@code snapshot_date} wins; on the same day the
   * larger on-hand, so that the result does not depend on input order).
   *
   * @param inventory validated {@code erp_inventory} rows
   */
  public static PCollection<KV<String, StockSnapshot>> latestSnapshots(PCollection<Row> inventory) {
    return inventory
        .apply("KeySnapshotBySeries", ParDo.of(new SnapshotFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(StockSnapshot.class)))
        .apply("LatestSnapshot", Combine.perKey(new Later()));
  }

  /**
   * Units on open purchase orders per SKU x location (status {@code open}, case-insensitive).
   *
   * @param purchaseOrders validated {@code erp_purchase_orders} rows
   */
  public static PCollection<KV<String, Double>> onOrder(PCollection<Row> purchaseOrders) {
    return purchaseOrders
        .apply("OpenOrderQuantity", ParDo.of(new OpenFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), DoubleCoder.of()))
        .apply("SumOnOrder", Sum.doublesPerKey());
  }

  private static final class Later implements SerializableBiFunction<StockSnapshot, StockSnapshot, StockSnapshot> {
    @Override
    public StockSnapshot apply(StockSnapshot a, StockSnapshot b) {
      int byDate = a.snapshotDate().compareTo(b.snapshotDate());
      if (byDate != 0) {
        return byDate > 0 ? a : b;
      }
      return a.onHand() >= b.onHand() ? a : b;
    }
  }

  private static final class SnapshotFn extends DoFn<Row, KV<String, StockSnapshot>> {
    @ProcessElement
    public void process(@Element Row row, OutputReceiver<KV<String, StockSnapshot>> out) {
      Double quarantined = row.getDouble("quarantined");
      out.output(
          KV.of(
              SeriesKey.of(row.getString("sku"), row.getString("location")),
              new StockSnapshot(
                  row.getLogicalTypeValue("snapshot_date", LocalDate.class),
                  row.getDouble("on_hand"),
                  quarantined == null ? 0 : quarantined)));
    }
  }

  private static final class OpenFn extends DoFn<Row, KV<String, Double>> {
    @ProcessElement
    public void process(@Element Row row, OutputReceiver<KV<String, Double>> out) {
      if (row.getString("status").strip().toLowerCase(Locale.ROOT).equals("open")) {
        out.output(
            KV.of(
                SeriesKey.of(row.getString("sku"), row.getString("location")),
                row.getDouble("quantity")));
      }
    }
  }
}
