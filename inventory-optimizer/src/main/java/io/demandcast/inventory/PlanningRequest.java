package io.demandcast.inventory;

import io.demandcast.inventory.distribution.DemandDistributions;
import java.io.Serializable;
import java.util.Objects;

/**
 * Everything the {@link ReplenishmentPlanner} needs to plan one SKU at one location.
 *
 * @param forecast demand forecast, units per period
 * @param leadTime replenishment lead time, days
 * @param economics item economics (unit cost, holding cost rate, order cost, case pack, MOQ, shelf
 *     life)
 * @param stock current stock position, units
 * @param target the service target of the item (or of its class)
 * @param policy the replenishment policy
 * @param reviewPeriodDays R in days for {@link PolicyType#R_S}, 0 for the continuous policies; finite
 *     and {@code >= 0}
 * @param family the family of the protection-interval demand distribution: {@link
 *     DemandDistributions.Family#NORMAL} for smooth demand, a discrete family or {@link
 *     DemandDistributions.Family#EMPIRICAL} for intermittent demand
 * @param history the demand history in units per period, oldest first, for {@link
 *     DemandDistributions.Family#EMPIRICAL} (non-empty, finite, {@code >= 0}); null otherwise
 *     allowed; copied
 */
public record PlanningRequest(
    DemandForecast forecast,
    LeadTime leadTime,
    ItemEconomics economics,
    StockPosition stock,
    ServiceTarget target,
    PolicyType policy,
    double reviewPeriodDays,
    DemandDistributions.Family family,
    double[] history)
    implements Serializable {

  /**
   * A request without a history (any family but {@link DemandDistributions.Family#EMPIRICAL}).
   *
   * @throws IllegalArgumentException as the canonical constructor, and when the family is {@link
   *     DemandDistributions.Family#EMPIRICAL}
   */
  public PlanningRequest(
      DemandForecast forecast,
      LeadTime leadTime,
      ItemEconomics economics,
      StockPosition stock,
      ServiceTarget target,
      PolicyType policy,
      double reviewPeriodDays,
      DemandDistributions.Family family) {
    this(forecast, leadTime, economics, stock, target, policy, reviewPeriodDays, family, null);
  }

  /**
   * Validates the request. Components as described on the record.
   *
   * @throws NullPointerException naming the component when one is null (the history may be)
   * @throws IllegalArgumentException naming the value when the review period is negative or not
   *     finite, is 0 for {@link PolicyType#R_S}, or is positive for a continuous policy; when a
   *     history element is negative or not finite; when the family is {@link
   *     DemandDistributions.Family#EMPIRICAL} and there is no history
   */
  public PlanningRequest {
    Objects.requireNonNull(forecast, "forecast");
    Objects.requireNonNull(leadTime, "leadTime");
    Objects.requireNonNull(economics, "economics");
    Objects.requireNonNull(stock, "stock");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(family, "family");
    Checks.nonNegative("reviewPeriodDays", reviewPeriodDays);
    if (policy == PolicyType.R_S && reviewPeriodDays <= 0) {
      throw new IllegalArgumentException(
          "reviewPeriodDays must be > 0 for an (R, S) policy, was " + reviewPeriodDays);
    }
    if (policy != PolicyType.R_S && reviewPeriodDays != 0) {
      throw new IllegalArgumentException(
          "reviewPeriodDays must be 0 for continuous review " + policy.label() + ", was "
              + reviewPeriodDays);
    }
    if (history != null) {
      history = history.clone();
      for (int i = 0; i < history.length; i++) {
        Checks.nonNegative("history[" + i + "]", history[i]);
      }
    }
    if (family == DemandDistributions.Family.EMPIRICAL && (history == null || history.length == 0)) {
      throw new IllegalArgumentException(
          "family EMPIRICAL needs a non-empty demand history, was "
              + (history == null ? "null" : "empty"));
    }
  }

  /**
   * The demand history.
   *
   * @return a copy, or null when none was given
   */
  @Override
  public double[] history() {
    return history == null ? null : history.clone();
  }

  /**
   * A continuous-review (s, S) request with a normal distribution, the planner's simplest case.
   *
   * @param forecast demand forecast
   * @param leadTime lead time
   * @param economics item economics
   * @param stock stock position
   * @param target service target
   * @return the request
   */
  public static PlanningRequest continuous(
      DemandForecast forecast,
      LeadTime leadTime,
      ItemEconomics economics,
      StockPosition stock,
      ServiceTarget target) {
    return new PlanningRequest(
        forecast, leadTime, economics, stock, target, PolicyType.S_S, 0,
        DemandDistributions.Family.NORMAL);
  }
}
