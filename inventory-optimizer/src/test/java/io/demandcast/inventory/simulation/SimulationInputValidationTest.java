package io.demandcast.inventory.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.inventory.PolicyParameters;
import io.demandcast.inventory.PolicyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad simulation input is rejected with a message naming the value. */
class SimulationInputValidationTest {
  private static final PolicyParameters POLICY =
      new PolicyParameters(PolicyType.S_Q, 40, 100, 140, 0, 1, 0, Double.POSITIVE_INFINITY);
  private static final LeadTimeSampler LEAD = LeadTimeSampler.fixed(4);

  private static SimulationInput input(
      double periodDays, double[] warmUp, double[] demand, double holding, double order) {
    return new SimulationInput(POLICY, periodDays, warmUp, demand, LEAD, holding, order, 1L);
  }

  @Test
  void givenNegativeDemand_whenCreatingInput_thenRejectedNamingIndexAndValue() {
    assertThatThrownBy(() -> input(1, new double[0], new double[] {5, 3, 0, -2.5}, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("demand[3] must be finite and >= 0 units, was -2.5");
  }

  @Test
  void givenNanOrInfiniteWarmUpDemand_whenCreatingInput_thenRejectedNamingIndexAndValue() {
    assertThatThrownBy(() -> input(1, new double[] {Double.NaN}, new double[] {1}, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("warmUpDemand[0] must be finite and >= 0 units, was NaN");
    assertThatThrownBy(
            () -> input(1, new double[] {1, Double.POSITIVE_INFINITY}, new double[] {1}, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("warmUpDemand[1] must be finite and >= 0 units, was Infinity");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, -7.0, 0.5, Double.NaN, Double.POSITIVE_INFINITY})
  void givenPeriodDaysBelowOneDay_whenCreatingInput_thenRejectedNamingValue(double periodDays) {
    assertThatThrownBy(() -> input(periodDays, new double[0], new double[] {1}, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("periodDays")
        .hasMessageEndingWith("was " + periodDays);
  }

  @Test
  void givenNoMeasuredPeriod_whenCreatingInput_thenRejected() {
    assertThatThrownBy(() -> input(1, new double[] {1}, new double[0], 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("demand must hold at least one period, was empty");
  }

  @Test
  void givenNegativeCosts_whenCreatingInput_thenRejectedNamingValue() {
    assertThatThrownBy(() -> input(1, new double[0], new double[] {1}, -0.5, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("holdingCostPerUnitYear must be finite and >= 0, was -0.5");
    assertThatThrownBy(() -> input(1, new double[0], new double[] {1}, 1, -20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("orderCost must be finite and >= 0, was -20.0");
    assertThatThrownBy(() -> input(1, new double[0], new double[] {1}, Double.NaN, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("holdingCostPerUnitYear must be finite and >= 0, was NaN");
  }

  @Test
  void givenHorizonBeyondIntDays_whenCreatingInput_thenRejectedNamingLength() {
    assertThatThrownBy(() -> input(1e9, new double[0], new double[3], 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3.0E9 days");
  }

  @Test
  void givenNulls_whenCreatingInput_thenRejectedNamingComponent() {
    assertThatThrownBy(
            () -> new SimulationInput(null, 1, new double[0], new double[] {1}, LEAD, 1, 1, 1L))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("policy");
    assertThatThrownBy(
            () -> new SimulationInput(POLICY, 1, new double[0], new double[] {1}, null, 1, 1, 1L))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("leadTimes");
  }

  @Test
  void givenInputArrays_whenCallerChangesThemAfterwards_thenInputIsUnaffected() {
    double[] demand = {1, 2, 3};
    SimulationInput input = input(1, new double[0], demand, 1, 1);
    demand[0] = -1;
    input.demand()[1] = -1;
    assertThat(input.demand()).containsExactly(1, 2, 3);
    assertThat(input).isEqualTo(input(1, new double[0], new double[] {1, 2, 3}, 1, 1));
  }

  @Test
  void givenBadLeadTimeSettings_whenCreatingSampler_thenRejectedNamingValue() {
    assertThatThrownBy(() -> LeadTimeSampler.fixed(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("days must be finite and >= 0, was -1.0");
    assertThatThrownBy(() -> LeadTimeSampler.gamma(0, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("meanDays must be finite and > 0, was 0.0");
    assertThatThrownBy(() -> LeadTimeSampler.gamma(5, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sdDays must be finite and >= 0, was -1.0");
    assertThatThrownBy(() -> LeadTimeSampler.gamma(Double.NaN, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("days must be finite and >= 0, was NaN");
    assertThatThrownBy(() -> LeadTimeSampler.empirical(new double[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("days must hold at least one observed lead time, was empty");
    assertThatThrownBy(() -> LeadTimeSampler.empirical(new double[] {3, -2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("days[1] must be finite and >= 0, was -2.0");
  }

  @Test
  void givenSamplerReturningNegativeLeadTime_whenSimulating_thenFailsNamingValue() {
    LeadTimeSampler broken = rng -> -3.0;
    SimulationInput input =
        new SimulationInput(POLICY, 1, new double[0], new double[] {50, 50, 50}, broken, 1, 1, 1L);
    assertThatThrownBy(() -> PolicySimulator.simulate(input))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("returned -3.0 days");
  }
}
