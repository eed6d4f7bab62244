package io.demandcast.pipelines.cli;

import io.demandcast.connectors.duckdb.DuckDbConnections.Access;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import picocli.CommandLine.Option;

/**
 * The {@code --warehouse FILE} option of the commands that read an existing DuckDB warehouse
 * ({@code sql}, {@code export}), as a picocli mixin, and its opening: read-only unless {@code sql
 * --read-write} asks otherwise, so that neither command writes into a file it was only pointed at.
 */
final class ExistingWarehouse {
  /** The warehouse file every command defaults to, in the working directory. */
  static final String DEFAULT = "demandcast.duckdb";

  @Option(
      names = "--warehouse",
      paramLabel = "FILE",
      defaultValue = DEFAULT,
      description = "DuckDB warehouse file. Default: ${DEFAULT-VALUE}")
  Path path;

  /**
   * Checks there is a warehouse file at {@code --warehouse}.
   *
   * @throws IllegalArgumentException when there is none, saying how to make one
   */
  void checkExists() {
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(
          "no warehouse at " + path.toAbsolutePath().normalize()
              + "; run ./demandcast demo first, or pass --warehouse=FILE");
    }
  }

  /**
   * Opens the warehouse read-only: nothing is created or written in the file, whatever the
   * statements run on its connections.
   *
   * @param fileAccess whether SQL may read and write other files (COPY ... TO, read_csv, ATTACH):
   *     {@code export} needs it to write its files; without it the configuration is also locked, so
   *     no statement can allow it again
   * @throws IllegalArgumentException when there is no file at {@code --warehouse} ({@link
   *     #checkExists})
   */
  DuckDbWarehouse openReadOnly(boolean fileAccess) {
    checkExists();
    return DuckDbWarehouse.attach(path, fileAccess ? Access.READ_ONLY : Access.READ_ONLY_NO_FILES);
  }

  /**
   * Opens the warehouse read-write, with file access. On a demandcast warehouse (one with {@code
   * model_runs}) the tables and views of this version are created first where missing, as a run
   * does; any other DuckDB file gets nothing written into it but by the statements run on it.
   *
   * @throws IllegalArgumentException when there is no file at {@code --warehouse} ({@link
   *     #checkExists})
   * @throws IllegalStateException when the file cannot be opened or set up
   */
  DuckDbWarehouse openReadWrite() {
    checkExists();
    DuckDbWarehouse warehouse = DuckDbWarehouse.attach(path, Access.READ_WRITE);
    boolean demandcast;
    try (Connection connection = warehouse.connect()) {
      demandcast = DuckDbWarehouse.isDemandcastWarehouse(connection);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read the tables of " + warehouse.file() + ": " + e.getMessage(), e);
    }
    return demandcast ? DuckDbWarehouse.open(path) : warehouse;
  }
}
