package io.demandcast.pipelines.transforms;

import static io.demandcast.connectors.schema.CanonicalTables.DEMAND_FORECASTS;
import static io.demandcast.connectors.schema.CanonicalTables.ERP_INVENTORY;
import static io.demandcast.connectors.schema.CanonicalTables.ERP_ITEMS;
import static io.demandcast.connectors.schema.CanonicalTables.ERP_PURCHASE_ORDERS;
import static io.demandcast.connectors.schema.CanonicalTables.ERP_SALES;
import static io.demandcast.connectors.schema.CanonicalTables.FORECAST_ACCURACY;
import static io.demandcast.connectors.schema.CanonicalTables.FORECAST_EXPLANATIONS;
import static io.demandcast.connectors.schema.CanonicalTables.INVENTORY_RECOMMENDATIONS;
import static io.demandcast.connectors.schema.CanonicalTables.IOT_READINGS;
import static io.demandcast.connectors.schema.CanonicalTables.LOGISTICS_SHIPMENTS;
import static io.demandcast.connectors.schema.CanonicalTables.POLICY_SIMULATION;
import static io.demandcast.connectors.schema.CanonicalTables.REJECTED_RECORDS;

import io.demandcast.connectors.UnreadableRecords;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.inventory.classification.AbcThresholds;
import io.demandcast.inventory.classification.AbcXyzRules;
import io.demandcast.inventory.classification.ValueHistogram;
import io.demandcast.pipelines.coders.InventoryEncoding;
import io.demandcast.pipelines.model.GlobalModel;
import io.demandcast.pipelines.model.JobSettings;
import io.demandcast.pipelines.model.SalesHistory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionRowTuple;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The demandcast job without its IO: from the six canonical source tables to the four row outputs.
 * Input and output tags are the canonical table names; an input may also hold, under {@link
 * #unreadableTag}, the records a source's connector could not convert.
 *
 * <p>Steps:
 *
 * <ol>
 *   <li>Validate every source record against its table's rules and the run's {@link
 *       io.demandcast.pipelines.model.DataRules}; bad ones, and those the connectors could not
 *       convert, become {@code rejected_records} rows. The forecast origin is chosen from the valid
 *       sales ({@link ForecastOrigin}).
 *   <li>Merge: lead-time statistics per supplier lane from the shipments and temperature
 *       excursions per location from the IoT readings (both small, used as side inputs); the sales
 *       rows folded into one compact {@link SalesHistory} per SKU and location (a combine); the
 *       histories and the ERP rows (item, stock, purchase orders) grouped by SKU shard (a stable
 *       hash of the SKU, {@link JobSettings#skuShards()} of them), one CoGroupByKey.
 *   <li>Forecast, per SKU and location: screen the SKU's rows across tables ({@link SkuScreen}:
 *       item master, sales after the origin, duplicates, sales far outside their history, stock
 *       and orders with nothing to plan), assemble the demand series, fit the candidate models,
 *       backtest on rolling origins, select by MASE, forecast the horizon with p10/p50/p90. With
 *       {@link JobSettings#globalModel()} set, one global regression model per segment (item
 *       category x location, hash-bucketed when large) is trained from the same grouped rows and
 *       joins each series' candidates as a side input ({@link GlobalSegments}).
 *   <li>Classify: ABC thresholds of annual forecast value from a bounded, mergeable value
 *       histogram combined over all series (a side input; no step collects the series).
 *   <li>Optimize, per series: class, target and policy; safety stock, reorder point, order-up-to
 *       level and the order to place now; the policy simulation of the held-out periods; orders
 *       scaled back where a location's capacity is exceeded (grouped by location only then).
 *   <li>Emit {@code demand_forecasts}, {@code forecast_explanations} (each forecast split into
 *       its components, {@link ForecastSeries#explanationRows}), {@code forecast_accuracy}, {@code
 *       inventory_recommendations}, {@code policy_simulation} and {@code rejected_records} rows.
 * </ol>
 *
 * Step 3 runs in one DoFn call per shard, SKU by SKU: the work of a SKU is independent of every
 * other SKU, and memory per call is bounded by the largest shard, not by the data set. Shards
 * rather than single SKUs are the grouping key because every group costs a fixed overhead on some
 * runners (measured on the DirectRunner: docs/scaling.md).
 */
public final class ForecastAndRecommend extends PTransform<PCollectionRowTuple, PCollectionRowTuple> {
  /** The output tables, in the order the job emits them. */
  public static final List<TableSchema> OUTPUTS =
      List.of(DEMAND_FORECASTS, FORECAST_EXPLANATIONS, FORECAST_ACCURACY,
          INVENTORY_RECOMMENDATIONS, POLICY_SIMULATION, REJECTED_RECORDS);

  /**
   * The distribution metric whose maximum is the run's forecast origin (start of the origin period,
   * as epoch day); absent when no sale qualified.
   */
  public static final String ORIGIN_METRIC = "forecast_origin_epoch_day";

  private final JobSettings settings;

  /**
   * The optional input tag of a source table's unreadable records: those its connector could not
   * convert (schema {@link UnreadableRecords#SCHEMA}). They become {@code
   * rejected_records} rows and count as read and rejected, see {@link RejectUnreadable}.
   */
  public static String unreadableTag(TableSchema table) {
    return table.name() + "." + UnreadableRecords.UNREADABLE;
  }

  public ForecastAndRecommend(JobSettings settings) {
    super("ForecastAndRecommend");
    this.settings = settings;
  }

  @Override
  public PCollectionRowTuple expand(PCollectionRowTuple sources) {
    // Step 1: validate.
    Map<String, PCollectionTuple> validated = new HashMap<>();
    PCollectionList<Row> rejected = PCollectionList.empty(sources.getPipeline());
    for (TableSchema table : CanonicalTables.SOURCES) {
      if (!sources.has(table.name())) {
        throw new IllegalArgumentException(
            "source table " + table.name() + " is not configured; the job needs every one of "
                + CanonicalTables.SOURCES.stream().map(TableSchema::name).toList());
      }
      PCollectionTuple result =
          sources.get(table.name()).apply(new ValidateRecords(table, settings));
      validated.put(table.name(), result);
      rejected = rejected.and(result.get(ValidateRecords.REJECTED));
      if (sources.has(unreadableTag(table))) {
        rejected =
            rejected.and(
                sources.get(unreadableTag(table)).apply(new RejectUnreadable(table, settings)));
      }
    }
    PCollection<Row> sales = valid(validated, ERP_SALES);

    // Step 2: merge.
    var leadTimes = LeadTimes.apply(valid(validated, LOGISTICS_SHIPMENTS));
    var excursions = TemperatureExcursions.apply(valid(validated, IOT_READINGS), settings);
    PCollectionView<ForecastOrigin> origin = origin(sales);
    PCollection<KV<Integer, CoGbkResult>> grouped =
        KeyedPCollectionTuple.of(ForecastShardFn.SALES, salesHistoriesByShard(sales, settings))
            .and(
                ForecastShardFn.MISSING,
                byShard(
                    "KeyMissingByShard",
                    validated.get(ERP_SALES.name()).get(ValidateRecords.MISSING_QUANTITY)))
            .and(ForecastShardFn.ITEMS, byShard("KeyItemsByShard", valid(validated, ERP_ITEMS)))
            .and(ForecastShardFn.STOCK, byShard("KeyStockByShard", valid(validated, ERP_INVENTORY)))
            .and(ForecastShardFn.ORDERS, byShard("KeyOrdersByShard", valid(validated, ERP_PURCHASE_ORDERS)))
            .apply("GroupBySkuShard", CoGroupByKey.create());
    // Step 3: forecast, with the segments' global models as side inputs when configured.
    GlobalSegments.Views global = null;
    List<PCollectionView<?>> sideInputs = new ArrayList<>(List.of(origin));
    if (settings.globalModel() != GlobalModel.NONE) {
      global = GlobalSegments.apply(grouped, origin, settings).views();
      sideInputs.add(global.sizes());
      sideInputs.add(global.models());
    }
    PCollectionTuple perSku =
        grouped.apply(
                "Forecast",
                ParDo.of(new ForecastShardFn(settings, origin, global))
                    .withSideInputs(sideInputs)
                    .withOutputTags(
                        ForecastShardFn.FORECASTS,
                        TupleTagList.of(ForecastShardFn.EXPLANATIONS)
                            .and(ForecastShardFn.ACCURACY)
                            .and(ForecastShardFn.PLANS)
                            .and(ForecastShardFn.REJECTED)));
    PCollection<PlanInput> plans = perSku.get(ForecastShardFn.PLANS);

    // Step 4: classify.
    JobSettings s = settings;
    PCollectionView<AbcThresholds> thresholds =
        plans
            .apply(
                "AnnualValue",
                MapElements.into(TypeDescriptors.doubles())
                    .via((PlanInput p) -> PlanInventoryFn.annualValue(p, s)))
            .apply("AbcThresholds", Combine.globally(new AbcThresholdsFn()).asSingletonView());

    // Step 5: optimize.
    PCollectionTuple planned =
        plans.apply(
            "Optimize",
            ParDo.of(new PlanInventoryFn(settings, thresholds, leadTimes, excursions))
                .withSideInputs(thresholds, leadTimes, excursions)
                .withOutputTags(
                    PlanInventoryFn.PLANNED, TupleTagList.of(PlanInventoryFn.SIMULATION)));
    PCollection<Row> recommendations =
        planned
            .get(PlanInventoryFn.PLANNED)
            .apply(new ApplyCapacity(settings))
            .setRowSchema(INVENTORY_RECOMMENDATIONS.beamSchema());

    // Step 6: emit.
    PCollection<Row> allRejected =
        rejected
            .and(perSku.get(ForecastShardFn.REJECTED).setRowSchema(Rejections.SCHEMA))
            .apply("FlattenRejected", Flatten.pCollections())
            .setRowSchema(Rejections.SCHEMA)
            .apply("NumberIdentical", Rejections.numberIdentical());
    return PCollectionRowTuple.of(
            DEMAND_FORECASTS.name(),
            perSku.get(ForecastShardFn.FORECASTS).setRowSchema(DEMAND_FORECASTS.beamSchema()))
        .and(
            FORECAST_EXPLANATIONS.name(),
            perSku
                .get(ForecastShardFn.EXPLANATIONS)
                .setRowSchema(FORECAST_EXPLANATIONS.beamSchema()))
        .and(
            FORECAST_ACCURACY.name(),
            perSku.get(ForecastShardFn.ACCURACY).setRowSchema(FORECAST_ACCURACY.beamSchema()))
        .and(INVENTORY_RECOMMENDATIONS.name(), recommendations)
        .and(
            POLICY_SIMULATION.name(),
            planned.get(PlanInventoryFn.SIMULATION).setRowSchema(POLICY_SIMULATION.beamSchema()))
        .and(REJECTED_RECORDS.name(), allRejected);
  }

  /** ABC thresholds from a histogram of annual values: bounded memory whatever the series count. */
  static final class AbcThresholdsFn
      extends Combine.CombineFn<Double, ValueHistogram, AbcThresholds> {
    @Override
    public ValueHistogram createAccumulator() {
      return new ValueHistogram();
    }

    @Override
    public ValueHistogram addInput(ValueHistogram histogram, Double value) {
      return histogram.add(value);
    }

    @Override
    public ValueHistogram mergeAccumulators(Iterable<ValueHistogram> histograms) {
      ValueHistogram merged = new ValueHistogram();
      for (ValueHistogram h : histograms) {
        merged = merged.merge(h);
      }
      return merged;
    }

    @Override
    public AbcThresholds extractOutput(ValueHistogram histogram) {
      return histogram.thresholds(AbcXyzRules.DEFAULT);
    }

    // The accumulator stays on Java serialization (ValueHistogram's bins are private to the
    // inventory module; one accumulator per bundle crosses a stage).
    @Override
    public Coder<AbcThresholds> getDefaultOutputCoder(
        CoderRegistry registry, Coder<Double> inputCoder) {
      return InventoryEncoding.AbcThresholdsCoder.of();
    }
  }

  private static PCollection<Row> valid(Map<String, PCollectionTuple> validated, TableSchema table) {
    return validated.get(table.name()).get(ValidateRecords.VALID);
  }

  private PCollection<KV<Integer, Row>> byShard(String name, PCollection<Row> rows) {
    JobSettings s = settings;
    return rows.apply(
            name,
            MapElements.into(TypeDescriptors.kvs(TypeDescriptors.integers(), TypeDescriptors.rows()))
                .via((Row r) -> KV.of(s.shardOf(r.getString("sku")), r)))
        .setCoder(KvCoder.of(VarIntCoder.of(), rows.getCoder()));
  }

  /**
   * The valid sales as one {@link SalesHistory} per SKU and location, keyed by SKU shard: a
   * per-key combine, so runners that lift combiners (the DirectRunner, Flink, Dataflow) fold the
   * rows into compact histories where they are read, and the shard grouping holds histories rather
   * than rows.
   */
  static PCollection<KV<Integer, SalesHistory>> salesHistoriesByShard(
      PCollection<Row> sales, JobSettings settings) {
    JobSettings s = settings;
    return sales
        .apply("KeySalesBySeries", ParDo.of(new KeyBySeriesFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), sales.getCoder()))
        .apply("SalesHistories", Combine.perKey(new SalesHistoryFn()))
        .apply(
            "KeyHistoriesByShard",
            MapElements.into(
                    TypeDescriptors.kvs(
                        TypeDescriptors.integers(), TypeDescriptor.of(SalesHistory.class)))
                .via((KV<String, SalesHistory> kv) -> KV.of(s.shardOf(kv.getValue().sku()), kv.getValue())));
  }

  /**
   * Keys a sales row by {@link SalesHistory#key}; consecutive rows of the same series (a table
   * exported in SKU order) share one key instance.
   */
  static final class KeyBySeriesFn extends DoFn<Row, KV<String, Row>> {
    private transient String lastSku;
    private transient String lastLocation;
    private transient String lastKey;

    @ProcessElement
    public void process(@Element Row sale, OutputReceiver<KV<String, Row>> out) {
      String sku = sale.getString("sku");
      String location = sale.getString("location");
      if (lastKey == null || !sku.equals(lastSku) || !location.equals(lastLocation)) {
        lastSku = sku;
        lastLocation = location;
        lastKey = SalesHistory.key(sale);
      }
      out.output(KV.of(lastKey, sale));
    }
  }

  /** Folds sales rows of one SKU and location into a {@link SalesHistory}. */
  static final class SalesHistoryFn extends Combine.CombineFn<Row, SalesHistory, SalesHistory> {
    @Override
    public SalesHistory createAccumulator() {
      return new SalesHistory();
    }

    @Override
    public SalesHistory addInput(SalesHistory history, Row sale) {
      return history.add(sale);
    }

    @Override
    public SalesHistory mergeAccumulators(Iterable<SalesHistory> histories) {
      SalesHistory merged = new SalesHistory();
      for (SalesHistory h : histories) {
        merged.merge(h);
      }
      return merged;
    }

    @Override
    public SalesHistory extractOutput(SalesHistory history) {
      return history;
    }
  }

  /**
   * The run's forecast origin ({@link ForecastOrigin}) from the periods of the valid sales: a
   * global combine of row counts per period.
   */
  private PCollectionView<ForecastOrigin> origin(PCollection<Row> sales) {
    var period = settings.period();
    return sales
        .apply(
            "PeriodOfSale",
            MapElements.into(TypeDescriptors.longs())
                .via((Row r) -> period.start(r.getLogicalTypeValue("date", LocalDate.class)).toEpochDay()))
        .apply(
            "ForecastOrigin",
            Combine.globally(new ForecastOrigin.ChooseFn(period, settings.rules().asOf()))
                .asSingletonView());
  }
}
