package io.demandcast.pipelines.model;

import io.demandcast.forecasting.Seasonality;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * The demand calendar: how sales days are bucketed into forecast periods, the seasonal cycles of
 * those periods, and the run defaults that are counted in periods (horizon, backtest step, policy
 * simulation), so that a daily run does not forecast twelve days or replay twelve.
 */
public enum PeriodType {
  /**
   * Calendar months; a yearly season of 12 periods; 30.4375 days a period on average. Defaults:
   * horizon 12, backtest step 3, 12 periods held out for the policy simulation after 12 of warm-up.
   */
  MONTH(Seasonality.of(12), 365.25 / 12, 12, 3, 12, 12),
  /**
   * ISO weeks starting on Monday; a yearly season of 52.18 periods (52 for single-season models);
   * 7 days a period. Defaults as for {@link #MONTH}.
   */
  WEEK(Seasonality.of(52.18), 7, 12, 3, 12, 12),
  /**
   * Calendar days; a weekly season of 7 periods and a yearly one of 365.25 (7 for single-season
   * models); 1 day a period. Defaults: horizon 28 (four whole weeks), backtest step 7, 28 days held
   * out for the policy simulation after 84 (twelve weeks) of warm-up.
   */
  DAY(Seasonality.of(7, 365.25), 1, 28, 7, 28, 84);

  private final Seasonality seasonality;
  private final double days;
  private final int defaultHorizon;
  private final int defaultBacktestStep;
  private final int defaultSimulationPeriods;
  private final int defaultWarmUpPeriods;

  PeriodType(
      Seasonality seasonality,
      double days,
      int defaultHorizon,
      int defaultBacktestStep,
      int defaultSimulationPeriods,
      int defaultWarmUpPeriods) {
    this.seasonality = seasonality;
    this.days = days;
    this.defaultHorizon = defaultHorizon;
    this.defaultBacktestStep = defaultBacktestStep;
    this.defaultSimulationPeriods = defaultSimulationPeriods;
    this.defaultWarmUpPeriods = defaultWarmUpPeriods;
  }

  /**
   * The seasonal cycles of this calendar, in periods: {@code [12]} for months, {@code [52.18]}
   * for weeks, {@code [7, 365.25]} for days.
   *
   * @return the seasonality, never null
   */
  public Seasonality seasonality() {
    return seasonality;
  }

  /**
   * Periods in the season single-season models (ETS, Theta, ARIMA, seasonal naive) and the MASE
   * scale use: {@code seasonality().primary()}, that is 12 for months, 52 for weeks, 7 for days.
   *
   * @return periods, at least 1
   */
  public int seasonalPeriod() {
    return seasonality.primary();
  }

  /**
   * Average length of one period: 30.4375 for months, 7 for weeks, 1 for days.
   *
   * @return days, above 0
   */
  public double days() {
    return days;
  }

  /**
   * Periods forecast when the run names no horizon ({@code --horizon}): 12 for months and weeks,
   * 28 for days.
   *
   * @return periods, at least 1
   */
  public int defaultHorizon() {
    return defaultHorizon;
  }

  /**
   * Periods between rolling backtest origins when the run names none ({@code --backtest-step}): 3
   * for months and weeks, 7 for days (so that every origin falls on the same weekday).
   *
   * @return periods, at least 1
   */
  public int defaultBacktestStep() {
    return defaultBacktestStep;
  }

  /**
   * Periods the policy simulation holds out and replays when the run names none ({@code
   * --simulation-periods}): 12 for months and weeks, 28 for days (the default horizon, so the
   * forecast behind the policy covers every replayed day).
   *
   * @return periods, at least 1
   */
  public int defaultSimulationPeriods() {
    return defaultSimulationPeriods;
  }

  /**
   * Periods the policy simulation replays unmeasured before the held-out ones when the run names
   * none ({@code --warm-up-periods}): 12 for months and weeks, 84 (twelve weeks, a few lead times)
   * for days.
   *
   * @return periods, at least 1
   */
  public int defaultWarmUpPeriods() {
    return defaultWarmUpPeriods;
  }

  /**
   * The period starting on {@code periodStart} in words, for messages: "the month starting
   * 2024-12-01", "the week starting 2024-12-02", "the day 2024-12-01".
   *
   * @param periodStart the start of a period
   * @return the phrase, without a final full stop
   */
  public String describe(LocalDate periodStart) {
    return this == DAY
        ? "the day " + periodStart
        : "the " + name().toLowerCase(Locale.ROOT) + " starting " + periodStart;
  }

  /**
   * The first day of the period that contains {@code day}: the first of its month, the Monday of
   * its ISO week, or the day itself.
   *
   * @param day any day
   * @return the start of its period
   */
  public LocalDate start(LocalDate day) {
    return switch (this) {
      case MONTH -> day.withDayOfMonth(1);
      case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case DAY -> day;
    };
  }

  /**
   * The start of the period {@code n} periods after the one starting on {@code periodStart}.
   *
   * @param periodStart the start of a period
   * @param n periods to step, negative to step back
   * @return the start of that period
   */
  public LocalDate plus(LocalDate periodStart, long n) {
    return switch (this) {
      case MONTH -> periodStart.plusMonths(n);
      case WEEK -> periodStart.plusWeeks(n);
      case DAY -> periodStart.plusDays(n);
    };
  }

  /**
   * Whole periods from the period starting {@code from} to the one starting {@code to}.
   *
   * @param from the start of a period
   * @param to the start of a period
   * @return periods, negative when {@code to} is before {@code from}
   */
  public long between(LocalDate from, LocalDate to) {
    return switch (this) {
      case MONTH -> ChronoUnit.MONTHS.between(from, to);
      case WEEK -> ChronoUnit.WEEKS.between(from, to);
      case DAY -> ChronoUnit.DAYS.between(from, to);
    };
  }
}
