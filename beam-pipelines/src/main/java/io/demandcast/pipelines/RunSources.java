package io.demandcast.pipelines;

import io.demandcast.connectors.Connectors;
import io.demandcast.connectors.OutputWarehouse;
import io.demandcast.connectors.SourceConnector;
import io.demandcast.connectors.TableUri;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.options.PipelineOptions;
import org.jooq.impl.DSL;

/**
 * Where a run's sources and outputs are, through the {@link Connectors} passed in: which warehouse
 * an output URI opens, where a source table lives by default, which local files must exist. The
 * systems themselves are the connectors' business: nothing here switches on a URI's scheme.
 */
final class RunSources {
  private RunSources() {}

  /**
   * Checks an output URI: one that a connector can hold the outputs in ({@link
   * Connectors#forWarehouse}).
   *
   * @throws IllegalArgumentException naming the URI and the accepted forms
   */
  static void checkOutput(Connectors connectors, String output) {
    SourceConnector connector;
    try {
      connector = connectors.forUri(output);
    } catch (IllegalArgumentException e) {
      connector = null;
    }
    if (connector == null || connector.warehouseForm().isEmpty()) {
      throw new IllegalArgumentException("--output " + output + ": outputs go to a DuckDB"
          + " warehouse (--warehouse FILE) or to " + String.join(" or ",
              connectors.warehouseForms()));
    }
    try {
      connector.tableIn(output, CanonicalTables.ERP_SALES.name());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--output: " + e.getMessage(), e);
    }
  }

  /**
   * The warehouse the outputs go to: {@code output}, opened by its connector, or, when it is null,
   * the DuckDB file {@code warehouse} (with all six source tables when {@code withSourceTables},
   * as the demo loads them after the pipeline is built).
   */
  static OutputWarehouse outputWarehouse(Connectors connectors, Path warehouse, String output,
      boolean withSourceTables, PipelineOptions options) {
    if (output == null) {
      return withSourceTables
          ? DuckDbWarehouse.openWithSourceTables(warehouse)
          : DuckDbWarehouse.open(warehouse);
    }
    return connectors.forWarehouse(output).openWarehouse(output, options);
  }

  /**
   * Where each canonical source table is read from: {@code sources}' URI, or the table of its name
   * in the output warehouse ({@code output}, or the DuckDB file {@code warehouse}).
   *
   * @throws IllegalArgumentException for a name in {@code sources} that is not a source table
   */
  static Map<String, TableUri> resolve(
      Connectors connectors, Map<String, TableUri> sources, Path warehouse, String output) {
    Map<String, TableUri> resolved = new LinkedHashMap<>();
    for (TableSchema table : CanonicalTables.SOURCES) {
      TableUri uri = sources.get(table.name());
      if (uri == null) {
        uri = output == null
            ? TableUri.duckDb(warehouse, table.name())
            : connectors.forWarehouse(output).tableIn(output, table.name());
      }
      resolved.put(table.name(), uri);
    }
    for (String name : sources.keySet()) {
      if (!resolved.containsKey(name)) {
        throw new IllegalArgumentException("unknown source table '" + name + "'; the sources are "
            + CanonicalTables.SOURCES.stream().map(TableSchema::name).toList());
      }
    }
    return resolved;
  }

  /**
   * Refuses a run that would read a local file that does not exist ({@link
   * io.demandcast.connectors.SourceConnector#requiredFile}: a DuckDB file), before anything
   * creates it; the demo's warehouse, which the demo loads, excepted.
   *
   * @throws IllegalArgumentException naming the file and how to make one
   */
  static void requireFiles(
      Connectors connectors, Map<String, TableUri> sources, Path warehouse, boolean loadDemo) {
    Path warehouseFile = warehouse == null ? null : warehouse.toAbsolutePath().normalize();
    for (var entry : sources.entrySet()) {
      TableUri uri = entry.getValue();
      Optional<Path> required = connectors.forTable(uri).requiredFile(uri);
      if (required.isEmpty()) {
        continue;
      }
      Path file = required.get();
      if (Files.exists(file) || (file.equals(warehouseFile) && loadDemo)) {
        continue;
      }
      if (file.equals(warehouseFile)) {
        throw new IllegalArgumentException("no warehouse at " + file + ": load your tables into"
            + " one with ./demandcast import, point --warehouse at an existing file, or try"
            + " ./demandcast demo");
      }
      throw new IllegalArgumentException("source " + entry.getKey() + " = " + uri
          + ": no file at " + file);
    }
  }

  /**
   * The number of SKU × location series in the sales table, for progress, when it is cheap to
   * count (a table of the DuckDB warehouse format); -1 otherwise (counting would read S3 objects
   * twice).
   */
  static long expectedSeries(Map<String, TableUri> sources, ColumnMapping mapping) {
    TableSchema salesTable = CanonicalTables.ERP_SALES;
    TableUri sales = sources.get(salesTable.name());
    if (!sales.scheme().equals(TableUri.DUCKDB)) {
      return -1;
    }
    try (Connection connection = DuckDbWarehouse.attach(sales.file()).connect()) {
      var dsl = DuckDbWarehouse.dsl(connection);
      Object count = dsl.fetchValue(dsl.selectCount().from(
          dsl.selectDistinct(
                  DSL.field(DSL.quotedName(mapping.sourceColumn(salesTable, "sku"))),
                  DSL.field(DSL.quotedName(mapping.sourceColumn(salesTable, "location"))))
              .from(DSL.table(DSL.name(sales.table())))));
      return count == null ? -1 : ((Number) count).longValue();
    } catch (SQLException | RuntimeException e) {
      return -1; // progress then shows counts without a total
    }
  }
}
