package io.demandcast.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandcast.connectors.duckdb.DuckDbConnections;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the job jar the way {@code ./demandcast} does — {@code java -jar target/demandcast.jar}, in
 * its own JVM with only the jar on the class path — so that what the unit tests' class path hides
 * (a class the shaded jar lacks, a service file the shade plugin did not merge) fails here. The
 * job runs once on a small synthetic warehouse (20 weekly series, written by the jar's own {@code
 * generate}): that starts Beam (pipeline options, runner), forecasts and writes the report. (An
 * empty or missing warehouse is refused: a run that forecasts nothing fails.) {@code sql} runs a script from standard input with the json format
 * (Jackson in the jar, the statement splitting and the dot commands).
 */
class ShadedJarIT {
  @TempDir Path dir;

  @Test
  void givenShadedJar_whenItsConnectorServiceFileIsRead_thenItNamesTheFiveConnectors()
      throws IOException {
    Path jar = Paths.get("target", "demandcast.jar").toAbsolutePath();
    assertThat(jar).as("the package phase builds the job jar before the integration tests").exists();
    List<String> connectors;
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      var entry = zip.getEntry("META-INF/services/io.demandcast.connectors.SourceConnector");
      assertThat(entry).as("the shade plugin keeps the connectors' service file").isNotNull();
      connectors = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8)
          .lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
    assertThat(connectors).containsExactlyInAnyOrder(
        "io.demandcast.connectors.bigquery.BigQueryConnector",
        "io.demandcast.connectors.duckdb.DuckDbConnector",
        "io.demandcast.connectors.glue.GlueConnector",
        "io.demandcast.connectors.hive.HiveConnector",
        "io.demandcast.connectors.s3.S3Connector");
  }

  @Test
  void givenShadedJar_whenRunOnASmallWarehouse_thenTheRunCompletes()
      throws IOException, InterruptedException {
    Path jar = Paths.get("target", "demandcast.jar").toAbsolutePath();
    assertThat(jar).as("the package phase builds the job jar before the integration tests").exists();
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Path generated = dir.resolve("generate.txt");
    Process generate = new ProcessBuilder(List.of(java.toString(), "-jar", jar.toString(),
            "generate", "--series", "20", "--weeks", "104",
            "--warehouse", dir.resolve("w.duckdb").toString()))
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(generated.toFile())
        .start();
    assertThat(generate.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(generate.exitValue()).as(Files.readString(generated)).isZero();
    Path log = dir.resolve("out.txt");
    Process process =
        new ProcessBuilder(
                List.of(
                    // every runner sets up Beam's S3 filesystem, whose default region comes from
                    // the AWS SDK's chain, ending with EC2 instance metadata (169.254.169.254):
                    // the SDK's switch turns that lookup off
                    java.toString(), "-Daws.disableEc2Metadata=true", "-jar", jar.toString(), "run",
                    "--warehouse", dir.resolve("w.duckdb").toString(), "--period", "WEEK",
                    "--horizon", "13", "--reports", dir.resolve("reports").toString()))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean finished = process.waitFor(5, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(finished).as("finished within 5 minutes; output:%n%s", out).isTrue();
    assertThat(process.exitValue()).as("exit code; output:%n%s", out).isZero();
    assertThat(out)
        .contains("complete in")
        .doesNotContain("NoClassDefFoundError")
        // POI logs through the Log4j API: without the bridge to SLF4J in the jar, Log4j warns
        .doesNotContain("could not find a logging provider");
    // the report's workbook: POI (XSSF, SXSSF, xmlbeans' schemas) works from the shaded jar
    try (Stream<Path> reports = Files.list(dir.resolve("reports"))) {
      Path xlsx = reports.findFirst().orElseThrow().resolve("recommendations.xlsx");
      try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(xlsx))) {
        assertThat(workbook.getSheet("Recommendations").getRow(0).getCell(1).getStringCellValue())
            .isEqualTo("sku");
        assertThat(workbook.getSheet("Recommendations").getLastRowNum()).isPositive();
      }
    }
  }

  @Test
  void givenShadedJar_whenSqlReadsAScriptFromStandardInputAsJson_thenJacksonReadsTheRowsBack()
      throws Exception {
    Path jar = Paths.get("target", "demandcast.jar").toAbsolutePath();
    assertThat(jar).as("the package phase builds the job jar before the integration tests").exists();
    Path warehouse = dir.resolve("w.duckdb");
    try (Connection c = DuckDbConnections.open(warehouse)) {
      c.createStatement().execute("create table t as select 'a,\"b\"' as s, 0.1::double + 0.2::double as x");
    } finally {
      DuckDbConnections.closeAll();
    }
    Path script = Files.writeString(dir.resolve("script.sql"),
        "select s,\n  x from t;\n.schema t\n", StandardCharsets.UTF_8);
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Path log = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process process =
        new ProcessBuilder(
                List.of(java.toString(), "-jar", jar.toString(), "sql", "--format", "json",
                    "--warehouse", warehouse.toString()))
            .directory(dir.toFile())
            .redirectInput(script.toFile())
            .redirectOutput(log.toFile())
            .redirectError(err.toFile())
            .start();
    boolean finished = process.waitFor(2, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    String errors = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(finished).as("finished within 2 minutes; output:%n%s%s", out, errors).isTrue();
    assertThat(process.exitValue()).as("exit code; errors:%n%s", errors).isZero();
    List<JsonNode> documents = new ArrayList<>();
    try (JsonParser parser =
        new ObjectMapper().createParser(out)) {
      for (JsonNode d = parser.readValueAsTree(); d != null;
          d = parser.readValueAsTree()) {
        documents.add(d);
      }
    }
    assertThat(documents).as(out).hasSize(2); // the query's rows, then .schema's
    assertThat(documents.get(0).get(0).get("s").textValue()).isEqualTo("a,\"b\"");
    assertThat(documents.get(0).get(0).get("x").doubleValue()).isEqualTo(0.1 + 0.2);
    assertThat(documents.get(1).get(1).get("name").textValue()).isEqualTo("x");
  }

  /**
   * {@code --runner=DataflowRunner} from the shaded jar, offline: the service files name the
   * Dataflow runner and options registrars, and a run without {@code --project} (no gcloud
   * configuration: an empty home folder) stops inside the runner's checks, naming the option,
   * before any run is recorded, in seconds. Beam's no-op path validator and credential factory
   * keep the checks from asking Google about the bucket or for credentials, and {@code --awsRegion}
   * keeps Beam's S3 filesystem from asking EC2 instance metadata for a region (see {@link
   * DataflowRunnerOptionsTest}; {@code -Daws.disableEc2Metadata=true} blocks that lookup too).
   */
  @Test
  void givenShadedJar_whenRunnerIsDataflowWithoutProject_thenTheRunnerIsFoundAndNamesTheOption()
      throws Exception {
    Path jar = Paths.get("target", "demandcast.jar").toAbsolutePath();
    assertThat(jar).as("the package phase builds the job jar before the integration tests").exists();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      String runners = new String(zip.getInputStream(zip.getEntry(
          "META-INF/services/org.apache.beam.sdk.runners.PipelineRunnerRegistrar")).readAllBytes(),
          StandardCharsets.UTF_8);
      assertThat(runners)
          .contains("org.apache.beam.runners.dataflow.DataflowPipelineRegistrar$Runner")
          .contains("org.apache.beam.runners.direct.DirectRegistrar$Runner");
      String options = new String(zip.getInputStream(zip.getEntry(
          "META-INF/services/org.apache.beam.sdk.options.PipelineOptionsRegistrar")).readAllBytes(),
          StandardCharsets.UTF_8);
      assertThat(options).contains("org.apache.beam.runners.dataflow.DataflowPipelineRegistrar$Options");
    }
    Path home = Files.createDirectory(dir.resolve("home"));
    Path warehouse = dir.resolve("w.duckdb");
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Path log = dir.resolve("out.txt");
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    java.toString(), "-Duser.home=" + home, "-Daws.disableEc2Metadata=true",
                    "-jar", jar.toString(), "run",
                    "--warehouse", warehouse.toString(),
                    "--reports", dir.resolve("reports").toString(),
                    "--runner=DataflowRunner", "--region=europe-west1",
                    "--tempLocation=gs://acme-tmp/demandcast",
                    "--workerMachineType=n2-standard-4", "--maxNumWorkers=4",
                    "--pathValidatorClass=org.apache.beam.sdk.extensions.gcp.storage.NoopPathValidator",
                    "--credentialFactoryClass=org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory",
                    "--awsRegion=eu-west-1"))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("CLOUDSDK_") || k.startsWith("GOOGLE_"));
    env.put("HOME", home.toString());
    Process process = builder.start();
    boolean finished = process.waitFor(60, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(finished).as("finished within 60 s; output:%n%s", out).isTrue();
    assertThat(process.exitValue()).as("exit code; output:%n%s", out).isEqualTo(2);
    assertThat(out)
        .as("an unregistered runner fails as \"Unknown 'runner' specified\"")
        .doesNotContain("Unknown 'runner'")
        .doesNotContain("NoClassDefFoundError")
        .contains("Missing required value")
        .contains("getProject()");
    assertThat(DataflowRunnerOptionsTest.runsRecorded(warehouse)).isZero();
  }
}
