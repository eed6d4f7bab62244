package io.demandcast.connectors.terraform;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.bertramlabs.plugins.hcl4j.HCLParserException;
import com.bertramlabs.plugins.hcl4j.symbols.Symbol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One Terraform root module (the {@code .tf} files of one folder) as hcl4j parses it, with the
 * accessors the checks need.
 *
 * <p>What hcl4j returns (0.9.8), as printed once while writing these checks:
 *
 * <ul>
 *   <li>{@code resource "t" "n" {...}} is {@code root["resource"]["t"]["n"]}, a map of the block's
 *       attributes and nested blocks; {@code data} likewise.
 *   <li>A nested block is a map when it occurs once and a list of maps when it repeats: {@link
 *       #blocks} reads both.
 *   <li>Literals are {@code String}, {@code Double}, {@code Boolean}, lists and maps; {@code
 *       jsonencode([...])} of literals is its JSON text.
 *   <li>A bare reference ({@code aws_s3_bucket.lake.arn}) is a {@link Symbol} whose name is the
 *       reference's text; inside a string ({@code "${aws_s3_bucket.lake.arn}/*"}) it is spliced in as
 *       that text ({@code aws_s3_bucket.lake.arn/*}).
 *   <li>{@code var.x} is resolved only from variables handed to the parser: {@link #load} hands it
 *       the variables' defaults and the module's {@code terraform.tfvars.example}. {@code local.x}
 *       is resolved when the locals are in the same parse, hence the files are parsed together.
 *   <li>{@code dynamic "b" { content {...} }} is {@code block["dynamic"]["b"]["content"]}.
 * </ul>
 *
 * @param name the module's name for messages, e.g. {@code gcp}
 * @param files the files parsed, in order; empty for a module parsed from text
 * @param root the parsed configuration
 */
public record TerraformModule(String name, List<Path> files, Map<String, Object> root) {

  /** The example variable values a module folder may hold, used for variables without default. */
  public static final String TFVARS_EXAMPLE = "terraform.tfvars.example";

  public TerraformModule {
    Objects.requireNonNull(name, "name");
    files = List.copyOf(files);
    root = Collections.unmodifiableMap(root);
  }

  /**
   * Parses the {@code .tf} files of a folder (not its sub-folders) as one module, with {@code var.*}
   * set from the variables' defaults and the folder's {@value #TFVARS_EXAMPLE}, if any.
   *
   * @throws IllegalArgumentException naming the folder when it has no {@code .tf} file, or the file
   *     hcl4j cannot parse
   */
  public static TerraformModule load(Path dir) {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(".tf")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(dir + " holds no .tf file");
    }
    StringBuilder all = new StringBuilder();
    for (Path file : files) {
      String text = read(file);
      parseHcl(file.toString(), text, Map.of()); // a parse error names its file
      all.append(text).append('\n');
    }
    Map<String, Object> variables = new HashMap<>();
    Map<String, Object> declared = map(parseHcl(dir.toString(), all.toString(), Map.of()).get("variable"));
    declared.forEach(
        (variable, body) -> {
          Map<String, Object> block = map(body);
          if (block.containsKey("default")) {
            variables.put(variable, block.get("default"));
          }
        });
    Path example = dir.resolve(TFVARS_EXAMPLE);
    if (Files.isRegularFile(example)) {
      variables.putAll(parseHcl(example.toString(), read(example), Map.of()));
    }
    String name = dir.toAbsolutePath().normalize().getFileName().toString();
    return new TerraformModule(name, files, parseHcl(dir.toString(), all.toString(), variables));
  }

  /**
   * Parses HCL text as a module, for tests of the checks.
   *
   * @param name the module's name for messages
   * @param hcl the configuration
   * @param variables the values of {@code var.*}
   */
  public static TerraformModule parse(String name, String hcl, Map<String, Object> variables) {
    return new TerraformModule(name, List.of(), parseHcl(name, hcl, variables));
  }

  private static Map<String, Object> parseHcl(String what, String hcl, Map<String, Object> variables) {
    HCLParser parser = new HCLParser();
    parser.setVariable("var", new HashMap<>(variables));
    try {
      return parser.parse(hcl);
    } catch (HCLParserException | IOException | RuntimeException e) {
      throw new IllegalArgumentException("hcl4j cannot parse " + what + ": " + e, e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The resources of a type, by name, in file order; empty when there are none. */
  public Map<String, Map<String, Object>> resources(String type) {
    return named(map(map(root.get("resource")).get(type)));
  }

  /** The data sources of a type, by name; empty when there are none. */
  public Map<String, Map<String, Object>> dataSources(String type) {
    return named(map(map(root.get("data")).get(type)));
  }

  /** Every resource type the module declares. */
  public List<String> resourceTypes() {
    return List.copyOf(map(root.get("resource")).keySet());
  }

  /** The declared variables, by name. */
  public Map<String, Map<String, Object>> variables() {
    return named(map(root.get("variable")));
  }

  /** The declared outputs, by name. */
  public Map<String, Map<String, Object>> outputs() {
    return named(map(root.get("output")));
  }

  private static Map<String, Map<String, Object>> named(Map<String, Object> byName) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    byName.forEach((k, v) -> out.put(k, map(v)));
    return out;
  }

  // ---- reading parsed values --------------------------------------------------------------

  /** A block or map value as a map; an absent value as an empty map. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object value) {
    if (value instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    return Map.of();
  }

  /**
   * The nested blocks called {@code type} of a block: none, one (hcl4j's map) or several (its list),
   * plus the content of {@code dynamic "type"} blocks.
   */
  public static List<Map<String, Object>> blocks(Map<String, Object> block, String type) {
    List<Map<String, Object>> out = new ArrayList<>(list(block.get(type)).stream()
        .filter(Map.class::isInstance)
        .map(TerraformModule::map)
        .toList());
    for (Object dynamic : list(block.get("dynamic"))) {
      for (Object generated : list(map(dynamic).get(type))) {
        out.add(map(map(generated).get("content")));
      }
    }
    return out;
  }

  /** A value as a list: a list as is, null as empty, anything else as a one-element list. */
  public static List<Object> list(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> l) {
      return new ArrayList<>(l);
    }
    return List.of(value);
  }

  /**
   * A scalar as text: a string as is, a reference as its text ({@code aws_s3_bucket.lake.id}), a
   * whole number without decimals, a boolean as {@code true}/{@code false}; null for null, lists and
   * maps.
   */
  public static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Symbol s) {
      return s.getName();
    }
    if (value instanceof Double d) {
      return d == Math.rint(d) && !d.isInfinite() ? Long.toString(d.longValue()) : d.toString();
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    return null;
  }

  /**
   * The name of the resource of type {@code type} that a reference names, e.g. {@code lake} for
   * {@code aws_s3_bucket.lake.id}; null when the value is not such a reference.
   */
  public static String referencedName(Object value, String type) {
    String text = text(value);
    if (text == null || !text.startsWith(type + ".")) {
      return null;
    }
    String[] parts = text.split("\\.");
    return parts.length >= 2 ? parts[1] : null;
  }

  @Override
  public String toString() {
    return "TerraformModule[" + name + ", " + files.size() + " files]";
  }
}
