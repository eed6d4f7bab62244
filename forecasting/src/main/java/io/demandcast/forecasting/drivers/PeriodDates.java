package io.demandcast.forecasting.drivers;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The dates of a series' periods: the date of its first period and the step between periods, so
 * that period index t (0 the first) maps to the days it covers.
 *
 * <p>A step in days ({@code P1D} daily, {@code P7D} weekly) makes period t the days {@code [first +
 * t·step, first + (t + 1)·step)}: a period starts on its date. A step in months ({@code P1M},
 * {@code P3M}, {@code P12M}) covers whole calendar months when the first date is the 1st of a
 * month (the months starting with the date's) or the last day of a month (the months ending with
 * the date's, as in 2020-03-31 for the first quarter); otherwise period t runs from its date to the
 * day before the next period's date.
 *
 * @param first the date of period 0
 * @param step a positive number of days or of months (not both)
 */
public record PeriodDates(LocalDate first, Period step) implements Serializable {

  /**
   * Checks the step.
   *
   * @param first the {@code first} component, described on the record
   * @param step the {@code step} component, described on the record
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the step is not a positive number of days or of months
   */
  public PeriodDates {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(step, "step");
    long months = step.toTotalMonths();
    int days = step.getDays();
    if (!((months > 0 && days == 0) || (months == 0 && days > 0))) {
      throw new IllegalArgumentException(
          "the step between periods must be a positive number of days or of months, got " + step);
    }
  }

  /**
   * Daily periods.
   *
   * @param first the first day
   * @return one period a day from {@code first}
   */
  public static PeriodDates daily(LocalDate first) {
    return new PeriodDates(first, Period.ofDays(1));
  }

  /**
   * Returns whether one period is one day.
   *
   * @return true for a step of one day
   */
  public boolean isDaily() {
    return step.toTotalMonths() == 0 && step.getDays() == 1;
  }

  /**
   * Returns the first day period t covers.
   *
   * @param t the period index, may be negative or past the series
   * @return the day
   */
  public LocalDate start(long t) {
    long months = step.toTotalMonths();
    if (months == 0) {
      return first.plusDays(t * step.getDays());
    }
    YearMonth m = YearMonth.from(first).plusMonths(t * months);
    if (first.getDayOfMonth() == 1) {
      return m.atDay(1);
    }
    if (isMonthEnd(first)) {
      return m.minusMonths(months - 1).atDay(1);
    }
    return first.plusMonths(t * months);
  }

  /**
   * Returns the index of the period that covers a day.
   *
   * @param day the day
   * @return the index t with {@code start(t) <= day < start(t + 1)}; negative before the first
   *     period
   */
  public long indexOf(LocalDate day) {
    long months = step.toTotalMonths();
    if (months == 0) {
      return Math.floorDiv(ChronoUnit.DAYS.between(first, day), (long) step.getDays());
    }
    long m = ChronoUnit.MONTHS.between(YearMonth.from(first), YearMonth.from(day));
    long t = Math.floorDiv(m, months);
    if (isMonthEnd(first) && first.getDayOfMonth() != 1) {
      t = -Math.floorDiv(-m, months); // ceiling: period t ends with month t·k
    }
    // the general case, and a safety net for the others: step to the covering period
    while (start(t).isAfter(day)) {
      t--;
    }
    while (!start(t + 1).isAfter(day)) {
      t++;
    }
    return t;
  }

  private static boolean isMonthEnd(LocalDate d) {
    return d.getDayOfMonth() == d.lengthOfMonth();
  }
}
