package io.demandcast.pipelines.report;

import io.demandcast.forecasting.models.SeasonalNaive;
import io.demandcast.pipelines.model.PeriodType;
import io.demandcast.pipelines.report.ReportData.Order;
import io.demandcast.pipelines.report.ReportData.SeriesChart;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.text.StringEscapeUtils;

/**
 * The planner report as one self-contained HTML page: inline style, charts embedded as PNG data
 * URIs, nothing fetched from the network. Every value from the warehouse is HTML-escaped.
 */
final class ReportHtml {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private static final String STYLE =
      """
      body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
             margin: 2rem; color: #222; }
      h1 { font-size: 1.5rem; }
      h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
      table { border-collapse: collapse; margin: 0.5rem 0; }
      th, td { padding: 0.25rem 0.75rem; border-bottom: 1px solid #e4e4e4; text-align: left; }
      thead th { background: #f2f2f2; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; }
      table.summary th { font-weight: normal; color: #555; }
      table.summary tr.sub th { padding-left: 2rem; }
      figure { margin: 1.5rem 0; }
      figcaption { color: #555; font-size: 0.9rem; }
      img { max-width: 100%; height: auto; border: 1px solid #e4e4e4; }
      """;

  private ReportHtml() {}

  /** The page of a run, with one chart per {@link ReportData#charts()} entry. */
  static String render(ReportData data, RunSummary summary) {
    String title = "demandcast — planner report — " + escape(data.runId());
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(title)
        .append("</title>\n<style>\n")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n<h1>")
        .append(title)
        .append("</h1>\n");
    summary(html, data, summary);
    service(html, summary);
    orders(html, data, summary);
    charts(html, data);
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
    String unit = period.name().toLowerCase(Locale.ROOT);
    String adjective = period == PeriodType.DAY ? "daily" : unit + "ly";
    return adjective + " (forecasts in units per " + unit + ")";
  }

  /** A quantity or an amount for display: two decimals, thousands grouped. */
  static String units(double value) {
    return String.format(Locale.ROOT, "%,.2f", value);
  }

  private static void summary(StringBuilder html, ReportData data, RunSummary summary) {
    html.append("<section id=\"summary\">\n<h2>Run summary</h2>\n<table class=\"summary\">\n");
    row(html, "", "run id", escape(data.runId()));
    row(html, "", "started (UTC)", timestamp(data.startedAt()));
    row(html, "", "finished (UTC)", timestamp(data.finishedAt()));
    row(html, "", "demand calendar", escape(calendar(data.period())));
    row(html, "", "series forecast", Long.toString(summary.seriesForecast()));
    row(html, "", "series skipped", Long.toString(summary.seriesSkipped()));
    row(html, "", "rows rejected", Long.toString(summary.rejected()));
    for (Map.Entry<String, Long> source : summary.rejectedBySource().entrySet()) {
      row(html, "sub", "from " + escape(source.getKey()), Long.toString(source.getValue()));
    }
    if (summary.maseSeries() == 0) {
      row(
          html,
          "",
          "mean backtest MASE",
          "n/a (no series with both the selected and the " + SeasonalNaive.NAME + " MASE)");
    } else {
      row(
          html,
          "",
          "mean backtest MASE, selected models",
          String.format(
              Locale.ROOT,
              "%.3f (over %d series)",
              summary.meanMaseSelected(),
              summary.maseSeries()));
      row(
          html,
          "",
          "mean backtest MASE, " + SeasonalNaive.NAME,
          String.format(Locale.ROOT, "%.3f", summary.meanMaseSeasonalNaive()));
    }
    row(html, "", "recommendations written", Long.toString(summary.recommendations()));
    row(html, "", "orders to place now", Long.toString(summary.ordersNow()));
    row(html, "", "value of orders to place now", units(summary.orderValue()));
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
  private static void service(StringBuilder html, RunSummary summary) {
    if (summary.simulation().isEmpty()) {
      return;
    }
    html.append("<section id=\"service\">\n<h2>Service: target against achieved</h2>\n")
        .append("<p>Each policy was set from a forecast made before the last held-out periods and ")
        .append("replayed over their actual demand (table <code>policy_simulation</code>).</p>\n")
        .append("<table>\n<thead><tr><th>forecast</th><th>class</th><th>items</th>")
        .append("<th>target</th><th>fill rate</th><th>item mean fill rate</th>")
        .append("<th>cycle service</th><th>average inventory</th><th>cost</th></tr></thead>\n")
        .append("<tbody>\n");
    for (RunSummary.SimulatedService s : summary.simulation()) {
      html.append("<tr><td>").append(escape(s.model())).append("</td><td>")
          .append(s.abcClass() == null ? "all" : escape(s.abcClass())).append("</td><td>")
          .append(s.items()).append("</td><td>")
          .append(String.format(Locale.ROOT, "%.3f %s", s.target(), escape(s.measure())))
          .append("</td><td>").append(String.format(Locale.ROOT, "%.3f", s.fillRate()))
          .append("</td><td>").append(String.format(Locale.ROOT, "%.3f", s.meanItemFillRate()))
          .append("</td><td>").append(String.format(Locale.ROOT, "%.3f", s.cycleService()))
          .append("</td><td>").append(units(s.averageInventory()))
          .append("</td><td>").append(units(s.totalCost())).append("</td></tr>\n");
    }
    html.append("</tbody>\n</table>\n</section>\n");
  }

  private static void orders(StringBuilder html, ReportData data, RunSummary summary) {
    html.append("<section id=\"orders\">\n<h2>Orders to place now</h2>\n");
    if (data.topOrders().isEmpty()) {
      html.append("<p>No orders to place now.</p>\n</section>\n");
      return;
    }
    html.append("<p>The ")
        .append(data.topOrders().size())
        .append(" of ")
        .append(summary.ordersNow())
        .append(" orders with the largest value; quantities in units, values in currency.</p>\n")
        .append("<table>\n<thead><tr><th>SKU</th><th>location</th><th>on hand</th>")
        .append("<th>quarantined</th><th>on order</th><th>reorder point</th>")
        .append("<th>order-up-to</th><th>recommended qty</th><th>value</th><th>reason</th>")
        .append("</tr></thead>\n<tbody>\n");
    for (Order order : data.topOrders()) {
      html.append("<tr><td>")
          .append(escape(order.sku()))
          .append("</td><td>")
          .append(escape(order.location()))
          .append("</td>");
      for (double number :
          new double[] {
            order.onHand(),
            order.quarantined(),
            order.onOrder(),
            order.reorderPoint(),
            order.orderUpTo(),
            order.quantity(),
            order.value()
          }) {
        html.append("<td class=\"num\">").append(units(number)).append("</td>");
      }
      html.append("<td>").append(escape(order.reason())).append("</td></tr>\n");
    }
    html.append("</tbody>\n</table>\n</section>\n");
  }

  private static void charts(StringBuilder html, ReportData data) {
    html.append("<section id=\"charts\">\n<h2>Largest series by forecast value</h2>\n");
    if (data.charts().isEmpty()) {
      html.append("<p>No charts.</p>\n</section>\n");
      return;
    }
    ReportData.HistoryBuckets buckets = ReportData.HistoryBuckets.of(data.period());
    String adjective = buckets.adjective();
    html.append("<p>")
        .append(Character.toUpperCase(adjective.charAt(0)))
        .append(adjective.substring(1))
        .append(" sales history, forecast median with its p10–p90 band (units per ")
        .append(data.period().name().toLowerCase(Locale.ROOT))
        .append("), and the reorder point (units).</p>\n");
    for (SeriesChart series : data.charts()) {
      String name = "SKU " + escape(series.sku()) + " at " + escape(series.location());
      html.append("<figure>\n<img src=\"data:image/png;base64,")
          .append(Base64.getEncoder().encodeToString(ForecastChart.png(series, buckets)))
          .append("\" width=\"")
          .append(ForecastChart.WIDTH)
          .append("\" height=\"")
          .append(ForecastChart.HEIGHT)
          .append("\" alt=\"Demand history and forecast of ")
          .append(name)
          .append("\">\n<figcaption>")
          .append(name)
          .append(": forecast value ")
          .append(units(series.forecastValue()))
          .append(" over the horizon; reorder point ")
          .append(units(series.reorderPoint()))
          .append(" units.</figcaption>\n</figure>\n");
    }
    html.append("</section>\n");
  }

  private static String timestamp(LocalDateTime utc) {
    return utc == null ? "—" : TIMESTAMP.format(utc);
  }

  private static String escape(String value) {
    return StringEscapeUtils.escapeHtml4(value);
  }
}
