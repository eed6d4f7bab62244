package io.demandcast.pipelines.transforms;

import static io.demandcast.connectors.schema.CanonicalTables.LOGISTICS_SHIPMENTS;
import static io.demandcast.pipelines.transforms.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.pipelines.model.ItemInfo;
import io.demandcast.pipelines.model.LeadTimeStats;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

/** Lead-time statistics: the combine, the lane/supplier/all fallback, and the side input. */
@ExtendWith(TestPipelineExtension.class)
class LeadTimesTest {
  /** 20, 22, ..., 42: n = 12, mean 31; deviations +-1, +-3, ..., +-11, squares sum 2 * 286 = 572. */
  private static final List<Double> TWELVE =
      List.of(20.0, 22.0, 24.0, 26.0, 28.0, 30.0, 32.0, 34.0, 36.0, 38.0, 40.0, 42.0);

  // ------------------------------------------------------------------ StatsFn

  private static LeadTimes.Moments accumulate(LeadTimes.StatsFn fn, List<Double> values) {
    LeadTimes.Moments acc = fn.createAccumulator();
    for (double v : values) {
      acc = fn.addInput(acc, v);
    }
    return acc;
  }

  @Test
  void givenTwelveLeadTimes_whenCombined_thenCountMeanAndSampleSd() {
    LeadTimes.StatsFn fn = new LeadTimes.StatsFn();
    LeadTimeStats stats = fn.extractOutput(accumulate(fn, TWELVE));
    assertThat(stats.shipments()).isEqualTo(12);
    assertThat(stats.meanDays()).isCloseTo(31.0, within(1e-12));
    // sample variance 572 / (12 - 1) = 52
    assertThat(stats.sdDays()).isCloseTo(Math.sqrt(52), within(1e-12));
  }

  @Test
  void givenTwoHalves_whenAccumulatorsMerged_thenSameAsAddingAll() {
    LeadTimes.StatsFn fn = new LeadTimes.StatsFn();
    LeadTimeStats all = fn.extractOutput(accumulate(fn, TWELVE));
    LeadTimes.Moments low = accumulate(fn, TWELVE.subList(0, 6));
    LeadTimes.Moments high = accumulate(fn, TWELVE.subList(6, 12));

    for (List<LeadTimes.Moments> order : List.of(List.of(low, high), List.of(high, low),
        List.of(fn.createAccumulator(), low, fn.createAccumulator(), high))) {
      LeadTimeStats merged = fn.extractOutput(fn.mergeAccumulators(order));
      assertThat(merged.shipments()).isEqualTo(all.shipments());
      assertThat(merged.meanDays()).isCloseTo(all.meanDays(), within(1e-12));
      assertThat(merged.sdDays()).isCloseTo(all.sdDays(), within(1e-12));
    }
  }

  @Test
  void givenUnevenSplit_whenAccumulatorsMerged_thenSameAsHandComputed() {
    // {20} and {22, ..., 42} merged: still n 12, mean 31, sd sqrt(52)
    LeadTimes.StatsFn fn = new LeadTimes.StatsFn();
    LeadTimeStats merged = fn.extractOutput(fn.mergeAccumulators(List.of(
        accumulate(fn, TWELVE.subList(0, 1)), accumulate(fn, TWELVE.subList(1, 12)))));
    assertThat(merged.shipments()).isEqualTo(12);
    assertThat(merged.meanDays()).isCloseTo(31.0, within(1e-12));
    assertThat(merged.sdDays()).isCloseTo(Math.sqrt(52), within(1e-12));
  }

  @Test
  void givenSingleLeadTime_whenCombined_thenSdIsZero() {
    LeadTimes.StatsFn fn = new LeadTimes.StatsFn();
    LeadTimeStats stats = fn.extractOutput(accumulate(fn, List.of(17.0)));
    assertThat(stats).isEqualTo(new LeadTimeStats(1, 17.0, 0.0));
  }

  @Test
  void givenLargeOffset_whenCombined_thenVarianceIsNotLostToCancellation() {
    // 1e9 + {4, 7, 13, 16}: mean 1e9 + 10, deviations -6, -3, 3, 6, sample variance 90 / 3 = 30
    LeadTimes.StatsFn fn = new LeadTimes.StatsFn();
    LeadTimeStats stats =
        fn.extractOutput(accumulate(fn, List.of(1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16)));
    assertThat(stats.meanDays()).isCloseTo(1e9 + 10, within(1e-6));
    assertThat(stats.sdDays()).isCloseTo(Math.sqrt(30), within(1e-6));
  }

  // ------------------------------------------------------------------ forItem

  private static ItemInfo item(String supplier, String mode) {
    return new ItemInfo("A", 10, 0.25, 50, 1, 0, supplier, mode, null, null, null);
  }

  private static final LeadTimeStats LANE = new LeadTimeStats(12, 31, 7);
  private static final LeadTimeStats SUPPLIER = new LeadTimeStats(15, 28, 6);
  private static final LeadTimeStats ALL = new LeadTimeStats(40, 20, 5);

  private static Map<String, LeadTimeStats> stats(LeadTimeStats lane, LeadTimeStats supplier) {
    Map<String, LeadTimeStats> map = new HashMap<>();
    map.put(LeadTimes.laneKey("S1", "Air"), lane);
    map.put(LeadTimes.supplierKey("S1"), supplier);
    map.put(LeadTimes.ALL, ALL);
    return map;
  }

  @Test
  void givenLaneWithEnoughShipments_whenForItem_thenLaneIsUsed() {
    LeadTimes.Choice choice = LeadTimes.forItem(stats(LANE, SUPPLIER), item("S1", "Air"), 10);
    assertThat(choice.stats()).isEqualTo(LANE);
    assertThat(choice.basis()).isEqualTo("supplier S1, mode Air: 12 shipments");
  }

  @Test
  void givenLaneWithExactlyMinShipments_whenForItem_thenLaneIsUsed() {
    LeadTimes.Choice choice = LeadTimes.forItem(stats(LANE, SUPPLIER), item("S1", "Air"), 12);
    assertThat(choice.stats()).isEqualTo(LANE);
  }

  @Test
  void givenLaneBelowMinShipments_whenForItem_thenSupplierIsUsed() {
    LeadTimeStats thinLane = new LeadTimeStats(5, 50, 1);
    LeadTimes.Choice choice = LeadTimes.forItem(stats(thinLane, SUPPLIER), item("S1", "Air"), 10);
    assertThat(choice.stats()).isEqualTo(SUPPLIER);
    assertThat(choice.basis()).isEqualTo("supplier S1, all modes: 15 shipments");
  }

  @Test
  void givenItemWithoutShipMode_whenForItem_thenSupplierIsUsed() {
    LeadTimes.Choice choice = LeadTimes.forItem(stats(LANE, SUPPLIER), item("S1", null), 10);
    assertThat(choice.stats()).isEqualTo(SUPPLIER);
  }

  @Test
  void givenItemOnLaneWithNoShipments_whenForItem_thenSupplierIsUsed() {
    LeadTimes.Choice choice = LeadTimes.forItem(stats(LANE, SUPPLIER), item("S1", "Ocean"), 10);
    assertThat(choice.stats()).isEqualTo(SUPPLIER);
  }

  @Test
  void givenLaneAndSupplierBelowMinShipments_whenForItem_thenAllShipmentsAreUsed() {
    LeadTimes.Choice choice = LeadTimes.forItem(
        stats(new LeadTimeStats(5, 50, 1), new LeadTimeStats(8, 45, 2)), item("S1", "Air"), 10);
    assertThat(choice.stats()).isEqualTo(ALL);
    assertThat(choice.basis()).contains("all suppliers").contains("S1").contains("40 shipments");
  }

  @Test
  void givenItemWithoutSupplier_whenForItem_thenAllShipmentsAreUsedForAnUnknownSupplier() {
    LeadTimes.Choice choice = LeadTimes.forItem(stats(LANE, SUPPLIER), item(null, "Air"), 10);
    assertThat(choice.stats()).isEqualTo(ALL);
    assertThat(choice.basis()).contains("an unknown supplier").contains("40 shipments");
  }

  @Test
  void givenNoStatistics_whenForItem_thenNull() {
    assertThat(LeadTimes.forItem(Map.of(), item("S1", "Air"), 10)).isNull();
  }

  // ------------------------------------------------------------------ apply (side input)

  /** Emits the entries of the map side input once. */
  private static final class MapEntriesFn extends DoFn<String, KV<String, LeadTimeStats>> {
    private final PCollectionView<Map<String, LeadTimeStats>> view;

    MapEntriesFn(PCollectionView<Map<String, LeadTimeStats>> view) {
      this.view = view;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      c.sideInput(view).forEach((k, v) -> c.output(KV.of(k, v)));
    }
  }

  private static Row shipment(String id, String supplier, String mode, LocalDate shipped,
      LocalDate delivered) {
    return row(LOGISTICS_SHIPMENTS, "shipment_id", id, "supplier", supplier, "mode", mode,
        "ship_date", shipped, "delivered_date", delivered);
  }

  @Test
  void givenShipmentsSomeLackingDates_whenApply_thenOnlyDatedShipmentsCount(TestPipeline pipeline) {
    LocalDate d = LocalDate.of(2001, 3, 1);
    List<Row> rows = List.of(
        shipment("SH1", "S1", "Air", d, d.plusDays(10)), // 10 days
        shipment("SH2", "S1", "Air", d, d.plusDays(14)), // 14 days
        shipment("SH3", "S1", "Air", null, d.plusDays(99)), // no ship_date: ignored
        shipment("SH4", "S2", "Truck", d, null), // no delivered_date: ignored
        shipment("SH5", "S2", null, d, d.plusDays(6))); // 6 days, no mode: supplier and all only
    PCollectionView<Map<String, LeadTimeStats>> view = LeadTimes.apply(
        pipeline.apply("Shipments", Create.of(rows).withRowSchema(LOGISTICS_SHIPMENTS.beamSchema())));
    PCollection<KV<String, LeadTimeStats>> entries = pipeline
        .apply("Once", Create.of("x"))
        .apply("ReadView", ParDo.of(new MapEntriesFn(view)).withSideInputs(view))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), LeadTimeStats.Coder.of()));

    PAssert.that(entries).satisfies(kvs -> {
      Map<String, LeadTimeStats> map = new HashMap<>();
      kvs.forEach(kv -> map.put(kv.getKey(), kv.getValue()));
      // no S2|Truck: its only shipment has no delivered_date
      assertThat(map).containsOnlyKeys("S1|Air", "S1|*", "S2|*", "*");
      // S1: {10, 14}: mean 12, sample variance (4 + 4) / 1 = 8 (SH3's 99 days would change both)
      for (String key : List.of("S1|Air", "S1|*")) {
        assertThat(map.get(key).shipments()).as(key).isEqualTo(2);
        assertThat(map.get(key).meanDays()).as(key).isCloseTo(12.0, within(1e-12));
        assertThat(map.get(key).sdDays()).as(key).isCloseTo(Math.sqrt(8), within(1e-12));
      }
      assertThat(map.get("S2|*")).isEqualTo(new LeadTimeStats(1, 6.0, 0.0));
      // all: {10, 14, 6}: mean 10, deviations 0, 4, -4, sample variance 32 / 2 = 16, sd 4
      assertThat(map.get("*").shipments()).isEqualTo(3);
      assertThat(map.get("*").meanDays()).isCloseTo(10.0, within(1e-12));
      assertThat(map.get("*").sdDays()).isCloseTo(4.0, within(1e-12));
      return null;
    });
    pipeline.run().waitUntilFinish();
  }
}
