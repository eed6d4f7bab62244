package io.demandcast.pipelines.transforms;

import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.pipelines.model.JobSettings;
import java.time.LocalDate;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Checks every record of one source table with {@link RecordRules}: valid rows go to {@link
 * #VALID}, the others to {@link #REJECTED} as {@code rejected_records} rows with the payload and the
 * reason. For {@code erp_sales}, a row rejected only because its quantity was not recorded also goes
 * to {@link #MISSING_PERIODS}, so that the demand series knows the period is unknown rather than
 * zero.
 *
 * <p>Counters (namespace {@code demandcast}): {@code read_<table>} and {@code rejected_<table>}.
 */
public final class ValidateRecords extends PTransform<PCollection<Row>, PCollectionTuple> {
  /** Rows that passed every check, with the table's schema. */
  public static final TupleTag<Row> VALID = new TupleTag<>("valid") {};

  /** {@code rejected_records} rows. */
  public static final TupleTag<Row> REJECTED = new TupleTag<>("rejected") {};

  /** Sales rows with a missing quantity: series key to the sale day as epoch day. */
  public static final TupleTag<KV<String, Long>> MISSING_PERIODS = new TupleTag<>("missing") {};

  /** The Beam metrics namespace of demandcast's counters. */
  public static final String METRICS_NAMESPACE = "demandcast";

  private final TableSchema table;
  private final JobSettings settings;

  public ValidateRecords(TableSchema table, JobSettings settings) {
    super("Validate " + table.name());
    this.table = table;
    this.settings = settings;
  }

  @Override
  public PCollectionTuple expand(PCollection<Row> rows) {
    PCollectionTuple result =
        rows.apply(
            "Check" + table.name(),
            ParDo.of(new CheckFn(table.name(), settings))
                .withOutputTags(VALID, TupleTagList.of(REJECTED).and(MISSING_PERIODS)));
    result.get(VALID).setRowSchema(table.beamSchema());
    result.get(REJECTED).setRowSchema(Rejections.SCHEMA);
    result.get(MISSING_PERIODS).setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    return result;
  }

  private static final class CheckFn extends DoFn<Row, Row> {
    private final String table;
    private final JobSettings settings;
    private final Counter read;
    private final Counter rejected;

    CheckFn(String table, JobSettings settings) {
      this.table = table;
      this.settings = settings;
      this.read = Metrics.counter(METRICS_NAMESPACE, "read_" + table);
      this.rejected = Metrics.counter(METRICS_NAMESPACE, "rejected_" + table);
    }

    @ProcessElement
    public void process(@Element Row row, MultiOutputReceiver out) {
      read.inc();
      String reason = RecordRules.check(table, row);
      if (reason == null) {
        out.get(VALID).output(row);
        return;
      }
      rejected.inc();
      out.get(REJECTED)
          .output(
              Rejections.row(
                  settings.runId(), table, RowPayload.toJson(row), reason, settings.startedAt()));
      if (table.equals("erp_sales") && RecordRules.isMissingQuantity(row)) {
        String key =
            io.demandcast.pipelines.model.SeriesKey.of(
                row.getString("sku"), row.getString("location"));
        out.get(MISSING_PERIODS)
            .output(KV.of(key, row.getLogicalTypeValue("date", LocalDate.class).toEpochDay()));
      }
    }
  }
}
