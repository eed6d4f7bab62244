package io.demandcast.pipelines.transforms;

import io.demandcast.inventory.Recommendation;
import io.demandcast.pipelines.coders.Encoding;
import io.demandcast.pipelines.coders.FieldCoder;
import io.demandcast.pipelines.coders.InventoryEncoding;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import io.demandcast.inventory.classification.AbcThresholds;
import io.demandcast.inventory.classification.AbcXyzRules;
import io.demandcast.inventory.classification.ClassServiceTargets;
import io.demandcast.inventory.classification.ItemClass;
import io.demandcast.inventory.classification.XyzClass;
import io.demandcast.pipelines.model.ExcursionLog;
import io.demandcast.pipelines.model.JobSettings;
import io.demandcast.pipelines.model.LeadTimeStats;
import java.util.Map;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Plans one series: classifies it (ABC by annual forecast value against the run's thresholds, XYZ
 * by the coefficient of variation of its history), picks its target and policy, recommends (see
 * {@link RecommendInventory}) and replays the held-out periods ({@link SimulatePolicy}).
 *
 * <p>Outputs: the plan keyed by location (for the capacity check), and {@code policy_simulation}
 * rows. Counters (namespace {@code demandcast}): {@code recommendations}, {@link
 * #ASSUMED_LEAD_TIME}, {@link #ASSUMED_NO_STOCK}.
 */
final class PlanInventoryFn extends DoFn<PlanInput, KV<String, PlanInventoryFn.Planned>> {
  static final TupleTag<KV<String, Planned>> PLANNED = new TupleTag<>("planned") {};
  static final TupleTag<Row> SIMULATION = new TupleTag<>("policy_simulation") {};

  /**
   * A series' recommendation with its context, before any capacity cut.
   *
   * @param context the planning context
   * @param recommendation the recommendation
   */
  @DefaultCoder(Planned.Coder.class)
  record Planned(RecommendInventory.Context context, Recommendation recommendation) {

    /**
     * Writes the context (its plan input with {@link PlanInput.Coder}, the inventory values with
     * {@link InventoryEncoding}) and the recommendation; not deterministic, as the plan input's
     * coder is not.
     */
    public static final class Coder extends FieldCoder<Planned> {
      private static final long serialVersionUID = 1L;
      private static final Coder INSTANCE = new Coder();

      public static Coder of() {
        return INSTANCE;
      }

      public static CoderProvider getCoderProvider() {
        return CoderProviders.forCoder(TypeDescriptor.of(Planned.class), INSTANCE);
      }

      @Override
      public void write(DataOutputStream out, Planned value) throws IOException {
        RecommendInventory.Context c = value.context;
        PlanInput.Coder.of().write(out, c.input());
        InventoryEncoding.writeItemClass(out, c.itemClass());
        InventoryEncoding.writeTarget(out, c.target());
        InventoryEncoding.writePolicy(out, c.policy());
        out.writeDouble(c.reviewPeriodDays());
        InventoryEncoding.writeLeadTime(out, c.lead());
        InventoryEncoding.writeEconomics(out, c.economics());
        out.writeDouble(c.onHand());
        out.writeDouble(c.quarantined());
        Encoding.writeString(out, c.notes());
        Encoding.writeString(out, c.targetSource());
        Encoding.writeString(out, c.leadTimeSource());
        out.writeLong(c.leadTimeShipments());
        InventoryEncoding.writeRecommendation(out, value.recommendation);
      }

      @Override
      public Planned read(DataInputStream in) throws IOException {
        RecommendInventory.Context context =
            new RecommendInventory.Context(
                PlanInput.Coder.of().read(in),
                InventoryEncoding.readItemClass(in),
                InventoryEncoding.readTarget(in),
                InventoryEncoding.readPolicy(in),
                in.readDouble(),
                InventoryEncoding.readLeadTime(in),
                InventoryEncoding.readEconomics(in),
                in.readDouble(),
                in.readDouble(),
                Encoding.readString(in),
                Encoding.readString(in),
                Encoding.readString(in),
                in.readLong());
        return new Planned(context, InventoryEncoding.readRecommendation(in));
      }
    }
  }

  private final JobSettings settings;
  private final PCollectionView<AbcThresholds> thresholdsView;
  private final PCollectionView<Map<String, LeadTimeStats>> leadTimesView;
  private final PCollectionView<Map<String, ExcursionLog>> excursionsView;
  private final Counter recommendations =
      Metrics.counter(ValidateRecords.METRICS_NAMESPACE, "recommendations");
  private final Counter assumedLeadTime =
      Metrics.counter(ValidateRecords.METRICS_NAMESPACE, ASSUMED_LEAD_TIME);
  private final Counter assumedNoStock =
      Metrics.counter(ValidateRecords.METRICS_NAMESPACE, ASSUMED_NO_STOCK);

  /** Counter of series planned with the run's default lead time (no lead-time evidence). */
  static final String ASSUMED_LEAD_TIME = "assumed_lead_time";

  /** Counter of series planned without a stock snapshot (on hand taken as 0). */
  static final String ASSUMED_NO_STOCK = "assumed_no_stock";
  private transient ClassServiceTargets targets;

  PlanInventoryFn(
      JobSettings settings,
      PCollectionView<AbcThresholds> thresholdsView,
      PCollectionView<Map<String, LeadTimeStats>> leadTimesView,
      PCollectionView<Map<String, ExcursionLog>> excursionsView) {
    this.settings = settings;
    this.thresholdsView = thresholdsView;
    this.leadTimesView = leadTimesView;
    this.excursionsView = excursionsView;
  }

  @Setup
  public void setup() {
    targets = ClassServiceTargets.parse(settings.inventory().classTargets(), settings.serviceLevel());
  }

  @ProcessElement
  public void process(ProcessContext c, MultiOutputReceiver out) {
    PlanInput input = c.element();
    AbcThresholds thresholds = c.sideInput(thresholdsView);
    ItemClass itemClass =
        new ItemClass(
            thresholds.classify(annualValue(input, settings)),
            XyzClass.of(input.history(), AbcXyzRules.DEFAULT));
    RecommendInventory.Context context =
        RecommendInventory.context(input, itemClass, targets,
            c.sideInput(leadTimesView), c.sideInput(excursionsView), settings);
    Recommendation recommendation = RecommendInventory.recommend(context, settings);
    if (input.snapshot() == null) {
      assumedNoStock.inc();
    }
    if (LeadTimes.forItem(c.sideInput(leadTimesView), input.item(), settings.minLaneShipments())
        == null) {
      assumedLeadTime.inc();
    }
    out.get(PLANNED)
        .output(KV.of(input.outcome().location(), new Planned(context, recommendation)));
    recommendations.inc();
    SimulatePolicy.rows(context, settings).forEach(out.get(SIMULATION)::output);
  }

  /**
   * The annual forecast value of a series: mean forecast per period × periods per year × unit
   * cost, in currency per year.
   */
  static double annualValue(PlanInput input, JobSettings settings) {
    double[] mean = input.outcome().forecast().mean();
    double sum = 0;
    for (double m : mean) {
      sum += m;
    }
    double periodsPerYear = 365.25 / settings.period().days();
    return Math.max(0.0, sum / mean.length * periodsPerYear * input.item().unitCost());
  }
}
