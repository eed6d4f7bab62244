package io.demandcast.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeasonalityTest {

  @Test
  void primaryIsTheFirstPeriodRoundedAndOneWithoutSeasonality() {
    assertThat(Seasonality.of(7, 365.25).primary()).isEqualTo(7);
    assertThat(Seasonality.of(52.18).primary()).isEqualTo(52);
    assertThat(Seasonality.single(1).primary()).isEqualTo(1);
    assertThat(Seasonality.single(12).periods()).containsExactly(12.0);
  }

  @Test
  void parsesListsAndPrintsThemBack() {
    assertThat(Seasonality.parse("7, 365.25").periods()).containsExactly(7.0, 365.25);
    assertThat(Seasonality.parse("1").periods()).isEmpty();
    assertThat(Seasonality.parse("24,168").toString()).isEqualTo("24,168");
    assertThat(Seasonality.of().toString()).isEqualTo("1");
    assertThatThrownBy(() -> Seasonality.parse("7;365"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("7;365");
  }

  @Test
  void rejectsPeriodsNotAboveOneOrNotAscending() {
    assertThatThrownBy(() -> Seasonality.of(365.25, 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ascending");
    assertThatThrownBy(() -> Seasonality.of(0.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Seasonality.of(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Seasonality.parse("1,7")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keepsOnlyPeriodsThatFitTwiceIntoTheHistory() {
    Seasonality daily = Seasonality.of(7, 365.25);
    assertThat(daily.estimable(735)).isEqualTo(List.of(7.0, 365.25));
    assertThat(daily.estimable(730)).isEqualTo(List.of(7.0));
    assertThat(daily.estimable(14)).isEmpty();
  }
}
