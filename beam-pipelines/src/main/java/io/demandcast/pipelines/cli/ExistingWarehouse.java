package io.demandcast.pipelines.cli;

import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --warehouse FILE} option of the commands that read an existing DuckDB warehouse
 * ({@code sql}, {@code export}), as a picocli mixin, and its opening.
 */
final class ExistingWarehouse {
  @Option(
      names = "--warehouse",
      paramLabel = "FILE",
      defaultValue = "demandcast.duckdb",
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
   * Opens the warehouse.
   *
   * @throws IllegalArgumentException when there is no file at {@code --warehouse} ({@link
   *     #checkExists})
   */
  DuckDbWarehouse open() {
    checkExists();
    return DuckDbWarehouse.open(path);
  }
}
