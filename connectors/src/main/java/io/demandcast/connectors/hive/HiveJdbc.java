package io.demandcast.connectors.hive;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Opens JDBC connections to one HiveServer2 database with Apache Hive's JDBC driver (the
 * standalone jar). Serializable, so pipeline steps carry it to where they open their connections.
 *
 * <p>Credentials come from Hive's own JDBC properties, in the file {@code --hiveJdbcProperties}
 * names ({@link HiveOptions}): {@code user} and {@code password} are passed as connection
 * properties; every other key is a HiveServer2 session variable of the JDBC URL ({@code ssl=true},
 * {@code transportMode=http}, {@code principal=...}, {@code retries=3}), and a key starting with
 * {@code hiveconf:} a Hive configuration setting of the session. The file is read each time a
 * connection is opened, never copied into the pipeline, logged or recorded in {@code model_runs}.
 */
public final class HiveJdbc implements Serializable {
  private static final long serialVersionUID = 1L;

  private final HiveTableName database;
  private final String propertiesFile;

  /**
   * Connections to {@code database}'s database.
   *
   * @param database the server and database; its table, if any, is ignored
   * @param propertiesFile the Hive JDBC properties file, or null for user {@code anonymous} and no
   *     password
   */
  public HiveJdbc(HiveTableName database, String propertiesFile) {
    this.database = Objects.requireNonNull(database, "database").databaseOnly();
    this.propertiesFile = propertiesFile;
  }

  /** Connections as a pipeline's {@link HiveOptions} say. */
  public static HiveJdbc of(HiveTableName database, PipelineOptions options) {
    return new HiveJdbc(database, options.as(HiveOptions.class).getHiveJdbcProperties());
  }

  /**
   * Connections to another database of the same server, with the same properties: {@code default}
   * to create a database that does not exist yet.
   */
  public HiveJdbc inDatabase(String name) {
    return new HiveJdbc(new HiveTableName(database.host(), database.port(), name, null),
        propertiesFile);
  }

  /** The server and database, without a table. */
  public HiveTableName database() {
    return database;
  }

  /**
   * Opens a connection whose current database is this one.
   *
   * @throws SQLException when the server cannot be reached or refuses the login; the message
   *     names the server
   * @throws IllegalArgumentException when the properties file cannot be read
   */
  public Connection connect() throws SQLException {
    Properties file = readProperties();
    Properties login = new Properties();
    StringBuilder session = new StringBuilder();
    StringBuilder conf = new StringBuilder();
    // sorted: the same file gives the same URL
    for (var entry : new TreeMap<>(file).entrySet()) {
      String key = entry.getKey().toString();
      String value = entry.getValue().toString();
      if (key.equals("user") || key.equals("password")) {
        login.setProperty(key, value);
      } else if (key.startsWith("hiveconf:")) {
        conf.append(conf.isEmpty() ? "?" : ";").append(urlPart(key.substring(9), value));
      } else {
        session.append(';').append(urlPart(key, value));
      }
    }
    login.putIfAbsent("user", "anonymous");
    login.putIfAbsent("password", "");
    String url = database.jdbcUrl() + session + conf;
    try {
      Connection connection = new org.apache.hive.jdbc.HiveDriver().connect(url, login);
      if (connection == null) {
        throw new SQLException("the Hive driver does not accept " + database.jdbcUrl());
      }
      return connection;
    } catch (SQLException e) {
      throw new SQLException(
          "cannot connect to HiveServer2 at " + database.host() + ":" + database.port()
              + " (database " + database.database() + "): " + e.getMessage()
              + "; check the host and port, that HiveServer2 is up, and the user and password in"
              + " --hiveJdbcProperties",
          e.getSQLState(), e);
    }
  }

  private String urlPart(String key, String value) {
    if (!key.matches("[^;?#=]+") || !value.matches("[^;?#]*")) {
      throw new IllegalArgumentException(
          "Hive JDBC property " + key + " in " + propertiesFile
              + " holds ';', '?', '#' (or '=' in its name), which a JDBC URL cannot carry");
    }
    return key + "=" + value;
  }

  private Properties readProperties() {
    Properties properties = new Properties();
    if (propertiesFile == null || propertiesFile.isBlank()) {
      return properties;
    }
    Path path = Paths.get(propertiesFile);
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the Hive JDBC properties file " + propertiesFile + " (--hiveJdbcProperties): "
              + e.getMessage(), e);
    }
    return properties;
  }
}
