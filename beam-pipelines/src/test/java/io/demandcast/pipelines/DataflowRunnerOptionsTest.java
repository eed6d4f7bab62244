package io.demandcast.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.pipelines.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.runners.dataflow.DataflowRunner;
import org.apache.beam.runners.dataflow.options.DataflowPipelineOptions;
import org.apache.beam.sdk.PipelineRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --runner=DataflowRunner} through the job's own option parsing and {@code run}'s argument
 * handling, offline: Beam's no-op path validator and credential factory keep the runner's checks
 * from asking Google whether the gs:// bucket exists or for application-default credentials, and
 * nothing here reaches {@code pipeline.run()} (which would stage the jar to GCS). The gcloud
 * default project is hidden by pointing {@code user.home} at an empty folder.
 */
class DataflowRunnerOptionsTest {
  /** Beam's offline stand-ins for the GCS bucket check and the credentials. */
  static final List<String> OFFLINE = List.of(
      "--pathValidatorClass=org.apache.beam.sdk.extensions.gcp.storage.NoopPathValidator",
      "--credentialFactoryClass=org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory");

  @TempDir Path dir;
  private final String userHome = System.getProperty("user.home");

  @AfterEach
  void restoreUserHome() {
    System.setProperty("user.home", userHome);
    DuckDbConnections.closeAll();
  }

  /** {@code args}, then {@link #OFFLINE}. */
  private static List<String> offline(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(OFFLINE);
    return all;
  }

  @Test
  void givenDataflowRunnerProjectRegionTempLocation_whenTheJobParsesThem_thenTheRunnerIsDataflow() {
    PipelineOptions options = DemandcastJob.pipelineOptions(
        List.of("--runner=DataflowRunner", "--project=p", "--region=r", "--tempLocation=gs://b/t"));
    assertThat(options.getRunner()).isEqualTo(DataflowRunner.class);
    DataflowPipelineOptions dataflow = options.as(DataflowPipelineOptions.class);
    assertThat(dataflow.getProject()).isEqualTo("p");
    assertThat(dataflow.getRegion()).isEqualTo("r");
    assertThat(dataflow.getTempLocation()).isEqualTo("gs://b/t");
    assertThat(dataflow.getJobName()).isEqualTo("demandcast");
  }

  @Disabled("reaches DataflowRunner.fromOptions, which took 180-270 s here while JVMs held"
      + " connections to the GCE metadata server 169.254.169.254: find the probe and stub it first")
  @Test
  void givenValidDataflowOptions_whenTheRunnerIsCreated_thenItIsADataflowRunnerStagingUnderTemp() {
    PipelineOptions options = DemandcastJob.pipelineOptions(offline(
        "--runner=DataflowRunner", "--project=acme-demand", "--region=europe-west1",
        "--tempLocation=gs://acme-tmp/demandcast"));
    // what Pipeline.create (in DemandcastJob.run, before the run is recorded) does first
    assertThat(PipelineRunner.fromOptions(options)).isInstanceOf(DataflowRunner.class);
    DataflowPipelineOptions dataflow = options.as(DataflowPipelineOptions.class);
    assertThat(dataflow.getGcpTempLocation()).isEqualTo("gs://acme-tmp/demandcast");
    assertThat(dataflow.getStagingLocation()).isEqualTo("gs://acme-tmp/demandcast/staging/");
  }

  @Disabled("reaches DataflowRunner.fromOptions, which took 180-270 s here while JVMs held"
      + " connections to the GCE metadata server 169.254.169.254: find the probe and stub it first")
  @Test
  void givenAProjectNumberInsteadOfItsId_whenTheRunnerIsCreated_thenTheErrorNamesTheProject() {
    // Beam's own check; "p" above parses but would fail it too (an ID has 6 to 30 characters),
    // and so would the one-letter bucket "b" (3 to 63)
    PipelineOptions options = DemandcastJob.pipelineOptions(offline(
        "--runner=DataflowRunner", "--project=123456", "--region=r", "--tempLocation=gs://acme-tmp/t"));
    assertThatThrownBy(() -> PipelineRunner.fromOptions(options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Project ID '123456' invalid");
  }

  @Disabled("reaches DataflowRunner.fromOptions, which took 180-270 s here while JVMs held"
      + " connections to the GCE metadata server 169.254.169.254: find the probe and stub it first")
  @Test
  void givenDataflowWorkerOptions_whenRunIsCalled_thenEachIsAcceptedAndTheRunnerChecksRunFirst()
      throws Exception {
    Path warehouse = dir.resolve("w.duckdb");
    // every option parses (an unknown one fails first, see below); the project number then stops
    // the job inside DataflowRunner.fromOptions, offline and before anything is recorded
    CliRun.Outcome outcome = CliRun.execute(offline(
        "run", "--warehouse", warehouse.toString(), "--reports", dir.resolve("r").toString(),
        "--runner=DataflowRunner", "--project=123456", "--region=europe-west1",
        "--tempLocation=gs://acme-tmp/demandcast", "--stagingLocation=gs://acme-tmp/staging",
        "--serviceAccount=demandcast-job@acme-demand.iam.gserviceaccount.com",
        "--workerMachineType=n2-standard-4", "--maxNumWorkers=8", "--numWorkers=2",
        "--diskSizeGb=50", "--autoscalingAlgorithm=THROUGHPUT_BASED", "--usePublicIps=false",
        "--subnetwork=regions/europe-west1/subnetworks/default",
        "--labels={\"team\":\"planning\"}", "--experiments=use_runner_v2"));
    assertThat(outcome.exitCode()).as(outcome.err()).isNotZero();
    assertThat(outcome.err()).contains("Project ID '123456' invalid");
    assertThat(runsRecorded(warehouse)).isZero();

    CliRun.Outcome misspelt = CliRun.execute(offline(
        "run", "--warehouse", warehouse.toString(), "--runner=DataflowRunner",
        "--project=acme-demand", "--region=r", "--tempLocation=gs://acme-tmp/t", "--maxWorkers=8"));
    assertThat(misspelt.exitCode()).isNotZero();
    assertThat(misspelt.err()).contains("maxWorkers");
  }

  @Test
  void givenNoProjectAndNoGcloudDefault_whenRun_thenItFailsBeforeRecordingARunNamingProject()
      throws Exception {
    assumeTrue(System.getenv("CLOUDSDK_CONFIG") == null,
        "CLOUDSDK_CONFIG names a gcloud configuration whose project would be the default");
    System.setProperty("user.home", Files.createDirectory(dir.resolve("home")).toString());
    Path warehouse = dir.resolve("w.duckdb");
    CliRun.Outcome outcome = CliRun.execute(offline(
        "run", "--warehouse", warehouse.toString(), "--reports", dir.resolve("r").toString(),
        "--runner=DataflowRunner", "--region=europe-west1", "--tempLocation=gs://acme-tmp/t"));
    assertThat(outcome.exitCode()).as(outcome.err()).isNotZero();
    // Beam names the getter, not the flag: "Missing required value for [... getProject(), ...]"
    assertThat(outcome.err()).contains("Missing required value").contains("getProject()");
    assertThat(runsRecorded(warehouse)).isZero();
  }

  /** Rows of model_runs, 0 when the warehouse or the table is missing. */
  static long runsRecorded(Path warehouse) throws Exception {
    if (!Files.exists(warehouse)) {
      return 0;
    }
    try (Connection c = DuckDbConnections.open(warehouse);
        ResultSet tables = c.createStatement().executeQuery(
            "select count(*) from information_schema.tables where table_name = 'model_runs'")) {
      tables.next();
      if (tables.getLong(1) == 0) {
        return 0;
      }
      try (ResultSet rs = c.createStatement().executeQuery("select count(*) from model_runs")) {
        rs.next();
        return rs.getLong(1);
      }
    } finally {
      DuckDbConnections.closeAll();
    }
  }
}
