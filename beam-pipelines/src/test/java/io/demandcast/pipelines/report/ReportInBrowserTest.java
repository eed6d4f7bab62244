package io.demandcast.pipelines.report;

import static io.demandcast.pipelines.report.PlannerPageFixture.ODD_SKU;
import static io.demandcast.pipelines.report.PlannerPageFixture.ODD_SUPPLIER;
import static io.demandcast.pipelines.report.PlannerPageFixture.RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.pipelines.model.PeriodType;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planner report's page in a real browser: headless Chromium loads index.html from its
 * file:// URL, and the tests use it as a planner would, through the mouse and the keyboard (the
 * DevTools protocol, {@link BrowserSession}): sort the order table by clicking headers, filter it
 * by its header filters and the search box, open a SKU's panel by clicking its row. They read what
 * the page shows, check that nothing was written to the console and nothing was fetched, and keep
 * a screenshot of each step in {@code target/browser-report/} to look at. Needs {@code chromium}
 * on the PATH ({@code scripts/install-test-tools.sh}); without it the tests fail saying so.
 */
class ReportInBrowserTest {
  private static final Path SCREENSHOTS = Path.of("target", "browser-report");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int WIDTH = 1280;
  private static final int HEIGHT = 1000;

  /** The SKUs of the table's rows as the page shows them, top to bottom. */
  private static final String VISIBLE_SKUS =
      "Array.from(document.querySelectorAll('#order-table .tabulator-row'))"
          + ".map(r => r.querySelector('[tabulator-field=\"sku\"]').textContent)";

  /** The table's rows by value, the orders to place now only (the page's default). */
  private static final List<String> BY_VALUE =
      List.of("90513081", "B-100", "C-200", "D-300", "F-500", ODD_SKU);

  @TempDir static Path reportDir;
  @TempDir Path temp;
  private static Path html;
  private HeadlessChromium chromium;
  private BrowserSession browser;

  @BeforeAll
  static void writeReport() throws Exception {
    DuckDbWarehouse warehouse =
        DuckDbWarehouse.openWithSourceTables(reportDir.resolve("warehouse.duckdb"));
    try {
      try (Connection connection = warehouse.connect()) {
        PlannerPageFixture.seed(DuckDbWarehouse.dsl(connection));
        PlannerPageFixture.seedForecastExplanations(DuckDbWarehouse.dsl(connection));
      }
      html = PlannerReport.write(warehouse, RUN, reportDir.resolve("reports"), 3, "EUR").html();
    } finally {
      DuckDbConnections.close(warehouse.file());
    }
  }

  @BeforeEach
  void openPage() throws Exception {
    chromium = HeadlessChromium.require();
    browser = chromium.session(temp, WIDTH, HEIGHT);
    browser.navigate(html.toUri());
    browser.waitFor("document.body.dataset.tableReady === 'true'");
  }

  @AfterEach
  void closeBrowser() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void givenReport_whenLoaded_thenEveryOrderToPlaceNowListedByValueWithoutConsoleOrNetwork()
      throws Exception {
    browser.screenshot(SCREENSHOTS.resolve("report.png"));

    assertThat(skus()).containsExactlyElementsOf(BY_VALUE);
    assertThat(text("#row-count")).isEqualTo("6 of 8 shown");
    assertThat(browser.evaluate("document.querySelector('h1').textContent").asText())
        .isEqualTo("demandcast — planner report — " + RUN);
    assertThat(browser.evaluate("document.querySelectorAll('#top-charts canvas').length").asInt())
        .as("the largest series' charts")
        .isEqualTo(3);
    // the page opened offline: the only request is the file itself
    assertThat(browser.requests()).containsExactly(html.toUri().toString());
    assertThat(browser.console()).as("browser console").isEmpty();
    BufferedImage screenshot = ImageIO.read(SCREENSHOTS.resolve("report.png").toFile());
    assertThat(screenshot.getWidth()).isEqualTo(WIDTH);
    assertThat(darkPixels(screenshot, 0, 60)).as("the title drawn at the top").isGreaterThan(500);
  }

  @Test
  void givenReport_whenLoaded_thenCellsShowUnitsWithoutDecimalsAndAmountsInTheCurrency()
      throws Exception {
    List<String> row = cells("90513081");
    List<String> fields = fields();

    assertThat(row.get(fields.indexOf("onHand"))).isEqualTo("9").isEqualTo(ReportFormat.quantity(9.0));
    assertThat(row.get(fields.indexOf("qty"))).isEqualTo("44");
    assertThat(row.get(fields.indexOf("value")))
        .isEqualTo("EUR 550.00")
        .isEqualTo(new ReportFormat("EUR").money(550.0));
    assertThat(row.get(fields.indexOf("supplier"))).isEqualTo("Orgenics, Ltd");
    assertThat(row.get(fields.indexOf("leadTime"))).isEqualTo("103.2");
    double[] means = Collections.nCopies(12, 1.5).stream().mapToDouble(Double::doubleValue).toArray();
    double days = PeriodType.MONTH.days();
    assertThat(row.get(fields.indexOf("leadTimeDemand")))
        .isEqualTo(ReportFormat.quantity(InventoryProjection.demandOver(means, days, 103.19)))
        .isEqualTo("5.09");
    assertThat(row.get(fields.indexOf("daysOfCover")))
        .isEqualTo(ReportFormat.days(InventoryProjection.daysOfCover(9, means, days, 117.19)))
        .isEqualTo("183");
    assertThat(row.get(fields.indexOf("safetyStock"))).isEqualTo("47.05");
    // text from the warehouse shows as text, not as HTML
    assertThat(cells(ODD_SKU).get(fields.indexOf("supplier"))).isEqualTo(ODD_SUPPLIER);
    assertThat(browser.console()).isEmpty();
  }

  @Test
  void givenTable_whenHeadersClicked_thenRowsSortedByThatColumnEachWay() throws Exception {
    browser.click(header("value"));
    List<String> ascending = new ArrayList<>(BY_VALUE);
    Collections.reverse(ascending);
    waitForSkus(ascending);

    browser.click(header("value"));
    waitForSkus(BY_VALUE);

    browser.click(header("sku"));
    waitForSkus(List.of("90513081", ODD_SKU, "B-100", "C-200", "D-300", "F-500"));

    // lead time, days: numbers sort largest first on the first click
    browser.click(header("leadTime"));
    waitForSkus(List.of("90513081", "B-100", "C-200", "F-500", ODD_SKU, "D-300"));
    browser.screenshot(SCREENSHOTS.resolve("sorted.png"));
    assertThat(browser.console()).isEmpty();
  }

  @Test
  void givenTable_whenFilteredByClassLocationSupplierAndReason_thenOnlyThoseRowsShown()
      throws Exception {
    chooseFilter("abc", "A");
    waitForSkus(List.of("90513081", "B-100"));
    assertThat(text("#row-count")).isEqualTo("2 of 8 shown");

    // every recommendation, not only the orders: G-600 (class A) orders nothing
    browser.click("#orders-only");
    waitForSkus(List.of("90513081", "B-100", "G-600"));

    browser.click("#clear-filters");
    waitForSkus(List.of("90513081", "B-100", "C-200", "D-300", "F-500", ODD_SKU, "E-400", "G-600"));

    chooseFilter("location", "DC2");
    waitForSkus(List.of("C-200", "E-400"));
    browser.click("#clear-filters");

    chooseFilter("supplier", "Acme Parts");
    waitForSkus(List.of("B-100", "C-200", "G-600"));
    browser.click("#clear-filters");

    chooseFilter("supplier", ODD_SUPPLIER);
    waitForSkus(List.of(ODD_SKU));
    browser.click("#clear-filters");

    chooseFilter("reason", "rounded up to case pack");
    waitForSkus(List.of("B-100"));
    browser.screenshot(SCREENSHOTS.resolve("filtered.png"));
    browser.click("#clear-filters");

    chooseFilter("reason", "below reorder point");
    waitForSkus(List.of("B-100", "C-200", "D-300", "F-500", ODD_SKU));
    assertThat(browser.console()).isEmpty();
  }

  @Test
  void givenSearchBox_whenSkuOrSupplierTyped_thenOnlyMatchingRowsShown() throws Exception {
    browser.click("#search");
    browser.type("90513081");
    waitForSkus(List.of("90513081"));
    assertThat(text("#row-count")).isEqualTo("1 of 8 shown");
    browser.screenshot(SCREENSHOTS.resolve("searched.png"));

    browser.click("#clear-filters");
    browser.click("#search");
    browser.type("brunel");
    // E-400 of Brunel Supply orders nothing: "clear filters" showed every recommendation
    waitForSkus(List.of("D-300", "E-400"));

    browser.click("#orders-only");
    waitForSkus(List.of("D-300"));
    assertThat(browser.console()).isEmpty();
  }

  @Test
  void givenRow_whenClicked_thenSkuPanelWithHistoryForecastAndProjectedStockInUnits()
      throws Exception {
    browser.click("#search");
    browser.type("90513081");
    waitForSkus(List.of("90513081"));
    browser.click(skuCell("90513081"));
    browser.waitFor("!document.getElementById('sku-panel').hidden");
    browser.waitFor("document.getElementById('projection-chart') !== null");

    assertThat(text("#sku-panel h2")).isEqualTo("SKU 90513081 at PLANT14");
    assertThat(text("#sku-panel dd[data-field='reorderPoint']")).isEqualTo("53");
    assertThat(text("#sku-panel dd[data-field='value']")).isEqualTo("EUR 550.00");
    assertThat(text("#sku-panel dd[data-field='policy']")).isEqualTo("R_S");

    JsonNode history = chart("history-chart");
    assertThat(labels(history))
        .containsExactly(
            "p10", "forecast p10–p90 band", "forecast mean", "forecast median (p50)",
            "monthly sales");
    assertThat(history.path("yTitle").asText()).isEqualTo("units per month");
    assertThat(history.path("labels").get(0).asText()).isEqualTo("2023-06");
    assertThat(history.path("labels").get(history.path("labels").size() - 1).asText())
        .isEqualTo("2026-05");
    assertThat(history.path("painted").asInt()).as("history chart pixels").isGreaterThan(2000);

    JsonNode projection = chart("projection-chart");
    assertThat(labels(projection))
        .containsExactly(
            "inventory position, today's order included",
            "inventory position without today's order",
            "stock on hand (orders arrive)",
            "reorder point",
            "safety stock");
    assertThat(projection.path("yTitle").asText()).isEqualTo("units");
    // the reorder point on the same axis as the stock, in units, for the whole interval
    JsonNode reorderPoint = projection.path("data").get(3);
    assertThat(reorderPoint.get(0).get(1).asDouble()).isEqualTo(53.0);
    assertThat(reorderPoint.get(1).get(0).asDouble()).isCloseTo(117.2, within(0.01));
    assertThat(projection.path("yMax").asDouble()).isGreaterThanOrEqualTo(53.0);
    // today's 44 units arrive after the lead time: on hand 9 less 5.09 units sold, then + 44
    JsonNode onHand = projection.path("data").get(2);
    assertThat(onHand.get(0).get(1).asDouble()).isEqualTo(9.0);
    assertThat(pointsAt(onHand, 103.19)).containsExactly(3.91, 47.91);
    assertThat(projection.path("painted").asInt()).as("projection pixels").isGreaterThan(2000);

    // the forecast_explanations table of the warehouse, shown as it is
    assertThat(browser.evaluate(
            "Array.from(document.querySelectorAll('#sku-panel table.explanation th'))"
                + ".map(e => e.textContent)").toString())
        .isEqualTo("[\"period_start\",\"horizon\",\"model\",\"component\",\"value\","
            + "\"weight\"]");
    assertThat(browser.evaluate(
            "document.querySelectorAll('#sku-panel table.explanation tbody tr').length").asInt())
        .isEqualTo(6);
    browser.evaluate("document.getElementById('sku-panel').scrollIntoView()");
    browser.screenshot(SCREENSHOTS.resolve("sku-panel.png"));
    assertThat(browser.console()).isEmpty();
  }

  @Test
  void givenRowWithDatedOpenOrders_whenOpened_thenStockRisesOnTheirExpectedDays() throws Exception {
    browser.click(skuCell("B-100"));
    browser.waitFor("document.getElementById('sku-panel').dataset.sku === 'B-100'");

    JsonNode onHand = chart("projection-chart").path("data").get(2);
    // 20 on hand; 30 a month sold; 10 arrive on day 20, 20 on day 50, the 120 ordered on day 60
    assertThat(pointsAt(onHand, 20)).hasSize(2);
    double before = pointsAt(onHand, 20).get(0);
    assertThat(pointsAt(onHand, 20).get(1)).isCloseTo(before + 10, within(0.011));
    assertThat(pointsAt(onHand, 50).get(1) - pointsAt(onHand, 50).get(0)).isCloseTo(20, within(0.011));
    assertThat(pointsAt(onHand, 60).get(1) - pointsAt(onHand, 60).get(0)).isCloseTo(120, within(0.011));
    assertThat(browser.console()).isEmpty();
  }

  @Test
  void givenPageWithAScriptError_whenLoaded_thenTheConsoleCheckFailsNamingTheError()
      throws Exception {
    Path broken = temp.resolve("broken.html");
    Files.writeString(
        broken,
        "<!DOCTYPE html>\n<html><head><title>broken</title></head><body><h1>broken</h1>\n"
            + "<script>document.body.appendChild(document.createElement('canvas'));\n"
            + "notAFunction();</script>\n</body></html>\n",
        StandardCharsets.UTF_8);

    browser.navigate(broken.toUri());

    assertThat(browser.evaluate("document.querySelectorAll('canvas').length").asInt())
        .as("the script ran up to the error")
        .isEqualTo(1);
    assertThat(browser.console())
        .singleElement()
        .asString()
        .contains("notAFunction is not defined")
        .contains(broken.toUri().toString());
  }

  @Test
  void givenPageWithAScriptError_whenLoadedOnce_thenItsConsoleMessageIsRead() throws Exception {
    Path broken = temp.resolve("broken-once.html");
    Files.writeString(
        broken,
        "<!DOCTYPE html>\n<html><head><title>broken</title></head><body><h1>broken</h1>\n"
            + "<script>document.body.appendChild(document.createElement('canvas'));\n"
            + "notAFunction();</script>\n</body></html>\n",
        StandardCharsets.UTF_8);

    HeadlessChromium.Page page = chromium.load(broken, temp.resolve("broken.png"), temp);

    assertThat(page.dom()).as("the script ran up to the error").contains("<canvas></canvas>");
    assertThat(page.console())
        .singleElement()
        .asString()
        .contains("Uncaught ReferenceError: notAFunction is not defined")
        .contains(broken.toUri().toString());
  }

  @Test
  void givenNoChromiumOnThePath_whenRequired_thenFailsSayingHowToInstallIt() {
    String path = temp.resolve("no-browser-here").toString();

    assertThatThrownBy(() -> HeadlessChromium.require(path))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("chromium is not on the PATH")
        .hasMessageContaining("scripts/install-test-tools.sh");
  }

  private List<String> skus() throws Exception {
    return strings(browser.evaluate(VISIBLE_SKUS));
  }

  /** Waits until the table shows exactly {@code expected}, top to bottom. */
  private void waitForSkus(List<String> expected) throws Exception {
    try {
      browser.waitFor("JSON.stringify(" + VISIBLE_SKUS + ") === " + quote(JSON.writeValueAsString(expected)));
    } catch (AssertionError e) {
      assertThat(skus()).as("rows shown").containsExactlyElementsOf(expected);
    }
  }

  /** Opens the header filter of {@code field} and picks {@code value} from its list. */
  private void chooseFilter(String field, String value) throws Exception {
    browser.click(".tabulator-col[tabulator-field='" + field + "'] .tabulator-header-filter input");
    browser.waitFor("document.querySelector('.tabulator-edit-list .tabulator-edit-list-item')");
    browser.evaluate(
        "(() => { const item = Array.from(document.querySelectorAll('.tabulator-edit-list-item'))"
            + ".find(e => e.textContent === "
            + quote(value)
            + "); item.setAttribute('data-test-choice', ''); })()");
    browser.click(".tabulator-edit-list-item[data-test-choice]");
  }

  private static String header(String field) {
    return ".tabulator-col[tabulator-field='" + field + "'] .tabulator-col-title";
  }

  private String skuCell(String sku) throws Exception {
    browser.evaluate(
        "document.querySelectorAll('[data-test-row]').forEach(e => e.removeAttribute('data-test-row'));"
            + "Array.from(document.querySelectorAll('#order-table .tabulator-row'))"
            + ".find(r => r.querySelector('[tabulator-field=\"sku\"]').textContent === "
            + quote(sku)
            + ").setAttribute('data-test-row', '')");
    return "#order-table .tabulator-row[data-test-row] [tabulator-field='reason']";
  }

  /** The field of each cell of a row, left to right. */
  private List<String> fields() throws Exception {
    return strings(
        browser.evaluate(
            "Array.from(document.querySelector('#order-table .tabulator-row')"
                + ".querySelectorAll('.tabulator-cell')).map(c => c.getAttribute('tabulator-field'))"));
  }

  /** The text of each cell of the row of {@code sku}, left to right. */
  private List<String> cells(String sku) throws Exception {
    return strings(
        browser.evaluate(
            "Array.from(Array.from(document.querySelectorAll('#order-table .tabulator-row'))"
                + ".find(r => r.querySelector('[tabulator-field=\"sku\"]').textContent === "
                + quote(sku)
                + ").querySelectorAll('.tabulator-cell')).map(c => c.textContent)"));
  }

  private String text(String selector) throws Exception {
    return browser.evaluate("document.querySelector(" + quote(selector) + ").textContent").asText();
  }

  /**
   * What Chart.js drew on the canvas {@code id}: its dataset labels, data (as [x, y] pairs, x the
   * index on a category axis), axis labels, the y-axis title and range, and how many of the
   * canvas's pixels are painted.
   */
  private JsonNode chart(String id) throws Exception {
    return browser.evaluate(
        "(() => { const canvas = document.getElementById("
            + quote(id)
            + "); const c = Chart.getChart(canvas);"
            + " const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;"
            + " let painted = 0; for (let i = 3; i < px.length; i += 4) { if (px[i] > 0) painted++; }"
            + " return {labels: c.data.labels || [],"
            + " datasets: c.data.datasets.map(d => d.label),"
            + " data: c.data.datasets.map(d => d.data.map((p, i) => p !== null && typeof p === 'object'"
            + " ? [p.x, p.y] : [i, p])),"
            + " yTitle: c.options.scales.y.title.text, yMin: c.scales.y.min, yMax: c.scales.y.max,"
            + " painted: painted}; })()");
  }

  private static List<String> labels(JsonNode chart) {
    return strings(chart.path("datasets"));
  }

  /** The y of every point of {@code data} at x = {@code day} (2 decimals). */
  private static List<Double> pointsAt(JsonNode data, double day) {
    List<Double> ys = new ArrayList<>();
    for (JsonNode point : data) {
      if (Math.abs(point.get(0).asDouble() - day) < 0.006) {
        ys.add(point.get(1).asDouble());
      }
    }
    return ys;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static String quote(String text) throws Exception {
    return JSON.writeValueAsString(text);
  }

  /** Pixels darker than mid grey in rows {@code from} (inclusive) to {@code to} (exclusive). */
  private static int darkPixels(BufferedImage image, int from, int to) {
    int dark = 0;
    for (int y = from; y < to; y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        if (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 3 * 128) {
          dark++;
        }
      }
    }
    return dark;
  }
}
