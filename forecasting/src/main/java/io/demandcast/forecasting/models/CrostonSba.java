package io.demandcast.forecasting.models;

/**
 * Shortcuts to {@link Croston} with the Syntetos-Boylan approximation ({@link
 * Croston.Variant#SBA}), named {@value #NAME}, kept for the callers of the former {@code
 * CrostonSba} class; new code uses {@link Croston} directly.
 */
public final class CrostonSba {

  /** The {@link io.demandcast.forecasting.Forecaster#name()} of these methods. */
  public static final String NAME = "croston_sba";

  private CrostonSba() {}

  /**
   * Returns SBA with separate size and interval constants optimised by {@link
   * IntermittentCost#MSE}.
   *
   * @return {@code Croston.optimized(Croston.Variant.SBA)}
   */
  public static Croston optimized() {
    return Croston.optimized(Croston.Variant.SBA);
  }

  /**
   * Returns SBA with one fixed smoothing constant for sizes and intervals.
   *
   * @param alpha the smoothing constant, in (0, 1]
   * @return {@code Croston.withAlpha(Croston.Variant.SBA, alpha)}
   * @throws IllegalArgumentException if {@code alpha} is not in (0, 1]
   */
  public static Croston withAlpha(double alpha) {
    return Croston.withAlpha(Croston.Variant.SBA, alpha);
  }
}
