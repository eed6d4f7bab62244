package io.demandcast.pipelines.transforms;

import static io.demandcast.connectors.schema.CanonicalTables.IOT_READINGS;
import static io.demandcast.pipelines.transforms.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.pipelines.model.ExcursionLog;
import io.demandcast.pipelines.model.JobSettings;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Temperature readings outside the storage range, counted per location and day. */
@ExtendWith(TestPipelineExtension.class)
class TemperatureExcursionsTest {
  /** Storage range 15..27 C (the defaults). */
  private static final JobSettings SETTINGS =
      JobSettings.defaults("test-run", LocalDateTime.of(2026, 11, 21, 9, 0));

  private static final LocalDate DAY1 = LocalDate.of(2026, 1, 10);
  private static final LocalDate DAY2 = DAY1.plusDays(1);

  /** Emits the entries of the map side input once. */
  private static final class MapEntriesFn extends DoFn<String, KV<String, ExcursionLog>> {
    private final PCollectionView<Map<String, ExcursionLog>> view;

    MapEntriesFn(PCollectionView<Map<String, ExcursionLog>> view) {
      this.view = view;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      c.sideInput(view).forEach((k, v) -> c.output(KV.of(k, v)));
    }
  }

  private static Row reading(String location, LocalDateTime ts, String metric, double value) {
    return row(IOT_READINGS, "sensor_id", "s-" + location, "location", location, "ts", ts,
        "metric", metric, "value", value);
  }

  @Test
  void givenReadingsInAndOutOfRange_whenApply_thenOutsideCountedPerLocationAndDay(
      TestPipeline pipeline) {
    List<Row> readings = List.of(
        // DC1 day 1: 14.9, 27.1 and 35 are outside; 15.0 and 27.0 are the inclusive bounds
        reading("DC1", DAY1.atTime(0, 0), "temperature_c", 14.9),
        reading("DC1", DAY1.atTime(1, 0), "temperature_c", 15.0),
        reading("DC1", DAY1.atTime(2, 0), "temperature_c", 27.0),
        reading("DC1", DAY1.atTime(3, 0), "temperature_c", 27.1),
        reading("DC1", DAY1.atTime(23, 59), "temperature_c", 35.0),
        // DC1 day 2: one outside just after midnight
        reading("DC1", DAY2.atTime(0, 1), "temperature_c", 10.0),
        // other metrics carry no excursion signal, whatever their value
        reading("DC1", DAY1.atTime(4, 0), "humidity_pct", 99.0),
        reading("DC2", DAY1.atTime(4, 0), "shelf_units", 500.0),
        // DC2 day 1: one outside
        reading("DC2", DAY1.atTime(12, 0), "temperature_c", 30.0),
        // DC3: only in range, so absent from the map
        reading("DC3", DAY1.atTime(12, 0), "temperature_c", 20.0));

    PCollectionView<Map<String, ExcursionLog>> view = TemperatureExcursions.apply(
        pipeline.apply("Readings", Create.of(readings).withRowSchema(IOT_READINGS.beamSchema())),
        SETTINGS);
    PCollection<KV<String, ExcursionLog>> entries = pipeline
        .apply("Once", Create.of("x"))
        .apply("ReadView", ParDo.of(new MapEntriesFn(view)).withSideInputs(view))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ExcursionLog.Coder.of()));

    PAssert.that(entries).satisfies(kvs -> {
      Map<String, ExcursionLog> map = new HashMap<>();
      kvs.forEach(kv -> map.put(kv.getKey(), kv.getValue()));
      assertThat(map).containsOnlyKeys("DC1", "DC2");
      assertThat(map.get("DC1").location()).isEqualTo("DC1");
      assertThat(map.get("DC1").outsideByDay())
          .isEqualTo(new TreeMap<>(Map.of(DAY1, 3, DAY2, 1)));
      assertThat(map.get("DC2").outsideByDay()).isEqualTo(new TreeMap<>(Map.of(DAY1, 1)));
      return null;
    });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void givenNoTemperatureReadingOutsideRange_whenApply_thenMapIsEmpty(TestPipeline pipeline) {
    List<Row> readings = List.of(
        reading("DC1", DAY1.atTime(0, 0), "temperature_c", 20.0),
        reading("DC1", DAY1.atTime(1, 0), "shelf_units", -4.0));

    PCollectionView<Map<String, ExcursionLog>> view = TemperatureExcursions.apply(
        pipeline.apply("Readings", Create.of(readings).withRowSchema(IOT_READINGS.beamSchema())),
        SETTINGS);
    PCollection<KV<String, ExcursionLog>> entries = pipeline
        .apply("Once", Create.of("x"))
        .apply("ReadView", ParDo.of(new MapEntriesFn(view)).withSideInputs(view))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ExcursionLog.Coder.of()));

    PAssert.that(entries).empty();
    pipeline.run().waitUntilFinish();
  }
}
