package io.demandcast.inventory;

import java.io.Serializable;
import java.util.Locale;

/**
 * A service-level target: the cycle service level α (probability of no stock-out in a replenishment
 * cycle) or the fill rate β (fraction of demand met from stock on hand), Silver, Pyke &amp; Thomas
 * (2017) P<sub>1</sub> and P<sub>2</sub>.
 *
 * @param measure which service measure
 * @param level the target, in (0, 1) exclusive
 */
public record ServiceTarget(Measure measure, double level) implements Serializable {

  /** The service measures. */
  public enum Measure {
    /** α, P<sub>1</sub>: probability of no stock-out per replenishment cycle. */
    CYCLE_SERVICE("cycle_service", "α"),
    /** β, P<sub>2</sub>: fraction of demand filled from stock on hand. */
    FILL_RATE("fill_rate", "β");

    private final String code;
    private final String symbol;

    Measure(String code, String symbol) {
      this.code = code;
      this.symbol = symbol;
    }

    /**
     * The code written to warehouse tables and accepted on the command line.
     *
     * @return {@code "cycle_service"} or {@code "fill_rate"}
     */
    public String code() {
      return code;
    }

    /**
     * The textbook symbol.
     *
     * @return α or β
     */
    public String symbol() {
      return symbol;
    }

    /**
     * The measure of a code; case-insensitive, {@code -} and {@code _} alike; also {@code alpha},
     * {@code cycle}, {@code beta}.
     *
     * @param text the code
     * @return the measure
     * @throws IllegalArgumentException naming the text and the accepted codes when none matches
     */
    public static Measure parse(String text) {
      String key = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
      return switch (key) {
        case "cycle_service", "cycle", "alpha", "csl" -> CYCLE_SERVICE;
        case "fill_rate", "beta", "fill" -> FILL_RATE;
        default -> throw new IllegalArgumentException(
            "unknown service measure '" + text + "': use cycle-service (alpha) or fill-rate (beta)");
      };
    }
  }

  /**
   * Validates the target.
   *
   * @throws IllegalArgumentException naming the value when level is not in (0, 1) exclusive
   * @throws NullPointerException when measure is null
   */
  public ServiceTarget {
    java.util.Objects.requireNonNull(measure, "measure");
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException(
          measure.code + " target must be in (0, 1) exclusive, e.g. 0.95, was " + level);
    }
  }

  /**
   * A cycle-service-level target.
   *
   * @param alpha in (0, 1)
   * @return the target
   */
  public static ServiceTarget cycleService(double alpha) {
    return new ServiceTarget(Measure.CYCLE_SERVICE, alpha);
  }

  /**
   * A fill-rate target.
   *
   * @param beta in (0, 1)
   * @return the target
   */
  public static ServiceTarget fillRate(double beta) {
    return new ServiceTarget(Measure.FILL_RATE, beta);
  }

  /** E.g. {@code "β = 0.95"}. */
  @Override
  public String toString() {
    return measure.symbol + " = " + level;
  }
}
