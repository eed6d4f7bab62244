package io.demandcast.pipelines.cli;

import io.demandcast.connectors.Connectors;
import io.demandcast.connectors.TableUri;
import io.demandcast.connectors.schema.ColumnMapping;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where a run's source tables are and what their columns are called ({@code --source}, {@code
 * --map}, {@code --mapping}): the same options, with the same meaning, for {@code run} and {@code
 * check}.
 */
final class SourceOptions {
  @Option(
      names = "--source",
      paramLabel = "TABLE=URI",
      description = "Where a source table is read from, e.g. erp_sales=duckdb:other.duckdb#sales "
          + "or erp_sales=s3://bucket/sales?format=csv (format csv, jsonl or parquet) "
          + "or erp_sales=glue://database.table or erp_sales=bigquery://project/dataset.table "
          + "or erp_sales=hive://host:10000/database.table. "
          + "Repeatable. Default: the table of the same name in --warehouse (for run: or in "
          + "--output).")
  Map<String, String> sources = new LinkedHashMap<>();

  @Option(
      names = "--map",
      paramLabel = "TABLE.COLUMN=SOURCE_COLUMN",
      description = "Reads a canonical column from a source column of another name, e.g. "
          + "erp_sales.sku=item_code. Repeatable; overrides --mapping for the same column. A "
          + "mapped column must exist in the source table. Default: every column under its "
          + "canonical name (see sql/duckdb/tables.sql).")
  List<String> maps = new ArrayList<>();

  @Option(
      names = "--mapping",
      paramLabel = "FILE",
      description = "Column mapping file: canonical table -> canonical column -> source column, "
          + "e.g. {\"erp_sales\": {\"sku\": \"item_code\"}}; JSON, or YAML when the name ends "
          + "in .yaml or .yml. Combines with --map; --map wins for the same column.")
  Path mappingFile;

  /**
   * The {@code --source} URIs by table name, each parsed by the connector of its scheme.
   *
   * @throws IllegalArgumentException naming a URI that does not parse, or whose scheme no
   *     connector reads
   */
  Map<String, TableUri> uris(Connectors connectors) {
    Map<String, TableUri> uris = new LinkedHashMap<>();
    sources.forEach((table, uri) -> uris.put(table, connectors.parse(uri)));
    return uris;
  }

  /**
   * The column mapping of {@code --mapping} and {@code --map}, {@code --map} overriding the file.
   *
   * @throws IllegalArgumentException naming the option and the bad entry
   */
  ColumnMapping mapping() {
    return mapping(mappingFile, maps);
  }

  /** The column mapping of a {@code --mapping} file and {@code --map} entries, as {@link #mapping()}. */
  static ColumnMapping mapping(Path mappingFile, List<String> maps) {
    ColumnMapping file = ColumnMapping.IDENTITY;
    if (mappingFile != null) {
      try {
        file = ColumnMapping.read(mappingFile);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--mapping: " + e.getMessage(), e);
      }
    }
    return file.overriddenBy(ColumnMapping.parseEntries(maps, "--map"), "--mapping with --map");
  }
}
