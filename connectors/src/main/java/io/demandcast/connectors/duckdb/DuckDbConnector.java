package io.demandcast.connectors.duckdb;

import io.demandcast.connectors.SourceConnector;
import io.demandcast.connectors.TableCheck;
import io.demandcast.connectors.TableUri;
import io.demandcast.connectors.UnreadableRecords;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.Column;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionRowTuple;
import org.apache.beam.sdk.values.Row;

/**
 * {@code duckdb:<file>#<table>}: a table of an embedded DuckDB file, read by {@link DuckDbIO}.
 * DuckDB's types are the canonical ones or narrower (widened as {@link DuckDbSchemas#readableAs}
 * says), so no record is unreadable. The file is local: its tables are checked before a run, and
 * {@code check} reads their values in this process. A file that does not exist is refused, not
 * created ({@link #requiredFile}). The DuckDB output warehouse is the job's {@code --warehouse}
 * file, not an output URI.
 */
public final class DuckDbConnector implements SourceConnector {
  @Override
  public String scheme() {
    return TableUri.DUCKDB;
  }

  @Override
  public PTransform<PBegin, PCollectionRowTuple> read(
      TableUri uri, TableSchema table, ColumnMapping mapping) {
    return UnreadableRecords.noneFrom("Read " + table.name() + " from DuckDB",
        DuckDbIO.read(uri.file(), uri.table(), table, mapping));
  }

  /**
   * The table's columns and rows from DuckDB's catalog and a count, and every column that does
   * not fit (not only the first), each named with what to do.
   */
  @Override
  public TableCheck check(
      TableUri uri, TableSchema table, ColumnMapping mapping, PipelineOptions options) {
    Path file = uri.file();
    if (!Files.isRegularFile(file)) {
      return TableCheck.missing("no file " + file, false);
    }
    DuckDbWarehouse warehouse = DuckDbWarehouse.attach(file);
    Map<String, String> columns = warehouse.columns(uri.table());
    if (columns.isEmpty()) {
      // as DuckDbIO reads it: an optional table under its canonical name may be absent
      return TableCheck.missing("no table " + uri.table() + " in " + file,
          uri.table().equalsIgnoreCase(table.name()) && CanonicalTables.mayBeAbsent(table));
    }
    List<String> problems = new ArrayList<>();
    for (DuckDbWarehouse.ColumnProblem problem :
        DuckDbWarehouse.columnProblems(uri.table(), table, columns, mapping)) {
      problems.add(describe(uri.table(), table, columns, problem));
    }
    return TableCheck.found(problems, List.copyOf(columns.keySet()),
        OptionalLong.of(warehouse.rowCount(uri.table())));
  }

  /** One column problem as {@code check} reports it, with the fix. */
  private static String describe(
      String tableName, TableSchema schema, Map<String, String> columns,
      DuckDbWarehouse.ColumnProblem p) {
    Column column = p.canonical();
    String canonical = schema.name() + "." + column.name();
    String accepted = DuckDbSchemas.accepted(column.type());
    if (p.missing()) {
      return canonical + ": " + (p.mapped()
          ? "the mapped column " + p.column() + " is not in " + tableName
          : "no column " + p.column() + " in " + tableName)
          + " (columns: " + String.join(", ", columns.keySet()) + "); expected "
          + accepted + (p.mapped() ? "; fix the --map/--mapping entry"
              : "; if the table holds it under another name: --map " + canonical + "=NAME");
    }
    return canonical + ": column " + p.column() + " of " + tableName
        + (p.mapped() ? " (mapped)" : "") + " is " + p.found() + "; accepted: " + accepted;
  }

  @Override
  public boolean readsInProcess() {
    return true;
  }

  @Override
  public long forEachRow(
      TableUri uri, TableSchema table, ColumnMapping mapping, List<String> orderBy,
      Consumer<Row> sink) {
    return DuckDbIO.forEachRow(uri.file(), uri.table(), table, mapping, orderBy, sink);
  }

  @Override
  public Optional<Path> requiredFile(TableUri uri) {
    return Optional.of(uri.file().toAbsolutePath().normalize());
  }
}
