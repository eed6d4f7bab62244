package io.demandcast.connectors.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Parquet files for tests, written by DuckDB's built-in Parquet writer ({@code COPY (query) TO
 * 'file' (FORMAT parquet)}) in a throwaway in-memory database: no Hadoop, no parquet-mr, nothing
 * downloaded.
 */
public final class ParquetFiles {
  private ParquetFiles() {}

  /**
   * The bytes of the Parquet file DuckDB writes for a query.
   *
   * @param dir a directory for the file while it is written (it is deleted after)
   * @param select a DuckDB query, e.g. {@code SELECT 'A-1' AS sku, DATE '2024-01-01' AS date}
   * @param copyOptions more options of {@code COPY}, e.g. {@code ROW_GROUP_SIZE 2048}; or empty
   */
  public static byte[] write(Path dir, String select, String copyOptions) {
    try {
      Path file = Files.createTempFile(dir, "test-", ".parquet");
      Files.delete(file);
      try (Connection duckDb = DriverManager.getConnection("jdbc:duckdb:");
          Statement s = duckDb.createStatement()) {
        s.execute("COPY (" + select + ") TO '" + file.toString().replace("'", "''")
            + "' (FORMAT parquet" + (copyOptions.isEmpty() ? "" : ", " + copyOptions) + ")");
      }
      byte[] bytes = Files.readAllBytes(file);
      Files.delete(file);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB could not write the test's Parquet file: " + e, e);
    }
  }
}
