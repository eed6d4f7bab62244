package io.demandcast.pipelines.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.demandcast.pipelines.model.PeriodType;
import io.demandcast.pipelines.report.InventoryProjection.Arrival;
import io.demandcast.pipelines.report.InventoryProjection.Point;
import io.demandcast.pipelines.report.InventoryProjection.Projection;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;

/**
 * What the planner page's script shows, read from the warehouse: one table row per recommendation
 * of the run (every one, the orders to place now and those that need none) and one detail panel
 * per row (sales history, forecast, projected stock, explanations). {@link #json()} is embedded in
 * index.html.
 *
 * <p>Formulas (units, days from day 0, the start of the first forecast period):
 *
 * <ul>
 *   <li><b>lead-time demand</b> = D(lead time), the forecast means summed over the mean lead time
 *       ({@link InventoryProjection#demandOver});
 *   <li><b>days of cover</b> = (on hand − quarantined) / (D(P) / P), P = lead time + review period
 *       ({@link InventoryProjection#daysOfCover}, the optimizer's {@code days_of_cover});
 *   <li><b>projected stock</b>: {@link InventoryProjection#project}.
 * </ul>
 *
 * <p>The supplier, description and ship mode come from {@code erp_items} (empty when the
 * warehouse has no such table); open purchase orders' arrival days from {@code
 * erp_purchase_orders} (status open, on their expected date). Explanations come from the tables
 * {@value #FORECAST_EXPLANATIONS} and {@value #ORDER_EXPLANATIONS} when the warehouse has them.
 *
 * @param runId the run
 * @param period the run's demand calendar
 * @param currency the prefix of amounts ("EUR ", "€"), "" for none
 * @param labels the history and forecast periods' first days, oldest first: the charts' x-axis
 * @param rows the table rows, largest order value first, then by SKU and location
 * @param panels the detail panel of each row, by the row's id
 * @param top the ids of the series with the largest forecast value (forecast means over the
 *     horizon times unit cost), at most the report's top N
 * @param explanationTables the explanation tables the warehouse holds, for the page to say which
 * @param rowsLeftOut recommendations not in the page, past its first {@value #PAGE_ROWS} (the CSV
 *     and the workbook have them all)
 */
record PlannerPage(
    String runId,
    String period,
    String currency,
    List<String> labels,
    List<Row> rows,
    List<Panel> panels,
    List<Integer> top,
    List<String> explanationTables,
    long rowsLeftOut) {

  /**
   * The most recommendations the page holds, the largest order values first: about 2 KB of data
   * each, so the page stays one that a browser opens in a few seconds.
   */
  static final int PAGE_ROWS = 20_000;

  /** The table of per-period forecast components (another change adds it). */
  static final String FORECAST_EXPLANATIONS = "forecast_explanations";

  /** The table of per-order explanations (another change adds it). */
  static final String ORDER_EXPLANATIONS = "order_explanations";

  /** Periods of sales history a chart shows at most, per calendar. */
  static final int HISTORY_MONTHS = 36;

  static final int HISTORY_WEEKS = 104;
  static final int HISTORY_DAYS = 182;

  /** Explanation rows embedded per series and table, and over all series. */
  static final int EXPLANATION_ROWS_PER_SERIES = 200;

  static final int EXPLANATION_ROWS = 100_000;

  private static final ObjectMapper JSON = mapper();

  /**
   * One table row: a recommendation with what the page adds to it. Quantities in units, amounts
   * in the run's currency, times in days; null where the warehouse has no value.
   */
  record Row(
      int id,
      String sku,
      String location,
      String description,
      String supplier,
      String shipMode,
      String abc,
      String xyz,
      String policy,
      Double leadTime,
      Double leadTimeSd,
      String leadTimeBasis,
      Double reviewDays,
      Double leadTimeDemand,
      Double onHand,
      Double quarantined,
      Double onOrder,
      Double position,
      Double safetyStock,
      Double reorderPoint,
      Double orderUpTo,
      Double qty,
      Double unitCost,
      Double value,
      Double daysOfCover,
      Double serviceLevel,
      String measure,
      Double fillRate,
      String model,
      String reason,
      List<String> reasonKinds,
      boolean orderNow) {}

  /**
   * A row's detail panel.
   *
   * @param history0 index in {@link #labels} of the first history period
   * @param history units sold per period, zero-filled, up to the period before the forecast
   * @param forecast0 index in {@link #labels} of the first forecast period
   * @param mean forecast mean per period
   * @param p10 forecast 10 % quantile per period
   * @param p50 forecast median per period
   * @param p90 forecast 90 % quantile per period
   * @param projection the projected stock over the protection interval, points as [day, units]
   * @param ordersDated whether open purchase orders arrive on their expected dates (false: the
   *     warehouse's open orders do not add up to the run's on-order quantity, so it is shown as
   *     arrived on day 0)
   * @param more the recommendation's other columns (those the table does not show), by name
   * @param explanations per explanation table the warehouse has: its rows of this series
   */
  record Panel(
      int history0,
      List<Double> history,
      int forecast0,
      List<Double> mean,
      List<Double> p10,
      List<Double> p50,
      List<Double> p90,
      Map<String, Object> projection,
      boolean ordersDated,
      Map<String, Object> more,
      Map<String, Explanation> explanations) {}

  /**
   * A series' rows of an explanation table.
   *
   * @param columns the table's columns but run_id, sku and location
   * @param rows the rows, values in column order
   * @param omitted rows left out (over {@value #EXPLANATION_ROWS_PER_SERIES} for the series or
   *     {@value #EXPLANATION_ROWS} in all)
   */
  record Explanation(List<String> columns, List<List<Object>> rows, int omitted) {}

  /** The columns of a recommendation that the table or the panel's facts show. */
  static final Set<String> SHOWN =
      Set.of(
          "run_id", "sku", "location", "on_hand", "quarantined", "on_order",
          "inventory_position", "lead_time_mean_days", "lead_time_sd_days", "lead_time_basis",
          "service_level", "service_measure", "policy", "review_period_days", "abc_class",
          "xyz_class", "safety_stock", "reorder_point", "order_up_to", "recommended_order_qty",
          "unit_cost", "expected_fill_rate", "days_of_cover", "model", "reason", "order_value",
          "item_description", "item_supplier", "item_ship_mode");

  /**
   * The page as JSON, safe inside a {@code <script type="application/json">} element. Compact:
   * rows and panels as arrays in the order of {@code rowFields} and {@code panelFields} (the
   * script turns them back into objects), a panel's {@code more} as values in the order of {@code
   * moreColumns}, whole numbers without ".0".
   */
  String json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("runId", runId);
    json.put("period", period);
    json.put("currency", currency);
    json.put("labels", labels);
    json.put("top", top);
    json.put("explanationTables", explanationTables);
    json.put("rowsLeftOut", rowsLeftOut);
    List<String> moreColumns =
        panels.isEmpty() ? List.of() : List.copyOf(panels.get(0).more().keySet());
    json.put("moreColumns", moreColumns);
    json.put("rowFields", fields(Row.class));
    json.put("rows", rows.stream().map(PlannerPage::values).toList());
    json.put("panelFields", fields(Panel.class));
    json.put(
        "panels",
        panels.stream()
            .map(
                p -> {
                  List<Object> values = values(p);
                  values.set(
                      fields(Panel.class).indexOf("more"),
                      moreColumns.stream().map(c -> p.more().get(c)).toList());
                  return values;
                })
            .toList());
    try {
      // "<" only occurs inside strings: as \u003c no "</script>" or "<!--" can end the element
      return JSON.writeValueAsString(json).replace("<", "\\u003c");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the planner page's data: " + e, e);
    }
  }

  private static List<String> fields(Class<? extends java.lang.Record> type) {
    return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
  }

  private static List<Object> values(java.lang.Record record) {
    List<Object> values = new ArrayList<>();
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      try {
        values.add(c.getAccessor().invoke(record));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return values;
  }

  /** Whole doubles as integers (9, not 9.0): a fifth of the page's data is numbers. */
  private static ObjectMapper mapper() {
    SimpleModule wholeNumbers = new SimpleModule();
    wholeNumbers.addSerializer(
        Double.class,
        new StdSerializer<>(Double.class) {
          @Override
          public void serialize(Double value, JsonGenerator out, SerializerProvider provider)
              throws IOException {
            double v = value;
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
              out.writeNumber((long) v);
            } else {
              out.writeNumber(v);
            }
          }
        });
    return new ObjectMapper().registerModule(wholeNumbers);
  }

  /**
   * Reads the page of {@code runId}; call inside the report's transaction.
   *
   * @param period the run's calendar
   * @param format the run's currency
   * @param topN how many series the page charts under "largest series by forecast value"
   */
  static PlannerPage read(
      DSLContext dsl, String runId, PeriodType period, ReportFormat format, int topN) {
    Result<Record> recs = recommendations(dsl, runId);
    Map<String, double[]> means = new HashMap<>();
    Map<String, Forecast> forecasts = forecasts(dsl, runId, means);
    LocalDate origin =
        forecasts.values().stream().map(Forecast::start).min(Comparator.naturalOrder()).orElse(null);
    LocalDate lastOrigin =
        forecasts.values().stream().map(Forecast::start).max(Comparator.naturalOrder()).orElse(null);
    Map<String, History> histories =
        origin == null ? Map.of() : histories(dsl, runId, period, forecasts, origin, lastOrigin);
    Map<String, List<Arrival>> arrivals = origin == null ? Map.of() : arrivals(dsl, origin);
    Map<String, Map<String, Explanation>> explanations = new HashMap<>();
    List<String> tables = new ArrayList<>();
    for (String table : List.of(FORECAST_EXPLANATIONS, ORDER_EXPLANATIONS)) {
      if (explanations(dsl, runId, table, explanations)) {
        tables.add(table);
      }
    }

    TreeSet<LocalDate> dates = new TreeSet<>();
    histories.values().forEach(h -> dates.addAll(h.starts()));
    forecasts.values().forEach(f -> dates.addAll(f.starts()));
    List<LocalDate> axis = new ArrayList<>(dates);
    Map<LocalDate, Integer> index = new HashMap<>();
    for (int i = 0; i < axis.size(); i++) {
      index.put(axis.get(i), i);
    }

    List<Row> rows = new ArrayList<>();
    List<Panel> panels = new ArrayList<>();
    List<double[]> forecastValues = new ArrayList<>();
    for (Record r : recs) {
      if (rows.size() == PAGE_ROWS) {
        break;
      }
      int id = rows.size();
      String key = key(r.get("sku", String.class), r.get("location", String.class));
      double[] m = means.getOrDefault(key, new double[0]);
      Row row = row(id, r, m, period.days());
      rows.add(row);
      Forecast f = forecasts.get(key);
      History h = histories.get(key);
      List<Arrival> open = arrivals.getOrDefault(key, List.of());
      double dated = open.stream().mapToDouble(Arrival::units).sum();
      boolean ordersDated = Math.abs(dated - orZero(row.onOrder())) <= 1e-6;
      if (!ordersDated) {
        open = orZero(row.onOrder()) == 0 ? List.of() : List.of(new Arrival(0, row.onOrder()));
      }
      Projection projection =
          InventoryProjection.project(
              orZero(row.onHand()) - orZero(row.quarantined()),
              orZero(row.position()),
              orZero(row.qty()),
              open,
              m,
              period.days(),
              orZero(number(r, "lead_time_mean_days")),
              orZero(number(r, "review_period_days")));
      panels.add(
          new Panel(
              h == null || h.starts().isEmpty() ? -1 : index.get(h.starts().get(0)),
              h == null ? List.of() : h.units(),
              f == null ? -1 : index.get(f.start()),
              f == null ? List.of() : f.mean(),
              f == null ? List.of() : f.p10(),
              f == null ? List.of() : f.p50(),
              f == null ? List.of() : f.p90(),
              projection(projection),
              ordersDated,
              more(r),
              explanations.getOrDefault(key, Map.of())));
      double value = Arrays.stream(m).sum() * orZero(row.unitCost());
      forecastValues.add(new double[] {value, id});
    }
    List<Integer> top =
        forecastValues.stream()
            .filter(v -> means.containsKey(key(rows.get((int) v[1]).sku(), rows.get((int) v[1]).location())))
            .sorted(
                Comparator.<double[]>comparingDouble(v -> -v[0])
                    .thenComparing(v -> rows.get((int) v[1]).sku())
                    .thenComparing(v -> rows.get((int) v[1]).location()))
            .limit(topN)
            .map(v -> (int) v[1])
            .toList();
    return new PlannerPage(
        runId,
        period.name().toLowerCase(Locale.ROOT),
        format.currencyPrefix(),
        axis.stream().map(d -> label(d, period)).toList(),
        rows,
        panels,
        top,
        tables,
        recs.size() - rows.size());
  }

  /**
   * The kinds of a reason, for the reason filter: each of its parts (separated by "; ") up to its
   * colon, without the numbers: "below reorder point: order 36 units; rounded up to case pack of
   * 12" has the kinds "below reorder point" and "rounded up to case pack".
   */
  static List<String> reasonKinds(String reason) {
    if (reason == null || reason.isBlank()) {
      return List.of();
    }
    Set<String> kinds = new LinkedHashSet<>();
    for (String part : reason.split(";")) {
      String kind =
          part.replaceFirst(":.*$", "")
              .replaceFirst("\\s+(of|by|to)\\s+[-+]?[0-9].*$", "")
              .replaceAll("[-+]?[0-9][0-9,.]*", "N")
              .strip();
      if (!kind.isEmpty()) {
        kinds.add(kind);
      }
    }
    return List.copyOf(kinds);
  }

  /** Whether the warehouse has the table {@code name} (in DuckDB's main schema). */
  static boolean tableExists(DSLContext dsl, String name) {
    return dsl.fetchValue(
            "select count(*) from information_schema.tables"
                + " where table_schema = 'main' and table_name = ?",
            name) instanceof Number n
        && n.longValue() > 0;
  }

  private static Result<Record> recommendations(DSLContext dsl, String runId) {
    String items =
        tableExists(dsl, "erp_items")
            ? "left join (select sku, min(description) as item_description,"
                + " min(supplier) as item_supplier, min(ship_mode) as item_ship_mode"
                + " from erp_items group by sku) i on i.sku = r.sku"
            : "left join (select null::varchar as sku, null::varchar as item_description,"
                + " null::varchar as item_supplier, null::varchar as item_ship_mode) i"
                + " on i.sku = r.sku";
    return dsl.resultQuery(
            "select r.*, r.recommended_order_qty * r.unit_cost as order_value,"
                + " i.item_description, i.item_supplier, i.item_ship_mode"
                + " from inventory_recommendations r "
                + items
                + " where r.run_id = ? order by order_value desc, r.sku, r.location",
            runId)
        .fetch();
  }

  private static Row row(int id, Record r, double[] means, double periodDays) {
    Double leadTime = number(r, "lead_time_mean_days");
    Double review = number(r, "review_period_days");
    double onHand = orZero(number(r, "on_hand"));
    double quarantined = orZero(number(r, "quarantined"));
    Double qty = number(r, "recommended_order_qty");
    String reason = text(r, "reason");
    return new Row(
        id,
        text(r, "sku"),
        text(r, "location"),
        text(r, "item_description"),
        text(r, "item_supplier"),
        text(r, "item_ship_mode"),
        text(r, "abc_class"),
        text(r, "xyz_class"),
        text(r, "policy"),
        round(leadTime, 1),
        round(number(r, "lead_time_sd_days"), 1),
        text(r, "lead_time_basis"),
        review,
        means.length == 0
            ? null
            : ReportFormat.rounded(
                InventoryProjection.demandOver(means, periodDays, orZero(leadTime)), 2),
        number(r, "on_hand"),
        number(r, "quarantined"),
        number(r, "on_order"),
        number(r, "inventory_position"),
        round(number(r, "safety_stock"), 2),
        round(number(r, "reorder_point"), 2),
        round(number(r, "order_up_to"), 2),
        qty,
        number(r, "unit_cost"),
        round(number(r, "order_value"), 2),
        round(
            InventoryProjection.daysOfCover(
                onHand - quarantined, means, periodDays, orZero(leadTime) + orZero(review)),
            1),
        number(r, "service_level"),
        text(r, "service_measure"),
        round(number(r, "expected_fill_rate"), 4),
        text(r, "model"),
        reason,
        reasonKinds(reason),
        qty != null && qty > 0);
  }

  /** The recommendation's columns the page does not otherwise show, in table order. */
  private static Map<String, Object> more(Record r) {
    Map<String, Object> more = new LinkedHashMap<>();
    for (Field<?> field : r.fields()) {
      if (!SHOWN.contains(field.getName())) {
        more.put(field.getName(), value(r.get(field)));
      }
    }
    return more;
  }

  /** The forecast of one series. */
  private record Forecast(
      LocalDate start,
      List<LocalDate> starts,
      List<Double> mean,
      List<Double> p10,
      List<Double> p50,
      List<Double> p90) {}

  private static Map<String, Forecast> forecasts(
      DSLContext dsl, String runId, Map<String, double[]> means) {
    Map<String, List<Record>> bySeries = new LinkedHashMap<>();
    for (Record r :
        dsl.resultQuery(
                "select sku, location, period_start, mean, p10, p50, p90 from demand_forecasts"
                    + " where run_id = ? order by sku, location, horizon",
                runId)
            .fetch()) {
      bySeries
          .computeIfAbsent(key(r.get(0, String.class), r.get(1, String.class)), k -> new ArrayList<>())
          .add(r);
    }
    Map<String, Forecast> forecasts = new HashMap<>();
    bySeries.forEach(
        (key, rs) -> {
          means.put(key, rs.stream().mapToDouble(r -> r.get(3, Double.class)).toArray());
          forecasts.put(
              key,
              new Forecast(
                  rs.get(0).get(2, LocalDate.class),
                  rs.stream().map(r -> r.get(2, LocalDate.class)).toList(),
                  column(rs, 3),
                  column(rs, 4),
                  column(rs, 5),
                  column(rs, 6)));
        });
    return forecasts;
  }

  private static List<Double> column(List<Record> rows, int index) {
    return rows.stream().map(r -> ReportFormat.rounded(r.get(index, Double.class), 3)).toList();
  }

  /** Sales of one series per period, zero-filled, oldest first. */
  record History(List<LocalDate> starts, List<Double> units) {}

  /**
   * The sales history of every series of the run, per period of the run's calendar: the last
   * {@link #historyPeriods} periods before the series' first forecast period, from the period of
   * its first sale on, periods without a sale as 0 (rows with a NULL quantity left out).
   */
  private static Map<String, History> histories(
      DSLContext dsl, String runId, PeriodType period, Map<String, Forecast> forecasts,
      LocalDate origin, LocalDate lastOrigin) {
    if (!tableExists(dsl, "erp_sales")) {
      return Map.of(); // the run read its sales from elsewhere (--source)
    }
    String unit = bucketUnit(period);
    LocalDate from = step(period, origin, -historyPeriods(period));
    Map<String, TreeMap<LocalDate, Double>> sales = new HashMap<>();
    try (Cursor<Record> cursor =
        dsl.resultQuery(
                "select s.sku, s.location, cast(date_trunc('" + unit + "', s.\"date\") as date) as b,"
                    + " sum(s.quantity) from erp_sales s"
                    + " join (select distinct sku, location from demand_forecasts where run_id = ?) f"
                    + " on f.sku = s.sku and f.location = s.location"
                    + " where s.quantity is not null and s.\"date\" >= ? and s.\"date\" < ?"
                    + " group by all",
                runId,
                from,
                lastOrigin)
            .fetchLazy()) {
      for (Record r : cursor) {
        sales
            .computeIfAbsent(key(r.get(0, String.class), r.get(1, String.class)), k -> new TreeMap<>())
            .put(r.get(2, LocalDate.class), r.get(3, Double.class));
      }
    }
    Map<String, History> histories = new HashMap<>();
    sales.forEach(
        (key, byPeriod) -> {
          Forecast f = forecasts.get(key);
          histories.put(key, fill(byPeriod, f == null ? origin : f.start(), period));
        });
    return histories;
  }

  /**
   * {@code sales} per period start as a gap-free history: every period from the first with a sale
   * (at most {@link #historyPeriods} before {@code origin}) up to the one before {@code origin},
   * periods without a sale as 0.
   */
  static History fill(TreeMap<LocalDate, Double> sales, LocalDate origin, PeriodType period) {
    List<LocalDate> starts = new ArrayList<>();
    List<Double> units = new ArrayList<>();
    LocalDate earliest = step(period, origin, -historyPeriods(period));
    LocalDate first = sales.isEmpty() ? origin : sales.firstKey();
    LocalDate d = first.isBefore(earliest) ? earliest : first;
    for (; d.isBefore(origin); d = step(period, d, 1)) {
      starts.add(d);
      Double sold = sales.get(d);
      // a period without a sale sold 0; a non-finite total (rejected values aside) shows as a gap
      units.add(sold == null ? Double.valueOf(0.0) : ReportFormat.rounded(sold, 3));
    }
    return new History(starts, units);
  }

  /** How many periods of history a chart shows: 36 months, 104 weeks or 182 days. */
  static int historyPeriods(PeriodType period) {
    return switch (period) {
      case DAY -> HISTORY_DAYS;
      case WEEK -> HISTORY_WEEKS;
      case MONTH -> HISTORY_MONTHS;
    };
  }

  private static String bucketUnit(PeriodType period) {
    return switch (period) {
      case DAY -> "day";
      case WEEK -> "week"; // ISO weeks, from Monday, as the run's calendar
      case MONTH -> "month";
    };
  }

  private static LocalDate step(PeriodType period, LocalDate date, long periods) {
    return switch (period) {
      case DAY -> date.plusDays(periods);
      case WEEK -> date.plusWeeks(periods);
      case MONTH -> date.plusMonths(periods);
    };
  }

  private static String label(LocalDate date, PeriodType period) {
    return period == PeriodType.MONTH ? date.toString().substring(0, 7) : date.toString();
  }

  /**
   * Open purchase orders per series, each on its expected date's day counted from {@code origin}
   * (day 0 when overdue or without a date); empty when the warehouse has no {@code
   * erp_purchase_orders}.
   */
  private static Map<String, List<Arrival>> arrivals(DSLContext dsl, LocalDate origin) {
    if (!tableExists(dsl, "erp_purchase_orders")) {
      return Map.of();
    }
    Map<String, List<Arrival>> arrivals = new HashMap<>();
    for (Record r :
        dsl.resultQuery(
                "select sku, location, expected_date, quantity from erp_purchase_orders"
                    + " where lower(trim(status)) = 'open' and quantity is not null"
                    + " and sku is not null and location is not null")
            .fetch()) {
      LocalDate expected = r.get(2, LocalDate.class);
      double day = expected == null ? 0 : Math.max(0, ChronoUnit.DAYS.between(origin, expected));
      arrivals
          .computeIfAbsent(key(r.get(0, String.class), r.get(1, String.class)), k -> new ArrayList<>())
          .add(new Arrival(day, r.get(3, Double.class)));
    }
    return arrivals;
  }

  /**
   * Adds the rows of {@code table} for {@code runId} to {@code into}, per series; false (and
   * nothing added) when the warehouse has no such table or it lacks run_id, sku or location.
   */
  private static boolean explanations(
      DSLContext dsl, String runId, String table, Map<String, Map<String, Explanation>> into) {
    if (!tableExists(dsl, table)) {
      return false;
    }
    List<String> columns =
        dsl.resultQuery(
                "select column_name from information_schema.columns"
                    + " where table_schema = 'main' and table_name = ? order by ordinal_position",
                table)
            .fetch(0, String.class);
    if (!columns.containsAll(List.of("run_id", "sku", "location"))) {
      return false;
    }
    List<String> shown =
        columns.stream().filter(c -> !Set.of("run_id", "sku", "location").contains(c)).toList();
    String order = columns.contains("horizon") ? ", horizon" : "";
    int total = 0;
    Map<String, List<List<Object>>> rows = new LinkedHashMap<>();
    Map<String, Integer> omitted = new HashMap<>();
    try (Cursor<Record> cursor =
        dsl.resultQuery(
                "select * from \"" + table + "\" where run_id = ? order by sku, location" + order,
                runId)
            .fetchLazy()) {
      for (Record r : cursor) {
        String key = key(r.get("sku", String.class), r.get("location", String.class));
        List<List<Object>> series = rows.computeIfAbsent(key, k -> new ArrayList<>());
        if (series.size() >= EXPLANATION_ROWS_PER_SERIES || total >= EXPLANATION_ROWS) {
          omitted.merge(key, 1, Integer::sum);
          continue;
        }
        List<Object> values = new ArrayList<>();
        for (String c : shown) {
          values.add(value(r.get(c)));
        }
        series.add(values);
        total++;
      }
    }
    rows.forEach(
        (key, series) ->
            into.computeIfAbsent(key, k -> new LinkedHashMap<>())
                .put(table, new Explanation(shown, series, omitted.getOrDefault(key, 0))));
    return true;
  }

  private static Map<String, Object> projection(Projection p) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("days", ReportFormat.rounded(p.days(), 1));
    json.put("leadTime", ReportFormat.rounded(p.leadTimeDays(), 1));
    json.put("position", points(p.position()));
    json.put("withOrder", points(p.positionWithOrder()));
    json.put("onHand", points(p.onHand()));
    return json;
  }

  private static List<List<Double>> points(List<Point> points) {
    return points.stream()
        .map(
            p ->
                java.util.Arrays.asList(
                    ReportFormat.rounded(p.day(), 2), ReportFormat.rounded(p.units(), 2)))
        .toList();
  }

  /** A warehouse value for the page: numbers rounded to 4 decimals, dates and text as text. */
  private static Object value(Object value) {
    if (value == null || value instanceof Boolean || value instanceof Integer
        || value instanceof Long) {
      return value;
    }
    if (value instanceof Number n) {
      return ReportFormat.rounded(n.doubleValue(), 4);
    }
    return value.toString();
  }

  private static String key(String sku, String location) {
    return sku + '\u0000' + location;
  }

  private static String text(Record r, String column) {
    return r.field(column) == null ? null : r.get(column, String.class);
  }

  private static Double number(Record r, String column) {
    return r.field(column) == null ? null : r.get(column, Double.class);
  }

  private static Double round(Double value, int decimals) {
    return value == null ? null : ReportFormat.rounded(value, decimals);
  }

  private static double orZero(Double value) {
    return value == null ? 0.0 : value;
  }
}
