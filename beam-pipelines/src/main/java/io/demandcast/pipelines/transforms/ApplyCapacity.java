package io.demandcast.pipelines.transforms;

import io.demandcast.inventory.Recommendation;
import io.demandcast.inventory.ReplenishmentPlanner;
import io.demandcast.inventory.classification.AllocatedOrder;
import io.demandcast.inventory.classification.CapacityAllocation;
import io.demandcast.inventory.classification.CapacityAllocator;
import io.demandcast.inventory.classification.CapacityRequest;
import io.demandcast.inventory.classification.LocationCapacity;
import io.demandcast.pipelines.model.JobSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Turns planned series into {@code inventory_recommendations} rows, scaling orders back where a
 * location has a storage capacity ({@code --location-capacity}) and its load — units on hand, on
 * order and to be ordered, over all its series — would exceed it. The inventory optimizer's {@link
 * CapacityAllocator} cuts orders one case at a time, lowest service-value loss first (the expected
 * units short the cut adds, times the unit cost, per unit of capacity freed); the reason of every cut
 * order says by how much and why.
 *
 * <p>Without capacities the rows are written straight away; with them the plans are grouped by
 * location, so memory is bounded by the largest location.
 */
final class ApplyCapacity extends PTransform<PCollection<KV<String, PlanInventoryFn.Planned>>, PCollection<Row>> {
  private final JobSettings settings;

  ApplyCapacity(JobSettings settings) {
    super("ApplyCapacity");
    this.settings = settings;
  }

  @Override
  public PCollection<Row> expand(PCollection<KV<String, PlanInventoryFn.Planned>> planned) {
    JobSettings s = settings;
    if (s.inventory().locationCapacity().isEmpty()) {
      return planned.apply("Rows", ParDo.of(new DoFn<KV<String, PlanInventoryFn.Planned>, Row>() {
        @ProcessElement
        public void process(@Element KV<String, PlanInventoryFn.Planned> p, OutputReceiver<Row> out) {
          out.output(RecommendInventory.row(
              p.getValue().context(), p.getValue().recommendation(), null, s));
        }
      }));
    }
    return planned
        .apply("GroupByLocation", GroupByKey.create())
        .apply("Allocate", ParDo.of(new DoFn<KV<String, Iterable<PlanInventoryFn.Planned>>, Row>() {
          @ProcessElement
          public void process(
              @Element KV<String, Iterable<PlanInventoryFn.Planned>> location,
              OutputReceiver<Row> out) {
            rows(location.getKey(), location.getValue(), s).forEach(out::output);
          }
        }));
  }

  /** The rows of one location, its orders cut to its capacity when it has one. */
  static List<Row> rows(
      String location, Iterable<PlanInventoryFn.Planned> plans, JobSettings settings) {
    Map<String, Double> capacities = settings.inventory().locationCapacity();
    List<PlanInventoryFn.Planned> all = new ArrayList<>();
    plans.forEach(all::add);
    List<Row> rows = new ArrayList<>();
    if (!capacities.containsKey(location)) {
      for (PlanInventoryFn.Planned p : all) {
        rows.add(RecommendInventory.row(p.context(), p.recommendation(), null, settings));
      }
      return rows;
    }
    List<CapacityRequest> requests = new ArrayList<>();
    for (PlanInventoryFn.Planned p : all) {
      Recommendation r = p.recommendation();
      RecommendInventory.Context c = p.context();
      requests.add(
          new CapacityRequest(
              c.input().outcome().sku(),
              c.onHand() + c.input().onOrder() + r.recommendedOrderQty(),
              r.recommendedOrderQty(),
              c.economics().casePack(),
              c.economics().moq(),
              1.0,
              c.economics().unitCost(),
              ReplenishmentPlanner.protectionDemand(r)));
    }
    CapacityAllocation allocation =
        CapacityAllocator.allocate(LocationCapacity.units(location, capacities.get(location)), requests);
    for (int i = 0; i < all.size(); i++) {
      PlanInventoryFn.Planned p = all.get(i);
      AllocatedOrder a = allocation.orders().get(i);
      Recommendation r = p.recommendation();
      if (a.changed()) {
        r = ReplenishmentPlanner.withOrder(r, a.order());
      }
      rows.add(RecommendInventory.row(p.context(), r, a.changed() ? a.reason() : null, settings));
    }
    return rows;
  }
}
