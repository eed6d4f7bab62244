package io.demandcast.inventory.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ItemClassificationTest {
  private static final AbcXyzRules RULES = AbcXyzRules.DEFAULT;

  @Test
  void givenDefaults_whenReadingRules_thenDocumentedBoundaries() {
    assertThat(RULES).isEqualTo(new AbcXyzRules(0.80, 0.95, 0.5, 1.0));
  }

  @ParameterizedTest
  @CsvSource({
    "0.0, 0.95, 0.5, 1.0, 'aShare must be in (0, 1) exclusive, was 0.0'",
    "1.0, 0.95, 0.5, 1.0, 'aShare must be in (0, 1) exclusive, was 1.0'",
    "NaN, 0.95, 0.5, 1.0, 'aShare must be in (0, 1) exclusive, was NaN'",
    "0.8, 0.8, 0.5, 1.0, 'bShare must be in (aShare (0.8), 1) exclusive, was 0.8'",
    "0.8, 1.0, 0.5, 1.0, 'bShare must be in (aShare (0.8), 1) exclusive, was 1.0'",
    "0.8, 0.95, 0.0, 1.0, 'xMaxCv must be finite and > 0, was 0.0'",
    "0.8, 0.95, -1, 1.0, 'xMaxCv must be finite and > 0, was -1.0'",
    "0.8, 0.95, 0.5, 0.5, 'yMaxCv must be finite and > xMaxCv (0.5), was 0.5'",
    "0.8, 0.95, 0.5, Infinity, 'yMaxCv must be finite and > xMaxCv (0.5), was Infinity'"
  })
  void givenBadRules_whenCreating_thenRejectedNamingValue(
      double a, double b, double x, double y, String message) {
    assertThatThrownBy(() -> new AbcXyzRules(a, b, x, y))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void givenClasses_whenFormattingAndParsing_thenTwoLetterCode() {
    ItemClass ax = new ItemClass(AbcClass.A, XyzClass.X);
    assertThat(ax.code()).isEqualTo("AX");
    assertThat(new ItemClass(AbcClass.C, XyzClass.Z).code()).isEqualTo("CZ");
    assertThat(ItemClass.parse(" by ")).isEqualTo(new ItemClass(AbcClass.B, XyzClass.Y));
    assertThatThrownBy(() -> ItemClass.parse("XA"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'XA'");
  }

  @ParameterizedTest
  @CsvSource({
    "0.0, X",
    "0.5, X",
    "0.5000001, Y",
    "1.0, Y",
    "1.0000001, Z",
    "7.3, Z",
    "Infinity, Z"
  })
  void givenCv_whenClassifying_thenBoundaryBelongsToLowerVariabilityClass(
      double cv, XyzClass expected) {
    assertThat(XyzClass.ofCv(cv, RULES)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"-0.1", "NaN"})
  void givenBadCv_whenClassifying_thenRejectedNamingValue(double cv) {
    assertThatThrownBy(() -> XyzClass.ofCv(cv, RULES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cv must be >= 0 (or +Infinity), was " + cv);
  }

  @Test
  void givenTextbookSample_whenComputingCv_thenPopulationSdOverMean() {
    // {2, 4, 4, 4, 5, 5, 7, 9}: mean 5, squared deviations sum 32, population sd sqrt(32 / 8) = 2
    // (the sample sd would be sqrt(32 / 7) = 2.138), so CV = 0.4.
    double cv = XyzClass.coefficientOfVariation(new double[] {2, 4, 4, 4, 5, 5, 7, 9});
    assertThat(cv).isCloseTo(0.4, within(1e-15));
    assertThat(XyzClass.of(new double[] {2, 4, 4, 4, 5, 5, 7, 9}, RULES)).isEqualTo(XyzClass.X);
  }

  @Test
  void givenAlternatingDemand_whenClassifying_thenCvOneIsY() {
    // {10, 0, 10, 0}: mean 5, every deviation 5, population sd 5, CV exactly 1 -> Y (inclusive).
    assertThat(XyzClass.coefficientOfVariation(new double[] {10, 0, 10, 0})).isEqualTo(1.0);
    assertThat(XyzClass.of(new double[] {10, 0, 10, 0}, RULES)).isEqualTo(XyzClass.Y);
  }

  @Test
  void givenIntermittentDemand_whenClassifying_thenZ() {
    // One sale of 12 in 6 periods: mean 2, population sd sqrt((100 + 5 * 4) / 6) = sqrt(20), CV
    // 2.236.
    double[] demand = {0, 0, 12, 0, 0, 0};
    assertThat(XyzClass.coefficientOfVariation(demand)).isCloseTo(Math.sqrt(20) / 2, within(1e-12));
    assertThat(XyzClass.of(demand, RULES)).isEqualTo(XyzClass.Z);
  }

  @Test
  void givenNoDemandOrOnePeriod_whenComputingCv_thenInfinityOrZero() {
    assertThat(XyzClass.coefficientOfVariation(new double[] {0, 0, 0}))
        .isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(XyzClass.of(new double[] {0, 0, 0}, RULES)).isEqualTo(XyzClass.Z);
    assertThat(XyzClass.coefficientOfVariation(new double[] {7})).isZero();
  }

  @Test
  void givenBadDemand_whenComputingCv_thenRejectedNamingIndexAndValue() {
    assertThatThrownBy(() -> XyzClass.coefficientOfVariation(new double[] {3, -1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("perPeriodDemand[1] must be finite and >= 0, was -1.0");
    assertThatThrownBy(() -> XyzClass.coefficientOfVariation(new double[] {Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("perPeriodDemand[0] must be finite and >= 0, was NaN");
    assertThatThrownBy(() -> XyzClass.coefficientOfVariation(new double[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("perPeriodDemand must have at least one period, was empty");
  }
}
