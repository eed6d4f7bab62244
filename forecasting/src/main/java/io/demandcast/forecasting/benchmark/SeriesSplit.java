package io.demandcast.forecasting.benchmark;

import io.demandcast.forecasting.Seasonality;
import io.demandcast.forecasting.drivers.PeriodDates;
import java.util.Objects;
import java.util.Optional;

/**
 * One series of a benchmark dataset, split into a training part and a held-out test part.
 *
 * @param id the dataset's own series id, for example {@code "N1402"} (M3), {@code "W1"} (M4) or
 *     a carparts part number
 * @param seasonality the seasonal periods of the data in periods ({@code [12]} for monthly data,
 *     {@code [52.18]} for weekly, {@code [7, 365.25]} for daily, none for yearly); multi-season
 *     methods use them all, the others {@link #seasonalPeriod()}
 * @param scaleLag the seasonal lag of the MASE scale as the competition defines it (M4 uses 1 for
 *     weekly data; M3 uses the frequency)
 * @param train training values, oldest first, finite
 * @param test held-out values right after {@code train}, length = the horizon h
 * @param dates the dates of the periods (period 0 the first training value), or null when the
 *     dataset has none (M3, M4 and carparts are read without dates; NN5 and a long-format file
 *     with dates have them); holiday regressors need them
 */
public record SeriesSplit(
    String id,
    Seasonality seasonality,
    int scaleLag,
    double[] train,
    double[] test,
    PeriodDates dates) {

  /**
   * Checks the split.
   *
   * @param id the {@code id} component, described on the record
   * @param seasonality the {@code seasonality} component, described on the record
   * @param scaleLag the {@code scaleLag} component, described on the record
   * @param train the {@code train} component, described on the record
   * @param test the {@code test} component, described on the record
   * @param dates the {@code dates} component, described on the record
   * @throws NullPointerException if a component other than {@code dates} is null
   * @throws IllegalArgumentException if the scale lag is below 1, either part is empty or holds a
   *     non-finite value; the message names the series
   */
  public SeriesSplit {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(seasonality, "seasonality");
    if (scaleLag < 1) {
      throw new IllegalArgumentException(
          String.format("series %s: scale lag %d must be at least 1", id, scaleLag));
    }
    requireFinite(id, "training", train);
    requireFinite(id, "test", test);
  }

  /**
   * A split without dates.
   *
   * @param id the {@code id} component, described on the record
   * @param seasonality the {@code seasonality} component, described on the record
   * @param scaleLag the {@code scaleLag} component, described on the record
   * @param train the {@code train} component, described on the record
   * @param test the {@code test} component, described on the record
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException as for the canonical constructor
   */
  public SeriesSplit(
      String id, Seasonality seasonality, int scaleLag, double[] train, double[] test) {
    this(id, seasonality, scaleLag, train, test, null);
  }

  /**
   * Returns the dates of the periods, when the dataset has them.
   *
   * @return the dates of period 0 on, or empty
   */
  public Optional<PeriodDates> periodDates() {
    return Optional.ofNullable(dates);
  }

  /**
   * A split with one seasonal period.
   *
   * @param id the {@code id} component, described on the record
   * @param seasonalPeriod season length m in periods (12 for monthly data), 1 for none
   * @param scaleLag the {@code scaleLag} component, described on the record
   * @param train the {@code train} component, described on the record
   * @param test the {@code test} component, described on the record
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if a period is below 1, either part is empty or holds a
   *     non-finite value; the message names the series
   */
  public SeriesSplit(String id, int seasonalPeriod, int scaleLag, double[] train, double[] test) {
    this(id, single(id, seasonalPeriod), scaleLag, train, test, null);
  }

  /**
   * Returns the season length m given to single-season models: the primary period of {@link
   * #seasonality()}, rounded ({@link Seasonality#primary()}: 12 for monthly data, 52 for weekly, 7
   * for daily, 1 for none).
   *
   * @return m, at least 1
   */
  public int seasonalPeriod() {
    return seasonality.primary();
  }

  /**
   * Returns the forecast horizon.
   *
   * @return the length of the test part
   */
  public int horizon() {
    return test.length;
  }

  private static Seasonality single(String id, int seasonalPeriod) {
    if (seasonalPeriod < 1) {
      throw new IllegalArgumentException(
          String.format("series %s: seasonal period %d must be at least 1", id, seasonalPeriod));
    }
    return Seasonality.single(seasonalPeriod);
  }

  private static void requireFinite(String id, String part, double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("series " + id + ": the " + part + " part is empty");
    }
    for (int t = 0; t < values.length; t++) {
      if (!Double.isFinite(values[t])) {
        throw new IllegalArgumentException(
            String.format("series %s: %s value %d is %s", id, part, t + 1, values[t]));
      }
    }
  }
}
