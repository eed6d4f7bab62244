package io.demandcast.connectors;

import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionRowTuple;
import org.apache.beam.sdk.values.Row;

/**
 * Records a connector read but could not turn into a row of the canonical schema: a value that
 * does not convert to its column's type (text {@code 'abc'} for a number), a malformed line. A
 * connector whose source has no types of its own (CSV, JSON lines), or whose types hold values
 * the canonical ones do not (Parquet: a BIGINT beyond INT32, a NaN), returns them next to its rows,
 * as a {@link org.apache.beam.sdk.values.PCollectionRowTuple} with the tags {@link #ROWS} and
 * {@link #UNREADABLE}; the job turns them into {@code rejected_records} rows, so nothing is dropped
 * silently.
 */
public final class UnreadableRecords {
  private UnreadableRecords() {}

  /** The tag of the rows, with the canonical table's schema. */
  public static final String ROWS = "rows";

  /** The tag of the unreadable records, with {@link #SCHEMA}. */
  public static final String UNREADABLE = "unreadable";

  /**
   * One unreadable record: {@code source}, the canonical table and where the record came from
   * (e.g. {@code erp_sales (s3://bucket/sales/2024.csv)}); {@code payload}, the record as read, a
   * JSON object with {@code _file} and {@code _line} ({@code _row}, counted from 1, for a Parquet
   * row); {@code reason}, what is wrong, naming the line (or row), the column and the value. No
   * field is null.
   */
  public static final Schema SCHEMA =
      Schema.builder()
          .addStringField("source")
          .addStringField("payload")
          .addStringField("reason")
          .build();

  /** An unreadable record; see {@link #SCHEMA}. */
  public static Row row(String source, String payload, String reason) {
    return Row.withSchema(SCHEMA)
        .withFieldValue("source", source)
        .withFieldValue("payload", payload)
        .withFieldValue("reason", reason)
        .build();
  }

  /**
   * {@code rows} under {@link #ROWS} with an empty collection under {@link #UNREADABLE}: the output
   * of a connector whose source's types always convert to the canonical ones (DuckDB, Hive). Call
   * it in the connector's {@code expand}, with its input, so the empty step is named within it.
   */
  public static PCollectionRowTuple none(PBegin input, PCollection<Row> rows) {
    PCollection<Row> unreadable =
        input.apply("NoUnreadable", Create.empty(RowCoder.of(SCHEMA))).setRowSchema(SCHEMA);
    return PCollectionRowTuple.of(ROWS, rows).and(UNREADABLE, unreadable);
  }

  /**
   * {@code read}'s rows under {@link #ROWS} with an empty collection under {@link #UNREADABLE}, as
   * one step named {@code name}: the read of a connector whose source's types always convert.
   */
  public static PTransform<PBegin, PCollectionRowTuple> noneFrom(
      String name, PTransform<PBegin, PCollection<Row>> read) {
    return new PTransform<>(name) {
      @Override
      public PCollectionRowTuple expand(PBegin input) {
        return none(input, input.apply("Rows", read));
      }
    };
  }
}
