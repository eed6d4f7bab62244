package io.demandcast.pipelines.transforms;

import io.demandcast.forecasting.ModelFitException;
import io.demandcast.forecasting.global.FeatureSpec;
import io.demandcast.forecasting.global.GlobalRegression;
import io.demandcast.pipelines.model.DemandSeries;
import io.demandcast.pipelines.model.JobSettings;
import io.demandcast.pipelines.model.PeriodType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;

/**
 * Trains the run's global regression model ({@link JobSettings#globalModel()}) once per segment
 * and hands the models to the forecasting step as a side input.
 *
 * <p>A segment is an item category ({@code erp_items.category}; null or blank is {@value
 * #UNCATEGORISED}) at one location. Steps, none of which collects all series in one place:
 *
 * <ol>
 *   <li>From the job's per-shard CoGroupByKey output, the same series the forecasting step sees
 *       ({@link ShardRows}), those with every period recorded, season-aligned ({@link #trim}) and
 *       keyed by their segment.
 *   <li>{@code Count.perKey} of the series per segment, a side input (one number per segment).
 *   <li>A segment with more than {@link JobSettings#maxSegmentSeries()} series is split into
 *       {@code ceil(series / max)} buckets by a stable hash of the SKU ({@link #segmentKey}), so a
 *       bucket holds about {@code max} series.
 *   <li>GroupByKey by segment key: one worker holds one segment's (or bucket's) histories at a
 *       time, so memory per worker is bounded by the largest segment, not by the data set.
 *   <li>Per segment, two models ({@link SegmentModels}): one on whole histories for the forecast,
 *       one without the last {@link JobSettings#backtestSpan()} periods for the backtest. A
 *       segment with fewer than {@value #MIN_SERIES} series long enough for the second gets no
 *       model, and its series are forecast without the global candidate.
 * </ol>
 *
 * <p>The model is {@link GlobalRegression.Strategy#RECURSIVE} with the default features of the
 * season length ({@link FeatureSpec#defaults}): of the two strategies it needs the shortest
 * histories ({@code lookback + 1} periods, 25 for monthly data, plus the backtest span for the
 * backtest model), which matters because the backtest model must leave the whole backtest span
 * out; on M4 Weekly the recursive and direct boosted models scored alike (docs/benchmarks.md).
 * Pooling the series of a group into one model follows P.
 * Montero-Manso and R. J. Hyndman, "Principles and algorithms for forecasting groups of time
 * series: locality and globality", International Journal of Forecasting 37(4), 1632-1653, 2021.
 *
 * <p>Counters (namespace {@code demandcast}): {@code global_segments_trained}, {@code
 * global_segments_without_model}.
 */
public final class GlobalSegments {
  /** The category of items whose {@code erp_items.category} is null or blank. */
  public static final String UNCATEGORISED = "uncategorised";

  /** Fewest series long enough for the backtest model that a segment needs to get a model. */
  public static final int MIN_SERIES = 2;

  private GlobalSegments() {}

  /**
   * The two side inputs of the forecasting step.
   *
   * @param sizes series per unsplit segment key ({@link #segmentKey(String, String)})
   * @param models the models per (possibly bucketed) segment key
   */
  public record Views(
      PCollectionView<Map<String, Long>> sizes,
      PCollectionView<Map<String, SegmentModels>> models)
      implements java.io.Serializable {}

  /**
   * The trained models per segment key, before they become a side input, and the views.
   *
   * @param trained one element per segment with a model
   * @param views the side inputs
   */
  public record Result(PCollection<KV<String, SegmentModels>> trained, Views views) {}

  /**
   * Adds the segment steps to the pipeline.
   *
   * @param grouped the job's CoGroupByKey output: ERP rows per SKU shard
   * @param origin the run's forecast origin (a singleton side input)
   * @param settings the run's settings; {@link JobSettings#globalModel()} must not be NONE
   */
  static Result apply(
      PCollection<KV<Integer, CoGbkResult>> grouped,
      PCollectionView<ForecastOrigin> origin,
      JobSettings settings) {
    if (settings.globalModel().kind() == null) {
      throw new IllegalArgumentException("no global model is configured");
    }
    PCollection<KV<String, DemandSeries>> bySegment =
        grouped.apply(
            "GlobalSeries", ParDo.of(new SegmentSeriesFn(settings, origin)).withSideInputs(origin));
    PCollectionView<Map<String, Long>> sizes =
        bySegment.apply("CountPerSegment", Count.perKey()).apply("SegmentSizes", View.asMap());
    PCollection<KV<String, SegmentModels>> trained =
        bySegment
            .apply(
                "BucketLargeSegments",
                ParDo.of(new BucketFn(settings.maxSegmentSeries(), sizes)).withSideInputs(sizes))
            .apply("GroupBySegment", GroupByKey.create())
            .apply("TrainGlobalModels", ParDo.of(new TrainFn(settings)));
    return new Result(trained, new Views(sizes, trained.apply("GlobalModels", View.asMap())));
  }

  /** The category of an {@code erp_items} row; {@value #UNCATEGORISED} when null or blank. */
  static String category(Row item) {
    String category = item == null ? null : item.getString("category");
    return category == null || category.isBlank() ? UNCATEGORISED : category.strip();
  }

  /**
   * The unsplit key of a segment: {@code category/location}, with {@code \}, {@code /} and {@code
   * #} in either escaped by a backslash so that different pairs never share a key.
   */
  public static String segmentKey(String category, String location) {
    return escape(category) + "/" + escape(location);
  }

  /**
   * The key a series is trained and looked up under: the unsplit key when its segment has at most
   * {@code maxSeries} series, else that key with {@code #b} appended, b in {@code [0, ceil(series /
   * maxSeries))} a stable hash of the SKU.
   *
   * @param segment the unsplit key, {@link #segmentKey(String, String)}
   * @param sku the series' SKU
   * @param series series in the segment (0 when unknown)
   * @param maxSeries {@link JobSettings#maxSegmentSeries()}
   */
  public static String segmentKey(String segment, String sku, long series, int maxSeries) {
    if (series <= maxSeries) {
      return segment;
    }
    long buckets = (series + maxSeries - 1) / maxSeries;
    return segment + "#" + Math.floorMod(skuHash(sku), buckets);
  }

  /**
   * A stable 64-bit hash of a SKU (FNV-1a over its UTF-16 code units, then a final mix), independent
   * of the JVM and of {@link JobSettings#shardOf} so that the buckets of a segment are not aligned
   * with the shards.
   */
  static long skuHash(String sku) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < sku.length(); i++) {
      h ^= sku.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }

  /**
   * Leading periods to drop so that a history starting in {@code firstPeriod} starts at season
   * position 0: for months, January; for weeks, a multiple of 52 weeks from Monday 3 January 2000;
   * for days, a Monday (the primary season of days is the week).
   *
   * @return a value in {@code [0, m)}
   */
  public static int trim(PeriodType period, LocalDate firstPeriod) {
    int m = period.seasonalPeriod();
    LocalDate reference = period.start(LocalDate.of(2000, 1, 3));
    int position = (int) Math.floorMod(period.between(reference, firstPeriod), (long) m);
    return (m - position) % m;
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("/", "\\/").replace("#", "\\#");
  }

  /** The untrained model of a run. */
  static GlobalRegression regression(JobSettings settings) {
    return GlobalRegression.of(
        settings.globalModel().kind(), GlobalRegression.Strategy.RECURSIVE);
  }

  /** Every complete series of a shard, season-aligned, keyed by its unsplit segment key. */
  static final class SegmentSeriesFn extends DoFn<KV<Integer, CoGbkResult>, KV<String, DemandSeries>> {
    private final JobSettings settings;
    private final PCollectionView<ForecastOrigin> originView;

    SegmentSeriesFn(JobSettings settings, PCollectionView<ForecastOrigin> originView) {
      this.settings = settings;
      this.originView = originView;
    }

    @ProcessElement
    public void process(ProcessContext context) {
      ForecastOrigin origin = context.sideInput(originView);
      if (!origin.hasHistory()) {
        return;
      }
      PeriodType period = settings.period();
      for (ShardRows.Sku sku : ShardRows.bySku(context.element().getValue())) {
        // screened as the forecasting step screens it, so that both see the same series
        SkuScreen.Screened screened = SkuScreen.screen(sku, settings, origin);
        Row item = screened.item();
        if (item == null) {
          continue; // not forecast: its rows are rejected
        }
        String category = category(item);
        for (DemandSeries series : screened.series(sku.sku(), period, origin)) {
          if (series.missingPeriods() > 0) {
            continue; // not forecast
          }
          int trim = trim(period, series.firstPeriod());
          double[] history = series.history();
          if (history.length <= trim) {
            continue;
          }
          context.output(
              KV.of(
                  segmentKey(category, series.location()),
                  new DemandSeries(
                      series.sku(),
                      series.location(),
                      period.plus(series.firstPeriod(), trim),
                      java.util.Arrays.copyOfRange(history, trim, history.length))));
        }
      }
    }
  }

  /** Appends the hash bucket to the key of a series whose segment is too large. */
  static final class BucketFn extends DoFn<KV<String, DemandSeries>, KV<String, DemandSeries>> {
    private final int maxSeries;
    private final PCollectionView<Map<String, Long>> sizesView;

    BucketFn(int maxSeries, PCollectionView<Map<String, Long>> sizesView) {
      this.maxSeries = maxSeries;
      this.sizesView = sizesView;
    }

    @ProcessElement
    public void process(ProcessContext context) {
      KV<String, DemandSeries> e = context.element();
      long series = context.sideInput(sizesView).getOrDefault(e.getKey(), 0L);
      context.output(
          KV.of(segmentKey(e.getKey(), e.getValue().sku(), series, maxSeries), e.getValue()));
    }
  }

  /** Trains the two models of one segment; none when too few series are long enough. */
  static final class TrainFn
      extends DoFn<KV<String, Iterable<DemandSeries>>, KV<String, SegmentModels>> {
    private final JobSettings settings;
    private final Counter trainedSegments =
        Metrics.counter(ValidateRecords.METRICS_NAMESPACE, "global_segments_trained");
    private final Counter withoutModel =
        Metrics.counter(ValidateRecords.METRICS_NAMESPACE, "global_segments_without_model");

    TrainFn(JobSettings settings) {
      this.settings = settings;
    }

    @ProcessElement
    public void process(ProcessContext context) {
      String segment = context.element().getKey();
      SegmentModels models = train(segment, context.element().getValue(), settings);
      if (models == null) {
        withoutModel.inc();
      } else {
        trainedSegments.inc();
        context.output(KV.of(segment, models));
      }
    }
  }

  /**
   * Trains the models of one segment from its season-aligned, complete series.
   *
   * @param segment the segment key
   * @param series the segment's series, in any order (they are sorted by SKU and location first,
   *     so the models do not depend on the order a runner delivers them in)
   * @param settings the run's settings
   * @return the models, or null when fewer than {@value #MIN_SERIES} series are long enough for
   *     the backtest model ({@code lookback + 1 + backtest span} periods) or the model cannot be
   *     fitted
   */
  static SegmentModels train(String segment, Iterable<DemandSeries> series, JobSettings settings) {
    int m = settings.period().seasonalPeriod();
    int span = settings.backtestSpan();
    int lookback = FeatureSpec.defaults(m).lookback();
    List<DemandSeries> sorted = new ArrayList<>();
    series.forEach(sorted::add);
    sorted.sort(Comparator.comparing(DemandSeries::sku).thenComparing(DemandSeries::location));
    List<double[]> whole = new ArrayList<>();
    List<double[]> early = new ArrayList<>();
    for (DemandSeries s : sorted) {
      double[] history = s.history();
      if (history.length >= lookback + 1) {
        whole.add(history);
      }
      if (history.length >= lookback + 1 + span) {
        early.add(history);
      }
    }
    if (early.size() < MIN_SERIES) {
      return null;
    }
    GlobalRegression regression = regression(settings);
    try {
      return new SegmentModels(
          segment,
          regression.train(whole, m, settings.horizon(), 0),
          regression.train(early, m, settings.horizon(), span),
          span,
          whole.size(),
          early.size());
    } catch (ModelFitException e) {
      return null;
    }
  }
}
