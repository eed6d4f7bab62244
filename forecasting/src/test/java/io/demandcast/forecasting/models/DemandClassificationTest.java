package io.demandcast.forecasting.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.forecasting.models.DemandClassification.Category;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DemandClassificationTest {

  @Test
  void givenCarpartsSeries_whenClassified_thenAdiAndCv2MatchR() {
    // Reference: src/test/r/intermittent.R (n / k and population CV^2), 1e-12 tolerance.
    var parts = IntermittentReference.carparts();
    for (String name : parts.keySet()) {
      DemandClassification c = DemandClassification.of(parts.get(name));
      assertThat(c.adi()).as(name).isCloseTo(IntermittentReference.value(name, "adi"), within(1e-12));
      assertThat(c.cv2()).as(name).isCloseTo(IntermittentReference.value(name, "cv2"), within(1e-12));
    }
    assertThat(DemandClassification.of(parts.get("21012378")).category())
        .isEqualTo(Category.INTERMITTENT);
    assertThat(DemandClassification.of(parts.get("21049018")).category()).isEqualTo(Category.LUMPY);
    assertThat(DemandClassification.of(parts.get("21063431")).category()).isEqualTo(Category.LUMPY);
  }

  @Test
  void givenFrequentDemand_whenClassified_thenSmoothOrErraticBySizeVariation() {
    // Sizes 10, 10, 10, 12 -> mean 10.5, population variance 0.75, CV^2 = 0.75 / 110.25 = 0.0068.
    DemandClassification smooth = DemandClassification.of(new double[] {10, 10, 10, 12});
    assertThat(smooth.adi()).isEqualTo(1.0);
    assertThat(smooth.cv2()).isCloseTo(0.75 / 110.25, within(1e-15));
    assertThat(smooth.category()).isEqualTo(Category.SMOOTH);
    // Sizes 1, 9 (and a zero): mean 5, variance 16, CV^2 = 0.64 > 0.49; ADI = 3 / 2 = 1.5.
    assertThat(DemandClassification.of(new double[] {1, 0, 9}).category())
        .isEqualTo(Category.LUMPY);
    // Sizes 1, 9, 1, 9: ADI 1, CV^2 0.64.
    assertThat(DemandClassification.of(new double[] {1, 9, 1, 9}).category())
        .isEqualTo(Category.ERRATIC);
  }

  @Test
  void givenAdiExactlyAtCutOff_whenClassified_thenNotIntermittent() {
    // 25 demands in 33 periods: ADI = 1.32 exactly, which is not above the cut-off.
    double[] y = new double[33];
    Arrays.fill(y, 0, 25, 4.0);
    assertThat(DemandClassification.of(y).adi()).isEqualTo(1.32);
    assertThat(DemandClassification.isIntermittent(y)).isFalse();
    assertThat(DemandClassification.of(y).category()).isEqualTo(Category.SMOOTH);
    y[24] = 0.0;
    assertThat(DemandClassification.isIntermittent(y)).isTrue();
    assertThat(DemandClassification.of(y).intermittent()).isTrue();
  }

  @Test
  void givenNoOrOneDemand_whenClassified_thenNoDemandOrZeroCv2() {
    DemandClassification none = DemandClassification.of(new double[] {0, 0, -1});
    assertThat(none.category()).isEqualTo(Category.NO_DEMAND);
    assertThat(none.adi()).isInfinite();
    assertThat(none.cv2()).isNaN();
    assertThat(DemandClassification.isIntermittent(new double[] {0, 0})).isTrue();
    DemandClassification one = DemandClassification.of(new double[] {0, 7});
    assertThat(one.cv2()).isZero();
    assertThat(one.demandPeriods()).isEqualTo(1);
    assertThat(one.category()).isEqualTo(Category.INTERMITTENT);
  }

  @Test
  void givenBadHistory_whenClassified_thenIllegalArgumentExceptionNamingTheProblem() {
    assertThatThrownBy(() -> DemandClassification.of(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("null");
    assertThatThrownBy(() -> DemandClassification.isIntermittent(new double[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length 0");
    assertThatThrownBy(() -> DemandClassification.of(new double[] {1, Double.POSITIVE_INFINITY}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("history[1]")
        .hasMessageContaining("length 2");
  }
}
