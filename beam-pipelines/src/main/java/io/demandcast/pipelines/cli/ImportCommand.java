package io.demandcast.pipelines.cli;

import io.demandcast.connectors.duckdb.DuckDbImport;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.connectors.s3.S3Objects;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.pipelines.WarehouseCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code demandcast import}: loads CSV, Parquet or JSON files into a source table of the DuckDB
 * warehouse ({@link DuckDbImport}), then prints the check of what a run still lacks.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Load CSV, Parquet or JSON files into a source table of the warehouse, then check it.",
      "%nReads the files with DuckDB's own readers (local paths, or s3://bucket/key with the AWS"
          + " default credentials and Beam's AWS options --awsRegion=..., --endpoint=...),"
          + " renames your columns to the canonical ones (--map, as for run; the table may be left"
          + " out: --map sku=item), converts the types the safe way (an INTEGER quantity to"
          + " DOUBLE; text to numbers and yyyy-mm-dd dates, failing on the first value that does"
          + " not convert, naming the file and the column) and replaces the table's rows, or"
          + " appends to them with --append. The warehouse is created when missing. The load is"
          + " one transaction: a failed import leaves the table as it was.",
      "%nThen prints the report of ./demandcast check (it takes run's options, e.g. --as-of):"
          + " what a run would still miss. Exit code 0 when the files were loaded."
    },
    footer = {
      "",
      "Examples:",
      "  ./demandcast import --warehouse mine.duckdb --table erp_sales --file sales.csv \\",
      "      --map sku=item --map location=store --map date=day --map quantity=units",
      "  ./demandcast import --warehouse mine.duckdb --table erp_items --file items.parquet",
      "  ./demandcast import --warehouse mine.duckdb --table erp_sales --append \\",
      "      --file s3://acme-erp/exports/sales-2024-07.csv --awsRegion=eu-west-1"
    })
final class ImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JobOptions options;

  /** Beam pipeline options, --name=value: the AWS options for s3:// files. */
  @Unmatched List<String> beamArgs = new ArrayList<>();

  @Option(
      names = "--table",
      paramLabel = "TABLE",
      required = true,
      description = "The source table to load: erp_sales, erp_items, erp_inventory, "
          + "erp_purchase_orders, iot_readings or logistics_shipments.")
  String table;

  @Option(
      names = "--file",
      paramLabel = "FILE",
      required = true,
      description = "A CSV (with a header row), Parquet or JSON (array or one object a line) file:"
          + " a local path or s3://bucket/key (an object, or every object under a prefix). "
          + "Repeatable: every file goes into the table.")
  List<String> files = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "csv, parquet or json. Default: what the file name says (.csv, .tsv, .txt, "
          + ".parquet, .json, .jsonl, .ndjson; also .gz).")
  String format;

  @Option(
      names = "--map",
      paramLabel = "[TABLE.]COLUMN=FILE_COLUMN",
      description = "Reads a canonical column from a file column of another name, e.g. "
          + "sku=item or erp_sales.sku=item. Repeatable; overrides --mapping for the same column. "
          + "Default: every column under its canonical name.")
  List<String> maps = new ArrayList<>();

  @Option(
      names = "--mapping",
      paramLabel = "FILE",
      description = "Column mapping file, as for run: canonical table -> canonical column -> "
          + "file column (JSON, or YAML when the name ends in .yaml or .yml); the entries of "
          + "--table are used. Combines with --map; --map wins for the same column.")
  Path mappingFile;

  @Option(
      names = "--append",
      description = "Keep the table's rows and add the files' rows. Default: replace them.")
  boolean append;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    TableSchema schema = sourceTable(table);
    List<String> entries = new ArrayList<>();
    for (String entry : maps) {
      int eq = entry.indexOf('=');
      boolean qualified = eq > 0 && entry.substring(0, eq).contains(".");
      entries.add(qualified ? entry : table + "." + entry);
    }
    ColumnMapping mapping = SourceOptions.mapping(mappingFile, entries);
    ColumnMapping own = ColumnMapping.of(Map.of(table, mapping.entries(schema)), "--map");
    DuckDbImport.Format fileFormat = format == null ? null : DuckDbImport.Format.parse(format);
    List<String> beam = JobOptions.beamArgs(beamArgs);
    // the report's settings are checked before anything is loaded
    var settings = options.settings(io.demandcast.pipelines.RunRecord.now());
    Path downloads = null;
    try {
      List<DuckDbImport.FileSource> sources = new ArrayList<>();
      for (String file : files) {
        if (file.startsWith("s3://")) {
          if (downloads == null) {
            downloads = Files.createTempDirectory("demandcast-import");
          }
          var s3Options = PipelineOptionsFactory.fromArgs(beam.toArray(String[]::new)).create();
          for (var copy : S3Objects.download(s3Options, file, downloads).entrySet()) {
            sources.add(new DuckDbImport.FileSource(copy.getKey(), copy.getValue(),
                fileFormat != null ? fileFormat : DuckDbImport.Format.fromName(copy.getKey())));
          }
        } else {
          sources.add(new DuckDbImport.FileSource(file, Path.of(file), fileFormat));
        }
      }
      for (DuckDbImport.FileSource source : sources) {
        if (!Files.isRegularFile(source.path())) {
          throw new IllegalArgumentException("no file " + source.name());
        }
      }
      DuckDbWarehouse warehouse = DuckDbWarehouse.open(options.warehouse);
      DuckDbImport.Result result = DuckDbImport.load(warehouse, schema, sources, own, append);
      out.printf(Locale.ROOT, "demandcast import: %s -> %s%n", schema.name(), warehouse.file());
      for (DuckDbImport.FileResult file : result.files()) {
        out.printf(Locale.ROOT, "  %-40s %,12d %s%n", file.name(), file.rows(),
            file.rows() == 1 ? "row" : "rows");
        if (!file.ignored().isEmpty()) {
          out.printf("    columns not loaded (not in %s): %s%n", schema.name(),
              String.join(", ", file.ignored()));
        }
        if (!file.absent().isEmpty()) {
          out.printf("    loaded as NULL (not in the file): %s%n",
              String.join(", ", file.absent()));
        }
      }
      out.printf(Locale.ROOT, "  %s: %,d %s loaded%s%n", schema.name(), result.rows(),
          result.rows() == 1 ? "row" : "rows",
          append ? " (appended)"
              : result.replaced() > 0 ? String.format(Locale.ROOT, ", replacing %,d",
                  result.replaced()) : "");
      out.println();
      WarehouseCheck.Report report = WarehouseCheck.full(new WarehouseCheck.Request(
          options.warehouse, Map.of(), ColumnMapping.IDENTITY, null, settings, beam));
      out.print(report.render());
      out.flush();
      return 0;
    } finally {
      if (downloads != null) {
        deleteAll(downloads);
      }
    }
  }

  private static TableSchema sourceTable(String name) {
    return CanonicalTables.SOURCES.stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("--table " + name
            + ": not a source table; the source tables are "
            + CanonicalTables.SOURCES.stream().map(TableSchema::name).toList()));
  }

  private static void deleteAll(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
