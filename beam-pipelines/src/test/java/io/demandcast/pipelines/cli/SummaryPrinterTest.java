package io.demandcast.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.pipelines.DemandcastJob;
import io.demandcast.pipelines.RowAccount;
import io.demandcast.pipelines.report.PlannerReport;
import io.demandcast.pipelines.report.RunSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The end-of-run summary says what a first run on one's own data assumed, never prints NaN, and
 * suggests a next command that works from where the user is.
 */
class SummaryPrinterTest {
  private static DemandcastJob.Result result(Map<String, Long> assumptions) {
    Map<String, RowAccount> accounts = new LinkedHashMap<>();
    accounts.put("erp_sales", new RowAccount(30, 28, 2));
    accounts.put("erp_items", new RowAccount(3, 3, 0));
    return new DemandcastJob.Result("r1", Map.of("erp_sales", 30L, "erp_items", 3L),
        Map.of("inventory_recommendations", 3L), 1.5, accounts, LocalDate.of(2026, 12, 7),
        LocalDate.of(2026, 11, 1), 0, assumptions, 3);
  }

  /** A run of three short series: none long enough for a backtest. */
  private static RunSummary summary() {
    return new RunSummary("r1", Map.of("erp_sales", 2L), 3, 0, Map.of(), 0, Double.NaN,
        Double.NaN, Map.of("seasonal_naive", 3L), 3, 1, 10.0, 0, List.of());
  }

  private static String print(DemandcastJob.Result result, Path warehouse) {
    StringWriter text = new StringWriter();
    PlannerReport.Written report = new PlannerReport.Written(Path.of("reports/r1"),
        Path.of("reports/r1/recommendations.csv"), Path.of("reports/r1/recommendations.xlsx"),
        Path.of("reports/r1/index.html"), 0, summary());
    SummaryPrinter.print(new PrintWriter(text), result, summary(), report, warehouse);
    return text.toString();
  }

  @Test
  void givenDefaultsAssumed_whenPrinted_thenEachIsCountedWithItsOption() {
    Map<String, Long> assumed = new LinkedHashMap<>();
    assumed.put("assumed_lead_time", 3L);
    assumed.put("assumed_no_stock", 2L);
    assumed.put("assumed_holding_cost_rate", 1L);
    assumed.put("assumed_order_cost", 0L);
    String out = print(result(assumed), Path.of("demandcast.duckdb"));
    assertThat(out)
        .contains("assumed            3 series: lead time unknown, default assumed"
            + " (--default-lead-time-days)")
        .contains("2 series: no stock snapshot, on hand taken as 0")
        .contains("1 items: holding_cost_rate missing, default assumed")
        .doesNotContain("order_cost missing");
    assertThat(out).contains("erp_sales                     30 =         28 + 2");
  }

  @Test
  void givenNoSeriesBacktested_whenPrinted_thenNoNaN() {
    String out = print(result(Map.of()), Path.of("demandcast.duckdb"));
    assertThat(out).doesNotContain("NaN").contains("no series backtested");
  }

  @Test
  void givenAnotherWarehouse_whenPrinted_thenTheSuggestedQueryNamesIt() {
    assertThat(print(result(Map.of()), Path.of("demandcast.duckdb")))
        .contains("query              ./demandcast sql \"select * from latest_recommendations");
    assertThat(print(result(Map.of()), Path.of("out", "mine.duckdb")))
        .contains("./demandcast sql --warehouse out/mine.duckdb \"select");
    assertThat(print(result(Map.of()), Path.of("my data", "w.duckdb")))
        .contains("./demandcast sql --warehouse 'my data/w.duckdb' \"select");
  }
}
