package io.demandcast.pipelines.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.pipelines.model.PeriodType;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerReportTest {
  private static final String RUN = ReportFixture.RUN;
  private static final String RUNNING_RUN = ReportFixture.RUNNING_RUN;
  private static final String ODD_SKU = ReportFixture.ODD_SKU;

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

  private PlannerPage page(int topN) throws Exception {
    try (Connection connection = warehouse.connect()) {
      return PlannerPage.read(
          DuckDbWarehouse.dsl(connection), RUN, PeriodType.MONTH, ReportFormat.PLAIN, topN);
    }
  }

  private static String summaryRow(String label, String value) {
    return "<tr><th>" + label + "</th><td>" + value + "</td></tr>";
  }

  private static String term(String term, String text) {
    return "<a class=\"term\" href=\"#g-" + Glossary.id(term) + "\">" + text + "</a>";
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
        .contains(summaryRow(term("series", "series forecast"), "3"))
        .contains(summaryRow(term("series skipped", "series skipped"), "1"))
        .contains(summaryRow(term("rows rejected", "rows rejected"), "3"))
        .contains("<tr class=\"sub\"><th>from erp_sales</th><td>2</td></tr>")
        .contains("<tr class=\"sub\"><th>from erp_inventory</th><td>1</td></tr>")
        // A (0.5 vs 1.0) and B2 (0.8 vs 0.8); C3 has no seasonal_naive MASE.
        .contains(
            summaryRow(
                "mean backtest " + term("MASE", "MASE") + ", selected models",
                "0.650 (over 2 series)"))
        .contains(
            summaryRow(
                "mean backtest " + term("MASE", "MASE") + ", "
                    + term("seasonal naive", "seasonal_naive"),
                "0.900"))
        .contains("<tr><th>recommendations written</th><td>4</td></tr>")
        .contains(summaryRow(term("orders to place now", "orders to place now"), "2"))
        .contains("<tr><th>value of orders to place now</th><td>230.00</td></tr>")
        .doesNotContain(term("currency", "currency"))
        .contains("<p>4 recommendations, 2 of them ")
        .doesNotContain("Z9")
        // self-contained: nothing to load, and a policy that lets nothing load
        .doesNotContain("<link")
        .doesNotContain(" src=")
        .doesNotContain("<img")
        .contains("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:;"
            + " script-src 'sha256-");
    // the page's four scripts: its data, its configuration, the two libraries and its glue
    assertThat(html.split("<script", -1)).hasSize(6);
    // every glossary term the page links to is in its glossary
    for (String id : matches(Pattern.compile("href=\"#g-([^\"]+)\""), html)) {
      assertThat(html).as("glossary entry %s", id).contains("<dt id=\"g-" + id + "\">");
    }
  }

  @Test
  void givenCompleteRun_whenWrite_thenEachInlineScriptIsAllowedByItsHash() throws IOException {
    String html =
        Files.readString(PlannerReport.write(warehouse, RUN, reportsRoot, 3).html(), StandardCharsets.UTF_8);

    List<String> scripts = matches(Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL), html);
    assertThat(scripts).hasSize(3);
    for (String script : scripts) {
      assertThat(html).contains("'sha256-" + ReportHtml.sha256(script) + "'");
    }
    // the libraries of src/main/frontend's lock file, each with its licence text (all MIT)
    List<ReportAssets.Library> libraries = ReportAssets.get().libraries();
    assertThat(libraries).extracting(ReportAssets.Library::name)
        .containsExactly("tabulator-tables", "chart.js", "@kurkle/color");
    for (ReportAssets.Library library : libraries) {
      assertThat(library.license()).as(library.name()).isEqualTo("MIT");
      assertThat(library.licenseText()).contains("Permission is hereby granted, free of charge");
      assertThat(html).contains(library.name() + " " + library.version() + ", MIT licence");
    }
  }

  @Test
  void givenCurrency_whenWrite_thenAmountsCarryIt() throws IOException {
    PlannerReport.Written written = PlannerReport.write(warehouse, RUN, reportsRoot, 3, "EUR");

    String html = Files.readString(written.html(), StandardCharsets.UTF_8);
    assertThat(html)
        .contains("<tr><th>value of orders to place now</th><td>EUR 230.00</td></tr>")
        .contains(summaryRow(term("currency", "currency"), "EUR"))
        .contains("\"currency\":\"EUR \"");
    assertThatThrownBy(() -> PlannerReport.write(warehouse, RUN, reportsRoot, 3, "two words"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("currency");
  }

  @Test
  void givenReportsRoot_whenWrite_thenTheReportHasTheUsersDefaultPermissions() throws IOException {
    Assumptions.assumeTrue(
        temp.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    Path probe = Files.createDirectory(temp.resolve("probe"));
    Path probeFile = Files.createFile(probe.resolve("file"));

    PlannerReport.Written written = PlannerReport.write(warehouse, RUN, reportsRoot, 3);

    // as a directory the user makes with mkdir: with the umask's permissions, not owner-only
    assertThat(Files.getPosixFilePermissions(written.directory()))
        .isEqualTo(Files.getPosixFilePermissions(probe));
    for (Path file : List.of(written.html(), written.csv(), written.xlsx())) {
      assertThat(Files.getPosixFilePermissions(file)).as("%s", file)
          .isEqualTo(Files.getPosixFilePermissions(probeFile));
    }
  }

  @Test
  void givenTopTwo_whenWrite_thenPageChartsTheTwoLargestForecastValues() throws Exception {
    PlannerReport.Written written = PlannerReport.write(warehouse, RUN, reportsRoot, 2);

    assertThat(written.charts()).isEqualTo(2);
    PlannerPage page = page(2);
    assertThat(page.top().stream().map(id -> page.rows().get(id).sku()))
        .containsExactly("B2", ODD_SKU);
  }

  @Test
  void givenTopNAboveSeriesCount_whenWrite_thenOneChartPerForecastSeries() throws Exception {
    PlannerReport.Written written = PlannerReport.write(warehouse, RUN, reportsRoot, 10);

    assertThat(written.charts()).isEqualTo(3);
    PlannerPage page = page(10);
    assertThat(page.rows().get(page.top().get(2)).sku()).isEqualTo("C3");
  }

  @Test
  void givenTopZero_whenWrite_thenNoChart() throws IOException {
    PlannerReport.Written written = PlannerReport.write(warehouse, RUN, reportsRoot, 0);

    assertThat(written.charts()).isZero();
    assertThat(Files.readString(written.html(), StandardCharsets.UTF_8)).contains("<p>No charts.</p>");
  }

  @Test
  void givenSkuWithHtmlCharacters_whenWrite_thenHtmlHasItOnlyEscaped() throws IOException {
    PlannerReport.Written written = PlannerReport.write(warehouse, RUN, reportsRoot, 3);

    String html = Files.readString(written.html(), StandardCharsets.UTF_8);
    // in the page's JSON, where "<" is \u003c so that no text can end the script element
    assertThat(html)
        .contains("\"A\\u003c&>\\\"1\"")
        .contains("\"position 4 below reorder point 150, order \\\"now\\\"\"")
        .doesNotContain(ODD_SKU)
        .doesNotContain("<&>");
  }

  @Test
  void givenLongSalesHistory_whenRead_thenChartHasLast36MonthlySumsWithoutNulls() throws Exception {
    PlannerPage page = page(1);

    PlannerPage.Row b2 = page.rows().stream().filter(r -> r.sku().equals("B2")).findFirst().orElseThrow();
    PlannerPage.Panel panel = page.panels().get(b2.id());
    assertThat(page.top()).containsExactly(b2.id());
    // 40 months from Feb 2022, month index m sums to 15 + m: the last 36 before the forecast's
    // first month (June 2025) start at m = 4 (June 2022).
    assertThat(panel.history()).hasSize(36);
    assertThat(page.labels().get(panel.history0())).isEqualTo("2022-06");
    assertThat(panel.history().get(0)).isEqualTo(19.0);
    assertThat(panel.history().get(35)).isEqualTo(54.0);
    assertThat(page.labels().get(panel.forecast0())).isEqualTo("2025-06");
    assertThat(page.labels().subList(panel.forecast0(), panel.forecast0() + 6))
        .containsExactly("2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11");
    assertThat(panel.p10().get(0)).isEqualTo(5.0);
    assertThat(panel.p50().get(0)).isEqualTo(10.0);
    assertThat(panel.p90().get(0)).isEqualTo(15.0);
    assertThat(panel.mean().get(0)).isEqualTo(10.0);
  }

  @Test
  void givenExistingReport_whenWriteAgain_thenReplacedWithoutLeftovers() throws IOException {
    PlannerReport.write(warehouse, RUN, reportsRoot, 1);

    PlannerReport.Written written = PlannerReport.write(warehouse, RUN, reportsRoot, 3);

    assertThat(entries(reportsRoot)).containsExactly(RUN);
    assertThat(entries(written.directory()))
        .containsExactlyInAnyOrder("recommendations.csv", "recommendations.xlsx", "index.html");
    assertThat(written.charts()).isEqualTo(3);
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
