package io.demandcast.pipelines.transforms;

import io.demandcast.pipelines.coders.FieldCoder;
import io.demandcast.pipelines.model.ItemInfo;
import io.demandcast.pipelines.model.LeadTimeStats;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Lead-time statistics from validated {@code logistics_shipments}: the lead time of a shipment is
 * the days from {@code ship_date} (purchase order sent) to {@code delivered_date}. Shipments lacking
 * either date give no lead time. Statistics are kept per lane (supplier x mode), per supplier and
 * over all shipments, so that {@link #forItem} can fall back when a lane has too few shipments. The
 * result is small (one entry per lane) and is used as a side input.
 */
public final class LeadTimes {
  /** The key of all shipments together. */
  public static final String ALL = "*";

  private LeadTimes() {}

  /** The key of a supplier x mode lane. */
  public static String laneKey(String supplier, String mode) {
    return supplier + "|" + mode;
  }

  /** The key of all of a supplier's shipments. */
  public static String supplierKey(String supplier) {
    return supplier + "|" + ALL;
  }

  /**
   * Lead-time statistics keyed by {@link #laneKey}, {@link #supplierKey} and {@link #ALL}.
   *
   * @param shipments validated {@code logistics_shipments} rows
   */
  public static PCollectionView<Map<String, LeadTimeStats>> apply(PCollection<Row> shipments) {
    return shipments
        .apply("LeadTimePerLane", ParDo.of(new LeadTimeFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), DoubleCoder.of()))
        .apply("LeadTimeStats", Combine.perKey(new StatsFn()))
        .apply("LeadTimesView", View.asMap());
  }

  /** {@link Choice#source()} of an item's own lane (supplier x ship mode). */
  public static final String SOURCE_LANE = "lane";

  /** {@link Choice#source()} of all of the item's supplier's shipments, every mode. */
  public static final String SOURCE_SUPPLIER = "supplier";

  /** {@link Choice#source()} of all shipments, every supplier. */
  public static final String SOURCE_ALL = "all_shipments";

  /** The source of the run's default lead time, when no shipment gave one (no {@link Choice}). */
  public static final String SOURCE_DEFAULT = "default";

  /**
   * The lead time to plan an item with, and which shipments it comes from.
   *
   * @param stats the shipments' count, mean and standard deviation
   * @param basis which shipments, in a planner's words
   * @param source {@link #SOURCE_LANE}, {@link #SOURCE_SUPPLIER} or {@link #SOURCE_ALL}
   */
  public record Choice(LeadTimeStats stats, String basis, String source) {}

  /**
   * The statistics of the item's lane when it has at least {@code minShipments} lead times, else of
   * its supplier, else of all shipments.
   *
   * @return the choice, or null when no shipment gave a lead time at all
   */
  public static Choice forItem(Map<String, LeadTimeStats> stats, ItemInfo item, int minShipments) {
    if (item.supplier() != null && item.shipMode() != null) {
      LeadTimeStats lane = stats.get(laneKey(item.supplier(), item.shipMode()));
      if (lane != null && lane.shipments() >= minShipments) {
        return new Choice(lane, "supplier " + item.supplier() + ", mode " + item.shipMode() + ": "
            + lane.shipments() + " shipments", SOURCE_LANE);
      }
    }
    if (item.supplier() != null) {
      LeadTimeStats supplier = stats.get(supplierKey(item.supplier()));
      if (supplier != null && supplier.shipments() >= minShipments) {
        return new Choice(supplier, "supplier " + item.supplier() + ", all modes: "
            + supplier.shipments() + " shipments", SOURCE_SUPPLIER);
      }
    }
    LeadTimeStats all = stats.get(ALL);
    if (all == null) {
      return null;
    }
    return new Choice(all, "all suppliers (too few shipments for "
        + (item.supplier() == null ? "an unknown supplier" : item.supplier()) + "): "
        + all.shipments() + " shipments", SOURCE_ALL);
  }

  private static final class LeadTimeFn extends DoFn<Row, KV<String, Double>> {
    private final org.apache.beam.sdk.metrics.Counter used =
        org.apache.beam.sdk.metrics.Metrics.counter(ValidateRecords.METRICS_NAMESPACE,
            ValidateRecords.usedCounter("logistics_shipments"));

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<KV<String, Double>> out) {
      used.inc();
      LocalDate shipped = row.getLogicalTypeValue("ship_date", LocalDate.class);
      LocalDate delivered = row.getLogicalTypeValue("delivered_date", LocalDate.class);
      if (shipped == null || delivered == null) {
        return; // no lead-time observation (not delivered yet): valid, used, nothing to learn
      }
      double days = ChronoUnit.DAYS.between(shipped, delivered);
      String supplier = row.getString("supplier");
      String mode = row.getString("mode");
      if (mode != null) {
        out.output(KV.of(laneKey(supplier, mode), days));
      }
      out.output(KV.of(supplierKey(supplier), days));
      out.output(KV.of(ALL, days));
    }
  }

  /** Count, mean and sum of squared deviations of the lead times seen so far. */
  @DefaultCoder(Moments.Coder.class)
  record Moments(double count, double mean, double m2) {

    /** Writes the three numbers; deterministic. */
    public static final class Coder extends FieldCoder<Moments> {
      private static final long serialVersionUID = 1L;
      private static final Coder INSTANCE = new Coder();

      public static Coder of() {
        return INSTANCE;
      }

      public static CoderProvider getCoderProvider() {
        return CoderProviders.forCoder(TypeDescriptor.of(Moments.class), INSTANCE);
      }

      @Override
      public void write(DataOutputStream out, Moments value) throws IOException {
        out.writeDouble(value.count);
        out.writeDouble(value.mean);
        out.writeDouble(value.m2);
      }

      @Override
      public Moments read(DataInputStream in) throws IOException {
        return new Moments(in.readDouble(), in.readDouble(), in.readDouble());
      }

      @Override
      public void verifyDeterministic() {}
    }
  }

  /** Count, mean and sample standard deviation, merged with Chan et al.'s parallel update. */
  static final class StatsFn extends Combine.CombineFn<Double, Moments, LeadTimeStats> {
    @Override
    public Moments createAccumulator() {
      return new Moments(0, 0, 0);
    }

    @Override
    public Moments addInput(Moments acc, Double x) {
      return merge(acc, new Moments(1, x, 0));
    }

    @Override
    public Moments mergeAccumulators(Iterable<Moments> accumulators) {
      Moments merged = createAccumulator();
      for (Moments a : accumulators) {
        merged = merge(merged, a);
      }
      return merged;
    }

    private static Moments merge(Moments a, Moments b) {
      if (a.count() == 0) {
        return b;
      }
      if (b.count() == 0) {
        return a;
      }
      double n = a.count() + b.count();
      double delta = b.mean() - a.mean();
      return new Moments(
          n,
          a.mean() + delta * b.count() / n,
          a.m2() + b.m2() + delta * delta * a.count() * b.count() / n);
    }

    @Override
    public LeadTimeStats extractOutput(Moments acc) {
      long n = (long) acc.count();
      double sd = n > 1 ? Math.sqrt(acc.m2() / (n - 1)) : 0;
      return new LeadTimeStats(n, acc.mean(), sd);
    }
  }
}
