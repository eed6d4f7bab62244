package io.demandcast.connectors.hive;

import io.demandcast.connectors.Redaction;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Opens JDBC connections to one HiveServer2 database with Apache Hive's JDBC driver (the
 * standalone jar). Serializable, so pipeline steps carry it to where they open their connections.
 *
 * <p>Credentials come from Hive's own JDBC properties, in the file {@code --hiveJdbcProperties}
 * names ({@link HiveOptions}). The file is read each time a connection is opened, never copied into
 * the pipeline, logged or recorded in {@code model_runs}.
 *
 * <p>Where each key goes, by what the driver (hive-jdbc 4.1.0, {@code Utils.extractURLComponents})
 * takes from the {@link Properties} of {@code connect(url, properties)}:
 *
 * <ul>
 *   <li>{@code user}, {@code password} and {@code auth}: connection properties, never in the URL;
 *   <li>{@code hiveconf:<name>} (a Hive configuration setting of the session) and {@code
 *       hivevar:<name>} (a Hive variable): connection properties too, which the driver reads with
 *       their prefix. A properties file reads the line {@code hiveconf:name=value} as key {@code
 *       hiveconf} and value {@code name=value} (':' separates too), which is taken to mean the
 *       same; {@code hiveconf\:name=value} says it exactly;
 *   <li>every other key is a HiveServer2 session variable ({@code ssl=true}, {@code sslTrustStore},
 *       {@code trustStorePassword}, {@code transportMode=http}, {@code principal=...}, {@code
 *       retries=3}). The driver reads session variables from the URL only ({@code
 *       ;key=value} after the database), so they go there, {@code trustStorePassword} and {@code
 *       keyStorePassword} included. The driver puts that URL in its own error messages ("Could not
 *       open client transport with JDBC Uri: ..."); every message that leaves this class is
 *       therefore passed through {@link Redaction#redact}, and the driver's exception is not kept
 *       as the cause (a copy with redacted messages and the same stack trace is: {@link
 *       Redaction#scrub}). The URL itself is never put in a message by this class.
 * </ul>
 */
public final class HiveJdbc implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The keys the driver takes as connection properties rather than from the URL. */
  private static final Set<String> PROPERTY_KEYS = Set.of("user", "password", "auth");

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
    Properties connection = new Properties();
    StringBuilder session = new StringBuilder();
    // sorted: the same file gives the same URL
    for (var entry : new TreeMap<>(file).entrySet()) {
      String key = entry.getKey().toString();
      String value = entry.getValue().toString();
      if ((key.equals("hiveconf") || key.equals("hivevar")) && value.contains("=")) {
        // a properties file reads "hiveconf:name=value" as key hiveconf, value "name=value"
        key = key + ":" + value.substring(0, value.indexOf('='));
        value = value.substring(value.indexOf('=') + 1);
      }
      if (PROPERTY_KEYS.contains(key) || key.startsWith("hiveconf:")
          || key.startsWith("hivevar:")) {
        connection.setProperty(key, value);
      } else {
        session.append(';').append(urlPart(key, value));
      }
    }
    connection.putIfAbsent("user", "anonymous");
    connection.putIfAbsent("password", "");
    String url = database.jdbcUrl() + session;
    try {
      Connection opened = new org.apache.hive.jdbc.HiveDriver().connect(url, connection);
      if (opened == null) {
        throw new SQLException("the Hive driver does not accept " + database.jdbcUrl());
      }
      return opened;
    } catch (SQLException | RuntimeException e) {
      // the driver's message may hold the URL with its session variables: redacted, and the
      // driver's exception replaced by a copy whose messages are redacted too
      throw new SQLException(
          "cannot connect to HiveServer2 at " + database.host() + ":" + database.port()
              + " (database " + database.database() + "): " + Redaction.message(e)
              + "; check the host and port, that HiveServer2 is up, and the user, password and"
              + " TLS settings in --hiveJdbcProperties",
          e instanceof SQLException sql ? sql.getSQLState() : null, Redaction.scrub(e));
    }
  }

  /**
   * {@link #connect()}, for Beam's {@code JdbcIO}: a connection whose {@link
   * java.sql.DatabaseMetaData#getURL()} gives the server and database only ({@link
   * HiveTableName#jdbcUrl()}), never the session variables the driver's own URL carries
   * (trustStorePassword, ...). JdbcIO asks the metadata for the URL when it reads, and reports it
   * as lineage or, when it cannot parse it, logs it.
   */
  public Connection connectForJdbcIO() throws SQLException {
    Connection connection = connect();
    String url = database.jdbcUrl();
    InvocationHandler metadataHandler = (proxy, method, args) -> {
      if (method.getName().equals("getURL") && method.getParameterCount() == 0) {
        return url;
      }
      return invoke(connection.getMetaData(), method, args);
    };
    InvocationHandler connectionHandler = (proxy, method, args) -> {
      if (method.getName().equals("getMetaData") && method.getParameterCount() == 0) {
        return Proxy.newProxyInstance(HiveJdbc.class.getClassLoader(),
            new Class<?>[] {DatabaseMetaData.class}, metadataHandler);
      }
      return invoke(connection, method, args);
    };
    return (Connection) Proxy.newProxyInstance(HiveJdbc.class.getClassLoader(),
        new Class<?>[] {Connection.class}, connectionHandler);
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private String urlPart(String key, String value) {
    if (!key.matches("[^;?#=]+") || !value.matches("[^;?#]*")) {
      throw new IllegalArgumentException(
          "Hive JDBC property " + key + " in " + propertiesFile
              + " holds ';', '?', '#' (or '=' in its name), which a JDBC URL cannot carry (a"
              + " HiveServer2 session variable goes in the URL; hiveconf: and hivevar: keys do"
              + " not)");
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
