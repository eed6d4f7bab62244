package io.demandcast.pipelines;

import io.demandcast.connectors.Connectors;
import io.demandcast.connectors.OutputWarehouse;
import io.demandcast.connectors.TableUri;
import io.demandcast.connectors.UnreadableRecords;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.pipelines.model.JobSettings;
import io.demandcast.pipelines.transforms.CountOutputRows;
import io.demandcast.pipelines.transforms.ForecastAndRecommend;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionRowTuple;

/**
 * The demandcast pipeline: each canonical source table read as its URI says, {@link
 * ForecastAndRecommend} between the reads and the writes, every output table counted ({@link
 * CountOutputRows}) and written to the output warehouse's staging under the run id. It builds the
 * Beam graph only: recording, checking and publishing the run is {@link RunPublisher}'s business,
 * and the seams (how a source is read, where outputs go) are passed in.
 */
public final class DemandcastPipeline {
  private DemandcastPipeline() {}

  /**
   * Adds the job to {@code pipeline}.
   *
   * @param sources the URI of every canonical source table, by table name
   * @param mapping the source column names of canonical columns
   * @param connectors the source connectors, by scheme: each table is read by its URI's
   * @param warehouse where the outputs are staged under {@code settings.runId()}
   * @throws IllegalArgumentException when a source table cannot be read (checked as the graph is
   *     built, before anything runs)
   */
  public static void build(
      Pipeline pipeline,
      JobSettings settings,
      Map<String, TableUri> sources,
      ColumnMapping mapping,
      Connectors connectors,
      OutputWarehouse warehouse) {
    PCollectionRowTuple input = PCollectionRowTuple.empty(pipeline);
    for (TableSchema table : CanonicalTables.SOURCES) {
      TableUri uri = sources.get(table.name());
      PCollectionRowTuple read = PBegin.in(pipeline).apply(
          "Read" + table.name(), connectors.forTable(uri).read(uri, table, mapping));
      input = input
          .and(table.name(), read.get(UnreadableRecords.ROWS))
          .and(ForecastAndRecommend.unreadableTag(table), read.get(UnreadableRecords.UNREADABLE));
    }
    PCollectionRowTuple outputs = input.apply(new ForecastAndRecommend(settings));
    for (TableSchema table : ForecastAndRecommend.OUTPUTS) {
      outputs
          .get(table.name())
          .apply(new CountOutputRows(table.name()))
          .apply("Write" + table.name(), warehouse.writeStaged(table, settings.runId()));
    }
  }
}
