package io.demandcast.connectors.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.demandcast.connectors.UnreadableRecords;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.ColumnMapping;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollectionRowTuple;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

/**
 * {@link BigQuerySource} against real BigQuery. Runs (with {@code mvn verify}, by the failsafe
 * plugin) only when all are present, and is reported as skipped otherwise (JUnit assumptions):
 *
 * <ul>
 *   <li>{@code GOOGLE_APPLICATION_CREDENTIALS}: a service-account key file (application-default
 *       credentials) allowed to read the table and run export jobs in the project;
 *   <li>{@code DEMANDCAST_BQ_TABLE}: {@code bigquery://<project>/<dataset>.<table>}, a table with
 *       the columns of the canonical {@code erp_sales} under their canonical names;
 *   <li>{@code DEMANDCAST_BQ_TEMP_LOCATION}: a {@code gs://} path the export may write to.
 * </ul>
 *
 * The export job runs in the table's project. Nothing is written to BigQuery.
 */
class BigQueryCloudIT {
  @Test
  void givenRealTable_whenRead_thenItsSchemaPassesTheCheckAndRowsAreRead() {
    String credentials = System.getenv("GOOGLE_APPLICATION_CREDENTIALS");
    String uri = System.getenv("DEMANDCAST_BQ_TABLE");
    String temp = System.getenv("DEMANDCAST_BQ_TEMP_LOCATION");
    assumeTrue(credentials != null && !credentials.isBlank(), "GOOGLE_APPLICATION_CREDENTIALS not set");
    assumeTrue(uri != null && !uri.isBlank(), "DEMANDCAST_BQ_TABLE not set");
    assumeTrue(temp != null && temp.startsWith("gs://"), "DEMANDCAST_BQ_TEMP_LOCATION (gs://...) not set");
    BigQueryTableName table = BigQueryTableName.parse(uri);
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory
        .fromArgs("--project=" + table.project(), "--tempLocation=" + temp).create());

    PCollectionRowTuple read = pipeline.apply(
        BigQuerySource.read(table, CanonicalTables.ERP_SALES, ColumnMapping.IDENTITY));
    read.get(UnreadableRecords.ROWS).apply(ParDo.of(new CountFn()));
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();

    long rows = result.metrics().queryMetrics(MetricsFilter.builder()
            .addNameFilter(MetricNameFilter.named(CountFn.class, "rows")).build())
        .getCounters().iterator().next().getAttempted();
    assertThat(rows).isPositive();
  }

  /** Counts the rows read. */
  static final class CountFn extends DoFn<Row, Void> {
    private final Counter rows = Metrics.counter(CountFn.class, "rows");

    @ProcessElement
    public void process() {
      rows.inc();
    }
  }
}
