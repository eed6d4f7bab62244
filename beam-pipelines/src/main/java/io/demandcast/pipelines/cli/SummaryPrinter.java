package io.demandcast.pipelines.cli;

import io.demandcast.connectors.Redaction;
import io.demandcast.pipelines.DemandcastJob;
import io.demandcast.pipelines.RowAccount;
import io.demandcast.pipelines.RunMetrics;
import io.demandcast.pipelines.report.PlannerReport;
import io.demandcast.pipelines.report.RunSummary;
import java.io.PrintWriter;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints the end-of-run summary; a URI in it is redacted ({@link Redaction}). */
final class SummaryPrinter {
  private SummaryPrinter() {}

  static void print(PrintWriter out, DemandcastJob.Result result, RunSummary s,
      PlannerReport.Written report, java.nio.file.Path warehouse) {
    out.println();
    out.printf("run %s complete in %.1f s%n", result.runId(), result.seconds());
    printSources(out, result);
    out.printf("  rows rejected      %,d  (%s)  -> latest_rejected_records%n",
        s.rejected(), list(s.rejectedBySource()));
    out.printf("  series forecast    %,d of %,d", s.seriesForecast(), s.seriesForecast() + s.seriesSkipped());
    if (s.seriesSkipped() > 0) {
      out.printf("  (skipped: %s)", s.skippedByReason().entrySet().stream()
          .map(e -> String.format("%,d %s", e.getValue(), e.getKey()))
          .collect(Collectors.joining("; ")));
    }
    out.println();
    out.printf("  models chosen      %s%n", list(s.modelsChosen()));
    if (s.maseSeries() > 0) {
      out.printf("  backtest MASE      %.3f chosen models vs %.3f seasonal naive (mean over %,d"
          + " series)%n", s.meanMaseSelected(), s.meanMaseSeasonalNaive(), s.maseSeries());
    } else {
      out.println("  backtest MASE      no series backtested (too short for a rolling origin)");
    }
    out.printf("  recommendations    %,d written; %,d orders to place now, value %,.2f; "
        + "%,d with quarantined stock%n",
        s.recommendations(), s.ordersNow(), s.orderValue(), s.quarantinedSeries());
    for (RunSummary.SimulatedService sim : s.simulation()) {
      if (sim.abcClass() != null) {
        continue;
      }
      out.printf("  %-18s %s %,d items, %s target %.3f: fill rate %.3f (item mean %.3f), "
              + "cycle service %.3f, average inventory %,.0f units%n",
          sim.selected() ? "policy simulation" : "",
          sim.model(), sim.items(), sim.measure(), sim.target(), sim.fillRate(),
          sim.meanItemFillRate(), sim.cycleService(), sim.averageInventory());
    }
    out.printf("  rows written       %s%n", list(result.rowsWritten()));
    out.printf("  report             %s%n", report.html());
    out.printf("  spreadsheet        %s%n", report.xlsx());
    out.printf("  query              ./demandcast sql%s \"select * from latest_recommendations"
        + " limit 5\"%n", warehouseArg(warehouse));
  }

  /**
   * The summary of a run whose outputs went to another warehouse than DuckDB: counts and where to
   * query them; the planner report (which reads a DuckDB warehouse) is not written.
   */
  static void printWithoutReport(PrintWriter out, DemandcastJob.Result result, String output) {
    out.println();
    out.printf("run %s complete in %.1f s%n", result.runId(), result.seconds());
    printSources(out, result);
    out.printf("  rows written       %s%n", list(result.rowsWritten()));
    out.printf("  outputs            %s (views latest_forecasts, latest_recommendations, ...)%n",
        Redaction.redact(output));
    out.println("  report             not written: the planner report reads a DuckDB warehouse");
  }

  /**
   * The {@code --warehouse} argument a next command needs: none for the default file in the
   * working directory, else the path as given (quoted when it has a space).
   */
  static String warehouseArg(java.nio.file.Path warehouse) {
    if (warehouse.normalize().equals(java.nio.file.Path.of(ExistingWarehouse.DEFAULT))) {
      return "";
    }
    String path = warehouse.toString();
    return " --warehouse " + (path.matches("[\\w./@:+-]+") ? path : "'" + path + "'");
  }

  /** As-of date, forecast origin, and per source: read = used + rejected. */
  static void printSources(PrintWriter out, DemandcastJob.Result result) {
    out.printf("  as of              %s; forecast origin: %s%n", result.asOf(),
        result.origin() == null ? "none (no sale qualified)"
            : "the period starting " + result.origin());
    out.printf("  rows read          %,d  (%s)%n", total(result.rowsRead()), list(result.rowsRead()));
    out.println("  per source         read = used + rejected");
    result.accounts().forEach((table, a) -> out.printf(
        "    %-21s %,10d = %,10d + %,d%n", table, a.read(), a.used(), a.rejected()));
    printAssumptions(out, result);
    if (result.flaggedSales() > 0) {
      out.printf("  flagged            %,d sales far outside their series' history were kept"
          + " (--outliers=flag)%n", result.flaggedSales());
    }
  }

  /** What the run assumed for lack of data, one line each, only when it did. */
  static void printAssumptions(PrintWriter out, DemandcastJob.Result result) {
    Map<String, Long> a = result.assumptions();
    String[][] lines = {
        {"assumed_lead_time", "series: lead time unknown, default assumed"
            + " (--default-lead-time-days)"},
        {"assumed_no_stock", "series: no stock snapshot, on hand taken as 0"},
        {"assumed_holding_cost_rate", "items: holding_cost_rate missing, default assumed"
            + " (--default-holding-cost-rate)"},
        {"assumed_order_cost", "items: order_cost missing, default assumed"
            + " (--default-order-cost)"}};
    boolean first = true;
    for (String[] line : lines) {
      long n = a.getOrDefault(line[0], 0L);
      if (n > 0) {
        out.printf("  %-18s %,d %s%n", first ? "assumed" : "", n, line[1]);
        first = false;
      }
    }
  }

  private static long total(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  private static String list(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .map(e -> String.format("%s %,d", e.getKey(), e.getValue()))
        .collect(Collectors.joining(", "));
  }
}
