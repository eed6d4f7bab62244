package io.demandcast.pipelines.model;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.pipelines.coders.Encoding;
import io.demandcast.pipelines.coders.FieldCoder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * The validated {@code erp_sales} rows of one SKU at one location, held column by column: what
 * the job groups instead of the rows themselves, so that a series of n sales costs about 25 n bytes
 * rather than a few hundred per row, and partial histories can be combined where the rows are read
 * (Beam's combiner lifting). Every value of every row is kept, so {@link #rows()} gives the rows
 * back exactly (for {@code rejected_records} when the SKU turns out not to exist); lineage strings
 * are stored once per distinct value.
 *
 * <p>Not thread-safe; {@link #add} and {@link #merge} change this history. Coded by {@link Coder}
 * (the columns as they are held, not the rows).
 */
@DefaultCoder(SalesHistory.Coder.class)
public final class SalesHistory {
  private static final byte PRICE_NULL = 1;
  private static final byte PROMO_NULL = 2;
  private static final byte PROMO_TRUE = 4;

  private String sku;
  private String location;
  private int size;
  private int[] days = new int[4];
  private double[] quantities = new double[4];
  private double[] prices = new double[4];
  private byte[] flags = new byte[4];
  private int[] lineageIndex = new int[4];
  private final List<String> lineages = new ArrayList<>();
  private Map<String, Integer> lineageIds; // built on the first append after a decode

  /**
   * @param sku the SKU, not null
   * @param location the location, not null
   */
  public SalesHistory(String sku, String location) {
    this.sku = Objects.requireNonNull(sku, "sku");
    this.location = Objects.requireNonNull(location, "location");
  }

  /** An empty history that takes the SKU and location of the first row or history added. */
  public SalesHistory() {}

  /** The grouping key of a sales row: SKU and location. */
  public static String key(Row sale) {
    return sale.getString("sku") + '\u0000' + sale.getString("location");
  }

  /** A history of the validated sales rows of one SKU and location. */
  public static SalesHistory of(Iterable<Row> sales) {
    SalesHistory history = null;
    for (Row sale : sales) {
      if (history == null) {
        history = new SalesHistory(sale.getString("sku"), sale.getString("location"));
      }
      history.add(sale);
    }
    if (history == null) {
      throw new IllegalArgumentException("a sales history needs at least one row");
    }
    return history;
  }

  /** The SKU; null while the history is empty. */
  public String sku() {
    return sku;
  }

  /** The location; null while the history is empty. */
  public String location() {
    return location;
  }

  /** Sales rows held. */
  public int size() {
    return size;
  }

  /** Day of row {@code i}'s {@code date}. */
  public LocalDate date(int i) {
    return LocalDate.ofEpochDay(days[check(i)]);
  }

  /** Row {@code i}'s {@code quantity}, units (never null: rows without one are not held here). */
  public double quantity(int i) {
    return quantities[check(i)];
  }

  /**
   * Adds a validated {@code erp_sales} row of this SKU and location with a recorded quantity.
   *
   * @throws IllegalArgumentException when the row is of another SKU or location, or has no
   *     quantity
   */
  public SalesHistory add(Row sale) {
    if (sku == null) {
      sku = sale.getString("sku");
      location = sale.getString("location");
    }
    if (!sku.equals(sale.getString("sku")) || !location.equals(sale.getString("location"))) {
      throw new IllegalArgumentException("a sale of " + sale.getString("sku") + " at "
          + sale.getString("location") + " added to the history of " + sku + " at " + location);
    }
    Double quantity = sale.getDouble("quantity");
    if (quantity == null) {
      throw new IllegalArgumentException("a sale without a quantity of " + sku + " at " + location);
    }
    Double price = sale.getDouble("unit_price");
    Boolean promo = sale.getBoolean("promo");
    byte flag = 0;
    flag |= price == null ? PRICE_NULL : 0;
    flag |= promo == null ? PROMO_NULL : promo ? PROMO_TRUE : 0;
    append(
        (int) sale.getLogicalTypeValue("date", LocalDate.class).toEpochDay(),
        quantity,
        price == null ? 0 : price,
        flag,
        sale.getString("lineage"));
    return this;
  }

  /**
   * Appends every row of {@code other} to this history.
   *
   * @throws IllegalArgumentException when {@code other} is of another SKU or location
   */
  public SalesHistory merge(SalesHistory other) {
    if (other.sku == null) {
      return this; // empty
    }
    if (sku == null) {
      sku = other.sku;
      location = other.location;
    }
    if (!sku.equals(other.sku) || !location.equals(other.location)) {
      throw new IllegalArgumentException("the history of " + other.sku + " at " + other.location
          + " merged into that of " + sku + " at " + location);
    }
    for (int i = 0; i < other.size; i++) {
      int l = other.lineageIndex[i];
      append(other.days[i], other.quantities[i], other.prices[i], other.flags[i],
          l < 0 ? null : other.lineages.get(l));
    }
    return this;
  }

  private void append(int day, double quantity, double price, byte flag, String lineage) {
    if (size == days.length) {
      int capacity = Math.max(4, size * 2);
      days = Arrays.copyOf(days, capacity);
      quantities = Arrays.copyOf(quantities, capacity);
      prices = Arrays.copyOf(prices, capacity);
      flags = Arrays.copyOf(flags, capacity);
      lineageIndex = Arrays.copyOf(lineageIndex, capacity);
    }
    days[size] = day;
    quantities[size] = quantity;
    prices[size] = price;
    flags[size] = flag;
    lineageIndex[size] = lineageId(lineage);
    size++;
  }

  private int lineageId(String lineage) {
    if (lineage == null) {
      return -1;
    }
    if (lineageIds == null) {
      lineageIds = new HashMap<>();
      for (int i = 0; i < lineages.size(); i++) {
        lineageIds.put(lineages.get(i), i);
      }
    }
    return lineageIds.computeIfAbsent(lineage, l -> {
      lineages.add(l);
      return lineages.size() - 1;
    });
  }

  /** The rows, as the validated {@code erp_sales} rows they were made from, in the order added. */
  public List<Row> rows() {
    List<Row> rows = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      rows.add(row(i));
    }
    return rows;
  }

  /** Row {@code i} as the validated {@code erp_sales} row it was made from. */
  public Row row(int i) {
    check(i);
    byte flag = flags[i];
    return Row.withSchema(CanonicalTables.ERP_SALES.beamSchema())
        .addValues(
            sku,
            location,
            LocalDate.ofEpochDay(days[i]),
            quantities[i],
            (flag & PRICE_NULL) != 0 ? null : prices[i],
            (flag & PROMO_NULL) != 0 ? null : (flag & PROMO_TRUE) != 0,
            lineageIndex[i] < 0 ? null : lineages.get(lineageIndex[i]))
        .build();
  }

  /**
   * A value equal for two rows of this history exactly when the rows are equal in every column
   * (date, quantity, price, promo, lineage), without building them.
   */
  public Object identity(int i) {
    check(i);
    return new Identity(days[i], Double.doubleToLongBits(quantities[i]),
        Double.doubleToLongBits(prices[i]), flags[i], lineageIndex[i]);
  }

  private record Identity(int day, long quantity, long price, byte flag, int lineage) {}

  /**
   * Appends row {@code i} of {@code other}, a history of the same SKU and location.
   *
   * @throws IllegalArgumentException when {@code other} is of another SKU or location
   */
  public SalesHistory addFrom(SalesHistory other, int i) {
    other.check(i);
    if (sku == null) {
      sku = other.sku;
      location = other.location;
    }
    if (!sku.equals(other.sku) || !location.equals(other.location)) {
      throw new IllegalArgumentException("a sale of " + other.sku + " at " + other.location
          + " added to the history of " + sku + " at " + location);
    }
    int l = other.lineageIndex[i];
    append(other.days[i], other.quantities[i], other.prices[i], other.flags[i],
        l < 0 ? null : other.lineages.get(l));
    return this;
  }

  private int check(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("row " + i + " of " + size);
    }
    return i;
  }

  // equality by content: Beam compares decoded elements with equals() to detect mutations
  @Override
  public boolean equals(Object o) {
    return o instanceof SalesHistory h && h.rows().equals(rows());
  }

  @Override
  public int hashCode() {
    return Objects.hash(sku, location, size);
  }

  @Override
  public String toString() {
    return "SalesHistory[" + sku + " at " + location + ", " + size + " rows]";
  }

  /**
   * Writes the SKU, location and the columns of the rows held (not the spare capacity), the lineage
   * strings once each; deterministic for histories of the same rows in the same order. A decoded
   * history can grow.
   */
  public static final class Coder extends FieldCoder<SalesHistory> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(SalesHistory.class), INSTANCE);
    }

    @Override
    public void write(DataOutputStream out, SalesHistory value) throws IOException {
      int n = value.size;
      Encoding.writeString(out, value.sku);
      Encoding.writeString(out, value.location);
      Encoding.writeInts(out, value.days, n);
      Encoding.writeDoubles(out, value.quantities, n);
      Encoding.writeDoubles(out, value.prices, n);
      Encoding.writeBytes(out, value.flags, n);
      Encoding.writeInts(out, value.lineageIndex, n);
      Encoding.writeCount(out, value.lineages.size());
      for (String lineage : value.lineages) {
        Encoding.writeString(out, lineage);
      }
    }

    @Override
    public SalesHistory read(DataInputStream in) throws IOException {
      SalesHistory history = new SalesHistory();
      history.sku = Encoding.readString(in);
      history.location = Encoding.readString(in);
      history.days = Encoding.readInts(in);
      history.quantities = Encoding.readDoubles(in);
      history.prices = Encoding.readDoubles(in);
      history.flags = Encoding.readBytes(in);
      history.lineageIndex = Encoding.readInts(in);
      history.size = history.days.length;
      if (history.quantities.length != history.size || history.prices.length != history.size
          || history.flags.length != history.size || history.lineageIndex.length != history.size) {
        throw new CoderException("sales history columns of different lengths");
      }
      for (int n = Encoding.readCount(in); n > 0; n--) {
        history.lineages.add(Encoding.readString(in));
      }
      return history;
    }

    @Override
    public void verifyDeterministic() {}
  }
}
