package io.demandcast.pipelines.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.pipelines.model.PeriodType;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
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
  void givenCalendars_whenHistoryPeriods_thenHalfAYearOfDaysTwoYearsOfWeeksThreeOfMonths() {
    assertThat(PlannerPage.historyPeriods(PeriodType.DAY)).isEqualTo(182);
    assertThat(PlannerPage.historyPeriods(PeriodType.WEEK)).isEqualTo(104);
    assertThat(PlannerPage.historyPeriods(PeriodType.MONTH)).isEqualTo(36);
  }

  @Test
  void givenDaysWithSalesAndGaps_whenFilled_thenEveryDayFromTheFirstSaleToTheOriginGapsAsZero() {
    LocalDate monday = LocalDate.of(2025, 12, 22);
    TreeMap<LocalDate, Double> sales = new TreeMap<>(Map.of(
        monday.minusDays(200), 4.0,
        monday.minusDays(3), 3.0,
        monday, 5.0));
    PlannerPage.History last = PlannerPage.fill(sales, monday.plusDays(1), PeriodType.DAY);
    // 182 days up to the one before the forecast's first: from the 181st day before Monday
    assertThat(last.starts()).hasSize(182);
    assertThat(last.starts().get(0)).isEqualTo(monday.minusDays(181));
    assertThat(last.units().subList(178, 182)).containsExactly(3.0, 0.0, 0.0, 5.0);
    assertThat(last.units().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(8.0);
    // a shorter history starts at its first sale; none, no history
    PlannerPage.History shorter =
        PlannerPage.fill(new TreeMap<>(Map.of(monday.minusDays(3), 3.0)), monday.plusDays(1),
            PeriodType.DAY);
    assertThat(shorter.units()).containsExactly(3.0, 0.0, 0.0, 0.0);
    assertThat(PlannerPage.fill(new TreeMap<>(), monday, PeriodType.DAY).starts()).isEmpty();
  }

  @Test
  void givenWeeksWithGaps_whenFilled_thenEveryIsoWeekUpToTheOrigin() {
    LocalDate monday = LocalDate.of(2025, 12, 1);
    TreeMap<LocalDate, Double> sales = new TreeMap<>(Map.of(monday, 2.0, monday.plusWeeks(2), 7.0));
    PlannerPage.History weeks = PlannerPage.fill(sales, monday.plusWeeks(4), PeriodType.WEEK);
    assertThat(weeks.starts())
        .containsExactly(monday, monday.plusWeeks(1), monday.plusWeeks(2), monday.plusWeeks(3));
    assertThat(weeks.units()).containsExactly(2.0, 0.0, 7.0, 0.0);
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
