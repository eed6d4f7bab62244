package io.demandcast.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The committed Flex Template metadata ({@code dataflow/flex-template/metadata.json}, found from the
 * module folder) against the one generated from {@code run}'s options.
 */
class FlexTemplateMetadataTest {
  static final Path METADATA = Path.of("..", "dataflow", "flex-template", "metadata.json");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode committed() throws IOException {
    return JSON.readTree(Files.readString(METADATA, StandardCharsets.UTF_8));
  }

  private static Map<String, JsonNode> byName(JsonNode metadata) {
    Map<String, JsonNode> out = new HashMap<>();
    metadata.path("parameters").forEach(p -> out.put(p.path("name").asText(), p));
    return out;
  }

  @Test
  void givenCommittedMetadata_whenComparedWithTheGenerated_thenEqual() throws IOException {
    assertThat(committed())
        .as("%s differs from the metadata generated from ./demandcast run's options; regenerate"
            + " it from the repository root with:%n  %s", METADATA, FlexTemplateMetadata.REGENERATE)
        .isEqualTo(FlexTemplateMetadata.generate());
  }

  @Test
  void givenCommittedMetadata_whenChecked_thenNoProblem() throws IOException {
    List<String> problems = FlexTemplateMetadata.problems(committed());
    assertThat(problems).as(FlexTemplateMetadata.describe(problems)).isEmpty();
  }

  @Test
  void givenRunOptions_whenExposed_thenEveryOptionButTheLocalOnesIsAParameter() {
    Set<String> run = FlexTemplateMetadata.runOptionNames();
    // every reason names a real option of run, so a renamed option cannot slip out unnoticed
    assertThat(run).containsAll(FlexTemplateMetadata.NOT_EXPOSED.keySet());
    Set<String> exposed = new LinkedHashSet<>();
    FlexTemplateMetadata.exposedOptions().values().forEach(o -> exposed.add(o.longestName()));
    Set<String> expected = new LinkedHashSet<>(run);
    expected.removeAll(FlexTemplateMetadata.NOT_EXPOSED.keySet());
    assertThat(exposed).containsExactlyElementsOf(expected);
    assertThat(exposed).contains("--run-id", "--period", "--horizon", "--service-level",
        "--service-measure", "--output", "--source", "--map", "--mapping");
  }

  @Test
  void givenOptionNames_whenParameterName_thenCamelCase() {
    assertThat(FlexTemplateMetadata.parameterName("--service-level")).isEqualTo("serviceLevel");
    assertThat(FlexTemplateMetadata.parameterName("--quarantine-min-readings"))
        .isEqualTo("quarantineMinReadings");
    assertThat(FlexTemplateMetadata.parameterName("--output")).isEqualTo("output");
  }

  @Test
  void givenGeneratedMetadata_whenHelpTextsRead_thenTheyAreTheCliOwnWithDefaultsFilledIn() {
    Map<String, JsonNode> params = byName(FlexTemplateMetadata.generate());
    assertThat(params.get("horizon").path("helpText").asText())
        .isEqualTo("Periods to forecast. Default: 12, or 28 with --period DAY");
    assertThat(params.get("period").path("helpText").asText()).contains("WEEK", "MONTH", "DAY")
        .doesNotContain("${");
    assertThat(params.get("period").path("regexes").get(0).asText())
        .isEqualTo("^(MONTH|WEEK|DAY)$");
    assertThat(params.get("source").path("helpText").asText())
        .contains("Several as a comma-separated list, e.g. TABLE=URI,TABLE=URI.")
        .doesNotContain("Repeatable");
    assertThat(params.get("map").path("helpText").asText())
        .contains("Several as a comma-separated list, e.g. TABLE.COLUMN=SOURCE_COLUMN,"
            + "TABLE.COLUMN=SOURCE_COLUMN; overrides --mapping")
        .doesNotContain("Repeatable");
    // optional on the command line, required of the template; everything else optional
    params.forEach((name, p) -> assertThat(p.path("isOptional").asBoolean())
        .as(name + " isOptional").isEqualTo(!name.equals("output")));
    params.values().forEach(p -> assertThat(p.path("helpText").asText()).as(p.toString())
        .doesNotContain("${"));
  }

  @Test
  void givenEachParameterRegex_whenTheCliDefaultAndABadValueAreMatched_thenDefaultPassesBadFails() {
    Map<String, JsonNode> params = byName(FlexTemplateMetadata.generate());
    for (Map.Entry<String, OptionSpec> e : FlexTemplateMetadata.exposedOptions().entrySet()) {
      String def = e.getValue().defaultValue();
      JsonNode regexes = params.get(e.getKey()).path("regexes");
      if (def != null && !def.isEmpty()) {
        regexes.forEach(r -> assertThat(Pattern.compile(r.asText()).matcher(def).matches())
            .as(e.getKey() + " default " + def + " against " + r.asText()).isTrue());
      }
    }
    assertThat(matches(params, "serviceLevel", "1.5")).isFalse();
    assertThat(matches(params, "serviceLevel", "0.975")).isTrue();
    assertThat(matches(params, "horizon", "-3")).isFalse();
    assertThat(matches(params, "period", "month")).isFalse();
    assertThat(matches(params, "source", "erp_sales")).isFalse();
    assertThat(matches(params, "source",
        "erp_sales=bigquery://p/d.sales,iot_readings=s3://b/r/?format=jsonl")).isTrue();
    assertThat(matches(params, "map", "erp_sales.sku=item_code,erp_sales.date=day")).isTrue();
    assertThat(matches(params, "map", "sku=item_code")).isFalse();
    assertThat(matches(params, "output", "duckdb:x.duckdb")).isFalse();
    assertThat(matches(params, "output", "bigquery://acme/demandcast")).isTrue();
  }

  private static boolean matches(Map<String, JsonNode> params, String name, String value) {
    JsonNode regexes = params.get(name).path("regexes");
    assertThat(regexes).as(name + " regexes").isNotEmpty();
    for (JsonNode r : regexes) {
      if (!Pattern.compile(r.asText()).matcher(value).matches()) {
        return false;
      }
    }
    return true;
  }

  @Test
  void givenBrokenMetadata_whenChecked_thenEachProblemIsReported() {
    ObjectNode metadata = FlexTemplateMetadata.generate();
    ArrayNode params = (ArrayNode) metadata.get("parameters");
    ObjectNode horizon = find(params, "horizon");
    horizon.put("helpText", " ");
    find(params, "period").put("name", "demand-period");
    find(params, "output").putArray("regexes").add("^(bigquery");
    params.remove(indexOf(params, "serviceLevel"));
    params.addObject().put("name", "planner").put("label", "Planner").put("helpText", "who")
        .put("isOptional", true);
    List<String> problems = FlexTemplateMetadata.problems(metadata);
    assertThat(problems).hasSize(7);
    assertThat(problems).contains(
        "parameter horizon has no helpText",
        "parameter name 'demand-period' is not a letter followed by letters or digits",
        "option --period of ./demandcast run has no template parameter period; regenerate with: "
            + FlexTemplateMetadata.REGENERATE,
        "option --service-level of ./demandcast run has no template parameter serviceLevel;"
            + " regenerate with: " + FlexTemplateMetadata.REGENERATE);
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .startsWith("parameter output regex ^(bigquery does not compile"));
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .startsWith("parameter planner is no option of ./demandcast run"));
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .startsWith("parameter demand-period is no option of ./demandcast run"));
  }

  @Test
  void givenHiddenSubcommand_whenRun_thenItPrintsTheGeneratedText() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = DemandcastCli.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), "flex-template-metadata");
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(FlexTemplateMetadata.generateText());
  }

  private static ObjectNode find(ArrayNode params, String name) {
    return (ObjectNode) params.get(indexOf(params, name));
  }

  private static int indexOf(ArrayNode params, String name) {
    for (int i = 0; i < params.size(); i++) {
      if (params.get(i).path("name").asText().equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no parameter " + name);
  }
}
