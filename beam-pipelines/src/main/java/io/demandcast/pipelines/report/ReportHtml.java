package io.demandcast.pipelines.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandcast.forecasting.models.SeasonalNaive;
import io.demandcast.pipelines.model.PeriodType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.text.StringEscapeUtils;

/**
 * The planner report as one self-contained HTML page that opens offline: the run summary and the
 * policy simulation as static tables; every recommendation in a table planners sort, filter and
 * search (Tabulator), a panel per SKU with its charts (Chart.js), the largest series' charts, a
 * glossary, and the libraries' licences. The libraries, the page's glue script and its data
 * (JSON) are inlined; a Content-Security-Policy lets only those scripts run and nothing load from
 * the network. Every value from the warehouse is HTML-escaped here, and set as text by the
 * script.
 */
final class ReportHtml {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** How the script shows a value: as text, a quantity, an amount, days or a share. */
  enum Kind {
    TEXT,
    QUANTITY,
    MONEY,
    DAYS,
    SHARE;

    String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How a list header filter offers its values. */
  enum Filter {
    NONE,
    /** the column's distinct values */
    LIST,
    /** the rows' reason kinds ({@link PlannerPage#reasonKinds}) */
    REASON
  }

  /**
   * A column of the order table.
   *
   * @param field the {@link PlannerPage.Row} field
   * @param title the header
   * @param term the glossary term the header's tooltip and link explain
   * @param kind how the cells are shown
   * @param filter the header filter
   */
  record Column(String field, String title, String term, Kind kind, Filter filter) {}

  /** The order table's columns, left to right. */
  static final List<Column> COLUMNS =
      List.of(
          new Column("sku", "SKU", "SKU", Kind.TEXT, Filter.NONE),
          new Column("location", "location", "location", Kind.TEXT, Filter.LIST),
          new Column("supplier", "supplier", "supplier", Kind.TEXT, Filter.LIST),
          new Column("abc", "ABC", "ABC class", Kind.TEXT, Filter.LIST),
          new Column("qty", "order now", "order now", Kind.QUANTITY, Filter.NONE),
          new Column("value", "order value", "order value", Kind.MONEY, Filter.NONE),
          new Column("leadTime", "lead time (days)", "lead time", Kind.QUANTITY, Filter.NONE),
          new Column(
              "leadTimeDemand", "lead-time demand", "lead-time demand", Kind.QUANTITY,
              Filter.NONE),
          new Column("daysOfCover", "days of cover", "days of cover", Kind.DAYS, Filter.NONE),
          new Column("onHand", "on hand", "on hand", Kind.QUANTITY, Filter.NONE),
          new Column("onOrder", "on order", "on order", Kind.QUANTITY, Filter.NONE),
          new Column(
              "position", "inventory position", "inventory position", Kind.QUANTITY,
              Filter.NONE),
          new Column("safetyStock", "safety stock", "safety stock", Kind.QUANTITY, Filter.NONE),
          new Column(
              "reorderPoint", "reorder point", "reorder point", Kind.QUANTITY, Filter.NONE),
          new Column("reason", "reason", "reason", Kind.TEXT, Filter.REASON));

  /**
   * A line of the SKU panel's facts.
   *
   * @param field the {@link PlannerPage.Row} field
   * @param label the label
   * @param term the glossary term the label links to
   * @param kind how the value is shown
   */
  record Fact(String field, String label, String term, Kind kind) {}

  /** The SKU panel's facts, in order. */
  static final List<Fact> FACTS =
      List.of(
          new Fact("supplier", "supplier", "supplier", Kind.TEXT),
          new Fact("shipMode", "ship mode", "ship mode", Kind.TEXT),
          new Fact("policy", "policy", "policy", Kind.TEXT),
          new Fact("abc", "ABC class", "ABC class", Kind.TEXT),
          new Fact("xyz", "XYZ class", "XYZ class", Kind.TEXT),
          new Fact("model", "forecast model", "model", Kind.TEXT),
          new Fact("serviceLevel", "service target", "service target", Kind.SHARE),
          new Fact("measure", "service measure", "service target", Kind.TEXT),
          new Fact("leadTime", "lead time (days)", "lead time", Kind.QUANTITY),
          new Fact("leadTimeSd", "lead time standard deviation (days)", "lead time",
              Kind.QUANTITY),
          new Fact("leadTimeBasis", "lead-time basis", "lead-time basis", Kind.TEXT),
          new Fact("reviewDays", "review period (days)", "review period", Kind.QUANTITY),
          new Fact("leadTimeDemand", "lead-time demand", "lead-time demand", Kind.QUANTITY),
          new Fact("onHand", "on hand", "on hand", Kind.QUANTITY),
          new Fact("quarantined", "quarantined", "quarantined", Kind.QUANTITY),
          new Fact("onOrder", "on order", "on order", Kind.QUANTITY),
          new Fact("position", "inventory position", "inventory position", Kind.QUANTITY),
          new Fact("daysOfCover", "days of cover", "days of cover", Kind.DAYS),
          new Fact("safetyStock", "safety stock", "safety stock", Kind.QUANTITY),
          new Fact("reorderPoint", "reorder point", "reorder point", Kind.QUANTITY),
          new Fact("orderUpTo", "order-up-to level", "order-up-to level", Kind.QUANTITY),
          new Fact("qty", "order now", "order now", Kind.QUANTITY),
          new Fact("unitCost", "unit cost", "unit cost", Kind.MONEY),
          new Fact("value", "order value", "order value", Kind.MONEY),
          new Fact("fillRate", "expected fill rate", "expected fill rate", Kind.SHARE),
          new Fact("reason", "reason", "reason", Kind.TEXT));

  /** The terms of the static parts of the page (summary, service table, chart captions). */
  static final List<String> STATIC_TERMS =
      List.of(
          "demand calendar", "series", "series skipped", "rows rejected", "MASE", "backtest",
          "seasonal naive", "combination", "orders to place now", "order value",
          "policy simulation", "ABC class", "service target", "fill rate", "item mean fill rate",
          "cycle service", "average inventory", "cost", "sales history", "forecast mean",
          "p10, p50, p90", "forecast band", "projected stock", "currency", "horizon",
          "forecast explanations", "order explanations");

  private static final String SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src ";

  private ReportHtml() {}

  /** The page of a run. */
  static String render(
      ReportData data, RunSummary summary, PlannerPage page, ReportFormat format,
      ReportAssets assets) {
    String title = "demandcast — planner report — " + escape(data.runId());
    List<String> scripts = List.of(assets.tabulatorJs(), assets.chartJs(), assets.pageJs());
    StringBuilder html = new StringBuilder(8 << 20);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        .append(SECURITY_POLICY);
    for (String script : scripts) {
      html.append("'sha256-").append(sha256(script)).append("' ");
    }
    html.setLength(html.length() - 1);
    html.append("\">\n<title>")
        .append(title)
        .append("</title>\n<style>\n")
        .append(assets.tabulatorCss())
        .append("\n</style>\n<style>\n")
        .append(assets.pageCss())
        .append("\n</style>\n</head>\n<body>\n<header>\n<h1>")
        .append(title)
        .append("</h1>\n<nav><a href=\"#summary\">summary</a> · <a href=\"#service\">service</a>")
        .append(" · <a href=\"#orders\">orders</a> · <a href=\"#charts\">largest series</a>")
        .append(" · <a href=\"#glossary\">glossary</a> · <a href=\"#libraries\">libraries</a>")
        .append("</nav>\n</header>\n");
    summary(html, data, summary, format);
    service(html, summary, format);
    orders(html, page, summary);
    charts(html, data, page);
    glossary(html);
    libraries(html, assets);
    html.append("<script type=\"application/json\" id=\"report-data\">")
        .append(page.json())
        .append("</script>\n<script type=\"application/json\" id=\"report-config\">")
        .append(config(data.period()))
        .append("</script>\n");
    for (String script : scripts) {
      html.append("<script>").append(script).append("</script>\n");
    }
    html.append("</body>\n</html>\n");
    return html.toString();
  }

  /**
   * The demand calendar in words, for the summaries: e.g. "daily (forecasts in units per day)".
   *
   * @param period the run's calendar
   * @return the text
   */
  static String calendar(PeriodType period) {
    return adjective(period) + " (forecasts in units per " + unit(period) + ")";
  }

  /** "daily", "weekly" or "monthly". */
  static String adjective(PeriodType period) {
    return period == PeriodType.DAY ? "daily" : unit(period) + "ly";
  }

  private static String unit(PeriodType period) {
    return period.name().toLowerCase(Locale.ROOT);
  }

  /** Every glossary term the page refers to: the columns', the facts' and the static parts'. */
  static Set<String> termsUsed() {
    Set<String> terms = new TreeSet<>(STATIC_TERMS);
    COLUMNS.forEach(c -> terms.add(c.term()));
    FACTS.forEach(f -> terms.add(f.term()));
    return terms;
  }

  /** What the script needs beside the data: columns, facts, glossary and words of the calendar. */
  static String config(PeriodType period) {
    Map<String, Object> config = new LinkedHashMap<>();
    List<Map<String, Object>> columns = new ArrayList<>();
    for (Column c : COLUMNS) {
      Map<String, Object> column = new LinkedHashMap<>();
      column.put("field", c.field());
      column.put("title", c.title());
      column.put("term", Glossary.id(c.term()));
      column.put("tooltip", c.term() + ": " + Glossary.definition(c.term()));
      column.put("kind", c.kind().json());
      column.put("filter", c.filter().name().toLowerCase(Locale.ROOT));
      columns.add(column);
    }
    config.put("columns", columns);
    List<Map<String, Object>> facts = new ArrayList<>();
    for (Fact f : FACTS) {
      facts.add(
          Map.of(
              "field", f.field(), "label", f.label(), "term", Glossary.id(f.term()),
              "kind", f.kind().json()));
    }
    config.put("facts", facts);
    config.put("unit", unit(period));
    config.put("adjective", adjective(period));
    try {
      return JSON.writeValueAsString(config).replace("<", "\\u003c");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void summary(
      StringBuilder html, ReportData data, RunSummary summary, ReportFormat format) {
    html.append("<section id=\"summary\">\n<h2>Run summary</h2>\n<table class=\"summary\">\n");
    row(html, "", "run id", escape(data.runId()));
    row(html, "", "started (UTC)", timestamp(data.startedAt()));
    row(html, "", "finished (UTC)", timestamp(data.finishedAt()));
    row(html, "", term("demand calendar"), escape(calendar(data.period())));
    row(html, "", term("series", "series forecast"), count(summary.seriesForecast()));
    row(html, "", term("series skipped"), count(summary.seriesSkipped()));
    row(html, "", term("rows rejected"), count(summary.rejected()));
    for (Map.Entry<String, Long> source : summary.rejectedBySource().entrySet()) {
      row(html, "sub", "from " + escape(source.getKey()), count(source.getValue()));
    }
    if (summary.maseSeries() == 0) {
      row(
          html,
          "",
          "mean backtest " + term("MASE"),
          "n/a (no series with both the selected and the " + SeasonalNaive.NAME + " MASE)");
    } else {
      row(
          html,
          "",
          "mean backtest " + term("MASE") + ", selected models",
          String.format(
              Locale.ROOT,
              "%.3f (over %s series)",
              summary.meanMaseSelected(),
              count(summary.maseSeries())));
      row(
          html,
          "",
          "mean backtest " + term("MASE") + ", " + term("seasonal naive", SeasonalNaive.NAME),
          String.format(Locale.ROOT, "%.3f", summary.meanMaseSeasonalNaive()));
    }
    row(html, "", "recommendations written", count(summary.recommendations()));
    row(html, "", term("orders to place now"), count(summary.ordersNow()));
    row(html, "", "value of orders to place now", escape(format.money(summary.orderValue())));
    if (format.currency() != null) {
      row(html, "", term("currency"), escape(format.currency()));
    }
    html.append("</table>\n</section>\n");
  }

  private static void row(StringBuilder html, String cssClass, String label, String value) {
    html.append(cssClass.isEmpty() ? "<tr>" : "<tr class=\"" + cssClass + "\">")
        .append("<th>")
        .append(label)
        .append("</th><td>")
        .append(value)
        .append("</td></tr>\n");
  }

  /** The policy simulation: target against achieved service per model and ABC class. */
  private static void service(StringBuilder html, RunSummary summary, ReportFormat format) {
    if (summary.simulation().isEmpty()) {
      return;
    }
    html.append("<section id=\"service\">\n<h2>Service: target against achieved</h2>\n")
        .append("<p>Each policy was set from a forecast made before the last held-out periods and ")
        .append("replayed over their actual demand (")
        .append(term("policy simulation"))
        .append(", table <code>policy_simulation</code>), for the run's forecast (")
        .append(term("combination"))
        .append(" or its model) and for ")
        .append(term("seasonal naive", SeasonalNaive.NAME))
        .append(".</p>\n")
        .append("<table>\n<thead><tr><th>forecast</th><th>")
        .append(term("ABC class", "class"))
        .append("</th><th>items</th><th>")
        .append(term("service target", "target"))
        .append("</th><th>")
        .append(term("fill rate"))
        .append("</th><th>")
        .append(term("item mean fill rate"))
        .append("</th><th>")
        .append(term("cycle service"))
        .append("</th><th>")
        .append(term("average inventory"))
        .append(" (units)</th><th>")
        .append(term("cost"))
        .append("</th></tr></thead>\n<tbody>\n");
    for (RunSummary.SimulatedService s : summary.simulation()) {
      html.append("<tr><td>").append(escape(s.model())).append("</td><td>")
          .append(s.abcClass() == null ? "all" : escape(s.abcClass())).append("</td><td>")
          .append(s.items()).append("</td><td>")
          .append(String.format(Locale.ROOT, "%.3f %s", s.target(), escape(s.measure())))
          .append("</td><td>").append(ReportFormat.share(s.fillRate()))
          .append("</td><td>").append(ReportFormat.share(s.meanItemFillRate()))
          .append("</td><td>").append(ReportFormat.share(s.cycleService()))
          .append("</td><td class=\"num\">").append(ReportFormat.quantity(Math.round(s.averageInventory())))
          .append("</td><td class=\"num\">").append(escape(format.money(s.totalCost())))
          .append("</td></tr>\n");
    }
    html.append("</tbody>\n</table>\n</section>\n");
  }

  private static void orders(StringBuilder html, PlannerPage page, RunSummary summary) {
    html.append("<section id=\"orders\">\n<h2>Orders</h2>\n<p>")
        .append(count(page.rows().size() + page.rowsLeftOut()))
        .append(" recommendations, ")
        .append(count(summary.ordersNow()))
        .append(" of them ")
        .append(term("orders to place now"))
        .append(". Quantities in units, amounts in ")
        .append(page.currency().isEmpty() ? "the items' currency" : escape(page.currency().strip()))
        .append(". Sort by a column's header, filter by its box, search by SKU or supplier;")
        .append(" click a row for the SKU's history, forecast and projected stock.</p>\n");
    if (page.rowsLeftOut() > 0) {
      html.append("<p class=\"note\">This page holds the ")
          .append(count(page.rows().size()))
          .append(" recommendations of the largest order value; the other ")
          .append(count(page.rowsLeftOut()))
          .append(" are in recommendations.csv and recommendations.xlsx beside it.</p>\n");
    }
    html
        .append("<div class=\"controls\">\n")
        .append("<label>Search SKU or supplier <input id=\"search\" type=\"search\"")
        .append(" autocomplete=\"off\" placeholder=\"e.g. 90513081\"></label>\n")
        .append("<label><input id=\"orders-only\" type=\"checkbox\" checked> ")
        .append("orders to place now only</label>\n")
        .append("<button id=\"clear-filters\" type=\"button\">clear filters</button>\n")
        .append("<span id=\"row-count\" aria-live=\"polite\"></span>\n</div>\n")
        .append("<div id=\"order-table\"></div>\n")
        .append("<noscript><p>The order table needs JavaScript; every recommendation is also in ")
        .append("recommendations.csv and recommendations.xlsx beside this page.</p></noscript>\n")
        .append("</section>\n")
        .append("<section id=\"sku-panel\" hidden></section>\n");
  }

  private static void charts(StringBuilder html, ReportData data, PlannerPage page) {
    String adjective = adjective(data.period());
    html.append("<section id=\"charts\">\n<h2>Largest series by forecast value</h2>\n");
    if (page.top().isEmpty()) {
      html.append("<p>No charts.</p>\n</section>\n");
      return;
    }
    html.append("<p>")
        .append(
            term(
                "sales history",
                Character.toUpperCase(adjective.charAt(0)) + adjective.substring(1)
                    + " sales history"))
        .append(", ")
        .append(term("forecast mean"))
        .append(" and median with the ")
        .append(term("forecast band", "p10–p90 band"))
        .append(" (units per ")
        .append(unit(data.period()))
        .append(") of the ")
        .append(page.top().size())
        .append(" series with the largest forecast value (forecast over the ")
        .append(term("horizon"))
        .append(" times unit cost). The reorder point and safety stock are quantities for the")
        .append(" whole protection interval: each SKU's panel draws them with its ")
        .append(term("projected stock"))
        .append(".</p>\n<div id=\"top-charts\"></div>\n</section>\n");
  }

  private static void glossary(StringBuilder html) {
    html.append("<section id=\"glossary\">\n<h2>Glossary</h2>\n<dl>\n");
    for (Glossary.Term t : Glossary.TERMS) {
      html.append("<dt id=\"g-")
          .append(Glossary.id(t.term()))
          .append("\">")
          .append(escape(t.term()))
          .append("</dt><dd>")
          .append(escape(t.definition()))
          .append("</dd>\n");
    }
    html.append("</dl>\n</section>\n");
  }

  private static void libraries(StringBuilder html, ReportAssets assets) {
    html.append("<section id=\"libraries\">\n<h2>Libraries in this page</h2>\n<p>The page")
        .append(" carries these libraries inside it, so that it opens without a network:</p>\n");
    for (ReportAssets.Library library : assets.libraries()) {
      html.append("<details><summary>")
          .append(escape(library.name()))
          .append(" ")
          .append(escape(library.version()))
          .append(", ")
          .append(escape(library.license()))
          .append(" licence: ")
          .append(escape(library.use()))
          .append("</summary>\n<pre>")
          .append(escape(library.licenseText().strip()))
          .append("</pre></details>\n");
    }
    html.append("</section>\n");
  }

  /** A link to the glossary entry of {@code term}, showing the term. */
  private static String term(String term) {
    return term(term, term);
  }

  /** A link to the glossary entry of {@code term}, showing {@code text}. */
  private static String term(String term, String text) {
    return "<a class=\"term\" href=\"#g-" + Glossary.id(term) + "\">" + escape(text) + "</a>";
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String timestamp(LocalDateTime utc) {
    return utc == null ? "—" : TIMESTAMP.format(utc);
  }

  private static String escape(String value) {
    return StringEscapeUtils.escapeHtml4(value);
  }

  /** The base64 SHA-256 of a script, for the Content-Security-Policy's script-src. */
  static String sha256(String script) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-256")
                  .digest(script.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
