package io.demandcast.connectors.demo;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.TableSchema;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Synthetic but realistic source tables of any size, for the scaling benchmark and for trying the
 * job on more series than the demo has: {@code series} SKUs, each stocked at one location, with
 * {@code weeks} weeks of sales ending in the week of {@link #LAST_WEEK}, one row per week with a
 * sale ({@link Granularity#WEEK}, the default) or one per day with a sale ({@link
 * Granularity#DAY}, the same span ending on {@link #SNAPSHOT_DATE}); the same seed gives the same
 * tables, row for row.
 *
 * <p>Demand patterns, drawn per SKU (weekly units; the level {@code L} is log-normal with median 20
 * and log-sd 1, clamped to 0.5..2,000; weekly noise is negative binomial, a Poisson draw whose
 * mean is gamma distributed with shape 8, so the coefficient of variation is {@code sqrt(1/mean +
 * 1/8)}):
 *
 * <ul>
 *   <li>{@link Pattern#SMOOTH} (35%): mean {@code L} every week;
 *   <li>{@link Pattern#SEASONAL} (25%): mean {@code L (1 + a sin(2 pi (t + phase) / 52))}, {@code
 *       a} uniform in 0.3..0.8;
 *   <li>{@link Pattern#TRENDING} (15%): mean {@code L (1 + g t / weeks)}, {@code g} uniform in
 *       -0.6..1.5;
 *   <li>{@link Pattern#INTERMITTENT} (25%): a sale in a week with probability {@code p} uniform in
 *       0.05..0.4, of {@code 1 + Poisson(s)} units, {@code s} log-normal with median 2 and log-sd 0.8; weeks
 *       without a sale have no {@code erp_sales} row, as in an ERP.
 * </ul>
 *
 * <p>Daily sales ({@link Granularity#DAY}) follow the same patterns and draws per SKU, per day:
 * the weekly mean is spread over the days by a weekday profile ({@link #WEEKDAY_PROFILE}, Monday
 * first, summing to 7; quiet early week, busy Friday and Saturday, quiet Sunday) whose swing a
 * per-SKU amplitude {@code k}, uniform in 0.5..1.5, scales to {@code 1 + k (profile - 1)}; the
 * seasonal SKUs' sine runs over 365.25 days (a yearly cycle beside the weekly one); the trend runs
 * over the days; an intermittent SKU sells on a day with probability {@code p / 7} times the
 * weekday factor (a sale on 0.7% to 6% of the days, the slow movers of a daily feed), and a smooth
 * SKU of a low level has many days without a sale too. Noise is negative binomial per day, as per
 * week. Days without a sale have no row.
 *
 * <p>Everything else follows the demo ({@link DemoDataset}): locations are the Brunel warehouses,
 * picked in proportion to their capacity; each SKU is bought on a real USAID SCMS supplier lane
 * (vendor x shipment mode with at least {@value DemoDataset#MIN_LANE_SHIPMENTS} deliveries, picked
 * in proportion to its shipments), and {@code logistics_shipments} holds the real SCMS shipment
 * lines, so the lead times the job plans with are the real SCMS distribution of each lane. Unit
 * cost is log-normal (median 40), order cost, case pack and MOQ are drawn from the demo's sets, a
 * third of the SKUs (by a hash of the SKU) are reviewed every 14 days. One stock snapshot per SKU on
 * {@link #SNAPSHOT_DATE} holds its recent mean weekly demand (last 12 weeks) times half to one and
 * a half of its lane's mean lead time in weeks, plus up to two weeks; a quarter of the SKUs have
 * an open purchase order. Each location has one ambient temperature sensor read hourly over the
 * last 28 days, around 21 C with sd 1.5 and about one reading in 500 four to eight degrees off.
 * Every row's {@code lineage} says it is synthetic and gives the seed.
 *
 * <p>SKUs are {@code SYN0000001}, {@code SYN0000002}, ...; categories {@code CAT01} to {@code
 * CAT24}, uniform.
 */
public final class SyntheticDataset {
  /** Start (a Monday) of the last week of sales. */
  public static final LocalDate LAST_WEEK = LocalDate.of(2025, 12, 22);

  /** Day of the stock snapshot: the Sunday ending the last week. */
  public static final LocalDate SNAPSHOT_DATE = LAST_WEEK.plusDays(6);

  /** Categories the SKUs fall into. */
  public static final int CATEGORIES = 24;

  /** Days of hourly temperature readings per location. */
  static final int SENSOR_DAYS = 28;

  /** Shape of the gamma mixing of the weekly demand (negative binomial size). */
  private static final double NB_SIZE = 8;

  /**
   * Share of a week's demand per weekday for daily sales, Monday first, times 7 (so the factors
   * sum to 7); a SKU scales its swing around 1 by its own amplitude.
   */
  public static final List<Double> WEEKDAY_PROFILE = List.of(0.9, 0.9, 0.95, 1.0, 1.15, 1.3, 0.8);

  /** The calendar of the generated sales rows. */
  public enum Granularity {
    /** One row per week with a sale, dated the Monday starting it. */
    WEEK,
    /** One row per day with a sale. */
    DAY
  }

  /** A SKU's demand pattern. */
  public enum Pattern {
    SMOOTH,
    SEASONAL,
    TRENDING,
    INTERMITTENT;

    /** Lower-case name, as in lineage. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final int series;
  private final int weeks;
  private final Granularity granularity;
  private final int periods;
  private final long seed;
  private final List<DemoDataset.Warehouse> warehouses;
  private final List<Object[]> shipments = new ArrayList<>();
  private final List<DemoDataset.Lane> lanes;

  /**
   * Weekly sales.
   *
   * @param series SKUs to generate, &gt;= 1 (one series each)
   * @param weeks weeks of sales history per SKU, &gt;= 1
   * @param seed seed of every random draw
   * @throws IllegalArgumentException when {@code series} or {@code weeks} is below 1
   */
  public SyntheticDataset(int series, int weeks, long seed) {
    this(series, weeks, seed, Granularity.WEEK);
  }

  /**
   * Weekly or daily sales over {@code weeks} weeks.
   *
   * @param series SKUs to generate, &gt;= 1 (one series each)
   * @param weeks weeks of sales history per SKU, &gt;= 1 (a daily history has 7 days a week)
   * @param seed seed of every random draw
   * @param granularity one row per week or per day with a sale
   * @throws IllegalArgumentException when {@code series} or {@code weeks} is below 1
   * @throws NullPointerException when {@code granularity} is null
   */
  public SyntheticDataset(int series, int weeks, long seed, Granularity granularity) {
    this.granularity = java.util.Objects.requireNonNull(granularity, "granularity");
    if (series < 1) {
      throw new IllegalArgumentException("series must be >= 1, was " + series);
    }
    if (weeks < 1) {
      throw new IllegalArgumentException("weeks must be >= 1, was " + weeks);
    }
    this.series = series;
    this.weeks = weeks;
    this.periods = granularity == Granularity.DAY ? 7 * weeks : weeks;
    this.seed = seed;
    this.warehouses = DemoDataset.readWarehouses();
    // SCMS lines the demo loader cannot convert are left out here (the demo reports them)
    this.lanes = DemoDataset.readShipments(shipments, new ArrayList<>());
  }

  /** SKUs (and series) generated. */
  public int series() {
    return series;
  }

  /** Weeks of history per SKU. */
  public int weeks() {
    return weeks;
  }

  /** The calendar of the sales rows. */
  public Granularity granularity() {
    return granularity;
  }

  /** Periods (weeks, or days) of history per SKU. */
  public int periods() {
    return periods;
  }

  /** The day of period {@code t} of the history (0 = the first), as its sales rows are dated. */
  public LocalDate day(int t) {
    return granularity == Granularity.DAY
        ? SNAPSHOT_DATE.minusDays(periods - 1L - t)
        : LAST_WEEK.minusWeeks(weeks - 1L - t);
  }

  /**
   * The rows of one canonical source table, generated as they are iterated (nothing but the SCMS
   * shipments is held in memory, so a large data set streams straight into the warehouse).
   *
   * @param table one of {@link CanonicalTables#SOURCES}
   * @return values in the table's canonical column order, as {@code
   *     DuckDbWarehouse.replaceSourceTable} takes them; each iteration starts afresh and gives the
   *     same rows
   * @throws IllegalArgumentException for a table that is not a canonical source table
   */
  public Iterable<Object[]> rows(TableSchema table) {
    if (table == CanonicalTables.ERP_SALES) {
      return () -> new PerSku(this::sales);
    } else if (table == CanonicalTables.ERP_ITEMS) {
      return () -> new PerSku(s -> List.<Object[]>of(item(s)));
    } else if (table == CanonicalTables.ERP_INVENTORY) {
      return () -> new PerSku(s -> List.<Object[]>of(stock(s)));
    } else if (table == CanonicalTables.ERP_PURCHASE_ORDERS) {
      return () -> new PerSku(this::purchaseOrders);
    } else if (table == CanonicalTables.LOGISTICS_SHIPMENTS) {
      return List.copyOf(shipments);
    } else if (table == CanonicalTables.IOT_READINGS) {
      return this::readings;
    }
    throw new IllegalArgumentException(table.name() + " is not a canonical source table");
  }

  /**
   * One SKU's drawn profile: its pattern and the weekly demand it generates.
   *
   * @param index 0-based SKU index, below {@link #series()}
   */
  public Sku sku(int index) {
    if (index < 0 || index >= series) {
      throw new IndexOutOfBoundsException("SKU index " + index + " outside 0.." + (series - 1));
    }
    return new Sku(index);
  }

  /** One generated SKU: its identifiers, pattern and weekly (or daily) demand. */
  public final class Sku {
    private final int index;
    private final String id;
    private final SplittableRandom random;
    private final DemoDataset.Warehouse location;
    private final DemoDataset.Lane lane;
    private final String category;
    private final Pattern pattern;
    private final double level;
    private final double shape;
    private final double phase;
    private final double saleSize;
    private final long demandSeed;
    /** Swing of the weekday profile, for daily sales. */
    private final double weekdayAmplitude;

    private Sku(int index) {
      this.index = index;
      this.id = String.format(Locale.ROOT, "SYN%07d", index + 1);
      this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
      this.location = DemoDataset.pickWarehouse(warehouses, random);
      this.lane = DemoDataset.pickLane(lanes, random);
      this.category = String.format(Locale.ROOT, "CAT%02d", 1 + random.nextInt(CATEGORIES));
      double u = random.nextDouble();
      this.pattern =
          u < 0.35 ? Pattern.SMOOTH
              : u < 0.60 ? Pattern.SEASONAL
              : u < 0.75 ? Pattern.TRENDING
              : Pattern.INTERMITTENT;
      this.level = Math.min(2000, Math.max(0.5, 20 * Math.exp(random.nextGaussian())));
      this.shape =
          switch (pattern) {
            case SMOOTH -> 0;
            case SEASONAL -> 0.3 + 0.5 * random.nextDouble();
            case TRENDING -> -0.6 + 2.1 * random.nextDouble();
            case INTERMITTENT -> 0.05 + 0.35 * random.nextDouble();
          };
      this.phase = 52 * random.nextDouble();
      this.saleSize = 2 * Math.exp(0.8 * random.nextGaussian());
      this.demandSeed = random.nextLong();
      // drawn apart from the weekly draws above, so that weekly data stays as it was
      this.weekdayAmplitude =
          0.5 + new SplittableRandom(demandSeed ^ 0x7F4A7C15F39CC060L).nextDouble();
    }

    /** The SKU id. */
    public String id() {
      return id;
    }

    /** Its location (a Brunel warehouse id). */
    public String location() {
      return location.id();
    }

    /** Its demand pattern. */
    public Pattern pattern() {
      return pattern;
    }

    /** Its category, CAT01..CAT24. */
    public String category() {
      return category;
    }

    /**
     * The expected units of period {@code t} (0 = the first week, or day, of history), before
     * noise; for an intermittent SKU the probability of a sale times its mean size.
     */
    public double expected(int t) {
      if (granularity == Granularity.DAY) {
        return expectedOnDay(t);
      }
      return switch (pattern) {
        case SMOOTH -> level;
        case SEASONAL -> level * (1 + shape * Math.sin(2 * Math.PI * (t + phase) / 52));
        case TRENDING -> level * Math.max(0.1, 1 + shape * t / weeks);
        case INTERMITTENT -> shape * (1 + saleSize);
      };
    }

    /** The weekday factor of day {@code t}: the profile's swing scaled by the SKU's amplitude. */
    private double weekday(int t) {
      // day 0 is a Monday: the daily history starts on the Monday of the first week
      return 1 + weekdayAmplitude * (WEEKDAY_PROFILE.get(t % 7) - 1);
    }

    /** The probability of a sale on day {@code t} of an intermittent SKU. */
    private double saleProbability(int t) {
      return shape / 7 * weekday(t);
    }

    private double expectedOnDay(int t) {
      double perDay = level / 7 * weekday(t);
      return switch (pattern) {
        case SMOOTH -> perDay;
        case SEASONAL -> perDay * (1 + shape * Math.sin(2 * Math.PI * (t + 7 * phase) / 365.25));
        case TRENDING -> perDay * Math.max(0.1, 1 + shape * t / periods);
        case INTERMITTENT -> saleProbability(t) * (1 + saleSize);
      };
    }

    /**
     * Units sold per week (or day), oldest first.
     *
     * @return {@link #periods()} non-negative whole numbers
     */
    public double[] demand() {
      UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(demandSeed);
      double[] units = new double[periods];
      boolean daily = granularity == Granularity.DAY;
      for (int t = 0; t < periods; t++) {
        if (pattern == Pattern.INTERMITTENT) {
          double p = daily ? saleProbability(t) : shape;
          units[t] =
              rng.nextDouble() < p ? 1 + poisson(rng, saleSize) : 0;
        } else {
          double mean = expected(t);
          double mixed = AhrensDieterMarsagliaTsangGammaSampler.of(rng, NB_SIZE, mean / NB_SIZE).sample();
          units[t] = poisson(rng, mixed);
        }
      }
      return units;
    }

    private String lineage(String what) {
      return "synthetic (seed " + seed + ", " + pattern.id() + " demand): " + what;
    }
  }

  private static double poisson(UniformRandomProvider rng, double mean) {
    return mean <= 0 ? 0 : PoissonSampler.of(rng, mean).sample();
  }

  private List<Object[]> sales(Sku sku) {
    double[] units = sku.demand();
    List<Object[]> rows = new ArrayList<>();
    String lineage = sku.lineage("erp_sales");
    for (int t = 0; t < units.length; t++) {
      if (units[t] > 0) {
        rows.add(
            new Object[] {
              sku.id, sku.location(), day(t), units[t], null, null,
              lineage
            });
      }
    }
    return rows;
  }

  private Object[] item(Sku sku) {
    SplittableRandom r = new SplittableRandom(sku.demandSeed ^ 0x5DEECE66DL);
    double unitCost = Math.max(0.5, Math.round(40 * Math.exp(r.nextGaussian()) * 100) / 100.0);
    double orderCost = new double[] {25, 50, 75, 100}[r.nextInt(4)];
    int casePack = new int[] {1, 1, 1, 1, 2, 4, 5, 6, 10, 12}[r.nextInt(10)];
    double moq = casePack * new int[] {1, 1, 2, 5}[r.nextInt(4)];
    // Brunel's storage cost per unit per month, plus 10% a year of capital cost, as in the demo
    double holdingRate =
        Math.round((0.10 + 12 * sku.location.costPerUnit() / unitCost) * 10_000) / 10_000.0;
    Integer reviewPeriod = Math.floorMod(sku.id.hashCode(), 3) == 0 ? 14 : null;
    return new Object[] {
      sku.id, "synthetic " + sku.pattern.id() + " item " + sku.id, sku.category, unitCost,
      holdingRate, orderCost, casePack, moq, sku.lane.supplier(), sku.lane.mode(), null,
      reviewPeriod, null, sku.lineage("erp_items")
    };
  }

  /** The SKU's mean weekly demand over the last 12 weeks of history (or fewer). */
  private double recentMean(Sku sku) {
    double[] units = sku.demand();
    int perWeek = granularity == Granularity.DAY ? 7 : 1;
    int from = Math.max(0, units.length - 12 * perWeek);
    double sum = 0;
    for (int t = from; t < units.length; t++) {
      sum += units[t];
    }
    return sum / (units.length - from) * perWeek;
  }

  private Object[] stock(Sku sku) {
    SplittableRandom r = new SplittableRandom(sku.demandSeed ^ 0x2545F4914F6CDD1DL);
    // half to one and a half times the mean demand over the lane's mean lead time, plus up to
    // two weeks: about half the SKUs sit below their reorder point
    double leadWeeks = sku.lane.meanLeadTimeDays() / 7;
    double onHand =
        Math.round(recentMean(sku) * (leadWeeks * (0.5 + r.nextDouble()) + 2 * r.nextDouble()));
    return new Object[] {sku.id, sku.location(), SNAPSHOT_DATE, onHand, null, sku.lineage("on_hand")};
  }

  private List<Object[]> purchaseOrders(Sku sku) {
    SplittableRandom r = new SplittableRandom(sku.demandSeed ^ 0x1B873593L);
    double mean = recentMean(sku);
    if (mean <= 0 || r.nextDouble() >= 0.25) {
      return List.of();
    }
    LocalDate ordered = SNAPSHOT_DATE.minusDays(3 + r.nextInt(25));
    LocalDate expected = ordered.plusDays(Math.round(sku.lane.meanLeadTimeDays()));
    List<Object[]> rows = new ArrayList<>();
    rows.add(
        new Object[] {
          "PO-" + sku.id, sku.id, sku.location(), Math.max(1, Math.ceil(4 * mean)), ordered,
          expected, null, "open", sku.lineage("every field")
        });
    return rows;
  }

  private Iterator<Object[]> readings() {
    List<Object[]> rows = new ArrayList<>();
    LocalDateTime start = SNAPSHOT_DATE.plusDays(1).atStartOfDay().minusDays(SENSOR_DAYS);
    for (DemoDataset.Warehouse w : warehouses) {
      SplittableRandom r = new SplittableRandom(seed ^ w.id().hashCode());
      String lineage = "synthetic (seed " + seed + "): ambient temperature";
      for (int h = 0; h < SENSOR_DAYS * 24; h++) {
        double celsius = 21 + 1.5 * r.nextGaussian();
        if (r.nextInt(500) == 0) {
          celsius += (r.nextBoolean() ? 1 : -1) * (4 + 4 * r.nextDouble());
        }
        rows.add(
            new Object[] {
              "temp-" + w.id(), w.id(), null, start.plusHours(h), "temperature_c",
              Math.round(celsius * 100) / 100.0, lineage
            });
      }
    }
    return rows.iterator();
  }

  /** Rows of every SKU in turn, generated SKU by SKU. */
  private final class PerSku implements Iterator<Object[]> {
    private final java.util.function.Function<Sku, List<Object[]>> generate;
    private int next;
    private Iterator<Object[]> current = List.<Object[]>of().iterator();

    PerSku(java.util.function.Function<Sku, List<Object[]>> generate) {
      this.generate = generate;
    }

    @Override
    public boolean hasNext() {
      while (!current.hasNext() && next < series) {
        current = generate.apply(new Sku(next++)).iterator();
      }
      return current.hasNext();
    }

    @Override
    public Object[] next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return current.next();
    }
  }
}
