package io.demandcast.inventory;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The closed-form inventory formulas behind {@link ReplenishmentPlanner}, exposed for reuse and
 * for testing against published tables.
 *
 * <p>Sources: E. A. Silver, D. F. Pyke, D. J. Thomas, <i>Inventory and Production Management in
 * Supply Chains</i>, 4th ed., CRC Press, 2017 (economic order quantity; safety factor, the standard
 * normal loss function G<sub>u</sub>(k) and the fill rate P<sub>2</sub> of an (s, Q) system); S.
 * Axsäter, <i>Inventory Control</i>, 3rd ed., Springer, 2015 (classical EOQ model; reorder points and
 * fill rate under normally distributed lead-time demand).
 */
public final class InventoryFormulas {
  /** Days per year used to annualise demand: A = D · {@value} / periodDays. */
  public static final double DAYS_PER_YEAR = 365.0;

  private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

  private InventoryFormulas() {}

  /**
   * The safety factor for a cycle service level: z = Φ⁻¹(α), the standard normal quantile.
   *
   * @param probability α, in (0, 1) exclusive
   * @return z, dimensionless (1.644854 for α = 0.95)
   * @throws IllegalArgumentException naming the value when it is not in (0, 1)
   */
  public static double standardNormalQuantile(double probability) {
    if (!(probability > 0 && probability < 1)) {
      throw new IllegalArgumentException(
          "probability must be in (0, 1) exclusive, was " + probability);
    }
    return STANDARD_NORMAL.inverseCumulativeProbability(probability);
  }

  /**
   * The standard normal loss function G(z) = φ(z) − z · (1 − Φ(z)) = E[(X − z)⁺] for X ~ N(0, 1):
   * the expected shortage per unit of standard deviation when the safety factor is z (Silver, Pyke
   * &amp; Thomas, G<sub>u</sub>(k)). 1 − Φ(z) is evaluated as the survival function to keep precision
   * in the upper tail; rounding below 0 far in that tail is clamped to 0.
   *
   * @param z safety factor, dimensionless; finite
   * @return G(z), dimensionless, {@code >= 0} (0.398942 for z = 0, 0.083315 for z = 1)
   * @throws IllegalArgumentException naming the value when z is NaN or infinite
   */
  public static double standardNormalLoss(double z) {
    if (!Double.isFinite(z)) {
      throw new IllegalArgumentException("z must be finite, was " + z);
    }
    return Math.max(0.0, STANDARD_NORMAL.density(z) - z * STANDARD_NORMAL.survivalProbability(z));
  }

  /**
   * The classical economic order quantity EOQ = √(2 · A · K / h) (Harris–Wilson).
   *
   * @param annualDemand A, in units per year; finite and {@code >= 0}
   * @param orderCost K, in currency per order; finite and {@code >= 0}
   * @param holdingCost h, in currency per unit per year; finite and {@code > 0}
   * @return EOQ in units, 0 when A = 0 or K = 0 (e.g. A = 1200, K = 100, h = 6 gives 200)
   * @throws IllegalArgumentException naming the argument and the value when one is out of range
   */
  public static double economicOrderQuantity(
      double annualDemand, double orderCost, double holdingCost) {
    Checks.nonNegative("annualDemand", annualDemand);
    Checks.nonNegative("orderCost", orderCost);
    Checks.positive("holdingCost", holdingCost);
    return Math.sqrt(2.0 * annualDemand * orderCost / holdingCost);
  }

  /**
   * The expected fill rate (fraction of demand met from stock, P<sub>2</sub>) of a continuous-review
   * (s, Q) system: β = 1 − σ · G(k) / Q, where σ · G(k) is the expected shortage per replenishment
   * cycle and Q the demand per cycle (Silver, Pyke &amp; Thomas, ch. 6).
   *
   * <p>Assumptions of the approximation: normally distributed lead-time demand, complete backordering,
   * unit-sized (or continuous) demand so that an order is triggered exactly at s, and shortages of an
   * earlier cycle still open when the next one starts are ignored (the term σ · G(k + Q/σ) is
   * dropped), which is accurate when Q is large compared with σ and under-estimates β otherwise.
   *
   * @param leadTimeDemandSd σ, in units; finite and {@code >= 0}
   * @param safetyFactor k = (s − μ_L) / σ, dimensionless; finite
   * @param orderQuantity Q, in units; finite and {@code >= 0}
   * @return β clamped to [0, 1]; 1 when σ = 0 (no uncertainty) or Q = 0 (nothing ordered because
   *     there is no demand)
   * @throws IllegalArgumentException naming the argument and the value when one is out of range
   */
  public static double expectedFillRate(
      double leadTimeDemandSd, double safetyFactor, double orderQuantity) {
    Checks.nonNegative("leadTimeDemandSd", leadTimeDemandSd);
    Checks.nonNegative("orderQuantity", orderQuantity);
    if (!Double.isFinite(safetyFactor)) {
      throw new IllegalArgumentException("safetyFactor must be finite, was " + safetyFactor);
    }
    if (leadTimeDemandSd == 0 || orderQuantity == 0) {
      return 1.0;
    }
    double fillRate = 1.0 - leadTimeDemandSd * standardNormalLoss(safetyFactor) / orderQuantity;
    return Math.min(1.0, Math.max(0.0, fillRate));
  }
}
