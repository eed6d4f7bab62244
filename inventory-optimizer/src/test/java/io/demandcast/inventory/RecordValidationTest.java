package io.demandcast.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordValidationTest {

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 1.0, 1.2, -0.1, Double.NaN})
  void givenServiceLevelOutsideOpenUnitInterval_whenCreatingTarget_thenRejectedNamingValue(double level) {
    assertThatThrownBy(() -> ServiceTarget.cycleService(level))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cycle_service target must be in (0, 1) exclusive, e.g. 0.95, was " + level);
    assertThatThrownBy(() -> ServiceTarget.fillRate(level))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("fill_rate target must be in (0, 1) exclusive, e.g. 0.95, was " + level);
  }

  @Test
  void givenNegativeUnitCost_whenCreatingEconomics_thenRejectedNamingValue() {
    assertThatThrownBy(() -> new ItemEconomics(-5, 0.2, 10, 1, 0, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unitCost must be finite and > 0, was -5.0");
  }

  @Test
  void givenCasePackZero_whenCreatingEconomics_thenRejectedNamingValue() {
    assertThatThrownBy(() -> new ItemEconomics(5, 0.2, 10, 0, 0, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("casePack must be >= 1, was 0");
  }

  @Test
  void givenZeroShelfLife_whenCreatingEconomics_thenRejectedNamingValue() {
    assertThatThrownBy(() -> new ItemEconomics(5, 0.2, 10, 1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shelfLifeDays must be > 0 when set, was 0");
  }

  @Test
  void givenNegativeLeadTime_whenCreatingLeadTime_thenRejectedNamingValue() {
    assertThatThrownBy(() -> new LeadTime(-1, 0, "supplier X"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("meanDays must be finite and >= 0, was -1.0");
  }

  @Test
  void givenNegativeOnHand_whenCreatingStockPosition_thenRejectedNamingValue() {
    assertThatThrownBy(() -> new StockPosition(-3, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("onHand must be finite and >= 0, was -3.0");
  }

  @Test
  void givenQuarantinedAboveOnHand_whenCreatingStockPosition_thenRejectedNamingValue() {
    assertThatThrownBy(() -> new StockPosition(12, 15, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("quarantined must be <= onHand (12.0), was 15.0");
  }

  @Test
  void givenNegativeForecastElement_whenCreatingForecast_thenRejectedNamingIndexAndValue() {
    assertThatThrownBy(
            () -> new DemandForecast(7, new double[] {10, -2}, new double[] {1, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("mean[1] must be finite and >= 0, was -2.0");
  }

  @Test
  void givenMismatchedLengths_whenCreatingForecast_thenRejectedNamingLengths() {
    assertThatThrownBy(() -> new DemandForecast(7, new double[] {10, 12}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sd must have the length of mean (2), was 1");
  }

  @Test
  void givenEmptyForecast_whenCreatingForecast_thenRejected() {
    assertThatThrownBy(() -> new DemandForecast(7, new double[0], new double[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("mean must have length >= 1, was 0");
  }

  @Test
  void givenCallerArrays_whenMutatedAfterConstructionOrViaAccessor_thenForecastUnchanged() {
    double[] mean = {10, 20};
    double[] sd = {1, 2};
    DemandForecast forecast = new DemandForecast(7, mean, sd);

    mean[0] = 999;
    sd[0] = 999;
    forecast.mean()[1] = 999;
    forecast.sd()[1] = 999;

    assertThat(forecast.mean()).containsExactly(10, 20);
    assertThat(forecast.sd()).containsExactly(1, 2);
    assertThat(forecast).isEqualTo(new DemandForecast(7, new double[] {10, 20}, new double[] {1, 2}));
    assertThat(forecast.hashCode())
        .isEqualTo(new DemandForecast(7, new double[] {10, 20}, new double[] {1, 2}).hashCode());
  }

  @Test
  void givenStockPosition_whenDerivingPositions_thenQuarantineAndBackordersApplied() {
    StockPosition stock = new StockPosition(100, 10, 40, 25);

    assertThat(stock.available()).isEqualTo(90.0);
    assertThat(stock.inventoryPosition()).isEqualTo(105.0);
  }

  @Test
  void givenPolicyAndInputs_whenJavaSerialized_thenRoundTripGivesSameRecommendation()
      throws IOException, ClassNotFoundException {
    DemandForecast forecast = new DemandForecast(7, new double[] {10, 20}, new double[] {3, 4});
    LeadTime leadTime = new LeadTime(9, 2, "supplier X, mode Sea: 40 shipments");
    ItemEconomics economics = new ItemEconomics(4, 0.2, 25, 6, 12, 60);
    StockPosition stock = new StockPosition(5, 1, 0, 2);

    PlanningRequest request =
        new PlanningRequest(forecast, leadTime, economics, stock, ServiceTarget.fillRate(0.95),
            PolicyType.R_S, 14, io.demandcast.inventory.distribution.DemandDistributions.Family.DISCRETE);

    assertThat(roundTrip(forecast)).isEqualTo(forecast);
    Recommendation recommendation = ReplenishmentPlanner.plan(request);
    assertThat(roundTrip(recommendation)).isEqualTo(recommendation);
    assertThat(ReplenishmentPlanner.plan(roundTrip(request))).isEqualTo(recommendation);
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
