package io.demandcast.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InventoryFormulasTest {

  @Test
  void givenPublishedNormalTable_whenQuantileOf95Percent_thenIs1_644854() {
    // Published standard normal tables: z(0.95) = 1.644854 (6 decimals); the tolerance is half a
    // unit in the 6th decimal.
    assertThat(InventoryFormulas.standardNormalQuantile(0.95)).isCloseTo(1.644854, within(5e-7));
  }

  @ParameterizedTest
  @CsvSource({
    // z, G(z) from standard normal loss tables (6 decimals)
    "0.0, 0.398942",
    "1.0, 0.083315",
    "2.0, 0.008491",
  })
  void givenLossTable_whenStandardNormalLoss_thenMatchesTableTo6Decimals(double z, double expected) {
    assertThat(InventoryFormulas.standardNormalLoss(z)).isCloseTo(expected, within(5e-7));
  }

  @Test
  void givenNegativeZ_whenStandardNormalLoss_thenSatisfiesSymmetryIdentity() {
    // G(-z) = G(z) + z for the standard normal loss function.
    assertThat(InventoryFormulas.standardNormalLoss(-1.0))
        .isCloseTo(InventoryFormulas.standardNormalLoss(1.0) + 1.0, within(1e-12));
  }

  @Test
  void givenTextbookNumbers_whenEconomicOrderQuantity_thenIs200() {
    // A = 1200 units/yr, K = 100 per order, h = 6 per unit per year:
    // 2 * 1200 * 100 = 240000; 240000 / 6 = 40000; sqrt(40000) = 200.
    assertThat(InventoryFormulas.economicOrderQuantity(1200, 100, 6)).isCloseTo(200.0, within(1e-9));
  }

  @Test
  void givenNoDemand_whenEconomicOrderQuantity_thenZero() {
    assertThat(InventoryFormulas.economicOrderQuantity(0, 100, 6)).isZero();
  }

  @Test
  void givenKnownLoss_whenExpectedFillRate_thenMatchesHandCalculation() {
    // sigma = 100, k = 1, Q = 200: 1 - 100 * 0.0833155 / 200 = 1 - 0.0416577 = 0.9583423.
    assertThat(InventoryFormulas.expectedFillRate(100, 1.0, 200)).isCloseTo(0.958342, within(1e-6));
  }

  @Test
  void givenGrowingOrderQuantity_whenExpectedFillRate_thenNonDecreasing() {
    double previous = 0;
    for (int q = 1; q <= 2000; q++) {
      double fillRate = InventoryFormulas.expectedFillRate(50, 0.5, q);
      assertThat(fillRate).as("Q = %d", q).isGreaterThanOrEqualTo(previous);
      previous = fillRate;
    }
    assertThat(previous).isGreaterThan(InventoryFormulas.expectedFillRate(50, 0.5, 1));
  }

  @Test
  void givenNoUncertaintyOrNoOrder_whenExpectedFillRate_thenOne() {
    assertThat(InventoryFormulas.expectedFillRate(0, 0, 10)).isEqualTo(1.0);
    assertThat(InventoryFormulas.expectedFillRate(25, 1, 0)).isEqualTo(1.0);
  }

  @Test
  void givenShortageLargerThanOrder_whenExpectedFillRate_thenClampedToZero() {
    // sigma * G(-3) = 100 * 3.000382 = 300.04 > Q = 10.
    assertThat(InventoryFormulas.expectedFillRate(100, -3, 10)).isZero();
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 1.0, -0.5, Double.NaN})
  void givenProbabilityOutsideOpenUnitInterval_whenQuantile_thenRejectedNamingValue(double p) {
    assertThatThrownBy(() -> InventoryFormulas.standardNormalQuantile(p))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("probability")
        .hasMessageContaining(String.valueOf(p));
  }

  @Test
  void givenZeroHoldingCost_whenEconomicOrderQuantity_thenRejectedNamingValue() {
    assertThatThrownBy(() -> InventoryFormulas.economicOrderQuantity(100, 10, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("holdingCost must be finite and > 0, was 0.0");
  }
}
