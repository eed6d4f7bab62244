package io.demandcast.pipelines.transforms;

import io.demandcast.connectors.schema.CanonicalTables;
import java.time.LocalDateTime;
import org.apache.beam.sdk.schemas.Schema;
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
}
