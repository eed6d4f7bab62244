package io.demandcast.pipelines.transforms;

import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.pipelines.model.JobSettings;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Checks every record of one source table with {@link RecordRules}: valid rows go to {@link
 * #VALID}, the others to {@link #REJECTED} as {@code rejected_records} rows with the payload and the
 * reason. For {@code erp_sales}, a row rejected only because its quantity was not recorded also goes
 * to {@link #MISSING_QUANTITY}, so that the demand series knows the period is unknown rather than
 * zero.
 *
 * <p>Counters (namespace {@code demandcast}): {@code read_<table>} and {@code rejected_<table>}
 * (later steps add their rejections to the latter, and count {@link #usedCounter}).
 */
public final class ValidateRecords extends PTransform<PCollection<Row>, PCollectionTuple> {
  /** Rows that passed every check, with the table's schema. */
  public static final TupleTag<Row> VALID = new TupleTag<>("valid") {};

  /** {@code rejected_records} rows. */
  public static final TupleTag<Row> REJECTED = new TupleTag<>("rejected") {};

  /** {@code erp_sales} rows whose only fault is a quantity that was not recorded. */
  public static final TupleTag<Row> MISSING_QUANTITY = new TupleTag<>("missing") {};

  /** The Beam metrics namespace of demandcast's counters. */
  public static final String METRICS_NAMESPACE = "demandcast";

  /**
   * The counter of a source table's rows that the job used: those that passed every check and went
   * into the merge step ({@link SkuScreen}, {@link LeadTimes}, {@link TemperatureExcursions}).
   * Per table, {@code read_<table> = used_<table> + rejected_<table>} when the run lost nothing.
   */
  public static String usedCounter(String table) {
    return "used_" + table;
  }

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
                .withOutputTags(VALID, TupleTagList.of(REJECTED).and(MISSING_QUANTITY)));
    result.get(VALID).setRowSchema(table.beamSchema());
    result.get(REJECTED).setRowSchema(Rejections.SCHEMA);
    result.get(MISSING_QUANTITY).setRowSchema(table.beamSchema());
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
      String reason = RecordRules.check(table, row, settings.rules());
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
        out.get(MISSING_QUANTITY).output(row);
      }
    }
  }
}
