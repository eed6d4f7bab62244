package io.demandcast.pipelines.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerReportTest {
  private static final String RUN = ReportFixture.RUN;
  private static final String RUNNING_RUN = ReportFixture.RUNNING_RUN;
  private static final String ODD_SKU = ReportFixture.ODD_SKU;
  private static final String ODD_SKU_ESCAPED = "A&lt;&amp;&gt;&quot;1";
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final Pattern DATA_URI =
      Pattern.compile("<img src=\"data:image/png;base64,([^\"]+)\"");
  private static final Pattern ALT = Pattern.compile("<img [^>]*alt=\"([^\"]*)\"");

  @TempDir Path temp;
  private DuckDbWarehouse warehouse;
  private Path reportsRoot;

  @BeforeEach
  void setUp() throws Exception {
    warehouse = DuckDbWarehouse.openWithSourceTables(temp.resolve("warehouse.duckdb"));
    reportsRoot = temp.resolve("reports");
    try (Connection connection = warehouse.connect()) {
      ReportFixture.seed(DuckDbWarehouse.dsl(connection));
    }
  }

  @AfterEach
  void tearDown() {
    DuckDbConnections.close(warehouse.file());
  }


  private static List<CSVRecord> csv(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.DEFAULT.parse(in)) {
      return parser.getRecords();
    }
  }

  private static List<String> matches(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }

  private static List<String> entries(Path directory) throws IOException {
    try (Stream<Path> children = Files.list(directory)) {
      return children.map(p -> p.getFileName().toString()).toList();
    }
  }

  @Test
  void givenCompleteRun_whenWrite_thenCsvHasEveryRecommendationByOrderValue() throws IOException {
    PlannerReport.Written written = PlannerReport.write(warehouse, RUN, reportsRoot, 3);

    assertThat(written.directory()).isEqualTo(reportsRoot.toAbsolutePath().resolve(RUN));
    assertThat(written.csv())
        .isAbsolute()
        .isEqualTo(written.directory().resolve("recommendations.csv"));
    List<CSVRecord> records = csv(written.csv());
    List<String> expectedHeader = new java.util.ArrayList<>();
    io.demandcast.connectors.schema.CanonicalTables.INVENTORY_RECOMMENDATIONS
        .columns()
        .forEach(c -> expectedHeader.add(c.name()));
    expectedHeader.add("order_value");
    assertThat(records.get(0).toList()).containsExactlyElementsOf(expectedHeader);
    int orderValue = expectedHeader.size() - 1;
    List<CSVRecord> rows = records.subList(1, records.size());
    // B2 3 x 50 = 150 before A 40 x 2 = 80; C3 and D4 order nothing and tie at 0, so by SKU.
    assertThat(rows)
        .extracting(r -> r.get(0), r -> r.get(1), r -> r.get(2), r -> r.get(orderValue))
        .containsExactly(
            tuple(RUN, "B2", "DC1", "150.00"),
            tuple(RUN, ODD_SKU, "DC1", "80.00"),
            tuple(RUN, "C3", "DC2", "0.00"),
            tuple(RUN, "D4", "DC1", "0.00"));
    CSVRecord b2 = rows.get(0);
    assertThat(b2.get(expectedHeader.indexOf("service_level"))).as("service_level").isEqualTo("0.9500");
    assertThat(b2.get(expectedHeader.indexOf("safety_stock"))).as("safety_stock").isEqualTo("12.35");
    assertThat(b2.get(expectedHeader.indexOf("expected_fill_rate"))).as("expected_fill_rate").isEqualTo("0.9877");
    assertThat(b2.get(expectedHeader.indexOf("recommended_order_qty"))).as("recommended_order_qty").isEqualTo("3.00");
    assertThat(rows.get(1).get(expectedHeader.indexOf("reason"))).isEqualTo("position 4 below reorder point 150, order \"now\"");
    assertThat(rows.get(2).get(3)).as("on_hand, no exponent").isEqualTo("12345678.90");
    assertThat(rows.get(3).get(expectedHeader.indexOf("days_of_cover"))).as("NULL days_of_cover").isEmpty();
  }

  @Test
  void givenCompleteRun_whenWrite_thenHtmlSummarisesTheRun() throws IOException {
    PlannerReport.Written written = PlannerReport.write(warehouse, RUN, reportsRoot, 3);

    assertThat(written.html()).isAbsolute().isEqualTo(written.directory().resolve("index.html"));
    String html = Files.readString(written.html(), StandardCharsets.UTF_8);
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<title>demandcast — planner report — run-2025-06</title>")
        .contains("<tr><th>run id</th><td>run-2025-06</td></tr>")
        .contains("<tr><th>started (UTC)</th><td>2025-06-01 02:00:00</td></tr>")
        .contains("<tr><th>finished (UTC)</th><td>2025-06-01 02:05:30</td></tr>")
        .contains("<tr><th>series forecast</th><td>3</td></tr>")
        .contains("<tr><th>series skipped</th><td>1</td></tr>")
        .contains("<tr><th>rows rejected</th><td>3</td></tr>")
        .contains("<tr class=\"sub\"><th>from erp_sales</th><td>2</td></tr>")
        .contains("<tr class=\"sub\"><th>from erp_inventory</th><td>1</td></tr>")
        // A (0.5 vs 1.0) and B2 (0.8 vs 0.8); C3 has no seasonal_naive MASE.
        .contains(
            "<tr><th>mean backtest MASE, selected models</th><td>0.650 (over 2 series)</td></tr>")
        .contains("<tr><th>mean backtest MASE, seasonal_naive</th><td>0.900</td></tr>")
        .contains("<tr><th>recommendations written</th><td>4</td></tr>")
        .contains("<tr><th>orders to place now</th><td>2</td></tr>")
        .contains("<tr><th>value of orders to place now</th><td>230.00</td></tr>")
        .doesNotContain("<td>Z9</td>")
        .doesNotContain("SKU Z9")
        .doesNotContain("<link")
        .doesNotContain("<script")
        .doesNotContain("http://")
        .doesNotContain("https://");
    String orders =
        html.substring(
            html.indexOf("<section id=\"orders\">"), html.indexOf("<section id=\"charts\">"));
    assertThat(orders)
        .contains(
            "<tr><td>B2</td><td>DC1</td><td class=\"num\">20.00</td><td class=\"num\">1.00</td>"
                + "<td class=\"num\">0.00</td><td class=\"num\">30.00</td>"
                + "<td class=\"num\">33.00</td><td class=\"num\">3.00</td>"
                + "<td class=\"num\">150.00</td><td>below reorder point</td></tr>")
        .doesNotContain("<td>C3</td>")
        .doesNotContain("<td>D4</td>");
    assertThat(orders.indexOf("<td>B2</td>"))
        .isLessThan(orders.indexOf("<td>" + ODD_SKU_ESCAPED + "</td>"));
  }

  @Test
  void givenTopTwo_whenWrite_thenHtmlEmbedsTwoPngChartsOfTheLargestForecastValues()
      throws IOException {
    PlannerReport.Written written = PlannerReport.write(warehouse, RUN, reportsRoot, 2);

    assertThat(written.charts()).isEqualTo(2);
    String html = Files.readString(written.html(), StandardCharsets.UTF_8);
    assertThat(html.split("<img", -1)).hasSize(3);
    assertThat(matches(ALT, html))
        .containsExactly(
            "Demand history and forecast of SKU B2 at DC1",
            "Demand history and forecast of SKU " + ODD_SKU_ESCAPED + " at DC1");
    List<String> images = matches(DATA_URI, html);
    assertThat(images).hasSize(2);
    for (String base64 : images) {
      byte[] png = Base64.getDecoder().decode(base64);
      assertThat(Arrays.copyOf(png, PNG_MAGIC.length)).isEqualTo(PNG_MAGIC);
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      assertThat(image.getWidth()).isEqualTo(900);
      assertThat(image.getHeight()).isEqualTo(320);
    }
  }

  @Test
  void givenTopNAboveSeriesCount_whenWrite_thenOneChartPerForecastSeries() throws IOException {
    PlannerReport.Written written = PlannerReport.write(warehouse, RUN, reportsRoot, 10);

    assertThat(written.charts()).isEqualTo(3);
    String html = Files.readString(written.html(), StandardCharsets.UTF_8);
    assertThat(html.split("<img", -1)).hasSize(4);
    assertThat(matches(DATA_URI, html)).hasSize(3);
    assertThat(matches(ALT, html).get(2)).isEqualTo("Demand history and forecast of SKU C3 at DC2");
  }

  @Test
  void givenTopZero_whenWrite_thenNoChart() throws IOException {
    PlannerReport.Written written = PlannerReport.write(warehouse, RUN, reportsRoot, 0);

    assertThat(written.charts()).isZero();
    assertThat(Files.readString(written.html(), StandardCharsets.UTF_8)).doesNotContain("<img");
  }

  @Test
  void givenSkuWithHtmlCharacters_whenWrite_thenHtmlHasItEscapedOnly() throws IOException {
    PlannerReport.Written written = PlannerReport.write(warehouse, RUN, reportsRoot, 3);

    String html = Files.readString(written.html(), StandardCharsets.UTF_8);
    assertThat(html)
        .contains("<td>" + ODD_SKU_ESCAPED + "</td>")
        .contains("<td>position 4 below reorder point 150, order &quot;now&quot;</td>")
        .doesNotContain(ODD_SKU)
        .doesNotContain("<&>");
  }

  @Test
  void givenLongSalesHistory_whenRead_thenChartHasLast36MonthlySumsWithoutNulls() throws Exception {
    ReportData data;
    try (Connection connection = warehouse.connect()) {
      data = ReportData.read(DuckDbWarehouse.dsl(connection), RUN, 1);
    }

    assertThat(data.charts()).hasSize(1);
    ReportData.SeriesChart b2 = data.charts().get(0);
    assertThat(b2.sku()).isEqualTo("B2");
    assertThat(b2.forecastValue()).isEqualTo(3000.0);
    assertThat(b2.reorderPoint()).isEqualTo(30.0);
    // 40 months from Feb 2022, month index m sums to 15 + m: the last 36 start at m = 4 (June
    // 2022).
    assertThat(b2.history()).hasSize(36);
    assertThat(b2.history().get(0))
        .isEqualTo(new ReportData.PeriodSales(LocalDate.of(2022, 6, 1), 19.0));
    assertThat(b2.history().get(35))
        .isEqualTo(new ReportData.PeriodSales(LocalDate.of(2025, 5, 1), 54.0));
    assertThat(b2.forecast())
        .extracting(ReportData.ForecastBand::periodStart)
        .containsExactly(
            LocalDate.of(2025, 6, 1),
            LocalDate.of(2025, 7, 1),
            LocalDate.of(2025, 8, 1),
            LocalDate.of(2025, 9, 1),
            LocalDate.of(2025, 10, 1),
            LocalDate.of(2025, 11, 1));
    assertThat(b2.forecast().get(0))
        .isEqualTo(new ReportData.ForecastBand(LocalDate.of(2025, 6, 1), 5.0, 10.0, 15.0));
  }

  @Test
  void givenExistingReport_whenWriteAgain_thenReplacedWithoutLeftovers() throws IOException {
    PlannerReport.write(warehouse, RUN, reportsRoot, 1);

    PlannerReport.Written written = PlannerReport.write(warehouse, RUN, reportsRoot, 3);

    assertThat(entries(reportsRoot)).containsExactly(RUN);
    assertThat(entries(written.directory()))
        .containsExactlyInAnyOrder("recommendations.csv", "recommendations.xlsx", "index.html");
    assertThat(matches(DATA_URI, Files.readString(written.html(), StandardCharsets.UTF_8)))
        .hasSize(3);
  }

  @Test
  void givenUnknownRun_whenWrite_thenThrowsNamingTheRunAndWritesNothing() {
    assertThatThrownBy(() -> PlannerReport.write(warehouse, "run-1999-01", reportsRoot, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("run-1999-01");

    assertThat(reportsRoot).doesNotExist();
  }

  @Test
  void givenRunningRun_whenWrite_thenThrowsNamingTheRunAndLeavesOtherReportsAlone()
      throws IOException {
    PlannerReport.write(warehouse, RUN, reportsRoot, 0);

    assertThatThrownBy(() -> PlannerReport.write(warehouse, RUNNING_RUN, reportsRoot, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(RUNNING_RUN)
        .hasMessageContaining("running");

    assertThat(entries(reportsRoot)).containsExactly(RUN);
  }

  @Test
  void givenRunIdThatIsAPath_whenWrite_thenThrowsAndWritesNothing() {
    assertThatThrownBy(() -> PlannerReport.write(warehouse, "../" + RUN, reportsRoot, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("../" + RUN);

    assertThat(reportsRoot).doesNotExist();
    assertThat(temp.resolve(RUN)).doesNotExist();
  }

  @Test
  void givenNegativeTopN_whenWrite_thenThrows() {
    assertThatThrownBy(() -> PlannerReport.write(warehouse, RUN, reportsRoot, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("topN");
  }
}
