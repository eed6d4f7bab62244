package io.demandcast.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandcast.connectors.schema.ColumnType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalValuesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void givenCsvCells_whenConverted_thenCanonicalJavaValues() throws Exception {
    assertThat(CanonicalValues.fromText(" A-1 ", ColumnType.STRING)).isEqualTo(" A-1 ");
    assertThat(CanonicalValues.fromText("", ColumnType.STRING)).isNull();
    assertThat(CanonicalValues.fromText(" 12 ", ColumnType.INT32)).isEqualTo(12);
    assertThat(CanonicalValues.fromText("12.000", ColumnType.INT32)).isEqualTo(12);
    assertThat(CanonicalValues.fromText("-3e2", ColumnType.INT64)).isEqualTo(-300L);
    assertThat(CanonicalValues.fromText("9223372036854775807", ColumnType.INT64))
        .isEqualTo(Long.MAX_VALUE);
    assertThat(CanonicalValues.fromText("-1.5e3", ColumnType.DOUBLE)).isEqualTo(-1500.0);
    assertThat(CanonicalValues.fromText(".5", ColumnType.DOUBLE)).isEqualTo(0.5);
    assertThat(CanonicalValues.fromText("  ", ColumnType.DOUBLE)).isNull();
    assertThat(CanonicalValues.fromText("Yes", ColumnType.BOOLEAN)).isEqualTo(true);
    assertThat(CanonicalValues.fromText("0", ColumnType.BOOLEAN)).isEqualTo(false);
    assertThat(CanonicalValues.fromText("2024-02-29", ColumnType.DATE))
        .isEqualTo(LocalDate.of(2024, 2, 29));
    // a date-time in a DATE column: its day; a date in a TIMESTAMP column: midnight
    assertThat(CanonicalValues.fromText("2024-02-29 23:59:58", ColumnType.DATE))
        .isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(CanonicalValues.fromText("2024-02-29", ColumnType.TIMESTAMP))
        .isEqualTo(LocalDateTime.of(2024, 2, 29, 0, 0));
    assertThat(CanonicalValues.fromText("2024-02-29T23:59", ColumnType.TIMESTAMP))
        .isEqualTo(LocalDateTime.of(2024, 2, 29, 23, 59));
    assertThat(CanonicalValues.fromText("2024-02-29 23:59:58.5", ColumnType.TIMESTAMP))
        .isEqualTo(LocalDateTime.of(2024, 2, 29, 23, 59, 58, 500_000_000));
    // the local time as written, not shifted to UTC
    assertThat(CanonicalValues.fromText("2024-02-29T23:59:58+02:00", ColumnType.TIMESTAMP))
        .isEqualTo(LocalDateTime.of(2024, 2, 29, 23, 59, 58));
    assertThat(CanonicalValues.fromText("2024-02-29T23:59:58.123456789Z", ColumnType.TIMESTAMP))
        .isEqualTo(LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_456_000));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "12.5 | INT32 | '12.5' is not a whole number (INT32)",
    "2147483648 | INT32 | '2147483648' is out of the range of INT32",
    "1,234 | DOUBLE | '1,234' is not a number (DOUBLE)",
    "NaN | DOUBLE | 'NaN' is not a number (DOUBLE)",
    "0x10 | DOUBLE | '0x10' is not a number (DOUBLE)",
    "1.5d | DOUBLE | '1.5d' is not a number (DOUBLE)",
    "1e999 | DOUBLE | '1e999' is out of the range of DOUBLE",
    "maybe | BOOLEAN | 'maybe' is not a BOOLEAN (true/false, t/f, yes/no, y/n, 1/0)",
    "2024-02-30 | DATE | '2024-02-30' is not a DATE yyyy-MM-dd",
    "05/01/2024 | DATE | '05/01/2024' is not a DATE yyyy-MM-dd",
    "2024-01-05 12 | TIMESTAMP | '2024-01-05 12' is not an ISO-8601 TIMESTAMP yyyy-MM-ddTHH:mm:ss[.ffffff]",
    "2024-01-05 noon | DATE | '2024-01-05 noon' is not an ISO-8601 TIMESTAMP yyyy-MM-ddTHH:mm:ss[.ffffff]",
  })
  void givenCellNotOfTheType_whenConverted_thenReasonNamesValueAndType(
      String text, ColumnType type, String reason) {
    assertThatThrownBy(() -> CanonicalValues.fromText(text, type))
        .isInstanceOf(CanonicalValues.Unconvertible.class)
        .hasMessage(reason);
  }

  @Test
  void givenJsonValues_whenConverted_thenCanonicalJavaValues() throws Exception {
    var node = JSON.readTree("{\"s\":12345,\"i\":12.0,\"d\":\"4.5\",\"b\":1,\"e\":\"\","
        + "\"n\":null,\"t\":\"2024-01-01T00:00:00\"}");
    assertThat(CanonicalValues.fromJson(node.get("s"), ColumnType.STRING)).isEqualTo("12345");
    assertThat(CanonicalValues.fromJson(node.get("i"), ColumnType.INT32)).isEqualTo(12);
    assertThat(CanonicalValues.fromJson(node.get("d"), ColumnType.DOUBLE)).isEqualTo(4.5);
    assertThat(CanonicalValues.fromJson(node.get("b"), ColumnType.BOOLEAN)).isEqualTo(true);
    assertThat(CanonicalValues.fromJson(node.get("e"), ColumnType.DOUBLE)).isNull();
    assertThat(CanonicalValues.fromJson(node.get("e"), ColumnType.STRING)).isEqualTo("");
    assertThat(CanonicalValues.fromJson(node.get("n"), ColumnType.DATE)).isNull();
    assertThat(CanonicalValues.fromJson(node.get("missing"), ColumnType.DATE)).isNull();
    assertThat(CanonicalValues.fromJson(node.get("t"), ColumnType.TIMESTAMP))
        .isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0));
    assertThatThrownBy(() -> CanonicalValues.fromJson(node.get("i"), ColumnType.DATE))
        .hasMessage("number 12.0 is not a DATE (a string yyyy-MM-dd)");
    assertThatThrownBy(() -> CanonicalValues.fromJson(JSON.readTree("true"), ColumnType.INT64))
        .hasMessage("boolean true is not a whole number (INT64)");
    assertThatThrownBy(() -> CanonicalValues.fromJson(JSON.readTree("[1]"), ColumnType.STRING))
        .hasMessage("array [1] is not a STRING value");
  }
}
