package io.demandcast.inventory;

import io.demandcast.inventory.distribution.DemandDistribution;
import io.demandcast.inventory.distribution.DemandDistributions;
import io.demandcast.inventory.distribution.NormalDemand;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plans the replenishment of one SKU at one location: the policy parameters (reorder point s, lot Q,
 * order-up-to level S) that meet a service target, and the order to place now. Stateless and
 * thread-safe.
 *
 * <p>Sources: E. A. Silver, D. F. Pyke, D. J. Thomas, <i>Inventory and Production Management in
 * Supply Chains</i>, 4th ed., CRC Press, 2017, ch. 6 (continuous review (s, Q) and (s, S): safety
 * stock for a cycle service level P<sub>1</sub> and a fill rate P<sub>2</sub>, variable lead time)
 * and ch. 7 (periodic review (R, S): protection over R + L); S. Axsäter, <i>Inventory Control</i>,
 * 3rd ed., Springer, 2015, ch. 5 (fill rate through the loss function, discrete demand).
 *
 * <p>{@link #plan} computes, with T = periodDays and R = reviewPeriodDays (0 for continuous review):
 *
 * <ol>
 *   <li><b>Protection-interval demand.</b> Over P = L + R days (L the mean lead time): mean μ and
 *       standard deviation σ = √(P/T · σ_d² + D² · σ_L²) as in {@link LeadTimeDemand} (D the demand
 *       per period, σ_d its sd, σ_L the lead-time sd in periods). Its distribution X is the normal
 *       N(μ, σ) for {@link DemandDistributions.Family#NORMAL}, else the discrete distribution of the
 *       requested family with the same mean and variance (Poisson when σ² ≤ μ, negative binomial
 *       otherwise, for {@link DemandDistributions.Family#DISCRETE}). For {@link
 *       DemandDistributions.Family#EMPIRICAL} X is the empirical bootstrap of the request's history
 *       over a gamma lead time with the same mean and sd ({@value #BOOTSTRAP_DRAWS} draws,
 *       seeded by the history), and μ and σ are the bootstrap's. For (R, S) the lead-time-only
 *       demand X<sub>L</sub> is built the same way.
 *   <li><b>Lot size.</b> EOQ = √(2 · A · K / h) with annual demand A = D · 365 / T, order cost K and
 *       holding cost h = unitCost · holdingCostRate; when h = 0, EOQ = max(MOQ, casePack). Q = EOQ
 *       raised to at least MOQ and one case, rounded up to whole cases, then capped at the demand over
 *       the shelf life rounded down to cases, but never below the minimum order (MOQ in whole cases):
 *       the MOQ wins and the reason says so. For (R, S) the lot is the demand per review period Q<sub>R</sub>
 *       = D · R / T, which sets the fill rate and the cycle stock; orders are S − IP.
 *   <li><b>Service.</b> Continuous review: cycle service α(s) = P(X ≤ s); fill rate β(s) = 1 −
 *       (E[(X − s)⁺] − E[(X − s − Q)⁺]) / Q (expected units short per cycle over the units demanded
 *       per cycle; Silver, Pyke &amp; Thomas eq. 6.12's exact form, with the loss function of X: the
 *       standard normal loss σ · G((s − μ)/σ), or its discrete counterpart). (R, S): α(S) = P(X ≤ S),
 *       β(S) = 1 − (E[(X − S)⁺] − E[(X<sub>L</sub> − S)⁺]) / Q<sub>R</sub> (shortage at the end of a
 *       review cycle minus the shortage already at its start).
 *   <li><b>Reorder point.</b> The smallest s ≥ 0 (an integer for discrete X) whose α(s) or β(s)
 *       reaches the target: s = F⁻¹(α) for an α target, a bisection on the non-decreasing β(s) for a β
 *       target. For (s, Q) and (s, S), S = s + Q; for (R, S) the level found is S and s = S. Safety
 *       stock = s − μ (S − μ for (R, S)); it is negative when the lot size alone meets a fill-rate
 *       target. When σ = 0 (no demand or lead-time variability) there is nothing to protect against:
 *       s = μ and the safety stock is 0 whatever the target.
 *   <li><b>Order now</b>, with IP = {@link StockPosition#inventoryPosition()}: (s, Q): when IP ≤ s,
 *       the smallest number of lots that lifts IP above s; (s, S): when IP ≤ s, S − IP; (R, S) (today
 *       is a review day): when IP &lt; S, S − IP. For (s, S) and (R, S) the order is raised to at least
 *       MOQ and rounded up to whole cases; every order is capped by the shelf life as the lot is.
 *       The recommendation's {@link OrderExplanation} keeps the order after each of these steps.
 *   <li><b>Expected holding cost</b> = h · E[on hand], E[on hand] ≈ Q/2 + (s − μ) + E[(X − s)⁺]
 *       (cycle stock, safety stock, plus the backorders the safety stock is net of; Silver, Pyke
 *       &amp; Thomas §6.7), with Q<sub>R</sub> and S for (R, S); currency per year, at least 0.
 *   <li><b>Days of cover</b> = available / (D / T).
 * </ol>
 *
 * <p>When D = 0 ("no demand": nothing forecast over the protection interval, or for the next period
 * when it is 0 days) nothing is ordered whatever the stock: Q = EOQ = 0, s = S = 0, β = α = 1, no days
 * of cover.
 *
 * <p>Quantities within 10⁻⁹ case packs of a whole number of cases are treated as that number of cases
 * when rounding, so floating-point noise does not add a case.
 */
public final class ReplenishmentPlanner {
  private static final double CASE_TOLERANCE = 1e-9;
  private static final int MAX_BRACKET_DOUBLINGS = 200;
  private static final int CONTINUOUS_BISECTIONS = 100;

  private ReplenishmentPlanner() {}

  /**
   * Plans one SKU at one location, following the steps in the class documentation.
   *
   * @param request forecast, lead time, economics, stock, target, policy and distribution family
   * @return the recommendation; quantities in units
   * @throws NullPointerException when the request is null
   */
  public static Recommendation plan(PlanningRequest request) {
    DemandForecast forecast = request.forecast();
    ItemEconomics economics = request.economics();
    ServiceTarget target = request.target();
    PolicyType policy = request.policy();
    double review = request.reviewPeriodDays();
    LeadTimeDemand protection = LeadTimeDemand.of(forecast, request.leadTime(), review);
    double inventoryPosition = request.stock().inventoryPosition();
    double protectionDays = request.leadTime().meanDays() + review;
    double demandPerPeriod = protection.perPeriodDemand();
    DemandDistribution x = distribution(request, protection, review);
    boolean empirical = request.family() == DemandDistributions.Family.EMPIRICAL;
    // the bootstrap replaces the forecast's moments by its own; the forecast still sets D
    double mu = empirical ? x.mean() : protection.mean();
    double sigma = empirical ? x.sd() : protection.sd();
    int casePack = economics.casePack();
    double minimumOrder = roundUpToCases(Math.max(economics.moq(), casePack), casePack);

    if (demandPerPeriod == 0) {
      PolicyParameters none =
          new PolicyParameters(policy, 0, 0, 0, review, casePack, economics.moq(),
              Double.POSITIVE_INFINITY);
      return new Recommendation(none, target, x.name(), inventoryPosition, mu, sigma, 0.0 - mu, 0, 0,
          1, 1, 0, null, ReasonCode.NO_DEMAND.text(),
          new OrderExplanation(request.stock(), protectionDays, 0, 0, 0, 0, 0));
    }

    double dailyDemand = demandPerPeriod / forecast.periodDays();
    double eoq = economicOrderQuantity(dailyDemand * InventoryFormulas.DAYS_PER_YEAR, economics);
    double shelfLifeCap =
        economics.shelfLifeDays() == null
            ? Double.POSITIVE_INFINITY
            : roundDownToCases(dailyDemand * economics.shelfLifeDays(), casePack);
    double uncappedLot = roundUpToCases(Math.max(eoq, minimumOrder), casePack);
    boolean moqRaised = uncappedLot > roundUpToCases(Math.max(eoq, casePack), casePack);
    double lot = capByShelfLife(uncappedLot, shelfLifeCap, minimumOrder);

    ServiceCurve curve;
    double cycleStock;
    if (policy == PolicyType.R_S) {
      double perReview = dailyDemand * review;
      LeadTimeDemand leadOnly = LeadTimeDemand.of(forecast, request.leadTime(), 0);
      DemandDistribution xl = distribution(request, leadOnly, 0);
      curve = new PeriodicCurve(x, xl, perReview);
      cycleStock = perReview;
    } else {
      curve = new ContinuousCurve(x, lot);
      cycleStock = lot;
    }
    double level = sigma == 0 ? mu : reorderLevel(curve, target, x.discrete());
    double reorderPoint = level;
    double orderUpTo = policy == PolicyType.R_S ? level : level + lot;
    double maxOrder = Math.max(shelfLifeCap, minimumOrder);
    PolicyParameters parameters =
        new PolicyParameters(policy, reorderPoint, policy == PolicyType.R_S ? cycleStock : lot,
            orderUpTo, review, casePack, economics.moq(), maxOrder);
    double fillRate = sigma == 0 ? 1.0 : clamp(curve.fillRate(level));
    double cycleService = sigma == 0 ? 1.0 : clamp(x.cdf(level));
    double onHand = Math.max(0.0, cycleStock / 2 + level - mu + (sigma == 0 ? 0 : x.loss(level)));
    double holdingCost = economics.holdingCostPerUnitYear() * onHand;
    Double daysOfCover = request.stock().available() / dailyDemand;

    List<String> reasons = new ArrayList<>();
    boolean due = policy == PolicyType.R_S ? inventoryPosition < level : inventoryPosition <= level;
    double order = 0;
    double rounded = 0;
    double needed = 0;
    double byPolicy = 0;
    if (due) {
      if (policy == PolicyType.S_Q) {
        double lots = Math.floor((reorderPoint - inventoryPosition) / lot) + 1;
        byPolicy = lots * lot;
      } else {
        byPolicy = orderUpTo - inventoryPosition;
      }
      // a no-op for (s, Q): its lot is at least the minimum order already
      needed = Math.max(byPolicy, economics.moq());
      rounded = roundUpToCases(needed, casePack);
      order = capByShelfLife(rounded, shelfLifeCap, minimumOrder);
      String quantity = String.format(Locale.ROOT, "%.0f", order);
      reasons.add(
          policy == PolicyType.R_S
              ? ReasonCode.BELOW_ORDER_UP_TO.text(quantity)
              : ReasonCode.BELOW_REORDER_POINT.text(quantity));
      // (R, S) orders S - IP, so only the order itself can be raised or capped; the continuous
      // policies order the lot, which the MOQ may have raised and the shelf life capped
      boolean periodic = policy == PolicyType.R_S;
      if (periodic ? orderUpTo - inventoryPosition < economics.moq() : moqRaised) {
        reasons.add(ReasonCode.MOQ_RAISED.text());
      }
      if (casePack > 1 && order == rounded && rounded > needed) {
        reasons.add(ReasonCode.ROUNDED_TO_CASE_PACK.text(casePack));
      }
      if ((!periodic && lot < uncappedLot) || order < rounded) {
        reasons.add(ReasonCode.CAPPED_BY_SHELF_LIFE.text(economics.shelfLifeDays()));
      }
      if (shelfLifeCap < minimumOrder) {
        reasons.add(
            economics.moq() > casePack
                ? ReasonCode.MOQ_OVER_SHELF_LIFE.text()
                : ReasonCode.CASE_PACK_OVER_SHELF_LIFE.text());
      }
    } else {
      reasons.add(
          policy == PolicyType.R_S
              ? ReasonCode.AT_ORDER_UP_TO.text()
              : ReasonCode.ABOVE_REORDER_POINT.text());
    }
    return new Recommendation(parameters, target, x.name(), inventoryPosition, mu, sigma,
        level - mu, eoq, order, fillRate, cycleService, holdingCost, daysOfCover,
        String.join(ReasonCode.SEPARATOR, reasons),
        new OrderExplanation(request.stock(), protectionDays, dailyDemand, byPolicy, needed, rounded,
            order));
  }

  /**
   * The protection-interval demand distribution a recommendation was planned with, rebuilt from its
   * name, mean and standard deviation (for the capacity allocator's service-value loss); an
   * empirical bootstrap is approximated by the discrete distribution of its mean and variance.
   *
   * @param r a recommendation of {@link #plan}
   * @return the normal, Poisson or negative binomial distribution of the recommendation's μ and σ
   */
  public static DemandDistribution protectionDemand(Recommendation r) {
    double mu = r.leadTimeDemandMean();
    double sd = r.leadTimeDemandSd();
    return r.distribution().equals(NormalDemand.of(0, 0).name())
        ? NormalDemand.of(mu, sd)
        : DemandDistributions.fromMoments(mu, sd * sd, DemandDistributions.Family.DISCRETE);
  }

  /**
   * A recommendation with another order quantity (e.g. cut to fit a location's capacity); the
   * policy and expected service, which do not depend on the order placed now, are unchanged, and
   * so is the {@link Recommendation#explanation()}, which ends with the order before the change.
   *
   * @param r the recommendation
   * @param order the new order quantity in units, {@code >= 0}
   * @return the copy
   * @throws IllegalArgumentException naming the value when the order is negative or not finite
   */
  public static Recommendation withOrder(Recommendation r, double order) {
    return new Recommendation(r.parameters(), r.target(), r.distribution(), r.inventoryPosition(),
        r.leadTimeDemandMean(), r.leadTimeDemandSd(), r.safetyStock(), r.eoq(), order,
        r.expectedFillRate(), r.expectedCycleService(), r.expectedHoldingCost(), r.daysOfCover(),
        r.reason(), r.explanation());
  }

  /**
   * The service a policy level gives, non-decreasing in the level.
   */
  private interface ServiceCurve {
    double fillRate(double level);

    double cycleService(double level);
  }

  /** (s, Q) and (s, S): β(s) = 1 − (E[(X − s)⁺] − E[(X − s − Q)⁺]) / Q. */
  private record ContinuousCurve(DemandDistribution x, double lot) implements ServiceCurve {
    @Override
    public double fillRate(double s) {
      return 1.0 - (x.loss(s) - x.loss(s + lot)) / lot;
    }

    @Override
    public double cycleService(double s) {
      return x.cdf(s);
    }
  }

  /** (R, S): β(S) = 1 − (E[(X − S)⁺] − E[(X_L − S)⁺]) / Q_R. */
  private record PeriodicCurve(DemandDistribution x, DemandDistribution leadOnly, double perReview)
      implements ServiceCurve {
    @Override
    public double fillRate(double level) {
      return 1.0 - Math.max(0.0, x.loss(level) - leadOnly.loss(level)) / perReview;
    }

    @Override
    public double cycleService(double level) {
      return x.cdf(level);
    }
  }

  /** The smallest level ≥ 0 (an integer when discrete) meeting the target. */
  private static double reorderLevel(ServiceCurve curve, ServiceTarget target, boolean discrete) {
    boolean fill = target.measure() == ServiceTarget.Measure.FILL_RATE;
    double goal = target.level();
    java.util.function.DoubleUnaryOperator service =
        fill ? curve::fillRate : curve::cycleService;
    if (service.applyAsDouble(0) >= goal) {
      return 0;
    }
    double lo = 0;
    double hi = 1;
    int doublings = 0;
    while (service.applyAsDouble(hi) < goal) {
      lo = hi;
      hi *= 2;
      if (++doublings > MAX_BRACKET_DOUBLINGS) {
        throw new IllegalStateException("no reorder level reaches " + target);
      }
    }
    if (discrete) {
      long low = (long) lo; // service(low) < goal
      long high = (long) hi; // service(high) >= goal
      while (high - low > 1) {
        long mid = low + (high - low) / 2;
        if (service.applyAsDouble(mid) >= goal) {
          high = mid;
        } else {
          low = mid;
        }
      }
      return high;
    }
    for (int i = 0; i < CONTINUOUS_BISECTIONS && hi - lo > 1e-9 * Math.max(1.0, hi); i++) {
      double mid = 0.5 * (lo + hi);
      if (service.applyAsDouble(mid) >= goal) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  /** Draws of the empirical bootstrap of lead-time demand. */
  static final int BOOTSTRAP_DRAWS = 2000;

  /**
   * The distribution of the demand {@code d} over the lead time plus {@code reviewDays}: from its
   * moments, or for {@link DemandDistributions.Family#EMPIRICAL} the bootstrap of the request's
   * history over a gamma lead time of that mean and the lead time's sd (in periods), seeded by the
   * history's content so that the same request gives the same plan.
   */
  private static DemandDistribution distribution(
      PlanningRequest request, LeadTimeDemand d, double reviewDays) {
    DemandDistributions.Family family = request.family();
    if (family == DemandDistributions.Family.EMPIRICAL) {
      double periodDays = request.forecast().periodDays();
      double periods = (request.leadTime().meanDays() + reviewDays) / periodDays;
      if (periods <= 0) {
        return NormalDemand.of(d.mean(), d.sd());
      }
      double[] history = request.history();
      return io.demandcast.inventory.distribution.EmpiricalDemand.bootstrap(
          history, periods, request.leadTime().sdDays() / periodDays, BOOTSTRAP_DRAWS,
          java.util.Arrays.hashCode(history));
    }
    return family == DemandDistributions.Family.NORMAL
        ? NormalDemand.of(d.mean(), d.sd())
        : DemandDistributions.fromMoments(d.mean(), d.sd() * d.sd(), family);
  }

  private static double clamp(double probability) {
    return Math.min(1.0, Math.max(0.0, probability));
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
}
