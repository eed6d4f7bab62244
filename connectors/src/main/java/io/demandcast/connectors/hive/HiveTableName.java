package io.demandcast.connectors.hive;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Hive database, or a table in it, as a {@code hive://<host>:<port>/<database>.<table>} URI names
 * it (a database alone: {@code hive://<host>:<port>/<database>}). The port defaults to HiveServer2's
 * usual 10000.
 *
 * @param host the HiveServer2 host
 * @param port its Thrift (binary transport) port
 * @param database the database: letters, digits and {@code _}
 * @param table the table in it (letters, digits and {@code _}), or null when the URI names the
 *     database only
 */
public record HiveTableName(String host, int port, String database, String table)
    implements Serializable {
  /** The URI scheme. */
  public static final String SCHEME = "hive";

  /** HiveServer2's default Thrift port. */
  public static final int DEFAULT_PORT = 10000;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");
  private static final Pattern URI =
      Pattern.compile("hive://([A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:]+\\])(?::([0-9]{1,5}))?/([^./]+)(?:\\.([^./]+))?");

  public HiveTableName {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(database, "database");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("Hive port " + port + " is not between 1 and 65535");
    }
    if (!NAME.matcher(database).matches() || (table != null && !NAME.matcher(table).matches())) {
      throw new IllegalArgumentException(
          "'" + database + (table == null ? "" : "." + table)
              + "': a Hive database and table name are letters, digits and '_'");
    }
  }

  /**
   * Parses {@code hive://<host>[:<port>]/<database>.<table>}, e.g. {@code
   * hive://hive.example.com:10000/erp.sales}.
   *
   * @throws IllegalArgumentException quoting the URI and the expected form when it is not one, or
   *     when it names no table
   */
  public static HiveTableName parseTable(String uri) {
    HiveTableName name = parse(uri, "hive://<host>:<port>/<database>.<table>, e.g."
        + " hive://hive.example.com:10000/erp.sales");
    if (name.table() == null) {
      throw new IllegalArgumentException(
          "'" + uri + "' names a database but no table; expected"
              + " hive://<host>:<port>/<database>.<table>");
    }
    return name;
  }

  /**
   * Parses {@code hive://<host>[:<port>]/<database>}, e.g. {@code hive://hive.example.com:10000/demandcast}.
   *
   * @throws IllegalArgumentException quoting the URI and the expected form when it is not one, or
   *     when it names a table
   */
  public static HiveTableName parseDatabase(String uri) {
    HiveTableName name = parse(uri, "hive://<host>:<port>/<database>, e.g."
        + " hive://hive.example.com:10000/demandcast");
    if (name.table() != null) {
      throw new IllegalArgumentException(
          "'" + uri + "' names a table; expected a database, hive://<host>:<port>/<database>");
    }
    return name;
  }

  private static HiveTableName parse(String uri, String expected) {
    Objects.requireNonNull(uri, "uri");
    Matcher m = URI.matcher(uri);
    if (!m.matches()
        || !NAME.matcher(m.group(3)).matches()
        || (m.group(4) != null && !NAME.matcher(m.group(4)).matches())) {
      throw new IllegalArgumentException(
          "'" + uri + "' is not a Hive URI; expected " + expected
              + ", names letters, digits and '_'");
    }
    int port = m.group(2) == null ? DEFAULT_PORT : Integer.parseInt(m.group(2));
    return new HiveTableName(m.group(1), port, m.group(3), m.group(4));
  }

  /** The same database with {@code table} in it. */
  public HiveTableName withTable(String table) {
    return new HiveTableName(host, port, database, table);
  }

  /** The database alone. */
  public HiveTableName databaseOnly() {
    return new HiveTableName(host, port, database, null);
  }

  /** {@code `database`.`table`}, for SQL. */
  public String qualified() {
    Objects.requireNonNull(table, "table");
    return "`" + database + "`.`" + table + "`";
  }

  /** {@code jdbc:hive2://host:port/database}, without session variables. */
  public String jdbcUrl() {
    return "jdbc:hive2://" + host + ":" + port + "/" + database;
  }

  /** {@code hive://host:port/database[.table]}. */
  @Override
  public String toString() {
    return SCHEME + "://" + host + ":" + port + "/" + database + (table == null ? "" : "." + table);
  }
}
