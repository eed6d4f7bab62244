package io.demandcast.forecasting.drivers;

import de.focus_shift.jollyday.core.CalendarHierarchy;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The public and bank holidays of one region, from the Jollyday library ({@code
 * de.focus-shift:jollyday-core}, its XML calendars of about 90 countries and their subdivisions).
 *
 * <p>A region is an ISO 3166-1 country code, optionally followed by ISO 3166-2 subdivision codes
 * as Jollyday names them: {@code GB}, {@code GB-ENG}, {@code US-CA}, {@code DE-BY} (case does not
 * matter). A country's own code gives the holidays common to the whole country; a subdivision adds
 * its own. In Jollyday's calendar for the United Kingdom Easter Monday and the summer bank holiday
 * are not UK-wide (Scotland has neither on the same day), so English data wants {@code GB-ENG}.
 * Observances (Jollyday's {@link HolidayType#OBSERVANCE}, such as Christmas Eve in some US
 * states) are left out: only public and bank holidays count. A holiday falling on a weekend is on
 * its substitute (observed) day where the calendar moves it ({@code Holiday.getDate()}).
 *
 * <p>Instances are immutable and {@link Serializable}; the Jollyday manager is looked up (and
 * cached by Jollyday) on each call.
 */
public final class Holidays implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String region;
  private final String country;
  private final List<String> subdivisions;

  /** One holiday: its (observed) date, Jollyday's key and an English name. */
  public record Holiday(LocalDate date, String key, String name) implements Serializable {
    /**
     * Checks the components.
     *
     * @param date the {@code date} component, described on the record
     * @param key the {@code key} component, described on the record
     * @param name the {@code name} component, described on the record
     * @throws NullPointerException if a component is null
     */
    public Holiday {
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(name, "name");
    }
  }

  private Holidays(String region, String country, List<String> subdivisions) {
    this.region = region;
    this.country = country;
    this.subdivisions = subdivisions;
  }

  /**
   * Returns the holidays of a region.
   *
   * @param region an ISO code such as {@code GB}, {@code GB-ENG}, {@code US-CA} or {@code DE-BY}
   * @return the calendar
   * @throws NullPointerException if {@code region} is null
   * @throws IllegalArgumentException if the country is not one of Jollyday's (the message lists
   *     them) or a subdivision is not one of the country's (the message lists the country's)
   */
  public static Holidays of(String region) {
    Objects.requireNonNull(region, "region");
    String[] parts = region.trim().toUpperCase(Locale.ROOT).split("-", -1);
    String country = parts[0];
    if (country.isEmpty() || !HolidayCalendar.getSupportedCalendarCodes().contains(country)) {
      throw new IllegalArgumentException(
          String.format(
              "unknown holiday region '%s': a region is an ISO 3166 country code, optionally"
                  + " with a subdivision (GB, GB-ENG, US-CA, DE-BY); the calendars (countries, and a few"
                  + " exchanges) are %s; Holidays.subdivisions(COUNTRY) lists a country's"
                  + " subdivisions",
              region, String.join(", ", countries())));
    }
    CalendarHierarchy level = manager(country).getCalendarHierarchy();
    List<String> path = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      String code = parts[i].toLowerCase(Locale.ROOT);
      CalendarHierarchy child = level.getChildren().get(code);
      if (child == null) {
        String prefix = country + (path.isEmpty() ? "" : "-" + joinUpper(path));
        throw new IllegalArgumentException(
            String.format(
                "unknown holiday region '%s': %s has %s",
                region,
                prefix,
                level.getChildren().isEmpty()
                    ? "no subdivisions in Jollyday's calendar; use " + prefix
                    : "the subdivisions "
                        + level.getChildren().keySet().stream()
                            .sorted()
                            .map(c -> prefix + "-" + c.toUpperCase(Locale.ROOT))
                            .collect(Collectors.joining(", "))));
      }
      path.add(code);
      level = child;
    }
    String canonical = country + (path.isEmpty() ? "" : "-" + joinUpper(path));
    return new Holidays(canonical, country, List.copyOf(path));
  }

  /**
   * Returns the country codes Jollyday has a calendar for.
   *
   * @return the ISO 3166-1 codes, sorted
   */
  public static List<String> countries() {
    return new TreeSet<>(HolidayCalendar.getSupportedCalendarCodes()).stream().toList();
  }

  /**
   * Returns a country's subdivision regions, one level down.
   *
   * @param country an ISO 3166-1 code from {@link #countries()}
   * @return regions such as {@code GB-ENG}, sorted; empty when the calendar has none
   * @throws IllegalArgumentException for an unknown country
   */
  public static List<String> subdivisions(String country) {
    Holidays c = of(country);
    Map<String, CalendarHierarchy> children = manager(c.country).getCalendarHierarchy().getChildren();
    return children.keySet().stream()
        .map(code -> c.country + "-" + code.toUpperCase(Locale.ROOT))
        .sorted()
        .toList();
  }

  /**
   * Returns the region, upper case, as {@code GB-ENG}.
   *
   * @return the canonical region code
   */
  public String region() {
    return region;
  }

  /**
   * Returns the public and bank holidays between two dates.
   *
   * @param from the first date, inclusive
   * @param to the last date, inclusive
   * @return the holidays by date, then key; a date may hold two (rarely)
   * @throws NullPointerException if a date is null
   * @throws IllegalArgumentException if {@code to} is before {@code from}
   */
  public List<Holiday> between(LocalDate from, LocalDate to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("holidays between " + from + " and " + to + ": empty range");
    }
    // a substitute day may fall after the range's end for a holiday inside it, and the reverse:
    // ask for a few days more and filter by the observed date
    return manager(country)
        .getHolidays(from.minusDays(7), to.plusDays(7), subdivisions.toArray(String[]::new))
        .stream()
        .filter(h -> h.getType() != HolidayType.OBSERVANCE)
        .filter(h -> !h.getDate().isBefore(from) && !h.getDate().isAfter(to))
        .map(h -> new Holiday(h.getDate(), key(h.getPropertiesKey()), name(h)))
        .sorted(Comparator.comparing(Holiday::date).thenComparing(Holiday::key))
        .distinct()
        .toList();
  }

  private static HolidayManager manager(String country) {
    return HolidayManager.getInstance(ManagerParameters.create(country.toLowerCase(Locale.ROOT)));
  }

  /** Jollyday's properties key as a column name: {@code christian.EASTER_MONDAY} → easter_monday. */
  static String key(String propertiesKey) {
    String k = propertiesKey;
    int dot = k.lastIndexOf('.');
    if (dot >= 0) {
      k = k.substring(dot + 1);
    }
    return k.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
  }

  private static String name(de.focus_shift.jollyday.core.Holiday h) {
    try {
      return h.getDescription(Locale.ENGLISH);
    } catch (RuntimeException e) {
      return key(h.getPropertiesKey());
    }
  }

  private static String joinUpper(List<String> path) {
    return path.stream().map(p -> p.toUpperCase(Locale.ROOT)).collect(Collectors.joining("-"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Holidays other && region.equals(other.region);
  }

  @Override
  public int hashCode() {
    return region.hashCode();
  }

  @Override
  public String toString() {
    return "Holidays[" + region + "]";
  }
}
