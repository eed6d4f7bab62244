package io.demandcast.connectors.schema;

import java.util.Locale;

/** SQL string literals shared by the dialects that escape with backslashes (Hive, GoogleSQL). */
public final class SqlLiterals {
  private SqlLiterals() {}

  /**
   * A single-quoted literal in which a quote becomes {@code \'}, a backslash {@code \\}, line
   * breaks and tabs {@code \n}, {@code \r}, {@code \t}, and other control characters {@code
   * \}{@code uXXXX}; every other character is kept as it is.
   *
   * @param text the text; not null
   * @return the literal, quotes included
   */
  public static String backslashEscaped(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('\'');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\'' -> out.append("\\'");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('\'').toString();
  }
}
