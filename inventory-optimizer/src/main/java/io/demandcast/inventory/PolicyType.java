package io.demandcast.inventory;

/**
 * The replenishment policies of the inventory optimizer (Silver, Pyke &amp; Thomas, <i>Inventory and
 * Production Management in Supply Chains</i>, 4th ed., 2017, ch. 6–7).
 */
public enum PolicyType {
  /**
   * Continuous review, order a fixed quantity: when the inventory position is at or below the
   * reorder point s, order Q (as many Q as it takes to bring the position above s).
   */
  S_Q("(s, Q)", "s_Q"),
  /**
   * Continuous review, order up to a level: when the inventory position is at or below s, order S
   * minus the inventory position.
   */
  S_S("(s, S)", "s_S"),
  /** Periodic review: every R days, order S minus the inventory position when that is positive. */
  R_S("(R, S)", "R_S");

  private final String label;
  private final String code;

  PolicyType(String label, String code) {
    this.label = label;
    this.code = code;
  }

  /**
   * The textbook notation, for reports.
   *
   * @return e.g. {@code "(s, Q)"}
   */
  public String label() {
    return label;
  }

  /**
   * The code written to warehouse tables and accepted on the command line.
   *
   * @return {@code "s_Q"}, {@code "s_S"} or {@code "R_S"}
   */
  public String code() {
    return code;
  }

  /**
   * The policy of a code, case-insensitive; also accepts the label.
   *
   * @param text {@code "s_Q"}, {@code "sQ"}, {@code "(s, Q)"}, …
   * @return the policy
   * @throws IllegalArgumentException naming the text and the accepted codes when none matches
   */
  public static PolicyType parse(String text) {
    String key = text == null ? "" : text.replaceAll("[\\s(),_]", "").toLowerCase(java.util.Locale.ROOT);
    for (PolicyType type : values()) {
      if (type.code.replace("_", "").toLowerCase(java.util.Locale.ROOT).equals(key)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "unknown policy '" + text + "': use s_Q, s_S or R_S");
  }
}
