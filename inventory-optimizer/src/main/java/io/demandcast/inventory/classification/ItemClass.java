package io.demandcast.inventory.classification;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * The combined ABC (value) × XYZ (variability) class of an item, e.g. AX for a high-value item with
 * steady demand.
 *
 * @param abc the value class
 * @param xyz the variability class
 */
public record ItemClass(AbcClass abc, XyzClass xyz) implements Serializable {

  /**
   * Validates the class.
   *
   * @throws NullPointerException when abc or xyz is null
   */
  public ItemClass {
    Objects.requireNonNull(abc, "abc");
    Objects.requireNonNull(xyz, "xyz");
  }

  /**
   * The two-letter code.
   *
   * @return e.g. {@code "AX"}, {@code "CZ"}
   */
  public String code() {
    return abc.name() + xyz.name();
  }

  /**
   * The class of a two-letter code, case-insensitive, surrounding blanks ignored.
   *
   * @param code e.g. {@code "AX"} or {@code "cz"}
   * @return the class
   * @throws IllegalArgumentException naming the text when it is not one of AX … CZ
   */
  public static ItemClass parse(String code) {
    String c = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
    if (c.length() == 2 && "ABC".indexOf(c.charAt(0)) >= 0 && "XYZ".indexOf(c.charAt(1)) >= 0) {
      return new ItemClass(AbcClass.valueOf(c.substring(0, 1)), XyzClass.valueOf(c.substring(1)));
    }
    throw new IllegalArgumentException(
        "unknown item class '" + code + "': use an ABC letter followed by an XYZ letter, e.g. AX");
  }

  /** The two-letter code, e.g. {@code "AX"}. */
  @Override
  public String toString() {
    return code();
  }
}
