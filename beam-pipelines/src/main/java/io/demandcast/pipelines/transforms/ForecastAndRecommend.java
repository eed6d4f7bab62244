package io.demandcast.pipelines.transforms;

import static io.demandcast.connectors.schema.CanonicalTables.DEMAND_FORECASTS;
import static io.demandcast.connectors.schema.CanonicalTables.ERP_INVENTORY;
import static io.demandcast.connectors.schema.CanonicalTables.ERP_ITEMS;
import static io.demandcast.connectors.schema.CanonicalTables.ERP_PURCHASE_ORDERS;
import static io.demandcast.connectors.schema.CanonicalTables.ERP_SALES;
import static io.demandcast.connectors.schema.CanonicalTables.FORECAST_ACCURACY;
import static io.demandcast.connectors.schema.CanonicalTables.INVENTORY_RECOMMENDATIONS;
import static io.demandcast.connectors.schema.CanonicalTables.IOT_READINGS;
import static io.demandcast.connectors.schema.CanonicalTables.LOGISTICS_SHIPMENTS;
import static io.demandcast.connectors.schema.CanonicalTables.REJECTED_RECORDS;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.pipelines.model.JobSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionRowTuple;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The demandcast job without its IO: from the six canonical source tables to the four row outputs.
 * Input and output tags are the canonical table names.
 *
 * <p>Steps:
 *
 * <ol>
 *   <li>Validate every source record; bad ones become {@code rejected_records} rows.
 *   <li>Merge: aggregate sales into one demand series per SKU x location x period; lead-time
 *       statistics per supplier lane from the shipments; temperature excursions per location from
 *       the IoT readings; latest on hand and open orders from the ERP.
 *   <li>Forecast each series: candidate models, rolling-origin backtest, selection by MASE, horizon
 *       with p10/p50/p90.
 *   <li>Optimize: safety stock, reorder point, order-up-to level and the order to place now.
 *   <li>Emit {@code demand_forecasts}, {@code forecast_accuracy}, {@code
 *       inventory_recommendations} and {@code rejected_records} rows.
 * </ol>
 */
public final class ForecastAndRecommend extends PTransform<PCollectionRowTuple, PCollectionRowTuple> {
  private final JobSettings settings;

  public ForecastAndRecommend(JobSettings settings) {
    super("ForecastAndRecommend");
    this.settings = settings;
  }

  @Override
  public PCollectionRowTuple expand(PCollectionRowTuple sources) {
    // Step 1: validate.
    Map<String, PCollectionTuple> validated = new HashMap<>();
    PCollectionList<Row> rejected = PCollectionList.empty(sources.getPipeline());
    for (TableSchema table : CanonicalTables.SOURCES) {
      if (!sources.has(table.name())) {
        throw new IllegalArgumentException(
            "source table " + table.name() + " is not configured; the job needs every one of "
                + CanonicalTables.SOURCES.stream().map(TableSchema::name).toList());
      }
      PCollectionTuple result =
          sources.get(table.name()).apply(new ValidateRecords(table, settings));
      validated.put(table.name(), result);
      rejected = rejected.and(result.get(ValidateRecords.REJECTED));
    }

    // Step 2: merge.
    BuildDemandSeries.Result series =
        BuildDemandSeries.apply(
            valid(validated, ERP_SALES),
            valid(validated, ERP_ITEMS),
            validated.get(ERP_SALES.name()).get(ValidateRecords.MISSING_PERIODS),
            settings);
    rejected = rejected.and(series.rejected());
    var leadTimes = LeadTimes.apply(valid(validated, LOGISTICS_SHIPMENTS));
    var excursions = TemperatureExcursions.apply(valid(validated, IOT_READINGS), settings);
    var stock = StockPositions.latestSnapshots(valid(validated, ERP_INVENTORY));
    var onOrder = StockPositions.onOrder(valid(validated, ERP_PURCHASE_ORDERS));

    // Step 3: forecast.
    PCollection<ForecastSeries.Outcome> outcomes = ForecastSeries.apply(series.series(), settings);

    // Step 4: optimize.
    PCollection<Row> recommendations =
        RecommendInventory.apply(
            outcomes, series.itemsBySeries(), stock, onOrder, leadTimes, excursions, settings);

    // Step 5: emit.
    JobSettings s = settings;
    PCollection<Row> forecasts =
        outcomes
            .apply(
                "DemandForecastRows",
                FlatMapElements.into(TypeDescriptors.rows())
                    .via((ForecastSeries.Outcome o) -> ForecastSeries.forecastRows(o, s)))
            .setRowSchema(DEMAND_FORECASTS.beamSchema());
    PCollection<Row> accuracy =
        outcomes
            .apply(
                "ForecastAccuracyRows",
                FlatMapElements.into(TypeDescriptors.rows())
                    .via((ForecastSeries.Outcome o) -> ForecastSeries.accuracyRows(o, s)))
            .setRowSchema(FORECAST_ACCURACY.beamSchema());
    PCollection<Row> allRejected =
        rejected.apply("FlattenRejected", Flatten.pCollections()).setRowSchema(Rejections.SCHEMA);

    return PCollectionRowTuple.of(DEMAND_FORECASTS.name(), forecasts)
        .and(FORECAST_ACCURACY.name(), accuracy)
        .and(INVENTORY_RECOMMENDATIONS.name(), recommendations)
        .and(REJECTED_RECORDS.name(), allRejected);
  }

  private static PCollection<Row> valid(Map<String, PCollectionTuple> validated, TableSchema table) {
    return validated.get(table.name()).get(ValidateRecords.VALID);
  }

  /** The output tables, in the order the job emits them. */
  public static final List<TableSchema> OUTPUTS =
      List.of(DEMAND_FORECASTS, FORECAST_ACCURACY, INVENTORY_RECOMMENDATIONS, REJECTED_RECORDS);

}
