package io.demandcast.pipelines.report;

import static io.demandcast.pipelines.report.ReportFixture.RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planner report's HTML page in a real browser: headless Chromium loads it from its file://
 * URL, and the test reads the rendered DOM, the browser console and a screenshot (kept in {@code
 * target/browser-report/report.png} to look at). Needs {@code chromium} on the PATH ({@code
 * scripts/install-test-tools.sh}); without it the tests fail saying so.
 */
class ReportInBrowserTest {
  private static final Path SCREENSHOTS = Path.of("target", "browser-report");
  private static final Pattern CHART =
      Pattern.compile("<figure>\\s*<img src=\"data:image/png;base64,([^\"]+)\"");

  @TempDir Path temp;

  @Test
  void givenReport_whenLoadedInChromium_thenSummaryAndChartsRenderWithoutConsoleMessages()
      throws Exception {
    HeadlessChromium chromium = HeadlessChromium.require();
    Path html = writeReport(2);

    HeadlessChromium.Page page =
        chromium.load(html, SCREENSHOTS.resolve("report.png"), temp);

    assertNoConsoleMessages(page);
    assertThat(page.dom())
        .contains("<h1>demandcast — planner report — run-2025-06</h1>")
        .contains("<section id=\"summary\">")
        .contains("<tr><th>run id</th><td>run-2025-06</td></tr>")
        .contains("<tr><th>recommendations written</th><td>4</td></tr>")
        .contains("<tr><th>value of orders to place now</th><td>230.00</td></tr>")
        .contains("<section id=\"service\">")
        .contains("<section id=\"orders\">")
        .contains("<section id=\"charts\">");
    List<String> charts = CHART.matcher(page.dom()).results().map(m -> m.group(1)).toList();
    assertThat(charts).as("chart images in the rendered DOM").hasSize(2);
    assertThat(page.dom().split("<img ", -1)).as("no other image").hasSize(3);

    BufferedImage screenshot = ImageIO.read(page.screenshot().toFile());
    assertThat(screenshot.getWidth()).isEqualTo(HeadlessChromium.WIDTH);
    assertThat(screenshot.getHeight()).isEqualTo(HeadlessChromium.HEIGHT);
    assertThat(darkPixels(screenshot, 0, 120)).as("the title drawn at the top").isGreaterThan(500);
    for (String chart : charts) {
      BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(chart)));
      assertThat(find(screenshot, png))
          .as("the %dx%d chart painted pixel for pixel in the screenshot", png.getWidth(), png.getHeight())
          .isNotNull();
    }
  }

  @Test
  void givenPageWithAScriptError_whenLoaded_thenTheConsoleCheckFailsNamingTheError()
      throws Exception {
    HeadlessChromium chromium = HeadlessChromium.require();
    Path html = temp.resolve("broken.html");
    Files.writeString(
        html,
        "<!DOCTYPE html>\n<html><head><title>broken</title></head><body><h1>broken</h1>\n"
            + "<script>document.body.appendChild(document.createElement('canvas'));\n"
            + "notAFunction();</script>\n</body></html>\n",
        StandardCharsets.UTF_8);

    HeadlessChromium.Page page = chromium.load(html, temp.resolve("broken.png"), temp);

    assertThat(page.dom()).as("the script ran up to the error").contains("<canvas></canvas>");
    assertThat(page.console())
        .singleElement()
        .asString()
        .contains("Uncaught ReferenceError: notAFunction is not defined")
        .contains(html.toUri().toString());
    assertThatThrownBy(() -> assertNoConsoleMessages(page))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("notAFunction is not defined");
  }

  @Test
  void givenNoChromiumOnThePath_whenRequired_thenFailsSayingHowToInstallIt() {
    String path = temp.resolve("no-browser-here").toString();

    assertThatThrownBy(() -> HeadlessChromium.require(path))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("chromium is not on the PATH")
        .hasMessageContaining("scripts/install-test-tools.sh");
  }

  /** The report has no script: any console message (an error or not) means something is wrong. */
  private static void assertNoConsoleMessages(HeadlessChromium.Page page) {
    assertThat(page.console()).as("browser console messages").isEmpty();
  }

  private Path writeReport(int charts) throws Exception {
    DuckDbWarehouse warehouse = DuckDbWarehouse.openWithSourceTables(temp.resolve("warehouse.duckdb"));
    try {
      try (Connection connection = warehouse.connect()) {
        ReportFixture.seed(DuckDbWarehouse.dsl(connection));
      }
      return PlannerReport.write(warehouse, RUN, temp.resolve("reports"), charts).html();
    } finally {
      DuckDbConnections.close(warehouse.file());
    }
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

  /**
   * Where {@code part} appears in {@code whole} with every pixel within 2 levels per channel, or
   * null. Candidates are screened on a few of the part's non-white pixels first.
   */
  private static int[] find(BufferedImage whole, BufferedImage part) {
    List<int[]> probes = new ArrayList<>();
    for (int y = 0; y < part.getHeight() && probes.size() < 40; y += 7) {
      for (int x = 0; x < part.getWidth() && probes.size() < 40; x += 13) {
        if ((part.getRGB(x, y) & 0xffffff) != 0xffffff) {
          probes.add(new int[] {x, y});
        }
      }
    }
    for (int top = 0; top + part.getHeight() <= whole.getHeight(); top++) {
      for (int left = 0; left + part.getWidth() <= whole.getWidth(); left++) {
        if (matchesAt(whole, part, left, top, probes)) {
          return new int[] {left, top};
        }
      }
    }
    return null;
  }

  private static boolean matchesAt(
      BufferedImage whole, BufferedImage part, int left, int top, List<int[]> probes) {
    for (int[] p : probes) {
      if (!close(whole.getRGB(left + p[0], top + p[1]), part.getRGB(p[0], p[1]))) {
        return false;
      }
    }
    for (int y = 0; y < part.getHeight(); y++) {
      for (int x = 0; x < part.getWidth(); x++) {
        if (!close(whole.getRGB(left + x, top + y), part.getRGB(x, y))) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean close(int a, int b) {
    for (int shift = 0; shift <= 16; shift += 8) {
      if (Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff)) > 2) {
        return false;
      }
    }
    return true;
  }
}
