package io.demandcast.pipelines.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandcast.connectors.RunId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The Dataflow Flex Template metadata ({@code dataflow/flex-template/metadata.json}) of {@code
 * demandcast run}, generated from picocli's model of {@link RunCommand} so that every template
 * parameter carries the CLI's own help text.
 *
 * <p>A template parameter is the option's long name in camelCase ({@code --service-level} becomes
 * {@code serviceLevel}): Dataflow passes parameters to the launcher as {@code --name=value}, and
 * camelCase names cannot be mistaken for Beam's own pipeline options. {@link FlexTemplateMain} turns
 * them back into the CLI's options. The repeatable options ({@link #LISTS}) take a comma-separated
 * list. Options that make no sense on Dataflow ({@link #NOT_EXPOSED}) are left out.
 *
 * <p>Regenerate the committed file with {@link #REGENERATE}.
 */
public final class FlexTemplateMetadata {
  private FlexTemplateMetadata() {}

  /** The command that rewrites the committed metadata file, from the repository root. */
  public static final String REGENERATE =
      "./demandcast flex-template-metadata > dataflow/flex-template/metadata.json";

  /** Template name in the metadata. */
  static final String NAME = "demandcast run";

  /** What Dataflow accepts as a template parameter name here: a letter, then letters or digits. */
  static final Pattern PARAMETER_NAME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9]*$");

  /**
   * Options of {@code run} not offered as template parameters, with the reason: the DuckDB
   * warehouse file and the planner report live on a local disk, which a Dataflow launcher does
   * not keep; help and version print and exit.
   */
  static final Map<String, String> NOT_EXPOSED = Map.of(
      "--warehouse", "a local DuckDB file; on Dataflow the outputs go to --output",
      "--reports", "the planner report is written for DuckDB warehouses only",
      "--report-top", "the planner report is written for DuckDB warehouses only",
      "--currency", "the planner report is written for DuckDB warehouses only",
      "--help", "prints and exits",
      "--version", "prints and exits");

  /**
   * Options that are optional on the command line but required of the template, with the reason:
   * without --output the job would publish to a DuckDB file inside the launcher, lost with it.
   */
  static final Map<String, String> REQUIRED = Map.of(
      "--output", "the warehouse on Dataflow; the default, a local DuckDB file, is lost with the launcher");

  /** Repeatable options a template parameter gives as one comma-separated list. */
  static final Set<String> LISTS = Set.of("--source", "--map");

  /** Options whose template parameter Dataflow should check with a regex, by long name. */
  private static final Map<String, String> REGEXES = Map.of(
      "--source", "^[a-z_]+=[^,]+(,[a-z_]+=[^,]+)*$",
      "--map", "^[a-z_]+\\.[a-z_]+=[^,]+(,[a-z_]+\\.[a-z_]+=[^,]+)*$",
      "--output", "^(bigquery|hive)://[^\\s]+$",
      "--run-id", RunId.ANCHORED_PATTERN,
      "--service-level", "^(0(\\.[0-9]+)?|1(\\.0+)?)$",
      "--service-measure", "^(fill-rate|cycle-service)$",
      "--continuous-policy", "^(s_S|s_Q)$",
      "--lead-time-distribution", "^(?i)(auto|normal|discrete|empirical)$");

  private static final String INTEGER = "^[0-9]+$";
  private static final String DECIMAL = "^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$";

  /** The template parameter name of a long option, e.g. {@code serviceLevel} for {@code --service-level}. */
  static String parameterName(String longOption) {
    String[] words = longOption.replaceFirst("^--", "").split("-");
    StringBuilder name = new StringBuilder(words[0]);
    for (int i = 1; i < words.length; i++) {
      name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
    }
    return name.toString();
  }

  /** The options of {@code run} that are template parameters, by parameter name, in CLI order. */
  static Map<String, OptionSpec> exposedOptions() {
    Map<String, OptionSpec> out = new LinkedHashMap<>();
    for (OptionSpec option : runSpec().options()) {
      if (!NOT_EXPOSED.containsKey(option.longestName())) {
        out.put(parameterName(option.longestName()), option);
      }
    }
    return out;
  }

  /** Every long option name of {@code run}. */
  static Set<String> runOptionNames() {
    return runSpec().options().stream().map(OptionSpec::longestName)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static CommandSpec runSpec() {
    return new CommandLine(new RunCommand()).getCommandSpec();
  }

  /** The metadata, as Dataflow's {@code flex-template build --metadata-file} reads it. */
  public static ObjectNode generate() {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("name", NAME);
    root.put("description", "demandcast's job on Dataflow: reads the source tables, validates"
        + " every record, forecasts each SKU x location, recommends orders and publishes the"
        + " output tables to --output (a BigQuery dataset or a Hive database) under a new run id."
        + " Generated from the options of ./demandcast run; regenerate with: " + REGENERATE);
    ArrayNode parameters = root.putArray("parameters");
    exposedOptions().forEach((name, option) -> {
      ObjectNode p = parameters.addObject();
      p.put("name", name);
      p.put("label", label(option));
      String help = String.join(" ", option.description()).replaceAll("\\s+", " ").trim();
      if (LISTS.contains(option.longestName())) {
        help = help.replaceFirst("Repeatable([.;])", Matcher.quoteReplacement(
            "Several as a comma-separated list, e.g. " + option.paramLabel() + ","
                + option.paramLabel()) + "$1");
      }
      p.put("helpText", help);
      p.put("isOptional", !option.required() && !REQUIRED.containsKey(option.longestName()));
      String regex = regex(option);
      if (regex != null) {
        p.putArray("regexes").add(regex);
      }
    });
    return root;
  }

  /** The metadata as the committed file's text: two-space indented JSON and a final newline. */
  public static String generateText() {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(generate()) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A short label: the option name in words, e.g. "Service level" for --service-level. */
  private static String label(OptionSpec option) {
    String words = option.longestName().replaceFirst("^--", "").replace('-', ' ');
    String label = Character.toUpperCase(words.charAt(0)) + words.substring(1);
    return label.replace("Run id", "Run ID").replace("Sku ", "SKU ");
  }

  private static String regex(OptionSpec option) {
    String regex = REGEXES.get(option.longestName());
    if (regex != null) {
      return regex;
    }
    Class<?> type = option.type();
    if (type == int.class || type == Integer.class) {
      return INTEGER;
    }
    if (type == double.class || type == Double.class) {
      return DECIMAL;
    }
    if (type.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object constant : type.getEnumConstants()) {
        names.add(((Enum<?>) constant).name());
      }
      return "^(" + String.join("|", names) + ")$";
    }
    return null;
  }

  /**
   * What is wrong with a metadata file against {@code run}'s options: a parameter without name,
   * label or help text, a name Dataflow would refuse, a regex that does not compile, a parameter
   * that is no option of {@code run}, an exposed option of {@code run} that has no parameter.
   *
   * @return one line per problem; empty when the metadata is fine
   */
  static List<String> problems(JsonNode metadata) {
    List<String> problems = new ArrayList<>();
    for (String field : List.of("name", "description")) {
      if (metadata.path(field).asText("").isBlank()) {
        problems.add("the metadata has no " + field);
      }
    }
    Map<String, OptionSpec> expected = exposedOptions();
    Set<String> found = new LinkedHashSet<>();
    for (JsonNode p : metadata.path("parameters")) {
      String name = p.path("name").asText("");
      if (!found.add(name)) {
        problems.add("parameter " + name + " appears twice");
      }
      if (!PARAMETER_NAME.matcher(name).matches()) {
        problems.add("parameter name '" + name + "' is not a letter followed by letters or digits");
      }
      for (String field : List.of("label", "helpText")) {
        if (p.path(field).asText("").isBlank()) {
          problems.add("parameter " + name + " has no " + field);
        }
      }
      if (!p.path("isOptional").isBoolean()) {
        problems.add("parameter " + name + " has no isOptional true/false");
      }
      for (JsonNode regex : p.path("regexes")) {
        try {
          Pattern.compile(regex.asText());
        } catch (RuntimeException e) {
          problems.add("parameter " + name + " regex " + regex.asText() + " does not compile: "
              + e.getMessage());
        }
      }
      if (!expected.containsKey(name)) {
        problems.add("parameter " + name + " is no option of ./demandcast run (expected one of "
            + expected.keySet() + ")");
      }
    }
    expected.forEach((name, option) -> {
      if (!found.contains(name)) {
        problems.add("option " + option.longestName() + " of ./demandcast run has no template"
            + " parameter " + name + "; regenerate with: " + REGENERATE);
      }
    });
    return problems;
  }

  /** The problems one a line, for assertion messages. */
  static String describe(List<String> problems) {
    return problems.isEmpty() ? "no problem" : String.join("\n", problems);
  }
}
