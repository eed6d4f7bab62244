package io.demandcast.pipelines.cli;

import io.demandcast.connectors.RunId;
import io.demandcast.inventory.PolicyType;
import io.demandcast.inventory.ServiceTarget;
import io.demandcast.pipelines.model.DataRules;
import io.demandcast.pipelines.model.GlobalModel;
import io.demandcast.pipelines.model.InventorySettings;
import io.demandcast.pipelines.model.JobSettings;
import io.demandcast.pipelines.model.PeriodType;
import io.demandcast.pipelines.report.PlannerReport;
import java.nio.file.Path;
import java.time.LocalDate;
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
      description = "Run id written to every output row and naming the report folder: 1 to 64 "
          + "letters, digits, '.', '_' or '-' (" + RunId.PATTERN + "), not '.' or '..'. "
          + "Default: a new id from the UTC start time. "
          + "A re-run with the same id replaces that run's rows.")
  String runId;

  @Option(
      names = "--period",
      paramLabel = "PERIOD",
      defaultValue = "MONTH",
      description = "Demand calendar: ${COMPLETION-CANDIDATES} (calendar months, ISO weeks from "
          + "Monday, calendar days). Default: ${DEFAULT-VALUE}")
  PeriodType period;

  @Option(
      names = "--horizon",
      paramLabel = "N",
      description = "Periods to forecast. Default: 12, or 28 with --period DAY")
  Integer horizon;

  @Option(
      names = "--service-level",
      paramLabel = "LEVEL",
      defaultValue = "0.95",
      description = "Service target of every item, between 0 and 1, in the measure of "
          + "--service-measure (class targets and erp_items.service_level override it). "
          + "Default: ${DEFAULT-VALUE}")
  double serviceLevel;

  @Option(
      names = "--service-measure",
      paramLabel = "MEASURE",
      defaultValue = "fill-rate",
      description = "What the service targets measure: fill-rate (beta, share of demand met from "
          + "stock) or cycle-service (alpha, share of replenishment cycles without a stock-out). "
          + "Default: ${DEFAULT-VALUE}")
  String serviceMeasure;

  @Option(
      names = "--class-service-levels",
      paramLabel = "SPEC",
      defaultValue = "",
      description = "Service targets per ABC/XYZ class, e.g. A=0.98,B=0.95,C=0.9 or AX=0.99,CZ=0.85 "
          + "(ABC by annual forecast value, XYZ by demand variability); items of other classes get "
          + "--service-level. Default: none")
  String classServiceLevels;

  @Option(
      names = "--continuous-policy",
      paramLabel = "POLICY",
      defaultValue = "s_S",
      description = "Policy of items without a review period in erp_items: s_S (order up to S when "
          + "the position falls to s) or s_Q (order a fixed lot Q). Items with review_period_days get "
          + "(R, S). Default: ${DEFAULT-VALUE}")
  String continuousPolicy;

  @Option(
      names = "--lead-time-distribution",
      paramLabel = "FAMILY",
      defaultValue = "auto",
      description = "Distribution of demand over the lead time: auto (normal for smooth demand, "
          + "Poisson or negative binomial for intermittent demand), normal, discrete, or empirical "
          + "(intermittent demand bootstrapped from its history). Default: ${DEFAULT-VALUE}")
  String leadTimeDistribution;

  @Option(
      names = "--simulation-periods",
      paramLabel = "N",
      description = "Periods held out at the end of each series: the models forecast from before "
          + "them and the policy simulator replays them (table policy_simulation); 0 turns the "
          + "simulation off. Default: 12, or 28 with --period DAY")
  Integer simulationPeriods;

  @Option(
      names = "--warm-up-periods",
      paramLabel = "N",
      description = "Periods before the held-out ones the simulator replays first, unmeasured. "
          + "Default: 12, or 84 with --period DAY")
  Integer warmUpPeriods;

  @Option(
      names = "--location-capacity",
      paramLabel = "SPEC",
      defaultValue = "",
      description = "Storage capacity in units per location, e.g. PLANT01=50000,PLANT02=8000; orders "
          + "that would overfill a location are scaled back, lowest service-value loss first. "
          + "Default: none")
  String locationCapacity;

  @Option(
      names = "--backtest-windows",
      paramLabel = "N",
      defaultValue = "3",
      description = "Rolling-origin backtest windows per series. Default: ${DEFAULT-VALUE}")
  int backtestWindows;

  @Option(
      names = "--backtest-step",
      paramLabel = "N",
      description = "Periods between rolling origins. Default: 3, or 7 with --period DAY")
  Integer backtestStep;

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
      names = "--global-model",
      paramLabel = "MODEL",
      defaultValue = "none",
      description = "Global regression model trained per segment (item category x location) on "
          + "all its series and added to each series' candidates: none, gbt (gradient-boosted "
          + "trees), rf (random forest) or lasso. Default: ${DEFAULT-VALUE}")
  String globalModel;

  @Option(
      names = "--max-segment-series",
      paramLabel = "N",
      defaultValue = "5000",
      description = "Most series one global model is trained on; a larger segment is split into "
          + "buckets by a hash of the SKU. Bounds the memory of a training worker. "
          + "Default: ${DEFAULT-VALUE}")
  int maxSegmentSeries;

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      description = "The day the sources describe (yyyy-mm-dd, UTC): records dated later are "
          + "rejected, and the forecast origin is at most the last period complete on it. "
          + "Default: today (UTC)")
  LocalDate asOf;

  @Option(
      names = "--min-date",
      paramLabel = "DATE",
      defaultValue = "1980-01-01",
      description = "Records dated before this day are rejected as placeholders (e.g. 1900-01-01)."
          + " Default: ${DEFAULT-VALUE}")
  LocalDate minDate;

  @Option(
      names = "--max-quantity",
      paramLabel = "UNITS",
      defaultValue = "1e8",
      description = "Most units one record may carry (sold, on hand, ordered, shipped, MOQ, case "
          + "pack); above it the record is rejected. Default: ${DEFAULT-VALUE}")
  double maxQuantity;

  @Option(
      names = "--max-price",
      paramLabel = "AMOUNT",
      defaultValue = "1e7",
      description = "Highest unit price, unit cost or order cost; above it the record is rejected."
          + " Default: ${DEFAULT-VALUE}")
  double maxPrice;

  @Option(
      names = "--max-lead-time-days",
      paramLabel = "DAYS",
      defaultValue = "730",
      description = "Longest lead time a shipment (ship to delivery) or purchase order (order to "
          + "expected delivery) may show; longer ones are rejected. Default: ${DEFAULT-VALUE}")
  int maxLeadTimeDays;

  @Option(
      names = "--outlier-mads",
      paramLabel = "K",
      defaultValue = "100",
      description = "A sale above its series' median positive sale plus K robust scale units "
          + "(1.4826 x median absolute deviation, at least the median) is far outside its history."
          + " Default: ${DEFAULT-VALUE}")
  double outlierMads;

  @Option(
      names = "--outliers",
      paramLabel = "ACTION",
      defaultValue = "reject",
      description = "What happens to a sale far outside its series' history: reject (to "
          + "rejected_records), flag (kept, counted in the summary) or off (no such rule). "
          + "Default: ${DEFAULT-VALUE}")
  String outliers;

  @Option(
      names = "--default-holding-cost-rate",
      paramLabel = "RATE",
      defaultValue = "0.25",
      description = "Holding cost per year, as a fraction of unit cost, of an item whose "
          + "holding_cost_rate is NULL or absent. Default: ${DEFAULT-VALUE}")
  double defaultHoldingCostRate;

  @Option(
      names = "--default-order-cost",
      paramLabel = "AMOUNT",
      defaultValue = "0",
      description = "Fixed cost of one order of an item whose order_cost is NULL or absent (0: "
          + "no fixed cost, orders follow the policy's need). Default: ${DEFAULT-VALUE}")
  double defaultOrderCost;

  @Option(
      names = "--default-lead-time-days",
      paramLabel = "DAYS",
      defaultValue = "30",
      description = "Lead time of an item whose supplier has no shipment with both dates "
          + "(no variability assumed). Default: ${DEFAULT-VALUE}")
  double defaultLeadTimeDays;

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

  @Option(
      names = "--currency",
      paramLabel = "CURRENCY",
      description = "Currency of the planner report's amounts (unit cost, order value), as a code "
          + "(EUR, USD) or a symbol (€, $); it names the currency of erp_items.unit_cost, no "
          + "amount is converted. Default: none (plain numbers)")
  String currency;

  /**
   * The run's settings, starting now.
   *
   * @throws IllegalArgumentException naming the option (e.g. --service-level) and its bad value
   */
  JobSettings settings(LocalDateTime startedAt) {
    // first, before anything is opened or written: the id names the report folder
    String id = option("--run-id", () -> RunId.check(runId != null ? runId : newRunId(startedAt)));
    // before the run too: a currency the report cannot show would fail it only at the end
    option("--currency", () -> PlannerReport.checkCurrency(currency));
    try {
      InventorySettings inventory =
          new InventorySettings(
              option("--service-measure", () -> ServiceTarget.Measure.parse(serviceMeasure)),
              classServiceLevels,
              option("--continuous-policy", () -> PolicyType.parse(continuousPolicy)),
              option("--lead-time-distribution", () -> distribution(leadTimeDistribution)),
              simulationPeriods != null ? simulationPeriods : period.defaultSimulationPeriods(),
              warmUpPeriods != null ? warmUpPeriods : period.defaultWarmUpPeriods(),
              option("--location-capacity", () -> InventorySettings.parseCapacity(locationCapacity)));
      DataRules rules = new DataRules(
          asOf != null ? asOf : startedAt.toLocalDate(), minDate, maxQuantity, maxPrice,
          maxLeadTimeDays, outlierMads,
          option("--outliers", () -> DataRules.OutlierAction.parse(outliers)),
          DataRules.DEFAULT_MIN_OUTLIER_HISTORY, defaultHoldingCostRate, defaultOrderCost,
          defaultLeadTimeDays);
      // the options counted in periods default to the calendar's (PeriodType#defaultHorizon...)
      return new JobSettings(id, startedAt, period,
          horizon != null ? horizon : period.defaultHorizon(), serviceLevel, backtestWindows,
          backtestStep != null ? backtestStep : period.defaultBacktestStep(), minLaneShipments,
          storageMinC, storageMaxC, quarantineLookbackDays,
          quarantineMinReadings, skuShards, inventory,
          option("--global-model", () -> GlobalModel.parse(globalModel)), maxSegmentSeries,
          rules);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(optionNames(e.getMessage()), e);
    }
  }

  private static String distribution(String text) {
    String family = text.toLowerCase(Locale.ROOT);
    if (!InventorySettings.DISTRIBUTIONS.contains(family)) {
      throw new IllegalArgumentException(
          "unknown distribution '" + text + "': use one of " + InventorySettings.DISTRIBUTIONS);
    }
    return family;
  }

  /** The value of an option, or an error that names the option. */
  private static <T> T option(String name, java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Replaces JobSettings' and InventorySettings' component names in a message by the options that
   * set them.
   */
  static String optionNames(String message) {
    Matcher m = Pattern.compile("\\b(runId|horizon|serviceLevel|backtestWindows|backtestStep"
        + "|minLaneShipments|storageMinC|storageMaxC|quarantineLookbackDays|quarantineMinReadings"
        + "|skuShards|simulationPeriods|warmUpPeriods|continuousPolicy|locationCapacity"
        + "|classTargets|maxSegmentSeries|asOf|minDate|maxQuantity|maxPrice|maxLeadTimeDays"
        + "|outlierMads|defaultHoldingCostRate|defaultOrderCost|defaultLeadTimeDays)\\b")
        .matcher(message);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String kebab = m.group(1).equals("classTargets")
          ? "class-service-levels"
          : m.group(1).replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
      m.appendReplacement(out, Matcher.quoteReplacement("--" + kebab));
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
