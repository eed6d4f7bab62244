package io.demandcast.connectors;

import java.util.regex.Pattern;

/**
 * What a run id may be: 1 to 64 letters, digits, {@code .}, {@code _} or {@code -} ({@value
 * #PATTERN}), but not {@code .} or {@code ..} alone. A run id names the run's report folder
 * ({@code <reports>/<run id>/}) and is written to every output row, so it is checked before a
 * run opens or writes anything.
 */
public final class RunId {
  /** The pattern every run id matches (and {@code .} and {@code ..} are refused besides). */
  public static final String PATTERN = "[A-Za-z0-9._-]{1,64}";

  /** {@link #PATTERN} anchored, for a regex check outside Java (Dataflow template parameters). */
  public static final String ANCHORED_PATTERN = "^" + PATTERN + "$";

  private static final Pattern COMPILED = Pattern.compile(PATTERN);

  private RunId() {}

  /** Whether {@code id} is a valid run id. */
  public static boolean isValid(String id) {
    return id != null && COMPILED.matcher(id).matches() && !id.equals(".") && !id.equals("..");
  }

  /**
   * Returns {@code id} when it is a valid run id.
   *
   * @throws IllegalArgumentException naming the id and the pattern
   */
  public static String check(String id) {
    if (!isValid(id)) {
      throw new IllegalArgumentException(
          (id == null ? "no run id" : "'" + printable(id) + "' is not a valid run id")
              + ": a run id is 1 to 64 letters, digits, '.', '_' or '-' (" + PATTERN
              + "), not '.' or '..' alone; it names the run's report folder");
    }
    return id;
  }

  /** {@code id} with control characters shown as {@code \\uXXXX}, so that a message stays one line. */
  private static String printable(String id) {
    StringBuilder out = new StringBuilder();
    id.codePoints().forEach(c -> {
      if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }
}
