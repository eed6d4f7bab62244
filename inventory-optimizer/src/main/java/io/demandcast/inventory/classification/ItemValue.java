package io.demandcast.inventory.classification;

import java.io.Serializable;
import java.util.Objects;

/**
 * The annual value of one item, the quantity ABC analysis ranks by.
 *
 * @param key the item's identifier (e.g. SKU, or SKU × location), not blank
 * @param annualValue annual usage × unit cost, in currency per year; finite and {@code >= 0}
 */
public record ItemValue(String key, double annualValue) implements Serializable {

  /**
   * Validates the value.
   *
   * @throws IllegalArgumentException naming the key and the value when annualValue is negative, NaN
   *     or infinite, or when key is blank
   * @throws NullPointerException when key is null
   */
  public ItemValue {
    Objects.requireNonNull(key, "key");
    if (key.isBlank()) {
      throw new IllegalArgumentException("key must not be blank, was '" + key + "'");
    }
    if (!(Double.isFinite(annualValue) && annualValue >= 0)) {
      throw new IllegalArgumentException(
          "annualValue of " + key + " must be finite and >= 0, was " + annualValue);
    }
  }
}
