package io.demandcast.forecasting.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link Holidays}, {@link PeriodDates} and {@link HolidayRegressors} against Jollyday
 * itself and against the published bank holidays of England and Wales (gov.uk; 1998: New Year's
 * Day Thu 1 Jan, Good Friday 10 Apr, Easter Monday 13 Apr, Early May 4 May, Spring 25 May, Summer
 * 31 Aug, Christmas Fri 25 Dec, Boxing Day Sat 26 Dec with the substitute day Mon 28 Dec).
 */
class HolidaysTest {

  private static final List<LocalDate> ENGLAND_1998 =
      List.of(
          LocalDate.of(1998, 1, 1),
          LocalDate.of(1998, 4, 10),
          LocalDate.of(1998, 4, 13),
          LocalDate.of(1998, 5, 4),
          LocalDate.of(1998, 5, 25),
          LocalDate.of(1998, 8, 31),
          LocalDate.of(1998, 12, 25),
          LocalDate.of(1998, 12, 28));

  @Test
  void givenEngland1998_whenBetween_thenThePublishedBankHolidays() {
    List<Holidays.Holiday> holidays =
        Holidays.of("gb-eng").between(LocalDate.of(1998, 1, 1), LocalDate.of(1998, 12, 31));

    assertThat(holidays).extracting(Holidays.Holiday::date).containsExactlyElementsOf(ENGLAND_1998);
    assertThat(holidays)
        .extracting(Holidays.Holiday::key)
        .contains("easter_monday", "good_friday", "christmas", "early_may_bank_holiday");
    assertThat(Holidays.of("gb-eng").region()).isEqualTo("GB-ENG");
  }

  @Test
  void givenRegions_whenBetween_thenSameDaysAsJollydayWithoutObservances() {
    for (String region : List.of("GB", "GB-ENG", "GB-SCT", "US-CA", "DE-BY", "DE")) {
      String[] parts = region.toLowerCase().split("-");
      String[] args = java.util.Arrays.copyOfRange(parts, 1, parts.length);
      LocalDate from = LocalDate.of(1996, 1, 1);
      LocalDate to = LocalDate.of(2025, 12, 31);
      List<LocalDate> expected =
          HolidayManager.getInstance(ManagerParameters.create(parts[0]))
              .getHolidays(from, to, args)
              .stream()
              .filter(h -> h.getType() != HolidayType.OBSERVANCE)
              .map(de.focus_shift.jollyday.core.Holiday::getDate)
              .filter(d -> !d.isBefore(from) && !d.isAfter(to))
              .sorted()
              .collect(Collectors.toList());

      List<LocalDate> actual =
          Holidays.of(region).between(from, to).stream().map(Holidays.Holiday::date).toList();

      assertThat(actual).as(region).containsExactlyElementsOf(expected).hasSizeGreaterThan(100);
    }
  }

  @Test
  void givenTheUkAsAWhole_whenBetween_thenEasterMondayIsEnglands() {
    List<LocalDate> uk =
        Holidays.of("GB").between(LocalDate.of(1998, 1, 1), LocalDate.of(1998, 12, 31)).stream()
            .map(Holidays.Holiday::date)
            .toList();

    assertThat(uk).doesNotContain(LocalDate.of(1998, 4, 13), LocalDate.of(1998, 8, 31));
    assertThat(uk).contains(LocalDate.of(1998, 4, 10), LocalDate.of(1998, 5, 4));
    assertThat(Holidays.subdivisions("GB")).contains("GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR");
  }

  @Test
  void givenUnknownRegions_whenOf_thenTheMessageSaysWhatExists() {
    assertThatThrownBy(() -> Holidays.of("XX"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown holiday region 'XX'")
        .hasMessageContaining("FR, GB, GE")
        .hasMessageContaining("subdivisions");
    assertThatThrownBy(() -> Holidays.of("GB-XYZ"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown holiday region 'GB-XYZ'")
        .hasMessageContaining("GB-ENG, GB-NIR, GB-SCT, GB-WLS");
    assertThatThrownBy(() -> Holidays.of(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown holiday region");
  }

  @Test
  void givenDailyPeriods_whenBuild_thenOnesOnTheHolidaysAndTheirNeighbours() {
    // NN5's test part: 1998-03-23 to 1998-05-17
    LocalDate first = LocalDate.of(1998, 3, 23);
    Regressors x =
        new HolidayRegressors(true, 1, 1).build(Holidays.of("GB-ENG"), PeriodDates.daily(first), 56);

    assertThat(x.names())
        .containsExactly(
            "good_friday-1", "good_friday", "good_friday+1",
            "easter_monday-1", "easter_monday", "easter_monday+1",
            "early_may_bank_holiday-1", "early_may_bank_holiday", "early_may_bank_holiday+1");
    Map<String, LocalDate> expected =
        Map.of(
            "good_friday", LocalDate.of(1998, 4, 10),
            "good_friday-1", LocalDate.of(1998, 4, 9),
            "easter_monday", LocalDate.of(1998, 4, 13),
            "easter_monday+1", LocalDate.of(1998, 4, 14),
            "early_may_bank_holiday", LocalDate.of(1998, 5, 4));
    expected.forEach(
        (name, day) -> {
          double[] column = x.column(x.names().indexOf(name));
          int t = (int) (day.toEpochDay() - first.toEpochDay());
          assertThat(column[t]).as(name).isEqualTo(1.0);
          assertThat(java.util.Arrays.stream(column).sum()).as(name).isEqualTo(1.0);
        });
  }

  @Test
  void givenChristmas_whenBuild_thenBoxingDayIsNotTheDayAfterChristmas() {
    LocalDate first = LocalDate.of(1997, 12, 1);
    Regressors x =
        new HolidayRegressors(true, 1, 1).build(Holidays.of("GB-ENG"), PeriodDates.daily(first), 31);

    assertThat(x.names()).contains("christmas-1", "christmas", "boxing_day", "boxing_day+1");
    assertThat(x.names()).doesNotContain("christmas+1", "boxing_day-1");
    double[] pooled =
        new HolidayRegressors(false, 0, 0)
            .build(Holidays.of("GB-ENG"), PeriodDates.daily(first), 31)
            .column(0);
    assertThat(pooled[24]).isEqualTo(1.0); // 25 December
    assertThat(pooled[25]).isEqualTo(1.0);
    assertThat(java.util.Arrays.stream(pooled).sum()).isEqualTo(2.0);
  }

  @Test
  void givenWeeksAndMonths_whenBuild_thenHolidayDaysPerPeriod() {
    // weeks from Monday 1998-04-06: Good Friday and Easter Monday in weeks 0 and 1
    Regressors weekly =
        new HolidayRegressors(false, 0, 0)
            .build(
                Holidays.of("GB-ENG"),
                new PeriodDates(LocalDate.of(1998, 4, 6), Period.ofDays(7)),
                3);
    assertThat(weekly.column(0)).containsExactly(1.0, 1.0, 0.0);

    // months labelled by their last day: April 1998 holds Good Friday and Easter Monday
    PeriodDates monthEnds = new PeriodDates(LocalDate.of(1998, 1, 31), Period.ofMonths(1));
    double[] months =
        new HolidayRegressors(false, 0, 0).build(Holidays.of("GB-ENG"), monthEnds, 12).column(0);
    assertThat(months).containsExactly(1, 0, 0, 2, 2, 0, 0, 1, 0, 0, 0, 2);
    assertThat(monthEnds.indexOf(LocalDate.of(1998, 4, 13))).isEqualTo(3);
    assertThat(monthEnds.indexOf(LocalDate.of(1998, 1, 1))).isZero();
    assertThat(monthEnds.indexOf(LocalDate.of(1997, 12, 31))).isEqualTo(-1);

    // quarters labelled by their first day
    PeriodDates quarters = new PeriodDates(LocalDate.of(1998, 1, 1), Period.ofMonths(3));
    double[] q =
        new HolidayRegressors(false, 0, 0).build(Holidays.of("GB-ENG"), quarters, 4).column(0);
    assertThat(q).containsExactly(1, 4, 1, 2);
  }
}
