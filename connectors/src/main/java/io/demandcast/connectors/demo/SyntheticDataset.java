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
 * {@code weeks} weeks of sales ending in the week of {@link #LAST_WEEK}; the same seed gives the
 * same tables, row for row.
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
  private final long seed;
  private final List<DemoDataset.Warehouse> warehouses;
  private final List<Object[]> shipments = new ArrayList<>();
  private final List<DemoDataset.Lane> lanes;

  /**
   * @param series SKUs to generate, &gt;= 1 (one series each)
   * @param weeks weeks of sales history per SKU, &gt;= 1
   * @param seed seed of every random draw
   * @throws IllegalArgumentException when {@code series} or {@code weeks} is below 1
   */
  public SyntheticDataset(int series, int weeks, long seed) {
    if (series < 1) {
      throw new IllegalArgumentException("series must be >= 1, was " + series);
    }
    if (weeks < 1) {
      throw new IllegalArgumentException("weeks must be >= 1, was " + weeks);
    }
    this.series = series;
    this.weeks = weeks;
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

  /** One generated SKU: its identifiers, pattern and weekly demand. */
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
     * The expected units of week {@code t} (0 = the first week of history), before noise; for an
     * intermittent SKU the probability of a sale times its mean size.
     */
    public double expected(int t) {
      return switch (pattern) {
        case SMOOTH -> level;
        case SEASONAL -> level * (1 + shape * Math.sin(2 * Math.PI * (t + phase) / 52));
        case TRENDING -> level * Math.max(0.1, 1 + shape * t / weeks);
        case INTERMITTENT -> shape * (1 + saleSize);
      };
    }

    /**
     * Units sold per week, oldest first.
     *
     * @return {@link #weeks()} non-negative whole numbers
     */
    public double[] demand() {
      UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(demandSeed);
      double[] units = new double[weeks];
      for (int t = 0; t < weeks; t++) {
        if (pattern == Pattern.INTERMITTENT) {
          units[t] =
              rng.nextDouble() < shape ? 1 + poisson(rng, saleSize) : 0;
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
              sku.id, sku.location(), LAST_WEEK.minusWeeks(weeks - 1L - t), units[t], null, null,
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

  private double recentMean(Sku sku) {
    double[] units = sku.demand();
    int from = Math.max(0, units.length - 12);
    double sum = 0;
    for (int t = from; t < units.length; t++) {
      sum += units[t];
    }
    return sum / (units.length - from);
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
