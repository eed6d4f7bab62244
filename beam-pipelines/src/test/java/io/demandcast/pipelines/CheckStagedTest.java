package io.demandcast.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.connectors.OutputWarehouse;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.pipelines.transforms.CountOutputRows;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job's check before publishing: the rows the pipeline handed to the staged write ({@link
 * CountOutputRows}, counted by a real DirectRunner run) against what the warehouse says its staging
 * holds.
 */
class CheckStagedTest {
  private static PipelineResult result;

  /** A run whose pipeline wrote 3 demand_forecasts rows and 1 rejected_records row. */
  @BeforeAll
  static void runPipeline() {
    Schema schema = Schema.builder().addStringField("sku").build();
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    pipeline
        .apply("Forecasts", Create.of(row(schema, "a"), row(schema, "b"), row(schema, "c"))
            .withRowSchema(schema))
        .apply(new CountOutputRows(CanonicalTables.DEMAND_FORECASTS.name()));
    pipeline
        .apply("Rejected", Create.of(row(schema, "x")).withRowSchema(schema))
        .apply(new CountOutputRows(CanonicalTables.REJECTED_RECORDS.name()));
    result = pipeline.run();
    result.waitUntilFinish();
  }

  private static Row row(Schema schema, String sku) {
    return Row.withSchema(schema).addValue(sku).build();
  }

  @Test
  void givenCountedRows_thenCounterHoldsThem() {
    assertThat(RunMetrics.counter(result, CountOutputRows.counterName("demand_forecasts")))
        .isEqualTo(3);
    assertThat(RunMetrics.counter(result, CountOutputRows.counterName("rejected_records")))
        .isEqualTo(1);
  }

  @Test
  void givenStagingHoldsEveryRowOrMore_thenRunMayBePublished() {
    // more is a retried bundle's duplicates, which the commit keeps once
    Map<String, Long> staged = new HashMap<>(Map.of("demand_forecasts", 3L, "rejected_records", 2L));
    assertThatCode(() -> RunPublisher.checkStaged(new Staging(staged), "r1", result))
        .doesNotThrowAnyException();
  }

  @Test
  void givenWarehouseThatDoesNotCount_thenNothingIsChecked() {
    assertThatCode(() -> RunPublisher.checkStaged(new Staging(null), "r1", result))
        .doesNotThrowAnyException();
  }

  @Test
  void givenStagingLostRows_thenRunIsRefusedNamingTableAndCounts() {
    Map<String, Long> staged = new HashMap<>(Map.of("demand_forecasts", 2L, "rejected_records", 1L));
    assertThatThrownBy(() -> RunPublisher.checkStaged(new Staging(staged), "r1", result))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("demand_forecasts")
        .hasMessageContaining("wrote 3 rows")
        .hasMessageContaining("holds 2")
        .hasMessageContaining("run r1 is not published")
        .hasMessageContaining("--run-id");
  }

  /** An output warehouse that only answers {@link #stagedRows}; null counts: does not count. */
  private record Staging(Map<String, Long> counts) implements OutputWarehouse {
    @Override
    public OptionalLong stagedRows(String runId, TableSchema table) {
      if (counts == null) {
        return OptionalLong.empty();
      }
      return OptionalLong.of(counts.getOrDefault(table.name(), 0L));
    }

    @Override
    public String location() {
      return "test staging";
    }

    @Override
    public void beginRun(String runId, LocalDateTime startedAt, String optionsJson, String version) {
      throw new UnsupportedOperationException();
    }

    @Override
    public PTransform<PCollection<Row>, PDone> writeStaged(TableSchema table, String runId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, Long> commitRun(
        String runId, LocalDateTime finishedAt, String sourceSnapshotJson, long rowsRead) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void failRun(String runId, LocalDateTime finishedAt, String message) {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.util.List<String> recoverAbandonedRuns(LocalDateTime now) {
      throw new UnsupportedOperationException();
    }
  }
}
