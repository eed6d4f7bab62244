package io.demandcast.forecasting.models;

/**
 * In-sample cost that {@link Croston} and {@link Tsb} minimise when they choose their smoothing
 * constants.
 *
 * <p>Every cost is a mean over the periods {@code t} after the first demand of a history {@code y}
 * (0-based, length n), where {@code f_t} is the one-step forecast for period {@code t} made from
 * {@code y[0..t-1]}:
 *
 * <ul>
 *   <li>{@link #MSE}: {@code mean (y_t - f_t)^2}, units² per period²;
 *   <li>{@link #MAE}: {@code mean |y_t - f_t|}, units per period;
 *   <li>{@link #MSR}: {@code mean (r_t - f_t)^2} with the demand rate {@code r_t};
 *   <li>{@link #MAR}: {@code mean |r_t - f_t|}.
 * </ul>
 *
 * <p>The demand rate {@code r_t} is the cumulative mean {@code (y_0 + ... + y_t) / (t + 1)}, units
 * per period. Because the first cumulative means rest on a handful of periods, {@code r_t} is held
 * at its value at period {@code w = ceil(0.3 n) - 1} for every {@code t < w}.
 *
 * <p>Source: N. Kourentzes, "On intermittent demand model optimisation and selection",
 * International Journal of Production Economics 156, 180-190, 2014, which proposes the rate-based
 * costs MSR and MAR: on mostly-zero data the conventional one-step errors reward forecasts that
 * chase the zeros and give smoothing constants outside the range the literature supports, while
 * the rate-based costs gave the most accurate forecasts in that study. The 30% warm-up of the rate
 * follows the author's R package {@code tsintermittent}.
 */
public enum IntermittentCost {
  /** Mean squared one-step error. */
  MSE(false, true),
  /** Mean absolute one-step error. */
  MAE(false, false),
  /** Mean squared difference between the one-step forecast and the cumulative demand rate. */
  MSR(true, true),
  /** Mean absolute difference between the one-step forecast and the cumulative demand rate. */
  MAR(true, false);

  private final boolean rateBased;
  private final boolean squared;

  IntermittentCost(boolean rateBased, boolean squared) {
    this.rateBased = rateBased;
    this.squared = squared;
  }

  /**
   * Returns the lower-case id used in specs and parameter names, e.g. {@code "mar"}.
   *
   * @return the id
   */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Whether the cost compares with the cumulative demand rate rather than the observation. */
  boolean rateBased() {
    return rateBased;
  }

  /** Whether errors are squared rather than taken in absolute value. */
  boolean squared() {
    return squared;
  }

  /**
   * Returns the target each one-step forecast is compared with: the history itself for MSE and
   * MAE, the held cumulative demand rate for MSR and MAR.
   *
   * @param y the history, not mutated
   * @return {@code y} itself or a new array of the same length
   */
  double[] targets(double[] y) {
    if (!rateBased) {
      return y;
    }
    int n = y.length;
    double[] rate = new double[n];
    double sum = 0.0;
    for (int t = 0; t < n; t++) {
      sum += y[t];
      rate[t] = sum / (t + 1);
    }
    int warmUp = (int) Math.ceil(0.3 * n) - 1;
    for (int t = 0; t < warmUp; t++) {
      rate[t] = rate[warmUp];
    }
    return rate;
  }
}
