package io.demandcast.pipelines.report;

import static io.demandcast.pipelines.report.ReportFixture.FORMULA_SKU;
import static io.demandcast.pipelines.report.ReportFixture.ODD_SKU;
import static io.demandcast.pipelines.report.ReportFixture.RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planner report's {@code recommendations.xlsx}, opened again with POI and held against the
 * CSV written beside it.
 */
class ReportWorkbookTest {
  /** More rows than the streamed sheet keeps in memory (200), so flushed rows are read back too. */
  private static final int MANY = 450;

  private static final String MANY_RUN = "run-2025-08";
  private static final String EMPTY_RUN = "run-2025-09";
  private static final String FORMULA_RUN = "run-2025-10";
  private static final String EXPLAINED_RUN = "run-2025-11";

  /** The three reports, written once: the tests only read them. */
  @TempDir static Path temp;

  private static PlannerReport.Written report;
  private static PlannerReport.Written manyReport;
  private static PlannerReport.Written emptyReport;
  private static PlannerReport.Written formulaReport;
  private static PlannerReport.Written explainedReport;

  @BeforeAll
  static void writeReports() throws Exception {
    DuckDbWarehouse warehouse = DuckDbWarehouse.openWithSourceTables(temp.resolve("warehouse.duckdb"));
    try {
      try (Connection connection = warehouse.connect()) {
        ReportFixture.seed(DuckDbWarehouse.dsl(connection));
        ReportFixture.seedRecommendations(DuckDbWarehouse.dsl(connection), MANY_RUN, MANY);
        ReportFixture.seedRecommendations(DuckDbWarehouse.dsl(connection), EMPTY_RUN, 0);
        ReportFixture.seedFormulaText(DuckDbWarehouse.dsl(connection), FORMULA_RUN);
        ReportFixture.seedRecommendations(DuckDbWarehouse.dsl(connection), EXPLAINED_RUN, 2);
        // the order's explanation as the job writes it: S0001 orders 1 unit, raised to the MOQ
        // of 10 and to 2 cases of 6
        DuckDbWarehouse.dsl(connection).execute("update inventory_recommendations set"
            + " supplier = 'S1', ship_mode = 'Air', lead_time_source = 'lane',"
            + " lead_time_shipments = 20, protection_days = 14, demand_per_day = 0.3125,"
            + " protection_demand_mean = 4.375, protection_demand_sd = 2.1,"
            + " service_level_source = 'class A', backorders = 0, moq = 10, case_pack = 6,"
            + " order_by_policy = recommended_order_qty, order_after_moq = 10,"
            + " order_after_case_pack = 12, order_after_shelf_life = 12,"
            + " recommended_order_qty = 12, unit_cost = 2 where run_id = ? and sku = 'S0001'",
            EXPLAINED_RUN);
      }
      Path reportsRoot = temp.resolve("reports");
      report = PlannerReport.write(warehouse, RUN, reportsRoot, 0);
      manyReport = PlannerReport.write(warehouse, MANY_RUN, reportsRoot, 0);
      emptyReport = PlannerReport.write(warehouse, EMPTY_RUN, reportsRoot, 0);
      formulaReport = PlannerReport.write(warehouse, FORMULA_RUN, reportsRoot, 0);
      explainedReport = PlannerReport.write(warehouse, EXPLAINED_RUN, reportsRoot, 0);
    } finally {
      DuckDbConnections.close(warehouse.file());
    }
  }

  @Test
  void givenCompleteRun_whenWrite_thenWorkbookHasSummaryRecommendationsAndTopOrdersSheets()
      throws IOException {
    PlannerReport.Written written = report;

    assertThat(written.xlsx())
        .isAbsolute()
        .isEqualTo(written.directory().resolve("recommendations.xlsx"));
    try (XSSFWorkbook workbook = open(written.xlsx())) {
      assertThat(IntStream.range(0, workbook.getNumberOfSheets()).mapToObj(workbook::getSheetName))
          .containsExactly("Summary", "Recommendations", "Top orders");
      assertThat(workbook.getActiveSheetIndex()).isZero();
    }
  }

  @Test
  void givenCompleteRun_whenWrite_thenRecommendationsSheetIsTheCsvAsTypedCells()
      throws IOException {
    PlannerReport.Written written = report;

    List<CSVRecord> csv = csv(written.csv());
    try (XSSFWorkbook workbook = open(written.xlsx())) {
      XSSFSheet sheet = workbook.getSheet("Recommendations");
      List<String> header = csv.get(0).toList();
      assertThat(texts(sheet.getRow(0))).containsExactlyElementsOf(header);
      assertThat(sheet.getLastRowNum()).as("data rows").isEqualTo(csv.size() - 1).isEqualTo(4);
      assertSameAsCsv(sheet, csv);

      // B2 is the largest order: typed cells, and the formats planners see
      Row b2 = sheet.getRow(1);
      Cell sku = b2.getCell(header.indexOf("sku"));
      assertThat(sku.getCellType()).isEqualTo(CellType.STRING);
      assertThat(sku.getStringCellValue()).isEqualTo("B2");
      Cell safetyStock = b2.getCell(header.indexOf("safety_stock"));
      assertThat(safetyStock.getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(safetyStock.getNumericCellValue()).as("unrounded").isEqualTo(12.345);
      assertThat(safetyStock.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
      Cell fillRate = b2.getCell(header.indexOf("expected_fill_rate"));
      assertThat(fillRate.getNumericCellValue()).isEqualTo(0.98765);
      assertThat(fillRate.getCellStyle().getDataFormatString()).isEqualTo("0.00%");
      assertThat(b2.getCell(header.indexOf("order_value")).getNumericCellValue()).isEqualTo(150.0);
      assertThat(sheet.getRow(2).getCell(header.indexOf("sku")).getStringCellValue())
          .isEqualTo(ODD_SKU);
      Cell noCover = sheet.getRow(4).getCell(header.indexOf("days_of_cover"));
      assertThat(noCover == null || noCover.getCellType() == CellType.BLANK)
          .as("NULL days_of_cover is an empty cell")
          .isTrue();
    }
  }

  @Test
  void givenCompleteRun_whenWrite_thenHeaderHasAutoFilterAndIsFrozenWithTheKeyColumns()
      throws IOException {
    PlannerReport.Written written = report;

    int columns = csv(written.csv()).get(0).size();
    try (XSSFWorkbook workbook = open(written.xlsx())) {
      XSSFSheet sheet = workbook.getSheet("Recommendations");
      assertThat(sheet.getCTWorksheet().getAutoFilter().getRef())
          .isEqualTo(new CellRangeAddress(0, 4, 0, columns - 1).formatAsString())
          .isEqualTo("A1:AX5");
      PaneInformation pane = sheet.getPaneInformation();
      assertThat(pane.isFreezePane()).isTrue();
      assertThat(pane.getHorizontalSplitTopRow()).as("first unfrozen row").isEqualTo((short) 1);
      assertThat(pane.getVerticalSplitLeftColumn()).as("run_id, sku, location frozen").isEqualTo((short) 3);
      for (int c = 0; c < columns; c++) {
        int characters = sheet.getColumnWidth(c) / 256;
        String name = sheet.getRow(0).getCell(c).getStringCellValue();
        assertThat(characters).as("width of %s", name).isGreaterThan(name.length()).isLessThanOrEqualTo(62);
      }
      int reason = texts(sheet.getRow(0)).indexOf("reason");
      assertThat(sheet.getColumnWidth(reason) / 256)
          .as("the widest reason fits")
          .isGreaterThanOrEqualTo("position 4 below reorder point 150, order \"now\"".length());
    }
  }

  @Test
  void givenCompleteRun_whenWrite_thenSummarySheetHasTypedHeadlineFigures() throws IOException {
    PlannerReport.Written written = report;

    try (XSSFWorkbook workbook = open(written.xlsx())) {
      Map<String, Cell> figures = labelled(workbook.getSheet("Summary"));
      assertThat(figures.get("run id").getStringCellValue()).isEqualTo(RUN);
      Cell started = figures.get("started (UTC)");
      assertThat(DateUtil.isCellDateFormatted(started)).isTrue();
      assertThat(started.getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2025, 6, 1, 2, 0));
      assertThat(figures.get("finished (UTC)").getLocalDateTimeCellValue())
          .isEqualTo(LocalDateTime.of(2025, 6, 1, 2, 5, 30));
      assertThat(figures.get("series forecast").getNumericCellValue()).isEqualTo(3.0);
      assertThat(figures.get("rows rejected").getNumericCellValue()).isEqualTo(3.0);
      assertThat(figures.get("from erp_sales").getNumericCellValue()).isEqualTo(2.0);
      // A (0.5 vs 1.0) and B2 (0.8 vs 0.8); C3 has no seasonal_naive MASE
      assertThat(figures.get("mean backtest MASE, selected models").getNumericCellValue())
          .isCloseTo(0.65, within(1e-12));
      assertThat(figures.get("recommendations written").getNumericCellValue()).isEqualTo(4.0);
      assertThat(figures.get("orders to place now").getNumericCellValue()).isEqualTo(2.0);
      assertThat(figures.get("value of orders to place now").getNumericCellValue()).isEqualTo(230.0);
      // combination: (100 x 0.90 + 50 x 0.96) / 150 = 0.92; cycle service (0.80 + 1.00) / 2
      assertThat(figures.get("service target (fill_rate)").getNumericCellValue()).isEqualTo(0.95);
      Cell fillRate = figures.get("fill rate achieved");
      assertThat(fillRate.getNumericCellValue()).isCloseTo(0.92, within(1e-12));
      assertThat(fillRate.getCellStyle().getDataFormatString()).isEqualTo("0.00%");
      assertThat(figures.get("cycle service achieved").getNumericCellValue())
          .isCloseTo(0.90, within(1e-12));
      assertThat(figures).doesNotContainKey("note");
    }
  }

  @Test
  void givenTwoOrdersNow_whenWrite_thenTopOrdersSheetChartsThemLargestFirst() throws IOException {
    PlannerReport.Written written = report;

    try (XSSFWorkbook workbook = open(written.xlsx())) {
      XSSFSheet top = workbook.getSheet("Top orders");
      assertThat(top.getLastRowNum()).isEqualTo(2);
      List<XSSFChart> charts = top.getDrawingPatriarch().getCharts();
      assertThat(charts).hasSize(2);

      XDDFChartData orderValue = charts.get(0).getChartSeries().get(0);
      assertThat(orderValue.getSeriesCount()).isEqualTo(1);
      assertThat(points(orderValue.getSeries(0).getCategoryData()))
          .containsExactly("B2 at DC1", ODD_SKU + " at DC1");
      assertThat(points(orderValue.getSeries(0).getValuesData())).containsExactly(150.0, 80.0);
      assertThat(orderValue.getSeries(0).getValuesData().getDataRangeReference())
          .isEqualTo("'Top orders'!$E$2:$E$3");

      XDDFChartData stock = charts.get(1).getChartSeries().get(0);
      assertThat(stock.getSeriesCount()).isEqualTo(2);
      assertThat(seriesNames(top, charts.get(1))).containsExactly("safety_stock", "reorder_point");
      assertThat(barColours(charts.get(0))).containsExactly("1F6FB4");
      assertThat(barColours(charts.get(1))).containsExactly("9EC5E8", "C0392B");
      assertThat(points(stock.getSeries(0).getValuesData())).containsExactly(12.345, 12.345);
      assertThat(points(stock.getSeries(1).getValuesData())).containsExactly(30.0, 150.0);
    }
  }

  @Test
  void givenExplainedOrder_whenWrite_thenItsStepsAreColumnsWithoutSpuriousDecimals()
      throws IOException {
    List<CSVRecord> csv = csv(explainedReport.csv());
    try (XSSFWorkbook workbook = open(explainedReport.xlsx())) {
      XSSFSheet sheet = workbook.getSheet("Recommendations");
      List<String> header = texts(sheet.getRow(0));
      assertThat(header).containsSubsequence("supplier", "ship_mode", "lead_time_source",
          "lead_time_shipments", "protection_days", "demand_per_day", "protection_demand_mean",
          "protection_demand_sd", "service_level_source", "backorders", "moq", "case_pack",
          "shelf_life_days", "shelf_life_max_order", "order_by_policy", "order_after_moq",
          "order_after_case_pack", "order_after_shelf_life", "location_capacity");
      assertSameAsCsv(sheet, csv);
      Row s1 = sheet.getRow(1); // the largest order: S0001's 12 x 2.0
      assertThat(s1.getCell(header.indexOf("sku")).getStringCellValue()).isEqualTo("S0001");
      Map<String, String> formats = new java.util.LinkedHashMap<>();
      for (String column : List.of("order_by_policy", "order_after_moq", "order_after_case_pack",
          "recommended_order_qty", "case_pack", "lead_time_shipments", "protection_days",
          "demand_per_day", "protection_demand_sd", "unit_cost", "order_value",
          "service_level")) {
        formats.put(column, s1.getCell(header.indexOf(column)).getCellStyle().getDataFormatString());
      }
      // whole quantities, days and counts without decimals; others, and money, with 2
      assertThat(formats).containsExactly(
          Map.entry("order_by_policy", "#,##0"),
          Map.entry("order_after_moq", "#,##0"),
          Map.entry("order_after_case_pack", "#,##0"),
          Map.entry("recommended_order_qty", "#,##0"),
          Map.entry("case_pack", "#,##0"),
          Map.entry("lead_time_shipments", "#,##0"),
          Map.entry("protection_days", "#,##0"),
          Map.entry("demand_per_day", "#,##0.00"),
          Map.entry("protection_demand_sd", "#,##0.00"),
          Map.entry("unit_cost", "#,##0.00"),
          Map.entry("order_value", "#,##0.00"),
          Map.entry("service_level", "0.00%"));
      assertThat(s1.getCell(header.indexOf("order_after_case_pack")).getNumericCellValue())
          .isEqualTo(12.0);
      assertThat(s1.getCell(header.indexOf("service_level_source")).getStringCellValue())
          .isEqualTo("class A");
      Cell capacity = s1.getCell(header.indexOf("location_capacity"));
      assertThat(capacity == null || capacity.getCellType() == CellType.BLANK)
          .as("no capacity: an empty cell").isTrue();

      XSSFSheet top = workbook.getSheet("Top orders");
      assertThat(top.getRow(1).getCell(5).getNumericCellValue()).isEqualTo(12.0);
      assertThat(top.getRow(1).getCell(5).getCellStyle().getDataFormatString()).isEqualTo("#,##0");
      assertThat(top.getRow(1).getCell(4).getCellStyle().getDataFormatString())
          .as("order value, money").isEqualTo("#,##0.00");
    }
  }

  @Test
  void givenMoreRowsThanTheStreamingWindow_whenWrite_thenEveryRowAndTwentyChartedOrders()
      throws IOException {
    PlannerReport.Written written = manyReport;

    List<CSVRecord> csv = csv(written.csv());
    try (XSSFWorkbook workbook = open(written.xlsx())) {
      XSSFSheet sheet = workbook.getSheet("Recommendations");
      assertThat(sheet.getLastRowNum()).isEqualTo(csv.size() - 1).isEqualTo(MANY);
      assertSameAsCsv(sheet, csv);
      assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:AX451");

      XSSFSheet top = workbook.getSheet("Top orders");
      assertThat(top.getLastRowNum()).isEqualTo(20);
      List<XSSFChart> charts = top.getDrawingPatriarch().getCharts();
      XDDFChartData.Series orderValue = charts.get(0).getChartSeries().get(0).getSeries(0);
      List<Object> values = points(orderValue.getValuesData());
      // SKU i orders i units at 2.5: S0449 first, then down to S0430
      assertThat(values).hasSize(20).first().isEqualTo(449 * 2.5);
      assertThat(values.get(19)).isEqualTo(430 * 2.5);
      assertThat(points(orderValue.getCategoryData())).hasSize(20).first().isEqualTo("S0449 at DC1");
      XDDFChartData stock = charts.get(1).getChartSeries().get(0);
      assertThat(points(stock.getSeries(0).getValuesData())).hasSize(20).first().isEqualTo(224.5);
      assertThat(points(stock.getSeries(1).getValuesData())).hasSize(20).first().isEqualTo(449.0);
    }
  }

  @Test
  void givenRunWithoutRecommendations_whenWrite_thenHeaderOnlyAndNoChart() throws IOException {
    PlannerReport.Written written = emptyReport;

    try (XSSFWorkbook workbook = open(written.xlsx())) {
      XSSFSheet sheet = workbook.getSheet("Recommendations");
      assertThat(sheet.getLastRowNum()).isZero();
      assertThat(texts(sheet.getRow(0))).contains("sku", "order_value");
      assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:AX1");
      XSSFSheet top = workbook.getSheet("Top orders");
      assertThat(top.getRow(1).getCell(0).getStringCellValue()).isEqualTo("No orders to place now.");
      assertThat(top.getDrawingPatriarch()).isNull();
      assertThat(labelled(workbook.getSheet("Summary")).get("recommendations written").getNumericCellValue())
          .isZero();
    }
  }

  @Test
  void givenTextStartingWithFormulaCharacters_whenWrite_thenCsvQuotesItAndWorkbookKeepsPlainStrings()
      throws IOException {
    List<CSVRecord> csv = csv(formulaReport.csv());
    List<String> header = csv.get(0).toList();
    Map<String, CSVRecord> bySku = new HashMap<>();
    csv.subList(1, csv.size()).forEach(r -> bySku.put(r.get(header.indexOf("sku")), r));
    CSVRecord formula = bySku.get("'" + FORMULA_SKU);
    assertThat(formula).as("the SKU with a ' in front: " + bySku.keySet()).isNotNull();
    assertThat(formula.get(header.indexOf("location"))).isEqualTo("'@DC1");
    assertThat(formula.get(header.indexOf("reason"))).isEqualTo("'+cmd");
    // numbers stay numbers, a negative one too
    assertThat(formula.get(header.indexOf("on_hand"))).isEqualTo("-3.00");
    assertThat(formula.get(header.indexOf("inventory_position"))).isEqualTo("-4.00");
    CSVRecord dash = bySku.get("'-S1");
    assertThat(dash.get(header.indexOf("location"))).isEqualTo("'\tDC2");
    assertThat(dash.get(header.indexOf("reason"))).isEqualTo("'\rcmd|' /C calc'!A0");
    assertThat(bySku.get("B2").get(header.indexOf("reason"))).isEqualTo("enough stock");
    // no field of the CSV a spreadsheet would evaluate: each is a number or not formula-like
    for (CSVRecord record : csv) {
      for (String field : record) {
        assertThat(isNumber(field) || !SpreadsheetText.isFormulaLike(field))
            .as("field %s", field).isTrue();
      }
    }

    try (XSSFWorkbook workbook = open(formulaReport.xlsx())) {
      XSSFSheet sheet = workbook.getSheet("Recommendations");
      assertSameAsCsv(sheet, csv);
      Row first = sheet.getRow(1); // the largest order: the formula SKU's 5 x 2.0
      Cell sku = first.getCell(header.indexOf("sku"));
      assertThat(sku.getCellType()).isEqualTo(CellType.STRING);
      assertThat(sku.getStringCellValue()).isEqualTo(FORMULA_SKU);
      assertThat(sku.getCellStyle().getQuotePrefixed()).isTrue();
      Cell reason = first.getCell(header.indexOf("reason"));
      assertThat(reason.getStringCellValue()).isEqualTo("+cmd");
      assertThat(reason.getCellStyle().getQuotePrefixed()).isTrue();
      Cell onHand = first.getCell(header.indexOf("on_hand"));
      assertThat(onHand.getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(onHand.getNumericCellValue()).isEqualTo(-3.0);
      assertThat(onHand.getCellStyle().getQuotePrefixed()).isFalse();
      assertThat(onHand.getCellStyle().getDataFormatString()).as("a whole quantity")
          .isEqualTo("#,##0");
      Cell plain = sheet.getRow(3).getCell(header.indexOf("sku"));
      assertThat(plain.getStringCellValue()).isEqualTo("B2");
      assertThat(plain.getCellStyle().getQuotePrefixed()).isFalse();

      XSSFSheet top = workbook.getSheet("Top orders");
      assertThat(top.getRow(1).getCell(1).getStringCellValue()).isEqualTo(FORMULA_SKU);
      assertThat(top.getRow(1).getCell(3).getStringCellValue()).isEqualTo(FORMULA_SKU + " at @DC1");
      assertThat(top.getRow(2).getCell(2).getStringCellValue()).isEqualTo("\tDC2");
      Cell skipped = labelled(workbook.getSheet("Summary")).get("=1+1");
      assertThat(skipped).as("the skip reason's count").isNotNull();
      assertThat(skipped.getNumericCellValue()).isEqualTo(1.0);

      // in every sheet: no formula cell, and every formula-like text cell quote-prefixed
      for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
        for (Row row : workbook.getSheetAt(i)) {
          for (Cell cell : row) {
            assertThat(cell.getCellType()).as(cell.getAddress().formatAsString())
                .isNotEqualTo(CellType.FORMULA);
            if (cell.getCellType() == CellType.STRING
                && SpreadsheetText.isFormulaLike(cell.getStringCellValue())) {
              assertThat(cell.getCellStyle().getQuotePrefixed())
                  .as(workbook.getSheetName(i) + "!" + cell.getAddress().formatAsString()).isTrue();
            }
          }
        }
      }
    }
    // and in the file itself: no <f> (formula) element in any sheet
    try (ZipFile zip = new ZipFile(formulaReport.xlsx().toFile())) {
      List<? extends ZipEntry> sheets = zip.stream()
          .filter(e -> e.getName().startsWith("xl/worksheets/sheet")).toList();
      assertThat(sheets).hasSize(3);
      for (ZipEntry entry : sheets) {
        try (InputStream in = zip.getInputStream(entry)) {
          String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          assertThat(xml).as(entry.getName()).doesNotContain("<f>").doesNotContain("<f ");
        }
      }
    }
  }

  private static boolean isNumber(String field) {
    try {
      new BigDecimal(field);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * Every cell equals the CSV field: text as is (the CSV's with a ' in front when formula-like),
   * numbers rounded as the CSV rounds them.
   */
  private static void assertSameAsCsv(XSSFSheet sheet, List<CSVRecord> csv) {
    List<String> header = csv.get(0).toList();
    Set<String> fourDecimals = Set.of("service_level", "expected_fill_rate");
    for (int r = 1; r < csv.size(); r++) {
      Row row = sheet.getRow(r);
      for (int c = 0; c < header.size(); c++) {
        String expected = csv.get(r).get(c);
        Cell cell = row.getCell(c);
        String actual;
        if (cell == null || cell.getCellType() == CellType.BLANK) {
          actual = "";
        } else if (cell.getCellType() == CellType.NUMERIC) {
          // the CSV writes integer columns (case_pack, lead_time_shipments) without decimals
          int scale = !expected.contains(".") ? 0 : fourDecimals.contains(header.get(c)) ? 4 : 2;
          actual =
              BigDecimal.valueOf(cell.getNumericCellValue())
                  .setScale(scale, RoundingMode.HALF_UP)
                  .toPlainString();
        } else {
          actual = SpreadsheetText.forCsv(cell.getStringCellValue());
        }
        assertThat(actual).as("row %d, %s", r, header.get(c)).isEqualTo(expected);
      }
    }
  }

  private static XSSFWorkbook open(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new XSSFWorkbook(in);
    }
  }

  private static List<CSVRecord> csv(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.DEFAULT.parse(in)) {
      return parser.getRecords();
    }
  }

  private static List<String> texts(Row row) {
    List<String> texts = new ArrayList<>();
    for (Cell cell : row) {
      texts.add(cell.getStringCellValue());
    }
    return texts;
  }

  /** Column B's cell of every row whose column A holds text, by that text (trimmed). */
  private static Map<String, Cell> labelled(XSSFSheet sheet) {
    Map<String, Cell> cells = new HashMap<>();
    for (Row row : sheet) {
      Cell label = row.getCell(0);
      Cell value = row.getCell(1);
      if (label != null && label.getCellType() == CellType.STRING && value != null) {
        cells.putIfAbsent(label.getStringCellValue().strip(), value);
      }
    }
    return cells;
  }

  private static List<Object> points(org.apache.poi.xddf.usermodel.chart.XDDFDataSource<?> data) {
    List<Object> points = new ArrayList<>();
    for (int i = 0; i < data.getPointCount(); i++) {
      Object point = data.getPointAt(i);
      points.add(point instanceof Number n ? n.doubleValue() : point);
    }
    return points;
  }

  /** The sRGB fill of each series of a bar chart, as hex (the bars would be drawn black without). */
  private static List<String> barColours(XSSFChart chart) {
    List<String> colours = new ArrayList<>();
    for (var series : chart.getCTChart().getPlotArea().getBarChartArray(0).getSerList()) {
      colours.add(
          java.util.HexFormat.of()
              .withUpperCase()
              .formatHex(series.getSpPr().getSolidFill().getSrgbClr().getVal()));
    }
    return colours;
  }

  /** The series names of a bar chart: the header cells its series titles refer to. */
  private static List<String> seriesNames(XSSFSheet sheet, XSSFChart chart) {
    List<String> names = new ArrayList<>();
    for (var series : chart.getCTChart().getPlotArea().getBarChartArray(0).getSerList()) {
      org.apache.poi.ss.util.CellReference ref =
          new org.apache.poi.ss.util.CellReference(series.getTx().getStrRef().getF());
      names.add(sheet.getRow(ref.getRow()).getCell(ref.getCol()).getStringCellValue());
    }
    return names;
  }
}
