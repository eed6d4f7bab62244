package io.demandcast.pipelines.cli;

import io.demandcast.connectors.schema.Dialect;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code demandcast ddl}: prints the DDL of the canonical tables in one SQL dialect. */
@Command(
    name = "ddl",
    mixinStandardHelpOptions = true,
    description = {
      "Print the DDL (CREATE TABLE IF NOT EXISTS) of every canonical table in one SQL dialect.",
      "%nGenerated from the one schema definition in code; the committed files are this output"
          + " (a test fails when they differ). Regenerate them from the repository root with:",
      "  ./demandcast ddl > sql/duckdb/tables.sql",
      "  ./demandcast ddl --dialect hive > sql/hive/tables.sql",
      "  ./demandcast ddl --dialect bigquery > sql/bigquery/tables.sql",
      "%nEach file's header says how to run it (Hive: beeline --hivevar database=...; BigQuery:"
          + " substitute the dataset, then bq query)."
    })
final class DdlCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--dialect",
      paramLabel = "NAME",
      defaultValue = "duckdb",
      converter = DialectConverter.class,
      completionCandidates = DialectNames.class,
      description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}")
  Dialect dialect;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(dialect.ddlScript());
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** Parses a dialect name; the error names the value and the known dialects. */
  static final class DialectConverter implements ITypeConverter<Dialect> {
    @Override
    public Dialect convert(String value) {
      try {
        return Dialect.of(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** The dialect names, for the help text. */
  static final class DialectNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Dialect.values()).map(Dialect::id).iterator();
    }
  }
}
