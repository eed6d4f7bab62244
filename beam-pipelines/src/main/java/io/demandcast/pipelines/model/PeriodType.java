package io.demandcast.pipelines.model;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** The demand calendar: how sales days are bucketed into forecast periods. */
public enum PeriodType {
  /** Calendar months; 12 periods a season; 30.4375 days a period on average. */
  MONTH(12, 365.25 / 12),
  /** ISO weeks starting on Monday; 52 periods a season; 7 days a period. */
  WEEK(52, 7);

  private final int seasonalPeriod;
  private final double days;

  PeriodType(int seasonalPeriod, double days) {
    this.seasonalPeriod = seasonalPeriod;
    this.days = days;
  }

  /** Periods in one seasonal cycle (a year). */
  public int seasonalPeriod() {
    return seasonalPeriod;
  }

  /** Average length of one period, days. */
  public double days() {
    return days;
  }

  /** The first day of the period that contains {@code day}. */
  public LocalDate start(LocalDate day) {
    return switch (this) {
      case MONTH -> day.withDayOfMonth(1);
      case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    };
  }

  /** The start of the period {@code n} periods after the one starting on {@code periodStart}. */
  public LocalDate plus(LocalDate periodStart, long n) {
    return switch (this) {
      case MONTH -> periodStart.plusMonths(n);
      case WEEK -> periodStart.plusWeeks(n);
    };
  }

  /** Whole periods from the period starting {@code from} to the one starting {@code to}. */
  public long between(LocalDate from, LocalDate to) {
    return switch (this) {
      case MONTH -> ChronoUnit.MONTHS.between(from, to);
      case WEEK -> ChronoUnit.WEEKS.between(from, to);
    };
  }
}
