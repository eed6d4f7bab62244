package io.demandcast.pipelines.model;

import io.demandcast.connectors.RunId;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * The settings of one job run, validated on construction (the message names the bad value).
 *
 * @param runId the run id written to every output row, as {@link RunId} allows
 * @param startedAt UTC start of the run; also the {@code ts} of its rejected records
 * @param period the demand calendar
 * @param horizon periods to forecast, &gt;= 1
 * @param serviceLevel the service target of every item, in (0, 1), in the measure of {@link
 *     InventorySettings#measure()} (fill rate by default) unless a class or item target applies
 * @param backtestWindows rolling-origin windows, &gt;= 1
 * @param backtestStep periods between rolling origins, &gt;= 1
 * @param minLaneShipments fewest lead times a supplier x mode lane needs before its own statistics
 *     are used; below it the supplier's, then all shipments' statistics are used; &gt;= 1
 * @param storageMinC lowest storage temperature in degrees Celsius
 * @param storageMaxC highest storage temperature in degrees Celsius, &gt; storageMinC
 * @param quarantineLookbackDays days before the inventory snapshot in which a temperature
 *     excursion quarantines the stock of perishable items, &gt;= 1
 * @param quarantineMinReadings readings outside the storage range, within the look-back, that make
 *     an excursion, &gt;= 1
 * @param skuShards groups the SKUs are hashed into for forecasting, &gt;= 1: each group is one unit
 *     of work, so more shards give more parallelism and less memory per unit, fewer give less
 *     per-group overhead (which dominates on the DirectRunner)
 * @param inventory policy, service measure, class targets, simulation and capacity settings
 * @param globalModel the global regression model trained per segment and added to every series'
 *     candidates, or {@link GlobalModel#NONE} (the default) for none
 * @param maxSegmentSeries most series of one segment (item category x location) trained on
 *     together; a larger segment is split into {@code ceil(series / maxSegmentSeries)} buckets by
 *     a stable hash of the SKU; &gt;= 1, 5000 by default
 * @param rules the plausibility rules of the source records: as-of date, date floor, ceilings,
 *     the per-series outlier rule ({@link DataRules}); by default as of {@code startedAt}'s day
 */
public record JobSettings(
    String runId,
    LocalDateTime startedAt,
    PeriodType period,
    int horizon,
    double serviceLevel,
    int backtestWindows,
    int backtestStep,
    int minLaneShipments,
    double storageMinC,
    double storageMaxC,
    int quarantineLookbackDays,
    int quarantineMinReadings,
    int skuShards,
    InventorySettings inventory,
    GlobalModel globalModel,
    int maxSegmentSeries,
    DataRules rules)
    implements Serializable {

  /** The default of {@link #maxSegmentSeries()}. */
  public static final int DEFAULT_MAX_SEGMENT_SERIES = 5000;

  /** Settings without a global model ({@link GlobalModel#NONE}, 5000 series a segment). */
  public JobSettings(
      String runId,
      LocalDateTime startedAt,
      PeriodType period,
      int horizon,
      double serviceLevel,
      int backtestWindows,
      int backtestStep,
      int minLaneShipments,
      double storageMinC,
      double storageMaxC,
      int quarantineLookbackDays,
      int quarantineMinReadings,
      int skuShards,
      InventorySettings inventory) {
    this(runId, startedAt, period, horizon, serviceLevel, backtestWindows, backtestStep,
        minLaneShipments, storageMinC, storageMaxC, quarantineLookbackDays, quarantineMinReadings,
        skuShards, inventory, GlobalModel.NONE, DEFAULT_MAX_SEGMENT_SERIES);
  }

  /** Settings with the default {@link DataRules} as of {@code startedAt}'s day. */
  public JobSettings(
      String runId,
      LocalDateTime startedAt,
      PeriodType period,
      int horizon,
      double serviceLevel,
      int backtestWindows,
      int backtestStep,
      int minLaneShipments,
      double storageMinC,
      double storageMaxC,
      int quarantineLookbackDays,
      int quarantineMinReadings,
      int skuShards,
      InventorySettings inventory,
      GlobalModel globalModel,
      int maxSegmentSeries) {
    this(runId, startedAt, period, horizon, serviceLevel, backtestWindows, backtestStep,
        minLaneShipments, storageMinC, storageMaxC, quarantineLookbackDays, quarantineMinReadings,
        skuShards, inventory, globalModel, maxSegmentSeries,
        DataRules.defaults(startedAt.toLocalDate()));
  }

  public JobSettings {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(inventory, "inventory");
    Objects.requireNonNull(globalModel, "globalModel");
    Objects.requireNonNull(rules, "rules");
    RunId.check(runId);
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be >= 1 period, was " + horizon);
    }
    if (!(serviceLevel > 0 && serviceLevel < 1)) {
      throw new IllegalArgumentException(
          "serviceLevel must be in (0, 1), e.g. 0.95, was " + serviceLevel);
    }
    if (backtestWindows < 1) {
      throw new IllegalArgumentException("backtestWindows must be >= 1, was " + backtestWindows);
    }
    if (backtestStep < 1) {
      throw new IllegalArgumentException("backtestStep must be >= 1, was " + backtestStep);
    }
    if (minLaneShipments < 1) {
      throw new IllegalArgumentException("minLaneShipments must be >= 1, was " + minLaneShipments);
    }
    if (!(storageMaxC > storageMinC)) {
      throw new IllegalArgumentException(
          "storageMaxC (" + storageMaxC + ") must be above storageMinC (" + storageMinC + ")");
    }
    if (quarantineLookbackDays < 1) {
      throw new IllegalArgumentException(
          "quarantineLookbackDays must be >= 1, was " + quarantineLookbackDays);
    }
    if (quarantineMinReadings < 1) {
      throw new IllegalArgumentException(
          "quarantineMinReadings must be >= 1, was " + quarantineMinReadings);
    }
    if (skuShards < 1) {
      throw new IllegalArgumentException("skuShards must be >= 1, was " + skuShards);
    }
    if (maxSegmentSeries < 1) {
      throw new IllegalArgumentException(
          "maxSegmentSeries must be >= 1 series, was " + maxSegmentSeries);
    }
  }

  /** The defaults of everything but the run id and start: monthly, 12 periods, 95% fill rate. */
  public static JobSettings defaults(String runId, LocalDateTime startedAt) {
    return new JobSettings(runId, startedAt, PeriodType.MONTH, 12, 0.95, 3, 3, 10, 15, 27, 30, 3, 128,
        InventorySettings.defaults());
  }

  /** These settings with other inventory settings. */
  public JobSettings withInventory(InventorySettings newInventory) {
    return new JobSettings(runId, startedAt, period, horizon, serviceLevel, backtestWindows,
        backtestStep, minLaneShipments, storageMinC, storageMaxC, quarantineLookbackDays,
        quarantineMinReadings, skuShards, newInventory, globalModel, maxSegmentSeries, rules);
  }

  /** These settings with another global model and segment size. */
  public JobSettings withGlobalModel(GlobalModel newGlobalModel, int newMaxSegmentSeries) {
    return new JobSettings(runId, startedAt, period, horizon, serviceLevel, backtestWindows,
        backtestStep, minLaneShipments, storageMinC, storageMaxC, quarantineLookbackDays,
        quarantineMinReadings, skuShards, inventory, newGlobalModel, newMaxSegmentSeries, rules);
  }

  /** These settings with other plausibility rules. */
  public JobSettings withRules(DataRules newRules) {
    return new JobSettings(runId, startedAt, period, horizon, serviceLevel, backtestWindows,
        backtestStep, minLaneShipments, storageMinC, storageMaxC, quarantineLookbackDays,
        quarantineMinReadings, skuShards, inventory, globalModel, maxSegmentSeries, newRules);
  }

  /**
   * Periods at the end of a series that the rolling-origin backtest evaluates: {@code horizon +
   * (backtestWindows - 1) * backtestStep}.
   */
  public int backtestSpan() {
    return horizon + (backtestWindows - 1) * backtestStep;
  }

  /** The shard of a SKU: a stable hash of the SKU modulo {@link #skuShards()}. */
  public int shardOf(String sku) {
    int h = sku.hashCode();
    return Math.floorMod(h ^ (h >>> 16), skuShards);
  }
}
