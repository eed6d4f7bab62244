package io.demandcast.pipelines.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The demand calendar: period starts, stepping and counting, across year boundaries. */
class PeriodTypeTest {

  @Test
  void givenAnyDayOfMonth_whenMonthStart_thenFirstOfThatMonth() {
    assertThat(PeriodType.MONTH.start(LocalDate.of(2024, 2, 29))).isEqualTo(LocalDate.of(2024, 2, 1));
    assertThat(PeriodType.MONTH.start(LocalDate.of(2025, 12, 31))).isEqualTo(LocalDate.of(2025, 12, 1));
    assertThat(PeriodType.MONTH.start(LocalDate.of(2026, 1, 1))).isEqualTo(LocalDate.of(2026, 1, 1));
  }

  @Test
  void givenDaysAroundNewYear_whenWeekStart_thenMondayOfTheIsoWeek() {
    // 2026-01-01 is a Thursday, 2026-01-04 a Sunday: both in the week of Monday 2025-12-29
    assertThat(PeriodType.WEEK.start(LocalDate.of(2026, 1, 1))).isEqualTo(LocalDate.of(2025, 12, 29));
    assertThat(PeriodType.WEEK.start(LocalDate.of(2026, 1, 4))).isEqualTo(LocalDate.of(2025, 12, 29));
    // a Monday is its own week's start
    assertThat(PeriodType.WEEK.start(LocalDate.of(2026, 1, 5))).isEqualTo(LocalDate.of(2026, 1, 5));
  }

  @Test
  void givenEveryDayOfAFortnight_whenWeekStart_thenAMondayAtMostSixDaysBefore() {
    LocalDate day = LocalDate.of(2025, 12, 22);
    for (int i = 0; i < 14; i++, day = day.plusDays(1)) {
      LocalDate start = PeriodType.WEEK.start(day);
      assertThat(start.getDayOfWeek()).as("%s", day).isEqualTo(DayOfWeek.MONDAY);
      assertThat(start).as("%s", day).isBeforeOrEqualTo(day).isAfter(day.minusDays(7));
    }
  }

  @Test
  void givenPeriodStartInNovember_whenPlusAcrossYearEnd_thenNextYear() {
    assertThat(PeriodType.MONTH.plus(LocalDate.of(2025, 11, 1), 3)).isEqualTo(LocalDate.of(2026, 2, 1));
    // Mon 2025-12-22 + 2 weeks = Mon 2026-01-05
    assertThat(PeriodType.WEEK.plus(LocalDate.of(2025, 12, 22), 2)).isEqualTo(LocalDate.of(2026, 1, 5));
    assertThat(PeriodType.MONTH.plus(LocalDate.of(2026, 2, 1), -3)).isEqualTo(LocalDate.of(2025, 11, 1));
  }

  @Test
  void givenPeriodStartsAcrossYearEnd_whenBetween_thenWholePeriods() {
    assertThat(PeriodType.MONTH.between(LocalDate.of(2025, 11, 1), LocalDate.of(2026, 2, 1))).isEqualTo(3);
    assertThat(PeriodType.MONTH.between(LocalDate.of(2026, 2, 1), LocalDate.of(2025, 11, 1))).isEqualTo(-3);
    assertThat(PeriodType.WEEK.between(LocalDate.of(2025, 12, 22), LocalDate.of(2026, 1, 5))).isEqualTo(2);
    // Mon 2025-12-29 + 364 days = Mon 2026-12-28
    assertThat(PeriodType.WEEK.between(LocalDate.of(2025, 12, 29), LocalDate.of(2026, 12, 28))).isEqualTo(52);
  }

  @Test
  void givenAnyN_whenBetweenStartAndPlusN_thenN() {
    for (PeriodType period : PeriodType.values()) {
      LocalDate start = period.start(LocalDate.of(2024, 12, 31));
      for (int n = 0; n <= 120; n++) {
        assertThat(period.between(start, period.plus(start, n))).as("%s %d", period, n).isEqualTo(n);
      }
    }
  }

  @Test
  void givenPeriodTypes_whenSeasonAndLength_thenYearlyCycle() {
    assertThat(PeriodType.MONTH.seasonalPeriod()).isEqualTo(12);
    assertThat(PeriodType.WEEK.seasonalPeriod()).isEqualTo(52);
    // 365.25 / 12 = 30.4375
    assertThat(PeriodType.MONTH.days()).isCloseTo(30.4375, within(1e-12));
    assertThat(PeriodType.WEEK.days()).isEqualTo(7.0);
  }
}
