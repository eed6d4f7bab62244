package io.demandcast.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The Flex Template's {@code --name=value} arguments parse into the same options as the CLI's. */
class FlexTemplateMainTest {

  /** A run command parsed from {@code demandcast} arguments (which start with {@code run}). */
  private static RunCommand parse(String... demandcastArgs) {
    assertThat(demandcastArgs[0]).isEqualTo("run");
    RunCommand run = new RunCommand();
    String[] rest = java.util.Arrays.copyOfRange(demandcastArgs, 1, demandcastArgs.length);
    new CommandLine(run).parseArgs(rest);
    return run;
  }

  /** Every option's parsed value by long name, plus the Beam arguments. */
  private static Map<String, Object> values(RunCommand run) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (OptionSpec option : new CommandLine(run).getCommandSpec().options()) {
      out.put(option.longestName(), option.getValue());
    }
    out.put("beamArgs", run.beamArgs);
    return out;
  }

  @Test
  void givenTemplateArguments_whenTurnedIntoCliArguments_thenTheyParseAsTheCliWould() {
    RunCommand template = parse(FlexTemplateMain.cliArgs(
        "--runner=DataflowRunner",
        "--runId=nightly-42",
        "--period=WEEK",
        "--horizon=8",
        "--serviceLevel=0.98",
        "--serviceMeasure=cycle-service",
        "--classServiceLevels=A=0.99,B=0.95,C=0.9",
        "--locationCapacity=PLANT01=50000,PLANT02=8000",
        "--skuShards=256",
        "--output=bigquery://acme/demandcast",
        "--source=erp_sales=bigquery://acme/erp.sales,iot_readings=s3://b/r/?format=jsonl",
        "--map=erp_sales.sku=item_code, erp_sales.date=sale_day",
        "--mapping=map.json",
        "--project=acme",
        "--region=europe-west1",
        "--tempLocation=gs://acme-tmp/temp"));
    RunCommand cli = parse("run", "--runner=DataflowRunner", "--run-id", "nightly-42",
        "--period", "WEEK", "--horizon", "8", "--service-level", "0.98",
        "--service-measure", "cycle-service", "--class-service-levels", "A=0.99,B=0.95,C=0.9",
        "--location-capacity", "PLANT01=50000,PLANT02=8000", "--sku-shards", "256",
        "--output", "bigquery://acme/demandcast",
        "--source", "erp_sales=bigquery://acme/erp.sales",
        "--source", "iot_readings=s3://b/r/?format=jsonl",
        "--map", "erp_sales.sku=item_code", "--map", "erp_sales.date=sale_day",
        "--mapping", "map.json",
        "--project=acme", "--region=europe-west1", "--tempLocation=gs://acme-tmp/temp");
    assertThat(values(template)).isEqualTo(values(cli));
    // and the values are the ones given, not two sets of defaults
    assertThat(template.options.horizon).isEqualTo(8);
    assertThat(template.options.serviceLevel).isEqualTo(0.98);
    assertThat(template.sourceOptions.sources).containsExactly(
        Map.entry("erp_sales", "bigquery://acme/erp.sales"),
        Map.entry("iot_readings", "s3://b/r/?format=jsonl"));
    assertThat(template.sourceOptions.maps).containsExactly("erp_sales.sku=item_code", "erp_sales.date=sale_day");
    assertThat(template.beamArgs).containsExactly("--runner=DataflowRunner", "--project=acme",
        "--region=europe-west1", "--tempLocation=gs://acme-tmp/temp");
  }

  @Test
  void givenNoParameters_whenParsed_thenTheCliDefaults() {
    assertThat(values(parse(FlexTemplateMain.cliArgs("--runner=DataflowRunner"))))
        .isEqualTo(values(parse("run", "--runner=DataflowRunner")));
  }

  @Test
  void givenBlankParameters_whenTurnedIntoCliArguments_thenDropped() {
    assertThat(FlexTemplateMain.cliArgs("--runId=", "--source= ", "--horizon=6"))
        .containsExactly("run", "--horizon=6");
  }

  @Test
  void givenKebabOrUnknownArguments_whenTurnedIntoCliArguments_thenPassedOnAsIs() {
    // a CLI spelling is not a template parameter; picocli still reads it as the option
    assertThat(FlexTemplateMain.cliArgs("--service-level=0.9", "--jobName=x", "--warehouse=w"))
        .containsExactly("run", "--service-level=0.9", "--jobName=x", "--warehouse=w");
  }

  @Test
  void givenDockerfile_whenRead_thenItStartsThisMainClassFromTheShadedJobJar() throws IOException {
    Path dockerfile = Path.of("..", "dataflow", "flex-template", "Dockerfile");
    String text = Files.readString(dockerfile, StandardCharsets.UTF_8);
    assertThat(text).containsPattern("(?m)^FROM gcr\\.io/dataflow-templates-base/java17-template-launcher-base")
        .contains("ENV FLEX_TEMPLATE_JAVA_MAIN_CLASS=\"" + FlexTemplateMain.class.getName() + "\"")
        .contains("ENV FLEX_TEMPLATE_JAVA_CLASSPATH=\"${WORKDIR}/demandcast.jar\"")
        .contains("COPY beam-pipelines/target/demandcast.jar ${WORKDIR}/demandcast.jar");
    // the jar the Dockerfile copies is the one the shade plugin writes
    assertThat(Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8))
        .contains("<finalName>demandcast</finalName>");
  }
}
