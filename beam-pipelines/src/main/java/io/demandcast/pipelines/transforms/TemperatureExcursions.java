package io.demandcast.pipelines.transforms;

import io.demandcast.pipelines.model.ExcursionLog;
import io.demandcast.pipelines.model.JobSettings;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;

/**
 * The IoT signal the job uses: storage-temperature excursions. Validated {@code iot_readings} of
 * metric {@code temperature_c} outside [{@link JobSettings#storageMinC()}, {@link
 * JobSettings#storageMaxC()}] are counted per location and day; the recommendation step quarantines
 * the on-hand stock of perishable items (those with a shelf life) at a location whose count within
 * the look-back before the inventory snapshot reaches {@link JobSettings#quarantineMinReadings()}.
 * The result holds one small map per location and is used as a side input.
 */
public final class TemperatureExcursions {
  private TemperatureExcursions() {}

  /** Excursion logs keyed by location. */
  public static PCollectionView<Map<String, ExcursionLog>> apply(
      PCollection<Row> readings, JobSettings settings) {
    return readings
        .apply("OutsideStorageRange", ParDo.of(new OutsideFn(settings)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of()))
        .apply("CountPerLocationDay", Sum.integersPerKey())
        .apply("KeyByLocation", ParDo.of(new KeyByLocationFn()))
        .setCoder(
            KvCoder.of(
                StringUtf8Coder.of(),
                KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of())))
        .apply("GroupDaysByLocation", GroupByKey.create())
        .apply("BuildExcursionLog", ParDo.of(new LogFn()))
        .apply("ExcursionsView", View.asMap());
  }

  private static final class OutsideFn extends DoFn<Row, KV<String, Integer>> {
    private final double min;
    private final double max;

    OutsideFn(JobSettings settings) {
      this.min = settings.storageMinC();
      this.max = settings.storageMaxC();
    }

    private final org.apache.beam.sdk.metrics.Counter used =
        org.apache.beam.sdk.metrics.Metrics.counter(ValidateRecords.METRICS_NAMESPACE,
            ValidateRecords.usedCounter("iot_readings"));

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<KV<String, Integer>> out) {
      used.inc();
      if (!RecordRules.TEMPERATURE_C.equals(row.getString("metric"))) {
        return; // other metrics carry no excursion signal
      }
      double value = row.getDouble("value");
      if (value >= min && value <= max) {
        return;
      }
      LocalDateTime ts = row.getLogicalTypeValue("ts", LocalDateTime.class);
      out.output(KV.of(row.getString("location") + "|" + ts.toLocalDate(), 1));
    }
  }

  private static final class KeyByLocationFn
      extends DoFn<KV<String, Integer>, KV<String, KV<String, Integer>>> {
    @ProcessElement
    public void process(
        @Element KV<String, Integer> kv, OutputReceiver<KV<String, KV<String, Integer>>> out) {
      int cut = kv.getKey().lastIndexOf('|');
      out.output(
          KV.of(kv.getKey().substring(0, cut), KV.of(kv.getKey().substring(cut + 1), kv.getValue())));
    }
  }

  private static final class LogFn
      extends DoFn<KV<String, Iterable<KV<String, Integer>>>, KV<String, ExcursionLog>> {
    @ProcessElement
    public void process(
        @Element KV<String, Iterable<KV<String, Integer>>> grouped,
        OutputReceiver<KV<String, ExcursionLog>> out) {
      TreeMap<LocalDate, Integer> byDay = new TreeMap<>();
      for (KV<String, Integer> day : grouped.getValue()) {
        byDay.merge(LocalDate.parse(day.getKey()), day.getValue(), Integer::sum);
      }
      out.output(KV.of(grouped.getKey(), new ExcursionLog(grouped.getKey(), byDay)));
    }
  }
}
