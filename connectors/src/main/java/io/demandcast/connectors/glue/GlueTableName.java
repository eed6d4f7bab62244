package io.demandcast.connectors.glue;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a Glue catalog table, as a {@code glue://<database>.<table>} URI names it.
 *
 * @param database the Glue database: letters, digits, {@code _} and {@code -}
 * @param table the table in it: letters, digits, {@code _} and {@code -}
 */
public record GlueTableName(String database, String table) {
  /** The URI scheme. */
  public static final String SCHEME = "glue";

  private static final Pattern PART = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern URI = Pattern.compile("glue://([^.]*)\\.([^.]*)");

  public GlueTableName {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(table, "table");
    if (!PART.matcher(database).matches() || !PART.matcher(table).matches()) {
      throw new IllegalArgumentException(
          "'" + database + "." + table + "': a Glue database and table name are letters,"
              + " digits, '_' and '-'");
    }
  }

  /**
   * Parses {@code glue://<database>.<table>}, e.g. {@code glue://erp.sales}.
   *
   * @throws IllegalArgumentException quoting the URI and the expected form when it is not one
   */
  public static GlueTableName parse(String uri) {
    Objects.requireNonNull(uri, "uri");
    Matcher m = URI.matcher(uri);
    if (!m.matches()
        || !PART.matcher(m.group(1)).matches()
        || !PART.matcher(m.group(2)).matches()) {
      throw new IllegalArgumentException(
          "'" + uri + "' is not a Glue table URI; expected glue://<database>.<table>, e.g."
              + " glue://erp.sales, each name letters, digits, '_' and '-'");
    }
    return new GlueTableName(m.group(1), m.group(2));
  }

  /** {@code glue://<database>.<table>}. */
  @Override
  public String toString() {
    return SCHEME + "://" + database + "." + table;
  }
}
