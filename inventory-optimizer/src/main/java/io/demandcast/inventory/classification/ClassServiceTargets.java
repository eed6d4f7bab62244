package io.demandcast.inventory.classification;

import io.demandcast.inventory.ServiceTarget;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Service levels per item class, e.g. from the spec {@code "AX=0.99,AY=0.97,A=0.98,C=0.9"} with a
 * default of 0.95. The levels are probabilities; whether they are read as cycle service levels α or
 * fill rates β is decided by the caller ({@link #target}).
 *
 * <p>Lookup order for an item of class, say, AY: the exact pair {@code AY}, then the ABC letter
 * {@code A}, then the XYZ letter {@code Y}, then the default.
 *
 * @param levels class key ({@code "A"}…{@code "C"}, {@code "X"}…{@code "Z"} or a pair {@code
 *     "AX"}…{@code "CZ"}, upper case) → service level in (0, 1) exclusive; unmodifiable copy, in
 *     spec order
 * @param defaultLevel the level of items no entry matches, in (0, 1) exclusive
 */
public record ClassServiceTargets(Map<String, Double> levels, double defaultLevel)
    implements Serializable {

  /** The accepted form, quoted in every parse error. */
  public static final String ACCEPTED_FORM =
      "expected comma-separated CLASS=LEVEL entries, CLASS one of A, B, C, X, Y, Z or a pair such"
          + " as AX, LEVEL in (0, 1) exclusive, e.g. A=0.98,B=0.95,CZ=0.9";

  /**
   * Validates the levels. Components as described on the record.
   *
   * @throws IllegalArgumentException naming the key or the value when a key is not a class, a level
   *     or the default is outside (0, 1) exclusive, or two keys differ only in case
   * @throws NullPointerException when levels, a key or a level is null
   */
  public ClassServiceTargets {
    checkLevel("defaultLevel", defaultLevel);
    Map<String, Double> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : levels.entrySet()) {
      String key = canonicalKey(Objects.requireNonNull(e.getKey(), "class key"));
      if (key == null) {
        throw new IllegalArgumentException(
            "unknown class '" + e.getKey() + "' in service levels; " + ACCEPTED_FORM);
      }
      double level = Objects.requireNonNull(e.getValue(), "level of " + key);
      checkLevel("level of " + key, level);
      if (copy.put(key, level) != null) {
        throw new IllegalArgumentException("duplicate class '" + key + "' in service levels");
      }
    }
    levels = Collections.unmodifiableMap(copy);
  }

  private static void checkLevel(String name, double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException(name + " must be in (0, 1) exclusive, was " + level);
    }
  }

  /** The upper-case class key, or null when the text is not a class or class pair. */
  private static String canonicalKey(String text) {
    String k = text.trim().toUpperCase(Locale.ROOT);
    if (k.length() == 1 && "ABCXYZ".indexOf(k.charAt(0)) >= 0) {
      return k;
    }
    if (k.length() == 2 && "ABC".indexOf(k.charAt(0)) >= 0 && "XYZ".indexOf(k.charAt(1)) >= 0) {
      return k;
    }
    return null;
  }

  /**
   * Parses a spec. Entries are separated by commas; blanks around keys, levels and commas are
   * ignored; class letters are case-insensitive. A null or blank spec gives the default for every
   * class.
   *
   * @param spec e.g. {@code "A=0.98,B=0.95,C=0.90"} or {@code "AX=0.99,AY=0.97,C=0.9"}
   * @param defaultLevel the level when no entry matches, in (0, 1) exclusive
   * @return the targets
   * @throws IllegalArgumentException naming the bad entry, what is wrong with it and the accepted
   *     form ({@link #ACCEPTED_FORM}) when an entry is empty, has no {@code =}, names an unknown
   *     class, has a level that is not a number or is outside (0, 1) exclusive, or repeats a class;
   *     naming the value when defaultLevel is outside (0, 1) exclusive
   */
  public static ClassServiceTargets parse(String spec, double defaultLevel) {
    checkLevel("defaultLevel", defaultLevel);
    Map<String, Double> levels = new LinkedHashMap<>();
    if (spec == null || spec.isBlank()) {
      return new ClassServiceTargets(levels, defaultLevel);
    }
    for (String raw : spec.split(",", -1)) {
      String entry = raw.trim();
      int eq = entry.indexOf('=');
      if (entry.isEmpty()) {
        throw bad(entry, spec, "empty entry");
      }
      if (eq < 0) {
        throw bad(entry, spec, "no '='");
      }
      String classText = entry.substring(0, eq).trim();
      String levelText = entry.substring(eq + 1).trim();
      String key = canonicalKey(classText);
      if (key == null) {
        throw bad(entry, spec, "unknown class '" + classText + "'");
      }
      double level;
      try {
        level = Double.parseDouble(levelText);
      } catch (NumberFormatException e) {
        throw bad(entry, spec, "level '" + levelText + "' is not a number");
      }
      if (!(level > 0 && level < 1)) {
        throw bad(entry, spec, "level " + levelText + " is outside (0, 1) exclusive");
      }
      if (levels.put(key, level) != null) {
        throw bad(entry, spec, "duplicate class '" + key + "'");
      }
    }
    return new ClassServiceTargets(levels, defaultLevel);
  }

  private static IllegalArgumentException bad(String entry, String spec, String problem) {
    return new IllegalArgumentException(
        "bad service level entry '"
            + entry
            + "' in '"
            + spec
            + "': "
            + problem
            + "; "
            + ACCEPTED_FORM);
  }

  /**
   * The service level of a class: exact pair, then ABC letter, then XYZ letter, then the default.
   *
   * @param itemClass the class
   * @return the level, in (0, 1) exclusive
   * @throws NullPointerException when itemClass is null
   */
  public double lookup(ItemClass itemClass) {
    String key = matchedKey(itemClass);
    return key == null ? defaultLevel : levels.get(key);
  }

  /**
   * The entry {@link #lookup} takes a class's level from: the exact pair, then the ABC letter, then
   * the XYZ letter.
   *
   * @param itemClass the class
   * @return the key of that entry, e.g. {@code "AY"} or {@code "A"}; null when none matches and the
   *     default applies
   * @throws NullPointerException when itemClass is null
   */
  public String matchedKey(ItemClass itemClass) {
    for (String key :
        new String[] {itemClass.code(), itemClass.abc().name(), itemClass.xyz().name()}) {
      if (levels.containsKey(key)) {
        return key;
      }
    }
    return null;
  }

  /**
   * The service target of a class for a given measure.
   *
   * @param itemClass the class
   * @param measure cycle service α or fill rate β
   * @return the target with level {@link #lookup}(itemClass)
   * @throws NullPointerException when an argument is null
   */
  public ServiceTarget target(ItemClass itemClass, ServiceTarget.Measure measure) {
    return new ServiceTarget(measure, lookup(itemClass));
  }

  /**
   * The canonical spec, which {@link #parse} reads back to equal targets.
   *
   * @return e.g. {@code "AX=0.99,C=0.9"}; empty when there are no entries
   */
  public String spec() {
    StringJoiner joiner = new StringJoiner(",");
    levels.forEach((k, v) -> joiner.add(k + "=" + v));
    return joiner.toString();
  }
}
