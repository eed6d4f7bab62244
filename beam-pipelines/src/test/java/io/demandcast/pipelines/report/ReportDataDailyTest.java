package io.demandcast.pipelines.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.pipelines.model.PeriodType;
import io.demandcast.pipelines.report.ReportData.PeriodSales;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the report learns a run's calendar and draws a daily history. */
class ReportDataDailyTest {

  @Test
  void givenRunOptions_whenPeriodRead_thenTheRecordedCalendarElseMonth() {
    assertThat(ReportData.period("{\"period\":\"DAY\",\"horizon\":28}")).isEqualTo(PeriodType.DAY);
    assertThat(ReportData.period("{\"period\":\"WEEK\"}")).isEqualTo(PeriodType.WEEK);
    // runs recorded without options, without a period, or with one this build does not know
    assertThat(ReportData.period(null)).isEqualTo(PeriodType.MONTH);
    assertThat(ReportData.period("{}")).isEqualTo(PeriodType.MONTH);
    assertThat(ReportData.period("{\"period\":\"HOUR\"}")).isEqualTo(PeriodType.MONTH);
    assertThat(ReportData.period("not json")).isEqualTo(PeriodType.MONTH);
  }

  @Test
  void givenCalendars_whenHistoryBuckets_thenDaysForADailyRunAndMonthsOtherwise() {
    assertThat(ReportData.HistoryBuckets.of(PeriodType.DAY))
        .isEqualTo(new ReportData.HistoryBuckets("day", ReportData.HISTORY_DAYS, "daily"));
    for (PeriodType period : new PeriodType[] {PeriodType.MONTH, PeriodType.WEEK}) {
      assertThat(ReportData.HistoryBuckets.of(period))
          .isEqualTo(new ReportData.HistoryBuckets("month", ReportData.HISTORY_MONTHS, "monthly"));
    }
  }

  @Test
  void givenDaysWithSalesAndGaps_whenLastDays_thenEveryCalendarDayUpToTheLatestSaleGapsAsZero() {
    LocalDate monday = LocalDate.of(2025, 12, 22);
    List<PeriodSales> sales = List.of(
        new PeriodSales(monday.minusDays(10), 4),
        new PeriodSales(monday, 3),
        new PeriodSales(monday.plusDays(3), 5));
    List<PeriodSales> last = ReportData.lastDays(sales, 7);
    assertThat(last).extracting(PeriodSales::start)
        .containsExactly(monday.minusDays(3), monday.minusDays(2), monday.minusDays(1), monday,
            monday.plusDays(1), monday.plusDays(2), monday.plusDays(3));
    assertThat(last).extracting(PeriodSales::units)
        .containsExactly(0.0, 0.0, 0.0, 3.0, 0.0, 0.0, 5.0);
    // a shorter history starts at its first sale
    assertThat(ReportData.lastDays(sales, 100)).hasSize(14)
        .first().isEqualTo(new PeriodSales(monday.minusDays(10), 4));
    assertThat(ReportData.lastDays(List.of(), 7)).isEmpty();
  }

  @Test
  void givenCalendars_whenDescribedForTheSummary_thenUnitsPerPeriod() {
    assertThat(ReportHtml.calendar(PeriodType.DAY)).isEqualTo("daily (forecasts in units per day)");
    assertThat(ReportHtml.calendar(PeriodType.WEEK))
        .isEqualTo("weekly (forecasts in units per week)");
    assertThat(ReportHtml.calendar(PeriodType.MONTH))
        .isEqualTo("monthly (forecasts in units per month)");
  }
}
