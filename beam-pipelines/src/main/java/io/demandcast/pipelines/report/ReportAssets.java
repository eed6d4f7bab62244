package io.demandcast.pipelines.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The scripts and styles index.html inlines, read from the jar: the table library (Tabulator) and
 * the chart library (Chart.js, with the colour library it bundles), which the build installs from
 * the npm registry with {@code npm ci} on {@code src/main/frontend/package-lock.json} and copies
 * under {@value #ASSETS}; and the page's own glue, {@code planner-report.js} and {@code
 * planner-report.css} beside this class.
 *
 * @param tabulatorJs Tabulator's minified script
 * @param tabulatorCss Tabulator's minified style sheet
 * @param chartJs Chart.js's minified UMD script
 * @param pageJs the page's glue script
 * @param pageCss the page's style sheet
 * @param libraries the libraries in the page, with their licences
 */
record ReportAssets(
    String tabulatorJs,
    String tabulatorCss,
    String chartJs,
    String pageJs,
    String pageCss,
    List<Library> libraries) {

  /** Where the build puts the npm packages' files, on the class path. */
  static final String ASSETS = "/io/demandcast/pipelines/report/assets/";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A library inlined into the page.
   *
   * @param name the npm package
   * @param version its version, from its package.json
   * @param license its licence identifier (SPDX), from its package.json
   * @param licenseText the licence file it ships
   * @param use what the page uses it for
   */
  record Library(String name, String version, String license, String licenseText, String use) {}

  private static volatile ReportAssets loaded;

  /**
   * The assets, read once.
   *
   * @throws IllegalStateException when the jar was built without them (the build's {@code npm ci}
   *     did not run)
   */
  static ReportAssets get() {
    ReportAssets assets = loaded;
    if (assets == null) {
      synchronized (ReportAssets.class) {
        if (loaded == null) {
          loaded = read();
        }
        assets = loaded;
      }
    }
    return assets;
  }

  private static ReportAssets read() {
    return new ReportAssets(
        script(library("tabulator-tables/dist/js/tabulator.min.js")),
        style(library("tabulator-tables/dist/css/tabulator.min.css")),
        script(library("chart.js/dist/chart.umd.min.js")),
        script(resource("planner-report.js")),
        style(resource("planner-report.css")),
        List.of(
            described("tabulator-tables", "LICENSE", "the order table: sorting, filters, search"),
            described("chart.js", "LICENSE.md", "the charts of the SKU panel"),
            described("@kurkle/color", "LICENSE", "colours, bundled inside Chart.js")));
  }

  private static Library described(String name, String licenseFile, String use) {
    try {
      JsonNode pkg = JSON.readTree(library(name + "/package.json"));
      return new Library(
          name,
          pkg.path("version").asText(),
          pkg.path("license").asText(),
          library(name + "/" + licenseFile),
          use);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String library(String path) {
    return text(ASSETS + path);
  }

  private static String resource(String name) {
    return text("/io/demandcast/pipelines/report/" + name);
  }

  private static String text(String path) {
    try (InputStream in = ReportAssets.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(
            "the planner report's "
                + path
                + " is not in the jar: build it with Maven (its npm ci step installs the table and"
                + " chart libraries; node and npm must be on the PATH)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e, e);
    }
  }

  /**
   * A script to inline: without its source map comment (the map is not in the page), and checked
   * not to hold "</script" (which would end the element early).
   */
  static String script(String js) {
    String text = js.replaceAll("(?m)^//# sourceMappingURL=\\S*\\s*$", "");
    if (text.toLowerCase(Locale.ROOT).contains("</script")) {
      throw new IllegalStateException("a script to inline holds </script");
    }
    return text;
  }

  /** A style sheet to inline: without its source map comment, checked not to hold "</style". */
  static String style(String css) {
    String text = css.replaceAll("/\\*# sourceMappingURL=[^*]*\\*/", "");
    if (text.toLowerCase(Locale.ROOT).contains("</style")) {
      throw new IllegalStateException("a style sheet to inline holds </style");
    }
    return text;
  }
}
