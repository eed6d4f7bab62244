package io.demandcast.pipelines.transforms;

import io.demandcast.pipelines.model.DemandSeries;
import io.demandcast.pipelines.model.ItemInfo;
import io.demandcast.pipelines.model.JobSettings;
import io.demandcast.pipelines.model.PeriodType;
import io.demandcast.pipelines.model.SeriesKey;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Max;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Joins validated sales to the item master and aggregates them into one demand series per SKU x
 * location: units per period, from the series' first recorded period to the last period any sale
 * falls in (the forecast origin is the period after it). A period without sales is 0; a period with
 * a sales row whose quantity was not recorded is NaN (missing). Sales of a SKU that is not in
 * {@code erp_items} are rejected.
 */
public final class BuildDemandSeries {
  private BuildDemandSeries() {}

  /**
   * The output of {@link #apply}.
   *
   * @param series one demand series per SKU x location with at least one sales row
   * @param itemsBySeries the item of each series, keyed by {@link SeriesKey}
   * @param lastPeriod start of the last period with sales, as epoch day ({@code Long.MIN_VALUE}
   *     when there are no sales)
   * @param rejected sales rows rejected because their SKU is not in the item master
   */
  public record Result(
      PCollection<DemandSeries> series,
      PCollection<KV<String, ItemInfo>> itemsBySeries,
      PCollectionView<Long> lastPeriod,
      PCollection<Row> rejected) {}

  private static final TupleTag<Row> SALES = new TupleTag<>("sales") {};
  private static final TupleTag<Row> ITEMS = new TupleTag<>("items") {};
  private static final TupleTag<KV<String, Double>> QUANTITIES = new TupleTag<>("quantities") {};
  private static final TupleTag<KV<String, ItemInfo>> SERIES_ITEMS = new TupleTag<>("items") {};
  private static final TupleTag<Row> UNKNOWN_SKU = new TupleTag<>("unknown") {};
  private static final char PERIOD_SEPARATOR = '\u001e';

  /**
   * Builds the demand series.
   *
   * @param sales validated {@code erp_sales} rows
   * @param items validated {@code erp_items} rows
   * @param missing sales rows with a missing quantity: series key to sale day (epoch day)
   * @param settings the run's settings (period type, run id)
   */
  public static Result apply(
      PCollection<Row> sales,
      PCollection<Row> items,
      PCollection<KV<String, Long>> missing,
      JobSettings settings) {
    PeriodType period = settings.period();
    Schema salesSchema = sales.getSchema();

    PCollection<KV<String, Row>> salesBySku =
        sales
            .apply("KeySalesBySku", MapElements.into(kvOfRow()).via(r -> KV.of(r.getString("sku"), r)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), sales.getCoder()));
    PCollection<KV<String, Row>> itemsBySku =
        items
            .apply("KeyItemsBySku", MapElements.into(kvOfRow()).via(r -> KV.of(r.getString("sku"), r)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), items.getCoder()));

    PCollectionTuple joined =
        KeyedPCollectionTuple.of(SALES, salesBySku)
            .and(ITEMS, itemsBySku)
            .apply("JoinSalesToItems", CoGroupByKey.create())
            .apply(
                "KeyQuantitiesBySeriesPeriod",
                ParDo.of(new JoinFn(period, settings))
                    .withOutputTags(QUANTITIES, TupleTagList.of(SERIES_ITEMS).and(UNKNOWN_SKU)));
    joined.get(QUANTITIES).setCoder(KvCoder.of(StringUtf8Coder.of(), DoubleCoder.of()));
    joined.get(SERIES_ITEMS)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(ItemInfo.class)));
    joined.get(UNKNOWN_SKU).setRowSchema(Rejections.SCHEMA);

    PCollection<KV<String, Double>> missingQuantities =
        missing
            .apply(
                "MarkMissingPeriods",
                MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.doubles()))
                    .via(kv -> KV.of(periodKey(kv.getKey(), period, kv.getValue()), Double.NaN)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), DoubleCoder.of()));

    PCollection<KV<String, Double>> perPeriod =
        PCollectionList.of(joined.get(QUANTITIES))
            .and(missingQuantities)
            .apply("FlattenQuantities", Flatten.pCollections())
            .apply("SumPerSeriesPeriod", Sum.doublesPerKey());

    PCollectionView<Long> lastPeriod =
        sales
            .apply(
                "PeriodOfSale",
                MapElements.into(TypeDescriptors.longs())
                    .via(r -> period.start(r.getLogicalTypeValue("date", LocalDate.class)).toEpochDay()))
            .apply("LastPeriod", Max.longsGlobally())
            .apply("LastPeriodView", View.asSingleton());

    PCollection<DemandSeries> series =
        perPeriod
            .apply(
                "KeyBySeries",
                MapElements.into(
                        TypeDescriptors.kvs(
                            TypeDescriptors.strings(),
                            TypeDescriptors.kvs(TypeDescriptors.longs(), TypeDescriptors.doubles())))
                    .via(
                        kv -> {
                          String key = kv.getKey();
                          int cut = key.lastIndexOf(PERIOD_SEPARATOR);
                          return KV.of(
                              key.substring(0, cut),
                              KV.of(Long.parseLong(key.substring(cut + 1)), kv.getValue()));
                        }))
            .setCoder(
                KvCoder.of(
                    StringUtf8Coder.of(), KvCoder.of(VarLongCoder.of(), DoubleCoder.of())))
            .apply("GroupPeriodsBySeries", GroupByKey.create())
            .apply(
                "AssembleSeries",
                ParDo.of(new AssembleFn(period, lastPeriod)).withSideInputs(lastPeriod));

    return new Result(series, joined.get(SERIES_ITEMS), lastPeriod, joined.get(UNKNOWN_SKU));
  }

  private static org.apache.beam.sdk.values.TypeDescriptor<KV<String, Row>> kvOfRow() {
    return TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.rows());
  }

  private static String periodKey(String seriesKey, PeriodType period, long saleEpochDay) {
    return seriesKey + PERIOD_SEPARATOR + period.start(LocalDate.ofEpochDay(saleEpochDay)).toEpochDay();
  }

  /** Converts a validated {@code erp_items} row, applying the documented defaults. */
  static ItemInfo itemInfo(Row row) {
    Integer casePack = row.getInt32("case_pack");
    Double moq = row.getDouble("moq");
    return new ItemInfo(
        row.getString("sku"),
        row.getDouble("unit_cost"),
        row.getDouble("holding_cost_rate"),
        row.getDouble("order_cost"),
        casePack == null ? 1 : casePack,
        moq == null ? 0 : moq,
        row.getString("supplier"),
        row.getString("ship_mode"),
        row.getInt32("shelf_life_days"));
  }

  private static final class JoinFn extends DoFn<KV<String, CoGbkResult>, KV<String, Double>> {
    private final PeriodType period;
    private final JobSettings settings;

    JoinFn(PeriodType period, JobSettings settings) {
      this.period = period;
      this.settings = settings;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> joined, MultiOutputReceiver out) {
      String sku = joined.getKey();
      Row item = null;
      for (Row candidate : joined.getValue().getAll(ITEMS)) {
        item = candidate; // erp_items has one row per SKU; a duplicate is taken as the same item
      }
      TreeSet<String> locations = new TreeSet<>();
      for (Row sale : joined.getValue().getAll(SALES)) {
        if (item == null) {
          out.get(UNKNOWN_SKU)
              .output(
                  Rejections.row(
                      settings.runId(),
                      "erp_sales",
                      RowPayload.toJson(sale),
                      "sku " + sku + " is not in erp_items",
                      settings.startedAt()));
          continue;
        }
        String key = SeriesKey.of(sku, sale.getString("location"));
        locations.add(key);
        long day = sale.getLogicalTypeValue("date", LocalDate.class).toEpochDay();
        out.get(QUANTITIES).output(KV.of(periodKey(key, period, day), sale.getDouble("quantity")));
      }
      if (item != null) {
        ItemInfo info = itemInfo(item);
        for (String key : locations) {
          out.get(SERIES_ITEMS).output(KV.of(key, info));
        }
      }
    }
  }

  private static final class AssembleFn
      extends DoFn<KV<String, Iterable<KV<Long, Double>>>, DemandSeries> {
    private final PeriodType period;
    private final PCollectionView<Long> lastPeriodView;

    AssembleFn(PeriodType period, PCollectionView<Long> lastPeriodView) {
      this.period = period;
      this.lastPeriodView = lastPeriodView;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<KV<Long, Double>>> grouped,
        OutputReceiver<DemandSeries> out,
        ProcessContext context) {
      TreeMap<Long, Double> byPeriod = new TreeMap<>();
      for (KV<Long, Double> kv : grouped.getValue()) {
        byPeriod.merge(kv.getKey(), kv.getValue(), Double::sum);
      }
      Long firstRecorded = null;
      for (var e : byPeriod.entrySet()) {
        if (!Double.isNaN(e.getValue())) {
          firstRecorded = e.getKey();
          break;
        }
      }
      LocalDate last = LocalDate.ofEpochDay(context.sideInput(lastPeriodView));
      LocalDate first =
          firstRecorded == null
              ? LocalDate.ofEpochDay(byPeriod.firstKey())
              : LocalDate.ofEpochDay(firstRecorded);
      int length = (int) period.between(first, last) + 1;
      List<Double> values = new ArrayList<>(length);
      for (int i = 0; i < length; i++) {
        values.add(byPeriod.getOrDefault(period.plus(first, i).toEpochDay(), 0.0));
      }
      double[] history = values.stream().mapToDouble(Double::doubleValue).toArray();
      String key = grouped.getKey();
      out.output(new DemandSeries(SeriesKey.sku(key), SeriesKey.location(key), first, history));
    }
  }
}
