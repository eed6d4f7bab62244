package io.demandcast.inventory.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the reference CSVs written by {@code src/test/r/distributions.R} (test resources under
 * {@code r/}); lines starting with '#' are comments, the first other line is the header.
 */
final class RReference {
  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#').get();

  private RReference() {}

  /** All records of {@code r/<name>}; fails when the resource is missing or empty. */
  static List<CSVRecord> read(String name) {
    String resource = "/r/" + name;
    try (InputStream in = RReference.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "missing test resource "
                + resource
                + "; regenerate it with src/test/r/distributions.R");
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        List<CSVRecord> records = FORMAT.parse(reader).getRecords();
        if (records.isEmpty()) {
          throw new IllegalStateException("no records in " + resource);
        }
        return records;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The cell as a double. */
  static double number(CSVRecord record, String column) {
    return Double.parseDouble(record.get(column));
  }

  /** Whether the cell is empty (not used by that row). */
  static boolean blank(CSVRecord record, String column) {
    return record.get(column).isEmpty();
  }
}
