package io.demandcast.connectors.s3;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandcast.connectors.schema.ColumnType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Converts the text of a CSV cell or a JSON value to the Java value of a canonical column type, as
 * Beam rows hold it. The accepted forms:
 *
 * <ul>
 *   <li>{@code STRING}: the text as written (not trimmed); a JSON number or boolean as its text.
 *   <li>{@code INT32}, {@code INT64}: a decimal integer, optionally signed; an integral value
 *       written with a fraction or exponent ({@code 12.0}, {@code 1e3}) too; out of range is an
 *       error.
 *   <li>{@code DOUBLE}: a decimal number, optionally signed, with an optional exponent ({@code
 *       -1.5e3}); no thousands separators, no {@code NaN} or {@code Infinity}.
 *   <li>{@code BOOLEAN}: {@code true/false}, {@code t/f}, {@code yes/no}, {@code y/n}, {@code 1/0},
 *       any case.
 *   <li>{@code DATE}: ISO-8601 {@code yyyy-MM-dd}.
 *   <li>{@code TIMESTAMP}: ISO-8601 local date-time {@code yyyy-MM-ddTHH:mm[:ss[.fraction]]}, a
 *       space allowed for the {@code T}; an offset ({@code Z}, {@code +02:00}) is accepted and
 *       dropped: canonical timestamps are local times, so the time as written is kept, not shifted.
 *       Digits beyond the microsecond are truncated (DuckDB's precision).
 * </ul>
 *
 * Leading and trailing spaces are ignored except for {@code STRING}. In CSV an empty cell is NULL
 * for every type; in JSON, {@code null}, a missing key, and an empty string for a non-{@code
 * STRING} column are NULL.
 */
final class CanonicalValues {
  private CanonicalValues() {}

  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
  private static final DateTimeFormatter TIMESTAMP =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .optionalStart()
          .appendOffsetId()
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  /** A value that does not convert; the message says why, naming the value and the type. */
  static final class Unconvertible extends Exception {
    private static final long serialVersionUID = 1L;

    Unconvertible(String message) {
      super(message, null, false, false); // no stack trace: bad values are data, not bugs
    }
  }

  /**
   * The value of a CSV cell.
   *
   * @param text the cell, or null when the record has no such cell
   * @return the value, or null for an empty cell
   * @throws Unconvertible when the text is not a value of {@code type}
   */
  static Object fromText(String text, ColumnType type) throws Unconvertible {
    if (text == null || text.isEmpty()) {
      return null;
    }
    if (type == ColumnType.STRING) {
      return text;
    }
    String s = text.strip();
    if (s.isEmpty()) {
      return null;
    }
    return switch (type) {
      case STRING -> text;
      case INT32 -> {
        long value = integral(s, type, Integer.MIN_VALUE, Integer.MAX_VALUE);
        yield (int) value;
      }
      case INT64 -> integral(s, type, Long.MIN_VALUE, Long.MAX_VALUE);
      case DOUBLE -> {
        if (!DECIMAL.matcher(s).matches()) {
          throw new Unconvertible(quote(text) + " is not a number (DOUBLE)");
        }
        double value = Double.parseDouble(s);
        if (Double.isInfinite(value)) {
          throw new Unconvertible(quote(text) + " is out of the range of DOUBLE");
        }
        yield value;
      }
      case BOOLEAN -> switch (s.toLowerCase(Locale.ROOT)) {
        case "true", "t", "yes", "y", "1" -> Boolean.TRUE;
        case "false", "f", "no", "n", "0" -> Boolean.FALSE;
        default -> throw new Unconvertible(
            quote(text) + " is not a BOOLEAN (true/false, t/f, yes/no, y/n, 1/0)");
      };
      // a date-time in a DATE column gives its day; a date in a TIMESTAMP column its midnight
      case DATE -> s.length() > 10 ? timestamp(s, text).toLocalDate() : date(s, text);
      case TIMESTAMP -> s.length() == 10 ? date(s, text).atStartOfDay() : timestamp(s, text);
    };
  }

  private static LocalDate date(String s, String text) throws Unconvertible {
    try {
      return LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE);
    } catch (DateTimeParseException e) {
      throw new Unconvertible(quote(text) + " is not a DATE yyyy-MM-dd");
    }
  }

  private static LocalDateTime timestamp(String s, String text) throws Unconvertible {
    String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11)
        : s;
    try {
      return LocalDateTime.from(TIMESTAMP.parse(iso)).truncatedTo(ChronoUnit.MICROS);
    } catch (DateTimeParseException e) {
      throw new Unconvertible(
          quote(text) + " is not an ISO-8601 TIMESTAMP yyyy-MM-ddTHH:mm:ss[.ffffff]");
    }
  }

  private static long integral(String s, ColumnType type, long min, long max) throws Unconvertible {
    BigDecimal value;
    if (INTEGER.matcher(s).matches()) {
      value = new BigDecimal(s);
    } else if (DECIMAL.matcher(s).matches()) {
      value = new BigDecimal(s);
      if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
        throw new Unconvertible(quote(s) + " is not a whole number (" + type + ")");
      }
    } else {
      throw new Unconvertible(quote(s) + " is not a whole number (" + type + ")");
    }
    if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw new Unconvertible(quote(s) + " is out of the range of " + type);
    }
    return value.longValue();
  }

  /**
   * The value of a JSON value.
   *
   * @param node the value, or null when the key is missing
   * @return the value, or null for JSON null, a missing key, or an empty string of a
   *     non-{@code STRING} column
   * @throws Unconvertible when the value is not a value of {@code type}
   */
  static Object fromJson(JsonNode node, ColumnType type) throws Unconvertible {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isContainerNode()) {
      throw new Unconvertible(describe(node) + " is not a " + type + " value");
    }
    if (type == ColumnType.STRING) {
      return node.asText();
    }
    if (node.isTextual()) {
      String text = node.textValue();
      return text.isBlank() ? null : fromText(text, type);
    }
    return switch (type) {
      case INT32, INT64 -> {
        if (!node.isNumber()) {
          throw new Unconvertible(describe(node) + " is not a whole number (" + type + ")");
        }
        yield fromText(node.decimalValue().toPlainString(), type);
      }
      case DOUBLE -> {
        if (!node.isNumber()) {
          throw new Unconvertible(describe(node) + " is not a number (DOUBLE)");
        }
        double value = node.doubleValue();
        if (Double.isInfinite(value)) {
          throw new Unconvertible(describe(node) + " is out of the range of DOUBLE");
        }
        yield value;
      }
      case BOOLEAN -> {
        if (node.isBoolean()) {
          yield node.booleanValue();
        }
        if (node.isIntegralNumber() && (node.asLong() == 0 || node.asLong() == 1)) {
          yield node.asLong() == 1;
        }
        throw new Unconvertible(describe(node) + " is not a BOOLEAN");
      }
      case DATE -> throw new Unconvertible(
          describe(node) + " is not a DATE (a string yyyy-MM-dd)");
      case TIMESTAMP -> throw new Unconvertible(
          describe(node) + " is not a TIMESTAMP (an ISO-8601 string)");
      case STRING -> node.asText();
    };
  }

  /** How a CSV cell looks, for messages: {@code text '05/01/2024'}. */
  static String describeText(String text) {
    return "text " + quote(text);
  }

  /** How a JSON value looks, for messages: {@code number 20240105}, {@code string '05/01'}. */
  static String describe(JsonNode node) {
    String kind = node.isTextual() ? "string" : node.getNodeType().name().toLowerCase(Locale.ROOT);
    String text = node.isTextual() ? quote(node.textValue()) : abbreviate(node.toString());
    return kind + " " + text;
  }

  static String quote(String text) {
    return "'" + abbreviate(text) + "'";
  }

  private static String abbreviate(String text) {
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }
}
