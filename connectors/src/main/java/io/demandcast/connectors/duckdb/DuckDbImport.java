package io.demandcast.connectors.duckdb;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.Column;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.ColumnType;
import io.demandcast.connectors.schema.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Loads CSV, Parquet or JSON files into a canonical source table of a DuckDB warehouse, through
 * DuckDB's own readers ({@code read_csv}, {@code read_parquet}, {@code read_json_auto}), in one
 * transaction: a failed load leaves the table as it was.
 *
 * <p>Each canonical column is read from the file column the {@link ColumnMapping} names (by
 * default its own name; names match ignoring case). A file must hold every column a table read by
 * a run must hold ({@link CanonicalTables#mayBeAbsent(TableSchema, Column)} says which may be
 * missing; those are loaded as NULL); its other columns are ignored. Types convert the safe way:
 *
 * <ul>
 *   <li>a type {@link DuckDbSchemas#readableAs} accepts is widened (an INTEGER quantity to
 *       DOUBLE, a TIMESTAMP to its DATE);
 *   <li>any type is accepted as text for a text column (a SKU code read as a number);
 *   <li>text is converted to the column's type: a number, a date {@code yyyy-mm-dd} (or a
 *       timestamp, whose day is taken), {@code true}/{@code false}; an empty or blank text is NULL.
 *       Text that does not convert fails the load, naming the file, the column and the first bad
 *       value. CSV files are read as text throughout, so that codes keep their leading zeros;
 *   <li>any other type (a DOUBLE for an INTEGER column, say) fails, naming the types accepted.
 * </ul>
 *
 * A row without a value in a key column (a NOT NULL column of the canonical table: {@code sku},
 * {@code location}, {@code date}, ...) fails the load, too.
 */
public final class DuckDbImport {
  private DuckDbImport() {}

  /** The file formats DuckDB reads here. */
  public enum Format {
    CSV,
    PARQUET,
    JSON;

    /**
     * The format a file name says ({@code .csv}, {@code .tsv}, {@code .txt}, {@code .parquet},
     * {@code .json}, {@code .jsonl}, {@code .ndjson}, optionally compressed {@code .gz} or {@code
     * .zst}), or null.
     */
    public static Format fromName(String name) {
      String n = name.toLowerCase(Locale.ROOT).replaceAll("\\.(gz|zst)$", "");
      if (n.endsWith(".csv") || n.endsWith(".tsv") || n.endsWith(".txt")) {
        return CSV;
      }
      if (n.endsWith(".parquet") || n.endsWith(".pq")) {
        return PARQUET;
      }
      if (n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".ndjson")) {
        return JSON;
      }
      return null;
    }

    /**
     * The format called {@code text}, ignoring case.
     *
     * @throws IllegalArgumentException naming the formats
     */
    public static Format parse(String text) {
      for (Format f : values()) {
        if (f.name().equalsIgnoreCase(text.strip())) {
          return f;
        }
      }
      throw new IllegalArgumentException(
          "unknown format '" + text + "': use csv, parquet or json");
    }
  }

  /**
   * A file to load.
   *
   * @param name how messages name it (the path or URI the user gave)
   * @param path where it is on this machine
   * @param format its format, or null for the one its name says
   */
  public record FileSource(String name, Path path, Format format) {
    public FileSource {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(path, "path");
    }
  }

  /**
   * One file loaded.
   *
   * @param name the file, as given
   * @param rows rows loaded from it
   * @param columns canonical column to the file column it was read from
   * @param ignored the file's columns that are not read
   * @param absent the canonical columns the file lacks, loaded as NULL
   */
  public record FileResult(
      String name, long rows, Map<String, String> columns, List<String> ignored,
      List<String> absent) {}

  /**
   * A load.
   *
   * @param table the table loaded
   * @param rows rows loaded, all files
   * @param replaced rows the table held before that the load replaced (0 when appending)
   * @param created whether the table was created (or re-created because its columns did not fit)
   * @param files per file
   */
  public record Result(
      TableSchema table, long rows, long replaced, boolean created, List<FileResult> files) {}

  /**
   * Loads {@code files} into {@code table} of the warehouse, creating the table when missing.
   *
   * @param warehouse the warehouse (created if missing by the caller's {@link DuckDbWarehouse#open})
   * @param table a canonical source table
   * @param files the files to load, in order
   * @param mapping the file column of each canonical column of {@code table}
   * @param append whether to keep the table's rows (else they are replaced); an existing table
   *     whose columns do not fit is re-created when replacing, and refused when appending
   * @throws IllegalArgumentException naming the file, the column and the value or type when a
   *     file cannot be loaded; nothing is changed then
   */
  public static Result load(
      DuckDbWarehouse warehouse, TableSchema table, List<FileSource> files, ColumnMapping mapping,
      boolean append) {
    if (table.role() != TableSchema.Role.SOURCE) {
      throw new IllegalArgumentException(
          table.name() + " is not a source table; the source tables are "
              + CanonicalTables.SOURCES.stream().map(TableSchema::name).toList());
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no file to load into " + table.name());
    }
    for (FileSource file : files) {
      if (!Files.isRegularFile(file.path())) {
        throw new IllegalArgumentException("no file " + file.name());
      }
    }
    try (Connection connection = warehouse.connect()) {
      connection.setAutoCommit(false);
      try {
        DSLContext dsl = DuckDbWarehouse.dsl(connection);
        Map<String, String> existing = columns(dsl, table.name());
        long replaced = 0;
        boolean created = false;
        if (!existing.isEmpty()) {
          List<DuckDbWarehouse.ColumnProblem> problems = DuckDbWarehouse.columnProblems(
              table.name(), table, existing, ColumnMapping.IDENTITY);
          if (!problems.isEmpty() && append) {
            throw new IllegalArgumentException("cannot append to " + table.name() + ": its"
                + " columns do not fit (" + problems.stream()
                    .map(DuckDbWarehouse.ColumnProblem::message).toList()
                + "); import without --append to replace the table");
          }
          if (!problems.isEmpty()) {
            replaced = count(dsl, table.name());
            dsl.execute("drop table " + quote(table.name()));
            existing = Map.of();
          } else {
            if (!append) {
              replaced = dsl.execute("delete from " + quote(table.name()));
            }
            for (String statement : DuckDbSchemas.addMissingColumns(table)) {
              dsl.execute(statement);
            }
          }
        }
        if (existing.isEmpty()) {
          for (String statement : DuckDbSchemas.createTable(table)) {
            dsl.execute(statement);
          }
          created = true;
        }
        List<FileResult> results = new ArrayList<>();
        long rows = 0;
        for (FileSource file : files) {
          FileResult result = loadFile(dsl, table, file, mapping);
          results.add(result);
          rows += result.rows();
        }
        connection.commit();
        return new Result(table, rows, replaced, created, List.copyOf(results));
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "loading " + table.name() + " failed: " + e.getMessage(), e);
    } catch (org.jooq.exception.DataAccessException e) {
      throw new IllegalArgumentException(
          "loading " + table.name() + " failed: " + e.getMessage(), e);
    }
  }

  private static FileResult loadFile(
      DSLContext dsl, TableSchema table, FileSource file, ColumnMapping mapping) {
    Format format = file.format() != null ? file.format() : Format.fromName(file.name());
    if (format == null) {
      throw new IllegalArgumentException(
          file.name() + ": the name does not say the format (.csv, .parquet, .json, .jsonl);"
              + " give --format csv, parquet or json");
    }
    String reader = reader(format, file.path());
    Map<String, String> found = new LinkedHashMap<>();
    try {
      for (Record r : dsl.fetch("describe select * from " + reader)) {
        found.put(r.get("column_name", String.class),
            r.get("column_type", String.class).toUpperCase(Locale.ROOT));
      }
    } catch (org.jooq.exception.DataAccessException e) {
      throw new IllegalArgumentException(
          file.name() + ": DuckDB cannot read it as " + format.name().toLowerCase(Locale.ROOT)
              + ": " + e.getMessage(), e);
    }
    List<String> missing = new ArrayList<>();
    List<String> wrongType = new ArrayList<>();
    Map<String, String> columns = new LinkedHashMap<>();
    List<String> absent = new ArrayList<>();
    List<String> targets = new ArrayList<>();
    List<String> expressions = new ArrayList<>();
    List<BadValues> badChecks = new ArrayList<>();
    for (Column column : table.columns()) {
      String wanted = mapping.sourceColumn(table, column.name());
      boolean mapped = mapping.isMapped(table, column.name());
      String name = found.containsKey(wanted) ? wanted
          : found.keySet().stream().filter(wanted::equalsIgnoreCase).findFirst().orElse(null);
      if (name == null) {
        if (!mapped && CanonicalTables.mayBeAbsent(table, column)) {
          absent.add(column.name());
          continue;
        }
        missing.add(wanted + (mapped ? " (mapped to " + table.name() + "." + column.name() + ")"
            : " (" + table.name() + "." + column.name() + ", " + column.type().duckDbType()
                + "; if the file holds it under another name: --map " + table.name() + "."
                + column.name() + "=NAME)"));
        continue;
      }
      columns.put(column.name(), name);
      String label = name + (column.name().equals(name) ? ""
          : " (" + table.name() + "." + column.name() + ")");
      String type = found.get(name);
      String source = quote(name);
      String sqlType = column.type().duckDbType();
      String expression;
      if (DuckDbSchemas.readableAs(type, column.type()) || column.type() == ColumnType.STRING) {
        expression = "cast(" + source + " as " + sqlType + ")";
      } else if (type.equals("VARCHAR")) {
        String converted = fromText("trim(" + source + ")", column.type());
        expression = "case when trim(" + source + ") = '' then null else " + converted + " end";
        badChecks.add(new BadValues(label, name, column.type(),
            source + " is not null and trim(" + source + ") <> '' and " + converted + " is null"));
      } else {
        wrongType.add(label + " is " + type + "; " + table.name() + "." + column.name()
            + " takes " + DuckDbSchemas.accepted(column.type()) + ", or text that converts");
        continue;
      }
      targets.add(quote(column.name()));
      expressions.add(expression + " as " + quote(column.name()));
      if (!column.nullable()) {
        badChecks.add(new BadValues(label, name, null, expression + " is null"));
      }
    }
    if (!missing.isEmpty() || !wrongType.isEmpty()) {
      List<String> problems = new ArrayList<>();
      if (!missing.isEmpty()) {
        problems.add("no column " + String.join(", no column ", missing));
      }
      problems.addAll(wrongType);
      throw new IllegalArgumentException(file.name() + " cannot be loaded into " + table.name()
          + ": " + String.join("; ", problems) + ". The file's columns: "
          + String.join(", ", found.keySet().stream().map(c -> c + " " + found.get(c)).toList()));
    }
    List<String> bad = new ArrayList<>();
    for (BadValues check : badChecks) {
      Record r = dsl.fetchOne("select count(*) filter (where " + check.condition() + "),"
          + " (select " + quote(check.source()) + "::varchar from " + reader + " where "
          + check.condition() + " limit 1) from " + reader);
      long count = r.get(0, Long.class);
      if (count == 0) {
        continue;
      }
      if (check.type() == null) {
        bad.add(String.format(Locale.ROOT, "column %s is empty in %,d %s (a key: every row"
            + " needs it)", check.label(), count, count == 1 ? "row" : "rows"));
      } else {
        bad.add(String.format(Locale.ROOT, "column %s: '%s' is not %s (%,d such %s)",
            check.label(), r.get(1, String.class), describe(check.type()), count,
            count == 1 ? "value" : "values"));
      }
    }
    if (!bad.isEmpty()) {
      throw new IllegalArgumentException(file.name() + ": " + String.join("; ", bad)
          + "; nothing was loaded");
    }
    long rows = dsl.execute("insert into " + quote(table.name()) + " ("
        + String.join(", ", targets) + ") select " + String.join(", ", expressions) + " from "
        + reader);
    List<String> ignored = found.keySet().stream()
        .filter(c -> !columns.containsValue(c)).toList();
    return new FileResult(file.name(), rows, Map.copyOf(columns), ignored, List.copyOf(absent));
  }

  /**
   * A check for values a column cannot take: {@code condition} holds for each such row.
   *
   * @param type the type the text does not convert to; null for an empty key column
   */
  private record BadValues(String label, String source, ColumnType type, String condition) {}

  /** The DuckDB table function reading {@code path}. */
  static String reader(Format format, Path path) {
    String file = "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    return switch (format) {
      // text throughout: codes keep their leading zeros, and each value converts (or fails)
      // here, by the column's type; the sniffer still finds the delimiter and quoting
      case CSV -> "read_csv(" + file + ", header = true, all_varchar = true)";
      case PARQUET -> "read_parquet(" + file + ")";
      case JSON -> "read_json_auto(" + file + ")";
    };
  }

  /** The SQL converting text to {@code type}, NULL where it does not convert. */
  private static String fromText(String text, ColumnType type) {
    return switch (type) {
      case DATE -> "coalesce(try_cast(" + text + " as DATE), cast(try_cast(" + text
          + " as TIMESTAMP) as DATE))";
      case BOOLEAN -> "try_cast(" + text + " as BOOLEAN)";
      default -> "try_cast(" + text + " as " + type.duckDbType() + ")";
    };
  }

  private static String describe(ColumnType type) {
    return switch (type) {
      case DOUBLE -> "a number";
      case INT32, INT64 -> "a whole number";
      case DATE -> "a date (yyyy-mm-dd)";
      case TIMESTAMP -> "a timestamp (yyyy-mm-dd hh:mm:ss)";
      case BOOLEAN -> "true or false";
      case STRING -> "text";
    };
  }

  private static Map<String, String> columns(DSLContext dsl, String table) {
    Map<String, String> found = new LinkedHashMap<>();
    for (Record r : dsl.resultQuery("select column_name, data_type from information_schema.columns"
        + " where table_schema = 'main' and table_name = ? order by ordinal_position", table)
        .fetch()) {
      found.put(r.get(0, String.class), r.get(1, String.class).toUpperCase(Locale.ROOT));
    }
    return found;
  }

  private static long count(DSLContext dsl, String table) {
    return ((Number) dsl.fetchValue("select count(*) from " + quote(table))).longValue();
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
