package io.demandcast.pipelines.transforms;

import io.demandcast.connectors.schema.CanonicalTables;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/** Builds {@code rejected_records} rows. */
public final class Rejections {
  /** The Beam schema of {@code rejected_records}. */
  public static final Schema SCHEMA = CanonicalTables.REJECTED_RECORDS.beamSchema();

  private Rejections() {}

  /**
   * One rejected record.
   *
   * @param runId the run
   * @param source the source table (and file) the record came from
   * @param payload the record as read, JSON
   * @param reason why it was rejected
   * @param ts UTC time stamp of the rejection (the run's start)
   */
  public static Row row(String runId, String source, String payload, String reason, LocalDateTime ts) {
    return Row.withSchema(SCHEMA)
        .withFieldValue("run_id", runId)
        .withFieldValue("source", source)
        .withFieldValue("payload", payload)
        .withFieldValue("reason", reason)
        .withFieldValue("ts", ts)
        .build();
  }

  /**
   * Numbers identical rejected records (same source, payload and reason) 1, 2, ... in their {@code
   * occurrence} column, so that two identical source rows stay two rows: the warehouses' commit
   * keeps distinct rows only (a retried bundle's exact copies), which would otherwise fold them.
   * A GroupByKey by the record's text; rejected records are few next to the sources.
   */
  public static PTransform<PCollection<Row>, PCollection<Row>> numberIdentical() {
    return new PTransform<>("NumberIdentical") {
      @Override
      public PCollection<Row> expand(PCollection<Row> rejected) {
        return rejected
            .apply("KeyByRecord", ParDo.of(new DoFn<Row, KV<String, Row>>() {
              @ProcessElement
              public void process(@Element Row r, OutputReceiver<KV<String, Row>> out) {
                out.output(KV.of(r.getString("source") + '\u0000' + r.getString("payload")
                    + '\u0000' + r.getString("reason"), r));
              }
            }))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), rejected.getCoder()))
            .apply("GroupIdentical", GroupByKey.create())
            .apply("Number", ParDo.of(new DoFn<KV<String, Iterable<Row>>, Row>() {
              @ProcessElement
              public void process(
                  @Element KV<String, Iterable<Row>> group, OutputReceiver<Row> out) {
                List<Row> rows = new ArrayList<>();
                group.getValue().forEach(rows::add);
                for (int i = 0; i < rows.size(); i++) {
                  out.output(Row.fromRow(rows.get(i)).withFieldValue("occurrence", i + 1).build());
                }
              }
            }))
            .setRowSchema(SCHEMA);
      }
    };
  }
}
