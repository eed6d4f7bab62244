package io.demandcast.forecasting;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The seasonal periods of a demand calendar, in periods of that calendar: {@code [12]} for monthly
 * data (a yearly cycle), {@code [52.18]} for weekly data (365.25 / 7), {@code [7, 365.25]} for
 * daily data (a week and a year), {@code [24, 168]} for hourly data (a day and a week), none for
 * data without a cycle (yearly totals). A period need not be whole: decompositions round it to the
 * nearest whole number of periods, as R's {@code msts} and {@code mstl} do (Bandara, Hyndman and
 * Bergmeir, "MSTL: a seasonal-trend decomposition algorithm for time series with multiple seasonal
 * patterns", International Journal of Operational Research, 2022).
 *
 * <p>Single-season models (ETS, Theta, ARIMA, seasonal naive) and the MASE scale use the {@link
 * #primary()} period; multi-season decompositions use them all.
 *
 * @param periods the seasonal periods in periods of the calendar, strictly ascending, each finite
 *     and above 1; empty for no seasonality; copied
 */
public record Seasonality(List<Double> periods) implements Serializable {

  /**
   * Checks and copies the periods.
   *
   * @param periods the {@code periods} component, described on the record
   * @throws NullPointerException if {@code periods} or an element is null
   * @throws IllegalArgumentException if a period is not finite, not above 1, or the periods are
   *     not strictly ascending
   */
  public Seasonality {
    periods = List.copyOf(periods);
    double previous = 1.0;
    for (double p : periods) {
      if (!Double.isFinite(p) || p <= 1.0) {
        throw new IllegalArgumentException(
            "a seasonal period must be a finite number above 1, got " + p);
      }
      if (p <= previous) {
        throw new IllegalArgumentException(
            "seasonal periods must be strictly ascending, got " + periods);
      }
      previous = p;
    }
  }

  /**
   * Returns the given periods.
   *
   * @param periods strictly ascending, each above 1; none for no seasonality
   * @return the seasonality
   * @throws IllegalArgumentException as for the canonical constructor
   */
  public static Seasonality of(double... periods) {
    List<Double> list = new ArrayList<>();
    for (double p : periods) {
      list.add(p);
    }
    return new Seasonality(list);
  }

  /**
   * Returns one whole seasonal period, or none when {@code m == 1}.
   *
   * @param m season length in periods, at least 1
   * @return the seasonality
   * @throws IllegalArgumentException if {@code m < 1}
   */
  public static Seasonality single(int m) {
    if (m < 1) {
      throw new IllegalArgumentException("a seasonal period must be at least 1, got " + m);
    }
    return m == 1 ? of() : of(m);
  }

  /**
   * Parses a comma-separated list such as {@code "7,365.25"}; {@code "1"} means none.
   *
   * @param text the periods, ascending
   * @return the seasonality
   * @throws IllegalArgumentException naming the text when a part is not a number, or as for the
   *     canonical constructor
   */
  public static Seasonality parse(String text) {
    List<Double> list = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      double p;
      try {
        p = Double.parseDouble(part.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "seasonal periods must be numbers separated by commas, such as 7,365.25; got '"
                + text
                + "'",
            e);
      }
      if (p != 1.0 || text.contains(",")) {
        list.add(p);
      }
    }
    return new Seasonality(list);
  }

  /**
   * Returns the period single-season models and the MASE scale use: the first period rounded to
   * a whole number, or 1 when there is none.
   *
   * @return at least 1
   */
  public int primary() {
    return periods.isEmpty() ? 1 : (int) Math.round(periods.get(0));
  }

  /**
   * Returns the periods that fit at least twice into a history: those below {@code length / 2},
   * the rule of R's {@code mstl}.
   *
   * @param length the number of observations
   * @return the periods that a decomposition can estimate, ascending, possibly empty
   */
  public List<Double> estimable(int length) {
    return periods.stream().filter(p -> p < length / 2.0).toList();
  }

  /** Returns for example {@code "7,365.25"}, or {@code "1"} for none. */
  @Override
  public String toString() {
    if (periods.isEmpty()) {
      return "1";
    }
    List<String> parts = new ArrayList<>();
    for (double p : periods) {
      parts.add(
          p == Math.rint(p) ? Long.toString((long) p) : String.format(Locale.ROOT, "%s", p));
    }
    return String.join(",", parts);
  }
}
