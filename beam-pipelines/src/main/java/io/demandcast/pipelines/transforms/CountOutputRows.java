package io.demandcast.pipelines.transforms;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Passes an output table's rows through unchanged, counting them in the counter {@code
 * output_<table>} (namespace {@link ValidateRecords#METRICS_NAMESPACE}): the rows the pipeline
 * hands to the warehouse's staged write, which the job compares with what the staging holds before
 * it publishes the run.
 */
public final class CountOutputRows extends PTransform<PCollection<Row>, PCollection<Row>> {
  private final String table;

  /** @param table the output table's name */
  public CountOutputRows(String table) {
    super("Count " + table);
    this.table = table;
  }

  /** The counter's name for {@code table}'s output rows. */
  public static String counterName(String table) {
    return "output_" + table;
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> rows) {
    return rows.apply("Count" + table, ParDo.of(new CountFn(counterName(table))))
        .setRowSchema(rows.getSchema());
  }

  private static final class CountFn extends DoFn<Row, Row> {
    private final Counter counter;

    CountFn(String name) {
      this.counter = Metrics.counter(ValidateRecords.METRICS_NAMESPACE, name);
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<Row> out) {
      counter.inc();
      out.output(row);
    }
  }
}
