package io.demandcast.pipelines.transforms;

import io.demandcast.pipelines.coders.Encoding;
import io.demandcast.pipelines.coders.FieldCoder;
import io.demandcast.pipelines.model.ItemInfo;
import io.demandcast.pipelines.model.StockSnapshot;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * What planning one series needs, handed from forecasting to planning: the forecast outcome, the
 * item, its stock, the demand history and the forecasts made before the held-out periods that the
 * policy simulator replays.
 *
 * @param outcome the series' forecast from the whole history (with a forecast)
 * @param item the item master row
 * @param snapshot the latest stock snapshot at the location, or null
 * @param onOrder units on open purchase orders at the location
 * @param history demand per period, oldest first, units per period
 * @param intermittent whether the history is intermittent (average demand interval above 1.32
 *     periods, Syntetos–Boylan–Croston)
 * @param simulations the forecasts from before the held-out periods; empty when the simulation is
 *     off or the history is too short
 */
@DefaultCoder(PlanInput.Coder.class)
public record PlanInput(
    ForecastSeries.Outcome outcome,
    ItemInfo item,
    StockSnapshot snapshot,
    double onOrder,
    double[] history,
    boolean intermittent,
    List<SimulationCase> simulations) {

  /** Equal when every component is, the history by content (Beam's immutability check needs it). */
  @Override
  public boolean equals(Object other) {
    return other instanceof PlanInput that
        && Objects.equals(outcome, that.outcome)
        && Objects.equals(item, that.item)
        && Objects.equals(snapshot, that.snapshot)
        && Double.compare(onOrder, that.onOrder) == 0
        && Arrays.equals(history, that.history)
        && intermittent == that.intermittent
        && Objects.equals(simulations, that.simulations);
  }

  /** Hash of the components, the history by content. */
  @Override
  public int hashCode() {
    return Objects.hash(outcome, item, snapshot, onOrder, Arrays.hashCode(history), intermittent,
        simulations);
  }

  /**
   * One forecast made before the held-out periods.
   *
   * @param model the model name, as in {@code forecast_accuracy}
   * @param selected whether it is the forecast the run's selection makes (else a baseline)
   * @param trainingPeriods periods of history it was made from
   * @param mean forecast mean per period ahead, units per period
   * @param sd forecast standard deviation per period ahead, units per period
   * @param trainingIntermittent whether the training history is intermittent
   */
  public record SimulationCase(
      String model,
      boolean selected,
      int trainingPeriods,
      double[] mean,
      double[] sd,
      boolean trainingIntermittent) {

    /** Equal when every component is, the arrays by content. */
    @Override
    public boolean equals(Object other) {
      return other instanceof SimulationCase that
          && model.equals(that.model)
          && selected == that.selected
          && trainingPeriods == that.trainingPeriods
          && Arrays.equals(mean, that.mean)
          && Arrays.equals(sd, that.sd)
          && trainingIntermittent == that.trainingIntermittent;
    }

    /** Hash of the components, the arrays by content. */
    @Override
    public int hashCode() {
      return Objects.hash(model, selected, trainingPeriods, Arrays.hashCode(mean),
          Arrays.hashCode(sd), trainingIntermittent);
    }
  }

  /**
   * Writes every component with its type's coder ({@link ForecastSeries.Outcome.Coder}, {@link
   * ItemInfo.Coder}, {@link StockSnapshot.Coder}, which may be null) and the arrays as they are;
   * not deterministic, as the outcome's coder is not.
   */
  public static final class Coder extends FieldCoder<PlanInput> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(PlanInput.class), INSTANCE);
    }

    @Override
    public void write(DataOutputStream out, PlanInput value) throws IOException {
      ForecastSeries.Outcome.Coder.of().write(out, value.outcome);
      ItemInfo.Coder.of().write(out, value.item);
      out.writeBoolean(value.snapshot != null);
      if (value.snapshot != null) {
        StockSnapshot.Coder.of().write(out, value.snapshot);
      }
      out.writeDouble(value.onOrder);
      Encoding.writeDoubles(out, value.history);
      out.writeBoolean(value.intermittent);
      Encoding.writeCount(out, value.simulations.size());
      for (SimulationCase c : value.simulations) {
        Encoding.writeString(out, c.model);
        out.writeBoolean(c.selected);
        out.writeInt(c.trainingPeriods);
        Encoding.writeDoubles(out, c.mean);
        Encoding.writeDoubles(out, c.sd);
        out.writeBoolean(c.trainingIntermittent);
      }
    }

    @Override
    public PlanInput read(DataInputStream in) throws IOException {
      ForecastSeries.Outcome outcome = ForecastSeries.Outcome.Coder.of().read(in);
      ItemInfo item = ItemInfo.Coder.of().read(in);
      StockSnapshot snapshot = in.readBoolean() ? StockSnapshot.Coder.of().read(in) : null;
      double onOrder = in.readDouble();
      double[] history = Encoding.readDoubles(in);
      boolean intermittent = in.readBoolean();
      int n = Encoding.readCount(in);
      List<SimulationCase> simulations = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        simulations.add(
            new SimulationCase(
                Encoding.readString(in),
                in.readBoolean(),
                in.readInt(),
                Encoding.readDoubles(in),
                Encoding.readDoubles(in),
                in.readBoolean()));
      }
      return new PlanInput(outcome, item, snapshot, onOrder, history, intermittent, simulations);
    }
  }
}
