package io.demandcast.pipelines.report;

import io.demandcast.forecasting.models.SeasonalNaive;
import io.demandcast.pipelines.report.ReportData.Order;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisOrientation;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.BarGrouping;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;

/**
 * The planner report as an Excel workbook (Office Open XML, {@code .xlsx}) of three sheets:
 *
 * <ul>
 *   <li>{@value #SUMMARY}: the run's headline figures (what the HTML page's summary shows, with
 *       typed cells) and the policy simulation's service target against achieved service.
 *   <li>{@value #RECOMMENDATIONS}: the CSV's header and rows, one per SKU x location, in the same
 *       order: every order with its explanation (the columns of {@code inventory_recommendations},
 *       lead-time source, protection-interval demand, target source, the order after each step);
 *       numbers as numeric cells with their full precision, NULL as an empty cell, an auto-filter
 *       over the header and the header row and the run id, SKU and location columns frozen. The
 *       number format shows service levels and fill rates as percentages, money ({@link
 *       #MONEY_COLUMNS}) with 2 decimals and no currency symbol (a run records no currency), and
 *       quantities, days and counts without decimals when they are whole (9 units, not 9.00) and
 *       with 2 when not.
 *   <li>{@value #TOP_ORDERS}: the {@value #TOP_ITEMS} orders to place now of the largest value, with
 *       a bar chart of their order value and one of their safety stock against their reorder
 *       point, both drawn from the sheet's own cells.
 * </ul>
 *
 * <p>The two small sheets are built in memory ({@link XSSFWorkbook}, which charts need); the
 * recommendations are streamed ({@link SXSSFWorkbook}, {@value #ROW_WINDOW} rows in memory), so a
 * run of a million recommendations does not need the heap an in-memory sheet of that size takes.
 *
 * <p>Text is always a string cell (never a formula cell), and a string cell whose text a
 * spreadsheet could take for a formula ({@link SpreadsheetText#isFormulaLike}) gets a
 * quote-prefixed style, so that editing the cell does not turn it into one either.
 */
final class ReportWorkbook {
  /** The summary sheet's name. */
  static final String SUMMARY = "Summary";

  /** The recommendations sheet's name. */
  static final String RECOMMENDATIONS = "Recommendations";

  /** The chart sheet's name. */
  static final String TOP_ORDERS = "Top orders";

  /** How many orders the chart sheet lists and charts at most. */
  static final int TOP_ITEMS = 20;

  /** Rows of the recommendations sheet a sheet holds: Excel's row limit less the header. */
  static final int MAX_RECOMMENDATION_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows() - 1;

  /** Columns of the recommendations sheet kept in view when scrolling right: run_id, sku, location. */
  static final int FROZEN_COLUMNS = 3;

  /** Columns shown as a percentage. */
  static final Set<String> PERCENT_COLUMNS =
      Set.of("service_level", "expected_fill_rate", "expected_cycle_service");

  /**
   * Columns in currency, always shown with 2 decimals; without a currency symbol, as a run records
   * no currency. Every other decimal column is a quantity, a number of days or a count: whole
   * values are shown without decimals, others with 2.
   */
  static final Set<String> MONEY_COLUMNS =
      Set.of("unit_cost", "order_value", "expected_holding_cost");

  /** How far from a whole number a quantity may be and still be shown as one (float noise). */
  private static final double WHOLE_TOLERANCE = 1e-9;

  /** Rows the streamed sheet keeps in memory before flushing them to a temporary file. */
  private static final int ROW_WINDOW = 200;

  /** Widest column, characters; longer text is cut off in view (the cell keeps all of it). */
  private static final int MAX_WIDTH = 60;

  /** Excel's limit on the characters of one cell. */
  private static final int MAX_CELL_TEXT = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

  private ReportWorkbook() {}

  /**
   * Writes the workbook of {@code data} and {@code summary} to {@code file}, replacing it.
   *
   * @throws IOException when the file or SXSSF's temporary files cannot be written
   */
  static void write(ReportData data, RunSummary summary, Path file) throws IOException {
    XSSFWorkbook template = new XSSFWorkbook();
    Styles styles = new Styles(template);
    XSSFSheet summarySheet = template.createSheet(SUMMARY);
    topOrders(template.createSheet(TOP_ORDERS), data.topOrders(), styles);
    // closing also deletes SXSSF's temporary files
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(template, ROW_WINDOW)) {
      workbook.setCompressTempFiles(true);
      int rows = recommendations(workbook.createSheet(RECOMMENDATIONS), data.recommendations(), styles);
      summary(summarySheet, data, summary, rows, styles);
      workbook.setSheetOrder(RECOMMENDATIONS, 1);
      workbook.setActiveSheet(0);
      for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
        workbook.getSheetAt(i).setSelected(i == 0);
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        workbook.write(out);
      }
    }
  }

  /** The cell styles, created once per workbook (Excel allows about 64,000). */
  private static final class Styles {
    final XSSFCellStyle title;
    final XSSFCellStyle header;
    final XSSFCellStyle bold;
    final XSSFCellStyle decimal;
    final XSSFCellStyle mase;
    final XSSFCellStyle integer;
    final XSSFCellStyle percent;
    final XSSFCellStyle date;
    final XSSFCellStyle timestamp;
    final XSSFCellStyle indented;
    private final XSSFWorkbook workbook;
    /** The quote-prefixed copy of each style used for formula-like text; key null: no style. */
    private final Map<XSSFCellStyle, XSSFCellStyle> quoted = new IdentityHashMap<>();

    Styles(XSSFWorkbook workbook) {
      this.workbook = workbook;
      XSSFFont boldFont = workbook.createFont();
      boldFont.setBold(true);
      XSSFFont titleFont = workbook.createFont();
      titleFont.setBold(true);
      titleFont.setFontHeightInPoints((short) 14);
      title = workbook.createCellStyle();
      title.setFont(titleFont);
      bold = workbook.createCellStyle();
      bold.setFont(boldFont);
      header = workbook.createCellStyle();
      header.setFont(boldFont);
      header.setFillForegroundColor(
          new XSSFColor(new byte[] {(byte) 0xf2, (byte) 0xf2, (byte) 0xf2}, null));
      header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      decimal = numberStyle(workbook, "#,##0.00");
      mase = numberStyle(workbook, "0.000");
      integer = numberStyle(workbook, "#,##0");
      percent = numberStyle(workbook, "0.00%");
      date = numberStyle(workbook, "yyyy-mm-dd");
      timestamp = numberStyle(workbook, "yyyy-mm-dd hh:mm:ss");
      indented = workbook.createCellStyle();
      indented.setAlignment(HorizontalAlignment.LEFT);
      indented.setIndention((short) 2);
    }

    /** {@code base} (null: the default style) with the quote prefix. */
    XSSFCellStyle quoted(XSSFCellStyle base) {
      return quoted.computeIfAbsent(base, b -> {
        XSSFCellStyle style = workbook.createCellStyle();
        if (b != null) {
          style.cloneStyleFrom(b);
        }
        style.setQuotePrefixed(true);
        return style;
      });
    }

    private static XSSFCellStyle numberStyle(XSSFWorkbook workbook, String format) {
      XSSFCellStyle style = workbook.createCellStyle();
      style.setDataFormat(workbook.createDataFormat().getFormat(format));
      return style;
    }
  }

  // --- Recommendations ---------------------------------------------------------------------

  /** Streams the header and the rows; returns how many rows it wrote. */
  private static int recommendations(SXSSFSheet sheet, Result<Record> rows, Styles styles) {
    Field<?>[] fields = rows.fields();
    int[] widths = new int[fields.length];
    Row header = sheet.createRow(0);
    for (int c = 0; c < fields.length; c++) {
      text(header.createCell(c), fields[c].getName(), styles.header, styles);
      widths[c] = fields[c].getName().length() + 3; // room for the filter button
    }
    int count = Math.min(rows.size(), MAX_RECOMMENDATION_ROWS);
    for (int r = 0; r < count; r++) {
      Row row = sheet.createRow(r + 1);
      Record record = rows.get(r);
      for (int c = 0; c < fields.length; c++) {
        Object value = record.get(c);
        if (value != null) {
          int shown = value(row.createCell(c), fields[c].getName(), value, styles);
          widths[c] = Math.max(widths[c], shown);
        }
      }
    }
    sheet.setAutoFilter(new CellRangeAddress(0, count, 0, fields.length - 1));
    sheet.createFreezePane(Math.min(FROZEN_COLUMNS, fields.length), 1);
    sheet.setRepeatingRows(new CellRangeAddress(0, 0, -1, -1)); // the header on every printed page
    for (int c = 0; c < fields.length; c++) {
      sheet.setColumnWidth(c, columnWidth(widths[c]));
    }
    return count;
  }

  /**
   * Puts one non-null warehouse value into {@code cell} with the type it has: numbers as numbers,
   * dates and timestamps as dates, booleans as booleans, anything else as text. Returns about how
   * many characters it shows.
   */
  private static int value(Cell cell, String column, Object value, Styles styles) {
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        // as the CSV writes it: Excel has no NaN
        return text(cell, Double.toString(d), null, styles);
      }
      cell.setCellValue(d);
      if (PERCENT_COLUMNS.contains(column)) {
        cell.setCellStyle(styles.percent);
        return String.format(Locale.ROOT, "%.2f%%", d * 100).length();
      }
      if (MONEY_COLUMNS.contains(column)) {
        cell.setCellStyle(styles.decimal);
        return String.format(Locale.ROOT, "%,.2f", d).length();
      }
      return quantity(cell, d, styles);
    }
    if (value instanceof Number n) { // Byte, Short, Integer, Long, BigInteger
      cell.setCellValue(n instanceof BigInteger b ? b.doubleValue() : n.longValue());
      cell.setCellStyle(styles.integer);
      return String.format(Locale.ROOT, "%,d", n.longValue()).length();
    }
    if (value instanceof Boolean b) {
      cell.setCellValue(b);
      return 5;
    }
    LocalDateTime timestamp = timestamp(value);
    if (timestamp != null) {
      cell.setCellValue(timestamp);
      cell.setCellStyle(styles.timestamp);
      return 19;
    }
    if (value instanceof LocalDate day) {
      cell.setCellValue(day);
      cell.setCellStyle(styles.date);
      return 10;
    }
    if (value instanceof java.sql.Date day) {
      cell.setCellValue(day.toLocalDate());
      cell.setCellStyle(styles.date);
      return 10;
    }
    return text(cell, value.toString(), null, styles);
  }

  /**
   * A quantity (units, days, a count) in {@code cell}: without decimals when it is whole, with 2
   * when not; returns the characters shown.
   */
  private static int quantity(Cell cell, double d, Styles styles) {
    cell.setCellValue(d);
    if (isWhole(d)) {
      cell.setCellStyle(styles.integer);
      return String.format(Locale.ROOT, "%,.0f", d).length();
    }
    cell.setCellStyle(styles.decimal);
    return String.format(Locale.ROOT, "%,.2f", d).length();
  }

  /** Whether {@code d} is a whole number, up to float noise. */
  static boolean isWhole(double d) {
    return Math.abs(d - Math.rint(d)) <= WHOLE_TOLERANCE * Math.max(1.0, Math.abs(d));
  }

  private static LocalDateTime timestamp(Object value) {
    if (value instanceof LocalDateTime t) {
      return t;
    }
    if (value instanceof OffsetDateTime t) {
      return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime();
    }
    return null;
  }

  /**
   * Text as a string cell, cut to Excel's cell limit, with {@code style} (null: none), or its
   * quote-prefixed copy when a spreadsheet could take the text for a formula; returns its length.
   * Every text of the workbook goes through here.
   */
  private static int text(Cell cell, String text, XSSFCellStyle style, Styles styles) {
    String kept = text.length() <= MAX_CELL_TEXT ? text : text.substring(0, MAX_CELL_TEXT - 1) + "…";
    cell.setCellValue(kept);
    XSSFCellStyle applied = SpreadsheetText.isFormulaLike(kept) ? styles.quoted(style) : style;
    if (applied != null) {
      cell.setCellStyle(applied);
    }
    return kept.length();
  }

  /** A column width in Excel's units (1/256 of a character) for {@code characters}, capped. */
  private static int columnWidth(int characters) {
    return (Math.min(characters, MAX_WIDTH) + 2) * 256;
  }

  // --- Summary -----------------------------------------------------------------------------

  private static void summary(
      XSSFSheet sheet, ReportData data, RunSummary summary, int rowsWritten, Styles styles) {
    Rows rows = new Rows(sheet, styles);
    text(rows.next().createCell(0), "demandcast planner report", styles.title, styles);
    rows.skip();
    text(rows.label("run id"), data.runId(), null, styles);
    dateTime(rows.label("started (UTC)"), data.startedAt(), styles);
    dateTime(rows.label("finished (UTC)"), data.finishedAt(), styles);
    text(rows.label("demand calendar"), ReportHtml.calendar(data.period()), null, styles);
    count(rows.label("series forecast"), summary.seriesForecast(), styles);
    count(rows.label("series skipped"), summary.seriesSkipped(), styles);
    for (Map.Entry<String, Long> reason : summary.skippedByReason().entrySet()) {
      count(rows.sub(reason.getKey()), reason.getValue(), styles);
    }
    count(rows.label("rows rejected"), summary.rejected(), styles);
    for (Map.Entry<String, Long> source : summary.rejectedBySource().entrySet()) {
      count(rows.sub("from " + source.getKey()), source.getValue(), styles);
    }
    if (summary.maseSeries() == 0) {
      text(rows.label("mean backtest MASE"),
          "n/a (no series with both the selected and the " + SeasonalNaive.NAME + " MASE)", null,
          styles);
    } else {
      number(rows.label("mean backtest MASE, selected models"), summary.meanMaseSelected(), styles.mase);
      number(
          rows.label("mean backtest MASE, " + SeasonalNaive.NAME),
          summary.meanMaseSeasonalNaive(),
          styles.mase);
      count(rows.label("series with both MASEs"), summary.maseSeries(), styles);
    }
    count(rows.label("recommendations written"), summary.recommendations(), styles);
    count(rows.label("orders to place now"), summary.ordersNow(), styles);
    number(rows.label("value of orders to place now"), summary.orderValue(), styles.decimal);
    count(rows.label("recommendations with quarantined stock"), summary.quarantinedSeries(), styles);
    summary.simulation().stream()
        .filter(s -> s.selected() && s.abcClass() == null)
        .findFirst()
        .ifPresent(
            s -> {
              number(rows.label("service target (" + s.measure() + ")"), s.target(), styles.percent);
              number(rows.label("fill rate achieved"), s.fillRate(), styles.percent);
              number(rows.label("cycle service achieved"), s.cycleService(), styles.percent);
            });
    if (rowsWritten < data.recommendations().size()) {
      text(rows.label("note"),
          "the " + RECOMMENDATIONS + " sheet holds the first " + rowsWritten + " of "
              + data.recommendations().size()
              + " recommendations (Excel's row limit); recommendations.csv holds all",
          null, styles);
    }
    simulation(sheet, rows, summary.simulation(), styles);
    sheet.setColumnWidth(0, columnWidth(40));
    sheet.setColumnWidth(1, columnWidth(22));
    for (int c = 2; c < SIMULATION_HEADER.size(); c++) {
      sheet.setColumnWidth(c, columnWidth(SIMULATION_HEADER.get(c).length() + 2));
    }
    fitToOnePage(sheet, true);
  }

  /** Prints the sheet landscape on one page wide, and one page tall if {@code tall} is false. */
  private static void fitToOnePage(XSSFSheet sheet, boolean tall) {
    sheet.setFitToPage(true);
    sheet.getPrintSetup().setLandscape(true);
    sheet.getPrintSetup().setFitWidth((short) 1);
    sheet.getPrintSetup().setFitHeight((short) (tall ? 0 : 1));
  }

  private static final List<String> SIMULATION_HEADER =
      List.of(
          "forecast",
          "run's forecast",
          "class",
          "items",
          "service measure",
          "target",
          "fill rate",
          "item mean fill rate",
          "cycle service",
          "average inventory (units)",
          "total cost");

  /** The policy simulation's table under the headline figures, as on the HTML page. */
  private static void simulation(
      XSSFSheet sheet, Rows rows, List<RunSummary.SimulatedService> simulation, Styles styles) {
    if (simulation.isEmpty()) {
      return;
    }
    rows.skip();
    text(rows.next().createCell(0), "Service: target against achieved (policy simulation)",
        styles.bold, styles);
    Row header = rows.next();
    for (int c = 0; c < SIMULATION_HEADER.size(); c++) {
      text(header.createCell(c), SIMULATION_HEADER.get(c), styles.header, styles);
    }
    for (RunSummary.SimulatedService s : simulation) {
      Row row = rows.next();
      text(row.createCell(0), s.model(), null, styles);
      text(row.createCell(1), s.selected() ? "yes" : "no", null, styles);
      text(row.createCell(2), s.abcClass() == null ? "all" : s.abcClass(), null, styles);
      count(row.createCell(3), s.items(), styles);
      text(row.createCell(4), s.measure(), null, styles);
      number(row.createCell(5), s.target(), styles.percent);
      number(row.createCell(6), s.fillRate(), styles.percent);
      number(row.createCell(7), s.meanItemFillRate(), styles.percent);
      number(row.createCell(8), s.cycleService(), styles.percent);
      number(row.createCell(9), s.averageInventory(), styles.decimal);
      number(row.createCell(10), s.totalCost(), styles.decimal);
    }
  }

  /** Appends rows to a sheet; a label row has the label in column A and returns the cell in B. */
  private static final class Rows {
    private final Sheet sheet;
    private final Styles styles;
    private int next;

    Rows(Sheet sheet, Styles styles) {
      this.sheet = sheet;
      this.styles = styles;
    }

    Row next() {
      return sheet.createRow(next++);
    }

    void skip() {
      next++;
    }

    Cell label(String label) {
      Row row = next();
      text(row.createCell(0), label, null, styles);
      return row.createCell(1);
    }

    Cell sub(String label) {
      Row row = next();
      text(row.createCell(0), label, styles.indented, styles);
      return row.createCell(1);
    }
  }

  private static void count(Cell cell, long value, Styles styles) {
    cell.setCellValue(value);
    cell.setCellStyle(styles.integer);
  }

  /** A number, or an empty cell for NaN (a figure that is not defined, e.g. no items). */
  private static void number(Cell cell, double value, CellStyle style) {
    if (Double.isFinite(value)) {
      cell.setCellValue(value);
      cell.setCellStyle(style);
    }
  }

  private static void dateTime(Cell cell, LocalDateTime value, Styles styles) {
    if (value != null) {
      cell.setCellValue(value);
      cell.setCellStyle(styles.timestamp);
    }
  }

  // --- Top orders and their charts -----------------------------------------------------------

  private static final List<String> TOP_HEADER =
      List.of(
          "rank",
          "sku",
          "location",
          "item",
          "order_value",
          "recommended_order_qty",
          "safety_stock",
          "reorder_point");

  private static final int ITEM = 3;
  private static final int ORDER_VALUE = 4;
  private static final int SAFETY_STOCK = 6;
  private static final int REORDER_POINT = 7;

  /** Bar colours, as on the HTML page's charts: blue for the order, red for the reorder point. */
  private static final Map<Integer, Integer> BAR_COLOURS =
      Map.of(ORDER_VALUE, 0x1f6fb4, SAFETY_STOCK, 0x9ec5e8, REORDER_POINT, 0xc0392b);

  /** Where the charts start, the column right of the table, and how many columns they span. */
  private static final int CHART_COLUMN = TOP_HEADER.size() + 1;

  private static final int CHART_COLUMNS = 10;

  private static void topOrders(XSSFSheet sheet, List<Order> orders, Styles styles) {
    List<Order> top = orders.subList(0, Math.min(TOP_ITEMS, orders.size()));
    Row header = sheet.createRow(0);
    for (int c = 0; c < TOP_HEADER.size(); c++) {
      text(header.createCell(c), TOP_HEADER.get(c), styles.header, styles);
    }
    sheet.createFreezePane(0, 1);
    int[] widths = TOP_HEADER.stream().mapToInt(h -> h.length() + 1).toArray();
    if (top.isEmpty()) {
      text(sheet.createRow(1).createCell(0), "No orders to place now.", null, styles);
    }
    for (int i = 0; i < top.size(); i++) {
      Order order = top.get(i);
      Row row = sheet.createRow(i + 1);
      count(row.createCell(0), i + 1, styles);
      String item = order.sku() + " at " + order.location();
      widths[1] = Math.max(widths[1], text(row.createCell(1), order.sku(), null, styles));
      widths[2] = Math.max(widths[2], text(row.createCell(2), order.location(), null, styles));
      widths[ITEM] = Math.max(widths[ITEM], text(row.createCell(ITEM), item, null, styles));
      number(row.createCell(ORDER_VALUE), order.value(), styles.decimal);
      widths[ORDER_VALUE] = Math.max(widths[ORDER_VALUE],
          String.format(Locale.ROOT, "%,.2f", order.value()).length());
      double[] quantities = {order.quantity(), order.safetyStock(), order.reorderPoint()};
      for (int n = 0; n < quantities.length; n++) {
        int c = ORDER_VALUE + 1 + n;
        widths[c] = Math.max(widths[c], quantity(row.createCell(c), quantities[n], styles));
      }
    }
    for (int c = 0; c < widths.length; c++) {
      sheet.setColumnWidth(c, columnWidth(widths[c]));
    }
    fitToOnePage(sheet, false);
    if (top.isEmpty()) {
      return;
    }
    XSSFDrawing drawing = sheet.createDrawingPatriarch();
    int chartRows = Math.max(16, top.size() + 6);
    barChart(
        sheet,
        drawing,
        drawing.createAnchor(0, 0, 0, 0, CHART_COLUMN, 0, CHART_COLUMN + CHART_COLUMNS, chartRows),
        "Order value of the " + top.size() + " largest orders to place now (currency)",
        top.size(),
        List.of(ORDER_VALUE));
    barChart(
        sheet,
        drawing,
        drawing.createAnchor(
            0, 0, 0, 0, CHART_COLUMN, chartRows + 1, CHART_COLUMN + CHART_COLUMNS, 2 * chartRows + 1),
        "Safety stock and reorder point of the same items (units)",
        top.size(),
        List.of(SAFETY_STOCK, REORDER_POINT));
  }

  /**
   * A horizontal bar chart of the sheet's rows 1..{@code items}: one bar per item (the item column
   * names them, largest order first at the top), one series per column of {@code valueColumns}
   * named by its header cell.
   */
  private static void barChart(
      XSSFSheet sheet,
      XSSFDrawing drawing,
      XSSFClientAnchor anchor,
      String title,
      int items,
      List<Integer> valueColumns) {
    XSSFChart chart = drawing.createChart(anchor);
    chart.setTitleText(title);
    chart.setTitleOverlay(false);
    chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
    XDDFCategoryAxis itemAxis = chart.createCategoryAxis(AxisPosition.LEFT);
    // first item at the top; the value axis then crosses at the last item, the bottom
    itemAxis.setOrientation(AxisOrientation.MAX_MIN);
    XDDFValueAxis valueAxis = chart.createValueAxis(AxisPosition.BOTTOM);
    valueAxis.setCrosses(AxisCrosses.MAX);
    XDDFBarChartData bars = (XDDFBarChartData) chart.createData(ChartTypes.BAR, itemAxis, valueAxis);
    bars.setBarDirection(BarDirection.BAR);
    bars.setBarGrouping(BarGrouping.CLUSTERED);
    bars.setVaryColors(false);
    XDDFCategoryDataSource names =
        XDDFDataSourcesFactory.fromStringCellRange(sheet, new CellRangeAddress(1, items, ITEM, ITEM));
    for (int column : valueColumns) {
      XDDFChartData.Series series =
          bars.addSeries(
              names,
              XDDFDataSourcesFactory.fromNumericCellRange(
                  sheet, new CellRangeAddress(1, items, column, column)));
      series.setTitle(
          TOP_HEADER.get(column), new CellReference(sheet.getSheetName(), 0, column, true, true));
      // without a fill of their own, LibreOffice draws the bars invisible
      int rgb = BAR_COLOURS.get(column);
      // an sRGB colour: from(int, int, int) would make a percentage (scRGB) one, near black here
      byte[] srgb = {(byte) (rgb >> 16), (byte) (rgb >> 8), (byte) rgb};
      series.setFillProperties(new XDDFSolidFillProperties(XDDFColor.from(srgb)));
    }
    chart.plot(bars);
  }
}
