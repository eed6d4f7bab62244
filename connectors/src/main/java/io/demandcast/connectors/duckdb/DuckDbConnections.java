package io.demandcast.connectors.duckdb;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.duckdb.DuckDBConnection;

/**
 * One root DuckDB connection per database file per JVM, handed out as {@link
 * DuckDBConnection#duplicate() duplicates}.
 *
 * <p>DuckDB lets one process open a database file once; every further connection of the process
 * must share that database instance. Beam runs many DoFn instances in one JVM (DirectRunner, an
 * embedded Flink cluster), so each takes its own duplicate from here. Close the duplicates you take;
 * {@link #closeAll()} closes the roots when the process is done with the files.
 */
public final class DuckDbConnections {
  private static final Map<Path, DuckDBConnection> ROOTS = new HashMap<>();

  private DuckDbConnections() {}

  /**
   * A new connection to the database file, sharing the process's one database instance. The file
   * and its parent directories are created if missing.
   *
   * @param file the database file
   * @return a connection the caller must close
   * @throws IllegalStateException naming the file when DuckDB cannot open it (locked by another
   *     process, not a DuckDB file, no permission)
   */
  public static Connection open(Path file) {
    Path key = file.toAbsolutePath().normalize();
    synchronized (ROOTS) {
      try {
        DuckDBConnection root = ROOTS.get(key);
        if (root == null || root.isClosed()) {
          if (key.getParent() != null) {
            java.nio.file.Files.createDirectories(key.getParent());
          }
          root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + key);
          ROOTS.put(key, root);
        }
        return root.duplicate();
      } catch (SQLException | java.io.IOException e) {
        throw new IllegalStateException(
            "cannot open the DuckDB warehouse " + key + ": " + e.getMessage()
                + " (is another demandcast or DuckDB process using it?)",
            e);
      }
    }
  }

  /** Closes the root connection of {@code file}, if open; later {@link #open} calls reopen it. */
  public static void close(Path file) {
    Path key = file.toAbsolutePath().normalize();
    synchronized (ROOTS) {
      DuckDBConnection root = ROOTS.remove(key);
      closeQuietly(root);
    }
  }

  /** Closes every root connection of this process. */
  public static void closeAll() {
    synchronized (ROOTS) {
      ROOTS.values().forEach(DuckDbConnections::closeQuietly);
      ROOTS.clear();
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException("closing a DuckDB connection failed: " + e.getMessage(), e);
    }
  }
}
