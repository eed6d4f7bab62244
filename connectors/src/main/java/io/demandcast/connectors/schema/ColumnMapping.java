package io.demandcast.connectors.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * How the columns of a user's source tables map onto the canonical schema: per canonical source
 * table, canonical column → the name of the source column that holds it, e.g. {@code
 * erp_sales.sku = item_code}. A canonical column without an entry is read from the source column of
 * the same name. The mapping does not depend on where a table lives: every connector reads {@link
 * #sourceColumn} and renames the column back to its canonical name, so the rows it produces carry
 * canonical names.
 *
 * <p>A mapping is valid when every entry names a canonical <em>source</em> table and one of its
 * columns, gives a non-blank source column name, and no two canonical columns of a table read the
 * same source column, counting the unmapped columns under their canonical names (source column
 * names are compared ignoring case, as DuckDB, Hive and BigQuery do). The factories throw {@link
 * IllegalArgumentException} naming the bad entry and how to fix it.
 *
 * <p>A mapped column must exist in the source table, also when {@link
 * CanonicalTables#mayBeAbsent} would let the canonical column be missing: an entry is an explicit
 * statement that the table has that column, so its absence is an error, not a NULL.
 *
 * <p>Immutable and serializable, so it can travel inside a pipeline's transforms.
 */
public final class ColumnMapping implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The mapping with no entries: every column keeps its canonical name. */
  public static final ColumnMapping IDENTITY = new ColumnMapping(Map.of());

  /** The syntax of one entry on a command line. */
  public static final String ENTRY_SYNTAX = "TABLE.COLUMN=SOURCE_COLUMN";

  private static final String EXAMPLE_ENTRY = "erp_sales.sku=item_code";
  private static final String EXAMPLE_FILE = "{\"erp_sales\": {\"sku\": \"item_code\"}}";

  /** Canonical table → canonical column → source column; in canonical table and column order. */
  private final Map<String, Map<String, String>> entries;

  private ColumnMapping(Map<String, Map<String, String>> entries) {
    this.entries = entries;
  }

  /**
   * A mapping from its entries.
   *
   * @param entries canonical source table name → (canonical column name → source column name)
   * @throws IllegalArgumentException naming the entry when a table is unknown or an output table, a
   *     column is not a column of its table, a source column name is blank or holds control
   *     characters, or two canonical columns of one table would read the same source column
   */
  public static ColumnMapping of(Map<String, ? extends Map<String, String>> entries) {
    return of(entries, "column mapping");
  }

  /**
   * {@link #of(Map)}, with the messages starting with {@code origin}, e.g. {@code "--map"} or
   * {@code "column mapping file m.json"}.
   */
  public static ColumnMapping of(Map<String, ? extends Map<String, String>> entries, String origin) {
    Objects.requireNonNull(entries, "entries");
    for (Map.Entry<String, ? extends Map<String, String>> table : entries.entrySet()) {
      Map<String, String> columns = table.getValue() == null ? Map.of() : table.getValue();
      TableSchema schema = sourceTable(table.getKey(), columns, origin);
      for (Map.Entry<String, String> e : columns.entrySet()) {
        checkEntry(schema, e.getKey(), e.getValue(), origin);
      }
    }
    // canonical order, so that equal mappings print and serialize alike
    Map<String, Map<String, String>> ordered = new LinkedHashMap<>();
    for (TableSchema schema : CanonicalTables.SOURCES) {
      Map<String, String> given = entries.get(schema.name());
      if (given == null || given.isEmpty()) {
        continue;
      }
      Map<String, String> columns = new LinkedHashMap<>();
      for (Column column : schema.columns()) {
        String source = given.get(column.name());
        if (source != null) {
          columns.put(column.name(), source);
        }
      }
      checkDistinct(schema, columns, origin);
      ordered.put(schema.name(), Collections.unmodifiableMap(columns));
    }
    return ordered.isEmpty() ? IDENTITY : new ColumnMapping(Collections.unmodifiableMap(ordered));
  }

  private static TableSchema sourceTable(String table, Map<String, String> columns, String origin) {
    String entry = columns.isEmpty()
        ? table
        : table + "." + columns.keySet().iterator().next() + "=" + columns.values().iterator().next();
    TableSchema schema = CanonicalTables.ALL.stream()
        .filter(t -> t.name().equals(table))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            origin + ": " + entry + ": unknown table '" + table + "'; the source tables are "
                + sourceNames()));
    if (schema.role() != TableSchema.Role.SOURCE) {
      throw new IllegalArgumentException(
          origin + ": " + entry + ": " + table + " is an output table, which demandcast"
              + " writes with its canonical columns; only source tables can be mapped: "
              + sourceNames());
    }
    return schema;
  }

  private static void checkEntry(TableSchema schema, String column, String source, String origin) {
    String entry = schema.name() + "." + column + "=" + (source == null ? "" : source);
    if (schema.column(column).isEmpty()) {
      throw new IllegalArgumentException(
          origin + ": " + entry + ": " + schema.name() + " has no column '" + column
              + "'; map one of its columns " + schema.columnNames());
    }
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException(
          origin + ": " + schema.name() + "." + column + ": no source column given; write "
              + schema.name() + "." + column + "=<the source table's column>");
    }
    if (source.chars().anyMatch(Character::isISOControl) || !source.strip().equals(source)) {
      throw new IllegalArgumentException(
          origin + ": " + entry + ": source column name '" + source
              + "' has control characters or surrounding spaces; give the column's name as the"
              + " source table spells it");
    }
  }

  /** No two canonical columns of {@code schema} read the same source column. */
  private static void checkDistinct(TableSchema schema, Map<String, String> mapped, String origin) {
    Map<String, String> readBy = new LinkedHashMap<>(); // lower-case source column -> canonical
    for (Column column : schema.columns()) {
      String source = mapped.getOrDefault(column.name(), column.name());
      String other = readBy.putIfAbsent(source.toLowerCase(Locale.ROOT), column.name());
      if (other == null) {
        continue;
      }
      String t = schema.name();
      boolean otherMapped = mapped.containsKey(other);
      boolean thisMapped = mapped.containsKey(column.name());
      if (otherMapped && thisMapped) {
        throw new IllegalArgumentException(
            origin + ": " + t + "." + other + " and " + t + "." + column.name()
                + " are both mapped to source column '" + source + "'; map each canonical column"
                + " to a different source column");
      }
      // one of the two keeps its canonical name, which the other is mapped to
      String unmapped = otherMapped ? column.name() : other;
      String byMapping = otherMapped ? other : column.name();
      throw new IllegalArgumentException(
          origin + ": " + t + "." + byMapping + "=" + mapped.get(byMapping) + ": "
              + t + "." + unmapped + " is not mapped, so it also reads source column '"
              + unmapped + "'; map " + t + "." + unmapped + " to the source column that holds"
              + " it, or map " + t + "." + byMapping + " to another column");
    }
  }

  private static List<String> sourceNames() {
    return CanonicalTables.SOURCES.stream().map(TableSchema::name).toList();
  }

  /**
   * Parses command-line entries, each {@value #ENTRY_SYNTAX}, e.g. {@code erp_sales.sku=item_code}.
   * Spaces around the names are ignored.
   *
   * @param entries the entries, in the order given
   * @throws IllegalArgumentException quoting the entry when one is malformed, names a column twice,
   *     or is invalid as {@link #of} says
   */
  public static ColumnMapping parseEntries(Iterable<String> entries) {
    return parseEntries(entries, "column mapping");
  }

  /**
   * {@link #parseEntries(Iterable)}, with the messages starting with {@code origin}, e.g. {@code
   * "--map"}.
   */
  public static ColumnMapping parseEntries(Iterable<String> entries, String origin) {
    Map<String, Map<String, String>> parsed = new LinkedHashMap<>();
    for (String entry : entries) {
      int eq = entry.indexOf('=');
      int dot = eq < 0 ? -1 : entry.substring(0, eq).indexOf('.');
      if (eq < 0 || dot < 0) {
        throw new IllegalArgumentException(
            origin + ": '" + entry + "' is not " + ENTRY_SYNTAX + ", e.g. " + EXAMPLE_ENTRY);
      }
      String table = entry.substring(0, dot).strip();
      String column = entry.substring(dot + 1, eq).strip();
      String source = entry.substring(eq + 1).strip();
      if (table.isEmpty() || column.isEmpty() || source.isEmpty()) {
        throw new IllegalArgumentException(
            origin + ": '" + entry + "' leaves the table, the column or the source column empty;"
                + " write " + ENTRY_SYNTAX + ", e.g. " + EXAMPLE_ENTRY);
      }
      String before = parsed.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(column, source);
      if (before != null && !before.equals(source)) {
        throw new IllegalArgumentException(
            origin + ": " + table + "." + column + " is mapped twice, to '" + before
                + "' and to '" + source + "'; give it once");
      }
    }
    return of(parsed, origin);
  }

  /**
   * Reads a mapping file: a JSON object of canonical source tables, each an object of canonical
   * column → source column, e.g. {@code {"erp_sales": {"sku": "item_code"}}}; the same structure in
   * YAML when the file name ends in {@code .yaml} or {@code .yml}.
   *
   * @throws IllegalArgumentException naming the file and, where there is one, the bad entry or the
   *     line and column of a syntax error (a key given twice in one object is an error)
   */
  public static ColumnMapping read(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    boolean yaml = lower.endsWith(".yaml") || lower.endsWith(".yml");
    if (!yaml && !lower.endsWith(".json")) {
      throw new IllegalArgumentException(
          "column mapping file " + file + ": name it .json, .yaml or .yml to say its format");
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("column mapping file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "column mapping file " + file + " cannot be read: " + e.getMessage(), e);
    }
    return parse(text, yaml, "column mapping file " + file);
  }

  /**
   * Parses the text of a mapping file.
   *
   * @param text the file's content
   * @param yaml whether it is YAML (else JSON)
   * @param origin where the text comes from, e.g. {@code "column mapping file m.json"}; the
   *     messages start with it
   * @throws IllegalArgumentException naming the bad entry or the syntax error's line and column
   */
  public static ColumnMapping parse(String text, boolean yaml, String origin) {
    ObjectMapper mapper = yaml
        ? YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()
        : JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new IllegalArgumentException(
          origin + ": not valid " + (yaml ? "YAML" : "JSON")
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
              + ": " + (e.getOriginalMessage().startsWith("Trailing token")
                  ? "content after the mapping's object; the file holds one object"
                  : e.getOriginalMessage()), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return IDENTITY;
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException(
          origin + ": expected an object of source tables, e.g. " + EXAMPLE_FILE + ", found "
              + describe(root));
    }
    Map<String, Map<String, String>> parsed = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> tables = root.fields(); tables.hasNext(); ) {
      Map.Entry<String, JsonNode> table = tables.next();
      if (!table.getValue().isObject()) {
        throw new IllegalArgumentException(
            origin + ": " + table.getKey() + ": expected an object of canonical column to source"
                + " column, e.g. "
                + EXAMPLE_FILE + ", found " + describe(table.getValue()));
      }
      Map<String, String> columns = parsed.computeIfAbsent(table.getKey(), t -> new LinkedHashMap<>());
      for (Iterator<Map.Entry<String, JsonNode>> cs = table.getValue().fields(); cs.hasNext(); ) {
        Map.Entry<String, JsonNode> column = cs.next();
        if (!column.getValue().isTextual()) {
          throw new IllegalArgumentException(
              origin + ": " + table.getKey() + "." + column.getKey() + ": expected the source"
                  + " column's name as a"
                  + " string, found " + describe(column.getValue())
                  + (yaml ? " (quote it)" : ""));
        }
        columns.put(column.getKey(), column.getValue().textValue());
      }
    }
    return of(parsed, origin);
  }

  private static String describe(JsonNode node) {
    String kind = node.getNodeType().name().toLowerCase(Locale.ROOT);
    String text = node.toString();
    return kind + " " + (text.length() > 60 ? text.substring(0, 57) + "..." : text);
  }

  /**
   * This mapping with {@code overrides}' entries added, replacing this mapping's entry for the same
   * canonical column (a command-line option overriding a file).
   *
   * @throws IllegalArgumentException when the combination is invalid, e.g. two columns then read
   *     the same source column
   */
  public ColumnMapping overriddenBy(ColumnMapping overrides) {
    return overriddenBy(overrides, "column mapping");
  }

  /**
   * {@link #overriddenBy(ColumnMapping)}, with the messages starting with {@code origin}, e.g.
   * {@code "--mapping with --map"}.
   */
  public ColumnMapping overriddenBy(ColumnMapping overrides, String origin) {
    if (overrides.isEmpty()) {
      return this;
    }
    Map<String, Map<String, String>> combined = new LinkedHashMap<>();
    entries.forEach((table, columns) -> combined.put(table, new LinkedHashMap<>(columns)));
    overrides.entries.forEach(
        (table, columns) -> combined.computeIfAbsent(table, t -> new LinkedHashMap<>()).putAll(columns));
    return of(combined, origin);
  }

  /**
   * The source column holding {@code column} of {@code table}: its mapped name, else the canonical
   * name itself.
   */
  public String sourceColumn(TableSchema table, String column) {
    Map<String, String> columns = entries.get(table.name());
    String source = columns == null ? null : columns.get(column);
    return source == null ? column : source;
  }

  /** Whether {@code column} of {@code table} has an entry (a mapped column must exist). */
  public boolean isMapped(TableSchema table, String column) {
    Map<String, String> columns = entries.get(table.name());
    return columns != null && columns.containsKey(column);
  }

  /** The entries of one table, canonical column → source column, in column order; maybe empty. */
  public Map<String, String> entries(TableSchema table) {
    return entries.getOrDefault(table.name(), Map.of());
  }

  /**
   * Every entry: canonical source table → (canonical column → source column), in canonical table
   * and column order; tables without entries are left out.
   */
  public Map<String, Map<String, String>> asMap() {
    return entries;
  }

  /** Whether there are no entries. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ColumnMapping other && entries.equals(other.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  /** The entries as {@value #ENTRY_SYNTAX}, comma-separated; {@code (none)} when empty. */
  @Override
  public String toString() {
    StringJoiner out = new StringJoiner(", ");
    entries.forEach((table, columns) ->
        columns.forEach((column, source) -> out.add(table + "." + column + "=" + source)));
    return entries.isEmpty() ? "(none)" : out.toString();
  }
}
