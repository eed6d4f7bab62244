package io.demandcast.pipelines.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.pipelines.model.PeriodType;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The forecast origin: the last period complete on the as-of date whose sales volume is like the
 * periods before it. Counts are hand-made; the expected origins follow from the rule's two
 * conditions.
 */
class ForecastOriginTest {
  private static final LocalDate JAN_2002 = LocalDate.of(2002, 1, 1);

  /** {@code months} monthly periods from January 2002 with {@code rows} rows each. */
  private static Map<Long, Long> steady(int months, long rows) {
    Map<Long, Long> counts = new TreeMap<>();
    for (int i = 0; i < months; i++) {
      counts.put(JAN_2002.plusMonths(i).toEpochDay(), rows);
    }
    return counts;
  }

  private static LocalDate origin(ForecastOrigin o) {
    return LocalDate.ofEpochDay(o.lastPeriod());
  }

  @Test
  void givenSteadyHistoryLongBeforeTheAsOfDate_whenChosen_thenItsLastPeriod() {
    ForecastOrigin o =
        ForecastOrigin.choose(steady(15, 2674), PeriodType.MONTH, LocalDate.of(2026, 12, 7));
    assertThat(origin(o)).isEqualTo(LocalDate.of(2003, 3, 1));
    assertThat(o.sparse()).isNull();
  }

  @Test
  void givenOneStraySaleYearsAfterTheHistory_whenChosen_thenTheOriginDoesNotMove() {
    Map<Long, Long> counts = steady(15, 2674);
    counts.put(LocalDate.of(2026, 11, 1).toEpochDay(), 1L);
    ForecastOrigin o = ForecastOrigin.choose(counts, PeriodType.MONTH, LocalDate.of(2026, 12, 7));
    assertThat(origin(o)).isEqualTo(LocalDate.of(2003, 3, 1));
    assertThat(o.isAfter(LocalDate.of(2026, 11, 1).toEpochDay())).isTrue();
    assertThat(o.reasonAfter(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 1)))
        .contains("2026-11-01 holds 1 sales rows against a median of 2,674")
        .contains("forecast origin is the period starting 2003-03-01");
  }

  @Test
  void givenAsOfInsideAPeriod_whenChosen_thenThatPeriodIsNotComplete() {
    // data runs to December 2002, as of 2002-12-07: December is still running
    ForecastOrigin o =
        ForecastOrigin.choose(steady(12, 100), PeriodType.MONTH, LocalDate.of(2002, 12, 7));
    assertThat(origin(o)).isEqualTo(LocalDate.of(2002, 11, 1));
    assertThat(o.reasonAfter(LocalDate.of(2002, 12, 3), LocalDate.of(2002, 12, 1)))
        .contains("not complete on the as-of date 2002-12-07");
  }

  @Test
  void givenAsOfOnThePeriodsLastDay_whenChosen_thenThatPeriodIsComplete() {
    ForecastOrigin o =
        ForecastOrigin.choose(steady(12, 100), PeriodType.MONTH, LocalDate.of(2002, 12, 31));
    assertThat(origin(o)).isEqualTo(LocalDate.of(2002, 12, 1));
  }

  @Test
  void givenAnExportCutEarlyInTheLastPeriod_whenChosen_thenThatPeriodIsSkipped() {
    // 12 months of 400 rows and a 13th of 80 (a fifth): below a quarter of the median
    Map<Long, Long> counts = steady(12, 400);
    counts.put(JAN_2002.plusMonths(12).toEpochDay(), 80L);
    ForecastOrigin o = ForecastOrigin.choose(counts, PeriodType.MONTH, LocalDate.of(2026, 1, 1));
    assertThat(origin(o)).isEqualTo(LocalDate.of(2002, 12, 1));
    // 120 of 400 (30 %) is enough
    counts.put(JAN_2002.plusMonths(12).toEpochDay(), 120L);
    assertThat(origin(ForecastOrigin.choose(counts, PeriodType.MONTH, LocalDate.of(2026, 1, 1))))
        .isEqualTo(LocalDate.of(2003, 1, 1));
  }

  @Test
  void givenATinyWarehouseWithOneSaleAPeriod_whenChosen_thenNothingIsCut() {
    Map<Long, Long> counts = new TreeMap<>();
    counts.put(JAN_2002.toEpochDay(), 2L);
    counts.put(JAN_2002.plusMonths(3).toEpochDay(), 1L);
    counts.put(JAN_2002.plusMonths(7).toEpochDay(), 1L);
    ForecastOrigin o = ForecastOrigin.choose(counts, PeriodType.MONTH, LocalDate.of(2026, 1, 1));
    assertThat(origin(o)).isEqualTo(JAN_2002.plusMonths(7));
  }

  @Test
  void givenWeeklyCalendar_whenAsOfIsASunday_thenThatWeekIsComplete() {
    Map<Long, Long> counts = new TreeMap<>();
    LocalDate monday = LocalDate.of(2026, 11, 2);
    for (int i = 0; i < 6; i++) {
      counts.put(monday.plusWeeks(i).toEpochDay(), 50L);
    }
    // as of Sunday 2026-12-06: the week of Monday 2026-11-30 is complete
    assertThat(origin(ForecastOrigin.choose(counts, PeriodType.WEEK, LocalDate.of(2026, 12, 6))))
        .isEqualTo(LocalDate.of(2026, 11, 30));
    // as of Saturday 2026-12-05 it is not
    assertThat(origin(ForecastOrigin.choose(counts, PeriodType.WEEK, LocalDate.of(2026, 12, 5))))
        .isEqualTo(LocalDate.of(2026, 11, 23));
  }

  @Test
  void givenNoSale_whenChosen_thenNoHistory() {
    ForecastOrigin o = ForecastOrigin.choose(Map.of(), PeriodType.MONTH, LocalDate.of(2026, 1, 1));
    assertThat(o.hasHistory()).isFalse();
    assertThat(o.reasonAfter(LocalDate.of(2026, 1, 2), LocalDate.of(2026, 1, 1)))
        .contains("no period qualifies as the forecast origin");
  }

  /** Twelve weeks of daily counts to Sunday 2025-12-28: 100 rows on a weekday, 10 on a Sunday. */
  private static Map<Long, Long> quietSundays() {
    Map<Long, Long> counts = new TreeMap<>();
    LocalDate sunday = LocalDate.of(2025, 12, 28);
    for (int i = 0; i < 84; i++) {
      LocalDate day = sunday.minusDays(i);
      counts.put(day.toEpochDay(), day.getDayOfWeek() == java.time.DayOfWeek.SUNDAY ? 10L : 100L);
    }
    return counts;
  }

  @Test
  void givenDailyCountsWithQuietSundays_whenChosenOnASunday_thenTheSundayIsTheOrigin() {
    // 10 rows are a tenth of a weekday's but like the Sundays before: the day is complete
    ForecastOrigin o =
        ForecastOrigin.choose(quietSundays(), PeriodType.DAY, LocalDate.of(2025, 12, 28));
    assertThat(origin(o)).isEqualTo(LocalDate.of(2025, 12, 28));
    assertThat(o.sparse()).isNull();
  }

  @Test
  void givenDailyCountsWithANearlyEmptyLastDay_whenChosen_thenTheDayBeforeAndTheReasonSaysWhy() {
    Map<Long, Long> counts = quietSundays();
    // an export cut early on Monday 2025-12-29: 3 rows against 100 on the Mondays before
    counts.put(LocalDate.of(2025, 12, 29).toEpochDay(), 3L);
    ForecastOrigin o = ForecastOrigin.choose(counts, PeriodType.DAY, LocalDate.of(2025, 12, 29));
    assertThat(origin(o)).isEqualTo(LocalDate.of(2025, 12, 28));
    assertThat(o.reasonAfter(LocalDate.of(2025, 12, 29), LocalDate.of(2025, 12, 29)))
        .contains("the day 2025-12-29 holds 3 sales rows against a median of 100 in the 12"
            + " Mondays with sales before it");
  }

  @Test
  void givenDailyCounts_whenAsOfIsTheLastDay_thenThatDayIsComplete() {
    ForecastOrigin o =
        ForecastOrigin.choose(quietSundays(), PeriodType.DAY, LocalDate.of(2025, 12, 27));
    // as of Saturday: the Sunday is after the as-of date, so not complete
    assertThat(origin(o)).isEqualTo(LocalDate.of(2025, 12, 27));
    assertThat(o.lastComplete()).isEqualTo(LocalDate.of(2025, 12, 27).toEpochDay());
  }
}
