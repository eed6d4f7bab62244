package io.demandcast.pipelines.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How the planner page writes quantities, amounts and days. */
class ReportFormatTest {

  @Test
  void givenQuantities_whenFormatted_thenWholeUnitsWithoutDecimalsOthersUpToTwo() {
    assertThat(ReportFormat.quantity(9.0)).isEqualTo("9");
    assertThat(ReportFormat.quantity(0.0)).isEqualTo("0");
    assertThat(ReportFormat.quantity(-0.0)).isEqualTo("0");
    assertThat(ReportFormat.quantity(-0.001)).as("rounds to 0: no sign").isEqualTo("0");
    assertThat(ReportFormat.quantity(-3.0)).isEqualTo("-3");
    assertThat(ReportFormat.quantity(12.345)).isEqualTo("12.35");
    assertThat(ReportFormat.quantity(1.5)).isEqualTo("1.5");
    assertThat(ReportFormat.quantity(1.996)).isEqualTo("2");
    assertThat(ReportFormat.quantity(12345678.9)).isEqualTo("12,345,678.9");
    assertThat(ReportFormat.quantity(2.675)).as("half away from zero of the double's value")
        .isEqualTo("2.67"); // 2.675 is 2.67499999... as a double, as in the browser's Intl
    assertThat(ReportFormat.quantity(0.125)).isEqualTo("0.13"); // exactly representable
    assertThat(ReportFormat.quantity(Double.NaN)).isEqualTo("—");
    assertThat(ReportFormat.quantity((Double) null)).isEqualTo("—");
  }

  @Test
  void givenAmounts_whenFormatted_thenTwoDecimalsAndTheCurrencyWhenThereIsOne() {
    assertThat(ReportFormat.PLAIN.money(1234.5)).isEqualTo("1,234.50");
    assertThat(ReportFormat.PLAIN.money(0)).isEqualTo("0.00");
    assertThat(new ReportFormat("EUR").money(1627158.034)).isEqualTo("EUR 1,627,158.03");
    assertThat(new ReportFormat("EUR").money(-3)).isEqualTo("-EUR 3.00");
    assertThat(new ReportFormat("EUR").money(-0.001)).isEqualTo("EUR 0.00");
    assertThat(new ReportFormat("€").money(9)).as("a symbol goes without a space").isEqualTo("€9.00");
    assertThat(new ReportFormat("US$").money(9)).isEqualTo("US$9.00");
    assertThat(new ReportFormat("EUR").money(Double.POSITIVE_INFINITY)).isEqualTo("—");
    assertThat(new ReportFormat("EUR").currencyPrefix()).isEqualTo("EUR ");
    assertThat(new ReportFormat("€").currencyPrefix()).isEqualTo("€");
    assertThat(ReportFormat.PLAIN.currencyPrefix()).isEmpty();
  }

  @Test
  void givenBadCurrency_whenMade_thenRefusedNamingIt() {
    for (String bad : new String[] {"", "two words", "TOOLONGCODE", "E\tR"}) {
      assertThatThrownBy(() -> new ReportFormat(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("currency");
    }
    assertThat(PlannerReport.checkCurrency(null)).isNull();
    assertThat(PlannerReport.checkCurrency("CHF")).isEqualTo("CHF");
  }

  @Test
  void givenDaysAndShares_whenFormatted_thenWholeDaysAndThreeDecimals() {
    assertThat(ReportFormat.days(182.63)).isEqualTo("183");
    assertThat(ReportFormat.days(1204.5)).isEqualTo("1,205");
    assertThat(ReportFormat.days(null)).isEqualTo("—");
    assertThat(ReportFormat.share(0.9156)).isEqualTo("0.916");
    assertThat(ReportFormat.share(0.9155)).as("0.91549999... as a double").isEqualTo("0.915");
    assertThat(ReportFormat.rounded(1.23456, 2)).isEqualTo(1.23);
    assertThat(ReportFormat.rounded(-0.001, 2)).isEqualTo(0.0);
    assertThat(ReportFormat.rounded(Double.NaN, 2)).isNull();
  }
}
