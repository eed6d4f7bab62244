package io.demandcast.pipelines.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the planner page writes numbers, in one place: quantities without spurious decimals ({@code
 * 9}, not {@code 9.00}), amounts with two decimals and the run's currency, days as whole days.
 * Thousands are grouped with a comma and the decimal mark is a point (en-US). The page's script
 * formats its table cells the same way with {@code Intl.NumberFormat("en-US")} (same grouping,
 * same half-away-from-zero rounding); {@code ReportInBrowserTest} checks that both agree.
 *
 * @param currency the currency of amounts, as the run's {@code --currency} gave it, or null for
 *     plain numbers
 */
record ReportFormat(String currency) {
  /** What {@code --currency} accepts: 1 to 8 characters, no white space or control characters. */
  static final Pattern CURRENCY = Pattern.compile("[^\\s\\p{Cntrl}]{1,8}");

  /** Plain numbers, no currency. */
  static final ReportFormat PLAIN = new ReportFormat(null);

  /** The text for a missing value (NULL, NaN). */
  static final String NONE = "—";

  /**
   * @throws IllegalArgumentException when {@code currency} is not null and not 1 to 8 characters
   *     without white space
   */
  ReportFormat {
    if (currency != null && !CURRENCY.matcher(currency).matches()) {
      throw new IllegalArgumentException(
          "currency must be 1 to 8 characters without spaces (e.g. EUR, USD, €), was '"
              + currency
              + "'");
    }
  }

  /**
   * A quantity in units: at most 2 decimals, trailing zeros dropped, so whole units have none:
   * {@code 9}, {@code 12.35}, {@code 1,234.5}, {@code -3}. NaN and infinities as {@value #NONE}.
   */
  static String quantity(double units) {
    return Double.isFinite(units) ? format("#,##0.##", units) : NONE;
  }

  /** {@link #quantity(double)} of a value that may be NULL. */
  static String quantity(Double units) {
    return units == null ? NONE : quantity(units.doubleValue());
  }

  /**
   * An amount: 2 decimals, grouped, with the currency when there is one: {@code 1,234.50} with
   * none, {@code EUR 1,234.50} for a code of letters, {@code €1,234.50} for a symbol; a negative
   * amount as {@code -EUR 3.00} or {@code -€3.00}. NaN and infinities as {@value #NONE}.
   */
  String money(double amount) {
    if (!Double.isFinite(amount)) {
      return NONE;
    }
    String digits = format("#,##0.00", Math.abs(amount));
    String sign = amount < 0 && !digits.equals("0.00") ? "-" : "";
    if (currency == null) {
      return sign + digits;
    }
    return sign + currency + (isCode(currency) ? " " : "") + digits;
  }

  /** Days as a whole number, grouped: {@code 177}, {@code 1,205}; NULL or NaN as {@value #NONE}. */
  static String days(Double days) {
    return days == null || !Double.isFinite(days) ? NONE : format("#,##0", days);
  }

  /** A share between 0 and 1 with 3 decimals: {@code 0.916}. */
  static String share(double value) {
    return Double.isFinite(value) ? format("0.000", value) : NONE;
  }

  /** The currency as the page's script gets it: the prefix of an amount, or "" for none. */
  String currencyPrefix() {
    return currency == null ? "" : currency + (isCode(currency) ? " " : "");
  }

  /**
   * A number rounded half away from zero to {@code decimals} places, for the page's data (which
   * the script formats); NaN and infinities as null.
   */
  static Double rounded(double value, int decimals) {
    if (!Double.isFinite(value)) {
      return null;
    }
    return zeroSign(BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue());
  }

  /** A code is letters only (EUR, USD, CHF); anything else (€, $, US$) is a symbol. */
  private static boolean isCode(String currency) {
    return currency.chars().allMatch(Character::isLetter);
  }

  private static double zeroSign(double value) {
    return value == 0.0 ? 0.0 : value; // -0.0 prints as "-0"
  }

  /** {@code value} in {@code pattern}, rounded half away from zero; no "-0" for a value that rounds to 0. */
  private static String format(String pattern, double value) {
    DecimalFormat format = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.US));
    format.setRoundingMode(RoundingMode.HALF_UP);
    String text = format.format(value);
    return text.startsWith("-") && text.chars().noneMatch(c -> c >= '1' && c <= '9')
        ? text.substring(1)
        : text;
  }

  @Override
  public String toString() {
    return "ReportFormat[currency=" + Objects.toString(currency, "none") + "]";
  }
}
