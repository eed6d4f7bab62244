package io.demandcast.pipelines.model;

/**
 * The key of one demand series, SKU x location, as a String so that Beam's string coder (which is
 * deterministic, as GroupByKey needs) encodes it.
 */
public final class SeriesKey {
  private static final char SEPARATOR = '\u001f';

  private SeriesKey() {}

  /** The key of {@code sku} at {@code location}. */
  public static String of(String sku, String location) {
    return sku + SEPARATOR + location;
  }

  /** The SKU part of a key. */
  public static String sku(String key) {
    return key.substring(0, key.indexOf(SEPARATOR));
  }

  /** The location part of a key. */
  public static String location(String key) {
    return key.substring(key.indexOf(SEPARATOR) + 1);
  }
}
