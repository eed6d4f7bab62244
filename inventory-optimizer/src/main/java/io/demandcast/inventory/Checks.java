package io.demandcast.inventory;

/**
 * Argument checks shared by the inventory optimizer's packages (internal: not a stable API); every
 * message names the field and the bad value.
 */
public final class Checks {
  private Checks() {}

  /**
   * Requires a finite, strictly positive value.
   *
   * @throws IllegalArgumentException when {@code value} is NaN, infinite or {@code <= 0}
   */
  public static void positive(String name, double value) {
    if (!(Double.isFinite(value) && value > 0)) {
      throw new IllegalArgumentException(name + " must be finite and > 0, was " + value);
    }
  }

  /**
   * Requires a finite, non-negative value.
   *
   * @throws IllegalArgumentException when {@code value} is NaN, infinite or {@code < 0}
   */
  public static void nonNegative(String name, double value) {
    if (!(Double.isFinite(value) && value >= 0)) {
      throw new IllegalArgumentException(name + " must be finite and >= 0, was " + value);
    }
  }
}
