package io.demandcast.pipelines.transforms;

import static io.demandcast.connectors.schema.CanonicalTables.DEMAND_FORECASTS;
import static io.demandcast.connectors.schema.CanonicalTables.ERP_INVENTORY;
import static io.demandcast.connectors.schema.CanonicalTables.ERP_ITEMS;
import static io.demandcast.connectors.schema.CanonicalTables.ERP_PURCHASE_ORDERS;
import static io.demandcast.connectors.schema.CanonicalTables.ERP_SALES;
import static io.demandcast.connectors.schema.CanonicalTables.FORECAST_ACCURACY;
import static io.demandcast.connectors.schema.CanonicalTables.FORECAST_EXPLANATIONS;
import static io.demandcast.connectors.schema.CanonicalTables.IOT_READINGS;
import static io.demandcast.connectors.schema.CanonicalTables.LOGISTICS_SHIPMENTS;
import static io.demandcast.pipelines.transforms.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.forecasting.Forecaster;
import io.demandcast.forecasting.ModelAccuracy;
import io.demandcast.forecasting.ModelSelection;
import io.demandcast.forecasting.SeriesForecast;
import io.demandcast.pipelines.model.DemandSeries;
import io.demandcast.pipelines.model.GlobalModel;
import io.demandcast.pipelines.model.JobSettings;
import io.demandcast.pipelines.model.PeriodType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionRowTuple;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The global models per segment on a small synthetic fixture: segment keys and hash buckets, the
 * two models of a segment and what each was trained on, the global candidate in the job's output,
 * and a run without a global model.
 */
@ExtendWith(TestPipelineExtension.class)
class GlobalSegmentsTest {
  private static final LocalDateTime STARTED = LocalDateTime.of(2026, 11, 21, 9, 0);
  private static final LocalDate FIRST_MONTH = LocalDate.of(1998, 1, 1);
  private static final int MONTHS = 60; // Jan 1998 .. Dec 2002
  private static final LocalDate LAST_MONTH = FIRST_MONTH.plusMonths(MONTHS - 1);
  /** 8 series of category C1 at DC1: more than 4, so two hash buckets. */
  private static final int MAX_SERIES = 4;
  private static final List<String> DC1_SKUS =
      List.of("A01", "A02", "A03", "A04", "A05", "A06", "A07", "A08");
  /** C1 at DC2: two whole series and one from March 1998 (10 months trimmed to align on January). */
  private static final List<String> DC2_SKUS = List.of("B01", "B02", "B03");
  private static final String LATE_SKU = "B03";
  private static final LocalDate LATE_FIRST = LocalDate.of(1998, 3, 1);
  /** One series without a category: a segment of one series, too small for a model. */
  private static final String LONE_SKU = "U01";

  private static final JobSettings NONE = JobSettings.defaults("test-run", STARTED);
  private static final JobSettings GBT = NONE.withGlobalModel(GlobalModel.GBT, MAX_SERIES);

  /** Seasonal demand, a level per SKU, plus a small deterministic wobble. */
  private static double demand(int skuIndex, int month) {
    double level = 10 + 5 * skuIndex;
    return Math.round(level * (1 + 0.5 * Math.sin(2 * Math.PI * month / 12.0))
        + ((skuIndex * 7 + month * 3) % 5));
  }

  private static List<Row> sales() {
    List<Row> rows = new ArrayList<>();
    List<String> all = new ArrayList<>(DC1_SKUS);
    all.addAll(DC2_SKUS);
    all.add(LONE_SKU);
    for (int i = 0; i < all.size(); i++) {
      String sku = all.get(i);
      String location = DC2_SKUS.contains(sku) ? "DC2" : "DC1";
      for (int m = 0; m < MONTHS; m++) {
        LocalDate month = FIRST_MONTH.plusMonths(m);
        if (sku.equals(LATE_SKU) && month.isBefore(LATE_FIRST)) {
          continue;
        }
        rows.add(row(ERP_SALES, "sku", sku, "location", location, "date", month.plusDays(9),
            "quantity", demand(i, m)));
      }
    }
    return rows;
  }

  private static List<Row> items() {
    List<Row> rows = new ArrayList<>();
    for (String sku : DC1_SKUS) {
      rows.add(item(sku, "C1"));
    }
    for (String sku : DC2_SKUS) {
      rows.add(item(sku, "C1"));
    }
    rows.add(item(LONE_SKU, null));
    return rows;
  }

  private static Row item(String sku, String category) {
    return row(ERP_ITEMS, "sku", sku, "category", category, "unit_cost", 5.0,
        "holding_cost_rate", 0.2, "order_cost", 20.0, "supplier", "S1", "ship_mode", "Air");
  }

  private static List<Row> shipments() {
    List<Row> rows = new ArrayList<>(Fixtures.laneShipments());
    return rows;
  }

  private static PCollectionRowTuple sources(TestPipeline pipeline) {
    Map<TableSchema, List<Row>> fixture = new LinkedHashMap<>();
    fixture.put(ERP_SALES, sales());
    fixture.put(ERP_ITEMS, items());
    fixture.put(ERP_INVENTORY, List.of());
    fixture.put(ERP_PURCHASE_ORDERS, List.of());
    fixture.put(IOT_READINGS, List.of(row(IOT_READINGS, "sensor_id", "s1", "location", "DC1",
        "ts", LAST_MONTH.atTime(0, 0), "metric", "temperature_c", "value", 20.0)));
    fixture.put(LOGISTICS_SHIPMENTS, shipments());
    PCollectionRowTuple tuple = PCollectionRowTuple.empty(pipeline);
    for (var e : fixture.entrySet()) {
      tuple = tuple.and(e.getKey().name(), pipeline.apply("Create" + e.getKey().name(),
          Create.of(e.getValue()).withRowSchema(e.getKey().beamSchema())));
    }
    return tuple;
  }

  /** The expected bucketed key of every C1 series at DC1, by SKU. */
  private static Map<String, String> dc1Keys() {
    Map<String, String> keys = new TreeMap<>();
    String segment = GlobalSegments.segmentKey("C1", "DC1");
    for (String sku : DC1_SKUS) {
      keys.put(sku, GlobalSegments.segmentKey(segment, sku, DC1_SKUS.size(), MAX_SERIES));
    }
    return keys;
  }

  private static PCollection<Row> empty(TestPipeline pipeline, TableSchema table) {
    return pipeline.apply("Empty" + table.name(),
        Create.empty(org.apache.beam.sdk.schemas.SchemaCoder.of(table.beamSchema())));
  }

  /** Rows keyed by the shard of their SKU, as the job keys them. */
  private static PCollection<KV<Integer, Row>> keyed(String name, PCollection<Row> rows) {
    return rows.apply("Key" + name, org.apache.beam.sdk.transforms.MapElements
            .into(org.apache.beam.sdk.values.TypeDescriptors.kvs(
                org.apache.beam.sdk.values.TypeDescriptors.integers(),
                org.apache.beam.sdk.values.TypeDescriptors.rows()))
            .via((Row r) -> KV.of(GBT.shardOf(r.getString("sku")), r)))
        .setCoder(KvCoder.of(VarIntCoder.of(), rows.getCoder()));
  }

  private static <T> List<T> list(Iterable<T> items) {
    return StreamSupport.stream(items.spliterator(), false).toList();
  }

  // ---- keys, buckets, season alignment ----

  @Test
  void givenCategoryAndLocation_whenSegmentKey_thenEscapedSoThatPairsNeverCollide() {
    assertThat(GlobalSegments.segmentKey("C1", "DC1")).isEqualTo("C1/DC1");
    assertThat(GlobalSegments.segmentKey("a/b", "c")).isNotEqualTo(GlobalSegments.segmentKey("a", "b/c"));
    assertThat(GlobalSegments.segmentKey("a#1", "c")).isEqualTo("a\\#1/c");
    assertThat(GlobalSegments.category(null)).isEqualTo("uncategorised");
    assertThat(GlobalSegments.category(item("X", "  "))).isEqualTo("uncategorised");
    assertThat(GlobalSegments.category(item("X", " Brakes "))).isEqualTo("Brakes");
  }

  @Test
  void givenSegmentAtOrBelowTheMax_whenSegmentKey_thenUnsplit() {
    assertThat(GlobalSegments.segmentKey("C1/DC1", "A01", 4, 4)).isEqualTo("C1/DC1");
    assertThat(GlobalSegments.segmentKey("C1/DC1", "A01", 0, 4)).isEqualTo("C1/DC1");
  }

  @Test
  void givenLargeSegment_whenSegmentKey_thenStableBucketsCeilSeriesOverMax() {
    List<String> skus = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      skus.add("SKU-" + i);
    }
    Map<String, Long> perBucket = skus.stream().collect(Collectors.groupingBy(
        sku -> GlobalSegments.segmentKey("C/L", sku, 1000, 300), TreeMap::new,
        Collectors.counting()));
    // ceil(1000 / 300) = 4 buckets, each about 250 series
    assertThat(perBucket.keySet()).containsExactly("C/L#0", "C/L#1", "C/L#2", "C/L#3");
    assertThat(perBucket.values()).allSatisfy(n -> assertThat(n).isBetween(180L, 320L));
    // stable: the same SKU always lands in the same bucket
    assertThat(GlobalSegments.segmentKey("C/L", "SKU-7", 1000, 300))
        .isEqualTo(GlobalSegments.segmentKey("C/L", "SKU-7", 1000, 300));
    assertThat(GlobalSegments.skuHash("SKU-7")).isEqualTo(GlobalSegments.skuHash("SKU-7"));
  }

  @Test
  void givenFirstPeriods_whenTrim_thenPeriodsToTheNextSeasonStart() {
    assertThat(GlobalSegments.trim(PeriodType.MONTH, LocalDate.of(1998, 1, 1))).isZero();
    assertThat(GlobalSegments.trim(PeriodType.MONTH, LocalDate.of(1998, 3, 1))).isEqualTo(10);
    assertThat(GlobalSegments.trim(PeriodType.MONTH, LocalDate.of(1995, 12, 1))).isEqualTo(1);
    assertThat(GlobalSegments.trim(PeriodType.WEEK, LocalDate.of(2000, 1, 3))).isZero();
    assertThat(GlobalSegments.trim(PeriodType.WEEK, LocalDate.of(2000, 1, 10))).isEqualTo(51);
    assertThat(GlobalSegments.trim(PeriodType.WEEK, LocalDate.of(1999, 12, 27))).isEqualTo(1);
  }

  // ---- the models of a segment ----

  private static List<DemandSeries> segmentSeries(int count, int length) {
    List<DemandSeries> series = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double[] h = new double[length];
      for (int m = 0; m < length; m++) {
        h[m] = demand(i, m);
      }
      series.add(new DemandSeries("S" + i, "DC1", FIRST_MONTH, h));
    }
    return series;
  }

  @Test
  void givenSegment_whenTrained_thenTheBacktestModelNeverSawTheBacktestSpan() {
    List<DemandSeries> series = segmentSeries(5, MONTHS);
    SegmentModels models = GlobalSegments.train("C1/DC1", series, GBT);
    int span = GBT.backtestSpan();
    assertThat(span).isEqualTo(18);
    assertThat(models.holdOut()).isEqualTo(span);
    assertThat(models.backtest().parameters()).containsEntry("hold_out", 18.0);
    assertThat(models.full().parameters()).containsEntry("hold_out", 0.0);
    // recursive, look-back 24 for m = 12: one training row per origin 24..trainLength - 1
    int lookback = models.lookback();
    assertThat(lookback).isEqualTo(24);
    assertThat(models.full().parameters()).containsEntry("training_rows", 5.0 * (MONTHS - 24));
    assertThat(models.backtest().parameters())
        .containsEntry("training_rows", 5.0 * (MONTHS - 18 - 24));

    // other values in the backtest span: the backtest model is the same, the forecast model not
    List<DemandSeries> changed = new ArrayList<>();
    for (DemandSeries s : series) {
      double[] h = s.history();
      for (int t = MONTHS - span; t < MONTHS; t++) {
        h[t] = 1000 + t;
      }
      changed.add(new DemandSeries(s.sku(), s.location(), s.firstPeriod(), h));
    }
    SegmentModels other = GlobalSegments.train("C1/DC1", changed, GBT);
    assertThat(other.backtest().description()).isEqualTo(models.backtest().description());
    assertThat(other.full().description()).isNotEqualTo(models.full().description());
    double[] probe = series.get(0).history();
    assertThat(other.backtest().forecast(Arrays.copyOf(probe, MONTHS - span), null, 12))
        .containsExactly(models.backtest().forecast(Arrays.copyOf(probe, MONTHS - span), null, 12));
  }

  @Test
  void givenSeriesOrder_whenTrained_thenTheSameModels() {
    List<DemandSeries> series = segmentSeries(4, MONTHS);
    List<DemandSeries> reversed = new ArrayList<>(series);
    java.util.Collections.reverse(reversed);
    assertThat(GlobalSegments.train("k", reversed, GBT).full().description())
        .isEqualTo(GlobalSegments.train("k", series, GBT).full().description());
  }

  @Test
  void givenTooFewLongSeries_whenTrained_thenNoModel() {
    // one series long enough for the backtest model (24 + 1 + 18 = 43 periods), one not
    List<DemandSeries> series = new ArrayList<>(segmentSeries(1, 43));
    series.addAll(segmentSeries(1, 42).stream()
        .map(s -> new DemandSeries("T", s.location(), s.firstPeriod(), s.history())).toList());
    assertThat(GlobalSegments.train("k", series, GBT)).isNull();
    assertThat(GlobalSegments.train("k", segmentSeries(2, 43), GBT)).isNotNull();
  }

  @Test
  void givenCandidate_whenBacktestOriginInsideTheTrainingData_thenRefused() {
    SegmentModels models = GlobalSegments.train("C1/DC1", segmentSeries(5, MONTHS), GBT);
    double[] y = segmentSeries(1, MONTHS).get(0).history();
    Forecaster candidate = models.candidate(MONTHS, 0);
    Forecaster backtest = candidate.forBacktest(candidate.fit(y));
    assertThat(backtest.spec()).contains("hold_out=18");
    assertThat(backtest.fit(Arrays.copyOf(y, MONTHS - 18)).forecast(12)).hasSize(12);
    assertThatThrownBy(() -> backtest.fit(Arrays.copyOf(y, MONTHS - 19)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("inside the global model's training data");
    assertThat(models.fits(42, 0)).isTrue();
    assertThat(models.fits(42, 1)).isFalse();
    assertThatThrownBy(() -> models.candidate(41, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenCandidateInTheRunsSelection_whenForecast_thenBacktestedInEveryWindowAndCombined() {
    SegmentModels models = GlobalSegments.train("C1/DC1", segmentSeries(5, MONTHS), GBT);
    double[] y = segmentSeries(1, MONTHS).get(0).history();
    ModelSelection base = ForecastSeries.selection(GBT);
    List<Forecaster> candidates = new ArrayList<>(base.candidates());
    candidates.add(models.candidate(MONTHS, 0));
    SeriesForecast f = new ModelSelection(candidates, base.intermittentCandidates(),
        base.baselines(), base.options()).forecast(y);
    ModelAccuracy global = f.accuracy().stream()
        .filter(a -> a.model().equals("global_gbt")).findFirst().orElseThrow();
    assertThat(global.windows()).isEqualTo(3);
    assertThat(global.failure()).isNull();
    assertThat(global.mase()).isFinite();
    // the run weights every candidate by its backtest, the global model among them
    assertThat(f.model()).isEqualTo(ModelSelection.COMBINATION);
    assertThat(f.provenance().spec()).contains("global_gbt(recursive").contains("hold_out=0");
  }

  // ---- in the pipeline ----

  @Test
  void givenFixture_whenSegmentsTrained_thenOneModelPerBucketOrSegmentWithEnoughSeries(
      TestPipeline pipeline) {
    PCollectionRowTuple sources = sources(pipeline);
    var grouped = KeyedPCollectionTuple
        .of(ForecastShardFn.SALES,
            ForecastAndRecommend.salesHistoriesByShard(sources.get(ERP_SALES.name()), GBT))
        .and(ForecastShardFn.MISSING, keyed("Missing", empty(pipeline, ERP_SALES)))
        .and(ForecastShardFn.ITEMS, keyed("Items", sources.get(ERP_ITEMS.name())))
        .and(ForecastShardFn.STOCK, keyed("Stock", sources.get(ERP_INVENTORY.name())))
        .and(ForecastShardFn.ORDERS, keyed("Orders", sources.get(ERP_PURCHASE_ORDERS.name())))
        .apply(CoGroupByKey.create());
    var lastPeriod = pipeline
        .apply("LastPeriod", Create.of(new ForecastOrigin(LAST_MONTH.toEpochDay(),
            LAST_MONTH.toEpochDay(), LAST_MONTH.plusMonths(1).minusDays(1), null)))
        .apply(View.asSingleton());

    GlobalSegments.Result result = GlobalSegments.apply(grouped, lastPeriod, GBT);

    Map<String, String> dc1 = dc1Keys();
    Map<String, Long> perBucket = dc1.values().stream()
        .collect(Collectors.groupingBy(k -> k, TreeMap::new, Collectors.counting()));
    Set<String> expected = new TreeSet<>();
    perBucket.forEach((k, n) -> {
      if (n >= GlobalSegments.MIN_SERIES) {
        expected.add(k);
      }
    });
    expected.add("C1/DC2");
    PAssert.that(result.trained()).satisfies(kvs -> {
      Map<String, SegmentModels> models = new HashMap<>();
      kvs.forEach(kv -> models.put(kv.getKey(), kv.getValue()));
      // 8 series at DC1 over a max of 4: split into ceil(8 / 4) = 2 buckets
      assertThat(perBucket.keySet()).containsExactly("C1/DC1#0", "C1/DC1#1");
      assertThat(models.keySet()).containsExactlyInAnyOrderElementsOf(expected);
      SegmentModels dc2 = models.get("C1/DC2");
      assertThat(dc2.trainingSeries()).isEqualTo(3);
      // B03 starts in March 1998: 58 periods, 48 once aligned on January
      assertThat(dc2.full().parameters().get("training_rows"))
          .isEqualTo(2.0 * (MONTHS - 24) + (48 - 24));
      assertThat(dc2.backtest().parameters().get("training_rows"))
          .isEqualTo(2.0 * (MONTHS - 18 - 24) + (48 - 18 - 24));
      models.values().forEach(m -> assertThat(m.holdOut()).isEqualTo(18));
      return null;
    });
    PAssert.that(result.trained()).satisfies(kvs -> {
      assertThat(list(kvs)).noneMatch(kv -> kv.getKey().startsWith("uncategorised"));
      return null;
    });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void givenGbt_whenJobRun_thenTheSegmentSeriesHaveTheGlobalCandidateAndOthersNot(
      TestPipeline pipeline) {
    PCollectionRowTuple out = sources(pipeline).apply(new ForecastAndRecommend(GBT));
    Map<String, String> dc1 = dc1Keys();
    Map<String, Long> perBucket = dc1.values().stream()
        .collect(Collectors.groupingBy(k -> k, Collectors.counting()));
    Set<String> withModel = new TreeSet<>();
    dc1.forEach((sku, key) -> {
      if (perBucket.get(key) >= GlobalSegments.MIN_SERIES) {
        withModel.add(sku);
      }
    });
    withModel.addAll(DC2_SKUS);
    PAssert.that(out.get(FORECAST_ACCURACY.name())).satisfies(rows -> {
      Map<String, List<Row>> bySku = list(rows).stream()
          .collect(Collectors.groupingBy(r -> r.getString("sku")));
      assertThat(bySku).hasSize(DC1_SKUS.size() + DC2_SKUS.size() + 1);
      bySku.forEach((sku, accuracy) -> {
        List<Row> global = accuracy.stream()
            .filter(r -> r.getString("model").equals("global_gbt")).toList();
        if (withModel.contains(sku)) {
          assertThat(global).as(sku).singleElement().satisfies(r -> {
            assertThat(r.getInt32("windows")).isEqualTo(3);
            assertThat(r.getString("failure")).isNull();
            assertThat(r.getDouble("mase")).isNotNull();
          });
          // the run's forecast weights every candidate by its backtest, the global model too
          Row selected = accuracy.stream().filter(r -> r.getBoolean("selected")).findFirst()
              .orElseThrow();
          assertThat(selected.getString("model")).isEqualTo("combination");
          assertThat(selected.getString("spec")).as(sku).contains("global_gbt(recursive");
        } else {
          assertThat(global).as(sku).isEmpty();
        }
      });
      return null;
    });
    PAssert.that(out.get(DEMAND_FORECASTS.name())).satisfies(rows -> {
      assertThat(list(rows)).hasSize(12 * (DC1_SKUS.size() + DC2_SKUS.size() + 1));
      return null;
    });
    // the global member is explained too: its base value and each feature's TreeSHAP value, times
    // its weight, and every period's components still add up to its mean
    PCollection<String> lines = org.apache.beam.sdk.values.PCollectionList
        .of(labelled("Mean", out.get(DEMAND_FORECASTS.name())))
        .and(labelled("Part", out.get(FORECAST_EXPLANATIONS.name())))
        .apply(org.apache.beam.sdk.transforms.Flatten.pCollections());
    PAssert.that(lines).satisfies(all -> {
      Map<String, Double> mean = new HashMap<>();
      Map<String, Double> sum = new HashMap<>();
      Set<String> globalComponents = new TreeSet<>();
      for (String line : all) {
        // "Label [run_id, sku, location, period_start, horizon, ...]"
        String[] v = line.substring(line.indexOf('[') + 1, line.length() - 1).split(", ");
        String key = v[1] + "@" + v[2] + "@" + v[3];
        if (line.startsWith("Mean")) {
          mean.put(key, Double.parseDouble(v[5]));
        } else {
          sum.merge(key, Double.parseDouble(v[7]), Double::sum);
          if (v[5].equals("global_gbt")) {
            globalComponents.add(v[6]);
          }
        }
      }
      assertThat(sum.keySet()).isEqualTo(mean.keySet());
      mean.forEach((key, m) -> assertThat(sum.get(key)).as(key)
          .isCloseTo(m, org.assertj.core.data.Offset.offset(1e-6)));
      assertThat(globalComponents).contains("base_value", "lag1");
      return null;
    });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void givenNoneAndGbt_whenJobRun_thenNoneHasNoGlobalRowsAndEveryOtherRowBarTheCombinationAgrees(
      TestPipeline pipeline) {
    PCollectionRowTuple sources = sources(pipeline);
    PCollection<String> none = labelled("None", sources.apply("None",
        new ForecastAndRecommend(NONE)).get(FORECAST_ACCURACY.name()));
    PCollection<String> gbt = labelled("Gbt", sources.apply("Gbt",
        new ForecastAndRecommend(GBT)).get(FORECAST_ACCURACY.name()));
    PAssert.that(org.apache.beam.sdk.values.PCollectionList.of(none).and(gbt)
        .apply(org.apache.beam.sdk.transforms.Flatten.pCollections())).satisfies(lines -> {
      Map<String, List<String>> byRun = list(lines).stream().collect(Collectors.groupingBy(
          l -> l.substring(0, l.indexOf(' ')), Collectors.mapping(
              l -> l.substring(l.indexOf(' ') + 1), Collectors.toList())));
      List<String> noneRows = byRun.get("None");
      assertThat(noneRows).noneMatch(l -> l.contains("global_"));
      // the local candidates' and the baseline's backtests do not change when the global
      // candidate joins; only the combination does (it averages one more member)
      assertThat(new TreeSet<>(noneRows.stream().filter(l -> !l.contains("combination")).toList()))
          .isEqualTo(new TreeSet<>(byRun.get("Gbt").stream()
              .filter(l -> !l.contains("combination") && !l.contains("global_")).toList()));
      // a series without a global model has exactly the rows it has without the option
      assertThat(noneRows.stream().filter(l -> l.contains(LONE_SKU)).sorted().toList())
          .isNotEmpty()
          .isEqualTo(byRun.get("Gbt").stream().filter(l -> l.contains(LONE_SKU)).sorted().toList());
      return null;
    });
    pipeline.run().waitUntilFinish();
  }

  /** Each row as "label row-values", to compare the rows of two runs. */
  private static PCollection<String> labelled(String label, PCollection<Row> rows) {
    return rows.apply("Label" + label, org.apache.beam.sdk.transforms.MapElements
        .into(org.apache.beam.sdk.values.TypeDescriptors.strings())
        .via((Row r) -> label + " " + r.getValues()));
  }
}
