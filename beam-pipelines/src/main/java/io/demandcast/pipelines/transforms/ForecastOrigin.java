package io.demandcast.pipelines.transforms;

import io.demandcast.pipelines.coders.Encoding;
import io.demandcast.pipelines.coders.FieldCoder;
import io.demandcast.pipelines.model.PeriodType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * The forecast origin of a run: the last period of history every demand series ends at. It is the
 * latest period that is complete on the run's as-of date and that holds sales in a volume like the
 * periods before it, so that neither one stray row nor an export cut in the middle of a period can
 * move it:
 *
 * <ol>
 *   <li>Only periods that end on or before the as-of date qualify (a period still running on the
 *       as-of date would read as a drop in demand).
 *   <li>Of those, the latest is taken whose count of valid sales rows is at least {@link
 *       #MIN_SHARE_OF_MEDIAN} of the median count of the up to {@link #REFERENCE_PERIODS} earlier
 *       periods that hold sales; a later period with fewer rows is taken as incomplete. A period
 *       with no earlier period to compare with qualifies. For {@link PeriodType#DAY} the earlier
 *       periods are the same weekdays (a quiet Sunday is compared with Sundays, not with the
 *       busier days before it).
 * </ol>
 *
 * Sales dated after the origin are not used: the job rejects them into {@code rejected_records}
 * with {@link #reasonAfter}. The rule compares row counts over all series, so a small warehouse
 * (a few rows a period) is never cut; it only bites where one period is far emptier than the
 * periods before it.
 *
 * @param lastPeriod start of the origin period, as epoch day, or {@link Long#MIN_VALUE} when no
 *     valid sale qualifies
 * @param lastComplete start of the last period complete on the as-of date, as epoch day
 * @param asOf the run's as-of date
 * @param sparse why the periods after the origin and up to {@code lastComplete} were not taken,
 *     or null when there are none
 */
@DefaultCoder(ForecastOrigin.Coder.class)
public record ForecastOrigin(long lastPeriod, long lastComplete, LocalDate asOf, String sparse) {

  /** Share of the reference median a period's row count must reach. */
  public static final double MIN_SHARE_OF_MEDIAN = 0.25;

  /** Earlier periods with sales the count of a period is compared with. */
  public static final int REFERENCE_PERIODS = 12;

  /** Whether any sale qualifies. */
  public boolean hasHistory() {
    return lastPeriod != Long.MIN_VALUE;
  }

  /**
   * Whether a sale's period (start, as epoch day) lies after the origin, so that the sale is not
   * used.
   */
  public boolean isAfter(long periodStart) {
    return periodStart > lastPeriod;
  }

  /** Why a sale dated {@code day}, in the period starting {@code periodStart}, is not used. */
  public String reasonAfter(LocalDate day, LocalDate periodStart) {
    String origin = hasHistory() ? "the forecast origin is the period starting "
        + LocalDate.ofEpochDay(lastPeriod) : "no period qualifies as the forecast origin";
    if (periodStart.toEpochDay() > lastComplete) {
      return "date " + day + " falls in the period starting " + periodStart
          + ", which is not complete on the as-of date " + asOf + " (--as-of); " + origin;
    }
    return "date " + day + " falls in the period starting " + periodStart + ", after the"
        + " forecast origin: " + (sparse == null ? "" : sparse + "; ") + origin;
  }

  /**
   * Chooses the origin from the count of valid sales rows per period.
   *
   * @param rowsPerPeriod period start (epoch day) to valid sales rows in it
   * @param period the demand calendar
   * @param asOf the run's as-of date
   */
  public static ForecastOrigin choose(
      Map<Long, Long> rowsPerPeriod, PeriodType period, LocalDate asOf) {
    LocalDate current = period.start(asOf);
    boolean asOfEndsPeriod = period.plus(current, 1).minusDays(1).equals(asOf);
    long lastComplete = (asOfEndsPeriod ? current : period.plus(current, -1)).toEpochDay();
    NavigableMap<Long, Long> counts = new TreeMap<>(rowsPerPeriod);
    counts.values().removeIf(c -> c == null || c <= 0);
    NavigableMap<Long, Long> eligible = counts.headMap(lastComplete, true);
    List<String> skipped = new ArrayList<>();
    for (Long p : eligible.descendingKeySet()) {
      long day = p;
      long[] earlier =
          eligible.headMap(p, false).descendingMap().entrySet().stream()
              .filter(e -> period != PeriodType.DAY || (day - e.getKey()) % 7 == 0)
              .limit(REFERENCE_PERIODS)
              .mapToLong(Map.Entry::getValue)
              .toArray();
      long count = eligible.get(p);
      if (earlier.length == 0) {
        return new ForecastOrigin(p, lastComplete, asOf, explain(skipped));
      }
      double median = median(earlier);
      if (count >= MIN_SHARE_OF_MEDIAN * median) {
        return new ForecastOrigin(p, lastComplete, asOf, explain(skipped));
      }
      LocalDate start = LocalDate.ofEpochDay(p);
      skipped.add(0, period == PeriodType.DAY
          ? String.format(Locale.ROOT, "the day %s holds %,d sales rows against a median of %,.0f"
              + " in the %d %ss with sales before it", start, count, median, earlier.length,
              start.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH))
          : String.format(Locale.ROOT, "the period starting %s holds %,d sales rows"
              + " against a median of %,.0f in the %d periods with sales before it",
              start, count, median, earlier.length));
    }
    return new ForecastOrigin(Long.MIN_VALUE, lastComplete, asOf, explain(skipped));
  }

  private static String explain(List<String> skipped) {
    if (skipped.isEmpty()) {
      return null;
    }
    return String.join("; ", skipped) + " (fewer than "
        + Math.round(MIN_SHARE_OF_MEDIAN * 100) + " %: taken as not yet complete)";
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  /** Writes the four components; deterministic. */
  public static final class Coder extends FieldCoder<ForecastOrigin> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(ForecastOrigin.class), INSTANCE);
    }

    @Override
    public void write(DataOutputStream out, ForecastOrigin value) throws IOException {
      out.writeLong(value.lastPeriod);
      out.writeLong(value.lastComplete);
      Encoding.writeDate(out, value.asOf);
      Encoding.writeString(out, value.sparse);
    }

    @Override
    public ForecastOrigin read(DataInputStream in) throws IOException {
      return new ForecastOrigin(
          in.readLong(), in.readLong(), Encoding.readDate(in), Encoding.readString(in));
    }

    @Override
    public void verifyDeterministic() {}
  }

  /**
   * Counts valid sales rows per period start (epoch day) and chooses the origin: a global combine
   * whose accumulator holds one entry per period with sales (a few thousand at most).
   */
  static final class ChooseFn
      extends Combine.CombineFn<Long, Map<Long, Long>, ForecastOrigin> {
    private final PeriodType period;
    private final LocalDate asOf;

    ChooseFn(PeriodType period, LocalDate asOf) {
      this.period = period;
      this.asOf = asOf;
    }

    @Override
    public Map<Long, Long> createAccumulator() {
      return new TreeMap<>();
    }

    @Override
    public Map<Long, Long> addInput(Map<Long, Long> counts, Long periodStart) {
      counts.merge(periodStart, 1L, Long::sum);
      return counts;
    }

    @Override
    public Map<Long, Long> mergeAccumulators(Iterable<Map<Long, Long>> all) {
      Map<Long, Long> merged = new TreeMap<>();
      for (Map<Long, Long> counts : all) {
        counts.forEach((p, c) -> merged.merge(p, c, Long::sum));
      }
      return merged;
    }

    @Override
    public ForecastOrigin extractOutput(Map<Long, Long> counts) {
      return choose(counts, period, asOf);
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<Map<Long, Long>> getAccumulatorCoder(
        CoderRegistry registry, org.apache.beam.sdk.coders.Coder<Long> inputCoder) {
      return MapCoder.of(VarLongCoder.of(), VarLongCoder.of());
    }

    @Override
    public ForecastOrigin defaultValue() {
      return choose(Map.of(), period, asOf);
    }
  }
}
