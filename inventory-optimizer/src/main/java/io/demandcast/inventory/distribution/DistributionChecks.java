package io.demandcast.inventory.distribution;

/** Argument checks shared by the demand distributions; every message names the bad value. */
final class DistributionChecks {
  private DistributionChecks() {}

  /**
   * Requires a probability strictly between 0 and 1.
   *
   * @throws IllegalArgumentException naming the value when {@code p} is NaN or not in (0, 1)
   */
  static void openUnitInterval(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("p must be in (0, 1) exclusive, was " + p);
    }
  }

  /**
   * Requires a point at which to evaluate a cdf: any value but NaN.
   *
   * @throws IllegalArgumentException naming the value when {@code x} is NaN
   */
  static void notNaN(double x) {
    if (Double.isNaN(x)) {
      throw new IllegalArgumentException("x must not be NaN, was " + x);
    }
  }

  /**
   * Requires a finite stock level for the loss function.
   *
   * @throws IllegalArgumentException naming the value when {@code y} is NaN or infinite
   */
  static void finiteLevel(double y) {
    if (!Double.isFinite(y)) {
      throw new IllegalArgumentException("y must be finite, was " + y);
    }
  }
}
