package io.demandcast.connectors.bigquery;

import io.demandcast.connectors.schema.ColumnType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Converts a value of a {@code TableRow} read from BigQuery to a canonical column type. BigQuery
 * gives typed values, so only a few fail: an INT64 outside the INT32 range, a FLOAT64 NaN or
 * infinity, and text that is not of the column's type (which a checked schema does not produce).
 * Values come as BigQuery's exports and the tabledata API write them: INT64 and NUMERIC as decimal
 * text, FLOAT64 as a number, BOOL as a boolean or text, DATE as {@code yyyy-MM-dd}, DATETIME as
 * {@code yyyy-MM-dd[ T]HH:mm:ss[.ffffff]}, TIMESTAMP as the same with {@code UTC}, {@code Z} or an
 * offset, or as seconds since the epoch. A DATETIME or TIMESTAMP read into a DATE column gives its
 * day (a TIMESTAMP's in UTC), a DATE read into a TIMESTAMP column its midnight, and an INT64 read
 * into a DOUBLE column its value.
 */
final class BigQueryValues {
  private BigQueryValues() {}

  /** A value that does not convert; the message names the value and the type. */
  static final class Unconvertible extends Exception {
    private static final long serialVersionUID = 1L;

    Unconvertible(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The canonical value of {@code raw}, not null.
   *
   * @throws Unconvertible naming the value and the type when it does not convert
   */
  static Object convert(Object raw, ColumnType type) throws Unconvertible {
    String text = raw.toString();
    return switch (type) {
      case STRING -> text;
      case INT32 -> {
        long value = integral(raw, type);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
          throw new Unconvertible(quote(text) + " is out of the range of INT32");
        }
        yield (int) value;
      }
      case INT64 -> integral(raw, type);
      case DOUBLE -> {
        double value;
        if (raw instanceof Number n && !(raw instanceof BigDecimal)) {
          value = n.doubleValue();
        } else {
          try {
            value = new BigDecimal(text.strip()).doubleValue();
          } catch (NumberFormatException e) {
            throw new Unconvertible(quote(text) + " is not a number (DOUBLE)");
          }
        }
        if (!Double.isFinite(value)) {
          throw new Unconvertible(quote(text) + " is not a finite number (DOUBLE)");
        }
        yield value;
      }
      case BOOLEAN -> {
        if (raw instanceof Boolean b) {
          yield b;
        }
        yield switch (text.strip().toLowerCase(Locale.ROOT)) {
          case "true" -> Boolean.TRUE;
          case "false" -> Boolean.FALSE;
          default -> throw new Unconvertible(quote(text) + " is not a BOOLEAN (true/false)");
        };
      }
      case DATE -> {
        if (raw instanceof Number || text.strip().length() > 10) {
          // a DATETIME or TIMESTAMP column read as a date: its day (in UTC for a TIMESTAMP)
          yield timestamp(raw, text).toLocalDate();
        }
        yield date(text);
      }
      case TIMESTAMP -> !(raw instanceof Number) && text.strip().length() == 10
          ? date(text).atStartOfDay() // a DATE column read as a timestamp: midnight
          : timestamp(raw, text);
    };
  }

  private static LocalDate date(String text) throws Unconvertible {
    try {
      return LocalDate.parse(text.strip(), DateTimeFormatter.ISO_LOCAL_DATE);
    } catch (DateTimeParseException e) {
      throw new Unconvertible(quote(text) + " is not a DATE yyyy-MM-dd");
    }
  }

  private static long integral(Object raw, ColumnType type) throws Unconvertible {
    if (raw instanceof Long || raw instanceof Integer || raw instanceof Short) {
      return ((Number) raw).longValue();
    }
    try {
      return new BigDecimal(raw.toString().strip()).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new Unconvertible(quote(raw.toString()) + " is not an integer (" + type + ")");
    }
  }

  private static LocalDateTime timestamp(Object raw, String text) throws Unconvertible {
    String s = text.strip();
    if (raw instanceof Number || s.matches("[+-]?\\d+(\\.\\d*)?([eE][+-]?\\d+)?")) {
      // seconds since the epoch, as the tabledata API writes a TIMESTAMP
      BigDecimal micros = new BigDecimal(s).movePointRight(6);
      try {
        long us = micros.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
        return LocalDateTime.ofEpochSecond(
            Math.floorDiv(us, 1_000_000L), (int) Math.floorMod(us, 1_000_000L) * 1000,
            ZoneOffset.UTC);
      } catch (ArithmeticException | java.time.DateTimeException e) {
        throw new Unconvertible(quote(text) + " is out of the range of TIMESTAMP");
      }
    }
    if (s.endsWith(" UTC")) {
      s = s.substring(0, s.length() - 4) + "Z";
    }
    if (s.length() > 10 && s.charAt(10) == ' ') {
      s = s.substring(0, 10) + 'T' + s.substring(11);
    }
    try {
      var parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(
          s, java.time.OffsetDateTime::from, LocalDateTime::from);
      LocalDateTime local = parsed instanceof java.time.OffsetDateTime odt
          ? odt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
          : (LocalDateTime) parsed;
      return local.truncatedTo(ChronoUnit.MICROS);
    } catch (DateTimeParseException e) {
      throw new Unconvertible(
          quote(text) + " is not a DATETIME or TIMESTAMP yyyy-MM-dd HH:mm:ss[.ffffff][ UTC]");
    }
  }

  private static String quote(String text) {
    String t = text.length() > 60 ? text.substring(0, 57) + "..." : text;
    return "'" + t + "'";
  }
}
