package io.demandcast.pipelines.cli;

import io.demandcast.pipelines.model.JobSettings;
import io.demandcast.pipelines.model.PeriodType;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** The options {@code demo} and {@code run} share: warehouse, forecasting, inventory, report, Beam. */
final class JobOptions {
  @Option(
      names = "--warehouse",
      paramLabel = "FILE",
      defaultValue = "demandcast.duckdb",
      description = "DuckDB warehouse file the outputs are written to (created if missing). Default: ${DEFAULT-VALUE}")
  Path warehouse;

  @Option(
      names = "--run-id",
      paramLabel = "ID",
      description = "Run id written to every output row. Default: a new id from the UTC start time. "
          + "A re-run with the same id replaces that run's rows.")
  String runId;

  @Option(
      names = "--period",
      paramLabel = "PERIOD",
      defaultValue = "MONTH",
      description = "Demand calendar: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}")
  PeriodType period;

  @Option(
      names = "--horizon",
      paramLabel = "N",
      defaultValue = "12",
      description = "Periods to forecast. Default: ${DEFAULT-VALUE}")
  int horizon;

  @Option(
      names = "--service-level",
      paramLabel = "ALPHA",
      defaultValue = "0.95",
      description = "Target cycle service level, between 0 and 1. Default: ${DEFAULT-VALUE}")
  double serviceLevel;

  @Option(
      names = "--backtest-windows",
      paramLabel = "N",
      defaultValue = "3",
      description = "Rolling-origin backtest windows per series. Default: ${DEFAULT-VALUE}")
  int backtestWindows;

  @Option(
      names = "--backtest-step",
      paramLabel = "N",
      defaultValue = "3",
      description = "Periods between rolling origins. Default: ${DEFAULT-VALUE}")
  int backtestStep;

  @Option(
      names = "--min-lane-shipments",
      paramLabel = "N",
      defaultValue = "10",
      description = "Lead times a supplier x mode lane needs before its own statistics are used "
          + "(else the supplier's, else all shipments'). Default: ${DEFAULT-VALUE}")
  int minLaneShipments;

  @Option(
      names = "--storage-min-c",
      paramLabel = "CELSIUS",
      defaultValue = "15",
      description = "Lowest storage temperature; readings below it are excursions. Default: ${DEFAULT-VALUE}")
  double storageMinC;

  @Option(
      names = "--storage-max-c",
      paramLabel = "CELSIUS",
      defaultValue = "27",
      description = "Highest storage temperature; readings above it are excursions. Default: ${DEFAULT-VALUE}")
  double storageMaxC;

  @Option(
      names = "--quarantine-lookback-days",
      paramLabel = "DAYS",
      defaultValue = "30",
      description = "Days before the stock snapshot in which an excursion quarantines the on-hand "
          + "stock of perishable items. Default: ${DEFAULT-VALUE}")
  int quarantineLookbackDays;

  @Option(
      names = "--quarantine-min-readings",
      paramLabel = "N",
      defaultValue = "3",
      description = "Readings outside the storage range, within the look-back, that make an "
          + "excursion. Default: ${DEFAULT-VALUE}")
  int quarantineMinReadings;

  @Option(
      names = "--sku-shards",
      paramLabel = "N",
      defaultValue = "128",
      description = "Groups the SKUs are hashed into; each is one unit of forecasting work. More "
          + "shards: more parallelism, less memory each. Default: ${DEFAULT-VALUE}")
  int skuShards;

  @Option(
      names = "--reports",
      paramLabel = "DIR",
      defaultValue = "reports",
      description = "Directory the planner report goes to, as DIR/<run id>/. Default: ${DEFAULT-VALUE}")
  Path reports;

  @Option(
      names = "--report-top",
      paramLabel = "N",
      defaultValue = "12",
      description = "SKUs charted in the report, by forecast value. Default: ${DEFAULT-VALUE}")
  int reportTop;

  /**
   * The run's settings, starting now.
   *
   * @throws IllegalArgumentException naming the option (e.g. --service-level) and its bad value
   */
  JobSettings settings(LocalDateTime startedAt) {
    String id = runId != null ? runId : newRunId(startedAt);
    try {
      return new JobSettings(id, startedAt, period, horizon, serviceLevel, backtestWindows,
          backtestStep, minLaneShipments, storageMinC, storageMaxC, quarantineLookbackDays,
          quarantineMinReadings, skuShards);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(optionNames(e.getMessage()), e);
    }
  }

  /** Replaces JobSettings' component names in a message by the options that set them. */
  static String optionNames(String message) {
    Matcher m = Pattern.compile("\\b(runId|horizon|serviceLevel|backtestWindows|backtestStep"
        + "|minLaneShipments|storageMinC|storageMaxC|quarantineLookbackDays|quarantineMinReadings"
        + "|skuShards)\\b").matcher(message);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String kebab = m.group(1).replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
      m.appendReplacement(out, "--" + kebab);
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * The Beam pipeline options among a command's unmatched arguments; each must be written as
   * --name=value. (picocli binds {@code @Unmatched} only on a command, not in a mixin, so the
   * commands collect them and pass them here.)
   *
   * @throws IllegalArgumentException naming the first argument that is not --name=value
   */
  static List<String> beamArgs(List<String> beamArgs) {
    for (String arg : beamArgs) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException(
            "unknown argument '" + arg + "'; Beam pipeline options are written --name=value, "
                + "e.g. --runner=DirectRunner; see --help");
      }
    }
    return beamArgs;
  }

  static String newRunId(LocalDateTime startedAt) {
    return startedAt.format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
        + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
  }
}
