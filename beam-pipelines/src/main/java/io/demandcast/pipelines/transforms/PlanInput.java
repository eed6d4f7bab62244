package io.demandcast.pipelines.transforms;

import io.demandcast.pipelines.model.ItemInfo;
import io.demandcast.pipelines.model.StockSnapshot;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

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
public record PlanInput(
    ForecastSeries.Outcome outcome,
    ItemInfo item,
    StockSnapshot snapshot,
    double onOrder,
    double[] history,
    boolean intermittent,
    List<SimulationCase> simulations)
    implements Serializable {

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
      boolean trainingIntermittent)
      implements Serializable {

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
}
