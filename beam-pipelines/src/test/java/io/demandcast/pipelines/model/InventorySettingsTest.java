package io.demandcast.pipelines.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.inventory.PolicyType;
import io.demandcast.inventory.ServiceTarget;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validation of the inventory settings and parsing of location capacities. */
class InventorySettingsTest {
  private static InventorySettings settings(String classTargets, PolicyType policy,
      String distribution, int simulationPeriods, int warmUpPeriods, Map<String, Double> capacity) {
    return new InventorySettings(ServiceTarget.Measure.FILL_RATE, classTargets, policy,
        distribution, simulationPeriods, warmUpPeriods, capacity);
  }

  @Test
  void givenDefaults_whenCreated_thenDocumentedValues() {
    InventorySettings d = InventorySettings.defaults();
    assertThat(d.measure()).isEqualTo(ServiceTarget.Measure.FILL_RATE);
    assertThat(d.classTargets()).isEmpty();
    assertThat(d.continuousPolicy()).isEqualTo(PolicyType.S_S);
    assertThat(d.distribution()).isEqualTo("auto");
    assertThat(d.simulationPeriods()).isEqualTo(12);
    assertThat(d.warmUpPeriods()).isEqualTo(12);
    assertThat(d.locationCapacity()).isEmpty();
  }

  @Test
  void givenNegativeSimulationPeriods_whenCreated_thenRejectedNamingTheValue() {
    assertThatThrownBy(() -> settings("", PolicyType.S_S, "auto", -1, 12, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("simulationPeriods")
        .hasMessageContaining("was -1");
  }

  @Test
  void givenNegativeWarmUpPeriods_whenCreated_thenRejectedNamingTheValue() {
    assertThatThrownBy(() -> settings("", PolicyType.S_S, "auto", 12, -3, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("warmUpPeriods")
        .hasMessageContaining("was -3");
  }

  @Test
  void givenZeroPeriods_whenCreated_thenAccepted() {
    InventorySettings off = settings("", PolicyType.S_Q, "auto", 0, 0, Map.of());
    assertThat(off.simulationPeriods()).isZero();
    assertThat(off.warmUpPeriods()).isZero();
  }

  @Test
  void givenPeriodicReviewAsContinuousPolicy_whenCreated_thenRejectedNamingIt() {
    assertThatThrownBy(() -> settings("", PolicyType.R_S, "auto", 12, 12, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("continuousPolicy")
        .hasMessageContaining("was R_S");
  }

  @Test
  void givenUnknownDistribution_whenCreated_thenRejectedListingTheAcceptedOnes() {
    assertThatThrownBy(() -> settings("", PolicyType.S_S, "gamma", 12, 12, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was gamma")
        .hasMessageContaining("[auto, normal, discrete, empirical]");
  }

  @Test
  void givenDistributionInUpperCase_whenCreated_thenStoredInLowerCase() {
    assertThat(settings("", PolicyType.S_S, "NORMAL", 12, 12, Map.of()).distribution())
        .isEqualTo("normal");
  }

  @Test
  void givenNegativeCapacity_whenCreated_thenRejectedNamingLocationAndValue() {
    assertThatThrownBy(() -> settings("", PolicyType.S_S, "auto", 12, 12,
        Map.of("PLANT01", 100.0, "PLANT02", -5.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("locationCapacity of PLANT02")
        .hasMessageContaining("was -5.0");
  }

  @Test
  void givenNonFiniteCapacity_whenCreated_thenRejectedNamingTheValue() {
    assertThatThrownBy(() -> settings("", PolicyType.S_S, "auto", 12, 12,
        Map.of("PLANT01", Double.NaN))).hasMessageContaining("was NaN");
    assertThatThrownBy(() -> settings("", PolicyType.S_S, "auto", 12, 12,
        Map.of("PLANT01", Double.POSITIVE_INFINITY))).hasMessageContaining("was Infinity");
  }

  @Test
  void givenZeroCapacity_whenCreated_thenAccepted() {
    assertThat(settings("", PolicyType.S_S, "auto", 12, 12, Map.of("PLANT01", 0.0))
        .locationCapacity()).containsEntry("PLANT01", 0.0);
  }

  @Test
  void givenCapacityMap_whenCreatedAndTheMapChanged_thenSettingsKeepTheirCopy() {
    Map<String, Double> capacity = new HashMap<>(Map.of("PLANT01", 100.0));
    InventorySettings s = settings("", PolicyType.S_S, "auto", 12, 12, capacity);
    capacity.put("PLANT02", 5.0);
    assertThat(s.locationCapacity()).containsOnlyKeys("PLANT01");
    assertThatThrownBy(() -> s.locationCapacity().put("PLANT03", 1.0))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void givenClassTargetOutsideZeroOne_whenCreated_thenRejectedNamingTheEntry() {
    assertThatThrownBy(() -> settings("A=0.98,B=1.5", PolicyType.S_S, "auto", 12, 12, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("classTargets")
        .hasMessageContaining("'B=1.5'");
  }

  @Test
  void givenUnknownClassInTargets_whenCreated_thenRejectedNamingTheClass() {
    assertThatThrownBy(() -> settings("Q=0.9", PolicyType.S_S, "auto", 12, 12, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown class 'Q'");
  }

  @Test
  void givenNullMeasure_whenCreated_thenNullPointerNamingIt() {
    assertThatThrownBy(() -> new InventorySettings(null, "", PolicyType.S_S, "auto", 12, 12,
        Map.of())).isInstanceOf(NullPointerException.class).hasMessageContaining("measure");
  }

  // ------------------------------------------------------------------ parseCapacity

  @Test
  void givenCapacitySpec_whenParsed_thenUnitsPerLocationWithBlanksIgnored() {
    assertThat(InventorySettings.parseCapacity("PLANT01=5000, PLANT02 = 800.5"))
        .containsExactly(Map.entry("PLANT01", 5000.0), Map.entry("PLANT02", 800.5));
  }

  @Test
  void givenBlankOrNullSpec_whenParsed_thenNoCapacities() {
    assertThat(InventorySettings.parseCapacity("")).isEmpty();
    assertThat(InventorySettings.parseCapacity("  ")).isEmpty();
    assertThat(InventorySettings.parseCapacity(null)).isEmpty();
  }

  @Test
  void givenEntryWithoutEquals_whenParsed_thenRejectedNamingTheEntryAndTheForm() {
    assertThatThrownBy(() -> InventorySettings.parseCapacity("PLANT01=5,PLANT02"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'PLANT02'")
        .hasMessageContaining("LOCATION=UNITS");
    assertThatThrownBy(() -> InventorySettings.parseCapacity("=5"))
        .hasMessageContaining("'=5'");
  }

  @Test
  void givenNonNumericUnits_whenParsed_thenRejectedNamingLocationAndText() {
    assertThatThrownBy(() -> InventorySettings.parseCapacity("PLANT01=x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PLANT01")
        .hasMessageContaining("'x'");
  }

  @Test
  void givenLocationTwice_whenParsed_thenRejectedNamingIt() {
    assertThatThrownBy(() -> InventorySettings.parseCapacity("PLANT01=5,PLANT01=6"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PLANT01 has two capacities");
  }
}
