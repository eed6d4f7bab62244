package io.demandcast.pipelines.cli;

import io.demandcast.connectors.demo.SyntheticDataset;
import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.pipelines.model.PeriodType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code demandcast generate}: fill a warehouse's source tables with synthetic data. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Fill the warehouse's source tables with synthetic, seeded data of any size.",
      "%nWrites N SKUs (one series each) with weekly sales ending in the week of "
          + "2025-12-22, or with --period day daily sales over the same weeks (a weekday pattern "
          + "per SKU, the seasonal SKUs' yearly cycle, many days without a sale for slow movers): "
          + "35% smooth, 25% seasonal, 15% trending and 25% intermittent demand; items,"
          + " one stock snapshot per SKU, open purchase orders, hourly temperature readings per"
          + " location, and the real USAID SCMS shipments (each SKU is bought on a real SCMS"
          + " lane, so its lead times are real). Replaces what the source tables held; the"
          + " output tables are left alone. The same --seed gives the same rows. Run the job on"
          + " it with the same --period (week or day)."
    },
    footer = {
      "",
      "Example:",
      "  ./demandcast generate --series 10000 --warehouse synthetic.duckdb",
      "  ./demandcast run --warehouse synthetic.duckdb --period=week --horizon=13",
      "  ./demandcast generate --series 1000 --weeks 104 --period day --warehouse daily.duckdb",
      "  ./demandcast run --warehouse daily.duckdb --period=day --as-of 2025-12-28"
    })
final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--series", paramLabel = "N", defaultValue = "10000",
      description = "SKUs to generate, one series each. Default: ${DEFAULT-VALUE}")
  int series;

  @Option(names = "--weeks", paramLabel = "N", defaultValue = "156",
      description = "Weeks of sales history per SKU (with --period day, 7 days each). Default: "
          + "${DEFAULT-VALUE} (3 years)")
  int weeks;

  @Option(names = "--period", paramLabel = "PERIOD", defaultValue = "WEEK",
      description = "Calendar of the sales rows: WEEK (one row per SKU and week with a sale, dated"
          + " its Monday) or DAY (one row per SKU and day with a sale). Default: ${DEFAULT-VALUE}")
  PeriodType period;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "20261122",
      description = "Seed of every random draw. Default: ${DEFAULT-VALUE}")
  long seed;

  @Option(names = "--warehouse", paramLabel = "FILE", defaultValue = "synthetic.duckdb",
      description = "DuckDB warehouse file whose source tables are replaced (created if missing)."
          + " Default: ${DEFAULT-VALUE}")
  Path warehouse;

  @Override
  public Integer call() {
    if (series < 1) {
      throw new ParameterException(spec.commandLine(), "--series must be >= 1, was " + series);
    }
    if (weeks < 1) {
      throw new ParameterException(spec.commandLine(), "--weeks must be >= 1, was " + weeks);
    }
    if (period == PeriodType.MONTH) {
      throw new ParameterException(spec.commandLine(),
          "--period: generate writes weekly or daily sales (WEEK or DAY), not " + period);
    }
    SyntheticDataset.Granularity granularity = period == PeriodType.DAY
        ? SyntheticDataset.Granularity.DAY
        : SyntheticDataset.Granularity.WEEK;
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "generating %,d series x %d weeks%s (seed %d) into %s%n", series,
        weeks, granularity == SyntheticDataset.Granularity.DAY ? " of daily sales" : "", seed,
        warehouse.toAbsolutePath().normalize());
    out.flush();
    load(new SyntheticDataset(series, weeks, seed, granularity), DuckDbWarehouse.open(warehouse),
        out);
    return 0;
  }

  /**
   * Replaces every source table of {@code warehouse} with the rows of {@code data}, printing one
   * line per table.
   *
   * @return seconds taken
   */
  static double load(SyntheticDataset data, DuckDbWarehouse warehouse, PrintWriter out) {
    long start = System.nanoTime();
    for (TableSchema table : CanonicalTables.SOURCES) {
      long t0 = System.nanoTime();
      long rows = warehouse.replaceSourceTable(table, data.rows(table));
      out.printf(Locale.ROOT, "  %-20s %,12d rows  %6.1f s%n", table.name(), rows,
          (System.nanoTime() - t0) / 1e9);
      out.flush();
    }
    // closing checkpoints the database into its file: a copy of the file then holds every row
    DuckDbConnections.close(warehouse.file());
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf(Locale.ROOT, "generated in %.1f s%n", seconds);
    return seconds;
  }
}
