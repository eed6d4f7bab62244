package io.demandcast.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Checks the closed-form fill rate β = 1 − σ · G(k) / Q of {@link ReplenishmentPlanner} against a
 * seeded Monte-Carlo simulation of the (s, Q) system it describes.
 *
 * <p>Model simulated (the assumptions of the formula): continuous review with unit-sized (continuous)
 * demand, so each replenishment cycle starts with the inventory position exactly at s and consumes
 * exactly Q units of demand; lead-time demand X ~ N(μ_L, σ), independent between cycles; complete
 * backordering. The number of demanded units that find no stock in a cycle is min(Q, (X − s)⁺):
 * shortages beyond Q were already short in the previous cycle. The simulated fill rate is
 * 1 − Σ min(Q, (X − s)⁺) / (n · Q). The closed form drops the min(Q, ·), i.e. the term σ · G(k +
 * Q/σ) = 30 · G(4.18) ≈ 10⁻⁴ units, worth 10⁻⁶ in β here because Q ≈ 3.3 σ. The remaining gap is
 * Monte-Carlo noise: the per-cycle shortage has a standard deviation of about 9.2 units, so the
 * standard error of the simulated β over 200 000 cycles is 9.2 / √200000 / 100 ≈ 0.0002. The
 * tolerance of 0.002 (about 10 standard errors) is far below the effect of a wrong G, z or σ.
 */
class FillRateMonteCarloTest {
  private static final int CYCLES = 200_000;

  @Test
  void givenPolicyRecommendation_whenSimulatingNormalLeadTimeDemand_thenFillRateMatchesFormula() {
    // Lead time 10 days at 10 units/day with per-day sd sqrt(90): mu_L = 100, sigma = sqrt(10 * 90) = 30.
    // alpha = 0.8 -> k = 0.841621, s = 125.25; A = 10 * 365 = 3650/yr, h = 73 * 0.1 = 7.3,
    // EOQ = sqrt(2 * 3650 * 10 / 7.3) = sqrt(10000) = 100 -> Q = 100.
    // Closed form: beta = 1 - 30 * G(0.841621) / 100 = 1 - 30 * 0.111638 / 100 = 0.966509.
    DemandForecast forecast = new DemandForecast(1, new double[] {10}, new double[] {Math.sqrt(90)});
    ItemEconomics economics = new ItemEconomics(73, 0.1, 10, 1, 0, null);
    Recommendation r =
        ReplenishmentPlannerTest.plan(0.8, forecast, new LeadTime(10, 0, "test"), economics, new StockPosition(0, 0, 0, 0));
    double s = r.reorderPoint();
    double q = r.orderUpTo() - r.reorderPoint();
    double mean = r.leadTimeDemandMean();
    double sigma = r.leadTimeDemandSd();
    assertThat(q).isCloseTo(100.0, within(1e-9));
    assertThat(sigma).isCloseTo(30.0, within(1e-9));

    SplittableRandom random = new SplittableRandom(7_919L);
    double unitsShort = 0;
    int cyclesWithoutStockout = 0;
    for (int i = 0; i < CYCLES; i++) {
      double leadTimeDemand = mean + sigma * random.nextGaussian();
      unitsShort += Math.min(q, Math.max(0.0, leadTimeDemand - s));
      if (leadTimeDemand <= s) {
        cyclesWithoutStockout++;
      }
    }
    double simulatedFillRate = 1.0 - unitsShort / (CYCLES * q);
    double simulatedCycleServiceLevel = (double) cyclesWithoutStockout / CYCLES;

    assertThat(r.expectedFillRate()).isCloseTo(0.966509, within(1e-6));
    assertThat(r.expectedFillRate()).isCloseTo(simulatedFillRate, within(0.002));
    // Binomial standard error sqrt(0.8 * 0.2 / 200000) = 0.0009; tolerance about 5.5 standard errors.
    assertThat(simulatedCycleServiceLevel).isCloseTo(0.8, within(0.005));
  }
}
