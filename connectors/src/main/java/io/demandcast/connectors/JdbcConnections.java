package io.demandcast.connectors;

import java.io.PrintWriter;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apache.beam.sdk.transforms.SerializableFunction;

/**
 * Hands Beam's {@code JdbcIO} the connections of a connector's own opener (DuckDB's shared
 * database instance of a file, Hive's properties file read where the connection is opened), as
 * the {@link DataSource} its {@code withDataSourceProviderFn} asks for. Nothing of the connection
 * (user, password, URL) is in the pipeline: only the serializable opener, which holds no secret.
 */
public final class JdbcConnections {
  private JdbcConnections() {}

  /** Opens one connection; the caller closes it. Serializable: it travels to the workers. */
  @FunctionalInterface
  public interface Opener extends Serializable {
    Connection open() throws SQLException;
  }

  /**
   * {@code query} as {@code JdbcIO} is to be given it: the same SQL with no whitespace between
   * {@code FROM} and the quoted table name. Beam 2.70's {@code JdbcIO} parses a read query for
   * lineage ({@code JdbcUtil.extractTableFromReadQuery}) and, doing so, prints the table's schema
   * to standard output ({@code null} for none) once per connection: a line of "null" amid a run's
   * progress. Its pattern needs whitespace after {@code FROM}, so this query is not parsed, nothing
   * is printed, and no lineage (which would carry the connection's URL) is reported.
   *
   * @throws IllegalArgumentException when {@code query} has no {@code FROM} followed by a quoted
   *     name ({@code "name"} or {@code `name`})
   */
  public static String unparsedForLineage(String query) {
    String joined = query.replaceAll("(?i)(\\s)(FROM)\\s+([\"`])", "$1$2$3");
    if (joined.equals(query) && !query.matches("(?is).*\\sFROM[\"`].*")) {
      throw new IllegalArgumentException("no FROM \"table\" in " + query);
    }
    return joined;
  }

  /** A data source provider for {@code JdbcIO} whose connections come from {@code opener}. */
  public static SerializableFunction<Void, DataSource> provider(Opener opener) {
    return ignored -> new OpenerDataSource(opener);
  }

  /** A data source whose {@link #getConnection()} opens a connection with the opener. */
  private static final class OpenerDataSource implements DataSource {
    private final Opener opener;
    private PrintWriter logWriter;
    private int loginTimeout;

    OpenerDataSource(Opener opener) {
      this.opener = opener;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return opener.open();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      throw new SQLFeatureNotSupportedException(
          "the connector's opener brings its own credentials");
    }

    @Override
    public PrintWriter getLogWriter() {
      return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
      this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
      this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
      return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException("no java.util.logging logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      if (type.isInstance(this)) {
        return type.cast(this);
      }
      throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return type.isInstance(this);
    }
  }
}
