package io.demandcast.pipelines.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.forecasting.ForecastComponents;
import io.demandcast.forecasting.SeriesForecast;
import io.demandcast.inventory.PolicyType;
import io.demandcast.inventory.ServiceTarget;
import io.demandcast.inventory.classification.AbcClass;
import io.demandcast.inventory.classification.AbcThresholds;
import io.demandcast.inventory.classification.ItemClass;
import io.demandcast.inventory.classification.XyzClass;
import io.demandcast.pipelines.coders.InventoryEncoding;
import io.demandcast.pipelines.model.DemandSeries;
import io.demandcast.pipelines.model.ExcursionLog;
import io.demandcast.pipelines.model.GlobalModel;
import io.demandcast.pipelines.model.InventorySettings;
import io.demandcast.pipelines.model.ItemInfo;
import io.demandcast.pipelines.model.JobSettings;
import io.demandcast.pipelines.model.LeadTimeStats;
import io.demandcast.pipelines.model.PeriodType;
import io.demandcast.pipelines.model.StockSnapshot;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.schemas.SchemaCoder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionRowTuple;
import org.apache.beam.sdk.values.PValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The coders of the job's intermediate types: Beam's coder inference finds each (its
 * {@code @DefaultCoder}), no PCollection of the job is left to Java serialization, and each coder
 * gives back an equal value, nulls, NaN and empty arrays included (by {@code equals} where the
 * type has value equality, else field by field), with equal values encoding to equal bytes where
 * the coder says it is deterministic.
 */
class TransformCodersTest {
  private static final LocalDateTime STARTED = LocalDateTime.of(2026, 11, 21, 9, 0);
  private static final CoderRegistry REGISTRY = CoderRegistry.createDefault();
  private static final JobSettings SETTINGS =
      JobSettings.defaults("coders", STARTED)
          .withInventory(new InventorySettings(ServiceTarget.Measure.CYCLE_SERVICE, "",
              PolicyType.S_S, "normal", 12, 12, Map.of()));
  private static final double[] HISTORY = new double[36];

  private static ForecastSeries.Outcome forecast;

  @BeforeAll
  static void forecastOnce() {
    for (int m = 0; m < HISTORY.length; m++) {
      HISTORY[m] = 100 + 6 * ((m * 37) % 11 - 5);
    }
    forecast = ForecastSeries.forecast(ForecastSeries.selection(SETTINGS),
        new DemandSeries("X", "DC1", LocalDate.of(2000, 1, 1), HISTORY), PeriodType.MONTH);
    assertThat(forecast.forecast()).as(forecast.skipped()).isNotNull();
  }

  /** The coder inference finds for {@code type}, checked to be {@code expected} and serializable. */
  private static <T> Coder<T> inferred(Class<T> type, Coder<?> expected) throws Exception {
    Coder<T> coder = REGISTRY.getCoder(type);
    assertThat(coder).isEqualTo(expected);
    CoderProperties.coderSerializable(coder);
    return coder;
  }

  /**
   * Round trip of a value whose type lacks value equality (its forecast's arrays): field by field,
   * and its encoding the same after the round trip.
   */
  private static <T> void roundTripsFieldByField(Coder<T> coder, T value) throws Exception {
    assertThat(CoderUtils.clone(coder, value))
        .usingRecursiveComparison()
        .withEqualsForType((a, b) -> Double.compare(a, b) == 0, Double.class) // NaN == NaN
        .isEqualTo(value);
    CoderProperties.structuralValueDecodeEncodeEqual(coder, value);
  }

  private static PlanInput plan(StockSnapshot snapshot, ItemInfo item,
      List<PlanInput.SimulationCase> simulations, double[] history) {
    return new PlanInput(forecast, item, snapshot, 10, history, true, simulations);
  }

  private static final ItemInfo ITEM = new ItemInfo("X", 10, 0.25, 50, 6, 12, "S1", "Air", 365,
      14, 0.97);
  private static final ItemInfo BARE_ITEM =
      new ItemInfo("X", 10, 0.25, 50, 1, 0, null, null, null, null, null);
  private static final List<PlanInput.SimulationCase> CASES = List.of(
      new PlanInput.SimulationCase("ets", true, 24, new double[] {1, 2, Double.NaN},
          new double[] {0.5, 0.5, 0.5}, false),
      new PlanInput.SimulationCase("seasonal_naive", false, 24, new double[0], new double[0], true));

  @Test
  void moments() throws Exception {
    Coder<LeadTimes.Moments> coder = inferred(LeadTimes.Moments.class, LeadTimes.Moments.Coder.of());
    CoderProperties.coderDecodeEncodeEqual(coder, new LeadTimes.Moments(0, 0, 0));
    CoderProperties.coderDecodeEncodeEqual(coder, new LeadTimes.Moments(12, 31, Double.NaN));
    CoderProperties.coderDeterministic(coder, new LeadTimes.Moments(3, 1.5, 2),
        new LeadTimes.Moments(3, 1.5, 2));
  }

  @Test
  void forecastOrigin() throws Exception {
    Coder<ForecastOrigin> coder = inferred(ForecastOrigin.class, ForecastOrigin.Coder.of());
    ForecastOrigin none = ForecastOrigin.choose(Map.of(), PeriodType.MONTH, LocalDate.of(2003, 1, 1));
    assertThat(none.hasHistory()).isFalse();
    ForecastOrigin sparse = new ForecastOrigin(11_000, 11_031, LocalDate.of(2000, 3, 5),
        "the period starting 2000-02-01 holds 1 sales rows");
    CoderProperties.coderDecodeEncodeEqual(coder, none);
    CoderProperties.coderDecodeEncodeEqual(coder, sparse);
    CoderProperties.coderDecodeEncodeEqual(coder, new ForecastOrigin(-5, 0, null, null));
    CoderProperties.coderDeterministic(coder, sparse, new ForecastOrigin(11_000, 11_031,
        LocalDate.of(2000, 3, 5), "the period starting 2000-02-01 holds 1 sales rows"));
  }

  @Test
  void outcome() throws Exception {
    Coder<ForecastSeries.Outcome> coder =
        inferred(ForecastSeries.Outcome.class, ForecastSeries.Outcome.Coder.of());
    // skipped: no forecast, so equals applies
    CoderProperties.coderDecodeEncodeEqual(coder, new ForecastSeries.Outcome("D", "DC1",
        LocalDate.of(2002, 12, 1), 48, null, "demand not recorded: 1 of 48 periods missing"));
    CoderProperties.coderDecodeEncodeEqual(coder,
        new ForecastSeries.Outcome("E", "DC1", null, 0, null, null));
    // with a forecast: parameters, accuracy (NaN coverage, failures), provenance, backtest errors
    assertThat(forecast.forecast().accuracy()).hasSizeGreaterThan(1);
    assertThat(forecast.forecast().backtestErrors()).isNotEmpty();
    roundTripsFieldByField(coder, forecast);
    assertThat(CoderUtils.clone(coder, forecast).forecast().parameters().keySet())
        .containsExactlyElementsOf(forecast.forecast().parameters().keySet());
    // the forecast's components and member weights, in their order; SeriesForecast has value
    // equality, so the whole outcome round-trips by equals too
    SeriesForecast f = forecast.forecast();
    assertThat(f.components().names()).contains("ets.level");
    assertThat(f.components().weights()).isNotEmpty();
    CoderProperties.coderDecodeEncodeEqual(coder, forecast);
    assertThat(CoderUtils.clone(coder, forecast).forecast().components().names())
        .containsExactlyElementsOf(f.components().names());
    // a clamped forecast (floor_at_zero) and one without components
    ForecastComponents clamped = ForecastComponents.builder(2)
        .add("ets.level", new double[] {-1.5, 2})
        .add(ForecastComponents.FLOOR_AT_ZERO, new double[] {1.5, 0})
        .weight("ets", new double[] {1, 1})
        .build();
    for (ForecastComponents components : List.of(clamped, ForecastComponents.none())) {
      SeriesForecast other = new SeriesForecast("ets", new double[] {0, 2}, new double[] {0, 1},
          new double[] {0, 2}, new double[] {1, 3}, new double[] {1, 1}, Map.of("alpha", 0.5),
          List.of(), new SeriesForecast.Provenance("ets(A,N,N)", 24, "model", 0),
          new double[0][], components);
      CoderProperties.coderDecodeEncodeEqual(coder,
          new ForecastSeries.Outcome("F", "DC2", LocalDate.of(2003, 1, 1), 24, other, null));
    }
  }

  @Test
  void planInput() throws Exception {
    Coder<PlanInput> coder = inferred(PlanInput.class, PlanInput.Coder.of());
    roundTripsFieldByField(coder, plan(new StockSnapshot(LocalDate.of(2002, 12, 31), 2, 1), ITEM,
        CASES, HISTORY));
    roundTripsFieldByField(coder, plan(null, BARE_ITEM, List.of(), new double[0]));
    roundTripsFieldByField(coder, plan(null, BARE_ITEM, CASES, new double[] {Double.NaN, 0}));
  }

  /** A planned series as the job plans it. */
  private static PlanInventoryFn.Planned planned(PlanInput input, Map<String, ExcursionLog> logs) {
    RecommendInventory.Context context = RecommendInventory.context(input,
        new ItemClass(AbcClass.B, XyzClass.Z), 0.95,
        Map.of(LeadTimes.laneKey("S1", "Air"), new LeadTimeStats(20, 30, 5)), logs, SETTINGS);
    return new PlanInventoryFn.Planned(context, RecommendInventory.recommend(context, SETTINGS));
  }

  @Test
  void planned() throws Exception {
    Coder<PlanInventoryFn.Planned> coder =
        inferred(PlanInventoryFn.Planned.class, PlanInventoryFn.Planned.Coder.of());
    LocalDate snapshot = LocalDate.of(2002, 12, 31);
    // perishable, with excursions: quarantined stock and notes
    var quarantined = planned(plan(new StockSnapshot(snapshot, 40, 0), ITEM, CASES, HISTORY),
        Map.of("DC1", new ExcursionLog("DC1", new TreeMap<>(Map.of(snapshot.minusDays(2), 9)))));
    assertThat(quarantined.context().quarantined()).isEqualTo(40);
    // no snapshot, no lead time evidence for the item's lane, no shelf life, no review period
    var bare = planned(plan(null, new ItemInfo("X", 10, 0.25, 50, 1, 0, "S9", null, null, null,
        null), List.of(), HISTORY), Map.of());
    assertThat(bare.context().policy()).isEqualTo(PolicyType.S_S);
    for (var p : List.of(quarantined, bare)) {
      roundTripsFieldByField(coder, p);
    }
  }

  @Test
  void segmentModels() throws Exception {
    Coder<SegmentModels> coder = inferred(SegmentModels.class, SegmentModels.Coder.of());
    JobSettings gbt = SETTINGS.withGlobalModel(GlobalModel.GBT, 100);
    List<DemandSeries> series = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      double[] h = new double[60];
      for (int m = 0; m < h.length; m++) {
        h[m] = Math.round((10 + 5 * i) * (1 + 0.5 * Math.sin(2 * Math.PI * m / 12.0)) + m % 3);
      }
      series.add(new DemandSeries("S" + i, "DC1", LocalDate.of(1998, 1, 1), h));
    }
    SegmentModels models = GlobalSegments.train("C1/DC1", series, gbt);
    assertThat(models).isNotNull();
    CoderProperties.coderDecodeEncodeEqual(coder, models); // equal: segment, sizes, descriptions
    SegmentModels decoded = CoderUtils.clone(coder, models);
    double[] history = series.get(2).history();
    assertThat(decoded.candidate(60, 0).fit(history).forecast(12))
        .containsExactly(models.candidate(60, 0).fit(history).forecast(12));
  }

  @Test
  void abcThresholds() throws Exception {
    Coder<AbcThresholds> coder = InventoryEncoding.AbcThresholdsCoder.of();
    CoderProperties.coderSerializable(coder);
    double inf = Double.POSITIVE_INFINITY;
    CoderProperties.coderDecodeEncodeEqual(coder, new AbcThresholds(inf, inf, inf, inf, 0, 0, 0, 0));
    AbcThresholds t = new AbcThresholds(1e4, 1e3, 1.2e4, 1.1e3, 0.8, 0.95, 0.2, 0.5);
    CoderProperties.coderDecodeEncodeEqual(coder, t);
    CoderProperties.coderDeterministic(coder, t,
        new AbcThresholds(1e4, 1e3, 1.2e4, 1.1e3, 0.8, 0.95, 0.2, 0.5));
    assertThat(new ForecastAndRecommend.AbcThresholdsFn()
            .getDefaultOutputCoder(REGISTRY, org.apache.beam.sdk.coders.DoubleCoder.of()))
        .isEqualTo(coder);
  }

  /** Every coder of {@code coder}'s tree that is a {@link SerializableCoder}. */
  private static void javaSerialized(Coder<?> coder, List<String> found, String where) {
    if (coder instanceof SerializableCoder<?> s) {
      found.add(where + ": " + s.getRecordType().getName());
    }
    for (Coder<?> component : coder.getCoderArguments()) {
      javaSerialized(component, found, where);
    }
  }

  @Test
  void givenWholeJobWithGlobalModelAndCapacity_whenBuilt_thenNoPCollectionIsJavaSerialized() {
    JobSettings settings = SETTINGS.withGlobalModel(GlobalModel.GBT, 100)
        .withInventory(new InventorySettings(ServiceTarget.Measure.CYCLE_SERVICE, "",
            PolicyType.S_S, "normal", 12, 12, Map.of("DC1", 100.0)));
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    PCollectionRowTuple sources = PCollectionRowTuple.empty(pipeline);
    for (TableSchema table : CanonicalTables.SOURCES) {
      sources = sources.and(table.name(), pipeline.apply("Create" + table.name(),
          Create.empty(SchemaCoder.of(table.beamSchema()))));
    }
    sources.apply(new ForecastAndRecommend(settings));
    List<String> found = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    pipeline.traverseTopologically(new Pipeline.PipelineVisitor.Defaults() {
      @Override
      public void visitValue(PValue value, TransformHierarchy.Node producer) {
        if (value instanceof PCollection<?> pc) {
          seen.add(pc.getCoder().toString());
          javaSerialized(pc.getCoder(), found, pc.getName());
        }
      }
    });
    assertThat(seen).anyMatch(c -> c.contains("PlanInput"))
        .anyMatch(c -> c.contains("Planned"))
        .anyMatch(c -> c.contains("SalesHistory"))
        .anyMatch(c -> c.contains("DemandSeries"))
        .anyMatch(c -> c.contains("SegmentModels"))
        .anyMatch(c -> c.contains("LeadTimeStats"))
        .anyMatch(c -> c.contains("ExcursionLog"))
        .anyMatch(c -> c.contains("ForecastOrigin"))
        .anyMatch(c -> c.contains("AbcThresholds"));
    assertThat(found).isEmpty();
  }
}
