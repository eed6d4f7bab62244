package io.demandcast.pipelines.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Counting readings outside the storage range between two days. */
class ExcursionLogTest {
  private static final LocalDate JAN1 = LocalDate.of(2026, 1, 1);
  private static final LocalDate JAN3 = LocalDate.of(2026, 1, 3);
  private static final LocalDate JAN5 = LocalDate.of(2026, 1, 5);

  /** Jan 1: 2, Jan 3: 4, Jan 5: 1; 7 in all. */
  private static final ExcursionLog LOG =
      new ExcursionLog("DC1", new TreeMap<>(Map.of(JAN1, 2, JAN3, 4, JAN5, 1)));

  @Test
  void givenRangeCoveringEveryDay_whenOutsideBetween_thenSumOfAll() {
    assertThat(LOG.outsideBetween(JAN1, JAN5)).isEqualTo(2 + 4 + 1);
  }

  @Test
  void givenRangeStartingAndEndingOnLoggedDays_whenOutsideBetween_thenBothEndsIncluded() {
    assertThat(LOG.outsideBetween(JAN1, JAN3)).isEqualTo(2 + 4);
    assertThat(LOG.outsideBetween(JAN3, JAN5)).isEqualTo(4 + 1);
  }

  @Test
  void givenSingleDayRange_whenOutsideBetween_thenThatDayOnly() {
    assertThat(LOG.outsideBetween(JAN1, JAN1)).isEqualTo(2);
    assertThat(LOG.outsideBetween(JAN3, JAN3)).isEqualTo(4);
    assertThat(LOG.outsideBetween(JAN5, JAN5)).isEqualTo(1);
  }

  @Test
  void givenRangeBetweenLoggedDays_whenOutsideBetween_thenOnlyDaysInside() {
    assertThat(LOG.outsideBetween(JAN1.plusDays(1), JAN5.minusDays(1))).isEqualTo(4);
  }

  @Test
  void givenRangeWithoutLoggedDays_whenOutsideBetween_thenZero() {
    assertThat(LOG.outsideBetween(JAN5.plusDays(1), JAN5.plusDays(30))).isZero();
    assertThat(LOG.outsideBetween(JAN1.minusDays(30), JAN1.minusDays(1))).isZero();
  }
}
