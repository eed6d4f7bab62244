package io.demandcast.inventory.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.inventory.InventoryFormulas;
import io.demandcast.inventory.PolicyParameters;
import io.demandcast.inventory.PolicyType;
import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * Seeded Monte-Carlo runs of {@link PolicySimulator} against the textbook service formulas (Silver,
 * Pyke &amp; Thomas, <i>Inventory and Production Management in Supply Chains</i>, 4th ed., 2017,
 * ch. 6): one period per day, i.i.d. normal daily demand (negative draws, at least 4 standard
 * deviations out, are set to 0), fixed lead time. The demand is drawn by the test, independently of
 * the simulator; the simulator's seed only matters for random lead times.
 */
class PolicySimulatorMonteCarloTest {
  /** Φ⁻¹(0.9) from standard normal tables. */
  private static final double Z_90 = 1.2815516;

  private static double[] normalDays(SplittableRandom random, int days, double mean, double sd) {
    double[] demand = new double[days];
    for (int i = 0; i < days; i++) {
      demand[i] = Math.max(0.0, mean + sd * random.nextGaussian());
    }
    return demand;
  }

  @Test
  void
      givenRsWithOrderUpToLevelForNinetyPercent_whenSimulatingLongRun_thenCycleServiceNearNinety() {
    // Daily demand N(1000, 200²), R = 7, L = 3: demand over the protection interval R + L = 10
    // days is N(10000, (200 √10)²); S = 10000 + z_0.9 · 632.456 = 10810.5. With an order at every
    // review the cycle between two receipts has a stock-out exactly when the demand of those 10
    // days exceeds S (see PolicySimulator), so the achieved α estimates 0.9.
    // 100 000 measured days give 14 286 cycles: binomial standard error √(0.9 · 0.1 / 14286) =
    // 0.0025; neighbouring cycles share 3 of their 10 days, a mild correlation (20 seeds gave a
    // spread of 0.0027). Rounding orders up to whole units lifts IP above S by under one unit,
    // 0.0016 σ, worth +0.0003 in α. Tolerance 0.01 ≈ 4 standard errors; a protection interval one
    // day too long or short would move S by a day's demand (1.6 σ) and α to 0.39 or 0.999.
    double mean = 1000;
    double sd = 200;
    int review = 7;
    int lead = 3;
    double sigma = sd * Math.sqrt(review + lead);
    double orderUpTo = mean * (review + lead) + Z_90 * sigma;
    SplittableRandom random = new SplittableRandom(20_240_917L);
    double[] warmUp = normalDays(random, 70, mean, sd);
    double[] demand = normalDays(random, 100_000, mean, sd);
    PolicyParameters policy =
        new PolicyParameters(
            PolicyType.R_S,
            orderUpTo,
            orderUpTo,
            orderUpTo,
            review,
            1,
            0,
            Double.POSITIVE_INFINITY);

    SimulationResult r =
        PolicySimulator.simulate(
            new SimulationInput(policy, 1, warmUp, demand, LeadTimeSampler.fixed(lead), 1, 10, 1L));

    assertThat(r.cycles()).isBetween(14_280, 14_290);
    assertThat(r.achievedCycleService()).isCloseTo(0.9, within(0.01));
    // Fill rate of (R, S): β = 1 − σ_{R+L} G(k) / (D R), the expected shortage per review cycle
    // over the demand per review cycle (same source) = 1 − 632.456 · 0.047343 / 7000 = 0.995723
    // (R: 1 - 200 * sqrt(10) * G(qnorm(0.9)) / 7000, G(z) = dnorm(z) - z * (1 - pnorm(z))).
    // 1 − β is small, so its noise is too: 20 seeds spread by 0.0002; tolerance 0.001.
    double expectedFillRate = InventoryFormulas.expectedFillRate(sigma, Z_90, mean * review);
    assertThat(expectedFillRate).isCloseTo(0.995723, within(1e-6));
    assertThat(r.achievedFillRate()).isCloseTo(expectedFillRate, within(0.001));
  }

  @Test
  void givenSqWithNormalDemand_whenSimulatingLongRun_thenFillRateMatchesFormulaWithUndershoot() {
    // Daily demand D ~ N(10, 2.5²), L = 16 days, Q = 100: lead-time demand X ~ N(160, 10²);
    // k = 0.5 gives s = 165. The textbook β = 1 − σ G(k) / Q = 1 − 10 · 0.197797 / 100 = 0.980220
    // assumes the order is placed when IP is exactly s. The simulator reviews once a day, after
    // the day's demand, so IP is s − U when the order goes out, U the undershoot; the stock-out
    // risk of the cycle is that X + U exceeds s. For Q large against D, U has the stationary
    // excess distribution of renewal theory: E[U] = E[D²] / (2 E[D]) = 106.25 / 20 = 5.3125,
    // E[U²] = E[D³] / (3 E[D]) = 1187.5 / 30 = 39.5833, Var U = 11.3607. Normal approximation of
    // X + U: mean 165.3125, σ' = √(100 + 11.3607) = 10.5528, k' = (165 − 165.3125) / σ' = −0.02961,
    // β' = 1 − σ' G(k') / Q = 0.956320 (values checked in R).
    // 200 000 days ≈ 20 000 cycles; 5 seeds spread by 0.0002 around 0.9569 (the remaining +0.0005
    // is the normal approximation of X + U). Tolerance 0.002, against gaps of 0.024 for ignoring
    // the undershoot and of 0.034 (L = 15: 0.9905) and 0.069 (L = 17: 0.8870) for a lead time one
    // day off.
    double mean = 10;
    double sd = 2.5;
    int lead = 16;
    double q = 100;
    double sigmaL = sd * Math.sqrt(lead);
    double k = 0.5;
    double s = mean * lead + k * sigmaL;
    double undershootMean = (sd * sd + mean * mean) / (2 * mean);
    double undershootSecondMoment = (mean * mean * mean + 3 * mean * sd * sd) / (3 * mean);
    double undershootVariance = undershootSecondMoment - undershootMean * undershootMean;
    double sigmaEffective = Math.sqrt(sigmaL * sigmaL + undershootVariance);
    double kEffective = (s - mean * lead - undershootMean) / sigmaEffective;
    SplittableRandom random = new SplittableRandom(7_919L);
    double[] warmUp = normalDays(random, 200, mean, sd);
    double[] demand = normalDays(random, 200_000, mean, sd);
    PolicyParameters policy =
        new PolicyParameters(PolicyType.S_Q, s, q, s + q, 0, 1, 0, Double.POSITIVE_INFINITY);

    SimulationResult r =
        PolicySimulator.simulate(
            new SimulationInput(policy, 1, warmUp, demand, LeadTimeSampler.fixed(lead), 1, 10, 1L));

    double textbook = InventoryFormulas.expectedFillRate(sigmaL, k, q);
    double withUndershoot = InventoryFormulas.expectedFillRate(sigmaEffective, kEffective, q);
    assertThat(textbook).isCloseTo(0.980220, within(1e-6));
    assertThat(withUndershoot).isCloseTo(0.95632, within(1e-5));
    assertThat(r.achievedFillRate()).isCloseTo(withUndershoot, within(0.002));
    assertThat(r.achievedFillRate()).isLessThan(textbook - 0.015);
    // α of the same run: Pr{X + U <= s} = Φ(k') = 0.4882 (R: pnorm(-0.02961)); binomial standard
    // error over 20 000
    // cycles 0.0035 (seeds gave 0.4916-0.4936); tolerance 0.015.
    double expectedCycleService = NormalDistribution.of(0, 1).cumulativeProbability(kEffective);
    assertThat(r.achievedCycleService()).isCloseTo(expectedCycleService, within(0.015));
  }
}
