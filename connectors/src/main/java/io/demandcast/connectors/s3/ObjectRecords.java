package io.demandcast.connectors.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandcast.connectors.schema.Column;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.TableSchema;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The records of one object of an S3 table, read as text: each record with the raw value of every
 * canonical column (a CSV cell or a JSON value), the record as read (the rejection payload), and,
 * for a record that is not a record at all (a malformed JSON line, a CSV line with the wrong number
 * of fields), why. {@link #convert} turns a record into a row of the canonical schema or a reason.
 *
 * <p>Not thread-safe; one instance per object.
 */
abstract class ObjectRecords implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LINEAGE = "lineage";

  final String objectUri;
  final TableSchema schema;
  final ColumnMapping mapping;
  private final Schema beamSchema;

  private ObjectRecords(String objectUri, TableSchema schema, ColumnMapping mapping) {
    this.objectUri = objectUri;
    this.schema = schema;
    this.mapping = mapping;
    this.beamSchema = schema.beamSchema();
  }

  /**
   * Opens the records of one object.
   *
   * @param reader the object's decompressed text; closed with this
   * @throws IllegalArgumentException for a CSV object without a header row, or whose header lacks
   *     a column (see {@link SourceColumns#resolve})
   */
  static ObjectRecords open(
      S3Format format, String objectUri, Reader reader, TableSchema schema, ColumnMapping mapping)
      throws IOException {
    return switch (format) {
      case CSV -> new Csv(objectUri, reader, schema, mapping);
      case JSONL -> new JsonLines(objectUri, reader, schema, mapping);
      case PARQUET -> throw new IllegalArgumentException(
          objectUri + ": Parquet is not text; ParquetObjects reads it");
    };
  }

  /**
   * One record.
   *
   * @param line the line the record starts on, 1-based
   * @param raw per canonical column, the raw value: a {@link String} (CSV) or a {@link JsonNode}
   *     (JSON lines), or null when the object has no such column or the line no such key
   * @param payload the record as read: {@code _file}, {@code _line} and the record's columns
   * @param keys the JSON keys of the line (JSON lines), else empty
   * @param malformed why the record cannot be read at all, or null
   */
  record Raw(long line, Object[] raw, ObjectNode payload, List<String> keys, String malformed) {}

  /**
   * A converted record: a row of the canonical schema, or the reason it could not be made.
   *
   * @param row the row, or null
   * @param reason null when there is a row, else what is wrong, naming the line, the columns and
   *     the values
   */
  record Converted(Row row, String reason) {}

  /**
   * The next record, or null after the last.
   *
   * @throws IllegalStateException when the object's text cannot be parsed any further (a CSV
   *     quote that is never closed), naming the object and the line
   */
  abstract Raw next() throws IOException;

  /**
   * Converts a record to a row of the canonical schema, or says why it cannot be: the record is
   * malformed, or values do not convert to their columns' types (every such column is named).
   */
  Converted convert(Raw record) {
    if (record.malformed() != null) {
      return new Converted(null, "line " + record.line() + ": " + record.malformed());
    }
    Object[] values = new Object[schema.columns().size()];
    StringBuilder reasons = null;
    for (int i = 0; i < values.length; i++) {
      Column column = schema.columns().get(i);
      Object raw = record.raw()[i];
      if (raw == null) {
        values[i] = column.name().equals(LINEAGE) ? objectUri + " line " + record.line() : null;
        continue;
      }
      try {
        values[i] = raw instanceof String text
            ? CanonicalValues.fromText(text, column.type())
            : CanonicalValues.fromJson((JsonNode) raw, column.type());
      } catch (CanonicalValues.Unconvertible e) {
        if (reasons == null) {
          reasons = new StringBuilder("line " + record.line() + ": ");
        } else {
          reasons.append("; ");
        }
        String source = mapping.sourceColumn(schema, column.name());
        reasons.append("column ").append(source);
        if (!source.equals(column.name())) {
          reasons.append(" (").append(schema.name()).append('.').append(column.name()).append(')');
        }
        reasons.append(": ").append(e.getMessage());
      }
    }
    if (reasons != null) {
      return new Converted(null, reasons.toString());
    }
    return new Converted(Row.withSchema(beamSchema).addValues(values).build(), null);
  }

  private ObjectNode payload(long line) {
    ObjectNode node = JSON.createObjectNode();
    node.put("_file", objectUri);
    node.put("_line", line);
    return node;
  }

  /** CSV with a header row. */
  private static final class Csv extends ObjectRecords {
    private static final CSVFormat FORMAT =
        CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    /** Per canonical column, its index in the header, or -1 when missing. */
    private final int[] index;
    private long nextLine;

    Csv(String objectUri, Reader reader, TableSchema schema, ColumnMapping mapping)
        throws IOException {
      super(objectUri, schema, mapping);
      this.parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
      this.records = parser.iterator();
      CSVRecord first = nextNonEmpty();
      if (first == null) {
        parser.close();
        throw new IllegalArgumentException(
            objectUri + ": no header row; a CSV object starts with a row naming its columns,"
                + " e.g. " + String.join(",", schema.columnNames()));
      }
      List<String> names = new ArrayList<>();
      for (String name : first) {
        names.add(names.isEmpty() ? stripBom(name).strip() : name.strip());
      }
      this.header = List.copyOf(names);
      List<String> resolved =
          SourceColumns.resolve(objectUri, header, schema, mapping, "header", "");
      this.index = new int[resolved.size()];
      for (int i = 0; i < index.length; i++) {
        String name = resolved.get(i);
        index[i] = name == null ? -1 : header.indexOf(name);
        if (name != null && header.lastIndexOf(name) != index[i]) {
          parser.close();
          throw new IllegalArgumentException(
              objectUri + ": the header names column '" + name + "' twice "
                  + SourceColumns.describe(schema, schema.columns().get(i),
                      mapping.isMapped(schema, schema.columns().get(i).name()))
                  + "; give each column one name");
        }
      }
    }

    private static String stripBom(String s) {
      return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** The next record that is not an empty line; sets {@link #nextLine} to where it starts. */
    private CSVRecord nextNonEmpty() {
      while (true) {
        long start = parser.getCurrentLineNumber() + 1;
        CSVRecord record;
        try {
          if (!records.hasNext()) {
            return null;
          }
          record = records.next();
        } catch (UncheckedIOException e) {
          throw new IllegalStateException(
              objectUri + ": not valid CSV after line " + (start - 1) + ": "
                  + e.getCause().getMessage()
                  + "; check the quoting (a field with a comma, quote or line break is quoted,"
                  + " and its quotes doubled)", e);
        }
        if (record.size() == 1 && record.get(0).isEmpty()) {
          continue;
        }
        nextLine = start;
        return record;
      }
    }

    @Override
    Raw next() {
      CSVRecord record = nextNonEmpty();
      if (record == null) {
        return null;
      }
      long line = nextLine;
      ObjectNode payload = super.payload(line);
      for (int i = 0; i < record.size(); i++) {
        String name = i < header.size() ? header.get(i) : "_extra_" + (i - header.size() + 1);
        if (payload.has(name)) {
          name = name + "_" + (i + 1);
        }
        payload.put(name, record.get(i));
      }
      if (record.size() != header.size()) {
        return new Raw(line, null, payload, List.of(),
            "has " + record.size() + " field" + (record.size() == 1 ? "" : "s") + ", the header has "
                + header.size());
      }
      Object[] raw = new Object[index.length];
      for (int i = 0; i < index.length; i++) {
        raw[i] = index[i] < 0 ? null : record.get(index[i]);
      }
      return new Raw(line, raw, payload, List.of(), null);
    }

    @Override
    public void close() throws IOException {
      parser.close();
    }
  }

  /** One JSON object per line. */
  private static final class JsonLines extends ObjectRecords {
    private final BufferedReader reader;
    /** Per canonical column, the key it is read from (before matching ignoring case). */
    private final String[] keys;
    private long line;

    JsonLines(String objectUri, Reader reader, TableSchema schema, ColumnMapping mapping) {
      super(objectUri, schema, mapping);
      this.reader = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
      this.keys = new String[schema.columns().size()];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = mapping.sourceColumn(schema, schema.columns().get(i).name());
      }
    }

    @Override
    Raw next() throws IOException {
      String text;
      do {
        text = reader.readLine();
        if (text == null) {
          return null;
        }
        line++;
        if (line == 1 && text.startsWith("\uFEFF")) {
          text = text.substring(1);
        }
      } while (text.isBlank());
      ObjectNode payload = super.payload(line);
      JsonNode node;
      try {
        node = JSON.readTree(text);
      } catch (JsonProcessingException e) {
        payload.put("_text", text);
        return new Raw(line, null, payload, List.of(),
            "not valid JSON: " + e.getOriginalMessage());
      }
      if (!(node instanceof ObjectNode object)) {
        payload.put("_text", text);
        return new Raw(line, null, payload, List.of(),
            "expected a JSON object, found " + CanonicalValues.describe(node));
      }
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      payload.setAll(object);
      Object[] raw = new Object[keys.length];
      for (int i = 0; i < keys.length; i++) {
        raw[i] = field(object, names, keys[i]);
      }
      return new Raw(line, raw, payload, names, null);
    }

    /** The value of {@code key}, matched exactly, else ignoring case; null when there is none. */
    private static JsonNode field(ObjectNode object, List<String> names, String key) {
      JsonNode value = object.get(key);
      if (value != null) {
        return value;
      }
      for (String name : names) {
        if (name.equalsIgnoreCase(key)) {
          return object.get(name);
        }
      }
      return null;
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }
}
