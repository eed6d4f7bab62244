package io.demandcast.inventory;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An (s, S) continuous-review replenishment policy with a cycle-service-level target α: when the
 * inventory position drops to the reorder point s or below, order up to S = s + Q. Immutable and
 * serializable, so one instance can be shared by the workers of a pipeline.
 *
 * <p>Sources: E. A. Silver, D. F. Pyke, D. J. Thomas, <i>Inventory and Production Management in
 * Supply Chains</i>, 4th ed., CRC Press, 2017, ch. 6–7 (safety stock for a cycle service level,
 * variable lead time, fill rate P<sub>2</sub>, (s, S) and (s, Q) systems) and its EOQ chapter; S.
 * Axsäter, <i>Inventory Control</i>, 3rd ed., Springer, 2015 (classical EOQ, reorder points under
 * normal lead-time demand).
 *
 * <p>{@link #recommend} computes, with T = periodDays:
 *
 * <ol>
 *   <li>Lead time L = meanDays / T periods (fractional). Lead-time demand μ_L = the forecast means of
 *       the first L periods summed, the last one weighted by its fraction; periods beyond the
 *       forecast's length repeat the mean of the available periods (the forecast is extended flat).
 *   <li>Per-period demand D = μ_L / L (mean[0] when L = 0); per-period sd σ_d = root-mean-square of sd
 *       over the same periods and weights (sd[0] when L = 0; beyond the forecast the mean of sd²).
 *   <li>Lead-time sd in periods σ_L = sdDays / T; lead-time demand sd σ = √(L · σ_d² + D² · σ_L²).
 *   <li>Safety factor z = Φ⁻¹(α); safety stock SS = max(0, z · σ) (0 when σ = 0); reorder point s =
 *       μ_L + SS.
 *   <li>EOQ = √(2 · A · K / h) with annual demand A = D · 365 / T, K = orderCost, h = unitCost ·
 *       holdingCostRate; when h = 0 (holding is free, the formula is unbounded) EOQ = max(MOQ,
 *       casePack).
 *   <li>Order quantity Q = EOQ raised to at least MOQ and at least one case, rounded up to a multiple
 *       of casePack. With a shelf life, Q is capped at the demand over the shelf life, D / T ·
 *       shelfLifeDays, rounded down to a multiple of casePack, but never below the minimum order (MOQ
 *       rounded up to whole cases, at least one case): the MOQ wins, and the reason says so.
 *   <li>Order-up-to level S = s + Q.
 *   <li>With IP = {@link StockPosition#inventoryPosition()}: when IP ≤ s, order S − IP raised to at
 *       least MOQ, rounded up to a multiple of casePack, then capped by the shelf life as for Q;
 *       otherwise order nothing.
 *   <li>Expected fill rate β = 1 − σ · G(k) / Q with the standard normal loss function G(k) = φ(k) −
 *       k · (1 − Φ(k)) and k = SS / σ = max(0, z), the safety factor actually held; 1 when σ = 0;
 *       clamped to [0, 1]. See {@link InventoryFormulas#expectedFillRate} for its assumptions.
 *   <li>Days of cover = available / (D / T).
 * </ol>
 *
 * <p>When D = 0 ("no demand": nothing forecast over the lead time, or for the next period when L = 0)
 * nothing is ordered whatever the stock: Q = EOQ = 0, S = s, β = 1, days of cover {@code null}; s and
 * SS are still reported (SS may be positive when the forecast has a spread around a zero mean).
 *
 * <p>Quantities within 10⁻⁹ case packs of a whole number of cases are treated as that number of cases
 * when rounding, so floating-point noise does not add a case.
 */
public final class ContinuousReviewPolicy implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final double CASE_TOLERANCE = 1e-9;

  private final double cycleServiceLevel;
  private final double safetyFactor;

  /**
   * Creates the policy for a cycle service level target.
   *
   * @param cycleServiceLevel α, the probability of no stock-out during a replenishment cycle; in (0,
   *     1) exclusive
   * @throws IllegalArgumentException naming the value when it is not in (0, 1) exclusive
   */
  public ContinuousReviewPolicy(double cycleServiceLevel) {
    if (!(cycleServiceLevel > 0 && cycleServiceLevel < 1)) {
      throw new IllegalArgumentException(
          "cycleServiceLevel must be in (0, 1) exclusive, was " + cycleServiceLevel);
    }
    this.cycleServiceLevel = cycleServiceLevel;
    this.safetyFactor = InventoryFormulas.standardNormalQuantile(cycleServiceLevel);
  }

  /**
   * The cycle service level target.
   *
   * @return α, in (0, 1)
   */
  public double cycleServiceLevel() {
    return cycleServiceLevel;
  }

  /**
   * Recommends a replenishment order for one item at one location, following the steps in the class
   * documentation.
   *
   * @param forecast demand forecast, in units per period
   * @param leadTime replenishment lead time, in days
   * @param economics item economics
   * @param stock current stock position, in units
   * @return the recommendation; quantities in units
   * @throws NullPointerException when an argument is null
   */
  public Recommendation recommend(
      DemandForecast forecast, LeadTime leadTime, ItemEconomics economics, StockPosition stock) {
    Objects.requireNonNull(forecast, "forecast");
    Objects.requireNonNull(leadTime, "leadTime");
    Objects.requireNonNull(economics, "economics");
    Objects.requireNonNull(stock, "stock");

    LeadTimeDemand leadTimeDemand = LeadTimeDemand.of(forecast, leadTime);
    double sigma = leadTimeDemand.sd();
    double safetyStock = sigma > 0 ? Math.max(0.0, safetyFactor * sigma) : 0.0;
    double reorderPoint = leadTimeDemand.mean() + safetyStock;
    double inventoryPosition = stock.inventoryPosition();
    double demandPerPeriod = leadTimeDemand.perPeriodDemand();
    if (demandPerPeriod == 0) {
      return new Recommendation(
          inventoryPosition, leadTimeDemand.mean(), sigma, safetyStock, reorderPoint, reorderPoint,
          0.0, 0.0, 1.0, null, ReasonCode.NO_DEMAND.text());
    }

    double dailyDemand = demandPerPeriod / forecast.periodDays();
    int casePack = economics.casePack();
    double eoq = economicOrderQuantity(dailyDemand * InventoryFormulas.DAYS_PER_YEAR, economics);
    double minimumOrder = roundUpToCases(Math.max(economics.moq(), casePack), casePack);
    double shelfLifeCap =
        economics.shelfLifeDays() == null
            ? Double.POSITIVE_INFINITY
            : roundDownToCases(dailyDemand * economics.shelfLifeDays(), casePack);

    double uncappedLot = roundUpToCases(Math.max(eoq, minimumOrder), casePack);
    boolean moqRaised = uncappedLot > roundUpToCases(Math.max(eoq, casePack), casePack);
    double lot = capByShelfLife(uncappedLot, shelfLifeCap, minimumOrder);
    double orderUpTo = reorderPoint + lot;
    double fillRate =
        InventoryFormulas.expectedFillRate(sigma, Math.max(0.0, safetyFactor), lot);
    Double daysOfCover = stock.available() / dailyDemand;

    if (inventoryPosition > reorderPoint) {
      return new Recommendation(
          inventoryPosition, leadTimeDemand.mean(), sigma, safetyStock, reorderPoint, orderUpTo,
          eoq, 0.0, fillRate, daysOfCover, ReasonCode.ABOVE_REORDER_POINT.text());
    }

    double needed = Math.max(orderUpTo - inventoryPosition, economics.moq());
    double rounded = roundUpToCases(needed, casePack);
    double order = capByShelfLife(rounded, shelfLifeCap, minimumOrder);

    List<String> reasons = new ArrayList<>();
    reasons.add(ReasonCode.BELOW_REORDER_POINT.text(String.format(Locale.ROOT, "%.0f", order)));
    if (moqRaised) {
      reasons.add(ReasonCode.MOQ_RAISED.text());
    }
    if (casePack > 1 && order == rounded && rounded > needed) {
      reasons.add(ReasonCode.ROUNDED_TO_CASE_PACK.text(casePack));
    }
    if (lot < uncappedLot || order < rounded) {
      reasons.add(ReasonCode.CAPPED_BY_SHELF_LIFE.text(economics.shelfLifeDays()));
    }
    if (shelfLifeCap < minimumOrder) {
      reasons.add(
          economics.moq() > casePack
              ? ReasonCode.MOQ_OVER_SHELF_LIFE.text()
              : ReasonCode.CASE_PACK_OVER_SHELF_LIFE.text());
    }
    return new Recommendation(
        inventoryPosition, leadTimeDemand.mean(), sigma, safetyStock, reorderPoint, orderUpTo, eoq,
        order, fillRate, daysOfCover, String.join(ReasonCode.SEPARATOR, reasons));
  }

  /** EOQ in units; max(MOQ, casePack) when the holding cost is 0 (see the class documentation). */
  private static double economicOrderQuantity(double annualDemand, ItemEconomics economics) {
    double holdingCost = economics.holdingCostPerUnitYear();
    if (holdingCost == 0) {
      return Math.max(economics.moq(), economics.casePack());
    }
    return InventoryFormulas.economicOrderQuantity(annualDemand, economics.orderCost(), holdingCost);
  }

  /** {@code quantity} if within the cap, else the cap but never below the minimum order. */
  private static double capByShelfLife(double quantity, double cap, double minimumOrder) {
    return quantity <= cap ? quantity : Math.max(cap, minimumOrder);
  }

  /** The smallest multiple of {@code casePack} at or above {@code units} (callers pass units ≥ 1). */
  private static double roundUpToCases(double units, int casePack) {
    return Math.ceil(units / casePack - CASE_TOLERANCE) * casePack;
  }

  /** The largest multiple of {@code casePack} at or below {@code units}. */
  private static double roundDownToCases(double units, int casePack) {
    return Math.floor(units / casePack + CASE_TOLERANCE) * casePack;
  }

  /** The service level, for logs. */
  @Override
  public String toString() {
    return "ContinuousReviewPolicy[cycleServiceLevel=" + cycleServiceLevel + "]";
  }
}
