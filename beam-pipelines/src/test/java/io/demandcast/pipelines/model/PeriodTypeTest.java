package io.demandcast.pipelines.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.forecasting.Seasonality;
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

  @Test
  void givenEveryDay_whenDayStart_thenTheDayItself() {
    LocalDate day = LocalDate.of(2023, 12, 25);
    for (int i = 0; i < 800; i++, day = day.plusDays(1)) {
      assertThat(PeriodType.DAY.start(day)).isEqualTo(day);
    }
  }

  @Test
  void givenDayStartsAcrossYearEndAndLeapDay_whenPlusAndBetween_thenCalendarDays() {
    PeriodType day = PeriodType.DAY;
    assertThat(day.plus(LocalDate.of(2025, 12, 28), 4)).isEqualTo(LocalDate.of(2026, 1, 1));
    assertThat(day.plus(LocalDate.of(2024, 2, 28), 1)).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(day.plus(LocalDate.of(2024, 3, 1), -1)).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(day.between(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 1, 1))).isEqualTo(366);
    assertThat(day.between(LocalDate.of(2026, 1, 1), LocalDate.of(2025, 12, 28))).isEqualTo(-4);
  }

  @Test
  void givenDay_whenSeasonalityAndLength_thenAWeekAndAYear_sevenForSingleSeasonModels_oneDay() {
    assertThat(PeriodType.DAY.seasonality()).isEqualTo(Seasonality.of(7, 365.25));
    assertThat(PeriodType.DAY.seasonalPeriod()).isEqualTo(7);
    assertThat(PeriodType.DAY.days()).isEqualTo(1.0);
    // each cycle must fit twice: a daily history of 800 days can estimate both, of ten weeks
    // only the week
    assertThat(PeriodType.DAY.seasonality().estimable(800)).containsExactly(7.0, 365.25);
    assertThat(PeriodType.DAY.seasonality().estimable(70)).containsExactly(7.0);
  }

  @Test
  void givenEveryCalendar_whenSeasonality_thenItsPrimaryIsTheSinglePeriodTheModelsUse() {
    assertThat(PeriodType.MONTH.seasonality()).isEqualTo(Seasonality.of(12));
    assertThat(PeriodType.WEEK.seasonality()).isEqualTo(Seasonality.of(52.18));
    for (PeriodType period : PeriodType.values()) {
      assertThat(period.seasonalPeriod()).as("%s", period)
          .isEqualTo(period.seasonality().primary());
    }
  }

  @Test
  void givenEveryCalendar_whenRunDefaults_thenDaysGetFourWeeksAndMonthsAndWeeksKeepTheirs() {
    assertThat(PeriodType.MONTH.defaultHorizon()).isEqualTo(12);
    assertThat(PeriodType.WEEK.defaultHorizon()).isEqualTo(12);
    assertThat(PeriodType.DAY.defaultHorizon()).isEqualTo(28);
    assertThat(PeriodType.MONTH.defaultBacktestStep()).isEqualTo(3);
    assertThat(PeriodType.WEEK.defaultBacktestStep()).isEqualTo(3);
    assertThat(PeriodType.DAY.defaultBacktestStep()).isEqualTo(7);
    assertThat(PeriodType.DAY.defaultSimulationPeriods()).isEqualTo(28);
    assertThat(PeriodType.DAY.defaultWarmUpPeriods()).isEqualTo(84);
    for (PeriodType period : new PeriodType[] {PeriodType.MONTH, PeriodType.WEEK}) {
      assertThat(period.defaultSimulationPeriods()).isEqualTo(12);
      assertThat(period.defaultWarmUpPeriods()).isEqualTo(12);
    }
  }

  @Test
  void givenPeriodStarts_whenDescribed_thenWordsForMessages() {
    assertThat(PeriodType.MONTH.describe(LocalDate.of(2024, 12, 1)))
        .isEqualTo("the month starting 2024-12-01");
    assertThat(PeriodType.WEEK.describe(LocalDate.of(2024, 12, 2)))
        .isEqualTo("the week starting 2024-12-02");
    assertThat(PeriodType.DAY.describe(LocalDate.of(2024, 12, 1))).isEqualTo("the day 2024-12-01");
  }
}
