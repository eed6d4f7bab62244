package io.demandcast.pipelines.transforms;

import io.demandcast.connectors.UnreadableRecords;
import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.pipelines.model.JobSettings;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Turns the records a connector could not convert ({@link UnreadableRecords#SCHEMA}: a value not
 * of its column's type, a malformed line) into {@code rejected_records} rows of the run, with the
 * connector's source, payload and reason. Each counts as read and as rejected in the table's
 * {@link ValidateRecords} counters ({@code read_<table>}, {@code rejected_<table>}), so {@code
 * model_runs.rows_read} and {@code rows_rejected} include them.
 */
public final class RejectUnreadable extends PTransform<PCollection<Row>, PCollection<Row>> {
  private final TableSchema table;
  private final JobSettings settings;

  public RejectUnreadable(TableSchema table, JobSettings settings) {
    super("Reject unreadable " + table.name());
    this.table = table;
    this.settings = settings;
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> unreadable) {
    return unreadable
        .apply("RejectUnreadable" + table.name(), ParDo.of(new RejectFn(table.name(), settings)))
        .setRowSchema(Rejections.SCHEMA);
  }

  private static final class RejectFn extends DoFn<Row, Row> {
    private final JobSettings settings;
    private final Counter read;
    private final Counter rejected;

    RejectFn(String table, JobSettings settings) {
      this.settings = settings;
      this.read = Metrics.counter(ValidateRecords.METRICS_NAMESPACE, "read_" + table);
      this.rejected = Metrics.counter(ValidateRecords.METRICS_NAMESPACE, "rejected_" + table);
    }

    @ProcessElement
    public void process(@Element Row record, OutputReceiver<Row> out) {
      read.inc();
      rejected.inc();
      out.output(
          Rejections.row(
              settings.runId(),
              record.getString("source"),
              record.getString("payload"),
              record.getString("reason"),
              settings.startedAt()));
    }
  }
}
