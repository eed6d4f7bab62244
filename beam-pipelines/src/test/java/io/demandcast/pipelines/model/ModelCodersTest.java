package io.demandcast.pipelines.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/**
 * The coders of the model types that cross pipeline stages: Beam's coder inference finds each
 * (its {@code @DefaultCoder}), and each gives back an equal value, nulls, NaN and empty collections
 * included, with equal values encoding to equal bytes. {@link SalesHistory}'s coder is tested in
 * {@link SalesHistoryTest}.
 */
class ModelCodersTest {
  private static final CoderRegistry REGISTRY = CoderRegistry.createDefault();

  /** The coder inference finds for {@code type}, checked to be {@code expected}. */
  private static <T> Coder<T> inferred(Class<T> type, Coder<?> expected) throws Exception {
    Coder<T> coder = REGISTRY.getCoder(type);
    assertThat(coder).isEqualTo(expected);
    CoderProperties.coderSerializable(coder);
    coder.verifyDeterministic();
    return coder;
  }

  @SafeVarargs
  private static <T> void roundTrips(Coder<T> coder, T... values) throws Exception {
    for (T value : values) {
      CoderProperties.coderDecodeEncodeEqual(coder, value);
    }
  }

  @Test
  void leadTimeStats() throws Exception {
    Coder<LeadTimeStats> coder = inferred(LeadTimeStats.class, LeadTimeStats.Coder.of());
    roundTrips(coder, new LeadTimeStats(12, 31, 7.2111), new LeadTimeStats(0, Double.NaN, 0),
        new LeadTimeStats(Long.MAX_VALUE, -0.0, Double.POSITIVE_INFINITY));
    CoderProperties.coderDeterministic(coder, new LeadTimeStats(1, Double.NaN, 0),
        new LeadTimeStats(1, Double.longBitsToDouble(0x7ff8000000000001L), 0));
  }

  @Test
  void stockSnapshot() throws Exception {
    Coder<StockSnapshot> coder = inferred(StockSnapshot.class, StockSnapshot.Coder.of());
    roundTrips(coder, new StockSnapshot(LocalDate.of(2002, 12, 31), 2, 1.5),
        new StockSnapshot(null, 0, 0), new StockSnapshot(LocalDate.of(1969, 12, 31), 7, 0));
    CoderProperties.coderDeterministic(coder, new StockSnapshot(LocalDate.of(2002, 1, 1), 3, 0),
        new StockSnapshot(LocalDate.of(2002, 1, 1), 3, 0));
  }

  @Test
  void itemInfo() throws Exception {
    Coder<ItemInfo> coder = inferred(ItemInfo.class, ItemInfo.Coder.of());
    ItemInfo full = new ItemInfo("A", 10, 0.25, 50, 6, 12, "S1", "Air", 365, 14, 0.97);
    roundTrips(coder, full,
        new ItemInfo("B", 4, 0, 0, 1, 0, null, null, null, null, null),
        new ItemInfo("é ✓ 𝄞", 1e-9, Double.NaN, 0, 1, 0, "", "", 1, 1, 0.5));
    CoderProperties.coderDeterministic(coder, full,
        new ItemInfo("A", 10, 0.25, 50, 6, 12, "S1", "Air", 365, 14, 0.97));
  }

  @Test
  void excursionLog() throws Exception {
    Coder<ExcursionLog> coder = inferred(ExcursionLog.class, ExcursionLog.Coder.of());
    LocalDate day = LocalDate.of(2002, 12, 21);
    ExcursionLog log = new ExcursionLog("DC1", new TreeMap<>(Map.of(day, 3, day.plusDays(1), 1)));
    roundTrips(coder, log, new ExcursionLog("DC2", new TreeMap<>()),
        new ExcursionLog(null, new TreeMap<>(Map.of(LocalDate.of(1900, 1, 1), 0))));
    // the same days put in the other order
    TreeMap<LocalDate, Integer> reversed = new TreeMap<>();
    reversed.put(day.plusDays(1), 1);
    reversed.put(day, 3);
    CoderProperties.coderDeterministic(coder, log, new ExcursionLog("DC1", reversed));
  }

  @Test
  void demandSeries() throws Exception {
    Coder<DemandSeries> coder = inferred(DemandSeries.class, DemandSeries.Coder.of());
    DemandSeries series =
        new DemandSeries("A", "DC1", LocalDate.of(1999, 1, 1), new double[] {10, 0, Double.NaN, 15});
    roundTrips(coder, series, new DemandSeries("B", "DC1", LocalDate.of(1999, 1, 1), new double[0]),
        new DemandSeries("C", "", LocalDate.of(2026, 1, 5), new double[] {-0.0, 1e308}));
    CoderProperties.coderDeterministic(coder, series,
        new DemandSeries("A", "DC1", LocalDate.of(1999, 1, 1), new double[] {10, 0, Double.NaN, 15}));
    assertThat(CoderUtils.clone(coder, series).missingPeriods()).isEqualTo(1);
  }
}
