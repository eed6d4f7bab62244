package io.demandcast.pipelines.model;

import io.demandcast.inventory.PolicyType;
import io.demandcast.inventory.ServiceTarget;
import io.demandcast.inventory.classification.ClassServiceTargets;
import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The inventory settings of a run, validated on construction (the message names the bad value).
 *
 * @param measure the service measure every target is stated in: cycle service level α or fill
 *     rate β
 * @param classTargets per-class targets, e.g. {@code "A=0.98,B=0.95,C=0.9"} or {@code
 *     "AX=0.99,CZ=0.85"} (ABC by annual forecast value, XYZ by the coefficient of variation of the
 *     history); empty for one target for all items ({@link JobSettings#serviceLevel()}); an item's
 *     own {@code erp_items.service_level} overrides both
 * @param continuousPolicy the policy of items without a review period: {@link PolicyType#S_S} or
 *     {@link PolicyType#S_Q}; items with {@code erp_items.review_period_days} get (R, S)
 * @param distribution which lead-time demand distribution: {@code auto} (normal for smooth
 *     demand, Poisson or negative binomial for intermittent demand), {@code normal}, {@code
 *     discrete}, or {@code empirical} (normal for smooth demand, the empirical bootstrap of lead-time
 *     demand from the history for intermittent demand)
 * @param simulationPeriods periods held out at the end of each series and replayed by the policy
 *     simulator ({@code policy_simulation}); 0 turns the simulation off; &gt;= 0
 * @param warmUpPeriods periods before the held-out ones replayed first, unmeasured, so the
 *     simulation does not start from an artificial full stock; &gt;= 0
 * @param locationCapacity storage capacity in units per location; locations not listed have none
 */
public record InventorySettings(
    ServiceTarget.Measure measure,
    String classTargets,
    PolicyType continuousPolicy,
    String distribution,
    int simulationPeriods,
    int warmUpPeriods,
    Map<String, Double> locationCapacity)
    implements Serializable {

  /** The accepted values of {@link #distribution()}. */
  public static final java.util.List<String> DISTRIBUTIONS =
      java.util.List.of("auto", "normal", "discrete", "empirical");

  /**
   * Validates the settings. Components as described on the record.
   *
   * @throws IllegalArgumentException naming the component and the value when one is out of range
   * @throws NullPointerException when a component is null
   */
  public InventorySettings {
    Objects.requireNonNull(measure, "measure");
    Objects.requireNonNull(classTargets, "classTargets");
    Objects.requireNonNull(continuousPolicy, "continuousPolicy");
    Objects.requireNonNull(distribution, "distribution");
    Objects.requireNonNull(locationCapacity, "locationCapacity");
    if (continuousPolicy == PolicyType.R_S) {
      throw new IllegalArgumentException(
          "continuousPolicy must be s_S or s_Q, was R_S (items get (R, S) from their review period)");
    }
    try {
      // the entries only: the level of items no entry matches is JobSettings.serviceLevel
      ClassServiceTargets.parse(classTargets, 0.5);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("classTargets: " + e.getMessage(), e);
    }
    distribution = distribution.toLowerCase(Locale.ROOT);
    if (!DISTRIBUTIONS.contains(distribution)) {
      throw new IllegalArgumentException(
          "distribution must be one of " + DISTRIBUTIONS + ", was " + distribution);
    }
    if (simulationPeriods < 0) {
      throw new IllegalArgumentException(
          "simulationPeriods must be >= 0, was " + simulationPeriods);
    }
    if (warmUpPeriods < 0) {
      throw new IllegalArgumentException("warmUpPeriods must be >= 0, was " + warmUpPeriods);
    }
    locationCapacity = new TreeMap<>(locationCapacity);
    for (var e : locationCapacity.entrySet()) {
      if (!(e.getValue() != null && Double.isFinite(e.getValue()) && e.getValue() >= 0)) {
        throw new IllegalArgumentException(
            "locationCapacity of " + e.getKey() + " must be finite and >= 0 units, was "
                + e.getValue());
      }
    }
    locationCapacity = java.util.Collections.unmodifiableMap(locationCapacity);
  }

  /** Fill rate, one target, (s, S), auto distribution, 12 periods simulated after a 12-period warm-up. */
  public static InventorySettings defaults() {
    return new InventorySettings(
        ServiceTarget.Measure.FILL_RATE, "", PolicyType.S_S, "auto", 12, 12, Map.of());
  }

  /**
   * Parses {@code "PLANT01=5000,PLANT02=800"} into capacities in units.
   *
   * @param spec comma-separated LOCATION=UNITS pairs; blank for none
   * @return the capacities by location
   * @throws IllegalArgumentException naming the bad entry and the accepted form
   */
  public static Map<String, Double> parseCapacity(String spec) {
    Map<String, Double> capacity = new TreeMap<>();
    if (spec == null || spec.isBlank()) {
      return capacity;
    }
    for (String entry : spec.split(",")) {
      String[] parts = entry.split("=", -1);
      if (parts.length != 2 || parts[0].isBlank()) {
        throw new IllegalArgumentException(
            "location capacity entry '" + entry.trim() + "' is not LOCATION=UNITS, e.g. PLANT01=5000");
      }
      double units;
      try {
        units = Double.parseDouble(parts[1].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "location capacity of " + parts[0].trim() + " is not a number: '" + parts[1].trim() + "'");
      }
      if (capacity.put(parts[0].trim(), units) != null) {
        throw new IllegalArgumentException("location " + parts[0].trim() + " has two capacities");
      }
    }
    return capacity;
  }
}
