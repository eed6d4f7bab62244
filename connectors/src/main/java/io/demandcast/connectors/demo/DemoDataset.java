package io.demandcast.connectors.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.TableSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The demo input: real public files shipped in {@code data/demo/}, turned into the canonical source
 * tables. {@code data/demo/README.md} documents every mapping below, the sources and the licences.
 *
 * <ul>
 *   <li>{@code carparts.csv} (monthly demand of 2,674 car spare parts, Jan 1998 to Mar 2002) gives
 *       {@code erp_sales}; a blank cell loads as a NULL quantity (not recorded), which the job
 *       rejects.
 *   <li>{@code scms_delivery_history.csv.gz} (USAID SCMS shipment lines) gives {@code
 *       logistics_shipments}; its supplier lanes (vendor x shipment mode) are assigned to SKUs.
 *   <li>{@code nab_ambient_temperature_system_failure.csv} (NAB, hourly, degrees Fahrenheit) gives
 *       {@code iot_readings} in degrees Celsius, shifted so that its last reading falls on the
 *       inventory snapshot day.
 *   <li>{@code brunel_wh_costs.csv} and {@code brunel_wh_capacities.csv} (Brunel University
 *       logistics data) give the locations and their holding costs.
 * </ul>
 *
 * Fields no real file has (unit cost, order cost, case pack, MOQ, shelf life, the on-hand snapshot,
 * open purchase orders, and which location and lane each SKU takes) are generated from {@link
 * #SEED}, per SKU, so every run produces the same tables; each such row says so in its {@code
 * lineage} column. A source row that cannot be converted (a malformed date or number) is not loaded
 * but returned in {@link Result#rejected()} with the file, the line and the reason.
 */
public final class DemoDataset {
  /** Seed of every synthetic field. */
  public static final long SEED = 20020331L;

  /** Day of the synthetic on-hand snapshot: the last day of the carparts history. */
  public static final LocalDate SNAPSHOT_DATE = LocalDate.of(2002, 3, 31);

  /**
   * The day before the last month of sales: the demo's first run is as of this day, and the demo
   * holds a second stock snapshot on it; the SCMS shipments are moved to end on it.
   */
  public static final LocalDate PREVIOUS_SNAPSHOT_DATE = SNAPSHOT_DATE.withDayOfMonth(1).minusDays(1);

  /** The location whose storage area the NAB temperature sensor watches. */
  public static final String SENSOR_LOCATION = "PLANT01";

  /** The sensor's id in {@code iot_readings}. */
  public static final String SENSOR_ID = "nab-ambient-temperature";

  /** Supplier lanes with fewer lead-time observations than this are not assigned to SKUs. */
  public static final int MIN_LANE_SHIPMENTS = 30;

  static final String RESOURCE_DIR = "/demandcast/demo/";
  static final String CARPARTS = "carparts.csv";
  static final String SCMS = "scms_delivery_history.csv.gz";
  static final String NAB = "nab_ambient_temperature_system_failure.csv";
  static final String WH_COSTS = "brunel_wh_costs.csv";
  static final String WH_CAPACITIES = "brunel_wh_capacities.csv";

  /** Last NAB reading, moved onto {@link #SNAPSHOT_DATE} at the same hour. */
  static final LocalDateTime NAB_LAST_READING = LocalDateTime.of(2014, 5, 28, 15, 0);

  /** Days subtracted from every NAB timestamp (4,441). */
  public static final long NAB_SHIFT_DAYS =
      ChronoUnit.DAYS.between(SNAPSHOT_DATE, NAB_LAST_READING.toLocalDate());

  private static final String SYNTHETIC = "synthetic (seed " + SEED + "): ";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter MONTH_HEADER =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern("MMM-")
          .appendValueReduced(ChronoField.YEAR, 2, 2, 1950)
          .parseDefaulting(ChronoField.DAY_OF_MONTH, 1)
          .toFormatter(Locale.ENGLISH);
  private static final DateTimeFormatter SCMS_DAY_MONTH_YEAR =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern("d-MMM-")
          .appendValueReduced(ChronoField.YEAR, 2, 2, 2000)
          .toFormatter(Locale.ENGLISH);
  private static final DateTimeFormatter SCMS_US_DATE =
      new DateTimeFormatterBuilder()
          .appendPattern("M/d/")
          .appendValueReduced(ChronoField.YEAR, 2, 2, 2000)
          .toFormatter(Locale.ENGLISH);
  private static final DateTimeFormatter NAB_TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** SCMS's value of "PO Sent to Vendor Date" for shipments from its regional distribution centre. */
  static final String SCMS_FROM_RDC = "N/A - From RDC";

  private DemoDataset() {}

  /**
   * A record of a demo file that could not be converted.
   *
   * @param source the canonical table it was meant for and the file, e.g. {@code
   *     logistics_shipments (scms_delivery_history.csv.gz)}
   * @param payload the record as read, JSON: header to cell, plus {@code _file} and {@code _line}
   * @param reason what is wrong, naming the column and the value
   */
  public record Rejected(String source, String payload, String reason) {}

  /**
   * The converted demo input.
   *
   * @param tables rows per canonical source table, values in column order
   * @param rejected records that could not be converted
   */
  public record Result(Map<TableSchema, List<Object[]>> tables, List<Rejected> rejected) {}

  /** One supplier lane of the SCMS shipments with at least {@link #MIN_LANE_SHIPMENTS} lead times. */
  record Lane(String supplier, String mode, int shipments, double meanLeadTimeDays) {}

  /** One Brunel warehouse: id, storage cost per unit and daily capacity. */
  record Warehouse(String id, double costPerUnit, double dailyCapacity) {}

  /** Reads and converts every demo file from the classpath. */
  public static Result read() {
    Map<TableSchema, List<Object[]>> tables = new LinkedHashMap<>();
    CanonicalTables.SOURCES.forEach(t -> tables.put(t, new ArrayList<>()));
    List<Rejected> rejected = new ArrayList<>();

    List<Warehouse> warehouses = readWarehouses();
    List<Lane> lanes = readShipments(tables.get(CanonicalTables.LOGISTICS_SHIPMENTS), rejected);
    readCarparts(tables, rejected, warehouses, lanes);
    readSensor(tables.get(CanonicalTables.IOT_READINGS), rejected);
    return new Result(tables, rejected);
  }

  // ---------------------------------------------------------------- Brunel warehouses

  static List<Warehouse> readWarehouses() {
    Map<String, Double> capacity = new TreeMap<>();
    for (CSVRecord r : parse(WH_CAPACITIES)) {
      capacity.put(r.get(0).strip(), Double.parseDouble(r.get(1).strip()));
    }
    List<Warehouse> warehouses = new ArrayList<>();
    for (CSVRecord r : parse(WH_COSTS)) {
      String id = r.get(0).strip();
      Double cap = capacity.get(id);
      if (cap == null) {
        throw new IllegalStateException(WH_CAPACITIES + " has no capacity for " + id);
      }
      warehouses.add(new Warehouse(id, Double.parseDouble(r.get(1).strip()), cap));
    }
    warehouses.sort(Comparator.comparing(Warehouse::id));
    return warehouses;
  }

  // ---------------------------------------------------------------- SCMS shipments

  /**
   * Days the SCMS dates are moved back so that the latest of them falls on {@link
   * #PREVIOUS_SNAPSHOT_DATE}: the shipments (2006–2015 in the file) then lie before both demo runs'
   * as-of dates instead of after them, and every lead time (a difference of two dates) is the
   * file's. Unparseable dates are skipped here (the record is rejected later).
   */
  static long scmsShiftDays(List<CSVRecord> records) {
    LocalDate latest = null;
    for (CSVRecord r : records) {
      for (String column : List.of("PO Sent to Vendor Date", "Scheduled Delivery Date",
          "Delivered to Client Date")) {
        String text = r.get(column).strip();
        if (text.equals(SCMS_FROM_RDC)) {
          continue;
        }
        try {
          LocalDate d = scmsDate(column, text);
          latest = latest == null || d.isAfter(latest) ? d : latest;
        } catch (IllegalArgumentException e) {
          // rejected with its reason when the record is read
        }
      }
    }
    return latest == null ? 0 : ChronoUnit.DAYS.between(PREVIOUS_SNAPSHOT_DATE, latest);
  }

  static List<Lane> readShipments(List<Object[]> out, List<Rejected> rejected) {
    String source = CanonicalTables.LOGISTICS_SHIPMENTS.name() + " (" + SCMS + ")";
    Map<String, double[]> laneStats = new TreeMap<>();
    List<CSVRecord> records = new ArrayList<>();
    parse(SCMS).forEach(records::add);
    long shift = scmsShiftDays(records);
    for (CSVRecord r : records) {
      String poSent = r.get("PO Sent to Vendor Date").strip();
      LocalDate shipDate;
      LocalDate scheduled;
      LocalDate delivered;
      Double quantity;
      try {
        shipDate = poSent.equals(SCMS_FROM_RDC) ? null : scmsDate("PO Sent to Vendor Date", poSent);
        scheduled = scmsDate("Scheduled Delivery Date", r.get("Scheduled Delivery Date").strip());
        delivered = scmsDate("Delivered to Client Date", r.get("Delivered to Client Date").strip());
        quantity = number("Line Item Quantity", r.get("Line Item Quantity"));
      } catch (IllegalArgumentException e) {
        rejected.add(new Rejected(source, payload(r, SCMS), e.getMessage()));
        continue;
      }
      shipDate = shipDate == null ? null : shipDate.minusDays(shift);
      scheduled = scheduled.minusDays(shift);
      delivered = delivered.minusDays(shift);
      String mode = r.get("Shipment Mode").strip();
      mode = mode.equals("N/A") || mode.isEmpty() ? null : mode;
      String supplier = r.get("Vendor").strip();
      StringBuilder lineage = new StringBuilder(SCMS + " line " + line(r)
          + "; dates shifted by -" + shift + " days");
      if (shipDate == null) {
        lineage.append("; ship_date NULL: shipped from SCMS's regional distribution centre");
      }
      if (mode == null) {
        lineage.append("; mode NULL: 'N/A' in the file");
      }
      out.add(
          new Object[] {
            r.get("ID").strip(),
            null,
            supplier,
            blankToNull(r.get("Manufacturing Site")),
            blankToNull(r.get("Country")),
            mode,
            blankToNull(r.get("Fulfill Via")),
            shipDate,
            scheduled,
            delivered,
            quantity,
            lineage.toString()
          });
      if (shipDate != null && mode != null && !delivered.isBefore(shipDate)) {
        double[] stats = laneStats.computeIfAbsent(supplier + "\u0000" + mode, k -> new double[2]);
        stats[0]++;
        stats[1] += ChronoUnit.DAYS.between(shipDate, delivered);
      }
    }
    List<Lane> lanes = new ArrayList<>();
    laneStats.forEach(
        (key, stats) -> {
          if (stats[0] >= MIN_LANE_SHIPMENTS) {
            String[] parts = key.split("\u0000");
            lanes.add(new Lane(parts[0], parts[1], (int) stats[0], stats[1] / stats[0]));
          }
        });
    return lanes;
  }

  private static LocalDate scmsDate(String column, String value) {
    for (DateTimeFormatter format : List.of(SCMS_DAY_MONTH_YEAR, SCMS_US_DATE)) {
      try {
        return LocalDate.parse(value, format);
      } catch (DateTimeParseException e) {
        // try the other format the file uses
      }
    }
    throw new IllegalArgumentException(
        "column '" + column + "': '" + value + "' is not a date (expected d-MMM-yy or M/d/yy)");
  }

  // ---------------------------------------------------------------- carparts

  private static void readCarparts(
      Map<TableSchema, List<Object[]>> tables,
      List<Rejected> rejected,
      List<Warehouse> warehouses,
      List<Lane> lanes) {
    String source = CanonicalTables.ERP_SALES.name() + " (" + CARPARTS + ")";
    Parsed parsed = parseWithHeader(CARPARTS);
    List<CSVRecord> records = parsed.records();
    List<String> header = parsed.header();
    List<LocalDate> months = new ArrayList<>();
    for (String h : header.subList(1, header.size())) {
      months.add(LocalDate.parse(h.strip(), MONTH_HEADER));
    }
    Map<String, Warehouse> byId = new LinkedHashMap<>();
    warehouses.forEach(w -> byId.put(w.id(), w));
    for (CSVRecord r : records) {
      String sku = r.get(0).strip();
      SplittableRandom random = new SplittableRandom(SEED * 31 + sku.hashCode());
      Warehouse location = pickWarehouse(warehouses, random);
      Lane lane = pickLane(lanes, random);
      List<Double> recorded = new ArrayList<>();
      List<Object[]> sales = new ArrayList<>();
      boolean rowRejected = false;
      for (int i = 0; i < months.size(); i++) {
        String cell = i + 1 < r.size() ? r.get(i + 1).strip() : "";
        Double quantity;
        try {
          quantity = cell.isEmpty() ? null : number(header.get(i + 1), cell);
        } catch (IllegalArgumentException e) {
          rejected.add(new Rejected(source, payload(r, CARPARTS), e.getMessage()));
          rowRejected = true;
          break;
        }
        if (quantity != null) {
          recorded.add(quantity);
        }
        sales.add(
            new Object[] {
              sku,
              location.id(),
              months.get(i),
              quantity,
              null,
              null,
              CARPARTS + " line " + line(r) + ", " + header.get(i + 1).strip()
                  + (quantity == null ? "; quantity NULL: blank cell in the file" : "")
                  + "; " + SYNTHETIC + "location"
            });
      }
      if (rowRejected) {
        continue;
      }
      tables.get(CanonicalTables.ERP_SALES).addAll(sales);
      double recentMean = recentMean(recorded, 12);
      addItem(tables.get(CanonicalTables.ERP_ITEMS), r, sku, location, lane, random);
      Double lastMonth = recorded.isEmpty() || sales.isEmpty()
          ? null : (Double) sales.get(sales.size() - 1)[3];
      addInventory(tables.get(CanonicalTables.ERP_INVENTORY), sku, location, recentMean, random,
          lastMonth);
      addPurchaseOrder(
          tables.get(CanonicalTables.ERP_PURCHASE_ORDERS), sku, location, lane, recentMean, random);
    }
  }

  private static void addItem(
      List<Object[]> out,
      CSVRecord r,
      String sku,
      Warehouse location,
      Lane lane,
      SplittableRandom random) {
    double unitCost = Math.max(0.5, round(Math.exp(Math.log(40) + random.nextGaussian()), 2));
    double orderCost = new double[] {25, 50, 75, 100}[random.nextInt(4)];
    int casePack = new int[] {1, 1, 1, 1, 2, 4, 5, 6, 10, 12}[random.nextInt(10)];
    double moq = casePack * new int[] {1, 1, 2, 5}[random.nextInt(4)];
    Integer shelfLife = random.nextDouble() < 0.10 ? (random.nextBoolean() ? 365 : 730) : null;
    // Brunel's storage cost per unit is read as currency per unit per month, plus 10% a year of capital cost.
    double holdingRate = round(0.10 + 12 * location.costPerUnit() / unitCost, 4);
    // about a third of the parts are reviewed fortnightly ((R, S) policy); a hash of the part
    // number, not the random stream, so the other synthetic fields stay as they were
    Integer reviewPeriod = Math.floorMod(sku.hashCode(), 3) == 0 ? 14 : null;
    out.add(
        new Object[] {
          sku,
          "car spare part " + sku,
          "P" + sku.substring(0, Math.min(3, sku.length())),
          unitCost,
          holdingRate,
          orderCost,
          casePack,
          moq,
          lane.supplier(),
          lane.mode(),
          shelfLife,
          reviewPeriod,
          null,
          CARPARTS + " line " + line(r) + "; holding_cost_rate from "
              + WH_COSTS + " (" + location.id() + "); " + SYNTHETIC
              + "unit_cost, order_cost, case_pack, moq, shelf_life_days, review_period_days,"
              + " supplier, ship_mode"
        });
  }

  private static void addInventory(List<Object[]> out, String sku, Warehouse location,
      double recentMean, SplittableRandom random, Double lastMonthSales) {
    // between 2 and 8 months of recent demand: about half the items are below their reorder point
    double onHand = Math.round(recentMean * (2 + 6 * random.nextDouble()));
    out.add(
        new Object[] {sku, location.id(), SNAPSHOT_DATE, onHand, null, SYNTHETIC + "on_hand"});
    // a month earlier: the same stock plus what the last month sold (no receipts assumed)
    double before = onHand + (lastMonthSales == null ? 0 : lastMonthSales);
    out.add(new Object[] {sku, location.id(), PREVIOUS_SNAPSHOT_DATE, before, null,
        SYNTHETIC + "on_hand: the " + SNAPSHOT_DATE + " snapshot plus the last month's sales"});
  }

  private static void addPurchaseOrder(
      List<Object[]> out,
      String sku,
      Warehouse location,
      Lane lane,
      double recentMean,
      SplittableRandom random) {
    if (recentMean <= 0 || random.nextDouble() >= 0.25) {
      return;
    }
    LocalDate ordered = SNAPSHOT_DATE.minusDays(10 + random.nextInt(70));
    LocalDate expected = ordered.plusDays(Math.round(lane.meanLeadTimeDays()));
    boolean received = random.nextDouble() < 0.2;
    double quantity = Math.max(1, Math.ceil(2 * recentMean));
    out.add(
        new Object[] {
          "PO-" + sku,
          sku,
          location.id(),
          quantity,
          ordered,
          expected,
          received ? ordered.plusDays(Math.round(0.8 * lane.meanLeadTimeDays())) : null,
          received ? "received" : "open",
          SYNTHETIC + "every field"
        });
  }

  static Warehouse pickWarehouse(List<Warehouse> warehouses, SplittableRandom random) {
    double total = warehouses.stream().mapToDouble(Warehouse::dailyCapacity).sum();
    double u = random.nextDouble() * total;
    for (Warehouse w : warehouses) {
      u -= w.dailyCapacity();
      if (u < 0) {
        return w;
      }
    }
    return warehouses.get(warehouses.size() - 1);
  }

  static Lane pickLane(List<Lane> lanes, SplittableRandom random) {
    if (lanes.isEmpty()) {
      throw new IllegalStateException(SCMS + " has no lane with " + MIN_LANE_SHIPMENTS + " lead times");
    }
    int total = lanes.stream().mapToInt(Lane::shipments).sum();
    int u = random.nextInt(total);
    for (Lane lane : lanes) {
      u -= lane.shipments();
      if (u < 0) {
        return lane;
      }
    }
    return lanes.get(lanes.size() - 1);
  }

  private static double recentMean(List<Double> recorded, int last) {
    if (recorded.isEmpty()) {
      return 0;
    }
    List<Double> tail = recorded.subList(Math.max(0, recorded.size() - last), recorded.size());
    return tail.stream().mapToDouble(Double::doubleValue).average().orElse(0);
  }

  // ---------------------------------------------------------------- NAB sensor

  private static void readSensor(List<Object[]> out, List<Rejected> rejected) {
    String source = CanonicalTables.IOT_READINGS.name() + " (" + NAB + ")";
    for (CSVRecord r : parse(NAB)) {
      LocalDateTime ts;
      double fahrenheit;
      try {
        ts = LocalDateTime.parse(r.get("timestamp").strip(), NAB_TS);
        fahrenheit = number("value", r.get("value"));
      } catch (DateTimeParseException e) {
        rejected.add(
            new Rejected(
                source,
                payload(r, NAB),
                "column 'timestamp': '" + r.get("timestamp") + "' is not yyyy-MM-dd HH:mm:ss"));
        continue;
      } catch (IllegalArgumentException e) {
        rejected.add(new Rejected(source, payload(r, NAB), e.getMessage()));
        continue;
      }
      out.add(
          new Object[] {
            SENSOR_ID,
            SENSOR_LOCATION,
            null,
            ts.minusDays(NAB_SHIFT_DAYS),
            "temperature_c",
            round((fahrenheit - 32) * 5 / 9, 3),
            NAB + " line " + line(r) + "; ts shifted by -" + NAB_SHIFT_DAYS
                + " days; value converted from degrees Fahrenheit"
          });
    }
  }

  // ---------------------------------------------------------------- helpers

  private static Double number(String column, String cell) {
    String value = cell.strip();
    if (value.isEmpty()) {
      throw new IllegalArgumentException("column '" + column + "' is blank");
    }
    try {
      double parsed = Double.parseDouble(value);
      if (!Double.isFinite(parsed)) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "column '" + column + "': '" + value + "' is not a number", e);
    }
  }

  /** The record's line in its file, the header being line 1 (no demo file has multi-line cells). */
  private static long line(CSVRecord record) {
    return record.getRecordNumber() + 1;
  }

  private static String blankToNull(String value) {
    String s = value == null ? null : value.strip();
    return s == null || s.isEmpty() ? null : s;
  }

  private static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }

  private static String payload(CSVRecord record, String file) {
    ObjectNode node = JSON.createObjectNode();
    node.put("_file", file);
    node.put("_line", line(record));
    Map<String, String> map = record.toMap();
    if (map.isEmpty()) {
      for (int i = 0; i < record.size(); i++) {
        node.put("col" + i, record.get(i));
      }
    } else {
      map.forEach(node::put);
    }
    return node.toString();
  }

  /** A parsed demo file: its header names, in file order, and its records. */
  private record Parsed(List<String> header, List<CSVRecord> records) {}

  /** Parses a demo file with its header row; records keep their line numbers. */
  private static List<CSVRecord> parse(String file) {
    return parseWithHeader(file).records();
  }

  private static Parsed parseWithHeader(String file) {
    CSVFormat format =
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(false).get();
    try (CSVParser parser = format.parse(reader(file))) {
      List<CSVRecord> records = parser.getRecords();
      return new Parsed(parser.getHeaderNames(), records);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read demo file " + file, e);
    }
  }

  /** A reader over a demo resource: gunzipped when it ends in .gz, UTF-8, byte order mark removed. */
  static Reader reader(String file) throws IOException {
    InputStream in = DemoDataset.class.getResourceAsStream(RESOURCE_DIR + file);
    if (in == null) {
      throw new IOException("demo file " + file + " is not on the classpath under " + RESOURCE_DIR);
    }
    if (file.endsWith(".gz")) {
      in = new GZIPInputStream(in);
    }
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    reader.mark(1);
    if (reader.read() != '\uFEFF') {
      reader.reset();
    }
    return reader;
  }
}
