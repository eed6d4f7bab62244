package io.demandcast.connectors.duckdb;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.duckdb.DuckDBConnection;

/**
 * One root DuckDB connection per database file per JVM, handed out as {@link
 * DuckDBConnection#duplicate() duplicates}.
 *
 * <p>DuckDB lets one process open a database file once; every further connection of the process
 * must share that database instance. Beam runs many DoFn instances in one JVM (DirectRunner, an
 * embedded Flink cluster), so each takes its own duplicate from here. Close the duplicates you take;
 * {@link #closeAll()} closes the roots when the process is done with the files.
 *
 * <p>A file is open in one {@link Access} at a time: DuckDB refuses a second database instance of
 * the same file with another configuration, and a duplicate of a read-write root must never be
 * handed to a caller that asked for read-only access (nor the other way round). Asking for another
 * access while a root of the file is open fails, naming both; {@link #close(Path)} first.
 */
public final class DuckDbConnections {
  /** How a database file is opened. */
  public enum Access {
    /** Read and write the database; DuckDB may read and write files (COPY, read_csv, ATTACH). */
    READ_WRITE,
    /**
     * The database read-only ({@code duckdb.read_only}); DuckDB may still read and write other
     * files, e.g. {@code COPY ... TO} for an export.
     */
    READ_ONLY,
    /**
     * The database read-only, and no file access for SQL ({@code enable_external_access=false}:
     * no read_csv, COPY, ATTACH, INSTALL or LOAD), with the configuration locked ({@code
     * lock_configuration=true}) so that no statement can turn either back.
     */
    READ_ONLY_NO_FILES;

    private Properties properties() {
      Properties properties = new Properties();
      if (this != READ_WRITE) {
        properties.setProperty("duckdb.read_only", "true");
      }
      if (this == READ_ONLY_NO_FILES) {
        properties.setProperty("enable_external_access", "false");
        properties.setProperty("lock_configuration", "true");
      }
      return properties;
    }

    private String describe() {
      return switch (this) {
        case READ_WRITE -> "read-write";
        case READ_ONLY -> "read-only";
        case READ_ONLY_NO_FILES -> "read-only without file access";
      };
    }
  }

  private record Root(Access access, DuckDBConnection connection) {}

  private static final Map<Path, Root> ROOTS = new HashMap<>();

  private DuckDbConnections() {}

  /**
   * A new read-write connection to the database file, sharing the process's one database instance.
   * The file and its parent directories are created if missing.
   *
   * @param file the database file
   * @return a connection the caller must close
   * @throws IllegalStateException naming the file when DuckDB cannot open it (locked by another
   *     process, not a DuckDB file, no permission), or when this process has it open in another
   *     {@link Access}
   */
  public static Connection open(Path file) {
    return open(file, Access.READ_WRITE);
  }

  /**
   * A new connection to the database file with {@code access}, sharing the process's one database
   * instance of that file. Read-write creates the file and its parent directories if missing; the
   * read-only accesses create nothing and need an existing DuckDB file.
   *
   * @param file the database file
   * @param access how to open it
   * @return a connection the caller must close
   * @throws IllegalStateException naming the file when DuckDB cannot open it (locked by another
   *     process, missing, not a DuckDB file, no permission), or when this process has it open in
   *     another {@link Access}
   */
  public static Connection open(Path file, Access access) {
    Path key = file.toAbsolutePath().normalize();
    synchronized (ROOTS) {
      try {
        Root root = ROOTS.get(key);
        if (root != null && root.connection().isClosed()) {
          ROOTS.remove(key);
          root = null;
        }
        if (root != null && root.access() != access) {
          throw new IllegalStateException(
              "cannot open the DuckDB warehouse " + key + " " + access.describe()
                  + ": this process has it open " + root.access().describe());
        }
        if (root == null) {
          if (access == Access.READ_WRITE && key.getParent() != null) {
            java.nio.file.Files.createDirectories(key.getParent());
          }
          DuckDBConnection connection = (DuckDBConnection)
              DriverManager.getConnection("jdbc:duckdb:" + key, access.properties());
          root = new Root(access, connection);
          ROOTS.put(key, root);
        }
        return root.connection().duplicate();
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
      Root root = ROOTS.remove(key);
      closeQuietly(root == null ? null : root.connection());
    }
  }

  /** Closes every root connection of this process. */
  public static void closeAll() {
    synchronized (ROOTS) {
      ROOTS.values().forEach(root -> closeQuietly(root.connection()));
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
